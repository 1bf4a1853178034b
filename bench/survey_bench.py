#!/usr/bin/env python3
"""Survey benchmark (issue 21), run by bench/run_survey_bench.sh against a `chorus serve` this script starts on data
holding `chorus survey-bench seed` (a 30-question survey with N sent responses).

  load      C respondents at once for S seconds, each a new browser: the start page, "Start now", every page of their
            path (GET the page, POST its answers), then "Send my answers". Prints p50/p95/p99 of question pages,
            answer posts and submits, and how many responses were sent.
  results   staff open the results page 21 times: the first tallies every response (cold), the rest are served from
            the per-server tally cache while nothing changes; prints the cold time and the p50 of the rest.
  export    the CSV of every response, streamed to the client; seconds to the last byte, rows, bytes, and the server's
            resident memory before and at its highest while it streamed (sampled every 50 ms from /proc).
  reference the same responses read straight from the database by this script (SQLite: the sqlite3 module;
            PostgreSQL: psql COPY) and written as CSV with one column per question: what reading and writing the
            rows costs without Chorus, printed beside the export's time as a ratio.
  kill      C respondents sending whole responses while the server gets SIGKILL K times (restarted on the same data
            each time); every "sent" page (a 303 to the thank-you page with its reference) is an acknowledged response.
            Afterwards `chorus survey-bench count` says how many of the acknowledged references are stored. Prints both.

It measures and prints; nothing is compared with a threshold. Python 3.9+ and `requests`.
"""
import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import EMAIL, PASSWORD, percentile  # noqa: E402

import requests  # noqa: E402

CSRF = re.compile(r'name="_csrf" type="hidden" value="([^"]+)"')


class Server:
    """`chorus serve` on a port, started (and killed, and started again) by this script."""

    def __init__(self, binary, env, port, log):
        self.binary, self.env, self.port, self.log = binary, env, port, log
        self.proc = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(3000):
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise SystemExit("the server exited while starting; see its log")
            time.sleep(0.1)
        raise SystemExit("the server did not answer /healthz")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)

    def rss_mb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            return None


def staff(base):
    s = requests.Session()
    page = s.get(base + "/sign-in", timeout=30).text
    r = s.post(base + "/sign-in", data={"_csrf": CSRF.search(page).group(1), "email": EMAIL, "password": PASSWORD}, timeout=30)
    assert r.ok, r.status_code
    return s


def form_for(question, rng):
    """Form fields answering one question as a resident's browser would send them."""
    name, kind, options = "q-" + question["id"], question["kind"], question.get("options", [])
    if kind in ("single_choice", "scale"):
        return [(name, rng.choice(options))]
    if kind == "multiple_choice":
        return [(name, o) for o in rng.sample(options, rng.randint(1, min(3, question.get("maxPicks", 3))))]
    if kind == "short_text":
        return [(name, f"Short answer {rng.randint(1, 9999)}")]
    if kind == "long_text":
        return [(name, "A comment typed during the benchmark, with a few words about the service.")] if rng.random() < 0.3 else []
    if kind == "number":
        return [(name, str(rng.randint(0, 100)))]
    if kind == "ranking":
        ranks = list(range(1, len(options) + 1))
        rng.shuffle(ranks)
        return [(f"{name}-k{i + 1}", str(r)) for i, r in enumerate(ranks)]
    if kind == "grid":
        return [(f"{name}-r{i + 1}", rng.choice(options)) for i in range(len(question.get("rows", [])))]
    if kind == "agree":
        return [(name, "agree")]
    if kind == "date":
        return [(f"{name}-day", str(rng.randint(1, 28))), (f"{name}-month", str(rng.randint(1, 12))), (f"{name}-year", "2026")]
    return []


def respond(base, survey, definition, rng, timings, lock, think=0.0):
    """One resident sending one whole response; returns its reference (None if any step failed)."""
    s = requests.Session()
    t0 = time.perf_counter()
    start = s.get(f"{base}/have-your-say/{survey}", timeout=60)
    token = CSRF.search(start.text).group(1)
    r = s.post(f"{base}/have-your-say/{survey}/start", data={"_csrf": token}, allow_redirects=False, timeout=60)
    where = r.headers.get("Location", "")
    pages = {p["id"]: p for p in definition["pages"]}
    order = [p["id"] for p in definition["pages"]]
    while "/page/" in where:
        if think:
            time.sleep(rng.uniform(0.5, 1.5) * think)
        n = int(where.rsplit("/", 1)[1].split("?")[0])
        t = time.perf_counter()
        page = s.get(base + where, timeout=60)
        got = (time.perf_counter() - t) * 1000
        assert page.status_code == 200, (where, page.status_code)
        fields = [("_csrf", token), ("action", "next")]
        for q in pages[order[n - 1]]["questions"]:
            if ("q-" + q["id"]) in page.text:
                fields += form_for(q, rng)
        t = time.perf_counter()
        r = s.post(base + where, data=fields, allow_redirects=False, timeout=60)
        posted = (time.perf_counter() - t) * 1000
        assert r.status_code == 303, (where, r.status_code, r.text[:500])
        with lock:
            timings["page"].append(got)
            timings["answer"].append(posted)
        where = r.headers["Location"]
    t = time.perf_counter()
    r = s.post(f"{base}/have-your-say/{survey}/check", data={"_csrf": token}, allow_redirects=False, timeout=60)
    sent = (time.perf_counter() - t) * 1000
    assert r.status_code == 303 and "ref=" in r.headers.get("Location", ""), (r.status_code, r.text[:300])
    with lock:
        timings["submit"].append(sent)
        timings["whole"].append((time.perf_counter() - t0) * 1000)
    return r.headers["Location"].split("ref=")[1]


def cpu_seconds(pid):
    """User + system CPU seconds a process has used (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def load(server, survey, definition, concurrency, seconds, kills=0, acknowledged=None, think=0.0):
    timings = {"page": [], "answer": [], "submit": [], "whole": []}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    errors = {"refused": 0, "other": 0}

    def worker(i):
        rng = random.Random(i)
        while time.monotonic() < stop:
            try:
                ref = respond(server.base, survey, definition, rng, timings, lock, think)
                if acknowledged is not None:
                    with lock:
                        acknowledged.append(ref)
            except (requests.ConnectionError, requests.Timeout):
                with lock:
                    errors["refused"] += 1
                time.sleep(0.2)
            except AssertionError as e:
                with lock:
                    errors["other"] += 1
                    if errors["other"] <= 3:
                        print("unexpected answer:", str(e)[:300], flush=True)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for k in range(kills):
        time.sleep(random.uniform(1.0, max(1.5, seconds / (kills + 1))))
        server.kill()
        print(f"  kill {k + 1}: SIGKILL; acknowledged so far {len(acknowledged or [])}", flush=True)
        server.start()
    for t in threads:
        t.join()
    return timings, errors


def line(name, values):
    if not values:
        return f"  {name:<26} (none)"
    return (f"  {name:<26} n={len(values):>6}  p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms"
            f"  p99 {percentile(values, 99):7.1f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--data-dir", help="SQLite: the data directory holding the seeded chorus.sqlite")
    ap.add_argument("--database-url", help="PostgreSQL: the seeded database")
    ap.add_argument("--survey", required=True)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--kill-seconds", type=float, default=20)
    ap.add_argument("--think", type=float, default=3.0, help="the second load run: mean seconds a respondent spends on a page")
    args = ap.parse_args()

    env = dict(os.environ, CHORUS_EMBEDDINGS="off", CHORUS_HOST="127.0.0.1")
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.data_dir:
        env["CHORUS_DATA_DIR"] = args.data_dir
    s = socketless_port()
    env["CHORUS_PORT"] = str(s)
    log = open(os.path.join(tempfile.gettempdir(), f"chorus-survey-bench-{s}.log"), "ab")
    server = Server(args.binary, env, s, log)
    server.start()
    admin = staff(server.base)
    definition = admin.get(f"{server.base}/surveys/{args.survey}/definition", timeout=60).json()
    database = "postgresql" if args.database_url else "sqlite"
    try:
        for think in (0.0, args.think):
            how = "no pause between pages (each respondent sends as fast as the server answers)" if not think else \
                f"{think:.0f} s on each page on average (0.5 to 1.5 times)"
            print(f"\n== load: {args.concurrency} respondents at once for {args.seconds:.0f} s, {how} ({database})", flush=True)
            server_cpu, client_cpu, wall = cpu_seconds(server.proc.pid), time.process_time(), time.perf_counter()
            timings, errors = load(server, args.survey, definition, args.concurrency, args.seconds, think=think)
            wall = time.perf_counter() - wall
            for k in ("page", "answer", "submit", "whole"):
                print(line({"page": "question page (GET)", "answer": "answers to a page (POST)", "submit": "send my answers (POST)",
                            "whole": "whole response"}[k], timings[k]))
            requests_made = len(timings["page"]) * 2 + len(timings["submit"])
            print(f"  responses sent: {len(timings['submit'])} ({requests_made / wall:.0f} page requests a second), refused connections "
                  f"{errors['refused']}, unexpected answers {errors['other']}")
            print(f"  CPU used in {wall:.0f} s: server {cpu_seconds(server.proc.pid) - server_cpu:.0f} s, this client "
                  f"{time.process_time() - client_cpu:.0f} s (of {os.cpu_count()} cores x {wall:.0f} s)")

        print("\n== results page (staff), 21 times in a row", flush=True)
        times = []
        for _ in range(21):
            t = time.perf_counter()
            r = admin.get(f"{server.base}/surveys/{args.survey}/results", timeout=600)
            _ = r.content
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.status_code
        print(f"  first (tallies every response): {times[0]:.0f} ms; the next 20 (cached): p50 {percentile(times[1:], 50):.1f} ms, "
              f"p95 {percentile(times[1:], 95):.1f} ms")
        m = re.search(r"([\d,]+) responses", r.text)
        print(f"  the page says: {m.group(0) if m else '?'}")

        print("\n== CSV export of every response", flush=True)
        before = server.rss_mb()
        peak = [before or 0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                v = server.rss_mb()
                if v:
                    peak[0] = max(peak[0], v)
                time.sleep(0.05)

        th = threading.Thread(target=sample)
        th.start()
        t = time.perf_counter()
        rows = size = 0
        with admin.get(f"{server.base}/surveys/{args.survey}/responses.csv", stream=True, timeout=600) as r:
            for chunk in r.iter_content(1 << 16):
                size += len(chunk)
                rows += chunk.count(b"\r\n")
        export = time.perf_counter() - t
        done.set()
        th.join()
        print(f"  {rows - 1:,} rows, {size / 1e6:.1f} MB in {export:.2f} s; server memory {before:.0f} MB before, {peak[0]:.0f} MB at most while streaming")

        ref = reference(args, database)
        if ref:
            print(f"  reference (the same rows read by this script and written as CSV, no Chorus): {ref:.2f} s; Chorus/reference = {export / ref:.2f}")

        print(f"\n== kill -9 while {args.concurrency} respondents send whole responses ({args.kills} kills in {args.kill_seconds:.0f} s)", flush=True)
        acknowledged = []
        _, errors = load(server, args.survey, definition, args.concurrency, args.kill_seconds, kills=args.kills, acknowledged=acknowledged)
        server.stop()
        with tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt") as f:
            f.write("\n".join(acknowledged))
        out = subprocess.run([args.binary, "survey-bench", "count", "--survey", args.survey, "--references", f.name], env=env,
                             capture_output=True, text=True)
        counted = [l for l in out.stdout.splitlines() if l.startswith(("acknowledged", "missing"))]
        print("  " + "\n  ".join(counted or [out.stdout[-500:], out.stderr[-500:]]))
        print(f"  refused connections while the server was down: {errors['refused']}; unexpected answers: {errors['other']}")
    finally:
        server.stop()


def reference(args, database):
    t = time.perf_counter()
    out = tempfile.NamedTemporaryFile("w", delete=False, suffix=".csv")
    if database == "sqlite":
        import csv
        conn = sqlite3.connect(f"file:{os.path.join(args.data_dir, 'chorus.sqlite')}?mode=ro", uri=True)
        w = csv.writer(out)
        ids = None
        for ref, channel, at, answers in conn.execute(
                "SELECT reference, channel, submitted_at, answers FROM survey_responses WHERE survey_id = ? AND status = 'submitted'"
                " ORDER BY submitted_at, id", (args.survey,)):
            a = json.loads(answers)
            if ids is None:
                ids = sorted(a)
                w.writerow(["reference", "channel", "submitted_at"] + ids)
            w.writerow([ref, channel, at] + [";".join(a.get(i, [])) for i in ids])
        out.close()
    else:
        out.close()
        subprocess.run(["psql", args.database_url, "-q", "-c",
                        f"\\copy (SELECT reference, channel, submitted_at, answers FROM survey_responses WHERE survey_id = '{args.survey}'"
                        f" AND status = 'submitted' ORDER BY submitted_at, id) TO '{out.name}' CSV HEADER"], check=True)
    took = time.perf_counter() - t
    os.unlink(out.name)
    return took


def socketless_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


if __name__ == "__main__":
    main()
