#!/usr/bin/env python3
"""Articles per second into SQLite, end to end, and the database's size, over synthetic articles.

    python benchmarks/ingest.py [--articles 10000] [--coder real|fake|both] [--keep DIR]

The articles are built from sentences written for rasid's tests (tests/store/synth.py): several
outlets report a shared pool of air strikes, shelling, clashes, protests and arrests, with filler.
One process, one core: JSON Lines read, `rasid.extract` (`--coder real`) or the tests' fake coder
(`--coder fake`: the store's own cost, with events to store and merge), rows written and merged,
one transaction per article, as `rasid ingest` does.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parents[1]
sys.path.insert(0, str(ROOT))

from rasid.store import connect, ingest  # noqa: E402
from rasid.store.run import extract_article  # noqa: E402
from tests.store.synth import fake_extract, make_articles  # noqa: E402

TARGET = 200.0  # articles per second, end to end, one core


def fake_coder(article) -> dict:
    return fake_extract(article.text, published=article.published, outlet=article.outlet).to_dict()


def run(source: Path, db: Path, coder: str) -> dict:
    conn = connect(db)
    t0 = time.perf_counter()
    summary = ingest(conn, [str(source)], max_chars=2_000_000, progress=False,
                     extractor=fake_coder if coder == "fake" else extract_article)
    seconds = time.perf_counter() - t0
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "reports", "events")}
    conn.close()
    return {"coder": coder, "articles": summary.new, "failed": len(summary.failures), "seconds": round(seconds, 2),
            "articles_per_s": round(summary.new / seconds, 1), "db_mb": round(db.stat().st_size / 1e6, 2),
            "reports": counts["reports"], "events": counts["events"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--coder", choices=("real", "fake", "both"), default="both")
    ap.add_argument("--keep", type=Path, help="keep the JSON Lines and databases in this folder")
    a = ap.parse_args()
    folder = a.keep or Path(tempfile.mkdtemp(prefix="rasid-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "articles.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for rec in make_articles(a.articles, seed=1):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{a.articles} articles, {source.stat().st_size / 1e6:.1f} MB of JSON Lines", file=sys.stderr)
    ok = True
    for coder in (("real", "fake") if a.coder == "both" else (a.coder,)):
        db = folder / f"{coder}.db"
        db.unlink(missing_ok=True)
        result = run(source, db, coder)
        print(json.dumps(result))
        ok &= coder != "real" or result["articles_per_s"] >= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
