"""Reporting frames: who says what in a sentence, and through whom it came.

    وذكرت قناة "روسيا اليوم" ... أن ...          speaker RT
    ونقلت عن المتحدث باسم "مركز المصالحة" ... أن  speaker the spokesman, via RT (the previous speaker)
    وبحسب المسؤول الروسي ...                      speaker the Russian official
    وقالت مصادر مطلعة ... لعنب بلدي ... إن         speaker "sources", via Enab Baladi
    وأضاف ...                                      the previous speaker goes on
"""
from __future__ import annotations

from dataclasses import dataclass

from rasid.events.context import DocIndex
from rasid.model import Mention

COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "وان"})
OFFICIAL_NOUNS = frozenset({"مسوول", "متحدث", "ناطق", "مصدر"})
CONTINUATION = frozenset({"اضاف", "تابع", "اشار", "اكد", "اوضح", "مضيفا", "مشيرا", "مؤكدا", "مؤكده"})
SOURCE_NOUNS = frozenset({"مصادر", "مصدر", "ناشطون", "ناشطين", "شهود", "سكان", "مراسل", "تقارير", "وسائل"})
PARTY_CATEGORIES = frozenset({1, 2, 3, 4})
ARMED_KINDS = frozenset({"state", "government", "military", "security", "police", "militia", "rebel", "jihadist"})
NEUTRAL_KINDS = frozenset({"outlet", "monitor", "international", "ngo"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A reporting frame over part of a sentence."""

    sentence: int
    cue_start: int  # where the frame verb is; events after it are inside the reported content
    speaker: Mention | None
    speaker_text: str
    speaker_start: int
    speaker_end: int
    via: Mention | None
    party: bool  # the speaker is a party to the conflict


def _speaker_party(idx: DocIndex, m: Mention | None) -> bool:
    if m is None:
        return False
    if m.type == "PERSON":
        aff = m.attrs.get("affiliation")
        if aff:
            for other in idx.mentions:
                if other.ref == aff and other.type == "ACTOR":
                    return _speaker_party(idx, other)
        return True  # a named official speaking for a side
    if m.type == "OUTLET":
        return False
    kind = m.attrs.get("kind")
    if kind in NEUTRAL_KINDS:
        return False
    if m.attrs.get("category") == 8 and kind in ARMED_KINDS:
        return True  # foreign forces fighting in the war are a party to it
    return m.attrs.get("category") in PARTY_CATEGORIES or m.attrs.get("collective") is not None


def _nationality(token) -> str | None:
    """The country a nationality adjective names ("الروسي" -> RUS), through the nisba table."""
    from rasid.events.arguments import _nisbas
    from rasid.kb.actors import load_registry
    from rasid.kb.matcher import name_key

    alias = _nisbas("nisba_actors.tsv").get(token.norm)
    actor = load_registry().resolve(name_key(alias)) if alias else None
    return actor.country if actor else None


def _person_country(m: Mention) -> str | None:
    from rasid.kb.actors import load_registry

    actor = load_registry().actors.get(m.attrs.get("affiliation") or "")
    return actor.country if actor else None


def sent_last(doc, si: int) -> int:
    return doc.sentences[si].last_token


def find_frames(idx: DocIndex) -> dict[int, Frame]:
    """The reporting frame of each sentence that has one (carrying `وأضاف` over from the previous);
    found once per document index, which the events and attribution stages share."""
    if idx.frames is None:
        idx.frames = _find_frames(idx)
    return idx.frames


def _find_frames(idx: DocIndex) -> dict[int, Frame]:
    frames: dict[int, Frame] = {}
    doc = idx.doc
    previous: Frame | None = None
    for si, sent in enumerate(doc.sentences):
        cues = idx.sentence_cues(si, "report")
        if not cues:
            previous = None
            continue
        cue = cues[0]
        parties = idx.sentence_mentions(si, "ACTOR", "PERSON", "OUTLET")
        # the speaker stands between the verb and "أن/إن"; what follows is the reported content
        comp = next((t for t in doc.tokens[cue.token + 1:sent_last(doc, si)] if t.norm in COMPLEMENTIZERS), None)
        limit = comp.start if comp is not None else sent.end
        after = [m for m in parties if cue.end <= m.start < limit and idx.token_at(m.start) - cue.token <= 8
                 and idx.word_before(m.start) != "ل"]  # "في حديث لعنب بلدي": told to, not said by
        people = [m for m in after if m.type == "PERSON"]
        if people:  # "المتحدث باسم X، اللواء Y": Y speaks, X is Y's organisation
            after = people
        if not after:  # "X قال إن": the speaker before the verb
            before = [m for m in parties if m.end <= cue.start and cue.token - idx.token_at(m.end - 1) <= 2]
            after = before[-1:]
        cue_word = doc.tokens[cue.token].stem if cue.token < len(doc.tokens) else ""
        speaker = None
        text_span = None
        if not people and cue.token + 1 < len(doc.tokens) and doc.tokens[cue.token + 1].stem in OFFICIAL_NOUNS:
            # "بحسب المسؤول الروسي": the official named before
            named = [m for m in idx.mentions if m.type == "PERSON" and m.end <= cue.start]
            country = _nationality(doc.tokens[cue.token + 2]) if cue.token + 2 < len(doc.tokens) else None
            if country:  # "المسؤول الروسي": the last Russian official named
                named = [m for m in named if _person_country(m) == country] or named
            if named:
                after = [named[-1]]
        # "قالت مصادر مطلعة": a generic source noun right after the verb
        nxt = doc.tokens[cue.token + 1] if cue.token + 1 < len(doc.tokens) else None
        if nxt is not None and nxt.sentence == si and (nxt.stem in SOURCE_NOUNS or nxt.norm in SOURCE_NOUNS):
            text_span = (nxt.start, nxt.end)
        elif after:
            speaker = after[0]
            if speaker.type == "PERSON" or speaker.type == "OUTLET" or speaker.type == "ACTOR":
                text_span = (speaker.start, speaker.end)
        via = None
        if doc.tokens[cue.token].norm.endswith(("نقلت", "نقل", "نقلا")) and previous is not None:
            via = previous.speaker
        # "لعنب بلدي": the outlet the sources spoke to
        for m in parties:
            if m.type == "OUTLET" and m.start > cue.end and idx.word_before(m.start) == "ل":
                via = m
        if text_span is None and previous is not None and (cue_word in CONTINUATION or
                                                           doc.tokens[cue.token].stem in CONTINUATION):
            frames[si] = Frame(si, cue.start, previous.speaker, previous.speaker_text, previous.speaker_start,
                               previous.speaker_end, previous.via, previous.party)
            previous = frames[si]
            continue
        if text_span is None:
            previous = None
            continue
        s, e = text_span
        frame = Frame(si, cue.start, speaker, doc.text[s:e], s, e, via, _speaker_party(idx, speaker))
        frames[si] = frame
        previous = frame
    return frames
