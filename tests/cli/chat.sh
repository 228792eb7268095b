#!/bin/sh
# `llm chat` as a user runs it, against build/mock_server on 127.0.0.1 (a
# free port; the server stops by itself): the stdout/stderr contract,
# streamed bytes reaching a pipe before the answer ends, --no-stream and
# --json (the summary line's numbers are the same run's --json values), an
# unknown price and estimated usage said so, tool calls and a tool round
# trip, LLM_BASE_URL mode, the router's fallback with -v (the whole
# request's latency and attempts, no blank line after the answer), the
# missing-key message, a failed call's one line (the key never in it), a
# dead server, and usage errors named; what was sent (the server's --bodies
# log): a plain prompt as a string, the very body `llm request` prints for
# it, an image as parts; tool-call arguments that are not JSON kept, printed
# raw, and sent back as they came; trailers without end after the answer
# (the answer printed, the command back within --timeout-ms); LLM_LOG's lines.
#   sh tests/cli/chat.sh build/llm build/mock_server
llm=$1; mock=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-chat-test.XXXXXX") || exit 1
pids=""
trap 'kill $pids 2>/dev/null; rm -rf "$dir"' EXIT
# start_mock PORTFILE [OPTION...]: one more server (its URL: http://127.0.0.1:$(cat PORTFILE)/v1)
start_mock() {
    pf=$1; shift
    "$mock" --port 0 --port-file "$pf" --idle-exit-ms 30000 --lifetime-ms 300000 --quiet "$@" > /dev/null &
    pids="$pids $!"
    i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
start_mock "$dir/port" --bodies "$dir/bodies"
base="http://127.0.0.1:$(cat "$dir/port")/v1"
# keep the caller's keys and targets out of it
unset OPENAI_API_KEY ANTHROPIC_API_KEY OPENROUTER_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
# the summary line's shape (its values: summary_is_json below)
summary='^model=[^ ]* provider=[^ ]* prompt_tokens=[0-9][0-9]* completion_tokens=[0-9][0-9]* cached_tokens=[0-9][0-9]* reasoning_tokens=[0-9][0-9]* usage=[a-z]* cost_usd=[0-9a-z.]* latency_ms=[0-9][0-9]* attempts=[1-9][0-9]*$'
answer='Hello from the mock server. You said: Hi'

# run NAME WANT_STATUS ARGS...: stdout in $dir/out, stderr in $dir/err
run() {
    name=$1; want=$2; shift 2
    "$llm" chat "$@" > "$dir/out" 2> "$dir/err"; s=$?
    if [ $s -ne "$want" ]; then fail "$name: exit $s, wanted $want: $(cat "$dir/err")"; return 1; fi
    return 0
}
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }
has() { if grep -q -- "$3" "$2"; then ok; else fail "$1: no [$3] in: $(cat "$2")"; fi; }
has_text() { if grep -q -F -- "$3" "$2"; then ok; else fail "$1: no [$3] in: $(cat "$2")"; fi; }
lacks_text() { if grep -q -F -- "$3" "$2"; then fail "$1: [$3] in: $(cat "$2")"; else ok; fi; }
# jnum KEY: the value of "KEY" in the --json object ($dir/out); snum KEY: KEY= on the summary line ($dir/err)
jnum() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$dir/out" | head -n 1; }
snum() { sed -n "s/^model=.* $1=\([^ ]*\).*/\1/p" "$dir/err" | head -n 1; }
# summary_is_json NAME: the summary line has its shape and the same run's --json values (its cost_usd is
# rounded to 10 significant digits; "unknown" where --json has null; token counts 0 where its usage is null)
summary_is_json() {
    has "$1 summary" "$dir/err" "$summary"
    for k in prompt_tokens completion_tokens cached_tokens reasoning_tokens latency_ms attempts; do
        j=$(jnum $k)
        if [ -z "$j" ] && [ "$k" != latency_ms ] && [ "$k" != attempts ] && grep -q -F '"usage":null' "$dir/out"; then j=0; fi
        same "$1 $k" "$(snum $k)" "$j"
    done
    c=$(snum cost_usd); j=$(jnum cost_usd)
    if [ "$c" = unknown ]; then same "$1 cost_usd" "$j" null
    elif [ "$j" != null ] && awk -v a="$c" -v b="$j" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * b) }'; then ok
    else fail "$1 cost_usd: summary [$c], --json [$j]"; fi
}

# streamed: the answer and one newline on stdout; stderr is the summary line alone
if run stream 0 --base-url "$base" -m gpt-4o-mini Hi; then
    same stream-stdout "$(cat "$dir/out")" "$answer"
    same stream-newline "$(tail -c 1 "$dir/out" | od -An -c | tr -d ' ')" '\n'
    same stream-stderr-lines "$(wc -l < "$dir/err" | tr -d ' ')" 1
    has stream-summary "$dir/err" "$summary"
    has stream-summary-model "$dir/err" "^model=gpt-4o-mini provider=openai-compatible prompt_tokens=[1-9]"
fi
if run no-stream 0 --no-stream --base-url "$base" -m gpt-4o-mini Hi; then
    same no-stream-stdout "$(cat "$dir/out")" "$answer"
    has no-stream-summary "$dir/err" "$summary"
fi
# the prompt from stdin
printf 'Hi' | "$llm" chat --base-url "$base" -m gpt-4o-mini - > "$dir/out" 2> "$dir/err"
same stdin-prompt "$(cat "$dir/out")" "$answer"

# the bytes reach a pipe as they come: 5 pieces 300 ms apart; the first
# arrives long before the end (a buffered answer would come all at once)
t0=$(date +%s%N)
"$llm" chat --base-url "$base" -m gpt-4o-mini -H 'x-mock-chunks: 5' -H 'x-mock-interval-ms: 300' Hi 2> /dev/null |
    { dd bs=1 count=3 of="$dir/first" 2> /dev/null; date +%s%N > "$dir/t_first"; cat > "$dir/rest"; date +%s%N > "$dir/t_end"; }
gap=$(( ($(cat "$dir/t_end") - $(cat "$dir/t_first")) / 1000000 ))
if [ "$(cat "$dir/first")" = "Hel" ] && [ $gap -ge 800 ]; then ok; else fail "stream-as-it-arrives: first bytes [$(cat "$dir/first")], then $gap ms to the end (want >= 800)"; fi

# --json: one object, the replay shape and more; the summary line says the same
if run json 0 --json --base-url "$base" -m gpt-4o-mini Hi; then
    same json-lines "$(wc -l < "$dir/out" | tr -d ' ')" 1
    "$llm" json-validate "$dir/out" && ok || fail "json: not JSON"
    for key in '"id":"chatcmpl-' '"model":"gpt-4o-mini"' '"provider":"openai-compatible"' "\"content\":\"$answer\"" '"finish_reason":"stop"' \
               '"usage":{"prompt_tokens":' '"cost_usd":0.' '"latency_ms":' '"attempts":1' '"tool_calls":[]' '"reasoning":""' '"refusal":""' '"finish_reason_raw":"stop"'; do
        has_text "json $key" "$dir/out" "$key"
    done
    lacks_text json-not-estimated "$dir/out" 'estimat'
    has_text json-usage-source "$dir/out" '"usage_source":"reported"'
    has json-usage-reported "$dir/err" ' usage=reported '
    summary_is_json json
fi
if run json-no-stream 0 --json --no-stream --base-url "$base" -m gpt-4o-mini Hi; then
    summary_is_json json-no-stream
fi
# a model with no price (a proxy's alias): the cost is unknown, never 0
if run unknown-price 0 --json --base-url "$base" -m my-alias Hi; then
    has_text unknown-price-json "$dir/out" '"cost_usd":null'
    has unknown-price-summary "$dir/err" ' cost_usd=unknown '
    summary_is_json unknown-price
fi
# no usage from the server (stream_options.include_usage false): the usage is missing and its cost unknown,
# never the library's estimate passed off as the server's, never a cost of 0
printf '{"stream_options":{"include_usage":false}}' > "$dir/no-usage.json"
if run missing 0 --json --base-url "$base" -m gpt-4o-mini --request "$dir/no-usage.json" Hi; then
    has_text missing-json-usage "$dir/out" '"usage":null,"usage_source":"missing"'
    has_text missing-json-cost "$dir/out" '"cost_usd":null'
    lacks_text missing-json-estimate "$dir/out" 'estimat'
    has missing-summary "$dir/err" ' prompt_tokens=0 completion_tokens=0 cached_tokens=0 reasoning_tokens=0 usage=missing cost_usd=unknown '
    summary_is_json missing
fi
if run missing-text 0 --base-url "$base" -m gpt-4o-mini --request "$dir/no-usage.json" Hi; then
    has missing-text-summary "$dir/err" ' usage=missing cost_usd=unknown '
fi

# a tool call: one JSON line after the (empty) text
printf '%s\n' '{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"zone":{"type":"string"}}}}}' > "$dir/tool.json"
if run tool 0 --base-url "$base" -m gpt-4o-mini --tool "$dir/tool.json" -H 'x-mock-tool-args: {"zone":"UTC"}' 'What time is it?'; then
    has tool-line "$dir/out" '^{"id":"call_[A-Za-z0-9_]*","name":"get_time","arguments":"{\\"zone\\":\\"UTC\\"}"}$'
    same tool-lines "$(wc -l < "$dir/out" | tr -d ' ')" 1
fi
# the tool's output sent back (--request): the answer quotes it
printf '%s\n' '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"What time is it?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"12:34:56 UTC"}]}' > "$dir/convo.json"
if run tool-result 0 --base-url "$base" --request "$dir/convo.json" --tool "$dir/tool.json"; then
    same tool-result-stdout "$(cat "$dir/out")" "The tool said: 12:34:56 UTC"
fi

# LLM_BASE_URL mode: an OpenAI-compatible server, the model verbatim, LLM_API_KEY its key (never printed)
LLM_BASE_URL=$base LLM_API_KEY=sk-test-not-printed-0123456789 "$llm" chat -m my-alias -H 'x-mock-fault: status=401' Hi > "$dir/out" 2> "$dir/err"; s=$?
same base-url-401-exit "$s" 1
same base-url-401-line "$(cat "$dir/err")" "AUTHENTICATION: Incorrect API key provided. (HTTP 401)"
if grep -q "sk-test" "$dir/out" "$dir/err"; then fail "the key was printed"; else ok; fi
LLM_BASE_URL=$base LLM_MODEL=gpt-4o-mini "$llm" chat Hi > "$dir/out" 2> "$dir/err"
same llm-model-env "$(cat "$dir/out")" "$answer"
"$llm" request --base-url "$base" -m my-alias "$dir/convo.json" > "$dir/req" 2>&1
has request-verbatim-model "$dir/req" '"model":"my-alias"'

# trailers after [DONE] for 20 s (the server's choice), as fast as they go, then one every 50 ms: the answer
# printed and the command back well within --timeout-ms's 3 s, exit 0 (the answer is whole)
for fault in 'trailers=20000@0' 'trailers=20000@50'; do
    t0=$(date +%s%N)
    if run "trailers $fault" 0 --base-url "$base" -m gpt-4o-mini --timeout-ms 3000 -H "x-mock-fault: $fault" Hi; then
        same "trailers $fault stdout" "$(cat "$dir/out")" "$answer"
    fi
    took=$((($(date +%s%N) - t0) / 1000000))
    if [ "$took" -le 3000 ]; then ok; else fail "trailers $fault: took $took ms with --timeout-ms 3000"; fi
done

# the router: 503 for three attempts (the first and two retries), then the fallback answers
if run fallback 0 -v --base-url "$base" -m gpt-4o --fallback gpt-4o-mini -H 'x-mock-fault: status=503;attempts=3' Hi; then
    same fallback-stdout "$(cat "$dir/out")" "$answer"
    has fallback-trace "$dir/err" '^router: request 1: fell back from gpt-4o to gpt-4o-mini'
    has fallback-summary "$dir/err" '^model=gpt-4o-mini '
fi
# the whole routed request: 429 asking for 250 ms on three attempts, then the fallback: 4 attempts and at
# least 500 ms (two waits), in the summary as in --json. (A server of its own: attempts= counts by
# Idempotency-Key, and this server has seen none of the keys the runs above sent.)
start_mock "$dir/port2"
base2="http://127.0.0.1:$(cat "$dir/port2")/v1"
if run routed 0 --json -v --base-url "$base2" -m gpt-4o --fallback gpt-4o-mini -H 'x-mock-fault: status=429;retry-after-ms=250;attempts=3' Hi; then
    same routed-attempts "$(jnum attempts)" 4
    lat=$(jnum latency_ms)
    if [ "${lat:-0}" -ge 500 ] 2>/dev/null; then ok; else fail "routed: latency_ms [$lat], wanted >= 500"; fi
    same routed-retries "$(grep -c '^router: request 1: retry in 250 ms (Retry-After)' "$dir/err")" 2
    has routed-summary-model "$dir/err" '^model=gpt-4o-mini '
    summary_is_json routed
fi
# -v with stdout and stderr on one terminal: the router's lines and the summary follow the answer's line,
# with no blank line; stdout alone is still the text and one newline
"$llm" chat -v --base-url "$base" -m gpt-4o --fallback gpt-4o-mini Hi > "$dir/both" 2>&1
same verbose-blank-lines "$(grep -c '^$' "$dir/both")" 0
has verbose-pick-line "$dir/both" '^router: request 1: picked gpt-4o#0 '
same verbose-answer-line "$(sed -n 2p "$dir/both")" "$answer"
has verbose-answered-line "$dir/both" '^router: request 1: gpt-4o#0 answered in '
same verbose-lines "$(wc -l < "$dir/both" | tr -d ' ')" 4
if run verbose 0 -v --base-url "$base" -m gpt-4o --fallback gpt-4o-mini Hi; then
    same verbose-stdout "$(cat "$dir/out")" "$answer"
    same verbose-stdout-lines "$(wc -l < "$dir/out" | tr -d ' ')" 1
fi

# --reasoning: the thinking on stderr, before the summary; without it, none
root=${base%/v1}
printf '{"reasoning_effort":"low"}' > "$dir/think.json"
if ANTHROPIC_API_KEY=sk-ant-test ANTHROPIC_BASE_URL=$root run reasoning 0 -m anthropic/claude-sonnet-4-5 --request "$dir/think.json" --reasoning Hi; then
    same reasoning-stdout "$(cat "$dir/out")" "$answer"
    same reasoning-stderr "$(head -n 1 "$dir/err")" "The user wrote: Hi I will answer them."
    has reasoning-summary "$dir/err" "^model=claude-sonnet-4-5 provider=anthropic "
fi
if ANTHROPIC_API_KEY=sk-ant-test ANTHROPIC_BASE_URL=$root run no-reasoning 0 -m anthropic/claude-sonnet-4-5 --request "$dir/think.json" Hi; then
    same no-reasoning-stderr-lines "$(wc -l < "$dir/err" | tr -d ' ')" 1
fi
unset ANTHROPIC_API_KEY ANTHROPIC_BASE_URL # (a shell may keep a function's prefix assignments)

# no key: names the variables, points at make run, exit 2, at once
if run no-key 2 -m gpt-4o Hi; then
    has no-key-vars "$dir/err" 'OPENAI_API_KEY'
    has no-key-make-run "$dir/err" 'make run'
fi
run no-key-anthropic 2 -m anthropic/claude-sonnet-4-5 Hi && has no-key-anthropic-vars "$dir/err" 'ANTHROPIC_API_KEY'
# a dead server: TRANSPORT, exit 1, one line
if run dead-server 1 --base-url http://127.0.0.1:1/v1 -m gpt-4o-mini Hi; then
    has dead-server-line "$dir/err" '^TRANSPORT: '
fi

# what was sent (#21): the last body holding the JSON string $1, as the server received it
sent() { grep -F -- "$1" "$dir/bodies" | tail -n 1; }
# a plain prompt is a string (the OpenAI reference's content: "string or array"; older vLLM,
# llama.cpp and Ollama builds answer 500 to the array), streamed or not
want_stream='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Plain text, please"}],"stream":true,"stream_options":{"include_usage":true}}'
want_plain='{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Plain text too"}]}'
if run string-content 0 --base-url "$base" -m gpt-4o-mini 'Plain text, please'; then
    same string-content-sent "$(sent '"Plain text, please"')" "$want_stream"
fi
if run string-content-no-stream 0 --no-stream --base-url "$base" -m gpt-4o-mini --system 'Be brief.' 'Plain text too'; then
    same string-content-no-stream-sent "$(sent '"Plain text too"')" "$want_plain"
fi
# `llm request` prints exactly that body for the body a user writes (content a string or one text part)
printf '%s\n' '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Plain text, please"}]}' > "$dir/plain.json"
printf '%s\n' '{"model":"gpt-4o-mini","messages":[{"role":"user","content":[{"type":"text","text":"Plain text, please"}]}]}' > "$dir/part.json"
printf '%s\n' '{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Plain text too"}]}' > "$dir/plain2.json"
"$llm" request --stream --base-url "$base" "$dir/plain.json" > "$dir/req" 2>&1
has_text request-prints-what-chat-sends "$dir/req" "\"body\":$want_stream}"
"$llm" request --stream --base-url "$base" "$dir/part.json" > "$dir/req" 2>&1
has_text request-one-text-part-is-a-string "$dir/req" "\"body\":$want_stream}"
"$llm" request --base-url "$base" "$dir/plain2.json" > "$dir/req" 2>&1
has_text request-prints-what-chat-sends-no-stream "$dir/req" "\"body\":$want_plain}"
# with an image, the text and the image as parts
printf '\211PNG\r\n\032\n' > "$dir/dot.png"
if run parts-with-image 0 --base-url "$base" -m gpt-4o-mini --image "$dir/dot.png" 'And this image?'; then
    has_text parts-with-image-sent "$dir/bodies" '"content":[{"type":"text","text":"And this image?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]'
fi

# tool-call arguments that are not JSON (a small model's single quotes): the answer is kept, the
# arguments printed as they came (flagged), and sent back as they came
args="{'city': 'Paris'}"
if run args-not-json 0 --base-url "$base" -m gpt-4o-mini --tool "$dir/tool.json" -H "x-mock-tool-args-text: $args" 'Time in Paris?'; then
    has_text args-not-json-line "$dir/out" '"name":"get_time","arguments":"{'"'"'city'"'"': '"'"'Paris'"'"'}","arguments_invalid":true}'
    has args-not-json-summary "$dir/err" "$summary"
fi
for mode in "" --no-stream; do
    if run "args-not-json-json$mode" 0 --json $mode --base-url "$base" -m gpt-4o-mini --tool "$dir/tool.json" -H "x-mock-tool-args-text: $args" 'Time in Paris?'; then
        has_text "args-not-json-json$mode-arguments" "$dir/out" '"arguments":"{'"'"'city'"'"': '"'"'Paris'"'"'}","arguments_invalid":true}'
        has_text "args-not-json-json$mode-usage" "$dir/out" '"usage":{"prompt_tokens":'
        has_text "args-not-json-json$mode-finish" "$dir/out" '"finish_reason":"tool_calls"'
    fi
done
printf '%s\n' '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Time in Paris, again?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{'"'"'city'"'"': '"'"'Paris'"'"'}"}}]},{"role":"tool","tool_call_id":"call_1","content":"error: the arguments are not JSON"}]}' > "$dir/bad_args.json"
if run args-not-json-sent-back 0 --base-url "$base" --request "$dir/bad_args.json" --tool "$dir/tool.json"; then
    has_text args-not-json-sent-back-as-they-came "$dir/bodies" '"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{'"'"'city'"'"': '"'"'Paris'"'"'}"}}]'
fi

# a key over plain http:// to a host that is not loopback: refused before anything is sent, the message
# naming --allow-plain-http (never the key); with the flag it goes, and stderr warns of it at every request.
# 2130706433 is 127.0.0.1 written as one number: curl reaches the mock server, but it is not a loopback name
# llm.h knows, so for llm.h it is another host.
far="http://2130706433:$(cat "$dir/port")/v1"
export LLM_API_KEY=sk-test-not-printed-0123456789
if run plain-http-refused 1 --base-url http://example.com/v1 -m gpt-4o-mini Hi; then
    has_text plain-http-refused-names-the-flag "$dir/err" '--allow-plain-http'
    lacks_text plain-http-refused-no-key "$dir/err" 'sk-test-not-printed'
fi
run plain-http-refused-far 1 --base-url "$far" -m gpt-4o-mini Hi && has_text plain-http-far-names-the-flag "$dir/err" '--allow-plain-http'
if run plain-http-allowed 0 --allow-plain-http --base-url "$far" -m gpt-4o-mini Hi; then
    same plain-http-allowed-answer "$(cat "$dir/out")" "$answer"
    has_text plain-http-allowed-warned "$dir/err" 'warning: the credential goes in clear over plain http://'
    lacks_text plain-http-allowed-no-key "$dir/err" 'sk-test-not-printed'
fi
if run plain-http-routed 0 --allow-plain-http --base-url "$far" -m gpt-4o-mini --fallback gpt-4o Hi; then
    same plain-http-routed-answer "$(cat "$dir/out")" "$answer"
fi
run plain-http-routed-refused 1 --base-url "$far" -m gpt-4o-mini --fallback gpt-4o Hi
if run loopback-http-no-warning 0 --base-url "$base" -m gpt-4o-mini Hi; then
    lacks_text loopback-http-no-warning "$dir/err" 'warning'
fi
echo '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}' > "$dir/plain.json"
"$llm" request --base-url http://example.com/v1 "$dir/plain.json" > "$dir/out" 2> "$dir/err"; s=$?
same request-plain-http-refused "$s" 1
has_text request-plain-http-names-the-flag "$dir/err" '--allow-plain-http'
"$llm" request --allow-plain-http --base-url http://example.com/v1 "$dir/plain.json" > "$dir/out" 2> "$dir/err"; s=$?
same request-plain-http-allowed "$s" 0
has_text request-plain-http-url "$dir/out" '"url":"http://example.com/v1/chat/completions"'
unset LLM_API_KEY

# usage errors, named
run unknown-flag 2 --no-such-flag Hi && has unknown-flag-named "$dir/err" 'unknown option --no-such-flag'
run bad-max-tokens 2 -m gpt-4o-mini --max-tokens abc Hi && has bad-max-tokens-named "$dir/err" '\-\-max-tokens: not a valid number: "abc"'
run bad-temperature 2 -m gpt-4o-mini --temperature hot Hi && has bad-temperature-named "$dir/err" '\-\-temperature: not a valid number: "hot"'
run no-prompt 2 -m gpt-4o-mini
run no-model 2 Hi && has no-model-said "$dir/err" 'LLM_MODEL'
run unknown-provider 2 --provider nope -m x Hi && has unknown-provider-named "$dir/err" '"nope"'
run missing-tool-file 2 --base-url "$base" -m gpt-4o-mini --tool "$dir/none.json" Hi && has missing-tool-named "$dir/err" 'none.json'
printf 'not an image' > "$dir/note.txt"
run not-an-image 2 --base-url "$base" -m gpt-4o-mini --image "$dir/note.txt" Hi && has not-an-image-said "$dir/err" 'not a PNG'
# a local PNG goes as a data URL (the 8-byte signature and an IHDR chunk's start)
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$dir/pixel.png"
run image 0 --base-url "$base" -m gpt-4o-mini --image "$dir/pixel.png" Hi && same image-stdout "$(cat "$dir/out")" "$answer"

# LLM_LOG=debug|info|warn (as OPENAI_LOG for the SDK): info adds the request line, debug the headers with the
# key's header redacted; the key itself never printed, the answer on stdout as without it
if LLM_LOG=debug LLM_API_KEY=sk-log-test-key-0123456789 run log-debug 0 --base-url "$base" -m gpt-4o-mini Hi; then
    same log-debug-stdout "$(cat "$dir/out")" "$answer"
    has_text log-debug-request "$dir/err" "llm chat: info: POST $base/chat/completions"
    has_text log-debug-headers "$dir/err" 'llm chat: debug: > Authorization: <redacted>'
    has_text log-debug-answer "$dir/err" 'llm chat: debug: < x-request-id: '
    lacks_text log-debug-no-key "$dir/err" 'sk-log-test-key-0123456789'
fi
if LLM_LOG=info LLM_API_KEY=sk-log-test-key-0123456789 run log-info 0 --no-stream --base-url "$base" -m gpt-4o-mini Hi; then
    has_text log-info-request "$dir/err" "llm chat: info: POST $base/chat/completions"
    lacks_text log-info-no-headers "$dir/err" 'debug:'
fi
if LLM_LOG=warn run log-warn 0 --base-url "$base" -m gpt-4o-mini Hi; then
    same log-warn-stderr-lines "$(wc -l < "$dir/err" | tr -d ' ')" 1 # the summary alone
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
