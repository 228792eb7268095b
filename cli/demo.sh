#!/bin/sh
# `make run`: build/llm over a real socket. Without LIVE=1 it talks to the
# project's mock provider (build/mock_server) on 127.0.0.1, whatever keys
# are in the environment, so nothing is spent by accident: a streamed
# answer, a tool call that this script runs and whose output goes back (the
# mock's final answer quotes it), and a fallback after an injected 503, each
# ending with its tokens and cost. With LIVE=1 and a key (OPENAI_API_KEY,
# ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY) or LLM_BASE_URL, the same talks
# to that service (no fault is injected there).
set -u
llm=build/llm
tool=cli/demo/get_time.json
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-demo.XXXXXX") || exit 1
mock_pid=""
cleanup() {
    [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# what to talk to: $base (empty: the provider's own) and $model
if [ "${LIVE:-}" = 1 ]; then
    live=""
    if [ -n "${LLM_BASE_URL:-}" ]; then live="the server at $LLM_BASE_URL"; model=${LLM_MODEL:-gpt-4o-mini}
    elif [ -n "${OPENAI_API_KEY:-}" ]; then live="OpenAI"; model=${LLM_MODEL:-gpt-4o-mini}
    elif [ -n "${ANTHROPIC_API_KEY:-}" ]; then live="Anthropic"; model=${LLM_MODEL:-anthropic/claude-haiku-4-5}
    elif [ -n "${GEMINI_API_KEY:-}" ]; then live="Gemini"; model=${LLM_MODEL:-gemini/gemini-2.5-flash}
    elif [ -n "${OPENROUTER_API_KEY:-}" ]; then live="OpenRouter"; model=${LLM_MODEL:-openrouter/openai/gpt-4o-mini}
    fi
    if [ -z "$live" ]; then
        echo "LIVE=1 needs OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY or LLM_BASE_URL (and LLM_API_KEY if it wants one)" >&2
        exit 2
    fi
    echo "== LIVE: talking to $live with $model (this spends tokens) =="
    set -- -m "$model"
    fault=""
else
    build/mock_server --port 0 --port-file "$dir/port" --idle-exit-ms 60000 --lifetime-ms 300000 --quiet > /dev/null &
    mock_pid=$!
    i=0
    while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$dir/port" ] || { echo "the mock server did not start" >&2; exit 1; }
    base="http://127.0.0.1:$(cat "$dir/port")/v1"
    echo "== talking to the project's mock provider at $base, over a real socket (no key, nothing spent; LIVE=1 for a real service) =="
    set -- --base-url "$base" -m gpt-4o-mini
    fault=1
fi

echo
echo "== 1. a streamed answer, printed as it arrives =="
if [ -n "$fault" ]; then # the mock paces its 12 pieces 80 ms apart, as a model would
    $llm chat "$@" -H 'x-mock-chunks: 12' -H 'x-mock-interval-ms: 80' "In one sentence: what is a single-header C library?" || exit 1
else
    $llm chat "$@" "In one sentence: what is a single-header C library?" || exit 1
fi

echo
echo "== 2. a tool call: the model asks, this script runs get_time, the answer uses its output =="
if [ -n "$fault" ]; then ask=$($llm chat "$@" --tool "$tool" -H 'x-mock-tool-args: {"zone":"UTC"}' "What time is it in UTC?") || exit 1
else ask=$($llm chat "$@" --tool "$tool" "What time is it in UTC? Use the tool.") || exit 1; fi
call=$(printf '%s\n' "$ask" | grep '^{"id"' | head -n 1)
if [ -z "$call" ]; then
    echo "(the model answered without calling the tool: $ask)"
else
    echo "the model called: $call"
    id=$(printf '%s' "$call" | sed 's/^{"id":"\([^"]*\)".*/\1/')
    args=$(printf '%s' "$call" | sed 's/.*"arguments":"\(.*\)"}$/\1/')
    now="$(date -u +%H:%M:%S) UTC"
    echo "get_time ran here: $now"
    printf '{"messages":[{"role":"user","content":"What time is it in UTC?"},{"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function","function":{"name":"get_time","arguments":"%s"}}]},{"role":"tool","tool_call_id":"%s","content":"%s"}]}\n' \
        "$id" "$args" "$id" "$now" > "$dir/conversation.json"
    $llm chat "$@" --tool "$tool" --request "$dir/conversation.json" || exit 1
fi

if [ -n "$fault" ]; then
    echo
    echo "== 3. the router: gpt-4o answers 503 (injected), two retries, then the fallback gpt-4o-mini (-v: its decisions) =="
    $llm chat -v --base-url "$base" -m gpt-4o --fallback gpt-4o-mini -H 'x-mock-fault: status=503;attempts=3' "Hello!" || exit 1
fi
echo
echo "== done: \`build/llm chat --help\` for the rest; examples/ shows the C API one idea at a time =="
