#!/bin/sh
# Runs every check of `make test`, one after the other, and ends with one
# line "N passed, N failed, N skipped" counting checks. A check whose tool is
# missing (tcc, valgrind, the ARM compiler...) is skipped on a workstation,
# and fails under CI=true, where .ci/run has installed everything.
MAKE=${MAKE:-make}
mkdir -p build/logs
passed=0; failed=0; skipped=0

# check NAME TOOL: runs `make NAME` when TOOL is on PATH
check() {
    name=$1; tool=$2
    if [ -n "$tool" ] && ! command -v "$tool" >/dev/null 2>&1; then
        if [ "${CI:-}" = "true" ]; then
            echo "FAIL $name: '$tool' is missing"; failed=$((failed + 1))
        else
            echo "skip $name: '$tool' is missing (apt-get install it, see .ci/run)"; skipped=$((skipped + 1))
        fi
        return
    fi
    start=$(date +%s)
    if $MAKE -s "$name" > "build/logs/$name.log" 2>&1; then
        # the sum of the suites' "N passed, N failed" lines, or the check's own last word
        summary=$(awk '/^[0-9]+ passed, [0-9]+ failed/ { p += $1; f += $3; n++ } END { if (n) printf "%d passed, %d failed (%d suites)", p, f, n }' "build/logs/$name.log")
        [ -n "$summary" ] || summary=$(grep -E 'Done|size|compiled' "build/logs/$name.log" | tail -n 1)
        echo "ok   $name ($(($(date +%s) - start)) s): $summary"
        passed=$((passed + 1))
    else
        echo "FAIL $name: see build/logs/$name.log"; tail -n 30 "build/logs/$name.log" | sed 's/^/     /'
        failed=$((failed + 1))
    fi
}

check check-unit-gcc gcc
check check-unit-clang clang
check check-unit-valgrind valgrind
check check-matrix gcc
check check-threads gcc
check check-router-clock gcc
check check-conformance gcc
check check-streams gcc
check check-numbers gcc
check check-examples gcc
check check-cli ""
check check-costs-fresh gcc
check check-tokens-cli ""
check check-schema node
check check-cxx g++
check check-docs gcc
check check-tcc tcc
check check-firmware arm-none-eabi-gcc
check check-mock curl
check check-fuzz-short clang

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
