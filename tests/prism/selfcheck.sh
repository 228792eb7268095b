#!/bin/sh
# Proves that Prism's request validator is live for each spec, with curl:
# known-good chat bodies get 2xx with no request violation, known-bad ones
# get 422 for the expected reason, and pins down how Prism answers streamed
# requests (see README.md). Exits 0 only when every expectation holds.
#
#   sh tests/prism/selfcheck.sh [openai] [anthropic]    (default: both)
#
# Each spec runs under run.sh, which calls this script back with --against.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" != "--against" ]; then
  specs=${*:-openai anthropic}
  failed=0
  for spec in $specs; do
    sh "$here/run.sh" "$spec" -- sh "$here/selfcheck.sh" --against "$spec" || failed=1
  done
  [ $failed = 0 ] && echo "selfcheck: all expectations hold" || echo "selfcheck: FAILED"
  exit $failed
fi

spec=$2
: "${PRISM_BASE_URL:?run me through run.sh}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/llm-prism-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# Prints the request violations Prism reported (" | "-joined, deduplicated)
# on line 1 and the head of the body on line 2. Prism lists them in the body
# of its own 422 (application/problem+json "validation"), or, when the spec
# has its own 4XX response (Anthropic), in the sl-violations header. That
# header also lists *response* violations (the spec's examples do not always
# match its schemas), which are ignored here.
summarize() {
  node -e '
    const fs = require("fs");
    const [headers, body] = process.argv.slice(1).map(f => fs.readFileSync(f, "utf8"));
    let v = [];
    const h = headers.match(/^sl-violations: *(.*)$/im);
    if (h) v = JSON.parse(h[1]).filter(x => x.location[0] === "request");
    try { v = v.concat(JSON.parse(body).validation || []); } catch {}
    console.log([...new Set(v.map(x => x.message))].join(" | "));
    console.log(body.replace(/\s+/g, " ").slice(0, 110));
  ' "$1" "$2"
}

# check LABEL STATUS CONTENT_TYPE VIOLATION PATH BODY [CURL_ARGS...]
#   STATUS/CONTENT_TYPE: expected values (sh patterns, e.g. 2??)
#   VIOLATION: "-" = no request violation allowed, else a text that one of
#   the reported request violations must contain.
check() {
  label=$1 want_status=$2 want_type=$3 want_viol=$4 path=$5 body=$6
  shift 6
  got=$(curl -s -m 20 -D "$tmp/h" -o "$tmp/b" -w '%{http_code} %{content_type}' \
    -X POST -H 'content-type: application/json' "$@" --data-binary "$body" \
    "$PRISM_BASE_URL$path") || got="curl-failed($?)"
  status=${got%% *} type=${got#* }
  { read -r viol; read -r head; } <<EOF
$(summarize "$tmp/h" "$tmp/b" 2>/dev/null || printf '\n\n')
EOF
  ok=1
  # shellcheck disable=SC2254
  case $status in $want_status) ;; *) ok=0 ;; esac
  case $type in $want_type*) ;; *) ok=0 ;; esac
  if [ "$want_viol" = - ]; then [ -z "$viol" ] || ok=0
  else case $viol in *"$want_viol"*) ;; *) ok=0 ;; esac
  fi
  if [ $ok = 1 ]; then mark=ok; passed=$((passed + 1)); else mark=FAIL; failed=$((failed + 1)); fi
  echo "$mark $spec: $label -> $status $type (expected $want_status $want_type)"
  [ -z "$viol" ] || echo "     request violations: $(printf %s "$viol" | cut -c1-300)"
  [ "$want_viol" = - ] || [ $ok = 1 ] || echo "     expected a violation containing: $want_viol"
  echo "     body: $head"
}

SSE='accept: text/event-stream'   # what llm.h sends for a streamed call
case $spec in
openai)
  P=/chat/completions  # PRISM_BASE_URL ends in /v1, as a client's base URL
  AUTH='authorization: Bearer sk-test'
  GOOD='{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}'
  check "good body" '2??' application/json - $P "$GOOD" -H "$AUTH"
  check "role wizard, content 5" 422 application/problem+json "role must be equal to one of" $P \
    '{"model":"gpt-4o","messages":[{"role":"wizard","content":5}]}' -H "$AUTH"
  check "messages missing" 422 application/problem+json "required property 'messages'" $P \
    '{"model":"gpt-4o"}' -H "$AUTH"
  check "good body, no Authorization (spec: bearer auth)" 401 application/problem+json - $P "$GOOD"
  STREAM='{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hi"}]}'
  # The spec offers text/event-stream with an object schema and no example:
  # Prism cannot serialise that as text, so it fails the call.
  check "stream, Accept: text/event-stream" 500 application/problem+json - $P "$STREAM" -H "$AUTH" -H "$SSE"
  check "stream, Accept: text/event-stream, application/json" 500 application/problem+json - $P "$STREAM" \
    -H "$AUTH" -H "$SSE, application/json"
  check "stream, Accept: */*" 200 application/json - $P "$STREAM" -H "$AUTH"
  check "stream, bad body, Accept: text/event-stream" 422 application/problem+json "role must be equal to one of" $P \
    '{"model":"gpt-4o","stream":true,"messages":[{"role":"wizard","content":5}]}' -H "$AUTH" -H "$SSE"
  ;;
anthropic)
  P=/v1/messages  # PRISM_BASE_URL is the bare server: the client appends /v1/messages
  K='x-api-key: sk-ant-test'
  V='anthropic-version: 2023-06-01'
  # Prism answers 422 with the spec's own 4XX example (Anthropic's error
  # envelope, application/json), and lists the reason in sl-violations.
  check "good body" '2??' application/json - $P \
    '{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"Hi"}]}' -H "$K" -H "$V"
  check "max_tokens missing" 422 application/json "required property 'max_tokens'" $P \
    '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}' -H "$K" -H "$V"
  check "role system inside messages" 422 application/json "role must be equal to one of" $P \
    '{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"system","content":"Hi"}]}' -H "$K" -H "$V"
  STREAM='{"model":"claude-sonnet-4-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"Hi"}]}'
  # The spec gives /v1/messages only an application/json 200.
  check "stream, Accept: text/event-stream" 406 application/problem+json - $P "$STREAM" -H "$K" -H "$V" -H "$SSE"
  check "stream, Accept: text/event-stream, application/json" 200 application/json - $P "$STREAM" \
    -H "$K" -H "$V" -H "$SSE, application/json"
  check "stream, Accept: */*" 200 application/json - $P "$STREAM" -H "$K" -H "$V"
  check "stream, bad body, Accept: text/event-stream" 422 application/json "required property 'max_tokens'" $P \
    '{"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Hi"}]}' -H "$K" -H "$V" -H "$SSE"
  ;;
*) echo "selfcheck: unknown spec $spec" >&2; exit 2 ;;
esac
echo "prism-$spec: $passed passed, $failed failed"
[ $failed = 0 ]
