"""One Aho-Corasick automaton over normalised names, with clitic-aware word boundaries.

A hit counts only where it starts a word or follows that word's attached clitics
(و ف ب ل ك and لل for names that begin with ال) and ends a word. Longest match wins.

    >>> m = NameMatcher([("فيلق الرحمن", "syr.faylaq")])
    >>> [(h.start, h.end, h.value) for h in m.find("وقال لفيلق الرحمن")]
    [(6, 17, 'syr.faylaq')]
"""
from __future__ import annotations

import re
from functools import partial
from operator import attrgetter
from typing import Any, Iterable, NamedTuple

import ahocorasick

from rasid.stages.normalize import normalize_for_matching

_SPACES = re.compile(r"\s+")
# clitic chains that may precede a name inside its word
_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "ولل", "فلل", "لل"})
_LAM_LAM = frozenset({"لل", "ولل", "فلل"})


def name_key(s: str) -> str:
    """The matching key of a name: normalised, single spaces, no quote marks."""
    return _SPACES.sub(" ", normalize_for_matching(s).replace('"', " ").replace("'", " ")).strip()


class Hit(NamedTuple):
    """A match in the normalised view: [start, end) of the name itself, without clitics (a
    NamedTuple: every matcher builds one per candidate on the hot path)."""

    start: int
    end: int
    key: str
    value: Any
    clitics: str


# Hit(*fields) without the Python-level __new__ of a NamedTuple (as tokenize builds its Tokens)
_new_hit = partial(tuple.__new__, Hit)


class NameMatcher:
    """Finds names (keys) in normalised text; each key maps to one value (use a list for many)."""

    def __init__(self, entries: Iterable[tuple[str, Any]], clitics: frozenset[str] = _CLITICS):
        self._clitics = clitics
        self._longest_clitics = max(map(len, clitics | _LAM_LAM))
        self._auto = ahocorasick.Automaton()
        count = 0
        for name, value in entries:
            key = name_key(name)
            if len(key) < 2:
                continue
            self._add(key, (0, key, value, False, len(key)))
            # "للنظام" is ل + النظام with the alef dropped: match the bare stem after لل
            if key.startswith("ال") and len(key) > 4:
                self._add(key[2:], (0, key, value, True, len(key) - 2))
            count += 1
        self.size = count
        if count:
            self._auto.make_automaton()

    def _add(self, key: str, payload: tuple) -> None:
        """Add (slot, key, value, needs_lam, length matched in the text) under the form `key` matches
        (the slot is 0: it numbers the matchers of a MatcherSet)."""
        existing = self._auto.get(key, None)
        if existing is None:
            self._auto.add_word(key, [payload])
        elif payload not in existing:
            existing.append(payload)

    def find(self, view: str) -> list[Hit]:
        """Non-overlapping hits, longest first, in text order."""
        if not self.size:
            return []
        rules = [(self._clitics, self._longest_clitics)]
        return _choose(_candidates(view, self._auto.iter(view), rules)[0], len(view))


class MatcherSet:
    """Several NameMatchers searched in one pass of one automaton over their keys together; each
    matcher keeps its own hits, as its `find` gives them (one pass costs about what the largest
    matcher's pass costs alone).

    >>> a, b = NameMatcher([("دوما", "douma")]), NameMatcher([("النظام", "regime")])
    >>> [[h.value for h in hits] for hits in MatcherSet([a, b]).find("قصف النظام دوما")]
    [['douma'], ['regime']]
    """

    def __init__(self, matchers: Iterable[NameMatcher]):
        self.matchers = tuple(matchers)
        self._rules = [(m._clitics, m._longest_clitics) for m in self.matchers]
        self._auto = ahocorasick.Automaton()
        for slot, matcher in enumerate(self.matchers):
            for key, payloads in matcher._auto.items():
                mine = [(slot,) + p[1:] for p in payloads]
                existing = self._auto.get(key, None)
                if existing is None:
                    self._auto.add_word(key, mine)
                else:
                    existing.extend(mine)
        if len(self._auto):
            self._auto.make_automaton()

    def find(self, view: str) -> list[list[Hit]]:
        """`matcher.find(view)` of each matcher, in order."""
        if not len(self._auto):
            return [[] for _ in self.matchers]
        return [_choose(raw, len(view)) for raw in _candidates(view, self._auto.iter(view), self._rules)]


def _candidates(view: str, found: Iterable[tuple[int, list[tuple]]], rules: list[tuple[frozenset[str], int]]
                ) -> list[list[tuple[int, int, int, Hit]]]:
    """Per matcher slot, the hits among `found` (end index, payloads) that end a word and start one
    or follow its allowed clitics (`rules`: each slot's clitic chains and longest chain), as
    (-length, start, order found, hit)."""
    raws: list[list[tuple[int, int, int, Hit]]] = [[] for _ in rules]
    n = len(view)
    for end_idx, payloads in found:
        end = end_idx + 1
        if end < n and view[end].isalnum():
            continue
        for slot, key, value, needs_lam, length in payloads:
            start = end - length
            allowed, longest = rules[slot]
            if start and view[start - 1].isalnum():
                ws = start - 1  # back to the start of the word, through no more letters than a clitic chain has
                floor = start - longest if start > longest else 0
                while ws > floor and view[ws - 1].isalnum():
                    ws -= 1
                if ws > 0 and view[ws - 1].isalnum():
                    continue  # the name ends a longer word
                clitics = view[ws:start]
            else:  # the name starts a word
                clitics = ""
            if needs_lam:
                if clitics not in _LAM_LAM:
                    continue
            elif clitics not in allowed or clitics in _LAM_LAM:
                continue
            raw = raws[slot]
            raw.append((start - end, start, len(raw), _new_hit((start, end, key, value, clitics))))
    return raws


def _choose(raw: list[tuple[int, int, int, Hit]], n: int) -> list[Hit]:
    """Non-overlapping hits of a text of length n, longest first, in text order."""
    raw.sort()
    chosen: list[Hit] = []
    taken = bytearray(n)
    for _, start, _, h in raw:
        end = h.end
        if 1 not in taken[start:end]:
            chosen.append(h)
            taken[start:end] = b"\x01" * (end - start)
    chosen.sort(key=attrgetter("start"))
    return chosen
