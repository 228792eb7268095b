#!/bin/sh
# Runs COMMAND against a Prism mock server for one of tests/data's specs:
#
#   sh tests/prism/run.sh openai|anthropic -- COMMAND ARGS...
#
# Installs Prism (npm ci) if needed, normalises the spec (normalize.mjs) into
# a temporary directory, starts `prism mock` on 127.0.0.1 on a free port in
# static mode with request validation on, waits until it answers, then runs
# COMMAND with these in its environment:
#   PRISM_URL       http://127.0.0.1:PORT
#   PRISM_BASE_URL  the base URL to give a client: $PRISM_URL/v1 for openai
#                   (paths /v1/chat/completions, ...), $PRISM_URL for
#                   anthropic (whose client appends /v1/messages)
#   PRISM_LOG       Prism's log (every request, and why it was rejected)
# Prism is always stopped afterwards; the exit status is COMMAND's.
#
# Environment knobs:
#   PRISM_TIMEOUT   Prism's longest life in seconds (default 300): a backstop
#                   that stops it even if this script is killed with SIGKILL
#                   (a watchdog also stops it within ~1 s of this script dying)
#   PRISM_LOG       if set, Prism logs there (kept) instead of the temp dir
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
me="prism/run.sh"

usage() { echo "usage: sh tests/prism/run.sh openai|anthropic -- COMMAND ARGS..." >&2; exit 2; }
if [ $# -lt 3 ] || [ "$2" != "--" ]; then usage; fi
name=$1; shift 2
case $name in
  openai)    spec=$root/tests/data/openai-openapi.yaml; base_path=/v1 ;;
  anthropic) spec=$root/tests/data/anthropic-openapi.json; base_path= ;;
  *) usage ;;
esac
command -v node >/dev/null || { echo "$me: node is required" >&2; exit 2; }
command -v curl >/dev/null || { echo "$me: curl is required" >&2; exit 2; }
lifetime=${PRISM_TIMEOUT:-300}
ready_limit=60   # seconds to wait for Prism to answer

if [ ! -e "$here/node_modules/@stoplight/prism-cli/dist/index.js" ] ||
   [ ! -e "$here/node_modules/js-yaml/package.json" ]; then
  echo "$me: installing Prism (npm ci --prefix tests/prism)" >&2
  npm ci --prefix "$here" --no-audit --no-fund >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/llm-prism.XXXXXX")
log=${PRISM_LOG:-$tmp/prism.log}
prism_pid=
watch_pid=

stop_prism() {
  if [ -n "$watch_pid" ]; then kill "$watch_pid" 2>/dev/null || true; fi
  watch_pid=
  [ -n "$prism_pid" ] || return 0
  kill "$prism_pid" 2>/dev/null || true
  i=0
  while kill -0 "$prism_pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  kill -9 "$prism_pid" 2>/dev/null || true
  wait "$prism_pid" 2>/dev/null || true
  prism_pid=
}
# shellcheck disable=SC2317  # (called by the trap)
cleanup() { stop_prism; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

node "$here/normalize.mjs" "$spec" "$tmp/$name.json"

free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Starts Prism on a free port and waits until it answers. Returns 1 if the
# port was taken meanwhile (the caller retries), exits on any other failure.
start_prism() {
  port=$(free_port)
  url=http://127.0.0.1:$port
  : >"$log"
  # Static mode (answers are the spec's examples, or built from its
  # schemas), request validation on (Prism's default: an invalid request
  # gets 422). timeout is the lifetime backstop: it stops Prism (its child)
  # with TERM, and KILL 5 s later if need be.
  timeout -k 5 "$lifetime" node "$here/node_modules/.bin/prism" mock \
    --host 127.0.0.1 --port "$port" --dynamic=false \
    "$tmp/$name.json" >"$log" 2>&1 </dev/null &
  prism_pid=$!
  # Watchdog: stops Prism within ~1 s once this script is gone (even by
  # SIGKILL, which no trap sees). Bounded by Prism's lifetime.
  parent=$$
  (
    i=0
    while [ $i -lt $((lifetime + 10)) ] && kill -0 "$parent" 2>/dev/null &&
          kill -0 "$prism_pid" 2>/dev/null; do
      sleep 1; i=$((i + 1))
    done
    kill "$prism_pid" 2>/dev/null
  ) >/dev/null 2>&1 </dev/null &
  watch_pid=$!

  t0=$(date +%s)
  i=0
  while :; do
    # Ready once Prism says it listens (so that the answer is not from
    # another server that took the port) and answers HTTP (any status).
    if grep -q "Prism is listening" "$log" &&
       curl -s -o /dev/null -m 2 "$url/" 2>/dev/null; then
      echo "$me: Prism $name ready at $url after $(($(date +%s) - t0)) s" >&2
      return 0
    fi
    if ! kill -0 "$prism_pid" 2>/dev/null; then
      if grep -q EADDRINUSE "$log"; then stop_prism; return 1; fi
      echo "$me: Prism exited before answering; its log:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    i=$((i + 1))
    if [ $(($(date +%s) - t0)) -ge $ready_limit ] || [ $i -ge $((ready_limit * 4)) ]; then
      echo "$me: Prism did not answer on $url within $ready_limit s; giving up. Its log:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    sleep 0.25
  done
}

attempt=1
until start_prism; do
  [ $attempt -lt 3 ] || { echo "$me: no free port after $attempt tries" >&2; exit 1; }
  attempt=$((attempt + 1))
done

PRISM_URL=$url
PRISM_BASE_URL=$url$base_path
PRISM_LOG=$log
export PRISM_URL PRISM_BASE_URL PRISM_LOG
status=0
"$@" || status=$?
if ! kill -0 "$prism_pid" 2>/dev/null; then
  echo "$me: warning: Prism had stopped before COMMAND ended (lifetime PRISM_TIMEOUT=$lifetime s?); log tail:" >&2
  tail -n 5 "$log" >&2
fi
exit $status
