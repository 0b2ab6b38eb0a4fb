#!/usr/bin/env python3
"""Articles per second and peak memory of `rasid.extract` over the dev articles repeated to N documents.

    python benchmarks/throughput.py [--docs 1000] [--stages text|kb|full] [--repeat 1] [--shared ../shared]

Each document is extracted from scratch (no result caching between documents); one process, one
core. `--stages text` times the text layer alone (normalise, tokenise, dates, numbers); `kb` adds
knowledge-base mentions and geocoding. With `--repeat N` the whole run is timed N times and the
best and median rates are printed: on a shared virtual machine the best run is the one least
disturbed by other work (the reasoning of Python's timeit).
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasid import pipeline  # noqa: E402


def dev_texts(shared: Path) -> list[str]:
    """The dev articles' texts, in file order ([] with a message when `shared` has none)."""
    files = sorted((shared / "eval" / "dev" / "articles").glob("*.txt"))
    if not files:
        print(f"no articles under {shared}/eval/dev/articles", file=sys.stderr)
    return [f.read_text(encoding="utf-8") for f in files]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--stages", choices=("text", "kb", "full"), default="full")
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    texts = dev_texts(a.shared)
    if not texts:
        return 1
    names = {"text": ("normalize", "tokenize", "dates", "numbers"),
             "kb": ("normalize", "tokenize", "dates", "numbers", "mentions", "geocode"),
             "full": tuple(n for n, _ in pipeline.STAGES)}[a.stages]
    stages = tuple((n, f) for n, f in pipeline.STAGES if n in names)
    pipeline.extract(texts[0], published="2018-03-12", stages=stages)  # load lexicons once
    rates = []
    for _ in range(max(1, a.repeat)):
        chars = 0
        c0 = time.process_time()
        t0 = time.perf_counter()
        for i in range(a.docs):
            text = texts[i % len(texts)]
            # a distinct string each time, so that no stage can reuse a previous result
            doc = pipeline.extract(text + " " * (i % 7), published="2018-03-12", stages=stages)
            chars += len(doc.text)
        secs = time.perf_counter() - t0
        cpu = time.process_time() - c0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rates.append(a.docs / cpu)
        print(f"stages={a.stages} docs={a.docs} avg_chars={chars // a.docs} seconds={secs:.2f} "
              f"articles_per_s={a.docs / secs:.0f} cpu_articles_per_s={a.docs / cpu:.0f} peak_rss_mb={peak_mb:.0f}")
    if len(rates) > 1:
        print(f"best cpu_articles_per_s={max(rates):.0f} median={statistics.median(rates):.0f} runs={len(rates)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
