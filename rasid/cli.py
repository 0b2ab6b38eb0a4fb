"""The `rasid` command line: thin shells over the library calls."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from rasid.errors import ConfigError, RasidError


def _date_arg(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s}") from None


def _add_extract(sub) -> None:
    p = sub.add_parser("extract", help="extract events and mentions from one article (or JSON Lines)")
    p.add_argument("path", help="article file, or - for standard input")
    p.add_argument("--published", type=_date_arg, help="publication date YYYY-MM-DD")
    p.add_argument("--outlet")
    p.add_argument("--url")
    p.add_argument("--id")
    p.add_argument("--reference-date", type=_date_arg,
                   help="'today' when inferring a missing publication date (default: today)")
    p.add_argument("--format", choices=("json", "table", "geojson"), default="json")
    p.add_argument("--input-format", choices=("text", "jsonl"), default="text",
                   help="jsonl: one {id, text, published, outlet, url} per line, one document JSON out per line")
    p.set_defaults(func=cmd_extract)


def cmd_extract(a) -> int:
    from rasid.output import render
    from rasid.pipeline import extract

    if a.input_format == "jsonl":
        from rasid.batch import extract_jsonl

        stream = sys.stdin if a.path == "-" else open(a.path, encoding="utf-8", errors="replace")
        with stream:
            for line in extract_jsonl(stream, fmt=a.format, reference_date=a.reference_date):
                sys.stdout.write(line + "\n")
                sys.stdout.flush()
        return 0
    from rasid.textio import read_article

    text = read_article(a.path)
    doc = extract(text, published=a.published, outlet=a.outlet, url=a.url,
                  id=a.id or (Path(a.path).stem if a.path != "-" else None), reference_date=a.reference_date)
    out = render(doc, a.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _add_explain(sub) -> None:
    p = sub.add_parser("explain", help="show why each event was coded: trigger, rule, evidence")
    p.add_argument("path")
    p.add_argument("--published", type=_date_arg)
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--dropped", action="store_true", help="also list the trigger words that coded no event, and why")
    p.set_defaults(func=cmd_explain)


def cmd_explain(a) -> int:
    from rasid.explain import explain
    from rasid.pipeline import extract
    from rasid.textio import read_article

    doc = extract(read_article(a.path), published=a.published)
    color = a.color == "always" or (a.color == "auto" and sys.stdout.isatty())
    dropped: list | None = None
    if a.dropped:
        from rasid.stages.events import find_events

        dropped = []
        find_events(doc, dropped)
    sys.stdout.write(explain(doc, color=color, dropped=dropped))
    return 0


def _add_data(sub) -> None:
    p = sub.add_parser("data", help="build or inspect the derived data (gazetteer, NER model)")
    dsub = p.add_subparsers(dest="data_cmd", required=True)
    b = dsub.add_parser("build", help="build the gazetteer and train the NER model into the data directory")
    b.add_argument("--shared", type=Path, help="folder with geo/ and nlp/ (default: ../shared)")
    b.add_argument("--no-ner", action="store_true", help="skip training the NER model")
    b.add_argument("--ner-max-minutes", type=float, default=None)
    b.add_argument("--if-missing", action="store_true",
                   help="build only what is missing or was built by another rasid version")
    b.set_defaults(func=cmd_data_build)
    o = dsub.add_parser("build-official",
                        help="build the gazetteer from OCHA HDX locations (.xlsx/.csv) or a GeoNames country dump")
    o.add_argument("file", type=Path)
    o.add_argument("--kind", choices=("hdx", "geonames"))
    o.set_defaults(func=cmd_data_build_official)
    i = dsub.add_parser("info", help="where the data directory is and what it holds")
    i.set_defaults(func=cmd_data_info)


def cmd_data_build(a) -> int:
    from rasid.datadir import build

    rec = build(shared=a.shared, ner=not a.no_ner, ner_max_minutes=a.ner_max_minutes, if_missing=a.if_missing)
    print(json.dumps(rec, ensure_ascii=False, indent=1))
    return 0


def cmd_data_build_official(a) -> int:
    from rasid.kb.gazetteer import build_gazetteer_from_official, store_path

    print(json.dumps(build_gazetteer_from_official(a.file, store_path(), a.kind), ensure_ascii=False, indent=1))
    return 0


def cmd_data_info(a) -> int:
    from rasid.settings import default_settings

    s = default_settings()
    rec = s.data_dir / "BUILD.json"
    print(f"data directory: {s.data_dir}")
    print(rec.read_text(encoding="utf-8") if rec.is_file() else "not built: run `rasid data build`")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from rasid import __version__

    ap = argparse.ArgumentParser(prog="rasid", description="Arabic conflict news to a sourced event dataset")
    ap.add_argument("--version", action="version", version=f"rasid {__version__}")
    sub = ap.add_subparsers(dest="cmd", required=True)
    _add_extract(sub)
    _add_explain(sub)
    _add_data(sub)
    for module in ("rasid.ner.cli", "rasid.store.cli"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ImportError:
            continue
        mod.register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    a = ap.parse_args(argv)
    try:
        return int(a.func(a) or 0)
    except RasidError as e:
        print(f"rasid: error: {e}", file=sys.stderr)
        return 2 if isinstance(e, ConfigError) else 1
    except KeyboardInterrupt:
        print("rasid: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
