#!/usr/bin/env python3
"""Crash test (issue 19): concurrent writers while the server is killed with SIGKILL, then a check that everything
the server acknowledged is stored exactly once and whole.

It seeds the demo borough into a fresh data directory (SQLite) or into the database of DATABASE_URL (PostgreSQL),
starts `chorus serve` with CHORUS_SMTP_URL pointing at an SMTP sink inside this script, signs in as the demo's
partnership admin (session and API token) and as the demo officer, and runs W writer threads doing real writes:

  insight      POST /api/v1/insights with an Idempotency-Key (an outcome the client could not see is retried with
               the same key and body until the server answers: exactly one insight must result)
  batch        POST /api/v1/insights/batch of 10 with an Idempotency-Key (all or nothing, retried the same way)
  activity     the officer's "Register an activity" form (GET /activities/new for its CSRF token, then POST)
  subscribe    a resident's "Email me updates" form (POST /updates): one subscription and one queued email
  import       an insight CSV import (upload, choose columns, start; the job runs in the background)

Each writer records what the server acknowledged (201 with the id, 303 to the new activity, the "Check your email"
page, the started job's page). At random moments (0.5 to 4 s apart) the server gets SIGKILL and is started again on
the same data; writers wait (connection refused) and carry on. After the last restart the writers run --seconds
more and stop; the test waits for the import jobs to finish (a job a killed server held is started again by another
sweep once its 60 s lease runs out), then for the outbox: emails a killed server had claimed wait for its
10-minute lease to run out, so the test moves those leases into the past by SQL (as if the ten minutes had passed),
restarts the server (SIGTERM, so it sends at start) and waits until every queued email is sent.

Checks (by SQL: the sqlite3 module or psql; plus a sample read back through the API):
  - every acknowledged insight, batch, activity and subscription is stored exactly once with every field as sent
    (insights: text, date heard, kind, sharing, people, place, source reference, themes; one audit entry each);
  - a batch is all or nothing; a form post whose answer was lost is stored at most once;
  - no orphaned rows (theme links of insights or activities without their record);
  - every started import is done with all its rows stored once (or, if never started, nothing stored); no job
    lease is left; how many jobs were started again after a restart (from the server log);
  - every email queued for an acknowledged subscription was sent; the SMTP sink's copies per Message-ID: a second
    copy is allowed only for the documented SMTP window (the server died after the SMTP server accepted the message
    and before it marked the row sent: at most one email per kill);
  - no 5xx answer at all (a refused or dropped connection while the server is down is expected and counted).
Prints a table per kill and the totals; exits 1 on any lost or duplicated acknowledged write, half-written record,
5xx, unexpected answer, unfinished or double-run job, or email sent twice beyond the window.

    bench/crash_test.py --binary /tmp/chorus --database sqlite --writers 64 --kills 20
    DATABASE_URL=postgres://… bench/crash_test.py --database postgres      # an empty database (it seeds the demo)

Normally run by bench/run_crash_test.sh. Python 3.9+ and `requests`; psql for PostgreSQL.
"""
import argparse
import asyncio
import collections
import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

try:
    import requests
except ImportError:  # pragma: no cover
    sys.exit("the crash test needs the 'requests' package (pip install requests)")

ADMIN = "admin@harbourside.example"
OFFICER = "officer@harbourside.example"
PASSWORD = "chorus-demo-2026"
TIMEOUT = 60
IMPORT_ROWS = 120
BATCH = 10


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def csrf(html):
    m = re.search(r'name="_csrf"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="_csrf"', html)
    return m.group(1) if m else None


def form_stamp(html):
    """The bot-protection stamp of a public form (`_t`): sent back as a browser would. The servers here run with
    CHORUS_FORM_MIN_SECONDS=0, since these writers are scripts on purpose."""
    m = re.search(r'name="_t"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="_t"', html)
    return m.group(1) if m else ""


def letters(rng, n=12):
    """A token of letters only (digits could look like a phone number to redaction)."""
    return "".join(rng.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(n))


# --------------------------------------------------------------------------------------------------- SMTP sink


class SmtpSink:
    """A tiny SMTP server (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no sign-in) that keeps each message's
    Message-ID and recipients. A message counts only once its DATA is complete and answered 250."""

    def __init__(self):
        self.port = free_port()
        self.lock = threading.Lock()
        self.messages = []  # (message_id, [rcpt], time)
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        self.ready.wait(10)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._session, "127.0.0.1", self.port))
        self.ready.set()
        self.loop.run_until_complete(server.serve_forever())

    async def _session(self, reader, writer):
        rcpts = []
        try:
            writer.write(b"220 crash-test sink ESMTP\r\n")
            await writer.drain()
            while True:
                line = await reader.readline()
                if not line:
                    break
                cmd = line.decode("utf-8", "replace").strip()
                verb = cmd[:4].upper()
                if verb == "EHLO":
                    writer.write(b"250-crash-test sink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
                elif verb == "HELO":
                    writer.write(b"250 crash-test sink\r\n")
                elif verb == "MAIL":
                    rcpts = []
                    writer.write(b"250 OK\r\n")
                elif verb == "RCPT":
                    m = re.search(r"<([^>]*)>", cmd)
                    rcpts.append((m.group(1) if m else cmd[8:]).lower())
                    writer.write(b"250 OK\r\n")
                elif verb == "DATA":
                    writer.write(b"354 go ahead\r\n")
                    await writer.drain()
                    data = []
                    while True:
                        l = await reader.readline()
                        if not l:
                            return  # the sender died mid-message: not delivered
                        if l in (b".\r\n", b".\n"):
                            break
                        data.append(l)
                    text = b"".join(data).decode("utf-8", "replace")
                    m = re.search(r"^Message-ID:\s*<([^>@]+)", text, re.M | re.I)
                    with self.lock:
                        self.messages.append((m.group(1).lower() if m else None, list(rcpts), time.time()))
                    writer.write(b"250 OK queued\r\n")
                elif verb in ("RSET", "NOOP"):
                    writer.write(b"250 OK\r\n")
                elif verb == "QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:
                    writer.write(b"502 not implemented\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    def snapshot(self):
        with self.lock:
            return list(self.messages)


# --------------------------------------------------------------------------------------------------- the server


class Server:
    def __init__(self, binary, data_dir, env, log_path):
        self.binary, self.data_dir, self.log_path = binary, data_dir, log_path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, CHORUS_DATA_DIR=data_dir, CHORUS_HOST="127.0.0.1", CHORUS_PORT=str(self.port),
                        CHORUS_EMBEDDINGS="off", CHORUS_FORM_MIN_SECONDS="0", **env)
        self.proc = None
        self.starts = 0

    def start(self):
        log = open(self.log_path, "ab")
        log.write(f"\n===== crash test: start {self.starts + 1} at {time.strftime('%H:%M:%S')}\n".encode())
        log.flush()
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                     cwd=self.data_dir)
        log.close()
        self.starts += 1

    def wait_healthy(self, timeout=120):
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return time.monotonic() - t0
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise SystemExit(f"the server did not answer /healthz in {timeout} s; see {self.log_path}")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return "killed after 30 s"
        return self.proc.returncode if self.proc else None


# --------------------------------------------------------------------------------------------------- the database


class Db:
    """Read-mostly SQL access for the checks: SQLite through the sqlite3 module, PostgreSQL through psql."""

    def __init__(self, kind, sqlite_path=None, url=None):
        self.kind, self.path, self.url = kind, sqlite_path, url

    def uid(self, col):
        return col if self.kind == "sqlite" else f"upper({col}::text)"

    def rows(self, sql):
        if self.kind == "sqlite":
            c = sqlite3.connect(self.path, timeout=60)
            try:
                return [tuple("" if v is None else str(v) for v in r) for r in c.execute(sql).fetchall()]
            finally:
                c.close()
        out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\x1f", "-R", "\x1e", self.url, "-c", sql],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"psql failed: {out.stderr}")
        return [tuple(r.split("\x1f")) for r in out.stdout.rstrip("\n").split("\x1e") if r.strip("\n")]

    def execute(self, sql):
        if self.kind == "sqlite":
            c = sqlite3.connect(self.path, timeout=60)
            try:
                n = c.execute(sql).rowcount
                c.commit()
                return n
            finally:
                c.close()
        out = subprocess.run(["psql", "-X", "-q", self.url, "-c", sql], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"psql failed: {out.stderr}")
        return None


# --------------------------------------------------------------------------------------------------- writers


class Down(Exception):
    """Connection refused: the request never reached a server (safe to send again)."""


class Unknown(Exception):
    """The connection broke or timed out after the request may have been sent: the outcome is not known."""


class Shared:
    def __init__(self, args, server):
        self.args, self.server = args, server
        self.epoch = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.records = []          # dicts: epoch, op, outcome, ...
        self.failures = []         # (epoch, op, text)
        self.refused = collections.Counter()   # epoch -> refused connections waited out
        self.run_tag = letters(random.Random(), 6)

    def record(self, **r):
        with self.lock:
            self.records.append(r)

    def fail(self, epoch, op, text):
        with self.lock:
            self.failures.append((epoch, op, text))


class Writer(threading.Thread):
    def __init__(self, n, shared, cookies, token, reference):
        super().__init__(daemon=True)
        self.n, self.sh = n, shared
        self.rng = random.Random(n * 7919 + int(time.time()))
        self.admin = requests.Session()
        self.admin.cookies.update(cookies["admin"])
        self.officer = requests.Session()
        self.officer.cookies.update(cookies["officer"])
        self.api = requests.Session()
        self.api.headers.update({"Authorization": "Bearer " + token, "Accept": "application/json"})
        self.public = requests.Session()
        self.ref = reference
        self.seen_epoch = 0
        self.count = 0

    # ---- HTTP with the failure classes above
    def call(self, s, method, path, **kw):
        if self.sh.stop.is_set() and kw.pop("stoppable", True):
            raise StopIteration
        kw.pop("stoppable", None)
        if self.seen_epoch != self.sh.epoch:  # the server was restarted: drop pooled connections to the dead one
            for x in (self.admin, self.officer, self.api, self.public):
                x.close()
            self.seen_epoch = self.sh.epoch
        try:
            return s.request(method, self.sh.server.base + path, timeout=TIMEOUT, **kw)
        except requests.ConnectionError as e:
            text = str(e)
            if "refused" in text or "Errno 111" in text:
                raise Down()
            raise Unknown(text[:200])
        except requests.Timeout as e:
            raise Unknown("timeout: " + str(e)[:200])

    def get_until(self, s, path):
        """A GET (a form to fill in) tried until the server answers it."""
        while True:
            try:
                r = self.call(s, "GET", path)
            except (Down, Unknown):
                self.sh.refused[self.sh.epoch] += 1
                time.sleep(0.1)
                continue
            if r.status_code >= 500:
                self.sh.fail(self.sh.epoch, "GET " + path, f"HTTP {r.status_code}: {r.text[:200]}")
                raise StopIteration
            return r

    def post(self, s, path, retry_unknown, **kw):
        """(response or None, number of attempts whose outcome was not seen). Down is always retried; Unknown only
        when the request is idempotent (retry_unknown)."""
        unknown = 0
        for _ in range(2000):
            try:
                t0 = time.perf_counter()
                r = self.call(s, "POST", path, stoppable=False, **kw)
                self.last_ms = (time.perf_counter() - t0) * 1000
                return r, unknown
            except Down:
                self.sh.refused[self.sh.epoch] += 1
                time.sleep(0.1)
            except Unknown:
                unknown += 1
                if not retry_unknown:
                    return None, unknown
                time.sleep(0.1)
            if self.sh.stop.is_set() and self.sh.final_stop:
                return None, unknown
            for f in kw.get("files", {}).values():  # an upload is read again from the start
                f[1].seek(0)
        return None, unknown

    def check_5xx(self, epoch, op, r):
        if r is not None and r.status_code >= 500:
            self.sh.fail(epoch, op, f"HTTP {r.status_code}: {r.text[:300]}")
            return True
        return False

    # ---- the writes
    def insight_body(self, tag):
        ref = self.ref
        themes = self.rng.sample(ref["themes"], self.rng.choice([1, 2]))
        return {
            "text": f"Crash test {letters(self.rng)}: the buses after seven are too infrequent, {letters(self.rng, 6)}.",
            "heard_on": (datetime.date.today() - datetime.timedelta(days=self.rng.randrange(0, 300))).isoformat(),
            "kind": self.rng.choice(["quote", "survey_answer", "conversation_note", "observation", "complaint"]),
            "sharing": self.rng.choice(["public", "partnership", "organisation"]),
            "theme_ids": themes,
            "place_id": self.rng.choice(ref["wards"]),
            "people_count": self.rng.randrange(1, 40),
            "source_ref": tag,
        }

    def op_insight(self):
        epoch = self.sh.epoch
        self.count += 1
        tag = f"ct-{self.sh.run_tag}-i{self.n}-{self.count}"
        body = self.insight_body(tag)
        key = "crash-" + uuid.uuid4().hex
        r, unknown = self.post(self.api, "/api/v1/insights", True, json=body, headers={"Idempotency-Key": key})
        if r is None:
            self.sh.record(epoch=epoch, op="insight", outcome="unknown", tag=tag, body=body, unknown=unknown)
            return
        if self.check_5xx(epoch, "insight", r):
            return
        if r.status_code == 201:
            self.sh.record(epoch=self.sh.epoch, op="insight", outcome="ack", ms=self.last_ms, tag=tag, body=body, id=r.json()["id"].upper(),
                           unknown=unknown, replayed=r.headers.get("Idempotent-Replayed") == "true")
        else:
            self.sh.fail(epoch, "insight", f"HTTP {r.status_code}: {r.text[:300]}")

    def op_batch(self):
        epoch = self.sh.epoch
        self.count += 1
        tags = [f"ct-{self.sh.run_tag}-b{self.n}-{self.count}-{i}" for i in range(BATCH)]
        bodies = [self.insight_body(t) for t in tags]
        key = "crash-" + uuid.uuid4().hex
        r, unknown = self.post(self.api, "/api/v1/insights/batch", True, json={"insights": bodies}, headers={"Idempotency-Key": key})
        if r is None:
            self.sh.record(epoch=epoch, op="batch", outcome="unknown", tags=tags, bodies=bodies, unknown=unknown)
            return
        if self.check_5xx(epoch, "batch", r):
            return
        if r.status_code == 201:
            ids = [i.upper() for i in r.json()["ids"]]
            self.sh.record(epoch=self.sh.epoch, op="batch", outcome="ack", ms=self.last_ms, tags=tags, bodies=bodies, ids=ids, unknown=unknown,
                           replayed=r.headers.get("Idempotent-Replayed") == "true")
        else:
            self.sh.fail(epoch, "batch", f"HTTP {r.status_code}: {r.text[:300]}")

    def op_activity(self):
        page = self.get_until(self.officer, "/activities/new")
        token = csrf(page.text)
        if page.status_code != 200 or not token:
            self.sh.fail(self.sh.epoch, "activity", f"the form: HTTP {page.status_code} at {page.url}")
            return
        epoch = self.sh.epoch
        self.count += 1
        title = f"Crash test activity {self.sh.run_tag} {self.n} {self.count} {letters(self.rng, 6)}"
        start = datetime.date.today() + datetime.timedelta(days=self.rng.randrange(1, 200))
        fields = {"title": title, "purpose": f"Purpose {letters(self.rng)}", "organisation_id": self.ref["officer_org"],
                  "ladder_level": self.rng.choice(["inform", "consult", "involve"]), "status": self.rng.choice(["planned", "open"]),
                  "starts_on": start.isoformat(), "ends_on": (start + datetime.timedelta(days=14)).isoformat(),
                  "borough_wide": "true", "methods": "survey", "theme_ids": self.rng.choice(self.ref["themes"])}
        r, unknown = self.post(self.officer, "/activities", False, data=dict(fields, _csrf=token), allow_redirects=False)
        if r is None:
            self.sh.record(epoch=epoch, op="activity", outcome="unknown", title=title, fields=fields)
            return
        if self.check_5xx(epoch, "activity", r):
            return
        m = re.search(r"/activities/([0-9A-Fa-f-]{36})", r.headers.get("location", ""))
        if r.status_code == 303 and m:
            self.sh.record(epoch=self.sh.epoch, op="activity", outcome="ack", ms=self.last_ms, title=title, fields=fields, id=m.group(1).upper())
        else:
            self.sh.fail(epoch, "activity", f"HTTP {r.status_code} {r.headers.get('location')}: {re.sub(r'<[^>]+>', ' ', r.text)[:300]}")

    def op_subscribe(self):
        page = self.get_until(self.public, "/updates")
        token = csrf(page.text)
        if page.status_code != 200 or not token:
            self.sh.fail(self.sh.epoch, "subscribe", f"the form: HTTP {page.status_code}")
            return
        epoch = self.sh.epoch
        self.count += 1
        email = f"ct-{self.sh.run_tag}-{self.n}-{self.count}@example.org"
        r, unknown = self.post(self.public, "/updates", False, data={"_csrf": token, "_t": form_stamp(page.text), "email": email, "ward": self.rng.choice(self.ref["ward_codes"])})
        if r is None:
            self.sh.record(epoch=epoch, op="subscribe", outcome="unknown", email=email)
            return
        if self.check_5xx(epoch, "subscribe", r):
            return
        if r.status_code == 200 and email in r.text and "There is a problem" not in r.text:
            self.sh.record(epoch=self.sh.epoch, op="subscribe", outcome="ack", ms=self.last_ms, email=email)
        else:
            self.sh.fail(epoch, "subscribe", f"HTTP {r.status_code}: {re.sub(r'<[^>]+>', ' ', r.text)[:300]}")

    def op_import(self):
        page = self.get_until(self.admin, "/insights/import")
        token = csrf(page.text)
        if page.status_code != 200 or not token:
            self.sh.fail(self.sh.epoch, "import", f"the upload form: HTTP {page.status_code}")
            return
        epoch = self.sh.epoch
        self.count += 1
        prefix = f"ct-{self.sh.run_tag}-m{self.n}-{self.count}"
        name = prefix + ".csv"
        lines = ["Response ID,Date,Comments,Ward,Topics"]
        for i in range(IMPORT_ROWS):
            day = (datetime.date.today() - datetime.timedelta(days=self.rng.randrange(0, 300))).strftime("%d/%m/%Y")
            lines.append(f'{prefix}-{i},{day},"Imported during the crash test, {letters(self.rng)}",'
                         f'{self.rng.choice(self.ref["ward_names"])},{self.rng.choice(self.ref["theme_names"])}')
        path = os.path.join(self.sh.args.work, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\r\n".join(lines) + "\r\n")
        with open(path, "rb") as fh:
            r, unknown = self.post(self.admin, "/insights/import", False, data={"_csrf": token}, files={"file": (name, fh, "text/csv")})
        os.remove(path)
        if r is None:  # an upload whose answer was lost: at most a job waiting for its columns is left
            self.sh.record(epoch=epoch, op="import", outcome="unknown", stage="upload", name=name, prefix=prefix)
            return
        if self.check_5xx(epoch, "import upload", r):
            return
        m = re.search(r"/insights/import/([0-9A-Fa-f-]{36})", r.url)
        if r.status_code != 200 or not m:
            self.sh.fail(epoch, "import upload", f"HTTP {r.status_code} at {r.url}: {re.sub(r'<[^>]+>', ' ', r.text)[:300]}")
            return
        job = m.group(1).upper()
        page = r
        # Start it. When the answer to "start" is lost, look at the job's page again, as a person would: the columns
        # form again means it did not start (send it again); the job's progress or result means it did.
        for _ in range(100):
            if 'name="map_text"' not in page.text:
                self.sh.record(epoch=self.sh.epoch, op="import", outcome="ack", job=job, name=name, prefix=prefix, seen_on_page=True)
                return
            form = {}
            for sm in re.finditer(r'<select[^>]*name="(map_[a-z_]+)"[^>]*>(.*?)</select>', page.text, re.S):
                sel = re.search(r'<option[^>]*value="(\d+)"[^>]*selected|<option[^>]*selected[^>]*value="(\d+)"', sm.group(2))
                if sel:
                    form[sm.group(1)] = sel.group(1) or sel.group(2)
            for need in ("map_text", "map_heard_on", "map_source_ref"):
                if need not in form:
                    self.sh.fail(epoch, "import", f"the mapping page did not choose {need}: {form}")
                    return
            form.update({"_csrf": csrf(page.text), "default_sharing": "partnership", "default_kind": "survey_answer", "action": "start"})
            epoch = self.sh.epoch
            r, unknown = self.post(self.admin, f"/insights/import/{job}", False, data=form)
            if r is None:
                if self.sh.final_stop:
                    break
                page = self.get_until(self.admin, f"/insights/import/{job}?refresh=off")
                continue
            if self.check_5xx(epoch, "import start", r):
                return
            if r.status_code == 200 and job.lower() in r.url.lower():
                self.sh.record(epoch=self.sh.epoch, op="import", outcome="ack", job=job, name=name, prefix=prefix, ms=self.last_ms)
            else:
                self.sh.fail(epoch, "import start", f"HTTP {r.status_code} at {r.url}: {re.sub(r'<[^>]+>', ' ', r.text)[:300]}")
            return
        self.sh.record(epoch=epoch, op="import", outcome="unknown", stage="start", job=job, name=name, prefix=prefix)

    def run(self):
        # The first --imports-at-once writers only import (one import after another); the others do the rest.
        if self.n < self.sh.args.imports_at_once:
            ops = [(self.op_import, 1)]
        else:
            ops = [(self.op_insight, 42), (self.op_batch, 10), (self.op_activity, 24), (self.op_subscribe, 24)]
        funcs, weights = zip(*ops)
        while not self.sh.stop.is_set():
            try:
                self.rng.choices(funcs, weights)[0]()
            except StopIteration:
                break
            except Exception as e:  # a bug in this script, not the server: stop loudly
                self.sh.fail(self.sh.epoch, "writer", f"{type(e).__name__}: {e}")
                break


# --------------------------------------------------------------------------------------------------- setup


def sign_in(base, email):
    s = requests.Session()
    r = s.get(base + "/sign-in", timeout=TIMEOUT)
    r = s.post(base + "/sign-in", data={"email": email, "password": PASSWORD, "_csrf": csrf(r.text)}, timeout=TIMEOUT)
    if r.status_code != 200 or "/sign-in" in r.url:
        raise SystemExit(f"sign-in as {email} failed: HTTP {r.status_code}")
    return s


def api_token(base, s):
    r = s.get(base + "/account/tokens", timeout=TIMEOUT)
    r = s.post(base + "/account/tokens", data={"name": "crash test", "_csrf": csrf(r.text)}, timeout=TIMEOUT)
    m = re.search(r'<code id="new-token">([^<]+)</code>', r.text)
    if not m:
        raise SystemExit(f"could not create an API token: HTTP {r.status_code}")
    return m.group(1).strip()


def reference(base, token, officer):
    h = {"Authorization": "Bearer " + token}

    def items(path):
        return requests.get(base + path, headers=h, timeout=TIMEOUT).json()["items"]

    wards = items("/api/v1/places?kind=ward&size=200")
    themes = [t for t in items("/api/v1/themes?size=200") if t.get("parent_id")]
    page = officer.get(base + "/activities/new", timeout=TIMEOUT).text
    org = re.search(r'<select[^>]*name="organisation_id"[^>]*>.*?<option[^>]*selected[^>]*value="([^"]+)"', page, re.S)
    org = org or re.search(r'<select[^>]*name="organisation_id"[^>]*>.*?<option[^>]*value="([^"]+)"[^>]*selected', page, re.S)
    return {"wards": [w["id"].upper() for w in wards], "ward_codes": [w["code"] for w in wards],
            "ward_names": [w["name"] for w in wards], "themes": [t["id"].upper() for t in themes],
            "theme_names": [t["name"] for t in themes if "," not in t["name"] and ";" not in t["name"]],
            "officer_org": org.group(1)}


# --------------------------------------------------------------------------------------------------- checks


def verify(db, shared, sink, server_log, kills, api_get):
    """Returns (lines of results, number of failures, numbers for the summary)."""
    recs = shared.records
    out, bad = [], 0
    nums = collections.OrderedDict()

    def problem(text):
        nonlocal bad
        bad += 1
        if bad <= 40:
            out.append("  FAIL " + text)

    tag = shared.run_tag
    # Insights (single and batch) by source reference.
    stored = collections.defaultdict(list)
    for r in db.rows(f"SELECT {db.uid('id')}, source_ref, text, kind, sharing, people_count, {db.uid('place_id')}, heard_day "
                     f"FROM insights WHERE source_ref LIKE 'ct-{tag}-%'"):
        stored[r[1]].append(r)
    links = collections.defaultdict(set)
    for iid, tid in db.rows(f"SELECT {db.uid('t.insight_id')}, {db.uid('t.theme_id')} FROM insight_themes t JOIN insights i ON i.id = t.insight_id "
                            f"WHERE i.source_ref LIKE 'ct-{tag}-%'"):
        links[iid].add(tid)
    audits = collections.Counter(r[0] for r in db.rows(
        f"SELECT {db.uid('entity_id')} FROM audit_events WHERE entity = 'insight' AND action = 'create'"))
    epoch0 = datetime.date(1970, 1, 1)

    def check_insight(tagv, body, iid):
        rows = stored.get(tagv, [])
        if len(rows) != 1:
            problem(f"insight {tagv} acknowledged as {iid}: stored {len(rows)} times")
            return False
        r = rows[0]
        want = (iid, tagv, body["text"], body["kind"], body["sharing"], str(body["people_count"]), body["place_id"],
                str((datetime.date.fromisoformat(body["heard_on"]) - epoch0).days))
        if tuple(r) != want:
            problem(f"insight {tagv}: stored {r}, sent {want}")
            return False
        if links[iid] != set(body["theme_ids"]):
            problem(f"insight {tagv}: themes {sorted(links[iid])}, sent {sorted(body['theme_ids'])}")
            return False
        return True

    acked_i = [r for r in recs if r["op"] == "insight" and r["outcome"] == "ack"]
    ok = sum(check_insight(r["tag"], r["body"], r["id"]) for r in acked_i)
    single_audit_bad = sum(1 for r in acked_i if audits[r["id"]] != 1)
    for r in recs:
        if r["op"] == "insight" and r["outcome"] == "unknown" and len(stored.get(r["tag"], [])) > 1:
            problem(f"insight {r['tag']} (answer lost) stored {len(stored[r['tag']])} times")
    nums["insights acknowledged"] = len(acked_i)
    nums["  of them answered after a lost answer (retried, same Idempotency-Key)"] = sum(1 for r in acked_i if r["unknown"])
    nums["  of them replayed (Idempotent-Replayed: true)"] = sum(1 for r in acked_i if r.get("replayed"))
    nums["  insights stored exactly once with every field"] = ok
    acked_b = [r for r in recs if r["op"] == "batch" and r["outcome"] == "ack"]
    bok = 0
    for r in acked_b:
        if len(r["ids"]) != len(r["tags"]):
            problem(f"batch {r['tags'][0]}: {len(r['ids'])} ids for {len(r['tags'])} insights")
            continue
        bok += all([check_insight(t, b, i) for t, b, i in zip(r["tags"], r["bodies"], r["ids"])])
    partial = 0
    for r in recs:
        if r["op"] == "batch":
            n = sum(1 for t in r["tags"] if stored.get(t))
            if n not in (0, len(r["tags"])):
                partial += 1
                problem(f"batch {r['tags'][0]} ({r['outcome']}): {n} of {len(r['tags'])} stored")
    nums["batches acknowledged (10 insights each)"] = len(acked_b)
    nums["  batches stored whole, exactly once"] = bok
    nums["batches stored in part"] = partial
    nums["acknowledged single insights without exactly one audit entry"] = single_audit_bad
    if single_audit_bad:
        problem(f"{single_audit_bad} acknowledged insights do not have exactly one audit entry")
    # A batch has one audit entry ("Recorded 10 insights through the API"); the demo records none of these.
    batch_audits = int(db.rows(f"SELECT count(*) FROM audit_events WHERE entity = 'insight' AND action = 'import' "
                               f"AND label = 'Recorded {BATCH} insights through the API'")[0][0])
    batches_stored = sum(1 for r in recs if r["op"] == "batch" and all(stored.get(t) for t in r["tags"]))
    nums["batches stored / their audit entries"] = f"{batches_stored} / {batch_audits}"
    if batch_audits != batches_stored:
        problem(f"{batches_stored} batches stored but {batch_audits} batch audit entries")

    # Activities by their unique title.
    acts = collections.defaultdict(list)
    for r in db.rows(f"SELECT {db.uid('id')}, title, purpose, ladder_level, status, start_day, end_day, borough_wide FROM activities "
                     f"WHERE title LIKE 'Crash test activity {tag} %'"):
        acts[r[1]].append(r)
    athemes = collections.defaultdict(set)
    for aid, tid in db.rows(f"SELECT {db.uid('t.activity_id')}, {db.uid('t.theme_id')} FROM activity_themes t JOIN activities a ON a.id = t.activity_id "
                            f"WHERE a.title LIKE 'Crash test activity {tag} %'"):
        athemes[aid].add(tid)
    acked_a = [r for r in recs if r["op"] == "activity" and r["outcome"] == "ack"]
    aok = 0
    for r in acked_a:
        rows = acts.get(r["title"], [])
        if len(rows) != 1 or rows[0][0] != r["id"]:
            problem(f"activity {r['title']!r} acknowledged as {r['id']}: stored {len(rows)} times {[x[0] for x in rows]}")
            continue
        f = r["fields"]
        row = rows[0]
        if (row[2], row[3], row[4]) != (f["purpose"], f["ladder_level"], f["status"]) or row[7] not in ("1", "t", "true") \
                or athemes[r["id"]] != {f["theme_ids"].upper()}:
            problem(f"activity {r['title']!r}: stored {row} themes {athemes[r['id']]}, sent {f}")
            continue
        aok += 1
    unknown_a = [r for r in recs if r["op"] == "activity" and r["outcome"] == "unknown"]
    for r in unknown_a:
        if len(acts.get(r["title"], [])) > 1:
            problem(f"activity {r['title']!r} (answer lost) stored {len(acts[r['title']])} times")
    nums["activities acknowledged (form post, CSRF)"] = len(acked_a)
    nums["  activities stored exactly once with every field"] = aok
    nums["activity posts whose answer was lost: stored / not stored"] = (
        f"{sum(1 for r in unknown_a if acts.get(r['title']))} / {sum(1 for r in unknown_a if not acts.get(r['title']))}")

    # Sample read back through the API (what a client sees, not only the tables).
    sample = acked_i[:: max(1, len(acked_i) // 25)][:25]
    api_bad = 0
    for r in sample:
        j = api_get(f"/api/v1/insights/{r['id']}")
        b = r["body"]
        if j is None or any(j.get(k) != b[k] for k in ("text", "heard_on", "kind", "sharing", "people_count", "source_ref")) \
                or {t.upper() for t in j.get("theme_ids", [])} != set(b["theme_ids"]) or (j.get("place_id") or "").upper() != b["place_id"]:
            api_bad += 1
            problem(f"API read of insight {r['id']} differs: {j}")
    nums["acknowledged insights read back through the API (sample)"] = f"{len(sample) - api_bad} of {len(sample)} match"

    # Orphans anywhere in the database.
    orphans = 0
    for child, col, parent in (("insight_themes", "insight_id", "insights"), ("insight_audiences", "insight_id", "insights"),
                               ("activity_themes", "activity_id", "activities"), ("activity_places", "activity_id", "activities"),
                               ("activity_audiences", "activity_id", "activities"), ("activity_partners", "activity_id", "activities")):
        n = int(db.rows(f"SELECT count(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{col} WHERE p.id IS NULL")[0][0])
        if n:
            problem(f"{n} rows of {child} point at no {parent}")
        orphans += n
    nums["orphaned link rows (insight/activity themes, places, audiences, partners)"] = orphans

    # Imports.
    jobs = {r[1]: r for r in db.rows(f"SELECT {db.uid('id')}, file_name, status, rows_total, rows_done, rows_rejected, message "
                                     f"FROM import_jobs WHERE file_name LIKE 'ct-{tag}-%'")}
    imported = collections.Counter()
    dup_refs = 0
    for ref, n in db.rows(f"SELECT source_ref, count(*) FROM insights WHERE source_ref LIKE 'ct-{tag}-m%' GROUP BY source_ref"):
        imported[ref.rsplit("-", 1)[0]] += 1
        if int(n) != 1:
            dup_refs += 1
    acked_m = [r for r in recs if r["op"] == "import" and r["outcome"] == "ack"]
    mok = 0
    for r in acked_m:
        j = jobs.get(r["name"])
        n = imported[r["prefix"]]
        if not j or j[2] != "done" or n != IMPORT_ROWS:
            problem(f"import {r['name']} (job {r['job']}): job {j[2:] if j else 'missing'}, {n} of {IMPORT_ROWS} rows stored")
            continue
        mok += 1
    for r in recs:
        if r["op"] == "import" and r["outcome"] == "unknown":
            n = imported[r["prefix"]]
            if n not in (0, IMPORT_ROWS):
                problem(f"import {r['name']} (answer lost at {r['stage']}): {n} of {IMPORT_ROWS} rows stored")
    for name, j in jobs.items():
        n = imported[name[:-4]]
        if n not in (0, IMPORT_ROWS) or (j[2] == "done" and n != IMPORT_ROWS) or (j[2] != "done" and n):
            problem(f"import {name}: status {j[2]} with {n} of {IMPORT_ROWS} rows stored")
    if dup_refs:
        problem(f"{dup_refs} imported rows stored more than once (a job ran twice)")
    # A server killed after a job ended but before it gave the lease up leaves the row; it has run out (or will) and
    # the job is done, so nothing runs it again. Counted, not a failure (unfinished jobs are checked above).
    leases = int(db.rows("SELECT count(*) FROM job_leases")[0][0])
    resumed = len(re.findall(r"was left unfinished by a server that stopped; starting it again", open(server_log, errors="replace").read()))
    status_counts = collections.Counter(j[2] for j in jobs.values())
    nums["imports started (acknowledged)"] = len(acked_m)
    nums["  of them seen started on the job page after the answer to 'start' was lost"] = sum(1 for r in acked_m if r.get("seen_on_page"))
    nums[f"  done with all {IMPORT_ROWS} rows stored once"] = mok
    nums["import jobs by status (all uploads, acknowledged or not)"] = ", ".join(f"{k} {v}" for k, v in sorted(status_counts.items()))
    nums["jobs started again after a restart (server log)"] = resumed
    nums["imported rows stored twice (a job run twice)"] = dup_refs
    nums["job leases left by killed servers (of ended jobs; harmless)"] = leases

    # Subscriptions and their emails.
    subs = collections.Counter(r[0] for r in db.rows(f"SELECT email FROM update_subscriptions WHERE email LIKE 'ct-{tag}-%'"))
    outbox = collections.defaultdict(list)
    for r in db.rows(f"SELECT lower({db.uid('id')}), to_address, status, attempts, coalesce(last_error, '') FROM email_outbox "
                     f"WHERE to_address LIKE 'ct-{tag}-%'"):
        outbox[r[1]].append(r)
    got = collections.Counter(m[0] for m in sink.snapshot())
    acked_s = [r for r in recs if r["op"] == "subscribe" and r["outcome"] == "ack"]
    sok = 0
    for r in acked_s:
        e = r["email"]
        if subs[e] != 1 or len(outbox[e]) != 1:
            problem(f"subscription {e}: {subs[e]} subscriptions, {len(outbox[e])} queued emails")
            continue
        sok += 1
    for r in recs:
        if r["op"] == "subscribe" and r["outcome"] == "unknown" and (subs[r["email"]] > 1 or len(outbox[r["email"]]) > 1):
            problem(f"subscription {r['email']} (answer lost): {subs[r['email']]} subscriptions, {len(outbox[r['email']])} emails")
    all_rows = [x for v in outbox.values() for x in v]
    statuses = collections.Counter(x[2] for x in all_rows)
    not_sent = [x for x in all_rows if x[2] != "sent"]
    for x in not_sent[:5]:
        problem(f"email {x[0]} to {x[1]}: {x[2]} after {x[3]} attempts {x[4][:200]}")
    if len(not_sent) > 5:
        problem(f"... and {len(not_sent) - 5} more emails not sent")
    ids = [x[0] for x in all_rows]
    received = [got[i] for i in ids]
    missing = sum(1 for x in all_rows if x[2] == "sent" and got[x[0]] == 0)
    dups = sum(1 for n in received if n == 2)
    more = sum(1 for n in received if n > 2)
    if missing:
        problem(f"{missing} emails marked sent never reached the SMTP server")
    if more:
        problem(f"{more} emails reached the SMTP server three times or more")
    if dups > kills:
        problem(f"{dups} emails sent twice: more than one per kill ({kills}), beyond the SMTP window")
    nums["subscriptions acknowledged (public form, CSRF)"] = len(acked_s)
    nums["  stored once with exactly one queued email"] = sok
    nums["emails queued for this run's subscriptions, by status"] = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
    nums["emails received by the SMTP sink (copies, all)"] = sum(received)
    nums["emails received once / twice / more / never"] = f"{sum(1 for n in received if n == 1)} / {dups} / {more} / {sum(1 for n in received if n == 0)}"
    nums[f"emails sent twice allowed (the SMTP window: at most one per kill, {kills} kills)"] = f"{dups} <= {kills}"
    return out, bad, nums


# --------------------------------------------------------------------------------------------------- main


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.environ.get("CHORUS_BIN", ".build/debug/chorus"))
    p.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--writers", type=int, default=64)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--seconds", type=float, default=5.0, help="writers go on this long after the last restart")
    p.add_argument("--min-gap", type=float, default=0.5, help="shortest time the server runs before a kill (s)")
    p.add_argument("--max-gap", type=float, default=4.0, help="longest time the server runs before a kill (s)")
    p.add_argument("--imports-at-once", type=int, default=2, help="writers that only import (the others never do)")
    p.add_argument("--job-wait", type=float, default=240, help="longest wait for import jobs to finish at the end (s)")
    p.add_argument("--keep", action="store_true", help="keep the data directory and log")
    p.add_argument("--json-out")
    args = p.parse_args()
    if args.database == "postgres" and not os.environ.get("DATABASE_URL"):
        raise SystemExit("--database postgres needs DATABASE_URL (an empty database; bench/run_crash_test.sh starts one)")
    if args.database == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no chorus binary at {binary}")

    work = tempfile.mkdtemp(prefix=f"chorus-crash-{args.database}-")
    args.work = work
    data = os.path.join(work, "data")
    os.makedirs(data)
    log_path = os.path.join(work, "server.log")
    t_start = time.monotonic()
    print(f"crash test: {args.database}, {args.writers} writers, {args.kills} kills, {args.min_gap}-{args.max_gap} s apart; "
          f"binary {binary}; work dir {work}", flush=True)
    t0 = time.monotonic()
    seed = subprocess.run([binary, "seed-demo"], env=dict(os.environ, CHORUS_DATA_DIR=data, CHORUS_EMBEDDINGS="off"),
                          stdout=open(os.path.join(work, "seed.log"), "wb"), stderr=subprocess.STDOUT, cwd=work)
    if seed.returncode != 0:
        raise SystemExit(f"seed-demo failed; see {work}/seed.log")
    print(f"seeded the demo in {time.monotonic() - t0:.1f} s", flush=True)

    sink = SmtpSink()
    server = Server(binary, data, {"CHORUS_SMTP_URL": f"smtp://127.0.0.1:{sink.port}", "CHORUS_SMTP_TIMEOUT_SECONDS": "10"}, log_path)
    server.start()
    server.wait_healthy()
    admin = sign_in(server.base, ADMIN)
    officer = sign_in(server.base, OFFICER)
    token = api_token(server.base, admin)
    ref = reference(server.base, token, officer)
    sent_before = len(sink.snapshot())

    shared = Shared(args, server)
    shared.final_stop = False
    cookies = {"admin": admin.cookies, "officer": officer.cookies}
    writers = [Writer(i, shared, cookies, token, ref) for i in range(args.writers)]
    for w in writers:
        w.start()

    rng = random.Random()
    kill_rows = []
    for k in range(1, args.kills + 1):
        gap = rng.uniform(args.min_gap, args.max_gap)
        time.sleep(gap)
        server.kill9()
        with shared.lock:
            shared.epoch = k
        killed_at = time.monotonic()
        server.start()
        up = server.wait_healthy()
        kill_rows.append({"kill": k, "ran": gap, "up": up, "down": time.monotonic() - killed_at})
        print(f"  kill {k}: after {gap:.1f} s; answering again {up:.1f} s after the restart", flush=True)
    time.sleep(args.seconds)
    shared.stop.set()
    for w in writers:
        w.join(TIMEOUT * 2)
    shared.final_stop = True
    writing_s = time.monotonic() - t_start

    db = Db(args.database, sqlite_path=os.path.join(data, "chorus.sqlite"), url=os.environ.get("DATABASE_URL"))
    # Imports: wait for every job to end (a job a killed server held starts again once its lease runs out).
    t0 = time.monotonic()
    while time.monotonic() - t0 < args.job_wait:
        left = db.rows(f"SELECT count(*) FROM import_jobs WHERE status IN ('queued', 'running') AND file_name LIKE 'ct-{shared.run_tag}-%'")
        if int(left[0][0]) == 0:
            break
        time.sleep(1)
    jobs_s = time.monotonic() - t0
    # The outbox: emails a killed server had claimed wait for its ten-minute lease; move those leases into the past
    # (as if the ten minutes had passed) and restart the server (gracefully), whose outbox worker sends at start.
    expired = db.execute("UPDATE email_outbox SET lease_until = created_at WHERE status = 'pending' AND lease_owner IS NOT NULL "
                         f"AND lease_owner NOT LIKE '%/{server.proc.pid}/%'")
    rc = server.stop()
    server.start()
    server.wait_healthy()
    t0 = time.monotonic()
    while time.monotonic() - t0 < 90:
        left = int(db.rows(f"SELECT count(*) FROM email_outbox WHERE status = 'pending' AND to_address LIKE 'ct-{shared.run_tag}-%'")[0][0])
        if left == 0:
            break
        time.sleep(0.5)
    time.sleep(1)
    outbox_s = time.monotonic() - t0

    api = requests.Session()
    api.headers.update({"Authorization": "Bearer " + token, "Accept": "application/json"})

    def api_get(path):
        r = api.get(server.base + path, timeout=TIMEOUT)
        return r.json() if r.status_code == 200 else None

    lines, bad, nums = verify(db, shared, sink, log_path, args.kills, api_get)
    final_rc = server.stop()

    # Per kill: what was acknowledged while that server ran (epoch k-1 ends with kill k).
    print()
    print(f"| kill | ran (s) | back (s) | insights | batches | activities | subscriptions | imports | answers lost | 5xx / unexpected |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    per = collections.defaultdict(collections.Counter)
    for r in shared.records:
        per[r["epoch"]][(r["op"], r["outcome"])] += 1
    fails = collections.Counter(f[0] for f in shared.failures)
    for e in range(args.kills + 1):
        c = per[e]
        k = kill_rows[e] if e < len(kill_rows) else None
        label = f"{e + 1}" if k else "after last"
        lost = sum(v for (op, o), v in c.items() if o == "unknown")
        print(f"| {label} | {k['ran']:.1f} | {k['down']:.1f} |" if k else f"| {label} | {args.seconds:.1f} | – |", end="")
        print(f" {c[('insight', 'ack')]} | {c[('batch', 'ack')]} | {c[('activity', 'ack')]} | {c[('subscribe', 'ack')]} | "
              f"{c[('import', 'ack')]} | {lost} | {fails[e]} |")
    tot = collections.Counter()
    for c in per.values():
        tot.update(c)
    print(f"| **total** | | | {tot[('insight', 'ack')]} | {tot[('batch', 'ack')]} | {tot[('activity', 'ack')]} | {tot[('subscribe', 'ack')]} | "
          f"{tot[('import', 'ack')]} | {sum(v for (op, o), v in tot.items() if o == 'unknown')} | {len(shared.failures)} |")
    print()
    downs = [k["down"] for k in kill_rows]
    print(f"database {args.database}; {args.writers} writers; {args.kills} kills; writing for {writing_s:.0f} s; "
          f"back after a kill: median {sorted(downs)[len(downs) // 2] if downs else 0:.1f} s, max {max(downs) if downs else 0:.1f} s; "
          f"connections refused while down (waited out): {sum(shared.refused.values())}")
    print(f"waited {jobs_s:.0f} s for import jobs; {expired if expired is not None else 'the'} outbox leases of killed servers "
          f"moved into the past; the outbox drained {outbox_s:.0f} s after a graceful restart (exit code of the SIGTERM'd "
          f"server: {rc}, final stop: {final_rc}); {sent_before} emails before the writers started")
    lat = collections.defaultdict(list)
    for r in shared.records:
        if r["outcome"] == "ack" and r.get("ms") is not None:
            lat[r["op"]].append(r["ms"])
    print("answer time of acknowledged writes (ms, p50 / p95): " + "; ".join(
        f"{op} {sorted(v)[len(v) // 2]:.0f} / {sorted(v)[int(len(v) * 0.95)]:.0f}" for op, v in sorted(lat.items()) if v))
    width = max(len(k) for k in nums)
    for k, v in nums.items():
        print(f"  {k:<{width}}  {v}")
    for e, op, text in shared.failures[:30]:
        print(f"  FAIL after kill {e} {op}: {text}")
    if len(shared.failures) > 30:
        print(f"  ... {len(shared.failures) - 30} more failed requests")
    for l in lines:
        print(l)
    total_bad = bad + len(shared.failures)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"database": args.database, "writers": args.writers, "kills": args.kills, "failures": total_bad,
                       "numbers": {k: str(v) for k, v in nums.items()}, "per_kill": kill_rows,
                       "requests_failed": [list(f) for f in shared.failures]}, f, indent=1)
    print(f"\n{'PASS' if total_bad == 0 else 'FAIL'}: {total_bad} problems; {time.monotonic() - t_start:.0f} s in all")
    if args.keep or total_bad:
        print(f"kept: {work} (server.log, data)")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if total_bad else 0)


if __name__ == "__main__":
    main()
