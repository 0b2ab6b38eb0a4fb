"""Second-pass features: what the first-pass tagger said about the same word elsewhere in the document.

A name is often tagged correctly where a title introduces it ("وزير الدفاع دونالد رامسفيلد") and
missed where it stands alone later ("قال رامسفيلد"). The second pass sees, for every word, the
types the first pass gave the same word in the surrounding sentences, and its own first-pass label.
"""
from __future__ import annotations

from collections import Counter



def document_features(keys: list[list[str]], first_pass: list[list[str]], window: int | None = None,
                      ) -> list[list[list[str]]]:
    """Per sentence, per word: second-pass features from first-pass tags of the same key nearby.

    `keys` and `first_pass` cover consecutive sentences of one document; `window` limits "nearby"
    to that many sentences either side (None: the whole document).
    """
    n = len(keys)
    per_sentence: list[Counter] = []
    for ks, tags in zip(keys, first_pass):
        c: Counter = Counter()
        for k, t in zip(ks, tags):
            if _worth(k):
                c[(k, t[2:] or "O")] += 1
        per_sentence.append(c)
    w = n if window is None else window
    total: Counter = Counter()
    for j in range(min(n, w + 1)):
        total.update(per_sentence[j])
    out: list[list[list[str]]] = []
    for s in range(n):
        if s > 0:  # slide the window one sentence on
            if s + w < n:
                total.update(per_sentence[s + w])
            if s - w - 1 >= 0:
                total.subtract(per_sentence[s - w - 1])
        feats = []
        for k, tag in zip(keys[s], first_pass[s]):
            f = [f"p1={tag}"]
            if _worth(k):
                own = tag[2:] or "O"
                ent = {t: c for t in _TYPES if (c := total[(k, t)] - (t == own)) > 0}
                if ent:
                    best = max(ent, key=ent.get)
                    others = total[(k, "O")] - (own == "O")
                    f.append(f"d={best}")
                    f.append(f"d={best}:{'maj' if ent[best] >= others else 'min'}")
                    if len(ent) > 1:
                        f.append("d=mixed")
                elif total[(k, "O")] - (own == "O") > 0:
                    f.append("d=O")
            feats.append(f)
        out.append(feats)
    return out


_TYPES = ("PERS", "LOC", "ORG", "MISC")


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
