"""Ingest and reprocess runs: articles through `rasid.extract` into the store, one transaction each.

Each article is committed with its derived rows and their merge, so a crash or Ctrl-C loses
nothing already committed and the next run resumes (stored articles are skipped by their
content hash). A bad input is recorded in `failures` with its reason and the run goes on.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from rasid.store.db import transaction
from rasid.store.ingest import Article, Failure, count_articles, expand, read_sources
from rasid.store.merge import merge_report, refresh_event
from rasid.store.write import delete_derived, write_document

Extractor = Callable[[Article], dict]


def kb_digest() -> str:
    """The digest of the knowledge base the pipeline uses now ("none" where there is none yet)."""
    try:
        from rasid.kb.actors import load_registry
    except ImportError:
        return "none"
    try:
        return str(load_registry().digest)
    except Exception:  # a broken knowledge base is the pipeline's error to report, not the store's
        return "none"


def rasid_version() -> str:
    from rasid import __version__

    return __version__


def extract_article(article: Article) -> dict:
    """The document of an article, in the output contract (`Document.to_dict()`)."""
    from rasid.pipeline import extract

    return extract(article.text, published=article.published, outlet=article.outlet, url=article.url,
                   id=article.doc_id or article.id).to_dict()


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class RunSummary:
    """What a run did: counts, and each failure with its reason."""

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # unchanged: the same text from the same outlet as a stored article read elsewhere
    stale: int = 0  # unchanged, but processed by another rasid version or knowledge base
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False

    def text(self, show: int = 20) -> str:
        dups = f" ({self.duplicates} copies of stored articles)" if self.duplicates else ""
        kinds = Counter(f.kind for f in self.failures)
        why = f" ({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})" if kinds else ""
        lines = [f"{self.read} articles read: {self.new} new, {self.updated} updated, {self.unchanged} unchanged{dups}, "
                 f"{len(self.failures)} failed{why}" + ("  (interrupted: run it again to resume)" if self.interrupted else "")]
        for f in self.failures[:show]:
            lines.append(f"  failed {f.origin}: {f.reason}")
        if len(self.failures) > show:
            lines.append(f"  ... and {len(self.failures) - show} more (all are in the failures table)")
        if self.stale:
            lines.append(f"{self.stale} unchanged articles were processed by another rasid or knowledge base: "
                         "run `rasid reprocess` to update them")
        return "\n".join(lines)


def record_failure(conn: sqlite3.Connection, failure: Failure, now: str) -> None:
    with transaction(conn):
        conn.execute("""INSERT INTO failures (origin, kind, reason, seen_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(origin) DO UPDATE SET kind=excluded.kind, reason=excluded.reason,
                        seen_at=excluded.seen_at WHERE failures.reason != excluded.reason""",
                     (failure.origin, failure.kind, failure.reason, now))


def process_article(conn: sqlite3.Connection, article: Article, doc: dict, replacing: bool,
                    version: str, digest: str, now: str) -> None:
    """Store one processed article and merge its reports, all in one transaction."""
    with transaction(conn):
        affected = delete_derived(conn, article.id) if replacing else []
        for event_id in affected:
            refresh_event(conn, event_id, version, digest, now)
        for report_id in write_document(conn, article, doc, version, digest, now, replacing):
            merge_report(conn, report_id, version, digest, now)
        conn.execute("DELETE FROM failures WHERE origin = ?", (article.origin,))


_META = ("doc_id", "published", "url", "title")


def ingest_items(conn: sqlite3.Connection, items: Iterable[Article | Failure], summary: RunSummary,
                 reprocess: bool = False, extractor: Extractor = extract_article, progress=None) -> RunSummary:
    """Store articles (skipping those already stored unchanged) and record failures."""
    version, digest = rasid_version(), kb_digest()
    try:
        for item in items:
            summary.read += 1
            now = now_utc()
            if isinstance(item, Failure):
                summary.failures.append(item)
                record_failure(conn, item, now)
            else:
                _ingest_one(conn, item, summary, reprocess, extractor, version, digest, now)
            if progress is not None:
                progress.update(1)
                progress.set_postfix_str(f"new {summary.new}, failed {len(summary.failures)}", refresh=False)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _ingest_one(conn, article: Article, summary: RunSummary, reprocess: bool, extractor: Extractor,
                version: str, digest: str, now: str) -> None:
    row = conn.execute(f"SELECT origin, {', '.join(_META)}, rasid_version, kb_digest FROM articles WHERE id = ?",
                       (article.id,)).fetchone()
    current = row is not None and (row["rasid_version"], row["kb_digest"]) == (version, digest)
    # the same text from the same outlet read from another place (a syndicated or re-saved copy) keeps the
    # stored metadata; otherwise two copies with different ids would update each other on every run
    duplicate = row is not None and row["origin"] != article.origin
    if duplicate or row is not None and all(row[k] == getattr(article, k) for k in _META) and (current or not reprocess):
        summary.unchanged += 1
        summary.duplicates += duplicate
        summary.stale += not current
        return
    if _process_or_fail(conn, article, summary, row is not None, extractor, version, digest, now):
        if row is None:
            summary.new += 1
        else:
            summary.updated += 1


def _process_or_fail(conn, article: Article, summary: RunSummary, replacing: bool, extractor: Extractor,
                     version: str, digest: str, now: str) -> bool:
    try:
        doc = extractor(article)
    except Exception as e:  # extract never raises on text; a bug there must still not stop the run
        failure = Failure(article.origin, "extract", f"extraction failed: {type(e).__name__}: {e}")
        summary.failures.append(failure)
        record_failure(conn, failure, now)
        return False
    process_article(conn, article, doc, replacing, version, digest, now)
    return True


def _progress_bar(total: int | None, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.1,
                disable=not (enabled and sys.stderr.isatty()))


def ingest(conn: sqlite3.Connection, sources: list[str], max_chars: int, fmt: str = "auto",
           reprocess: bool = False, progress: bool = True, extractor: Extractor = extract_article) -> RunSummary:
    """Read every source into the store; the progress bar shows on a terminal only.

    >>> ingest(connect("rasid.db"), ["articles/"], max_chars=2_000_000).text()
    '42 articles read: 42 new, 0 updated, 0 unchanged, 0 failed'
    """
    total = count_articles(expand(sources, fmt)) if progress and sys.stderr.isatty() else None
    with _progress_bar(total, progress) as bar:
        return ingest_items(conn, read_sources(sources, max_chars, fmt), RunSummary(), reprocess, extractor, bar)


def reprocess(conn: sqlite3.Connection, everything: bool = False, progress: bool = True,
              extractor: Extractor = extract_article) -> RunSummary:
    """Run the pipeline again over stored articles processed by another rasid version or knowledge base."""
    version, digest = rasid_version(), kb_digest()
    where = "" if everything else "WHERE rasid_version != ? OR kb_digest != ?"
    params = () if everything else (version, digest)
    rows = conn.execute(f"SELECT id, text, origin, doc_id, outlet, published, url, title FROM articles {where} "
                        "ORDER BY rowid", params).fetchall()
    summary = RunSummary()
    with _progress_bar(len(rows), progress) as bar:
        try:
            for r in rows:
                article = Article(text=r["text"], origin=r["origin"], doc_id=r["doc_id"], outlet=r["outlet"],
                                  published=r["published"], url=r["url"], title=r["title"])
                summary.read += 1
                summary.updated += _process_or_fail(conn, article, summary, True, extractor, version, digest,
                                                    now_utc())
                bar.update(1)
        except KeyboardInterrupt:
            summary.interrupted = True
    return summary
