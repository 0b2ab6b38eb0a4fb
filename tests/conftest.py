"""Shared fixtures: where ../shared is, and skipping cleanly where it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "examples" / "ghouta-2018-03-12.txt"
DEV = SHARED / "eval" / "dev"


def need_shared(path: Path = SHARED) -> Path:
    """Skip the calling test, with a clear reason, when a file of ../shared is absent."""
    if not path.exists():
        pytest.skip(f"{path} not found: this test needs the read-only ../shared folder beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need_shared(SEED).read_text(encoding="utf-8")
