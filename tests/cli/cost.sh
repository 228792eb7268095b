#!/bin/sh
# `llm cost`, `llm info`, `llm models` as a user runs them. Expected costs are
# worked out by hand from tools/data/model_prices_and_context_window.json
# (LiteLLM, 2026-07-24); the arithmetic is beside each case.
llm=$1; data=$2
passed=0; failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
tmp=${TMPDIR:-/tmp}/llm_cost_test.$$
# cost NAME EXPECTED ARGS...: stdout is one number within 1e-9 (relative) of EXPECTED
cost() {
    name=$1; want=$2; shift 2
    got=$("$llm" cost "$@" 2>"$tmp.err"); s=$?
    if [ $s -eq 0 ] && [ ! -s "$tmp.err" ] && awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g ~ /^[0-9.e+-]+$/ && d <= 1e-12 + 1e-9 * w) }'; then
        passed=$((passed + 1))
    else
        fail "$name: got '$got' (status $s) expected $want: $(cat "$tmp.err")"
    fi
}
# status NAME WANT ARGS...: exit status WANT and a message on stderr
status() {
    name=$1; want=$2; shift 2
    "$llm" "$@" >"$tmp.out" 2>"$tmp.err"; s=$?
    if [ $s -eq "$want" ] && [ -s "$tmp.err" ] && [ ! -s "$tmp.out" ]; then passed=$((passed + 1)); else fail "$name: status $s"; fi
}

# only 1-hour writes (a request whose every cache_control has ttl "1h"): claude-sonnet-4-5,
# 900*3e-06 + 100*6e-06 = 0.0027 + 0.0006
cost only-1h-writes 0.0033 --model claude-sonnet-4-5 --prompt-tokens 1000 --cache-creation-1h-tokens 100
# gpt-4o: 1000*2.5e-06 + 500*1e-05 = 0.0025 + 0.005
cost plain 0.0075 --model gpt-4o --prompt-tokens 1000 --completion-tokens 500
# cached: 500*2.5e-06 + 1500*1.25e-06 + 100*1e-05 = 0.00125 + 0.001875 + 0.001
cost cached 0.004125 --model gpt-4o --prompt-tokens 2000 --completion-tokens 100 --cached-tokens 1500
# claude-sonnet-4-5: 1000*3e-06 + 20000*3e-07 + 5000*3.75e-06 + 300*1.5e-05 = 0.003 + 0.006 + 0.01875 + 0.0045
cost anthropic 0.03225 --model anthropic/claude-sonnet-4-5 --prompt-tokens 26000 --completion-tokens 300 \
    --cached-tokens 20000 --cache-creation-tokens 5000
# o3-mini, reasoning at the output price: 100*1.1e-06 + 1000*4.4e-06 = 0.00011 + 0.0044
cost reasoning 0.00451 --model o3-mini --prompt-tokens 100 --completion-tokens 1000 --reasoning-tokens 800
# gemini/gemini-2.5-pro past 200k: 300000*2.5e-06 + 2000*1.5e-05 = 0.75 + 0.03
cost above-200k 0.78 --model gemini/gemini-2.5-pro --prompt-tokens 300000 --completion-tokens 2000
# OpenAI priority: 1000*4.25e-06 + 100*1.7e-05 = 0.00425 + 0.0017
cost priority 0.00595 --model gpt-4o --prompt-tokens 1000 --completion-tokens 100 --service-tier priority
# saved responses. Anthropic message_text.json (claude-sonnet-4-5-20250929, input 406, output 50):
# 406*3e-06 + 50*1.5e-05 = 0.001218 + 0.00075
cost usage-anthropic 0.001968 --usage "$data/anthropic/message_text.json"
# OpenAI chat_completion_text.json (gpt-4o-2024-08-06, 14 + 37): 14*2.5e-06 + 37*1e-05 = 0.000035 + 0.00037
cost usage-openai 0.000405 --usage "$data/openai/chat_completion_text.json"
# the same usage priced as another model: 14*1.1e-06 + 37*4.4e-06 = 0.0000154 + 0.0001628 (o3-mini)
cost usage-model 0.0001782 --usage "$data/openai/chat_completion_text.json" --model o3-mini
# Gemini (gemini-2.5-pro, prompt 38, candidates 8 + thoughts 501): 38*1.25e-06 + 509*1e-05 = 0.0000475 + 0.00509
cost usage-gemini 0.0051375 --usage "$data/gemini/generate_content_thinking_function_call.json"
# an Anthropic usage object with 1-hour writes: input 10, read 100, writes 1000 (400 of them 1 h), output 20:
# 10*3e-06 + 100*3e-07 + 600*3.75e-06 + 400*6e-06 + 20*1.5e-05 = 0.00003 + 0.00003 + 0.00225 + 0.0024 + 0.0003
printf '{"input_tokens":10,"cache_read_input_tokens":100,"cache_creation_input_tokens":1000,"cache_creation":{"ephemeral_1h_input_tokens":400},"output_tokens":20}' > "$tmp.usage"
cost usage-1h 0.00501 --usage "$tmp.usage" --model claude-sonnet-4-5
# Anthropic's prompt-caching page (tests/data/anthropic/SOURCES.md): the prompt is reads + writes + input_tokens,
# 100 of the 248 writes are the hour's. claude-sonnet-4-5: 2048*3e-06 + 1800*3e-07 + 148*3.75e-06 + 100*6e-06 + 503*1.5e-05
# = 0.006144 + 0.00054 + 0.000555 + 0.0006 + 0.007545
docs=$data/../anthropic
cost usage-doc-1h 0.015384 --usage "$docs/prompt_caching_1h_usage.json" --model claude-sonnet-4-5
# claude-opus-4-1-20250805, 188086 writes: 21*1.5e-05 + 188086*1.875e-05 + 393*7.5e-05 = 0.000315 + 3.5266125 + 0.029475
cost usage-doc-write 3.5564025 --usage "$docs/prompt_caching_write_usage.json" --model claude-opus-4-1-20250805
# and read back: 21*1.5e-05 + 188086*1.5e-06 + 393*7.5e-05 = 0.000315 + 0.282129 + 0.029475
cost usage-doc-read 0.311919 --usage "$docs/prompt_caching_read_usage.json" --model claude-opus-4-1-20250805
# --prices: a top layer for the run. 1000*1e-06 + 10*2e-06; a price the entry lacks (cache read) is 0
printf '{"gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}' > "$tmp.prices"
cost prices 0.00102 --model gpt-4o --prompt-tokens 1000 --completion-tokens 10 --prices "$tmp.prices"
cost prices-cached 0.00052 --model gpt-4o --prompt-tokens 1000 --completion-tokens 10 --cached-tokens 500 --prices "$tmp.prices"
# other models still come from the embedded table: 1000*1.1e-06 + 10*4.4e-06 = 0.0011 + 0.000044
cost prices-under 0.001144 --model o3-mini --prompt-tokens 1000 --completion-tokens 10 --prices "$tmp.prices"

status unknown-model 1 cost --model no-such-model --prompt-tokens 1 --completion-tokens 1
status no-model 2 cost --prompt-tokens 1 --completion-tokens 1
status no-prompt 2 cost --model gpt-4o --completion-tokens 1
status bad-number 2 cost --model gpt-4o --prompt-tokens -5 --completion-tokens 1
status bad-option 2 cost --model gpt-4o --prompt-tokens 5 --frobnicate 1
status too-many-cached 2 cost --model gpt-4o --prompt-tokens 5 --cached-tokens 6
# reads and writes of both TTLs are parts of the prompt: 3 + 1 + 2 > 5
status too-many-writes 2 cost --model claude-sonnet-4-5 --prompt-tokens 5 --cached-tokens 3 --cache-creation-tokens 1 --cache-creation-1h-tokens 2
status missing-prices 2 cost --model gpt-4o --prompt-tokens 5 --prices /nonexistent/prices.json
printf '{"gpt-4o": {' > "$tmp.bad"
status bad-prices 1 cost --model gpt-4o --prompt-tokens 5 --prices "$tmp.bad"
status missing-usage 2 cost --usage /nonexistent/usage.json --model gpt-4o
status usage-and-counts 2 cost --usage "$tmp.usage" --model gpt-4o --prompt-tokens 5
status info-unknown 1 info no-such-model
status info-usage 2 info

out=$("$llm" info openai/gpt-4o)
if echo "$out" | grep -q '"key":"gpt-4o"' && echo "$out" | grep -q '"cache_read_input_token_cost":0.00000125' &&
   echo "$out" | grep -q '"supports_vision":true' && echo "$out" | "$llm" json-validate; then
    passed=$((passed + 1)); else fail "info: $out"; fi
out=$("$llm" info claude-sonnet-4-5)
if echo "$out" | grep -q '"input_cost_per_token_above_200k_tokens":0.000006'; then passed=$((passed + 1)); else fail "info tier: $out"; fi
n=$("$llm" models --provider anthropic | awk -F'\t' '$2 != "anthropic" { bad++ } END { print NR, bad + 0 }')
case $n in "0 "*|*" "[1-9]*) fail "models --provider: $n" ;; *) passed=$((passed + 1)) ;; esac
if "$llm" models | grep -q "^gpt-4o	openai	chat$"; then passed=$((passed + 1)); else fail "models"; fi
if "$llm" models --prices "$tmp.prices" | grep -c "^gpt-4o	" | grep -qx 1; then passed=$((passed + 1)); else fail "models --prices"; fi

rm -f "$tmp.err" "$tmp.out" "$tmp.usage" "$tmp.prices" "$tmp.bad"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
