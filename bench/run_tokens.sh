#!/bin/sh
# Token-counting benchmark (part of bench/run.sh): OUT/bench_tokens (llm.h,
# single thread) on a >= 10 MB mixed corpus it writes to
# build/bench_tokens_corpus.txt, OUT/count_tokens (the same count through one
# llm_bpe_cache kept across the documents, one pass), then the JavaScript
# peers on the same file (bench/peers_tokens.js; their packages come from
# bench/package-lock.json into bench/node_modules: make bench-peers; llm.h
# never needs them). PEERS=tiktoken,ai-tokenizer limits the peers
# (js-tiktoken takes about a minute on this corpus). BENCH_SMOKE=1: llm.h's
# side only. Every program prints its RESULT lines. Exit 1 when a part
# fails, or when npm tiktoken's count, or the cached count, differs from
# llm.h's.
set -e
CC=${CC:-cc}
OUT=${OUT:-build}
FLAGS=${FLAGS:--std=c99 -O2}
mkdir -p "$OUT"
$CC $FLAGS -o "$OUT/bench_tokens" bench/bench_tokens.c
$CC $FLAGS -o "$OUT/count_tokens" bench/count_tokens.c
"$OUT/bench_tokens" > "$OUT/bench_tokens.txt" || { cat "$OUT/bench_tokens.txt"; exit 1; }
cat "$OUT/bench_tokens.txt"
# counting through one llm_bpe_cache kept across the documents, one pass
"$OUT/count_tokens" build/bench_tokens_corpus.txt > "$OUT/count_tokens.txt" || { cat "$OUT/count_tokens.txt"; exit 1; }
cat "$OUT/count_tokens.txt"
total=$(awk -F '\t' '$1 == "RESULT" && $3 == "cl100k_base" && $4 == "llm.h" && $5 == "tokens" { print $6 }' "$OUT/bench_tokens.txt")
cached=$(awk -F '\t' '$1 == "RESULT" && $5 == "tokens" { print $6 }' "$OUT/count_tokens.txt")
[ -n "$total" ] && [ "$total" = "$cached" ] || { echo "bench/run_tokens.sh: llm_bpe_count_cached counted $cached, llm_bpe_count $total" >&2; exit 1; }
[ -z "${BENCH_SMOKE:-}" ] || exit 0
if ! command -v node > /dev/null 2>&1 || [ ! -d bench/node_modules/tiktoken ]; then
    echo "bench/run_tokens.sh: the JavaScript peers are missing: make bench-peers (Debian nodejs npm)" >&2
    exit 1
fi
node bench/peers_tokens.js build/bench_tokens_corpus.txt > "$OUT/bench_tokens_peers.txt"
cat "$OUT/bench_tokens_peers.txt"
ours=$(awk -F '\t' '$1 == "RESULT" && $3 == "cl100k_base" && $4 == "llm.h" && $5 == "count_mb_per_s" { print $6 }' "$OUT/bench_tokens.txt")
awk -F '\t' -v ours="$ours" -v total="$total" '$1 != "RESULT" { next }
    $5 == "count_mb_per_s" { mbs[$4] = $6; if (!($4 in seen)) { seen[$4] = 1; names[++n] = $4 } }
    $5 == "tokens" { count[$4] = $6 }
    END {
        if (!("tiktoken" in count)) { print "bench/run_tokens.sh: npm tiktoken gave no count" > "/dev/stderr"; bad = 1 }
        for (i = 1; i <= n; i++) {
            name = names[i]
            same = (count[name] == total) ? "identical count" : "count differs: " count[name] " vs " total
            if (name == "tiktoken" && count[name] != total) bad = 1
            if (mbs[name] > 0) printf "llm.h cl100k_base exact count is %.1fx %s (%s)\n", ours / mbs[name], name, same
        }
        exit bad
    }' "$OUT/bench_tokens_peers.txt"
