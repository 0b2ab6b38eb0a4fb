"""Normalisation for matching: reads the original text, adds a normalised view and its offset map.

The normalised view folds the spelling variation of Arabic news (أ/إ/آ/ٱ → ا, ى → ي,
ة → ه, ؤ → و, ئ → ي, Arabic-Indic and Persian digits → 0-9, typographic quotes → ",
NBSP and odd spaces → space) and drops what carries no meaning for matching (diacritics,
tatweel, bidi controls, zero-width characters). Every change either keeps one character for
one character or deletes characters, so the map back to the original is a list of runs.
This is the only module that does offset arithmetic; everything else calls `to_original`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# one character for one character
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
    "٫": ".", "٬": ",", "،": "،",
    "_": " ", "#": " ",  # hashtags: "#مجلس_الأمن" reads as "مجلس الأمن"
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic ٠-٩
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian ۰-۹
# Arabic presentation forms of single letters (isolated/final/initial/medial) fold to the base letter
_PRESENTATION = {
    0xFE80: "ء", 0xFE81: "ا", 0xFE83: "ا", 0xFE85: "و", 0xFE87: "ا", 0xFE89: "ي", 0xFE8D: "ا",
    0xFE8F: "ب", 0xFE93: "ه", 0xFE95: "ت", 0xFE99: "ث", 0xFE9D: "ج", 0xFEA1: "ح", 0xFEA5: "خ",
    0xFEA9: "د", 0xFEAB: "ذ", 0xFEAD: "ر", 0xFEAF: "ز", 0xFEB1: "س", 0xFEB5: "ش", 0xFEB9: "ص",
    0xFEBD: "ض", 0xFEC1: "ط", 0xFEC5: "ظ", 0xFEC9: "ع", 0xFECD: "غ", 0xFED1: "ف", 0xFED5: "ق",
    0xFED9: "ك", 0xFEDD: "ل", 0xFEE1: "م", 0xFEE5: "ن", 0xFEE9: "ه", 0xFEED: "و", 0xFEEF: "ي",
    0xFEF1: "ي",
}
for _base, _letter in _PRESENTATION.items():
    _count = 2 if _base in (0xFE80, 0xFE81, 0xFE83, 0xFE85, 0xFE87, 0xFE8D, 0xFE93, 0xFEA9, 0xFEAB,
                            0xFEAD, 0xFEAF, 0xFEED, 0xFEEF) else 4
    for _k in range(_count):
        _FOLD[chr(_base + _k)] = _letter
# Folding replaces each foldable character the text holds, one str.replace each: the same as
# str.translate (no folded character is folded again) and several times faster on Arabic text
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLD)) + "]")

# characters dropped from the view: harakat and Quranic marks, superscript alef, tatweel,
# bidi controls, zero-width characters, soft hyphen, BOM
_DROP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
    "\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]+"
)
_INVISIBLE = frozenset("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\u00ad\ufeff")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of `original` with the runs that map it back.

    `runs` holds (view_start, original_start) for each stretch copied without a deletion.
    """

    original: str
    text: str
    runs: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()

    def to_original(self, i: int) -> int:
        """Map a view offset (0..len(text)) to an original offset."""
        if not self.runs:
            return i
        k = bisect.bisect_right(self.starts, i) - 1
        view_start, orig_start = self.runs[k]
        return orig_start + (i - view_start)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the original span of its characters and their trailing marks.

        Diacritics and tatweel after the last character belong to the span; invisible
        controls (bidi marks, zero-width characters) after it do not.
        """
        if start >= end:
            o = self.to_original(start)
            return o, o
        if not self.runs:  # nothing deleted: the offsets agree
            return start, end
        view_start, orig_start = self.runs[bisect.bisect_right(self.starts, end) - 1]
        e = orig_start + (end - view_start)
        if view_start < end:  # the last character is in the same run as `end`: nothing deleted after it
            return self.to_original(start), e
        last = self.to_original(end - 1) + 1
        while e > last and self.original[e - 1] in _INVISIBLE:
            e -= 1
        return self.to_original(start), e


def _fold(s: str) -> str:
    """`s` with every character of `_FOLD` replaced, one character for one."""
    for c in set(_FOLDABLE.findall(s)):
        s = s.replace(c, _FOLD[c])
    return s


def normalize_for_matching(s: str) -> str:
    """The normalised view of a string, without an offset map (for lexicon entries)."""
    return _DROP.sub("", _fold(s))


def normalize(original: str) -> NormalizedText:
    """Normalise `original` for matching, keeping a map back to its offsets.

    >>> normalize("قُتِلَ ٣ مدنيين").text
    'قتل 3 مدنيين'
    """
    folded = _fold(original)
    if _DROP.search(folded) is None:
        return NormalizedText(original, folded, ())
    pieces: list[str] = []
    runs: list[tuple[int, int]] = []
    view_pos = 0
    orig_pos = 0
    for m in _DROP.finditer(folded):
        if m.start() > orig_pos:
            runs.append((view_pos, orig_pos))
            pieces.append(folded[orig_pos:m.start()])
            view_pos += m.start() - orig_pos
        orig_pos = m.end()
    runs.append((view_pos, orig_pos))  # the tail, possibly empty: maps the end offset
    pieces.append(folded[orig_pos:])
    return NormalizedText(original, "".join(pieces), tuple(runs), tuple(r[0] for r in runs))
