"""The trigger lexicon and cue lists of rasid/data, compiled once into automata.

Each trigger family in `triggers.tsv` gives past and present stems and nouns; the inflected
forms (قصفت، يقصفون، تقصف، القصف، قصفًا ...) are generated here so the data file stays short.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid.kb.lexicon import load_tsv
from rasid.kb.matcher import NameMatcher

PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "و")
PRESENT_PREFIXES = ("ي", "ت", "ن")
PRESENT_SUFFIXES = ("", "ون", "ان", "ين", "ن", "وا", "و")
NOUN_SUFFIXES = ("", "ا", "ه", "ها", "هم", "هما", "ين", "ان", "يه")
TRIGGER_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "ولل", "فلل",
                             "س", "وس", "فس", "ال", "وال", "بال", "فال", "كال", "وبال", "فبال"})


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """A trigger family: what it codes to, and the part of speech a form came from."""

    family: str
    plover: str
    mode: str | None
    acled_type: str | None
    acled_subtype: str | None
    pos: str  # verb | noun
    tense: str = ""  # past | present for verbs
    ambiguous: bool = False  # a bare past verb spelt like the verbal noun (قتل، قصف، خطف)


def _none(x: str) -> str | None:
    return None if x in ("-", "") else x


def inflect(past: list[str], present: list[str], nouns: list[str]) -> dict[str, str]:
    """Every surface form (normalised, without clitics) of a family, mapped to verb-past, verb-present or noun."""
    forms: dict[str, str] = {}
    for stem in past:
        for suf in PAST_SUFFIXES:
            if stem.endswith(("ي", "ا")) and suf:  # نفى: نفت، نفوا؛ دعا: دعت، دعوا
                forms.setdefault(stem[:-1] + suf, "verb-past")
            forms.setdefault(stem + suf, "verb-past")
    for stem in present:
        for pre in PRESENT_PREFIXES:
            for suf in PRESENT_SUFFIXES:
                forms.setdefault(pre + stem + suf, "verb-present")
    for noun in nouns:
        if " " in noun:
            forms.setdefault(noun, "noun")
            continue
        for suf in NOUN_SUFFIXES:
            if noun.endswith("ه") and suf:
                forms.setdefault(noun[:-1] + "ت" + suf, "noun")  # taa marbuta before a suffix
            forms.setdefault(noun + suf, "noun")
    return forms


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    entry: TriggerEntry
    clitics: str
    token: int



@lru_cache(maxsize=1)
def trigger_matcher() -> NameMatcher:
    """One automaton over every inflected trigger form; a hit's value is its TriggerEntry."""
    entries = []
    for fam, plover, mode, atype, asub, past, present, nouns in load_tsv("triggers.tsv"):
        split = lambda s: [] if s == "-" else s.split()  # noqa: E731
        nouns_list = [n.replace("_", " ") for n in split(nouns)]  # "وقف_اطلاق_النار": a multi-word noun
        both = set(split(past)) & set(nouns_list)
        for form, pos in inflect(split(past), split(present), nouns_list).items():
            kind, _, tense = pos.partition("-")
            entries.append((form, TriggerEntry(fam, plover, _none(mode), _none(atype), _none(asub), kind, tense,
                                               form in both)))
    return NameMatcher(entries, clitics=TRIGGER_CLITICS)


@lru_cache(maxsize=1)
def requirements() -> dict[str, tuple[str, frozenset[str]]]:
    """Per family, what a trigger needs around it to code an occurrence (trigger_requirements.tsv)."""
    return {fam: (req, frozenset(words.split()) - {"-"}) for fam, req, words in load_tsv("trigger_requirements.tsv")}


# cue kinds read as word sets, compared with a token's form, not found by the automaton (their words
# are also other cues: "قتل" is both a death and a kind of harm)
WORD_KINDS = frozenset({"harm"})


@lru_cache(maxsize=1)
def cue_matcher() -> NameMatcher:
    """One automaton over the cue words; a hit's value is its kind (aerial, negation, report ...)."""
    return NameMatcher(((w, kind) for kind, w in load_tsv("event_cues.tsv") if kind not in WORD_KINDS),
                       clitics=TRIGGER_CLITICS)


@lru_cache(maxsize=None)
def cue_words(kind: str) -> frozenset[str]:
    """The normalised words of one cue kind of event_cues.tsv."""
    from rasid.stages.normalize import normalize_for_matching

    return frozenset(normalize_for_matching(w) for k, w in load_tsv("event_cues.tsv") if k == kind)


@lru_cache(maxsize=None)
def words(kind: str) -> frozenset[str]:
    """The normalised words of one kind of role_words.tsv (what is read around a trigger to tell
    subjects from objects, tolls from ages, support from mention); an unknown kind is an error."""
    from rasid.stages.normalize import normalize_for_matching

    found = frozenset(normalize_for_matching(w) for k, w in load_tsv("role_words.tsv") if k == kind)
    if not found:
        raise KeyError(f"no words of kind {kind!r} in rasid/data/role_words.tsv")
    return found
