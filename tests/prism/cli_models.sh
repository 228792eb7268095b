#!/bin/sh
# `llm models --remote` against Prism serving OpenAI's spec, the request
# validated (one Prism refuses is a 422: exit 1), its answer listed:
#   sh tests/prism/run.sh openai -- sh tests/prism/cli_models.sh build/llm
llm=$1
out=$(OPENAI_API_KEY=sk-prism-test "$llm" models --remote --provider openai --base-url "$PRISM_BASE_URL" 2>&1) ||
    { echo "FAIL llm models --remote against Prism: $out"; exit 1; }
[ -n "$out" ] || { echo "FAIL llm models --remote against Prism: no model listed"; exit 1; }
printf '%s\n' "$out" | while IFS="$(printf '\t')" read -r id provider rest; do
    [ -n "$id" ] && [ "$provider" = openai ] || { echo "FAIL a line of llm models --remote: [$id] [$provider] $rest"; exit 1; }
done || exit 1
echo "llm models --remote against Prism (openai): $(printf '%s\n' "$out" | wc -l | tr -d ' ') model(s) listed"
