#!/bin/sh
# llm.h's exact token counts beside npm tiktoken (bench/node_modules, npm
# install in bench/) on the corpus bench_tokens writes, cl100k_base, the two
# sides interleaved (A B A B ...) so that a busy machine slows both alike:
# - whole process: `llm tokens --encoding cl100k_base CORPUS` against node
#   loading tiktoken and counting the same file (encode_ordinary), wall time;
# - counting alone: each document, vocabulary already loaded
#   (build/count_tokens against bench/peers_tokens.js PEERS=tiktoken), with
#   one llm_bpe_cache kept across the documents (the goal's figure) and
#   without it (plain llm_bpe_count, for reference).
# Prints each round's ratios, then the medians and ranges; goals 10x and 20x.
# Run from the repository root after `make build/llm` and build/bench_tokens.
ROUNDS=${ROUNDS:-5}
CORPUS=build/bench_tokens_corpus.txt
CC=${CC:-cc}
set -e
[ -f "$CORPUS" ] || { echo "no $CORPUS: run build/bench_tokens first"; exit 1; }
[ -x build/llm ] || { echo "no build/llm: make build/llm"; exit 1; }
[ -d bench/node_modules/tiktoken ] || { echo "no npm tiktoken: (cd bench && npm install)"; exit 1; }
$CC -std=c99 -O2 -o build/count_tokens bench/count_tokens.c
now() { date +%s.%N; }
whole_js='const t = require(require.resolve("tiktoken", { paths: [process.cwd() + "/bench"] }));
const e = t.get_encoding("cl100k_base");
console.log(e.encode_ordinary(require("fs").readFileSync(process.argv[1], "utf8")).length);'
: > build/tokens_vs_tiktoken.txt
i=0
while [ $i -lt "$ROUNDS" ]; do
    t0=$(now); ours=$(build/llm tokens --encoding cl100k_base "$CORPUS"); t1=$(now)
    theirs=$(node -e "$whole_js" "$CORPUS"); t2=$(now)
    [ "$ours" = "$theirs" ] || { echo "counts differ: llm.h $ours, tiktoken $theirs"; exit 1; }
    a=$(build/count_tokens "$CORPUS" | grep -v '^RESULT'); b=$(PEERS=tiktoken node bench/peers_tokens.js "$CORPUS" | grep -v '^RESULT')
    p=$(build/count_tokens --no-cache "$CORPUS" | grep -v '^RESULT')
    [ "${a#* total }" != "${a}" ] && [ "$(echo "$a" | awk '{ print $5 }')" = "$(echo "$b" | awk '{ print $5 }')" ] &&
        [ "$(echo "$p" | awk '{ print $5 }')" = "$(echo "$b" | awk '{ print $5 }')" ] ||
        { echo "counts differ: llm.h $a / $p, tiktoken $b"; exit 1; }
    echo "$t0 $t1 $t2 $(echo "$a" | awk '{ print $2 }') $(echo "$b" | awk '{ print $2 }') $(echo "$p" | awk '{ print $2 }')" |
        awk '{ w = ($3 - $2) / ($2 - $1); c = $4 / $5; n = $6 / $5
        printf "round: whole process %.3f s vs %.3f s = %.1fx; counting alone %s vs %s MB/s = %.1fx (without the cache %s MB/s = %.1fx)\n", $2 - $1, $3 - $2, w, $4, $5, c, $6, n
        print w, c, n >> "build/tokens_vs_tiktoken.txt" }'
    i=$((i + 1))
done
sort -n -k1,1 build/tokens_vs_tiktoken.txt | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "whole process: llm.h is %.1fx npm tiktoken (median of %d, range %.1f-%.1f); goal >= 10x: %s\n", m, NR, v[1], v[NR], (m >= 10 ? "met" : "MISSED") }'
sort -n -k2,2 build/tokens_vs_tiktoken.txt | awk '{ v[NR] = $2 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "counting alone: llm.h is %.1fx npm tiktoken (median of %d, range %.1f-%.1f); goal >= 20x: %s\n", m, NR, v[1], v[NR], (m >= 20 ? "met" : "MISSED") }'
sort -n -k3,3 build/tokens_vs_tiktoken.txt | awk '{ v[NR] = $3 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "counting alone without llm_bpe_cache: llm.h is %.1fx npm tiktoken (median of %d, range %.1f-%.1f)\n", m, NR, v[1], v[NR] }'
