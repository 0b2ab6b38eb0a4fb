"""Reports into dataset events: one occurrence told by several articles or outlets becomes one event.

A report joins an event when they have the same type (PLOVER event, ACLED type, and ACLED
sub-type where both have one), compatible actors (the same registry id, or one nested in the
other as `syr.gov` holds `syr.gov.forces`; a side one report leaves unknown contradicts
nothing; battles have no direction), the same place or one inside the other, and dates whose
ranges by time precision overlap (a range over a month is a campaign, not an occurrence, and
is never merged). Two events of one article never merge (the coder already
kept them apart), nor two reports a user split apart. Every membership keeps its reason, and
`split_event` undoes a wrong merge. Negated events are not dataset events.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass

from rasid.errors import StoreError
from rasid.stages.normalize import normalize_for_matching
from rasid.kb.countries import country_info
from rasid.store.db import content_hash

FIRST_REASON = "first report of this event"
MAX_DAYS = 31  # the widest date range (a month: time precision 3) that can still be one occurrence
_FACTS_SQL = """SELECT {t}.*, p.keys AS place_keys, p.ancestors AS place_ancestors, p.country AS place_country
                FROM {t} LEFT JOIN places p ON p.id = {t}.place_ref"""


@dataclass(frozen=True, slots=True)
class Party:
    ref: str | None
    name: str | None
    category: int | None


@dataclass(frozen=True, slots=True)
class Where:
    ref: str | None
    name: str | None
    keys: frozenset[str]
    ancestors: frozenset[str]


@dataclass(frozen=True, slots=True)
class Facts:
    """What matching needs to know of a report or an event."""

    id: str
    plover: str
    acled_type: str | None
    acled_subtype: str | None
    planned: bool
    actor1: Party | None
    actor2: Party | None
    place: Where | None
    first: str | None
    last: str | None


def _party(row, slot: str) -> Party | None:
    ref, name, cat = row[f"{slot}_ref"], row[f"{slot}_name"], row[f"{slot}_category"]
    return Party(ref, name, cat) if ref or name else None


def facts_of(row) -> Facts:
    """Facts of a reports or events row joined with its place (see `_FACTS_SQL`)."""
    place = None
    if row["place_ref"] or row["place_name"]:
        keys = set(json.loads(row["place_keys"] or "[]")) | ({row["place_ref"]} if row["place_ref"] else set())
        place = Where(row["place_ref"], row["place_name"], frozenset(keys),
                      frozenset(json.loads(row["place_ancestors"] or "[]")))
    return Facts(row["id"], row["plover"], row["acled_type"], row["acled_subtype"], row["status"] == "planned",
                 _party(row, "actor1"), _party(row, "actor2"), place, row["date_first"], row["date_last"])


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalize_for_matching(a).lower().strip() == normalize_for_matching(b).lower().strip()


def match_party(a: Party | None, b: Party | None) -> tuple[int, str] | None:
    """(score, reason) when two actors can be the same, else None."""
    if a is None or b is None:
        return 0, "unknown in one report"
    if a.ref and b.ref:
        if a.ref == b.ref:
            return 2, f"same actor {a.ref}"
        if a.ref.startswith(b.ref + ".") or b.ref.startswith(a.ref + "."):
            return 1, f"{a.ref} and {b.ref} nest"
        return None
    if _same_name(a.name, b.name):
        return 1, f"same name {a.name}"
    if a.category is not None and b.category is not None and a.category != b.category:
        return None
    return 0, f"{a.name or a.ref} and {b.name or b.ref} not contradicted"


def match_place(p: Where | None, q: Where | None) -> tuple[int, str] | None:
    if p is None and q is None:
        return 0, "no place in either"
    if p is None or q is None:
        return None
    if p.ref and q.ref:
        if p.ref == q.ref:
            return 3, f"same place {p.name or p.ref}"
        if p.keys & q.ancestors:
            return 2, f"{q.name or q.ref} lies in {p.name or p.ref}"
        if q.keys & p.ancestors:
            return 2, f"{p.name or p.ref} lies in {q.name or q.ref}"
        return None
    if _same_name(p.name, q.name):
        return 1, f"same place name {p.name}"
    return None


def _days(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1


def match_dates(r: Facts, e: Facts) -> tuple[int, str] | None:
    if r.first is None and e.first is None:
        return 0, "no date in either"
    if r.first is None or e.first is None or r.first > e.last or e.first > r.last:
        return None
    if max(_days(r.first, r.last), _days(e.first, e.last)) > MAX_DAYS:
        return None  # a campaign or background period is no single occurrence to match on
    span = r.first if r.first == r.last else f"{r.first}..{r.last}"
    return (1 if (r.first, r.last) == (e.first, e.last) else 0), f"dates {span} within {e.first}..{e.last}"


def compare(r: Facts, e: Facts) -> tuple[int, str] | None:
    """(score, reason) when report `r` can be told of event `e`, else None."""
    if r.plover != e.plover or r.acled_type != e.acled_type or r.planned != e.planned:
        return None
    if r.acled_subtype and e.acled_subtype and r.acled_subtype != e.acled_subtype:
        return None
    kind = " / ".join(x for x in (r.plover, r.acled_subtype or e.acled_subtype) if x)
    place, dates = match_place(r.place, e.place), match_dates(r, e)
    if place is None or dates is None:
        return None
    sides = [match_party(r.actor1, e.actor1), match_party(r.actor2, e.actor2)]
    if None in sides and r.acled_type == "Battles":  # a battle's sides have no order
        sides = [match_party(r.actor1, e.actor2), match_party(r.actor2, e.actor1)]
    if None in sides:
        return None
    score = place[0] + dates[0] + sides[0][0] + sides[1][0]
    reason = f"same type {kind}; {place[1]}; {dates[1]}; actor1: {sides[0][1]}; actor2: {sides[1][1]}"
    return score, reason


def new_event_id(conn: sqlite3.Connection, report_id: str) -> str:
    """A stable id from the event's first report: the same history gives the same ids."""
    for k in range(1000):
        eid = "E" + content_hash(report_id, str(k) if k else None)[:10].upper()
        if conn.execute("SELECT 1 FROM events WHERE id = ?", (eid,)).fetchone() is None:
            return eid
    raise StoreError(f"no free event id for report {report_id}")


def _blocked(conn: sqlite3.Connection, report_id: str, article_id: str, event_id: str) -> bool:
    """A report may not join an event holding its own article's report, or a report split from it."""
    return conn.execute(
        """SELECT 1 FROM event_reports er JOIN reports r ON r.id = er.report_id WHERE er.event_id = ?
           AND (r.article_id = ? OR EXISTS (SELECT 1 FROM cannot_link c WHERE (c.report_a = ? AND c.report_b = r.id)
                                                                          OR (c.report_b = ? AND c.report_a = r.id)))
           LIMIT 1""", (event_id, article_id, report_id, report_id)).fetchone() is not None


def merge_report(conn: sqlite3.Connection, report_id: str, version: str, digest: str, now: str) -> str | None:
    """Put a report into the best compatible event, or found a new one; return the event id."""
    row = conn.execute(_FACTS_SQL.format(t="reports") + " WHERE reports.id = ?", (report_id,)).fetchone()
    if row is None or row["negated"]:
        return None
    r = facts_of(row)
    candidates = [] if r.first and _days(r.first, r.last) > MAX_DAYS else conn.execute(
        _FACTS_SQL.format(t="events") + """ WHERE events.plover = ? AND ((? IS NULL AND events.date_first IS NULL)
        OR (events.date_last >= ? AND events.date_first <= ?
            AND julianday(events.date_last) - julianday(events.date_first) < ?)) ORDER BY events.id""",
        (r.plover, r.first, r.first, r.last, MAX_DAYS)).fetchall()
    best: tuple[int, str, str] | None = None
    for cand in candidates:
        found = compare(r, facts_of(cand))
        if found and (best is None or found[0] > best[0]) and not _blocked(conn, r.id, row["article_id"], cand["id"]):
            best = (found[0], found[1], cand["id"])
    event_id, reason = (best[2], best[1]) if best else (new_event_id(conn, r.id), FIRST_REASON)
    conn.execute("INSERT INTO event_reports (report_id, event_id, reason) VALUES (?, ?, ?)", (r.id, event_id, reason))
    refresh_event(conn, event_id, version, digest, now)
    return event_id


def _most_specific_party(parties: list[Party | None]) -> Party | None:
    known = [p for p in parties if p]
    if not known:
        return None
    return max(known, key=lambda p: (p.ref is not None, (p.ref or "").count("."), p.name is not None))


def _aligned(founder: Facts, f: Facts) -> tuple[Party | None, Party | None]:
    """A member's actors in the founder's order (a battle told the other way round is swapped)."""
    direct = [match_party(f.actor1, founder.actor1), match_party(f.actor2, founder.actor2)]
    if None in direct and f.acled_type == "Battles":
        return f.actor2, f.actor1
    return f.actor1, f.actor2


def _union(lists) -> list[str]:
    return list(dict.fromkeys(x for lst in lists for x in lst if x))


def summarize(rows: list, claims: list) -> dict:
    """The dataset event's own fields from its member reports (first member first)."""
    facts = [facts_of(r) for r in rows]
    founder = facts[0]
    aligned = [_aligned(founder, f) for f in facts]
    actor1 = _most_specific_party([a for a, _ in aligned])
    actor2 = _most_specific_party([b for _, b in aligned])
    placed = [(f.place, r) for f, r in zip(facts, rows) if f.place]
    place, place_row = max(placed, key=lambda x: (x[0].ref is not None, len(x[0].ancestors),
                                                  -(x[1]["geo_precision"] or 9))) if placed else (None, None)
    dated = [(f, r) for f, r in zip(facts, rows) if f.first]
    first = max((f.first for f, _ in dated), default=None)
    last = min((f.last for f, _ in dated), default=None)
    if first and last and first > last:
        first, last = founder.first, founder.last
    precise = min(((r["time_precision"] or 9, i) for i, (_, r) in enumerate(dated) if r["date"]), default=None)
    figures = [r["fatalities_min"] for r in rows if r["fatalities_min"] is not None]
    datas = [json.loads(r["data"]) for r in rows]
    claimed_by = _union([d.get("claimed_by") or [] for d in datas] + [[c["who"] for c in claims if c["stance"] == "claims"]])
    denied_by = _union([d.get("denied_by") or [] for d in datas] + [[c["who"] for c in claims if c["stance"] == "denies"]])
    statuses = {r["status"] for r in rows}
    status = ("denied" if "denied" in statuses or denied_by else
              "claimed" if statuses == {"claimed"} else "planned" if statuses == {"planned"} else "reported")
    country = place_row["place_country"] if place_row is not None else None
    info = country_info(country)
    return {
        "plover": founder.plover, "acled_type": founder.acled_type,
        "acled_subtype": _most_common([r["acled_subtype"] for r in rows]), "mode": _most_common([r["mode"] for r in rows]),
        "actor1_ref": actor1.ref if actor1 else None, "actor1_name": actor1.name if actor1 else None,
        "actor1_category": actor1.category if actor1 else None,
        "actor2_ref": actor2.ref if actor2 else None, "actor2_name": actor2.name if actor2 else None,
        "actor2_category": actor2.category if actor2 else None,
        "place_ref": place.ref if place else None, "place_name": place.name if place else None,
        "geo_precision": place_row["geo_precision"] if place_row is not None else None,
        "country": info.name if info else country,
        "date": dated[precise[1]][1]["date"] if precise else None, "date_first": first, "date_last": last,
        "time_precision": dated[precise[1]][1]["time_precision"] if precise else None,
        "fatalities": min(figures) if figures else None,
        "civilian": int(any(r["civilian"] for r in rows if r["fatalities_min"] is not None)),
        "status": status, "claimed_by": json.dumps(claimed_by, ensure_ascii=False),
        "denied_by": json.dumps(denied_by, ensure_ascii=False), "n_reports": len(rows),
    }


def _most_common(values: list) -> str | None:
    counts = Counter(v for v in values if v)
    return max(counts, key=lambda v: (counts[v], -values.index(v))) if counts else None


def refresh_event(conn: sqlite3.Connection, event_id: str, version: str, digest: str, now: str) -> None:
    """Recompute an event from its reports; an event left without reports is deleted."""
    rows = conn.execute(_FACTS_SQL.format(t="reports") + """ JOIN event_reports er ON er.report_id = reports.id
                        WHERE er.event_id = ? ORDER BY er.rowid""", (event_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    claims = conn.execute(f"SELECT who, stance FROM claims WHERE report_id IN ({','.join('?' * len(rows))}) "
                          "ORDER BY report_id, n", [r["id"] for r in rows]).fetchall()
    fields = summarize(rows, claims) | {"rasid_version": version, "kb_digest": digest, "updated_at": now}
    cols = list(fields)
    conn.execute(f"""INSERT INTO events (id, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})
                     ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in cols)}""",
                 [event_id] + [fields[c] for c in cols])


def split_event(conn: sqlite3.Connection, event_id: str, report_ids: list[str], version: str, digest: str,
                now: str) -> str:
    """Move the given reports of an event into a new event, and keep them apart from the rest from now on."""
    members = [r[0] for r in conn.execute("SELECT report_id FROM event_reports WHERE event_id = ? ORDER BY rowid",
                                          (event_id,))]
    if not members:
        raise StoreError(f"no event {event_id}: see `rasid events` for the ids")
    moving = [m for m in members if m in report_ids or m.split(":")[0] in report_ids]
    unknown = [r for r in report_ids if not any(m == r or m.split(":")[0] == r for m in members)]
    if unknown:
        raise StoreError(f"not reports of {event_id}: {', '.join(unknown)} (see `rasid show {event_id}`)")
    staying = [m for m in members if m not in moving]
    if not moving or not staying:
        raise StoreError(f"a split must leave reports on both sides: name some, not all, reports of {event_id}")
    new_id = new_event_id(conn, moving[0])
    for m in moving:
        conn.execute("UPDATE event_reports SET event_id = ?, reason = ? WHERE report_id = ?",
                     (new_id, f"split from {event_id} by a user on {now[:10]}", m))
    conn.executemany("INSERT OR IGNORE INTO cannot_link (report_a, report_b, made_at) VALUES (?, ?, ?)",
                     [(*sorted((a, b)), now) for a in moving for b in staying])
    refresh_event(conn, event_id, version, digest, now)
    refresh_event(conn, new_id, version, digest, now)
    return new_id
