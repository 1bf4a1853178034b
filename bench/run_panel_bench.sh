#!/usr/bin/env bash
# Citizens'-panel selection: ChorusCore's PanelSelection (release chorus-bench, GLPK) against the Sortition
# Foundation's sortition-algorithms (bench/panel_reference.py, HiGHS) on the same folders: time, peak memory, the
# smallest selection probability, the geometric mean and the sorted probability profile, side by side.
#
#   bench/run_panel_bench.sh            # example_small_20, example_large_200, synth_500_40 and a generated 2000/40/6
#
# Instances: ../shared/data/sortition/{example_small_20 (panel 20), example_large_200 (200), synth_500_40 (40)} and
# bench/make_panel_instance.py --pool 2000 --panel 40 --categories 6 (seed 2026) written into the out dir.
# Swift runs PANEL_SWIFT_ALGORITHMS (default "leximin maximin"); the reference runs PANEL_PY_ALGORITHMS (default
# "maximin"; "nash" also runs on free solvers; "leximin" needs Gurobi and reports that it cannot run).
# The targets (issue 23) are printed beside the figures: small/large every probability 0.1 ± 1e-6; synth_500_40
# minimum ≥ 0.0625 − 5e-4; 500/40 LEXIMIN < 60 s; 2000/40/6 LEXIMIN < 300 s.
#
# Environment (all optional):
#   PANEL_PYTHON=/tmp/sortvenv/bin/python  a Python with sortition-algorithms and highspy
#                                          (python3 -m venv /tmp/sortvenv && /tmp/sortvenv/bin/pip install sortition-algorithms highspy)
#   PANEL_PY_TIMEOUT=900   seconds per reference run; a run cut off is reported as "timeout"
#   PANEL_SKIP_PY=1        Swift only
#   PANEL_INSTANCES="example_small_20:20 ..."   folder:panel-size pairs (folders under PANEL_DATA, or absolute)
#   PANEL_DATA=../shared/data/sortition   PANEL_OUT=dir (default: a temp dir, printed)
#   PANEL_SCRATCH=.build-release           the release build's scratch path
#   PANEL_BIN=path/to/chorus-bench         use this binary instead of building one
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${PANEL_DATA:-$root/../shared/data/sortition}
py=${PANEL_PYTHON:-/tmp/sortvenv/bin/python}
timeout_s=${PANEL_PY_TIMEOUT:-900}
scratch=${PANEL_SCRATCH:-$root/.build-release}
swift_algorithms=${PANEL_SWIFT_ALGORITHMS:-leximin maximin}
py_algorithms=${PANEL_PY_ALGORITHMS:-maximin}
out=${PANEL_OUT:-$(mktemp -d /tmp/chorus-panel-bench.XXXXXX)}
mkdir -p "$out"

if [ "${PANEL_SKIP_PY:-0}" != 1 ]; then
  "$py" -c 'import sortition_algorithms, highspy' 2>/dev/null || {
    echo "No sortition-algorithms/highspy in $py. python3 -m venv /tmp/sortvenv && /tmp/sortvenv/bin/pip install sortition-algorithms highspy" >&2
    exit 1
  }
fi
if [ -n "${PANEL_BIN:-}" ]; then bin=$PANEL_BIN; else
  # chorus-bench links GLPK (ChorusCore) and OpenBLAS (ChorusEmbed).
  missing=()
  for pkg in libglpk-dev libopenblas-dev; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  echo "=== release build of chorus-bench (ChorusCore + ChorusEmbed only)"
  (cd "$root" && swift build -c release --scratch-path "$scratch" --product chorus-bench 2>&1 | grep -E "error|Compiling|omplete" | tail -3)
  bin=$scratch/release/chorus-bench
fi

python3 "$root/bench/make_panel_instance.py" "$out/synth_2000_40" --pool 2000 --panel 40 --categories 6 --seed 2026 >/dev/null
instances=${PANEL_INSTANCES:-example_small_20:20 example_large_200:200 synth_500_40:40 $out/synth_2000_40:40}

{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
  echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "glpk:      $(dpkg-query -W -f '${Version}' libglpk40 2>/dev/null || echo '?') (Debian libglpk40)"
  if [ "${PANEL_SKIP_PY:-0}" != 1 ]; then
    echo "reference: sortition-algorithms $("$py" -c 'import importlib.metadata as m; print(m.version("sortition-algorithms"))'), highspy $("$py" -c 'import importlib.metadata as m; print(m.version("highspy"))'), timeout ${timeout_s}s"
  fi
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average before the run)"
  echo "out:       $out"
} | tee "$out/machine.txt"

: >"$out/swift.jsonl"
: >"$out/python.jsonl"
for item in $instances; do
  folder=${item%:*}
  size=${item##*:}
  case "$folder" in /*) ;; *) folder=$data/$folder ;; esac
  name=$(basename "$folder")
  for algorithm in $swift_algorithms; do
    echo "--- swift $algorithm $name" >&2
    if ! "$bin" panels --algorithm "$algorithm" --size "$size" "$folder" >>"$out/swift.jsonl" 2>>"$out/swift.err"; then
      echo "{\"folder\": \"$name\", \"algorithm\": \"$algorithm\", \"error\": \"$(tail -1 "$out/swift.err" | tr -d '"\\')\"}" >>"$out/swift.jsonl"
    fi
  done
  [ "${PANEL_SKIP_PY:-0}" = 1 ] && continue
  for algorithm in $py_algorithms; do
    echo "--- sortition-algorithms $algorithm $name (timeout ${timeout_s}s)" >&2
    if ! timeout "$timeout_s" "$py" "$root/bench/panel_reference.py" --algorithm "$algorithm" --size "$size" "$folder" \
      >>"$out/python.jsonl" 2>>"$out/python.err"; then
      echo "{\"folder\": \"$name\", \"algorithm\": \"$algorithm\", \"timeout\": $timeout_s}" >>"$out/python.jsonl"
    fi
  done
done

python3 - "$out/swift.jsonl" "$out/python.jsonl" <<'PY'
import json, sys
# Only the JSON lines (the reference library may print progress).
swift = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
py = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
targets = {
    "example_small_20": "every p = 0.1 ± 1e-6", "example_large_200": "every p = 0.1 ± 1e-6",
    "synth_500_40": "min ≥ 0.0625 − 5e-4; LEXIMIN < 60 s", "synth_2000_40": "LEXIMIN < 300 s",
}
def check(d):
    if "error" in d or "timeout" in d or "min" not in d:
        return ""
    p = [float(v) for run in d["profile"].split() for v in [run.split("x")[0]] * int(run.split("x")[1])]
    f = d["folder"]
    if f in ("example_small_20", "example_large_200"):
        # min and max are exact (the profile is rounded to 6 decimals).
        ok = abs(d["min"] - 0.1) <= 1e-6 and d.get("max", max(p)) - 0.1 <= 1e-6
        return "ok" if ok else "MISSED"
    if f == "synth_500_40":
        ok = d["min"] >= 0.0625 - 5e-4 and (d["algorithm"] != "leximin" or d["seconds"] < 60)
        return "ok" if ok else "MISSED"
    if f == "synth_2000_40" and d["algorithm"] == "leximin":
        return "ok" if d["seconds"] < 300 else "MISSED"
    return ""
print()
print(f"{'instance':18} {'who':24} {'time s':>9} {'peak MiB':>9} {'min p':>10} {'max p':>10} {'geo mean':>10} {'panels':>7}  target")
for rows, who in ((swift, "chorus"), (py, "sortition-algorithms")):
    for d in rows:
        label = f"{who} {d['algorithm']}"
        if "timeout" in d:
            print(f"{d['folder']:18} {label:24} {'> ' + str(d['timeout']):>9}  (timeout)")
        elif "error" in d:
            print(f"{d['folder']:18} {label:24} error: {d['error']}")
        else:
            print(f"{d['folder']:18} {label:24} {d['seconds']:9.2f} {d['peak_mib']:9.1f} {d['min']:10.6f} {d.get('max', float('nan')):10.6f} {d['geometric_mean']:10.6f} {d['panels']:7}  {targets.get(d['folder'], '')} {check(d)}")
print()
print("Time ratio (reference maximin / chorus, same instance):")
for d in py:
    for s in swift:
        if s["folder"] == d["folder"] and "seconds" in s:
            ref = f"{d['seconds'] / s['seconds']:.0f}x" if "seconds" in d else f"> {d.get('timeout', '?')} s / {s['seconds']:.2f} s = > {d.get('timeout', 0) / s['seconds']:.0f}x" if "timeout" in d else "-"
            print(f"  {d['folder']:18} reference {d['algorithm']} / chorus {s['algorithm']}: {ref}")
print()
print("Sorted probability profiles (value x count):")
for rows, who in ((swift, "chorus"), (py, "sortition-algorithms")):
    for d in rows:
        if "profile" in d:
            print(f"  {d['folder']} {who} {d['algorithm']}: {d['profile']}")
PY
