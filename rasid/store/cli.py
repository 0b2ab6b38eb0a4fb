"""The dataset commands: `rasid ingest`, `reprocess`, `events`, `export`, `show`, `split`; thin shells over rasid.store."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from rasid.errors import StoreError
from rasid.store.export import FORMATS as EXPORT_FORMATS
from rasid.store.ingest import FORMATS as INPUT_FORMATS


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, help="the dataset database (default: store.db in settings, rasid.db; "
                                           "RASID_DB overrides)")


def _filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", help="events on or after YYYY-MM-DD")
    p.add_argument("--until", help="events on or before YYYY-MM-DD")
    p.add_argument("--actor", help="an actor's registry id, name, or the words a report used")
    p.add_argument("--place", help="a place or an area that contains it: name, gazetteer id or pcode")
    p.add_argument("--type", help="a PLOVER event (ASSAULT), ACLED event type or sub-event type")
    p.add_argument("--country", help="a country name or ISO code")
    p.add_argument("--limit", type=int)


def register(sub) -> None:
    """Add the dataset commands to the top-level `rasid` subparsers."""
    p = sub.add_parser("ingest", help="read articles (files, folders, JSON Lines, HTML, feeds, WARC, URLs) "
                                      "into the dataset database")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="a file, folder or URL; - reads JSON Lines from standard input")
    _db_arg(p)
    p.add_argument("--input-format", choices=("auto",) + INPUT_FORMATS, default="auto",
                   help="how to read the sources (default: from each file's suffix or first bytes)")
    p.add_argument("--reprocess", action="store_true",
                   help="re-extract stored articles that another rasid version or knowledge base processed")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("reprocess", help="re-extract stored articles after a rasid or knowledge-base change")
    _db_arg(p)
    p.add_argument("--all", action="store_true", help="every article, not only those processed by another version")
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("events", help="list the dataset's events as a table")
    _db_arg(p)
    _filter_args(p)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", help="write the dataset's events as ACLED CSV, PLOVER JSONL, GeoJSON, Parquet or JSON")
    _db_arg(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="acled-csv")
    p.add_argument("-o", "--output", help="output file (default: standard output; required for parquet)")
    _filter_args(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("show", help="one event: its reports, their evidence, and why they were merged")
    _db_arg(p)
    p.add_argument("event", metavar="EVENT_ID")
    p.add_argument("--json", action="store_true", help="the event as JSON")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("split", help="undo a wrong merge: move reports of an event to a new event")
    _db_arg(p)
    p.add_argument("event", metavar="EVENT_ID")
    p.add_argument("reports", nargs="+", metavar="REPORT_ID", help="report ids (or article ids) from `rasid show`")
    p.set_defaults(func=cmd_split)


def _open(a, create: bool = False):
    from rasid.settings import default_settings
    from rasid.store.db import connect

    path = a.db or default_settings().db
    if not create and not Path(path).is_file():
        raise StoreError(f"no database at {path}: run `rasid ingest SOURCE... --db {path}` first")
    return connect(path)


def _filter(a):
    from rasid.store.query import EventFilter

    return EventFilter(since=a.since, until=a.until, actor=a.actor, place=a.place, type=a.type,
                       country=a.country, limit=a.limit)


def _stop_on_sigterm() -> None:
    """SIGTERM and SIGINT end a run like Ctrl-C: the current article is rolled back and the summary
    printed. SIGINT is set explicitly: a run started in the background inherits it ignored."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def cmd_ingest(a) -> int:
    from rasid.settings import default_settings
    from rasid.store.run import ingest

    conn = _open(a, create=True)
    _stop_on_sigterm()
    summary = ingest(conn, list(a.sources), default_settings().max_article_chars, fmt=a.input_format,
                     reprocess=a.reprocess, progress=not a.no_progress)
    conn.close()
    print(summary.text())
    return 130 if summary.interrupted else 0


def cmd_reprocess(a) -> int:
    from rasid.store.run import reprocess

    conn = _open(a)
    _stop_on_sigterm()
    summary = reprocess(conn, everything=a.all)
    conn.close()
    print(summary.text())
    return 130 if summary.interrupted else 0


def cmd_events(a) -> int:
    from rasid.store.query import events_table, load_events

    sys.stdout.write(events_table(load_events(_open(a), _filter(a))))
    return 0


def cmd_export(a) -> int:
    from rasid.store import export
    from rasid.store.query import load_events

    events = load_events(_open(a), _filter(a))
    if a.format == "parquet":
        if not a.output:
            raise StoreError("Parquet is binary: give a file with -o/--output")
        n = export.write_parquet(events, a.output)
    else:
        writer = {"acled-csv": export.write_acled_csv, "plover-jsonl": export.write_plover_jsonl,
                  "geojson": export.write_geojson, "json": export.write_json}[a.format]
        if a.output:
            with open(a.output, "w", encoding="utf-8", newline="") as out:
                n = writer(events, out)
        else:
            n = writer(events, sys.stdout)
    if a.output:
        print(f"{n} rows written to {a.output}", file=sys.stderr)
    return 0


def cmd_show(a) -> int:
    import json

    from rasid.store.query import explain_event, load_event

    event = load_event(_open(a), a.event)
    sys.stdout.write(json.dumps(event, ensure_ascii=False, indent=1) + "\n" if a.json else explain_event(event))
    return 0


def cmd_split(a) -> int:
    from rasid.store.db import transaction
    from rasid.store.merge import split_event
    from rasid.store.query import find_event_id
    from rasid.store.run import kb_digest, now_utc, rasid_version

    conn = _open(a)
    event_id = find_event_id(conn, a.event)
    with transaction(conn):
        new_id = split_event(conn, event_id, list(a.reports), rasid_version(), kb_digest(), now_utc())
    moved = conn.execute("SELECT n_reports FROM events WHERE id = ?", (new_id,)).fetchone()[0]
    print(f"moved {moved} report(s) of {event_id} to {new_id}; they will not be merged back")
    return 0
