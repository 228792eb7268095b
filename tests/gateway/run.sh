#!/bin/sh
# check-gateway: build/gateway-san (examples/gateway.c with sanitizers) in
# front of build/mock_server playing Anthropic, both on free 127.0.0.1
# ports, driven by the official openai npm SDK (tests/gateway/check.mjs,
# run by the pinned Node of tests/gateway/node_modules). The gateway must
# say "listening on 127.0.0.1:PORT" within a second, stop on SIGTERM with
# status 0, and write nothing else on stderr (a sanitizer report goes there).
# Usage: sh tests/gateway/run.sh BUILD
B=${1:-build}
node=tests/gateway/node_modules/.bin/node
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-gateway.XXXXXX") || exit 1
mock=; gw=; gw2=
cleanup() {
    [ -n "$gw" ] && kill "$gw" 2>/dev/null
    [ -n "$gw2" ] && kill "$gw2" 2>/dev/null
    [ -n "$mock" ] && kill "$mock" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
"$B/mock_server" --port 0 --port-file "$dir/port" --idle-exit-ms 30000 --lifetime-ms 120000 --quiet > /dev/null &
mock=$!
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$dir/port")
[ -n "$port" ] || { echo "FAIL the mock server did not start"; exit 1; }
# the gateway finds Anthropic through its own variables only; the client's key is not Anthropic's
unset OPENAI_API_KEY OPENAI_BASE_URL ANTHROPIC_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY
ANTHROPIC_BASE_URL=http://127.0.0.1:$port ANTHROPIC_API_KEY=mock-anthropic-key \
    "$B/gateway-san" --listen 127.0.0.1:0 --key sk-gateway-test 2> "$dir/err" &
gw=$!
i=0; while ! grep -q '^listening on ' "$dir/err" && [ $i -lt 10 ]; do sleep 0.1; i=$((i + 1)); done
gport=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$dir/err")
[ -n "$gport" ] || { echo "FAIL the gateway did not say 'listening on 127.0.0.1:PORT' within a second:"; cat "$dir/err"; exit 1; }
# a second gateway, no key, whose upstreams fail: Anthropic refuses its key (401: the gateway's 502), Gemini
# answers too late for --upstream-timeout-ms (504)
ANTHROPIC_BASE_URL=http://127.0.0.1:$port/fault/status=401 ANTHROPIC_API_KEY=mock-anthropic-key \
GEMINI_BASE_URL=http://127.0.0.1:$port/fault/delay=3000 GEMINI_API_KEY=mock-gemini-key \
    "$B/gateway-san" --listen 127.0.0.1:0 --upstream-timeout-ms 300 2> "$dir/err2" &
gw2=$!
i=0; while ! grep -q '^listening on ' "$dir/err2" && [ $i -lt 10 ]; do sleep 0.1; i=$((i + 1)); done
gport2=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$dir/err2")
[ -n "$gport2" ] || { echo "FAIL the second gateway did not start:"; cat "$dir/err2"; exit 1; }
failed=0
timeout 60 "$node" tests/gateway/check.mjs "http://127.0.0.1:$gport/v1" sk-gateway-test "http://127.0.0.1:$gport2/v1" || failed=1
kill -TERM "$gw2"; wait "$gw2"; gw2=
kill -TERM "$gw"
i=0; while kill -0 "$gw" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$gw" 2>/dev/null; then echo "FAIL the gateway did not stop within 5 s of SIGTERM"; failed=1
else
    wait "$gw"; status=$?; gw=
    [ "$status" -eq 0 ] || { echo "FAIL the gateway exited with status $status on SIGTERM"; failed=1; }
fi
for e in err err2; do
    if [ "$(grep -vc '^listening on ' "$dir/$e")" -ne 0 ]; then
        echo "FAIL the gateway wrote to stderr:"; sed 's/^/     /' "$dir/$e" | tail -n 30; failed=1
    fi
done
[ $failed -eq 0 ] && echo "check-gateway: ok"
exit $failed
