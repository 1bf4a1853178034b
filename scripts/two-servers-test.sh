#!/usr/bin/env bash
# Two Chorus servers on one PostgreSQL behind a round-robin proxy (issue 19): migrations once, sessions, CSRF,
# throttling per forwarded client address (and a spoofed X-Forwarded-For ignored), jobs and the outbox once, and a
# short load with no 5xx. See scripts/two_servers_test.py.
#
#   scripts/two-servers-test.sh [path/to/chorus] [-- extra two_servers_test.py options, e.g. --no-takeover]
#
# Uses the empty database in DATABASE_URL when it is set; otherwise starts a throwaway cluster with
# scripts/pg-test-cluster.sh (Debian's postgresql) and stops it at the end. The binary (default .build/debug/chorus,
# or CHORUS_BIN) is copied to a temp file first so a rebuild cannot replace it mid-run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CHORUS_BIN:-$root/.build/debug/chorus}
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; extra=("$@"); break ;;
    *) bin=$1 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "No chorus binary at $bin (swift build --product chorus)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-two-servers-run.XXXXXX")
cp "$bin" "$work/chorus"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
if [ -z "${DATABASE_URL:-}" ]; then
  eval "$("$root/scripts/pg-test-cluster.sh" start)"
  pg_dir=$CHORUS_PG_DIR
fi
DATABASE_URL=$DATABASE_URL python3 "$root/scripts/two_servers_test.py" --binary "$work/chorus" "${extra[@]}"
