#!/usr/bin/env bash
# Property-based API tests of /api/v1 with Schemathesis, against a throwaway server.
#
#   bash scripts/schemathesis.sh            # uses .build/debug/chorus
#   CHORUS_BIN=... SCHEMATHESIS_MAX_EXAMPLES=50 bash scripts/schemathesis.sh
#
# Starts `chorus serve` with CHORUS_DEMO=1 in a fresh temp data dir on a free loopback port,
# signs in as the demo partnership admin, creates an API token through /account/tokens,
# runs `schemathesis run` with that bearer token, stops the server and exits with
# schemathesis's status.  Override with SCHEMATHESIS_CHECKS, SCHEMATHESIS_MAX_EXAMPLES,
# SCHEMATHESIS_WORKERS, SCHEMATHESIS_SEED.  Needs: python3 with requests and schemathesis (pip install
# schemathesis requests).  Extra arguments are passed on to `schemathesis run`.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHORUS_BIN="${CHORUS_BIN:-$REPO_ROOT/.build/debug/chorus}"
PYTHON="${PYTHON:-python3}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
# Two workers also exercise concurrent writes (SQLite runs writes one at a time through the write gate).
WORKERS="${SCHEMATHESIS_WORKERS:-2}"
CHECKS="${SCHEMATHESIS_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance}"
ADMIN_EMAIL="${CHORUS_ADMIN_EMAIL:-admin@harbourside.example}"
ADMIN_PASSWORD="${CHORUS_ADMIN_PASSWORD:-chorus-demo-2026}"

if [[ ! -x "$CHORUS_BIN" ]]; then
  echo "schemathesis.sh: server binary not found: $CHORUS_BIN (build it or set CHORUS_BIN)" >&2
  exit 2
fi
if ! command -v schemathesis >/dev/null 2>&1; then
  echo "schemathesis.sh: schemathesis is not installed (pip install schemathesis requests)" >&2
  exit 2
fi

WORK="$(mktemp -d -t chorus-schemathesis-XXXXXX)"
LOG="$WORK/server.log"
SERVER_PID=""

cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 ]]; then
    echo "----- chorus server log (last 200 lines of $LOG) -----" >&2
    tail -n 200 "$LOG" >&2 || true
    echo "(work dir kept: $WORK)" >&2
  else
    rm -rf "$WORK"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"

echo "Starting chorus on $BASE (data dir $WORK/data)"
# CHORUS_EMBEDDINGS=off: the API is under test, not the background embedding of the demo's 20,000 insights.
CHORUS_DATA_DIR="$WORK/data" CHORUS_DEMO=1 CHORUS_PORT="$PORT" CHORUS_HOST=127.0.0.1 CHORUS_EMBEDDINGS=off \
  "$CHORUS_BIN" serve >"$LOG" 2>&1 &
SERVER_PID=$!

ready=""
for _ in $(seq 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  if "$PYTHON" -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "$BASE/healthz" >/dev/null 2>&1; then
    ready=1; break
  fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "schemathesis.sh: chorus did not become healthy within 60 s" >&2
  exit 1
fi

# Sign in through the HTML form and mint a personal API token.
TOKEN="$("$PYTHON" - "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" <<'PY'
import html, re, sys
import requests

base, email, password = sys.argv[1:4]
s = requests.Session()

def csrf(page: str) -> str:
    m = re.search(r'<input[^>]*name="_csrf"[^>]*value="([^"]*)"', page) or re.search(
        r'<input[^>]*value="([^"]*)"[^>]*name="_csrf"', page)
    if not m:
        sys.exit("no _csrf field found")
    return html.unescape(m.group(1))

r = s.get(f"{base}/sign-in", timeout=10)
r.raise_for_status()
r = s.post(f"{base}/sign-in", timeout=10,
           data={"email": email, "password": password, "_csrf": csrf(r.text)})
r.raise_for_status()
if r.url.rstrip("/") != base or "error-summary" in r.text:
    sys.exit(f"sign-in failed: ended on {r.url}")

r = s.get(f"{base}/account/tokens", timeout=10)
r.raise_for_status()
r = s.post(f"{base}/account/tokens", timeout=10,
           data={"name": "schemathesis", "_csrf": csrf(r.text)})
r.raise_for_status()
m = re.search(r'<code[^>]*id="new-token"[^>]*>([^<]+)</code>', r.text)
if not m:
    sys.exit("token not found in the /account/tokens response")
print(html.unescape(m.group(1)).strip())
PY
)"
if [[ -z "$TOKEN" ]]; then
  echo "schemathesis.sh: could not create an API token" >&2
  exit 1
fi
echo "Got an API token; running schemathesis (max $MAX_EXAMPLES examples per operation, checks: $CHECKS)"

set +e
# Run inside the temp dir: schemathesis keeps a .schemathesis/ crash cache in the cwd, which
# must neither land in the repo nor leak failures from one run into the next.
cd "$WORK"
schemathesis run "$BASE/api/v1/openapi.json" \
  --url "$BASE" \
  -H "Authorization: Bearer $TOKEN" \
  --checks "$CHECKS" \
  --max-examples "$MAX_EXAMPLES" \
  --seed "${SCHEMATHESIS_SEED:-20261123}" \
  --generation-database none \
  --workers "$WORKERS" \
  --request-timeout 20 \
  --no-color \
  "$@"
status=$?
set -e
echo "schemathesis exit status: $status"
exit $status
