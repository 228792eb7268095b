#!/bin/sh
# `llm tokens --remote` for an Anthropic model against Prism serving
# Anthropic's spec (tests/data/anthropic-openapi.json), request validation
# on: run it through tests/prism/run.sh,
#
#   sh tests/prism/run.sh anthropic -- sh tests/prism/tokens_remote.sh build/llm
#
# First the validator itself: a count body with max_tokens (which
# CountMessageTokensParams does not allow) must get 422, a plain one 200.
# Then llm's body, from an OpenAI chat body with a system prompt, a tool,
# max_tokens, temperature, stop and user (none of which but the first two
# belong in a count), must pass, and the count printed must be the spec's
# example answer (CountMessageTokensResponse: {"input_tokens": 2095}).
llm=$1
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-prism-tokens.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT

post() { # body -> the HTTP status Prism answers at count_tokens
    curl -s -o "$dir/answer" -w '%{http_code}' -m 20 -X POST "$PRISM_BASE_URL/v1/messages/count_tokens" \
        -H 'Content-Type: application/json' -H 'x-api-key: sk-prism-test' -H 'anthropic-version: 2023-06-01' -d "$1"
}
s=$(post '{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"Hi"}]}')
if [ "$s" = 422 ]; then ok; else fail "validator: a count body with max_tokens got $s, wanted 422"; fi
s=$(post '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}')
if [ "$s" = 200 ]; then ok; else fail "validator: a plain count body got $s, wanted 200: $(cat "$dir/answer")"; fi

cat > "$dir/req.json" <<'JSON'
{"model": "gpt-4o", "max_tokens": 100, "temperature": 0.2, "stop": ["END"], "user": "user-1234",
 "messages": [{"role": "system", "content": "You are a scientist"},
              {"role": "user", "content": "What is the weather like in San Francisco?"}],
 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Get the current weather",
   "parameters": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}}}],
 "tool_choice": "auto"}
JSON
ANTHROPIC_API_KEY=sk-prism-test "$llm" tokens --remote --allow-plain-http --provider anthropic --base-url "$PRISM_BASE_URL" \
    -m claude-sonnet-4-5 --request "$dir/req.json" > "$dir/out" 2> "$dir/err"
s=$?
if [ $s -eq 0 ] && [ "$(cat "$dir/out")" = 2095 ]; then ok
else fail "llm tokens --remote: exit $s, stdout [$(cat "$dir/out")], stderr: $(cat "$dir/err")"; grep -i violation "$PRISM_LOG" | tail -n 5; fi
echo "prism tokens --remote: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
