#!/bin/sh
# `make install` as a user meets it: a copy of this repository's tracked
# files as the working tree has them (as check-run copies them), built into
# a consumer through add_subdirectory, installed into a temporary prefix
# (and uninstalled from another, leaving nothing), then deleted; from the
# prefix alone, a consumer builds through pkg-config and through CMake's
# find_package, and the installed `llm` counts tokens exactly with the
# vocabularies it installed. Each consumer prints llm.h's version and the
# cost of 1000 gpt-4o prompt tokens, which LiteLLM's table prices at
# $2.5e-06 each: $0.0025. tiktoken counts "hello world" as 2 cl100k tokens.
here=$(pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-install-test.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -f "$dir/log" ] && tail -n 20 "$dir/log" | sed 's/^/     /'; }
expect() { # NAME EXPECTED COMMAND...: the command's output is EXPECTED
    name=$1; want=$2; shift 2
    got=$("$@" 2> "$dir/log"); if [ "$got" = "$want" ]; then ok "$name"; else echo "     got [$got], want [$want]"; fail "$name"; fi
}

mkdir "$dir/src" || exit 1
git ls-files -z --cached | xargs -0 sh -c 'for f; do [ -e "$f" ] || [ -L "$f" ] && printf "%s\0" "$f"; done' sh |
    tar --null -T - -cf - | tar -xf - -C "$dir/src" || exit 1
version=$(sed -n 's/^#define LLM_VERSION_STRING "\(.*\)"/\1/p' llm.h)

# the consumer: one file with the implementations
mkdir "$dir/app"
cat > "$dir/app/main.c" <<'C'
#define LLM_IMPLEMENTATION
#include <llm.h>
#define LLM_CURL_IMPLEMENTATION
#include <llm_curl_adapter.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    llm_usage usage;
    llm_cost_info cost;
    llm_curl curl;
    memset(&usage, 0, sizeof usage);
    usage.prompt_tokens = 1000;
    usage.source = LLM_USAGE_REPORTED;
    if (llm_cost(NULL, "gpt-4o", &usage, &cost, NULL) != LLM_OK) return 1;
    if (llm_curl_init(&curl, NULL, NULL) != LLM_OK) return 1;
    llm_curl_free(&curl);
    printf("%s %.4f\n", LLM_VERSION_STRING, cost.usd);
    return 0;
}
C
app_out="$version 0.0025"

# add_subdirectory, from the copy of the tree
mkdir "$dir/sub"
cat > "$dir/sub/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.13)
project(consumer C)
add_subdirectory("$dir/src" llm)
add_executable(app "$dir/app/main.c")
target_link_libraries(app PRIVATE llm::curl)
CM
if cmake -S "$dir/sub" -B "$dir/sub/build" > "$dir/log" 2>&1 && cmake --build "$dir/sub/build" >> "$dir/log" 2>&1; then
    expect "add_subdirectory: a consumer builds and runs" "$app_out" "$dir/sub/build/app"
else
    fail "add_subdirectory: the consumer does not build"
fi

# install and uninstall in one prefix: nothing of ours is left
if make -s -C "$dir/src" install PREFIX="$dir/gone" > "$dir/log" 2>&1 && make -s -C "$dir/src" uninstall PREFIX="$dir/gone" >> "$dir/log" 2>&1; then
    left=$(find "$dir/gone" -type f | sed "s|$dir/gone/||")
    if [ -z "$left" ]; then ok "uninstall removes every installed file"; else echo "     left: $left"; fail "uninstall"; fi
else
    fail "install then uninstall"
fi

# install, then the tree is gone
if make -s -C "$dir/src" install PREFIX="$dir/prefix" > "$dir/log" 2>&1; then ok "make install PREFIX=..."; else fail "make install"; fi
rm -rf "$dir/src" "$dir/sub"

# pkg-config, from the prefix alone
export PKG_CONFIG_PATH="$dir/prefix/lib/pkgconfig"
expect "pkg-config: llm's version" "$version" pkg-config --modversion llm
expect "pkg-config: llm has no libraries" "none" sh -c 'pkg-config --exists llm && [ -z "$(pkg-config --libs-only-l llm)" ] && echo none'
if cc -std=c99 -o "$dir/app/pc" "$dir/app/main.c" $(pkg-config --cflags --libs llm-curl) > "$dir/log" 2>&1; then
    expect "pkg-config: a consumer builds against llm-curl and runs" "$app_out" "$dir/app/pc"
else
    fail "pkg-config: the consumer does not build"
fi

# find_package, from the prefix alone
mkdir "$dir/pkg"
cat > "$dir/pkg/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.13)
project(consumer C)
find_package(llm $version CONFIG REQUIRED)
add_executable(app "$dir/app/main.c")
target_link_libraries(app PRIVATE llm::curl)
CM
if cmake -S "$dir/pkg" -B "$dir/pkg/build" -DCMAKE_PREFIX_PATH="$dir/prefix" > "$dir/log" 2>&1 &&
    cmake --build "$dir/pkg/build" >> "$dir/log" 2>&1; then
    expect "find_package: a consumer builds and runs" "$app_out" "$dir/pkg/build/app"
else
    fail "find_package: the consumer does not build"
fi

# the installed CLI, its vocabularies found under the prefix (the tree is gone)
expect "installed llm: exact cl100k count" "2" sh -c "printf 'hello world' | env -u LLM_TIKTOKEN_DIR '$dir/prefix/bin/llm' tokens --encoding cl100k_base -"
cd "$here" || exit 1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
