#!/bin/sh
# check-generated: every generated part of the repository equals a fresh
# generation from its inputs, and the inputs are the pinned ones.
#   llm.h, region unicode-tables: tools/gen_unicode.py from the UCD 15.0.0
#     files in tools/data/ucd-15.0.0/ (sha256 in its README.md)
#   llm.h, region estimator-weights: tools/calibrate_estimator.py from
#     tests/data/tokens/ (corpus.txt and its exact counts, expected.json)
#   costs_embedded.h, whole: BUILD/gen_costs (tools/gen_costs.c) from
#     tools/data/model_prices_and_context_window.json (sha256 in
#     tools/data/model_prices.source)
# The generators rewrite a copy of llm.h in BUILD/generated/, never the
# tracked files; a region is compared between its markers, wherever it sits
# in llm.h. Needs python3, and $CC for the estimator's features.
#   usage: sh tools/check_generated.sh BUILD   (BUILD/gen_costs already built)
B=${1:-build}
out=$B/generated
mkdir -p "$out"
passed=0; failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# pinned FILE SHA256: FILE's bytes are the pinned ones
pinned() {
    sum=$(sha256sum < "$1" | cut -d ' ' -f 1)
    if [ -z "$2" ]; then fail "$1: no sha256 pinned for it"
    elif [ "$sum" != "$2" ]; then fail "$1: sha256 $sum, pinned $2"
    else passed=$((passed + 1)); fi
}
ucd=tools/data/ucd-15.0.0
for f in UnicodeData.txt PropList.txt; do
    pinned "$ucd/$f" "$(sed -n "s/^| \`$f\` | [0-9,]* | \`\([0-9a-f]\{64\}\)\` |\$/\1/p" "$ucd/README.md")"
done
pinned tools/data/model_prices_and_context_window.json "$(sed -n 's/^sha256 \([0-9a-f]\{64\}\)$/\1/p' tools/data/model_prices.source)"

# region NAME FILE: the lines from "/* >>NAME begin" to "/* >>NAME end */"
region() {
    awk -v b="/* >>$1 begin" -v e="/* >>$1 end */" 'index($0, b) == 1 { on = 1; n++ } on { print } on && $0 == e { on = 0 } END { exit n != 1 || on }' "$2"
}
# same_region NAME GENERATOR: llm.h's region NAME equals the copy's
same_region() {
    if ! region "$1" llm.h > "$out/$1.committed"; then
        fail "llm.h: region >>$1 not found once (markers '/* >>$1 begin' and '/* >>$1 end */')"
    elif ! region "$1" "$out/llm.h" > "$out/$1.fresh"; then
        fail "$out/llm.h: region >>$1 not found once after $2"
    elif cmp -s "$out/$1.committed" "$out/$1.fresh"; then
        echo "llm.h region >>$1 ($(wc -l < "$out/$1.fresh") lines) equals a fresh generation by $2"
        passed=$((passed + 1))
    else
        at=$(grep -n -F "/* >>$1 begin" llm.h | cut -d : -f 1)
        fail "llm.h region >>$1 (from line $at) differs from a fresh generation by $2 (python3 $2 rewrites it; - llm.h, + generated):"
        diff "$out/$1.committed" "$out/$1.fresh" | sed -n 's/^< /-/p; s/^> /+/p' | cut -c 1-200 | head -n 10
    fi
}

cp llm.h "$out/llm.h"
if python3 tools/gen_unicode.py "$out/llm.h" > "$out/gen_unicode.log" 2>&1; then
    same_region unicode-tables tools/gen_unicode.py
else
    fail "tools/gen_unicode.py failed:"; cat "$out/gen_unicode.log"
fi
if python3 tools/calibrate_estimator.py "$out/llm.h" > "$out/calibrate_estimator.log" 2>&1; then
    same_region estimator-weights tools/calibrate_estimator.py
else
    fail "tools/calibrate_estimator.py failed:"; cat "$out/calibrate_estimator.log"
fi

if "$B/gen_costs" tools/data/model_prices_and_context_window.json tools/data/model_prices.source > "$out/costs_embedded.h"; then
    if cmp -s costs_embedded.h "$out/costs_embedded.h"; then
        echo "costs_embedded.h ($(wc -c < costs_embedded.h) bytes) equals a fresh generation by tools/gen_costs.c"
        passed=$((passed + 1))
    else
        fail "costs_embedded.h differs from a fresh generation by tools/gen_costs.c (make costs rewrites it):"
        diff costs_embedded.h "$out/costs_embedded.h" | sed -n 's/^< /-/p; s/^> /+/p' | cut -c 1-200 | head -n 10
    fi
else
    fail "$B/gen_costs failed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
