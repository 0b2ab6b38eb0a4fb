"""What the training data says about a word: how often it was part of each entity type (label memory),
and what its letters suggest when it was never seen (a character n-gram naive Bayes model).

Both are fitted so that training sees them as the tagger will at run time: a sentence's own words
are left out of the memory its features read, and the letter model's guess for a training word
comes from a model that never saw that word.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

CLASSES = ("O", "PERS", "LOC", "ORG", "MISC")


def token_types(tags: tuple[str, ...] | list[str]) -> list[str]:
    """The entity type of each token ("O" outside entities)."""
    return [t[2:] if t != "O" else "O" for t in tags]


@dataclass
class LabelMemory:
    """Counts of (word key, type) over the training sentences."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, keys: list[str], tags: tuple[str, ...] | list[str], sign: int = 1) -> None:
        for k, t in zip(keys, token_types(tags)):
            self.counts[k][t] += sign

    def features(self, key: str, minus: Counter | None = None) -> list[str]:
        """Memory features of a word key, with `minus` (its counts in the current sentence) left out."""
        c = self.counts.get(key)
        if not c:
            return ["m=unseen"]
        if minus:
            c = c - minus
        total = sum(c.values())
        if total <= 0:
            return ["m=unseen"]
        out = []
        for t in CLASSES[1:]:
            if c[t] > 0:
                r = c[t] / total
                out.append(f"m={t}")
                out.append(f"m={t}:{'all' if r == 1 else 'most' if r >= 0.5 else 'some'}")
        if not out:
            out.append("m=O" if total > 1 else "m=O1")
        return out

    def to_json(self) -> dict:
        return {k: dict(v) for k, v in self.counts.items() if sum(v.values()) > 0}

    @classmethod
    def from_json(cls, data: dict) -> "LabelMemory":
        m = cls()
        for k, v in data.items():
            m.counts[k] = Counter(v)
        return m


def _ngrams(word: str, sizes: tuple[int, ...] = (2, 3, 4)) -> list[str]:
    w = f"^{word}$"
    return [w[i:i + n] for n in sizes for i in range(len(w) - n + 1)]


@dataclass
class LetterModel:
    """Multinomial naive Bayes over the character n-grams of a word: which type its letters look like."""

    log_prior: dict[str, float] = field(default_factory=dict)
    log_prob: dict[str, dict[str, float]] = field(default_factory=dict)
    log_unseen: dict[str, float] = field(default_factory=dict)

    @classmethod
    def fit(cls, examples: list[tuple[str, str]], alpha: float = 0.5) -> "LetterModel":
        """Fit on (word, class) pairs, one per distinct word (its majority class)."""
        class_count = Counter(c for _, c in examples)
        grams: dict[str, Counter] = {c: Counter() for c in CLASSES}
        for w, c in examples:
            grams[c].update(_ngrams(w))
        vocab = set().union(*grams.values())
        m = cls()
        total = sum(class_count.values())
        for c in (c for c in CLASSES if class_count[c]):  # a class with no examples is never guessed
            n = sum(grams[c].values()) + alpha * (len(vocab) + 1)
            m.log_prior[c] = math.log((class_count[c] + 1) / (total + len(CLASSES)))
            m.log_prob[c] = {g: math.log((k + alpha) / n) for g, k in grams[c].items()}
            m.log_unseen[c] = math.log(alpha / n)
        return m

    def guess(self, word: str) -> tuple[str, float]:
        """The most likely class and its posterior probability."""
        grams = _ngrams(word)
        scores = {}
        for c in self.log_prob:
            lp, unseen = self.log_prob[c], self.log_unseen[c]
            scores[c] = self.log_prior[c] + sum(lp.get(g, unseen) for g in grams) / max(1, len(grams)) * 4
        best = max(scores, key=scores.get)
        z = max(scores.values())
        total = sum(math.exp(s - z) for s in scores.values())
        return best, 1.0 / total

    def features(self, word: str) -> list[str]:
        if len(word) < 2 or not word.isalpha():
            return []
        c, p = self.guess(word)
        return [f"lm={c}", f"lm={c}:{'hi' if p >= 0.8 else 'mid' if p >= 0.5 else 'lo'}"]


def word_classes(keyed: list[tuple[list[str], tuple[str, ...]]]) -> dict[str, str]:
    """Each word key's majority class over (keys, tags) sentences."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for keys, tags in keyed:
        for k, t in zip(keys, token_types(tags)):
            counts[k][t] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


def out_of_fold_guesses(classes: dict[str, str], extra: list[tuple[str, str]], folds: int = 5,
                        ) -> tuple[LetterModel, dict[str, list[str]]]:
    """A letter model on every word, and for each training word the features of a model that never saw it."""
    words = sorted(w for w in classes if len(w) >= 2 and w.isalpha())
    full = LetterModel.fit([(w, classes[w]) for w in words] + extra)
    oof: dict[str, list[str]] = {}
    for f in range(folds):
        held = set(words[f::folds])
        model = LetterModel.fit([(w, classes[w]) for w in words if w not in held] + extra)
        for w in held:
            oof[w] = model.features(w)
    return full, oof
