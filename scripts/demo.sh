#!/usr/bin/env bash
# Builds Chorus and serves it with the demo borough on embedded SQLite (./data/chorus.sqlite).
# The first build fetches nothing from the network but compiles Vapor and Fluent: allow 10-15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product chorus
export CHORUS_DEMO="${CHORUS_DEMO:-1}"
exec .build/debug/chorus serve "$@"
