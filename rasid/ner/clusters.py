"""Word clusters from unlabelled text: hierarchical bit-string paths, as Brown clusters are used.

Each word key gets a vector from its neighbours (positive PMI of left and right context words,
randomly projected, then reduced by SVD); bisecting 2-means splits the vectors into a binary tree,
and a word's path in it ("0110…") is its cluster, read at several prefix lengths by the features.
Needs NumPy (training only; the tagger reads the saved paths).
"""
from __future__ import annotations

import math
from collections import Counter


def context_counts(sentences: list[list[str]], context_size: int = 2000,
                   ) -> tuple[Counter, dict[tuple[str, str], int], list[str]]:
    """Word counts, (word, side+context) co-occurrence counts, and the context vocabulary."""
    words: Counter = Counter(w for s in sentences for w in s)
    contexts = [w for w, _ in words.most_common(context_size)]
    ctx = set(contexts)
    pairs: Counter = Counter()
    for s in sentences:
        padded = ["<s>", "<s>"] + s + ["</s>", "</s>"]
        for i in range(2, len(padded) - 2):
            w = padded[i]
            for off, tag in ((-1, "L1"), (1, "R1"), (-2, "L2"), (2, "R2")):
                c = padded[i + off]
                if c in ctx or c in ("<s>", "</s>"):
                    pairs[(w, f"{tag}:{c}")] += 1
    return words, pairs, contexts


def word_vectors(sentences: list[list[str]], min_count: int = 2, dims: int = 64, seed: int = 13):
    """(words, unit vectors) for the words seen at least `min_count` times."""
    import numpy as np

    counts, pairs, _ = context_counts(sentences)
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    index = {w: i for i, w in enumerate(vocab)}
    ctx_names = sorted({c for _, c in pairs})
    cindex = {c: i for i, c in enumerate(ctx_names)}
    ctx_total: Counter = Counter()
    word_total: Counter = Counter()
    for (w, c), k in pairs.items():
        ctx_total[c] += k
        word_total[w] += k
    total = sum(ctx_total.values())
    rows, cols, vals = [], [], []
    for (w, c), k in pairs.items():
        if w not in index:
            continue
        pmi = math.log(k * total / (word_total[w] * ctx_total[c] ** 0.75 * total ** 0.25))
        if pmi > 0:
            rows.append(index[w]), cols.append(cindex[c]), vals.append(pmi)
    rng = np.random.default_rng(seed)
    projection = rng.standard_normal((len(ctx_names), 512)).astype(np.float32)
    matrix = np.zeros((len(vocab), 512), dtype=np.float32)
    np.add.at(matrix, np.array(rows), projection[np.array(cols)] * np.array(vals, dtype=np.float32)[:, None])
    matrix -= matrix.mean(axis=0)
    u, s, _ = np.linalg.svd(matrix, full_matrices=False)
    vectors = u[:, :dims] * s[:dims]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vocab, vectors


def bisect_paths(vectors, depth: int = 12, seed: int = 13) -> list[str]:
    """The bit-string path of each vector in a tree made by splitting clusters in two, `depth` times."""
    import numpy as np

    rng = np.random.default_rng(seed)
    paths = [""] * len(vectors)
    groups = [np.arange(len(vectors))]
    for _ in range(depth):
        next_groups = []
        for idx in groups:
            if len(idx) < 4:
                next_groups.append(idx)
                continue
            x = vectors[idx]
            centres = x[rng.choice(len(idx), 2, replace=False)]
            for _ in range(10):
                side = (x @ centres[1] > x @ centres[0]).astype(int)
                if side.min() == side.max():
                    break
                centres = np.stack([x[side == k].mean(axis=0) for k in (0, 1)])
            for k in (0, 1):
                part = idx[side == k]
                for i in part:
                    paths[i] += str(k)
                if len(part):
                    next_groups.append(part)
        groups = next_groups
    return paths


def train_clusters(sentences: list[list[str]], depth: int = 12, min_count: int = 2, seed: int = 13) -> dict[str, str]:
    """word key -> bit-string path, from unlabelled sentences of word keys."""
    vocab, vectors = word_vectors(sentences, min_count=min_count, seed=seed)
    return dict(zip(vocab, bisect_paths(vectors, depth=depth, seed=seed)))
