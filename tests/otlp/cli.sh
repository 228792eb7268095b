#!/bin/sh
# `llm chat` with OpenTelemetry's variables, against build/mock_server (the
# provider) and the collector stand-in (tests/otlp/collector.mjs), both on
# free 127.0.0.1 ports:
#   1. OTEL_EXPORTER_OTLP_ENDPOINT, _HEADERS and OTEL_SERVICE_NAME set: the
#      answer as without them, and the collector receives, valid, the call's
#      span ("chat gpt-4o-mini", CLIENT, the GenAI attributes of the call)
#      under that service.name with that header, and its duration histogram
#      (check.mjs cli); with --fallback and every attempt refused, the
#      routed request's span with each attempt's span under it (cli-routed);
#   2. a collector that is down: the answer all the same, exit 0, one
#      warning line naming the URL, back within the export's bound;
#   3. OTEL_EXPORTER_OTLP_HEADERS that cannot be read: the answer all the
#      same, one warning line, nothing sent.
# Usage: sh tests/otlp/cli.sh BUILD
B=${1:-build}
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-otlp-cli.XXXXXX") || exit 1
pids=""
trap 'kill $pids 2>/dev/null; rm -rf "$dir"' EXIT
trap 'exit 1' INT TERM
failed=0
unset OPENAI_API_KEY ANTHROPIC_API_KEY OPENROUTER_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
unset OTEL_EXPORTER_OTLP_ENDPOINT OTEL_EXPORTER_OTLP_TRACES_ENDPOINT OTEL_EXPORTER_OTLP_METRICS_ENDPOINT
unset OTEL_EXPORTER_OTLP_HEADERS OTEL_EXPORTER_OTLP_TIMEOUT OTEL_SERVICE_NAME OTEL_SDK_DISABLED

"$B/mock_server" --port 0 --port-file "$dir/mock.port" --idle-exit-ms 30000 --lifetime-ms 120000 --quiet > /dev/null &
pids="$pids $!"
i=0; while [ ! -s "$dir/mock.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$dir/mock.port" ] || { echo "FAIL the mock server did not start"; exit 1; }
base="http://127.0.0.1:$(cat "$dir/mock.port")/v1"
answer='Hello from the mock server. You said: Hi'

node tests/otlp/collector.mjs --port-file "$dir/col.port" --log "$dir/col.log" --idle-ms 20000 --max-ms 60000 \
    2> "$dir/col.err" &
col=$!; pids="$pids $col"
i=0; while [ ! -s "$dir/col.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$dir/col.port" ] || { echo "FAIL the collector stand-in did not start:"; cat "$dir/col.err"; exit 1; }
cport=$(cat "$dir/col.port")

# 1. exported
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$cport" OTEL_EXPORTER_OTLP_HEADERS="x-tenant=t1" \
OTEL_SERVICE_NAME=llm-cli-test LLM_BASE_URL=$base LLM_API_KEY=sk-test-not-printed-0123456789 \
    timeout 30 "$B/llm" chat -m gpt-4o-mini Hi > "$dir/out" 2> "$dir/err"; s=$?
if [ $s -ne 0 ] || [ "$(cat "$dir/out")" != "$answer" ]; then
    echo "FAIL llm chat with OTEL_EXPORTER_OTLP_ENDPOINT: exit $s, stdout:"; cat "$dir/out" "$dir/err"; failed=1
fi
if grep -q "warning" "$dir/err"; then echo "FAIL llm chat warned:"; cat "$dir/err"; failed=1; fi
node tests/otlp/check.mjs "$dir/col.log" cli || failed=1

# 1b. a routed request (--fallback), every attempt refused: its span tree
node tests/otlp/collector.mjs --port-file "$dir/col2.port" --log "$dir/col2.log" --idle-ms 20000 --max-ms 60000 \
    2> "$dir/col2.err" &
col2=$!; pids="$pids $col2"
i=0; while [ ! -s "$dir/col2.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(cat "$dir/col2.port")" LLM_BASE_URL=$base \
LLM_API_KEY=sk-test-not-printed-0123456789 timeout 60 "$B/llm" chat -m gpt-4o-mini --fallback gpt-4o \
    -H 'x-mock-fault: status=503' Hi > "$dir/out" 2> "$dir/err"; s=$?
[ $s -eq 1 ] || { echo "FAIL llm chat --fallback with every attempt refused: exit $s"; cat "$dir/err"; failed=1; }
node tests/otlp/check.mjs "$dir/col2.log" cli-routed || failed=1
kill "$col2" 2>/dev/null

# 2. a collector that is down (the stand-in stopped: its port is free)
kill "$col"; wait "$col" 2>/dev/null
start=$(date +%s)
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$cport" OTEL_EXPORTER_OTLP_TIMEOUT=1000 LLM_BASE_URL=$base \
LLM_API_KEY=sk-test-not-printed-0123456789 timeout 30 "$B/llm" chat -m gpt-4o-mini Hi > "$dir/out" 2> "$dir/err"; s=$?
took=$(($(date +%s) - start))
if [ $s -ne 0 ] || [ "$(cat "$dir/out")" != "$answer" ]; then
    echo "FAIL llm chat with a collector that is down: exit $s:"; cat "$dir/out" "$dir/err"; failed=1
fi
grep -q "^llm chat: warning: OTLP export to http://127.0.0.1:$cport/v1/traces failed: " "$dir/err" ||
    { echo "FAIL no warning naming the collector that is down:"; cat "$dir/err"; failed=1; }
[ "$took" -le 5 ] || { echo "FAIL llm chat took $took s with a collector that is down"; failed=1; }

# 3. headers that cannot be read
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$cport" OTEL_EXPORTER_OTLP_HEADERS="api-key=secret-value,broken" \
LLM_BASE_URL=$base LLM_API_KEY=sk-test-not-printed-0123456789 \
    timeout 30 "$B/llm" chat -m gpt-4o-mini Hi > "$dir/out" 2> "$dir/err"; s=$?
if [ $s -ne 0 ] || [ "$(cat "$dir/out")" != "$answer" ]; then
    echo "FAIL llm chat with bad OTEL_EXPORTER_OTLP_HEADERS: exit $s:"; cat "$dir/out" "$dir/err"; failed=1
fi
grep -qx "llm chat: warning: no OTLP export (OTEL_EXPORTER_OTLP_\*): headers: member 2 has no '='" "$dir/err" ||
    { echo "FAIL bad headers: not the one warning expected:"; cat "$dir/err"; failed=1; }
if grep -q "secret-value" "$dir/err"; then echo "FAIL a header value was printed"; failed=1; fi

[ $failed -eq 0 ] && echo "check-otlp (llm chat): ok"
exit $failed
