"""The data directory: what `rasid data build` derives from third-party data, and how stages find it.

Layout of `Settings.data_dir` (RASID_DATA):
    gazetteer.sqlite    places (OCHA communities, admin units, GeoNames, curated), see rasid.kb.gazetteer
    ner/                the trained NER model: pass1/pass2.crfsuite, lexicon.json, wordstats.json, meta.json (rasid.ner)
    BUILD.json          what was built, from where, when, by which rasid
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rasid.settings import Settings, default_settings

_warned: set[str] = set()


def data_path(name: str, settings: Settings | None = None) -> Path:
    return (settings or default_settings()).data_dir / name


def warn_once(key: str, message: str) -> None:
    """One line on stderr per missing piece of data, per process."""
    if key not in _warned:
        _warned.add(key)
        print(f"rasid: warning: {message}", file=sys.stderr)


def _previous(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build(settings: Settings | None = None, shared: Path | None = None, ner: bool = True,
          ner_max_minutes: float | None = None, if_missing: bool = False) -> dict:
    """Build every derived store into the data directory; returns the BUILD.json record.

    With `if_missing`, a part already built by this rasid version is kept as it is.
    """
    from rasid import __version__
    from rasid.kb import gazetteer

    s = settings or default_settings()
    shared = Path(shared or s.shared_dir)
    s.data_dir.mkdir(parents=True, exist_ok=True)
    build_file = s.data_dir / "BUILD.json"
    previous = _previous(build_file) if if_missing else {}
    keep = previous.get("parts", {}) if previous.get("rasid") == __version__ else {}
    record: dict = {"rasid": __version__, "shared": str(shared.resolve()), "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "parts": {}}
    if "gazetteer" in keep and (s.data_dir / "gazetteer.sqlite").exists():
        record["parts"]["gazetteer"] = keep["gazetteer"]
        print("gazetteer already built; keeping it", file=sys.stderr)
    else:
        t0 = time.time()
        print(f"building the gazetteer from {shared / 'geo'} ...", file=sys.stderr)
        record["parts"]["gazetteer"] = gazetteer.build_gazetteer(shared / "geo", s.data_dir / "gazetteer.sqlite")
        record["parts"]["gazetteer"]["seconds"] = round(time.time() - t0, 1)
    if ner and "ner" in keep and (s.data_dir / "ner").is_dir():
        record["parts"]["ner"] = keep["ner"]
        print("NER model already built; keeping it", file=sys.stderr)
    elif ner:
        try:
            from rasid.ner import train

            train.build_default_model  # noqa: B018 - the entry point the build calls
        except (ImportError, AttributeError) as e:  # the NER trainer is an optional part of the build
            print(f"rasid: warning: NER training unavailable ({e}); building without the NER model",
                  file=sys.stderr)
            build_file.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
            return record
        t0 = time.time()
        print(f"training the NER model from {shared / 'nlp'} ...", file=sys.stderr)
        record["parts"]["ner"] = train.build_default_model(shared / "nlp", s.data_dir / "ner",
                                                           max_minutes=ner_max_minutes)
        record["parts"]["ner"]["seconds"] = round(time.time() - t0, 1)
    build_file.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return record
