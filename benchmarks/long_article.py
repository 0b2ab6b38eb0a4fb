#!/usr/bin/env python3
"""How extraction time grows with the length of one document: the dev articles joined into one
text of 1, 4, 16 and 64 articles (a whole newspaper page, a long report).

    python benchmarks/long_article.py [--shared ../shared] [--sizes 1,4,16,64]

Prints, per size, the characters, events and seconds; time should grow about linearly.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasid import pipeline  # noqa: E402
from throughput import dev_texts  # noqa: E402  (this folder)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    ap.add_argument("--sizes", default="1,4,16,64")
    a = ap.parse_args()
    texts = dev_texts(a.shared)
    if not texts:
        return 1
    pipeline.extract(texts[0], published="2018-03-12")  # load lexicons and models once
    for n in (int(x) for x in a.sizes.split(",")):
        text = "\n\n".join(texts[i % len(texts)] for i in range(n))
        t0 = time.perf_counter()
        doc = pipeline.extract(text, published="2018-03-12")
        secs = time.perf_counter() - t0
        print(f"articles={n} chars={len(text)} events={len(doc.events)} seconds={secs:.2f} "
              f"ms_per_article={secs / n * 1000:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
