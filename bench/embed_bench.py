#!/usr/bin/env python3
"""Sentence-embedding benchmark: Chorus's in-process all-MiniLM-L6-v2 (ChorusEmbed) against sentence-transformers
(PyTorch, CPU) and, when it installs, ONNX Runtime, on the same 1,000 varied texts. Run by bench/run_embed_bench.sh.

    python3 bench/embed_bench.py sentences --out texts.jsonl [--count 1000] [--seed 7]        # system python
    python  bench/embed_bench.py reference --input texts.jsonl --model DIR --out ref.f32 [--engine torch|onnx|numpy]
    python3 bench/embed_bench.py compare --input texts.jsonl --chorus chorus.f32 --reference ref.f32 [--name torch]

Every engine runs single-threaded (torch.set_num_threads(1), ORT intra_op_num_threads=1, chorus-bench --threads 1)
and reports tokens per second per core, tokens counted as the model sees them ([CLS] and [SEP] included, truncated
at 256). Vectors are written as float32 little-endian, one row of 384 per text, for `compare`.
"""
import argparse
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def sentences(args):
    """1,000 texts drawn evenly from fortunes, chatterbot and healthtweets (bench/themes_corpora.py)."""
    sys.path.insert(0, HERE)
    import themes_corpora
    rng = random.Random(args.seed)
    per = [args.count // 3 + (1 if i < args.count % 3 else 0) for i in range(3)]
    out = []
    for (name, load), k in zip(themes_corpora.CORPORA.items(), per):
        texts = sorted({t for _, t in load() if t.strip()})
        picked = rng.sample(texts, k)
        out.extend({"text": t, "corpus": name} for t in picked)
        print(f"{name}: {k} of {len(texts)} distinct texts", file=sys.stderr)
    rng.shuffle(out)
    with open(args.out, "w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_texts(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def token_ids(model_dir, texts, max_len=256):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return [e.ids for e in tok.encode_batch(texts)]


def batches_by_length(ids, batch_size=32):
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    for s in range(0, len(order), batch_size):
        yield order[s:s + batch_size]


def run_torch(model_dir, texts, ids, repeat):
    import torch
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(1)
    model = SentenceTransformer(model_dir, device="cpu")
    model.max_seq_length = 256
    label = f"sentence-transformers {__import__('sentence_transformers').__version__}, torch {torch.__version__}"
    best, vecs = None, None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        vecs = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        s = (time.perf_counter() - t, time.process_time() - c)
        best = s if best is None else min(best, s)
    return label, vecs, best


def run_onnx(model_dir, texts, ids, repeat):
    import numpy as np
    import onnxruntime as ort
    import torch
    from transformers import AutoModel
    path = os.path.join(os.environ.get("BENCH_OUT", "/tmp"), "minilm.onnx")
    if not os.path.exists(path):
        class Encoder(torch.nn.Module):  # keyword arguments: BertModel.forward's positional order varies by version
            def __init__(self, bert):
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                 token_type_ids=token_type_ids).last_hidden_state

        model = Encoder(AutoModel.from_pretrained(model_dir)).eval()
        dummy = torch.ones(2, 8, dtype=torch.long)
        torch.onnx.export(model, (dummy, dummy, torch.zeros_like(dummy)), path, dynamo=False,
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["last_hidden_state"],
                          dynamic_axes={n: {0: "b", 1: "t"} for n in ["input_ids", "attention_mask", "token_type_ids"]},
                          opset_version=17)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    label = f"onnxruntime {ort.__version__} (graph exported from the same weights)"
    best, out = None, None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = np.zeros((len(ids), 384), dtype=np.float32)
        for members in batches_by_length(ids):
            L = max(len(ids[i]) for i in members)
            x = np.zeros((len(members), L), dtype=np.int64)
            m = np.zeros((len(members), L), dtype=np.int64)
            for r, i in enumerate(members):
                x[r, :len(ids[i])] = ids[i]
                m[r, :len(ids[i])] = 1
            h = sess.run(None, {"input_ids": x, "attention_mask": m, "token_type_ids": np.zeros_like(x)})[0]
            pooled = (h * m[:, :, None]).sum(1) / m.sum(1, keepdims=True)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[members] = pooled
        s = (time.perf_counter() - t, time.process_time() - c)
        best = s if best is None else min(best, s)
    return label, out, best


def run_numpy(model_dir, texts, ids, repeat):
    """Fallback reference when torch cannot be installed: BERT in numpy from model.safetensors."""
    import numpy as np
    from safetensors.numpy import load_file
    w = load_file(os.path.join(model_dir, "model.safetensors"))
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    H, heads, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["layer_norm_eps"]
    d = H // heads
    erf_v = np.vectorize(__import__("math").erf, otypes=[np.float32])

    def ln(x, g, b):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * g + b

    def one(seq):
        n = len(seq)
        x = w["embeddings.word_embeddings.weight"][seq] + w["embeddings.position_embeddings.weight"][:n] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = ln(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        for layer in range(cfg["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."
            q = x @ w[p + "attention.self.query.weight"].T + w[p + "attention.self.query.bias"]
            k = x @ w[p + "attention.self.key.weight"].T + w[p + "attention.self.key.bias"]
            v = x @ w[p + "attention.self.value.weight"].T + w[p + "attention.self.value.bias"]
            q, k, v = (t.reshape(n, heads, d).transpose(1, 0, 2) for t in (q, k, v))
            s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            c = (s @ v).transpose(1, 0, 2).reshape(n, H)
            x = ln(x + c @ w[p + "attention.output.dense.weight"].T + w[p + "attention.output.dense.bias"],
                   w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            m = x @ w[p + "intermediate.dense.weight"].T + w[p + "intermediate.dense.bias"]
            m = 0.5 * m * (1 + erf_v(m / np.sqrt(2)))
            x = ln(x + m @ w[p + "output.dense.weight"].T + w[p + "output.dense.bias"],
                   w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        e = x.mean(0)
        return e / max(np.linalg.norm(e), 1e-12)

    best, out = None, None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = np.stack([one(np.array(s)) for s in ids]).astype(np.float32)
        s = (time.perf_counter() - t, time.process_time() - c)
        best = s if best is None else min(best, s)
    return f"numpy {np.__version__} reference (per text, exact erf)", out, best


ENGINES = {"torch": run_torch, "onnx": run_onnx, "numpy": run_numpy}


def reference(args):
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    texts = read_texts(args.input)
    ids = token_ids(args.model, texts)
    tokens = sum(len(s) for s in ids)
    label, vecs, best = ENGINES[args.engine](args.model, texts, ids, args.repeat)
    vecs.astype("<f4").tofile(args.out)
    print(f"{args.engine}: {label}")
    wall, cpu = best
    print(f"{args.engine}: {len(texts)} texts, {tokens} tokens, best of {args.repeat} {wall:.3f} s wall, "
          f"{tokens / wall:.0f} tokens/s per core (1 thread); per CPU-second {tokens / cpu:.0f} tokens "
          f"(best CPU {cpu:.3f} s)")


def compare(args):
    import numpy as np
    texts = read_texts(args.input)
    a = np.fromfile(args.chorus, dtype="<f4").reshape(len(texts), -1)
    b = np.fromfile(args.reference, dtype="<f4").reshape(len(texts), -1)
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    worst = int(cos.argmin())
    print(f"cosine chorus vs {args.name}: min {cos.min():.6f}, mean {cos.mean():.6f}, "
          f"{int((cos >= 0.999).sum())}/{len(texts)} ≥ 0.999; max |Δ| {np.abs(a - b).max():.2e}; "
          f"worst text #{worst}: {texts[worst][:60]!r}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sentences")
    s.add_argument("--out", required=True)
    s.add_argument("--count", type=int, default=1000)
    s.add_argument("--seed", type=int, default=7)
    r = sub.add_parser("reference")
    r.add_argument("--input", required=True)
    r.add_argument("--model", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--engine", choices=sorted(ENGINES), default="torch")
    r.add_argument("--repeat", type=int, default=3)
    c = sub.add_parser("compare")
    c.add_argument("--input", required=True)
    c.add_argument("--chorus", required=True)
    c.add_argument("--reference", required=True)
    c.add_argument("--name", default="reference")
    args = p.parse_args()
    {"sentences": sentences, "reference": reference, "compare": compare}[args.cmd](args)


if __name__ == "__main__":
    main()
