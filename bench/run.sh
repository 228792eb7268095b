#!/bin/sh
# Benchmarks of `make bench`. Peers (cJSON, simdjson) are linked only when
# their Debian packages are installed (libcjson-dev, libsimdjson-dev).
set -e
mkdir -p build
CC=${CC:-cc}
echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "compiler: $($CC --version | head -n 1); flags: -O2; commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)"

flags="" libs="" objs=""
if [ -f /usr/include/cjson/cJSON.h ]; then flags="$flags -DBENCH_CJSON"; libs="$libs -lcjson"; else echo "(cJSON left out: apt-get install libcjson-dev)"; fi
if [ -f /usr/include/simdjson.h ]; then
    c++ -O2 -std=c++17 -c -o build/bench_simdjson.o bench/bench_simdjson.cc
    flags="$flags -DBENCH_SIMDJSON"; libs="$libs -lsimdjson -lstdc++"; objs="build/bench_simdjson.o"
else echo "(simdjson left out: apt-get install libsimdjson-dev)"; fi
$CC -std=c99 -O2 -D_POSIX_C_SOURCE=199309L $flags -o build/bench_json bench/bench_json.c $objs $libs
echo
build/bench_json
echo
$CC -std=c99 -O2 -D_POSIX_C_SOURCE=199309L -o build/bench_router bench/bench_router.c
build/bench_router
