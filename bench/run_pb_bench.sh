#!/usr/bin/env bash
# Participatory-budgeting rules: ChorusCore's GreedyBudget / EqualShares (release chorus-bench) against pabutools
# (bench/pb_reference.py) on the same Pabulib files and rules: is the outcome the same, and how long each takes.
#
#   bench/run_pb_bench.sh [file.pb ...]       # default: every approval and cumulative file in ../shared/data/pabulib
#
# Rules run: approval files PB_RULES_APPROVAL (default "greedy mes mes-add1"), cumulative files PB_RULES_CUMULATIVE
# (default "greedy mes-cardinal"); see bench/pb_reference.py for what each is in pabutools. Per file and rule it prints
# whether the funded sets are equal, Swift parse and rule time in ms (best of PB_RUNS), pabutools parse and rule time
# in s (one run), and the ratio of the rule times; then every file whose outcomes differ with the symmetric difference.
#
# Environment (all optional):
#   PB_PYTHON=/tmp/pbvenv/bin/python   a Python with pabutools (python3 -m venv /tmp/pbvenv && /tmp/pbvenv/bin/pip install pabutools)
#   PB_FLOAT=0        1 = pabutools' float arithmetic (much faster on large files); 0 = its exact fractions
#   PB_PY_TIMEOUT=900 seconds per pabutools run; a run cut off is reported as "timeout"
#   PB_RUNS=3         Swift runs per file and rule (best kept)
#   PB_DATA=../shared/data/pabulib   PB_OUT=dir (default: a temp dir, printed)
#   PB_SCRATCH=.build-release        the release build's scratch path
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${PB_DATA:-$root/../shared/data/pabulib}
py=${PB_PYTHON:-/tmp/pbvenv/bin/python}
float=${PB_FLOAT:-0}
timeout_s=${PB_PY_TIMEOUT:-900}
runs=${PB_RUNS:-3}
scratch=${PB_SCRATCH:-$root/.build-release}
rules_approval=${PB_RULES_APPROVAL:-greedy mes mes-add1}
rules_cumulative=${PB_RULES_CUMULATIVE:-greedy mes-cardinal}
out=${PB_OUT:-$(mktemp -d /tmp/chorus-pb-bench.XXXXXX)}
mkdir -p "$out"

"$py" -c 'import pabutools' 2>/dev/null || { echo "No pabutools in $py. python3 -m venv /tmp/pbvenv && /tmp/pbvenv/bin/pip install pabutools" >&2; exit 1; }
echo "=== release build of chorus-bench (ChorusCore + ChorusEmbed only)"
(cd "$root" && swift build -c release --scratch-path "$scratch" --product chorus-bench 2>&1 | grep -E "error|Compiling|omplete" | tail -3)
bin=$scratch/release/chorus-bench

if [ $# -gt 0 ]; then files=("$@"); else
  files=()
  for f in "$data"/*.pb; do
    grep -qiE '^vote_type;(approval|cumulative)' "$f" && files+=("$f")
  done
fi
[ ${#files[@]} -gt 0 ] || { echo "No .pb files (looked in $data)" >&2; exit 1; }

{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
  echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "pabutools: $("$py" -c 'import importlib.metadata as m; print(m.version("pabutools"))') ($([ "$float" = 1 ] && echo float || echo exact) arithmetic), $("$py" --version 2>&1)"
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average before the run)"
  echo "out:       $out"
} | tee "$out/machine.txt"

: >"$out/swift.jsonl"
: >"$out/python.jsonl"
for f in "${files[@]}"; do
  if grep -qiE '^vote_type;cumulative' "$f"; then rules=$rules_cumulative; else rules=$rules_approval; fi
  for rule in $rules; do
    if ! "$bin" pb --rule "$rule" --runs "$runs" "$f" >>"$out/swift.jsonl" 2>>"$out/swift.err"; then
      echo "{\"file\": \"$(basename "$f")\", \"rule\": \"$rule\", \"error\": \"$(tail -1 "$out/swift.err" | tr -d '"\\')\"}" >>"$out/swift.jsonl"
    fi
    flag=()
    [ "$float" = 1 ] && flag=(--float)
    if ! timeout "$timeout_s" "$py" "$root/bench/pb_reference.py" --rule "$rule" "${flag[@]}" "$f" >>"$out/python.jsonl" 2>>"$out/python.err"; then
      echo "{\"file\": \"$(basename "$f")\", \"rule\": \"$rule\", \"timeout\": true}" >>"$out/python.jsonl"
    fi
  done
done

python3 - "$out/swift.jsonl" "$out/python.jsonl" <<'EOF'
import json, sys
swift = {(d["file"], d["rule"]): d for d in map(json.loads, open(sys.argv[1]))}
py = {(d["file"], d["rule"]): d for d in map(json.loads, open(sys.argv[2]))}
print()
print(f"{'file':58} {'rule':12} {'equal':>5} {'swift parse ms':>14} {'swift rule ms':>13} {'py parse s':>10} {'py rule s':>9} {'py/swift':>9}")
diffs = []
for key, s in swift.items():
    p = py.get(key, {"timeout": True})
    name = key[0] if len(key[0]) <= 58 else key[0][:55] + "..."
    if "error" in s:
        print(f"{name:58} {key[1]:12} Swift refused the file: {s['error']}")
        continue
    if p.get("timeout"):
        print(f"{name:58} {key[1]:12} {'-':>5} {s['parse_s'] * 1e3:14.2f} {s['rule_s'] * 1e3:13.3f} {'timeout':>10} {'':>9} {'':>9}")
        continue
    same = set(s["selected"]) == set(p["selected"])
    ratio = p["rule_s"] / s["rule_s"] if s["rule_s"] > 0 else float("inf")
    print(f"{name:58} {key[1]:12} {'yes' if same else 'NO':>5} {s['parse_s'] * 1e3:14.2f} {s['rule_s'] * 1e3:13.3f} {p['parse_s']:10.3f} {p['rule_s']:9.3f} {ratio:8.0f}x")
    if not same:
        diffs.append((key, sorted(set(s["selected"]) - set(p["selected"])), sorted(set(p["selected"]) - set(s["selected"]))))
print()
if diffs:
    print("Outcomes that differ (only Swift / only pabutools):")
    for (file, rule), only_s, only_p in diffs:
        print(f"  {file} {rule}: only Swift {only_s}, only pabutools {only_p}")
else:
    print("Every outcome compared is the same in Swift and pabutools.")
EOF
