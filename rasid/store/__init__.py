"""The event dataset: ingest articles into SQLite, merge reports across outlets, query and export.

    >>> from rasid.store import connect, ingest, load_events, EventFilter
    >>> conn = connect("rasid.db")
    >>> ingest(conn, ["articles/"], max_chars=2_000_000).text()
    >>> load_events(conn, EventFilter(country="Syria", type="Air/drone strike"))

Modules: `db` (connection, named migrations), `ingest` and `web` (sources to articles),
`write` (a document to rows), `merge` (reports to dataset events), `run` (ingest and reprocess
runs), `query`, `export`, `cli`.
"""
from rasid.store.db import connect, transaction
from rasid.store.query import EventFilter, load_event, load_events
from rasid.store.run import RunSummary, ingest, reprocess

__all__ = ["EventFilter", "RunSummary", "connect", "ingest", "load_event", "load_events", "reprocess",
           "transaction"]
