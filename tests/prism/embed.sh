#!/bin/sh
# `llm embed` against Prism serving OpenAI's spec, which validates each
# request against CreateEmbeddingRequest (additionalProperties: false) and
# answers a CreateEmbeddingResponse made from the schema: every call must
# exit 0 with one JSON line, and Prism's log must hold no request
# violation.
#   sh tests/prism/run.sh openai -- sh tests/prism/embed.sh build/llm
llm=$1
: "${PRISM_BASE_URL:?run me through tests/prism/run.sh openai}"
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/llm-prism-embed.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
unset OPENAI_API_KEY LLM_BASE_URL LLM_MODEL OPENAI_BASE_URL
LLM_API_KEY=sk-prism-test; export LLM_API_KEY

# embed NAME ARGS...: one call, exit 0 and one {"index":0,"embedding":[...]} line
embed() {
    name=$1; shift
    if "$llm" embed --base-url "$PRISM_BASE_URL" -m text-embedding-3-small "$@" > "$tmp/out" 2> "$tmp/err"; then ok; else
        fail "$name: exit $?: $(cat "$tmp/err")"; return; fi
    if grep -Eq '^\{"index":0,"embedding":\[[^]]+\]\}$' "$tmp/out" && [ "$(wc -l < "$tmp/out")" -eq 1 ]; then ok; else
        fail "$name: stdout: $(cat "$tmp/out")"; fi
}
embed "one input" "The quick brown fox jumped over the lazy dog"
embed "dimensions and base64" --dimensions 256 --base64 "The food was delicious and the waiter..."
# the log's request violations (Prism logs each rejected request's reasons)
if grep -i "violation" "$PRISM_LOG" | grep -iv "response" > "$tmp/v"; then fail "request violations: $(cat "$tmp/v")"; else ok; fi
if [ "$(grep -c "request passed the validation rules" "$PRISM_LOG")" -ge 2 ]; then ok; else
    fail "Prism did not log two validated requests: $(tail -n 5 "$PRISM_LOG")"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
