#!/bin/sh
# The documentation compiles: every ```c block of README.md and the TL;DR
# example at the top of llm.h are compiled as C99 with -Werror (each block
# is a whole translation unit: includes and functions).
CC=${CC:-cc}
out=${1:-build}/docs
mkdir -p "$out"
rm -f "$out"/*.c
awk -v dir="$out" '
    /^```c$/ { n++; file = sprintf("%s/readme_%02d.c", dir, n); copying = 1; next }
    /^```/ { copying = 0 }
    copying { print > file }
' README.md
awk '
    /^   TL;DR/ { on = 1; next }
    /^   TABLE OF CONTENTS/ { on = 0 }
    on && /^       / { print substr($0, 8) }
' llm.h > "$out/header_tldr.c"
passed=0; failed=0
for f in "$out"/*.c; do
    if $CC -std=c99 -Wall -Wextra -Wpedantic -Werror -I. -c -o "${f%.c}.o" "$f"; then passed=$((passed + 1)); else echo "FAIL $f"; failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
