"""CoNLL exact-span scoring (as conlleval) of a tagger on a labelled file, with its tagging speed."""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rasid.ner.corpora import Sentence, iob_spans, read_conll


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2),
            "f1": round(200 * p * r / (p + r), 2) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def score(gold: list[tuple[str, ...]], predicted: list[tuple[str, ...]] | list[list[str]]) -> dict:
    """Exact-span precision, recall and F1 (in percent), overall and per type."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = set(iob_spans(g)), set(iob_spans(p))
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    overall = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {**overall, "per_type": {t: prf(tp[t], fp[t], fn[t]) for t in types}}


def evaluate(tagger, sentences: list[Sentence]) -> dict:
    """Tag `sentences` (consecutive, as one document) with `tagger` and score it."""
    t0 = time.perf_counter()
    predicted = tagger.tag_sentences([list(s.words) for s in sentences])
    seconds = time.perf_counter() - t0
    result = score([s.tags for s in sentences], predicted)
    n_tokens = sum(len(s.words) for s in sentences)
    result.update({"sentences": len(sentences), "tokens": n_tokens,
                   "tokens_per_s": round(n_tokens / seconds) if seconds else None})
    return result


def evaluate_file(tagger, path: Path | str) -> dict:
    """Score `tagger` on a CoNLL file (`word TAG`, blank line between sentences)."""
    return {"test": str(path), **evaluate(tagger, read_conll(path))}


def format_table(result: dict) -> str:
    """A plain-text table of precision, recall and F1 per type and overall."""
    lines = [f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'found':>7}"]
    rows = list(result["per_type"].items()) + [("overall", result)]
    for name, r in rows:
        lines.append(f"{name:<8}{r['precision']:>8.2f}{r['recall']:>8.2f}{r['f1']:>8.2f}"
                     f"{r['tp'] + r['fn']:>7}{r['tp'] + r['fp']:>7}")
    if result.get("tokens_per_s"):
        lines.append(f"{result['tokens']} tokens, {result['sentences']} sentences, "
                     f"{result['tokens_per_s']} tokens/s")
    return "\n".join(lines)
