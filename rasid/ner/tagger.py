"""Loading a trained NER model and tagging words with it.

>>> tagger = NerTagger.load(Path("~/.cache/rasid/ner").expanduser())  # doctest: +SKIP
>>> tagger.tag_words(["قال", "المتحدث", "باسم", "الجيش", "أحمد", "المسماري"])  # doctest: +SKIP
['O', 'O', 'O', 'B-ORG', 'B-PERS', 'I-PERS']
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from rasid.ner import MODEL_FILES
from rasid.ner.corpora import from_bilou
from rasid.ner.features import Extra, Featurizer, as_extra
from rasid.ner.lexicons import load_lexicon
from rasid.ner.stacking import document_features, with_document_features
from rasid.ner.wordstats import LabelMemory, LetterModel


class ModelMissing(FileNotFoundError):
    """The NER model files are not in the data directory (run `rasid data build`)."""


class NerTagger:
    """A two-pass CRF tagger with the lexicons it was trained with."""

    def __init__(self, model_dir: Path) -> None:
        files = {k: model_dir / v for k, v in MODEL_FILES.items()}
        if not files["pass1"].is_file() or not files["meta"].is_file():
            raise ModelMissing(f"no NER model in {model_dir}: run `rasid data build`")
        self.dir = model_dir
        self.meta = json.loads(files["meta"].read_text(encoding="utf-8"))
        cfg = self.meta.get("config", {})
        self.use_memory = cfg.get("memory", True)
        self.use_letters = cfg.get("letters", True)
        self.window = cfg.get("window", 10)
        self.bilou = cfg.get("bilou", False)
        self.fz = Featurizer(load_lexicon(files["lexicon"]))
        stats = json.loads(files["wordstats"].read_text(encoding="utf-8"))
        self.memory = LabelMemory.from_json(stats.get("memory", {}))
        self.letters_oof: dict[str, list[str]] = stats.get("letters_oof", {})
        examples = [tuple(e) for e in stats.get("letters_examples", [])]
        self.letters = LetterModel.fit(examples) if self.use_letters and examples else None
        self.pass1 = pycrfsuite.Tagger()
        self.pass1.open(str(files["pass1"]))
        self.pass2 = None
        if files["pass2"].is_file():
            self.pass2 = pycrfsuite.Tagger()
            self.pass2.open(str(files["pass2"]))
        self._extra = lru_cache(maxsize=131072)(self._extra_uncached)

    @classmethod
    def load(cls, model_dir: Path) -> "NerTagger":
        return cls(Path(model_dir))

    def _extra_uncached(self, key: str) -> Extra:
        out: list[str] = []
        if self.use_memory:
            out += self.memory.features(key)
        if self.letters is not None:
            out += self.letters_oof.get(key) or self.letters.features(key)
        return as_extra(out)

    def _first_features(self, words: list[str] | tuple[str, ...], keys: list[str]) -> list[list[str]]:
        extra = self._extra
        return self.fz.sentence(words, [extra(k) for k in keys])

    def tag_sentences(self, sentences: list[list[str]] | list[tuple[str, ...]]) -> list[list[str]]:
        """BIO tags (PERS, LOC, ORG, MISC) for consecutive sentences of one document."""
        keys = [self.fz.keys(s) for s in sentences]
        first_feats = [self._first_features(s, k) for s, k in zip(sentences, keys)]
        first = [self.pass1.tag(f) if f else [] for f in first_feats]
        if self.pass2 is None:
            return [from_bilou(t) for t in first] if self.bilou else first
        doc = document_features(keys, first, self.window)
        out = [self.pass2.tag(with_document_features(f, d)) if f else [] for f, d in zip(first_feats, doc)]
        return [from_bilou(t) for t in out] if self.bilou else out

    def tag_words(self, words: list[str] | tuple[str, ...]) -> list[str]:
        """BIO tags for one sentence on its own."""
        return self.tag_sentences([list(words)])[0]


@lru_cache(maxsize=4)
def load_tagger(model_dir: str) -> NerTagger:
    """The tagger in `model_dir`, loaded once per process."""
    return NerTagger.load(Path(model_dir))
