#!/bin/sh
# Benchmarks of `make bench`; each part prints its own figures.
set -e
mkdir -p build
CC=${CC:-cc}
echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "compiler: $($CC --version | head -n 1); flags: -O2; commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)"
echo
sh bench/run_tokens.sh
