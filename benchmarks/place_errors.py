"""Per article of an eval set: gold places not found and system PLACE forms that name no gold place.

    RASID_DATA=... python benchmarks/place_errors.py ../shared/eval/dev [--only 040,seed]
Uses the scorer's own name matching (../shared/eval/score.py), so the counts agree with it.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from rasid.pipeline import extract


def _scorer(setdir: Path):
    spec = importlib.util.spec_from_file_location("score", setdir.parent / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("setdir", type=Path)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    score = _scorer(a.setdir)
    index = {json.loads(ln)["id"]: json.loads(ln) for ln in (a.setdir / "index.jsonl").read_text().splitlines()}
    only = set(filter(None, a.only.split(",")))
    found = total = good = distinct_all = 0
    for gpath in sorted((a.setdir / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        if only and gold["id"] not in only:
            continue
        text = (a.setdir / gold["text_file"]).read_text(encoding="utf-8")
        doc = extract(text, published=index.get(gold["id"], {}).get("published"))
        forms = [m.text for m in doc.mentions_of("PLACE")]
        places = gold["entities"].get("place", [])
        missed = [e["forms"] for e in places if not e.get("optional")
                  and not any(score.same_name(f, e["forms"]) for f in forms)]
        distinct = {score.norm(f) for f in forms}
        extra = sorted(d for d in distinct if not any(score.same_name(d, e["forms"]) for e in places))
        total += sum(1 for e in places if not e.get("optional"))
        found += sum(1 for e in places if not e.get("optional")) - len(missed)
        distinct_all += len(distinct)
        good += len(distinct) - len(extra)
        if missed or extra:
            print(f"{gold['id']}: missed {missed}\n      extra {extra}")
    print(f"recall {found}/{total} = {found / max(total, 1):.3f}  precision {good}/{distinct_all} = "
          f"{good / max(distinct_all, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
