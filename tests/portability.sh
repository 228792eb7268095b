#!/bin/sh
# make portability: llm.h built in the configurations its users build it in,
# in two lanes side by side (each lane one configuration after the other;
# those that share build names share a lane), each configuration's log in
# build/portability/NAME.log. A configuration whose tools are missing fails:
# .ci/run installs them (Debian packages named below). The last line names
# every configuration with its result and, for the firmware, its sizes.
# ONLY="NAME..." runs only the configurations named.
#
#   c99-gcc, c99-clang  plain -std=c99 -Wall -Wextra -Wpedantic -Werror, no
#                       _DEFAULT_SOURCE/_POSIX_C_SOURCE: the router's default
#                       clock working with llm.h included first and after
#                       <stdio.h> (check-router-clock), and three unit suites
#                       under LLM_STATIC warning-free at -O1, -O2 and -O3
#   cxx-g++, cxx-clang++ the header as C++11 and C++17 (check-cxx)
#   tcc                 check-tcc
#   m32                 the unit suites built with gcc -m32 (ILP32, x87
#                       floating point) under UBSan, run natively or, where
#                       the kernel runs no 32-bit programs, under qemu-i386
#   be-s390x            the unit suites built by s390x-linux-gnu-gcc (64-bit
#                       big-endian) under UBSan, run under qemu-s390x
#   windows             x86_64-w64-mingw32-gcc -Werror: the header and
#                       llm_otlp.h (linked, with bcrypt), the router clock in
#                       both include orders,
#                       the curl adapter and the CLI (compiled only: see below)
#   firmware            check-firmware: Cortex-M4, LLM_NO_STDIO, a static arena
B=${1:-build}
P=$B/portability
MAKE=${MAKE:-make}
WARN="-std=c99 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes"
mkdir -p "$P" "$B/logs"
started=$(date +%s)

# config NAME FUNCTION: runs the function into $P/NAME.log and its verdict
# into $P/NAME.result: "ok" and the sum of the suites' "N passed" lines, or
# FAILED
config() {
    name=$1; start=$(date +%s)
    case " ${ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac # ONLY="tcc windows": those alone
    if $2 > "$P/$name.log" 2>&1; then
        result=$(awk '/^[0-9]+ passed, 0 failed/ { p += $1; n++ } END { if (n) printf "%d cases in %d suites", p, n }' "$P/$name.log")
        echo "ok ${result:-ok}" > "$P/$name.result"
        echo "ok   $name ($(($(date +%s) - start)) s): ${result:-ok}"
    else
        echo FAILED > "$P/$name.result"
        echo "FAIL $name: see $P/$name.log"; tail -n 20 "$P/$name.log" | sed 's/^/     /'
    fi
}

# three suites that between them reach most of the implementation, compiled
# (not run) at each level with every function static, so the optimiser
# inlines across the library: -Wmaybe-uninitialized and its kin
optimised() {
    for o in -O1 -O2 -O3; do
        for t in oom router stream; do
            echo "$1 $o -DLLM_STATIC tests/unit/test_$t.c"
            $1 $WARN $o -DLLM_STATIC -c -o "$P/opt-$t.o" "tests/unit/test_$t.c" || return 1
        done
    done
}
c99_gcc() { $MAKE -s check-router-clock CC=gcc && optimised gcc; }
c99_clang() { $MAKE -s check-router-clock CC=clang && optimised clang; }
cxx_gxx() { $MAKE -s check-cxx CXX=g++; }
cxx_clangxx() { $MAKE -s check-cxx CXX=clang++; }
tcc_() { $MAKE -s check-tcc; }

# Debian's gcc-multilib (whose only file is the /usr/include/asm link that
# -m32 needs) conflicts with every cross gcc, the s390x one included:
# .ci/run installs gcc-12-multilib, and the link is made here instead
m32() {
    inc=
    if [ ! -e /usr/include/asm ]; then
        mkdir -p "$P/m32-include" && ln -sfn /usr/include/x86_64-linux-gnu/asm "$P/m32-include/asm"
        inc="-isystem $P/m32-include"
    fi
    printf 'int main(void) { return sizeof(void *) == 4 ? 0 : 1; }\n' > "$P/probe32.c"
    gcc -m32 -o "$P/probe32" "$P/probe32.c" || return 1
    run=
    if ! "$P/probe32" 2>/dev/null; then
        echo "this kernel runs no 32-bit programs: through qemu-i386"
        run=qemu-i386
    fi
    $MAKE -s check-unit-gcc CC="gcc -m32 $inc" CONFIG=-O1 SAN="-fsanitize=undefined -fno-sanitize-recover=all" \
        RUN="$run" SUFFIX=-m32
}

# s390x rather than 32-bit powerpc: a Debian release architecture (its cross
# libc and qemu are maintained with it), and 64-bit, so that a failure here
# is the byte order's alone (the 32-bit run covers the data model)
be_s390x() {
    $MAKE -s check-unit-gcc CC=s390x-linux-gnu-gcc CONFIG=-O1 SAN="-fsanitize=undefined -fno-sanitize-recover=all" \
        RUN="qemu-s390x -L /usr/s390x-linux-gnu" SUFFIX=-s390x
}

# libcurl has no mingw-w64 build in Debian (nor libyaml nor hiredis): the
# curl adapter and the CLI (without its optional parts) are compiled against
# the headers of Debian's libcurl4-openssl-dev, which are the same on every
# platform (curl/system.h picks Windows' types under _WIN32), and not linked;
# llm_redis_store.h needs hiredis and is left out. The header alone links.
windows() {
    m=x86_64-w64-mingw32-gcc
    curl_dir=
    for d in /usr/include/x86_64-linux-gnu /usr/include; do [ -f "$d/curl/curl.h" ] && { curl_dir=$d; break; }; done
    [ -n "$curl_dir" ] || { echo "no libcurl headers: apt-get install libcurl4-openssl-dev"; return 1; }
    mkdir -p "$P/mingw-include" && ln -sfn "$curl_dir/curl" "$P/mingw-include/curl"
    $m $WARN -o "$P/router_clock.exe" tests/compile/router_clock.c -lbcrypt || return 1
    $m $WARN -DSYSTEM_HEADERS_FIRST -o "$P/router_clock_after.exe" tests/compile/router_clock.c -lbcrypt || return 1
    $m $WARN -o "$P/compile_c.exe" tests/compile/compile_c.c tests/compile/impl.c -lbcrypt || return 1
    $m $WARN -DLLM_STATIC -O2 -c -o "$P/win-opt.o" tests/unit/test_router.c || return 1
    printf '#define LLM_IMPLEMENTATION\n#include "../../llm.h"\n#define LLM_CURL_IMPLEMENTATION\n#include "../../llm_curl_adapter.h"\n' \
        > "$P/curl_adapter.c"
    $m $WARN -isystem "$P/mingw-include" -c -o "$P/curl_adapter.o" "$P/curl_adapter.c" || return 1
    printf '#define LLM_OTLP_IMPLEMENTATION\n#include "../../llm_otlp.h"\n' > "$P/otlp.c"
    $m $WARN -o "$P/otlp.exe" "$P/otlp.c" tests/compile/compile_c.c tests/compile/impl.c -lbcrypt || return 1
    for f in cli/*.c; do
        $m $WARN -isystem "$P/mingw-include" -DLLM_CLI_SHARE_DIR='"C:/llm/share"' -DLLM_CLI_SOURCE_DIR='"C:/llm/src"' \
            -c -o "$P/cli-$(basename "$f" .c).o" "$f" || return 1
    done
    echo "compiled for Windows: the header and llm_otlp.h (linked), the router clock both ways, the curl adapter, the CLI"
}

firmware() { $MAKE -s check-firmware; }

ALL="c99-gcc c99-clang cxx-g++ cxx-clang++ tcc m32 be-s390x windows firmware"
for name in $ALL; do rm -f "$P/$name.result"; done
# the two emulated runs, the longest, start first, one in each lane
{ config m32 m32; config c99-gcc c99_gcc; config c99-clang c99_clang; config tcc tcc_; config windows windows; } &
{ config be-s390x be_s390x; config cxx-g++ cxx_gxx; config cxx-clang++ cxx_clangxx; config firmware firmware; } &
wait
passed=0; failed=0; summary=""
for name in $ALL; do
    case " ${ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
    read -r verdict result < "$P/$name.result" 2> /dev/null || verdict=FAILED
    if [ "$verdict" = ok ]; then passed=$((passed + 1)); summary="$summary; $name $result"
    else failed=$((failed + 1)); summary="$summary; $name FAILED"; fi
done
# the firmware's sizes, one per configuration
sizes=$(sed -n 's/^Cortex-M4 -Os LLM_NO_STDIO \([a-z-]*\) .*: code size \([0-9]*\) bytes text (object), image \([0-9]*\) text.*/\1 \2\/\3/p' \
    "$P/firmware.log" 2>/dev/null | tr '\n' ',' | sed 's/,$//; s/,/, /g')
echo "$passed $failed" > "$B/logs/portability.count"
echo "portability: $passed passed, $failed failed ($(($(date +%s) - started)) s)"
echo "portability:${summary#;}; Cortex-M4 text bytes (object/linked image): ${sizes:-not built}"
[ "$failed" -eq 0 ]
