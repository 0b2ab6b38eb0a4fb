"""Trained NER: reads tokens, sentences and earlier mentions; adds the PERSON, ACTOR and PLACE mentions they missed.

The statistical model (rasid.ner) runs only on sentences where it can add something: those with a
title, a verb of saying, an organisation or place head noun, or an entity already found. Its spans
never overlap a mention found before it, so a knowledge-base match always wins. Organisations it
finds become candidate actors (category unknown). Without a built model the stage changes nothing
and warns once; `RASID_NER=0` (or `ner = false` under [extract] in the settings) turns it off.

>>> doc = extract("وقال المتحدث باسم الجيش العقيد خالد المحاميد إن ...")  # doctest: +SKIP
>>> [(m.type, m.text, m.source) for m in doc.mentions if m.source == "ner"]  # doctest: +SKIP
[('PERSON', 'خالد المحاميد', 'ner')]
"""
from __future__ import annotations

import bisect
import os
from dataclasses import replace
from functools import lru_cache

from rasid.model import Document, Mention, Token
from rasid.stages.normalize import normalize_for_matching

NER_TYPES = {"PERS": "PERSON", "ORG": "ACTOR", "LOC": "PLACE"}  # MISC is dropped
_CLITICS = ("و", "ف", "ب", "ل", "ك")


def _enabled() -> bool:
    flag = os.environ.get("RASID_NER")
    if flag is not None:
        return flag.strip().lower() not in ("0", "false", "no", "off", "")
    from rasid.settings import default_settings

    return default_settings().ner


@lru_cache(maxsize=1)
def _tagger():
    """The trained tagger from the data directory, or None (with one warning) when it is not built."""
    from rasid.datadir import warn_once
    from rasid.ner import MODEL_DIR
    from rasid.ner.tagger import ModelMissing, NerTagger
    from rasid.settings import default_settings

    path = default_settings().data_dir / MODEL_DIR
    try:
        return NerTagger.load(path)
    except ModelMissing:
        warn_once("ner", f"no NER model in {path}; run `rasid data build` (knowledge base only until then)")
    except Exception as e:  # noqa: BLE001 - a broken model must not stop extraction
        warn_once("ner", f"NER model in {path} could not be loaded ({type(e).__name__}: {e}); "
                         "run `rasid data build` again")
    return None


def _worth_tagging(tokens: tuple[Token, ...], first: int, last: int, cues: dict[str, str],
                   covered: set[int]) -> bool:
    """Does the sentence hold a name cue (title, saying, head noun) or a mention found earlier?"""
    for i in range(first, last):
        if i in covered:
            return True
        tok = tokens[i]
        if tok.norm in cues or tok.stem in cues or "ال" + tok.stem in cues:
            return True
    return False


def _stem_start(tok: Token, prefix: str) -> int:
    """Where a mention starting at `tok` begins: after its `prefix` of clitics (normalised letters)."""
    if not prefix:
        return tok.start
    consumed = 0
    for k, ch in enumerate(tok.text):
        letter = normalize_for_matching(ch)
        if letter and consumed == len(prefix):
            return tok.start + k
        consumed += len(letter)
    return tok.stem_start


def find_entities(doc: Document, tagger) -> list[Mention]:
    """PERSON, ACTOR and PLACE mentions the tagger finds in the sentences worth tagging."""
    from rasid.ner.features import cue_words

    cues = cue_words()
    tokens = doc.tokens
    token_starts = [t.start for t in tokens]
    covered: set[int] = set()
    for m in doc.mentions:
        if m.type in ("PERSON", "ACTOR", "PLACE", "OUTLET"):
            covered.add(max(0, bisect.bisect_right(token_starts, m.start) - 1))
    chosen = [s for s in doc.sentences if _worth_tagging(tokens, s.first_token, s.last_token, cues, covered)]
    if not chosen:
        return []
    tags = tagger.tag_sentences([[tokens[i].text for i in range(s.first_token, s.last_token)] for s in chosen])
    taken = [(m.start, m.end) for m in doc.mentions]
    out: list[Mention] = []
    for sent, sent_tags in zip(chosen, tags):
        for a, b, typ in _spans(sent_tags):
            mtype = NER_TYPES.get(typ)
            if mtype is None:
                continue
            first, last = tokens[sent.first_token + a], tokens[sent.first_token + b - 1]
            start, end = _stem_start(first, tagger.fz.mention_clitics(first.norm)), last.end
            if end <= start or any(s < end and start < e for s, e in taken):
                continue
            attrs = {"candidate": True, "category": None} if mtype == "ACTOR" else {}
            out.append(Mention("", mtype, doc.text[start:end], start, end, None, "ner", attrs))
            taken.append((start, end))
    return [replace(m, id=f"r{i}") for i, m in enumerate(sorted(out, key=lambda m: m.start), 1)]


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    from rasid.ner.corpora import iob_spans

    return iob_spans(tags)


def stage(doc: Document) -> Document:
    if not doc.tokens or not _enabled():
        return doc
    tagger = _tagger()
    if tagger is None:
        return doc
    found = find_entities(doc, tagger)
    if not found:
        return doc
    return replace(doc, mentions=doc.mentions + tuple(found))
