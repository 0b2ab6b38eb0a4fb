"""One Aho-Corasick automaton over normalised names, with clitic-aware word boundaries.

A hit counts only where it starts a word or follows that word's attached clitics
(و ف ب ل ك and لل for names that begin with ال) and ends a word. Longest match wins.

    >>> m = NameMatcher([("فيلق الرحمن", "syr.faylaq")])
    >>> [(h.start, h.end, h.value) for h in m.find("وقال لفيلق الرحمن")]
    [(6, 17, 'syr.faylaq')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick

from rasid.stages.normalize import normalize_for_matching

_SPACES = re.compile(r"\s+")
# clitic chains that may precede a name inside its word
_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "ولل", "فلل", "لل"})
_LAM_LAM = frozenset({"لل", "ولل", "فلل"})


def name_key(s: str) -> str:
    """The matching key of a name: normalised, single spaces, no quote marks."""
    return _SPACES.sub(" ", normalize_for_matching(s).replace('"', " ").replace("'", " ")).strip()


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in the normalised view: [start, end) of the name itself, without clitics."""

    start: int
    end: int
    key: str
    value: Any
    clitics: str


class NameMatcher:
    """Finds names (keys) in normalised text; each key maps to one value (use a list for many)."""

    def __init__(self, entries: Iterable[tuple[str, Any]], clitics: frozenset[str] = _CLITICS):
        self._clitics = clitics
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
        raw: list[Hit] = []
        n = len(view)
        for end_idx, payloads in self._auto.iter(view):
            end = end_idx + 1
            if end < n and view[end].isalnum():
                continue
            for key, value, needs_lam in payloads:
                matched_len = len(key) - 2 if needs_lam else len(key)
                start = end - matched_len
                ws = start
                while ws > 0 and view[ws - 1].isalnum():
                    ws -= 1
                clitics = view[ws:start]
                if needs_lam:
                    if clitics not in _LAM_LAM:
                        continue
                elif clitics not in self._clitics or clitics in _LAM_LAM:
                    continue
                raw.append(Hit(start, end, key, value, clitics))
        chosen: list[Hit] = []
        taken = bytearray(n)
        for h in sorted(raw, key=lambda h: (-(h.end - h.start), h.start)):
            if 1 not in taken[h.start:h.end]:
                chosen.append(h)
                taken[h.start:h.end] = b"\x01" * (h.end - h.start)
        chosen.sort(key=lambda h: h.start)
        return chosen
