#!/bin/sh
# Calls a user can trust, as `llm chat` makes them against build/mock_server
# on 127.0.0.1 (a free port; the server stops by itself), read off the
# server's own log of what it received: every POST carries an
# Idempotency-Key, two processes never send the same one, and a 429 with
# `retry-after: 0` is sent again once, with the same key, and the call
# succeeds (streamed, and with --no-stream).
#   sh tests/cli/calls.sh build/llm build/mock_server
llm=$1; mock=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-calls-test.XXXXXX") || exit 1
"$mock" --port 0 --port-file "$dir/port" --log "$dir/log" --idle-exit-ms 30000 --lifetime-ms 120000 --quiet > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
base="http://127.0.0.1:$(cat "$dir/port")/v1"
unset OPENAI_API_KEY ANTHROPIC_API_KEY OPENROUTER_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
answer='Hello from the mock server. You said: Hi'

# lines N: waits (at most 5 s) until the server has logged N requests
lines() {
    k=0
    while [ "$(wc -l < "$dir/log" | tr -d ' ')" -lt "$1" ] && [ $k -lt 50 ]; do sleep 0.1; k=$((k + 1)); done
}
# field N NAME: the value of NAME= on the log's line N
field() { sed -n "${1}p" "$dir/log" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }

# two processes, two prompts: each request has a key, and the keys differ
"$llm" chat --base-url "$base" -m gpt-4o-mini "First" > /dev/null 2> "$dir/err1" || fail "first chat: $(cat "$dir/err1")"
"$llm" chat --no-stream --base-url "$base" -m gpt-4o-mini "Second" > /dev/null 2> "$dir/err2" ||
    fail "second chat: $(cat "$dir/err2")"
lines 2
k1=$(field 1 idem); k2=$(field 2 idem)
case $k1 in idem-????????????????????????????????) ok ;; *) fail "the first POST's Idempotency-Key: [$k1]" ;; esac
case $k2 in idem-????????????????????????????????) ok ;; *) fail "the second POST's Idempotency-Key: [$k2]" ;; esac
if [ "$k1" != "$k2" ]; then ok; else fail "two processes sent the same Idempotency-Key $k1"; fi

# a 429 with retry-after: 0, once: sent again at once with the same key, exit 0
n=2
for mode in "" --no-stream; do
    # shellcheck disable=SC2086
    "$llm" chat $mode --base-url "$base" -m gpt-4o-mini -H 'x-mock-fault: status=429;retry-after=0;attempts=1' Hi \
        > "$dir/out" 2> "$dir/err"; s=$?
    same "429 then an answer${mode:+ ($mode)}: exit" "$s" 0
    same "429 then an answer${mode:+ ($mode)}: stdout" "$(cat "$dir/out")" "$answer"
    lines $((n + 2))
    same "429 then an answer${mode:+ ($mode)}: statuses" "$(sed -n "$((n + 1))p;$((n + 2))p" "$dir/log" | cut -d' ' -f4 | tr '\n' ' ')" "429 200 "
    ka=$(field $((n + 1)) idem); kb=$(field $((n + 2)) idem)
    if [ -n "$ka" ] && [ "$ka" != "-" ] && [ "$ka" = "$kb" ]; then ok; else fail "the retry's key: [$ka] then [$kb]"; fi
    n=$((n + 2))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
