"""`rasid` for the subprocess tests: the synthetic fake coder in place of `rasid.extract`, and a pace.

    python -m tests.store.fake_rasid ingest batch.jsonl --db x.db

RASID_TEST_DELAY (seconds per article) slows a run down so a test can signal it halfway;
RASID_TEST_CODER=real keeps the real pipeline (only slowed down).
"""
from __future__ import annotations

import os
import sys
import time

import rasid.pipeline
from rasid.cli import main
from tests.store.synth import fake_extract

DELAY = float(os.environ.get("RASID_TEST_DELAY", "0"))
CODER = rasid.pipeline.extract if os.environ.get("RASID_TEST_CODER") == "real" else fake_extract


def paced_extract(*args, **kwargs):
    time.sleep(DELAY)
    return CODER(*args, **kwargs)


rasid.pipeline.extract = paced_extract

if __name__ == "__main__":
    sys.exit(main())
