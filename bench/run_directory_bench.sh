#!/usr/bin/env bash
# Directory benchmark (issue 25), SQLite and PostgreSQL side by side on the same synthetic directory.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once, ~20-30 min on 2 cores
#   bench/run_directory_bench.sh [path/to/release/chorus]                    # default .build-release/release/chorus
#
# For each database: a fresh temporary data directory (and for PostgreSQL a throwaway cluster from
# scripts/pg-test-cluster.sh), `chorus seed-demo`, `chorus seed-directory-bench --services $BENCH_SERVICES --locations
# $BENCH_LOCATIONS`, `chorus serve` on a free port and bench/directory_bench.py (the timed requests: the Open Referral UK
# services list, paged and filtered, one service, the staff directory search and the residents' finder). Then,
# untimed, the server is restarted with LOG_LEVEL=debug and each endpoint requested once more to count the SQL
# statements it runs; their plans are printed (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE in psql). A
# side-by-side table with the PostgreSQL / SQLite ratio comes at the end. Nothing is compared with a threshold: the
# 50 ms p95 target is printed for reference. See bench/README.md, "Directory".
#
# Environment (all optional):
#   BENCH_SERVICES=20000  BENCH_LOCATIONS=5000     synthetic directory (seed-directory-bench)
#   BENCH_N=200  BENCH_WARMUP=10                   timed requests per endpoint, untimed warm-up
#   BENCH_DATABASES="sqlite postgres"              which databases to run
#   BENCH_OUT=dir                                  keep the JSON results, logs and plans here (default: a temp dir, printed)
#   BENCH_KEEP_DATA=1                              keep the SQLite data directory (path printed)
#   BENCH_TRACE=0                                  skip the SQL count and the plans (saves about a minute per database)
#   PGPORT_TEST=port                               port of the throwaway PostgreSQL cluster (default: a free one)
#   BENCH_EXACT_SQLITE=1                           print the SQLite plans with the server's own SQLite version (compiles it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

services=${BENCH_SERVICES:-20000}
locations=${BENCH_LOCATIONS:-5000}
n=${BENCH_N:-200}
warmup=${BENCH_WARMUP:-10}
databases=${BENCH_DATABASES:-sqlite postgres}
trace=${BENCH_TRACE:-1}
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-dirbench.XXXXXX)}
mkdir -p "$out"

server_pid="" data_dir="" pg_dir=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; pg_dir=""; fi
  if [ -n "$data_dir" ] && [ "${BENCH_KEEP_DATA:-0}" != 1 ]; then rm -rf "$data_dir"; fi
  data_dir=""
}
trap cleanup EXIT INT TERM

# free_port, wait_healthy, machine_lines
. "$root/bench/benchlib.sh"

machine() {
  machine_lines
  echo "binary:    $bin ($(file -b "$bin" 2>/dev/null | cut -d, -f1-2))"
  local src_commit src_time bin_time
  src_commit=$(git -C "$root" log -1 --format=%h -- Sources Package.swift 2>/dev/null || true)
  src_time=$(git -C "$root" log -1 --format=%ct -- Sources Package.swift 2>/dev/null || echo 0)
  bin_time=$(stat -c %Y "$bin")
  echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null), last change to Sources $src_commit$(git -C "$root" diff --quiet HEAD -- Sources 2>/dev/null || echo ', Sources modified in the working tree')"
  if [ "${src_time:-0}" -gt "$bin_time" ]; then
    echo "WARNING:   the binary ($(date -u -d "@$bin_time" '+%H:%M UTC')) is older than commit $src_commit: rebuild to measure the current code"
  fi
  local server_sqlite
  server_sqlite=$(cat "$root"/.build*/checkouts/sqlite-nio/Sources/*/version.txt 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  echo "sqlite:    server ${server_sqlite:-unknown} (SQLiteNIO, bundled); query plans below from $([ -n "$sqlite_lib" ] && echo "the same version, compiled" || echo "python's $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')")"
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  echo "postgres:  $([ -n "$pgbin" ] && "$pgbin/postgres" --version || echo none) (scripts/pg-test-cluster.sh: fsync=off, synchronous_commit=off; default shared_buffers)"
  echo "data:      seed-demo + seed-directory-bench --services $services --locations $locations; $n requests per endpoint, $warmup warm-up"
}

run_one() {  # $1 = sqlite | postgres
  local db=$1 port
  data_dir=$(mktemp -d /tmp/chorus-dirbench-data.XXXXXX)
  export CHORUS_DATA_DIR=$data_dir CHORUS_HOST=127.0.0.1
  unset DATABASE_URL CHORUS_DEMO || true
  if [ "$db" = postgres ]; then
    eval "$("$root/scripts/pg-test-cluster.sh" start)"
    pg_dir=$CHORUS_PG_DIR
    export DATABASE_URL
  fi
  echo
  echo "=== $db: seeding (data dir $data_dir${DATABASE_URL:+, $DATABASE_URL})"
  "$bin" seed-demo >"$out/$db-seed.log" 2>&1 || { cat "$out/$db-seed.log" >&2; exit 1; }
  "$bin" seed-directory-bench --services "$services" --locations "$locations" 2>&1 | tee -a "$out/$db-seed.log" | grep -v '^\s*$' | tail -2
  port=$(free_port)
  CHORUS_PORT=$port "$bin" serve >"$out/$db-server.log" 2>&1 &
  server_pid=$!
  wait_healthy "$port" "$out/$db-server.log" 150
  local postmaster=()
  [ -n "$pg_dir" ] && postmaster=(--postmaster-pid "$(head -1 "$pg_dir/data/postmaster.pid")")
  python3 "$root/bench/directory_bench.py" --base-url "http://127.0.0.1:$port" --database "$db" -n "$n" --warmup "$warmup" \
    --json-out "$out/$db.json" --server-pid "$server_pid" "${postmaster[@]}"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [ "$trace" = 1 ]; then
    # Untimed: each endpoint once more with SQL logging on, to count statements per request; then their plans.
    port=$(free_port)
    LOG_LEVEL=debug CHORUS_PORT=$port "$bin" serve >"$out/$db-server-debug.log" 2>&1 &
    server_pid=$!
    wait_healthy "$port" "$out/$db-server-debug.log" 150
    python3 "$root/bench/directory_bench.py" --trace --server-log "$out/$db-server-debug.log" --base-url "http://127.0.0.1:$port" \
      --database "$db" --json-out "$out/$db-trace.json" >"$out/$db-trace.txt"
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    if [ "$db" = sqlite ]; then
      local with_lib=()
      [ -n "$sqlite_lib" ] && with_lib=(env "LD_LIBRARY_PATH=$sqlite_lib")
      "${with_lib[@]}" python3 "$root/bench/directory_bench.py" --explain "$data_dir/chorus.sqlite" --trace-json "$out/sqlite-trace.json" >"$out/sqlite-plans.txt"
    else
      python3 "$root/bench/directory_bench.py" --pg-explain "$DATABASE_URL" --trace-json "$out/postgres-trace.json" >"$out/postgres-plans.txt"
    fi
  fi
  if [ "$db" = postgres ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; pg_dir=""; unset DATABASE_URL; fi
  if [ "${BENCH_KEEP_DATA:-0}" = 1 ] && [ "$db" = sqlite ]; then echo "kept $data_dir"; else rm -rf "$data_dir"; fi
  data_dir=""
}

# The plans below with the server's own SQLite when BENCH_EXACT_SQLITE=1 (benchlib.sh).
sqlite_lib=$(exact_sqlite_lib "$out")

machine | tee "$out/machine.txt"
for db in $databases; do run_one "$db"; done
echo "load after: $(cut -d" " -f1-3 /proc/loadavg)" >>"$out/machine.txt"

echo
echo "=== Results (wall clock per request, client-side; ms)"
cat "$out/machine.txt"
echo
python3 "$root/bench/directory_bench.py" --compare $(for db in $databases; do echo "$out/$db.json"; done)
for db in $databases; do [ -f "$out/$db-trace.txt" ] && { echo; cat "$out/$db-trace.txt"; }; done
for db in $databases; do [ -f "$out/$db-plans.txt" ] && { echo; cat "$out/$db-plans.txt"; }; done
echo
echo "JSON results, seed and server logs, plans: $out"
