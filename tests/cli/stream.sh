#!/bin/sh
# `llm sse` and `llm replay` as a user runs them, against the oracles in
# tests/data: every SSE fixture's event log (eventsource-parser and the
# WHATWG cases written by hand), every recorded answer's replay result
# (tools/gen_replay_expected.mjs, a second implementation in JavaScript,
# checked by hand; see its header for which rules are choices), and the exit
# codes.
llm=$1; same=$2; data=$3
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
tmp=${TMPDIR:-/tmp}/llm_stream_cli.$$

for events in "$data"/sse/whatwg/*.events "$data"/sse/openai/*.events "$data"/sse/anthropic/*.events \
              "$data"/sse/openrouter/*.events "$data"/sse/azure/*.events "$data"/sse/gemini/*.events; do
    name=$(basename "$events" .events); dir=$(basename "$(dirname "$events")")
    if [ "$dir" = whatwg ]; then input="$data/sse/whatwg/$name.sse"; else input="$data/provider-samples/$dir/$name.sse"; fi
    "$llm" sse "$input" > "$tmp.out" 2>"$tmp.err"; s=$?
    if [ $s -eq 0 ] && cmp -s "$tmp.out" "$events"; then ok; else fail "sse $dir/$name (status $s)"; fi
done

for want in "$data"/replay/*/*.json; do
    name=$(basename "$want" .json); dir=$(basename "$(dirname "$want")")
    provider=$dir # each directory is named after its provider preset
    status=200
    case $name in error_invalid_api_key) status=401 ;; error_rate_limit) status=429 ;; error_not_found) status=404 ;; error_content_filter) status=400 ;; error_api_key_invalid) status=400 ;; esac
    if [ -f "$data/provider-samples/$dir/$name.sse" ]; then
        "$llm" replay --provider $provider --stream "$data/provider-samples/$dir/$name.sse" > "$tmp.out" 2>"$tmp.err"; s=$?
    else
        "$llm" replay --provider $provider --status $status "$data/provider-samples/$dir/$name.json" > "$tmp.out" 2>"$tmp.err"; s=$?
    fi
    expect=0; grep -q '"error"' "$want" && expect=1
    if [ $s -eq $expect ] && "$same" "$tmp.out" "$want" && [ "$(wc -l < "$tmp.out")" -eq 1 ]; then ok; else fail "replay $dir/$name (status $s)"; fi
done

# tool-call arguments that are not JSON (#21; the fixtures' bytes, written by hand): exit 0, the
# text, the usage and the raw arguments, body and stream
not_json() {
    "$llm" replay --provider openai "$@" > "$tmp.out" 2>"$tmp.err"; s=$?
    if [ $s -eq 0 ] && grep -q -F '"content":"Let me check the weather and the time in Paris."' "$tmp.out" &&
       grep -q -F '"usage":{"prompt_tokens":96,"completion_tokens":41,"total_tokens":137,' "$tmp.out" &&
       grep -q -F "\"arguments\":\"{'city': 'Paris', 'unit': 'celsius'}\",\"arguments_invalid\":true}" "$tmp.out" &&
       ! grep -q '"error"' "$tmp.out"; then ok; else fail "replay $* with arguments that are not JSON (status $s): $(cat "$tmp.out" "$tmp.err")"; fi
}
not_json "$data/provider-samples/openai/chat_completion_tool_args_not_json.json"
not_json --stream "$data/provider-samples/openai/chat_stream_tool_args_not_json.sse"

# a final event without its blank line: dropped, noted on stderr, exit 0
printf 'data: a\n\ndata: b' | "$llm" sse > "$tmp.out" 2>"$tmp.err"; s=$?
if [ $s -eq 0 ] && [ "$(cat "$tmp.out")" = '{"event":"message","data":"a","id":""}' ] && [ -s "$tmp.err" ]; then ok; else fail "sse mid-event ($s)"; fi
# a line over 16 MiB: exit 1
head -c 17000000 /dev/zero | tr '\0' 'a' | "$llm" sse > /dev/null 2>&1; s=$?
if [ $s -eq 1 ]; then ok; else fail "sse long line ($s)"; fi
# usage errors: exit 2
"$llm" sse a b > /dev/null 2>&1; s=$?; if [ $s -eq 2 ]; then ok; else fail "sse usage ($s)"; fi
"$llm" replay "$data/provider-samples/openai/chat_completion_text.json" > /dev/null 2>&1; s=$?; if [ $s -eq 2 ]; then ok; else fail "replay without --provider ($s)"; fi
"$llm" replay --provider gemini-nosuch /dev/null > /dev/null 2>&1; s=$?; if [ $s -eq 2 ]; then ok; else fail "replay unknown provider ($s)"; fi
"$llm" sse /nonexistent > /dev/null 2>&1; s=$?; if [ $s -eq 2 ]; then ok; else fail "sse missing file ($s)"; fi
rm -f "$tmp.out" "$tmp.err"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
