#!/usr/bin/env bash
# PII redaction benchmark: ChorusCore's PIIRedactor (release build of chorus-bench) and a Python reference using the
# standard library's `re` (bench/redaction_reference.py), side by side on the same synthetic labelled comments.
#
#   swift build -c release --product chorus-bench --scratch-path .build-release    # once; ChorusCore only, no Vapor
#   bench/run_redaction_bench.sh [path/to/chorus-bench]        # default .build-release/release/chorus-bench
#
# Steps: bench/redaction_labelled.py writes $BENCH_COMMENTS comments with gold spans (seeded); chorus-bench redaction
# times PIIRedactor over all of them ($BENCH_RUNS runs), checks ranges and idempotence (--verify, untimed) and
# writes what it found; bench/redaction_reference.py does the same with Python ($BENCH_PY_RUNS runs);
# bench/redaction_score.py prints speed and span-level precision/recall per kind for both. Nothing is compared with
# a threshold: it measures and prints. See bench/README.md ("Redaction").
#
# Environment (all optional):
#   BENCH_COMMENTS=100000  BENCH_SEED=5       the synthetic set
#   BENCH_RUNS=5  BENCH_PY_RUNS=3             timed runs (each redacts every comment once)
#   BENCH_EXAMPLES=0                          print this many false positives and misses per engine
#   BENCH_OUT=dir                             keep the data set, outputs and logs here (default: a temp dir, printed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus-bench}
[ -x "$bin" ] || { echo "No chorus-bench binary at $bin. Build it: swift build -c release --product chorus-bench --scratch-path $root/.build-release" >&2; exit 1; }
comments=${BENCH_COMMENTS:-100000}
seed=${BENCH_SEED:-5}
runs=${BENCH_RUNS:-5}
py_runs=${BENCH_PY_RUNS:-3}
examples=${BENCH_EXAMPLES:-0}
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-redaction-bench.XXXXXX)}
mkdir -p "$out"

{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
  echo "binary:    $bin ($(stat -c '%y' "$bin" | cut -d. -f1))"
  echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- Sources/ChorusCore/Insight/Redaction 2>/dev/null || echo ', Redaction sources modified in the working tree')"
  echo "python:    $(python3 --version 2>&1)"
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average before the run; other work on the machine skews wall times, CPU times less)"
} | tee "$out/machine.txt"

echo
echo "=== data"
python3 "$root/bench/redaction_labelled.py" --n "$comments" --seed "$seed" --out "$out/comments.jsonl"

echo
echo "=== swift (chorus-bench redaction)"
"$bin" redaction --input "$out/comments.jsonl" --runs "$runs" --output "$out/swift.jsonl" --verify | tee "$out/swift.txt"

echo
echo "=== python (bench/redaction_reference.py)"
python3 "$root/bench/redaction_reference.py" --input "$out/comments.jsonl" --runs "$py_runs" --output "$out/python.jsonl" | tee "$out/python.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

echo
echo "=== side by side"
python3 "$root/bench/redaction_score.py" --gold "$out/comments.jsonl" --found swift="$out/swift.jsonl" --found python="$out/python.jsonl" \
  --timing swift="$out/swift.txt" --timing python="$out/python.txt" --examples "$examples"
echo
echo "data set, outputs and logs: $out"
