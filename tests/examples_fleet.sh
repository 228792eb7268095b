#!/bin/sh
# examples/fleet.c (built with sanitizers as BUILD/fleet-san) against
# build/mock_server and a redis-server started here (127.0.0.1, a free port,
# no persistence, stopped by its PID): two processes, each sending 4 requests
# to a deployment limited to 4 a minute, get 4 through together; the mock
# server's log holds exactly those 4 requests. Done again once when the
# run straddled a minute of Redis's clock (a new window may admit more).
#   sh tests/examples_fleet.sh BUILD
B=${1:-build}
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-fleet-example.XXXXXX") || exit 1
"$B/mock_server" --port 0 --port-file "$dir/port" --idle-exit-ms 60000 --lifetime-ms 300000 --quiet --log "$dir/mock.log" > /dev/null &
mpid=$!
rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --logfile /dev/null > /dev/null &
rpid=$!
trap 'kill $mpid $rpid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while { [ ! -s "$dir/port" ] || ! redis-cli -p "$rport" ping > /dev/null 2>&1; } && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
minute() { redis-cli -p "$rport" time | head -n 1 | awk '{ print int($1 / 60) }'; }
for try in 1 2; do
    redis-cli -p "$rport" flushall > /dev/null
    : > "$dir/mock.log"
    before=$(minute)
    OPENAI_BASE_URL="http://127.0.0.1:$(cat "$dir/port")/v1" OPENAI_API_KEY=sk-mock \
        "$B/fleet-san" "redis://127.0.0.1:$rport" 4 > "$dir/out" 2> "$dir/err"; status=$?
    [ "$(minute)" = "$before" ] && break
done
sleep 0.2 # the mock server writes its log line once the answer is sent
sent=$(grep -c ' POST /v1/chat/completions ' "$dir/mock.log")
if [ "$status" -ne 0 ] || [ -s "$dir/err" ]; then
    echo "FAIL fleet: exit $status"; sed 's/^/     /' "$dir/err" | tail -n 20; exit 1
fi
if ! grep -qxF "together: 4 answered of 8 sent, with a limit of 4 a minute shared through Redis" "$dir/out"; then
    echo "FAIL fleet: its output:"; sed 's/^/     /' "$dir/out"; exit 1
fi
if [ "$sent" -ne 4 ]; then echo "FAIL fleet: the mock server's log holds $sent requests, not 4"; exit 1; fi
echo "1 passed, 0 failed (fleet: 4 of 8 requests through a shared limit of 4, 4 in the server's log)"
