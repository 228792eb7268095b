#!/bin/sh
# The documentation compiles, and its first program runs: every ```c block of
# README.md and the TL;DR example at the top of llm.h are compiled as C99
# with -Werror.
#   - A block with a function definition (a line at column 0 ending in ") {")
#     is a whole translation unit and is compiled as it is.
#   - Any other block is a fragment (statements): its preprocessor lines go
#     after #include "llm.h", its other lines into the body of a function
#     that declares, zeroed, what fragments use: llm_client_desc desc,
#     llm_request req, llm_router_desc router_desc, llm_error err.
#   - A block with main() is also linked as the README says a program is
#     (`cc -std=c99 main.c -lcurl`), and one that includes llm_curl_adapter.h
#     is run against build/mock_server (LLM_BASE_URL pointing at it): it must
#     exit 0, write nothing on stderr, and print the mock server's documented
#     answer, "Hello from the mock server. You said: <its prompt>" (the top
#     of tests/mock/mock_server.c), its prompt being the block's `.content`.
# A block that includes llm_redis_store.h needs hiredis's headers (Debian
# libhiredis-dev): without them it is skipped, and fails under CI=true.
# Usage: sh tests/compile/docs.sh BUILD   (BUILD/mock_server already built)
CC=${CC:-cc}
B=${1:-build}
out=$B/docs
mkdir -p "$out"
rm -f "$out"/*.c "$out"/*.block
awk -v dir="$out" '
    /^```c$/ { n++; file = sprintf("%s/readme_%02d.block", dir, n); copying = 1; next }
    /^```/ { copying = 0 }
    copying { print > file }
' README.md
awk '
    /^   TL;DR/ { on = 1; next }
    /^   TABLE OF CONTENTS/ { on = 0 }
    on && /^       / { print substr($0, 8) }
' llm.h > "$out/header_tldr.c"
for f in "$out"/*.block; do
    [ -e "$f" ] || continue
    c=${f%.block}.c
    if grep -q '^[A-Za-z_].*) *{ *$' "$f"; then cp "$f" "$c"; else
        {
            echo '#include "llm.h"'
            grep '^#' "$f"
            echo 'void llm_docs_fragment(void);'
            echo 'void llm_docs_fragment(void) {'
            echo '    llm_client_desc desc = {0};'
            echo '    llm_request req = {0};'
            echo '    llm_router_desc router_desc = {0};'
            echo '    llm_error err = {0};'
            grep -v '^#' "$f"
            echo '    (void)desc; (void)req; (void)router_desc; (void)err;'
            echo '}'
        } > "$c"
    fi
done

passed=0; failed=0; skipped=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
hiredis=yes
printf '#include <hiredis/hiredis.h>\nint main(void) { return 0; }\n' > "$out/hiredis_probe.c.txt"
$CC -x c -c -o "$out/hiredis_probe.o" "$out/hiredis_probe.c.txt" 2>/dev/null || hiredis=no

port=""
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-docs.XXXXXX") || exit 1
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
# mock: starts build/mock_server once, on a free port (it stops by itself)
mock() {
    [ -n "$port" ] && return 0
    [ -x "$B/mock_server" ] || { fail "$B/mock_server is not built (make $B/mock_server)"; return 1; }
    "$B/mock_server" --port 0 --port-file "$dir/port" --idle-exit-ms 30000 --lifetime-ms 120000 --quiet > /dev/null &
    pid=$!
    i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    port=$(cat "$dir/port" 2>/dev/null)
    [ -n "$port" ] || { fail "the mock server did not start"; return 1; }
}

for f in "$out"/*.c; do
    if grep -q 'llm_redis_store\.h' "$f" && [ $hiredis = no ]; then
        if [ "$CI" = true ]; then fail "$f: hiredis's headers are missing (libhiredis-dev)"
        else echo "SKIP $f: hiredis's headers are missing (libhiredis-dev)"; skipped=$((skipped + 1)); fi
        continue
    fi
    if ! $CC -std=c99 -Wall -Wextra -Wpedantic -Werror -I. -c -o "${f%.c}.o" "$f"; then fail "$f"; continue; fi
    passed=$((passed + 1))
    grep -q '^int main(' "$f" || continue
    libs=""; grep -q 'llm_curl_adapter\.h' "$f" && libs=-lcurl
    # linked with the README's own line: cc -std=c99 main.c -lcurl
    if ! $CC -std=c99 -I. -o "${f%.c}" "$f" $libs; then fail "$f: does not link with '$CC -std=c99 main.c $libs'"; continue; fi
    passed=$((passed + 1))
    [ -n "$libs" ] || continue
    mock || continue
    prompt=$(sed -n 's/.*\.content = "\([^"]*\)".*/\1/p' "$f" | head -n 1)
    (unset OPENAI_API_KEY OPENAI_BASE_URL LLM_MODEL; LLM_BASE_URL="http://127.0.0.1:$port/v1" LLM_API_KEY=sk-mock \
        exec "${f%.c}") > "$dir/stdout" 2> "$dir/stderr"
    status=$?
    if [ $status -ne 0 ]; then fail "$f: exit status $status against the mock server"; sed 's/^/     /' "$dir/stderr"
    elif [ -s "$dir/stderr" ]; then fail "$f: wrote on stderr"; sed 's/^/     /' "$dir/stderr"
    elif [ -z "$prompt" ] || ! grep -qxF "Hello from the mock server. You said: $prompt" "$dir/stdout"; then
        fail "$f: no line 'Hello from the mock server. You said: $prompt' in its output:"; sed 's/^/     /' "$dir/stdout"
    else passed=$((passed + 1)); echo "ran ${f%.c} against the mock server: $(head -n 1 "$dir/stdout")"; fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
