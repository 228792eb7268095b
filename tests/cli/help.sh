#!/bin/sh
# The CLI explains itself: every verb's --help on stdout with exit 0, the
# verb list, --version, unknown verbs and options named, bad numbers named
# with their value, a dollar figure for people, an empty query said on
# stderr, and `llm tokens` honest about models it has no tokenizer for and
# working from any directory.
#   sh tests/cli/help.sh build/llm
llm=$1
case $llm in /*) ;; *) llm=$(pwd)/$llm ;; esac
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-help-test.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
# t NAME WANT_STATUS WANT_STDOUT_GREP WANT_STDERR_GREP ARGS...: "" skips a grep; "-" means "must be empty"
t() {
    name=$1; want=$2; out=$3; err=$4; shift 4
    "$llm" "$@" > "$dir/out" 2> "$dir/err"; s=$?
    if [ $s -ne "$want" ]; then fail "$name: exit $s, wanted $want"; return; fi
    if [ "$out" = "-" ] && [ -s "$dir/out" ]; then fail "$name: stdout not empty: $(cat "$dir/out")"; return; fi
    if [ -n "$out" ] && [ "$out" != "-" ] && ! grep -q -F -- "$out" "$dir/out"; then fail "$name: stdout lacks [$out]: $(cat "$dir/out")"; return; fi
    if [ "$err" = "-" ] && [ -s "$dir/err" ]; then fail "$name: stderr not empty: $(cat "$dir/err")"; return; fi
    if [ -n "$err" ] && [ "$err" != "-" ] && ! grep -q -F -- "$err" "$dir/err"; then fail "$name: stderr lacks [$err]: $(cat "$dir/err")"; return; fi
    ok
}

for verb in chat request replay sse json-validate tokens cost info models; do
    t "$verb --help" 0 "usage: llm $verb" - $verb --help
    t "$verb -h" 0 "usage: llm $verb" - $verb -h
    t "help $verb" 0 "usage: llm $verb" - help $verb
done
for h in --help help -h; do
    t "llm $h" 0 "llm chat [-m MODEL]" - $h
    for verb in chat request replay sse json-validate tokens cost info models; do
        grep -q "^  llm $verb " "$dir/out" && ok || fail "llm $h does not list $verb"
    done
done
t "no verb" 2 - "usage: llm VERB"
version=$(sed -n 's/^#define LLM_VERSION_STRING "\(.*\)"$/\1/p' "$(dirname "$0")/../../llm.h")
t "--version" 0 "" - --version
[ "$(cat "$dir/out")" = "$version" ] && ok || fail "--version printed [$(cat "$dir/out")], wanted [$version]"
t "unknown verb" 2 - 'unknown verb "frobnicate"' frobnicate
t "sse unknown option" 2 - "unknown option --frob" sse --frob
t "json-validate unknown option" 2 - "unknown option -x" json-validate -x
t "replay unknown option" 2 - "unknown option --frob" replay --provider openai --frob
t "replay bad status" 2 - '--status: not a valid number: "abc"' replay --provider openai --status abc
t "request unknown option" 2 - "unknown option --frob" request --frob
t "tokens unknown option" 2 - "unknown option --frob" tokens --frob
t "models unknown option" 2 - "unknown option --frob" models --frob x

# llm cost: a figure for people, the exact double with --json, bad numbers named
# (gpt-4o, LiteLLM: 1000 * 2.5e-06 + 500 * 1e-05 = 0.0075)
t "cost" 0 "" - cost --model gpt-4o --prompt-tokens 1000 --completion-tokens 500
[ "$(cat "$dir/out")" = "0.0075" ] && ok || fail "cost printed [$(cat "$dir/out")], wanted 0.0075"
t "cost --json" 0 "" - cost --json --model gpt-4o --prompt-tokens 1000 --completion-tokens 500
[ "$(cat "$dir/out")" = "0.0074999999999999997" ] && ok || fail "cost --json printed [$(cat "$dir/out")], wanted 0.0074999999999999997"
# 2 tokens of gpt-4o-mini's 1.5e-07 input price... a small figure stays plain decimals: 1 * 1.5e-07
t "cost small" 0 "" - cost --model gpt-4o-mini --prompt-tokens 1
[ "$(cat "$dir/out")" = "0.00000015" ] && ok || fail "cost small printed [$(cat "$dir/out")], wanted 0.00000015"
t "cost bad number" 2 - '--prompt-tokens: not a valid number: "abc"' cost --model gpt-4o --prompt-tokens abc
t "cost unknown option" 2 - "unknown option --frob" cost --model gpt-4o --frob 1

# an empty query: nothing on stdout, said on stderr, exit 0
t "models nonexistent" 0 - 'no models for provider "nonexistent"' models --provider nonexistent

# llm tokens: no silent o200k count for models without an exact tokenizer
printf 'hello world' > "$dir/text"
t "tokens claude" 1 - "has no exact tokenizer" tokens --model claude-sonnet-4-5 "$dir/text"
t "tokens llama" 1 - "has no exact tokenizer" tokens --model llama-3.1-8b "$dir/text"
t "tokens claude estimate" 0 "" - tokens --estimate --model claude-sonnet-4-5 "$dir/text"
# from another directory the vocabulary is still found (the source tree); "hello world" is 2 o200k tokens (tiktoken)
(cd "$dir" && "$llm" tokens --model gpt-4o text > out2 2> err2); s=$?
[ $s -eq 0 ] && [ "$(cat "$dir/out2")" = "2" ] && ok || fail "tokens from another directory: exit $s, [$(cat "$dir/out2")] $(cat "$dir/err2")"
(cd "$dir" && LLM_TIKTOKEN_DIR="$dir/none" "$llm" tokens --vocab "$dir/none.tiktoken" text > out2 2> err2); s=$?
[ $s -eq 2 ] && ok || fail "tokens with an unreadable --vocab: exit $s (wanted 2)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
