"""A processed article into rows: the article, its mentions, places, actors, reports and claims.

Works on the output contract, `Document.to_dict()`, so a stored dataset can also be fed
documents that another rasid (or a reviewer) produced. A report is one event as one article
tells it; `rasid.store.merge` groups reports into dataset events.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3
from functools import lru_cache
from typing import Any

from rasid.store.ingest import Article

_MENTION_FIELDS = ("id", "type", "text", "start", "end", "ref", "source")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def date_interval(event: dict) -> tuple[str | None, str | None]:
    """The first and last day an event may have happened on, from its date and time precision.

    Precision 1 is the day, 2 the week (the date is its middle day), 3 the month.
    """
    rng = event.get("date_range")
    if rng and len(rng) == 2 and rng[0] and rng[1]:
        return str(rng[0])[:10], str(rng[1])[:10]
    date = event.get("date")
    if not date:
        return None, None
    try:
        day = dt.date.fromisoformat(str(date)[:10])
    except ValueError:
        return None, None
    precision = event.get("time_precision") or 1
    if precision == 2:
        return (day - dt.timedelta(days=3)).isoformat(), (day + dt.timedelta(days=3)).isoformat()
    if precision >= 3:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1).isoformat(), day.replace(day=last).isoformat()
    return day.isoformat(), day.isoformat()


def place_keys(place: dict) -> tuple[list[str], list[str]]:
    """What names a place as a container (its id, pcode) and the containers it lies inside.

    A place is inside another when one of its admin pcodes or `within` ids names the other: a
    town with admin2_pcode SY0303 lies in the district whose pcode is SY0303. A country contains
    no place here: "somewhere in Syria" is too coarse to say two reports tell one occurrence.
    """
    own = [str(x) for x in (place.get("id"), place.get("pcode")) if x]
    ancestors = [str(place[k]) for k in ("admin1_pcode", "admin2_pcode", "admin3_pcode") if place.get(k)]
    within = place.get("within") or []
    ancestors += [str(w) for w in ([within] if isinstance(within, str) else within)]
    ancestors = [a for a in dict.fromkeys(ancestors) if a not in own]
    return sorted(set(own)), ancestors


def _arg(arg: dict | None) -> tuple[str | None, str | None, int | None]:
    if not arg:
        return None, None, None
    return arg.get("ref"), arg.get("name") or arg.get("text"), arg.get("category")


def report_row(article_id: str, event: dict, version: str, digest: str) -> dict:
    """The reports row of one event of an article."""
    first, last = date_interval(event)
    fat = event.get("fatalities") or {}
    loc = event.get("location") or {}
    a1, a2 = _arg(event.get("actor1")), _arg(event.get("actor2"))
    return {
        "id": f"{article_id}:{event['id']}", "article_id": article_id,
        "plover": event["plover"], "mode": event.get("mode"),
        "acled_type": event.get("acled_type"), "acled_subtype": event.get("acled_subtype"),
        "actor1_ref": a1[0], "actor1_name": a1[1], "actor1_category": a1[2],
        "actor1_text": (event.get("actor1") or {}).get("text"),
        "actor2_ref": a2[0], "actor2_name": a2[1], "actor2_category": a2[2],
        "actor2_text": (event.get("actor2") or {}).get("text"),
        "place_ref": loc.get("ref"), "place_name": loc.get("name") or loc.get("text"),
        "geo_precision": loc.get("geo_precision"),
        "date": (str(event["date"])[:10] if event.get("date") else None), "date_first": first, "date_last": last,
        "time_precision": event.get("time_precision"),
        "fatalities_min": fat.get("min"), "fatalities_max": fat.get("max"), "civilian": int(bool(fat.get("civilian"))),
        "status": event.get("status") or "reported", "negated": int(bool(event.get("negated"))),
        "data": _dumps(event), "rasid_version": version, "kb_digest": digest,
    }


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if rows:
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(map(_quote, cols))}) VALUES ({', '.join('?' * len(cols))})"
        conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])


def _quote(col: str) -> str:
    return f'"{col}"'


def _upsert_places(conn: sqlite3.Connection, places: list[dict]) -> None:
    for p in places:
        if not p.get("id"):
            continue
        keys, ancestors = place_keys(p)
        conn.execute(
            """INSERT INTO places (id, name_ar, name_en, lat, lon, admin1, admin2, admin3, pcode, feature_type,
                                   geo_precision, country, keys, ancestors, data)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(id) DO UPDATE SET name_ar=excluded.name_ar, name_en=excluded.name_en, lat=excluded.lat,
                 lon=excluded.lon, admin1=excluded.admin1, admin2=excluded.admin2, admin3=excluded.admin3,
                 pcode=excluded.pcode, feature_type=excluded.feature_type, geo_precision=excluded.geo_precision,
                 country=excluded.country, keys=excluded.keys, ancestors=excluded.ancestors, data=excluded.data
               WHERE places.data != excluded.data""",
            (str(p["id"]), p.get("name_ar"), p.get("name_en"), p.get("lat"), p.get("lon"), p.get("admin1"),
             p.get("admin2"), p.get("admin3"), p.get("pcode"), p.get("feature_type"), p.get("geo_precision"),
             p.get("country"), _dumps(keys), _dumps(ancestors), _dumps(p)))


@lru_cache(maxsize=1)
def _registry():
    """The actor registry, or None where the knowledge base is not installed."""
    try:
        from rasid.kb.actors import load_registry

        return load_registry()
    except Exception:  # the store works on documents alone; the registry only adds names and countries
        return None


def _upsert_actors(conn: sqlite3.Connection, doc: dict) -> None:
    found: dict[str, tuple] = {}
    for a in doc.get("actors") or []:
        ref = a.get("ref") or a.get("id")
        if ref:
            found[str(ref)] = (a.get("name") or a.get("name_en"), a.get("category"), a.get("country"))
    for e in doc.get("events") or []:
        for arg in (e.get("actor1"), e.get("actor2")):
            if arg and arg.get("ref") and arg["ref"] not in found:
                found[arg["ref"]] = (arg.get("name"), arg.get("category"), None)
    registry = _registry()
    for ref, (name, category, country) in sorted(found.items()):
        known = registry.actors.get(ref) if registry is not None else None
        if known is not None:
            name, category, country = known.name, known.category, known.country
        conn.execute(
            """INSERT INTO actors (ref, name, category, country) VALUES (?,?,?,?)
               ON CONFLICT(ref) DO UPDATE SET name=coalesce(excluded.name, actors.name),
                 category=coalesce(excluded.category, actors.category), country=coalesce(excluded.country, actors.country)
               WHERE (excluded.name, excluded.category, excluded.country) IS NOT (actors.name, actors.category, actors.country)""",
            (ref, name, category if isinstance(category, int) else None, country))


def write_document(conn: sqlite3.Connection, article: Article, doc: dict, version: str, digest: str,
                   now: str, replacing: bool) -> list[str]:
    """Insert (or, `replacing`, update) the article and insert its derived rows; return its report ids.

    The caller holds the transaction and has removed the old derived rows when replacing.
    """
    values = (article.doc_id, article.origin, article.outlet, article.published, article.url, article.title,
              _dumps(list(article.warnings) + list(doc.get("warnings") or [])), version, digest, now)
    if replacing:
        conn.execute("""UPDATE articles SET doc_id=?, origin=?, outlet=?, published=?, url=?, title=?, warnings=?,
                        rasid_version=?, kb_digest=?, processed_at=? WHERE id=?""", values + (article.id,))
    else:
        conn.execute("""INSERT INTO articles (doc_id, origin, outlet, published, url, title, warnings, rasid_version,
                        kb_digest, processed_at, id, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                     values + (article.id, article.text, now))
    mentions = []
    for m in doc.get("mentions") or []:
        attrs = {k: v for k, v in m.items() if k not in _MENTION_FIELDS}
        mentions.append({"article_id": article.id, "mention_id": str(m["id"]), "type": m["type"], "text": m["text"],
                         "start": m["start"], "end": m["end"], "ref": m.get("ref"), "source": m.get("source"),
                         "attrs": _dumps(attrs)})
    _insert(conn, "mentions", mentions)
    _upsert_places(conn, list(doc.get("places") or []))
    _upsert_actors(conn, doc)
    reports, claims = [], []
    for e in doc.get("events") or []:
        row = report_row(article.id, e, version, digest)
        reports.append(row)
        for n, s in enumerate(e.get("sources") or []):
            claims.append({"report_id": row["id"], "n": n, "who": s.get("who"), "ref": s.get("ref"),
                           "stance": s.get("stance") or "asserts", "via": s.get("via"), "text": s.get("text"),
                           "start": s.get("start"), "end": s.get("end")})
    _insert(conn, "reports", reports)
    _insert(conn, "claims", claims)
    return [r["id"] for r in reports]


def delete_derived(conn: sqlite3.Connection, article_id: str) -> list[str]:
    """Delete an article's mentions and reports; return the dataset events that lost a report."""
    affected = [r[0] for r in conn.execute(
        """SELECT DISTINCT er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id
           WHERE r.article_id = ? ORDER BY er.event_id""", (article_id,))]
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM reports WHERE article_id = ?", (article_id,))  # claims, memberships cascade
    return affected
