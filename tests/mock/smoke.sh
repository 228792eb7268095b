#!/bin/sh
# The mock provider server (tests/mock/mock_server.c) as its clients see it: every
# endpoint and every fault through curl over loopback, the HTTP framing, the
# limits, and the ways it stops by itself. Builds nothing.
#   usage: sh tests/mock/smoke.sh build/mock_server
# Needs curl and node (JSON.parse for the shapes). Ends with "N passed, N failed".
server=${1:?usage: smoke.sh PATH/TO/mock_server}
passed=0; failed=0
for tool in curl node; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "FAIL $tool is missing: this test needs it (apt-get install $tool)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mock_smoke.XXXXXX")
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; fi; }

# wait_file FILE: up to 5 s for FILE to exist with something in it
wait_file() {
    n=0
    while [ ! -s "$1" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    [ -s "$1" ]
}
# gone PID MS: whether process PID ends within MS milliseconds
gone() {
    n=0
    while kill -0 "$1" 2>/dev/null && [ $n -lt $(($2 / 50)) ]; do sleep 0.05; n=$((n + 1)); done
    ! kill -0 "$1" 2>/dev/null
}

"$server" --port-file "$tmp/port" --log "$tmp/log" --idle-exit-ms 20000 --lifetime-ms 55000 \
    >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
if ! wait_file "$tmp/port"; then
    echo "FAIL the server wrote no port file within 5 s: $(cat "$tmp/stderr")"
    echo "0 passed, 1 failed"
    exit 1
fi
port=$(cat "$tmp/port")
base=http://127.0.0.1:$port
check "port file holds a port" 'printf "%s" "$port" | grep -Eq "^[0-9]+$"'
check "stdout names the address" 'grep -qx "listening on 127.0.0.1:$port" "$tmp/stdout"'

# call ARGS...: one curl request; body in $tmp/body, headers in $tmp/head;
# sets code, ttfb, total, rc. Counts responses without x-request-id or Content-Type.
noid=0
call() {
    out=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code} %{time_starttransfer} %{time_total}' "$@")
    rc=$?
    set -- $out
    code=$1; ttfb=$2; total=$3
    if [ "$code" != 000 ] && ! { grep -qi '^x-request-id: mock-[0-9]' "$tmp/head" && grep -qi '^content-type: ' "$tmp/head"; }; then
        noid=$((noid + 1))
    fi
}
# status NAME WANT: the last call answered WANT
status() { if [ "$code" = "$2" ]; then ok; else fail "$1: HTTP $code (curl $rc), expected $2: $(head -c 300 "$tmp/body")"; fi; }
# header NAME REGEX: a header line of the last call matches (case-insensitive)
header() { if grep -Eqi "$2" "$tmp/head"; then ok; else fail "$1: no header matching '$2'"; fi; }
# js NAME EXPR: EXPR (JavaScript, the body parsed as b) holds
js() {
    if node -e "const b=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));process.exit(($2)?0:1)" "$tmp/body" 2>"$tmp/js.err"; then
        ok
    else
        fail "$1: $2 on $(head -c 400 "$tmp/body") $(head -c 200 "$tmp/js.err")"
    fi
}
# sse NAME EXPR: EXPR holds of the stream's events: ev (all, comments too, each
# {event, data, json, comment}), data (those with data), json (their parsed data)
sse() {
    if node -e "
const t = require('fs').readFileSync(process.argv[1], 'utf8'), ev = [];
for (const block of t.split('\n\n')) {
    if (!block) continue;
    const e = {event: null, data: null, comment: false};
    for (const line of block.split('\n')) {
        if (line.startsWith(':')) e.comment = true;
        else if (line.startsWith('event: ')) e.event = line.slice(7);
        else if (line.startsWith('data: ')) e.data = e.data === null ? line.slice(6) : e.data + '\n' + line.slice(6);
    }
    try { e.json = JSON.parse(e.data); } catch (x) { e.json = undefined; }
    ev.push(e);
}
const data = ev.filter(e => e.data !== null), json = data.map(e => e.json);
process.exit(($2) ? 0 : 1);" "$tmp/body" 2>"$tmp/js.err"; then
        ok
    else
        fail "$1: $2 on $(head -c 600 "$tmp/body") $(head -c 200 "$tmp/js.err")"
    fi
}
# within NAME VALUE MIN MAX: MIN <= VALUE <= MAX (seconds)
within() {
    if awk -v v="$2" -v a="$3" -v b="$4" 'BEGIN { exit !(v >= a && v <= b) }'; then ok; else fail "$1: $2 s not within [$3, $4]"; fi
}
# raw FILE: FILE's bytes sent on one connection; prints what comes back
raw() {
    node -e "
const s = require('net').connect(+process.argv[1], '127.0.0.1', () => s.write(require('fs').readFileSync(process.argv[2])));
let d = Buffer.alloc(0);
const done = () => { process.stdout.write(d.toString('latin1')); process.exit(0); };
s.on('data', x => { d = Buffer.concat([d, x]); });
s.on('error', () => {});
s.on('close', done);
setTimeout(done, 3000);" "$port" "$1"
}

user='{"role":"user","content":"hi there"}'
chat="$base/v1/chat/completions"
tools='"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},{"type":"function","function":{"name":"other","parameters":{}}}]'
ahead="-H x-api-key:test -H anthropic-version:2023-06-01"

# ---- OpenAI chat completions ----
call "$chat" -H 'Content-Type: application/json' -d "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},$user]}"
status chat 200
header chat-type '^content-type: application/json'
header chat-length '^content-length: [0-9]+'
js chat-shape 'b.object === "chat.completion" && b.model === "gpt-4o-mini" && /^chatcmpl-/.test(b.id) && b.choices.length === 1 && b.choices[0].message.role === "assistant" && b.choices[0].message.content === "Hello from the mock server. You said: hi there" && b.choices[0].finish_reason === "stop"'
js chat-usage 'b.usage.prompt_tokens > 0 && b.usage.completion_tokens === 9 && b.usage.total_tokens === b.usage.prompt_tokens + b.usage.completion_tokens'
call "$base/chat/completions" -d "{\"model\":\"m\",\"messages\":[$user]}"
status chat-without-v1 200
call "$chat" -d "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[$user]}"
status stream 200
header stream-type '^content-type: text/event-stream'
header stream-chunked '^transfer-encoding: chunked'
sse stream-role 'json[0].object === "chat.completion.chunk" && json[0].choices[0].delta.role === "assistant"'
sse stream-text 'json.slice(0, -2).map(j => j && j.choices[0] ? j.choices[0].delta.content || "" : "").join("") === "Hello from the mock server. You said: hi there"'
sse stream-words 'json.filter(j => j && j.choices[0] && j.choices[0].delta.content).length === 9'
sse stream-finish 'json[json.length - 3].choices[0].finish_reason === "stop"'
sse stream-usage 'json[json.length - 2].choices.length === 0 && json[json.length - 2].usage.completion_tokens === 9'
sse stream-done 'data[data.length - 1].data === "[DONE]" && json.slice(0, -1).every(j => j && j.id === json[0].id)'
call "$chat" -H 'x-mock-chunks: 500' -d "{\"model\":\"m\",\"stream\":true,\"messages\":[$user]}"
sse stream-500-chunks 'json.filter(j => j && j.choices[0] && j.choices[0].delta.content).length === 500 && !json.some(j => j && j.usage)'
call "$chat" -H 'x-mock-chunks: 3' -d "{\"model\":\"m\",\"stream\":true,\"messages\":[$user]}"
sse stream-3-chunks 'json.filter(j => j && j.choices[0] && j.choices[0].delta.content).map(j => j.choices[0].delta.content).join("|") === "Hello from the| mock server. You| said: hi there"'
call "$chat" -d "{\"model\":\"m\",\"n\":2,\"messages\":[$user]}"
js chat-n-2 'b.choices.length === 2 && b.choices[1].index === 1 && b.usage.completion_tokens === 18'
call "$chat" -d "{\"model\":\"m\",\"n\":2,\"stream\":true,\"messages\":[$user]}"
sse stream-n-2 'json.filter(j => j && j.choices[0] && j.choices[0].index === 1 && j.choices[0].delta.content).length === 9'
call "$chat" -d "{\"model\":\"m\",\"max_tokens\":3,\"messages\":[$user]}"
js chat-max-tokens 'b.choices[0].message.content === "Hello from the" && b.choices[0].finish_reason === "length"'
call "$chat" -H 'x-mock-tool-args: {"city":"Paris"}' -d "{\"model\":\"m\",$tools,\"messages\":[$user]}"
js tool-call 'b.choices[0].finish_reason === "tool_calls" && b.choices[0].message.content === null && /^call_mock_[0-9]+$/.test(b.choices[0].message.tool_calls[0].id) && b.choices[0].message.tool_calls[0].function.name === "get_weather" && b.choices[0].message.tool_calls[0].function.arguments === "{\"city\":\"Paris\"}"'
call "$chat" -d "{\"model\":\"m\",$tools,\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"other\"}},\"messages\":[$user]}"
js tool-choice-named 'b.choices[0].message.tool_calls[0].function.name === "other" && b.choices[0].message.tool_calls[0].function.arguments === "{}"'
call "$chat" -d "{\"model\":\"m\",$tools,\"tool_choice\":\"none\",\"messages\":[$user]}"
js tool-choice-none 'b.choices[0].finish_reason === "stop" && !b.choices[0].message.tool_calls'
call "$chat" -H 'x-mock-tool-args: {"city":"Edinburgh","units":"c"}' -d "{\"model\":\"m\",\"stream\":true,$tools,\"messages\":[$user]}"
sse tool-stream-head 'json[1].choices[0].delta.tool_calls[0].index === 0 && /^call_mock_/.test(json[1].choices[0].delta.tool_calls[0].id) && json[1].choices[0].delta.tool_calls[0].function.name === "get_weather"'
sse tool-stream-args 'json.slice(2).filter(j => j && j.choices[0] && j.choices[0].delta.tool_calls).map(j => j.choices[0].delta.tool_calls[0].function.arguments).join("") === "{\"city\":\"Edinburgh\",\"units\":\"c\"}" && json.slice(2).filter(j => j && j.choices[0] && j.choices[0].delta.tool_calls).length > 1'
sse tool-stream-finish 'json.some(j => j && j.choices[0] && j.choices[0].finish_reason === "tool_calls")'
call "$chat" -d "{\"model\":\"m\",$tools,\"messages\":[$user,{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"21 C, sunny\"}]}"
js tool-result-quoted 'b.choices[0].message.content === "The tool said: 21 C, sunny" && b.choices[0].finish_reason === "stop"'
call "$chat" -d '{"model":"m","messages":'
status not-json 400
js not-json-shape 'typeof b.error.message === "string" && b.error.type === "invalid_request_error" && "code" in b.error'
call "$chat" -d '{"messages":[]}'
status no-model 400
call "$chat"
status get-chat 405
header get-chat-allow '^allow: POST'
call "$base/v1/nothing-here"
status unknown-path 404
js unknown-path-shape 'typeof b.error.message === "string"'

# ---- OpenAI's Responses API ----
rsp="$base/v1/responses"
call "$rsp" -d '{"model":"gpt-4o","input":"hi there"}'
status responses 200
js responses-shape 'b.object === "response" && b.status === "completed" && /^resp_mock_/.test(b.id) && b.output.length === 1 && b.output[0].type === "message" && b.output[0].content[0].type === "output_text" && b.output[0].content[0].text === "Hello from the mock server. You said: hi there"'
js responses-usage 'b.usage.input_tokens > 0 && b.usage.output_tokens === 9 && b.usage.total_tokens === b.usage.input_tokens + b.usage.output_tokens'
call "$rsp" -d "{\"model\":\"m\",\"stream\":true,\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi there\"}]}]}"
header responses-stream-type '^content-type: text/event-stream'
sse responses-stream-events 'ev[0].event === "response.created" && ev[1].event === "response.output_item.added" && ev[ev.length - 2].event === "response.output_item.done" && ev[ev.length - 1].event === "response.completed" && json.every(j => j && j.type === ev[json.indexOf(j)].event)'
sse responses-stream-text 'json.filter(j => j.type === "response.output_text.delta").map(j => j.delta).join("") === "Hello from the mock server. You said: hi there" && json[json.length - 1].response.usage.output_tokens === 9'
call "$rsp" -H 'x-mock-tool-args: {"city":"Paris"}' -d '{"model":"m","stream":true,"tools":[{"type":"function","name":"get_weather","parameters":{},"strict":false}],"input":"weather?"}'
sse responses-stream-call 'json[1].item.type === "function_call" && json[1].item.name === "get_weather" && /^call_mock_/.test(json[1].item.call_id) && json.filter(j => j.type === "response.function_call_arguments.delta").map(j => j.delta).join("") === "{\"city\":\"Paris\"}" && json[json.length - 2].item.arguments === "{\"city\":\"Paris\"}"'
call "$rsp" -d '{"model":"m","input":[{"type":"function_call","call_id":"c1","name":"get_weather","arguments":"{}"},{"type":"function_call_output","call_id":"c1","output":"21 C, sunny"}]}'
js responses-tool-output-quoted 'b.output[0].content[0].text === "The tool said: 21 C, sunny"'
call "$rsp" -d '{"model":"m","input":"hi there","max_output_tokens":3}'
js responses-incomplete 'b.status === "incomplete" && b.incomplete_details.reason === "max_output_tokens" && b.output[0].content[0].text === "Hello from the"'
call "$base/openai/responses?api-version=2025-04-01-preview" -d '{"model":"my-deployment","input":"hi there"}'
js responses-azure 'b.model === "my-deployment" && b.output[0].content[0].text === "Hello from the mock server. You said: hi there"'
call "$rsp" -d '{"model":"m"}'
status responses-no-input 400

# ---- OpenRouter ----
call "$base/api/v1/chat/completions" -d "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[$user]}"
sse openrouter-comment 'ev[0].comment && data.length > 3'
sse openrouter-usage 'json.some(j => j && j.usage && j.usage.total_tokens > 0) && json[0].provider === "Mock" && data[data.length - 1].data === "[DONE]"'
call "$base/api/v1/chat/completions" -H 'x-mock-fault: status=429' -d "{\"model\":\"m\",\"messages\":[$user]}"
js openrouter-error 'b.error.code === 429 && typeof b.error.message === "string"'

# ---- embeddings, models, health ----
call "$base/v1/embeddings" -d '{"model":"text-embedding-3-small","input":"hello"}'
js embeddings-one 'b.object === "list" && b.data.length === 1 && b.data[0].object === "embedding" && b.data[0].index === 0 && b.data[0].embedding.length === 8 && b.data[0].embedding.every(x => typeof x === "number") && b.usage.prompt_tokens > 0 && b.usage.total_tokens === b.usage.prompt_tokens'
call "$base/embeddings" -d '{"model":"e","input":["a","bb","ccc"]}'
js embeddings-array 'b.data.length === 3 && b.data[2].index === 2 && JSON.stringify(b.data[0].embedding) !== JSON.stringify(b.data[1].embedding)'
call "$base/v1/embeddings" -d '{"model":"e","input":"a","encoding_format":"base64"}'
js embeddings-base64 'Buffer.from(b.data[0].embedding, "base64").length === 32'
call "$base/v1/models"
js models 'b.object === "list" && b.data.length > 0 && b.data.every(m => typeof m.id === "string" && m.object === "model" && typeof m.created === "number" && m.owned_by === "mock")'
call "$base/v1/models/gpt-4o"
js model 'b.id === "gpt-4o" && b.object === "model"'
call "$base/health/liveliness"
js liveliness 'b === "I'"'"'m alive!"'
call "$base/health/readiness"
js readiness 'b.status === "healthy"'

# ---- Anthropic Messages ----
msgs="$base/v1/messages"
call "$msgs" $ahead -d "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"system\":\"Be brief.\",\"messages\":[$user]}"
status messages 200
js messages-shape 'b.type === "message" && b.role === "assistant" && /^msg_/.test(b.id) && b.model === "claude-sonnet-4-5" && b.content[0].type === "text" && b.content[0].text === "Hello from the mock server. You said: hi there" && b.stop_reason === "end_turn" && b.stop_sequence === null'
js messages-usage '["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"].every(k => typeof b.usage[k] === "number") && b.usage.output_tokens === 9'
call "$msgs" $ahead -d "{\"model\":\"c\",\"max_tokens\":100,\"stream\":true,\"messages\":[$user]}"
header messages-stream-type '^content-type: text/event-stream'
sse messages-stream-order 'ev[0].event === "message_start" && ev[1].event === "content_block_start" && ev.some(e => e.event === "ping") && ev[ev.length - 3].event === "content_block_stop" && ev[ev.length - 2].event === "message_delta" && ev[ev.length - 1].event === "message_stop"'
sse messages-stream-types 'ev.every(e => e.json && e.json.type === e.event)'
sse messages-stream-text 'json.filter(j => j.type === "content_block_delta").map(j => j.delta.text).join("") === "Hello from the mock server. You said: hi there" && json[ev.length - 2].delta.stop_reason === "end_turn" && json[ev.length - 2].usage.output_tokens === 9 && typeof json[0].message.usage.input_tokens === "number"'
call "$msgs" $ahead -H 'x-mock-tool-args: {"location":"Paris"}' -d "{\"model\":\"c\",\"max_tokens\":100,\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":[$user]}"
js messages-tool-use 'b.stop_reason === "tool_use" && b.content[0].type === "tool_use" && /^toolu_/.test(b.content[0].id) && b.content[0].name === "get_weather" && b.content[0].input.location === "Paris"'
call "$msgs" $ahead -H 'x-mock-tool-args: {"location":"Paris, France"}' -d "{\"model\":\"c\",\"max_tokens\":100,\"stream\":true,\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{}}],\"messages\":[$user]}"
sse messages-stream-tool 'json[1].content_block.type === "tool_use" && json[1].content_block.name === "get_weather" && JSON.parse(json.filter(j => j.type === "content_block_delta").map(j => j.delta.partial_json).join("")).location === "Paris, France" && json.find(j => j.type === "message_delta").delta.stop_reason === "tool_use"'
call "$msgs" $ahead -d "{\"model\":\"c\",\"max_tokens\":100,\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{}}],\"messages\":[$user,{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"get_weather\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\",\"text\":\"18 C in Paris\"}]}]}]}"
js messages-tool-result 'b.content[0].text === "The tool said: 18 C in Paris" && b.stop_reason === "end_turn"'
call "$msgs" $ahead -d "{\"model\":\"c\",\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[$user]}"
js messages-thinking 'b.content[0].type === "thinking" && b.content[0].thinking.length > 0 && b.content[0].signature.length > 0 && b.content[1].type === "text"'
call "$msgs" $ahead -d "{\"model\":\"c\",\"max_tokens\":2000,\"stream\":true,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[$user]}"
sse messages-stream-thinking 'json[1].content_block.type === "thinking" && json.some(j => j.delta && j.delta.type === "thinking_delta") && json.some(j => j.delta && j.delta.type === "signature_delta" && j.delta.signature) && json.some(j => j.type === "content_block_start" && j.index === 1 && j.content_block.type === "text")'
call "$msgs" $ahead -d "{\"model\":\"c\",\"max_tokens\":2,\"messages\":[$user]}"
js messages-max-tokens 'b.stop_reason === "max_tokens" && b.content[0].text === "Hello from"'
call "$msgs" -H anthropic-version:2023-06-01 -d "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[$user]}"
status messages-no-key 401
js messages-no-key-shape 'b.type === "error" && b.error.type === "authentication_error" && typeof b.error.message === "string"'
call "$msgs" -H x-api-key:test -d "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[$user]}"
status messages-no-version 400
js messages-no-version-shape 'b.type === "error" && b.error.type === "invalid_request_error"'
call "$msgs/count_tokens" $ahead -d "{\"model\":\"c\",\"messages\":[$user]}"
js count-tokens 'Number.isInteger(b.input_tokens) && b.input_tokens > 0'

# ---- Gemini ----
gem="$base/v1beta/models/gemini-2.0-flash"
gkey="-H x-goog-api-key:test"
gtext='"contents":[{"role":"user","parts":[{"text":"hi there"}]}]'
call "$gem:generateContent" $gkey -d "{$gtext}"
status gemini 200
js gemini-shape 'b.candidates[0].content.role === "model" && b.candidates[0].content.parts[0].text === "Hello from the mock server. You said: hi there" && b.candidates[0].finishReason === "STOP" && b.candidates[0].index === 0 && b.modelVersion === "gemini-2.0-flash" && typeof b.responseId === "string" && b.usageMetadata.totalTokenCount === b.usageMetadata.promptTokenCount + b.usageMetadata.candidatesTokenCount'
call "$gem:streamGenerateContent?alt=sse" $gkey -d "{$gtext}"
header gemini-stream-type '^content-type: text/event-stream'
sse gemini-stream 'json.length === 9 && json.every(j => j.candidates[0].content.role === "model") && json.map(j => j.candidates[0].content.parts[0].text).join("") === "Hello from the mock server. You said: hi there" && json[8].candidates[0].finishReason === "STOP" && json[8].usageMetadata.candidatesTokenCount === 9 && !json[0].candidates[0].finishReason && !data.some(e => e.data === "[DONE]")'
call "$gem:streamGenerateContent" $gkey -d "{$gtext}"
js gemini-stream-array 'Array.isArray(b) && b.length === 9 && b[8].candidates[0].finishReason === "STOP"'
call "$gem:generateContent" $gkey -d "{\"tools\":[{\"functionDeclarations\":[{\"name\":\"now\",\"parameters\":{\"type\":\"object\"}}]}],$gtext}"
js gemini-function-call 'b.candidates[0].content.parts[0].functionCall.name === "now" && JSON.stringify(b.candidates[0].content.parts[0].functionCall.args) === "{}"'
call "$gem:generateContent" $gkey -d '{"tools":[{"functionDeclarations":[{"name":"now"}]}],"contents":[{"role":"user","parts":[{"text":"time?"}]},{"role":"model","parts":[{"functionCall":{"name":"now","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"now","response":{"time":"12:00"}}}]}]}'
js gemini-function-response 'b.candidates[0].content.parts[0].text === "The tool said: {\"time\":\"12:00\"}"'
call "$gem:generateContent" -d "{$gtext}"
status gemini-no-key 403
js gemini-no-key-shape 'b.error.code === 403 && b.error.status === "PERMISSION_DENIED" && typeof b.error.message === "string"'
call "$gem:generateContent?key=test" -d "{$gtext}"
status gemini-query-key 200
call "$base/v1/models/gemini-2.5-flash:generateContent" $gkey -d "{$gtext}"
js gemini-v1-path 'b.modelVersion === "gemini-2.5-flash" && b.candidates[0].content.parts[0].text.length > 0'
call "$gem:countTokens" $gkey -d "{$gtext}"
js gemini-count-tokens 'Number.isInteger(b.totalTokens) && b.totalTokens > 0'

# ---- faults ----
plain="{\"model\":\"m\",\"messages\":[$user]}"
stream="{\"model\":\"m\",\"stream\":true,\"messages\":[$user]}"
call "$chat" -H 'x-mock-fault: status=429; retry-after=2; retry-after-ms=1500' -d "$plain"
status fault-429 429
header fault-retry-after '^retry-after: 2'
header fault-retry-after-ms '^retry-after-ms: 1500'
js fault-429-shape 'b.error.code === "rate_limit_exceeded" && typeof b.error.type === "string" && typeof b.error.message === "string"'
call "$msgs" $ahead -H 'x-mock-fault: status=529' -d "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[$user]}"
status fault-529 529
js fault-529-shape 'b.type === "error" && b.error.type === "overloaded_error"'
call "$gem:generateContent" $gkey -H 'x-mock-fault: status=503' -d "{$gtext}"
js fault-503-gemini 'b.error.code === 503 && b.error.status === "UNAVAILABLE"'
call "$chat" -H 'x-mock-fault: status=401' -d "$plain"
status fault-401 401
call "$chat" -H 'x-mock-fault: error=context' -d "$plain"
status fault-context 400
js fault-context-openai 'b.error.code === "context_length_exceeded"'
call "$msgs" $ahead -H 'x-mock-fault: error=context' -d "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[$user]}"
js fault-context-anthropic 'b.error.type === "invalid_request_error" && /^prompt is too long: /.test(b.error.message)'
call "$gem:generateContent" $gkey -H 'x-mock-fault: error=context' -d "{$gtext}"
js fault-context-gemini 'b.error.code === 400 && /exceeds the maximum number of tokens/.test(b.error.message)'
codes=
for i in 1 2 3; do
    call "$chat" -H 'Idempotency-Key: smoke-idem-1' -H 'x-mock-fault: status=429;attempts=1' -d "$plain"
    codes="$codes$code "
done
check "attempts=1 fails once then succeeds for one Idempotency-Key: $codes" '[ "$codes" = "429 200 200 " ]'
call "$chat" -H 'Idempotency-Key: smoke-idem-2' -H 'x-mock-fault: status=429;attempts=1' -d "$plain"
status attempts-new-key 429
codes=
for i in 1 2 3; do
    call "$chat" -H 'x-mock-key: smoke-k' -H 'x-mock-fault: status=503;attempts=2' -d "$plain"
    codes="$codes$code "
done
check "attempts=2 by x-mock-key: $codes" '[ "$codes" = "503 503 200 " ]'
call "$chat" -H 'x-mock-fault: delay=300' -d "$plain"
status fault-delay 200
within fault-delay-time "$total" 0.29 1.3
call "$chat" -H 'x-mock-fault: stall=400@2' -d "$stream"
within fault-stall-first-byte "$ttfb" 0 0.3
within fault-stall-total "$total" 0.39 1.4
sse fault-stall-complete 'data[data.length - 1].data === "[DONE]"'
call "$chat" -H 'x-mock-interval-ms: 60' -H 'x-mock-chunks: 4' -d "$stream"
within interval-pacing "$total" 0.35 1.5
call "$chat" -H 'x-mock-fault: reset@3' -d "$stream"
check "reset@3 resets the stream (curl $rc)" '[ $rc -eq 56 ]'
sse reset-after-3-events 'data.length === 3 && json.every(j => j)'
call "$chat" -H 'x-mock-fault: reset@10' -d "$plain"
check "reset@10 resets the body (curl $rc)" '[ $rc -eq 56 ] && [ "$(wc -c < "$tmp/body")" -eq 10 ]'
call "$chat" -H 'x-mock-fault: truncate@3' -d "$stream"
check "truncate@3 ends the stream cleanly (curl $rc)" '[ $rc -eq 0 ]'
sse truncate-after-3-events 'data.length === 3 && !data.some(e => e.data === "[DONE]") && !json.some(j => j.choices[0] && j.choices[0].finish_reason)'
call "$chat" -H 'x-mock-fault: truncate@10' -d "$plain"
check "truncate@10 cuts the body (curl $rc)" '[ $rc -eq 18 ] && [ "$(wc -c < "$tmp/body")" -eq 10 ]'
call "$chat" -H 'x-mock-fault: malformed' -d "$plain"
status fault-malformed 200
check "malformed body is not JSON" '! node -e "JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\"))" "$tmp/body" 2>/dev/null'
call "$chat" -H 'x-mock-fault: malformed' -d "$stream"
sse malformed-event 'data.filter(e => e.json === undefined && e.data !== "[DONE]").length === 1 && data[data.length - 1].data === "[DONE]"'
call "$chat" -H 'x-mock-fault: oversize=100000' -d "$plain"
js fault-oversize 'b.choices[0].message.content.length > 0 && require("fs").statSync(process.argv[1]).size === 100000'
call "$chat" -H 'x-mock-fault: bytewise' -d "$plain"
js fault-bytewise 'b.choices[0].message.content === "Hello from the mock server. You said: hi there"'
within fault-bytewise-time "$total" 0.3 5
call "$chat" -H 'x-mock-fault: drop' -d "$plain"
check "drop closes without an answer (curl $rc)" '[ $rc -eq 52 ]'
out=$(curl -s -o /dev/null -o /dev/null -w '%{num_connects} ' -H 'x-mock-fault: close' "$base/health/readiness" "$base/health/readiness")
check "close: the next request needs a new connection ($out)" '[ "$out" = "1 1 " ]'
call "$chat" -H 'x-mock-fault: status=500;sttall=1@1' -d "$plain"
status fault-unknown-key 400
js fault-unknown-key-named '/sttall/.test(b.error.message)'
call "$chat" -H 'x-mock-fault: delay=soon' -d "$plain"
status fault-bad-value 400
js fault-bad-value-named '/delay=soon/.test(b.error.message)'
call "$chat?fault=status%3D502%3Bretry-after%3D1" -d "$plain"
status fault-query 502
header fault-query-retry '^retry-after: 1'
call "$base/fault/status=503;retry-after-ms=10/v1/chat/completions" -d "$plain"
status fault-path 503
header fault-path-retry '^retry-after-ms: 10'
call "$base/fault/status=529/v1/messages" $ahead -d "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[$user]}"
js fault-path-anthropic 'b.type === "error" && b.error.type === "overloaded_error"'

# ---- HTTP ----
out=$(curl -s -o /dev/null -o /dev/null -w '%{num_connects} ' -H 'X-Attempt: keepalive' "$base/health/readiness" "$base/health/liveliness")
check "keep-alive: two requests on one connection ($out)" '[ "$out" = "1 0 " ]'
call --http1.0 "$base/health/readiness"
header http10-closes '^connection: close'
call -H 'Connection: close' "$base/health/readiness"
header connection-close '^connection: close'
call -H 'Expect: 100-continue' "$chat" -d "$plain"
header expect-100 '^HTTP/1.1 100 Continue'
within expect-100-fast "$total" 0 0.9
status expect-100-answer 200
printf '{"model":"m","messages":[{"role":"user","content":"%s"}]}' "$(head -c 300000 /dev/zero | tr '\0' 'x')" > "$tmp/big.json"
call -H 'Transfer-Encoding: chunked' "$chat" --data-binary @"$tmp/big.json"
js chunked-request 'b.choices[0].message.content.length === 300038'
call -H 'x-mock-chunked: 1' "$chat" -d "$plain"
header chunked-response '^transfer-encoding: chunked'
js chunked-response-body 'b.choices[0].message.content === "Hello from the mock server. You said: hi there"'
call -X 'GE T' "$base/health/readiness"
status bad-request-line 400
call -H 'Bad Header: x' "$base/health/readiness"
status bad-header 400
printf 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n' > "$tmp/req413"
check "a body over 256 MiB is refused with 413" 'raw "$tmp/req413" | head -n 1 | grep -q "^HTTP/1.1 413 "'
{ printf 'GET /health/readiness HTTP/1.1\r\nHost: x\r\nX-Big: '; head -c 70000 /dev/zero | tr '\0' 'a'; printf '\r\n\r\n'; } > "$tmp/req431"
check "headers over 64 KiB are refused with 431" 'raw "$tmp/req431" | head -n 1 | grep -q "^HTTP/1.1 431 "'
printf 'GET /health/readiness HTTP/1.1\r\nHost: x\r\n\r\nGET /health/liveliness HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' > "$tmp/pipelined"
check "pipelined requests are answered in order" '[ "$(raw "$tmp/pipelined" | grep -o "HTTP/1.1 200 OK\|healthy\|alive" | tr "\n" " ")" = "HTTP/1.1 200 OK healthy HTTP/1.1 200 OK alive " ]'
printf 'NOT HTTP\r\n\r\n' > "$tmp/garbage"
check "garbage gets a 400 and a close" 'raw "$tmp/garbage" | head -n 1 | grep -q "^HTTP/1.1 400 "'
curl -s -m 2 -o /dev/null "http://127.0.0.2:$port/health/readiness"; rc=$?
check "not reachable on 127.0.0.2 (curl $rc)" '[ $rc -eq 7 ]'
if [ -r /proc/net/tcp ]; then
    # the listening sockets on the port: exactly one, on 127.0.0.1 (0100007F)
    listeners=$(awk -v p=":$(printf '%04X' "$port")" '$4 == "0A" && substr($2, 9) == p { print $2 }' /proc/net/tcp)
    check "/proc/net/tcp: listening on 127.0.0.1 only ($listeners)" '[ "$listeners" = "0100007F:$(printf %04X "$port")" ]'
fi

# ---- stats, the log, shutdown ----
call "$base/mock/stats"
js stats 'b.requests > 80 && b.by_endpoint["chat.completions"] > 40 && b.by_endpoint.messages > 5 && b.by_status["429"] >= 3 && b.faults.reset === 2 && b.faults_injected > 20 && b.open_connections >= 1 && b.idempotency_keys["smoke-idem-1"] === 3 && b.idempotency_keys["smoke-idem-2"] === 1'
check "every response had x-request-id and Content-Type ($noid without)" '[ $noid -eq 0 ]'
call -X POST "$base/mock/shutdown"
status shutdown 200
check "POST /mock/shutdown ends the server" 'gone $pid 3000'
wait $pid 2>/dev/null
pid=
re='^[0-9]+ [^ ]+ [^ ]+ [0-9]+ model=[^ ]+ stream=[01] idem=[^ ]+ attempt=[^ ]+ fault=[^ ]+ bytes=[0-9]+ outcome=(complete|reset|stalled|truncated|client-closed|dropped)$'
check "every log line has the documented fields" '[ "$(grep -Evc "$re" "$tmp/log")" -eq 0 ] && [ "$(wc -l < "$tmp/log")" -gt 80 ]'
check "the log shows both keep-alive requests" '[ "$(grep -c " attempt=keepalive " "$tmp/log")" -eq 2 ]'
check "the log records faults and outcomes" 'grep -q "fault=reset@3 bytes=[0-9]* outcome=reset$" "$tmp/log" && grep -q " 0 model=m stream=0 .* fault=drop bytes=0 outcome=dropped$" "$tmp/log" && grep -q "fault=oversize=100000 bytes=100000 outcome=complete$" "$tmp/log" && grep -q "^[0-9]* POST /v1/chat/completions 429 model=m stream=0 idem=smoke-idem-1 attempt=- fault=status=429;attempts=1 " "$tmp/log"'

# ---- stopping by itself ----
"$server" --port-file "$tmp/port2" --idle-exit-ms 300 --quiet >/dev/null 2>&1 &
pid=$!
wait_file "$tmp/port2"
check "exits by itself after --idle-exit-ms 300" 'gone $pid 2000'
pid=
"$server" --port-file "$tmp/port3" --max-requests 2 --quiet >/dev/null 2>&1 &
pid=$!
wait_file "$tmp/port3"
out=$(curl -s -o /dev/null -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$(cat "$tmp/port3")/health/readiness" "http://127.0.0.1:$(cat "$tmp/port3")/health/liveliness")
check "exits after --max-requests 2 ($out)" '[ "$out" = "200 200 " ] && gone $pid 2000'
pid=
"$server" --port-file "$tmp/port4" --quiet >/dev/null 2>&1 &
pid=$!
wait_file "$tmp/port4"
kill -TERM $pid
check "exits on SIGTERM" 'gone $pid 2000'
wait $pid; rc=$?
check "SIGTERM exit status 0 ($rc)" '[ $rc -eq 0 ]'
pid=
"$server" --port-file "$tmp/port5" --lifetime-ms 400 --quiet >/dev/null 2>&1 &
pid=$!
wait_file "$tmp/port5"
check "exits after --lifetime-ms 400" 'gone $pid 2000'
pid=
"$server" --no-such-option >/dev/null 2>&1; rc=$?
check "an unknown option exits 2 ($rc)" '[ $rc -eq 2 ]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
