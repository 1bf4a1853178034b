#!/usr/bin/env python3
"""End-to-end thematic analysis through a running `chorus serve` (issue 7's "nightly re-analysis of 100k
pre-embedded comments under 30 s"): signs in as the demo's partnership admin, starts an analysis of every insight it
can see through the form, waits for it (the first run embeds whatever the background queue has not), then presses
"Run again" and times the re-run, whose insights are all embedded by then. Times are client-side, from the POST to
the first poll that finds the run finished (polls every 0.25 s); the engine's own seconds come from the run's method
line, and the server's log has a line per run with the seconds of each stage (loading the insights, their vectors,
the engine, matching with the previous run, storing). Then, for reference, scikit-learn k-means (k = the themes Chorus found, one start) on the same stored vectors,
read from the SQLite file when one is given. It measures and prints; nothing passes or fails.

Normally run by bench/run_analysis_bench.sh. By hand:

    python3 bench/analysis_bench.py --base-url http://127.0.0.1:8080 [--sqlite data/chorus.sqlite] [--json-out F]
"""
import argparse
import json
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Client, memory_kb  # noqa: E402

TARGET_SECONDS = 30
METHOD = re.compile(r"sentence embeddings ([^,<]+), (\d+) dimensions, (\d+) themes, ([\d.]+) s")


def wait_done(c, run_path, timeout):
    """Polls the run page until it is no longer the progress page; returns (seconds of the last request, page html)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        t0 = time.perf_counter()
        html = c.html.get(c.base + run_path + "?refresh=off", timeout=c.timeout).text
        page_seconds = time.perf_counter() - t0
        if "The analysis did not finish" in html:
            raise SystemExit(f"{run_path} failed: " + re.sub(r"<[^>]+>", " ", html.split("The analysis did not finish")[1])[:300])
        if 'id="analysis-progress"' not in html and "Waiting to start" not in html:
            return page_seconds, html
        time.sleep(0.25)
    raise SystemExit(f"{run_path} did not finish in {timeout} s")


def run_once(c, path, form, timeout):
    page = c.html.get(c.base + ("/analysis" if path == "/analysis" else path.rsplit("/", 1)[0]), timeout=c.timeout).text
    t0 = time.perf_counter()
    r = c.html.post(c.base + path, data={**form, "_csrf": c.csrf(page)}, timeout=c.timeout, allow_redirects=False)
    if r.status_code != 303:
        raise SystemExit(f"POST {path} -> HTTP {r.status_code}: {r.text[:300]}")
    run_path = r.headers["Location"].split("?")[0]
    page_seconds, html = wait_done(c, run_path, timeout)
    seconds = time.perf_counter() - t0
    m = METHOD.search(html)
    if not m:
        raise SystemExit(f"{run_path}: no sentence-embedding method line (is the model installed and CHORUS_EMBEDDINGS on?)")
    insights = re.search(r"([\d,]+) insights analysed", re.sub(r"<[^>]+>", " ", html))
    return {"run": run_path, "seconds": seconds, "overview_page_seconds": page_seconds, "engine_seconds": float(m.group(4)), "themes": int(m.group(3)),
            "model": m.group(1), "insights": int(insights.group(1).replace(",", "")) if insights else None}


def sklearn_reference(path, k):
    import numpy as np
    from sklearn.cluster import KMeans
    con = sqlite3.connect(path)
    rows = con.execute("SELECT vector FROM insight_embeddings").fetchall()
    con.close()
    x = np.frombuffer(b"".join(r[0] for r in rows), dtype="<f2").astype(np.float32).reshape(len(rows), -1)
    t0 = time.perf_counter()
    KMeans(n_clusters=k, n_init=1, random_state=1).fit(x)
    return len(rows), time.perf_counter() - t0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base-url", required=True)
    p.add_argument("--sqlite", help="the server's SQLite file, for the scikit-learn reference on the stored vectors")
    p.add_argument("--server-pid", type=int)
    p.add_argument("--timeout", type=float, default=3600)
    p.add_argument("--json-out")
    args = p.parse_args()
    c = Client(args.base_url, 120)
    c.sign_in()
    first = run_once(c, "/analysis", {"title": "Everything, benchmark", "query": ""}, args.timeout)
    print(f"first run:  {first['insights']} insights, {first['seconds']:.1f} s from the form to finished "
          f"(engine {first['engine_seconds']:.1f} s; embedding what the queue had not done is the rest), {first['themes']} themes",
          flush=True)
    again = run_once(c, first["run"] + "/rerun", {}, args.timeout)
    print(f"re-run:     {again['insights']} insights, all embedded: {again['seconds']:.1f} s from the button to finished "
          f"(engine {again['engine_seconds']:.1f} s; the last poll, the finished run's overview page, "
          f"{again['overview_page_seconds']:.1f} s), {again['themes']} themes; target {TARGET_SECONDS} s", flush=True)
    result = {"first": first, "rerun": again}
    if args.server_pid:
        rss, hwm = memory_kb(args.server_pid)
        result["server_kb"] = {"rss": rss, "hwm": hwm}
        print(f"server:     VmRSS {rss / 1024:.0f} MB, VmHWM {hwm / 1024:.0f} MB (peak over the process's life)")
    if args.sqlite:
        rows, seconds = sklearn_reference(args.sqlite, again["themes"])
        result["sklearn"] = {"rows": rows, "seconds": seconds}
        print(f"reference:  scikit-learn k-means (k = {again['themes']}, one start) on the {rows} stored vectors: {seconds:.1f} s; "
              f"Chorus's whole re-run / that = {again['seconds'] / seconds:.1f}")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
