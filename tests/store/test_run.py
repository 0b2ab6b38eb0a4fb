"""Ingest and reprocess runs: idempotence, updates in place, failures, interruption (rasid/store/run.py)."""
from __future__ import annotations

import json

import pytest

from rasid.store import connect, ingest, load_events, reprocess
from rasid.store.db import MIGRATIONS, migrate
from rasid.store.run import RunSummary, ingest_items
from tests.store.synth import fake_extract, make_articles


def extractor(article):
    return fake_extract(article.text, published=article.published, outlet=article.outlet).to_dict()


@pytest.fixture()
def jsonl(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_articles(30)), encoding="utf-8")
    return path


def _counts(conn):
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "reports", "events", "event_reports", "claims", "failures")}


def _run(conn, sources, **kw):
    return ingest(conn, [str(s) for s in sources], max_chars=100_000, progress=False, extractor=extractor, **kw)


def test_migrations_are_named_and_applied_once(tmp_path):
    conn = connect(tmp_path / "rasid.db")
    assert [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")] == [n for n, _ in MIGRATIONS]
    assert migrate(conn) == []
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    from rasid.errors import StoreError

    (tmp_path / "notes.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        connect(tmp_path / "notes.db")


def test_ingesting_twice_changes_nothing(tmp_path, jsonl):
    conn = connect(tmp_path / "rasid.db")
    first = _run(conn, [jsonl])
    assert (first.read, first.new, first.failures) == (30, 30, [])
    before = _counts(conn), conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    second = _run(conn, [jsonl])
    assert (second.new, second.updated, second.unchanged) == (0, 0, 30)
    assert (_counts(conn), conn.execute("SELECT * FROM events ORDER BY id").fetchall()) == before
    assert before[0]["events"] < before[0]["reports"]  # outlets share occurrences: some reports merged


def test_changed_metadata_updates_the_article_in_place(tmp_path):
    records = make_articles(3)
    conn = connect(tmp_path / "rasid.db")
    ingest_items(conn, [_article(r) for r in records], RunSummary(), extractor=extractor)
    records[0]["published"] = "2020-02-02"
    summary = ingest_items(conn, [_article(r) for r in records], RunSummary(), extractor=extractor)
    assert (summary.updated, summary.unchanged) == (1, 2)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_a_copy_read_from_elsewhere_is_stored_once_and_keeps_its_metadata(tmp_path):
    rec = make_articles(1)[0]
    copy = dict(rec, id="another-id")
    conn = connect(tmp_path / "rasid.db")
    for _ in range(2):  # stable: the copies do not update each other run after run
        summary = ingest_items(conn, [_article(rec), _article(copy)], RunSummary(), extractor=extractor)
    assert (summary.new, summary.updated, summary.unchanged, summary.duplicates) == (0, 0, 2, 1)
    assert "(1 copies of stored articles)" in summary.text()
    assert [r[0] for r in conn.execute("SELECT doc_id FROM articles")] == [rec["id"]]


def _article(rec):
    from rasid.store.ingest import record_article

    return record_article(rec, f"mem:{rec['id']}", 100_000)


def test_a_new_knowledge_base_reprocesses_in_place(tmp_path, jsonl, monkeypatch):
    conn = connect(tmp_path / "rasid.db")
    _run(conn, [jsonl])
    before = _counts(conn)
    unchanged = _run(conn, [jsonl])
    assert unchanged.stale == 0
    monkeypatch.setattr("rasid.store.run.kb_digest", lambda: "kb-v2")
    stale = _run(conn, [jsonl])
    assert (stale.unchanged, stale.stale) == (30, 30)
    assert "rasid reprocess" in stale.text()
    summary = reprocess(conn, progress=False, extractor=extractor)
    assert summary.updated == 30
    assert _counts(conn) == before
    assert {r[0] for r in conn.execute("SELECT kb_digest FROM articles UNION SELECT kb_digest FROM events")} == {"kb-v2"}
    assert reprocess(conn, progress=False, extractor=extractor).read == 0


def test_ingest_reprocess_flag_updates_stale_articles(tmp_path, jsonl, monkeypatch):
    conn = connect(tmp_path / "rasid.db")
    _run(conn, [jsonl])
    monkeypatch.setattr("rasid.store.run.kb_digest", lambda: "kb-v2")
    assert _run(conn, [jsonl], reprocess=True).updated == 30


def test_an_interrupted_run_keeps_what_it_committed_and_the_next_run_resumes(tmp_path, jsonl):
    conn = connect(tmp_path / "rasid.db")
    calls = []

    def interrupted(article):
        calls.append(article)
        if len(calls) == 12:
            raise KeyboardInterrupt
        return extractor(article)

    summary = ingest(conn, [str(jsonl)], max_chars=100_000, progress=False, extractor=interrupted)
    assert summary.interrupted and summary.new == 11
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    resumed = _run(conn, [jsonl])
    assert (resumed.unchanged, resumed.new) == (11, 19)
    clean = connect(tmp_path / "clean.db")
    _run(clean, [jsonl])
    strip = lambda events: [{k: v for k, v in e.items() if k != "updated_at"} for e in events]
    assert strip(load_events(conn)) == strip(load_events(clean))


def test_an_extractor_bug_is_a_recorded_failure(tmp_path, jsonl):
    conn = connect(tmp_path / "rasid.db")

    def broken(article):
        if article.doc_id.endswith("3"):
            raise RuntimeError("boom")
        return extractor(article)

    summary = ingest(conn, [str(jsonl)], max_chars=100_000, progress=False, extractor=broken)
    assert len(summary.failures) == 3 and summary.new == 27
    assert {r["kind"] for r in conn.execute("SELECT kind FROM failures")} == {"extract"}
    fixed = _run(conn, [jsonl])
    assert fixed.new == 3 and conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
