"""The pinned quality gate: dev-set scores (../shared/eval/score.py) must not fall below the baseline.

The floors live in tests/quality_baseline.json. Raising a floor is a deliberate commit; when the
dev set changes, re-measure the baseline in a commit of its own:
    PATH=.venv/bin:$PATH python ../shared/eval/score.py ../shared/eval/dev --batch
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEV, SHARED, need_shared

BASELINE = json.loads((Path(__file__).parent / "quality_baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_scores():
    need_shared(DEV / "gold")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    p = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(DEV), "--batch"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


def _get(scores: dict, dotted: str):
    x = scores
    for k in dotted.split("."):
        x = x[k]
    return x


@pytest.mark.parametrize("metric", sorted(BASELINE["floors"]))
def test_dev_score_not_below_floor(dev_scores, metric):
    floor = BASELINE["floors"][metric]
    value = _get(dev_scores, metric)
    assert value is not None and value >= floor - BASELINE["tolerance"], \
        f"{metric} = {value}, below the pinned floor {floor} (tolerance {BASELINE['tolerance']})"


def test_every_article_gave_json(dev_scores):
    assert dev_scores["no_json"] == 0
