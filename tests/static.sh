#!/bin/sh
# make check-static: cppcheck and clang-tidy over llm.h and every companion
# header (tests/static/all.c, each with its implementation), then the clang
# static analyzer (scan-build) over every unit suite. Clean means no finding
# at all: any warning fails the check. What is left out, and why, is in
# tests/static/disabled.txt and nowhere else. Each tool's report is in
# build/static/ (cppcheck.txt, clang-tidy.txt, scan-build.txt, and
# scan-build's HTML pages under scan/ when it found something).
B=${1:-build}
S=$B/static
D=tests/static/disabled.txt
MAKE=${MAKE:-make}
rm -rf "$S" && mkdir -p "$S"
failed=""
for tool in cppcheck clang-tidy scan-build; do
    command -v $tool > /dev/null 2>&1 || {
        echo "check-static: $tool is missing (apt-get install cppcheck clang-tidy clang-tools)"; exit 1; }
done
CURL_CFLAGS=$(curl-config --cflags 2> /dev/null)

# ---- cppcheck: its families but those disabled.txt leaves out; a named check there is suppressed ----
enable=$(awk '$1 == "cppcheck" { off[$2] = 1 }
    END { n = split("warning performance portability style", f, " ")
          for (i = 1; i <= n; i++) if (!(f[i] in off)) s = s (s ? "," : "") f[i]; print s }' $D)
suppress=$(awk '$1 == "cppcheck" && $2 !~ /^(warning|performance|portability|style)$/ { printf " --suppress=%s", $2 }' $D)
echo "cppcheck $(cppcheck --version | cut -d' ' -f2): --enable=$enable$suppress"
# shellcheck disable=SC2086
cppcheck --std=c99 --enable="$enable" $suppress --max-configs=1 --error-exitcode=1 --quiet \
    -D_POSIX_C_SOURCE=200809L -D__linux__ -D__x86_64__ -I. tests/static/all.c \
    --template='{file}:{line}: {severity}: {message} [{id}]' > "$S/cppcheck.txt" 2>&1 || failed="$failed cppcheck"
cat "$S/cppcheck.txt"

# ---- clang-tidy: the families named above, less disabled.txt's ----
checks="-*,bugprone-*,cert-*,clang-analyzer-*,misc-*,performance-*,portability-*$(awk '$1 == "clang-tidy" { printf ",-%s", $2 }' $D)"
# cert-err33-c is left out for snprintf and clean-up paths; these results must still be used
used='::fwrite;::fread;::fopen;::fdopen;::mkstemp;::rename;::fseek;::ftell;::fflush;::malloc;::calloc;::realloc'
echo "$(clang-tidy --version | grep -o 'LLVM version [0-9.]*' | sed 's/LLVM/clang-tidy/'): $checks"
clang-tidy --quiet --header-filter='.*' --warnings-as-errors='*' \
    --config="{Checks: '$checks', CheckOptions: [{key: bugprone-unused-return-value.CheckedFunctions, value: '$used'}]}" \
    tests/static/all.c -- -std=c99 -D_POSIX_C_SOURCE=200809L -I. $CURL_CFLAGS > "$S/clang-tidy.txt" 2>&1 || failed="$failed clang-tidy"
grep -E 'warning:|error:' "$S/clang-tidy.txt" | grep -v '^[0-9]* warnings* ' || true

# ---- scan-build over the unit suites, compiled two at a time ----
echo "scan-build (clang $(clang --version | grep -o 'version [0-9.]*' | cut -d' ' -f2)): the default checkers over $($MAKE -s -f Makefile print-unit | wc -w) unit suites"
# shellcheck disable=SC2086
scan-build --status-bugs -o "$S/scan" $MAKE -s -j2 static-objs B="$B" > "$S/scan-build.txt" 2>&1 || failed="$failed scan-build"
grep -E 'warning:|scan-build: [0-9]+ bugs? found' "$S/scan-build.txt" || true

if [ -n "$failed" ]; then
    echo "check-static: FAILED:$failed (reports in $S/)"
    exit 1
fi
echo "check-static: cppcheck, clang-tidy and scan-build clean over llm.h, its companions and the unit suites"
