"""Batch extraction over JSON Lines in one process: one document JSON out per line in, in order."""
from __future__ import annotations

import datetime as dt
import json
from typing import Iterable, Iterator

from rasid.output import render
from rasid.pipeline import extract


def _error(doc_id, message: str) -> str:
    return json.dumps({"document": {"id": doc_id}, "error": message}, ensure_ascii=False)


def extract_jsonl(lines: Iterable[str], fmt: str = "json", reference_date: dt.date | None = None) -> Iterator[str]:
    """Yield one output line per input line; a bad line yields an error record and the run goes on."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as e:
            yield _error(f"line-{n}", f"line {n} is not valid JSON: {e}")
            continue
        if not isinstance(rec, dict):
            yield _error(f"line-{n}", f"line {n} is not a JSON object")
            continue
        doc_id = rec.get("id", f"line-{n}")
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield _error(doc_id, "no text: give a non-empty \"text\" string")
            continue
        doc = extract(text, published=rec.get("published"), outlet=rec.get("outlet"), url=rec.get("url"),
                      id=None if doc_id is None else str(doc_id), reference_date=reference_date)
        yield render(doc, fmt).rstrip("\n") if fmt != "table" else render(doc, fmt)
