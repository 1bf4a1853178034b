#!/usr/bin/env python3
"""Thematic analysis benchmark: Chorus's engine and scikit-learn TF-IDF + NMF side by side, on the same texts,
scored by the same code (sklearn.metrics NMI, arithmetic normalisation, and adjusted Rand index against the labels).

Normally run by bench/run_themes_bench.sh, which exports the corpora (bench/themes_corpora.py) first. By hand:

    python3 bench/themes_bench.py --data DIR --bin path/to/chorus-bench [--seeds 1,2,3] [--out DIR]
    python3 bench/themes_bench.py --sklearn-only FILE.jsonl --k 16 --seed 1 --assignments OUT.jsonl   # one reference run

Rows printed, per corpus (fortunes, chatterbot, healthtweets):
  - ours, fixed k = number of labels: NMI and ARI for each seed, and their mean;
  - sklearn TfidfVectorizer(stop_words="english") + NMF(n_components = number of labels, random_state = seed),
    each document assigned to its largest component: NMI and ARI for each seed, and their mean;
  - ours, automatic number of themes (range 2-30): themes found, share left unassigned, NMI (the unassigned bucket
    counts as one more cluster).
Speed row: the 100,000-text resample, ours in automatic mode and with fixed k = 51 (the number of labels in the
resample), sklearn NMF with k = 51: seconds (the engine's own clock, and wall clock of the whole process including
reading the file), CPU seconds, peak RSS from /usr/bin/time -v. Nothing passes or fails: it measures and prints.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

CORPORA = [("fortunes", 0.069), ("chatterbot", 0.39), ("healthtweets", 0.12)]  # anchors from shared/data/README.md
TARGET_UNASSIGNED = 0.15
TARGET_SECONDS = 10
TARGET_RSS_GB = 2


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(labels, clusters):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    return normalized_mutual_info_score(labels, clusters), adjusted_rand_score(labels, clusters)


def sklearn_run(path, k, seed, out=None):
    """TF-IDF + NMF as in the anchors; returns (clusters, seconds)."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer
    texts = [row["text"] for row in read_jsonl(path)]
    started = time.perf_counter()
    x = TfidfVectorizer(stop_words="english").fit_transform(texts)
    w = NMF(n_components=k, random_state=seed, max_iter=400).fit_transform(x)
    clusters = w.argmax(axis=1).tolist()
    seconds = time.perf_counter() - started
    if out:
        with open(out, "w") as f:
            for c in clusters:
                f.write(json.dumps({"cluster": int(c)}) + "\n")
    return clusters, seconds


def timed(command):
    """Runs command under /usr/bin/time -v; returns (stdout, wall s, cpu s, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
        report = t.read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", report).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", report).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    return done.stdout, wall, user + system, rss


def ours(binary, path, k, seed, out, extra=()):
    stdout, wall, cpu, rss = timed([binary, "themes", "--input", path, "--k", str(k), "--seed", str(seed), "--output", out, *extra])
    summary = json.loads(stdout)
    clusters = [row["cluster"] for row in read_jsonl(out)]
    return clusters, summary, wall, cpu, rss


def load():
    return os.getloadavg()[0]


def fmt(values):
    return " ".join(f"{v:.3f}" for v in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="folder written by themes_corpora.py")
    parser.add_argument("--bin", help="chorus-bench binary")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--out", default=None, help="keep assignments and summaries here")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true", help="only the 100,000-text speed row")
    parser.add_argument("--speed-repeats", type=int, default=3, help="runs of ours per speed row (the median is shown)")
    parser.add_argument("--sklearn-only", help="internal: one sklearn run on this JSONL (timed by the caller)")
    parser.add_argument("--k", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--assignments")
    args = parser.parse_args()

    if args.sklearn_only:
        _, seconds = sklearn_run(args.sklearn_only, args.k, args.seed, args.assignments)
        print(json.dumps({"seconds": seconds}))
        return

    if not (args.data and args.bin):
        parser.error("--data and --bin are required")
    seeds = [int(s) for s in args.seeds.split(",")]
    out = args.out or tempfile.mkdtemp(prefix="chorus-themes-")
    os.makedirs(out, exist_ok=True)
    results = {}
    print(f"load average before: {load():.2f} (2 cores; other work on the machine slows wall-clock rows)", flush=True)
    for name, anchor in ([] if args.skip_quality else CORPORA):
        path = os.path.join(args.data, f"{name}.jsonl")
        rows = read_jsonl(path)
        labels = [r["label"] for r in rows]
        k = len(set(labels))
        row = {"documents": len(rows), "labels": k, "anchor": anchor}
        mine, theirs = [], []
        for seed in seeds:
            clusters, summary, wall, cpu, rss = ours(args.bin, path, k, seed, os.path.join(out, f"{name}-k{k}-s{seed}.jsonl"))
            mine.append(score(labels, clusters) + (summary["seconds"],))
            reference, seconds = sklearn_run(path, k, seed)
            theirs.append(score(labels, reference) + (seconds,))
            print(f"  {name} seed {seed}: ours NMI {mine[-1][0]:.3f} ARI {mine[-1][1]:.3f} ({mine[-1][2]:.1f} s) | "
                  f"sklearn NMF NMI {theirs[-1][0]:.3f} ARI {theirs[-1][1]:.3f} ({seconds:.1f} s)", flush=True)
        autos = []
        for seed in seeds:
            clusters, summary, wall, cpu, rss = ours(args.bin, path, "auto", seed, os.path.join(out, f"{name}-auto-s{seed}.jsonl"))
            nmi, ari = score(labels, clusters)
            autos.append((summary["themes"], summary["unassigned_share"], nmi, ari, summary["seconds"]))
            with open(os.path.join(out, f"{name}-auto-s{seed}.summary.json"), "w") as f:
                json.dump(summary, f, indent=1)
            print(f"  {name} seed {seed}: ours automatic: {summary['themes']} themes, {100 * summary['unassigned_share']:.1f}% "
                  f"unassigned, NMI {nmi:.3f}; labels: " + "; ".join(l["label"] for l in summary["labels"][:4]), flush=True)
        row.update(ours=mine, sklearn=theirs, auto=autos)
        results[name] = row

    speed = None
    if not args.skip_speed:
        path = os.path.join(args.data, "resample.jsonl")
        k = len({r["label"] for r in read_jsonl(path)})
        speed = {"k": k, "load_before": load()}
        for key, count in [("ours_auto", "auto"), ("ours_fixed", k)]:
            runs = []
            for _ in range(args.speed_repeats):  # the median run (by the engine's seconds) is reported
                _, summary, wall, cpu, rss = ours(args.bin, path, count, seeds[0], os.path.join(out, f"resample-{count}.jsonl"))
                runs.append((summary["seconds"], wall, cpu, rss, summary["themes"], summary["unassigned_share"], summary.get("stages", [])))
            runs.sort(key=lambda r: r[0])
            speed[key] = runs[len(runs) // 2]
            speed[key + "_all"] = [r[0] for r in runs]
        stdout, wall, cpu, rss = timed([sys.executable, os.path.abspath(__file__), "--sklearn-only", path, "--k", str(k),
                                        "--seed", str(seeds[0]), "--assignments", os.path.join(out, f"resample-sklearn-k{k}.jsonl")])
        speed["sklearn"] = (json.loads(stdout)["seconds"], wall, cpu, rss)
        speed["load_after"] = load()

    print()
    if results:
        print_quality(results, seeds)
    if speed:
        print_speed(speed)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"quality": results, "speed": speed}, f, indent=1)
    print(f"\nassignments, summaries and results.json: {out}")


def print_quality(results, seeds):
    print("=== Quality: NMI / adjusted Rand against the labels (same metric code for both); seeds " + ",".join(map(str, seeds)))
    print(f"{'corpus':13} {'docs':>6} {'labels':>6} | {'ours, fixed k: NMI mean (per seed)':42} {'ARI':>5} | "
          f"{'sklearn NMF: NMI mean (per seed)':42} {'ARI':>5} | {'anchor':6} | automatic k: themes, unassigned, NMI (per seed)")
    for name, row in results.items():
        m = statistics.mean(x[0] for x in row["ours"]); ma = statistics.mean(x[1] for x in row["ours"])
        s = statistics.mean(x[0] for x in row["sklearn"]); sa = statistics.mean(x[1] for x in row["sklearn"])
        auto = "; ".join(f"{t}, {100 * u:.1f}%, {n:.3f}" for t, u, n, _, _ in row["auto"])
        mine = f"{m:.3f} ({fmt(x[0] for x in row['ours'])})"
        theirs = f"{s:.3f} ({fmt(x[0] for x in row['sklearn'])})"
        print(f"{name:13} {row['documents']:>6} {row['labels']:>6} | {mine:42} {ma:>5.3f} | {theirs:42} {sa:>5.3f} | "
              f"{row['anchor']:<6.3f} | {auto}")
    print(f"targets: ours NMI >= sklearn NMF on each corpus; automatic mode <= {100 * TARGET_UNASSIGNED:.0f}% unassigned")


def print_speed(speed):
    if True:
        print()
        print(f"=== Speed: 100,000 texts resampled from the three corpora (load average {speed['load_before']:.2f} before, "
              f"{speed['load_after']:.2f} after; 2 cores)")
        print(f"{'run':38} {'engine s':>9} {'wall s':>7} {'CPU s':>6} {'peak RSS MB':>12}  notes")
        for key, title in [("ours_auto", "ours, automatic k"), ("ours_fixed", f"ours, fixed k = {speed['k']}")]:
            engine, wall, cpu, rss, themes, unassigned, stages = speed[key]
            notes = (f"{themes} themes, {100 * unassigned:.1f}% unassigned; median of " + "/".join(f"{x:.2f}" for x in speed[key + "_all"])
                     + " s; stages " + ", ".join(f"{st} {sec:.2f}" for st, sec in stages))
            print(f"{title:38} {engine:>9.2f} {wall:>7.2f} {cpu:>6.1f} {rss:>12.0f}  {notes}")
        seconds, wall, cpu, rss = speed["sklearn"]
        print(f"{'sklearn TF-IDF + NMF, k = ' + str(speed['k']):38} {seconds:>9.2f} {wall:>7.2f} {cpu:>6.1f} {rss:>12.0f}  "
              "(engine s = vectorise + NMF, without reading the file)")
        print(f"targets: < {TARGET_SECONDS} s and < {TARGET_RSS_GB} GB for ours")


if __name__ == "__main__":
    main()
