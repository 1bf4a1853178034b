#!/usr/bin/env python3
"""Two Chorus servers on one PostgreSQL behind a small round-robin proxy (issue 19): do sessions, CSRF, sign-in
throttling, background jobs and the outbox behave as on one server?

Needs DATABASE_URL pointing at an EMPTY PostgreSQL database (scripts/two-servers-test.sh starts a throwaway cluster
when it is unset) and a built chorus binary. Steps, each printed with its numbers:

 1. Migrations once: both servers start at the same moment on the empty database, each with its own data folder,
    the same CHORUS_SESSION_SECRET and CHORUS_TRUSTED_PROXIES=127.0.0.1/32, as docs/configuration.md says. Both must
    come up; every migration is in the log once; exactly one server's log shows the migrator running.
    (Then both stop, the demo is seeded with `chorus seed-demo`, and both start again with an SMTP sink. The two
    data folders share one `imports/` and `uploads/` folder, as shared storage would: an upload may reach one server
    and its job run on the other.)
 2. Sessions in the database: signed in through server A, the session works on server B.
 3. CSRF: a form fetched from server A is posted to server B (an activity is saved).
 4. Throttling across both servers: 20 failed sign-ins from one forwarded client address, alternating between the
    servers through the proxy, lock that address (the 21st attempt, with the right password, is 429); another
    forwarded address is not locked; an X-Forwarded-For sent straight to a server from an address that is not a
    trusted proxy (127.0.0.2) is ignored: the failures count against 127.0.0.2, not the address it claimed.
 5. A background job once: an insight import uploaded and started through the proxy is done, its rows stored once,
    one audit entry, no lease left; then an import is started on server A, A is killed (SIGKILL) while it runs, and
    server B's sweep takes the job over once A's lease runs out (about a minute) and finishes it once.
 6. The outbox once: 40 residents ask for email updates through the proxy; with both servers' outbox workers
    running, each email reaches the SMTP sink exactly once.
 7. Load: 2,000 requests from 32 threads through the proxy across public and signed-in pages: 0 5xx.

    DATABASE_URL=postgres://…/empty scripts/two_servers_test.py [--binary .build/debug/chorus] [--requests 2000]

Exits 1 on any failed check. Python 3.9+ and `requests`.
"""
import argparse
import collections
import http.client
import http.server
import itertools
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from crash_test import SmtpSink, csrf, form_stamp, free_port  # noqa: E402

import requests  # noqa: E402

ADMIN, OFFICER, PASSWORD = "admin@harbourside.example", "officer@harbourside.example", "chorus-demo-2026"
TIMEOUT = 60
HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade"}

# --------------------------------------------------------------------------------------------------- the proxy


class Proxy:
    """Round-robin reverse proxy (threaded): appends the client's address to X-Forwarded-For, as nginx's
    $proxy_add_x_forwarded_for does. The test clients stand for many residents: a test-only header `X-Test-Client`
    says which fake address the request comes from (default 198.51.100.1); `X-Test-Backend: 0|1` pins a request to
    one server. Both headers are removed before forwarding."""

    def __init__(self, backends):
        self.backends = backends
        self.rr = itertools.count()
        self.lock = threading.Lock()
        self.served = collections.Counter()     # backend index -> requests
        self.statuses = collections.Counter()   # status -> count
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def handle_one(self):
                n = self.headers.get("Content-Length")
                body = self.rfile.read(int(n)) if n else None
                pin = self.headers.get("X-Test-Backend")
                client = self.headers.get("X-Test-Client", "198.51.100.1")
                with proxy.lock:
                    i = int(pin) if pin is not None else next(proxy.rr) % len(proxy.backends)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in HOP and k.lower() not in ("x-test-backend", "x-test-client", "x-forwarded-for", "host")}
                prior = self.headers.get("X-Forwarded-For")
                headers["X-Forwarded-For"] = f"{prior}, {client}" if prior else client
                headers["Host"] = self.headers.get("Host", "localhost")
                host, port = proxy.backends[i]
                try:
                    c = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
                    c.request(self.command, self.path, body=body, headers=headers)
                    r = c.getresponse()
                    data = r.read()
                    status, rheaders = r.status, r.getheaders()
                    c.close()
                except OSError as e:
                    status, rheaders, data = 502, [("Content-Type", "text/plain")], f"proxy: {e}".encode()
                with proxy.lock:
                    proxy.served[i] += 1
                    proxy.statuses[status] += 1
                self.send_response_only(status)
                for k, v in rheaders:
                    if k.lower() not in HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Test-Served-By", str(i))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_HEAD = do_PATCH = do_DELETE = do_PUT = handle_one

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


# --------------------------------------------------------------------------------------------------- servers


class Server:
    def __init__(self, name, binary, data_dir, env, log_path):
        self.name, self.binary, self.data_dir, self.log_path = name, binary, data_dir, log_path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # CHORUS_FORM_MIN_SECONDS=0: the clients here are scripts on purpose (public forms refuse what comes back faster
        # than a person types, and these send the form's stamp back at once).
        self.env = dict(os.environ, CHORUS_DATA_DIR=data_dir, CHORUS_HOST="127.0.0.1", CHORUS_PORT=str(self.port),
                        CHORUS_EMBEDDINGS="off", CHORUS_FORM_MIN_SECONDS="0", **env)
        self.proc = None

    def start(self, extra_env=None):
        log = open(self.log_path, "ab")
        log.write(f"\n===== two-server test: {self.name} starts at {time.strftime('%H:%M:%S')}\n".encode())
        log.flush()
        self.proc = subprocess.Popen([self.binary, "serve"], env=dict(self.env, **(extra_env or {})), stdout=log,
                                     stderr=subprocess.STDOUT, cwd=self.data_dir)
        log.close()

    def wait_healthy(self, timeout=120):
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"server {self.name} exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return time.monotonic() - t0
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise SystemExit(f"server {self.name} did not answer in {timeout} s; see {self.log_path}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self):
        return open(self.log_path, errors="replace").read()


def psql(url, sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\x1f", url, "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"psql failed: {out.stderr}")
    return [tuple(l.split("\x1f")) for l in out.stdout.splitlines() if l]


class Checks:
    def __init__(self):
        self.failed = 0
        self.lines = []

    def check(self, ok, text):
        self.lines.append(("ok  " if ok else "FAIL") + " " + text)
        print(self.lines[-1], flush=True)
        if not ok:
            self.failed += 1
        return ok


# --------------------------------------------------------------------------------------------------- helpers


def session(client="198.51.100.1", backend=None):
    s = requests.Session()
    s.headers["X-Test-Client"] = client
    if backend is not None:
        s.headers["X-Test-Backend"] = str(backend)
    return s


def pinned(s, backend):
    return {"X-Test-Backend": str(backend)}


def sign_in(base, s, email, password=PASSWORD, backend=None):
    h = pinned(s, backend) if backend is not None else {}
    r = s.get(base + "/sign-in", headers=h, timeout=TIMEOUT)
    return s.post(base + "/sign-in", data={"email": email, "password": password, "_csrf": csrf(r.text)}, headers=h,
                  timeout=TIMEOUT, allow_redirects=False)


def direct_sign_in(port, source, forwarded, email, password):
    """A sign-in sent straight to a server from `source` (a loopback address that is not a trusted proxy), claiming
    X-Forwarded-For: `forwarded`. Returns the status of the POST."""
    def req(method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT, source_address=(source, 0))
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read().decode("utf-8", "replace")
        c.close()
        return r, data
    r, page = req("GET", "/sign-in", headers={"X-Forwarded-For": forwarded})
    cookies = "; ".join(v.split(";", 1)[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
    body = urllib.parse.urlencode({"email": email, "password": password, "_csrf": csrf(page)})
    r, _ = req("POST", "/sign-in", body=body, headers={"X-Forwarded-For": forwarded, "Cookie": cookies,
                                                       "Content-Type": "application/x-www-form-urlencoded"})
    return r.status


def start_import(base, s, rows, tag, backend=None, then=None):
    """Uploads a CSV of `rows` insights (to `backend`) and starts the job (on `then`, default the same); returns
    (job id, None) or (None, what went wrong)."""
    h = pinned(s, backend) if backend is not None else {}
    r = s.get(base + "/insights/import", headers=h, timeout=TIMEOUT)
    lines = ["Response ID,Date,Comments"]
    for i in range(rows):
        lines.append(f"{tag}-{i},01/10/2026,\"Imported by the two-server test, row {chr(97 + i % 26)}\"")
    files = {"file": (tag + ".csv", ("\r\n".join(lines) + "\r\n").encode(), "text/csv")}
    r = s.post(base + "/insights/import", data={"_csrf": csrf(r.text)}, files=files, headers=h, timeout=TIMEOUT, allow_redirects=False)
    if then is not None:
        h = pinned(s, then)
    if r.status_code == 303:
        r = s.get(base + r.headers["location"], headers=h, timeout=TIMEOUT)
    m = re.search(r"/insights/import/([0-9A-Fa-f-]{36})", r.url)
    if r.status_code != 200 or not m:
        return None, f"upload: HTTP {r.status_code} at {r.url}: {re.sub(r'<[^>]+>', ' ', r.text)[:300]}"
    job = m.group(1)
    form = {}
    for sm in re.finditer(r'<select[^>]*name="(map_[a-z_]+)"[^>]*>(.*?)</select>', r.text, re.S):
        sel = re.search(r'<option[^>]*value="(\d+)"[^>]*selected|<option[^>]*selected[^>]*value="(\d+)"', sm.group(2))
        if sel:
            form[sm.group(1)] = sel.group(1) or sel.group(2)
    form.update({"_csrf": csrf(r.text), "default_sharing": "partnership", "default_kind": "survey_answer", "action": "start"})
    r = s.post(base + f"/insights/import/{job}", data=form, headers=h, timeout=TIMEOUT)
    if r.status_code != 200:
        return None, f"start: HTTP {r.status_code}: {re.sub(r'<[^>]+>', ' ', r.text)[:300]}"
    return job, None


def wait_job(url, job, seconds):
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        st = psql(url, f"SELECT status, rows_done, coalesce(message, '') FROM import_jobs WHERE id = '{job}'")
        if st and st[0][0] in ("done", "failed"):
            return st[0], time.monotonic() - t0
        time.sleep(0.5)
    return psql(url, f"SELECT status, rows_done, coalesce(message, '') FROM import_jobs WHERE id = '{job}'")[0], time.monotonic() - t0


# --------------------------------------------------------------------------------------------------- main


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.environ.get("CHORUS_BIN", ".build/debug/chorus"))
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--threads", type=int, default=32)
    p.add_argument("--no-takeover", action="store_true", help="skip the kill-and-take-over job check (about 2 minutes)")
    p.add_argument("--keep", action="store_true")
    args = p.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url or not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at an empty PostgreSQL database (scripts/two-servers-test.sh starts one)")
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no chorus binary at {binary}")
    if psql(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = '_fluent_migrations'")[0][0] != "0":
        raise SystemExit("the database is not empty (it has _fluent_migrations)")
    t_all = time.monotonic()
    work = tempfile.mkdtemp(prefix="chorus-two-servers-")
    dirs = [os.path.join(work, "a"), os.path.join(work, "b")]
    for d in dirs:
        os.makedirs(d)
    # Shared storage for uploaded files, as docs/operations.md asks: B's imports/ and uploads/ are A's. (On one
    # machine this proves little: a job row holds its file's absolute path, which B could read anyway.)
    for sub in ("imports", "uploads"):
        os.makedirs(os.path.join(dirs[0], sub))
        os.symlink(os.path.join(dirs[0], sub), os.path.join(dirs[1], sub))
    sink = SmtpSink()
    env = {"CHORUS_SESSION_SECRET": "two-server-test-" + "s" * 32, "CHORUS_TRUSTED_PROXIES": "127.0.0.1/32",
           "CHORUS_SMTP_URL": f"smtp://127.0.0.1:{sink.port}", "CHORUS_SMTP_TIMEOUT_SECONDS": "10", "DATABASE_URL": url}
    servers = [Server(n, binary, d, env, os.path.join(work, f"server-{n}.log")) for n, d in zip("AB", dirs)]
    proxy = Proxy([("127.0.0.1", s.port) for s in servers])
    ck = Checks()
    print(f"two servers on {url}; binary {binary}; work dir {work}; proxy {proxy.base} -> {[s.base for s in servers]}", flush=True)

    # 1. Both start at once on the empty database.
    t0 = time.monotonic()
    for s in servers:
        s.start()
    ups = []
    for s in servers:
        s.wait_healthy()
        ups.append(time.monotonic() - t0)
    names = psql(url, "SELECT name, count(*) FROM _fluent_migrations GROUP BY name")
    twice = [n for n, c in names if c != "1"]
    ran = [s.log().count("[Migrator] Finished prepare") for s in servers]
    ck.check(not twice and len(names) > 0 and sorted(ran)[0] == 0 and sorted(ran)[1] == len(names),
             f"migrations once: both servers up ({ups[0]:.1f} s and {ups[1]:.1f} s after starting together); {len(names)} migrations in the log, "
             f"{len(twice)} twice; the migrator ran {ran[0]} on A and {ran[1]} on B")
    for s in servers:
        s.stop()
    t0 = time.monotonic()
    seed = subprocess.run([binary, "seed-demo"], env=dict(os.environ, CHORUS_DATA_DIR=dirs[0], CHORUS_EMBEDDINGS="off", DATABASE_URL=url,
                          CHORUS_SESSION_SECRET=env["CHORUS_SESSION_SECRET"]), capture_output=True, text=True)
    if seed.returncode != 0:
        raise SystemExit("seed-demo failed:\n" + seed.stdout[-2000:] + seed.stderr[-2000:])
    print(f"     seeded the demo in {time.monotonic() - t0:.1f} s; starting both servers again", flush=True)
    for s in servers:
        s.start()
    for s in servers:
        s.wait_healthy()
    base = proxy.base

    # 2. A session made on A works on B.
    admin = session("198.51.100.20")
    r = sign_in(base, admin, ADMIN, backend=0)
    signed = r.status_code == 303 and r.headers.get("X-Test-Served-By") == "0"
    r = admin.get(base + "/account/tokens", headers={"X-Test-Backend": "1"}, timeout=TIMEOUT, allow_redirects=False)
    ck.check(signed and r.status_code == 200 and r.headers.get("X-Test-Served-By") == "1" and "Create a token" in r.text,
             f"session in the database: signed in on A, /account/tokens on B answers {r.status_code} signed in")

    # 3. CSRF: the form from A, posted to B.
    officer = session("198.51.100.21")
    sign_in(base, officer, OFFICER)
    r = officer.get(base + "/activities/new", headers={"X-Test-Backend": "0"}, timeout=TIMEOUT)
    page = r.text
    theme = re.search(r'name="theme_ids"[^>]*value="([^"]+)"', page) or re.search(r'value="([^"]+)"[^>]*name="theme_ids"', page)
    org = re.search(r'<select[^>]*name="organisation_id"[^>]*>.*?<option[^>]*selected[^>]*value="([^"]+)"', page, re.S)
    title = f"Two-server test activity {random.randrange(10 ** 6)}"
    r = officer.post(base + "/activities", headers={"X-Test-Backend": "1"}, allow_redirects=False, timeout=TIMEOUT, data={
        "_csrf": csrf(page), "title": title, "purpose": "Checking CSRF across servers", "organisation_id": org.group(1) if org else "",
        "ladder_level": "consult", "status": "planned", "starts_on": "2027-02-01", "borough_wide": "true", "methods": "survey",
        "theme_ids": theme.group(1) if theme else ""})
    stored = psql(url, f"SELECT count(*) FROM activities WHERE title = '{title}'")[0][0]
    ck.check(r.status_code == 303 and r.headers.get("X-Test-Served-By") == "1" and stored == "1",
             f"CSRF across servers: form from A, posted to B: HTTP {r.status_code}, activity stored {stored} time(s)")

    # 4. Throttling across servers, per forwarded address; a spoofed header from an untrusted hop is ignored.
    locked_ip, other_ip, claimed_ip = "203.0.113.10", "203.0.113.11", "203.0.113.50"
    guesser = session(locked_ip)
    served = collections.Counter()
    statuses = collections.Counter()
    for i in range(20):
        r = sign_in(base, guesser, f"nobody{i}@example.org", "wrong-password-123", backend=i % 2)
        served[r.headers.get("X-Test-Served-By")] += 1
        statuses[r.status_code] += 1
    r = sign_in(base, guesser, ADMIN)
    other = sign_in(base, session(other_ip), "nobody-else@example.org", "wrong-password-123")
    other_ok = sign_in(base, session(other_ip), OFFICER)
    ck.check(r.status_code == 429 and served["0"] == 10 and served["1"] == 10 and other.status_code != 429 and other_ok.status_code == 303,
             f"throttling across servers: 20 failures from {locked_ip} ({served['0']} on A, {served['1']} on B; answers {dict(statuses)}), then the right "
             f"password from it: HTTP {r.status_code}; from {other_ip}: a wrong password {other.status_code}, the right one {other_ok.status_code}")
    spoof = collections.Counter(direct_sign_in(servers[0].port, "127.0.0.2", claimed_ip, f"spoof{i}@example.org", "wrong-password-123")
                                for i in range(20))
    claimed = sign_in(base, session(claimed_ip), OFFICER)
    untrusted = direct_sign_in(servers[1].port, "127.0.0.2", "203.0.113.99", ADMIN, PASSWORD)
    recorded = psql(url, "SELECT count(*) FROM sign_in_failures WHERE ip = '127.0.0.2'") if psql(
        url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'sign_in_failures' AND column_name = 'ip'")[0][0] == "1" else None
    ck.check(claimed.status_code == 303 and untrusted == 429,
             f"untrusted hop: 20 failures sent straight to A from 127.0.0.2 claiming X-Forwarded-For {claimed_ip} (answers {dict(spoof)}); "
             f"{claimed_ip} through the proxy still signs in (HTTP {claimed.status_code}); 127.0.0.2 straight to B is locked (HTTP {untrusted})"
             + (f"; failures recorded for 127.0.0.2: {recorded[0][0]}" if recorded else ""))

    # 5. Background jobs once.
    tag = f"two-{random.randrange(10 ** 6)}"
    job, err = start_import(base, admin, 300, tag, backend=0, then=1)
    if not job:
        ck.check(False, f"import through the proxy: {err}")
    else:
        st, took = wait_job(url, job, 120)
        rows = psql(url, f"SELECT count(*), count(DISTINCT source_ref) FROM insights WHERE source_ref LIKE '{tag}-%'")[0]
        audits = psql(url, f"SELECT count(*) FROM audit_events WHERE label LIKE 'Imported % insights from {tag}.csv%'")[0][0]
        leases = psql(url, "SELECT count(*) FROM job_leases")[0][0]
        ck.check(st[0] == "done" and rows == ("300", "300") and audits == "1" and leases == "0",
                 f"import through the proxy, uploaded to A, columns and start on B: {st[0]} in {took:.1f} s, "
                 f"{rows[0]} rows stored ({rows[1]} distinct) of 300, {audits} audit entry, {leases} leases left {st[2][:200]}")
    if not args.no_takeover:
        tag = f"take-{random.randrange(10 ** 6)}"
        job, err = start_import(base, admin, 20000, tag, backend=0)
        if not job:
            ck.check(False, f"import on A: {err}")
        else:
            t0 = time.monotonic()
            while time.monotonic() - t0 < 60:
                st = psql(url, f"SELECT status FROM import_jobs WHERE id = '{job}'")[0][0]
                if st in ("running", "done", "failed"):
                    break
                time.sleep(0.05)
            servers[0].proc.send_signal(signal.SIGKILL)
            servers[0].proc.wait()
            killed_while = st
            st, took = wait_job(url, job, 240)
            rows = psql(url, f"SELECT count(*), count(DISTINCT source_ref) FROM insights WHERE source_ref LIKE '{tag}-%'")[0]
            resumed = [s.log().count(f"{job.upper()} was left unfinished") + s.log().count(f"{job.lower()} was left unfinished") for s in servers]
            servers[0].start()
            servers[0].wait_healthy()
            ck.check(st[0] == "done" and rows == ("20000", "20000") and resumed == [0, 1],
                     f"job take-over: A killed while its import was {killed_while}; B started it again after A's lease ran out "
                     f"(B's log: {resumed[1]}); {st[0]} {took:.0f} s after the kill, {rows[0]} rows stored ({rows[1]} distinct) of 20,000")

    # 6. The outbox: each email once with both workers running.
    before = len(sink.snapshot())
    emails = [f"two-{random.randrange(10 ** 9)}-{i}@example.org" for i in range(40)]
    wards = [c for c, in psql(url, "SELECT code FROM places WHERE kind = 'ward'")]
    acked = 0
    for i, e in enumerate(emails):
        s = session(f"198.51.100.{100 + i}")
        r = s.get(base + "/updates", timeout=TIMEOUT)
        r = s.post(base + "/updates", data={"_csrf": csrf(r.text), "_t": form_stamp(r.text), "email": e, "ward": wards[i % len(wards)]},
                   timeout=TIMEOUT)
        acked += r.status_code == 200 and e in r.text
    # Both servers' workers pass every 30 s; wait until every one is sent, then one more pass of each.
    t0 = time.monotonic()
    quoted = ", ".join(f"'{e}'" for e in emails)
    while time.monotonic() - t0 < 120:
        if psql(url, f"SELECT count(*) FROM email_outbox WHERE to_address IN ({quoted}) AND status <> 'sent'")[0][0] == "0":
            break
        time.sleep(1)
    sent_s = time.monotonic() - t0
    time.sleep(31)
    got = collections.Counter()
    for mid, rcpts, _ in sink.snapshot()[before:]:
        for rc in rcpts:
            if rc in emails:
                got[rc] += 1
    queued = psql(url, f"SELECT count(*), count(DISTINCT to_address) FROM email_outbox WHERE to_address IN ({quoted})")[0]
    owners = psql(url, "SELECT count(*) FROM email_outbox WHERE lease_owner IS NOT NULL AND status = 'pending'")[0][0]
    ck.check(acked == 40 and queued == ("40", "40") and all(got[e] == 1 for e in emails),
             f"outbox once with two workers: 40 subscriptions ({acked} acknowledged), {queued[0]} emails queued, all sent "
             f"{sent_s:.0f} s later; the SMTP sink got {sum(got.values())} messages for them, "
             f"{sum(1 for e in emails if got[e] == 1)} exactly once, {sum(1 for e in emails if got[e] > 1)} more than once, "
             f"{sum(1 for e in emails if got[e] == 0)} never; {owners} emails still leased")

    # 7. Load through the proxy.
    ward = wards[0]
    activity = psql(url, "SELECT id FROM activities WHERE is_public AND status IN ('planned', 'open') LIMIT 1")
    public = ["/", "/whats-on", f"/whats-on?ward={ward}", f"/wards/{ward}", "/you-said-we-did", "/whats-on/borough.ics", "/updates"]
    if activity:
        public.append(f"/whats-on/{activity[0][0].upper()}")
    signed_in = ["/activities", "/insights", "/insights?q=bus", "/account/tokens", "/activities/new"]
    sessions = []
    for i in range(args.threads):
        s = session(f"198.51.100.{200 + i % 50}")
        if i % 2 == 0:
            sign_in(base, s, OFFICER if i % 4 else ADMIN)
        sessions.append(s)
    before = dict(proxy.statuses)
    lock = threading.Lock()
    results = collections.Counter()
    errors = []
    latencies = []
    counter = itertools.count()
    odd = collections.Counter()

    def worker(s, signed):
        paths = public + (signed_in if signed else [])
        rng = random.Random()
        while next(counter) < args.requests:
            path = rng.choice(paths)
            t = time.perf_counter()
            try:
                r = s.get(base + path, timeout=TIMEOUT, allow_redirects=False)
                code = r.status_code
            except requests.RequestException as e:
                code = "error"
                with lock:
                    errors.append(f"{path}: {e}")
            with lock:
                results[code] += 1
                if code != 200:
                    odd[(path, code)] += 1
                latencies.append(time.perf_counter() - t)
                if isinstance(code, int) and code >= 500 and len(errors) < 10:
                    errors.append(f"{path}: HTTP {code}")

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(s, i % 2 == 0)) for i, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - t0
    latencies.sort()
    fives = sum(v for k, v in results.items() if isinstance(k, int) and k >= 500)
    by_backend = dict(proxy.served)
    ck.check(fives == 0 and results["error"] == 0 and sum(results.values()) == args.requests,
             f"load through the proxy: {sum(results.values())} requests from {args.threads} threads in {took:.1f} s "
             f"({sum(results.values()) / took:.0f} req/s, p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
             f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms); statuses {dict(sorted(results.items(), key=str))}; "
             f"5xx: {fives}; all requests so far by server: A {by_backend.get(0, 0)}, B {by_backend.get(1, 0)}"
             + (f"; not 200: {dict(odd.most_common(6))}" if odd else "") + ("; " + "; ".join(errors[:5]) if errors else ""))

    for s in servers:
        s.stop()
    logs = [s.log() for s in servers]
    crashes = [len(re.findall(r"Fatal error|Segmentation fault|\[ CRITICAL \]", l)) for l in logs]
    errors_logged = [len(re.findall(r"\[ ERROR \]", l)) for l in logs]
    ck.check(crashes == [0, 0], f"server logs: {errors_logged[0]} and {errors_logged[1]} [ ERROR ] lines, no crash")
    print(f"\n{'PASS' if ck.failed == 0 else 'FAIL'}: {len(ck.lines) - ck.failed} of {len(ck.lines)} checks passed "
          f"in {time.monotonic() - t_all:.0f} s")
    if ck.failed or args.keep:
        print(f"kept: {work} (server-A.log, server-B.log)")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if ck.failed else 0)


if __name__ == "__main__":
    main()
