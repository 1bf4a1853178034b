#!/usr/bin/env bash
# Survey benchmark (issue 21): a 30-question survey with 100,000 sent responses, on SQLite and on PostgreSQL:
# 64 respondents answering at once (page and submit times), the results page (cold, then cached), the CSV export of
# every response (time and the server's memory) beside a plain read of the same rows, and kill -9 during 64-way
# submission (acknowledged responses against stored ones). See bench/survey_bench.py.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once
#   bench/run_survey_bench.sh [path/to/release/chorus]
#   BENCH_SMOKE=1 bench/run_survey_bench.sh                                   # quick: 2,000 responses, 8 respondents, 5 s
#
# Environment: BENCH_RESPONSES=100000, BENCH_CONCURRENCY=64, BENCH_SECONDS=30, BENCH_KILLS=3, BENCH_KILL_SECONDS=20,
# BENCH_DATABASES="sqlite postgres", PGPORT_TEST=55461. It measures and prints; nothing is compared with a threshold.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
if [ "${BENCH_SMOKE:-0}" = 1 ]; then d_resp=2000 d_conc=8 d_sec=5 d_kills=1 d_ksec=6; else d_resp=100000 d_conc=64 d_sec=30 d_kills=3 d_ksec=20; fi
responses=${BENCH_RESPONSES:-$d_resp}
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-survey-bench.XXXXXX")
cp "$bin" "$work/chorus"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir" >/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
. "$root/bench/benchlib.sh"
machine_lines
echo "binary:    $bin ($(stat -c %y "$bin" | cut -d. -f1))"
echo "responses: $responses"

for db in ${BENCH_DATABASES:-sqlite postgres}; do
  echo
  echo "=== $db"
  args=()
  case $db in
    sqlite)
      export CHORUS_DATA_DIR=$work/data
      unset DATABASE_URL
      args=(--data-dir "$CHORUS_DATA_DIR") ;;
    postgres)
      unset CHORUS_DATA_DIR
      export PGPORT_TEST=${PGPORT_TEST:-55461}
      eval "$("$root/scripts/pg-test-cluster.sh" start)"
      pg_dir=$CHORUS_PG_DIR
      export CHORUS_DATA_DIR=$work/pgdata
      args=(--database-url "$DATABASE_URL") ;;
  esac
  "$work/chorus" seed-demo 2>&1 | grep -v '^\[ INFO \]' | tail -1
  seeded=$("$work/chorus" survey-bench seed --responses "$responses" 2>&1 | grep -v '^\[ INFO \]')
  echo "$seeded" | tail -2
  survey=$(echo "$seeded" | awk '/^survey /{print $2}')
  python3 "$root/bench/survey_bench.py" --binary "$work/chorus" "${args[@]}" --survey "$survey" \
    --concurrency "${BENCH_CONCURRENCY:-$d_conc}" --seconds "${BENCH_SECONDS:-$d_sec}" \
    --kills "${BENCH_KILLS:-$d_kills}" --kill-seconds "${BENCH_KILL_SECONDS:-$d_ksec}"
  if [ "$db" = postgres ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir" >/dev/null; pg_dir=""; unset DATABASE_URL; fi
done
