#!/bin/sh
# JSONTestSuite through `llm json-validate`, as a user runs it: y_ files exit
# 0 silently, n_ files exit 1 with "offset N: reason" on stderr, i_ files exit
# 0 or 1. Then the usage and unreadable-input cases exit 2.
llm=$1; dir=$2
passed=0; failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
for f in "$dir"/*.json; do
    name=$(basename "$f")
    out=$("$llm" json-validate "$f" 2>/tmp/llm_jv_err.$$); status=$?
    err=$(cat /tmp/llm_jv_err.$$)
    case $name in
        y_*) if [ $status -eq 0 ] && [ -z "$out$err" ]; then passed=$((passed + 1)); else fail "$name: status $status $err"; fi ;;
        n_*) if [ $status -eq 1 ] && [ -z "$out" ] && echo "$err" | grep -Eq '^offset [0-9]+: .+'; then passed=$((passed + 1)); else fail "$name: status $status $err"; fi ;;
        i_*) if [ $status -eq 0 ] || [ $status -eq 1 ]; then passed=$((passed + 1)); else fail "$name: status $status"; fi ;;
    esac
done
rm -f /tmp/llm_jv_err.$$
# stdin, "-", usage and unreadable input
if printf '{"a":[1,2]}' | "$llm" json-validate; then passed=$((passed + 1)); else fail "stdin"; fi
printf '[1,' | "$llm" json-validate - 2>/dev/null; s=$?; if [ $s -eq 1 ]; then passed=$((passed + 1)); else fail "truncated stdin: $s"; fi
"$llm" json-validate /nonexistent/file 2>/dev/null; s=$?; if [ $s -eq 2 ]; then passed=$((passed + 1)); else fail "missing file: $s"; fi
"$llm" json-validate a b 2>/dev/null; s=$?; if [ $s -eq 2 ]; then passed=$((passed + 1)); else fail "two files: $s"; fi
"$llm" 2>/dev/null; s=$?; if [ $s -eq 2 ]; then passed=$((passed + 1)); else fail "no verb: $s"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
