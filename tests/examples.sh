#!/bin/sh
# check-examples: each example (built with sanitizers by the Makefile as
# BUILD/NAME-san) runs against its recorded answers. Its exit status must be
# 0, its stderr empty (a sanitizer report goes there), and its stdout must
# hold the expected line, whole. The status and the output are checked
# separately: a pipe into grep would keep only grep's status.
# Usage: sh tests/examples.sh BUILD
B=${1:-build}
passed=0; failed=0
# example NAME LINE: LINE comes from the recorded answer the example replays
example() {
    "$B/$1-san" > "$B/$1.out" 2> "$B/$1.err"; status=$?
    if [ "$status" -ne 0 ]; then
        echo "FAIL $1: exit status $status"; sed 's/^/     /' "$B/$1.err" | tail -n 20; failed=$((failed + 1))
    elif [ -s "$B/$1.err" ]; then
        echo "FAIL $1: wrote to stderr"; sed 's/^/     /' "$B/$1.err" | tail -n 20; failed=$((failed + 1))
    elif ! grep -qxF -- "$2" "$B/$1.out"; then
        echo "FAIL $1: no line '$2' in its output:"; sed 's/^/     /' "$B/$1.out"; failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
}
# tests/data/provider-samples/openai/chat_completion_text.json, its content
example chat "I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I recommend checking a reliable weather website or app like the Weather Channel or a local news station."
example tools "conversation: 5 messages"
example stream "[finish: stop]"
example game_loop 'done after 10 frames: "The dragon sleeps.", 16 tokens'
example router "answer: Hello from the backup deployment."
echo "$passed passed, $failed failed (examples chat, tools, stream, game_loop, router)"
[ "$failed" -eq 0 ] && [ "$passed" -eq 5 ]
