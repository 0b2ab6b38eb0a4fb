"""Sentence splitting and tokenisation: reads the normalised view, adds sentences and tokens.

Tokens are found on the normalised view (so diacritics and tatweel never split a word) and
mapped back to original offsets. Attached clitics (و ف ب ل ك ال لل) are split off for
matching in `Token.prefix`/`Token.stem`; the token's span stays the whole original word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rasid.model import Document, Sentence, Token
from rasid.stages.normalize import _INVISIBLE, NormalizedText

_TOKEN = re.compile(r"[^\W_]+(?:[.,][0-9]+)*|[^\w\s]", re.UNICODE)
# a sentence ends at . ! ? ؟ (not inside a number) or a line break
_SENT_END = re.compile(r"(?<![0-9])[.!?؟]+(?![0-9])|\n+")

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=65536)
def clitic_splits(word: str) -> tuple[tuple[str, str], ...]:
    """Every reading of a normalised word as clitics + stem, the longest clitic chain first.

    >>> clitic_splits("وبالغوطه")[0]
    ('وبال', 'غوطه')
    """
    out: list[tuple[str, str]] = []
    conj_opts = [""] + [c for c in _CONJ if word.startswith(c)]
    for c in conj_opts:
        rest = word[len(c):]
        prep_opts = [""] + [p for p in _PREP if rest.startswith(p)]
        for p in prep_opts:
            rest2 = rest[len(p):]
            if rest2.startswith("ال") and len(rest2) > 3:
                out.append((c + p + "ال", rest2[2:]))
            if p == "ل" and rest2.startswith("ل") and len(rest2) > 2:  # لل = ل + ال
                out.append((c + "لل", rest2[1:]))
            if len(rest2) >= 2:
                out.append((c + p, rest2))
    uniq = sorted(set(out), key=lambda x: -len(x[0]))
    return tuple(uniq) if uniq else (("", word),)


@lru_cache(maxsize=65536)
def default_split(word: str) -> tuple[str, str]:
    """The conservative reading: strip و/ف, a preposition and ال only where a real stem remains."""
    if not word[:1].isalpha():
        return "", word
    prefix, stem = "", word
    if stem[:1] == "و" and len(stem) >= 4 or stem[:1] == "ف" and len(stem) >= 5:  # فادي، فندي are names
        prefix, stem = stem[0], stem[1:]
    if stem.startswith("لل") and len(stem) >= 5:
        return prefix + "لل", stem[2:]
    if stem[:1] in _PREP and stem[1:3] == "ال" and len(stem) >= 5:
        prefix, stem = prefix + stem[0], stem[1:]
    if stem.startswith("ال") and len(stem) >= 4:
        prefix, stem = prefix + "ال", stem[2:]
    return prefix, stem


def tokenize(norm: NormalizedText) -> tuple[tuple[Token, ...], tuple[Sentence, ...]]:
    """Tokens and sentences of a normalised text, with original offsets."""
    view = norm.text
    original = norm.original
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    sent_start = 0
    sent_first = 0
    sent_bounds = [m.end() for m in _SENT_END.finditer(view)]
    bi = 0
    n_bounds = len(sent_bounds)
    to_orig = _RunWalker(norm) if norm.runs else None  # None: nothing deleted, offsets agree
    for m in _TOKEN.finditer(view):
        vs, ve = m.span()
        while bi < n_bounds and sent_bounds[bi] <= vs:
            if len(tokens) > sent_first:
                sentences.append(_sentence(norm, sent_start, sent_bounds[bi], sent_first, len(tokens)))
            sent_start = sent_bounds[bi]
            sent_first = len(tokens)
            bi += 1
        word = m.group()
        prefix, stem = default_split(word)
        if to_orig is None:
            s, e, stem_start = vs, ve, vs + len(prefix)
        else:
            s, e = to_orig.span(vs, ve)
            stem_start = to_orig.at(vs + len(prefix)) if prefix else s
        tokens.append(Token(s, e, original[s:e], word, prefix, stem, stem_start, len(sentences)))
    if len(tokens) > sent_first:
        sentences.append(_sentence(norm, sent_start, len(view), sent_first, len(tokens)))
    return tuple(tokens), tuple(sentences)


class _RunWalker:
    """Maps view offsets to original ones through one offset table built per document."""

    __slots__ = ("original", "offsets")

    def __init__(self, norm: NormalizedText):
        self.original = norm.original
        runs = norm.runs
        n = len(norm.text)
        offsets: list[int] = []
        for k, (view_start, orig_start) in enumerate(runs):
            view_end = runs[k + 1][0] if k + 1 < len(runs) else n
            offsets.extend(range(orig_start, orig_start + view_end - view_start))
        offsets.append(norm.to_original(n))
        self.offsets = offsets

    def at(self, i: int) -> int:
        return self.offsets[i]

    def span(self, vs: int, ve: int) -> tuple[int, int]:
        offsets = self.offsets
        s, last, e = offsets[vs], offsets[ve - 1] + 1, offsets[ve]
        original = self.original
        while e > last and original[e - 1] in _INVISIBLE:
            e -= 1
        return s, e


def _sentence(norm: NormalizedText, vs: int, ve: int, first: int, last: int) -> Sentence:
    view = norm.text
    while vs < ve and view[vs].isspace():
        vs += 1
    while ve > vs and view[ve - 1].isspace():
        ve -= 1
    s, e = norm.span_to_original(vs, ve)
    return Sentence(s, e, first, last)


def tokenize_stage(doc: Document) -> Document:
    from dataclasses import replace

    tokens, sentences = tokenize(doc.norm)
    return replace(doc, tokens=tokens, sentences=sentences)
