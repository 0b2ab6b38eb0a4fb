"""The geocoding evaluation (tests/geocode/eval_places.tsv) meets its floor with the full gazetteer."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("geocode_eval", ROOT / "benchmarks" / "geocode_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cases():
    b = _bench()
    return b.load_cases(b.EVAL_FILE) + b.load_cases(b.FRESH_FILE)


def test_eval_file_is_large_enough():
    assert sum(len(p) for _, _, p in _cases()) >= 150


def test_geocoding_accuracy(with_full):
    r = _bench().evaluate(_cases(), gaz=with_full)
    assert r["accuracy"] >= 0.9, r["errors"]
    assert r["accuracy_10km"] >= 0.9, r["errors"]
