#!/usr/bin/env bash
# Runs scripts/demo.sh as a newcomer would (its install checks, the build, the start with demo data) in a fresh
# data folder on a spare port, and waits until /healthz answers and the residents' front door shows. It reuses the
# build when one is there. Stops the server at the end. Exit status 0 only if both answered.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${DEMO_SMOKE_PORT:-18090}
data=$(mktemp -d /tmp/chorus-demo-smoke.XXXXXX)
log="$data/demo.log"
CHORUS_DATA_DIR="$data" CHORUS_PORT="$port" scripts/demo.sh >"$log" 2>&1 &
pid=$!
# Python's urllib rather than curl: python3 is on every machine of this kind, curl not always.
fetch() { python3 -c 'import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' "$1"; }
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

for _ in $(seq 1 900); do
  if fetch "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "demo.sh stopped before serving:"; cat "$log"; exit 1; fi
  sleep 1
done
health=$(fetch "http://127.0.0.1:$port/healthz") || { echo "no answer from /healthz:"; cat "$log"; exit 1; }
echo "healthz: $health"
front=$(fetch "http://127.0.0.1:$port/?postcode=HS1%201AA")
if ! grep -q "Showing Quayside" <<<"$front"; then echo "the front door did not find Quayside for HS1 1AA"; exit 1; fi
grep '^demo:' "$log"
echo "demo.sh reached /healthz and the front door found the ward"
