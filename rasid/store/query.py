"""Reading the dataset: filter events, load them with their reports, and explain one event.

`load_events(conn, EventFilter(since="2018-03-01", country="Syria"))` gives plain dicts (an
event, its place and every supporting report with outlet, date, evidence, figure, stance and
why it was merged); the export formats and `rasid show` are pure functions of those dicts.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from rasid.errors import StoreError
from rasid.output import isolate
from rasid.kb.countries import country_info

_PLACE_FIELDS = ("name_ar", "name_en", "lat", "lon", "admin1", "admin2", "admin3", "pcode", "feature_type",
                 "country")
_EVENT_COLUMNS = ("e.*, a1.country AS actor1_country, a2.country AS actor2_country, "
                  + ", ".join("p." + c for c in _PLACE_FIELDS))
_EVENT_JOINS = ("LEFT JOIN places p ON p.id = e.place_ref LEFT JOIN actors a1 ON a1.ref = e.actor1_ref "
                "LEFT JOIN actors a2 ON a2.ref = e.actor2_ref")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every given field must hold (substring matches, case-insensitive)."""

    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    actor: str | None = None  # a registry id, name or the words a report used
    place: str | None = None  # a place or any admin area above it, by name, id or pcode
    type: str | None = None  # a PLOVER event, ACLED event type or sub-event type
    country: str | None = None  # a name or ISO code
    limit: int | None = None


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(f: EventFilter) -> tuple[str, list]:
    clauses, params = [], []
    if f.since:
        clauses.append("coalesce(e.date, e.date_last) >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("coalesce(e.date, e.date_first) <= ?")
        params.append(f.until)
    if f.actor:
        clauses.append("""(e.actor1_ref LIKE ?1 ESCAPE '\\' OR e.actor1_name LIKE ?1 ESCAPE '\\'
            OR e.actor2_ref LIKE ?1 ESCAPE '\\' OR e.actor2_name LIKE ?1 ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM event_reports er JOIN reports r ON r.id = er.report_id WHERE er.event_id = e.id
                       AND (r.actor1_text LIKE ?1 ESCAPE '\\' OR r.actor2_text LIKE ?1 ESCAPE '\\')))""".replace(
            "?1", "?"))
        params += [_like(f.actor)] * 6
    if f.place:
        clauses.append("""(e.place_ref = ? OR e.place_name LIKE ? ESCAPE '\\' OR p.name_en LIKE ? ESCAPE '\\'
            OR p.name_ar LIKE ? ESCAPE '\\' OR p.admin1 LIKE ? ESCAPE '\\' OR p.admin2 LIKE ? ESCAPE '\\'
            OR p.admin3 LIKE ? ESCAPE '\\' OR p.pcode = ? OR p.ancestors LIKE ? ESCAPE '\\')""")
        params += [f.place] + [_like(f.place)] * 6 + [f.place, _like(f'"{f.place}"')]
    if f.type:
        clauses.append("(upper(e.plover) = upper(?) OR e.acled_type LIKE ? ESCAPE '\\' "
                       "OR e.acled_subtype LIKE ? ESCAPE '\\')")
        params += [f.type, _like(f.type), _like(f.type)]
    if f.country:
        info = country_info(f.country)
        clauses.append("(e.country LIKE ? ESCAPE '\\' OR e.country = ?)")
        params += [_like(f.country), info.name if info else f.country]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def select_events(conn: sqlite3.Connection, f: EventFilter = EventFilter()) -> list[sqlite3.Row]:
    """The events rows (with their place) that pass the filter, by date then id."""
    where, params = _where(f)
    sql = (f"SELECT {_EVENT_COLUMNS} FROM events e {_EVENT_JOINS}{where} "
           "ORDER BY coalesce(e.date, e.date_first) IS NULL, coalesce(e.date, e.date_first), e.id")
    if f.limit:
        sql += f" LIMIT {int(f.limit)}"
    return conn.execute(sql, params).fetchall()


def _party(row, slot: str) -> dict | None:
    if not (row[f"{slot}_ref"] or row[f"{slot}_name"]):
        return None
    return {"ref": row[f"{slot}_ref"], "name": row[f"{slot}_name"], "category": row[f"{slot}_category"],
            "country": row[f"{slot}_country"]}


def _reports(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {eid: [] for eid in event_ids}
    for k in range(0, len(event_ids), 500):
        chunk = event_ids[k:k + 500]
        rows = conn.execute(f"""SELECT er.event_id, er.reason, r.*, a.doc_id, a.outlet, a.published, a.url, a.title
            FROM event_reports er JOIN reports r ON r.id = er.report_id JOIN articles a ON a.id = r.article_id
            WHERE er.event_id IN ({','.join('?' * len(chunk))}) ORDER BY er.rowid""", chunk).fetchall()
        ids = [r["id"] for r in rows]
        claims: dict[str, list[dict]] = {}
        for c in conn.execute(f"SELECT * FROM claims WHERE report_id IN ({','.join('?' * len(ids))}) ORDER BY n", ids):
            claims.setdefault(c["report_id"], []).append(
                {"who": c["who"], "ref": c["ref"], "stance": c["stance"], "via": c["via"], "text": c["text"]})
        for r in rows:
            data = json.loads(r["data"])
            fat = data.get("fatalities")
            out[r["event_id"]].append({
                "id": r["id"], "article_id": r["article_id"], "doc_id": r["doc_id"], "outlet": r["outlet"],
                "published": r["published"], "url": r["url"], "title": r["title"],
                "evidence": data.get("evidence"), "trigger": data.get("trigger"),
                "actor1": r["actor1_name"], "actor2": r["actor2_name"], "place": r["place_name"],
                "date": r["date"], "date_range": [r["date_first"], r["date_last"]] if r["date_first"] else None,
                "time_precision": r["time_precision"], "fatalities": fat, "status": r["status"],
                "claimed_by": data.get("claimed_by") or [], "denied_by": data.get("denied_by") or [],
                "sources": claims.get(r["id"], []), "reason": r["reason"],
                "rasid_version": r["rasid_version"], "kb_digest": r["kb_digest"],
            })
    return out


def event_dict(row: sqlite3.Row, reports: list[dict]) -> dict:
    """One dataset event as a plain dict: its fields, its place, and its reports."""
    location = None
    if row["place_ref"] or row["place_name"]:
        location = {"ref": row["place_ref"], "name": row["place_name"], "geo_precision": row["geo_precision"]}
        location |= {k: row[k] for k in _PLACE_FIELDS}
    return {
        "id": row["id"], "plover": row["plover"], "mode": row["mode"], "acled_type": row["acled_type"],
        "acled_subtype": row["acled_subtype"], "actor1": _party(row, "actor1"), "actor2": _party(row, "actor2"),
        "location": location, "country": row["country"], "date": row["date"],
        "date_range": [row["date_first"], row["date_last"]] if row["date_first"] else None,
        "time_precision": row["time_precision"], "fatalities": row["fatalities"], "civilian": bool(row["civilian"]),
        "status": row["status"], "claimed_by": json.loads(row["claimed_by"]), "denied_by": json.loads(row["denied_by"]),
        "rasid_version": row["rasid_version"], "kb_digest": row["kb_digest"], "updated_at": row["updated_at"],
        "reports": reports,
    }


def load_events(conn: sqlite3.Connection, f: EventFilter = EventFilter()) -> list[dict]:
    """The events that pass the filter, each with its place and supporting reports."""
    rows = select_events(conn, f)
    reports = _reports(conn, [r["id"] for r in rows])
    return [event_dict(r, reports[r["id"]]) for r in rows]


def find_event_id(conn: sqlite3.Connection, text: str) -> str:
    """The event id a user typed: exact, any case, with an ACLED country prefix, or a unique prefix."""
    key = text.strip().upper()
    candidates = [key, key[3:]] if len(key) > 3 and key[:3].isalpha() and key[3:4] == "E" else [key]
    for k in candidates:
        if conn.execute("SELECT 1 FROM events WHERE id = ?", (k,)).fetchone():
            return k
    found = [r[0] for r in conn.execute("SELECT id FROM events WHERE id LIKE ? LIMIT 2", (_like(key)[1:],))]
    if len(found) == 1:
        return found[0]
    raise StoreError(f"no event {text!r}" + (" (several ids start so: type more)" if found else
                                               ": see `rasid events` for the ids"))


def load_event(conn: sqlite3.Connection, event_id: str) -> dict:
    eid = find_event_id(conn, event_id)
    row = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events e {_EVENT_JOINS} WHERE e.id = ?", (eid,)).fetchone()
    return event_dict(row, _reports(conn, [eid])[eid])


def _cut(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _name(party: dict | None) -> str | None:
    return (party.get("name") or party.get("ref")) if party else None


def events_table(events: list[dict]) -> str:
    """A terminal table of events, right-to-left safe."""
    lines = [f"{'id':<11} {'date':<10} {'type':<32} {'killed':>6} {'reports':>7}  actor1 / actor2 @ place"]
    for e in events:
        kind = _cut(e["acled_subtype"] or e["acled_type"] or e["plover"], 32)
        when = e["date"] or (e["date_range"] or ["?"])[0]
        killed = "" if e["fatalities"] is None else str(e["fatalities"])
        where = e["location"]["name"] if e["location"] else None
        lines.append(f"{e['id']:<11} {when:<10} {kind:<32} {killed:>6} {len(e['reports']):>7}  "
                     f"{isolate(_cut(_name(e['actor1']), 30))} / {isolate(_cut(_name(e['actor2']), 30))}"
                     f" @ {isolate(_cut(where, 30))}")
    lines.append(f"{len(events)} events")
    return "\n".join(lines) + "\n"


def explain_event(e: dict) -> str:
    """Why an event is what it is: every report, its evidence, figure and stance, and why it was merged."""
    loc = e["location"] or {}
    when = e["date"] or ("..".join(e["date_range"]) if e["date_range"] else "?")
    figures = [f"{r['outlet'] or r['doc_id'] or r['article_id']} {r['fatalities']['min']}"
               for r in e["reports"] if r["fatalities"] and r["fatalities"].get("min") is not None]
    lines = [f"event {e['id']}  {' / '.join(x for x in (e['plover'], e['acled_type'], e['acled_subtype']) if x)}",
             f"  date {when} (time precision {e['time_precision'] or '-'})  place {isolate(loc.get('name'))}"
             f" ({loc.get('ref') or 'no gazetteer id'})  country {e['country'] or '-'}",
             f"  actor1 {isolate(_name(e['actor1']))}  actor2 {isolate(_name(e['actor2']))}",
             f"  fatalities {e['fatalities'] if e['fatalities'] is not None else '-'}"
             + (f" (the lowest of: {'; '.join(figures)})" if len(figures) > 1 else "")
             + f"  status {e['status']}"
             + (f"  claimed by {', '.join(e['claimed_by'])}" if e["claimed_by"] else "")
             + (f"  denied by {', '.join(e['denied_by'])}" if e["denied_by"] else ""),
             f"  {len(e['reports'])} report(s):"]
    for n, r in enumerate(e["reports"], 1):
        stance = "; ".join(f"{s['stance']} {s['who'] or ''}".strip() for s in r["sources"]) or "the outlet's own"
        lines.append(f"  {n}. {r['id']}  {r['outlet'] or '-'}  published {r['published'] or '-'}  "
                     f"date {r['date'] or '-'}  status {r['status']}  source: {stance}")
        lines.append(f"     evidence «{isolate(_cut((r['evidence'] or {}).get('text'), 160))}»")
        if r["fatalities"]:
            low, high = r["fatalities"].get("min"), r["fatalities"].get("max")
            lines.append(f"     killed {low}{'–' + str(high) if high not in (None, low) else ''}"
                         f" «{isolate(r['fatalities'].get('text'))}»")
        lines.append(f"     why: {r['reason']}")
    if len(e["reports"]) > 1:
        lines.append(f"A wrong merge? `rasid split {e['id']} REPORT_ID...` moves those reports to an event of their own.")
    return "\n".join(lines) + "\n"
