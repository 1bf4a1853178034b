#!/usr/bin/env python3
"""Register benchmark: wall-clock latency of the overlap check, the filtered activity list, the fatigue table and the
staff work dashboard (the home page, signed in as the demo's admin and as its officer).

Talks to a running `chorus serve` over HTTP (one keep-alive connection, sequential requests) and measures each
request client-side with time.perf_counter, from sending the request to having read the whole body.
It measures and prints; it does not pass or fail on time (the targets are printed for reference).

Normally run by bench/run_register_bench.sh, which seeds the data and starts the server. By hand:

    python3 bench/register_bench.py --base-url http://127.0.0.1:8080 --database sqlite --json-out /tmp/sqlite.json
    python3 bench/register_bench.py --compare /tmp/sqlite.json /tmp/postgres.json     # side-by-side table
    LOG_LEVEL=debug chorus serve > server.log 2>&1 &                                  # then, to count SQL per request:
    python3 bench/register_bench.py --trace --server-log server.log --json-out /tmp/trace.json
    python3 bench/register_bench.py --explain /path/to/chorus.sqlite --trace-json /tmp/trace.json   # SQLite plans

The data is expected to come from `chorus seed-demo` then `chorus seed-bench --activities N`; the activities used
for the overlap check are picked by their synthetic titles ("Bench activity <i>"), so both databases are asked
about the same activities in the same order.
"""
import argparse
import collections
import json
import os
import re
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (EMAIL, PASSWORD, BUSY_CORES, Client, CpuMeter, Recorder, all_items, percentile,  # noqa: E402,F401
                      requests)

# Targets from the issue, printed for reference only (median, ms).
TARGET_OVERLAP_MS = 50
TARGET_LIST_MS = 50
TARGET_FATIGUE_MS = 200
TARGET_DASHBOARD_MS = 50

# The demo's officer (seed-demo): the dashboard is measured for them as well as for the admin (benchlib.EMAIL).
OFFICER_EMAIL = "officer@harbourside.example"


# ----------------------------------------------------------------------------------------------------------------
# Fixtures: activity ids (the client, paging, percentiles and the CPU meter are in benchlib.py)


def pick_titles(n_activities, count_regular, count_borough):
    """Deterministic synthetic titles: seed-bench makes "Bench activity <i>", borough-wide when i % 25 == 0.
    Indices start at 1000 (when there are enough) so that a title search for one matches at most a handful."""
    lo = 1000 if n_activities >= 2000 else 0
    span = n_activities - lo
    regular, k = [], 0
    while len(regular) < count_regular and k < 100 * count_regular:
        i = lo + (k * 977 + 13) % span
        if i % 25 != 0 and i not in regular:
            regular.append(i)
        k += 1
    blocks = max(1, span // 25)
    borough, k = [], 0
    while len(borough) < count_borough and k < 100 * count_borough:
        i = lo + 25 * ((k * 191 + 7) % blocks)
        if i not in borough:
            borough.append(i)
        k += 1
    out = []
    # Interleave so that any prefix of the list has both kinds.
    step = max(1, count_regular // max(1, count_borough))
    for j, i in enumerate(regular):
        out.append(i)
        if j % step == step - 1 and borough:
            out.append(borough.pop(0))
    return out + borough


def find_activity_ids(client, indices):
    ids = []
    for i in indices:
        title = f"Bench activity {i}"
        body = client.get_json(f"/api/v1/activities?q={requests.utils.quote(title)}&size=200")
        match = [a for a in body["items"] if a["title"] == title]
        if not match:
            raise SystemExit(f"no activity titled {title!r}: run `chorus seed-bench` first (or lower --activities)")
        ids.append((match[0]["id"], match[0].get("borough_wide") in (True, "true")))
    return ids


# ----------------------------------------------------------------------------------------------------------------
# Measuring


def bench(args):
    c = Client(args.base_url, args.timeout)
    c.sign_in()
    health = c.get_json("/healthz")
    if args.database and health.get("database") not in (args.database, None):
        print(f"warning: --database {args.database} but server reports {health.get('database')}", file=sys.stderr)
    database = args.database or health.get("database", "?")

    wards = sorted(all_items(c, "/api/v1/places?kind=ward"), key=lambda w: w.get("code", w["id"]))
    wards = [w for w in wards if w.get("kind", "ward") == "ward"]
    themes = all_items(c, "/api/v1/themes")
    child_themes = sorted([t for t in themes if t.get("parent_id")], key=lambda t: t["name"]) or sorted(themes, key=lambda t: t["name"])
    total = c.get_json("/api/v1/activities?size=1")["total"]
    print(f"{database}: {total} activities, {len(wards)} wards, {len(child_themes)} themes used for filters", flush=True)
    if not wards or not child_themes:
        raise SystemExit("no wards or themes: run `chorus seed-demo` first")

    picked = find_activity_ids(c, pick_titles(args.activities, args.overlap_ids - args.borough_wide_ids, args.borough_wide_ids))
    ids = [i for i, _ in picked]
    borough_ids = [i for i, bw in picked if bw]
    regular_ids = [i for i, bw in picked if not bw]
    print(f"overlap check on {len(ids)} activities ({len(borough_ids)} borough-wide)", flush=True)

    rec = Recorder(c, database, args.warmup, CpuMeter(args.server_pid, args.postmaster_pid))
    n, nf = args.n, args.n_fatigue
    ward_ids = [w["id"] for w in wards]
    theme_ids = [t["id"] for t in child_themes]
    year = args.year

    print(f"\n{database}: warm-up {args.warmup}, then sequential requests", flush=True)
    rec.run("GET /healthz (baseline)", "baseline", None, ["/healthz"], n)

    # Overlap check for one activity.
    count_overlaps = lambda r: len(r.json())
    rec.run("API overlaps /api/v1/activities/{id}/overlaps", "overlap", TARGET_OVERLAP_MS,
            [f"/api/v1/activities/{i}/overlaps" for i in ids], n, count_overlaps)
    rec.run("  of which regular (ward) activities", "overlap", TARGET_OVERLAP_MS,
            [f"/api/v1/activities/{i}/overlaps" for i in regular_ids], max(10, n // 2), count_overlaps)
    rec.run("  of which borough-wide activities", "overlap", TARGET_OVERLAP_MS,
            [f"/api/v1/activities/{i}/overlaps" for i in borough_ids], max(10, n // 4), count_overlaps)
    rec.run("  same, ?limit=200 (API maximum)", "overlap", TARGET_OVERLAP_MS,
            [f"/api/v1/activities/{i}/overlaps?limit=200" for i in ids], max(10, n // 4), count_overlaps)
    rec.run("HTML activity page /activities/{id}", "overlap", TARGET_OVERLAP_MS, [f"/activities/{i}" for i in ids], n)

    # Filtered list page (HTML, 25 a page) and the API list.
    combos = [(ward_ids[k % len(ward_ids)], theme_ids[(k * 5) % len(theme_ids)]) for k in range(max(len(ward_ids), 24))]
    rec.run("HTML list ?ward&theme&status=open", "list", TARGET_LIST_MS,
            [f"/activities?ward={w}&theme={t}&status=open" for w, t in combos], n)
    rec.run(f"HTML list ?ward&from={year}-01-01&to={year}-12-31", "list", TARGET_LIST_MS,
            [f"/activities?ward={w}&from={year}-01-01&to={year}-12-31" for w in ward_ids], n)
    rec.run("HTML list unfiltered, page 1", "list", TARGET_LIST_MS, ["/activities"], n)
    rec.run("HTML list unfiltered, page 100", "list", TARGET_LIST_MS, ["/activities?page=100"], n)
    rec.run("API list /api/v1/activities?ward (25)", "list", TARGET_LIST_MS,
            [f"/api/v1/activities?ward={w}" for w in ward_ids], n)

    # Borough fatigue table.
    rec.run("HTML fatigue table /activities/fatigue", "fatigue", TARGET_FATIGUE_MS, ["/activities/fatigue"], nf)

    # Staff work dashboard (GET / signed in): the admin's (their activities' overlaps, plans, actions, meetings,
    # fatigue alerts and the partnership at a glance) and the officer's (the same without the glance).
    rec.run("HTML dashboard / (admin)", "dashboard", TARGET_DASHBOARD_MS, ["/"], n)
    officer = Client(args.base_url, args.timeout)
    officer.sign_in(OFFICER_EMAIL)
    rec.client = officer
    rec.run("HTML dashboard / (officer)", "dashboard", TARGET_DASHBOARD_MS, ["/"], n)
    rec.client = c

    out = {"database": database, "activities": total, "wards": len(wards), "themes": len(child_themes),
           "base_url": args.base_url, "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "rows": rec.rows}
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)
    print()
    print_table([out])


# ----------------------------------------------------------------------------------------------------------------
# Reporting


def print_table(results):
    """One line per endpoint and database, the databases of one endpoint next to each other."""
    order = []
    for res in results:
        for row in res["rows"]:
            if row["endpoint"] not in order:
                order.append(row["endpoint"])
    header = (f"| {'endpoint':<46} | {'database':<10} | {'n':>4} | {'p50 ms':>8} | {'p95 ms':>8} | {'max ms':>8} | {'target p50':>10} "
              f"| {'note':<22} | {'server CPU':>10} | {'other CPU':>9} | {'steal':>5} |")
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for name in order:
        for res in results:
            for row in res["rows"]:
                if row["endpoint"] != name:
                    continue
                target = f"< {row['target_ms']}" if row.get("target_ms") else ""
                note = f"{row['extra']:.0f} overlaps returned" if "extra" in row else f"{row['kb']:.0f} KB"
                oc = row.get("other_cores")
                other = "" if oc is None else f"{oc:.2f}" + (" !" if oc >= BUSY_CORES else "")
                st = row.get("steal_cores")
                steal = "" if st is None else f"{st:.2f}"
                sc = row.get("server_cpu_ms")
                server = "" if sc is None else f"{sc:.1f}"
                print(f"| {name:<46} | {row['database']:<10} | {row['n']:>4} | {row['p50']:8.1f} | {row['p95']:8.1f} | {row['max']:8.1f} | {target:>10} "
                      f"| {note:<22} | {server:>10} | {other:>9} | {steal:>5} |")
    if any((row.get("other_cores") or 0) >= BUSY_CORES for res in results for row in res["rows"]):
        print(f"\n! other processes kept {BUSY_CORES}+ cores busy while that row was measured: its times are not trustworthy; rerun on a quiet machine.")
    print("other CPU: cores used by processes other than the benchmark, its server and its PostgreSQL cluster, during the row;")
    print("steal: cores' worth of time the hypervisor gave to other virtual machines during the row (both from /proc/stat).")
    print("server CPU: CPU time of the server process and the PostgreSQL cluster per request, mean over the row (ms; from")
    print("/proc/<pid>/stat, 10 ms ticks): the work a request costs, much less disturbed by other load than the wall clock.")


def compare(paths):
    results = [json.load(open(p)) for p in paths]
    for res in results:
        print(f"{res['database']}: {res['activities']} activities, {res['wards']} wards, measured {res['when']}")
    print()
    print_table(results)


# ----------------------------------------------------------------------------------------------------------------
# Tracing: how many SQL statements each endpoint runs, and which. Needs the server started with LOG_LEVEL=debug
# (Fluent then logs every statement with its binds and the request id).

EXEC_RE = re.compile(r"Executing query \[binds: \[(.*?)\], (?:client: [^,\]]+, )?database-id: \w+, (?:request-id: [0-9A-Fa-f-]+, )?sql: (.*?)\] \((?:SQLiteKit|PostgresKit|SQLKit|FluentPostgresDriver|FluentSQLiteDriver)[^)]*\)\s*(?=\[ [A-Z]+ \]|\Z)", re.S)


def shape(sql):
    """A statement with its bind lists collapsed, so the same query with 3 or 300 ids counts as one."""
    s = re.sub(r"\s+", " ", sql)
    s = re.sub(r"\((?:\s*(?:\?\d*|\$\d+)\s*,)+\s*(?:\?\d*|\$\d+)\s*\)", "(…)", s)
    return s


def short(sql, width=110):
    s = shape(sql)
    m = re.match(r'SELECT (.*?) FROM (.*)', s)
    if m and len(m.group(1)) > 40:
        s = "SELECT … FROM " + m.group(2)
    return s if len(s) <= width else s[: width - 1] + "…"


def trace(args):
    c = Client(args.base_url, args.timeout)
    c.sign_in()
    wards = sorted(all_items(c, "/api/v1/places?kind=ward"), key=lambda w: w.get("code", w["id"]))
    themes = sorted([t for t in all_items(c, "/api/v1/themes") if t.get("parent_id")], key=lambda t: t["name"])
    picked = find_activity_ids(c, pick_titles(args.activities, 4, 2))
    regular = [i for i, bw in picked if not bw][:2]
    borough = [i for i, bw in picked if bw][:2]
    w, t, y = wards[0]["id"], themes[0]["id"], args.year
    endpoints = [
        ("API overlaps, regular activity", [f"/api/v1/activities/{i}/overlaps" for i in regular]),
        ("API overlaps, borough-wide activity", [f"/api/v1/activities/{i}/overlaps" for i in borough]),
        ("HTML activity page", [f"/activities/{i}" for i in regular + borough]),
        ("HTML list ?ward&theme&status=open", [f"/activities?ward={w}&theme={t}&status=open"]),
        ("HTML list ?ward&from&to", [f"/activities?ward={w}&from={y}-01-01&to={y}-12-31"]),
        ("HTML list unfiltered, page 100", ["/activities?page=100"]),
        ("API list ?ward (25)", [f"/api/v1/activities?ward={w}"]),
        ("HTML fatigue table", ["/activities/fatigue"]),
        ("HTML dashboard (admin)", ["/"]),
    ]
    officer = Client(args.base_url, args.timeout)
    officer.sign_in(OFFICER_EMAIL)
    clients = {"HTML dashboard (officer)": officer}
    endpoints.append(("HTML dashboard (officer)", ["/"]))
    log = args.server_log
    report, statements = [], []
    print(f"SQL statements per request ({args.database or 'server'}; from the server's debug log)")
    for name, paths in endpoints:
        for path in paths:
            time.sleep(0.2)
            off = os.path.getsize(log)
            ms, r = clients.get(name, c).timed(path)
            time.sleep(0.5)  # let the log flush
            with open(log, errors="replace") as f:
                f.seek(off)
                text = f.read()
            found = EXEC_RE.findall(text)
            shapes = collections.Counter(shape(sql) for _, sql in found)
            first = {}
            for binds, sql in found:
                first.setdefault(shape(sql), (sql, binds))
            report.append({"endpoint": name, "path": path, "statements": len(found), "ms_with_logging": ms,
                           "shapes": shapes.most_common()})
            for sh, k in shapes.items():
                sql, binds = first[sh]
                statements.append({"endpoint": name, "count": k, "sql": sql, "binds": binds})
            print(f"\n{name}: {len(found)} statements ({len(shapes)} distinct) — {path}")
            for sh, k in shapes.most_common(args.trace_top):
                print(f"  {k:>5} × {short(sh)}")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"database": args.database, "requests": report, "statements": statements}, f, indent=1)


# ----------------------------------------------------------------------------------------------------------------
# SQLite query plans of the statements the endpoints really ran (captured by --trace), timed in python's sqlite3.


def parse_binds(text, placeholders):
    parts = [p for p in text.split(", ")] if text.strip() else []
    if len(parts) != placeholders:
        return None
    out = []
    for p in parts:
        m = re.fullmatch(r"Optional\((.*)\)", p)
        p = m.group(1) if m else p
        if p == "nil":
            out.append(None)
        elif re.fullmatch(r"-?\d+", p):
            out.append(int(p))
        elif p in ("true", "false"):
            out.append(1 if p == "true" else 0)
        else:
            out.append(p)
    return out


def explain(db_path, trace_json, top):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    data = json.load(open(trace_json))
    seen, rows = set(), []
    for st in data["statements"]:
        sql = st["sql"]
        if not re.search(r'"?activit', sql) or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        key = (st["endpoint"], shape(sql))
        if key in seen:
            continue
        seen.add(key)
        n = len(set(re.findall(r"\?(\d+)", sql))) or sql.count("?")
        binds = parse_binds(st["binds"], n)
        if binds is None:
            continue
        result = con.execute(sql, binds).fetchall()  # warm the page cache, then the median of three runs
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            con.execute(sql, binds).fetchall()
            runs.append((time.perf_counter() - t0) * 1000.0)
        ms = statistics.median(runs)
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, binds)]
        rows.append((st["endpoint"], st["count"], ms, len(result), sql, plan))
    print(f"SQLite query plans of the statements the endpoints ran (python sqlite3 {sqlite3.sqlite_version} on {db_path};")
    print("the server bundles its own SQLite, plans can differ in detail). Per endpoint, the slowest statements first.")
    by_endpoint = collections.OrderedDict()
    for row in rows:
        by_endpoint.setdefault(row[0], []).append(row)
    for endpoint, items in by_endpoint.items():
        print(f"\n## {endpoint}")
        for _, count, ms, n, sql, plan in sorted(items, key=lambda r: -r[2] * 1)[:top]:
            print(f"\n-- {count} × per request, {ms:.1f} ms (median of 3, warm), {n} rows: {short(sql, 160)}")
            for line in plan:
                print(f"     {line}")
    con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-url", default="http://127.0.0.1:8080")
    ap.add_argument("--database", help="label for the table (default: what /healthz reports)")
    ap.add_argument("--activities", type=int, default=50000, help="the --activities given to seed-bench (to pick titles)")
    ap.add_argument("-n", type=int, default=100, help="timed requests per endpoint (default 100)")
    ap.add_argument("--n-fatigue", type=int, default=30, help="timed requests for the fatigue table (default 30)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed requests before each endpoint (default 5)")
    ap.add_argument("--overlap-ids", type=int, default=50, help="activities to run the overlap check on (default 50)")
    ap.add_argument("--borough-wide-ids", type=int, default=10, help="how many of those are borough-wide (default 10)")
    ap.add_argument("--year", type=int, default=2026, help="year for the from/to list filter (default 2026)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--json-out", help="also write the results here as JSON")
    ap.add_argument("--server-pid", type=int, help="the server's process id (its CPU is not counted as other load)")
    ap.add_argument("--postmaster-pid", type=int, help="PostgreSQL's postmaster pid (it and its children are not counted as other load)")
    ap.add_argument("--compare", nargs="+", metavar="JSON", help="print the side-by-side table of earlier --json-out files")
    ap.add_argument("--trace", action="store_true", help="count the SQL statements per endpoint (server run with LOG_LEVEL=debug)")
    ap.add_argument("--server-log", help="with --trace: the server's log file")
    ap.add_argument("--trace-top", type=int, default=6, help="with --trace: statement shapes shown per request (default 6)")
    ap.add_argument("--explain", metavar="SQLITE_FILE", help="EXPLAIN QUERY PLAN of the statements in --trace-json")
    ap.add_argument("--trace-json", help="with --explain: the --json-out of a --trace run")
    ap.add_argument("--explain-top", type=int, default=4, help="with --explain: statements per endpoint (default 4)")
    args = ap.parse_args()
    if args.compare:
        compare(args.compare)
    elif args.explain:
        if not args.trace_json:
            ap.error("--explain needs --trace-json (from a --trace run)")
        explain(args.explain, args.trace_json, args.explain_top)
    elif args.trace:
        if not args.server_log:
            ap.error("--trace needs --server-log")
        trace(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()
