"""Hand-built documents for the store's tests: events as the event coder will give them."""
from __future__ import annotations

import datetime as dt

from rasid.model import Argument, Document, Event, Fatalities, Source, Span
from rasid.store.ingest import Article
from rasid.store.run import RunSummary, ingest_items

PLACES = {
    "douma": {"id": "p:douma", "name_ar": "دوما", "name_en": "Douma", "lat": 33.57, "lon": 36.40,
              "admin1": "Rural Damascus", "admin2": "Duma", "admin3": "Duma", "admin1_pcode": "SY03",
              "admin2_pcode": "SY0303", "admin3_pcode": "SY030300", "pcode": None, "feature_type": "town",
              "geo_precision": 1, "country": "SY"},
    "harasta": {"id": "p:harasta", "name_ar": "حرستا", "name_en": "Harasta", "lat": 33.56, "lon": 36.37,
                "admin1": "Rural Damascus", "admin2": "Duma", "admin3": "Harasta", "admin1_pcode": "SY03",
                "admin2_pcode": "SY0303", "admin3_pcode": "SY030301", "pcode": None, "feature_type": "town",
                "geo_precision": 1, "country": "SY"},
    "duma_district": {"id": "adm2:SY0303", "name_ar": "منطقة دوما", "name_en": "Duma district", "lat": 33.6,
                      "lon": 36.5, "admin1": "Rural Damascus", "admin2": "Duma", "admin3": None,
                      "admin1_pcode": "SY03", "admin2_pcode": "SY0303", "admin3_pcode": None, "pcode": "SY0303",
                      "feature_type": "adm2", "geo_precision": 3, "country": "SY"},
    "kafranbel": {"id": "p:kafranbel", "name_ar": "كفرنبل", "name_en": "Kafr Nabl", "lat": 35.61, "lon": 36.56,
                  "admin1": "Idleb", "admin2": "Maarrat An Nu'man", "admin3": "Kafr Nabl", "admin1_pcode": "SY07",
                  "admin2_pcode": "SY0703", "admin3_pcode": "SY070302", "pcode": None, "feature_type": "town",
                  "geo_precision": 1, "country": "SY"},
}
AIR = ("ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike")
SHELLING = ("ASSAULT", "heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack")
CLASH = ("ASSAULT", "firearms", "Battles", "Armed clash")
GOV = ("syr.gov.forces", "Military Forces of Syria", 1, "قوات النظام")
REBELS = ("syr.opp.faylaq_rahman", "Faylaq al-Rahman", 2, "فيلق الرحمن")
RUSSIA = ("rus.gov.forces", "Military Forces of Russia", 8, "الطائرات الروسية")


def _span_of(text: str, words: str) -> tuple[str, int, int]:
    """The span of `words` in `text` (an empty span when the text does not name them)."""
    start = text.find(words)
    return (words, start, start + len(words)) if start >= 0 else ("", 0, 0)


def _arg(text: str, actor: tuple | None) -> Argument | None:
    if actor is None:
        return None
    return Argument(*_span_of(text, actor[3]), ref=actor[0], name=actor[1], category=actor[2])


def event(text: str, eid: str = "e1", kind: tuple = AIR, place: str | None = "douma", date: str | None = "2018-03-11",
          precision: int = 1, killed: int | None = None, civilian: bool = False, actor1: tuple | None = None,
          actor2: tuple | None = None, status: str = "reported", negated: bool = False,
          sources: tuple[tuple[str, str], ...] = (), claimed_by: tuple = (), denied_by: tuple = (),
          date_range: tuple[str, str] | None = None) -> Event:
    """An event whose evidence is the whole text; `place` is a key of PLACES (or a bare name)."""
    plover, mode, acled_type, subtype = kind
    loc = None
    if place:
        p = PLACES.get(place)
        loc = Argument(*_span_of(text, p["name_ar"] if p else place), ref=p["id"] if p else None,
                       name=p["name_en"] if p else place, geo_precision=p["geo_precision"] if p else None)
    return Event(
        id=eid, plover=plover, mode=mode, acled_type=acled_type, acled_subtype=subtype,
        trigger=Span(0, min(4, len(text)), text[:4]), evidence=Span(0, len(text), text),
        actor1=_arg(text, actor1), actor2=_arg(text, actor2), location=loc, date=date, date_range=date_range,
        time_precision=precision if date or date_range else None,
        fatalities=Fatalities(killed, None, str(killed), civilian=civilian) if killed is not None else None,
        status=status, negated=negated,
        sources=tuple(Source(who, *_span_of(text, who), stance) for who, stance in sources),
        claimed_by=tuple(claimed_by), denied_by=tuple(denied_by))


def document(text: str, events: list[Event], outlet: str | None = None, published: str | None = "2018-03-12") -> dict:
    """The output contract of a document holding these events and the places they name."""
    places = {e.location.ref: next(p for p in PLACES.values() if p["id"] == e.location.ref)
              for e in events if e.location and e.location.ref}
    return Document(text=text, outlet=outlet, published=dt.date.fromisoformat(published) if published else None,
                    places=tuple(places.values()), events=tuple(events)).to_dict()


def store(conn, items: list[tuple[Article, dict]]) -> RunSummary:
    """Ingest articles whose documents are given (the pipeline is not run)."""
    docs = {a.id: d for a, d in items}
    return ingest_items(conn, [a for a, _ in items], RunSummary(), extractor=lambda a: docs[a.id])


def article(text: str, outlet: str, published: str = "2018-03-12", doc_id: str | None = None) -> Article:
    return Article(text=text, origin=f"test:{doc_id or outlet}", doc_id=doc_id, outlet=outlet, published=published)


def report(text: str, outlet: str, *events: Event, published: str = "2018-03-12") -> tuple[Article, dict]:
    """One outlet's article telling these events."""
    return article(text, outlet, published), document(text, list(events), outlet, published)
