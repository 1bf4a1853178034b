#!/usr/bin/env python3
"""Writes a synthetic citizens'-panel instance (categories.csv + respondents.csv) like ../shared/data/sortition/
synth_500_40: categories with 2-4 features each, population shares drawn at random, a pool drawn with biased
response rates (some groups answer the letter two or three times as often as others), and quotas of
round(share x panel) +/- 1 around the population share. Seeded: the same arguments give the same files.

  python3 bench/make_panel_instance.py OUT_DIR [--pool 2000] [--panel 40] [--categories 6] [--seed 2026]

Prints the folder. Standard library only.
"""
import argparse
import csv
import os
import random


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--pool", type=int, default=2000)
    parser.add_argument("--panel", type=int, default=40)
    parser.add_argument("--categories", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    categories = []
    for c in range(args.categories):
        k = rng.randint(2, 4)
        raw = [rng.uniform(0.5, 1.5) for _ in range(k)]
        share = [r / sum(raw) for r in raw]
        # Response rate per feature: the bias that makes some people rarer in the pool than in the population.
        response = [rng.uniform(0.4, 1.2) for _ in range(k)]
        categories.append((f"f{c}", [f"v{i}" for i in range(k)], share, response))

    # Draw people from the population and keep each with the product of their features' response rates.
    rows = []
    while len(rows) < args.pool:
        person = [rng.choices(range(len(values)), weights=share)[0] for _, values, share, _ in categories]
        keep = 1.0
        for (_, _, _, response), value in zip(categories, person):
            keep *= response[value]
        if rng.random() < keep / 1.2 ** len(categories) * 2:
            rows.append([categories[i][1][v] for i, v in enumerate(person)])

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "categories.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["category", "feature", "min", "max"])
        for name, values, share, _ in categories:
            for value, s in zip(values, share):
                target = round(s * args.panel)
                writer.writerow([name, value, max(0, target - 1), target + 1])
    with open(os.path.join(args.out, "respondents.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([name for name, _, _, _ in categories])
        writer.writerows(rows)
    print(args.out)


if __name__ == "__main__":
    main()
