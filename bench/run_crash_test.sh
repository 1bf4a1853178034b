#!/usr/bin/env bash
# Crash test (issue 19): writers while the server is killed with SIGKILL and restarted, then a check that everything
# acknowledged is stored exactly once and whole. See bench/crash_test.py for what it writes and checks.
#
#   bench/run_crash_test.sh [--ci] [path/to/chorus] [-- extra crash_test.py options]
#
#   default   64 writers, 20 kills, on SQLite and on PostgreSQL (a throwaway cluster from scripts/pg-test-cluster.sh,
#             or the empty database in DATABASE_URL when it is set)
#   --ci      16 writers, 3 kills, SQLite, and PostgreSQL when DATABASE_URL is set or Debian's postgresql is installed
#
# The binary defaults to .build/debug/chorus; it is copied to a temp file first so a rebuild cannot replace it
# mid-run. Environment: CRASH_DATABASES="sqlite postgres" (which databases), CHORUS_BIN (the binary).
# Exits non-zero when any run finds a lost or duplicated acknowledged write, a half-written record, a 5xx,
# an unfinished or double-run job, or an email sent twice beyond the documented SMTP window.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ci=0
bin=${CHORUS_BIN:-$root/.build/debug/chorus}
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --ci) ci=1 ;;
    --) shift; extra=("$@"); break ;;
    *) bin=$1 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "No chorus binary at $bin (swift build --product chorus)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-crash-run.XXXXXX")
cp "$bin" "$work/chorus"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ $ci = 1 ]; then
  size=(--writers 16 --kills 3 --seconds 3)
  if [ -n "${DATABASE_URL:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then default_dbs="sqlite postgres"; else default_dbs="sqlite"; fi
else
  size=(--writers 64 --kills 20)
  default_dbs="sqlite postgres"
fi
databases=${CRASH_DATABASES:-$default_dbs}

status=0
for db in $databases; do
  start=$(date +%s)
  echo "=== crash test on $db"
  case $db in
    sqlite)
      env -u DATABASE_URL python3 "$root/bench/crash_test.py" --binary "$work/chorus" --database sqlite "${size[@]}" "${extra[@]}" || status=1 ;;
    postgres)
      if [ -n "${DATABASE_URL:-}" ]; then
        url=$DATABASE_URL
      else
        eval "$("$root/scripts/pg-test-cluster.sh" start)"
        pg_dir=$CHORUS_PG_DIR url=$DATABASE_URL
        unset DATABASE_URL
      fi
      DATABASE_URL=$url python3 "$root/bench/crash_test.py" --binary "$work/chorus" --database postgres "${size[@]}" "${extra[@]}" || status=1
      if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; pg_dir=""; fi ;;
    *) echo "unknown database $db" >&2; exit 2 ;;
  esac
  echo "=== $db took $(( $(date +%s) - start )) s"
done
exit $status
