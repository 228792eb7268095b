#!/bin/sh
# `llm chat`'s bounds, against build/mock_server on 127.0.0.1: each deadline
# ends a slow call with TIMEOUT (exit 1) soon after it passes, never at the
# server's pace: --stall-timeout-ms on a stream that pauses after its first
# words, --first-token-timeout-ms on one that pauses before it, --timeout-ms
# on a stream whose events come on time but whose whole outlasts it (and on a
# late --no-stream answer); a healthy paced stream is not cut by a stall
# deadline longer than its pauses. Files given to --image, --request,
# --tool, --schema and a prompt read from stdin are read up to their limit
# (20 MiB for an image or PDF, 8 MiB for JSON and the prompt) and no
# further: /dev/zero and a file one byte over are refused with exit 2
# within seconds, a file at the limit is sent. Every run is under
# `timeout`, so a missing bound fails instead of hanging.
#   sh tests/cli/chat_bounds.sh build/llm build/mock_server
llm=$1; mock=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-bounds-test.XXXXXX") || exit 1
pid=""
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
"$mock" --port 0 --port-file "$dir/port" --idle-exit-ms 60000 --lifetime-ms 300000 --quiet > /dev/null &
pid=$!
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
base="http://127.0.0.1:$(cat "$dir/port")/v1"
unset OPENAI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# run NAME WANT_STATUS MAX_MS ARGS...: llm chat under a 30 s timeout; stdout in $dir/out, stderr in
# $dir/err, the time taken in $ms; fails on another exit status or when it took MAX_MS or more
run() {
    name=$1; want=$2; max=$3; shift 3
    t0=$(now_ms)
    timeout 30 "$llm" chat "$@" > "$dir/out" 2> "$dir/err"; s=$?
    ms=$(($(now_ms) - t0))
    if [ $s -ne "$want" ]; then fail "$name: exit $s after $ms ms, wanted $want: $(head -c 300 "$dir/err")"; return 1; fi
    if [ $ms -ge "$max" ]; then fail "$name: $ms ms, wanted under $max"; return 1; fi
    ok
    return 0
}
has() { if grep -q -F -- "$3" "$2"; then ok; else fail "$1: no [$3] in: $(head -c 300 "$2")"; fi; }

# ---- deadlines: the mock server pauses 20 s (stall=MS@K: after event K, 0 before the first) ----
chat="--base-url $base -m gpt-4o-mini"
if run stall 1 5000 $chat --stall-timeout-ms 300 -H 'x-mock-fault: stall=20000@2' Hi; then
    has stall-line "$dir/err" "TIMEOUT: the stream stalled"
    has stall-text "$dir/out" "Hello"  # the pause came after the first words
fi
if run first-token 1 5000 $chat --first-token-timeout-ms 300 -H 'x-mock-fault: stall=20000@0' Hi; then
    has first-token-line "$dir/err" "TIMEOUT: no first token"
fi
# events 400 ms apart, 10 of them: no pause is long, the whole takes 4 s; --timeout-ms 1000 ends it
if run total 1 3000 $chat --timeout-ms 1000 -H 'x-mock-chunks: 10' -H 'x-mock-interval-ms: 400' Hi; then
    has total-line "$dir/err" "TIMEOUT: the stream did not end before its total deadline (1000 ms)"
    if [ $ms -ge 900 ]; then ok; else fail "total: ended after $ms ms, before its 1000 ms deadline"; fi
fi
if run total-no-stream 1 5000 $chat --no-stream --timeout-ms 1000 -H 'x-mock-fault: delay=20000' Hi; then
    has total-no-stream-line "$dir/err" "TIMEOUT: "
fi
# a healthy paced stream (5 events 300 ms apart) under a 1 s stall deadline and a 10 s whole: answered
if run paced 0 10000 $chat --stall-timeout-ms 1000 --first-token-timeout-ms 1000 --timeout-ms 10000 \
       -H 'x-mock-chunks: 5' -H 'x-mock-interval-ms: 300' Hi; then
    has paced-text "$dir/out" "Hello from the mock server."
fi
# the stream's deadlines do not apply to --no-stream: said, exit 2; a bad number: exit 2
run stall-no-stream 2 5000 $chat --no-stream --stall-timeout-ms 300 Hi && has stall-no-stream-line "$dir/err" "--stall-timeout-ms"
run first-token-no-stream 2 5000 $chat --no-stream --first-token-timeout-ms 300 Hi
run stall-bad 2 5000 $chat --stall-timeout-ms 3s Hi && has stall-bad-line "$dir/err" "not a valid number"

# ---- files: read up to the limit, no further ----
mib=1048576
png() { printf '\211PNG\r\n\032\n'; }  # a PNG signature; the rest zeros (the mock server does not look)
{ png; head -c $((20 * mib - 8)) /dev/zero; } > "$dir/at.png"
{ png; head -c $((20 * mib - 7)) /dev/zero; } > "$dir/over.png"
run image-zero 2 10000 $chat --image /dev/zero Hi && has image-zero-line "$dir/err" "/dev/zero: larger than 20 MiB (20971520 bytes)"
run image-over 2 10000 $chat --image "$dir/over.png" Hi && has image-over-line "$dir/err" "over.png: larger than 20 MiB (20971520 bytes)"
run image-at 0 20000 $chat --image "$dir/at.png" Hi
# JSON files padded with spaces to the byte
json_of() { # json_of SIZE TEXT: TEXT then spaces, SIZE bytes in all
    printf '%s' "$2"; head -c $(($1 - ${#2})) /dev/zero | tr '\0' ' '
}
tool='{"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}'
json_of $((8 * mib)) "$tool" > "$dir/tool-at.json"
json_of $((8 * mib + 1)) "$tool" > "$dir/tool-over.json"
json_of $((8 * mib + 1)) '{"max_tokens":5}' > "$dir/request-over.json"
json_of $((8 * mib + 1)) '{"type":"object"}' > "$dir/schema-over.json"
for opt in --request --tool --schema; do
    run "$opt-zero" 2 10000 $chat $opt /dev/zero Hi && has "$opt-zero-line" "$dir/err" "/dev/zero: larger than 8 MiB (8388608 bytes)"
done
run tool-over 2 10000 $chat --tool "$dir/tool-over.json" Hi && has tool-over-line "$dir/err" "tool-over.json: larger than 8 MiB"
run request-over 2 10000 $chat --request "$dir/request-over.json" Hi && has request-over-line "$dir/err" "larger than 8 MiB"
run schema-over 2 10000 $chat --schema "$dir/schema-over.json" Hi && has schema-over-line "$dir/err" "larger than 8 MiB"
run tool-at 0 20000 $chat --tool "$dir/tool-at.json" Hi
t0=$(now_ms)
timeout 30 "$llm" chat $chat - < /dev/zero > "$dir/out" 2> "$dir/err"; s=$?
if [ $s -eq 2 ] && grep -q -F "stdin: larger than 8 MiB (8388608 bytes)" "$dir/err"; then ok
else fail "stdin-zero: exit $s after $(($(now_ms) - t0)) ms: $(head -c 300 "$dir/err")"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
