"""What makes a trigger no occurrence: states, purposes, hypotheticals, negation, background.

    تحت سيطرة الفصائل        a state, not a capture
    بهدف التوصل إلى اتفاق     a purpose, not an agreement
    لم تقصف / لا توجد أي      negated: the denial is coded as REJECT instead
    لا يزال يقصف              "still": no negation
    في عام 2005 اغتيل ...     background years before the article
"""
from __future__ import annotations

import datetime as dt

from rasid.events.context import DocIndex
from rasid.events.lexicon import Trigger, requirements
from rasid.model import Document


def cues_near(idx: DocIndex, trig: Trigger, kinds: set[str], before: int, after: int) -> set[str]:
    """The kinds of cue within `before` tokens before and `after` tokens after the trigger."""
    sent = idx.doc.tokens[trig.token].sentence
    return {c.kind for c in idx.sentence_cues(sent) if c.kind in kinds and -before <= c.token - trig.token <= after}


def light_verb_before(idx: DocIndex, trig: Trigger, window: int = 3) -> bool:
    """A support verb just before the act, or before the party that is its subject:
    "شنت غارة", "وشنت طائرات الاحتلال الإسرائيلي غارة"."""
    tokens = idx.doc.tokens
    sent = tokens[trig.token].sentence
    subject = next((m for m in idx.sentence_mentions(sent, "ACTOR", "PERSON")
                    if m.end <= tokens[trig.token].start and idx.token_at(m.end - 1) == trig.token - 1), None)
    if subject is not None:
        window += trig.token - idx.token_at(subject.start)
    return bool(cues_near(idx, trig, {"light"}, window, 0))


# a trigger after these words names a state, not an occurrence: "تحت سيطرة", "مناطق سيطرة"
STATE_BEFORE = frozenset({"تحت", "مناطق", "منطقه", "الخاضعه", "خاضعه", "الخاضع", "خطوط", "بسط", "نفوذ",
                          # a kind of act, a sentence, a policy: no occurrence ("الحكم بالإعدام", "سياسة الاغتيالات")
                          "حكم", "الحكم", "احكام", "عقوبه", "سياسه", "ظاهره", "خطر", "مخاطر", "تبرير", "اسلوب",
                          "اساليب", "ثقافه",
                          # a kind of crime named, no occurrence: "أعمال قتل ونهب", "جرائم خطف", "بتهمة القتل"
                          "اعمال", "جرايم", "ارتكاب", "تهمه", "بتهمه", "تهم", "بتهم"})


NEAR = 8  # tokens either side for a `verb_near` requirement ("خرج مساء أمس مئات من المتظاهرين")
RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللذان", "اللتان", "اللاتي"})


def backgrounded(idx: DocIndex, trig: Trigger, trigger_tokens: set[int]) -> bool:
    """An act told in a relative clause about something else is a known event recalled, not news:
    "الرهينة التي خطفت أمس"، "الانتحاري الذي فجر نفسه في آذار". Where the clause describes an act
    ("الغارات التي استهدفت الحي") it retells that act and is kept, to be merged with it."""
    tokens = idx.doc.tokens
    for j in range(trig.token - 1, max(trig.token - 3, -1), -1):
        t = tokens[j]
        if t.sentence != tokens[trig.token].sentence:
            return False
        if t.norm in RELATIVE_PRONOUNS:
            return j > 0 and not any(k in trigger_tokens for k in range(max(0, j - 3), j))
    return False


# control held, not taken: "وتفرض قوات الأمن سيطرة تامة", "لإحكام سيطرتها"
HOLD_VERBS = frozenset({"فرض", "يفرض", "تفرض", "احكام", "احكم", "يحكم", "تحكم", "بسط", "يبسط", "تبسط"})


def _after_relative(idx: DocIndex, t) -> bool:
    k = idx.token_at(t.start)
    return k > 0 and idx.doc.tokens[k - 1].norm in RELATIVE_PRONOUNS


def suppressed(idx: DocIndex, trig: Trigger) -> bool:
    """Purpose and hypothetical frames ("بهدف التوصل إلى اتفاق") and states ("تحت سيطرة") are no events."""
    tokens = idx.doc.tokens
    if trig.token > 0:
        before = tokens[trig.token - 1]
        if before.norm in STATE_BEFORE or before.stem in STATE_BEFORE:
            return True
    if trig.entry.family == "capture" and trig.entry.pos == "noun" and any(
            t.stem in HOLD_VERBS for t in tokens[max(0, trig.token - 4):trig.token]
            if t.sentence == tokens[trig.token].sentence):
        return True
    if trig.entry.family == "capture" and trig.entry.tense == "present":
        return True  # "يسيطرون على": they hold it, nothing was taken
    need = requirements().get(trig.entry.family) or requirements().get(f"{trig.entry.family}_{trig.entry.pos}")
    if need is not None:
        kind, words = need
        if kind == "verb_before" and trig.entry.pos == "noun":
            first, _ = idx.clause_bounds(trig.token)
            window = tokens[max(0, first - 1, trig.token - 8):trig.token]
            if not any(t.norm in words or t.stem in words for t in window):
                return True
        if kind == "verb_near" and trig.entry.pos == "noun":
            window = tokens[max(0, trig.token - NEAR):trig.token] + tokens[trig.token + 1:trig.token + NEAR + 1]
            window = [t for t in window if t.sentence == tokens[trig.token].sentence
                      and not _after_relative(idx, t)]  # "الذين تجمعوا": told of them
            if not any(t.norm in words or t.stem in words for t in window):
                return True
        if kind == "word_after":
            after = tokens[trig.token + 1:min(len(tokens), trig.token + 7)]
            if not any(t.norm in words and t.sentence == tokens[trig.token].sentence for t in after):
                return True
    if trig.token > 0 and tokens[trig.token - 1].norm == "اي" and not negated(idx, trig):
        return True  # "على أي هجوم": any attack, none in particular
    return bool(cues_near(idx, trig, {"purpose"}, 6, 0))


STILL = frozenset({"زال", "يزال", "تزال", "يزالون", "تزالون", "زالت", "زالوا", "سيما", "بد"})


def negated(idx: DocIndex, trig: Trigger) -> bool:
    """لم/لا/عدم/نفي shortly before the trigger; "لا يزال" (still) and "لا سيما" are no negation."""
    tokens = idx.doc.tokens
    sent = tokens[trig.token].sentence
    for c in idx.sentence_cues(sent, "negation"):
        d = trig.token - c.token
        # "عدم وجود أي اتصال أو مفاوضات": "أي" carries the negation over a short list
        reach = 6 if any(t.norm == "اي" for t in tokens[c.token:trig.token]) else 3
        if 0 < d <= reach and not (c.start <= trig.start < c.end):
            nxt = tokens[c.token + 1] if c.token + 1 < len(tokens) else None
            if nxt is not None and nxt.stem in STILL:
                continue
            return True
    return False


def demonstrative(idx: DocIndex, trig: Trigger) -> bool:
    """"هذا الاستهداف"، "هذه المفاوضات": a reference back to an occurrence already told."""
    return bool(cues_near(idx, trig, {"anaphor"}, 1, 0))


def future(idx: DocIndex, trig: Trigger) -> bool:
    return "س" in trig.clitics or bool(cues_near(idx, trig, {"future"}, 3, 3))


def negation_start(idx: DocIndex, trig: Trigger) -> int | None:
    sent = idx.doc.tokens[trig.token].sentence
    tokens = idx.doc.tokens
    starts = [c.start for c in idx.sentence_cues(sent, "negation")
              if 0 < trig.token - c.token <= (6 if any(t.norm == "اي" for t in tokens[c.token:trig.token]) else 3)
              and not (c.token + 1 < len(tokens) and tokens[c.token + 1].stem in STILL)]
    return min(starts) if starts else None


HISTORY_DAYS = 365  # an event dated this long before publication (or today) is background


def historical(doc: Document, date: str | None, date_range: tuple[str, str] | None) -> bool:
    last = date or (date_range[1] if date_range else None)
    if not last:
        return False
    ref = doc.published or doc.reference_date or dt.date.today()
    try:
        return (ref - dt.date.fromisoformat(last)).days > HISTORY_DAYS
    except ValueError:
        return False


def question(doc: Document, sent: int) -> bool:
    s = doc.sentences[sent] if sent < len(doc.sentences) else None
    return s is not None and doc.text[s.start:s.end].rstrip().endswith(("؟", "?"))
