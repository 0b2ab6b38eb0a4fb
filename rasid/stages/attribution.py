"""Claims as data: reads events and reporting frames, adds sources, status and denial links.

Status: `reported` (the outlet or a neutral source says it), `claimed` (it rests on a party to
the conflict), `denied` (a party in the article denies it: a REJECT that negates an occurrence
of the same kind in which the denier takes part), `planned` (future or intended).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from rasid.events.context import build_index
from rasid.events.frames import Frame, find_frames
from rasid.kb.lexicon import load_tsv
from rasid.kb.matcher import name_key
from rasid.model import Argument, Document, Event, Source

ARMED_COLLECTIVES = frozenset({"factions", "brigades", "rebels", "militias", "groups"})
SPEECH_ACTS = frozenset({"REJECT", "ACCUSE", "THREATEN"})


def _name(arg: Argument | None) -> str | None:
    return (arg.name or arg.text) if arg else None


def _source(frame: Frame) -> Source:
    via = None
    if frame.via is not None:
        via = frame.via.attrs.get("name") or frame.via.text
    who = (frame.speaker.attrs.get("name") if frame.speaker is not None else None) or frame.speaker_text
    return Source(who, frame.speaker_text, frame.speaker_start, frame.speaker_end, "asserts", via,
                  frame.speaker.ref if frame.speaker is not None else None)


def _side(ref: str | None) -> set[str]:
    """An actor, the groups it belongs to, and for state actors their country."""
    if not ref:
        return set()
    from rasid.kb.actors import load_registry

    reg = load_registry()
    out = {ref}
    actor = reg.actors.get(ref)
    steps = 0
    while actor is not None and steps < 4:
        if actor.category in (1, 8) and actor.kind in ("state", "government", "military", "security", "police"):
            out.add("country:" + actor.country)
        for parent in filter(None, [actor.parent, reg.affiliation(actor.id)]):
            out.add(parent)
        actor = reg.actors.get(actor.parent) if actor.parent else None
        steps += 1
    return out


def same_side(a: str | None, b: str | None) -> bool:
    return bool(_side(a) & _side(b))


@lru_cache(maxsize=1)
def _armed_heads() -> frozenset[str]:
    return frozenset(name_key(r[0]) for r in load_tsv("collectives.tsv") if r[1] in ARMED_COLLECTIVES)


def _collective(arg: Argument) -> bool:
    """A group of groups named by a collective noun: "فصائل الغوطة", "الفصائل المعارضة"."""
    first = name_key(arg.text).split(" ")[0] if arg.text else ""
    return first in _armed_heads()


def _participant(denier: Argument, ev: Event) -> bool:
    """Does the denier take part in the event (itself, or as a member of a collective party)?"""
    for party in (ev.actor1, ev.actor2):
        if party is None:
            continue
        if denier.ref and party.ref == denier.ref:
            return True
        if party.ref is None and denier.ref is None and party.text == denier.text:
            return True
        if denier.category in (2, 3, 4) and _collective(party):
            return True  # "فصائل الغوطة" includes Faylaq al-Rahman
    return False


def _denied_type(doc: Document, reject: Event, events: list[Event]) -> str | None:
    """The kind of occurrence a REJECT denies: the negated event it covers."""
    if ":denies:" in reject.rule:
        return reject.rule.split(":denies:")[1]
    for ev in events:
        if ev.negated and reject.evidence.start <= ev.trigger.start < reject.evidence.end:
            return ev.plover
    return None


def attribute(doc: Document) -> list[Event]:
    if not doc.events:
        return []
    idx = build_index(doc)
    frames = find_frames(idx)
    out: list[Event] = []
    for ev in doc.events:
        sent = idx.sentence_of(ev.trigger.start)
        frame = frames.get(sent)
        status = ev.status
        sources: tuple[Source, ...] = ()
        claimed: tuple[str, ...] = ()
        if frame is not None and frame.cue_start < ev.trigger.start:
            sources = (_source(frame),)
            own_speech = ev.plover in SPEECH_ACTS
            speaker = frame.speaker.ref if frame.speaker is not None else None
            if frame.speaker is not None and frame.speaker.type == "PERSON":
                speaker = frame.speaker.attrs.get("affiliation") or speaker
            involved = [a.ref for a in (ev.actor1, ev.actor2) if a is not None and a.ref]
            if frame.party and not own_speech and (not involved or any(same_side(speaker, r) for r in involved)):
                status = "claimed"  # a party telling of its own side's deeds or losses
                claimed = tuple(x for x in (sources[0].who,) if x)
        if ":future" in ev.rule:
            status = "planned"
        out.append(replace(ev, sources=sources, status=status, claimed_by=claimed))
    # denials: a REJECT by X of an occurrence type marks X's claimed occurrences of that type denied
    for r in [e for e in out if e.plover == "REJECT" and not e.negated and e.actor1 is not None]:
        kind = _denied_type(doc, r, out)
        if kind is None:
            continue
        for i, ev in enumerate(out):
            if ev is r or ev.negated or ev.plover != kind or not _participant(r.actor1, ev):
                continue
            if idx.sentence_of(ev.trigger.start) == idx.sentence_of(r.trigger.start):
                continue  # "نفت X أن تكون قد هاجمت ...، وأكدت أنها قصفت": what it affirms beside its denial
            who = _name(r.actor1)
            out[i] = replace(ev, status="denied", denied_by=tuple(dict.fromkeys(ev.denied_by + (who,))))
    return out


def stage(doc: Document) -> Document:
    return replace(doc, events=tuple(attribute(doc)))
