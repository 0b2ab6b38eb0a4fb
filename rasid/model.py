"""The data objects every layer shares: a Document of the untouched text plus spans into it.

Every span-like object has `start`/`end` character offsets into `Document.text`, and
`doc.text[x.start:x.end] == x.text` holds everywhere. Objects are frozen; stages build new
ones with `dataclasses.replace`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rasid.stages.normalize import NormalizedText

MENTION_TYPES = ("ACTOR", "PERSON", "PLACE", "OUTLET", "DATE", "NUMBER")
STATUSES = ("reported", "claimed", "denied", "planned")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span and the index range of its tokens."""

    start: int
    end: int
    first_token: int
    last_token: int  # exclusive


class Token(NamedTuple):
    """A word or punctuation mark with its normalised form and clitic analysis (immutable; a
    NamedTuple because a document has hundreds and they are built on the hot path).

    `norm` is the normalised form of the whole token; `prefix` the attached clitics split off
    for matching (و ف ب ل ك ال لل, normalised), `stem` what remains. `stem_start` is the
    original offset where the stem begins, so a mention can exclude the clitics.
    """

    start: int
    end: int
    text: str
    norm: str
    prefix: str
    stem: str
    stem_start: int
    sentence: int

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span: an actor, person, place, outlet, date or number named in the text.

    `ref` is the knowledge-base id it resolves to (None when unknown); `attrs` holds the
    type's own fields (DATE: value, range, precision; NUMBER: value, min, max; PERSON: role,
    affiliation; PLACE: geocoding), written out beside the common fields.
    """

    id: str
    type: str
    text: str
    start: int
    end: int
    ref: str | None = None
    source: str = "kb"  # kb | pattern | ner | rule
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "type": self.type, "text": self.text, "start": self.start,
             "end": self.end, "ref": self.ref, "source": self.source}
        d.update(self.attrs)
        return d


@dataclass(frozen=True, slots=True)
class Argument:
    """An event argument: a span plus the entity it resolves to."""

    text: str
    start: int
    end: int
    ref: str | None = None
    name: str | None = None  # canonical English name, or a generic label ("Civilians")
    category: int | None = None  # ACLED inter code
    geo_precision: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "ref": self.ref, "name": self.name}
        if self.category is not None:
            d["category"] = self.category
        if self.geo_precision is not None or self.ref is not None and self.name is not None:
            d["geo_precision"] = self.geo_precision
        return d


@dataclass(frozen=True, slots=True)
class Source:
    """Who asserts an event, with the words that say so and through whom it came."""

    who: str | None
    text: str
    start: int
    end: int
    stance: str  # asserts | denies | claims
    via: str | None = None
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"who": self.who, "text": self.text, "start": self.start, "end": self.end,
                "stance": self.stance, "via": self.via, "ref": self.ref}


@dataclass(frozen=True, slots=True)
class Fatalities:
    """Killed (never injured), ACLED's conservative figure in `min`."""

    min: int | None
    max: int | None
    text: str
    civilian: bool = False
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "text": self.text, "civilian": self.civilian,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One occurrence, coded in PLOVER and (where ACLED would code it) ACLED."""

    id: str
    plover: str
    mode: str | None
    acled_type: str | None
    acled_subtype: str | None
    trigger: Span
    evidence: Span
    actor1: Argument | None = None
    actor2: Argument | None = None
    location: Argument | None = None
    date: str | None = None
    date_range: tuple[str, str] | None = None
    time_precision: int | None = None
    fatalities: Fatalities | None = None
    injured: int | None = None
    status: str = "reported"
    negated: bool = False
    sources: tuple[Source, ...] = ()
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()  # other evidence of the same occurrence
    rule: str = ""  # the lexicon entry or rule that fired, for `rasid explain`

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "plover": self.plover, "mode": self.mode,
            "acled_type": self.acled_type, "acled_subtype": self.acled_subtype,
            "trigger": self.trigger.to_dict(), "evidence": self.evidence.to_dict(),
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date, "date_range": list(self.date_range) if self.date_range else None,
            "time_precision": self.time_precision,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "injured": self.injured,
            "status": self.status, "negated": self.negated,
            "sources": [s.to_dict() for s in self.sources],
            "claimed_by": list(self.claimed_by), "denied_by": list(self.denied_by),
            "mentions": [m.to_dict() for m in self.mentions],
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its untouched text, metadata, and everything found in it."""

    text: str
    id: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # given | inferred | None
    url: str | None = None
    language: str = "ar"
    reference_date: dt.date | None = None  # "today", for inferring a missing publication date
    norm: NormalizedText | None = None
    tokens: tuple[Token, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[dict[str, Any], ...] = ()
    people: tuple[dict[str, Any], ...] = ()
    places: tuple[dict[str, Any], ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()

    def span(self, start: int, end: int) -> Span:
        """A Span of the original text."""
        return Span(start, end, self.text[start:end])

    def mentions_of(self, *types: str) -> list[Mention]:
        return [m for m in self.mentions if m.type in types]

    def to_dict(self) -> dict[str, Any]:
        from rasid import __version__

        return {
            "rasid": __version__,
            "document": {
                "id": self.id, "outlet": self.outlet,
                "published": self.published.isoformat() if self.published else None,
                "published_source": self.published_source, "url": self.url, "language": self.language,
            },
            "mentions": [m.to_dict() for m in self.mentions],
            "actors": list(self.actors),
            "people": list(self.people),
            "places": list(self.places),
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = None) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
