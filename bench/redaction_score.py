#!/usr/bin/env python3
"""Scores redaction outputs against the gold spans of bench/redaction_labelled.py, side by side.

    python3 bench/redaction_score.py --gold comments.jsonl --found swift=swift.jsonl --found python=python.jsonl \
        [--timing swift=swift.txt --timing python=python.txt] [--examples 5]

How it counts (span level, UTF-8 byte offsets, one comment at a time):
  - a predicted span is correct when it overlaps a gold span of the same kind (in scope or not);
  - a gold span is found when a predicted span of the same kind overlaps it;
  - precision = correct predicted spans / predicted spans; recall = found gold spans / gold spans (in scope);
  - "exact" = share of found gold spans whose predicted span has exactly the same start and end;
  - "hidden" = share of gold spans overlapped by a predicted span of any kind (what privacy needs);
  - "recall incl. out of scope" adds the ~2% of gold spans in forms the redactor does not claim to find.
A prediction that overlaps a hard negative ("2 Main", "Flat white", an invalid NHS number) counts as a false
positive through the rule above (it overlaps no gold span); the table of hard negatives says how often each
kind of negative was touched.
"""
import argparse
import json
import re
from collections import Counter, defaultdict

KINDS = ["name", "email", "phone", "postcode", "nhs_number", "ni_number", "address"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(gold_rows, found_rows):
    by_id = {row["id"]: row for row in found_rows}
    c = defaultdict(Counter)
    negatives_hit = Counter()
    negatives_all = Counter()
    false_pos, misses = [], []
    for g in gold_rows:
        found = by_id.get(g["id"], {"spans": []})["spans"]
        gold = g["spans"]
        for p in found:
            c[p["kind"]]["predicted"] += 1
            if any(p["kind"] == s["kind"] and overlaps(p, s) for s in gold):
                c[p["kind"]]["correct"] += 1
            else:
                false_pos.append((g["text"], p))
        for s in gold:
            scope = "gold" if s["in_scope"] else "gold_oos"
            c[s["kind"]][scope] += 1
            same = [p for p in found if p["kind"] == s["kind"] and overlaps(p, s)]
            if same:
                c[s["kind"]][scope + "_found"] += 1
                if any(p["start"] == s["start"] and p["end"] == s["end"] for p in same):
                    c[s["kind"]][scope + "_exact"] += 1
            elif s["in_scope"]:
                misses.append((g["text"], s))
            if any(overlaps(p, s) for p in found):
                c[s["kind"]][scope + "_hidden"] += 1
        for neg in g.get("negatives", []):
            negatives_all[neg["what"]] += 1
            if any(overlaps(p, neg) for p in found):
                negatives_hit[neg["what"]] += 1
    total = Counter()
    for k in c.values():
        total.update(k)
    c["overall"] = total
    return c, negatives_hit, negatives_all, false_pos, misses


def ratio(a, b):
    return a / b if b else float("nan")


def timing(path):
    """best_s, median_s, cpu_best_s, comments from the RESULT line of a run's output."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("RESULT "):
                fields = dict(kv.split("=", 1) for kv in line.split()[2:])
                return float(fields["best_s"]), float(fields["median_s"]), float(fields["cpu_best_s"]), int(fields["comments"])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--found", action="append", default=[], help="name=file.jsonl")
    ap.add_argument("--timing", action="append", default=[], help="name=file.txt (output with a RESULT line)")
    ap.add_argument("--examples", type=int, default=0, help="print this many false positives and misses per engine")
    args = ap.parse_args()
    gold = load(args.gold)
    engines = [f.split("=", 1) for f in args.found]
    results = {name: score(gold, load(path)) for name, path in engines}
    names = [n for n, _ in engines]

    times = {}
    for t in args.timing:
        name, path = t.split("=", 1)
        times[name] = timing(path)
    if times:
        print("Speed (redacting every comment once; best and median wall time of the runs, and the best process CPU time)")
        print(f"  {'engine':<10} {'comments':>9} {'best s':>9} {'median s':>9} {'CPU s':>9} {'comments/s':>12}")
        for name in names:
            if times.get(name):
                best, median, cpu, n = times[name]
                print(f"  {name:<10} {n:>9} {best:>9.3f} {median:>9.3f} {cpu:>9.3f} {n / best:>12,.0f}")
        if len(names) >= 2 and all(times.get(n) for n in names[:2]):
            a, b = times[names[0]], times[names[1]]
            print(f"  {names[1]} / {names[0]} time: best {b[0] / a[0]:.0f}x, median {b[1] / a[1]:.0f}x, CPU {b[2] / a[2]:.0f}x")
        print()

    print(f"Accuracy on {len(gold)} comments (span level: a prediction is correct if it overlaps a gold span of its kind)")
    header = f"  {'kind':<11} {'gold':>6}"
    for name in names:
        header += f" | {name + ' P':>9} {'R':>6} {'exact':>6} {'pred':>6}"
    print(header)
    for kind in KINDS + ["overall"]:
        row = f"  {kind:<11} {results[names[0]][0][kind]['gold']:>6}"
        for name in names:
            k = results[name][0][kind]
            row += f" | {ratio(k['correct'], k['predicted']):>9.4f} {ratio(k['gold_found'], k['gold']):>6.4f} " \
                   f"{ratio(k['gold_exact'], k['gold_found']):>6.3f} {k['predicted']:>6}"
        print(row)
    for name in names:
        k = results[name][0]["overall"]
        print(f"  {name}: hidden (any kind) {ratio(k['gold_hidden'], k['gold']):.4f}; recall incl. out of scope "
              f"{ratio(k['gold_found'] + k['gold_oos_found'], k['gold'] + k['gold_oos']):.4f} "
              f"(out-of-scope spans found {k['gold_oos_found']} of {k['gold_oos']})")
    print()
    print("Hard negatives touched by a redaction (of how many in the set)")
    negatives_all = results[names[0]][2]
    print(f"  {'negative':<20} {'count':>7}" + "".join(f" {n:>8}" for n in names))
    for what in sorted(negatives_all):
        print(f"  {what:<20} {negatives_all[what]:>7}" + "".join(f" {results[n][1][what]:>8}" for n in names))

    if args.examples:
        for name in names:
            _, _, _, fps, misses = results[name]
            print(f"\n{name}: {len(fps)} false positives, {len(misses)} misses; first {args.examples} of each")
            for text, p in fps[: args.examples]:
                b = text.encode("utf-8")
                print(f"  FP {p['kind']}: {b[p['start']:p['end']].decode('utf-8')!r} in {text!r}")
            for text, s in misses[: args.examples]:
                b = text.encode("utf-8")
                print(f"  MISS {s['kind']}: {b[s['start']:s['end']].decode('utf-8')!r} in {text!r}")


if __name__ == "__main__":
    main()
