#!/bin/sh
# `llm tokens --remote` and what a proxy says of itself, against
# build/mock_server on 127.0.0.1: the provider's count on stdout, one integer
# (the mock counts, as its header comment says, the bytes of the prompt's
# strings / 4 + 1: "Be brief." and "Hello, Claude" are 22 bytes, 6 tokens);
# the count body holds no sampling member; -m overrides the file's model; a
# provider without a count endpoint (an OpenAI-compatible server; OpenAI's own
# counts through the Responses API's input_tokens), a missing model and a target flag
# without --remote are refused; `llm chat --json` shows the proxy's headers.
#
#   sh tests/cli/counts.sh build/llm build/mock_server
llm=$1; mock=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-counts-test.XXXXXX") || exit 1
pid=""
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
"$mock" --port 0 --port-file "$dir/port" --idle-exit-ms 30000 --lifetime-ms 300000 --quiet --bodies "$dir/bodies" > /dev/null &
pid=$!
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
root="http://127.0.0.1:$(cat "$dir/port")"
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
export ANTHROPIC_API_KEY=sk-ant-test ANTHROPIC_BASE_URL="$root" GEMINI_API_KEY=g-test GEMINI_BASE_URL="$root"
export OPENAI_API_KEY=sk-test OPENAI_BASE_URL="$root/v1"
cat > "$dir/req.json" <<'JSON'
{"model": "claude-sonnet-4-5", "max_tokens": 100, "temperature": 0.2, "stop": ["END"],
 "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello, Claude"}]}
JSON

run() { # name, wanted exit status, then the arguments
    name=$1; want=$2; shift 2
    "$llm" "$@" > "$dir/out" 2> "$dir/err"; s=$?
    if [ $s -ne "$want" ]; then fail "$name: exit $s, wanted $want: $(cat "$dir/err")"; return 1; fi
    return 0
}
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }
has_text() { if grep -q -F -- "$3" "$2"; then ok; else fail "$1: no [$3] in: $(cat "$2")"; fi; }
lacks_text() { if grep -q -F -- "$3" "$2"; then fail "$1: [$3] in: $(cat "$2")"; else ok; fi; }

run anthropic 0 tokens --remote --allow-plain-http --request "$dir/req.json" && same anthropic "$(cat "$dir/out")" 6
tail -n 1 "$dir/bodies" > "$dir/body"
has_text "anthropic body" "$dir/body" '"system":"Be brief."'
for member in max_tokens temperature stop_sequences stream; do lacks_text "anthropic body" "$dir/body" "\"$member\""; done
run "gemini, -m over the file's model" 0 tokens --remote --allow-plain-http -m gemini/gemini-2.5-flash --request "$dir/req.json" &&
    same gemini "$(cat "$dir/out")" 6
tail -n 1 "$dir/bodies" > "$dir/body"
has_text "gemini body" "$dir/body" '{"generateContentRequest":{"model":"models/gemini-2.5-flash"'
# OpenAI's count is the Responses API's input_tokens endpoint: the chat body as a Responses input
run "openai, the Responses API's count" 0 tokens --remote --allow-plain-http -m gpt-4o --request "$dir/req.json" &&
    same openai "$(cat "$dir/out")" 6
tail -n 1 "$dir/bodies" > "$dir/body"
has_text "openai body" "$dir/body" '"input":['
for member in messages max_tokens max_output_tokens temperature stream; do lacks_text "openai body" "$dir/body" "\"$member\""; done
# an OpenAI-compatible server (vLLM here) has no count endpoint
run "no count endpoint" 1 tokens --remote --allow-plain-http --provider vllm --base-url "$root/v1" -m my-model \
    --request "$dir/req.json" && has_text "no count endpoint" "$dir/err" "UNSUPPORTED"
echo '{"messages": [{"role": "user", "content": "Hi"}]}' > "$dir/nomodel.json"
run "no model" 2 tokens --remote --request "$dir/nomodel.json" && has_text "no model" "$dir/err" "no model"
run "--provider without --remote" 2 tokens --provider anthropic --request "$dir/req.json"
run "--remote without --request" 2 tokens --remote -m claude-sonnet-4-5 "$dir/req.json"
run "chat --json" 0 chat --allow-plain-http --json -m gpt-4o Hi &&
    has_text "chat --json" "$dir/out" '"server":{"call_id":"mock-call-'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
