#!/usr/bin/env bash
# Fuzzes Chorus's parsers with libFuzzer: builds fuzz/ (one executable per target of Sources/ChorusFuzzChecks) with
# -sanitize=fuzzer,address, then runs each target for N seconds, one after the other, over a COPY of its corpus
# (fuzz/corpus/<target>/ is never written by a run). Prints executions, exec/s, corpus growth and coverage per
# target, and the path of any crash file. See docs/fuzzing.md.
#
#   bench/fuzz.sh [SECONDS_PER_TARGET]          # default 60; the first build takes several minutes on 2 cores
#
# Environment (all optional):
#   FUZZ_TARGETS="csv ical"     which targets (default: all seven)
#   FUZZ_WORK=/tmp/chorus-fuzz  working copies of the corpora, logs and crash files (artifacts) per target
#   FUZZ_MAX_LEN=8192           longest input libFuzzer makes
#   FUZZ_MERGE=1                after the runs, merge the inputs that add coverage back into fuzz/corpus/<target>/
#                               (libFuzzer -merge=1: only new coverage is copied; review and commit the few new files)
#   FUZZ_SKIP_BUILD=1           use the executables already in .build-fuzz
#
# A crash: the file is <FUZZ_WORK>/<target>/artifacts/crash-…; replay it with
#   SWIFT_BACKTRACE=enable=no .build-fuzz/release/fuzz-<target> <that file>
# then fix the parser, add a unit test, and copy the file into fuzz/corpus/<target>/ so CI replays it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
targets=${FUZZ_TARGETS:-csv insight_rows activity_rows place_rows ical geojson multipart}
work=${FUZZ_WORK:-/tmp/chorus-fuzz}
max_len=${FUZZ_MAX_LEN:-8192}
scratch=$root/.build-fuzz

if [ -z "${FUZZ_SKIP_BUILD:-}" ]; then
  echo "== building fuzz/ (release, -sanitize=fuzzer,address) into $scratch"
  start=$(date +%s)
  # Re-plan every time: the plan cached for a path dependency can miss a source file added to the root package.
  rm -f "$scratch"/*/release/description.json "$scratch"/release/description.json
  (cd "$root/fuzz" && nice -n 10 swift build -c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address 2>&1 \
    | grep -E "error|warning: var|Compiling fuzz|Build complete" || true)
  echo "   build: $(( $(date +%s) - start )) s"
fi
bin=$scratch/release

# Swift's crash reporter would hold a crashing fuzzer for its symbolicated backtrace; libFuzzer reports the crash.
# Leak checking is off: the Swift runtime and Foundation keep caches for the life of the process.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

status=0
summary=()
for t in $targets; do
  exe=$bin/fuzz-$t
  [ -x "$exe" ] || { echo "no fuzzer $exe (build failed?)" >&2; exit 1; }
  dir=$work/$t
  rm -rf "$dir/corpus" "$dir/artifacts" && mkdir -p "$dir/corpus" "$dir/artifacts"
  cp "$root/fuzz/corpus/$t/"* "$dir/corpus/"
  seeds=$(ls "$dir/corpus" | wc -l)
  echo "== $t: ${seconds}s over $seeds seeds (log $dir/log)"
  set +e
  nice -n 10 "$exe" "$dir/corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" > "$dir/log" 2>&1
  rc=$?
  set -e
  runs=$(grep -aoE '^stat::number_of_executed_units: +[0-9]+' "$dir/log" | grep -oE '[0-9]+$' || echo "?")
  rate=$(grep -aoE '^stat::average_exec_per_sec: +[0-9]+' "$dir/log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -aoE 'cov: [0-9]+' "$dir/log" | tail -1 | grep -oE '[0-9]+' || echo "?")
  crashes=$(ls "$dir/artifacts" 2>/dev/null | grep -E '^(crash|leak|timeout|oom)-' || true)
  line=$(printf "%-14s %6ss %12s runs %8s exec/s  corpus %3s -> %4s  cov %5s" \
    "$t" "$seconds" "$runs" "$rate" "$seeds" "$(ls "$dir/corpus" | wc -l)" "$cov")
  if [ -n "$crashes" ] || [ $rc -ne 0 ]; then
    status=1
    line="$line  CRASH (exit $rc):"
    for c in $crashes; do line="$line $dir/artifacts/$c"; done
    # Release builds drop precondition messages: the frame after "Swift runtime failure" names the check's file:line.
    { grep -aE "ERROR: AddressSanitizer|ERROR: libFuzzer|Swift runtime failure" "$dir/log" | head -2 | sed 's/^/    /'; } || true
    { grep -aA3 "Swift runtime failure" "$dir/log" | grep -aoE '/[^ ]+/Sources/[^ ]+\.swift:[0-9]+' | head -1 | sed 's/^/    at /'; } || true
  fi
  summary+=("$line")
  if [ -n "${FUZZ_MERGE:-}" ] && [ -z "$crashes" ]; then
    before=$(ls "$root/fuzz/corpus/$t" | wc -l)
    nice -n 10 "$exe" -merge=1 -max_len="$max_len" -detect_leaks=0 "$root/fuzz/corpus/$t" "$dir/corpus" > "$dir/merge.log" 2>&1
    echo "   merged into fuzz/corpus/$t: $before -> $(ls "$root/fuzz/corpus/$t" | wc -l) files"
  fi
done

echo
echo "== libFuzzer, ${seconds}s per target ($(date -u +%FT%TZ), $(git -C "$root" rev-parse --short HEAD))"
printf '%s\n' "${summary[@]}"
exit $status
