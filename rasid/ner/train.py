"""Training the CRF named-entity model: data, features, out-of-fold first pass, second pass, files.

`build_default_model(nlp_dir, out_dir)` is what `rasid data build` runs: it trains on the ANERcorp
training split (never on `ANERCorp.original.txt`, which holds the test sentences), scores the
ANERcorp test split, and writes the model, its lexicons and `meta.json` into `out_dir`.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import platform
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pycrfsuite

from rasid.ner import MODEL_FILES, corpora
from rasid.ner.corpora import Sentence
from rasid.ner.features import Extra, Featurizer, Lexicon, as_extra, norm_word
from rasid.ner.lexicons import build_lexicon, dictionary_entries, dictionary_file, gazetteer_entries, kb_entries, save_lexicon
from rasid.ner.stacking import document_features, with_document_features
from rasid.ner.wordstats import LabelMemory, out_of_fold_guesses, word_classes

ANERCORP_TRAIN = "anercorp/ANERcorp_approxCamelSplit_train.txt"
ANERCORP_TEST = "anercorp/ANERcorp_approxCamelSplit_test.txt"
LICENCES = {
    "anercorp": "ANERcorp (Benajiba 2007): free for research; CAMeL Lab release CC BY-SA 4.0",
    "anergazet": "ANERGazet (Benajiba): free for research",
    "arabic-names": "AKhateeb/arabic-names: MIT",
    "wojood-sample": "Wojood public sample (SinaLab): research/demo data",
    "newsfane-gold": "NewsFANE Gold 2014 (Alotaibi & Lee): CC BY-SA 3.0",
    "arramooz": "Arramooz word-frequency list (Taha Zerrouki, package arramooz-pysqlite): GPL",
}


@dataclass(frozen=True)
class TrainConfig:
    """How a model is trained; saved in meta.json so a build can be repeated."""

    c1: float = 0.05
    c2: float = 0.01
    iterations: int = 100
    folds: int = 5  # contiguous blocks: label memory and first-pass tags for a block come from the others
    two_pass: bool = True
    window: int = 10  # sentences either side whose first-pass tags the second pass reads
    memory: bool = True
    letters: bool = True
    clusters: bool = True  # word clusters from the training texts (needs NumPy)
    attested: bool = True  # do not split a known word into an unknown stem
    knowledge_base: bool = True  # rasid's actors as gazetteer entries
    dictionary: bool = True  # word classes from Arramooz's list (the `ner` extra): +1.5 F1 one pass, +0.5 two
    no_stop_copies: bool = True  # also train on each sentence without its final full stop
    bilou: bool = False  # learn BILOU tags (output stays BIO); tried, no better here and slower
    # "wojood", "newsfane": both lower the ANERcorp test F1. NewsFANE Gold is ANERcorp's own text
    # re-annotated under another scheme (its MISC and ORG differ): 68.1 with it against 72.7 without.
    extra_corpora: tuple[str, ...] = ()
    workers: int = 2
    seed: int = 13


def _say(msg: str, quiet: bool) -> None:
    if not quiet:
        print(f"ner: {msg}", file=sys.stderr, flush=True)


def _blocks(n: int, folds: int) -> list[int]:
    return [i * folds // max(1, n) for i in range(n)]


class FeatureBuilder:
    """First-pass features for training sentences (memory left out per block) and for new text."""

    def __init__(self, lexicon: Lexicon, config: TrainConfig, sentences: list[Sentence],
                 blocks: list[int], gazetteer: list[tuple[str, str]]) -> None:
        self.fz = Featurizer(lexicon)
        self.config = config
        self.keys = [self.fz.keys(s.words) for s in sentences]
        self.memory = LabelMemory()
        self.block_memory: dict[int, LabelMemory] = defaultdict(LabelMemory)
        for k, s, b in zip(self.keys, sentences, blocks):
            self.memory.add(k, s.tags)
            self.block_memory[b].add(k, s.tags)
        self.letters, self.letters_oof = (None, {})
        if config.letters:
            gz = [(self.fz.keys(name.split())[-1], t) for t, name in gazetteer if name.strip()]
            self.letters, self.letters_oof = out_of_fold_guesses(
                word_classes(list(zip(self.keys, (s.tags for s in sentences)))),
                [(w, t) for w, t in gz if w.isalpha()])

    def extra(self, keys: list[str], block: int | None = None) -> list[Extra]:
        """Memory and letter features of one sentence's keys; `block`: leave that block's counts out."""
        out: list[list[str]] = [[] for _ in keys]
        if self.config.memory:
            own = self.block_memory.get(block) if block is not None else None
            for i, k in enumerate(keys):
                out[i] += self.memory.features(k, own.counts.get(k) if own else None)
        if self.config.letters:
            for i, k in enumerate(keys):
                out[i] += self.letters_oof.get(k) or self.letters.features(k)
        return [as_extra(x) for x in out]

    def first_pass(self, words: tuple[str, ...], keys: list[str], block: int | None = None) -> list[list[str]]:
        return self.fz.sentence(words, self.extra(keys, block))


def _train_crf(xs, ys, groups, path: Path, config: TrainConfig, holdout: int = -1) -> None:
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for x, y, g in zip(xs, ys, groups):
        trainer.append(x, y, g)
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(path), holdout)


_JOB: dict = {}


def _fold_job(fold: int) -> tuple[int, list[list[str]]]:
    """Train on every block but `fold` and tag `fold` (run in a forked worker); fold -1: the full first pass."""
    j = _JOB
    if fold < 0:
        _train_crf(j["xs"], j["ys"], [0] * len(j["xs"]), j["dir"] / MODEL_FILES["pass1"], j["config"])
        return fold, []
    path = j["dir"] / f"fold{fold}.crfsuite"
    _train_crf(j["xs"], j["ys"], j["groups"], path, j["config"], holdout=fold)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    tags = [tagger.tag(x) for x, g, orig in zip(j["xs"], j["groups"], j["is_orig"]) if g == fold and orig]
    tagger.close()
    path.unlink()
    return fold, tags


def _run_folds(folds: list[int], workers: int) -> dict[int, list[list[str]]]:
    if workers > 1 and len(folds) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(min(workers, len(folds))) as pool:
            return dict(pool.imap_unordered(_fold_job, folds))
    return dict(_fold_job(f) for f in folds)


def train_model(sentences: list[Sentence], out_dir: Path, lexicon: Lexicon, config: TrainConfig = TrainConfig(),
                gazetteer: list[tuple[str, str]] = (), quiet: bool = False, blocks: list[int] | None = None) -> dict:
    """Train on `sentences` (consecutive sentences of a document-ordered corpus) and write the model files.

    `blocks`: the fold of each sentence (default: `config.folds` contiguous blocks); a sentence and
    its copies in another corpus (NewsFANE re-annotates ANERcorp) must share a block.
    """
    t_start = time.time()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in MODEL_FILES.values():  # never leave a stale file of an earlier model beside this one
        (out_dir / name).unlink(missing_ok=True)
    blocks = list(blocks) if blocks is not None else _blocks(len(sentences), config.folds)
    fb = FeatureBuilder(lexicon, config, sentences, blocks, list(gazetteer))
    _say(f"features for {len(sentences)} sentences, {sum(len(s.words) for s in sentences)} words", quiet)
    xs, ys, groups, is_orig, origin = [], [], [], [], []
    for i, (s, keys, b) in enumerate(zip(sentences, fb.keys, blocks)):
        feats = fb.first_pass(s.words, keys, b)
        tags = corpora.to_bilou(s.tags) if config.bilou else list(s.tags)
        xs.append(feats), ys.append(tags), groups.append(b), is_orig.append(True), origin.append(i)
        if config.no_stop_copies and len(s.words) > 3 and s.words[-1] in (".", "!", "؟", "?"):
            tags = corpora.to_bilou(s.tags[:-1]) if config.bilou else list(s.tags[:-1])
            xs.append(fb.first_pass(s.words[:-1], keys[:-1], b))
            ys.append(tags), groups.append(b), is_orig.append(False), origin.append(i)
    items = [pycrfsuite.ItemSequence(x) for x in xs]
    _say(f"features ready ({time.time() - t_start:.0f} s); training the first pass", quiet)
    _JOB.update(xs=items, ys=ys, groups=groups, is_orig=is_orig, config=config, dir=out_dir)
    summary: dict = {"sentences": len(sentences), "tokens": sum(len(s.words) for s in sentences)}
    try:
        if config.two_pass:  # the folds and the full first pass share the workers
            t0 = time.time()
            oof = _run_folds([-1] + sorted(set(blocks)), config.workers)
            first = [None] * len(sentences)
            for fold, tags in oof.items():
                idx = [i for i, b in enumerate(blocks) if b == fold]
                for i, t in zip(idx, tags):
                    first[i] = t
            _say(f"first pass and out-of-fold first pass done ({time.time() - t0:.0f} s)", quiet)
            summary["first_pass_oof"] = _quick_score(sentences, [corpora.from_bilou(t) for t in first])
        else:
            _train_crf(items, ys, [0] * len(items), out_dir / MODEL_FILES["pass1"], config)
            _say(f"first pass trained ({time.time() - t_start:.0f} s)", quiet)
        if config.two_pass:
            doc = document_features(fb.keys, first, config.window)
            xs2 = []
            for x, i, orig in zip(xs, origin, is_orig):
                d = doc[i] if orig else doc[i][:len(x)]
                xs2.append(pycrfsuite.ItemSequence(with_document_features(x, d)))
            _train_crf(xs2, ys, [0] * len(xs2), out_dir / MODEL_FILES["pass2"], config)
            _say(f"second pass trained ({time.time() - t_start:.0f} s)", quiet)
    finally:
        _JOB.clear()
    save_lexicon(lexicon, out_dir / MODEL_FILES["lexicon"])
    weighed = set()
    for name in ("pass1", "pass2"):
        if (out_dir / MODEL_FILES[name]).is_file():
            tagger = pycrfsuite.Tagger()
            tagger.open(str(out_dir / MODEL_FILES[name]))
            weighed.update(a for a, _ in tagger.info().state_features)
            tagger.close()
    stats = {"model_attributes": sorted(weighed), "memory": fb.memory.to_json(), "letters_oof": fb.letters_oof,
             "letters_examples": _letter_examples(fb, sentences, gazetteer) if config.letters else []}
    (out_dir / MODEL_FILES["wordstats"]).write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
    summary["train_seconds"] = round(time.time() - t_start, 1)
    meta = {"config": asdict(config), "summary": summary}
    (out_dir / MODEL_FILES["meta"]).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def _letter_examples(fb: FeatureBuilder, sentences: list[Sentence], gazetteer) -> list[tuple[str, str]]:
    classes = word_classes(list(zip(fb.keys, (s.tags for s in sentences))))
    gz = [(fb.fz.keys(name.split())[-1], t) for t, name in gazetteer if name.strip()]
    return [(w, c) for w, c in classes.items() if len(w) >= 2 and w.isalpha()] + [(w, t) for w, t in gz if w.isalpha()]


def _quick_score(sentences: list[Sentence], predicted) -> float:
    from rasid.ner.evaluate import score

    return score([s.tags for s in sentences], predicted)["f1"]


def load_training_sentences(nlp_dir: Path, config: TrainConfig) -> tuple[list[Sentence], list[Sentence], dict]:
    """The training sentences (ANERcorp train split, plus chosen extra corpora) and the test split."""
    train, _, test, sources = load_training_set(nlp_dir, config)
    return train, test, sources


def load_training_set(nlp_dir: Path, config: TrainConfig) -> tuple[list[Sentence], list[int], list[Sentence], dict]:
    """Training sentences, the fold block of each, the test split and where the sentences came from.

    ANERcorp's training split is cut into `config.folds` contiguous blocks. NewsFANE Gold
    re-annotates ANERcorp: its sentences that overlap the test split are dropped, and each other
    one joins the block of the ANERcorp sentence it retells, so out-of-fold features never see a
    sentence's own second annotation. Wojood's sentences are cut into blocks of their own.
    """
    train = corpora.read_conll(nlp_dir / ANERCORP_TRAIN)
    test = corpora.read_conll(nlp_dir / ANERCORP_TEST)
    blocks = _blocks(len(train), config.folds)
    sources = {"anercorp_train": ANERCORP_TRAIN}
    if "newsfane" in config.extra_corpora:
        nf, dropped = corpora.drop_overlapping(corpora.read_newsfane(nlp_dir / "newsfane-gold/NewsFANE_Gold_2014_170K.txt"), test)
        aligned = corpora.align_to(nf, train)
        last = 0
        for j in aligned:
            last = blocks[j] if j is not None else last
            blocks.append(last)
        train = train + nf
        sources["newsfane"] = f"newsfane-gold/NewsFANE_Gold_2014_170K.txt ({dropped} sentences overlapping the test split dropped)"
    if "wojood" in config.extra_corpora:
        wj = [s for part in ("train", "val", "test") for s in corpora.read_wojood(nlp_dir / f"wojood-sample/{part}.txt")]
        train = train + wj
        blocks += _blocks(len(wj), config.folds)
        sources["wojood"] = "wojood-sample/{train,val,test}.txt"
    return train, blocks, test, sources


def unlabelled_sentences(nlp_dir: Path, test: list[Sentence]) -> tuple[list[tuple[str, ...]], list[str]]:
    """The word sequences of every training text (labelled sets and UD Arabic-PUD), none from the test split."""
    texts = [s.words for s in corpora.read_conll(nlp_dir / ANERCORP_TRAIN)]
    used = [ANERCORP_TRAIN]
    newsfane = nlp_dir / "newsfane-gold/NewsFANE_Gold_2014_170K.txt"
    if newsfane.is_file():
        kept, _ = corpora.drop_overlapping(corpora.read_newsfane(newsfane), test)
        texts += [s.words for s in kept]
        used.append("newsfane-gold (test overlap dropped)")
    for part in ("train", "val", "test"):
        path = nlp_dir / f"wojood-sample/{part}.txt"
        if path.is_file():
            texts += [s.words for s in corpora.read_wojood(path)]
            used.append(f"wojood-sample/{part}.txt")
    pud = nlp_dir / "ud-arabic-pud/ar_pud-ud-test.conllu"
    if pud.is_file():
        texts += [s.words for s in corpora.read_pud_text(pud)]
        used.append("ud-arabic-pud/ar_pud-ud-test.conllu")
    return texts, used


def make_lexicon(nlp_dir: Path, test: list[Sentence], config: TrainConfig, quiet: bool = False) -> tuple[Lexicon, dict]:
    """Gazetteers, name lists, known words and word clusters, from the training texts only."""
    texts, used = unlabelled_sentences(nlp_dir, test)
    attested = {norm_word(w) for s in texts for w in s} if config.attested else set()
    extra, kb_digest = kb_entries() if config.knowledge_base else ([], None)
    lexicon = build_lexicon(nlp_dir, extra=extra, attested=attested)
    info = {"unlabelled_texts": used, "unlabelled_words": sum(len(s) for s in texts),
            "knowledge_base_names": len(extra), "knowledge_base_digest": kb_digest}
    if config.dictionary:
        lexicon, info["dictionary"] = with_dictionary(lexicon, quiet)
    if config.clusters and not _has_numpy():
        _say("NumPy is not installed: training without word clusters", quiet)
        info["clustered_words"] = 0
    elif config.clusters:
        from rasid.ner.clusters import train_clusters

        t0 = time.time()
        fz = Featurizer(lexicon)
        paths = train_clusters([fz.keys(s) for s in texts], seed=config.seed)
        lexicon = replace(lexicon, clusters=paths)
        info["clustered_words"] = len(paths)
        _say(f"{len(paths)} word clusters ({time.time() - t0:.0f} s)", quiet)
    return lexicon, info


def with_dictionary(lexicon: Lexicon, quiet: bool = False) -> tuple[Lexicon, dict | None]:
    """`lexicon` with Arramooz's word classes, where installed, and a record of the list used."""
    path = dictionary_file()
    if path is None:
        _say("the Arramooz word list is not installed (pip install 'rasid[ner]'): training without it", quiet)
        return lexicon, None
    words = dictionary_entries(path)
    return replace(lexicon, dictionary=words), {**_file_record(path), "words": len(words)}


def _file_record(path: Path) -> dict:
    import hashlib

    return {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16]}


def _versions() -> dict:
    from importlib import metadata

    from rasid import __version__

    out = {"rasid": __version__, "python": platform.python_version()}
    for pkg in ("python-crfsuite", "numpy", "arramooz-pysqlite"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def config_for_budget(max_minutes: float | None, config: TrainConfig = TrainConfig()) -> TrainConfig:
    """A lighter configuration when the build must finish within `max_minutes` (on two cores)."""
    if max_minutes is None or max_minutes >= 6:
        return config
    if max_minutes >= 2:
        return replace(config, iterations=min(config.iterations, 60), no_stop_copies=False)
    return replace(config, two_pass=False, iterations=min(config.iterations, 40), no_stop_copies=False,
                   clusters=False)


def write_meta(out_dir: Path, meta: dict) -> None:
    path = out_dir / MODEL_FILES["meta"]
    old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    old.update(meta)
    path.write_text(json.dumps(old, ensure_ascii=False, indent=1), encoding="utf-8")


def build_default_model(nlp_dir: Path, out_dir: Path, max_minutes: float | None = None,
                        config: TrainConfig | None = None, quiet: bool = False) -> dict:
    """Train rasid's NER model from ../shared/nlp into `out_dir` and score it on the ANERcorp test split."""
    from rasid.errors import ConfigError
    from rasid.ner.evaluate import evaluate
    from rasid.ner.tagger import NerTagger

    nlp_dir, out_dir = Path(nlp_dir), Path(out_dir)
    if not (nlp_dir / ANERCORP_TRAIN).is_file():
        raise ConfigError(f"ANERcorp training split not found in {nlp_dir}: pass the folder holding anercorp/")
    t0 = time.time()
    config = config_for_budget(max_minutes, config or TrainConfig())
    train, blocks, test, sources = load_training_set(nlp_dir, config)
    _say(f"{len(train)} training sentences, {len(test)} test sentences; building lexicons", quiet)
    lexicon, lex_info = make_lexicon(nlp_dir, test, config, quiet)
    summary = train_model(train, out_dir, lexicon, config, gazetteer_entries(nlp_dir), quiet, blocks=blocks)
    _say(f"scoring on {ANERCORP_TEST}", quiet)
    result = evaluate(NerTagger.load(out_dir), test)
    inputs = [nlp_dir / ANERCORP_TRAIN, nlp_dir / ANERCORP_TEST] + [nlp_dir / p for p in _lexicon_files()]
    meta = {
        "model": "two-pass CRF" if config.two_pass else "CRF",
        "trained": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "seconds": round(time.time() - t0, 1),
        "cpus": os.cpu_count(),
        "versions": _versions(),
        "data": {"nlp_dir": str(nlp_dir.resolve()), "sources": sources, "lexicon": lex_info,
                 "files": [_file_record(p) for p in inputs if p.is_file()],
                 "excluded": "anercorp/ANERCorp.original.txt (holds the test sentences)"},
        "licences": LICENCES,
        "test": {k: result[k] for k in ("precision", "recall", "f1", "per_type", "tokens_per_s")},
    }
    write_meta(out_dir, meta)
    _say(f"test F1 {result['f1']:.2f} (P {result['precision']:.2f}, R {result['recall']:.2f}); "
         f"{meta['seconds']:.0f} s in all", quiet)
    return {"model_dir": str(out_dir), "test_f1": result["f1"], "test_precision": result["precision"],
            "test_recall": result["recall"],
            "per_type_f1": {t: r["f1"] for t, r in result["per_type"].items()}, **summary}


def _lexicon_files() -> list[str]:
    from rasid.ner.lexicons import ANERGAZET, FIRST_NAMES, LAST_NAMES

    return [*ANERGAZET.values(), *FIRST_NAMES, *LAST_NAMES]


def train_from_files(paths: list[Path], out_dir: Path, nlp_dir: Path | None = None,
                     config: TrainConfig = TrainConfig(), quiet: bool = False) -> dict:
    """Train on CoNLL files of your own (ANERcorp format), with gazetteers from `nlp_dir` where given."""
    sentences = [s for p in paths for s in corpora.read_conll(p)]
    if not sentences:
        from rasid.errors import ConfigError

        raise ConfigError(f"no sentences in {', '.join(map(str, paths))}")
    if nlp_dir is not None and (Path(nlp_dir) / "anergazet").is_dir():
        lexicon = build_lexicon(Path(nlp_dir))
        gazetteer = gazetteer_entries(Path(nlp_dir))
    else:
        lexicon, gazetteer = Lexicon(), []
    attested = {norm_word(w) for s in sentences for w in s.words} if config.attested else set()
    lexicon = replace(lexicon, attested=frozenset(attested))
    if config.dictionary:
        lexicon, _ = with_dictionary(lexicon, quiet)
    if config.clusters and _has_numpy():
        from rasid.ner.clusters import train_clusters

        lexicon = replace(lexicon, clusters=train_clusters([Featurizer(lexicon).keys(s.words) for s in sentences]))
    summary = train_model(sentences, Path(out_dir), lexicon, config, gazetteer, quiet)
    write_meta(Path(out_dir), {"model": "two-pass CRF" if config.two_pass else "CRF", "versions": _versions(),
                               "data": {"train": [_file_record(Path(p)) for p in paths]}})
    return summary


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True
