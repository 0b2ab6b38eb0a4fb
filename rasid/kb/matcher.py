"""One Aho-Corasick automaton over normalised names, with clitic-aware word boundaries.

A hit counts only where it starts a word or follows that word's attached clitics
(و ف ب ل ك and لل for names that begin with ال) and ends a word. Longest match wins.

    >>> m = NameMatcher([("فيلق الرحمن", "syr.faylaq")])
    >>> [(h.start, h.end, h.value) for h in m.find("وقال لفيلق الرحمن")]
    [(6, 17, 'syr.faylaq')]
"""
from __future__ import annotations

import re
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
            self._add(key, (key, value, False))
            # "للنظام" is ل + النظام with the alef dropped: match the bare stem after لل
            if key.startswith("ال") and len(key) > 4:
                self._add(key[2:], (key, value, True))
            count += 1
        self.size = count
        if count:
            self._auto.make_automaton()

    def _add(self, key: str, payload: tuple) -> None:
        existing = self._auto.get(key, None)
        if existing is None:
            self._auto.add_word(key, [payload])
        elif payload not in existing:
            existing.append(payload)

    def find(self, view: str) -> list[Hit]:
        """Non-overlapping hits, longest first, in text order."""
        if not self.size:
            return []
        raw: list[tuple[int, int, int, Hit]] = []  # (-length, start, order found, hit): longest, leftmost first
        n = len(view)
        allowed, longest = self._clitics, self._longest_clitics
        for end_idx, payloads in self._auto.iter(view):
            end = end_idx + 1
            if end < n and view[end].isalnum():
                continue
            for key, value, needs_lam in payloads:
                start = end - (len(key) - 2 if needs_lam else len(key))
                ws = start  # back to the start of the word, through no more letters than a clitic chain has
                floor = max(0, start - longest)
                while ws > floor and view[ws - 1].isalnum():
                    ws -= 1
                if ws > 0 and view[ws - 1].isalnum():
                    continue  # the name ends a longer word
                clitics = view[ws:start]
                if needs_lam:
                    if clitics not in _LAM_LAM:
                        continue
                elif clitics not in allowed or clitics in _LAM_LAM:
                    continue
                raw.append((start - end, start, len(raw), Hit(start, end, key, value, clitics)))
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
