#!/bin/sh
# Benchmark figures (`make bench`). Each part prints its lines; the header
# records machine, compiler, flags and commit.
CC=${CC:-cc}
FLAGS="-std=c99 -O2"
mkdir -p build
echo "machine: $(uname -m), $(nproc 2>/dev/null || echo '?') cores; compiler: $($CC --version | head -n 1); flags: $FLAGS; commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# costs and model info
$CC $FLAGS -o build/bench_costs bench/bench_costs.c || exit 1
echo "costs: costs_embedded.h is $(wc -c < costs_embedded.h) bytes"
build/bench_costs tools/data/model_prices_and_context_window.json || exit 1
