"""Export formats, each a pure function of the event dicts `rasid.store.query.load_events` gives.

ACLED CSV (ACLED's columns and codes; only events ACLED would code), PLOVER JSON Lines, GeoJSON
(events with coordinates), Parquet (every event, ACLED and PLOVER columns; needs `rasid[parquet]`)
and JSON (everything, reports included).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Any

from rasid.kb.countries import country_info

FORMATS = ("acled-csv", "plover-jsonl", "geojson", "parquet", "json")
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_GENERIC_ACTOR1 = {"Battles": ("Unidentified Armed Group", 3), "Explosions/Remote violence": ("Unidentified Armed Group", 3),
                   "Violence against civilians": ("Unidentified Armed Group", 3), "Protests": ("Protesters", 6),
                   "Riots": ("Rioters", 5)}
QUAD_CODE = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
             "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
             "COERCE": 4, "ASSAULT": 4}
INTER_LABELS = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
                5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}


def acled_date(e: dict) -> tuple[str, int] | None:
    """The day and time precision ACLED would record: the date, else the middle of a week or month range.

    An event known only to a longer period (a campaign, background) has no ACLED date: None.
    """
    if e["date"]:
        return e["date"], e["time_precision"] or 1
    if e["date_range"]:
        first, last = (dt.date.fromisoformat(d) for d in e["date_range"])
        days = (last - first).days + 1
        if days <= 31:
            return (first + (last - first) / 2).isoformat(), 1 if days == 1 else 2 if days <= 7 else 3
    return None


def _outlets(e: dict) -> list[str]:
    return list(dict.fromkeys(r["outlet"] for r in e["reports"] if r["outlet"]))


def _notes(e: dict) -> str:
    """Who reported what: each source's figure, a dispute, claims and denials (ACLED keeps disputes here)."""
    parts = []
    for r in e["reports"]:
        fat = r["fatalities"] or {}
        figure = f": {fat['min']} killed" if fat.get("min") is not None else ""
        parts.append(f"{r['outlet'] or r['doc_id'] or r['article_id']} ({r['published'] or 'undated'}){figure}")
    notes = "Reported by " + "; ".join(parts) + "."
    figures = {r["fatalities"]["min"] for r in e["reports"] if r["fatalities"] and r["fatalities"].get("min") is not None}
    if len(figures) > 1:
        notes += f" Fatality figures differ between sources ({', '.join(map(str, sorted(figures)))}); the lowest is coded."
    if e["claimed_by"]:
        notes += f" Claimed by {', '.join(e['claimed_by'])}."
    if e["denied_by"]:
        notes += f" Denied by {', '.join(e['denied_by'])}."
    return notes


def _timestamp(e: dict) -> int | None:
    try:
        return int(dt.datetime.fromisoformat(e["updated_at"]).timestamp())
    except (TypeError, ValueError):
        return None


def _inter(actor: dict, event_country) -> int | None:
    """ACLED's inter code: state forces acting outside their own country are external forces (8)."""
    category, home = actor.get("category"), actor.get("country")
    if category == 1 and event_country and home and home not in (event_country.iso3, "XXX"):
        return 8
    return category


def acled_row(e: dict) -> dict[str, Any]:
    """One event as an ACLED export row."""
    info = country_info(e["country"])
    country = info.name if info else (e["country"] or "")
    loc = e["location"] or {}
    a1, a2 = e["actor1"] or {}, e["actor2"] or {}
    actor1, inter1 = a1.get("name") or a1.get("ref"), _inter(a1, info)
    actor2, inter2 = a2.get("name") or a2.get("ref"), _inter(a2, info)
    if not actor1 and e["acled_type"] in _GENERIC_ACTOR1:
        label, inter1 = _GENERIC_ACTOR1[e["acled_type"]]
        actor1 = f"{label} ({country})" if country else label
    civilians = f"Civilians ({country})" if country else "Civilians"
    if actor2 == "Civilians" and inter2 == 7:  # the generic target of an event text: the country's civilians
        actor2 = civilians
    assoc2 = ""
    if e["civilian"] and inter2 != 7:
        if actor2:
            assoc2 = civilians
        else:
            actor2, inter2 = civilians, 7
    inters = sorted(i for i in (inter1, inter2) if i)
    interaction = int(f"{inters[0]}{inters[1]}") if len(inters) == 2 else inters[0] * 10 if inters else None
    day, precision = acled_date(e) or ("", None)
    subtype = e["acled_subtype"] or ""
    disorder = ("Political violence; Demonstrations" if subtype == "Excessive force against protesters"
                else _DISORDER.get(e["acled_type"], ""))
    return {
        "event_id_cnty": f"{info.iso3 if info else 'XXX'}{e['id']}", "event_date": day,
        "year": int(day[:4]) if day else None, "time_precision": precision,
        "disorder_type": disorder, "event_type": e["acled_type"], "sub_event_type": subtype,
        "actor1": actor1 or "", "assoc_actor_1": "", "inter1": inter1, "actor2": actor2 or "",
        "assoc_actor_2": assoc2, "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == 7 or e["acled_type"] == "Violence against civilians" else "",
        "iso": info.iso_numeric if info else None, "region": info.region if info else "", "country": country,
        "admin1": loc.get("admin1") or "", "admin2": loc.get("admin2") or "", "admin3": loc.get("admin3") or "",
        "location": loc.get("name_en") or loc.get("name") or "", "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("geo_precision"), "source": "; ".join(_outlets(e)), "source_scale": "",
        "notes": _notes(e), "fatalities": e["fatalities"] or 0, "tags": "", "timestamp": _timestamp(e),
    }


def acled_rows(events: list[dict]) -> list[dict]:
    """ACLED rows for the events ACLED would code: an ACLED type, a date to a month at worst, not planned."""
    return [acled_row(e) for e in events if e["acled_type"] and e["status"] != "planned" and acled_date(e)]


def write_acled_csv(events: list[dict], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = acled_rows(events)
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return len(rows)


def _entity(party: dict | None) -> list[dict]:
    if not party:
        return []
    return [{"entity_text": party.get("name") or party.get("ref"), "ref": party.get("ref"),
             "sector": INTER_LABELS.get(party.get("category")), "code": None, "identifier_id": None}]


def plover_record(e: dict) -> dict[str, Any]:
    """One event in PLOVER's JSON fields, with each supporting report in `cite_info`."""
    loc = e["location"]
    place = None if not loc else {"name": loc.get("name_en") or loc.get("name"), "name_ar": loc.get("name_ar"),
                                  "ref": loc.get("ref"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                                  "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
                                  "country": e["country"], "geo_precision": loc.get("geo_precision")}
    first = e["reports"][0] if e["reports"] else {}
    return {
        "id": e["id"], "date": e["date"] or (e["date_range"] or [None])[0],
        "enddate": e["date_range"][1] if e["date_range"] and not e["date"] else None,
        "actor": _entity(e["actor1"]), "recipient": _entity(e["actor2"]),
        "event": e["plover"], "mode": e["mode"] or "", "context": [],
        "event_text": (first.get("evidence") or {}).get("text"), "location": place, "event_loc": place,
        "quad_code": QUAD_CODE.get(e["plover"]), "status": e["status"], "fatalities": e["fatalities"],
        "claimed_by": e["claimed_by"], "denied_by": e["denied_by"],
        "cite_info": [{"outlet": r["outlet"], "url": r["url"], "published": r["published"], "article": r["article_id"],
                       "doc_id": r["doc_id"], "report": r["id"], "evidence": (r["evidence"] or {}).get("text"),
                       "fatalities": r["fatalities"], "status": r["status"], "sources": r["sources"]}
                      for r in e["reports"]],
        "coder": f"rasid {e['rasid_version']}", "coded_date": (e["updated_at"] or "")[:10],
    }


def write_plover_jsonl(events: list[dict], out: IO[str]) -> int:
    for e in events:
        out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
    return len(events)


def geojson(events: list[dict]) -> dict[str, Any]:
    """The events that have coordinates, as a GeoJSON FeatureCollection of points."""
    features = []
    for e in events:
        loc = e["location"] or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        props = {k: v for k, v in plover_record(e).items() if k not in ("location", "event_loc", "cite_info")}
        props |= {"acled_type": e["acled_type"], "acled_subtype": e["acled_subtype"], "place": loc.get("name"),
                  "sources": _outlets(e), "n_reports": len(e["reports"])}
        features.append({"type": "Feature", "id": e["id"], "properties": props,
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: list[dict], out: IO[str]) -> int:
    doc = geojson(events)
    json.dump(doc, out, ensure_ascii=False)
    out.write("\n")
    return len(doc["features"])


def write_json(events: list[dict], out: IO[str]) -> int:
    from rasid import __version__

    json.dump({"rasid": __version__, "events": events}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(events)


def flat_rows(events: list[dict]) -> list[dict[str, Any]]:
    """Every event as one flat row: ACLED's columns (empty where ACLED would not code it) and PLOVER's."""
    rows = []
    for e in events:
        row = acled_row(e)
        if not e["acled_type"]:
            row["actor1"] = (e["actor1"] or {}).get("name") or ""
        row |= {"event_id": e["id"], "plover_event": e["plover"], "plover_mode": e["mode"], "status": e["status"],
                "date_first": (e["date_range"] or [None])[0], "date_last": (e["date_range"] or [None, None])[1],
                "claimed_by": "; ".join(e["claimed_by"]), "denied_by": "; ".join(e["denied_by"]),
                "n_reports": len(e["reports"]), "rasid_version": e["rasid_version"], "kb_digest": e["kb_digest"]}
        rows.append(row)
    return rows


def write_parquet(events: list[dict], path: str) -> int:
    from rasid.store.ingest import MissingExtraError

    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("pyarrow is not installed: install rasid[parquet] to export Parquet") from None
    ints = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
            "timestamp", "n_reports"}
    floats = {"latitude", "longitude"}
    rows = flat_rows(events)
    columns = list(ACLED_COLUMNS) + ["event_id", "plover_event", "plover_mode", "status", "date_first", "date_last",
                                     "claimed_by", "denied_by", "n_reports", "rasid_version", "kb_digest"]
    schema = pa.schema([(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
                        for c in columns])
    table = pa.table({c: [r.get(c) for r in rows] for c in columns}, schema=schema)
    pq.write_table(table, path)
    return len(rows)
