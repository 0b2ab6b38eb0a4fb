"""The dataset database: one SQLite file in WAL mode, its schema applied as named migrations.

Tables: `articles` (content-hash id, metadata, text, the rasid version and knowledge-base
digest that processed it), `failures` (inputs that could not be read, with the reason),
`mentions`, `places`, `actors`, `reports` (one event as one article tells it), `claims` (who
asserts or denies a report), `events` (dataset events, each merged from one or more reports),
`event_reports` (membership, with why each report joined) and `cannot_link` (pairs a user split
apart, which the merge respects from then on).
"""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rasid.errors import StoreError

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_articles", """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,              -- content hash of outlet + text
            doc_id TEXT,                      -- the id the source gave (file stem, JSON "id")
            origin TEXT NOT NULL,             -- where it was read: path, path:line, feed#entry
            outlet TEXT, published TEXT, url TEXT, title TEXT,
            text TEXT NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            rasid_version TEXT NOT NULL, kb_digest TEXT NOT NULL,
            ingested_at TEXT NOT NULL, processed_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE failures (
            origin TEXT PRIMARY KEY,
            kind TEXT NOT NULL,               -- decode | empty | too-large | json | no-text | read | format
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
    """),
    ("0002_entities", """
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            mention_id TEXT NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, ref TEXT, source TEXT,
            attrs TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (article_id, mention_id)
        );
        CREATE INDEX mentions_ref ON mentions(ref);
        CREATE TABLE places (
            id TEXT PRIMARY KEY, name_ar TEXT, name_en TEXT, lat REAL, lon REAL,
            admin1 TEXT, admin2 TEXT, admin3 TEXT, pcode TEXT, feature_type TEXT,
            geo_precision INTEGER, country TEXT,
            keys TEXT NOT NULL DEFAULT '[]',      -- what names this place as a container
            ancestors TEXT NOT NULL DEFAULT '[]', -- the containers it lies inside
            data TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE actors (
            ref TEXT PRIMARY KEY, name TEXT, category INTEGER, country TEXT
        );
    """),
    ("0003_reports_events", """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY,              -- article id : event id in the document
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            plover TEXT NOT NULL, mode TEXT, acled_type TEXT, acled_subtype TEXT,
            actor1_ref TEXT, actor1_name TEXT, actor1_category INTEGER, actor1_text TEXT,
            actor2_ref TEXT, actor2_name TEXT, actor2_category INTEGER, actor2_text TEXT,
            place_ref TEXT, place_name TEXT, geo_precision INTEGER,
            date TEXT, date_first TEXT, date_last TEXT, time_precision INTEGER,
            fatalities_min INTEGER, fatalities_max INTEGER, civilian INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL, negated INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,               -- the event exactly as Event.to_dict() gave it
            rasid_version TEXT NOT NULL, kb_digest TEXT NOT NULL
        );
        CREATE INDEX reports_article ON reports(article_id);
        CREATE TABLE claims (
            report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            n INTEGER NOT NULL, who TEXT, ref TEXT, stance TEXT NOT NULL, via TEXT,
            text TEXT, start INTEGER, "end" INTEGER,
            PRIMARY KEY (report_id, n)
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            plover TEXT NOT NULL, mode TEXT, acled_type TEXT, acled_subtype TEXT,
            actor1_ref TEXT, actor1_name TEXT, actor1_category INTEGER,
            actor2_ref TEXT, actor2_name TEXT, actor2_category INTEGER,
            place_ref TEXT, place_name TEXT, geo_precision INTEGER, country TEXT,
            date TEXT, date_first TEXT, date_last TEXT, time_precision INTEGER,
            fatalities INTEGER, civilian INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL, claimed_by TEXT NOT NULL DEFAULT '[]', denied_by TEXT NOT NULL DEFAULT '[]',
            n_reports INTEGER NOT NULL,
            rasid_version TEXT NOT NULL, kb_digest TEXT NOT NULL, updated_at TEXT NOT NULL
        );
        CREATE INDEX events_match ON events(plover, date_last);
        CREATE TABLE event_reports (
            report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
            reason TEXT NOT NULL
        );
        CREATE INDEX event_reports_event ON event_reports(event_id);
        CREATE TABLE cannot_link (
            report_a TEXT NOT NULL, report_b TEXT NOT NULL, made_at TEXT NOT NULL,
            PRIMARY KEY (report_a, report_b)
        );
    """),
)


def content_hash(*parts: str | None) -> str:
    """A short, stable id for some content: the first 16 hex digits of its SHA-256."""
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks, each in its own transaction; return their names."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
        applied.append(name)
    return applied


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the dataset database at `path` and bring its schema up to date."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"cannot create the database {path}: folder {path.parent} does not exist")
    try:
        # autocommit mode: transactions are explicit, through `transaction`
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process, fast commits
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open the database {path}: {e} (is it a rasid database?)") from e
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (Ctrl-C included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
