#!/usr/bin/env python3
"""Participatory budgeting ballots under load, run by bench/run_pb_load_bench.sh against a `chorus serve` it started on
data holding `chorus seed-demo` and `chorus pb-bench seed` (whose output, the --seeded file, names the round, its pots
and projects, and the voters with their session tokens).

  load   C voters at once for S seconds, each signed in with its own session and looping: GET the ballot page (for
         `_csrf`), POST a random valid knapsack ballot (within each pot's money; a Quayside voter also chooses in its
         pot). Prints submits, submits a second, p50/p95/p99/max of the submit (POST) and p50/p95 of the ballot page
         (GET), errors by status, and writes each voter's last acknowledged (303) choices to --expect-out for
         `chorus pb-bench check`.
  burst  one voter who has not voted sends N ballots at once, each with different choices (a resident pressing
         "Send" in many tabs). Prints each press's status and writes all N choice sets to --expect-out: the check
         must find exactly one ballot for the voter, holding one of them.

It measures and prints; nothing is compared with a threshold. Python 3.9+ and `requests`.
"""
import argparse
import json
import os
import random
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Client, CpuMeter, percentile  # noqa: E402

import requests  # noqa: E402

TARGET_P95_MS = 50.0  # the target for the ballot submit, printed beside the measured p95
INPUT = re.compile(r"<input\b[^>]*>")
VALUE = re.compile(r'value="([^"]+)"')


def read_seeded(path):
    """The `pb-bench seed` output: round id, pots (budget, ward), projects per pot, voters (id, token, ward)."""
    seeded = {"pots": {}, "projects": {}, "voters": []}
    pots = []
    for line in open(path):
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "round":
            seeded["round"] = rest.strip()
        elif kind == "pot":  # pot <pence> <ward name or all> <pot name>: both may have spaces, split once voters are read
            pence, where = rest.split(" ", 1)
            pots.append((int(pence), where))
        elif kind == "project":  # project <pot name> <reference> <pence>
            pot, ref, pence = rest.rsplit(" ", 2)
            seeded["projects"].setdefault(pot, []).append((ref, int(pence)))
        elif kind == "voter":  # voter <resident id> <session token> <ward name>
            rid, token, ward = rest.split(" ", 2)
            seeded["voters"].append((rid, token, ward))
    if "round" not in seeded or not seeded["voters"]:
        raise SystemExit(f"{path} is not `chorus pb-bench seed` output")
    wards = sorted({w for _, _, w in seeded["voters"]}, key=len, reverse=True)
    for pence, where in pots:
        if where.startswith("all "):
            seeded["pots"][where[4:]] = (pence, None)
            continue
        ward = next((w for w in wards if where.startswith(w + " ")), None)
        if ward:  # a pot of a ward none of the voters lives in is never on their ballots
            seeded["pots"][where[len(ward) + 1:]] = (pence, ward)
    return seeded


def eligible_pots(seeded, ward):
    """The pots a voter in `ward` votes in: the round-wide ones and their ward's."""
    return [name for name, (_, w) in seeded["pots"].items() if w is None or w == ward]


def random_ballot(seeded, ward, rng):
    """A valid knapsack ballot: in every pot the voter votes in, 1 to 4 projects picked at random while they fit."""
    choices = {}
    for pot in eligible_pots(seeded, ward):
        budget = seeded["pots"][pot][0]
        projects = list(seeded["projects"].get(pot, []))
        rng.shuffle(projects)
        want, spent, picked = rng.randint(1, 4), 0, 0
        for ref, cost in projects:
            if picked < want and spent + cost <= budget:
                choices[ref] = 1
                spent += cost
                picked += 1
    return choices


def session_for(base, token):
    s = requests.Session()
    s.cookies.set("chorus_resident", token)
    return s


def ballot_page(s, base, round_id):
    """GET the ballot; returns (ms, status, csrf, references of the checkboxes on it)."""
    t = time.perf_counter()
    r = s.get(f"{base}/budgets/{round_id}/ballot", timeout=60, allow_redirects=False)
    _ = r.content
    ms = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        return ms, r.status_code, None, set()
    refs = {VALUE.search(tag).group(1) for tag in INPUT.findall(r.text) if 'name="choice"' in tag and VALUE.search(tag)}
    return ms, 200, Client.csrf(r.text), refs


def submit(s, base, round_id, csrf, choices):
    """POST the ballot; returns (ms, status, Location)."""
    fields = [("_csrf", csrf), ("action", "send"), ("age", "true")] + [("choice", ref) for ref in sorted(choices)]
    t = time.perf_counter()
    r = s.post(f"{base}/budgets/{round_id}/ballot", data=fields, timeout=60, allow_redirects=False)
    _ = r.content
    return (time.perf_counter() - t) * 1000, r.status_code, r.headers.get("Location", ""), r.text


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def line(name, values, target=None):
    if not values:
        return f"  {name:<24} (none)"
    out = (f"  {name:<24} n={len(values):>6}  p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms"
           f"  p99 {percentile(values, 99):7.1f} ms  max {max(values):7.1f} ms")
    if target is not None:
        out += f"   (target p95 < {target:.0f} ms)"
    return out


def load(args, seeded):
    """The three runs, one after another on the same server; a voter's last acknowledged ballot is what is expected."""
    expected = {}
    if len(seeded["voters"]) < args.concurrency:
        raise SystemExit(f"only {len(seeded['voters'])} voters seeded for {args.concurrency} at once")
    run(args, seeded, expected, 1, min(args.seconds, 10), 0.0, "one voter alone, no pause: what a submit costs with no queue")
    run(args, seeded, expected, args.concurrency, args.seconds, 0.0,
        "no pause (each voter sends as fast as the server answers: the server's capacity, not residents)")
    run(args, seeded, expected, args.concurrency, args.seconds, args.think,
        f"{args.think:.0f} s on the ballot page on average (0.5 to 1.5 times), as people choosing do")
    print(f"\n  voters with an acknowledged ballot: {len(expected)} of {args.concurrency}")
    with open(args.expect_out, "w") as f:
        json.dump(expected, f, sort_keys=True)


def run(args, seeded, expected, concurrency, seconds, think, how):
    voters = seeded["voters"][:concurrency]
    round_id = seeded["round"]
    timings = {"get": [], "post": []}
    errors, samples, wrong_pots = {}, [], []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(i):
        rid, token, ward = voters[i]
        rng = random.Random(i)
        s = session_for(args.base, token)
        want_refs = {ref for pot in eligible_pots(seeded, ward) for ref, _ in seeded["projects"].get(pot, [])}
        first = True
        if think:  # arrive spread over the first pause, not all 64 at the same instant
            time.sleep(rng.uniform(0, think))
        while time.monotonic() < stop:
            try:
                ms, status, csrf, refs = ballot_page(s, args.base, round_id)
                with lock:
                    timings["get"].append(ms)
                    if status != 200:
                        errors[f"GET {status}"] = errors.get(f"GET {status}", 0) + 1
                if status != 200:
                    time.sleep(0.1)
                    continue
                if first and refs != want_refs:
                    with lock:
                        wrong_pots.append(f"{rid} ({ward}): the page offers {sorted(refs)}, expected {sorted(want_refs)}")
                first = False
                if think:
                    time.sleep(rng.uniform(0.5, 1.5) * think)
                choices = random_ballot(seeded, ward, rng)
                ms, status, where, body = submit(s, args.base, round_id, csrf, choices)
                with lock:
                    timings["post"].append(ms)
                    if status == 303 and "ref=" in where:
                        expected[rid] = choices
                    else:
                        key = f"POST {status}" + ("" if status != 303 else " (no ref)")
                        errors[key] = errors.get(key, 0) + 1
                        if len(samples) < 3:
                            samples.append(f"{status} {where} {re.sub(r'<[^>]+>', ' ', body)[:300]!r}")
            except (requests.ConnectionError, requests.Timeout) as e:
                with lock:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                time.sleep(0.2)

    print(f"\n== load: {concurrency} voter{'s' if concurrency > 1 else ''} at once for {seconds:.0f} s, each looping GET ballot "
          f"page -> POST a random valid knapsack ballot; {how} ({args.database})", flush=True)
    meter = CpuMeter(server_pid=args.server_pid, postmaster_pid=args.postmaster_pid)
    meter.start()
    pg_cpu = meter._postgres()
    server_cpu, client_cpu, wall = cpu_seconds(args.server_pid), time.process_time(), time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    acknowledged = len(timings["post"]) - sum(v for k, v in errors.items() if k.startswith("POST"))
    print(f"  submits: {len(timings['post'])} in {wall:.1f} s = {len(timings['post']) / wall:.1f} a second "
          f"({acknowledged} acknowledged with 303); ballot pages: {len(timings['get'])}")
    print(line("submit ballot (POST)", timings["post"], TARGET_P95_MS))
    print(line("ballot page (GET)", timings["get"]))
    print(f"  errors by status: {json.dumps(errors, sort_keys=True) if errors else 'none'}")
    for s in samples:
        print(f"    e.g. {s}")
    for w in wrong_pots[:5]:
        print(f"  WRONG POTS: {w}")
    other = meter.other_cores()
    print(f"  CPU used in {wall:.0f} s: server {cpu_seconds(args.server_pid) - server_cpu:.0f} s"
          + (f", PostgreSQL {(meter._postgres() - pg_cpu) / meter.tick:.0f} s" if args.postmaster_pid else "")
          + f", this client {time.process_time() - client_cpu:.0f} s (of {os.cpu_count()} cores x {wall:.0f} s)"
          + ("" if other is None else f"; other processes {other:.2f} cores"))


def burst(args, seeded):
    rid, token, ward = seeded["voters"][args.voter]
    round_id = seeded["round"]
    s = session_for(args.base, token)
    _, status, csrf, _ = ballot_page(s, args.base, round_id)
    assert status == 200, status
    cookies = s.cookies.get_dict()
    rng = random.Random(2027)
    sets, seen = [], set()
    while len(sets) < args.n:
        c = random_ballot(seeded, ward, rng)
        key = tuple(sorted(c))
        if key not in seen:
            seen.add(key)
            sets.append(c)
    results = [None] * args.n
    barrier = threading.Barrier(args.n)

    def press(k):
        mine = requests.Session()
        for name, value in cookies.items():
            mine.cookies.set(name, value)
        barrier.wait()
        try:
            ms, status, where, body = submit(mine, args.base, round_id, csrf, sets[k])
            results[k] = (ms, status, where.split("ref=")[-1] if "ref=" in where else re.sub(r"<[^>]+>", " ", body)[:120].strip())
        except requests.RequestException as e:
            results[k] = (0.0, type(e).__name__, "")

    print(f"\n== one resident, {args.n} ballots at once ({args.database}): voter {rid} ({ward}), who had not voted", flush=True)
    threads = [threading.Thread(target=press, args=(k,)) for k in range(args.n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    by_status = {}
    for k, (ms, status, said) in enumerate(results):
        by_status[str(status)] = by_status.get(str(status), 0) + 1
        print(f"  set {k + 1:>2}: {status} in {ms:6.1f} ms  {said}  {json.dumps(sets[k], sort_keys=True)}")
    print(f"  statuses: {json.dumps(by_status, sort_keys=True)}; receipt references given: "
          f"{len({said for _, status, said in results if status == 303})}")
    with open(args.expect_out, "w") as f:
        json.dump({rid: sets}, f, sort_keys=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=["load", "burst"])
    ap.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8080")
    ap.add_argument("--seeded", required=True, help="the output of `chorus pb-bench seed`")
    ap.add_argument("--expect-out", required=True, help="where to write the expected ballots for `chorus pb-bench check`")
    ap.add_argument("--database", default="sqlite")
    ap.add_argument("--server-pid", type=int)
    ap.add_argument("--postmaster-pid", type=int)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--think", type=float, default=3.0, help="load, third run: mean seconds a voter spends on the ballot page")
    ap.add_argument("--voter", type=int, default=-1, help="burst: which seeded voter (default the last, kept out of the load)")
    ap.add_argument("--n", type=int, default=20, help="burst: ballots sent at once")
    args = ap.parse_args()
    seeded = read_seeded(args.seeded)
    load(args, seeded) if args.step == "load" else burst(args, seeded)


if __name__ == "__main__":
    main()
