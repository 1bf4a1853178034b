#!/usr/bin/env bash
# Insight-store benchmark, SQLite and PostgreSQL side by side on the same 1,000,000 synthetic insights.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once, ~15 min on 2 cores
#   bench/run_insight_bench.sh [path/to/release/chorus]                      # default .build-release/release/chorus
#
# For each database: a fresh temporary data directory (and for PostgreSQL a throwaway cluster from
# scripts/pg-test-cluster.sh on port $PGPORT_TEST, default 55450), `chorus seed-demo`, `chorus seed-bench --insights
# $BENCH_INSIGHTS --years $BENCH_YEARS`, `chorus serve` on a free port and bench/insight_bench.py (the timed requests,
# as the demo admin and as an officer of a second organisation). Then, untimed, the server is restarted with
# LOG_LEVEL=debug and each endpoint is requested once more to count the SQL statements it runs, and the plans of
# the insight statements are printed (SQLite: EXPLAIN QUERY PLAN, timed in python; PostgreSQL: EXPLAIN ANALYZE in
# psql). A side-by-side table comes at the end. It measures and prints; nothing is compared with a threshold.
#
# Environment (all optional):
#   BENCH_INSIGHTS=1000000  BENCH_YEARS=5       synthetic data (seed-bench --insights)
#   BENCH_N=100  BENCH_WARMUP=5                  timed requests per endpoint (CSV: half), untimed warm-up
#   BENCH_USERS=both                             both | admin | partner
#   BENCH_ONLY=regex                             only the endpoints whose name matches
#   BENCH_DATABASES="sqlite postgres"            which databases to run
#   BENCH_OUT=dir                                keep JSON results, logs, traces and plans here (default: a temp dir, printed)
#   BENCH_KEEP_DATA=1                            keep the SQLite data directory and the PostgreSQL cluster (paths printed)
#   BENCH_SQLITE_DIR=dir                         use this already seeded SQLite data directory (no seeding; it is kept)
#   BENCH_PG_DIR=dir                             use this running cluster from scripts/pg-test-cluster.sh (no seeding; kept)
#   PGPORT_TEST=55450                            port of the throwaway PostgreSQL cluster
#   BENCH_PG_SHARED_BUFFERS=1GB                  its shared_buffers (PostgreSQL's own default, 128MB, is far below
#                                                the usual quarter of RAM; at 128MB a search's heap pages come
#                                                through the OS cache)
#   BENCH_EXACT_SQLITE=1                         print the SQLite plans with the server's own SQLite version (compiles it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

insights=${BENCH_INSIGHTS:-1000000}
years=${BENCH_YEARS:-5}
n=${BENCH_N:-100}
warmup=${BENCH_WARMUP:-5}
users=${BENCH_USERS:-both}
only=${BENCH_ONLY:-}
databases=${BENCH_DATABASES:-sqlite postgres}
export PGPORT_TEST=${PGPORT_TEST:-55450}
export PG_TEST_SETTINGS="-c shared_buffers=${BENCH_PG_SHARED_BUFFERS:-1GB}"
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-insight-bench.XXXXXX)}
mkdir -p "$out"
keep=${BENCH_KEEP_DATA:-0}

server_pid="" data_dir="" pg_dir="" own_data=0 own_pg=0
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
  if [ -n "$pg_dir" ] && [ "$own_pg" = 1 ] && [ "$keep" != 1 ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; fi
  pg_dir=""
  if [ -n "$data_dir" ] && [ "$own_data" = 1 ] && [ "$keep" != 1 ]; then rm -rf "$data_dir"; fi
  data_dir=""
}
trap cleanup EXIT INT TERM

# free_port, wait_healthy, machine_lines
. "$root/bench/benchlib.sh"

machine() {
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
  echo "binary:    $bin ($(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC'))"
  local src_commit newer
  src_commit=$(git -C "$root" log -1 --format=%h -- Sources Package.swift 2>/dev/null || true)
  echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null), last change to Sources $src_commit$(git -C "$root" diff --quiet HEAD -- Sources 2>/dev/null || echo ', Sources modified in the working tree')"
  # A source file written after the binary was linked means the binary may not be the code in the tree.
  newer=$(cd "$root" && find Sources Package.swift -type f -newer "$bin" 2>/dev/null | head -3 | tr '\n' ' ' || true)
  if [ -n "$newer" ]; then
    echo "WARNING:   source files changed after the binary was built ($newer): rebuild to measure the current code"
  fi
  local server_sqlite
  server_sqlite=$(cat "$root"/.build*/checkouts/sqlite-nio/Sources/*/version.txt 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  echo "sqlite:    server ${server_sqlite:-unknown} (SQLiteNIO, bundled); query plans below from $([ -n "$sqlite_lib" ] && echo "the same version, compiled" || echo "python's $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')")"
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  echo "postgres:  $([ -n "$pgbin" ] && "$pgbin/postgres" --version || echo none) (scripts/pg-test-cluster.sh: fsync=off, synchronous_commit=off; shared_buffers ${BENCH_PG_SHARED_BUFFERS:-1GB}, unless BENCH_PG_DIR)"
  echo "load:      $(cut -d" " -f1-3 /proc/loadavg) (1/5/15 min load average before the run; other work on the machine skews timings)"
  echo "data:      seed-demo + seed-bench --insights $insights --years $years; $n requests per endpoint (CSV $((n / 2 > 10 ? n / 2 : 10))), $warmup warm-up; users: $users"
}


run_one() {  # $1 = sqlite | postgres
  local db=$1 port
  unset DATABASE_URL CHORUS_DEMO || true
  own_data=0 own_pg=0
  if [ "$db" = sqlite ] && [ -n "${BENCH_SQLITE_DIR:-}" ]; then
    data_dir=$BENCH_SQLITE_DIR
  else
    data_dir=$(mktemp -d /tmp/chorus-insight-data.XXXXXX); own_data=1
  fi
  export CHORUS_DATA_DIR=$data_dir CHORUS_HOST=127.0.0.1
  local seed=1
  if [ "$db" = postgres ]; then
    if [ -n "${BENCH_PG_DIR:-}" ]; then
      pg_dir=$BENCH_PG_DIR
      DATABASE_URL="postgres://chorus@127.0.0.1:$(sed -n 4p "$pg_dir/data/postmaster.pid")/chorus_test"
      seed=0
    else
      eval "$("$root/scripts/pg-test-cluster.sh" start)"
      pg_dir=$CHORUS_PG_DIR; own_pg=1
    fi
    export DATABASE_URL
  elif [ "$own_data" = 0 ]; then
    seed=0
  fi
  echo
  echo "=== $db: data dir $data_dir${DATABASE_URL:+, $DATABASE_URL}"
  if [ "$seed" = 1 ]; then
    echo "seeding: seed-demo, then seed-bench --insights $insights --years $years"
    local t0=$SECONDS
    "$bin" seed-demo >"$out/$db-seed.log" 2>&1 || { cat "$out/$db-seed.log" >&2; exit 1; }
    "$bin" seed-bench --insights "$insights" --years "$years" 2>&1 | tee -a "$out/$db-seed.log" | grep -v '^\s*$'
    echo "seeded in $((SECONDS - t0)) s (seed-demo included)" | tee -a "$out/$db-seed.log"
  fi
  if [ "$db" = sqlite ]; then du -sh "$data_dir" | sed 's/^/size:      /'; fi
  if [ "$db" = postgres ]; then du -sh "$pg_dir/data" | sed 's/^/size:      /'; fi
  port=$(free_port)
  local t1=$SECONDS
  CHORUS_PORT=$port "$bin" serve >"$out/$db-server.log" 2>&1 &
  server_pid=$!
  wait_healthy "$port" "$out/$db-server.log"
  echo "server up in $((SECONDS - t1)) s (migrations included)"
  local postmaster=()
  [ -n "$pg_dir" ] && postmaster=(--postmaster-pid "$(head -1 "$pg_dir/data/postmaster.pid")")
  local only_arg=()
  [ -n "$only" ] && only_arg=(--only "$only")
  python3 "$root/bench/insight_bench.py" --base-url "http://127.0.0.1:$port" --database "$db" -n "$n" --warmup "$warmup" \
    --users "$users" "${only_arg[@]}" --json-out "$out/$db.json" --server-pid "$server_pid" "${postmaster[@]}"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  # Untimed: the same endpoints once more with SQL logging on, to count statements per request and explain them.
  port=$(free_port)
  LOG_LEVEL=debug CHORUS_PORT=$port "$bin" serve >"$out/$db-server-debug.log" 2>&1 &
  server_pid=$!
  wait_healthy "$port" "$out/$db-server-debug.log"
  python3 "$root/bench/insight_bench.py" --trace --server-log "$out/$db-server-debug.log" --base-url "http://127.0.0.1:$port" \
    --database "$db" --json-out "$out/$db-trace.json" >"$out/$db-trace.txt"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [ "$db" = sqlite ]; then
    local with_lib=()
    [ -n "$sqlite_lib" ] && with_lib=(env "LD_LIBRARY_PATH=$sqlite_lib")
    "${with_lib[@]}" python3 "$root/bench/insight_bench.py" --explain "$data_dir/chorus.sqlite" --trace-json "$out/sqlite-trace.json" >"$out/sqlite-plans.txt"
  else
    python3 "$root/bench/insight_bench.py" --pg-explain "$DATABASE_URL" --trace-json "$out/postgres-trace.json" >"$out/postgres-plans.txt"
  fi
  if [ "$keep" = 1 ] || [ "$own_data" = 0 ]; then echo "kept data dir $data_dir"; fi
  if [ "$db" = postgres ] && { [ "$keep" = 1 ] || [ "$own_pg" = 0 ]; }; then echo "kept PostgreSQL cluster $pg_dir ($DATABASE_URL)"; fi
  cleanup
  unset DATABASE_URL || true
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
python3 "$root/bench/insight_bench.py" --compare $(for db in $databases; do echo "$out/$db.json"; done)
for db in $databases; do [ -f "$out/$db-trace.txt" ] && { echo; cat "$out/$db-trace.txt"; }; done
for db in $databases; do [ -f "$out/$db-plans.txt" ] && { echo; cat "$out/$db-plans.txt"; }; done
echo
echo "JSON results, seed and server logs, traces and plans: $out"
