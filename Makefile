# llm.h - POSIX make. Targets:
#   make             build/llm (the CLI; a C compiler, libc and libcurl) and the examples
#   make run         the demo (LIVE=1: against a real service)
#   make test        the whole suite (tests/run.sh runs each check below)
#   make portability other compilers, 32-bit, big-endian, Windows, firmware (make ci: make test, then this)
#   make bench       benchmark figures (make bench-peers first: the npm peers)
#   make fuzz        each fuzz target for FUZZ_SECONDS (default 60)
#   make check-long  longer fuzzing
#   make install     headers, build/llm, vocabularies, pkg-config and CMake files under PREFIX (make uninstall)
-include config.mk

CC ?= cc
CLANG ?= clang
CXX ?= c++
PREFIX ?= /usr/local
WARN = -std=c99 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT ?= -O2
FUZZ_SECONDS ?= 60
B = build

UNIT = json openai stream stream_alloc costs tokens router allocator hardening oom providers anthropic gemini models embed counts router_store responses openai_answer faults telemetry otlp
UNIT_SRC = $(UNIT:%=tests/unit/test_%.c)

all: $(B)/llm examples

$(B):
	mkdir -p $(B)

CLI_SRC = cli/main.c cli/file.c cli/json.c cli/cost.c cli/stream.c cli/tokens.c cli/request.c cli/chat.c cli/config.c cli/remote.c cli/embed.c cli/models.c
# where `llm tokens` looks for vocabularies after $$LLM_TIKTOKEN_DIR: the installed ones, then this source tree
CLI_DIRS = -DLLM_CLI_SHARE_DIR='"$(PREFIX)/share/llm"' -DLLM_CLI_SOURCE_DIR="\"$$(pwd)\""

# YAML router configs (llm chat --router config.yaml) go through libyaml (Debian libyaml-dev), which is
# optional. YAML=auto (the default) builds build/llm with it when pkg-config knows yaml-0.1 or a test program
# links with -lyaml; YAML=0 builds without it, as on a machine that lacks it (a YAML file is then refused,
# saying how to get it); YAML=1 stops when it is missing. $(B)/yaml.flags holds the flags found and changes
# only when they do, so that after apt-get install libyaml-dev a plain `make` rebuilds build/llm.
YAML ?= auto

$(B)/yaml.flags: FORCE | $(B)
	@case "$(YAML)" in 0) flags= ;; *) \
	  if pkg-config --exists yaml-0.1 2>/dev/null; then flags="-DLLM_CLI_YAML $$(pkg-config --cflags --libs yaml-0.1)"; \
	  elif printf '#include <yaml.h>\nint main(void) { return !yaml_get_version_string(); }\n' > $(B)/yaml_probe.c && \
	    $(CC) $(CFLAGS) -o $(B)/yaml_probe $(B)/yaml_probe.c -lyaml $(LDFLAGS) 2>/dev/null; then flags="-DLLM_CLI_YAML -lyaml"; \
	  elif [ "$(YAML)" = 1 ]; then echo "YAML=1, and libyaml is not found: apt-get install libyaml-dev" >&2; exit 1; \
	  else flags=; fi ;; esac; \
	echo "$$flags" > $@.$$$$; if cmp -s $@.$$$$ $@; then rm $@.$$$$; else mv $@.$$$$ $@; fi

FORCE:

# The router's store shared through Redis (llm chat --store redis://...: llm_redis_store.h) links hiredis
# (Debian libhiredis-dev), which is optional as libyaml is: HIREDIS=auto (the default) builds build/llm with it
# when a test program links with -lhiredis; HIREDIS=0 builds without it (--store is then refused, saying how to
# get it); HIREDIS=1 stops when it is missing. $(B)/hiredis.flags changes only when the flags found do.
HIREDIS ?= auto

$(B)/hiredis.flags: FORCE | $(B)
	@case "$(HIREDIS)" in 0) flags= ;; *) \
	  if printf '#include <hiredis/hiredis.h>\nint main(void) { redisReader *r = redisReaderCreate(); redisReaderFree(r); return 0; }\n' > $(B)/hiredis_probe.c && \
	    $(CC) $(CFLAGS) -o $(B)/hiredis_probe $(B)/hiredis_probe.c -lhiredis $(LDFLAGS) 2>/dev/null; then flags="-DLLM_CLI_REDIS -lhiredis"; \
	  elif [ "$(HIREDIS)" = 1 ]; then echo "HIREDIS=1, and hiredis is not found: apt-get install libhiredis-dev" >&2; exit 1; \
	  else flags=; fi ;; esac; \
	echo "$$flags" > $@.$$$$; if cmp -s $@.$$$$ $@; then rm $@.$$$$; else mv $@.$$$$ $@; fi

# build/llm talks over libcurl (llm chat): Debian libcurl4-openssl-dev
$(B)/llm: $(CLI_SRC) cli/cli.h llm.h llm_curl_adapter.h llm_redis_store.h llm_otlp.h costs_embedded.h $(B)/yaml.flags $(B)/hiredis.flags | $(B)
	@command -v curl-config >/dev/null || { echo "build/llm needs libcurl's headers: apt-get install libcurl4-openssl-dev" >&2; exit 1; }
	@grep -q LLM_CLI_YAML $(B)/yaml.flags || echo "build/llm without libyaml: YAML router configs are refused (apt-get install libyaml-dev, then make)"
	@grep -q LLM_CLI_REDIS $(B)/hiredis.flags || echo "build/llm without hiredis: --store redis://... is refused (apt-get install libhiredis-dev, then make)"
	$(CC) $(WARN) $(OPT) $(CFLAGS) $(CLI_DIRS) -o $@ $(CLI_SRC) $$(cat $(B)/yaml.flags) $$(cat $(B)/hiredis.flags) -lcurl $(LDFLAGS)

# build/llm as a machine without libyaml (and without hiredis) builds it (YAML=0 HIREDIS=0), with sanitizers, for check-cli
$(B)/llm-noyaml: $(CLI_SRC) cli/cli.h llm.h llm_curl_adapter.h llm_otlp.h costs_embedded.h | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) $(CLI_DIRS) -o $@ $(CLI_SRC) -lcurl $(LDFLAGS)

# the router config reader (cli/config.c: YAML to JSON) alone, with sanitizers, for tests/cli/router.sh
$(B)/config_json-san: tests/cli/config_json.c cli/config.c cli/file.c cli/cli.h llm.h $(B)/yaml.flags | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $@ tests/cli/config_json.c cli/config.c cli/file.c $$(cat $(B)/yaml.flags) $(LDFLAGS)

# the examples (examples/*.c: over libcurl, socket.c over its own sockets); built by `make`
EXAMPLES = chat stream tools structured router tokens socket game_loop embed gateway

examples: $(EXAMPLES:%=$(B)/%) examples-sqlite examples-redis

# examples/fleet.c needs hiredis (Debian libhiredis-dev): built when make finds it (see HIREDIS)
examples-redis: $(B)/hiredis.flags
	@if grep -q LLM_CLI_REDIS $(B)/hiredis.flags; then $(MAKE) -s $(B)/fleet; \
	else echo "build/fleet not built: no hiredis (apt-get install libhiredis-dev, then make)"; fi

$(B)/fleet: examples/fleet.c llm.h llm_curl_adapter.h llm_redis_store.h | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -o $@ $< -lcurl -lhiredis $(LDFLAGS)

# examples/usage_sqlite.c needs SQLite (Debian libsqlite3-dev): built when make finds it
$(B)/sqlite.flags: FORCE | $(B)
	@if pkg-config --exists sqlite3 2>/dev/null; then flags="$$(pkg-config --cflags --libs sqlite3)"; \
	elif printf '#include <sqlite3.h>\nint main(void) { return !sqlite3_libversion(); }\n' > $(B)/sqlite_probe.c && \
	  $(CC) $(CFLAGS) -o $(B)/sqlite_probe $(B)/sqlite_probe.c -lsqlite3 $(LDFLAGS) 2>/dev/null; then flags=-lsqlite3; \
	else flags=; fi; \
	echo "$$flags" > $@.$$$$; if cmp -s $@.$$$$ $@; then rm $@.$$$$; else mv $@.$$$$ $@; fi

examples-sqlite: $(B)/sqlite.flags
	@if [ -s $(B)/sqlite.flags ]; then $(MAKE) -s $(B)/usage_sqlite; \
	else echo "build/usage_sqlite not built: no SQLite (apt-get install libsqlite3-dev, then make)"; fi

$(B)/usage_sqlite: examples/usage_sqlite.c llm.h llm_curl_adapter.h $(B)/sqlite.flags | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -o $@ $< -lcurl $$(cat $(B)/sqlite.flags) $(LDFLAGS)

$(EXAMPLES:%=$(B)/%): $(B)/%: examples/%.c llm.h llm_curl_adapter.h | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -o $@ $< -lcurl -lm $(LDFLAGS)

# the loopback mock provider server (tests/mock/mock_server.c); JSON through llm.h
$(B)/mock_server: tests/mock/mock_server.c llm.h | $(B)
	$(CC) $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(CFLAGS) -o $@ tests/mock/mock_server.c $(LDFLAGS)

# the demo: build/llm against the mock provider over a real socket (LIVE=1: a real service)
run:
	@echo "== building build/llm and build/mock_server (about 20 s on 2 cores) =="
	@$(MAKE) -s -j2 $(B)/llm $(B)/mock_server
	@sh cli/demo.sh

# the binaries several checks share are built first, once (two at a time): tests/run.sh runs the checks side by side
test:
	$(MAKE) -s -j2 all $(B)/mock_server $(B)/llm-noyaml $(B)/config_json-san
	sh tests/run.sh

# ---- the checks tests/run.sh runs (each can be run alone) ----

# unit suites with sanitizers, gcc and clang; CONFIG adds -D flags (the matrix)
# (SUFFIX names the binaries apart: check-matrix builds its own while check-unit-gcc may run beside it;
# RUN runs them through an emulator: make portability's 32-bit and big-endian builds)
check-unit-gcc: | $(B)
	for t in $(UNIT); do $(CC) $(WARN) -g $(SAN) $(CONFIG) $(CFLAGS) -o $(B)/test_$$t-gcc$(SUFFIX) tests/unit/test_$$t.c && \
	  $(RUN) $(B)/test_$$t-gcc$(SUFFIX) || exit 1; done
	@# a case name that matches nothing fails (a misspelled filter would otherwise pass, running nothing)
	@if $(RUN) $(B)/test_json-gcc$(SUFFIX) no_case_is_named_this > /dev/null 2>&1; then echo "test.h: a filter matching no case passed"; exit 1; fi

check-unit-clang: | $(B)
	for t in $(UNIT); do $(CLANG) $(WARN) -g $(SAN) $(CONFIG) $(CFLAGS) -o $(B)/test_$$t-clang tests/unit/test_$$t.c && $(B)/test_$$t-clang || exit 1; done

check-unit-valgrind: | $(B)
	for t in $(UNIT); do $(CC) $(WARN) -g -O1 $(CFLAGS) -o $(B)/test_$$t-vg tests/unit/test_$$t.c && \
	  valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 $(B)/test_$$t-vg || exit 1; done

# the unit suites again in each configuration (with LLM_NO_COSTS_TABLE,
# test_costs loads the LiteLLM JSON the embedded table is made from); in two halves of about equal time, each
# building under its own names, so that tests/run.sh runs them side by side (check-matrix: both, one after the other)
MATRIX_A = -DLLM_STATIC -DLLM_NO_STDIO -DLLM_NO_COSTS
MATRIX_B = -DLLM_NO_BPE -DLLM_NO_SIMD -DLLM_NO_COSTS_TABLE
check-matrix: check-matrix-a check-matrix-b

check-matrix-a: | $(B)
	for c in $(MATRIX_A); do $(MAKE) -s check-unit-gcc CONFIG="$$c" SUFFIX=-matrix-a || exit 1; done

check-matrix-b: | $(B)
	for c in $(MATRIX_B); do $(MAKE) -s check-unit-gcc CONFIG="$$c" SUFFIX=-matrix-b || exit 1; done

# two threads under ThreadSanitizer: the router's lock hooks, and calls on one shared client; four threads reporting
# to one llm_otlp exporter (its lock hooks) while a fifth flushes
check-threads: | $(B)
	$(CC) $(WARN) -g -O1 -fsanitize=thread $(CFLAGS) -o $(B)/test_router_threads tests/unit/test_router_threads.c -pthread
	$(B)/test_router_threads
	$(CC) $(WARN) -g -O1 -fsanitize=thread $(CFLAGS) -o $(B)/test_client_threads tests/unit/test_client_threads.c -pthread
	$(B)/test_client_threads
	$(CC) $(WARN) -g -O1 -fsanitize=thread $(CFLAGS) -o $(B)/test_otlp_threads tests/unit/test_otlp_threads.c -pthread
	$(B)/test_otlp_threads

# the router's default clock under plain -std=c99, llm.h first and system headers first
check-router-clock: | $(B)
	$(CC) $(WARN) $(CFLAGS) -o $(B)/router_clock tests/compile/router_clock.c && $(B)/router_clock
	$(CC) $(WARN) -DSYSTEM_HEADERS_FIRST $(CFLAGS) -o $(B)/router_clock_after tests/compile/router_clock.c && $(B)/router_clock_after

check-conformance: | $(B)
	$(CC) $(WARN) -D_DEFAULT_SOURCE -g $(SAN) $(CFLAGS) -o $(B)/test_jsonsuite tests/conformance/test_jsonsuite.c
	$(B)/test_jsonsuite tests/data/JSONTestSuite/test_parsing tests/data/jsonsuite_i_verdicts.txt > $(B)/jsonsuite.txt; s=$$?; tail -n 2 $(B)/jsonsuite.txt; exit $$s

check-streams: | $(B)
	$(CC) $(WARN) -D_DEFAULT_SOURCE -g $(SAN) $(CFLAGS) -o $(B)/test_streams tests/conformance/test_streams.c
	$(B)/test_streams tests/data

check-numbers: | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/test_numbers tests/conformance/test_numbers.c
	NO_BENCH=1 $(B)/test_numbers tests/data/numbers/vectors.txt 1000000

# the examples, built with sanitizers, run against the mock server (exit status, stderr and output each checked)
# examples/gateway.c (with sanitizers) in front of the mock server playing Anthropic, driven by the official
# openai npm SDK (npm ci --prefix tests/gateway: the SDK and a pinned Node >= 22 into an ignored folder)
check-gateway: $(B)/mock_server | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/gateway-san examples/gateway.c -lcurl -lm $(LDFLAGS)
	[ -d tests/gateway/node_modules ] || npm ci --prefix tests/gateway --no-audit --no-fund
	sh tests/gateway/run.sh $(B)

# llm_otlp.h's OTLP/HTTP JSON through the curl adapter to a collector stand-in that validates every payload
# against the opentelemetry-proto definitions (npm ci --prefix tests/otlp: protobufjs and the .proto files), the
# GenAI span shape, a collector down, slow or refusing, and a planted fault (intValue as a JSON number) refused;
# the header compiled as C++11 and called; llm chat with OTEL_EXPORTER_OTLP_ENDPOINT against the mock server
check-otlp: $(B)/llm $(B)/mock_server | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/otlp_send tests/otlp/otlp_send.c -lcurl -lm $(LDFLAGS)
	sed 's/llm__otlp_write_i64(w, a->i);/llm_json_write_int(w, a->i);/' llm_otlp.h > $(B)/llm_otlp_planted.h
	grep -q 'llm_json_write_int(w, a->i);' $(B)/llm_otlp_planted.h
	$(CC) $(WARN) -Wno-unused-function -g $(SAN) $(CFLAGS) -I. -DLLM_OTLP_HEADER='"$(B)/llm_otlp_planted.h"' -o $(B)/otlp_send_planted \
		tests/otlp/otlp_send.c -lcurl -lm $(LDFLAGS)
	$(CXX) -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -o $(B)/compile_otlp_cxx11 tests/compile/otlp.cc && $(B)/compile_otlp_cxx11
	[ -d tests/otlp/node_modules ] || npm ci --prefix tests/otlp --no-audit --no-fund
	sh tests/otlp/run.sh $(B)
	sh tests/otlp/cli.sh $(B)

check-examples: $(B)/mock_server $(B)/sqlite.flags | $(B)
	@# (the gateway is check-gateway's, which builds its own: the two may run side by side)
	for e in $(filter-out gateway,$(EXAMPLES)); do $(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/$$e-san examples/$$e.c -lcurl -lm $(LDFLAGS) || exit 1; done
	if [ -s $(B)/sqlite.flags ]; then $(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/usage_sqlite-san examples/usage_sqlite.c \
		-lcurl $$(cat $(B)/sqlite.flags) $(LDFLAGS) || exit 1; else rm -f $(B)/usage_sqlite-san; fi
	sh tests/examples.sh $(B)

check-cli: $(B)/llm $(B)/llm-noyaml $(B)/mock_server $(B)/config_json-san
	sh tests/cli/help.sh $(B)/llm
	sh tests/cli/chat.sh $(B)/llm $(B)/mock_server
	sh tests/cli/chat_bounds.sh $(B)/llm $(B)/mock_server
	sh tests/cli/calls.sh $(B)/llm $(B)/mock_server
	sh tests/cli/embed.sh $(B)/llm $(B)/mock_server
	sh tests/cli/models.sh $(B)/llm $(B)/mock_server
	sh tests/cli/counts.sh $(B)/llm $(B)/mock_server
	sh tests/cli/json_validate.sh $(B)/llm tests/data/JSONTestSuite/test_parsing tests/data/jsonsuite_i_verdicts.txt
	$(CC) $(WARN) $(OPT) -o $(B)/json_same tests/cli/json_same.c
	sh tests/cli/router.sh $(B)/llm $(B)/llm-noyaml $(B)/mock_server $(B)/config_json-san $(B)/json_same tests/data/router
	sh tests/cli/stream.sh $(B)/llm $(B)/json_same tests/data
	sh tests/cli/request.sh $(B)/llm $(B)/json_same tests/data
	sh tests/cli/cost.sh $(B)/llm tests/data/provider-samples

check-tokens-cli: $(B)/llm
	sh tests/cli/tokens.sh $(B)/llm

# request bodies against the providers' published schemas (Node + Ajv; npm packages pinned in tests/schema):
# OpenAI's and Azure's against OpenAI's, OpenRouter's and Anthropic's against their own; the answers llm.h writes as OpenAI (build/answer_matrix) against OpenAI's response and chunk schemas
check-schema: | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/encode_matrix tests/schema/encode_matrix.c
	[ -d tests/schema/node_modules ] || npm ci --prefix tests/schema --no-audit --no-fund
	$(B)/encode_matrix | node tests/schema/validate.mjs
	$(B)/encode_matrix --provider azure | node tests/schema/validate.mjs
	$(B)/encode_matrix --provider openrouter | node tests/schema/validate.mjs --spec openrouter
	$(B)/encode_matrix --provider anthropic | node tests/schema/validate.mjs --spec anthropic
	$(B)/encode_matrix --provider anthropic --count | node tests/schema/validate.mjs --spec anthropic-count
	$(B)/encode_matrix --provider openai-responses | node tests/schema/validate.mjs --spec responses
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/answer_matrix tests/schema/answer_matrix.c -lm
	$(B)/answer_matrix | node tests/schema/validate.mjs --spec answers
	$(B)/answer_matrix --chunks | node tests/schema/validate.mjs --spec chunks

# the header as C++ (calling a function, so a misspelled macro cannot pass)
check-cxx: | $(B)
	$(CXX) -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -o $(B)/compile_cxx11 tests/compile/compile.cc && $(B)/compile_cxx11
	$(CXX) -x c++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -o $(B)/compile_cxx17 tests/compile/compile.cc && $(B)/compile_cxx17
	$(CC) $(WARN) -o $(B)/compile_twice tests/compile/include_twice.c tests/compile/compile_c.c && $(B)/compile_twice && echo 'compiled as C++11, C++17 and C99 (included twice), and called'

# the C of README.md compiles (whole programs linked too) and its first program runs against the mock server
check-docs: $(B)/mock_server | $(B)
	CC="$(CC)" sh tests/compile/docs.sh $(B)

check-tcc: | $(B)
	tcc -Wall -Werror -o $(B)/compile_tcc tests/compile/compile_c.c tests/compile/impl.c && $(B)/compile_tcc && echo 'compiled with tcc and called'

# the firmware build: every LLM_NO_PROVIDER_* combination compiled on the host; tests/compile/firmware.c (LLM_NO_STDIO,
# a static-arena allocator, a request encoded and an answer decoded) run on the host with sanitizers, then built for a
# Cortex-M4 and linked against newlib in each configuration: arm-none-eabi-size of the object (the whole library and
# the test's main) and of the linked image (what the firmware keeps: --gc-sections)
FIRMWARE_CONFIGS = everything= no-price-table=-DLLM_NO_COSTS_TABLE no-costs-no-bpe=-DLLM_NO_COSTS:-DLLM_NO_BPE \
  one-provider=-DLLM_NO_PROVIDER_ANTHROPIC:-DLLM_NO_PROVIDER_GEMINI \
  smallest=-DLLM_NO_COSTS:-DLLM_NO_BPE:-DLLM_NO_PROVIDER_ANTHROPIC:-DLLM_NO_PROVIDER_GEMINI
ARM_FLAGS = -mcpu=cortex-m4 -mthumb -Os -std=c99 -Wall -Wextra -Wpedantic -Werror -DLLM_NO_STDIO -ffunction-sections -fdata-sections
check-firmware: | $(B)
	for o in "" -DLLM_NO_PROVIDER_OPENAI; do for a in "" -DLLM_NO_PROVIDER_ANTHROPIC; do for g in "" -DLLM_NO_PROVIDER_GEMINI; do \
	  flags="$$o $$a $$g"; \
	  $(CC) $(WARN) -c -o $(B)/llm_no_provider.o $$flags tests/compile/impl.c || exit 1; done; done; done
	$(CC) $(WARN) -DLLM_NO_STDIO -g $(SAN) $(CFLAGS) -o $(B)/firmware-host tests/compile/firmware.c && $(B)/firmware-host
	for c in $(FIRMWARE_CONFIGS); do name=$${c%%=*}; flags=$$(echo "$${c#*=}" | tr : ' '); \
	  arm-none-eabi-gcc $(ARM_FLAGS) $$flags -c -o $(B)/firmware-$$name.o tests/compile/firmware.c && \
	  arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Wl,--gc-sections --specs=nano.specs --specs=nosys.specs \
	    -o $(B)/firmware-$$name.elf $(B)/firmware-$$name.o || exit 1; \
	  o=$$(arm-none-eabi-size $(B)/firmware-$$name.o | awk 'NR == 2 { print $$1 }'); \
	  arm-none-eabi-size $(B)/firmware-$$name.elf | awk -v n="$$name" -v f="$${flags:-none}" -v o="$$o" 'NR == 2 { \
	    printf "Cortex-M4 -Os LLM_NO_STDIO %s (%s): code size %s bytes text (object), image %s text, %s data, %s bss\n", \
	      n, f, o, $$1, $$2, $$3 }'; \
	done

# ---- the portability matrix (tests/portability.sh; make ci runs it after make test) ----
# gcc and clang at plain -std=c99 in both include orders and at -O1..-O3, g++ and clang++, tcc, 32-bit and
# big-endian (s390x under qemu-user) unit suites, a Windows compile (mingw-w64), the Cortex-M4 firmware sizes
portability: | $(B)
	sh tests/portability.sh $(B)

# static analysis (both in make ci): cppcheck and clang-tidy over llm.h and the companions; scan-build over the unit
# suites; what they leave out, with reasons: tests/static/disabled.txt
check-static: | $(B)
	sh tests/static.sh $(B)
check-scan-build: | $(B)
	sh tests/static.sh $(B) scan

# the unit suites compiled, not linked, for scan-build (tests/static.sh starts from an empty $(B)/scan-build)
static-objs: $(UNIT:%=$(B)/scan-build/test_%.o)
$(B)/scan-build/test_%.o: tests/unit/test_%.c
	@mkdir -p $(B)/scan-build
	$(CC) $(WARN) -c -o $@ $<
print-unit:
	@echo $(UNIT)

# what CI runs (.ci/run): the whole suite, then the portability matrix and the static analysis (kept apart so that
# make test stays under 30 minutes on 2 cores), and one line counting make test's checks, the matrix's
# configurations, check-static and check-scan-build
ci: test
	$(MAKE) -s portability
	$(MAKE) -s check-static
	$(MAKE) -s check-scan-build
	@read p f < $(B)/logs/portability.count; set -- $$(cat $(B)/logs/summary); \
	  echo "ci: $$(($$1 + p + 2)) passed, $$(($$3 + f)) failed, $$5 skipped (make test, make portability," \
	    "check-static, check-scan-build)"

# the mock provider server as its clients see it (curl, node), built as users run it and with sanitizers
check-mock: $(B)/mock_server
	$(CC) $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g $(SAN) $(CFLAGS) -o $(B)/mock_server-san tests/mock/mock_server.c
	sh tests/mock/smoke.sh $(B)/mock_server
	sh tests/mock/smoke.sh $(B)/mock_server-san

# `make run` from a fresh clone of this repository's HEAD, offline and with no keys
check-run:
	sh tests/cli/run_fresh.sh

# line and branch coverage per section of llm.h and of each companion header (not part of `make test`):
# the unit suites, test_curl, test_redis (when redis-server is there) and the CLI checks, built with gcc
# --coverage into $(B)/cov (tools/coverage.sh), summed by tools/coverage.py over plain `gcov --json-format`
coverage: $(B)/mock_server $(B)/llm-noyaml $(B)/config_json-san $(B)/yaml.flags $(B)/hiredis.flags
	CFLAGS="$(CFLAGS)" sh tools/coverage.sh $(B) $(UNIT)

# ---- real HTTP: llm_curl_adapter.h (libcurl from libcurl4-openssl-dev) ----
CURL_LIBS = -lcurl
INTEGRATION_H = tests/integration/mock.h tests/integration/raw.h llm.h llm_curl_adapter.h

$(B)/test_curl: tests/integration/test_curl.c $(INTEGRATION_H) | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $@ tests/integration/test_curl.c $(CURL_LIBS) $(LDFLAGS)

$(B)/test_prism: tests/integration/test_prism.c llm.h llm_curl_adapter.h | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $@ tests/integration/test_prism.c $(CURL_LIBS) $(LDFLAGS)

$(B)/load: tests/integration/load.c $(INTEGRATION_H) | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -o $@ tests/integration/load.c $(CURL_LIBS) $(LDFLAGS)

# the adapter against the mock server (every provider, the router's rules, timeouts, TLS), with sanitizers;
# the adapter also warning-free under clang and compiled as C++11, and called
check-integration: $(B)/test_curl $(B)/mock_server
	$(B)/test_curl
	$(CLANG) $(WARN) -D_POSIX_C_SOURCE=200809L -c -o $(B)/test_curl-clang.o tests/integration/test_curl.c
	$(CXX) -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -o $(B)/compile_curl_cxx11 tests/compile/curl_adapter.cc $(CURL_LIBS) && $(B)/compile_curl_cxx11

# the router's store on a real redis-server the test starts (127.0.0.1, a free port, no persistence), with routers
# in several processes against the mock server; the CLI's --store; the store header also as C++11
$(B)/test_redis: tests/integration/test_redis.c $(INTEGRATION_H) llm_redis_store.h | $(B)
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $@ tests/integration/test_redis.c $(CURL_LIBS) -lhiredis $(LDFLAGS)

check-redis: $(B)/test_redis $(B)/mock_server $(B)/llm $(B)/llm-noyaml
	$(B)/test_redis
	sh tests/cli/store.sh $(B)/llm $(B)/llm-noyaml $(B)/mock_server
	$(CC) $(WARN) -g $(SAN) $(CFLAGS) -o $(B)/fleet-san examples/fleet.c -lcurl -lhiredis $(LDFLAGS)
	sh tests/examples_fleet.sh $(B)
	$(CXX) -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -o $(B)/compile_redis_cxx11 tests/compile/redis_store.cc -lhiredis && $(B)/compile_redis_cxx11

# the adapter against servers nobody here wrote: Prism validating every request against each spec
check-prism: $(B)/test_prism $(B)/llm
	sh tests/prism/run.sh openai -- $(B)/test_prism openai
	sh tests/prism/run.sh openai -- sh tests/prism/embed.sh $(B)/llm
	sh tests/prism/run.sh anthropic -- $(B)/test_prism anthropic
	sh tests/prism/run.sh openai -- sh tests/prism/cli_models.sh $(B)/llm
	sh tests/prism/run.sh anthropic -- sh tests/prism/tokens_remote.sh $(B)/llm
check-prism: $(B)/llm

# the load and fault runs, short (make load: the full runs, then a 500-call soak under valgrind)
check-load-short: $(B)/load $(B)/mock_server
	@if $(B)/load --short no_run_is_named_this > /dev/null 2>&1; then echo "load: a name no run has passed"; exit 1; fi
	$(B)/load --short

load: $(B)/load $(B)/mock_server
	$(B)/load
	$(CC) $(WARN) -g -O1 $(CFLAGS) -o $(B)/load-vg tests/integration/load.c $(CURL_LIBS) $(LDFLAGS)
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 $(B)/load-vg --short soak

check-fuzz-short: | $(B)
	$(MAKE) -s fuzz FUZZ_SECONDS=10 FUZZ_FLAGS=-seed=1

# ---- fuzzing (libFuzzer; clang) ----
FUZZ = json openai costs bpe router sse stream oom choices request gemini headers encoders embed models counts redis_reply responses \
       answers ondemand

FUZZ_CFLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
# fuzz_headers drives the curl adapter's callbacks (no network): it links libcurl; fuzz_redis_reply hiredis.
# A target that includes tests/fuzz/fuzz.h (itself or through fuzz_stream.c) links the implementation built once
# ($(B)/fuzz_llm.o); the others (their own LLM_NO_BPE, or internal functions) compile it themselves.
fuzz: $(B)/hiredis.flags | $(B)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -DLLM_IMPLEMENTATION -x c -c -o $(B)/fuzz_llm.o llm.h
	for t in $(FUZZ); do \
	  libs=; [ $$t = headers ] && libs="$$(curl-config --libs)"; \
	  if [ $$t = redis_reply ]; then libs=-lhiredis; grep -q LLM_CLI_REDIS $(B)/hiredis.flags || \
	    { echo "fuzz_redis_reply: skipped, no hiredis (apt-get install libhiredis-dev)"; continue; }; fi; \
	  grep -qE '^#include "fuzz(\.h|_stream\.c)"' tests/fuzz/fuzz_$$t.c && libs="-DLLM_FUZZ_SHARED $(B)/fuzz_llm.o"; \
	  $(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $(B)/fuzz_$$t tests/fuzz/fuzz_$$t.c $$libs || exit 1; \
	  mkdir -p $(B)/corpus_$$t; \
	  $(B)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/$$t.dict -print_final_stats=0 $(FUZZ_FLAGS) \
	    $(B)/corpus_$$t tests/fuzz/seeds_$$t 2>$(B)/fuzz_$$t.log || { tail -n 40 $(B)/fuzz_$$t.log; exit 1; }; \
	  grep -h 'Done [0-9]* runs' $(B)/fuzz_$$t.log; \
	done

check-long:
	$(MAKE) fuzz FUZZ_SECONDS=600
	$(CC) $(WARN) -g -O1 $(SAN) $(CFLAGS) -o $(B)/test_router-long tests/unit/test_router.c
	ROUTER_PROPERTY_CALLS=100000 ROUTER_PROPERTY_VERBOSE=1 $(B)/test_router-long router_property

# ---- the embedded price table ----
COSTS_JSON = tools/data/model_prices_and_context_window.json
COSTS_SOURCE = tools/data/model_prices.source

$(B)/gen_costs: tools/gen_costs.c llm.h | $(B)
	$(CC) $(WARN) -O2 $(CFLAGS) -o $@ tools/gen_costs.c

# regenerates costs_embedded.h from the committed JSON
costs: $(B)/gen_costs
	$(B)/gen_costs $(COSTS_JSON) $(COSTS_SOURCE) > $(B)/costs_embedded.h && mv $(B)/costs_embedded.h costs_embedded.h

# every generated part equals a fresh generation from its pinned inputs: costs_embedded.h, and the
# Unicode tables and the estimator weights of llm.h (python3; the generators rewrite a copy in build/)
check-generated: $(B)/gen_costs
	CC="$(CC)" sh tools/check_generated.sh $(B)

# the implementation reads down only (tools/check_sections.py): the checker on
# its own made-up faults, on llm.h, and on a copy of llm.h with an upward call
# planted in >>base, which it must name
check-sections: | $(B)
	python3 tools/check_sections.py --self-test
	python3 tools/check_sections.py llm.h
	sed 's/^static void \*llm__alloc(const llm_allocator \*a, size_t size) {$$/& (void)llm_router_free;/' llm.h > $(B)/llm_planted.h
	if python3 tools/check_sections.py $(B)/llm_planted.h > $(B)/planted.txt; then echo "a planted upward call passed"; exit 1; fi
	grep 'uses llm_router_free of >>router, a later section' $(B)/planted.txt
	@echo "check-sections: the planted upward call was caught: ok"

# no line over 120 columns in the headers
check-width:
	@awk 'length > 120 { printf "%s:%d: %d columns\n", FILENAME, FNR, length; n++ } \
	  END { if (n) { printf "%d lines over 120 columns\n", n; exit 1 } print "no line over 120 columns: ok" }' llm.h llm_curl_adapter.h llm_redis_store.h llm_otlp.h

# llm cost against LiteLLM's formula, computed in Node from the raw JSON for a fixed sample of models
check-costs-oracle: $(B)/llm
	node tests/cli/cost_oracle.mjs $(B)/llm $(COSTS_JSON)

# ---- benchmarks ----
# every part must run: a missing peer or a wrong result fails, a missed speed goal prints MISSED; ends with one
# table of every figure beside its peers (bench/table.awk; the parts' output kept in build/bench_output.txt)
bench: | $(B)
	sh bench/run.sh

# the npm peers of make bench, from their lock files, into ignored node_modules folders (Debian nodejs npm)
bench-peers:
	for d in bench bench/sse bench/openai_node; do npm ci --prefix $$d --no-audit --no-fund || exit 1; done

# every benchmark once on a small input, built without optimisation, no npm peers (libcjson-dev,
# libsimdjson-dev, libcurl4-openssl-dev, libhiredis-dev, redis-server): one that does not build or whose own
# checks fail fails; no timing is asserted
check-bench-smoke: | $(B)
	BENCH_SMOKE=1 sh bench/run.sh

# llm.h + the curl adapter beside bare libcurl + cJSON and the openai Node SDK (libcjson-dev; npm ci --prefix bench/openai_node)
$(B)/bench_http: bench/bench_http.c bench/http_bare.h tests/integration/mock.h llm.h llm_curl_adapter.h $(B)/mock_server | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -o $@ bench/bench_http.c $(CURL_LIBS) -lcjson $(LDFLAGS)

# routed calls/s through the runner with the router's limits local and shared through Redis, and Redis round trips
# per call (libhiredis-dev, redis-server)
$(B)/bench_store: bench/bench_store.c tests/integration/mock.h llm.h llm_curl_adapter.h llm_redis_store.h $(B)/mock_server | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -o $@ bench/bench_store.c $(CURL_LIBS) -lhiredis $(LDFLAGS)

# ---- install: the headers, the CLI and its vocabularies, pkg-config and CMake files ----
# (PREFIX and DESTDIR as usual; the version is llm.h's LLM_VERSION_STRING)
INSTALL_HEADERS = llm.h costs_embedded.h llm_curl_adapter.h llm_redis_store.h llm_otlp.h
VOCABULARIES = tests/data/tokens/cl100k_base.tiktoken tests/data/tokens/o200k_base.tiktoken
LLM_VERSION = $$(sed -n 's/^\#define LLM_VERSION_STRING "\(.*\)"/\1/p' llm.h)

# the CLI as installed: it looks for its vocabularies under PREFIX alone (the source tree may be gone);
# rebuilt at every install, so that PREFIX is the one given now
$(B)/llm-installed: $(CLI_SRC) cli/cli.h llm.h llm_curl_adapter.h llm_redis_store.h llm_otlp.h costs_embedded.h $(B)/yaml.flags \
		$(B)/hiredis.flags FORCE | $(B)
	$(CC) $(WARN) $(OPT) $(CFLAGS) -DLLM_CLI_SHARE_DIR='"$(PREFIX)/share/llm"' -DLLM_CLI_SOURCE_DIR='"$(PREFIX)/share/llm"' \
		-o $@ $(CLI_SRC) $$(cat $(B)/yaml.flags) $$(cat $(B)/hiredis.flags) -lcurl $(LDFLAGS)

install: $(B)/llm-installed
	mkdir -p $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/llm \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/lib/cmake/llm
	cp $(INSTALL_HEADERS) $(DESTDIR)$(PREFIX)/include/
	cp $(B)/llm-installed $(DESTDIR)$(PREFIX)/bin/llm
	cp $(VOCABULARIES) $(DESTDIR)$(PREFIX)/share/llm/
	v=$(LLM_VERSION); for pc in llm llm-curl; do \
		sed -e "s|@PREFIX@|$(PREFIX)|" -e "s|@VERSION@|$$v|g" pkg/$$pc.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/$$pc.pc || exit 1; done
	cp pkg/llmConfig.cmake $(DESTDIR)$(PREFIX)/lib/cmake/llm/
	v=$(LLM_VERSION); sed -e "s|@VERSION@|$$v|g" -e "s|@MAJOR@|$${v%%.*}|" -e "s|@MINOR@|$$(echo $$v | cut -d. -f2)|" \
		pkg/llmConfigVersion.cmake.in > $(DESTDIR)$(PREFIX)/lib/cmake/llm/llmConfigVersion.cmake

uninstall:
	for h in $(INSTALL_HEADERS); do rm -f $(DESTDIR)$(PREFIX)/include/$$h; done
	rm -f $(DESTDIR)$(PREFIX)/bin/llm $(DESTDIR)$(PREFIX)/lib/pkgconfig/llm.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/llm-curl.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/llm $(DESTDIR)$(PREFIX)/lib/cmake/llm

# install into a temporary prefix from a copy of the tree, then build a consumer three ways
check-install:
	sh tests/install.sh

clean:
	rm -rf $(B)

.PHONY: bench-peers check-bench-smoke check-static check-scan-build static-objs print-unit
.PHONY: all run test bench coverage fuzz check-long install clean costs check-generated check-sections check-width check-costs-oracle check-unit-gcc check-unit-clang \
	check-unit-valgrind check-matrix check-threads check-router-clock check-conformance check-streams check-numbers check-examples check-gateway check-otlp check-cli check-tokens-cli check-schema examples check-cxx check-docs \
	examples-sqlite examples-redis check-tcc check-firmware check-mock check-fuzz-short check-integration check-prism check-load-short load check-run \
	uninstall check-install \
	check-redis
