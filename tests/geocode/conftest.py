"""Gazetteer fixtures: the full store built once from ../shared/geo, and the curated list alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasid.kb import gazetteer as gazetteer_module
from rasid.pipeline import extract, normalize_stage
from rasid.stages import geocode as geocode_module
from rasid.stages import tokenize

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def full_gazetteer(tmp_path_factory):
    """The gazetteer built from ../shared/geo into a temporary data directory (a few seconds)."""
    geo = SHARED / "geo"
    if not geo.is_dir():
        pytest.skip(f"{geo} not found: the full gazetteer is built from the read-only ../shared folder")
    out = tmp_path_factory.mktemp("rasid-data") / gazetteer_module.STORE_NAME
    summary = gazetteer_module.build_gazetteer(geo, out)
    gaz = gazetteer_module.load_store(out)
    gaz.summary = summary
    return gaz


@pytest.fixture(scope="session")
def curated_gazetteer():
    return gazetteer_module.load_curated_only()


def _use(monkeypatch, gaz):
    monkeypatch.setattr(gazetteer_module, "get_gazetteer", lambda path=None: gaz)
    monkeypatch.setattr(geocode_module, "get_gazetteer", lambda path=None: gaz)
    return gaz


@pytest.fixture
def with_full(monkeypatch, full_gazetteer):
    """The geocode stage uses the full gazetteer."""
    return _use(monkeypatch, full_gazetteer)


@pytest.fixture
def with_curated(monkeypatch, curated_gazetteer):
    """The geocode stage uses the curated list only (as before `rasid data build`)."""
    return _use(monkeypatch, curated_gazetteer)


def prepared(text: str):
    """A Document normalised and tokenised, ready for the geocode stage."""
    return extract(text, stages=(("normalize", normalize_stage), ("tokenize", tokenize.tokenize_stage)))


def geocoded(text: str):
    return geocode_module.stage(prepared(text))
