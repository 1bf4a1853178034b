#!/usr/bin/env python3
"""Load on a running Chorus server with wrk: public pages and signed-in pages at 32 and 200 concurrent connections,
with the stylesheet (a bare Vapor route returning a fixed body: no database, no session) measured in the same run as
the ceiling every page is compared with. Prints req/s, p50/p95/p99, errors and the ratio to the ceiling, and writes
the rows as JSON. Used by bench/run_load_bench.sh, which starts the server; see bench/README.md.

    python3 bench/load_bench.py http://127.0.0.1:PORT --seconds 10 --connections 32,200 --out rows.json
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Client  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def discover(base):
    """The addresses to load, found the way a resident or officer would: from the pages themselves."""
    anon = Client(base, 30)
    home = anon.get("/").text
    ward = re.search(r'href="/\?ward=([A-Z0-9]+)"', home)
    if not ward:
        raise SystemExit("the front door lists no wards: is the demo seeded?")
    code = ward.group(1)
    reports = anon.get("/you-said-we-did").text
    report = re.search(r'href="(/you-said-we-did/[0-9A-Fa-f-]{36})"', reports)
    if not report:
        raise SystemExit("no published 'You said, we did' report to load")
    staff = Client(base, 30)
    staff.sign_in()
    listing = staff.get("/activities").text
    activities = re.findall(r'href="(/activities/[0-9A-Fa-f-]{36})"', listing)
    with_overlaps = None
    for path in activities[:40]:
        if "overlap" in staff.get(path).text.lower():
            with_overlaps = path
            break
    cookie = "; ".join(f"{c.name}={c.value}" for c in staff.html.cookies)
    sheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home)
    sheet = sheet.group(1) if sheet else "/stylesheet.css"
    public = [
        (f"ceiling: {sheet} (bare route)", sheet),
        ("/ (front door)", "/"),
        ("/?ward= (a ward)", f"/?ward={code}"),
        ("/whats-on?ward=", f"/whats-on?ward={code}"),
        ("/you-said-we-did (list)", "/you-said-we-did"),
        ("/you-said-we-did/<id> (report)", report.group(1)),
        ("/whats-on/borough.ics", "/whats-on/borough.ics"),
        (f"/whats-on/{code}.ics", f"/whats-on/{code}.ics"),
    ]
    signed_in = [
        ("signed in: /activities (register)", "/activities"),
        ("signed in: /insights?q=bus (search)", "/insights?q=bus"),
    ]
    if with_overlaps:
        signed_in.append(("signed in: an activity with overlaps", with_overlaps))
    return public, signed_in, cookie


def wrk(base, path, connections, seconds, cookie=None):
    env = dict(os.environ, LOAD_COOKIE=cookie or "")
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "2s", "-s", os.path.join(HERE, "load_report.lua"),
         base + path], capture_output=True, text=True, env=env, check=True).stdout
    line = next((l for l in out.splitlines() if l.startswith("LOADJSON ")), None)
    if not line:
        raise SystemExit(f"wrk printed no result for {path}:\n{out}")
    row = json.loads(line[len("LOADJSON "):])
    row["rps"] = row["requests"] / row["seconds"] if row["seconds"] else 0.0
    row["errors"] = row["connect"] + row["read"] + row["write"] + row["timeout"] + row["status"]
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", default="32,200")
    ap.add_argument("--out")
    ap.add_argument("--label", default="")
    ap.add_argument("--signed-in-connections", type=int,
                    help="load signed-in pages at this many connections instead of each of --connections (the CI smoke test "
                         "runs a debug build, whose signed-in pages cannot answer 200 connections inside wrk's 2 s timeout)")
    ap.add_argument("--fail-on-errors", action="store_true",
                    help="exit 1 if any page had a non-2xx/3xx answer or a connect/read/write error (timeouts are printed, not failed: "
                         "a debug build on a busy machine is slow, not wrong)")
    args = ap.parse_args()
    base = args.base.rstrip("/")
    public, signed_in, cookie = discover(base)
    rows = []
    for conns in [int(c) for c in args.connections.split(",")]:
        ceiling = None
        for name, path in public + signed_in:
            staff = name.startswith("signed in")
            n = args.signed_in_connections if staff and args.signed_in_connections else conns
            row = wrk(base, path, n, args.seconds, cookie if staff else None)
            row.update(name=name, path=path, connections=n, label=args.label)
            if ceiling is None:
                ceiling = row["rps"]
            row["ratio"] = row["rps"] / ceiling if ceiling else 0.0
            rows.append(row)
            print(f"{args.label:8} {n:>4}  {name:42} {row['rps']:9.0f} req/s  p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}"
                  f"  p99 {row['p99_ms']:7.1f} ms  errors {row['errors']:5d}  {row['ratio']:5.2f}× ceiling", flush=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(rows, f, indent=1)
    if args.fail_on_errors:
        bad = [r for r in rows if r["status"] or r["connect"] or r["read"] or r["write"] or not r["requests"]]
        for r in bad:
            print(f"FAILED: {r['name']} at {r['connections']}: {r['requests']} answered, {r['status']} bad statuses, "
                  f"{r['connect']} connect, {r['read']} read, {r['write']} write errors")
        if bad:
            sys.exit(1)


if __name__ == "__main__":
    main()
