#!/bin/sh
# check-otlp: llm_otlp.h's payloads against a collector stand-in
# (tests/otlp/collector.mjs, on a free 127.0.0.1 port, stopping by itself)
# that validates each one against the opentelemetry-proto definitions.
#   1. the GenAI span tree and histograms of otlp_send.c: every request valid
#      and carrying what was fed (check.mjs genai, which also makes sure the
#      validator refuses a list of broken variants of those payloads);
#   2. a collector that is down, one too slow for timeout_ms, one answering
#      503: the flush fails with the transport's error, a timeout, HTTP 503,
#      every export counted as failed, the spans dropped, within its bound;
#   3. a planted fault: a copy of llm_otlp.h that writes intValue as a JSON
#      number (build/otlp_send_planted) must be refused by the validator.
# Usage: sh tests/otlp/run.sh BUILD
B=${1:-build}
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-otlp.XXXXXX") || exit 1
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
failed=0

# start_collector NAME ARGS...: a collector logging to $dir/NAME.log; its port in $port
start_collector() {
    name=$1; shift
    node tests/otlp/collector.mjs --port-file "$dir/$name.port" --log "$dir/$name.log" --idle-ms 15000 --max-ms 60000 \
        "$@" 2> "$dir/$name.err" &
    pid=$!; pids="$pids $pid"
    i=0; while [ ! -s "$dir/$name.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    port=$(cat "$dir/$name.port" 2>/dev/null)
    [ -n "$port" ] || { echo "FAIL the collector stand-in did not start:"; cat "$dir/$name.err"; exit 1; }
}

# expect FILE LINE: FILE has the line LINE
expect() {
    grep -qxF "$2" "$1" || { echo "FAIL expected the line '$2' in:"; sed 's/^/     /' "$1"; failed=1; }
}

# 1. the GenAI shape
start_collector good
timeout 30 "$B/otlp_send" "http://127.0.0.1:$port" genai "x-tenant=t1" > "$dir/genai.out" 2>&1
expect "$dir/genai.out" "flush: LLM_OK"
expect "$dir/genai.out" "spans: started 3 exported 3 export_failed 0 dropped 0 pending 0"
expect "$dir/genai.out" "exports: 2 failed 0"
node tests/otlp/check.mjs "$dir/good.log" genai || failed=1

# 2. down, slow, refusing
start_collector gone
kill "$pid"; wait "$pid" 2>/dev/null
timeout 30 "$B/otlp_send" "http://127.0.0.1:$port" down > "$dir/down.out" 2>&1
expect "$dir/down.out" "spans: started 3 exported 0 export_failed 3 dropped 0 pending 0"
expect "$dir/down.out" "exports: 2 failed 2"
expect "$dir/down.out" "flush took under 3500 ms: yes"
grep -q "^flush: LLM_ERR_TRANSPORT OTLP export to http://127.0.0.1:$port/v1/traces failed" "$dir/down.out" ||
    { echo "FAIL a collector that is down:"; cat "$dir/down.out"; failed=1; }
start_collector slow --delay-ms 5000
timeout 30 "$B/otlp_send" "http://127.0.0.1:$port" down > "$dir/slow.out" 2>&1
expect "$dir/slow.out" "exports: 2 failed 2"
expect "$dir/slow.out" "flush took under 3500 ms: yes"
grep -q "^flush: LLM_ERR_TIMEOUT" "$dir/slow.out" || { echo "FAIL a slow collector:"; cat "$dir/slow.out"; failed=1; }
start_collector refusing --status 503
timeout 30 "$B/otlp_send" "http://127.0.0.1:$port" down > "$dir/refusing.out" 2>&1
expect "$dir/refusing.out" "exports: 2 failed 2"
grep -q "^flush: LLM_ERR_HTTP OTLP export to .* failed: HTTP 503$" "$dir/refusing.out" ||
    { echo "FAIL a collector answering 503:"; cat "$dir/refusing.out"; failed=1; }

# 3. the planted fault
start_collector planted
timeout 30 "$B/otlp_send_planted" "http://127.0.0.1:$port" genai > "$dir/planted.out" 2>&1
node tests/otlp/check.mjs "$dir/planted.log" planted || failed=1

[ $failed -eq 0 ] && echo "check-otlp: ok"
exit $failed
