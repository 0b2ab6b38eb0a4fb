"""Second-pass features: what the first-pass tagger said about the same word elsewhere in the document.

A name is often tagged correctly where a title introduces it ("وزير الدفاع دونالد رامسفيلد") and
missed where it stands alone later ("قال رامسفيلد"). The second pass sees, for every word, the
types the first pass gave the same word in the surrounding sentences, and its own first-pass label.
"""
from __future__ import annotations

from collections import Counter

from rasid.ner.wordstats import token_types


def document_features(keys: list[list[str]], first_pass: list[list[str]], window: int | None = None,
                      ) -> list[list[list[str]]]:
    """Per sentence, per word: second-pass features from first-pass tags of the same key nearby.

    `keys` and `first_pass` cover consecutive sentences of one document; `window` limits "nearby"
    to that many sentences either side (None: the whole document).
    """
    n = len(keys)
    types = [token_types(tags) for tags in first_pass]
    per_sentence: list[Counter] = []
    for ks, ts in zip(keys, types):
        c: Counter = Counter()
        for k, t in zip(ks, ts):
            if _worth(k):
                c[(k, t)] += 1
        per_sentence.append(c)
    out: list[list[list[str]]] = []
    if window is None:
        total: Counter = sum(per_sentence, Counter())
    for s in range(n):
        if window is not None:
            total = Counter()
            for j in range(max(0, s - window), min(n, s + window + 1)):
                total.update(per_sentence[j])
        feats = []
        for i, (k, tag) in enumerate(zip(keys[s], first_pass[s])):
            f = [f"p1={tag}"]
            if _worth(k):
                own_type = types[s][i]
                counts = {t: total[(k, t)] - (1 if t == own_type else 0) for t in ("O", "PERS", "LOC", "ORG", "MISC")}
                ent = {t: c for t, c in counts.items() if t != "O" and c > 0}
                if ent:
                    best = max(ent, key=ent.get)
                    f.append(f"d={best}")
                    f.append(f"d={best}:{'maj' if ent[best] >= counts['O'] else 'min'}")
                    if len(ent) > 1:
                        f.append("d=mixed")
                elif counts["O"] > 0:
                    f.append("d=O")
            feats.append(f)
        out.append(feats)
    return out


def _worth(key: str) -> bool:
    """Words long enough to be names (not particles or punctuation)."""
    return len(key) >= 2 and key.isalpha()


def with_document_features(x: list[list[str]], doc: list[list[str]]) -> list[list[str]]:
    """First-pass features of a sentence plus the document features of each word and its neighbours."""
    out = []
    n = len(x)
    for i in range(n):
        f = list(x[i]) + doc[i]
        if i > 0:
            f += [f"-1{v}" for v in doc[i - 1]]
        if i + 1 < n:
            f += [f"+1{v}" for v in doc[i + 1]]
        out.append(f)
    return out
