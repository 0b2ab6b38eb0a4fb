"""Trained NER: reads tokens, sentences and earlier mentions; adds the PERSON, ACTOR and PLACE mentions they missed.

The statistical model (rasid.ner) runs only where it can add something, to stay fast (a couple of
milliseconds an article): a few words around each name cue (a title or role, a verb of saying, ابن
or أبو), where news names the people no list knows. Its spans never overlap a mention found before
it, so a knowledge-base match always wins, and each type has its least confidence. Organisations it
finds become candidate actors (category unknown). Without a built model the stage changes nothing
and warns once; `RASID_NER=0` (or `ner = false` under [extract] in the settings) turns it off.

>>> doc = extract("وقال المتحدث باسم الجيش العقيد خالد المحاميد إن ...")  # doctest: +SKIP
>>> [(m.type, m.text, m.source) for m in doc.mentions if m.source == "ner"]  # doctest: +SKIP
[('PERSON', 'خالد المحاميد', 'ner')]
"""
from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache

from rasid.model import Document, Mention, Token
from rasid.stages.normalize import normalize_for_matching

NER_TYPES = {"PERS": "PERSON", "ORG": "ACTOR", "LOC": "PLACE"}  # MISC is dropped
# the least marginal probability a span's words may have: places and groups the gazetteer and the
# knowledge base did not know are riskier for the events than people are
MIN_CONFIDENCE = {"PERSON": 0.6, "ACTOR": 0.7, "PLACE": 0.9}
CUE_KINDS = frozenset({"title", "say", "nisba"})  # people: the knowledge base finds most groups
WINDOW_BEFORE, WINDOW_AFTER = 3, 12  # tokens tagged around a cue (punctuation counts)
PASSES = 1  # the second pass (document consistency) costs twice the time for little here


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


def tagging_windows(doc: Document, cues: dict[str, str], before: int | None = None,
                    after: int | None = None) -> list[tuple[int, int]]:
    """Token ranges worth tagging: around each name cue (a title, a verb of saying, ابن/أبو) inside
    its sentence, overlapping ranges merged."""
    tokens = doc.tokens
    before = WINDOW_BEFORE if before is None else before
    after = WINDOW_AFTER if after is None else after
    out: list[tuple[int, int]] = []
    for sent in doc.sentences:
        last_end = -1
        for i in range(sent.first_token, sent.last_token):
            tok = tokens[i]
            kind = cues.get(tok.norm) or cues.get(tok.stem) or cues.get("ال" + tok.stem)
            if kind not in CUE_KINDS:
                continue
            a, b = max(sent.first_token, i - before), min(sent.last_token, i + 1 + after)
            if out and a <= last_end:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
            last_end = b
    return out


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


def find_entities(doc: Document, tagger, passes: int | None = None) -> list[Mention]:
    """PERSON, ACTOR and PLACE mentions the tagger finds around name cues, confident enough for their type."""
    from rasid.ner.features import cue_words

    tokens = doc.tokens
    windows = tagging_windows(doc, cue_words())
    if not windows:
        return []
    tagged = tagger.tag_with_confidence([[tokens[i].text for i in range(a, b)] for a, b in windows],
                                        passes or PASSES)
    taken = [(m.start, m.end) for m in doc.mentions]
    out: list[Mention] = []
    for (w_start, _), sent_tags in zip(windows, tagged):
        for a, b, typ in _spans([t for t, _ in sent_tags]):
            mtype = NER_TYPES.get(typ)
            confidence = min(p for _, p in sent_tags[a:b])
            if mtype is None or confidence < MIN_CONFIDENCE[mtype]:
                continue
            span_tokens = tokens[w_start + a:w_start + b]
            if len(span_tokens) == 1 and tagger.is_common_word(span_tokens[0].norm):
                continue  # "المدينة", "جيش": a common noun, not a name
            first, last = span_tokens[0], span_tokens[-1]
            start, end = _stem_start(first, tagger.fz.mention_clitics(first.norm)), last.end
            if end <= start or any(s < end and start < e for s, e in taken):
                continue
            attrs = {"candidate": True, "category": None} if mtype == "ACTOR" else {}
            attrs["confidence"] = round(confidence, 2)
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
