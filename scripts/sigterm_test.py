#!/usr/bin/env python3
"""Graceful shutdown, checked on a real server (issue 19): `chorus serve` on the demo database with the background
embedding queue working (when the model is installed) and requests in flight, then SIGTERM. Passes when the server
stops accepting, finishes what it had started, exits 0 within the bound, prints no crash, answered no request with a
5xx or a cut-off body, and every insight it acknowledged is there after a restart.

    python3 scripts/sigterm_test.py [path/to/chorus]      (default .build/debug/chorus; seeds the demo, about a minute)
"""
import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from benchlib import Client  # noqa: E402
import requests  # noqa: E402

TOKEN = "sigterm-test-metrics-token-0123456789"
# Vapor's in-flight bound (10 s) + the jobs' wait (30 s) + a margin.
EXIT_BOUND_S = 45


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(binary, data, port, log, **extra):
    env = dict(os.environ, CHORUS_DATA_DIR=data, CHORUS_PORT=str(port), CHORUS_METRICS_TOKEN=TOKEN, **extra)
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([binary, "serve"], cwd=data, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode} while starting")
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer /healthz")


def metric(base, name):
    text = requests.get(base + "/metrics", headers={"Authorization": "Bearer " + TOKEN}, timeout=10).text
    m = re.search(rf"^{re.escape(name)} (\S+)$", text, re.M)
    return float(m.group(1)) if m else None


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/chorus"))
    work = tempfile.mkdtemp(prefix="chorus-sigterm-")
    copy = os.path.join(work, "chorus")
    shutil.copy2(binary, copy)  # a rebuild while this runs must not swap the binary under it
    data = os.path.join(work, "data")
    os.makedirs(data)
    log_path = os.path.join(work, "server.log")
    failures = []
    try:
        t0 = time.time()
        env = dict(os.environ, CHORUS_DATA_DIR=data)
        env.pop("DATABASE_URL", None)
        subprocess.run([copy, "seed-demo"], cwd=data, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"seeded the demo in {time.time() - t0:.0f} s")
        # Insights the demo's analysis has not embedded, so the background queue has work when the server starts again
        # (this server does not embed them: embeddings off).
        with open(log_path, "wb") as log:
            proc, base = start(copy, data, free_port(), log, CHORUS_EMBEDDINGS="off")
            try:
                seeder = Client(base, 60)
                seeder.sign_in()
                today = datetime.date.today().isoformat()
                for b in range(int(os.environ.get("SIGTERM_TEST_PENDING", "5000")) // 1000):
                    batch = [{"text": f"pending {b}-{i}: the library should open on Sundays for study", "kind": "quote",
                              "sharing": "partnership", "heard_on": today} for i in range(1000)]
                    r = seeder.api.post(base + "/api/v1/insights/batch", json={"insights": batch}, timeout=120)
                    if r.status_code != 201:
                        raise SystemExit(f"could not add insights: HTTP {r.status_code} {r.text[:300]}")
            finally:
                proc.send_signal(signal.SIGTERM)
                first_exit = proc.wait(timeout=EXIT_BOUND_S)
        if first_exit != 0:
            failures.append(f"the first server exited with {first_exit}")
        port = free_port()
        with open(log_path, "ab") as log:
            proc, base = start(copy, data, port, log)
            queue = None
            if os.environ.get("CHORUS_EMBEDDINGS", "on") != "off":
                for _ in range(150):
                    queue = metric(base, "chorus_embedding_queue_running")
                    if queue == 1:
                        break
                    time.sleep(0.2)
            print("embedding queue working at SIGTERM:", "yes" if queue == 1 else "no (model not installed or embeddings off)")

            staff = Client(base, 30)
            staff.sign_in()
            cookie = "; ".join(f"{c.name}={c.value}" for c in staff.html.cookies)
            reads = ["/", "/whats-on", "/you-said-we-did", "/activities", "/insights?q=bus"]
            stop = threading.Event()
            lock = threading.Lock()
            counts = {"answered": 0, "after_sigterm_answered": 0, "refused": 0, "5xx": 0, "cut_off": 0}
            acknowledged = []
            sigterm_at = [None]

            def worker(n):
                s = requests.Session()
                i = 0
                while not stop.is_set():
                    i += 1
                    try:
                        if i % 4 == 0:
                            body = {"text": f"sigterm test {n}-{i}: the bus stop needs a shelter", "kind": "quote",
                                    "sharing": "partnership", "heard_on": datetime.date.today().isoformat()}
                            r = s.post(base + "/api/v1/insights", json=body, timeout=30,
                                       headers={"Authorization": "Bearer " + staff.token, "Accept": "application/json"})
                        else:
                            r = s.get(base + reads[i % len(reads)], timeout=30, headers={"Cookie": cookie} if n % 2 else {})
                        _ = r.content
                    except requests.exceptions.ChunkedEncodingError:
                        with lock:
                            counts["cut_off"] += 1
                        continue
                    except requests.RequestException:
                        with lock:
                            counts["refused"] += 1
                        time.sleep(0.05)
                        continue
                    with lock:
                        counts["answered"] += 1
                        if sigterm_at[0] is not None:
                            counts["after_sigterm_answered"] += 1
                        if r.status_code >= 500:
                            counts["5xx"] += 1
                            print(f"  {r.status_code} for {r.request.method} {r.request.path_url}")
                        if r.request.method == "POST" and r.status_code == 201:
                            acknowledged.append(r.json()["id"])

            threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(16)]
            for t in threads:
                t.start()
            time.sleep(3)
            sigterm_at[0] = time.time()
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=EXIT_BOUND_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = "killed after %d s" % EXIT_BOUND_S
            took = time.time() - sigterm_at[0]
            stop.set()
            for t in threads:
                t.join(timeout=35)
        print(f"SIGTERM: exit status {code} after {took:.1f} s; {counts['answered']} answered "
              f"({counts['after_sigterm_answered']} after the signal), {counts['refused']} refused once stopping, "
              f"{counts['5xx']} 5xx, {counts['cut_off']} cut off; {len(acknowledged)} insights acknowledged")
        text = open(log_path, errors="replace").read()
        if code != 0:
            failures.append(f"exit status {code}, not 0")
        for sign in ["Fatal error", "Segmentation fault", "Illegal instruction", "Crash", "backtrace"]:
            if sign in text:
                failures.append(f"the server log has '{sign}'")
        if counts["5xx"]:
            failures.append(f"{counts['5xx']} answers were 5xx")
        if counts["cut_off"]:
            failures.append(f"{counts['cut_off']} answers were cut off")
        if counts["answered"] == 0 or not acknowledged:
            failures.append("no load reached the server before SIGTERM")

        # Everything acknowledged is stored.
        with open(log_path, "ab") as log:
            proc, base = start(copy, data, free_port(), log)
            try:
                check = Client(base, 30)
                check.sign_in()
                missing = [i for i in acknowledged if check.api.get(base + f"/api/v1/insights/{i}", timeout=30).status_code != 200]
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=EXIT_BOUND_S)
        print(f"after a restart: {len(acknowledged) - len(missing)} of {len(acknowledged)} acknowledged insights are stored")
        if missing:
            failures.append(f"{len(missing)} acknowledged insights are missing")
    finally:
        if failures:
            print("server log (last 30 lines):")
            print("\n".join(open(log_path, errors="replace").read().splitlines()[-30:]))
        if failures and os.environ.get("SIGTERM_TEST_KEEP"):
            print("kept:", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("graceful shutdown: ok")


if __name__ == "__main__":
    main()
