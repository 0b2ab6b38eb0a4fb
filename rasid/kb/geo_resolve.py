"""Choosing the gazetteer entry a place mention names, from the article's context.

Each candidate scores its importance (governorate > district centre > known town > village),
plus the governorates named nearby (`بريف حلب`, `في درعا`), closeness to the article's
unambiguous places, the countries of the article (its places and its actors' countries) and
the dateline (`دمشق - ...`). Unambiguous mentions are resolved first and anchor the rest.
Relative phrases keep the place and say how the event relates to it (`أطراف دوما`: near,
ACLED geo_precision 2; `ريف حلب الجنوبي`: the southern part of Aleppo governorate).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from rasid.kb.gazetteer import Gazetteer, Place

_REGIONAL = ("country", "admin1", "region", "water")
_SHIFT = {"north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1), "centre": (0, 0)}
_DIR_EN = {"north": "northern", "south": "southern", "east": "eastern", "west": "western", "centre": "central"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one mention resolves to: the entry, and the derived place when a relation applies."""

    place: Place | None
    precision: int | None
    relation: str | None
    derived: dict | None  # the doc.places dict of a relative phrase (its own id, shifted point)

    @property
    def place_id(self) -> str | None:
        if self.derived:
            return self.derived["id"]
        return self.place.id if self.place else None


class Query(NamedTuple):
    """One mention to resolve: its key, where it is, how it relates to its place (a NamedTuple:
    one per place mention)."""

    key: str | None
    start: int
    end: int
    sentence: int
    relation: str | None = None
    kind: str = "gazetteer"


class _Anchor(NamedTuple):
    """A mention already resolved (provisionally): where it is in the text and on the map."""

    index: int
    sentence: int
    start: int
    admin1: tuple | None
    admin2: str | None
    admin3: str | None
    country: str | None
    place_id: str
    point: tuple[float, float] | None  # (lat, lon) of a located place; None for a country or region


def _admin1_key(p: Place) -> tuple | None:
    """Governorate identity: its P-code, or (country, admin1 name) abroad."""
    if p.feature_type == "admin1":
        return (p.id,) if p.id.startswith("SY") else (p.country, p.admin1 or p.name_en)
    if p.admin1_pcode and p.admin1_pcode.startswith("SY"):
        return (p.admin1_pcode,)
    return (p.country, p.admin1) if p.admin1 else None


# _Anchor(*fields) without the Python-level __new__ of a NamedTuple (one per pick per round)
_new_anchor = partial(tuple.__new__, _Anchor)


def _anchors(queries: list[Query], picks: dict[int, Place]) -> list[_Anchor]:
    return [_new_anchor((i, queries[i].sentence, queries[i].start, _admin1_key(p), p.admin2_pcode, p.admin3_pcode,
                         p.country, p.id,
                         (p.lat, p.lon) if p.lat is not None and p.feature_type not in _REGIONAL else None))
            for i, p in picks.items()]


def _score(p: Place, others: list[tuple[_Anchor, bool, float]], own_country: str | None,
           countries: dict[str, float], country_total: float, dateline_admin1: tuple | None) -> float:
    """How well candidate p of a mention fits the article: `others` holds the other mentions'
    anchors, each with whether it is in the mention's sentence and what sharing its governorate is
    worth (`_others`); `own_country` is the country of the mention's own pick, `country_total`
    the sum of `countries`."""
    s = p.importance / 25.0 + (0.2 if p.feature_type not in ("admin1", "admin2", "admin3") else 0.0)
    a1, a2, a3 = _admin1_key(p), p.admin2_pcode, p.admin3_pcode
    lat, lon = p.lat, p.lon
    nearest = 1e9
    for a, same_sentence, same_admin1 in others:
        if a1 and a.admin1 == a1:
            s += same_admin1
        if same_sentence:
            if a2 and a.admin2 == a2:
                s += 1.5
            if a3 and a.admin3 == a3:
                s += 1.5
        if lat is not None and a.point and a.place_id != p.id:
            # geo_merge.approx_km(lat, lon, *a.point), inline: it runs for every candidate and anchor
            a_lat, a_lon = a.point
            km = 111.2 * math.hypot((a_lon - lon) * math.cos(math.radians((lat + a_lat) / 2)), a_lat - lat)
            if km < nearest:
                nearest = km
    if dateline_admin1 and a1 == dateline_admin1:
        s += 1.0
    if nearest < 1e9:
        s += 4.0 * math.exp(-nearest / 15.0)
    total = country_total - (1.0 if own_country else 0.0)
    if total > 0 and p.country:
        s += 2.5 * (countries.get(p.country, 0.0) - (1.0 if own_country == p.country else 0.0)) / total
    return s


def _others(i: int, q: Query, anchors: list[_Anchor]) -> tuple[list[tuple[_Anchor, bool, float]], str | None]:
    """The anchors of mentions other than i, for `_score` (the same for every candidate of i), and
    the country of i's own anchor."""
    others = []
    own_country = None
    for a in anchors:
        if a.index == i:
            own_country = a.country
            continue
        same_sentence = a.sentence == q.sentence
        others.append((a, same_sentence, 3.0 if same_sentence else 1.0 / (1 + abs(a.start - q.start) / 400)))
    return others, own_country


def resolve(queries: list[Query], gaz: Gazetteer, actor_countries: dict[str, float] | None = None,
            dateline: int | None = None, qualified: dict[int, int] | None = None) -> list[Resolution]:
    """One Resolution per query, in order; unknown keys resolve to nothing (precision unknown).

    `qualified` maps a mention to the one right after it that names its governorate ("X بريف حلب"):
    a town of another governorate is not it, and where no candidate lies there the name stays
    unresolved rather than pointing far away."""
    cands = [gaz.candidates(q.key) if q.key and q.kind != "anaphor" else () for q in queries]
    picks: dict[int, Place] = {i: cs[0] for i, cs in enumerate(cands) if cs}  # most important first
    dateline_admin1 = _admin1_key(picks[dateline]) if dateline is not None and dateline in picks else None
    for _round in range(2):
        anchors = _anchors(queries, picks)
        countries = dict(actor_countries or {})
        for a in anchors:
            if a.country:
                countries[a.country] = countries.get(a.country, 0.0) + 1.0
        country_total = sum(countries.values())
        new = dict(picks)
        for i, cs in enumerate(cands):
            if len(cs) > 1:
                others, own = _others(i, queries[i], anchors)
                new[i] = max(cs, key=lambda p: _score(p, others, own, countries, country_total, dateline_admin1))
        picks = new
    for i, j in (qualified or {}).items():
        unit = picks.get(j)
        if i not in picks or unit is None or picks[i].feature_type in _REGIONAL + ("admin2", "admin3") or \
                unit.country != picks[i].country or _admin1_key(picks[i]) == _admin1_key(unit):
            continue
        inside = [p for p in cands[i] if _admin1_key(p) == _admin1_key(unit)]
        if inside:
            picks[i] = inside[0]
        else:
            del picks[i]
    countries = {}
    for p in picks.values():
        if p.country:
            countries[p.country] = countries.get(p.country, 0.0) + 1.0
    out = []
    for i, q in enumerate(queries):
        p = picks.get(i)
        if q.kind == "anaphor":
            p = _anaphor(q, queries, picks, gaz, countries)
        out.append(_relate(p, q, gaz))
    return out


def _anaphor(q: Query, queries: list[Query], picks: dict[int, Place], gaz: Gazetteer,
             countries: dict[str, float]) -> Place | None:
    if q.key == "القطاع":
        strips = [picks[i] for i, o in enumerate(queries) if i in picks and o.key and o.key.startswith("قطاع ")]
        return strips[0] if strips else None
    code = max(countries, key=countries.get) if countries else "SY"
    return gaz.countries.get(code)


def _relate(p: Place | None, q: Query, gaz: Gazetteer) -> Resolution:
    """Apply the mention's relation: the precision ACLED would give, and a derived point."""
    if p is None:
        return Resolution(None, None, q.relation, None)
    rel = q.relation
    if rel in (None, "site", "list"):
        return Resolution(p, p.precision, None, None)
    base = p
    head = rel.split("-")[0]
    levels = ("admin1_pcode", "admin2_pcode") if head == "countryside" else ("admin1_pcode",) if head in _SHIFT else ()
    for level in levels:  # ريف حلب / جنوبي إدلب: the governorate's; ريف منبج: the district's
        unit = gaz.get(getattr(p, level) or "")
        if unit and _same_name(unit, p) and unit.lat is not None:
            base = unit
            break
    precision = 3 if base.feature_type in ("country", "region", "water") else 2
    if rel == "near" and base.feature_type not in _REGIONAL:
        precision = 2
    lat, lon = _shifted(base, rel)
    label = _label(base, rel)
    derived = dict(base.to_dict(), id=f"{base.id}~{rel}", name_en=label, lat=lat, lon=lon,
                   geo_precision=precision, feature_type="relative", base_id=base.id, relation=rel)
    return Resolution(base, precision, rel, derived)


def _same_name(unit: Place, town: Place) -> bool:
    """Is the unit named after its centre town (محافظة حلب / حلب)?"""
    from rasid.kb.gazetteer import name_key

    key = name_key(unit.name_ar)
    return (key[len("محافظه "):] if key.startswith("محافظه ") else key) == name_key(town.name_ar)


def _shifted(p: Place, rel: str) -> tuple[float | None, float | None]:
    if p.lat is None:
        return p.lat, p.lon
    dy = dx = 0.0
    for part in rel.split("-"):
        if part in _SHIFT and part != "centre":
            dy += _SHIFT[part][0]
            dx += _SHIFT[part][1]
    if not dx and not dy:
        return p.lat, p.lon
    if p.bbox:  # halfway from the centre to the unit's edge on that side
        min_lat, min_lon, max_lat, max_lon = p.bbox
        lat = p.lat + 0.5 * ((max_lat if dy > 0 else min_lat) - p.lat) if dy else p.lat
        lon = p.lon + 0.5 * ((max_lon if dx > 0 else min_lon) - p.lon) if dx else p.lon
        return round(lat, 5), round(lon, 5)
    step = {"country": 2.0, "region": 0.3, "admin1": 0.3}.get(p.feature_type, 0.08)
    return round(p.lat + dy * step, 5), round(p.lon + dx * step, 5)


def _label(p: Place, rel: str) -> str:
    name = p.name_en or p.name_ar
    parts = rel.split("-")
    dirs = " ".join(_DIR_EN[d] for d in parts if d in _DIR_EN)
    if parts[0] == "countryside":
        return f"{name} countryside" + (f" ({dirs})" if dirs else "")
    if parts[0] == "part":
        return f"{dirs} {name}".strip()
    if rel in ("near", "front"):
        return f"near {name}"
    return f"{dirs} {name}".strip()
