#!/bin/sh
# `make run` as a newcomer meets it, on what `make test` is testing: a copy
# of this repository's tracked files as the working tree has them
# (committed or not; a new file once `git add`ed) and nothing else (no
# build/, no untracked file), in a temporary directory, no API keys in the
# environment, only loopback reachable for the demo; it must build, stream
# the answer, quote the tool's output that the demo computed, fall back
# after the injected 503 and print a summary with a cost for each call.
# Prints how long the copy took to its first streamed token (a goal of 30 s
# on 2 cores; not enforced: timings are not tests).
here=$(pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-run-test.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/llm" || exit 1
# every tracked path that exists in the working tree (a deleted one is left out), copied as it is there
git ls-files -z --cached | xargs -0 sh -c 'for f; do [ -e "$f" ] || [ -L "$f" ] && printf "%s\0" "$f"; done' sh |
    tar --null -T - -cf - | tar -xf - -C "$dir/llm" || exit 1
[ -s "$dir/llm/Makefile" ] || { echo "FAIL the copy of the working tree has no Makefile"; exit 1; }
cd "$dir/llm" || exit 1
t0=$(date +%s%N)
env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u OPENROUTER_API_KEY -u GEMINI_API_KEY -u LLM_BASE_URL -u LLM_API_KEY -u LLM_MODEL \
    make -s run > "$dir/out" 2>&1 &
pid=$!
first=""
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 1800 ]; do # 180 s at most
    if [ -z "$first" ] && grep -q "Hello from the mock server" "$dir/out"; then first=$(( ($(date +%s%N) - t0) / 1000000 )); fi
    sleep 0.1; i=$((i + 1))
done
if kill -0 $pid 2>/dev/null; then kill $pid; echo "FAIL make run still running after 180 s"; cat "$dir/out"; exit 1; fi
wait $pid; s=$?
passed=0; failed=0
check() { if grep -q -- "$2" "$dir/out"; then passed=$((passed + 1)); else echo "FAIL $1: no [$2]"; failed=$((failed + 1)); fi; }
[ $s -eq 0 ] && passed=$((passed + 1)) || { echo "FAIL make run exited $s"; failed=$((failed + 1)); }
check building "== building build/llm"
check mock "talking to the project's mock provider at http://127.0.0.1:"
check streamed "^Hello from the mock server. You said: In one sentence"
check tool-called '^the model called: {"id":"call_'
ran=$(sed -n 's/^get_time ran here: //p' "$dir/out")
check tool-output-quoted "^The tool said: $ran\$"
check fallback "^router: request 1: fell back from gpt-4o to gpt-4o-mini"
n=$(grep -c '^model=[^ ]* provider=[^ ]* prompt_tokens=[1-9][0-9]* completion_tokens=[1-9][0-9]* .* cost_usd=0\.[0-9]*[1-9][0-9]* latency_ms=' "$dir/out")
[ "$n" -eq 4 ] && passed=$((passed + 1)) || { echo "FAIL summary lines with a cost: $n, wanted 4"; failed=$((failed + 1)); }
echo "make run from a fresh copy: first streamed token after ${first:-?} ms"
[ $failed -eq 0 ] || cat "$dir/out"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
