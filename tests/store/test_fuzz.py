"""Malformed inputs: the run finishes, records each failure with its reason, and loses no good row."""
from __future__ import annotations

import json
import random
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.store import connect, ingest
from rasid.store.ingest import Article, Failure, read_jsonl, read_sources
from tests.store.synth import fake_extract, make_articles

MAX_CHARS = 100_000
BIG_LINE = 50 * 1024 * 1024


def extractor(article):
    return fake_extract(article.text, published=article.published, outlet=article.outlet).to_dict()


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory):
    """Good lines around one 50 MB line, written a megabyte at a time."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    good = make_articles(4, seed=11)
    with path.open("wb") as f:
        f.write((json.dumps(good[0], ensure_ascii=False) + "\n").encode())
        f.write(b'{"id": "huge", "text": "')
        chunk = ("قصف " * (1 << 18)).encode()  # 1.75 MB a chunk
        for _ in range(BIG_LINE // len(chunk) + 1):
            f.write(chunk)
        f.write(b'"}\n')
        for rec in good[1:]:
            f.write((json.dumps(rec, ensure_ascii=False) + "\n").encode())
    return path, good


def test_a_50_mb_line_is_skipped_without_holding_it_in_memory(big_jsonl):
    path, good = big_jsonl
    tracemalloc.start()
    items = list(read_jsonl(str(path), MAX_CHARS))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [getattr(i, "doc_id", None) for i in items] == [good[0]["id"], None] + [r["id"] for r in good[1:]]
    assert items[1].kind == "too-large" and items[1].origin.endswith(":2")
    assert peak < 8 * 1024 * 1024, f"peak {peak:,} bytes while reading"


def test_malformed_inputs_are_recorded_and_good_rows_kept(tmp_path, big_jsonl):
    for extra in ("trafilatura", "feedparser", "warcio"):  # the folder holds a page, a feed and a WARC
        pytest.importorskip(extra)
    folder = tmp_path / "inbox"
    folder.mkdir()
    rng = random.Random(0)
    good = make_articles(6, seed=12)
    for rec in good[:3]:
        (folder / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    arabic = good[3]["text"].rstrip(".").encode("utf-8")  # ends in an Arabic letter: two bytes
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (folder / "truncated.txt").write_bytes(arabic[:-1])
    (folder / "bad-byte.txt").write_bytes(arabic[:40] + b"\xff" + arabic[40:])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n")
    (folder / "huge.txt").write_bytes(b"a" * (4 * MAX_CHARS + 1))
    (folder / "no-text.html").write_text("<html><head><style>p{}</style></head><body></body></html>")
    (folder / "broken.xml").write_text("<rss><channel><title>")
    (folder / "garbage.warc.gz").write_bytes(bytes(rng.randrange(256) for _ in range(2048)))
    (folder / "binary.jsonl").write_bytes(b"\x00\x01\xfe\xff\x89PNG\r\n\x1a\n" + bytes(range(256)))
    lines = [json.dumps(good[4], ensure_ascii=False), '{"id": "cut", "text": "قصف', "[]", '{"text": 5}',
             '{"text": "\\ud800 نص"}', json.dumps(good[5], ensure_ascii=False)]
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    big_path, big_good = big_jsonl

    conn = connect(tmp_path / "rasid.db")
    summary = ingest(conn, [str(folder), str(big_path)], MAX_CHARS, progress=False, extractor=extractor)

    stored = {r[0] for r in conn.execute("SELECT doc_id FROM articles")}
    assert stored == {r["id"] for r in good[:3] + good[4:] + big_good}
    kinds = {f.origin.replace(str(folder) + "/", "").replace(str(big_path), "big.jsonl"): f.kind
             for f in summary.failures}
    expected = {"binary.txt": "decode", "truncated.txt": "decode", "bad-byte.txt": "decode", "empty.txt": "empty",
                "blank.txt": "empty", "huge.txt": "too-large", "no-text.html": "no-text", "broken.xml": "format",
                "garbage.warc.gz": "format", "mixed.jsonl:2": "json", "mixed.jsonl:3": "json",
                "mixed.jsonl:4": "no-text", "mixed.jsonl:5": "decode", "big.jsonl:2": "too-large"}
    assert {k: v for k, v in kinds.items() if not k.startswith("binary.jsonl")} == expected
    assert {v for k, v in kinds.items() if k.startswith("binary.jsonl")} <= {"decode", "json"}
    assert "truncated UTF-8" in next(f.reason for f in summary.failures if f.origin.endswith("truncated.txt"))
    recorded = dict(conn.execute("SELECT origin, kind FROM failures").fetchall())
    assert recorded == {f.origin: f.kind for f in summary.failures}
    assert summary.new == len(stored) and not summary.interrupted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), text=st.text(max_size=200))
def test_reading_never_raises_on_arbitrary_bytes_or_records(tmp_path, data, text):
    (tmp_path / "any.txt").write_bytes(data)
    (tmp_path / "any.jsonl").write_bytes(data + b"\n" + json.dumps({"text": text, "published": text}).encode())
    items = list(read_sources([str(tmp_path / "any.txt"), str(tmp_path / "any.jsonl")], MAX_CHARS))
    assert all(isinstance(i, (Article, Failure)) for i in items)
    assert all(i.text.strip() and i.text.encode("utf-8") for i in items if isinstance(i, Article))
