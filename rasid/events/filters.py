"""What makes a trigger no occurrence: states, purposes, hypotheticals, negation, background.

    تحت سيطرة الفصائل        a state, not a capture
    بهدف التوصل إلى اتفاق     a purpose, not an agreement
    لم تقصف / لا توجد أي      negated: the denial is coded as REJECT instead
    لا يزال يقصف              "still": no negation
    في عام 2005 اغتيل ...     background years before the article
    زوارق الصواريخ            a weapon named, not fired
    القتل والخطف والتعذيب     kinds of harm listed: a practice
    متهمين بخطف سياح          an act named in a charge
    أوامر بقصف / لتقتل        an order, a plan, a purpose: planned
    انفجار اسطوانة غاز        an accident
    تفجيرات 11 سبتمبر 2001    a past event named by its date
"""
from __future__ import annotations

import datetime as dt
import re

from rasid.events.context import DocIndex
from rasid.events.lexicon import Trigger, cue_words, requirements, words
from rasid.model import Document
from rasid.stages.tokenize import clitic_splits


def has(t, words: frozenset[str]) -> bool:
    """The token is one of `words`, with or without its clitics ("وبالصواريخ", "باطلاق", "لسقوط"); a
    stem of two letters is no reading ("وفي" is no "في")."""
    return t.norm in words or t.stem in words or any(len(stem) > 2 and stem in words
                                                     for _, stem in clitic_splits(t.norm))


def cues_near(idx: DocIndex, trig: Trigger, kinds: set[str], before: int, after: int) -> set[str]:
    """The kinds of cue within `before` tokens before and `after` tokens after the trigger."""
    sent = idx.doc.tokens[trig.token].sentence
    return {c.kind for c in idx.sentence_cues(sent) if c.kind in kinds and -before <= c.token - trig.token <= after}


PROTESTER_STEMS = ("متظاهر", "محتج", "معتصم")
SYMBOLS = words("symbol")


def protest_cues(idx: DocIndex, trig: Trigger, reach: int) -> set[str]:
    """What the crowd did or had done to it, near a protest: "riot" (burning a building, not a flag:
    "أحرق متظاهرون العلم" is a symbol), "intervention", "killed" (a protester among the dead, not a
    death the crowd protests: "احتجاجا على مقتل شاب")."""
    tokens = idx.doc.tokens
    out = set()
    for c in idx.sentence_cues(tokens[trig.token].sentence):
        if not -reach <= c.token - trig.token <= reach:
            continue
        if c.kind == "riot" and not any(t.norm in SYMBOLS or t.stem in SYMBOLS for t in tokens[c.token + 1:c.token + 4]):
            out.add("riot")
        elif c.kind == "intervention":
            out.add("intervention")
        elif c.kind == "killed" and any(t.stem.startswith(PROTESTER_STEMS) or t.norm.startswith(PROTESTER_STEMS)
                                        for t in tokens[max(0, c.token - 2):c.token + 3]) \
                and not (c.token > 0 and tokens[c.token - 1].norm in ("علي", "بعد", "اثر", "ضد")):
            out.add("killed")
    return out


def light_verb_before(idx: DocIndex, trig: Trigger, window: int = 3) -> bool:
    """A support verb just before the act, or before the party that is its subject:
    "شنت غارة", "وشنت طائرات الاحتلال الإسرائيلي غارة"."""
    tokens = idx.doc.tokens
    sent = tokens[trig.token].sentence
    subject = next((m for m in idx.sentence_mentions(sent, "ACTOR", "PERSON")
                    if m.end <= tokens[trig.token].start and idx.token_at(m.end - 1) == trig.token - 1), None)
    if subject is not None:
        window += trig.token - idx.token_at(subject.start)
    if trig.clitics.endswith("ل") and not trig.clitics.endswith("ال") and any(tokens[j].sentence == sent and tokens[j].norm.lstrip("وف") in EXPOSED
                                   and not (j and tokens[j - 1].norm in NOUN_BEFORE)
                                   for j in range(max(0, trig.token - EXPOSED_REACH), trig.token)):
        return True  # "تعرضت بلدتا قسطون والحويجة في سهل الغاب لقصف جوي": what a place underwent
    return bool(cues_near(idx, trig, {"light"}, window, 0))


EXPOSED = words("exposed")
EXPOSED_REACH = 14  # tokens from "تعرض" to the "لـ" of the act, over the place or people that underwent it
NOUN_BEFORE = words("noun_before")


# a trigger after these words names a state, not an occurrence: "تحت سيطرة", "مناطق سيطرة"
STATE_BEFORE = frozenset({"تحت", "مناطق", "منطقه", "الخاضعه", "خاضعه", "الخاضع", "خطوط", "بسط", "نفوذ",
                          # a kind of act, a sentence, a policy: no occurrence ("الحكم بالإعدام", "سياسة الاغتيالات")
                          "حكم", "الحكم", "احكام", "عقوبه", "سياسه", "ظاهره", "خطر", "مخاطر", "تبرير", "اسلوب",
                          "اساليب", "ثقافه",
                          # a kind of crime named, no occurrence: "أعمال قتل ونهب", "جرائم خطف", "بتهمة القتل"
                          "اعمال", "جرايم", "ارتكاب", "تهمه", "بتهمه", "تهم", "بتهم"})


WORD_AFTER = 7  # tokens after a trigger that a `word_after` requirement looks at
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
        if t.norm in RELATIVE_PRONOUNS or (t.norm == "من" and j == trig.token - 1 and trig.entry.pos == "verb"
                                           and not trig.entry.ambiguous):
            # "من استهدف الجسر أراد ...": who did it, a verb after "من" is its relative clause; a form
            # that is also the verbal noun is the noun after the preposition ("تمكنت من قتل العشرات")
            return j > 0 and not any(k in trigger_tokens for k in range(max(0, j - 3), j))
    return False


# a noun trigger after these names a kind of thing, not an occurrence: "دبابة قتال", "منصات الصواريخ",
# "زوارق الصواريخ"; and a known event as a point in time: "منذ تفجيرات الشهر الماضي", "ذكرى اغتياله"
KIND_BEFORE = frozenset({"دبابه", "دبابات", "طائره", "طائرات", "زورق", "زوارق", "منصه", "منصات", "راجمه",
                         "راجمات", "قنابل", "قنبله", "مخزن", "مخازن", "مستودع", "مستودعات", "ترسانه", "تجارب", "تجربه", "منذ", "غداه", "عشيه"})
# what is controlled when it is no ground: "السيطرة على الحريق", "سيطرته على السلطة"
CONTROL_OF_THINGS = frozenset({"السلطه", "الحكم", "الحريق", "الحرايق", "النيران", "النار", "الوضع", "الاوضاع",
                               "الموقف", "الاسعار", "السوق", "الاسواق", "الامور", "مقدرات", "الازمه", "الوباء",
                               "انتشار", "الانتشار", "التضخم", "نفسه", "نفسها", "اعصابه", "البرلمان", "المجلس",
                               "الحكومه", "القرار", "الاعلام"})

# control held, not taken: "وتفرض قوات الأمن سيطرة تامة", "لإحكام سيطرتها"
HOLD_VERBS = frozenset({"فرض", "يفرض", "تفرض", "احكام", "احكم", "يحكم", "تحكم", "بسط", "يبسط", "تبسط"})


def _after_relative(idx: DocIndex, t) -> bool:
    k = idx.token_at(t.start)
    return k > 0 and idx.doc.tokens[k - 1].norm in RELATIVE_PRONOUNS


def _said_in(idx: DocIndex, trig: Trigger, window, words: frozenset[str]) -> bool:
    """One of `words` (with or without clitics) among `window`, in the trigger's sentence."""
    sent = idx.doc.tokens[trig.token].sentence
    return any(t.sentence == sent and has(t, words) for t in window)


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
    if trig.entry.pos == "noun" and trig.token > 0 and has(tokens[trig.token - 1], KIND_BEFORE):
        return True
    if trig.entry.family == "capture":
        nxt = tokens[trig.token + 1:trig.token + 3]
        if len(nxt) == 2 and nxt[0].norm == "علي" and has(nxt[1], CONTROL_OF_THINGS):
            return True
    if trig.entry.family == "capture" and trig.entry.tense == "present":
        return True  # "يسيطرون على": they hold it, nothing was taken
    need = requirements().get(trig.entry.family) or requirements().get(f"{trig.entry.family}_{trig.entry.pos}")
    if need is not None:
        kind, words = need
        if kind == "verb_before" and trig.entry.pos == "noun":
            first, _ = idx.clause_bounds(trig.token)
            window = tokens[max(0, first - 1, trig.token - 8):trig.token]
            if not any(has(t, words) for t in window):
                return True
        if kind == "verb_near" and trig.entry.pos == "noun":
            window = tokens[max(0, trig.token - NEAR):trig.token] + tokens[trig.token + 1:trig.token + NEAR + 1]
            window = [t for t in window if t.sentence == tokens[trig.token].sentence
                      and not _after_relative(idx, t)]  # "الذين تجمعوا": told of them
            if not any(has(t, words) for t in window):
                return True
        if kind == "word_near":  # either side, whatever the part of speech; "معدة للإطلاق" is a purpose
            window = tokens[max(0, trig.token - NEAR):trig.token] + tokens[trig.token + 1:trig.token + NEAR + 1]
            if not _said_in(idx, trig, [t for t in window if not t.norm.startswith("ل")], words):
                return True
        if kind == "word_before" and not _said_in(idx, trig, tokens[max(0, trig.token - 2):trig.token], words):
            return True  # the word it qualifies, just before
        if kind == "qualified_by" and not _said_in(idx, trig, tokens[trig.token + 1:trig.token + 3], words):
            return True  # an adjective or agent right after the noun; it still needs support
        if kind == "word_after":
            after = tokens[trig.token + 1:min(len(tokens), trig.token + WORD_AFTER)]
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
        between = tokens[c.token:trig.token]
        reach = 6 if any(t.norm == "اي" for t in between) else 3
        if lexical_denial(tokens[c.token]) and any(t.norm in DENIED_PERFECT and between[k - 1].norm in ("ان", "بان")
                                                   for k, t in enumerate(between) if k):
            reach = 10  # "نفت قوات الدعم السريع أن تكون قد هاجمت المخيم": what is denied to have been done
        if 0 < d <= reach and not (c.start <= trig.start < c.end):
            nxt = tokens[c.token + 1] if c.token + 1 < len(tokens) else None
            if nxt is not None and nxt.stem in STILL:
                continue
            if trig.entry.plover == "REJECT" and lexical_denial(tokens[c.token]):
                continue  # "أعلنت رفضها ... ونفت التفاوض": two denials, neither undoes the other
            return True
    return False


DENIAL_WORDS = frozenset({"نفي", "نفت", "نفى", "رفض", "رفضها", "رفضه", "رفضت"})
DENIED_PERFECT = words("denied_perfect")


def lexical_denial(t) -> bool:
    """A denying word (نفى، رفض) rather than a negating particle (لم، لا، عدم)."""
    return has(t, DENIAL_WORDS)


def demonstrative(idx: DocIndex, trig: Trigger) -> bool:
    """"هذا الاستهداف"، "هذه المفاوضات": a reference back to an occurrence already told."""
    return bool(cues_near(idx, trig, {"anaphor"}, 1, 0))


# acts whose verbal noun after "لـ" says what for ("لقتل", "لخطف"), not what happened
PURPOSE_FAMILIES = frozenset({"killing", "abduction"})
IRREALIS_REACH = 10  # tokens before the act, inside its clause: "خيار آخر يتمثل في شن ضربات"


def future(idx: DocIndex, trig: Trigger) -> bool:
    """Not (yet) happened: "سيقصف", "من المقرر", or an option, expectation, order, plan or fear that
    governs the act ("أوامر بقصف", "مخطط لاغتياله", "مخاوف من تجدد القصف")."""
    if "س" in trig.clitics or cues_near(idx, trig, {"future"}, 3, 3) or _light_verb_not_yet(idx, trig):
        return True
    tokens = idx.doc.tokens
    if trig.entry.tense == "present" and trig.token > 0 and tokens[trig.token - 1].norm in ("قد", "ربما"):
        return True  # "قد تقصف": it may come, it has not happened
    if "ل" in trig.clitics and "ال" not in trig.clitics and (
            trig.entry.tense == "present" or trig.entry.family in PURPOSE_FAMILIES) \
            and not cues_near(idx, trig, {"light"}, 2, 0):
        return True  # "لتقتل", "لقتل كل ما هو عراقي", "مخطط لاغتياله": in order to; "تعرض لاغتيال" happened
    first, _ = idx.clause_bounds(trig.token)
    sent = idx.doc.tokens[trig.token].sentence
    return any(c.kind == "irrealis" and 0 < trig.token - c.token <= min(IRREALIS_REACH, trig.token - first)
               for c in idx.sentence_cues(sent))


# present forms of support verbs ("تشن هجوما"): with "س" the act is to come, with "قد" it may come
LIGHT_PRESENT = words("light_present")


def _light_verb_not_yet(idx: DocIndex, trig: Trigger) -> bool:
    """"ستشن القوات هجوما", "قد تشن إسرائيل هجوما": the support verb of a noun is future or possible."""
    if trig.entry.pos != "noun":
        return False
    tokens = idx.doc.tokens
    first, _ = idx.clause_bounds(trig.token)
    for j in range(trig.token - 1, max(first, trig.token - 5) - 1, -1):
        norm = tokens[j].norm.lstrip("و")
        if norm[:1] == "س" and norm[1:] in LIGHT_PRESENT:
            return True
        if norm in LIGHT_PRESENT:
            return j > 0 and tokens[j - 1].norm in ("قد", "ربما")
    return False


# cues that make an act told no occurrence, how many tokens before it they reach, and why:
BACKGROUND_CUES = {
    # an act named in a charge, a trial or a confession is what someone is accused of; the news is the
    # accusation or the trial: "متهمين اثنين بخطف"، "على علاقة بخطف"، "تورطه في تفجيرات"
    "charge": (3, "named in a charge, a trial or a confession"),
    # what is usually done: "وغالبا ما تقوم بقتل"، "عادة ما يخطف"
    "habitual": (4, "what is usually done, not an occurrence"),
    # an anniversary recalls an act long past: "لمناسبة الذكرى الثانية لاغتيال النائب بتفجير استهدف موكبه"
    "recall": (8, "recalled by an anniversary"),
}
# harm by weather, fire, gas or traffic, this many tokens either side inside the clause, is no assault:
# "انفجار اسطوانة غاز"، "تسببت الأمطار في تدمير 3180 منزلا"
ACCIDENT_REACH = 4
# "تعرض لمحاولة اغتيال"، "حاول إرهابيون اغتيالها": an attempt to kill is no killing; the shots or the
# bomb, where there were any, are told by their own words
ATTEMPT_REACH = 2
# "قبل عامين سارت مظاهرات"، "اغتيل قبل سنوات": an act told as years past, in its clause, is background
LONG_AGO_REACH = 10


_YEAR = re.compile(r"\d{4}")


def named_by_date(idx: DocIndex, trig: Trigger) -> bool:
    """A past event named by its date: "تفجيرات 11 سبتمبر 2001"، "تفجيرات السابع من يوليو 2005".
    News of an occurrence dates it with "في" or a day word; a date right after the noun, with its
    year, names an event the reader already knows."""
    if trig.entry.pos != "noun":
        return False
    tokens = idx.doc.tokens
    nxt = trig.token + 1
    if nxt >= len(tokens) or tokens[nxt].sentence != tokens[trig.token].sentence:
        return False
    return any(m.start == tokens[nxt].start and _YEAR.search(m.text)
               for m in idx.sentence_mentions(tokens[trig.token].sentence, "DATE"))


def no_occurrence(idx: DocIndex, trig: Trigger) -> str | None:
    """Why an act told is no occurrence to code (a charge, a habit, an anniversary, an accident, a
    past event named by its date), or None; the sentence's cues are read once."""
    first, last = idx.clause_bounds(trig.token)
    for c in idx.sentence_cues(idx.doc.tokens[trig.token].sentence):
        d = trig.token - c.token
        rule = BACKGROUND_CUES.get(c.kind)
        if rule is not None and 0 <= d <= rule[0]:
            return rule[1]
        if c.kind == "attempt" and 0 < d <= ATTEMPT_REACH and trig.entry.family in PURPOSE_FAMILIES:
            return "an attempt to kill or abduct: what was done is told by its own words"
        if c.kind == "accident" and abs(d) <= ACCIDENT_REACH and first <= c.token < last:
            return "harm by weather, fire, gas or traffic: no assault"
        if c.kind == "long_ago" and abs(d) <= LONG_AGO_REACH and first <= c.token < last:
            return "told as years past ('قبل عامين'): background, not news"
        if c.kind == "not_protest" and trig.entry.plover == "PROTEST" and trig.entry.pos == "noun" and d == -1:
            return "a festival or a game ('تظاهرة ثقافية', 'احتجاج اللاعبين'), not a protest"
    if named_by_date(idx, trig):
        return "a past event named by its date"
    return None


def _harm(t) -> bool:
    return has(t, cue_words("harm"))


def enumerated(idx: DocIndex, trig: Trigger) -> bool:
    """A kind of harm listed with others names a practice, not an occurrence: "القتل والاختطاف
    والذبح"، "أعمال اغتصاب ونهب وقتل"، "من قتل وتدمير". The bare noun only: "اغتياله" is someone's."""
    tokens = idx.doc.tokens
    k = trig.token
    if not _harm(tokens[k]):
        return False
    sent = tokens[k].sentence

    def linked(i: int, j: int) -> bool:  # token j follows token i in a list: "و"-clitic or "أو"
        if not (0 <= i < len(tokens) and 0 <= j < len(tokens)) or tokens[i].sentence != sent \
                or tokens[j].sentence != sent:
            return False
        if j == i + 1:
            return tokens[j].prefix.startswith("و") and _harm(tokens[i]) and _harm(tokens[j])
        return j == i + 2 and tokens[i + 1].norm in ("او", "و") and _harm(tokens[i]) and _harm(tokens[j])

    return linked(k - 1, k) or linked(k, k + 1) or linked(k - 2, k) or linked(k, k + 2)


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
