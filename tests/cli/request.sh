#!/bin/sh
# `llm request` as a user runs it: what would be sent to each kind of
# provider, compared with bodies and URLs written by hand from the providers'
# API references (tests/data/request/*.want.json, which say where each rule
# comes from), in an environment holding only what each case sets; then its
# refusals and exit codes (1: cannot be encoded, one line naming the field;
# 2: usage), and that a key in the environment is never printed.
llm=$1; same=$2; data=$3/request
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
tmp=${TMPDIR:-/tmp}/llm_request_cli.$$

# sends NAME WANT [VAR=value...] -- [llm request arguments...]
sends() {
    name=$1; want=$2; shift 2
    vars=""
    while [ "$1" != "--" ]; do vars="$vars $1"; shift; done
    shift
    # shellcheck disable=SC2086
    env -i PATH="$PATH" $vars "$llm" request "$@" > "$tmp.out" 2> "$tmp.err"; s=$?
    if [ $s -eq 0 ] && [ "$(wc -l < "$tmp.out")" -eq 1 ] && [ ! -s "$tmp.err" ] && "$same" "$tmp.out" "$data/$want"; then ok
    else fail "$name (status $s): $(cat "$tmp.err")"; cat "$tmp.out"; fi
}

# refuses NAME STATUS WORD [VAR=value...] -- [arguments...]: that exit status, nothing on
# stdout, one line on stderr holding WORD
refuses() {
    name=$1; want=$2; word=$3; shift 3
    vars=""
    while [ "$1" != "--" ]; do vars="$vars $1"; shift; done
    shift
    # shellcheck disable=SC2086
    env -i PATH="$PATH" $vars "$llm" request "$@" > "$tmp.out" 2> "$tmp.err"; s=$?
    if [ $s -eq "$want" ] && [ ! -s "$tmp.out" ] && grep -qF -- "$word" "$tmp.err" && [ "$(wc -l < "$tmp.err")" -le 2 ]; then ok
    else fail "$name: status $s (want $want), stderr: $(cat "$tmp.err")"; fi
}

sends openai chat.openai.want.json -- "$data/chat.json"
sends "openai, the file on stdin" chat.openai.want.json -- - < "$data/chat.json"
sends "groq by prefix" groq.want.json -- -m groq/llama-3.3-70b-versatile "$data/hello.json"
sends "openrouter by prefix" openrouter.want.json -- -m openrouter/meta-llama/llama-3.3-70b-instruct "$data/hello.json"
sends "openrouter by --provider" openrouter.want.json -- --provider openrouter -m meta-llama/llama-3.3-70b-instruct "$data/hello.json"
sends "azure deployment, streamed" azure_deployment_stream.want.json AZURE_API_BASE=https://example.openai.azure.com AZURE_API_VERSION=2024-10-21 \
    -- -m azure/my-gpt4o --stream "$data/hello.json"
sends "azure v1 with an Entra ID token" azure_v1_token.want.json AZURE_OPENAI_ENDPOINT=https://example.openai.azure.com AZURE_AD_TOKEN=eyJ0eXAi \
    -- -m azure/my-gpt4o "$data/hello.json"
sends "ollama, LiteLLM's base without /v1" ollama.want.json OLLAMA_API_BASE=http://localhost:11434 -- -m ollama/llama3.2 "$data/hello.json"
sends "a proxy alias through LLM_BASE_URL" proxy_alias.want.json LLM_BASE_URL=http://127.0.0.1:4000/v1 LLM_API_KEY=sk-proxy \
    -- -m claude-fast "$data/hello.json"
sends "a proxy alias through --base-url" proxy_alias.want.json LLM_API_KEY=sk-proxy \
    -- --base-url http://127.0.0.1:4000/v1 -m claude-fast "$data/hello.json"
sends "a reasoning model" reasoning.want.json -- -m o3-mini "$data/hello.json"
sends "anthropic: the system prompt lifted" anthropic.want.json -- -m anthropic/claude-sonnet-4-5 "$data/hello.json"
sends "anthropic: LiteLLM's thinking_blocks sent back" thinking_blocks.anthropic.want.json -- "$data/thinking_blocks.json"
sends "openrouter: the same conversation, its thinking left out" thinking_blocks.openrouter.want.json \
    -- -m openrouter/anthropic/claude-sonnet-4.5 "$data/thinking_blocks.json"
sends "gemini: LiteLLM's __thought__ id sent back as the functionCall's thoughtSignature" gemini_thought.gemini.want.json \
    -- "$data/gemini_thought.json"
sends "openai: the same conversation, the signature cut off the ids" gemini_thought.openai.want.json -- -m gpt-4o "$data/gemini_thought.json"
sends "the Responses API by LiteLLM's prefix" responses.want.json -- -m openai/responses/gpt-4o "$data/hello.json"
sends "the Responses API for a model only it serves" responses_only_model.want.json -- -m o1-pro "$data/hello.json"
sends "Azure's Responses API, streamed" azure_responses_stream.want.json AZURE_API_BASE=https://example.openai.azure.com \
    -- -m azure/responses/my-deployment --stream "$data/hello.json"
sends "the Responses API: a reasoning item in thinking_blocks sent back" reasoning_item.responses.want.json -- "$data/reasoning_item.json"
sends "chat completions: the same conversation, its reasoning item left out" reasoning_item.openai.want.json \
    -- -m o4-mini "$data/reasoning_item.json"
sends "the Responses API: a built-in tool sent as given" builtin_tools.responses.want.json -- "$data/builtin_tools.json"
refuses "a built-in tool for chat completions" 1 "tools_json" -- -m gpt-4o "$data/builtin_tools.json"

# the key is never printed, wherever it comes from
env -i PATH="$PATH" OPENAI_API_KEY=sk-live-secret-0123456789 "$llm" request "$data/hello.json" > "$tmp.out" 2>&1
if grep -q "sk-live-secret" "$tmp.out" || ! grep -q '"Bearer <redacted>"' "$tmp.out"; then fail "the key is printed"; else ok; fi

# refusals: 1 names the field, 2 is a usage error
echo '{"model":"gpt-4o","messages":[]}' > "$tmp.in"
refuses "empty messages" 1 "messages" -- "$tmp.in"
printf '{"model":"gpt-4o","messages":' > "$tmp.in"
refuses "invalid JSON" 1 "offset 29:" -- "$tmp.in"
echo '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":"hot"}' > "$tmp.in"
refuses "a member of the wrong type" 1 "temperature" -- "$tmp.in"
echo '{"model":"gpt-4o","messages":[{"role":"wizard","content":"Hi"}]}' > "$tmp.in"
refuses "an unknown role" 1 "role" -- "$tmp.in"
echo '{"messages":[{"role":"user","content":"Hi"}]}' > "$tmp.in"
refuses "no model" 1 "model" -- "$tmp.in"
echo '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"n":2}' > "$tmp.in"
refuses "two choices of OpenRouter" 1 "n:" -- -m openrouter/openai/gpt-4o "$tmp.in"
echo '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"max_tokens":10,"x_trace":"a"}' > "$tmp.in"
refuses "a member Anthropic cannot take" 1 "x_trace" -- "$tmp.in"
echo '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"max_tokens":10,"temperature":0.2,"reasoning_effort":"low"}' > "$tmp.in"
refuses "temperature beside Anthropic's thinking" 1 "temperature" -- "$tmp.in"
echo '{"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"a":{"oneOf":[{"type":"string"},{"type":"integer"}]}}}}}}' > "$tmp.in"
refuses "a JSON Schema keyword Gemini's dialect lacks" 1 '"oneOf"' -- "$tmp.in"
echo '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"seed":3}' > "$tmp.in"
refuses "a seed for Anthropic" 1 "seed" -- "$tmp.in"
echo '{"model":"claude-sonnet-4-5","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]},{"role":"user","content":"Hi"}]}' > "$tmp.in"
refuses "an image in a system message" 1 "messages[0].parts[0]" -- "$tmp.in"
echo '{"model":"claude-sonnet-4-5","messages":[{"role":"assistant","content":"Hello"},{"role":"user","content":"Hi"}]}' > "$tmp.in"
refuses "Anthropic's first turn the assistant's" 1 "messages[0]" -- "$tmp.in"
echo '{"model":"openai/responses/gpt-4o","messages":[{"role":"user","content":"Hi"}],"stop":["END"]}' > "$tmp.in"
refuses "stop for the Responses API" 1 "stop" -- "$tmp.in"
echo '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}' > "$tmp.in"
refuses "an unknown model prefix" 1 "nosuch" -- -m nosuch/model-1 "$tmp.in"
refuses "an unknown provider" 2 "nosuch" -- --provider nosuch "$tmp.in"
refuses "an unknown option" 2 "--bogus" -- --bogus "$tmp.in"
refuses "an option without its value" 2 "lacks its value" -- "$tmp.in" -m
refuses "a missing file" 2 "cannot read" -- /nonexistent/request.json
"$llm" request --help > "$tmp.out" 2>&1; s=$?
if [ $s -eq 0 ] && grep -q "usage: llm request" "$tmp.out"; then ok; else fail "--help ($s)"; fi

rm -f "$tmp.out" "$tmp.err" "$tmp.in"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
