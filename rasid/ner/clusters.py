"""Word clusters from unlabelled text: hierarchical bit-string paths, as Brown clusters are used.

Each word key gets a vector from its neighbours (positive PMI of left and right context words,
reduced by SVD); bisecting 2-means splits the vectors into a binary tree,
and a word's path in it ("0110…") is its cluster, read at several prefix lengths by the features.
Needs NumPy (training only; the tagger reads the saved paths).
"""
from __future__ import annotations

from collections import Counter


def word_vectors(sentences: list[list[str]], min_count: int = 3, contexts: int = 1000, dims: int = 100,
                 far_weight: float = 0.5):
    """(words, unit vectors) for the words seen at least `min_count` times.

    A word's row counts the `contexts` most frequent words one (weight 1) and two (`far_weight`)
    places to its left and right; rows are weighted by positive PMI (context smoothing 0.75) and
    reduced by SVD.
    """
    import numpy as np

    counts = Counter(w for s in sentences for w in s)
    cindex = {w: i for i, (w, _) in enumerate(counts.most_common(contexts))}
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    vindex = {w: i for i, w in enumerate(vocab)}
    m = np.zeros((len(vocab), 2 * contexts), dtype=np.float32)
    for s in sentences:
        n = len(s)
        for i, w in enumerate(s):
            row = vindex.get(w)
            if row is None:
                continue
            for off, side, weight in ((-1, 0, 1.0), (1, 1, 1.0), (-2, 0, far_weight), (2, 1, far_weight)):
                j = i + off
                if 0 <= j < n:
                    col = cindex.get(s[j])
                    if col is not None:
                        m[row, side * contexts + col] += weight
    total = m.sum()
    p_context = m.sum(axis=0, keepdims=True) ** 0.75
    p_context = p_context / p_context.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.log(m * total / (m.sum(axis=1, keepdims=True) * p_context))
    ppmi[~np.isfinite(ppmi)] = 0
    ppmi = np.maximum(ppmi, 0)
    u, sing, _ = np.linalg.svd(ppmi, full_matrices=False)
    vectors = u[:, :dims] * np.sqrt(sing[:dims])
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


def train_clusters(sentences: list[list[str]], depth: int = 12, min_count: int = 3, seed: int = 13) -> dict[str, str]:
    """word key -> bit-string path, from unlabelled sentences of word keys."""
    vocab, vectors = word_vectors(sentences, min_count=min_count)
    return dict(zip(vocab, bisect_paths(vectors, depth=depth, seed=seed)))
