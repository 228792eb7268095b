#!/bin/sh
# Token-counting benchmark: build/bench_tokens (llm.h, single thread) on a
# >= 10 MB mixed corpus it writes to build/bench_tokens_corpus.txt, then the
# JavaScript peers on the same file (bench/peers_tokens.js) when Node is
# installed (their packages go into bench/node_modules via npm; llm.h never
# needs them). PEERS=tiktoken,ai-tokenizer limits the peers (js-tiktoken
# takes about a minute on this corpus).
set -e
mkdir -p build
CC=${CC:-cc}
$CC -std=c99 -O2 -o build/bench_tokens bench/bench_tokens.c
build/bench_tokens | tee build/bench_tokens.txt
if command -v node >/dev/null 2>&1; then
    if [ ! -d bench/node_modules/tiktoken ]; then (cd bench && npm install --no-audit --no-fund >/dev/null 2>&1) || true; fi
    if [ -d bench/node_modules/tiktoken ]; then
        node bench/peers_tokens.js build/bench_tokens_corpus.txt | tee build/bench_tokens_peers.txt
        ours=$(awk '/^cl100k_base: exact/ { print $4 }' build/bench_tokens.txt)
        total=$(awk '/^cl100k_base: exact/ { print $(NF-1) }' build/bench_tokens.txt)
        awk -v ours="$ours" -v total="$total" '/MB\/s/ { name = $1; sub(/:$/, "", name); mbs = $2;
            same = ($(NF-2) == total) ? "identical count" : "count differs: " $(NF-2) " vs " total;
            printf "llm.h cl100k_base exact count is %.1fx %s (%s)\n", ours / mbs, name, same }' build/bench_tokens_peers.txt
    else
        echo "(JavaScript peers left out: npm install in bench/ failed)"
    fi
else
    echo "(JavaScript peers left out: node is not installed)"
fi
