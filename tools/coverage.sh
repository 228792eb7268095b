#!/bin/sh
# make coverage: builds the test programs with gcc --coverage into their own
# folder (never the normal build's binaries), runs them, and prints the line
# and branch coverage of llm.h and its companion headers per section
# (tools/coverage.py). The programs: every unit suite (UNIT), the curl adapter
# against the mock server (tests/integration/test_curl.c), the Redis store
# test when redis-server and hiredis are there, and build/llm's CLI checks.
# The servers and helper programs the checks start are the normal build's
# (built by make coverage's prerequisites) and are not measured.
#   sh tools/coverage.sh build UNIT...
# A program that fails is named, and the coverage is still printed; the exit
# status is 0 when everything ran and was measured, 1 when a program failed.
B=$1; shift
UNIT=$*
# gcc, whose gcov reads the data (clang writes another format)
CC=gcc
dir=$B/cov
rm -rf "$dir"; mkdir -p "$dir/json"
# -O0: each line's count is its own; -fkeep-static-functions: a function no program calls still counts (unrun)
flags="-std=c99 -g -O0 --coverage -fkeep-static-functions -fprofile-update=atomic"
failed=""
start=$(date +%s)
# run NAME COMMAND...: COMMAND's output into $dir/NAME.log, one line saying how it went
run() {
    name=$1; shift
    t0=$(date +%s)
    if "$@" > "$dir/$name.log" 2>&1; then echo "ran  $name ($(($(date +%s) - t0)) s)"
    else echo "FAIL $name: see $dir/$name.log"; tail -n 5 "$dir/$name.log" | sed 's/^/     /'; failed="$failed $name"; fi
}

for t in $UNIT; do
    run "build test_$t" $CC $flags $CFLAGS -o "$dir/test_$t" "tests/unit/test_$t.c" -lm && run "test_$t" "$dir/test_$t"
done

run "build test_curl" $CC $flags -D_POSIX_C_SOURCE=200809L $CFLAGS -o "$dir/test_curl" tests/integration/test_curl.c -lcurl &&
    run test_curl "$dir/test_curl"

hiredis=$(grep -o -- -lhiredis "$B/hiredis.flags" 2>/dev/null)
if [ -n "$hiredis" ] && command -v redis-server > /dev/null 2>&1; then
    run "build test_redis" $CC $flags -D_POSIX_C_SOURCE=200809L $CFLAGS -o "$dir/test_redis" tests/integration/test_redis.c \
        -lcurl -lhiredis && run test_redis "$dir/test_redis"
else
    echo "skip test_redis: no redis-server or no hiredis (apt-get install redis-server libhiredis-dev)"
fi

# build/llm as make builds it (libyaml and hiredis when found), instrumented, through the CLI checks
CLI_SRC="cli/main.c cli/file.c cli/json.c cli/cost.c cli/stream.c cli/tokens.c cli/request.c cli/chat.c cli/config.c cli/remote.c cli/embed.c cli/models.c"
# shellcheck disable=SC2046
if run "build llm" $CC $flags $CFLAGS -DLLM_CLI_SHARE_DIR='"/nonexistent"' -DLLM_CLI_SOURCE_DIR="\"$(pwd)\"" \
        -o "$dir/llm" $CLI_SRC $(cat "$B/yaml.flags") $(cat "$B/hiredis.flags") -lcurl -lm; then
    llm=$dir/llm; mock=$B/mock_server
    $CC -std=c99 -O2 -o "$dir/json_same" tests/cli/json_same.c
    run cli_help sh tests/cli/help.sh "$llm"
    run cli_chat sh tests/cli/chat.sh "$llm" "$mock"
    run cli_chat_bounds sh tests/cli/chat_bounds.sh "$llm" "$mock"
    run cli_calls sh tests/cli/calls.sh "$llm" "$mock"
    run cli_embed sh tests/cli/embed.sh "$llm" "$mock"
    run cli_models sh tests/cli/models.sh "$llm" "$mock"
    run cli_counts sh tests/cli/counts.sh "$llm" "$mock"
    run cli_router sh tests/cli/router.sh "$llm" "$B/llm-noyaml" "$mock" "$B/config_json-san" "$dir/json_same" tests/data/router
    run cli_stream sh tests/cli/stream.sh "$llm" "$dir/json_same" tests/data
    run cli_request sh tests/cli/request.sh "$llm" "$dir/json_same" tests/data
    run cli_cost sh tests/cli/cost.sh "$llm" tests/data/provider-samples
    if [ -n "$hiredis" ] && command -v redis-server > /dev/null 2>&1; then
        run cli_store sh tests/cli/store.sh "$llm" "$B/llm-noyaml" "$mock"
    fi
fi

# one JSON document per data file (gcov -b: with the branches), read by tools/coverage.py
for d in "$dir"/*.gcda; do
    gcov -b --json-format --stdout "$d" > "$dir/json/$(basename "$d" .gcda).json" 2>> "$dir/gcov.log" ||
        { echo "FAIL gcov $d: see $dir/gcov.log"; failed="$failed gcov"; }
done
echo "measured in $(($(date +%s) - start)) s"
[ -z "$failed" ] || echo "these did not pass, so the figures below miss what they would have run:$failed"
python3 tools/coverage.py "$dir/json" || exit 1
[ -z "$failed" ]
