#!/bin/sh
# JSONTestSuite through `llm json-validate`, as a user runs it: y_ files exit
# 0 silently, n_ files exit 1 with "offset N: reason" on stderr, i_ files exit
# 0 or 1 as tests/data/jsonsuite_i_verdicts.txt says (accept or reject). Then UTF-8 forms from RFC 3629 (valid ones exit 0; ill-formed ones
# exit 1 at the right offset), the usage and unreadable-input cases exit 2,
# and running out of memory exits 1.
# Usage: sh tests/cli/json_validate.sh build/llm JSONTESTSUITE_DIR [VERDICTS]
llm=$1; dir=$2; verdicts=${3:-tests/data/jsonsuite_i_verdicts.txt}
passed=0; failed=0; y=0; n=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
[ -r "$verdicts" ] || fail "cannot read $verdicts"
for f in "$dir"/*.json; do
    name=$(basename "$f")
    out=$("$llm" json-validate "$f" 2>/tmp/llm_jv_err.$$); status=$?
    err=$(cat /tmp/llm_jv_err.$$)
    case $name in
        y_*) if [ $status -eq 0 ] && [ -z "$out$err" ]; then passed=$((passed + 1)); y=$((y + 1)); else fail "$name: status $status $err"; fi ;;
        n_*) if [ $status -eq 1 ] && [ -z "$out" ] && echo "$err" | grep -Eq '^offset [0-9]+: .+'; then passed=$((passed + 1)); n=$((n + 1)); else fail "$name: status $status $err"; fi ;;
        i_*) want=$(awk -v f="$name" '$1 == f { print $2 }' "$verdicts" 2>/dev/null)
             case $want in accept) want=0 ;; reject) want=1 ;; *) want=none ;; esac
             if [ "$want" = none ]; then fail "$name: no verdict in $verdicts"
             elif [ $status -eq "$want" ]; then passed=$((passed + 1))
             else fail "$name: status $status, $verdicts says $([ "$want" -eq 0 ] && echo accept || echo reject)"; fi ;;
        *) fail "$name: not a JSONTestSuite file (is $dir its test_parsing folder?)" ;;
    esac
done
rm -f /tmp/llm_jv_err.$$
[ $y -gt 0 ] && [ $n -gt 0 ] || fail "$dir: $y y_ and $n n_ files passed"

# UTF-8 inside a string, each form written from RFC 3629's table (section 4;
# the table is quoted in tests/unit/test_json.c). Each case is
# NAME HEX-BYTES BAD: the bytes go into ["a","<bytes>"]; BAD is "ok" (exit 0,
# silent) or the offset in the bytes of the ill-formed sequence's first
# byte, reported as "offset 6+BAD:" with exit 1.
tmp=$(mktemp -d)
utf8() {
    bytes=""
    for h in $2; do bytes="$bytes\\$(printf '%03o' $((0x$h)))"; done
    printf "[\"a\",\"$bytes\"]" > "$tmp/case.json"
    err=$("$llm" json-validate "$tmp/case.json" 2>&1 >/dev/null); status=$?
    if [ "$3" = ok ]; then
        if [ $status -eq 0 ] && [ -z "$err" ]; then passed=$((passed + 1)); else fail "utf-8 $1 ($2): status $status $err, expected valid"; fi
    else
        want=$((6 + $3))
        if [ $status -eq 1 ] && echo "$err" | grep -Eq "^offset $want: .+"; then passed=$((passed + 1)); else fail "utf-8 $1 ($2): status $status '$err', expected exit 1 and 'offset $want:'"; fi
    fi
}
utf8 U+0080 "C2 80" ok
utf8 U+07FF "DF BF" ok
utf8 U+0800 "E0 A0 80" ok
utf8 U+D7FF "ED 9F BF" ok
utf8 U+E000 "EE 80 80" ok
utf8 U+FFFF "EF BF BF" ok
utf8 U+10000 "F0 90 80 80" ok
utf8 U+10FFFF "F4 8F BF BF" ok
utf8 overlong-2-NUL "C0 80" 0
utf8 overlong-2-slash "C0 AF" 0
utf8 overlong-2-U+007F "C1 BF" 0
utf8 overlong-3-NUL "E0 80 80" 0
utf8 overlong-3-slash "E0 80 AF" 0
utf8 overlong-3-U+07FF "E0 9F BF" 0
utf8 overlong-4-NUL "F0 80 80 80" 0
utf8 overlong-4-slash "F0 80 80 AF" 0
utf8 overlong-4-U+FFFF "F0 8F BF BF" 0
utf8 surrogate-D800 "ED A0 80" 0
utf8 surrogate-DBFF "ED AF BF" 0
utf8 surrogate-DC00 "ED B0 80" 0
utf8 surrogate-DFFF "ED BF BF" 0
utf8 surrogate-pair-CESU-8 "ED A0 BD ED B8 80" 0
utf8 U+110000 "F4 90 80 80" 0
utf8 lead-F5 "F5 80 80 80" 0
utf8 lead-F8 "F8 88 80 80 80" 0
utf8 lead-FC "FC 84 80 80 80 80" 0
utf8 lead-FE "FE" 0
utf8 lead-FF "FF" 0
utf8 lone-continuation-80 "80" 0
utf8 lone-continuation-BF "BF" 0
utf8 continuation-after-a-sequence "C3 A9 80" 2
utf8 cut-2-of-2 "C3 61" 0
utf8 cut-2-of-3 "E2 82 61" 0
utf8 cut-3-of-4 "F0 9F 98 61" 0
utf8 cut-before-the-quote "E2 82" 0
utf8 valid-then-cut "E2 82 AC F0 9F 98" 3
rm -rf "$tmp"
# stdin, "-", usage and unreadable input
if printf '{"a":[1,2]}' | "$llm" json-validate; then passed=$((passed + 1)); else fail "stdin"; fi
printf '[1,' | "$llm" json-validate - 2>/dev/null; s=$?; if [ $s -eq 1 ]; then passed=$((passed + 1)); else fail "truncated stdin: $s"; fi
"$llm" json-validate /nonexistent/file 2>/dev/null; s=$?; if [ $s -eq 2 ]; then passed=$((passed + 1)); else fail "missing file: $s"; fi
"$llm" json-validate a b 2>/dev/null; s=$?; if [ $s -eq 2 ]; then passed=$((passed + 1)); else fail "two files: $s"; fi
"$llm" 2>/dev/null; s=$?; if [ $s -eq 2 ]; then passed=$((passed + 1)); else fail "no verb: $s"; fi
# out of memory is a failure (exit 1), not a usage error: a 4 MiB array of
# two million numbers is read (8 MiB at most) within 40 MB of address space
# (build/llm and its libraries, libcurl's included, take about 20), and its
# DOM (16 bytes a value: 32 MiB) is not
big=${TMPDIR:-/tmp}/llm_jv_big.$$
awk 'BEGIN { printf "["; for (i = 0; i < 2097152; i++) printf "0,"; printf "0]" }' > "$big"
err=$( (ulimit -v 40000 && exec "$llm" json-validate "$big") 2>&1 >/dev/null); s=$?
if [ $s -eq 1 ] && [ "$err" = "llm: out of memory" ]; then passed=$((passed + 1)); else fail "out of memory: status $s, $err"; fi
rm -f "$big"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
