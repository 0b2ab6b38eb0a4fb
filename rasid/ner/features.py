"""Token features for the CRF: clitic-stripped forms, affixes, shape, lexicons, dictionary classes,
word clusters, context cues.

`Featurizer(lexicon).sentence(words)` returns one list of feature strings per word. What a word
contributes on its own is computed once per distinct word and cached, so tagging a sentence costs
little more than joining cached tuples for a window of five words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasid.stages.normalize import normalize_for_matching
from rasid.stages.tokenize import default_split

GAZ_TYPES = ("PERS", "LOC", "ORG", "MISC")
MAX_PHRASE = 5
_ARABIC = re.compile(r"[\u0621-\u064a]")
_LATIN = re.compile(r"[A-Za-z]")
_PUNCT = re.compile(r"^[^\w]+$")


@lru_cache(maxsize=1)
def cue_words() -> dict[str, str]:
    """rasid/data/ner/cues.tsv: normalised context word -> kind (title, org, place, say, nisba)."""
    text = resources.files("rasid").joinpath("data", "ner", "cues.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, kind = line.partition("\t")
            out.setdefault(normalize_for_matching(word.strip()), kind.strip())
    return out


def norm_word(word: str) -> str:
    """The matching form of a word: normalised, Latin lower-cased, digits folded to 0."""
    n = normalize_for_matching(word).lower()
    return re.sub(r"[0-9]", "0", n) if any(c.isdigit() for c in n) else n


def strip_al(stem: str) -> str:
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem


@dataclass(frozen=True)
class Lexicon:
    """What the features look words up in: gazetteers by type, name lists, word clusters, a dictionary."""

    phrases: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)  # normalised words -> types
    first_names: frozenset[str] = frozenset()
    last_names: frozenset[str] = frozenset()
    clusters: dict[str, str] = field(default_factory=dict)  # normalised word -> bit-string path
    cluster_prefixes: tuple[int, ...] = (4, 8, 12)
    attested: frozenset[str] = frozenset()  # normalised words of the training text
    dictionary: dict[str, str] = field(default_factory=dict)  # normalised word -> "classes/frequency band"

    @staticmethod
    def phrase_key(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """The key of a gazetteer phrase: normalised words, the first without clitics or ال."""
        keys = [norm_word(w) for w in words if w.strip()]
        if keys:
            keys[0] = strip_al(default_split(keys[0])[1])
        return tuple(keys)


class Featurizer:
    """Turns sentences (lists of words) into CRF feature lists with a given Lexicon."""

    def __init__(self, lexicon: Lexicon, keep: frozenset[str] | None = None) -> None:
        self.lex = lexicon
        self.keep = keep  # where given, only these features are produced (those a model has weights for)
        self.cues = cue_words()
        self.max_phrase = min(MAX_PHRASE, max((len(k) for k in lexicon.phrases), default=1))
        self._word = lru_cache(maxsize=262144)(self._word_uncached)

    def split(self, n: str) -> tuple[str, str]:
        """Clitics and stem of a normalised word; a known word is not split into an unknown stem (فرنسا)."""
        prefix, stem = default_split(n)
        attested = self.lex.attested
        if prefix and n in attested and stem not in attested and "ال" + stem not in attested:
            return "", n
        return prefix, stem

    def mention_clitics(self, n: str) -> str:
        """The clitics a mention starting with normalised word `n` leaves out: و ف, then ب ل ك or لل; never ال.

        و and ف are clitics only before a known word (وينسلاند, فرحان stay whole); a bare
        preposition (بحلب) only before a name the lists know (بهية, بلير stay whole).
        """
        prefix, _ = self.split(n)
        if prefix[:1] in ("و", "ف") and not self._known(n[1:]):
            prefix = ""
        if prefix.endswith("ال") and not prefix.endswith("لل"):
            return prefix[:-2]
        if prefix in ("", "و", "ف"):
            rest = n[len(prefix):]
            if len(rest) >= 4 and rest[0] in "بلك" and rest not in self.lex.attested \
                    and self._known(rest[1:], names_only=True):
                return prefix + rest[0]
        return prefix

    def _known(self, word: str, names_only: bool = False) -> bool:
        """Is the word in the name lists or gazetteers (or, unless `names_only`, the training text)?"""
        lex = self.lex
        bare = strip_al(word)
        if bare in lex.first_names or bare in lex.last_names or (bare,) in lex.phrases:
            return True
        return not names_only and (word in lex.attested or bare in lex.attested)

    def _word_uncached(self, word: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str, str]:
        """(own features, what a neighbour two/one before/after sees, stem key, normalised word) of one word."""
        lex = self.lex
        n = norm_word(word)
        prefix, stem = self.split(n)
        bare = strip_al(stem)
        if _PUNCT.match(n):
            shape = "P"
        elif n.isdigit() or n.replace("0", "") in ("", ".", ","):
            shape = "D"
        elif _LATIN.search(n):
            shape = "L"
        elif _ARABIC.search(n):
            shape = "A"
        else:
            shape = "X"
        own = [f"w={n}", f"s={bare}", f"p={prefix}", f"sh={shape}", f"len={min(len(bare), 8)}"]
        if shape == "A":
            own += [f"s1={bare[-1:]}", f"s2={bare[-2:]}", f"s3={bare[-3:]}", f"b2={bare[:2]}",
                    f"b3={bare[:3]}", f"w1={n[:1]}", f"w2={n[:2]}"]
            if stem != bare:
                own.append("al")
        near = [f"w={n}", f"s={bare}", f"sh={shape}"]
        flags = []
        for key in {n, stem, bare}:
            types = lex.phrases.get((key,))
            if types:
                flags.extend(f"g={t}" for t in types)
            kind = self.cues.get(key)
            if kind:
                flags.append(f"cue={kind}")
        if bare in lex.first_names or stem in lex.first_names:
            flags.append("fn")
        if bare in lex.last_names or stem in lex.last_names:
            flags.append("ln")
        if lex.dictionary and shape == "A":  # a word the dictionary lacks is often a foreign name
            entry = lex.dictionary.get(bare) or lex.dictionary.get(stem)
            classes, _, band = entry.partition("/") if entry else ("0", "", "")
            flags.extend(f"d={c}" for c in classes)
            if band:
                own.append(f"df={band}")
        flags = sorted(set(flags))
        own += flags
        near += flags
        path = lex.clusters.get(n) or lex.clusters.get(bare)
        if path:
            for k in lex.cluster_prefixes:
                own.append(f"c{k}={path[:k]}")
            near.append(f"c{lex.cluster_prefixes[0]}={path[:lex.cluster_prefixes[0]]}")
            near.append(f"c{lex.cluster_prefixes[-1]}={path[:lex.cluster_prefixes[-1]]}")
        else:
            own.append("c=none")
        if self.keep is not None:
            keep = self.keep
            return (tuple(f for f in own if f in keep),
                    tuple(tuple(f for f in side if f in keep) for side in _as_neighbour(near)), bare, n)
        return tuple(own), _as_neighbour(near), bare, n

    def _phrase_tags(self, keys: list[str], norms: list[str]) -> list[list[str]]:
        """Gazetteer B-/I- features from the longest phrase match at each position."""
        out: list[list[str]] = [[] for _ in keys]
        phrases = self.lex.phrases
        i = 0
        n = len(keys)
        while i < n:
            best = 0
            types: frozenset[str] = frozenset()
            for length in range(min(self.max_phrase, n - i), 1, -1):
                key = (keys[i], *norms[i + 1:i + length])
                found = phrases.get(key)
                if found:
                    best, types = length, found
                    break
            if best:
                for t in types:
                    out[i].append(f"gp=B-{t}")
                    for j in range(i + 1, i + best):
                        out[j].append(f"gp=I-{t}")
                i += best
            else:
                i += 1
        return out

    def keys(self, words: list[str] | tuple[str, ...]) -> list[str]:
        """The clitic-stripped matching key of each word (what label memory and letter models read)."""
        return [self._word(w)[2] for w in words]

    def sentence(self, words: list[str] | tuple[str, ...],
                 extra: list[Extra] | None = None) -> list[list[str]]:
        """Feature lists for every word of a sentence; `extra` adds per-word features seen by neighbours too."""
        info = [self._word(w) for w in words]
        n = len(info)
        keys = [x[2] for x in info]
        norms = [x[3] for x in info]
        phrase = self._phrase_tags(keys, norms) if self.max_phrase > 1 else None
        padded = [_START, _START, *info, _END, _END]
        topical = _topic_features(info)
        feats = []
        for i in range(n):
            own, _, bare, norm = info[i]
            f = ["bias", *own]
            if phrase and phrase[i]:
                f += phrase[i]
            f += padded[i][1][0]  # the word two before, as seen from here
            f += padded[i + 1][1][1]
            f += padded[i + 3][1][2]
            f += padded[i + 4][1][3]
            f += (f"-1s|s={padded[i + 1][2]}|{bare}", f"s|+1s={bare}|{padded[i + 3][2]}",
                  f"-1w|+1w={padded[i + 1][3]}|{padded[i + 3][3]}")
            if topical:
                f += topical[i]
            if i == 0:
                f.append("first")
            if extra:
                f += extra[i][0]
                if i > 0:
                    f += extra[i - 1][1]
                if i + 1 < n:
                    f += extra[i + 1][2]
            feats.append(f)
        return feats


Extra = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
TOPIC_CUES = frozenset({"cue=sport", "cue=business"})
TOPICAL_FLAGS = ("g=", "d=P", "d=0", "sh=L", "c8=")  # what a topic may change the reading of


def _topic_features(info: list) -> list[list[str]] | None:
    """The topics the sentence's cue words set, on every word, and joined with its name-like flags.

    In a sports sentence a city or a foreign name is often a club ("خسارته أمام ليفانتي"), in a
    business sentence a company: the topic lets a flag weigh differently there.
    """
    topics = sorted({f[4:] for x in info for f in x[0] if f in TOPIC_CUES})
    if not topics:
        return None
    return [[f"t={t}" for t in topics] + [f"{f}&{t}" for t in topics for f in x[0] if f.startswith(TOPICAL_FLAGS)]
            for x in info]


def as_extra(features: list[str] | tuple[str, ...]) -> Extra:
    """Per-word extra features, as the word itself, its right neighbour and its left neighbour see them."""
    return tuple(features), tuple(f"-1{x}" for x in features), tuple(f"+1{x}" for x in features)


def _as_neighbour(near: list[str]) -> tuple[tuple[str, ...], ...]:
    """`near` as seen from two after, one after, one before and two before the word."""
    return tuple(tuple(f"{off:+d}{x}" for x in near) for off in (-2, -1, 1, 2))


_START = ((), _as_neighbour(["w=<s>", "sh=B"]), "<s>", "<s>")
_END = ((), _as_neighbour(["w=</s>", "sh=E"]), "</s>", "</s>")
