#!/usr/bin/env python3
"""Directory benchmark (issue 25): wall-clock latency of the Open Referral UK read API (`/api/openreferral/services`
paged and filtered, one service), the staff directory search and the residents' groups-and-venues finder, with the
synthetic directory of `chorus seed-directory-bench` (20,000 groups and connectors, 5,000 venues by default).

Talks to a running `chorus serve` over HTTP (one keep-alive connection per reader, sequential requests) and times each
request client-side with time.perf_counter, from sending to having read the whole body. The ORUK API and the finder
are requested anonymously, as a feed reader or a resident would; the staff search signed in as the demo's officer.
A request that does not answer 200 is timed like the others and counted. It measures and prints; it does not pass or
fail on time (the target, p95 under 50 ms, is printed for reference only).

Anonymous readers are served from the public page cache once an address has been made (until anything is written), so
the rows for the ORUK API and the finder make every request a new address (`Bust`: a parameter no endpoint reads) and
time the database work; two "cached:" rows time repeats of warmed addresses for comparison.

Normally run by bench/run_directory_bench.sh, which seeds the data and starts the server. By hand:

    python3 bench/directory_bench.py --base-url http://127.0.0.1:8080 --database sqlite --json-out /tmp/sqlite.json
    python3 bench/directory_bench.py --compare /tmp/sqlite.json /tmp/postgres.json     # side-by-side table and ratio
    LOG_LEVEL=debug chorus serve > server.log 2>&1 &                                   # then, to count SQL per request:
    python3 bench/directory_bench.py --trace --server-log server.log --json-out /tmp/trace.json
    python3 bench/directory_bench.py --explain /path/to/chorus.sqlite --trace-json /tmp/trace.json     # SQLite plans
    python3 bench/directory_bench.py --pg-explain postgres://… --trace-json /tmp/trace.json            # PostgreSQL plans
"""
import argparse
import collections
import datetime
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import register_bench as rb  # noqa: E402  (its trace regular expression and SQL helpers)
from benchlib import BUSY_CORES, Client, CpuMeter, all_items, percentile, requests  # noqa: E402

# The target, printed for reference only (95th percentile, ms).
TARGET_P95_MS = 50

STAFF_EMAIL = "officer@harbourside.example"   # the demo's officer (seed-demo), a partner's staff member
ORUK = "/api/openreferral"
THEMES_TAXONOMY = "c4a7e5e1-0000-4000-8000-000000000001"   # DirectoryORUK.themesTaxonomy

# Words from seed-directory-bench's lists (DirectoryBenchSeed.swift). Each activity is one of 40, so a service
# search matches about 2.5% of the groups; each venue feature one of 10 (a venue has up to two).
SERVICE_WORDS = ["choir", "dementia", "allotment", "chess", "repair", "bowls"]
VENUE_WORDS = ["kitchen", "garden", "stage", "hall"]
# Residents' needs (VenueFact codes): common, middling and rare among the synthetic venues (60%, 30%, 5%).
NEEDS = ["step_free_entrance", "hearing_loop", "changing_places", "accessible_toilet"]


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)


class Public:
    """An anonymous keep-alive session: a feed reader on the ORUK API or a resident on the finder."""

    def __init__(self, base, timeout):
        self.base, self.timeout = base.rstrip("/"), timeout
        self.s = requests.Session()

    def get(self, path):
        return self.s.get(self.base + path, timeout=self.timeout)


def timed(session, path):
    """One request through `session` (a Public, or a signed-in benchlib.Client); (ms, response)."""
    if isinstance(session, Client):
        s, url = session.session_for(path), session.base + path
        t0 = time.perf_counter()
        r = s.get(url, timeout=session.timeout)
    else:
        t0 = time.perf_counter()
        r = session.get(path)
    _ = r.content
    return (time.perf_counter() - t0) * 1000.0, r


# ----------------------------------------------------------------------------------------------------------------
# Fixtures


def fixtures(staff, public, n_ids):
    """Wards (id, code, postcode district), sub-themes, and service ids spread over the whole list."""
    wards = sorted(all_items(staff, "/api/v1/places?kind=ward"), key=lambda w: w.get("code", w["id"]))
    wards = [w for w in wards if w.get("kind", "ward") == "ward"]
    themes = sorted([t for t in all_items(staff, "/api/v1/themes") if t.get("parent_id")], key=lambda t: t["name"])
    if not wards or not themes:
        raise SystemExit("no wards or themes: run `chorus seed-demo` first")
    first = public.get(q(ORUK + "/services", per_page=200)).json()
    total = first["total_items"]
    if total < 1000:
        raise SystemExit(f"only {total} services: run `chorus seed-directory-bench` first")
    # Service ids from ten pages spread over the list (sorted by name, so every kind and ward), then a fixed sample.
    ids = []
    pages = first["total_pages"]
    for k in range(10):
        page = 1 + (k * (pages - 1)) // 9
        ids += [s["id"] for s in public.get(q(ORUK + "/services", per_page=200, page=page)).json()["contents"]]
    ids = random.Random(2026).sample(ids, min(n_ids, len(ids)))
    return wards, themes, total, ids


def postcode(ward, k):
    """A full postcode in the ward's first postcode district ("HS3 4QT"); None when the ward has none."""
    districts = re.split(r"[,;\s]+", (ward.get("postcode_districts") or "").strip())
    if not districts or not districts[0]:
        return None
    return f"{districts[0]} {1 + k % 9}{'ABDEFGHJLNPQRSTUWXYZ'[k % 20]}{'ABDEFGHJLNPQRSTUWXYZ'[(k * 7) % 20]}"


def endpoints(wards, themes, total, ids, per_page, modified_after):
    """(name, reader, paths, fresh): what is requested. reader "public" is anonymous, "staff" the signed-in officer.
    fresh: every request a cache miss (see `Bust`); otherwise the public page cache may answer repeats."""
    last = max(1, (total - 1) // per_page + 1)
    middle = max(1, last // 2)
    services = ORUK + "/services"
    ward_ids = [w["id"] for w in wards]
    theme_ids = [t["id"] for t in themes]
    finder = []
    for k, w in enumerate(wards * 2):
        pc = postcode(w, k)
        params = {"postcode": pc} if pc else {"ward": w["code"]}
        finder.append(q("/groups-and-venues", fact=NEEDS[k % len(NEEDS)], **params))
    return [
        ("healthz (baseline)", "public", ["/healthz"], False),
        (f"ORUK services, page 1 ({per_page} a page)", "public", [q(services, page=1, per_page=per_page)], True),
        (f"ORUK services, middle page ({middle})", "public", [q(services, page=middle, per_page=per_page)], True),
        (f"ORUK services, last page ({last})", "public", [q(services, page=last, per_page=per_page)], True),
        ("ORUK ?taxonomy_term_id=<theme>", "public", [q(services, taxonomy_term_id=t) for t in theme_ids], True),
        ("ORUK ?taxonomy_id=<themes taxonomy>", "public", [q(services, taxonomy_id=THEMES_TAXONOMY)], True),
        (f"ORUK ?modified_after={modified_after}", "public", [q(services, modified_after=modified_after)], True),
        ("ORUK ?text=<word>", "public", [q(services, text=w) for w in SERVICE_WORDS], True),
        ("ORUK services/{id}", "public", [f"{services}/{i}" for i in ids], True),
        ("staff /directory?q&ward&kind=venue&fact", "staff",
         [q("/directory", q=VENUE_WORDS[k % len(VENUE_WORDS)], ward=w, kind="venue", fact="step_free_entrance")
          for k, w in enumerate(ward_ids)], False),
        ("staff /directory (unfiltered, page 1)", "staff", ["/directory"], False),
        ("resident /groups-and-venues?postcode&fact", "public", finder, True),
        ("cached: ORUK services, page 1", "public", [q(services, page=1, per_page=per_page)], False),
        (f"cached: resident finder (same {len(finder)} addresses)", "public", finder, False),
    ]


class Bust:
    """Makes every request of a row a cache miss. Public pages and the ORUK API are served from the public page cache
    to anonymous readers once made (PublicPageCache: per address, language and day, until anything is written), so a
    repeated address is a lookup, not a query. A parameter no endpoint reads, unique per request (`_b=<run>.<k>`),
    makes each address new: the server builds the answer from the database, as for the first reader after a write."""

    def __init__(self):
        self.run = f"{os.getpid()}{int(time.time()) % 100000}"
        self.k = 0

    def __call__(self, path):
        self.k += 1
        return f"{path}{'&' if '?' in path else '?'}_b={self.run}.{self.k}"


def total_of(r):
    """What a list response says it matched: ORUK's total_items; None for pages and single services."""
    if r.status_code == 200 and r.headers.get("content-type", "").startswith("application/json"):
        try:
            body = r.json()
        except ValueError:
            return None
        return body.get("total_items") if isinstance(body, dict) else None
    return None


# ----------------------------------------------------------------------------------------------------------------
# Measuring


def session_is_staff(session):
    return isinstance(session, Client)


def run_row(session, meter, database, name, paths, n, warmup, bust=None):
    """Warm up on the first paths, then n sequential requests cycling through `paths` (each made new by `bust`)."""
    fresh = bust or (lambda p: p)
    # A row that may be answered from the cache is warmed on every one of its addresses, so it times hits only.
    for path in (paths * warmup)[:warmup] if bust or name.startswith("healthz") or session_is_staff(session) else paths + paths[:warmup]:
        timed(session, fresh(path))
    times, sizes, totals, statuses = [], [], [], collections.Counter()
    meter.start()
    for j in range(n):
        ms, r = timed(session, fresh(paths[j % len(paths)]))
        times.append(ms)
        sizes.append(len(r.content))
        statuses[r.status_code] += 1
        if j < len(paths):
            t = total_of(r)
            if t is not None:
                totals.append(t)
    row = {
        "endpoint": name, "database": database, "n": n, "p50": statistics.median(times), "p95": percentile(times, 95),
        "p99": percentile(times, 99), "max": max(times), "min": min(times), "mean": statistics.fmean(times),
        "kb": statistics.median(sizes) / 1024.0, "non200": n - statuses.get(200, 0),
        "statuses": {str(k): v for k, v in sorted(statuses.items())}, "distinct_urls": min(n, len(paths)),
        "matched": statistics.median(totals) if totals else None, "cache": "miss" if bust else "may hit",
        "other_cores": meter.other_cores(), "steal_cores": meter.steal_cores(), "server_cpu_ms": meter.server_ms(n),
    }
    bad = "" if not row["non200"] else f"  NON-200: {row['statuses']}"
    extra = "" if row["other_cores"] is None else f"  (other {row['other_cores']:.2f} cores, steal {row['steal_cores']:.2f})"
    if row["server_cpu_ms"] is not None:
        extra += f"  server CPU {row['server_cpu_ms']:.1f} ms"
    print(f"  {name:<46} n={n:<4} p50={row['p50']:7.1f} p95={row['p95']:7.1f} p99={row['p99']:7.1f} max={row['max']:7.1f} ms"
          f"{extra}{bad}", flush=True)
    return row


def bench(args):
    staff = Client(args.base_url, args.timeout)
    staff.sign_in(args.staff)
    public = Public(args.base_url, args.timeout)
    health = staff.get_json("/healthz")
    database = args.database or health.get("database", "?")
    if args.database and health.get("database") not in (args.database, None):
        print(f"warning: --database {args.database} but the server reports {health.get('database')}", file=sys.stderr)
    wards, themes, total, ids = fixtures(staff, public, args.ids)
    modified_after = args.modified_after or (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
    print(f"{database}: {total} ORUK services (groups and venues), {len(wards)} wards, {len(themes)} themes; "
          f"{len(ids)} service ids for services/{{id}}", flush=True)
    meter = CpuMeter(args.server_pid, args.postmaster_pid)
    rows = []
    print(f"\n{database}: warm-up {args.warmup} per row, then {args.n} sequential requests per row", flush=True)
    only = re.compile(args.only) if args.only else None
    bust = Bust()
    for name, reader, paths, fresh in endpoints(wards, themes, total, ids, args.per_page, modified_after):
        if only and not only.search(name):
            continue
        rows.append(run_row(staff if reader == "staff" else public, meter, database, name, paths, args.n, args.warmup,
                            bust if fresh else None))
    out = {"database": database, "services": total, "wards": len(wards), "themes": len(themes), "base_url": args.base_url,
           "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "n": args.n, "modified_after": modified_after, "rows": rows}
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)
    print()
    print_table([out])


# ----------------------------------------------------------------------------------------------------------------
# Reporting


def print_table(results):
    """One line per endpoint and database, then (with two databases) the side-by-side p95 and the ratio."""
    order = []
    for res in results:
        for row in res["rows"]:
            if row["endpoint"] not in order:
                order.append(row["endpoint"])
    header = (f"| {'endpoint':<46} | {'database':<8} | {'n':>4} | {'p50':>6} | {'p95':>6} | {'p99':>6} | {'max':>6} | {'non-200':>7} "
              f"| {'matched':>7} | {'KB':>6} | {'server CPU':>10} | {'other CPU':>9} | {'steal':>5} |")
    print("Times in ms, client-side wall clock per request. matched: ORUK total_items (median over the row's URLs).")
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    for name in order:
        for res in results:
            for row in res["rows"]:
                if row["endpoint"] != name:
                    continue
                oc, st, sc = row.get("other_cores"), row.get("steal_cores"), row.get("server_cpu_ms")
                other = "" if oc is None else f"{oc:.2f}" + (" !" if oc >= BUSY_CORES else "")
                matched = "" if row.get("matched") is None else f"{row['matched']:.0f}"
                print(f"| {name:<46} | {row['database']:<8} | {row['n']:>4} | {row['p50']:6.1f} | {row['p95']:6.1f} | {row['p99']:6.1f} "
                      f"| {row['max']:6.1f} | {row['non200']:>7} | {matched:>7} | {row['kb']:6.1f} "
                      f"| {'' if sc is None else f'{sc:.1f}':>10} | {other:>9} | {'' if st is None else f'{st:.2f}':>5} |")
    if len(results) >= 2:
        a, b = results[0], results[1]
        print(f"\nSide by side (ms); ratio = {b['database']} / {a['database']}; target p95 < {TARGET_P95_MS} ms "
              "(for reference, not checked)")
        an, bn = a["database"], b["database"]
        side = (f"| {'endpoint':<46} | {an + ' p50':>11} | {bn + ' p50':>13} | {an + ' p95':>11} | {bn + ' p95':>13} | {'ratio p95':>9} "
                f"| {an + ' CPU':>10} | {bn + ' CPU':>12} | {'ratio CPU':>9} | {'target p95':>10} |")
        print(side)
        print("|" + "|".join("-" * len(c) for c in side.split("|")[1:-1]) + "|")
        ra = {r["endpoint"]: r for r in a["rows"]}
        rb_ = {r["endpoint"]: r for r in b["rows"]}
        for name in order:
            x, y = ra.get(name), rb_.get(name)
            if not x or not y:
                continue
            ratio = y["p95"] / x["p95"] if x["p95"] > 0 else float("nan")
            xc, yc = x.get("server_cpu_ms"), y.get("server_cpu_ms")
            cpu_ratio = f"{yc / xc:9.2f}" if xc and yc else f"{'':>9}"
            target = "" if name.startswith("healthz") else f"< {TARGET_P95_MS}"
            print(f"| {name:<46} | {x['p50']:11.1f} | {y['p50']:13.1f} | {x['p95']:11.1f} | {y['p95']:13.1f} | {ratio:9.2f} "
                  f"| {'' if xc is None else f'{xc:.1f}':>10} | {'' if yc is None else f'{yc:.1f}':>12} | {cpu_ratio} | {target:>10} |")
        print("CPU: server CPU per request (ms; the server and, for PostgreSQL, its cluster): less disturbed by other work than p95.")
    if any((row.get("other_cores") or 0) >= BUSY_CORES for res in results for row in res["rows"]):
        print(f"\n! other processes kept {BUSY_CORES}+ cores busy while that row was measured: its times are not trustworthy; rerun on a quiet machine.")
    if any(row["non200"] for res in results for row in res["rows"]):
        print("\nSome requests did not answer 200 (non-200 column): those rows time errors, not pages.")
    print("server CPU: CPU time of the server process and the PostgreSQL cluster per request (ms, /proc, 10 ms ticks);")
    print("other CPU / steal: cores used meanwhile by other processes / other virtual machines (/proc/stat).")


def compare(paths):
    results = [json.load(open(p)) for p in paths]
    for res in results:
        print(f"{res['database']}: {res['services']} ORUK services, {res['wards']} wards, measured {res['when']}, "
              f"n = {res['n']} per row, modified_after {res['modified_after']}")
    print()
    print_table(results)


# ----------------------------------------------------------------------------------------------------------------
# Tracing: SQL statements per request (server run with LOG_LEVEL=debug; Fluent logs every statement), then plans.


def trace(args):
    staff = Client(args.base_url, args.timeout)
    staff.sign_in(args.staff)
    public = Public(args.base_url, args.timeout)
    wards, themes, total, ids = fixtures(staff, public, 4)
    modified_after = args.modified_after or (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
    log = args.server_log
    report, statements = [], []
    print(f"SQL statements per request ({args.database or 'server'}; from the server's debug log)")
    bust = Bust()
    for name, reader, paths, fresh in endpoints(wards, themes, total, ids, args.per_page, modified_after):
        if name.startswith("cached"):
            continue
        path = bust(paths[0]) if fresh else paths[0]
        time.sleep(0.2)
        off = os.path.getsize(log)
        ms, r = timed(staff if reader == "staff" else public, path)
        time.sleep(0.5)  # let the log flush
        with open(log, errors="replace") as f:
            f.seek(off)
            text = f.read()
        found = rb.EXEC_RE.findall(text)
        shapes = collections.Counter(rb.shape(sql) for _, sql in found)
        first = {}
        for binds, sql in found:
            first.setdefault(rb.shape(sql), (sql, binds))
        report.append({"endpoint": name, "path": path, "status": r.status_code, "statements": len(found), "shapes": shapes.most_common()})
        for sh, k in shapes.items():
            sql, binds = first[sh]
            statements.append({"endpoint": name, "path": path, "count": k, "sql": sql, "binds": binds})
        print(f"\n{name}: {len(found)} statements ({len(shapes)} distinct), HTTP {r.status_code} — {path}")
        for sh, k in shapes.most_common(args.trace_top):
            print(f"  {k:>5} × {rb.short(sh)}")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"database": args.database, "requests": report, "statements": statements}, f, indent=1)


def directory_statements(trace_json):
    """The distinct SELECTs on the directory tables, once per endpoint."""
    seen = set()
    for st in json.load(open(trace_json))["statements"]:
        sql = st["sql"]
        if "directory_" not in sql or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        key = (st["endpoint"], rb.shape(sql))
        if key not in seen:
            seen.add(key)
            yield st


def sqlite_date(b):
    """A Date bind as the log prints it ("2026-10-08 00:00:00 +0000") as SQLite stores it: seconds since 1970."""
    if isinstance(b, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000", b):
        return datetime.datetime.strptime(b, "%Y-%m-%d %H:%M:%S +0000").replace(tzinfo=datetime.timezone.utc).timestamp()
    return b


def explain(db_path, trace_json, top):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = []
    for st in directory_statements(trace_json):
        sql = st["sql"]
        n = len(set(re.findall(r"\?(\d+)", sql))) or sql.count("?")
        binds = rb.parse_binds(st["binds"], n)
        if binds is None:
            continue
        binds = [sqlite_date(b) for b in binds]
        try:
            result = con.execute(sql, binds).fetchall()  # warm the page cache, then the median of three runs
        except sqlite3.Error as e:
            rows.append((st["endpoint"], st["count"], 0.0, 0, sql, [f"not run by sqlite3 {sqlite3.sqlite_version}: {e}"]))
            continue
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            con.execute(sql, binds).fetchall()
            runs.append((time.perf_counter() - t0) * 1000.0)
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, binds)]
        rows.append((st["endpoint"], st["count"], statistics.median(runs), len(result), sql, plan))
    print(f"SQLite query plans of the directory statements the endpoints ran (sqlite3 {sqlite3.sqlite_version} on {db_path};")
    print("the server bundles its own SQLite unless BENCH_EXACT_SQLITE=1). Per endpoint, the slowest first; median of three warm runs.")
    by_endpoint = collections.OrderedDict()
    for row in rows:
        by_endpoint.setdefault(row[0], []).append(row)
    for endpoint, items in by_endpoint.items():
        print(f"\n## {endpoint} (directory statements: {sum(r[2] * r[1] for r in items):.1f} ms in all)")
        for _, count, ms, n, sql, plan in sorted(items, key=lambda r: -r[2])[:top]:
            print(f"\n-- {count} × per request, {ms:.1f} ms, {n} rows: {rb.short(sql, 200)}")
            for line in plan:
                print(f"     {line}")
    con.close()


def pg_literal(v):
    v = v.strip()
    m = re.fullmatch(r"Optional\((.*)\)", v)
    v = m.group(1) if m else v
    if v == "nil":
        return "NULL"
    if re.fullmatch(r"-?\d+(\.\d+)?", v) or v in ("true", "false"):
        return v
    if len(v) >= 2 and v[0] == v[-1] == '"':
        v = v[1:-1]
    return "'" + v.replace("'", "''") + "'"


def pg_explain(url, trace_json, top):
    """EXPLAIN ANALYZE of the directory statements in psql (second run, warm), binds inlined as literals."""
    rows = []
    for st in directory_statements(trace_json):
        sql = st["sql"]
        binds = re.split(r", (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", st["binds"]) if st["binds"].strip() else []

        def sub(m):
            k = int(m.group(1))
            return pg_literal(binds[k - 1]) if k - 1 < len(binds) else m.group(0)
        literal = re.sub(r"\$(\d+)\b", sub, sql)
        # On stdin: a statement with 20,000 ids inlined is longer than a command line may be.
        cmd, text = ["psql", url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"], "EXPLAIN (ANALYZE, BUFFERS) " + literal + ";"
        plan = subprocess.run(cmd, input=text, capture_output=True, text=True)
        if plan.returncode == 0:
            plan = subprocess.run(cmd, input=text, capture_output=True, text=True)
        if plan.returncode != 0:
            rows.append((st["endpoint"], st["count"], -1.0, sql, [plan.stderr.strip()[:300]]))
            continue
        lines = plan.stdout.rstrip().splitlines()
        ms = next((float(m.group(1)) for line in lines for m in [re.search(r"Execution Time: ([\d.]+) ms", line)] if m), 0.0)
        rows.append((st["endpoint"], st["count"], ms, sql, lines))
    print("PostgreSQL plans of the directory statements the endpoints ran (EXPLAIN ANALYZE, second run, binds inlined).")
    by_endpoint = collections.OrderedDict()
    for row in rows:
        by_endpoint.setdefault(row[0], []).append(row)
    for endpoint, items in by_endpoint.items():
        print(f"\n## {endpoint} (directory statements: {sum(r[2] * r[1] for r in items if r[2] > 0):.1f} ms in all)")
        for _, count, ms, sql, lines in sorted(items, key=lambda r: -r[2])[:top]:
            print(f"\n-- {count} × per request, {ms:.1f} ms: {rb.short(sql, 200)}")
            for line in lines:
                print(f"     {line if len(line) <= 220 else line[:219] + '…'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-url", default="http://127.0.0.1:8080")
    ap.add_argument("--database", help="label for the table (default: what /healthz reports)")
    ap.add_argument("-n", type=int, default=200, help="timed requests per endpoint (default 200)")
    ap.add_argument("--warmup", type=int, default=10, help="untimed requests before each endpoint (default 10)")
    ap.add_argument("--per-page", type=int, default=50, help="ORUK per_page for the paged rows (default 50)")
    ap.add_argument("--ids", type=int, default=50, help="how many service ids services/{id} cycles through (default 50)")
    ap.add_argument("--modified-after", help="ORUK modified_after day (default: 60 days ago)")
    ap.add_argument("--staff", default=STAFF_EMAIL, help=f"demo login for the staff search (default {STAFF_EMAIL})")
    ap.add_argument("--only", help="only endpoints whose name matches this regular expression")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--json-out", help="also write the results here as JSON")
    ap.add_argument("--server-pid", type=int, help="the server's process id (its CPU is not counted as other load)")
    ap.add_argument("--postmaster-pid", type=int, help="PostgreSQL's postmaster pid (it and its children are not counted as other load)")
    ap.add_argument("--compare", nargs="+", metavar="JSON", help="print the side-by-side table of earlier --json-out files")
    ap.add_argument("--trace", action="store_true", help="count the SQL statements per endpoint (server run with LOG_LEVEL=debug)")
    ap.add_argument("--server-log", help="with --trace: the server's log file")
    ap.add_argument("--trace-top", type=int, default=8, help="with --trace: statement shapes shown per request (default 8)")
    ap.add_argument("--explain", metavar="SQLITE_FILE", help="EXPLAIN QUERY PLAN of the directory statements in --trace-json")
    ap.add_argument("--pg-explain", metavar="DATABASE_URL", help="EXPLAIN ANALYZE (psql) of the directory statements in --trace-json")
    ap.add_argument("--trace-json", help="with --explain / --pg-explain: the --json-out of a --trace run")
    ap.add_argument("--explain-top", type=int, default=3, help="with --explain: statements per endpoint (default 3)")
    args = ap.parse_args()
    if args.compare:
        compare(args.compare)
    elif args.explain or args.pg_explain:
        if not args.trace_json:
            ap.error("--explain / --pg-explain need --trace-json (from a --trace run)")
        if args.explain:
            explain(args.explain, args.trace_json, args.explain_top)
        else:
            pg_explain(args.pg_explain, args.trace_json, args.explain_top)
    elif args.trace:
        if not args.server_log:
            ap.error("--trace needs --server-log")
        trace(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()
