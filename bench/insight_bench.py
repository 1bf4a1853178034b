#!/usr/bin/env python3
"""Insight-store benchmark: wall-clock latency of search, the filtered insight list, the API and a narrow CSV export
at 1,000,000 insights, signed in as the demo's partnership admin (council) and as an officer of a second
organisation (the NHS trust), so the sharing wall is in every query.

Talks to a running `chorus serve` over HTTP (one keep-alive connection per user, sequential requests) and times each
request client-side with time.perf_counter, from sending to having read the whole body. It measures and prints; it
does not pass or fail on time (the targets are printed for reference). Shares its client, CPU meter and percentile
code with bench/register_bench.py.

Normally run by bench/run_insight_bench.sh, which seeds the data and starts the server. By hand:

    python3 bench/insight_bench.py --base-url http://127.0.0.1:8080 --database sqlite --json-out /tmp/sqlite.json
    python3 bench/insight_bench.py --compare /tmp/sqlite.json /tmp/postgres.json      # side-by-side table
    LOG_LEVEL=debug chorus serve > server.log 2>&1 &                                   # then, to count SQL per request:
    python3 bench/insight_bench.py --trace --server-log server.log --json-out /tmp/trace.json
    python3 bench/insight_bench.py --explain /path/to/chorus.sqlite --trace-json /tmp/trace.json     # SQLite plans
    python3 bench/insight_bench.py --pg-explain postgres://… --trace-json /tmp/trace.json            # PostgreSQL plans
"""
import argparse
import collections
import datetime
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import register_bench as rb  # noqa: E402

ADMIN = rb.EMAIL                          # partnership admin, Harbourside Borough Council
PARTNER = "amina.dhillon0@hdnhs.example"  # officer, Harbourside & District NHS Trust (seed-demo's first partner login)

TARGET_P50_MS = 50
TARGET_P95_MS = 200

# Search words by the share of the synthetic insights that contain them (see BenchInsights.swift; measured on a
# 70,000-insight sample): the demo's comment lines, Zipf-drawn topic words and made-up local place names.
WORDS = {
    "common": ["people", "park", "rubbish", "noise"],            # 37%, 11%, 10%, 7%
    "medium": ["bus", "hospital", "dentist", "pensioners"],       # 3.1%, 1.6%, 0.38%, 0.33%
    "rare": ["breakwater", "gasworks", "Kelbrook", "Thornwick"],  # 0.16%, 0.09%, 33 insights, none (finds nothing)
}
TWO_WORDS = ["bus hospital", "mould children", "rubbish noise", "park benches"]


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)


def api_twin(path):
    """The API request that finds the same insights as an HTML list or CSV path (for the match count)."""
    p = urllib.parse.urlsplit(path)
    params = dict(urllib.parse.parse_qsl(p.query))
    params.pop("page", None)
    params["size"] = "1"
    return "/api/v1/insights?" + urllib.parse.urlencode(params)


def fixtures(c):
    wards = sorted(rb.all_items(c, "/api/v1/places?kind=ward"), key=lambda w: w.get("code", w["id"]))
    wards = [w for w in wards if w.get("kind", "ward") == "ward"]
    themes = sorted([t for t in rb.all_items(c, "/api/v1/themes") if t.get("parent_id")], key=lambda t: t["name"])
    if not wards or not themes:
        raise SystemExit("no wards or themes: run `chorus seed-demo` first")
    return [w["id"] for w in wards], [t["id"] for t in themes]


def endpoints(ward_ids, theme_ids, year):
    """(name, group, paths): what each signed-in user requests."""
    combos = [(ward_ids[k % len(ward_ids)], theme_ids[(k * 5) % len(theme_ids)]) for k in range(max(len(ward_ids), 24))]
    all_words = WORDS["common"] + WORDS["medium"] + WORDS["rare"]
    return [
        ("search ?q, common words", "search", [q("/insights", q=w) for w in WORDS["common"]]),
        ("search ?q, medium words", "search", [q("/insights", q=w) for w in WORDS["medium"]]),
        ("search ?q, rare words", "search", [q("/insights", q=w) for w in WORDS["rare"]]),
        ("search ?q, two words", "search", [q("/insights", q=w) for w in TWO_WORDS]),
        ("search ?q&ward, common word", "search", [q("/insights", q=WORDS["common"][k % 4], ward=w) for k, w in enumerate(ward_ids)]),
        ("list ?theme", "list", [q("/insights", theme=t) for t in theme_ids]),
        ("list ?ward&theme", "list", [q("/insights", ward=w, theme=t) for w, t in combos]),
        (f"list ?ward&from&to ({year})", "list", [q("/insights", ward=w, **{"from": f"{year}-01-01", "to": f"{year}-12-31"}) for w in ward_ids]),
        ("list unfiltered, page 1", "list", ["/insights"]),
        ("list unfiltered, page 200", "list", ["/insights?page=200"]),
        ("API /api/v1/insights?q (25)", "api", [q("/api/v1/insights", q=w) for w in all_words]),
        ("API /api/v1/insights?ward&theme (25)", "api", [q("/api/v1/insights", ward=w, theme=t) for w, t in combos]),
        ("CSV ?ward&theme&from&to (one month)", "csv",
         [q("/insights.csv", ward=w, theme=t, **{"from": f"{year}-03-01", "to": f"{year}-03-31"}) for w, t in combos]),
    ]


def matches(c, paths):
    """How many insights each path finds (from the API's total); (min, median, max, capped?)."""
    totals, capped = [], False
    for p in paths:
        body = c.get_json(api_twin(p))
        totals.append(body["total"])
        capped = capped or bool(body.get("total_capped"))
    return {"min": min(totals), "median": statistics.median(totals), "max": max(totals), "capped": capped}


def bench(args):
    year = args.year or datetime.date.today().year - 1
    users = [("admin", ADMIN), ("partner", PARTNER)] if args.users == "both" else [(args.users, ADMIN if args.users == "admin" else PARTNER)]
    clients = {}
    for label, email in users:
        c = rb.Client(args.base_url, args.timeout)
        c.sign_in(email)
        clients[label] = c
    first = next(iter(clients.values()))
    health = first.get_json("/healthz")
    database = args.database or health.get("database", "?")
    ward_ids, theme_ids = fixtures(first)
    total = {label: c.get_json("/api/v1/insights?size=1") for label, c in clients.items()}
    for label, body in total.items():
        print(f"{database}: {label} sees {body['total']}{'+' if body.get('total_capped') else ''} insights", flush=True)

    meter = rb.CpuMeter(args.server_pid, args.postmaster_pid)
    rows = []
    only = re.compile(args.only) if args.only else None
    for label, c in clients.items():
        rec = rb.Recorder(c, database, args.warmup, meter)
        print(f"\n{database}, signed in as {label}: warm-up {args.warmup}, then {args.n} sequential requests per endpoint", flush=True)
        for name, group, paths in endpoints(ward_ids, theme_ids, year):
            if only and not only.search(name):
                continue
            found = matches(c, paths)
            n = max(10, args.n // 2) if group == "csv" else args.n
            row = rec.run(f"{name} [{label}]", group, TARGET_P50_MS, paths, n)
            row.update({"name": name, "user": label, "matches": found})
        # The staff work dashboard (GET / signed in, docs/dashboard.md): it reads no insight, only the person's own
        # imports and analyses, so it should not slow down with a million insights.
        if not only or only.search("dashboard"):
            row = rec.run(f"dashboard / [{label}]", "dashboard", TARGET_P50_MS, ["/"], args.n)
            row.update({"name": "dashboard /", "user": label, "matches": None})
        rows += rec.rows
    out = {"database": database, "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "base_url": args.base_url,
           "visible": {k: v["total"] for k, v in total.items()}, "rows": rows}
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)
    print()
    print_table([out])


# ----------------------------------------------------------------------------------------------------------------
# Reporting: the databases side by side, one line per endpoint and user.


def fmt_matches(m):
    if not m:
        return ""
    s = f"{m['median']:,.0f}" if m["min"] == m["max"] else f"{m['min']:,}–{m['max']:,}"
    return s + ("+" if m.get("capped") else "")


def print_table(results):
    dbs = [r["database"] for r in results]
    by = {(r["database"], row["endpoint"]): row for r in results for row in r["rows"]}
    order = []
    for r in results:
        for row in r["rows"]:
            if row["endpoint"] not in order:
                order.append(row["endpoint"])
    cols = "".join(f" {db + ' p50':>12} | {db + ' p95':>12} |" for db in dbs)
    load = "".join(f" {db[:6] + ' other':>12} |" for db in dbs)
    header = f"| {'endpoint [user]':<50} | {'n':>4} |{cols} {'found':>16} |{load}"
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    for name in order:
        any_row = next(by[(db, name)] for db in dbs if (db, name) in by)
        cells = ""
        for db in dbs:
            row = by.get((db, name))
            if row is None:
                cells += f" {'':>12} | {'':>12} |"
                continue
            p50 = f"{row['p50']:.1f}" + (" *" if row["p50"] >= TARGET_P50_MS else "")
            p95 = f"{row['p95']:.1f}" + (" *" if row["p95"] >= TARGET_P95_MS else "")
            cells += f" {p50:>12} | {p95:>12} |"
        other = ""
        for db in dbs:
            row = by.get((db, name))
            oc = None if row is None else row.get("other_cores")
            other += f" {'' if oc is None else f'{oc:.2f}' + (' !' if oc >= rb.BUSY_CORES else ''):>12} |"
        print(f"| {name:<50} | {any_row['n']:>4} |{cells} {fmt_matches(any_row.get('matches')):>16} |{other}")
    print(f"\nms, client-side wall clock; * = over target (p50 < {TARGET_P50_MS} ms, p95 < {TARGET_P95_MS} ms).")
    print("found: insights the filter finds for that user (API total; a range over the URLs cycled through; + = count capped).")
    print(f"other: cores used by processes other than the benchmark, its server and its PostgreSQL cluster while the row was measured;")
    print(f"! = {rb.BUSY_CORES}+ cores: that row's times are not trustworthy; rerun on a quiet machine.")


def compare(paths):
    results = [json.load(open(p)) for p in paths]
    for r in results:
        print(f"{r['database']}: measured {r['when']}; visible insights {r.get('visible')}")
    print()
    print_table(results)


# ----------------------------------------------------------------------------------------------------------------
# Tracing: SQL statements per request (server run with LOG_LEVEL=debug), then the plans of the slow ones.


def trace(args):
    year = args.year or datetime.date.today().year - 1
    report, statements = [], []
    log = args.server_log
    print(f"SQL statements per request ({args.database or 'server'}; from the server's debug log)")
    for label, email in [("admin", ADMIN), ("partner", PARTNER)]:
        c = rb.Client(args.base_url, args.timeout)
        c.sign_in(email)
        ward_ids, theme_ids = fixtures(c)
        for name, group, paths in endpoints(ward_ids, theme_ids, year):
            if label == "partner" and group != "search":
                continue
            path = paths[0]
            time.sleep(0.2)
            off = os.path.getsize(log)
            ms, r = c.timed(path)
            time.sleep(0.5)  # let the log flush
            with open(log, errors="replace") as f:
                f.seek(off)
                text = f.read()
            found = rb.EXEC_RE.findall(text)
            shapes = collections.Counter(rb.shape(sql) for _, sql in found)
            first = {}
            for binds, sql in found:
                first.setdefault(rb.shape(sql), (sql, binds))
            endpoint = f"{name} [{label}]"
            report.append({"endpoint": endpoint, "path": path, "statements": len(found), "shapes": shapes.most_common()})
            for sh, k in shapes.items():
                sql, binds = first[sh]
                statements.append({"endpoint": endpoint, "path": path, "count": k, "sql": sql, "binds": binds})
            print(f"\n{endpoint}: {len(found)} statements ({len(shapes)} distinct) — {path}")
            for sh, k in shapes.most_common(args.trace_top):
                print(f"  {k:>5} × {rb.short(sh)}")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"database": args.database, "requests": report, "statements": statements}, f, indent=1)


def insight_statements(trace_json):
    data = json.load(open(trace_json))
    seen = set()
    for st in data["statements"]:
        sql = st["sql"]
        if not re.search(r'"?insights"?[ ."]|insight_themes', sql) or not sql.lstrip().upper().startswith("SELECT"):
            continue
        key = (st["endpoint"], rb.shape(sql))
        if key in seen:
            continue
        seen.add(key)
        yield st


def explain(db_path, trace_json, top):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = []
    for st in insight_statements(trace_json):
        sql = st["sql"]
        n = len(set(re.findall(r"\?(\d+)", sql))) or sql.count("?")
        binds = rb.parse_binds(st["binds"], n)
        if binds is None:
            continue
        try:
            result = con.execute(sql, binds).fetchall()  # warm the page cache, then the median of three runs
        except sqlite3.OperationalError as e:
            # e.g. python's SQLite older than the server's (contentless_delete needs 3.43): BENCH_EXACT_SQLITE=1
            rows.append((st["endpoint"], st["count"], 0.0, 0, sql, [f"not explained by sqlite3 {sqlite3.sqlite_version}: {e}"]))
            continue
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            con.execute(sql, binds).fetchall()
            runs.append((time.perf_counter() - t0) * 1000.0)
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, binds)]
        rows.append((st["endpoint"], st["count"], statistics.median(runs), len(result), sql, plan))
    print(f"SQLite query plans of the insight statements the endpoints ran (sqlite3 {sqlite3.sqlite_version} on {db_path}).")
    print("Per endpoint, the slowest statements first; times are the median of three warm runs in python.")
    by_endpoint = collections.OrderedDict()
    for row in rows:
        by_endpoint.setdefault(row[0], []).append(row)
    for endpoint, items in by_endpoint.items():
        total = sum(r[2] * r[1] for r in items)
        print(f"\n## {endpoint} (insight statements: {total:.1f} ms in all)")
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
    if re.fullmatch(r"-?\d+", v) or v in ("true", "false"):
        return v
    if len(v) >= 2 and v[0] == v[-1] == '"':
        v = v[1:-1]
    return "'" + v.replace("'", "''") + "'"


def pg_explain(url, trace_json, top):
    """EXPLAIN ANALYZE of the insight statements in psql, binds inlined as literals."""
    rows = []
    for st in insight_statements(trace_json):
        sql = st["sql"]
        binds = [b for b in re.split(r", (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", st["binds"])] if st["binds"].strip() else []
        def sub(m):
            k = int(m.group(1))
            return pg_literal(binds[k - 1]) if k - 1 < len(binds) else m.group(0)
        literal = re.sub(r"\$(\d+)\b", sub, sql)
        plan = subprocess.run(["psql", url, "-X", "-A", "-t", "-c", "EXPLAIN (ANALYZE, BUFFERS) " + literal], capture_output=True, text=True)
        if plan.returncode != 0:
            rows.append((st["endpoint"], st["count"], -1.0, sql, [plan.stderr.strip()[:300]]))
            continue
        # Second run for a warm cache.
        plan = subprocess.run(["psql", url, "-X", "-A", "-t", "-c", "EXPLAIN (ANALYZE, BUFFERS) " + literal], capture_output=True, text=True)
        lines = plan.stdout.rstrip().splitlines()
        ms = next((float(m.group(1)) for l in lines for m in [re.search(r"Execution Time: ([\d.]+) ms", l)] if m), 0.0)
        rows.append((st["endpoint"], st["count"], ms, sql, lines))
    print("PostgreSQL plans of the insight statements the endpoints ran (EXPLAIN ANALYZE, second run, binds inlined).")
    by_endpoint = collections.OrderedDict()
    for row in rows:
        by_endpoint.setdefault(row[0], []).append(row)
    for endpoint, items in by_endpoint.items():
        total = sum(r[2] * r[1] for r in items if r[2] > 0)
        print(f"\n## {endpoint} (insight statements: {total:.1f} ms in all)")
        for _, count, ms, sql, lines in sorted(items, key=lambda r: -r[2])[:top]:
            print(f"\n-- {count} × per request, {ms:.1f} ms: {rb.short(sql, 200)}")
            for line in lines:
                print(f"     {line}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-url", default="http://127.0.0.1:8080")
    ap.add_argument("--database", help="label for the table (default: what /healthz reports)")
    ap.add_argument("-n", type=int, default=100, help="timed requests per endpoint (default 100; CSV half that)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed requests before each endpoint (default 5)")
    ap.add_argument("--users", choices=["both", "admin", "partner"], default="both")
    ap.add_argument("--only", help="only endpoints whose name matches this regular expression")
    ap.add_argument("--year", type=int, help="year for the from/to filters (default: last year)")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--json-out", help="also write the results here as JSON")
    ap.add_argument("--server-pid", type=int, help="the server's process id (its CPU is not counted as other load)")
    ap.add_argument("--postmaster-pid", type=int, help="PostgreSQL's postmaster pid (it and its children are not counted as other load)")
    ap.add_argument("--compare", nargs="+", metavar="JSON", help="print the side-by-side table of earlier --json-out files")
    ap.add_argument("--trace", action="store_true", help="count the SQL statements per endpoint (server run with LOG_LEVEL=debug)")
    ap.add_argument("--server-log", help="with --trace: the server's log file")
    ap.add_argument("--trace-top", type=int, default=8, help="with --trace: statement shapes shown per request (default 8)")
    ap.add_argument("--explain", metavar="SQLITE_FILE", help="EXPLAIN QUERY PLAN of the insight statements in --trace-json")
    ap.add_argument("--pg-explain", metavar="DATABASE_URL", help="EXPLAIN ANALYZE (psql) of the insight statements in --trace-json")
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
