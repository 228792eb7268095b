#!/bin/sh
# `llm chat --router FILE --store redis://...` against build/mock_server and a
# redis-server this script starts (127.0.0.1, a free port, no persistence:
# --save '' --appendonly no; stopped by its PID), every CLI run a process of
# its own:
#  - 3 processes at once, 3 calls each, through a config whose deployment has
#    rpm 3: with --store the mock server's log holds 3 requests (the limit),
#    the other 6 calls end RATE_LIMITED at once (exit 1); without --store the
#    same 9 calls all reach the server (each process has its own rpm 3: the
#    positive control); both within one minute of Redis's clock (else again);
#  - LLM_ROUTER_STORE does what --store does; LiteLLM's own
#    router_settings.redis_host and redis_port turn it on with no flag;
#  - --max-wait-ms N: still RATE_LIMITED when the minute has more than N ms
#    to go, the message naming the wait;
#  - a Redis that is not there: the call is answered on local limits after
#    exactly one warning line naming the store;
#  - rediss://, a bad URL, --store without --router: exit 2 with a sentence;
#    build/llm-noyaml (built without hiredis) refuses --store and
#    LLM_ROUTER_STORE saying how to get it.
#   sh tests/cli/store.sh build/llm build/llm-noyaml build/mock_server
llm=$1; nohiredis=$2; mock=$3
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-store-test.XXXXXX") || exit 1
"$mock" --port 0 --port-file "$dir/port" --idle-exit-ms 60000 --lifetime-ms 300000 --quiet --log "$dir/mock.log" > /dev/null &
mpid=$!
rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --logfile /dev/null > /dev/null &
rpid=$!
trap 'kill $mpid $rpid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while { [ ! -s "$dir/port" ] || ! redis-cli -p "$rport" ping > /dev/null 2>&1; } && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
root="http://127.0.0.1:$(cat "$dir/port")"
store="redis://127.0.0.1:$rport"
unset OPENAI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL LLM_ROUTER_STORE
cat > "$dir/config.json" <<JSON
{"model_list": [{"model_name": "g", "litellm_params": {"model": "openai/gpt-4o", "api_base": "$root/v1",
  "api_key": "sk-test-store", "rpm": 3}}]}
JSON
cat > "$dir/litellm_redis.json" <<JSON
{"model_list": [{"model_name": "g", "litellm_params": {"model": "openai/gpt-4o", "api_base": "$root/v1",
  "api_key": "sk-test-store", "rpm": 3}}],
 "router_settings": {"routing_strategy": "simple-shuffle", "redis_host": "127.0.0.1", "redis_port": $rport}}
JSON
logged() { if [ -f "$dir/mock.log" ]; then wc -l < "$dir/mock.log" | tr -d ' '; else echo 0; fi; }
minute() { redis-cli -p "$rport" time | head -n 1 | awk '{ print int($1 / 60) }'; }
# until at least 20 s are left in Redis's minute
room() { i=0; while [ $(( $(redis-cli -p "$rport" time | head -n 1) % 60 )) -gt 40 ] && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done; }
has() { if grep -q -F -- "$3" "$2"; then ok; else fail "$1: no [$3] in: $(cat "$2")"; fi; }
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }

# fleet N_PROCS CALLS ARGS...: $dir/exit.K holds each call's exit status
fleet() {
    n=$1; calls=$2; shift 2
    k=0; pids=
    while [ $k -lt "$n" ]; do
        ( c=0; while [ $c -lt "$calls" ]; do
              "$llm" chat --router "$dir/config.json" -m g --no-stream "$@" Hi > /dev/null 2> "$dir/err.$k.$c"
              echo $? >> "$dir/exit.$k"; c=$((c + 1)); done ) &
        pids="$pids $!"
        k=$((k + 1))
    done
    wait $pids
}
count() { cat "$dir"/exit.* 2>/dev/null | grep -c "^$1\$"; }

# ---- the positive control: no store, each process its own rpm 3 ----
rm -f "$dir"/exit.*; before=$(logged)
fleet 3 3
same "no store: calls answered" "$(count 0)" 9
same "no store: requests logged" $(( $(logged) - before )) 9

# ---- the shared limit ----
for try in 1 2 3; do
    redis-cli -p "$rport" flushall > /dev/null
    room
    rm -f "$dir"/exit.* "$dir"/err.*; before=$(logged); m0=$(minute)
    fleet 3 3 --store "$store"
    m1=$(minute); sent=$(( $(logged) - before ))
    [ "$m0" = "$m1" ] && break
done
same "store: one minute of Redis's clock" "$m1" "$m0"
same "store: requests logged" "$sent" 3
same "store: calls answered" "$(count 0)" 3
same "store: calls refused" "$(count 1)" 6
cat "$dir"/err.* > "$dir/errs"
has "store: refused as rate limited" "$dir/errs" "RATE_LIMITED"
has "store: the full limit said" "$dir/errs" "every deployment is at its rate or parallel limit for"
has "store: no wait by default" "$dir/errs" "(max wait 0 ms)"

# ---- --max-wait-ms: the minute has more to go than 50 ms ----
"$llm" chat --router "$dir/config.json" -m g --no-stream --store "$store" --max-wait-ms 50 Hi > /dev/null 2> "$dir/err"
same "max wait: exit" $? 1
has "max wait: named" "$dir/err" "(max wait 50 ms)"

# ---- LLM_ROUTER_STORE, and LiteLLM's router_settings.redis_* ----
redis-cli -p "$rport" flushall > /dev/null
LLM_ROUTER_STORE=$store "$llm" chat --router "$dir/config.json" -m g --no-stream Hi > /dev/null 2> "$dir/err"
same "LLM_ROUTER_STORE: exit" $? 0
same "LLM_ROUTER_STORE: the rpm key" "$(redis-cli -p "$rport" --scan --pattern 'llm1:{dep:g#0}:rpm:*' | wc -l | tr -d ' ')" 1
redis-cli -p "$rport" flushall > /dev/null
"$llm" chat --router "$dir/litellm_redis.json" -m g --no-stream Hi > /dev/null 2> "$dir/err"
same "router_settings.redis_host: exit" $? 0
same "router_settings.redis_host: the rpm key" "$(redis-cli -p "$rport" --scan --pattern 'llm1:{dep:g#0}:rpm:*' | wc -l | tr -d ' ')" 1

# ---- a Redis that is not there: local limits, one warning line ----
dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$llm" chat --router "$dir/config.json" -m g --no-stream --store "redis://127.0.0.1:$dead" Hi > "$dir/out" 2> "$dir/err"
same "store down: exit" $? 0
same "store down: the answer" "$(cat "$dir/out")" "Hello from the mock server. You said: Hi"
same "store down: one warning" "$(grep -c 'warning: router store' "$dir/err")" 1
has "store down: the line" "$dir/err" "llm chat: warning: router store redis://127.0.0.1:$dead/0: unavailable (connect: Connection refused), using local limits"

# ---- refusals ----
"$llm" chat --router "$dir/config.json" -m g --store "rediss://127.0.0.1:$rport" Hi > /dev/null 2> "$dir/err"
same "rediss: exit" $? 2
has "rediss: sentence" "$dir/err" "rediss:// (TLS) is not supported"
"$llm" chat --router "$dir/config.json" -m g --store "redis://127.0.0.1:0" Hi > /dev/null 2> "$dir/err"
same "bad port: exit" $? 2
has "bad port: sentence" "$dir/err" "the port must be 1 to 65535"
"$llm" chat -m gpt-4o --base-url "$root/v1" --store "$store" Hi > /dev/null 2> "$dir/err"
same "no router: exit" $? 2
has "no router: sentence" "$dir/err" "--store shares a router's limits: give --router FILE too"
"$nohiredis" chat --router "$dir/config.json" -m g --store "$store" Hi > /dev/null 2> "$dir/err"
same "no hiredis: exit" $? 2
has "no hiredis: sentence" "$dir/err" "--store needs a build with hiredis: apt-get install libhiredis-dev, then make"
LLM_ROUTER_STORE=$store "$nohiredis" chat --router "$dir/config.json" -m g Hi > /dev/null 2> "$dir/err"
same "no hiredis, LLM_ROUTER_STORE: exit" $? 2
has "no hiredis, LLM_ROUTER_STORE: sentence" "$dir/err" "LLM_ROUTER_STORE needs a build with hiredis"
"$nohiredis" chat --router "$dir/config.json" -m g --no-stream Hi > /dev/null 2> "$dir/err"
same "no hiredis, no store: exit" $? 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
