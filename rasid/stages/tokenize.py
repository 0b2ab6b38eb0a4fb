"""Sentence splitting and tokenisation: reads the normalised view, adds sentences and tokens.

Tokens are found on the normalised view (so diacritics and tatweel never split a word) and
mapped back to original offsets. Attached clitics (و ف ب ل ك ال لل) are split off for
matching in `Token.prefix`/`Token.stem`; the token's span stays the whole original word.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache, partial
from itertools import accumulate
from operator import add

from rasid.model import Document, Sentence, Token
from rasid.stages.normalize import _INVISIBLE, NormalizedText

_TOKEN = re.compile(r"[^\W_]+(?:[.,][0-9]+)*|[^\w\s]", re.UNICODE)
# the same tokens, captured by re.split: the pieces alternate gap, token, gap, ..., gap
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# a sentence ends at . ! ? ؟ (not inside a number) or a line break; opening with a character
# class lets the regex engine skip ahead to those characters instead of trying every position
# (the lookbehinds then say which it was: `(?<![0-9])[.!?؟]+(?![0-9])|\n+`)
_SENT_END = re.compile(r"[.!?؟\n](?:(?<=[.!?؟])(?<![0-9][.!?؟])[.!?؟]*(?![0-9])|(?<=\n)\n*)")

# Token(*fields) without the Python-level __new__ of a NamedTuple: a document has hundreds
_new_token = partial(tuple.__new__, Token)

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
# how a word that `default_split` splits begins (a conjunction, ال, or a preposition before ال):
# it leaves any other word whole, so those skip its cache
_SPLIT_STARTS = _CONJ + ("ال", "بال", "كال", "لال", "لل")


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
    original = norm.original
    pieces = _TOKEN_SPLIT.split(norm.text)
    if len(pieces) == 1:
        return (), ()
    # view offsets from the pieces' lengths: token k runs from bounds[2k + 1] to bounds[2k + 2]
    bounds = list(accumulate(map(len, pieces), initial=0))
    words = pieces[1::2]
    view_starts = bounds[1:-1:2]
    view_ends = bounds[2::2]
    prefixes, stems = zip(*[default_split(w) if w.startswith(_SPLIT_STARTS) else ("", w) for w in words])
    sentences, sentence_of = _sentences(norm, view_starts)
    # built column by column (the same fields as one Token per word, without a Python loop)
    view_stem_starts = map(add, view_starts, map(len, prefixes))
    if norm.runs:
        table = _OffsetTable(norm)
        starts = list(map(table.starts.__getitem__, view_starts))
        ends = list(map(table.ends.__getitem__, view_ends))
        stem_starts = map(table.starts.__getitem__, view_stem_starts)
    else:  # nothing deleted: view and original offsets agree
        starts, ends, stem_starts = view_starts, view_ends, view_stem_starts
    texts = map(original.__getitem__, map(slice, starts, ends))
    tokens = map(_new_token, zip(starts, ends, texts, words, prefixes, stems, stem_starts, sentence_of))
    return tuple(tokens), sentences


class _OffsetTable:
    """Original offsets of every view offset, as token starts and as token ends (built once per document).

    An end leaves out invisible controls deleted right after the token; diacritics and tatweel
    after it stay inside (`NormalizedText.span_to_original`).
    """

    __slots__ = ("starts", "ends")

    def __init__(self, norm: NormalizedText):
        runs = norm.runs
        n = len(norm.text)
        starts: list[int] = []
        for k, (view_start, orig_start) in enumerate(runs):
            view_end = runs[k + 1][0] if k + 1 < len(runs) else n
            starts.extend(range(orig_start, orig_start + view_end - view_start))
        starts.append(norm.to_original(n))
        ends = starts.copy()
        original = norm.original
        for view_start, _ in runs:  # only where a run begins can characters have been deleted before
            if view_start == 0:
                continue
            last, e = starts[view_start - 1] + 1, starts[view_start]
            while e > last and original[e - 1] in _INVISIBLE:
                e -= 1
            ends[view_start] = e
        self.starts = starts
        self.ends = ends


def _sentences(norm: NormalizedText, view_starts: list[int]) -> tuple[tuple[Sentence, ...], list[int]]:
    """The sentences over tokens starting at `view_starts`, and each token's sentence index."""
    view = norm.text
    n = len(view_starts)
    sentences: list[Sentence] = []
    sentence_of: list[int] = []
    first = start = 0
    for m in _SENT_END.finditer(view):
        bound = m.end()
        cut = bisect.bisect_left(view_starts, bound, first)  # tokens before the bound
        if cut == n:  # only space follows: the last sentence runs to the end of the text
            break
        if cut > first:
            sentence_of += [len(sentences)] * (cut - first)
            sentences.append(_sentence(norm, start, bound, first, cut))
            first = cut
        start = bound
    sentence_of += [len(sentences)] * (n - first)
    sentences.append(_sentence(norm, start, len(view), first, n))
    return tuple(sentences), sentence_of


def _sentence(norm: NormalizedText, vs: int, ve: int, first: int, last: int) -> Sentence:
    view = norm.text
    while vs < ve and view[vs].isspace():
        vs += 1
    while ve > vs and view[ve - 1].isspace():
        ve -= 1
    s, e = norm.span_to_original(vs, ve)
    return Sentence(s, e, first, last)


def tokenize_stage(doc: Document) -> Document:
    tokens, sentences = tokenize(doc.norm)
    return replace(doc, tokens=tokens, sentences=sentences)
