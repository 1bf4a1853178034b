#!/usr/bin/env bash
# The CI version of bench/run_load_bench.sh: the demo on SQLite, served by the debug build, every public and signed-in
# page of the load benchmark under 200 concurrent connections for a few seconds each with Debian's wrk. Fails on any
# answer that is not 2xx/3xx and on any connection error; prints the figures (a debug build's timings say little).
#   scripts/load-smoke.sh [path/to/chorus]      (default .build/debug/chorus)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build/debug/chorus}
command -v wrk >/dev/null || { echo "needs Debian's wrk: apt-get update && apt-get install wrk (.ci/run installs it)" >&2; exit 1; }
work=$(mktemp -d /tmp/chorus-load-smoke.XXXXXX)
cp "$bin" "$work/chorus"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
# free_port, wait_healthy
. "$root/bench/benchlib.sh"
unset DATABASE_URL
export CHORUS_DATA_DIR=$work/data CHORUS_PORT
CHORUS_PORT=$(free_port)
mkdir -p "$CHORUS_DATA_DIR"
(cd "$CHORUS_DATA_DIR" && "$work/chorus" seed-demo >"$work/seed.log" 2>&1)
(cd "$CHORUS_DATA_DIR" && exec "$work/chorus" serve >"$work/server.log" 2>&1) &
server_pid=$!
wait_healthy "$CHORUS_PORT" "$work/server.log"
python3 "$root/bench/load_bench.py" "http://127.0.0.1:$CHORUS_PORT" --seconds "${LOAD_SMOKE_SECONDS:-3}" --connections 200 \
  --signed-in-connections "${LOAD_SMOKE_SIGNED_IN:-8}" --label smoke --fail-on-errors || load_failed=1
# Straight after the load, with requests whose clients have gone still being handled: SIGTERM must exit 0.
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
echo "SIGTERM straight after the load: exit status $status"
if [ "$status" != 0 ]; then tail -30 "$work/server.log"; exit 1; fi
[ -z "${load_failed:-}" ]
