"""Numbers: reads the normalised view and DATE mentions, adds NUMBER mentions (value, min, max).

One regex, built at import from `rasid/data/number_words.tsv`, finds digits (`1,200`,
`1.5 ألف`), number words (`خمسة وعشرون`, `ثلاثة آلاف`), approximate plurals (`عشرات`,
`مئات الآلاف`), ranges (`بين 10 و15`, `من 10 إلى 15`, `10-15`) and their modifiers
(`أكثر من`, `نحو`, `على الأقل`). The value follows ACLED's conservative reading:
`أكثر من 900` → 900 (min 900, max open), `عشرات` → 10, `بين 10 و15` → 10 (max 15).
"""
from __future__ import annotations

import bisect

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.model import Document, Mention
from rasid.stages.normalize import normalize_for_matching

SPACE = r"[^\S\n]+"  # blanks inside one line
_SP0 = r"[^\S\n]*"


def load_rows(name: str) -> list[tuple[str, ...]]:
    """Rows of rasid/data/NAME: tab-separated, '#' comments and blank lines skipped."""
    text = resources.files("rasid").joinpath("data", name).read_text(encoding="utf-8")
    return [tuple(c.strip() for c in line.split("\t")) for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def alternation(forms: Iterable[str]) -> str:
    """A regex matching any of the (normalised) `forms`, factored as a trie; a space matches blanks.

    >>> alternation(["شهر", "شهرين"])
    'شهر(?:ين)?'
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in " ".join(form.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    alts = [(SPACE if ch == " " else re.escape(ch)) + _trie_regex(child)
            for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" not in node:
        return body
    return body + "?" if len(body) == 1 else f"(?:{body})?"


@lru_cache(maxsize=1)
def number_lexicon() -> dict[str, dict[str, Any]]:
    """Normalised form → {kind: value} from number_words.tsv (a form may have two kinds)."""
    lex: dict[str, dict[str, Any]] = {}
    for form, kind, value in load_rows("number_words.tsv"):
        v: Any = value if kind in ("modifier", "post_modifier") else int(value)
        lex.setdefault(" ".join(normalize_for_matching(form).split()), {})[kind] = v
    return lex


def _forms(*kinds: str) -> list[str]:
    return [f for f, k in number_lexicon().items() if any(x in k for x in kinds)]


_END = r"(?!\w)"
_WORD = "(?:" + alternation(_forms("cardinal", "hundred", "scale")) + ")ا?" + _END
_SCALE = "(?:" + alternation(_forms("hundred", "scale")) + ")ا?" + _END
_APPROX = "(?:" + alternation(_forms("approx")) + ")" + _END + f"(?:{SPACE}(?:ال)?{_SCALE})?"
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![0-9]|[.,:/][0-9])" + f"(?:{_SP0}{_SCALE})?"
_WORDS = f"{_WORD}(?:{SPACE}(?:و{_SP0}{_WORD}|{_SCALE}))*"
WORDS_PATTERN = _WORDS  # a number in words (خمسة وعشرون), for other stages' regexes
NUMBER_PATTERN = f"(?:{_DIGITS}|{_APPROX}|{_WORDS})"  # one quantity, for other stages' regexes
_MOD = "(?:" + alternation(_forms("modifier")) + ")"
_POST = "(?:" + alternation(_forms("post_modifier")) + ")" + _END

# what a quantity can begin with, checked first so that the scan skips other words quickly
_FIRST_WORDS = _forms("cardinal", "hundred", "scale", "approx", "modifier") + ["بين", "ما بين"]
_FIRST = rf"(?:[0-9]|(?:{alternation(_FIRST_WORDS)})ا?{_END}|من{SPACE}(?:[0-9]|{_WORD}))"
_NUMBER_RE = re.compile(
    rf"(?<![\w/:.-])(?=[وف]?[بل]?{_FIRST})(?P<cl>[وف]?[بل]?)(?:(?P<mod>{_MOD}){SPACE})?"
    rf"(?:(?:ما{SPACE})?بين{SPACE}(?P<a1>{NUMBER_PATTERN}){SPACE}و{_SP0}(?P<a2>{NUMBER_PATTERN})"
    rf"|من{SPACE}(?P<b1>{NUMBER_PATTERN}){SPACE}(?:الي|حتي|لغايه){SPACE}(?P<b2>{NUMBER_PATTERN})"
    rf"|(?P<c1>{_DIGITS})(?:{_SP0}[-–]{_SP0}|{SPACE}(?:الي|او){SPACE})(?P<c2>{_DIGITS})"
    rf"|(?P<n>{NUMBER_PATTERN}))"
    rf"(?:{SPACE}(?P<post>{_POST}))?"
    rf"(?P<pct>{_SP0}[%٪]|{SPACE}(?:في{SPACE}|ب)ال(?:ميه|مايه){_END})?"
)
_POST_AFTER_NOUN = re.compile(rf"(?:{SPACE}[^\W\d]+){{1,2}}{SPACE}(?P<post>{_POST})")  # 18 مدنيا على الأقل
_UNIT_RE = re.compile(f"(?:(?<=و)|(?<!\\w))(?:{alternation(_forms('cardinal', 'hundred', 'scale', 'approx'))})ا?{_END}")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity: `value` is ACLED's conservative figure; None bounds are open."""

    value: int | float | None
    min: int | float | None
    max: int | float | None
    approx: bool = False
    modifier: str | None = None
    percent: bool = False

    def to_attrs(self) -> dict[str, Any]:
        d = {"value": self.value, "min": self.min, "max": self.max, "approx": self.approx,
             "modifier": self.modifier}
        if self.percent:
            d["unit"] = "percent"
        return d


def _int_if_whole(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


_DIGIT_RUN = re.compile(r"[0-9.,]+")
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


def _parse_digits(s: str) -> int | float:
    m = _DIGIT_RUN.match(s)
    digits = m.group()
    rest = s[m.end():].strip()
    if _THOUSANDS_DOT.fullmatch(digits) and not rest:
        digits = digits.replace(".", "")  # 1.200 written with a thousands dot
    value = float(digits.replace(",", ""))
    if rest:
        value *= _scale_of(rest)
    return _int_if_whole(value)


def _trailing_scale(text: str) -> int:
    words = normalize_for_matching(text).split()
    return _scale_of(words[-1]) if len(words) > 1 else 1


def _scale_of(word: str) -> int:
    lex = number_lexicon()
    entry = lex.get(word) or lex.get(word[:-1]) or {}  # ألف, ألفاً
    return entry.get("hundred") or entry.get("scale") or 1


def parse_number_words(text: str) -> tuple[int | float, bool] | None:
    """The value of a number in words (or digits) and whether it is an approximate plural.

    >>> parse_number_words("ثلاثة آلاف وخمسمئة")
    (3500, False)
    >>> parse_number_words("عشرات الآلاف")
    (10000, True)
    """
    return _value_of(normalize_for_matching(text))


@lru_cache(maxsize=4096)
def _value_of(view_text: str) -> tuple[int | float, bool] | None:
    """parse_number_words of an already normalised string (the same few figures recur: remembered)."""
    s = " ".join(view_text.split())
    if not s:
        return None
    if s[0].isdigit():
        return _parse_digits(s), False
    lex = number_lexicon()
    total, current, approx, seen = 0, 0, False, False
    for m in _UNIT_RE.finditer(s):
        form = " ".join(m.group().split())
        entry = lex.get(form) or lex.get(form[:-1]) or {}
        if seen and not entry.keys() & {"hundred", "scale", "cardinal"}:
            entry = lex.get(form.removeprefix("ال"), entry)  # عشرات الآلاف
        if not seen and "approx" in entry:
            current, approx = entry["approx"], True
        elif "hundred" in entry:
            current = (current or 1) * entry["hundred"]
        elif "scale" in entry:
            total += (current or 1) * entry["scale"]
            current = 0
        elif "cardinal" in entry:
            current += entry["cardinal"]
        else:
            continue
        seen = True
    return (total + current, approx) if seen else None


def _quantity(m: re.Match) -> Quantity | None:
    lex = number_lexicon()
    modifier = None
    if m.group("mod"):
        modifier = lex[" ".join(m.group("mod").split())]["modifier"]
    post = m.group("post")
    if post:
        modifier = modifier or lex[" ".join(post.split())]["post_modifier"]
    percent = m.group("pct") is not None
    low_text = m.group("a1") or m.group("b1") or m.group("c1")
    if low_text:
        high_text = m.group("a2") or m.group("b2") or m.group("c2")
        lo, hi = _value_of(low_text), _value_of(high_text)
        if not lo or not hi:
            return None
        low = lo[0]
        scale = _trailing_scale(high_text)
        if scale > 1 and _trailing_scale(low_text) == 1 and low * scale <= hi[0]:
            low *= scale  # بين 270 و330 ألف: the scale counts for both
        if hi[0] <= low:
            return None
        return with_modifier(Quantity(low, low, hi[0], lo[1] or hi[1], "range", percent), modifier)
    parsed = _value_of(m.group("n"))
    if parsed is None:
        return None
    value, approx = parsed
    return with_modifier(Quantity(value, value, None if approx else value, approx, None, percent), modifier)


def with_modifier(q: Quantity, modifier: str | None) -> Quantity:
    """Apply `more_than`, `at_least`, `about`, `less_than` or `up_to` to a quantity."""
    value, low, high, approx = q.value, q.min, q.max, q.approx
    if modifier in ("more_than", "at_least"):
        high = None
    elif modifier == "about":
        approx = True
    elif modifier == "less_than":
        value, low, high = None, None, value
    elif modifier == "up_to":
        low, high = None, high or value
    else:
        return q
    return Quantity(value, low, high, approx, modifier, q.percent)


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole phrase states, or None.

    >>> parse_quantity("أكثر من 900").to_attrs()
    {'value': 900, 'min': 900, 'max': None, 'approx': False, 'modifier': 'more_than'}
    """
    s = " ".join(normalize_for_matching(text).split())
    m = _NUMBER_RE.fullmatch(s)
    return _quantity(m) if m else None


def find_numbers(doc: Document) -> list[Mention]:
    """NUMBER mentions of a tokenised document, leaving out spans inside its DATE mentions."""
    view = doc.norm.text
    dates = sorted((d.start, d.end) for d in doc.mentions if d.type == "DATE")
    date_starts = [s for s, _ in dates]
    widest = max((e - s for s, e in dates), default=0)
    first_id = sum(1 for x in doc.mentions if x.type == "NUMBER") + 1
    out: list[Mention] = []
    for m in _NUMBER_RE.finditer(view):
        q = _quantity(m)
        if q is None:
            continue
        vs = m.end("cl")
        start, end = doc.norm.span_to_original(vs, m.end())
        # the dates that begin before this number ends and could still reach into it
        near = dates[bisect.bisect_left(date_starts, start - widest):bisect.bisect_left(date_starts, end)]
        if any(start < e for _, e in near) or doc.text.startswith(("أحد", "إحد"), start + 1):
            continue  # وأحد (and one of) normalises like واحد (one)
        after = None if q.modifier else _POST_AFTER_NOUN.match(view, m.end())
        if after:
            q = with_modifier(q, number_lexicon()[" ".join(after["post"].split())]["post_modifier"])
        out.append(Mention(f"n{first_id + len(out)}", "NUMBER", doc.text[start:end], start, end,
                           source="rule", attrs=q.to_attrs()))
    return out


def stage(doc: Document) -> Document:
    """Add NUMBER mentions: `قتل أكثر من 900 مدني` → أكثر من 900 (value 900, min 900)."""
    if doc.norm is None:
        return doc
    return replace(doc, mentions=doc.mentions + tuple(find_numbers(doc)))
