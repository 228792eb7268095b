#!/bin/sh
# Token-counting benchmark (part of bench/run.sh): OUT/bench_tokens (llm.h,
# single thread) on a >= 10 MB mixed corpus it writes to
# build/bench_tokens_corpus.txt, then the JavaScript peers on the same file
# (bench/peers_tokens.js; their packages come from bench/package-lock.json
# into bench/node_modules: make bench-peers; llm.h never needs them).
# PEERS=tiktoken,ai-tokenizer limits the peers (js-tiktoken takes about a
# minute on this corpus). BENCH_SMOKE=1: llm.h's side only. Exit 1 when a
# part fails or npm tiktoken's count differs from llm.h's.
set -e
CC=${CC:-cc}
OUT=${OUT:-build}
FLAGS=${FLAGS:--std=c99 -O2}
mkdir -p "$OUT"
$CC $FLAGS -o "$OUT/bench_tokens" bench/bench_tokens.c
"$OUT/bench_tokens" > "$OUT/bench_tokens.txt" || { cat "$OUT/bench_tokens.txt"; exit 1; }
cat "$OUT/bench_tokens.txt"
# RESULT lines from the table, unless bench_tokens prints its own
grep -q '^RESULT' "$OUT/bench_tokens.txt" || awk '
    /: load [0-9.]+ ms/ { e = $1; sub(/:$/, "", e); printf "RESULT\tbench_tokens\t%s\tllm.h\tload_ms\t%s\n", e, $3 }
    /: exact count / { e = $1; sub(/:$/, "", e); printf "RESULT\tbench_tokens\t%s\tllm.h\tcount_mb_per_s\t%s\n", e, $4 }
    /^estimator / { e = $2; gsub(/[():]/, "", e); printf "RESULT\tbench_tokens\t%s\tllm.h_estimator\tgb_per_s\t%s\n", e, $3 }' \
    "$OUT/bench_tokens.txt"
[ -z "${BENCH_SMOKE:-}" ] || exit 0
if ! command -v node > /dev/null 2>&1 || [ ! -d bench/node_modules/tiktoken ]; then
    echo "bench/run_tokens.sh: the JavaScript peers are missing: make bench-peers (Debian nodejs npm)" >&2
    exit 1
fi
node bench/peers_tokens.js build/bench_tokens_corpus.txt > "$OUT/bench_tokens_peers.txt"
cat "$OUT/bench_tokens_peers.txt"
ours=$(awk '/^cl100k_base: exact/ { print $4 }' "$OUT/bench_tokens.txt")
total=$(awk '/^cl100k_base: exact/ { print $(NF-1) }' "$OUT/bench_tokens.txt")
awk -v ours="$ours" -v total="$total" '/MB\/s/ { name = $1; sub(/:$/, "", name); mbs = $2;
    same = ($(NF-2) == total) ? "identical count" : "count differs: " $(NF-2) " vs " total;
    if (name == "tiktoken" && $(NF-2) != total) bad = 1
    printf "RESULT\tbench_tokens\tcl100k_base\t%s\tcount_mb_per_s\t%s\n", name, mbs
    printf "llm.h cl100k_base exact count is %.1fx %s (%s)\n", ours / mbs, name, same }
    END { exit bad }' "$OUT/bench_tokens_peers.txt"
