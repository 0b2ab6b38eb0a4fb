"""One event per occurrence: a lead and its retelling, or a definite reference back, are merged.

    وتشن قوات الأسد قصفًا ...  ...  وبالتزامن مع هذه المفاوضات   (هذه المفاوضات refers back)
    أعلنت رفضها الدخول في أي مفاوضات، ونفت التفاوض             (one refusal, two words)
The first telling keeps its evidence; the others are added to `mentions`.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import replace
from functools import lru_cache

from rasid.kb.lexicon import load_tsv
from rasid.model import Document, Event

STATEMENTS = frozenset({"REJECT", "ACCUSE", "THREATEN"})


@lru_cache(maxsize=1)
def _generic_ranks() -> dict[str, int]:
    """How specific an ASSAULT trigger family is (generic_triggers.tsv; families not listed rank 2)."""
    return {family: int(rank) for family, rank in load_tsv("generic_triggers.tsv")}


def _rank(ev: Event) -> int:
    return _rule_rank(ev.rule)


@lru_cache(maxsize=1024)
def _rule_rank(rule: str) -> int:
    return _generic_ranks().get(rule.split(":", 1)[0], 2)


def _same(a, b) -> bool:
    """Two arguments agree when both name the same entity, or one is missing."""
    if a is None or b is None:
        return True
    if a.ref and b.ref:
        return a.ref == b.ref
    return a.text == b.text


_sentence_starts: tuple = (None, [])  # (doc.sentences, their start offsets), rebound whole (thread-safe)


def _sentence(doc: Document, offset: int) -> int:
    """Index of the sentence holding `offset` (-1 between sentences)."""
    global _sentence_starts
    sentences, starts = _sentence_starts
    if sentences is not doc.sentences:
        starts = [s.start for s in doc.sentences]
        _sentence_starts = (doc.sentences, starts)
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < doc.sentences[i].end + 1 else -1


def _among(later: Event, first: Event) -> bool:
    """Every party the later telling names takes part in the first one."""
    parties = [a for a in (first.actor1, first.actor2) if a is not None]
    return all(a is None or any(_same(a, p) for p in parties) for a in (later.actor1, later.actor2))


def _retells(doc: Document, first: Event, later: Event) -> bool:
    if later.negated != first.negated or later.plover != first.plover or later.acled_subtype != first.acled_subtype:
        return False
    s1, s2 = _sentence(doc, first.trigger.start), _sentence(doc, later.trigger.start)
    anaphoric = ":anaphoric" in later.rule
    if first.trigger.start == later.trigger.start:
        return False  # one trigger, several places or weapons: separate events by design
    if anaphoric and 0 < s2 - s1 <= 3 and not later.plover == "ASSAULT" and _among(later, first):
        return True  # "المفاوضات انتهت ...": the talks told before, whoever the clause names
    if not _same(first.actor1, later.actor1):
        return False
    if later.plover not in STATEMENTS and not _same(first.location, later.location):
        return False  # a statement's place is where it was said, seldom told: it cannot tell two apart
    if s1 == s2:
        if later.plover in STATEMENTS or (anaphoric and later.actor2 is None):
            return True
        # two words for one strike in one sentence ("استهدف ... في هجوم"): same kind, same or no place
        return first.plover == "ASSAULT" and first.acled_subtype == later.acled_subtype and \
            (first.location is None and later.location is None or
             first.location is not None and _same(first.location, later.location))
    if later.plover in STATEMENTS and 0 < s2 - s1 <= 2 and first.actor1 is not None and later.actor1 is not None:
        same_denial = ":denies:" in first.rule and first.rule.split(":denies:")[1] == later.rule.split(":denies:")[-1]
        return same_denial or _same(first.actor2, later.actor2)
    if anaphoric and 0 < s2 - s1 <= 3 and _same(first.actor2, later.actor2):
        return True
    return False


_places_by_id: tuple = (None, {})  # (doc.places, its dicts by id), rebound whole (thread-safe)


def _place(doc: Document, arg) -> dict:
    """The doc.places entry an argument resolves to ({} when none), looked up by id."""
    if arg is None or not arg.ref:
        return {}
    global _places_by_id
    places, by_id = _places_by_id
    if places is not doc.places:
        by_id = {p.get("id"): p for p in doc.places}
        _places_by_id = (doc.places, by_id)
    return by_id.get(arg.ref, {})


def _inside(doc: Document, inner, outer) -> bool:
    """Is place `inner` the same as, or inside, place `outer` (by admin P-codes)?"""
    if inner is None or outer is None:
        return False
    if inner.ref and inner.ref == outer.ref:
        return True
    pi, po = _place(doc, inner), _place(doc, outer)
    if not pi or not po or (po.get("geo_precision") or 0) < 3:
        return False
    for level in ("admin2_pcode", "admin1_pcode"):
        if po.get("feature_type") in ("admin1", "governorate") and level == "admin2_pcode":
            continue
        if po.get(level) and po.get(level) == pi.get(level) and po.get("pcode") in (None, po.get(level)):
            return True
    return False


TOWNS = frozenset({"community", "town", "city"})
TOWN_PARTS = frozenset({"neighbourhood", "camp", "facility", "military"})
TOWN_RADIUS_KM = 6.0  # a camp or site this close to a town without sub-district codes is part of it


def _in_town(doc: Document, inner, outer) -> bool:
    """Is place `inner` a neighbourhood, camp or site of the town `outer` (جوبر in دمشق)?"""
    pi, po = _place(doc, inner), _place(doc, outer)
    if pi.get("feature_type") not in TOWN_PARTS or po.get("feature_type") not in TOWNS:
        return False
    if po.get("admin3_pcode") and pi.get("admin3_pcode"):
        return pi["admin3_pcode"] == po["admin3_pcode"]
    if None in (pi.get("lat"), pi.get("lon"), po.get("lat"), po.get("lon")):
        return False
    dy, dx = pi["lat"] - po["lat"], (pi["lon"] - po["lon"]) * math.cos(math.radians(po["lat"]))
    return math.hypot(dx, dy) * 111.2 <= TOWN_RADIUS_KM


def _same_day(a: Event, b: Event) -> bool:
    if a.date and b.date:
        return a.date == b.date
    if a.date_range and b.date_range:
        return a.date_range == b.date_range
    return False  # no date: nothing says it is the same day


def _acled_same(doc: Document, first: Event, later: Event) -> bool:
    """ACLED codes one event per type, place and day: a later report of it is the same event."""
    if first.negated or later.negated or first.plover != later.plover or first.plover != "ASSAULT":
        return False
    if first.acled_subtype != later.acled_subtype or first.trigger.start == later.trigger.start:
        return False
    if not _same_day(first, later):
        return False
    if first.location is None or later.location is None:
        return False
    if ":place-from-context" in first.rule or ":place-from-context" in later.rule:
        return False
    if first.location.ref and first.location.ref == later.location.ref:
        return True
    return not first.location.ref and first.location.text == later.location.text


COREFERENCE_WINDOW = 5  # sentences between a lead and its retelling


def _vague(doc: Document, arg) -> bool:
    """A country, a governorate, a region: a place too wide to tell two occurrences apart."""
    if arg is None:
        return True
    p = _place(doc, arg)
    return not p or (p.get("geo_precision") or 3) >= 3


def _places_compatible(doc: Document, a, b) -> bool:
    if a is None or b is None:
        return True
    if a.ref and a.ref == b.ref or (not a.ref and not b.ref and a.text == b.text):
        return True
    if _vague(doc, a) and _vague(doc, b):
        return True
    if _vague(doc, a) or _vague(doc, b):
        wide, narrow = (a, b) if _vague(doc, a) else (b, a)
        pw, pn = _place(doc, wide), _place(doc, narrow)
        if not pw or pw.get("feature_type") in ("country",) or not pw.get("admin1_pcode"):
            return True
        return pw.get("admin1_pcode") == pn.get("admin1_pcode")
    return False


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date and b.date:
        return a.date == b.date
    for x, y in ((a, b), (b, a)):
        if x.date and y.date_range:
            return y.date_range[0] <= x.date <= y.date_range[1]
    return True


def _coreferent(doc: Document, first: Event, later: Event) -> bool:
    """A later sentence retelling an earlier occurrence: same kind, compatible actors, place and date."""
    if first.negated or later.negated or first.plover != later.plover or first.plover in STATEMENTS:
        return False
    if first.acled_type != later.acled_type or first.trigger.start == later.trigger.start:
        return False
    gap = _sentence(doc, later.trigger.start) - _sentence(doc, first.trigger.start)
    if not 0 < gap <= COREFERENCE_WINDOW:
        return False
    if first.actor1 is not None and later.actor1 is not None and not _same(first.actor1, later.actor1):
        return False
    if not (_places_compatible(doc, first.location, later.location) and _dates_compatible(first, later)):
        return False
    # and something positive ties them: the same town, the same attacker and weapon, or "the strike"
    same_town = first.location is not None and later.location is not None and not _vague(doc, first.location) \
        and _same(first.location, later.location)
    unplaced = later.location is None or ":place-from-context" in later.rule
    same_attack = first.plover == "ASSAULT" and first.actor1 is not None and later.actor1 is not None \
        and first.actor1.ref is not None \
        and first.acled_subtype == later.acled_subtype and unplaced
    back_reference = ":anaphoric" in later.rule and (unplaced or _vague(doc, later.location))
    return same_town or same_attack or back_reference


GENERIC_WINDOW = 2  # sentences between a headline's "هجوم" and the detailed "غارة"


def _generic_retelling(doc: Document, first: Event, later: Event) -> bool:
    """A death or a bare "هجوم" and a specific attack a sentence or two apart, at the same place or
    a neighbourhood of the same town, with no other attacker: the lead "مقتل ضابط في دمشق" and the
    detail "جراء استهدافهم بقذيفة في حي جوبر" are one occurrence. A generic word with a place of
    its own ("استهداف منزل في النصيرات") is an occurrence of its own."""
    if first.plover != "ASSAULT" or later.plover != "ASSAULT" or first.negated or later.negated:
        return False
    if not 0 < _sentence(doc, later.trigger.start) - _sentence(doc, first.trigger.start) <= GENERIC_WINDOW:
        return False
    generic = first if _rank(first) <= _rank(later) else later
    if _rank(generic) == 2:
        return False
    if _rank(generic) == 1 and not (generic.location is None or ":place-from-context" in generic.rule
                                    or _vague(doc, generic.location)):
        return False
    if first.actor1 is not None and later.actor1 is not None and not _same(first.actor1, later.actor1):
        return False
    if not (_dates_compatible(first, later) or _undated(doc, first) or _undated(doc, later)):
        return False
    a, b = first.location, later.location
    if a is not None and b is not None:
        if ":place-from-context" in first.rule or ":place-from-context" in later.rule:
            return False
        town_a, town_b = _place(doc, a).get("geo_precision") == 1, _place(doc, b).get("geo_precision") == 1
        if town_a != town_b:
            return _places_compatible(doc, a, b)  # "شمال بغداد" and a village there
        return town_a and (_same(a, b) or _in_town(doc, a, b) or _in_town(doc, b, a))
    return first.actor1 is not None and later.actor1 is not None and first.actor1.ref is not None


def _undated(doc: Document, ev: Event) -> bool:
    """Dated only by the publication day, as a headline is: no day of its own to disagree with."""
    return doc.published is not None and ev.date == doc.published.isoformat() and ev.time_precision == 2


RESTATE_WINDOW = 6  # sentences within which one side's accusation or refusal is told again


def _side(arg) -> str | None:
    from rasid.kb.actors import load_registry

    return load_registry().side(arg.ref) if arg is not None and arg.ref else None


def _restated(doc: Document, first: Event, later: Event) -> bool:
    """A headline's "تنديد أممي" and the body's "وندد منسق الأمم المتحدة": one side's statement
    told again, by the same side (the UN and its coordinator, Bahrain and its army) or unnamed
    in the headline, against the same side or none named."""
    if first.plover != later.plover or first.plover not in STATEMENTS or first.negated or later.negated:
        return False
    s1, s2 = _sentence(doc, first.trigger.start), _sentence(doc, later.trigger.start)
    if not 0 < s2 - s1 <= RESTATE_WINDOW:
        return False
    if first.actor1 is None:
        if s1 != 0 or later.actor1 is None:
            return False
    elif later.actor1 is None or _side(first.actor1) is None or _side(first.actor1) != _side(later.actor1):
        return False
    a, b = first.actor2, later.actor2
    return a is None or b is None or _side(a) is not None and _side(a) == _side(b)


def _adjacent(doc: Document, first: Event, later: Event) -> bool:
    """At most one word between the two triggers, no comma or conjunction: "هجومًا انتحاريًا استهدف"."""
    between = doc.text[first.trigger.end:later.trigger.start]
    return len(between.split()) <= 1 and not any(c in between for c in "،,.؛:") and \
        not between.strip().startswith("و")


def _elaborates(doc: Document, first: Event, later: Event) -> bool:
    """A generic word for an attack and a specific one in one sentence tell one occurrence:
    "هجوم ... استهدف", "غارات ... استهدفت", "اشتباكات ... بعد هجوم". Two specific words of
    different kinds stay two events ("قصفًا جويًا ومدفعيًا")."""
    if first.plover != "ASSAULT" or later.plover != "ASSAULT" or first.negated or later.negated:
        return False
    if first.trigger.start == later.trigger.start or \
            _sentence(doc, first.trigger.start) != _sentence(doc, later.trigger.start):
        return False
    if min(_rank(first), _rank(later)) == 2:
        return False
    if not (_same(first.actor1, later.actor1) or _adjacent(doc, first, later)):
        return False
    near_places = first.location is None or later.location is None or _same(first.location, later.location) \
        or _inside(doc, first.location, later.location) or _inside(doc, later.location, first.location)
    return near_places and _dates_compatible(first, later)


def _fold_into_specific(first: Event, later: Event, doc: Document) -> Event:
    """Fold two tellings of one attack, coded by the more specific word (the first on a tie); its
    time is the better-dated telling's (a headline dated only by the paper yields to "مساء أمس")."""
    if _rank(later) <= _rank(first):
        merged = _fold(first, later, doc)
    else:
        merged = replace(_fold(later, first, doc), evidence=first.evidence,
                         mentions=first.mentions + (later.evidence,) + later.mentions)
    dated = later if _undated(doc, first) and not _undated(doc, later) else first
    return replace(merged, date=dated.date, date_range=dated.date_range, time_precision=dated.time_precision)


def _fold(first: Event, later: Event, doc: Document) -> Event:
    location = first.location or later.location
    if first.location is not None and later.location is not None and \
            (_inside(doc, later.location, first.location) or _in_town(doc, later.location, first.location)
             or _vague(doc, first.location) and not _vague(doc, later.location)):
        location = later.location  # the most specific place wins
    return replace(
        first,
        mentions=first.mentions + (later.evidence,),
        fatalities=first.fatalities or later.fatalities,
        location=location,
        actor1=first.actor1 or later.actor1,
        actor2=first.actor2 or later.actor2,
    )


def _country_level(doc: Document, arg) -> bool:
    p = _place(doc, arg)
    return bool(p) and (p.get("feature_type") == "country" or not p.get("admin1_pcode") and
                        (p.get("geo_precision") or 3) >= 3)


def fold_summaries(doc: Document, events: list[Event]) -> list[Event]:
    """A violent event placed only in a whole country, told beside others of its kind with a real
    place, is their summary ("الضربات الأمريكية في سوريا"): its evidence joins the nearest of them."""
    out = list(events)
    for i, ev in enumerate(events):
        if ev.plover != "ASSAULT" or ev.negated or not _country_level(doc, ev.location):
            continue
        peers = [j for j, o in enumerate(out) if o is not None and j != i and o.plover == "ASSAULT"
                 and not o.negated and o.acled_type == ev.acled_type and not _country_level(doc, o.location)
                 and (ev.actor1 is None or o.actor1 is None or _same(ev.actor1, o.actor1))]
        if not peers:
            continue
        j = min(peers, key=lambda j: abs(events[j].trigger.start - ev.trigger.start))
        out[j] = replace(out[j], mentions=out[j].mentions + (ev.evidence,),
                         fatalities=out[j].fatalities or ev.fatalities)
        out[i] = None
    return [e for e in out if e is not None]


def merge_occurrences(doc: Document, events: list[Event]) -> list[Event]:
    """Fold retellings into the first telling of each occurrence, keeping every piece of evidence."""
    kept: list[Event] = []
    for ev in events:
        if ":demonstrative" in ev.rule:
            back = next((i for i in range(len(kept) - 1, -1, -1) if kept[i].plover == ev.plover
                         and not kept[i].negated and 0 <= _sentence(doc, ev.trigger.start)
                         - _sentence(doc, kept[i].trigger.start) <= 3), None)
            if back is not None:
                kept[back] = replace(kept[back], mentions=kept[back].mentions + (ev.evidence,))
                continue
        target = next((i for i in range(len(kept) - 1, -1, -1)
                       if _elaborates(doc, kept[i], ev) or _generic_retelling(doc, kept[i], ev)), None)
        if target is not None:
            kept[target] = _fold_into_specific(kept[target], ev, doc)
            continue
        target = next((i for i in range(len(kept) - 1, -1, -1)
                       if _retells(doc, kept[i], ev) or _acled_same(doc, kept[i], ev)
                       or _coreferent(doc, kept[i], ev) or _restated(doc, kept[i], ev)), None)
        if target is None:
            kept.append(ev)
        else:
            kept[target] = _fold(kept[target], ev, doc)
    return fold_summaries(doc, kept)
