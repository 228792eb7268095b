#!/bin/sh
# make check-static: cppcheck and clang-tidy (its clang-analyzer-* checks
# included) over llm.h and every companion header (tests/static/all.c, each
# with its implementation). make check-scan-build (`tests/static.sh build
# scan`): the clang static analyzer, scan-build, over every unit suite. Both
# are in make ci. Clean means no finding
# at all: any warning fails the check. What is left out, and why, is in
# tests/static/disabled.txt and nowhere else. Each tool's report is in
# build/static/ (cppcheck.txt, clang-tidy.txt; build/scan-build/: its
# output and HTML pages). Each tool first runs on tests/static/planted.c and
# must report its planted fault.
B=${1:-build}
MODE=${2:-lint}
S=$B/static
[ "$MODE" = scan ] && S=$B/scan-build
D=tests/static/disabled.txt
MAKE=${MAKE:-make}
rm -rf "$S" && mkdir -p "$S"
failed=""
tools="cppcheck clang-tidy"; [ "$MODE" = scan ] && tools=scan-build
for tool in $tools; do
    command -v $tool > /dev/null 2>&1 || {
        echo "check-static: $tool is missing (apt-get install cppcheck clang-tidy clang-tools)"; exit 1; }
done
CURL_CFLAGS=$(curl-config --cflags 2> /dev/null)

if [ "$MODE" != scan ]; then
# ---- cppcheck: its families but those disabled.txt leaves out; a named check there is suppressed ----
enable=$(awk '$1 == "cppcheck" { off[$2] = 1 }
    END { n = split("warning performance portability style", f, " ")
          for (i = 1; i <= n; i++) if (!(f[i] in off)) s = s (s ? "," : "") f[i]; print s }' $D)
suppress=$(awk '$1 == "cppcheck" && $2 !~ /^(warning|performance|portability|style)$/ { printf " --suppress=%s", $2 }' $D)
echo "cppcheck $(cppcheck --version | cut -d' ' -f2): --enable=$enable$suppress"
run_cppcheck() { # FILE
    # shellcheck disable=SC2086
    cppcheck --std=c99 --enable="$enable" $suppress --max-configs=1 --error-exitcode=1 --quiet \
        -D_POSIX_C_SOURCE=200809L -D__linux__ -D__x86_64__ -I. "$1" --template='{file}:{line}: {severity}: {message} [{id}]'
}
run_cppcheck tests/static/planted.c > "$S/cppcheck-planted.txt" 2>&1 &&
    { echo "check-static: cppcheck missed the planted fault of tests/static/planted.c"; failed="$failed cppcheck"; }
run_cppcheck tests/static/all.c > "$S/cppcheck.txt" 2>&1 || failed="$failed cppcheck"
cat "$S/cppcheck.txt"

# ---- clang-tidy: the families named above, less disabled.txt's ----
checks="-*,bugprone-*,cert-*,clang-analyzer-*,misc-*,performance-*,portability-*$(awk '$1 == "clang-tidy" { printf ",-%s", $2 }' $D)"
# cert-err33-c is left out for snprintf and clean-up paths; these results must still be used
used='::fwrite;::fread;::fopen;::fdopen;::mkstemp;::rename;::fseek;::ftell;::fflush;::malloc;::calloc;::realloc'
echo "$(clang-tidy --version | grep -o 'LLVM version [0-9.]*' | sed 's/LLVM/clang-tidy/'): $checks"
run_tidy() { # FILE
    clang-tidy --quiet --header-filter='.*' --warnings-as-errors='*' \
        --config="{Checks: '$checks', CheckOptions: [{key: bugprone-unused-return-value.CheckedFunctions, value: '$used'}]}" \
        "$1" -- -std=c99 -D_POSIX_C_SOURCE=200809L -I. $CURL_CFLAGS
}
run_tidy tests/static/planted.c > "$S/clang-tidy-planted.txt" 2>&1 &&
    { echo "check-static: clang-tidy missed the planted fault of tests/static/planted.c"; failed="$failed clang-tidy"; }
run_tidy tests/static/all.c > "$S/clang-tidy.txt" 2>&1 || failed="$failed clang-tidy"
grep -E 'warning:|error:' "$S/clang-tidy.txt" | grep -v '^[0-9]* warnings* ' || true

fi

# ---- scan-build over the unit suites, compiled two at a time ----
if [ "$MODE" = scan ]; then
echo "scan-build (clang $(clang --version | grep -o 'version [0-9.]*' | cut -d' ' -f2)): the default checkers over $($MAKE -s -f Makefile print-unit | wc -w) unit suites"
scan-build --status-bugs -o "$S/scan-planted" clang -c -o "$S/planted.o" tests/static/planted.c > "$S/scan-build-planted.txt" 2>&1 &&
    { echo "check-static: scan-build missed the planted fault of tests/static/planted.c"; failed="$failed scan-build"; }
scan-build --status-bugs -o "$S/scan" $MAKE -s -j2 static-objs B="$B" > "$S/scan-build.txt" 2>&1 || failed="$failed scan-build"
grep -E 'warning:|scan-build: [0-9]+ bugs? found' "$S/scan-build.txt" | sort -u || true
fi

if [ -n "$failed" ]; then
    echo "check-static: FAILED:$failed (reports in $S/)"
    exit 1
fi
if [ "$MODE" = scan ]; then echo "check-scan-build: scan-build clean over the unit suites"
else echo "check-static: cppcheck and clang-tidy clean over llm.h and its companions"; fi
