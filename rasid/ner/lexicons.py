"""Gazetteers for the NER features: ANERGazet, the arabic-names lists, rasid's knowledge base and a
dictionary of word classes.

They are read at build time (from ../shared/nlp, and from the Arramooz word list where the
`ner` extra installed it) and saved beside the model (never committed), so a model always tags
with exactly the lists it was trained with.
"""
from __future__ import annotations

import json
import math
import sqlite3
from contextlib import closing
from importlib import metadata
from pathlib import Path

from rasid.ner.features import Lexicon, norm_word, strip_al
from rasid.stages.tokenize import default_split

ANERGAZET = {"PERS": "anergazet/AlignedPersGazetteer.txt", "LOC": "anergazet/AlignedLocGazetteer.txt",
             "ORG": "anergazet/AlignedOrgGazetteer.txt"}
FIRST_NAMES = ("arabic-names/male-first--names-in-arabic.txt", "arabic-names/female-first-names-in-arabic.txt")
LAST_NAMES = ("arabic-names/last-names-in-arabic.txt",)
DICTIONARY_PACKAGE = "arramooz-pysqlite"
DICTIONARY_FILE = "arramooz/data/wordfreq.sqlite"
# Arramooz word types -> one-letter classes: proper noun, noun, adjective, verb, abbreviation; the rest
# (particles, pronouns, prepositions...) are function words, F.
_WORD_CLASSES = {"noun_prop": "P", "noun": "N", "noun_quant": "N", "adj": "J", "adj_comp": "J", "adj_num": "J",
                 "verb": "V", "verb_pseudo": "V", "abbrev": "A"}


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line and not line.startswith("====") and not line.startswith("****"):
            out.append(line)
    return out


def gazetteer_entries(nlp_dir: Path) -> list[tuple[str, str]]:
    """(type, name) pairs from ANERGazet."""
    return [(t, name) for t, rel in ANERGAZET.items() for name in _lines(nlp_dir / rel)]


def kb_entries() -> tuple[list[tuple[str, str]], str | None]:
    """(type, Arabic name) pairs from rasid's knowledge base, and its digest.

    States' own names are LOC (as ANERcorp tags countries), other actors' names ORG, people PERS.
    Where the knowledge base cannot be loaded the model trains without these entries.
    """
    out: list[tuple[str, str]] = []
    try:
        from rasid.kb.actors import load_registry
        from rasid.kb.people import load_people

        registry = load_registry()
        for actor in registry.actors.values():
            out.append(("LOC" if actor.kind == "state" else "ORG", actor.ar))
            out.extend(("ORG", a.text) for a in actor.aliases if a.text != actor.ar)
        for person in load_people():
            out.extend(("PERS", a.text) for a in person.aliases)
        return out, registry.digest
    except Exception:  # noqa: BLE001 - the knowledge base is optional for the model
        return out, None


def dictionary_file() -> Path | None:
    """Arramooz's word-frequency list, where the `arramooz-pysqlite` package is installed (read, not imported)."""
    try:
        path = Path(str(metadata.distribution(DICTIONARY_PACKAGE).locate_file(DICTIONARY_FILE)))
    except metadata.PackageNotFoundError:
        return None
    return path if path.is_file() else None


def dictionary_entries(path: Path | None = None) -> dict[str, str]:
    """Normalised word -> "classes/band": its word classes (P, N, J, V, A, F) and log10 frequency band.

    Arramooz's list gives about 37,000 undiacritised words with their class and their frequency in
    a large news corpus, 5,300 of them proper nouns. A word it lacks is a hint of a foreign name
    (أوستاريز), one it knows as a proper noun a hint of a name (عرفات, مايكل).
    """
    path = path or dictionary_file()
    if path is None:
        return {}
    classes: dict[str, set[str]] = {}
    freq: dict[str, int] = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for word, kind, count in db.execute("SELECT unvocalized, word_type, freq FROM wordfreq"):
            key = norm_word(word or "")
            if key:
                classes.setdefault(key, set()).add(_WORD_CLASSES.get(kind, "F"))
                freq[key] = freq.get(key, 0) + int(count or 0)
    return {k: "".join(sorted(v)) + "/" + str(min(6, int(math.log10(freq[k] + 1)))) for k, v in classes.items()}


def build_lexicon(nlp_dir: Path, extra: list[tuple[str, str]] = (), clusters: dict[str, str] | None = None,
                  attested: set[str] | frozenset[str] = frozenset()) -> Lexicon:
    """A Lexicon of ANERGazet, the name lists and `extra` (type, name) pairs."""
    phrases: dict[tuple[str, ...], set[str]] = {}
    for typ, name in [*gazetteer_entries(nlp_dir), *extra]:
        key = Lexicon.phrase_key(name.split())
        if key and len(key) <= 5 and key[0]:
            phrases.setdefault(key, set()).add(typ)
    firsts = {strip_al(default_split(norm_word(w))[1]) for rel in FIRST_NAMES for w in _lines(nlp_dir / rel)}
    lasts = {strip_al(default_split(norm_word(w))[1]) for rel in LAST_NAMES for w in _lines(nlp_dir / rel)}
    return Lexicon(phrases={k: frozenset(v) for k, v in phrases.items()}, first_names=frozenset(firsts),
                   last_names=frozenset(lasts), clusters=dict(clusters or {}), attested=frozenset(attested))


def save_lexicon(lex: Lexicon, path: Path) -> None:
    """Write a Lexicon as JSON beside the model."""
    data = {"phrases": [[list(k), sorted(v)] for k, v in sorted(lex.phrases.items())],
            "first_names": sorted(lex.first_names), "last_names": sorted(lex.last_names),
            "clusters": lex.clusters, "cluster_prefixes": list(lex.cluster_prefixes),
            "attested": sorted(lex.attested), "dictionary": lex.dictionary}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load_lexicon(path: Path) -> Lexicon:
    """Read a Lexicon written by `save_lexicon`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Lexicon(phrases={tuple(k): frozenset(v) for k, v in data["phrases"]},
                   first_names=frozenset(data["first_names"]), last_names=frozenset(data["last_names"]),
                   clusters=data["clusters"], cluster_prefixes=tuple(data["cluster_prefixes"]),
                   attested=frozenset(data.get("attested", ())), dictionary=data.get("dictionary", {}))
