"""Output formats, each a pure function of a Document: JSON, a terminal table, GeoJSON."""
from __future__ import annotations

import json
from typing import Any

from rasid.model import Document

# first-strong isolates keep Arabic runs from scrambling the columns of a left-to-right terminal
_FSI, _PDI = "\u2068", "\u2069"


def isolate(s: str | None) -> str:
    return f"{_FSI}{s}{_PDI}" if s else "-"


def _cut(s: str | None, n: int) -> str:
    if not s:
        return ""
    return s if len(s) <= n else s[: n - 1] + "…"


def to_table(doc: Document) -> str:
    """A readable, right-to-left-safe summary of a document for a terminal."""
    d = doc.to_dict()["document"]
    lines = [f"document {d['id'] or '-'}  published {d['published'] or '-'} ({d['published_source'] or 'unknown'})"
             f"  outlet {d['outlet'] or '-'}"]
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    lines.append(f"{len(doc.events)} events, {len(doc.mentions)} mentions")
    for e in doc.events:
        when = e.date or ("–".join(e.date_range) if e.date_range else "?")
        fat = f" killed≥{e.fatalities.min}" if e.fatalities and e.fatalities.min is not None else ""
        acled = f" [{e.acled_type} / {e.acled_subtype}]" if e.acled_type else ""
        neg = " NEGATED" if e.negated else ""
        lines.append(f"{e.id:>4} {e.plover:<9} {e.status:<8}{neg} {when}{fat}{acled}")
        a1 = e.actor1.name or e.actor1.text if e.actor1 else None
        a2 = e.actor2.name or e.actor2.text if e.actor2 else None
        loc = e.location.name or e.location.text if e.location else None
        lines.append(f"      actor1 {isolate(a1)}  actor2 {isolate(a2)}  at {isolate(loc)}")
        lines.append(f"      trigger {isolate(e.trigger.text)}  «{isolate(_cut(e.evidence.text, 90))}»")
    by_type: dict[str, list[str]] = {}
    for m in doc.mentions:
        if m.type in ("DATE", "NUMBER"):
            continue
        by_type.setdefault(m.type, [])
        if m.text not in by_type[m.type]:
            by_type[m.type].append(m.text)
    for t, names in by_type.items():
        lines.append(f"{t:<8} " + ", ".join(isolate(n) for n in names))
    return "\n".join(lines) + "\n"


def to_geojson(doc: Document) -> dict[str, Any]:
    """The events that have a geocoded location, as a GeoJSON FeatureCollection."""
    places = {p.get("id"): p for p in doc.places}
    features = []
    for e in doc.events:
        if not e.location or not e.location.ref:
            continue
        p = places.get(e.location.ref)
        if not p or p.get("lat") is None:
            continue
        props = e.to_dict()
        props["document"] = doc.id
        props["place"] = {k: p.get(k) for k in ("name_ar", "name_en", "admin1", "admin2", "admin3",
                                                "pcode", "admin1_pcode", "geo_precision")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def render(doc: Document, fmt: str) -> str:
    if fmt == "json":
        return doc.to_json()
    if fmt == "table":
        return to_table(doc)
    if fmt == "geojson":
        return json.dumps(to_geojson(doc), ensure_ascii=False)
    raise ValueError(f"unknown format {fmt}")
