#!/usr/bin/env bash
# Crowdfunding close benchmark (issue 24): the close job over 1,000 all-or-nothing projects with 200 card pledges each
# (200,000 pledges: 1 in 50 on a card declined twice before it goes through, 1 in 100 on one declined every time), on
# SQLite and PostgreSQL, beside a reference that makes the same money movements as set-based SQL on a second copy of
# the same data.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once, ~15 min on 2 cores
#   bench/run_crowdfund_bench.sh [path/to/release/chorus]                     # default .build-release/release/chorus
#   BENCH_SMOKE=1 bench/run_crowdfund_bench.sh                                # quick check: 20 projects x 200 pledges
#
# For each database: two fresh databases (PostgreSQL: a throwaway cluster from scripts/pg-test-cluster.sh), each
# seeded by `chorus crowdfund-bench seed --projects N --pledges M` (Sources/Chorus/Features/Crowdfunding/CrowdfundBench.swift);
# then on the first `crowdfund-bench close`: the real close job (CrowdfundCloseJob.sweep) with an instant in-process
# card provider, at the deadline and at the two retries two days apart, each sweep timed; on the second
# `crowdfund-bench reference`: the same ledger entries and states written by a handful of INSERT … SELECT and UPDATE
# statements (no provider, no retries, no checks), the floor for this database. `crowdfund-bench check` on both sums
# the ledger by account: the two must agree, the accounts must sum to zero, and every project must be funded.
# It measures and prints; nothing is compared with a threshold.
#
# Environment (all optional):
#   BENCH_PROJECTS=1000 BENCH_PLEDGES=200     sizes (BENCH_SMOKE=1: 20 x 200)
#   BENCH_DATABASES="sqlite postgres"         which databases to run
#   PGPORT_TEST=55461                         port of the throwaway PostgreSQL cluster
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
if [ "${BENCH_SMOKE:-0}" = 1 ]; then def_projects=20; else def_projects=1000; fi
projects=${BENCH_PROJECTS:-$def_projects}
pledges=${BENCH_PLEDGES:-200}
databases=${BENCH_DATABASES:-sqlite postgres}
export PGPORT_TEST=${PGPORT_TEST:-55461}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

dirs=() pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; pg_dir=""; fi
  for d in "${dirs[@]}"; do rm -rf "$d"; done
  dirs=()
}
trap cleanup EXIT INT TERM

# machine_lines (and CHORUS_EMBEDDINGS=off unless set)
. "$root/bench/benchlib.sh"

chorus() {
  local log rc=0; log=$(mktemp)
  "$bin" "$@" >"$log" 2>&1 || rc=$?
  grep -v '^\[ INFO \]' "$log" | grep -v '^\s*$' || true
  rm -f "$log"
  [ "$rc" = 0 ] || { echo "chorus $* failed (exit $rc)" >&2; exit "$rc"; }
}

run_one() {  # $1 = sqlite | postgres
  local db=$1 main ref url_main="" url_ref=""
  unset DATABASE_URL || true
  echo
  echo "=== $db: $projects projects x $pledges card pledges"
  main=$(mktemp -d /tmp/chorus-crowdfund-bench.XXXXXX); ref=$(mktemp -d /tmp/chorus-crowdfund-ref.XXXXXX)
  dirs+=("$main" "$ref")
  if [ "$db" = postgres ]; then
    eval "$("$root/scripts/pg-test-cluster.sh" start)"
    pg_dir=$CHORUS_PG_DIR
    local port; port=$(sed -n 4p "$pg_dir/data/postmaster.pid")
    "$pgbin/psql" -q -h 127.0.0.1 -p "$port" -U chorus -d postgres -c "CREATE DATABASE chorus_ref"
    url_main=$DATABASE_URL url_ref=${DATABASE_URL%/*}/chorus_ref
  fi
  for side in main ref; do
    local dir url
    if [ "$side" = main ]; then dir=$main url=$url_main; else dir=$ref url=$url_ref; fi
    if [ -n "$url" ]; then export DATABASE_URL=$url; else unset DATABASE_URL || true; fi
    export CHORUS_DATA_DIR=$dir
    chorus crowdfund-bench seed --projects "$projects" --pledges "$pledges"
  done
  echo "load:      $(cut -d" " -f1-3 /proc/loadavg) before the run"
  echo "--- the close job (CrowdfundCloseJob.sweep, instant card provider)"
  if [ -n "$url_main" ]; then export DATABASE_URL=$url_main; else unset DATABASE_URL || true; fi
  export CHORUS_DATA_DIR=$main
  chorus crowdfund-bench close | tee "$main/close.txt"
  chorus crowdfund-bench check | tee "$main/check.txt"
  echo "--- the reference (set-based SQL on the second copy)"
  if [ -n "$url_ref" ]; then export DATABASE_URL=$url_ref; else unset DATABASE_URL || true; fi
  export CHORUS_DATA_DIR=$ref
  chorus crowdfund-bench reference | tee "$ref/close.txt"
  chorus crowdfund-bench check | tee "$ref/check.txt"
  if diff -q <(grep -v "^projects" "$main/check.txt") <(grep -v "^projects" "$ref/check.txt") >/dev/null; then
    echo "ledgers agree: yes"
  else
    echo "ledgers agree: NO"; diff <(cat "$main/check.txt") <(cat "$ref/check.txt") || true
  fi
  python3 - "$main/close.txt" "$ref/close.txt" <<'PY'
import re, sys
close = float(re.search(r"close total: ([\d.]+) s", open(sys.argv[1]).read()).group(1))
ref = float(re.search(r"reference \(set-based SQL\): ([\d.]+) s", open(sys.argv[2]).read()).group(1))
print(f"close job {close:.1f} s, reference {ref:.1f} s: {close / max(ref, 0.05):.1f} times the set-based floor")
PY
  cleanup
}

machine_lines
for db in $databases; do run_one "$db"; done
