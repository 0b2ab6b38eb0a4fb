"""One event per occurrence: a lead and its retelling, or a definite reference back, are merged.

    وتشن قوات الأسد قصفًا ...  ...  وبالتزامن مع هذه المفاوضات   (هذه المفاوضات refers back)
    أعلنت رفضها الدخول في أي مفاوضات، ونفت التفاوض             (one refusal, two words)
The first telling keeps its evidence; the others are added to `mentions`.
"""
from __future__ import annotations

from dataclasses import replace

from rasid.model import Document, Event

STATEMENTS = frozenset({"REJECT", "ACCUSE", "THREATEN"})


def _same(a, b) -> bool:
    """Two arguments agree when both name the same entity, or one is missing."""
    if a is None or b is None:
        return True
    if a.ref and b.ref:
        return a.ref == b.ref
    return a.text == b.text


def _sentence(doc: Document, offset: int) -> int:
    for i, s in enumerate(doc.sentences):
        if s.start <= offset < s.end + 1:
            return i
    return -1


def _retells(doc: Document, first: Event, later: Event) -> bool:
    if later.negated != first.negated or later.plover != first.plover or later.acled_subtype != first.acled_subtype:
        return False
    s1, s2 = _sentence(doc, first.trigger.start), _sentence(doc, later.trigger.start)
    anaphoric = ":anaphoric" in later.rule
    if first.trigger.start == later.trigger.start:
        return False  # one trigger, several places or weapons: separate events by design
    if not _same(first.location, later.location) or not _same(first.actor1, later.actor1):
        return False
    if s1 == s2:
        return later.plover in STATEMENTS or (anaphoric and later.actor2 is None) or _same(first.actor2, later.actor2) \
            and first.actor2 is not None and later.location is not None and first.location is not None
    if later.plover in STATEMENTS and 0 < s2 - s1 <= 2 and first.actor1 is not None and later.actor1 is not None:
        return _same(first.actor2, later.actor2)
    if anaphoric and 0 < s2 - s1 <= 3 and later.actor2 is None:
        return True
    return False


def merge_occurrences(doc: Document, events: list[Event]) -> list[Event]:
    """Fold retellings into the first telling of each occurrence, keeping every piece of evidence."""
    kept: list[Event] = []
    for ev in events:
        target = next((i for i in range(len(kept) - 1, -1, -1) if _retells(doc, kept[i], ev)), None)
        if target is None:
            kept.append(ev)
            continue
        first = kept[target]
        kept[target] = replace(
            first,
            mentions=first.mentions + (ev.evidence,),
            fatalities=first.fatalities or ev.fatalities,
            location=first.location or ev.location,
            actor2=first.actor2 or ev.actor2,
        )
    return kept
