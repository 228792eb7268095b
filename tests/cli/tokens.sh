#!/bin/sh
# Checks `llm tokens`. Expected values come from outside the code: token ids
# from npm tiktoken@1.0.22 (encode(text, [], [])), and prompt counts
# published in OpenAI's cookbook "How to count tokens with tiktoken"
# (129 / 124 for its example messages, 105 / 101 for its tool example, for
# gpt-4 / gpt-4o). Usage: sh tests/cli/tokens.sh build/llm
LLM=${1:-build/llm}
R=tests/data/tokens/requests
passed=0; failed=0
t() { # t NAME EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: got '$3', expected '$2'"; fi
}
t hello-cl100k 2 "$(printf 'hello world' | $LLM tokens --encoding cl100k_base)"
t hello-o200k-ids "24912 2375" "$(printf 'hello world' | $LLM tokens --model gpt-4o --ids)"
t bom-crlf-kept "3305 6151 319" "$(printf '\357\273\277hi\r\n' | $LLM tokens --model gpt-4 --ids)"
t bom-crlf-o200k "5574 3686 370" "$(printf '\357\273\277hi\r\n' | $LLM tokens --ids -)"
t special-text-ordinary 8 "$(printf ' <|endoftext|> x\n' | $LLM tokens --encoding cl100k_base)"
t special-text-o200k "464 91 419 1440 919 91 29 1215 198" "$(printf ' <|endoftext|> x\n' | $LLM tokens --encoding o200k_base --ids)"
t vocab-path 2 "$(printf 'hello world' | $LLM tokens --vocab tests/data/tokens/cl100k_base.tiktoken)"
t env-dir 2 "$(printf 'hello world' | LLM_TIKTOKEN_DIR=tests/data/tokens $LLM tokens --model gpt-4)"
t empty 0 "$(printf '' | $LLM tokens)"
t request-gpt4 129 "$($LLM tokens --request $R/cookbook_messages.json --model gpt-4)"
t request-gpt4o 124 "$($LLM tokens --request $R/cookbook_messages.json)"
t tools-gpt35 105 "$($LLM tokens --request $R/cookbook_tools.json --model gpt-3.5-turbo)"
t tools-gpt4o 101 "$($LLM tokens --request $R/cookbook_tools.json --model gpt-4o-mini)"
est=$(printf 'hello world, this is an estimate' | $LLM tokens --estimate --model claude-sonnet-4-5)
t estimate-positive yes "$([ "$est" -gt 3 ] && echo yes)"
# exit codes (README): 2 usage or unreadable input, 1 invalid input or failure
printf x | $LLM tokens --bogus >/dev/null 2>&1; t usage-exit 2 $?
printf x | $LLM tokens --encoding p50k_base >/dev/null 2>&1; t bad-encoding-exit 2 $?
$LLM tokens tests/data/tokens/no-such-file >/dev/null 2>&1; t missing-input-exit 2 $?
$LLM tokens --estimate tests/data/tokens/no-such-file >/dev/null 2>&1; t missing-input-estimate-exit 2 $?
$LLM tokens --request tests/data/tokens/no-such-file >/dev/null 2>&1; t missing-request-exit 2 $?
printf x | $LLM tokens --vocab tests/data/tokens/no-such-file >/dev/null 2>&1; t missing-vocab-exit 2 $?
printf x | $LLM tokens --vocab tests/data/tokens/README.md >/dev/null 2>&1; t bad-vocab-exit 1 $?
printf '{"messages": 3}' > build/bad_request.json
$LLM tokens --request build/bad_request.json >/dev/null 2>&1; t bad-request-exit 1 $?
printf '{"messages": [' > build/bad_request.json
$LLM tokens --request build/bad_request.json >/dev/null 2>&1; t bad-request-json-exit 1 $?
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
