"""`rasid train ner` and `rasid eval ner`: thin shells over rasid.ner.train and rasid.ner.evaluate."""
from __future__ import annotations

import json
import sys
from dataclasses import fields, replace
from pathlib import Path


def register(sub) -> None:
    """Add the `train` and `eval` commands to the top-level `rasid` subparsers."""
    train = sub.add_parser("train", help="train a statistical model")
    tsub = train.add_subparsers(dest="train_cmd", required=True)
    t = tsub.add_parser("ner", help="train the Arabic NER model (PERS, LOC, ORG, MISC)")
    t.add_argument("--nlp-dir", type=Path, help="folder with anercorp/, anergazet/, … (default: <shared>/nlp)")
    t.add_argument("--out", type=Path, help="model folder (default: <data dir>/ner)")
    t.add_argument("--train", type=Path, nargs="+", metavar="CONLL",
                   help="train on these CoNLL files instead of the ANERcorp training split")
    t.add_argument("--max-minutes", type=float, help="train a lighter model to finish within this time")
    t.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                   help="override a training setting (c1, c2, iterations, folds, two_pass, window, …)")
    t.add_argument("--quiet", action="store_true", help="no progress lines")
    t.set_defaults(func=cmd_train_ner)

    ev = sub.add_parser("eval", help="evaluate a statistical model")
    esub = ev.add_subparsers(dest="eval_cmd", required=True)
    e = esub.add_parser("ner", help="precision, recall and F1 per type on a CoNLL file, and tagging speed")
    e.add_argument("--test", type=Path, required=True, help="CoNLL file: `word TAG` lines, blank between sentences")
    e.add_argument("--model", type=Path, help="model folder (default: <data dir>/ner)")
    e.add_argument("--format", choices=("table", "json"), default="table")
    e.set_defaults(func=cmd_eval_ner)


def _config(pairs: list[str]):
    from rasid.errors import ConfigError
    from rasid.ner.train import TrainConfig

    config = TrainConfig()
    kinds = {f.name: type(getattr(config, f.name)) for f in fields(config)}
    changes = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key not in kinds:
            raise ConfigError(f"unknown training setting {key!r}; known: {', '.join(kinds)}")
        kind = kinds[key]
        try:
            if kind is bool:
                changes[key] = value.lower() in ("1", "true", "yes", "on")
            elif kind is tuple:
                changes[key] = tuple(v for v in value.split(",") if v)
            else:
                changes[key] = kind(value)
        except ValueError:
            raise ConfigError(f"bad value for {key}: {value!r}") from None
    return replace(config, **changes)


def _model_dir(path: Path | None) -> Path:
    from rasid.ner import MODEL_DIR
    from rasid.settings import default_settings

    return path or default_settings().data_dir / MODEL_DIR


def cmd_train_ner(a) -> int:
    from rasid.ner import train
    from rasid.settings import default_settings

    config = _config(a.set)
    out = _model_dir(a.out)
    nlp_dir = a.nlp_dir or default_settings().shared_dir / "nlp"
    if a.train:
        summary = train.train_from_files(a.train, out, nlp_dir if nlp_dir.is_dir() else None, config, a.quiet)
    else:
        summary = train.build_default_model(nlp_dir, out, a.max_minutes, config, a.quiet)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


def cmd_eval_ner(a) -> int:
    from rasid.errors import ConfigError
    from rasid.ner.evaluate import evaluate_file, format_table
    from rasid.ner.tagger import ModelMissing, NerTagger

    if not a.test.is_file():
        raise ConfigError(f"test file not found: {a.test}")
    try:
        tagger = NerTagger.load(_model_dir(a.model))
    except ModelMissing as e:
        raise ConfigError(str(e)) from None
    result = evaluate_file(tagger, a.test)
    if a.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(format_table(result) + "\n")
    return 0
