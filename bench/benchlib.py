#!/usr/bin/env python3
"""What the benchmarks share: a signed-in HTTP client (session cookie for the pages, API token for /api/v1), paging
through an API list, the nearest-rank percentile, the CPU meter that says how busy the rest of the machine was, the
sequential request recorder, and the server's memory (VmRSS / VmHWM from /proc). Used by register_bench.py,
insight_bench.py and import_bench.py."""
import math
import os
import re
import statistics
import sys
import time

try:
    import requests
except ImportError:  # pragma: no cover
    sys.exit("the benchmarks need the 'requests' package (pip install requests)")

EMAIL = "admin@harbourside.example"     # the demo's partnership admin (seed-demo)
PASSWORD = "chorus-demo-2026"           # every demo login's password

# A row measured while other processes used this many cores or more is flagged in the tables.
BUSY_CORES = 0.25


class Client:
    def __init__(self, base, timeout):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.html = requests.Session()   # cookie session for the HTML pages
        self.api = requests.Session()    # bearer token for /api/v1
        self.token = None

    @staticmethod
    def csrf(html):
        m = re.search(r'name="_csrf"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="_csrf"', html)
        if not m:
            raise SystemExit("could not find the _csrf field in the page")
        return m.group(1)

    def sign_in(self, email=EMAIL):
        r = self.html.get(self.base + "/sign-in", timeout=self.timeout)
        r.raise_for_status()
        r = self.html.post(self.base + "/sign-in", data={"email": email, "password": PASSWORD, "_csrf": self.csrf(r.text)},
                           timeout=self.timeout, allow_redirects=True)
        if r.status_code != 200 or "/sign-in" in r.url:
            raise SystemExit(f"sign-in as {email} failed: HTTP {r.status_code} at {r.url}")
        r = self.html.get(self.base + "/account/tokens", timeout=self.timeout)
        r.raise_for_status()
        r = self.html.post(self.base + "/account/tokens", data={"name": "bench", "_csrf": self.csrf(r.text)}, timeout=self.timeout)
        m = re.search(r'<code id="new-token">([^<]+)</code>', r.text)
        if not m:
            raise SystemExit(f"could not create an API token: HTTP {r.status_code}")
        self.token = m.group(1).strip()
        self.api.headers["Authorization"] = "Bearer " + self.token
        self.api.headers["Accept"] = "application/json"

    def session_for(self, path):
        return self.api if path.startswith("/api/") else self.html

    def get(self, path):
        r = self.session_for(path).get(self.base + path, timeout=self.timeout)
        if r.status_code != 200:
            raise SystemExit(f"GET {path} -> HTTP {r.status_code}: {r.text[:300]}")
        return r

    def get_json(self, path):
        return self.get(path).json()

    def timed(self, path):
        """One request; returns (milliseconds, response). The body is read fully before the clock stops."""
        s = self.session_for(path)
        t0 = time.perf_counter()
        r = s.get(self.base + path, timeout=self.timeout)
        _ = r.content
        ms = (time.perf_counter() - t0) * 1000.0
        if r.status_code != 200:
            raise SystemExit(f"GET {path} -> HTTP {r.status_code}: {r.text[:300]}")
        return ms, r


def all_items(client, path):
    items, page = [], 1
    while True:
        sep = "&" if "?" in path else "?"
        body = client.get_json(f"{path}{sep}size=200&page={page}")
        items += body["items"]
        if len(items) >= body["total"] or not body["items"]:
            return items
        page += 1


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(1, math.ceil(p / 100.0 * len(s)))
    return s[k - 1]


class CpuMeter:
    """How much CPU the rest of the machine used while an endpoint was measured: all busy CPU time (/proc/stat)
    minus that of the benchmark's own processes (this client, the server, and the PostgreSQL cluster's processes).
    On a shared machine this shows which rows were measured while something else was running (Linux only)."""

    def __init__(self, server_pid=None, postmaster_pid=None):
        self.ours = [p for p in (os.getpid(), server_pid) if p]
        self.postmaster = postmaster_pid
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.available = os.path.exists("/proc/stat")

    def _busy(self):
        f = open("/proc/stat").readline().split()[1:]
        user, nice, system, idle, iowait, irq, softirq = (int(x) for x in f[:7])
        return user + nice + system + irq + softirq

    def _steal(self):
        """CPU time the hypervisor gave to other virtual machines (a noisy neighbour slows everything)."""
        f = open("/proc/stat").readline().split()[1:]
        return int(f[7]) if len(f) > 7 else 0

    def _proc(self, pid):
        try:
            st = open(f"/proc/{pid}/stat").read()
        except OSError:
            return 0, None
        parts = st[st.rindex(")") + 2:].split()
        return int(parts[11]) + int(parts[12]) + int(parts[13]) + int(parts[14]), int(parts[1])  # utime stime cutime cstime, ppid

    def _postgres(self):
        """CPU ticks of the PostgreSQL cluster's postmaster and its children (0 without one)."""
        if not self.postmaster:
            return 0
        total = self._proc(self.postmaster)[0]
        for d in os.listdir("/proc"):
            if d.isdigit():
                t, ppid = self._proc(int(d))
                if ppid == self.postmaster:
                    total += t
        return total

    def _server(self):
        """CPU ticks of the server process (all threads) and of the PostgreSQL cluster's processes."""
        return (self._proc(self.ours[-1])[0] if len(self.ours) > 1 else 0) + self._postgres()

    def _ours(self):
        return sum(self._proc(p)[0] for p in self.ours) + self._postgres()

    def start(self):
        if self.available:
            self.t0, self.b0, self.o0, self.s0 = time.monotonic(), self._busy(), self._ours(), self._steal()
            self.v0 = self._server()

    def server_ms(self, requests):
        """CPU milliseconds the server (and PostgreSQL) spent per request since start(): unlike wall-clock time,
        hardly affected by other work on the machine. None without the server's pid."""
        if not self.available or len(self.ours) < 2 or not requests:
            return None
        return (self._server() - self.v0) * 1000.0 / self.tick / requests

    def other_cores(self):
        """Average number of cores the rest of the machine kept busy since start()."""
        if not self.available:
            return None
        elapsed = time.monotonic() - self.t0
        other = (self._busy() - self.b0) - (self._ours() - self.o0)
        return max(0.0, other / self.tick / elapsed) if elapsed > 0 else None

    def steal_cores(self):
        if not self.available:
            return None
        elapsed = time.monotonic() - self.t0
        return (self._steal() - self.s0) / self.tick / elapsed if elapsed > 0 else None


class Recorder:
    def __init__(self, client, database, warmup, meter=None):
        self.client, self.database, self.warmup = client, database, warmup
        self.meter = meter or CpuMeter()
        self.rows = []

    def run(self, name, group, target, paths, n, extra=None):
        """Warm up on the first paths, then n sequential requests cycling through `paths`."""
        for path in paths[: self.warmup] if len(paths) >= self.warmup else (paths * self.warmup)[: self.warmup]:
            self.client.timed(path)
        times, sizes, extras = [], [], []
        self.meter.start()
        for j in range(n):
            path = paths[j % len(paths)]
            ms, r = self.client.timed(path)
            times.append(ms)
            sizes.append(len(r.content))
            if extra:
                extras.append(extra(r))
        row = {
            "endpoint": name, "group": group, "database": self.database, "n": n, "target_ms": target,
            "p50": statistics.median(times), "p95": percentile(times, 95), "max": max(times), "min": min(times),
            "mean": statistics.fmean(times), "kb": statistics.median(sizes) / 1024.0,
            "distinct_urls": min(n, len(paths)), "other_cores": self.meter.other_cores(), "steal_cores": self.meter.steal_cores(),
            "server_cpu_ms": self.meter.server_ms(n),
        }
        if extras:
            row["extra"] = statistics.median(extras)
        self.rows.append(row)
        other = "" if row["other_cores"] is None else f"  (other processes: {row['other_cores']:.2f} cores, steal {row['steal_cores']:.2f})"
        if row.get("server_cpu_ms") is not None:
            other += f"  server CPU {row['server_cpu_ms']:.1f} ms/request"
        print(f"  {name:<44} n={n:<4} p50={row['p50']:8.1f}  p95={row['p95']:8.1f}  max={row['max']:8.1f} ms{other}", flush=True)
        return row


def memory_kb(pid):
    """(VmRSS, VmHWM) of a process in KiB: its resident memory now and its peak since it started (Linux)."""
    out = {}
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        return None, None
    return out.get("VmRSS"), out.get("VmHWM")
