#!/bin/sh
# Runs every check of `make test` and ends with one line "N passed, N failed,
# N skipped" counting checks. A check whose tools are missing (tcc, valgrind,
# the ARM compiler...) is skipped on a workstation, and fails under CI=true
# (.ci/run sets it, after installing everything).
#
# The checks run TEST_JOBS at a time (default 2: most checks keep one core
# busy, and CI has two), the slowest first; each prints its line when it ends,
# its log is build/logs/NAME.log. They can run side by side because each
# writes only files of its own (the binaries they share are built before, by
# `make test`'s prerequisites) and every server they start picks a free port.
# `sh tests/run.sh --one NAME` runs one check as a worker does.
MAKE=${MAKE:-make}
# the compilers the Makefile runs (its defaults, or what make was given)
CC=${CC:-cc}; CXX=${CXX:-c++}; CLANG=${CLANG:-clang}
JOBS=${TEST_JOBS:-2}
# the checks that take longest, started first so that none of them is left to run alone at the end
SLOWEST="check-matrix-a check-matrix-b check-fuzz-short check-unit-valgrind check-unit-gcc check-unit-clang check-examples check-prism check-cli"
mkdir -p build/logs

# run_one NAME: `make NAME` into build/logs/NAME.log; its result line(s) go to build/logs/NAME.result and stdout
run_one() {
    name=$1; start=$(date +%s)
    if $MAKE -s "$name" > "build/logs/$name.log" 2>&1; then
        # the sum of the suites' "N passed, N failed" lines, or the check's own last word
        summary=$(awk '/^[0-9]+ passed, [0-9]+ failed/ { p += $1; f += $3; n++ } END { if (n) printf "%d passed, %d failed (%d suites)", p, f, n }' "build/logs/$name.log")
        [ -n "$summary" ] || summary=$(grep -E 'Done|size|compiled|: ok' "build/logs/$name.log" | tail -n 1)
        echo "ok   $name ($(($(date +%s) - start)) s): $summary" > "build/logs/$name.result.new"
    else
        { echo "FAIL $name: see build/logs/$name.log"; tail -n 30 "build/logs/$name.log" | sed 's/^/     /'; } > "build/logs/$name.result.new"
    fi
    mv "build/logs/$name.result.new" "build/logs/$name.result"
    cat "build/logs/$name.result"
}

if [ "${1:-}" = --one ]; then run_one "$2"; exit 0; fi

started=$(date +%s)
all=""; queue=""

# have TOOL: true when TOOL is usable. "libfuzzer" is clang with its fuzzer
# runtime (libclang-rt), probed by building a fuzz target with the flags
# check-fuzz-short uses; "hiredis" is libhiredis-dev, probed by linking a
# program with it; anything else is a command on PATH.
have() {
    if [ "$1" = hiredis ]; then
        printf '#include <hiredis/hiredis.h>\nint main(void) { redisReader *r = redisReaderCreate(); redisReaderFree(r); return 0; }\n' > build/probe_hiredis.c
        $CC -o build/probe_hiredis build/probe_hiredis.c -lhiredis >/dev/null 2>&1
    elif [ "$1" = cjson ]; then # libcjson-dev (check-bench-smoke)
        printf '#include <cjson/cJSON.h>\nint main(void) { cJSON_Delete(cJSON_Parse("1")); return 0; }\n' > build/probe_cjson.c
        $CC -o build/probe_cjson build/probe_cjson.c -lcjson >/dev/null 2>&1
    elif [ "$1" = simdjson ]; then # libsimdjson-dev (check-bench-smoke)
        printf '#include <simdjson.h>\nint main() { simdjson::dom::parser p; return 0; }\n' > build/probe_simdjson.cc
        $CXX -std=c++17 -o build/probe_simdjson build/probe_simdjson.cc -lsimdjson >/dev/null 2>&1
    elif [ "$1" = libfuzzer ]; then
        printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > build/probe_fuzzer.c
        $CLANG -fsanitize=fuzzer,address,undefined -o build/probe_fuzzer build/probe_fuzzer.c >/dev/null 2>&1
    else
        command -v "$1" >/dev/null 2>&1
    fi
}

# check NAME "TOOL...": queues `make NAME` when every TOOL is usable (the
# tools are the ones the check runs: the Makefile's $(CC) is cc, not gcc)
check() {
    name=$1; missing=""
    all="$all $name"; rm -f "build/logs/$name.result"
    for tool in $2; do # words of a command line ("ccache cc", "gcc -m32"): the commands, not the flags
        case $tool in -*) continue ;; esac
        have "$tool" || missing="$missing $tool"
    done
    if [ -z "$missing" ]; then queue="$queue $name"
    elif [ "${CI:-}" = "true" ]; then echo "FAIL $name: missing:$missing" | tee "build/logs/$name.result"
    else echo "skip $name: missing:$missing (apt-get install it, see .ci/run)" | tee "build/logs/$name.result"; fi
}

check check-unit-gcc "$CC"
check check-unit-clang "$CLANG"
check check-unit-valgrind "$CC valgrind"
check check-matrix-a "$CC"
check check-matrix-b "$CC"
check check-threads "$CC"
check check-router-clock "$CC"
check check-conformance "$CC"
check check-streams "$CC"
check check-numbers "$CC"
check check-examples "$CC curl-config"
check check-cli "$CC curl-config"
check check-generated "$CC python3"
check check-sections "python3 sed grep"
check check-width awk
check check-costs-oracle "$CC node curl-config"
check check-tokens-cli "$CC curl-config"
check check-schema "$CC node npm"
check check-gateway "$CC curl-config npm"
check check-otlp "$CC $CXX curl-config node npm"
check check-cxx "$CXX $CC"
check check-docs "$CC curl-config"
check check-tcc tcc
check check-firmware "$CC arm-none-eabi-gcc arm-none-eabi-size"
check check-mock "$CC curl node"
check check-integration "$CC $CLANG $CXX curl-config openssl"
check check-prism "$CC curl-config curl node npm"
check check-load-short "$CC curl-config"
check check-redis "$CC $CXX curl-config redis-server hiredis"
check check-run "$CC curl-config git"
check check-install "$CC curl-config git cmake pkg-config"
check check-fuzz-short libfuzzer
check check-bench-smoke "$CC $CXX curl-config cjson simdjson hiredis redis-server"

# the queue, slowest first, through JOBS workers (xargs -P); then the count, from each check's result
order=""
for name in $SLOWEST; do case " $queue " in *" $name "*) order="$order $name" ;; esac; done
for name in $queue; do case " $SLOWEST " in *" $name "*) ;; *) order="$order $name" ;; esac; done
printf '%s\n' $order | xargs -P "$JOBS" -n 1 sh tests/run.sh --one
passed=0; failed=0; skipped=0
for name in $all; do
    case $(head -c 4 "build/logs/$name.result" 2>/dev/null) in
        "ok  ") passed=$((passed + 1)) ;;
        skip) skipped=$((skipped + 1)) ;;
        *) failed=$((failed + 1)) ;; # FAIL, or no result at all
    esac
done
echo "$passed passed, $failed failed, $skipped skipped ($(($(date +%s) - started)) s, $JOBS at a time)" | tee build/logs/summary
[ "$failed" -eq 0 ]
