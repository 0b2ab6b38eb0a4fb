"""Score the built NER model on the ANERcorp test split and time it, alone and inside the pipeline.

    RASID_DATA=/tmp/rasid-data python benchmarks/ner_eval.py [--articles ../shared/eval/dev/articles]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"


def pipeline_speed(paths: list[str], ner: bool, repeat: int = 3) -> float:
    """Articles per second through the whole pipeline, with or without the NER stage."""
    from rasid.pipeline import extract

    os.environ["RASID_NER"] = "1" if ner else "0"
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    for t in texts:  # warm the caches
        extract(t, published="2018-01-01")
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            extract(t, published="2018-01-01")
    return repeat * len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--test", type=Path, default=SHARED / "nlp/anercorp/ANERcorp_approxCamelSplit_test.txt")
    ap.add_argument("--articles", type=Path, default=SHARED / "eval/dev/articles")
    a = ap.parse_args()
    from rasid.ner import MODEL_DIR
    from rasid.ner.evaluate import evaluate_file, format_table
    from rasid.ner.tagger import NerTagger
    from rasid.settings import default_settings

    model_dir = default_settings().data_dir / MODEL_DIR
    t0 = time.perf_counter()
    tagger = NerTagger.load(model_dir)
    print(f"model {model_dir} loaded in {time.perf_counter() - t0:.2f} s")
    if a.test.is_file():
        print(format_table(evaluate_file(tagger, a.test)))
    paths = sorted(glob.glob(str(a.articles / "*.txt")))
    if paths:
        speeds = {f"ner={ner}": round(pipeline_speed(paths, ner), 1) for ner in (False, True)}
        print("pipeline articles/s:", json.dumps(speeds))


if __name__ == "__main__":
    main()
