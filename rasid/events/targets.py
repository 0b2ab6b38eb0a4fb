"""The targets of an act that no actor list names: civilians it struck or killed, and the soldiers
of a nation ("قتل ثلاثة مدنيين", "قتلت حماس جنديا إسرائيليا", "على دورية أمريكية").

ACLED names such targets generically: `Civilians (Country)`, or the nation's forces.
"""
from __future__ import annotations

from rasid.events.arguments import civilian_cues, nationality_actor
from rasid.events.context import DocIndex
from rasid.events.lexicon import words
from rasid.model import Argument, Fatalities

CIVILIANS = "Civilians"  # ACLED's generic actor for unarmed people (interaction code 7); no registry entry
CIVILIAN_CATEGORY = 7
VICTIM_REACH = 5  # tokens from the act to the civilians it struck: "مقتل ثلاثة مدنيين", "قصف منازل المدنيين"
# words that put a civilian noun outside the act's object: a place ("في مخيم"), an agent, a time
NOT_OBJECT = words("not_object")


def civilian_object(idx: DocIndex, trig_token: int, clause: tuple[int, int]) -> Argument | None:
    """"قتل ثلاثة مدنيين", "استهدفت منازل المدنيين", "هجوم على المدنيين": civilians named right after
    the act, as what it struck, are its target (actor2), ACLED's generic Civilians."""
    tokens = idx.doc.tokens
    sent = tokens[trig_token].sentence
    parties = idx.sentence_mentions(sent, "ACTOR")
    for c in civilian_cues(idx, sent):
        if 0 < c.token - trig_token <= VICTIM_REACH and c.token < clause[1] and \
                not any(t.norm in NOT_OBJECT for t in tokens[trig_token + 1:c.token]) and \
                not any(tokens[trig_token].end <= m.start and m.end <= c.start for m in parties):
            return _civilians(idx, c)  # not "نقطة للجيش تحمي المدنيين": the army's post was struck
    return None


# what soldiers of a nation are named by: "قتلت حماس جنديا إسرائيليا", "خطف ثلاثة جنود أميركيين",
# "عبوة ناسفة انفجرت على دورية بريطانية"
FORCE_NOUNS = words("force")


def forces_struck(idx: DocIndex, trig_token: int, clause: tuple[int, int], actor1: Argument | None,
                  pos: str) -> Argument | None:
    """Soldiers, a patrol or a convoy of a nation named right after the act (their nationality
    adjective names the forces) are what it struck where its subject is named before them, after a
    noun ("هجوم على دورية"), counted ("خطف ثلاثة جنود") or after على/ضد; right after a verb with no
    subject they are its subject ("أطلقت دورية إسرائيلية النار")."""
    tokens = idx.doc.tokens
    force = None
    for j in range(trig_token + 1, min(clause[1], trig_token + 1 + VICTIM_REACH)):
        if tokens[j].norm in NOT_OBJECT:
            return None
        if tokens[j].norm in FORCE_NOUNS or tokens[j].stem in FORCE_NOUNS:
            force = j
            break
    if force is None:
        return None
    nation = nationality_actor(idx, force, span=2)
    if nation is None or (actor1 is not None and nation.ref == actor1.ref):
        return None
    after = tokens[trig_token].end
    counted = any(after <= n.start and idx.token_at(n.start) - trig_token <= 2
                  for n in idx.sentence_mentions(tokens[trig_token].sentence, "NUMBER"))  # "خطف ثلاثة جنود"
    struck = actor1 is not None or pos == "noun" or counted or any(
        t.norm in ("علي", "ضد") or t.stem in ("علي", "ضد") for t in tokens[trig_token + 1:force])
    return nation if struck else None


def civilian_dead(idx: DocIndex, fatalities: Fatalities | None) -> Argument | None:
    """"... ما أدى إلى مقتل ستة مدنيين": where the act's dead are civilians, they are its target."""
    if fatalities is None or not fatalities.civilian:
        return None
    net = idx.token_at(max(fatalities.start, fatalities.end - 1))
    for c in civilian_cues(idx, idx.doc.tokens[net].sentence):
        if 0 <= c.token - net <= 3:
            return _civilians(idx, c)
    return None


def _civilians(idx: DocIndex, cue) -> Argument:
    """ACLED's generic Civilians, on the words that name them."""
    return Argument(idx.doc.text[cue.start:cue.end], cue.start, cue.end, None, CIVILIANS, CIVILIAN_CATEGORY)
