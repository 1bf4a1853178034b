#!/usr/bin/env bash
# Participatory budgeting ballots under load (issue 22's target: ballot submit p95 < 50 ms on SQLite and PostgreSQL,
# no ballot lost or doubled), on SQLite and on PostgreSQL. For each database: `chorus seed-demo` (its Harbourside
# Community Fund 2027 is open for voting: a knapsack ballot, a whole-borough pot and a Quayside pot), `chorus pb-bench
# seed` (C + 1 residents with a ward, half of them in Quayside, each with a session), `chorus serve`, then
# bench/pb_load_bench.py:
#   load   three runs, each voter looping GET ballot page -> POST a random valid ballot: one voter alone (10 s: what a
#          submit costs with no queue), C voters at once for S seconds with no pause (the server's capacity), and C
#          voters for S seconds pausing THINK s on the page (0.5 to 1.5 times); submit and page percentiles, errors by
#          status for each; then the server is stopped and `chorus pb-bench check` compares every
#          voter's stored ballot with their last acknowledged one (expect C with exactly one ballot, all matching);
#   burst  the voter kept out of the load sends 20 different ballots at once; after the server stops, the check must
#          find exactly one ballot for them, holding one of the 20 (it prints which).
#
#   swift build -c release --product chorus --scratch-path .build-release     # once
#   bench/run_pb_load_bench.sh [path/to/release/chorus]
#   BENCH_SMOKE=1 bench/run_pb_load_bench.sh                                  # quick: 8 voters, 5 s
#
# Environment: BENCH_CONCURRENCY=64, BENCH_SECONDS=30, BENCH_THINK=3, BENCH_BURST=20, BENCH_DATABASES="sqlite postgres",
# PGPORT_TEST=55462, BENCH_OUT=dir (keep the seed output, expected ballots and server logs; default a temp dir).
# It measures and prints; nothing is compared with a threshold (the target is printed beside the measured p95).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
if [ "${BENCH_SMOKE:-0}" = 1 ]; then d_conc=8 d_sec=5; else d_conc=64 d_sec=30; fi
conc=${BENCH_CONCURRENCY:-$d_conc}
seconds=${BENCH_SECONDS:-$d_sec}
burst=${BENCH_BURST:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-pb-load.XXXXXX")
out=${BENCH_OUT:-$work/out}
mkdir -p "$out"
cp "$bin" "$work/chorus"
pg_dir="" server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir" >/dev/null; fi
  if [ -z "${BENCH_OUT:-}" ]; then rm -rf "$work"; else rm -rf "$work/chorus" "$work/data"; fi
}
trap cleanup EXIT INT TERM
# free_port, wait_healthy, machine_lines; CHORUS_EMBEDDINGS=off
. "$root/bench/benchlib.sh"
machine_lines
echo "binary:    $bin ($(stat -c %y "$bin" | cut -d. -f1)), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"
echo "run:       1 voter alone, then $conc voters at once for $seconds s with no pause and with ${BENCH_THINK:-3} s on the page, then one voter sending $burst ballots at once"
echo "uptime:    $(uptime)"

serve() {  # $1 = log; sets server_pid and base
  local port; port=$(free_port)
  CHORUS_HOST=127.0.0.1 CHORUS_PORT=$port "$work/chorus" serve >>"$1" 2>&1 &
  server_pid=$!
  base=http://127.0.0.1:$port
  wait_healthy "$port" "$1" 600
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
check() {  # $1 = round, $2 = expect file
  "$work/chorus" pb-bench check --round "$1" --expect "$2" 2>&1 | grep -v '^\[ INFO \]' | sed 's/^/  /'
}

for db in ${BENCH_DATABASES:-sqlite postgres}; do
  echo
  echo "=== $db"
  pm=()
  case $db in
    sqlite)
      export CHORUS_DATA_DIR=$work/data
      rm -rf "$CHORUS_DATA_DIR"
      unset DATABASE_URL ;;
    postgres)
      export PGPORT_TEST=${PGPORT_TEST:-55462}
      eval "$("$root/scripts/pg-test-cluster.sh" start)"
      pg_dir=$CHORUS_PG_DIR
      export CHORUS_DATA_DIR=$work/pgdata
      pm=(--postmaster-pid "$(head -1 "$pg_dir/data/postmaster.pid")") ;;
  esac
  "$work/chorus" seed-demo 2>&1 | grep -v '^\[ INFO \]' | tail -1
  "$work/chorus" pb-bench seed --voters $((conc + 1)) 2>&1 | grep -v '^\[ INFO \]' >"$out/$db-seeded.txt"
  round=$(awk '/^round /{print $2}' "$out/$db-seeded.txt")
  echo "round $round: $(grep -c '^project ' "$out/$db-seeded.txt") projects in $(grep -c '^pot ' "$out/$db-seeded.txt") pots," \
    "$(grep -c '^voter ' "$out/$db-seeded.txt") voters seeded ($(grep -c '^voter .* Quayside$' "$out/$db-seeded.txt") in Quayside)"

  serve "$out/$db-server.log"
  python3 "$root/bench/pb_load_bench.py" load --base "$base" --seeded "$out/$db-seeded.txt" --expect-out "$out/$db-expect-load.json" \
    --database "$db" --server-pid "$server_pid" "${pm[@]}" --concurrency "$conc" --seconds "$seconds" --think "${BENCH_THINK:-3}"
  stop_server
  echo "  check (server stopped; expect $conc with exactly one ballot, $conc matching):"
  check "$round" "$out/$db-expect-load.json"

  serve "$out/$db-server.log"
  python3 "$root/bench/pb_load_bench.py" burst --base "$base" --seeded "$out/$db-seeded.txt" --expect-out "$out/$db-expect-burst.json" \
    --database "$db" --n "$burst"
  stop_server
  echo "  check (expect exactly one ballot, equal to one of the $burst sets):"
  check "$round" "$out/$db-expect-burst.json"
  if grep -q "Fatal\|\[ ERROR \]" "$out/$db-server.log"; then
    echo "  server log errors (first 5 of $(grep -c "Fatal\|\[ ERROR \]" "$out/$db-server.log")):"
    grep "Fatal\|\[ ERROR \]" "$out/$db-server.log" | head -5 | cut -c1-300 | sed 's/^/    /'
  fi
  if [ "$db" = postgres ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir" >/dev/null; pg_dir=""; unset DATABASE_URL; fi
done
echo
echo "uptime:    $(uptime)"
if [ -n "${BENCH_OUT:-}" ]; then echo "seed output, expected ballots and server logs: $out"; fi
