#!/bin/sh
# Build figures (part of bench/run.sh): what llm.h costs a project that
# takes it in, beside what the openai SDK weighs on disk.
#
# - compile time of the implementation: a TU with LLM_IMPLEMENTATION and
#   nothing else, $CC $OPT -c (-O2 under make bench), every feature on;
#   RUNS runs (3), median and range;
# - the object's code (text, size(1)) with every feature, and with the
#   smallest set (LLM_NO_COSTS, LLM_NO_BPE, LLM_NO_STDIO, only the OpenAI
#   wire formats: LLM_NO_PROVIDER_ANTHROPIC, LLM_NO_PROVIDER_GEMINI; the
#   firmware build's "smallest", check-firmware), built once;
# - the headers `make install` installs (INSTALL_HEADERS in the Makefile),
#   in bytes and gzip -9'd, beside the openai SDK's npm package as installed
#   in bench/openai_node (make bench-peers; left out when it is not there
#   under BENCH_SMOKE). Goal: the headers < 1 MB (LiteLLM's package: 41 MB,
#   not measured here).
#
# Prints a line per figure and "RESULT\tbench_build\tCASE\tIMPL\tMETRIC\tVALUE"
# lines. Exit 1 when a build fails.
#   OUT=build CC=cc OPT=-O2 RUNS=3 sh bench/run_build.sh
set -e
CC=${CC:-cc}
OUT=${OUT:-build}
OPT=${OPT:--O2}
RUNS=${RUNS:-3}
WARN="-std=c99 -Wall -Wextra -Wpedantic -Werror"
SMALLEST="-DLLM_NO_COSTS -DLLM_NO_BPE -DLLM_NO_STDIO -DLLM_NO_PROVIDER_ANTHROPIC -DLLM_NO_PROVIDER_GEMINI"
mkdir -p "$OUT"
printf '#define LLM_IMPLEMENTATION\n#include "llm.h"\n' > "$OUT/bench_build_impl.c"
now_ns() { date +%s%N; }
text_of() { size "$1" | awk 'NR == 2 { print $1 }'; }

echo "build: $CC $OPT -c of a TU with LLM_IMPLEMENTATION, every feature on, $RUNS runs"
: > "$OUT/bench_build_times.txt"
i=0
while [ $i -lt "$RUNS" ]; do
    t0=$(now_ns)
    $CC $WARN $OPT -I. -c -o "$OUT/bench_build_all.o" "$OUT/bench_build_impl.c"
    t1=$(now_ns)
    echo $(((t1 - t0) / 1000000)) >> "$OUT/bench_build_times.txt"
    i=$((i + 1))
done
sort -n "$OUT/bench_build_times.txt" | awk -v opt="$OPT" '{ v[NR] = $1 / 1000 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "  compile time %s: %.2f s (%.2f-%.2f)\n", opt, m, v[1], v[NR]
    c = "compile" opt; gsub(/-/, "_", c)
    printf "RESULT\tbench_build\t%s\tllm.h\ts_median\t%.2f\nRESULT\tbench_build\t%s\tllm.h\ts_min\t%.2f\n", c, m, c, v[1]
    printf "RESULT\tbench_build\t%s\tllm.h\ts_max\t%.2f\n", c, v[NR] }'
t0=$(now_ns)
$CC $WARN $OPT $SMALLEST -I. -c -o "$OUT/bench_build_smallest.o" "$OUT/bench_build_impl.c"
t1=$(now_ns)
all=$(text_of "$OUT/bench_build_all.o")
small=$(text_of "$OUT/bench_build_smallest.o")
echo "  compile time $OPT, the smallest set: $(awk -v t=$(((t1 - t0) / 1000000)) 'BEGIN { printf "%.2f", t / 1000 }') s (1 run)"
echo "  object code (text) $OPT: every feature $all bytes; the smallest set ($SMALLEST) $small bytes"
c=$(echo "compile$OPT" | sed 's/-/_/g')
printf 'RESULT\tbench_build\t%s_smallest\tllm.h\ts\t%s\n' "$c" "$(awk -v t=$(((t1 - t0) / 1000000)) 'BEGIN { printf "%.2f", t / 1000 }')"
printf 'RESULT\tbench_build\tobject_text\tllm.h\tbytes\t%s\n' "$all"
printf 'RESULT\tbench_build\tobject_text_smallest\tllm.h\tbytes\t%s\n' "$small"

headers=$(awk '/^INSTALL_HEADERS *=/ { sub(/^[^=]*= */, ""); print }' Makefile)
[ -n "$headers" ] || { echo "bench/run_build.sh: no INSTALL_HEADERS in the Makefile" >&2; exit 1; }
bytes=$(cat $headers | wc -c | tr -d ' ')
gz=$(cat $headers | gzip -9 | wc -c | tr -d ' ')
echo "  headers installed ($headers): $bytes bytes, $gz gzip -9'd"
printf 'RESULT\tbench_build\tpackage\tllm.h\tbytes\t%s\n' "$bytes"
printf 'RESULT\tbench_build\tpackage\tllm.h\tgzip_bytes\t%s\n' "$gz"
sdk=bench/openai_node/node_modules/openai
if [ -f $sdk/package.json ]; then
    sdk_bytes=$(du -sb $sdk | awk '{ print $1 }')
    sdk_gz=$(tar -C $sdk -cf - . | gzip -9 | wc -c | tr -d ' ')
    echo "  the openai SDK (npm $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' $sdk/package.json | head -n 1)," \
        "as installed): $sdk_bytes bytes, $sdk_gz gzip -9'd (a tar of its folder)"
    printf 'RESULT\tbench_build\tpackage\topenai-node\tbytes\t%s\n' "$sdk_bytes"
    printf 'RESULT\tbench_build\tpackage\topenai-node\tgzip_bytes\t%s\n' "$sdk_gz"
elif [ -z "${BENCH_SMOKE:-}" ]; then
    echo "bench/run_build.sh: $sdk is missing: make bench-peers" >&2
    exit 1
fi
awk -v b="$bytes" 'BEGIN { printf "goal: the installed headers < 1 MB (the LiteLLM package: 41 MB, not measured here): %.2f MB, %s\n",
    b / 1e6, b < 1e6 ? "met" : "MISSED" }'
