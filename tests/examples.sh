#!/bin/sh
# check-examples: each example (built with sanitizers by the Makefile as
# BUILD/NAME-san) runs over libcurl (socket.c over its own sockets) against
# build/mock_server on 127.0.0.1 (a free port; it stops by itself). Its
# exit status must be 0, its stderr empty (a sanitizer report goes there),
# and its stdout must hold each expected line, whole. Expected lines come
# from the mock server's documented answers ("Hello from the mock server.
# You said: <the last user text>", "The tool said: <the tool result>", a JSON
# format's object; see the top of tests/mock/mock_server.c), OpenAI's
# cookbook (its example conversation is 124 gpt-4o prompt tokens) and
# LiteLLM's price table (gpt-4o: $2.5 and $10 per million tokens).
# Usage: sh tests/examples.sh BUILD
B=${1:-build}
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-examples.XXXXXX") || exit 1
"$B/mock_server" --port 0 --port-file "$dir/port" --idle-exit-ms 30000 --lifetime-ms 300000 --quiet > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$dir/port")
[ -n "$port" ] || { echo "FAIL the mock server did not start"; exit 1; }
# every variable a target could come from, cleared: the examples find the mock through what each case sets
unset OPENAI_API_KEY OPENAI_BASE_URL ANTHROPIC_API_KEY ANTHROPIC_BASE_URL GEMINI_API_KEY OPENROUTER_API_KEY \
    LLM_BASE_URL LLM_API_KEY LLM_MODEL LLM_TIKTOKEN_DIR
proxy="LLM_BASE_URL=http://127.0.0.1:$port/v1 LLM_API_KEY=sk-mock"
passed=0; failed=0
# run CASE ENV COMMAND...: runs the example with ENV; then `expect` checks its lines
run() {
    name=$1; envs=$2; shift 2
    env $envs "$@" > "$dir/out" 2> "$dir/err"; status=$?
    if [ "$status" -ne 0 ]; then
        echo "FAIL $name: exit status $status"; sed 's/^/     /' "$dir/err" | tail -n 20; failed=$((failed + 1)); return 1
    elif [ -s "$dir/err" ]; then
        echo "FAIL $name: wrote to stderr"; sed 's/^/     /' "$dir/err" | tail -n 20; failed=$((failed + 1)); return 1
    fi
    passed=$((passed + 1))
}
expect() {
    if grep -qxF -- "$2" "$dir/out"; then passed=$((passed + 1)); else
        echo "FAIL $1: no line '$2' in its output:"; sed 's/^/     /' "$dir/out"; failed=$((failed + 1)); fi
}

run chat "$proxy" "$B/chat-san" &&
    expect chat "Hello from the mock server. You said: Say hello in one sentence."
run chat-anthropic "ANTHROPIC_BASE_URL=http://127.0.0.1:$port ANTHROPIC_API_KEY=mock" \
    "$B/chat-san" -m anthropic/claude-sonnet-4-5 "Hi there" &&
    expect chat-anthropic "Hello from the mock server. You said: Hi there"
run stream "$proxy" "$B/stream-san" && {
    expect stream "Hello from the mock server. You said: Tell me a two-sentence story."
    expect stream "[finish: stop]"
}
# the tool's own output (the time now) must come back quoted in the final answer
for how in openai anthropic-thinking; do
    if [ $how = openai ]; then envs=$proxy; set -- "$B/tools-san"
    else envs="ANTHROPIC_BASE_URL=http://127.0.0.1:$port ANTHROPIC_API_KEY=mock"
        set -- "$B/tools-san" -m anthropic/claude-sonnet-4-5 --think; fi
    run "tools $how" "$envs" "$@" && {
        said=$(sed -n 's/^the model called get_time({}); it said //p' "$dir/out")
        [ -n "$said" ] || said="(no tool call)"
        expect "tools $how" "The tool said: $said"
        [ $how = openai ] || expect "tools $how" "(thought: The user wrote: What time is it? I will answer them.)"
    }
done
run structured "$proxy" "$B/structured-san" && {
    expect structured "name: Hello from the mock server. You said: Ada Lovelace, born 1815, wrote the first program."
    expect structured "born: 0"
}
# "fast" answers 503 (a fault in its base URL's path): two retries, then the fallback to Anthropic
run router "OPENAI_BASE_URL=http://127.0.0.1:$port/fault/status=503/v1 OPENAI_API_KEY=sk-mock \
ANTHROPIC_BASE_URL=http://127.0.0.1:$port ANTHROPIC_API_KEY=mock" "$B/router-san" && {
    expect router "answer: Hello from the mock server. You said: Say hello."
    expect router "stats: 1 call, 4 attempts, 2 retries, 1 fallback"
}
run tokens "$proxy" "$B/tokens-san" && {
    expect tokens "prompt: 124 tokens (o200k_base, exact)"
    expect tokens "gpt-4o takes 128000 tokens in, 16384 out: it fits"
    expect tokens "at most \$0.00131: \$0.00031 for the prompt, \$0.00100 for 100 answer tokens"
    expect tokens "answer: Hello from the mock server. You said: This late pivot means we don't have time to boil the ocean for the client deliverable."
}
run socket-stream "$proxy" "$B/socket-san" &&
    expect socket-stream "Hello from the mock server. You said: Hello over a socket."
run socket-whole "$proxy" "$B/socket-san" --no-stream &&
    expect socket-whole "Hello from the mock server. You said: Hello over a socket."
run game_loop "$proxy" "$B/game_loop-san" && {
    expect game_loop "the innkeeper says: Hello from the mock server. You said: Greet the traveller."
    expect game_loop "the guard says: Hello from the mock server. You said: Challenge the traveller."
    expect game_loop "the dragon says: Hello from the mock server. You said: Growl at the traveller."
}
echo "$passed passed, $failed failed (examples over the mock server)"
[ "$failed" -eq 0 ]
