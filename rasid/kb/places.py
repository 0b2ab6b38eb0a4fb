"""Finding PLACE mentions: gazetteer names in one Aho-Corasick pass, cue patterns, region phrases.

A gazetteer hit must start at a token start or right after the token's clitics (و ف ب ل ك
ال لل) and end at a token end; the longest hit wins. Names that are ordinary words
(`الباب`, `الثورة`) and small villages need evidence before them: a cue word (`بلدة`, `محور`,
`في`), a list they belong to (`حمورية وسقبا`), or fame (a governorate or district centre, a
town GeoNames or the curated list knows). Unknown small places are found after strong cues
(`قرية X`, `مستشفى X`), and region phrases are one mention: `ريف حلب الجنوبي`, `جنوبي إدلب`.

Example: in "قصفت الطائرات بلدة مديرا وريف حلب الجنوبي" the mentions are `مديرا` and
`ريف حلب الجنوبي`.
"""
from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from operator import add, attrgetter, sub
from typing import NamedTuple

from rasid.kb.gazetteer import Gazetteer, name_key
from rasid.model import Document, Token
from rasid.stages.tokenize import _TOKEN

STRONG = ("settlement", "facility", "front", "area")
_CONJ = ("و", "ف")
_VALID_PREFIXES = {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")}
_VALID_PREFIXES |= {"لل", "ولل", "فلل"}
# adjectives after a region: ريف حلب الجنوبي, القلمون الشرقي, ريف حماة الشمالي الغربي
DIRECTION_ADJ = {"الشمالي": "north", "الجنوبي": "south", "الشرقي": "east", "الغربي": "west",
                 "الشماليه": "north", "الجنوبيه": "south", "الشرقيه": "east", "الغربيه": "west",
                 "الاوسط": "centre", "الوسطى": "centre"}
_COUNTRYSIDE = {"ريف", "ريفي", "ارياف", "الريف"}


class PlaceHit(NamedTuple):
    """One place mention found in a document (a NamedTuple: built for every candidate name on the
    hot path)."""

    first: int  # first token index
    last: int  # token index after the mention
    start: int  # original offsets of the mention text (clitics excluded)
    end: int
    text: str
    key: str | None  # gazetteer key of the place named (the inner place of a region phrase)
    kind: str  # gazetteer | pattern | region | anaphor
    cue: str | None = None  # settlement facility front area locative direction list known
    relation: str | None = None  # near, countryside, north, south-west, site, ...
    plural_cue: bool = False  # a plural cue (بلدات، قرى) opens a list of names


@lru_cache(maxsize=1)
def cue_words() -> dict[str, tuple[str, str | None]]:
    """{normalised cue word: (class, relation)} from rasid/data/place_cues.tsv."""
    return {k: v[:2] for k, v in _cue_table().items()}


@lru_cache(maxsize=1)
def plural_cues() -> frozenset[str]:
    return frozenset(k for k, v in _cue_table().items() if v[2])


@lru_cache(maxsize=1)
def _cue_table() -> dict[str, tuple[str, str | None, bool]]:
    text = resources.files("rasid").joinpath("data/place_cues.tsv").read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {name_key(r["word"]): (r["class"], r["relation"] or None, r.get("plural") == "yes")
            for r in csv.DictReader(rows, delimiter="\t")}


def _stems(tok: Token) -> tuple[str, ...]:
    """The token and its readings without leading clitics (وبمدينة -> مدينه)."""
    return _word_stems(tok.norm)


_STEM_CLITICS = ("و", "ف", "وب", "فب", "ب", "ول", "ل", "وك", "ك", "وف")


@lru_cache(maxsize=65536)
def _word_stems(w: str) -> tuple[str, ...]:
    out = [w]
    for c in _STEM_CLITICS:
        if w.startswith(c) and len(w) - len(c) >= 2:
            out.append(w[len(c):])
    return tuple(out)


def cue_of(tok: Token | None) -> tuple[str, str | None, str] | None:
    """(class, relation, cue word) when the token is a cue, else None."""
    return None if tok is None else _cue_of_word(tok.norm)


def _cue_of_word(word: str) -> tuple[str, str | None, str] | None:
    return _cue_forms().get(word)


@lru_cache(maxsize=1)
def _cue_forms() -> dict[str, tuple[str, str | None, str]]:
    """Every word that reads as a cue (a cue word, bare or after clitics), with its cue: one small
    table, looked up once per token, instead of trying each reading of each word."""
    forms = {c + s for s in cue_words() for c in ("",) + _STEM_CLITICS}
    return {w: cue for w in forms if (cue := _find_cue(w)) is not None}


def _find_cue(word: str) -> tuple[str, str | None, str] | None:
    """The first reading of `word` (itself, then without clitics) that is a cue word."""
    cues = cue_words()
    for s in _word_stems(word):
        if s in cues:
            return cues[s] + (s,)
    return None


class _Scan:
    """A document's tokens joined by single spaces, with the maps the matcher needs."""

    def __init__(self, doc: Document):
        toks = doc.tokens
        self.toks = toks
        norms = list(map(attrgetter("norm"), toks))
        self.text = " ".join(norms)
        lengths = list(map(len, norms))
        # where each token's form ends in `text`: after the forms up to its own and the spaces between them
        self.ends = list(map(add, accumulate(lengths), range(len(norms))))
        self.starts = list(map(sub, self.ends, lengths))  # where each token's form starts in `text`
        self.cues = list(map(_cue_forms().get, norms))  # cue_of of each token
        self._view_starts: list[int] | None = None
        self.norm = doc.norm

    def orig_offset(self, i: int, k: int) -> int:
        """Original offset of character k of token i's normalised form."""
        tok = self.toks[i]
        if k == 0 or len(tok.text) == len(tok.norm):  # nothing deleted inside the token
            return tok.start + k
        if self._view_starts is None:
            spans = [m.start() for m in _TOKEN.finditer(self.norm.text)]
            self._view_starts = spans if len(spans) == len(self.toks) else []
        if not self._view_starts:
            return tok.stem_start
        return self.norm.to_original(self._view_starts[i] + k)


def _raw_hits(scan: _Scan, gaz: Gazetteer) -> list[tuple[int, int, int, str, bool, bool]]:
    """(first, last, clitic length, key, bare, article_added) for every boundary-respecting hit."""
    out = []
    toks, starts, ends = scan.toks, scan.starts, scan.ends
    cues = cue_words()
    # the automaton's keys end with a space (`Gazetteer._automaton`): every hit ends a token
    for end, (word, key, bare) in gaz.automaton.iter(scan.text + " "):
        if key in cues:
            continue
        s = end - len(word)
        i = bisect.bisect_right(starts, s) - 1
        off = s - starts[i]
        prefix = toks[i].norm[:off]
        if off and prefix not in _VALID_PREFIXES:
            continue
        if bare and not prefix.endswith("ل"):
            continue
        if not bare and prefix.endswith("ل") and "ال" + key in gaz.index:
            bare = True  # للاذقية: the article is folded into لل
        j = bisect.bisect_left(ends, end)  # the token that ends here
        if toks[i].sentence != toks[j].sentence or len(word.replace(" ", "")) < 3:
            continue
        if "\u064b" in toks[j].text:  # دوماً، جديداً: tanween marks an indefinite word, not a name
            continue
        article_added = "ال" in prefix and not key.startswith("ال")
        out.append((i, j + 1, off, key, bare, article_added))
    return out


def find_places(doc: Document, gaz: Gazetteer) -> list[PlaceHit]:
    """Every PLACE mention of the document, in text order."""
    if not doc.tokens:
        return []
    scan = _Scan(doc)
    raw = _raw_hits(scan, gaz)
    taken = [False] * len(doc.tokens)
    chosen: dict[int, PlaceHit] = {}
    for cluster in _clusters(scan, raw):  # left to right, so a list's head is known before its items
        for first, last, off, key, bare, added in cluster:  # longest first
            cue = _evidence(scan, gaz, first, last, off, key, bare, added, chosen)
            if cue is not None:
                chosen[first] = _hit(scan, first, last, off, key, "gazetteer", cue)
                taken[first:last] = [True] * (last - first)
                break
    _drop_incoherent(gaz, chosen, taken)
    from rasid.kb.place_patterns import add_patterns, add_regions

    hits = add_patterns(scan, gaz, sorted(chosen.values(), key=lambda h: h.first), taken)
    return add_regions(scan, gaz, hits)


def _clusters(scan: _Scan, raw: list) -> list[list]:
    """Overlapping hits grouped, groups in text order, each group longest first."""
    def length(h):
        return scan.ends[h[1] - 1] - scan.starts[h[0]] - h[2]

    out: list[list] = []
    end = -1
    for h in sorted(raw, key=lambda h: (h[0], -h[1])):
        if out and h[0] < end:
            out[-1].append(h)
            end = max(end, h[1])
        else:
            out.append([h])
            end = h[1]
    return [sorted(c, key=lambda h: -length(h)) if len(c) > 1 else c for c in out]


def _drop_incoherent(gaz: Gazetteer, chosen: dict[int, PlaceHit], taken: list[bool], km: float = 40.0) -> None:
    """A village found only after في/من stays when it lies near another place of the article."""
    from rasid.kb.geo_merge import approx_km as distance_km

    anchors = [p for h in chosen.values() if h.cue != "weak" for p in gaz.candidates(h.key)[:4]
               if p.lat is not None and p.feature_type not in ("country", "region", "water")]
    votes: dict[str, int] = {}
    for h in chosen.values():
        if h.cue not in ("weak", "known") or max(p.importance for p in gaz.candidates(h.key)) >= 85:
            for c in {p.country for p in gaz.candidates(h.key)}:
                votes[c] = votes.get(c, 0) + 1
    top = max(votes.values(), default=0)
    countries = {c for c, n in votes.items() if n * 2 >= top} if top >= 2 else set()
    for first, h in list(chosen.items()):  # a famous name abroad, uncued, in an article about elsewhere
        cands = gaz.candidates(h.key)
        if h.cue == "known" and countries and not any(c.country in countries or c.importance >= 85 for c in cands):
            del chosen[first]
            taken[h.first:h.last] = [False] * (h.last - h.first)
    for first, h in list(chosen.items()):
        if h.cue != "weak":
            continue
        near = any(distance_km(c.lat, c.lon, a.lat, a.lon) < km for c in gaz.candidates(h.key)
                   if c.lat is not None for a in anchors)
        if not near:
            del chosen[first]
            taken[h.first:h.last] = [False] * (h.last - h.first)


def _hit(scan: _Scan, first: int, last: int, off: int, key: str | None, kind: str,
         cue: tuple[str, str | None], relation: str | None = None, start: int | None = None) -> PlaceHit:
    """A PlaceHit over tokens first..last, leaving out `off` clitic characters of the first token."""
    if start is None:
        start = scan.orig_offset(first, off)
    end = scan.toks[last - 1].end
    text = scan.norm.original[start:end]
    if len(cue) > 2:
        plural = bool(cue[2])  # a list item inherits its list's plural cue
    else:
        plural = first > 0 and cue[0] in STRONG and any(s in plural_cues() for s in _stems(scan.toks[first - 1]))
    return PlaceHit(first, last, start, end, text, key, kind, cue[0], relation or cue[1], plural)


_SKIP_BEFORE = {"#", "(", '"', "'", "«", "-", "–"}
_BORDER = {"الحدود", "الحدودي", "الحدوديه", "حدود", "حدودها", "الحدوديه"}


def previous_word(scan: _Scan, first: int) -> int | None:
    """Index of the word before token `first` in its sentence, skipping `#`, quotes and brackets."""
    toks = scan.toks
    k = first - 1
    while k >= 0 and toks[k].sentence == toks[first].sentence and toks[k].norm in _SKIP_BEFORE:
        k -= 1
    return k if k >= 0 and toks[k].sentence == toks[first].sentence else None


def _evidence(scan: _Scan, gaz: Gazetteer, first: int, last: int, off: int, key: str, bare: bool,
              added: bool, chosen: dict[int, PlaceHit]) -> tuple[str, str | None] | None:
    """(cue class, relation) when the hit has enough evidence to be a place, else None."""
    toks = scan.toks
    k = previous_word(scan, first)
    prev = toks[k] if k is not None else None
    cue = scan.cues[k] if k is not None else None
    if prev is not None and prev.norm == "مع" and k > 0 and toks[k - 1].norm in _BORDER:
        cue = ("locative", None, "مع")  # الحدود مع الأردن
    if cue is not None and cue[2] == "ناحيه" and prev.norm.startswith("ل"):
        cue = None  # لناحية: "as regards", not a sub-district
    own = toks[first].norm[:off]
    if cue is not None and own not in ("", "ال"):
        cue = None  # قاعدة بحرية: a cue governs a bare name, not a word with its own preposition
    strong = cue is not None and cue[0] in STRONG
    weak = cue is not None
    cands = gaz.candidates(key)
    if not cands:
        return None
    importance = cands[0].importance  # candidates come most important first
    if not (added or bare) and " " not in key and not key.startswith("ال") and all(
            name_key(p.name_ar).startswith("ال") for p in cands):
        added = True  # سلمية for السلمية: an alias without the article may be an ordinary word
    is_country = all(p.feature_type == "country" for p in cands)
    listed = _in_list(scan, first, off, chosen)
    common = key in gaz.common
    nxt = toks[last] if last < len(toks) and toks[last].sentence == toks[first].sentence else None
    construct_follows = nxt is not None and nxt.norm.startswith("ال") and nxt.norm not in DIRECTION_ADJ
    if strong and cue[0] == "area" and importance < 50:
        strong = False  # مناطق وقف إطلاق النار: after منطقة a small name needs more
    if strong:
        if common and cue[0] in ("settlement", "front") and not key.startswith("ال") and key.endswith(("ه", "ي")):
            return None  # بلدة جديدة: an adjective, not a name
        return cue[0], cue[1]
    if listed is not None and key not in gaz.stopwords and (not common or listed.plural_cue or importance >= 70):
        cls = listed.cue if listed.cue in STRONG else "list"
        return cls, listed.relation if listed.relation == "near" else None, listed.plural_cue
    if cue is None and own.endswith("ب") and (is_country or importance >= 70):
        weak, cue = True, ("locative", None, "ب")  # بسوريا، وبالميادين
    if is_country:
        return (cue[0], cue[1]) if weak else None
    if common:
        adjective_follows = nxt is not None and nxt.norm.startswith("ال") and nxt.norm.endswith(("يه", "ي"))
        if importance >= 70 and weak and not adjective_follows and key not in gaz.stopwords:
            return "locative", cue[1]
        return None
    if importance >= 50 and not added:
        return ("known", None) if cue is None else (cue[0], cue[1])
    if weak and not construct_follows:
        return "weak", cue[1]  # a village after في/من: kept only near the article's other places
    return None


def _in_list(scan: _Scan, first: int, off: int, chosen: dict[int, PlaceHit]) -> PlaceHit | None:
    """The accepted place this hit is coordinated with (`دوما وحرستا`, `دوما، حرستا`), if any."""
    toks = scan.toks
    prefix = toks[first].norm[:off]
    k = first - 1
    if prefix[:1] not in _CONJ:
        if k < 0 or toks[k].norm not in ("،", ",", "و"):
            return None
        k -= 1
    for h in chosen.values():
        if h.last == k + 1 and toks[h.first].sentence == toks[first].sentence:
            return h
    return None


def is_dateline(text: str, start: int, end: int) -> bool:
    """"دمشق - ", "عمان (رويترز) -", "عمان، الأردن (CNN)": a place opening the first line, where the
    article was filed from."""
    if start >= 40:
        return False
    first_line = text[:80].split("\n")[0]
    return end <= len(first_line) and not first_line[:start].strip(" \t(«\"\u200f") \
        and bool(_DATELINE_END.match(first_line, end))


_DATELINE_END = re.compile(r"\s*(?:[،,]\s*\S+(?:\s\S+)?\s*)?[-–ـ:()]")
