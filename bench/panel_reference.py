#!/usr/bin/env python3
"""The reference side of bench/run_panel_bench.sh: the Sortition Foundation's sortition-algorithms (PyPI) selecting
from the same folder (categories.csv + respondents.csv) that `chorus-bench panels` reads, with the HiGHS solver
(highspy), printing one JSON line with the same figures: wall time of the selection (reading excluded), peak memory
(ru_maxrss), smallest probability, geometric mean, number of panels, and the sorted profile ("value x count").

  python bench/panel_reference.py --algorithm maximin|nash|leximin --size 40 [--seed 1] FOLDER

It calls find_distribution_<algorithm> directly (what find_random_sample does before the lottery rounding) and
standardize_distribution, then adds up each person's probability over the panels. categories.csv's category /
feature columns are passed as the library's feature / value; ids are the data row numbers, as Chorus gives them.
leximin needs Gurobi (not free): without gurobipy it prints {"error": ...}. Needs
  python3 -m venv /tmp/sortvenv && /tmp/sortvenv/bin/pip install sortition-algorithms highspy
"""
import argparse
import csv
import json
import logging
import math
import os
import resource
import sys
import time

from sortition_algorithms import committee_generation as cg
from sortition_algorithms.features import read_in_features
from sortition_algorithms.people import read_in_people
from sortition_algorithms.settings import Settings
from sortition_algorithms.utils import set_random_provider


def profile(probabilities):
    runs = []
    for p in sorted(probabilities):
        text = f"{p:.6f}"
        if runs and runs[-1][0] == text:
            runs[-1][1] += 1
        else:
            runs.append([text, 1])
    return " ".join(f"{v}x{n}" for v, n in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--algorithm", default="maximin", choices=["maximin", "nash", "leximin"])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("folder")
    args = parser.parse_args()
    set_random_provider(args.seed)

    with open(os.path.join(args.folder, "categories.csv"), newline="") as f:
        rows = [
            {"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]}
            for r in csv.DictReader(f)
        ]
    features, feature_column, _ = read_in_features(["feature", "value", "min", "max"], rows, args.size)
    with open(os.path.join(args.folder, "respondents.csv"), newline="") as f:
        reader = csv.DictReader(f)
        head = ["id", *reader.fieldnames]
        body = [{"id": str(i), **r} for i, r in enumerate(reader, start=1)]
    settings = Settings(id_column="id", columns_to_keep=[], solver_backend="highspy", selection_algorithm=args.algorithm)
    people, _ = read_in_people(head, body, features, settings, feature_column_name=feature_column)

    line = {"folder": os.path.basename(os.path.normpath(args.folder)), "algorithm": args.algorithm, "size": args.size,
            "pool": people.count}
    find = {"maximin": cg.find_distribution_maximin, "nash": cg.find_distribution_nash,
            "leximin": cg.find_distribution_leximin}[args.algorithm]
    # The library logs its progress to stdout through handlers made at import; keep stdout for the JSON line.
    for name in ("sortition_algorithms", "sortition_algorithms_user"):
        logging.getLogger(name).setLevel(logging.WARNING)
    t0 = time.perf_counter()
    try:
        committees, weights, _ = find(features, people, args.size, [], "highspy")
    except RuntimeError as error:
        line["error"] = str(error.args[0] if error.args else error)
        print(json.dumps(line, sort_keys=True))
        return
    committees, weights = cg.standardize_distribution(committees, weights)
    seconds = time.perf_counter() - t0
    probability = dict.fromkeys(people, 0.0)
    for committee, weight in zip(committees, weights):
        for person in committee:
            probability[person] += weight
    p = list(probability.values())
    line.update({
        "seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "min": min(p), "max": max(p), "geometric_mean": math.exp(sum(math.log(max(x, 1e-300)) for x in p) / len(p)),
        "sum": sum(p), "panels": len(committees), "profile": profile(p),
    })
    print(json.dumps(line, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
