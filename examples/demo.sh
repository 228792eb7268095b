#!/bin/sh
# The demo of `make run`: what build/llm does today, on recorded bytes.
set -e
llm=build/llm
echo "== llm json-validate on a recorded OpenAI response (exit 0, silent) =="
$llm json-validate tests/data/provider-samples/openai/chat_completion_text.json && echo "valid"
echo "== llm json-validate on a truncated copy (exit 1, offset and reason) =="
head -c 100 tests/data/provider-samples/openai/chat_completion_text.json | $llm json-validate - || echo "exit status $?"
echo "== build/chat: one chat completion through the mock transport =="
build/chat
echo "== build/tools: a tool-call loop with the conversation helper =="
build/tools
echo "== build/stream: a streamed answer printed as it arrives =="
build/stream
echo "== build/game_loop: the sans-I/O call, fed one frame at a time =="
build/game_loop
echo "== build/router: a group that is down, retries, then a fallback =="
build/router
