#!/usr/bin/env bash
# Load benchmark (issue 19): public and signed-in pages under 32 and 200 concurrent connections, on SQLite and
# PostgreSQL, with a bare route measured in the same run as the ceiling. Measures and prints; passes or fails on
# nothing but a server that does not start or stop cleanly.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once
#   sudo apt-get install wrk                                                 # Debian's wrk
#   bench/run_load_bench.sh [path/to/release/chorus]                          # default .build-release/release/chorus
#
# For each database: a fresh data directory (PostgreSQL: a throwaway cluster from scripts/pg-test-cluster.sh),
# `chorus seed-demo`, optionally `chorus seed-bench --insights $BENCH_INSIGHTS` (the 1M-insight database:
# BENCH_INSIGHTS=1000000, about 10 minutes to seed on SQLite), `chorus serve`, then bench/load_bench.py. At the end
# the server gets SIGTERM and must exit 0 within 30 s (graceful shutdown, printed).
#
# Environment (all optional):
#   BENCH_DATABASES="sqlite postgres"  BENCH_SECONDS=10  BENCH_CONNECTIONS=32,200  BENCH_INSIGHTS=0
#   BENCH_OUT=dir (JSON rows and server logs; default a temp dir, printed)   PGPORT_TEST=55440
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "This benchmark drives Debian's wrk: sudo apt-get update && sudo apt-get install wrk" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
databases=${BENCH_DATABASES:-sqlite postgres}
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32,200}
insights=${BENCH_INSIGHTS:-0}
export PGPORT_TEST=${PGPORT_TEST:-55440}
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-load.XXXXXX)}
mkdir -p "$out"

server_pid="" data_dir="" pg_dir=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; pg_dir=""; fi
  if [ -n "$data_dir" ]; then rm -rf "$data_dir"; fi
  data_dir=""
}
trap cleanup EXIT INT TERM

# free_port, wait_healthy, machine_lines
. "$root/bench/benchlib.sh"

echo "Load benchmark: $bin"
machine_lines
echo "wrk:       $(wrk --version 2>&1 | head -1)"
echo "run:       $seconds s per page and concurrency; connections $connections; a request slower than 2 s counts as a timeout error"
echo "data:      seed-demo$([ "$insights" != 0 ] && echo " + seed-bench --insights $insights")"
echo "results:   $out"

for db in $databases; do
  data_dir=$(mktemp -d /tmp/chorus-load-data.XXXXXX)
  unset DATABASE_URL
  if [ "$db" = postgres ]; then
    eval "$("$root/scripts/pg-test-cluster.sh" start)"
    pg_dir=$CHORUS_PG_DIR
  fi
  export CHORUS_DATA_DIR=$data_dir
  port=$(free_port)
  export CHORUS_PORT=$port
  echo
  echo "== $db: seeding"
  (cd "$data_dir" && "$bin" seed-demo >"$out/$db-seed.log" 2>&1)
  if [ "$insights" != 0 ]; then (cd "$data_dir" && "$bin" seed-bench --insights "$insights" >>"$out/$db-seed.log" 2>&1); fi
  (cd "$data_dir" && exec "$bin" serve >"$out/$db-server.log" 2>&1) &
  server_pid=$!
  wait_healthy "$port" "$out/$db-server.log"
  echo "== $db: loading (label, connections, page, req/s, latency, errors, ratio to the bare route)"
  python3 "$root/bench/load_bench.py" "http://127.0.0.1:$port" --seconds "$seconds" --connections "$connections" \
    --label "$db" --out "$out/$db-rows.json"
  stopping=$SECONDS
  kill -TERM "$server_pid"
  status=0
  wait "$server_pid" || status=$?
  server_pid=""
  echo "== $db: SIGTERM -> exit status $status after $((SECONDS - stopping)) s"
  cleanup
done
