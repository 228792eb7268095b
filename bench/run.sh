#!/bin/sh
# Benchmark figures (`make bench`). Each part prints its lines; the header
# records machine, compiler, flags and commit. Peers (cJSON, simdjson) are
# linked only when their Debian packages are installed (libcjson-dev,
# libsimdjson-dev).
CC=${CC:-cc}
FLAGS="-std=c99 -O2"
mkdir -p build
echo "machine: $(uname -m), $(nproc 2>/dev/null || echo '?') cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "compiler: $($CC --version | head -n 1); flags: $FLAGS; commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# JSON parse and encode, beside cJSON and simdjson
flags="" libs="" objs=""
if [ -f /usr/include/cjson/cJSON.h ]; then flags="$flags -DBENCH_CJSON"; libs="$libs -lcjson"; else echo "(cJSON left out: apt-get install libcjson-dev)"; fi
if [ -f /usr/include/simdjson.h ]; then
    c++ -O2 -std=c++17 -c -o build/bench_simdjson.o bench/bench_simdjson.cc || exit 1
    flags="$flags -DBENCH_SIMDJSON"; libs="$libs -lsimdjson -lstdc++"; objs="build/bench_simdjson.o"
else echo "(simdjson left out: apt-get install libsimdjson-dev)"; fi
$CC $FLAGS -D_POSIX_C_SOURCE=199309L $flags -o build/bench_json bench/bench_json.c $objs $libs || exit 1
echo
build/bench_json || exit 1

# SSE streams: framing, decoding + accumulation, allocations per event,
# beside memchr (+ cJSON) and, when bench/sse/node_modules is installed
# (npm ci --prefix bench/sse), the openai SDK and eventsource-parser in Node
# on the same bytes (build/bench_openai_stream.sse, written by bench_sse)
flags="" libs=""
if [ -f /usr/include/cjson/cJSON.h ]; then flags="-DBENCH_CJSON"; libs="-lcjson"; fi
$CC $FLAGS -D_POSIX_C_SOURCE=199309L $flags -o build/bench_sse bench/bench_sse.c $libs || exit 1
echo
build/bench_sse build/bench_openai_stream.sse > build/bench_sse.txt || { cat build/bench_sse.txt; exit 1; }
cat build/bench_sse.txt
if [ -x bench/sse/node_modules/.bin/node ]; then
    bench/sse/node_modules/.bin/node bench/sse/bench_sse.mjs build/bench_openai_stream.sse > build/bench_sse_node.txt || exit 1
    echo "Node, same file:"
    sed 's/^/  /' build/bench_sse_node.txt
    # llm.h's events/s (framing + decoding + accumulation) over each Node figure
    awk 'FNR == NR { if ($1 == "llm.h" && $2 == "openai") c = $4
                     if ($1 == "openai:") for (i = 2; i <= NF; i++) if ($i == "content") want = $(i - 1)
                     next }
         /^node / && match($0, /[0-9.]+ M events\/s/) {
             v = substr($0, RSTART, RLENGTH) * 1e6; who = $2; sub(":", "", who)
             split($0, parts, "content bytes "); got = parts[2] + 0
             printf "  llm.h / %s: %.1fx%s\n", who, c / v, (got == want ? "" : " (content bytes differ: " got " vs " want ")")
             if (who == "openai-sdk") printf "  goal >= 40x the openai SDK: %.1fx, %s\n", c / v, (c >= 40 * v ? "met" : "MISSED")
         }' build/bench_sse.txt build/bench_sse_node.txt
else
    echo "(Node peers left out: npm ci --prefix bench/sse)"
fi

# costs and model info
echo
$CC $FLAGS -o build/bench_costs bench/bench_costs.c || exit 1
echo "costs: costs_embedded.h is $(wc -c < costs_embedded.h) bytes"
build/bench_costs tools/data/model_prices_and_context_window.json || exit 1

# tokens: exact BPE and the estimator (peers with PEERS=tiktoken,gpt-tokenizer,ai-tokenizer)
echo
sh bench/run_tokens.sh || exit 1

# router: pick + report per attempt
echo
$CC $FLAGS -D_POSIX_C_SOURCE=199309L -o build/bench_router bench/bench_router.c || exit 1
build/bench_router || exit 1

# real HTTP: llm.h + llm_curl_adapter.h beside bare libcurl + cJSON and the
# openai Node SDK (npm ci --prefix bench/openai_node), on a loopback mock server
echo
if [ -f /usr/include/curl/curl.h ] && [ -f /usr/include/cjson/cJSON.h ]; then
    make -s build/bench_http || exit 1
    build/bench_http || exit 1
else
    echo "(bench_http left out: apt-get install libcurl4-openssl-dev libcjson-dev)"
fi

# the router's limits shared through Redis: routed calls/s through the runner
# with and without the store, and Redis round trips per call
echo
if [ -f /usr/include/curl/curl.h ] && [ -f /usr/include/hiredis/hiredis.h ] && command -v redis-server > /dev/null; then
    make -s build/bench_store || exit 1
    build/bench_store || exit 1
else
    echo "(bench_store left out: apt-get install libcurl4-openssl-dev libhiredis-dev redis-server)"
fi
