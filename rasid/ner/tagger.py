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
        lexicon = load_lexicon(files["lexicon"])
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
        # produce only the features the models weigh: the same tags, fewer strings to pass to CRFsuite
        weighed = stats.get("model_attributes")
        self.keep = frozenset(weighed) if weighed else frozenset(
            a for m in (self.pass1, self.pass2) if m for a, _ in m.info().state_features)
        self.fz = Featurizer(lexicon, keep=self.keep)
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
        keep = self.keep
        return tuple(tuple(f for f in side if f in keep) for side in as_extra(out))

    def _first_features(self, words: list[str] | tuple[str, ...], keys: list[str]) -> list[list[str]]:
        extra = self._extra
        return self.fz.sentence(words, [extra(k) for k in keys])

    def tag_sentences(self, sentences: list[list[str]] | list[tuple[str, ...]], passes: int = 2,
                      selective: bool = False) -> list[list[str]]:
        """BIO tags (PERS, LOC, ORG, MISC) for consecutive sentences of one document."""
        return [[t for t, _ in s] for s in self._tag(sentences, passes, selective, confidence=False)]

    def tag_with_confidence(self, sentences: list[list[str]], passes: int = 2,
                            selective: bool = True) -> list[list[tuple[str, float]]]:
        """BIO tags with the marginal probability of each word's label (1.0 for words outside entities).

        With `selective`, the second pass runs only on sentences where a word was tagged as an
        entity elsewhere in the document: elsewhere it has nothing to add.
        """
        return self._tag(sentences, passes, selective, confidence=True)

    def _tag(self, sentences, passes: int, selective: bool, confidence: bool) -> list[list[tuple[str, float]]]:
        keys = [self.fz.keys(s) for s in sentences]
        feats = [self._first_features(s, k) for s, k in zip(sentences, keys)]
        models = [self.pass1] * len(feats)
        if passes > 1 and self.pass2 is not None:
            first = [self.pass1.tag(f) if f else [] for f in feats]
            doc = document_features(keys, first, self.window)
            for i, (f, d) in enumerate(zip(feats, doc)):
                if not selective or any(x.startswith("d=") and x != "d=O" for row in d for x in row):
                    feats[i] = with_document_features(f, d)
                    models[i] = self.pass2
        out = []
        for f, model in zip(feats, models):
            if not f:
                out.append([])
                continue
            tags = model.tag(f)
            probs = [model.marginal(t, i) if confidence and t != "O" else 1.0 for i, t in enumerate(tags)]
            out.append(list(zip(from_bilou(tags) if self.bilou else tags, probs)))
        return out

    def is_common_word(self, word: str, min_count: int = 3, share: float = 0.8) -> bool:
        """Was the word seen in training mostly outside entities ("المدينة", "جيش")?"""
        counts = self.memory.counts.get(self.fz.keys([word])[0])
        if not counts:
            return False
        total = sum(counts.values())
        return total >= min_count and counts["O"] >= share * total

    def tag_words(self, words: list[str] | tuple[str, ...]) -> list[str]:
        """BIO tags for one sentence on its own."""
        return self.tag_sentences([list(words)])[0]


@lru_cache(maxsize=4)
def load_tagger(model_dir: str) -> NerTagger:
    """The tagger in `model_dir`, loaded once per process."""
    return NerTagger.load(Path(model_dir))
