#!/bin/sh
# `llm embed` against build/mock_server on 127.0.0.1 (a free port; the
# server stops by itself): one JSON line per input on stdout, the same
# vectors whether the server sends numbers or base64 (the mock sends the
# same float32 both ways), one summary line on stderr, the body as the
# server logged it, and chat's exit codes (0, 1 the call failed, 2 usage).
#   sh tests/cli/embed.sh build/llm build/mock_server
llm=$1; mock=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-embed-test.XXXXXX") || exit 1
"$mock" --port 0 --port-file "$dir/port" --log "$dir/log" --idle-exit-ms 30000 --lifetime-ms 120000 --quiet > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
base="http://127.0.0.1:$(cat "$dir/port")/v1"
unset OPENAI_API_KEY ANTHROPIC_API_KEY OPENROUTER_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
m=text-embedding-3-small

"$llm" embed --base-url "$base" -m $m --dimensions 4 hello world > "$dir/float" 2> "$dir/err"; s=$?
same "float: exit" "$s" 0
same "float: lines" "$(wc -l < "$dir/float" | tr -d ' ')" 2
if grep -Eq '^\{"index":0,"embedding":\[-?[0-9.e+-]+(,-?[0-9.e+-]+){3}\]\}$' "$dir/float"; then ok; else
    fail "float: line 1 is not {\"index\":0,\"embedding\":[4 numbers]}: $(head -n 1 "$dir/float")"; fi
same "float: second index" "$(sed -n 2p "$dir/float" | cut -c1-11)" '{"index":1,'
case $(cat "$dir/err") in
    "model=$m provider=openai-compatible prompt_tokens="*" usage=reported cost_usd="*" attempts=1") ok ;;
    *) fail "float: the summary line: $(cat "$dir/err")" ;;
esac
"$llm" embed --base-url "$base" -m $m --dimensions 4 --base64 hello world > "$dir/b64" 2> "$dir/err"; s=$?
same "base64: exit" "$s" 0
same "base64: the same vectors as float" "$(cat "$dir/b64")" "$(cat "$dir/float")"
printf 'hello' | "$llm" embed --base-url "$base" -m $m --dimensions 4 - > "$dir/stdin" 2> "$dir/err"
same "stdin: the first vector" "$(cat "$dir/stdin")" "$(sed -n 1p "$dir/float")"
same "the server saw three POSTs to /v1/embeddings" "$(cut -d' ' -f2-4 "$dir/log" | sort -u)" "POST /v1/embeddings 200"

"$llm" embed --base-url "$base" -m $m > /dev/null 2>&1; same "no input: exit" "$?" 2
"$llm" embed --base-url "$base" -m $m --bogus x > /dev/null 2>&1; same "unknown option: exit" "$?" 2
"$llm" embed --base-url "$base" -m $m --dimensions 0 x > /dev/null 2>&1; same "--dimensions 0: exit" "$?" 2
"$llm" embed --base-url "$base" x > /dev/null 2>&1; same "no model: exit" "$?" 2
"$llm" embed --base-url "$base" -m $m - - < /dev/null > /dev/null 2>&1; same "stdin twice: exit" "$?" 2
"$llm" embed --base-url http://127.0.0.1:1/v1 -m $m x > /dev/null 2> "$dir/err"; same "a dead port: exit" "$?" 1
case $(cat "$dir/err") in "llm embed: TRANSPORT: "*) ok ;; *) fail "a dead port: $(cat "$dir/err")" ;; esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
