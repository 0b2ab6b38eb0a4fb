"""Geocoding: reads tokens and mentions, adds PLACE mentions (resolved to the gazetteer) and doc.places.

PLACE mentions are found by `rasid.kb.places` (gazetteer names, cue patterns, region
phrases), merged with PLACE mentions an earlier stage found (kept, with their ids), and
resolved together by `rasid.kb.geo_resolve` from the article's context. Each mention gets
`ref` (the gazetteer id, None when unknown) and attrs geo_precision, relation, place_id,
name_ar, name_en, admin1, admin1_pcode, pcode, feature_type, country, lat, lon. `doc.places`
holds one dict per distinct resolved place (and per relative phrase, id `<ref>~<relation>`).

Example: in "سيطرت قوات النظام على بلدة مديرا" the PLACE mention `مديرا` gets ref C2343
(OCHA's Mudeira, Rural Damascus) and geo_precision 1.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from rasid.kb.countries import country_info
from rasid.kb.gazetteer import Gazetteer, get_gazetteer, name_key
from rasid.kb.geo_resolve import Query, Resolution, resolve
from rasid.kb.places import PlaceHit, find_places, is_dateline
from rasid.model import Document, Mention

# an organisation named "<group noun> <place>" still names the place (فصائل الغوطة، قاعدة حميميم)
_GROUP_NOUNS = frozenset(name_key(w) for w in (
    "فصائل", "فصيل", "ثوار", "مقاتلي", "مقاتلو", "كتائب", "تنسيقية", "تنسيقيات", "قاعدة", "مطار", "أهالي",
    "سكان", "مجلس", "مجالس", "وجهاء", "لجان", "معارضة", "فعاليات", "ناشطو", "ناشطي"))


def place_info(ref: str | None) -> dict[str, Any] | None:
    """The `doc.places` dict of a gazetteer id (or of `<id>~<relation>`), None when unknown."""
    if not ref:
        return None
    gaz = get_gazetteer()
    base, _, rel = ref.partition("~")
    p = gaz.get(base)
    if p is None:
        return None
    if not rel:
        return p.to_dict()
    from rasid.kb.geo_resolve import _relate

    return _relate(p, Query(None, 0, 0, 0, rel), gaz).derived


class _ByOffset:
    """Mentions sorted by start, to find those overlapping a span without scanning them all."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        # an overlapping mention starts before `end` and, being at most `longest` long, after start - longest
        lo = bisect.bisect_right(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end > start and m.start < end]


def _keep(hit: PlaceHit, others: _ByOffset, doc: Document, gaz: Gazetteer) -> bool:
    """A place inside another mention survives only as `<group noun> <place>`.

    A country after a locative cue (`في العراق`) is a place even where it is also an actor.
    """
    overlapping = others.overlapping(hit.start, hit.end)
    if not overlapping:
        return True
    country_place = hit.key is not None and bool(gaz.candidates(hit.key)) \
        and any(p.feature_type in ("country", "region") or p.importance >= 85 for p in gaz.candidates(hit.key)) \
        and (hit.kind == "region" or _strictly_locative(hit, doc))
    name_start = hit.start
    if hit.relation == "site":  # مطار/قاعدة/مخيم + name: the name is the last part
        name_start = next((t.start for t in doc.tokens if hit.start < t.start < hit.end), hit.start)
    for m in overlapping:
        if country_place and m.type == "ACTOR" and hit.start <= m.start and m.end == hit.end:
            continue
        if m.type not in ("ACTOR", "OUTLET") or hit.end != m.end or name_start <= m.start:
            return False
        head = name_key(doc.text[m.start:name_start]).split(" ")
        if not head or head[0] not in _GROUP_NOUNS:
            return False
    return True


_STRICT = {"في", "داخل", "خارج", "انحاء", "ارجاء", "وسط", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
           "شرقي", "غربي", "مع"}


def _strictly_locative(hit: PlaceHit, doc: Document) -> bool:
    """`في العراق`, `بسوريا`, `شمال لبنان`, `الحدود مع تركيا`: the country is where, not who."""
    from rasid.kb.places import _stems

    tok = doc.tokens[hit.first]
    if tok.start < hit.start and "ب" in tok.norm[: len(tok.norm) - len(doc.text[hit.start:tok.end])]:
        return True
    k = hit.first - 1
    while k >= 0 and doc.tokens[k].norm in ("#", "(", '"', "«"):
        k -= 1
    if k < 0 or doc.tokens[k].sentence != tok.sentence:
        return False
    stems = set(_stems(doc.tokens[k]))
    if "مع" in stems:
        return k > 0 and doc.tokens[k - 1].norm in ("الحدود", "الحدودي", "الحدوديه", "حدود")
    return bool(stems & _STRICT)


def _query(m: Mention, doc: Document, gaz: Gazetteer, sentence_of) -> Query:
    """A Query for a mention: ours carry their key; others are looked up by their text."""
    key = m.attrs.get("_key")
    kind = m.attrs.get("_kind", "gazetteer")
    if key is None and m.ref is None and kind != "pattern":
        words = name_key(m.text).split(" ")
        while words and cue_of_word(words[0]):
            words = words[1:]
        k = " ".join(words)
        key = k if k in gaz.index else (k[2:] if k.startswith("ال") and k[2:] in gaz.index else None)
    return Query(key, m.start, m.end, sentence_of(m.start), m.attrs.get("relation"), kind)


def cue_of_word(word: str) -> bool:
    from rasid.kb.places import cue_words

    return word in cue_words() and cue_words()[word][0] in ("settlement", "area", "front")


def resolve_places(doc: Document, mentions: list[Mention], gaz: Gazetteer | None = None) -> list[Resolution]:
    """Resolve PLACE mentions together, one Resolution each, in order (pure: no doc change)."""
    gaz = gaz or get_gazetteer()
    starts = [s.start for s in doc.sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    queries = [_query(m, doc, gaz, sentence_of) for m in mentions]
    countries: dict[str, float] = {}
    for a in doc.mentions_of("ACTOR"):
        info = country_info(str(a.attrs.get("country") or ""))  # the registry writes ISO3 codes ("LBN")
        code = info.iso2 if info else None
        if code:
            countries[code] = countries.get(code, 0.0) + 0.5
    dateline = next((i for i, m in enumerate(mentions) if is_dateline(doc.text, m.start, m.end)), None)
    # the gap between two mentions, matched in place (pos, endpos) rather than copied out
    qualified = {i: i + 1 for i in range(len(mentions) - 1)
                 if _QUALIFIER_GAP.fullmatch(doc.text, mentions[i].end, mentions[i + 1].start)
                 and (queries[i + 1].relation or "").startswith("countryside")  # "بريف حلب", not "شرقي صنعاء"
                 or _UNIT_GAP.fullmatch(doc.text, mentions[i].end, mentions[i + 1].start)}  # "في محافظة حلب"
    return resolve(queries, gaz, countries, dateline, qualified)


# "أم حوش بريف حلب الشمالي", "نوى في درعا", "قسطون، ريف حماة": the place and the governorate it is in
_QUALIFIER_GAP = re.compile(r"\s*(?:في|ب)\s*")
_UNIT_GAP = re.compile(r"\s*(?:في\s+|ب)(?:محافظة|ريف)\s+")


def stage(doc: Document) -> Document:
    """Find, merge and resolve PLACE mentions; fill doc.places."""
    if doc.norm is None or not doc.tokens:
        return doc
    gaz = get_gazetteer()
    existing = [m for m in doc.mentions if m.type == "PLACE"]
    # a statistical guess (any type) yields to the gazetteer where both saw something
    others = [m for m in doc.mentions if m.type not in ("PLACE", "DATE", "NUMBER") and m.source != "ner"]
    guessed_others = [m for m in doc.mentions if m.type not in ("PLACE", "DATE", "NUMBER") and m.source == "ner"]
    guessed = [m for m in existing if m.source == "ner"]
    existing = [m for m in existing if m.source != "ner"]
    used = {m.id for m in doc.mentions}
    new: list[Mention] = []
    n = 0
    blockers = _ByOffset(others + existing)
    for h in find_places(doc, gaz):
        if not _keep(h, blockers, doc, gaz):
            continue
        n += 1
        while f"p{n}" in used:
            n += 1
        new.append(Mention(f"p{n}", "PLACE", h.text, h.start, h.end, None, "kb" if h.key else "pattern",
                           {"_key": h.key, "_kind": h.kind, "relation": h.relation, "cue": h.cue}))
    existing += [g for g in guessed if not any(g.start < x.end and x.start < g.end for x in new)]
    places_m = sorted(existing + new, key=lambda m: m.start)
    resolutions = resolve_places(doc, places_m, gaz)
    out_mentions, places, seen = [], [], set()
    for m, r in zip(places_m, resolutions):
        place = r.place.to_dict() if r.place else None
        attrs = {k: v for k, v in m.attrs.items() if not k.startswith("_")}
        attrs.update(_attrs(r, place))
        out_mentions.append(Mention(m.id, m.type, m.text, m.start, m.end, r.place.id if r.place else m.ref,
                                    m.source, attrs))
        for d in ([place] if place else []) + ([r.derived] if r.derived else []):
            if d["id"] not in seen:
                seen.add(d["id"])
                places.append(d)
    dropped = {id(g) for g in guessed_others if any(g.start < x.end and x.start < g.end for x in new)}
    kept = [m for m in doc.mentions if m.type != "PLACE" and id(m) not in dropped]
    mentions = sorted(kept + out_mentions, key=lambda m: (m.start, m.end))
    return replace(doc, mentions=tuple(mentions), places=tuple(places))


def _attrs(r: Resolution, place: dict[str, Any] | None) -> dict[str, Any]:
    """The geocoding attrs of a mention resolved to `r` (`place`: r.place.to_dict())."""
    if r.place is None:
        return {"geo_precision": None, "relation": r.relation, "place_id": None, "name_en": None, "admin1": None}
    p = r.derived or place
    return {"geo_precision": r.precision, "relation": r.relation, "place_id": r.place_id,
            "name_ar": r.place.name_ar, "name_en": p["name_en"], "admin1": p["admin1"],
            "admin1_pcode": p["admin1_pcode"], "pcode": p["pcode"], "feature_type": r.place.feature_type,
            "country": p["country"], "lat": p["lat"], "lon": p["lon"]}
