"""The pinned quality gate: dev-set scores (../shared/eval/score.py) must not fall below the baseline.

The floors live in tests/quality_baseline.json. Raising a floor is a deliberate commit; when the
dev set changes, re-measure the baseline in a commit of its own:
    PATH=.venv/bin:$PATH python ../shared/eval/score.py ../shared/eval/dev --batch
    PATH=.venv/bin:$PATH python ../shared/eval/score_gsr.py ../shared/nlp/arabic-event-gsr/*_gsr_dev.csv
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rasid
from tests.conftest import DEV, SHARED, need_shared

BASELINE = json.loads((Path(__file__).parent / "quality_baseline.json").read_text(encoding="utf-8"))


def _score(*extra: str) -> dict:
    need_shared(DEV / "gold")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    p = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(DEV), *extra],
                       capture_output=True, text=True, env=env, timeout=900)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def gsr_scores():
    gsr = SHARED / "nlp" / "arabic-event-gsr"
    files = sorted(need_shared(gsr).glob("*_gsr_dev.csv"))
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    p = subprocess.run([sys.executable, str(SHARED / "eval" / "score_gsr.py"), *map(str, files)],
                       capture_output=True, text=True, env=env, timeout=900)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def dev_scores():
    return _score("--batch")


@pytest.fixture(scope="module")
def seed_scores():
    return _score("--only", "seed")


def _get(scores: dict, dotted: str):
    x = scores
    for k in dotted.split("."):
        x = x[k]
    return x


def _check(scores: dict, metric: str, floor: float, what: str) -> None:
    value = _get(scores, metric)
    assert value is not None and value >= floor - BASELINE["tolerance"], \
        f"{what} {metric} = {value}, below the pinned floor {floor} (tolerance {BASELINE['tolerance']})"


@pytest.mark.parametrize("metric", sorted(BASELINE["dev"]))
def test_dev_score_not_below_floor(dev_scores, metric):
    _check(dev_scores, metric, BASELINE["dev"][metric], "dev set")


@pytest.mark.parametrize("metric", sorted(BASELINE["seed"]))
def test_founding_example_not_below_floor(seed_scores, metric):
    _check(seed_scores, metric, BASELINE["seed"][metric], "founding example")


@pytest.mark.parametrize("metric", sorted(BASELINE["gsr"]))
def test_sentence_detection_not_below_floor(gsr_scores, metric):
    _check(gsr_scores, metric, BASELINE["gsr"][metric], "third-party sentence records")


def test_every_article_gave_json(dev_scores):
    assert dev_scores["no_json"] == 0


def test_articles_about_no_conflict_yield_no_assault():
    index = [json.loads(line) for line in need_shared(DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    calm = [r for r in index if r.get("conflict_related") is False]
    assert calm, "the dev index lists no article without conflict"
    for r in calm:
        text = (DEV / "articles" / f"{r['id']}.txt").read_text(encoding="utf-8")
        doc = rasid.extract(text, published=r.get("published"), outlet=r.get("outlet"))
        assault = [e.trigger.text for e in doc.events if e.plover == "ASSAULT" and not e.negated]
        assert assault == [], f"{r['id']} is not about a conflict but gave ASSAULT events {assault}"
