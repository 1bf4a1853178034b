#!/usr/bin/env bash
# CSV import benchmark: a realistic survey export of 10,000 and 100,000 rows through the real HTTP import flow
# (upload → mapping → run → poll the job page), on SQLite and PostgreSQL, with the server's memory sampled.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once
#   bench/run_import_bench.sh [path/to/release/chorus]                       # default .build-release/release/chorus
#
# For each database: `chorus seed-demo` once into a fresh data directory (for PostgreSQL a throwaway cluster from
# scripts/pg-test-cluster.sh on port $PGPORT_TEST, default 55460), then for each size a fresh copy of that
# seeded database (SQLite: a copy of the folder; PostgreSQL: CREATE DATABASE … TEMPLATE), a fresh `chorus serve`
# (so its peak memory, VmHWM, belongs to that one import) and bench/import_bench.py, which generates the file, signs in
# as the demo admin, uploads, starts the job with "Import the valid rows" ticked and polls the job page until it is
# done, sampling the server's resident memory. A table comes at the end. It measures and prints; nothing is compared
# with a threshold.
#
# Environment (all optional):
#   BENCH_IMPORT_ROWS="10000 100000"     file sizes, in rows (about 1% of them bad on purpose)
#   BENCH_DATABASES="sqlite postgres"    which databases
#   BENCH_OUT=dir                        keep JSON results and server logs here (default: a temp dir, printed)
#   BENCH_KEEP_DATA=1                    keep the data directories and the PostgreSQL cluster (paths printed)
#   TMPDIR=dir                           where data directories and the cluster are made (default /tmp)
#   PGPORT_TEST=55460                    port of the throwaway PostgreSQL cluster
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
sizes=${BENCH_IMPORT_ROWS:-10000 100000}
databases=${BENCH_DATABASES:-sqlite postgres}
export PGPORT_TEST=${PGPORT_TEST:-55460}
out=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/chorus-import-bench.XXXXXX")}
mkdir -p "$out"
keep=${BENCH_KEEP_DATA:-0}

# free_port, wait_healthy, machine_lines
. "$root/bench/benchlib.sh"

server_pid="" pg_dir="" dirs=()
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
  if [ "$keep" != 1 ]; then
    if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; fi
    for d in "${dirs[@]}"; do rm -rf "$d"; done
  fi
  pg_dir="" dirs=()
}
trap cleanup EXIT INT TERM

serve_and_import() {  # $1 = database label, $2 = rows, $3 = data dir; DATABASE_URL set or not
  local db=$1 rows=$2 dir=$3 port
  port=$(free_port)
  CHORUS_DATA_DIR=$dir CHORUS_HOST=127.0.0.1 CHORUS_PORT=$port "$bin" serve >"$out/$db-$rows-server.log" 2>&1 &
  server_pid=$!
  wait_healthy "$port" "$out/$db-$rows-server.log" 600
  echo "load before $db $rows: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
  local postmaster=()
  [ -n "$pg_dir" ] && postmaster=(--postmaster-pid "$(head -1 "$pg_dir/data/postmaster.pid")")
  python3 "$root/bench/import_bench.py" --base-url "http://127.0.0.1:$port" --rows "$rows" --server-pid "$server_pid" \
    "${postmaster[@]}" --csv "$out/survey-$rows.csv" --json-out "$out/$db-$rows.json"
  echo "load after $db $rows: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
  rm -f "$out/survey-$rows.csv"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

run_sqlite() {
  local template; template=$(mktemp -d "${TMPDIR:-/tmp}/chorus-import-sqlite.XXXXXX"); dirs+=("$template")
  unset DATABASE_URL || true
  echo "=== sqlite: seed-demo into $template"
  CHORUS_DATA_DIR=$template "$bin" seed-demo >"$out/sqlite-seed.log" 2>&1 || { cat "$out/sqlite-seed.log" >&2; exit 1; }
  for rows in $sizes; do
    local dir="$template-$rows"; dirs+=("$dir")
    rm -rf "$dir"; cp -a "$template" "$dir"
    serve_and_import sqlite "$rows" "$dir"
  done
}

run_postgres() {
  local base template_dir
  eval "$("$root/scripts/pg-test-cluster.sh" start)"
  pg_dir=$CHORUS_PG_DIR
  base=${DATABASE_URL%/*}
  template_dir=$(mktemp -d "${TMPDIR:-/tmp}/chorus-import-pg.XXXXXX"); dirs+=("$template_dir")
  echo "=== postgres: seed-demo into $DATABASE_URL"
  CHORUS_DATA_DIR=$template_dir "$bin" seed-demo >"$out/postgres-seed.log" 2>&1 || { cat "$out/postgres-seed.log" >&2; exit 1; }
  for rows in $sizes; do
    psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS import_$rows" -c "CREATE DATABASE import_$rows TEMPLATE chorus_test"
    local dir="$template_dir-$rows"; dirs+=("$dir"); mkdir -p "$dir"
    DATABASE_URL="$base/import_$rows" serve_and_import postgres "$rows" "$dir"
  done
  unset DATABASE_URL
}

{ machine_lines; echo "binary:    $bin ($(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')), HEAD $(git -C "$root" rev-parse --short HEAD)"; } | tee "$out/machine.txt"
for db in $databases; do
  case $db in
    sqlite) run_sqlite ;;
    postgres) run_postgres ;;
    *) echo "unknown database $db" >&2; exit 1 ;;
  esac
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
echo
echo "=== Results"
cat "$out/machine.txt"
echo
python3 "$root/bench/import_bench.py" --compare $(for db in $databases; do for rows in $sizes; do echo "$out/$db-$rows.json"; done; done)
if [ "$keep" = 1 ]; then echo "kept: ${dirs[*]} ${pg_dir:+and the cluster $pg_dir}"; fi
echo "JSON results and server logs: $out"
