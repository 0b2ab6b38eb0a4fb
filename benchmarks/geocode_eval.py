"""Geocoding evaluation: right entry, within 10 km, and milliseconds per article.

    RASID_DATA=<data dir> python benchmarks/geocode_eval.py [--show-errors]

Reads tests/geocode/eval_places*.tsv (sentences written for rasid, with expected gazetteer ids),
runs normalize -> tokenize -> geocode on each, and scores every expected mention: right when a
PLACE mention whose text holds the form resolves to the expected id; within 10 km when its
place lies within 10 km of the expected one. Timing runs the geocode stage alone on the dev
articles of ../shared/eval (when present) or on the evaluation sentences.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_FILE = ROOT / "tests" / "geocode" / "eval_places.tsv"
# written after the rules were tuned, and scored once before any change: 0.960 right, 0.973 within 10 km
FRESH_FILE = ROOT / "tests" / "geocode" / "eval_places_fresh.tsv"


def _prepare(text: str):
    from rasid.pipeline import extract, normalize_stage
    from rasid.stages import tokenize

    return extract(text, stages=(("normalize", normalize_stage), ("tokenize", tokenize.tokenize_stage)))


def load_cases(path: Path = EVAL_FILE) -> list[tuple[str, str, list[tuple[str, str]]]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        pairs = [tuple(p.split("=", 1)) for p in row["expected"].split(";") if p]
        out.append((row["id"], row["sentence"], pairs))
    return out


def evaluate(cases=None, gaz=None) -> dict:
    """{'mentions', 'right', 'within_10km', 'accuracy', 'accuracy_10km', 'errors'}."""
    from rasid.kb.gazetteer import get_gazetteer
    from rasid.kb.geo_merge import distance_km
    from rasid.stages import geocode
    from rasid.stages.normalize import normalize_for_matching as nfm

    gaz = gaz or get_gazetteer()
    cases = cases if cases is not None else load_cases()
    total = right = near = 0
    errors = []
    for sid, sentence, pairs in cases:
        doc = geocode.stage(_prepare(sentence))
        places = [m for m in doc.mentions if m.type == "PLACE"]
        used: set[str] = set()
        for form, expected in pairs:
            total += 1
            m = next((m for m in places if m.id not in used and nfm(form) in nfm(m.text)), None)
            if m is None:
                errors.append((sid, form, expected, "not found"))
                continue
            used.add(m.id)
            if m.ref == expected:
                right += 1
                near += 1
                continue
            got, want = gaz.get(m.ref or ""), gaz.get(expected)
            d = None
            if got and want and got.lat is not None and want.lat is not None:
                d = distance_km(got.lat, got.lon, want.lat, want.lon)
                near += d <= 10
            errors.append((sid, form, expected, f"got {m.ref} ({got.name_en if got else '-'})"
                           + (f", {d:.0f} km away" if d is not None else "")))
    return {"mentions": total, "right": right, "within_10km": near, "accuracy": right / max(total, 1),
            "accuracy_10km": near / max(total, 1), "errors": errors}


def time_per_article(texts: list[str], repeat: int = 5) -> dict:
    """Milliseconds per article: the whole geocode stage, and resolution alone."""
    from rasid.kb.gazetteer import get_gazetteer
    from rasid.stages import geocode

    gaz = get_gazetteer()
    docs = [_prepare(t) for t in texts]
    staged = [geocode.stage(d) for d in docs]
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            geocode.stage(d)
    stage_ms = (time.perf_counter() - t0) / repeat / max(len(docs), 1) * 1000
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in staged:
            geocode.resolve_places(d, [m for m in d.mentions if m.type == "PLACE"], gaz)
    resolve_ms = (time.perf_counter() - t0) / repeat / max(len(docs), 1) * 1000
    return {"articles": len(docs), "stage_ms": stage_ms, "resolve_ms": resolve_ms}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args()
    from rasid.kb.gazetteer import get_gazetteer

    t0 = time.perf_counter()
    gaz = get_gazetteer()
    load_s = time.perf_counter() - t0
    print(f"gazetteer: {gaz.origin} ({len(gaz.places)} places, loaded in {load_s:.2f} s)")
    for label, path in (("development", EVAL_FILE), ("fresh", FRESH_FILE), ("all", None)):
        cases = load_cases(path) if path else load_cases(EVAL_FILE) + load_cases(FRESH_FILE)
        r = evaluate(cases, gaz=gaz)
        print(f"{label:<12} mentions {r['mentions']}  accuracy {r['accuracy']:.3f}  "
              f"within 10 km {r['accuracy_10km']:.3f}")
        if a.show_errors and path:
            for e in r["errors"]:
                print("  ", *e)
    dev = ROOT.parent / "shared" / "eval" / "dev" / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))] if dev.is_dir() else \
        [s for _, s, _ in load_cases()]
    t = time_per_article(texts)
    print(f"timing on {t['articles']} articles: geocode stage {t['stage_ms']:.2f} ms/article, "
          f"resolution {t['resolve_ms']:.2f} ms/article")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
