"""The pipeline: an explicit, ordered tuple of stages, each a plain `Document -> Document`."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Callable

from rasid.model import Document
from rasid.stages import attribution, dates, events, geocode, mentions, ner, numbers, tokenize
from rasid.stages.normalize import normalize

Stage = Callable[[Document], Document]


def normalize_stage(doc: Document) -> Document:
    return replace(doc, norm=normalize(doc.text))


STAGES: tuple[tuple[str, Stage], ...] = (
    ("normalize", normalize_stage),
    ("tokenize", tokenize.tokenize_stage),
    ("dates", dates.stage),
    ("numbers", numbers.stage),
    ("mentions", mentions.stage),
    ("ner", ner.stage),
    ("geocode", geocode.stage),
    ("events", events.stage),
    ("attribution", attribution.stage),
)


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def extract(text: str, published: dt.date | str | None = None, outlet: str | None = None,
            url: str | None = None, id: str | None = None,
            reference_date: dt.date | str | None = None, stages: tuple = STAGES) -> Document:
    """Read one Arabic article into a Document; never raises on any text.

    >>> extract("قصفت الطائرات مدينة دوما أمس", published="2018-03-12").events[0].plover
    'ASSAULT'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    pub = _as_date(published)
    warnings: list[str] = []
    if published not in (None, "") and pub is None:
        warnings.append(f"publication date {published!r} is not YYYY-MM-DD; ignored")
    doc = Document(text=text, id=id, outlet=outlet, url=url, published=pub,
                   published_source="given" if pub else None,
                   reference_date=_as_date(reference_date), warnings=tuple(warnings))
    for name, stage in stages:
        try:
            out = stage(doc)
        except Exception as e:  # a stage bug must not lose the document; say which stage failed
            doc = replace(doc, warnings=doc.warnings + (f"stage {name} failed: {type(e).__name__}: {e}",))
            continue
        if not isinstance(out, Document):
            raise TypeError(f"stage {name} returned {type(out).__name__}, not Document")
        doc = out
    return doc
