#!/bin/sh
# `llm models --remote` and `llm health` against build/mock_server on
# 127.0.0.1 (a free port; the server stops by itself), started with
# --loading-probes 3: its /health/readiness answers 503 three times (a
# LiteLLM proxy whose database is not yet connected), then 200. The listed
# models are the mock's; their limits and prices LiteLLM's price table's
# (gpt-4o-mini: 128000 in, 16384 out, $0.15 and $0.60 per million tokens).
#   sh tests/cli/models.sh build/llm build/mock_server
llm=$1; mock=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-models-test.XXXXXX") || exit 1
"$mock" --port 0 --port-file "$dir/port" --log "$dir/log" --loading-probes 3 --idle-exit-ms 30000 \
    --lifetime-ms 120000 --quiet > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
origin="http://127.0.0.1:$(cat "$dir/port")"
unset OPENAI_API_KEY ANTHROPIC_API_KEY OPENROUTER_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
tab=$(printf '\t')

# the server's list, one line per model
"$llm" models --remote --base-url "$origin/v1" > "$dir/out" 2> "$dir/err"; s=$?
same "models --remote: exit" "$s" 0
same "models --remote: lines" "$(wc -l < "$dir/out" | tr -d ' ')" 9
same "models --remote: first line" "$(sed -n 1p "$dir/out")" \
    "gpt-4o-mini${tab}openai-compatible${tab}128000${tab}16384${tab}0.15${tab}0.6"
same "models --remote: a model no table knows" "$(sed -n 9p "$dir/out")" \
    "mock-model${tab}openai-compatible${tab}-${tab}-${tab}-${tab}-"
same "models --remote: stderr" "$(cat "$dir/err")" ""

# --json: one JSON array, a member per model
"$llm" models --remote --base-url "$origin/v1" --json > "$dir/json" 2> "$dir/err"; s=$?
same "models --remote --json: exit" "$s" 0
"$llm" json-validate "$dir/json" 2> "$dir/err" || fail "models --remote --json: not JSON: $(cat "$dir/err")"
same "models --remote --json: ids" "$(grep -o '"id":"[^"]*"' "$dir/json" | wc -l | tr -d ' ')" 9
case $(cat "$dir/json") in
    '[{"id":"gpt-4o-mini","provider":"openai-compatible",'*'"context_window":128000,"max_output_tokens":16384,"input_usd_per_mtok":0.15,"output_usd_per_mtok":0.6,'*) ok ;;
    *) fail "models --remote --json: the first model: $(head -c 300 "$dir/json")" ;;
esac

# where no target is named
"$llm" models --remote > /dev/null 2> "$dir/err"; s=$?
same "models --remote without a target: exit" "$s" 2

# health: one probe sees the proxy loading (exit 1); waiting sees it ready (exit 0)
"$llm" health --base-url "$origin/v1" > "$dir/out" 2> "$dir/err"; s=$?
same "health while loading: exit" "$s" 1
same "health while loading: stdout" "$(cat "$dir/out")" loading
"$llm" health --base-url "$origin" --wait 10 > "$dir/out" 2> "$dir/err"; s=$?
same "health --wait: exit" "$s" 0
same "health --wait: stdout" "$(cat "$dir/out")" ready
same "health --wait: stderr" "$(cat "$dir/err")" ""
# every probe went to the origin's readiness (with and without /v1): 503 three times, then 200
same "health: the probes" "$(grep ' /health' "$dir/log" | cut -d' ' -f2-4 | tr '\n' ' ')" \
    "GET /health/readiness 503 GET /health/readiness 503 GET /health/readiness 503 GET /health/readiness 200 "
"$llm" health --base-url "$origin/v1/" > "$dir/out" 2> "$dir/err"; s=$?
same "health when ready: exit" "$s" 0

# a dead port: exit 1, at once and after waiting
kill $pid 2>/dev/null; wait $pid 2>/dev/null
"$llm" health --base-url "$origin" > "$dir/out" 2> "$dir/err"; s=$?
same "health, dead port: exit" "$s" 1
same "health, dead port: stdout" "$(cat "$dir/out")" ""
case $(cat "$dir/err") in "llm health: TRANSPORT: "*) ok ;; *) fail "health, dead port: stderr: $(cat "$dir/err")" ;; esac
"$llm" health --base-url "$origin" --wait 1 > "$dir/out" 2> "$dir/err"; s=$?
same "health --wait, dead port: exit" "$s" 1
case $(cat "$dir/err") in "llm health: TIMEOUT: not ready after "*) ok ;; *) fail "health --wait, dead port: $(cat "$dir/err")" ;; esac
"$llm" health --base-url "$origin" --wait x > /dev/null 2>&1; s=$?
same "health --wait x: exit" "$s" 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
