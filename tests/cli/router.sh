#!/bin/sh
# `llm chat --router FILE -m GROUP` with LiteLLM's config, against build/mock_server
# on 127.0.0.1 (a free port; the server stops by itself):
#  - tests/data/router/litellm_config.yaml (LiteLLM's documented shape, os.environ/
#    values, a merge key) and litellm_config.json (the same, written by hand) give
#    the same answer and the same fallback from a deployment that answers 503;
#  - the YAML converted to JSON equals litellm_config.json, and scalars.yaml (YAML
#    1.1 scalars as PyYAML reads them) equals scalars.json, both written by hand,
#    and both equal what PyYAML's yaml.safe_load reads (python3-yaml: skipped on a
#    workstation without it, a failure under CI=true); the values JSON cannot hold
#    keep their text (scalars_text.json);
#  - an unset os.environ/ variable is named; bad YAML (a syntax error with libyaml's
#    line and column, a document that is no mapping, two documents, an alias bomb,
#    an alias inside itself, nesting too deep, an unknown alias or tag, a merge of
#    itself, a sequence as key, invalid UTF-8, a file over 1 MiB) gets a clear
#    error and exit 2 from build/llm, and the same from the converter built with
#    AddressSanitizer, LeakSanitizer and UBSan (no report: no crash, no leak);
#  - build/llm-noyaml (built without libyaml, as on a machine without
#    libyaml-dev, and with sanitizers) refuses a YAML file with the sentence
#    saying how to get YAML support, and still routes a .json config;
#  - usage: --router with --fallback or --base-url, a missing file, a group the
#    file lacks, `llm chat --help`.
# When build/llm itself was built without libyaml (no libyaml-dev here), the
# cases that need YAML are skipped, and fail under CI=true.
#   sh tests/cli/router.sh build/llm build/llm-noyaml build/mock_server build/config_json-san build/json_same tests/data/router
llm=$1; noyaml=$2; mock=$3; conv=$4; json_same=$5; data=$6
passed=0; failed=0; skipped=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
skip() { if [ "${CI:-}" = "true" ]; then fail "$* (CI=true: nothing may be skipped)"; else echo "skip $*"; skipped=$((skipped + 1)); fi; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/llm-router-test.XXXXXX") || exit 1
"$mock" --port 0 --port-file "$dir/port" --idle-exit-ms 30000 --lifetime-ms 300000 --quiet > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0; while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
root="http://127.0.0.1:$(cat "$dir/port")"
unset OPENAI_API_KEY ANTHROPIC_API_KEY OPENROUTER_API_KEY GEMINI_API_KEY LLM_BASE_URL LLM_API_KEY LLM_MODEL OPENAI_BASE_URL
# the config's os.environ/ variables
LLM_TEST_BASE="$root/v1"; LLM_TEST_BROKEN_BASE="$root/fault/status=503/v1"; LLM_TEST_KEY=sk-test-router-not-printed
export LLM_TEST_BASE LLM_TEST_BROKEN_BASE LLM_TEST_KEY
answer='Hello from the mock server. You said: Hi'
yaml=$data/litellm_config.yaml; json=$data/litellm_config.json
sentence="llm chat: $yaml: this llm was built without libyaml and reads JSON configs only: apt-get install libyaml-dev and run make again for YAML, or give the config as a .json file"

# run NAME WANT_STATUS LLM ARGS...: stdout in $dir/out, stderr in $dir/err
run() {
    name=$1; want=$2; bin=$3; shift 3
    "$bin" chat "$@" > "$dir/out" 2> "$dir/err"; s=$?
    if [ $s -ne "$want" ]; then fail "$name: exit $s, wanted $want: $(cat "$dir/err")"; return 1; fi
    return 0
}
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], wanted [$3]"; fi; }
has() { if grep -q -F -- "$3" "$2"; then ok; else fail "$1: no [$3] in: $(cat "$2")"; fi; }
lacks() { if grep -q -F -- "$3" "$2"; then fail "$1: [$3] in: $(cat "$2")"; else ok; fi; }

# ---- the JSON config: every build reads it ----
for bin in "$llm" "$noyaml"; do
    b=$(basename "$bin")
    if run "$b json fallback" 0 "$bin" -v --router "$json" -m gpt-4o Hi; then
        same "$b json stdout" "$(cat "$dir/out")" "$answer"
        has "$b json fallback trace" "$dir/err" 'router: request 1: fell back from gpt-4o to gpt-4o-mini'
        has "$b json summary" "$dir/err" 'model=gpt-4o-mini provider=openai '
        lacks "$b json key not printed" "$dir/err" "$LLM_TEST_KEY"
        cp "$dir/out" "$dir/out.json"; grep -v '^model=' "$dir/err" | sed 's/[0-9][0-9]* ms/N ms/g' > "$dir/trace.json"
    fi
done
run "json merged group" 0 "$llm" --no-stream --router "$json" -m mini-copy Hi && same "json merged group stdout" "$(cat "$dir/out")" "$answer"

# ---- the YAML config ----
"$llm" chat --router "$yaml" -m gpt-4o Hi > "$dir/out" 2> "$dir/err"
if grep -q 'built without libyaml' "$dir/err"; then
    skip "the YAML cases: build/llm was built without libyaml (apt-get install libyaml-dev, then make)"
    has_yaml=no
else
    has_yaml=yes
fi
if [ $has_yaml = yes ]; then
    if run "yaml fallback" 0 "$llm" -v --router "$yaml" -m gpt-4o Hi; then
        same "yaml stdout" "$(cat "$dir/out")" "$answer"
        same "yaml stdout = json stdout" "$(cat "$dir/out")" "$(cat "$dir/out.json")"
        grep -v '^model=' "$dir/err" | sed 's/[0-9][0-9]* ms/N ms/g' > "$dir/trace.yaml"
        if cmp -s "$dir/trace.yaml" "$dir/trace.json"; then ok; else fail "yaml trace differs from json's: $(diff "$dir/trace.json" "$dir/trace.yaml")"; fi
        has "yaml summary" "$dir/err" 'model=gpt-4o-mini provider=openai '
        lacks "yaml key not printed" "$dir/err" "$LLM_TEST_KEY"
    fi
    run "yaml merged group" 0 "$llm" --no-stream --router "$yaml" -m mini-copy Hi && same "yaml merged group stdout" "$(cat "$dir/out")" "$answer"
    if run "yaml --json" 0 "$llm" --json --router "$yaml" -m gpt-4o-mini Hi; then
        has "yaml --json content" "$dir/out" "\"content\":\"$answer\""
        has "yaml --json provider" "$dir/out" '"provider":"openai"'
    fi
    # an unset variable is named, with the key that wants it, for YAML and JSON alike
    for f in "$yaml" "$json"; do
        (unset LLM_TEST_KEY; "$llm" chat --router "$f" -m gpt-4o Hi > "$dir/out" 2> "$dir/err"); s=$?
        same "unset variable exit ($f)" $s 2
        same "unset variable named ($f)" "$(cat "$dir/err")" \
            "llm chat: $f: model_list[0].litellm_params.api_key: environment variable LLM_TEST_KEY is not set"
    done

    # the conversion itself, by the converter built with sanitizers
    if "$conv" "$yaml" > "$dir/conv.json" 2> "$dir/conv.err"; then
        "$json_same" "$dir/conv.json" "$json" && ok || fail "litellm_config.yaml converted differs from litellm_config.json: $(cat "$dir/conv.json")"
    else
        fail "converting litellm_config.yaml: $(cat "$dir/conv.err")"
    fi
    for f in scalars scalars_text; do
        if "$conv" "$data/$f.yaml" > "$dir/$f.json" 2> "$dir/conv.err"; then
            "$json_same" "$dir/$f.json" "$data/$f.json" && ok || fail "$f.yaml converted differs from $f.json: $(cat "$dir/$f.json")"
        else
            fail "converting $f.yaml: $(cat "$dir/conv.err")"
        fi
    done
    # the outside oracle: PyYAML, the reader LiteLLM's proxy uses
    # (the first python3 that has it: the one on PATH, else Debian's, where python3-yaml installs it)
    py=""
    for p in python3 /usr/bin/python3; do
        if [ -z "$py" ] && "$p" -c 'import yaml' 2> /dev/null; then py=$p; fi
    done
    if [ -n "$py" ]; then
        for f in litellm_config scalars; do
            "$py" -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), sys.stdout)' "$data/$f.yaml" > "$dir/$f.pyyaml.json"
            "$json_same" "$dir/$f.pyyaml.json" "$data/$f.json" && ok || fail "PyYAML reads $f.yaml otherwise than $f.json says: $(cat "$dir/$f.pyyaml.json")"
        done
    else
        skip "the PyYAML oracle: python3 cannot import yaml (apt-get install python3-yaml)"
    fi
fi

# ---- bad YAML: exit 2 and a clear error, from build/llm and from the sanitized converter ----
# bad NAME EXPECTED: $dir/bad.yaml through both; stderr must hold EXPECTED, and the
# converter's no sanitizer report
bad() {
    name=$1; want=$2
    "$llm" chat --router "$dir/bad.yaml" -m gpt-4o Hi > "$dir/out" 2> "$dir/err"; s=$?
    same "$name: llm exit" $s 2
    has "$name: llm message" "$dir/err" "llm chat: $dir/bad.yaml: $want"
    "$conv" "$dir/bad.yaml" > "$dir/out" 2> "$dir/err"; s=$?
    same "$name: converter exit" $s 2
    has "$name: converter message" "$dir/err" "$want"
    if grep -q -E 'Sanitizer|runtime error' "$dir/err"; then fail "$name: sanitizer report: $(cat "$dir/err")"; else ok; fi
}
if [ $has_yaml = yes ]; then
    # line 3 holds a second ': ' after its key: libyaml stops at that colon (column 26, 1-based)
    printf 'model_list:\n  - model_name: a\n    litellm_params: model: x\n' > "$dir/bad.yaml"
    bad "syntax error" "line 3, column 26: mapping values are not allowed in this context"
    # a flow sequence never closed: libyaml stops at the end (line 2) and names where it began ([ at column 13)
    printf 'model_list: [a, b\n' > "$dir/bad.yaml"
    bad "unclosed flow" "line 2, column 1: did not find expected ',' or ']' (while parsing a flow sequence, line 1, column 13)"
    printf -- '- model_name: a\n- model_name: b\n' > "$dir/bad.yaml"
    bad "a sequence" "line 1, column 1: the document is a sequence, not a mapping (LiteLLM's config: model_list, router_settings, ...)"
    printf 'just words\n' > "$dir/bad.yaml"
    bad "a scalar" "line 1, column 1: the document is a scalar, not a mapping"
    printf '# nothing but a comment\n' > "$dir/bad.yaml"
    bad "no document" "no YAML document in it (empty, or comments only)"
    printf 'a: 1\n---\nb: 2\n' > "$dir/bad.yaml"
    bad "two documents" "line 2, column 1: a second YAML document: a config is one"
    # the billion laughs: 10^9 strings if expanded; refused after 1,000,000 values, at once
    { echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
      p=a; for n in b c d e f g h i; do echo "$n: &$n [*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p]"; p=$n; done
      echo 'model_list: *i'; } > "$dir/bad.yaml"
    t0=$(date +%s)
    bad "alias bomb" "aliases expand it past 1000000 values or 8 MiB of JSON"
    [ $(($(date +%s) - t0)) -le 10 ] && ok || fail "alias bomb: refused only after $(($(date +%s) - t0)) s"
    printf 'model_list: &a [*a]\n' > "$dir/bad.yaml"
    bad "alias inside itself" "line 1, column 13: nested deeper than 32 levels (an alias inside the node it names?)"
    awk 'BEGIN { s = "model_list: "; for (i = 0; i < 40; i++) s = s "["; for (i = 0; i < 40; i++) s = s "]"; print s }' > "$dir/bad.yaml"
    bad "too deep" "line 1, column 44: nested deeper than 32 levels"
    printf 'model_list: *nowhere\n' > "$dir/bad.yaml"
    bad "unknown alias" "line 1, column 13: the alias *nowhere names no anchor before it"
    printf 'model_list: !!binary aGVsbG8=\n' > "$dir/bad.yaml"
    bad "unknown tag" "line 1, column 13: the tag tag:yaml.org,2002:binary is not read here"
    printf 'model_list: !!int twelve\n' > "$dir/bad.yaml"
    bad "bad int" "line 1, column 13: !!int \"twelve\" is not an integer"
    # the anchored mapping begins at its anchor, column 4
    printf 'a: &a {<<: *a}\n' > "$dir/bad.yaml"
    bad "merge of itself" "line 1, column 4: a merge key (<<) that takes in its own mapping"
    printf 'a: {<<: [1, 2]}\n' > "$dir/bad.yaml"
    bad "merge of a list of numbers" "line 1, column 10: a merge key (<<) takes a mapping or a sequence of mappings"
    printf '? [a, b]\n: c\n' > "$dir/bad.yaml"
    bad "a sequence as key" "line 1, column 3: a key that is a sequence or a mapping (JSON keys are strings)"
    # byte 15 is 0xE9, which starts a 3-byte sequence; byte 16, a space, cannot continue it
    printf 'model_list: caf\351 bar\n' > "$dir/bad.yaml"
    bad "invalid UTF-8" "byte offset 16: invalid trailing UTF-8 octet (0x20)"
    # over 1 MiB: refused by its size before it is parsed
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "# a comment line of sixty bytes, repeated twenty thousand times\n" }' > "$dir/bad.yaml"
    bad "too large" "larger than 1 MiB (1048576 bytes): not read"
fi
# a huge .json is refused by its size too, by every build
awk 'BEGIN { printf "{\"model_list\": ["; for (i = 0; i < 20000; i++) printf "{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\"}},"; print "{}]}" }' > "$dir/huge.json"
run "huge json" 2 "$noyaml" --router "$dir/huge.json" -m a Hi && has "huge json message" "$dir/err" "larger than 1 MiB (1048576 bytes): not read"

# ---- a build without libyaml: the YAML file refused with the sentence ----
if run "noyaml refuses yaml" 2 "$noyaml" --router "$yaml" -m gpt-4o Hi; then
    same "noyaml sentence" "$(cat "$dir/err")" "$sentence"
fi

# ---- usage ----
run "router and fallback" 2 "$llm" --router "$json" --fallback gpt-4o-mini -m gpt-4o Hi &&
    has "router and fallback named" "$dir/err" "--router and --fallback"
run "router and base-url" 2 "$llm" --router "$json" --base-url "$LLM_TEST_BASE" -m gpt-4o Hi &&
    has "router and base-url named" "$dir/err" "--router and --base-url"
run "missing file" 2 "$llm" --router "$dir/none.yaml" -m gpt-4o Hi && has "missing file named" "$dir/err" "cannot read $dir/none.yaml"
run "unknown group" 1 "$llm" --router "$json" -m nosuch Hi && has "unknown group named" "$dir/err" 'no model group, deployment id or model named "nosuch"'
"$llm" chat --help > "$dir/out" 2>&1
has "help --router" "$dir/out" "--router FILE"
has "help YAML" "$dir/out" "libyaml"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
