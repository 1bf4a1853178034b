#!/usr/bin/env bash
# Retention benchmark (issue 20): one pass of the retention job over 1,000,000 insights and 200,000 residents with
# their records, on SQLite and PostgreSQL, beside a reference that does the same removals as plain SQL (one statement
# per kind, no batching) on a copy of the same data.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once, ~15 min on 2 cores
#   bench/run_retention_bench.sh [path/to/release/chorus]                    # default .build-release/release/chorus
#   BENCH_SMOKE=1 bench/run_retention_bench.sh                               # quick check: 20,000 insights, 5,000 residents
#
# For each database: a fresh data directory (PostgreSQL: a throwaway cluster, scripts/pg-test-cluster.sh), `chorus
# seed-demo`, `chorus seed-bench --insights $BENCH_INSIGHTS --years $BENCH_YEARS` (contact addresses on one insight in
# nine, heard over the last two years), `chorus retention-bench seed --residents $BENCH_RESIDENTS` (accounts last active
# over three years, sign-in codes, equality answers, consents with some withdrawn, outbox emails; see
# Sources/Chorus/Features/Residents/RetentionBench.swift), then `retention-bench count`. The data is copied twice
# (SQLite: the backup API; PostgreSQL: CREATE DATABASE … TEMPLATE) and:
#   1. `retention-bench run` on the original: the real job, RetentionService.run, through the write gate; prints
#      what it removed, its wall time and the longest single hold of the write gate (TimedGate);
#   2. `retention-bench reference` on copy 1: the same removals as plain SQL, one statement per kind (accounts: one per
#      table in one transaction), each kind timed to its commit: how long an unbatched pass would hold the writer;
#   3. `retention-bench by-kind` on copy 2 (BENCH_BY_KIND=1, the default): each feature's `expire` alone, with its own
#      gate timer, to say which kind holds the gate longest;
#   4. `retention-bench count` on the original and copy 1 again: nothing may be left due, and both must agree.
# It measures and prints; nothing is compared with a threshold.
#
# Environment (all optional):
#   BENCH_INSIGHTS=1000000  BENCH_RESIDENTS=200000  BENCH_YEARS=2   sizes (BENCH_SMOKE=1: 20000 / 5000)
#   BENCH_DATABASES="sqlite postgres"     which databases to run
#   BENCH_BY_KIND=1                       also run step 3 (0 to skip; it costs one more copy and pass)
#   BENCH_INSIGHTS_SQLITE=file            a chorus.sqlite already holding seed-demo + seed-bench --insights (read, never
#                                         changed: it is copied), to skip the ~10 minutes of seeding insights on SQLite
#   BENCH_INSIGHTS_PG=dir                 a running cluster from scripts/pg-test-cluster.sh whose chorus_test holds seed-demo +
#                                         seed-bench --insights (never changed: the run works on CREATE DATABASE … TEMPLATE
#                                         copies of it, dropped afterwards; the cluster is left running)
#   BENCH_OUT=dir                         keep logs and JSON results here (default: a temp dir, printed)
#   BENCH_KEEP_DATA=1                     keep the data directories and the PostgreSQL cluster (paths printed)
#   PGPORT_TEST=55460                     port of the throwaway PostgreSQL cluster
#   BENCH_PG_SHARED_BUFFERS=1GB           its shared_buffers
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

if [ "${BENCH_SMOKE:-0}" = 1 ]; then def_insights=20000 def_residents=5000; else def_insights=1000000 def_residents=200000; fi
insights=${BENCH_INSIGHTS:-$def_insights}
residents=${BENCH_RESIDENTS:-$def_residents}
years=${BENCH_YEARS:-2}
databases=${BENCH_DATABASES:-sqlite postgres}
by_kind=${BENCH_BY_KIND:-1}
export PGPORT_TEST=${PGPORT_TEST:-55460}
export PG_TEST_SETTINGS="-c shared_buffers=${BENCH_PG_SHARED_BUFFERS:-1GB}"
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-retention-bench.XXXXXX)}
mkdir -p "$out"
keep=${BENCH_KEEP_DATA:-0}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

dirs=() pg_dir="" pg_own=0 pg_port=""
psql_admin() { "$pgbin/psql" -q -h 127.0.0.1 -p "$pg_port" -U chorus -d postgres "$@"; }
cleanup() {
  if [ -n "$pg_dir" ] && [ "$keep" != 1 ]; then
    if [ "$pg_own" = 1 ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"
    else for copy in chorus_bench chorus_ref chorus_bykind; do psql_admin -c "DROP DATABASE IF EXISTS $copy" || true; done; fi
  fi
  pg_dir=""
  if [ "$keep" != 1 ]; then for d in "${dirs[@]}"; do rm -rf "$d"; done; fi
  dirs=()
}
trap cleanup EXIT INT TERM

# machine_lines (and CHORUS_EMBEDDINGS=off unless set)
. "$root/bench/benchlib.sh"

# Runs chorus without its INFO lines; stops the script when it fails.
chorus() {
  local log rc=0; log=$(mktemp)
  "$bin" "$@" >"$log" 2>&1 || rc=$?
  grep -v '^\[ INFO \]' "$log" | grep -v '^\s*$' || true
  rm -f "$log"
  [ "$rc" = 0 ] || { echo "chorus $* failed (exit $rc)" >&2; exit "$rc"; }
}
# $1 = data dir, $2 = database URL (empty: SQLite in the data dir), then the chorus arguments.
on_copy() {
  local dir=$1 url=$2; shift 2
  if [ -n "$url" ]; then CHORUS_DATA_DIR=$dir DATABASE_URL=$url chorus "$@"; else (unset DATABASE_URL; CHORUS_DATA_DIR=$dir chorus "$@"); fi
}
sqlite_copy() { python3 -c 'import sqlite3, sys; s = sqlite3.connect(sys.argv[1]); d = sqlite3.connect(sys.argv[2]); s.backup(d); d.close(); s.close()' "$1" "$2"; }

run_one() {  # $1 = sqlite | postgres
  local db=$1 main ref bykind t0
  unset DATABASE_URL || true
  echo
  echo "=== $db"
  main=$(mktemp -d /tmp/chorus-retention-data.XXXXXX); ref=$(mktemp -d /tmp/chorus-retention-ref.XXXXXX); bykind=$(mktemp -d /tmp/chorus-retention-bykind.XXXXXX)
  dirs+=("$main" "$ref" "$bykind")
  export CHORUS_DATA_DIR=$main
  local url_main="" url_ref="" url_bykind=""
  local insights_ready=0
  if [ "$db" = postgres ]; then
    if [ -n "${BENCH_INSIGHTS_PG:-}" ]; then
      pg_dir=$BENCH_INSIGHTS_PG pg_own=0 pg_port=$(sed -n 4p "$pg_dir/data/postmaster.pid")
      echo "insights: copied from chorus_test of the cluster $pg_dir ($("$pgbin/psql" -qAt -h 127.0.0.1 -p "$pg_port" -U chorus -d chorus_test -c 'SELECT COUNT(*) FROM insights') insights; BENCH_INSIGHTS not used)"
      psql_admin -c "CREATE DATABASE chorus_bench TEMPLATE chorus_test"
      DATABASE_URL=postgres://chorus@127.0.0.1:$pg_port/chorus_bench insights_ready=1
    else
      eval "$("$root/scripts/pg-test-cluster.sh" start)"
      pg_dir=$CHORUS_PG_DIR pg_own=1 pg_port=$(sed -n 4p "$pg_dir/data/postmaster.pid")
    fi
    url_main=$DATABASE_URL url_ref=${DATABASE_URL%/*}/chorus_ref url_bykind=${DATABASE_URL%/*}/chorus_bykind
    export DATABASE_URL
  fi
  t0=$SECONDS
  if [ "$insights_ready" = 1 ]; then
    :
  elif [ "$db" = sqlite ] && [ -n "${BENCH_INSIGHTS_SQLITE:-}" ]; then
    echo "insights: copied from $BENCH_INSIGHTS_SQLITE ($(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM insights").fetchone()[0])' "$BENCH_INSIGHTS_SQLITE") insights; BENCH_INSIGHTS not used)"
    sqlite_copy "$BENCH_INSIGHTS_SQLITE" "$main/chorus.sqlite"
  else
    echo "seeding: seed-demo, seed-bench --insights $insights --years $years"
    chorus seed-demo >"$out/$db-seed.log"
    chorus seed-bench --insights "$insights" --years "$years" | tee -a "$out/$db-seed.log" | tail -2
  fi
  echo "seeding: retention-bench seed --residents $residents"
  chorus retention-bench seed --residents "$residents" | tee -a "$out/$db-seed.log" | tail -2
  echo "seeded in $((SECONDS - t0)) s"
  echo
  echo "--- before (records the job looks at, and how many are past their period)"
  chorus retention-bench count --json "$out/$db-before.json"
  # Two copies of the same data: one for the plain-SQL reference, one for the pass kind by kind.
  if [ "$db" = sqlite ]; then
    sqlite_copy "$main/chorus.sqlite" "$ref/chorus.sqlite"
    [ "$by_kind" = 1 ] && sqlite_copy "$main/chorus.sqlite" "$bykind/chorus.sqlite"
    du -sh "$main/chorus.sqlite" | sed 's/^/size:      /'
  else
    local main_db=${url_main##*/}
    for copy in chorus_ref $([ "$by_kind" = 1 ] && echo chorus_bykind); do psql_admin -c "CREATE DATABASE $copy TEMPLATE $main_db"; done
    psql_admin -At -c "SELECT 'size:      ' || pg_size_pretty(pg_database_size('$main_db'))"
  fi
  echo "load:      $(cut -d" " -f1-3 /proc/loadavg) before the run"
  echo
  echo "--- 1. the retention job (RetentionService.run, batches of 500 through the write gate)"
  chorus retention-bench run --json "$out/$db-run.json"
  echo "load:      $(cut -d" " -f1-3 /proc/loadavg) after"
  echo
  echo "--- 2. reference: the same removals as plain SQL, one statement per kind, on a copy"
  on_copy "$ref" "${url_ref:-}" retention-bench reference --json "$out/$db-reference.json"
  if [ "$by_kind" = 1 ]; then
    echo
    echo "--- 3. the job kind by kind (each feature's expire with its own gate timer), on a second copy"
    on_copy "$bykind" "${url_bykind:-}" retention-bench by-kind --json "$out/$db-bykind.json"
  fi
  echo
  echo "--- 4. after: what is left, and due (job / reference)"
  chorus retention-bench count --json "$out/$db-after.json"
  on_copy "$ref" "${url_ref:-}" retention-bench count --json "$out/$db-after-reference.json" >/dev/null
  if [ "$keep" = 1 ]; then echo "kept: $main $ref $bykind${pg_dir:+ and the cluster $pg_dir ($url_main)}"; fi
  cleanup
  unset DATABASE_URL || true
}

machine_lines | tee "$out/machine.txt"
echo "binary:    $bin ($(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')); git HEAD $(git -C "$root" rev-parse --short HEAD)" | tee -a "$out/machine.txt"
echo "data:      $insights insights (seed-bench --years $years), $residents residents" | tee -a "$out/machine.txt"
for db in $databases; do run_one "$db"; done

echo
echo "=== Results"
cat "$out/machine.txt"
echo "load after: $(cut -d" " -f1-3 /proc/loadavg)"
python3 - "$out" $databases <<'EOF'
import json, os, sys
out, dbs = sys.argv[1], sys.argv[2:]
def load(db, step):
    p = os.path.join(out, f"{db}-{step}.json")
    return json.load(open(p)) if os.path.exists(p) else None
for db in dbs:
    before, run, ref, bykind = load(db, "before"), load(db, "run"), load(db, "reference"), load(db, "bykind")
    after, after_ref = load(db, "after"), load(db, "after-reference")
    if not (before and run and ref):
        print(f"\n{db}: incomplete run"); continue
    refs = {k["kind"]: k for k in ref["kinds"]}
    kinds = {k["kind"]: k for k in (bykind or {}).get("kinds", [])}
    left = {k["kind"]: k for k in after["kinds"]} if after else {}
    left_ref = {k["kind"]: k for k in after_ref["kinds"]} if after_ref else {}
    print(f"\n{db}")
    print(f"{'kind':<18} {'records':>9} {'due':>8} {'removed':>8} {'plain SQL':>9} {'job, kind alone: s':>19} {'longest hold ms':>16} {'plain SQL ms':>13} {'left (job/ref)':>15}")
    for b in before["kinds"]:
        k = b["kind"]; r = refs.get(k, {}); bk = kinds.get(k)
        alone = f"{bk['wall']:.2f}" if bk else "-"
        hold = f"{bk['longest_hold'] * 1000:.1f}" if bk else "-"
        lj = left.get(k, {}).get("records", "-"); lr = left_ref.get(k, {}).get("records", "-")
        print(f"{k:<18} {b['records']:>9} {b['due']:>8} {run['removed'].get(k, 0):>8} {r.get('removed', '-'):>9} {alone:>19} {hold:>16} "
              f"{r.get('seconds', 0) * 1000:>13.1f} {str(lj) + ' / ' + str(lr):>15}")
    plain_wall, plain_hold = ref["wall"], max(k["seconds"] for k in ref["kinds"])
    print(f"whole pass: job {run['wall']:.2f} s wall, longest write-gate hold {run['longest_hold'] * 1000:.1f} ms; "
          f"plain SQL {plain_wall:.2f} s, longest single transaction {plain_hold * 1000:.1f} ms")
    print(f"ratio job / plain SQL: wall {run['wall'] / plain_wall:.1f}x; longest hold {run['longest_hold'] / plain_hold:.2f}x "
          f"(the plain pass holds the writer {plain_hold / run['longest_hold']:.1f}x longer at once)")
    h = run.get("holds")
    if h:
        print(f"job's batches: {h['batches']}; hold p50 {h['p50'] * 1000:.1f} ms, p95 {h['p95'] * 1000:.1f} ms, p99 {h['p99'] * 1000:.1f} ms; "
              f"over 100 ms: {len(h['over_100ms'])}" + "".join(f"\n  batch {b['batch']} ({b['kind']}): {b['seconds'] * 1000:.1f} ms" for b in h["over_100ms"]))
EOF
echo
echo "Logs and JSON: $out"
