"""Event coding: reads tokens and mentions, adds events with PLOVER/ACLED codes and their arguments.

Each trigger (verb, verbal noun or participle from rasid/data/triggers.tsv) inside its clause
becomes a candidate; candidates under a purpose or hypothetical frame (بهدف، بغية، بحثا ...) or
inside an organisation's name are dropped, results (ما أدى إلى مقتل) become fatalities of the
event they follow, and retellings of one occurrence merge (rasid/events/merge.py).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from rasid.events import arguments as args
from rasid.events import filters, targets
from rasid.events.coding import code_event
from rasid.events.context import DocIndex, build_index
from rasid.events.frames import find_frames
from rasid.events.lexicon import Trigger, requirements, trigger_matcher, words
from rasid.events.merge import merge_occurrences
from rasid.kb.actors import load_registry
from rasid.model import Argument, Document, Event, Span
from rasid.stages.normalize import normalize_for_matching
from rasid.stages.tokenize import clitic_splits

RESULT_FAMILIES = frozenset({"killing", "martyrdom"})
PASSIVE_AUX = frozenset({"تم", "تمت"})  # "تم اختطاف 30 فردا", "تمت تصفيته": the act happened
# killings that are never combat, whoever is killed: assassinations and executions ("أعدم", "اغتيال")
NOT_IN_COMBAT = ("غتال", "غتيل", "عدام", "عدم", "تصفي")
PROTEST_REACH = 8  # tokens either side of a protest where a riot or a dispersal is its own
MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST"})  # acts that happen, as against things said
# tokens around a protest noun within which "خرج", "تجمع", "رفعوا لافتات" make it an occurrence
GATHER_WINDOW = 8
ANAPHORIC = frozenset({"ال", "وال", "بال", "فال", "لل"})


def find_triggers(doc: Document, idx: DocIndex) -> list[Trigger]:
    """Trigger words in the text, outside names of organisations and places."""
    norm = doc.norm
    inside_name = bytearray(len(doc.text) + 1)
    for m in idx.mentions:
        if m.type in ("ACTOR", "OUTLET", "PERSON", "PLACE") and not _named_by_act(m):
            inside_name[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for hit in trigger_matcher().find(norm.text):
        s, e = norm.span_to_original(hit.start, hit.end)
        if inside_name[s] and inside_name[e - 1] and 0 not in inside_name[s:e]:
            continue  # "وزارة الدفاع", "مركز المصالحة": a noun inside a name is no event
        entry = hit.value
        token = idx.token_at(s)
        if entry.pos == "verb" and entry.ambiguous and "ال" not in hit.clitics and (
                any(c in hit.clitics for c in "بلك")
                or token > 0 and doc.tokens[token - 1].norm in NOUN_GOVERNORS
                or any(t.norm.lstrip("و") in STATEMENT_VERBS and t.sentence == doc.tokens[token].sentence
                       for t in doc.tokens[max(0, token - 4):token])):
            entry = replace(entry, pos="noun", tense="")  # "لقصف", "جراء قصف": after a preposition, the verbal noun
        if "ال" in hit.clitics and entry.pos == "verb":
            if not entry.ambiguous:
                continue  # "الفجر" (dawn) is no form of "فجّر": a verb takes no article
            entry = replace(entry, pos="noun", tense="")  # "القتل": the article makes it a verbal noun
        out.append(Trigger(s, e, entry, hit.clitics, token))
    return out


# words after which a form spelt both as a past verb and as its verbal noun ("قصف", "قتل") is the noun
NOUN_GOVERNORS = words("noun_governor")
STATEMENT_VERBS = words("statement_verb")


def _named_by_act(m) -> bool:
    """A crowd named by what it does ("المتظاهرون", "المحتجين") is the act's subject, and its word
    still tells the act."""
    return m.type == "ACTOR" and " " not in m.text.strip() and _is_trigger_word(m.text)


@lru_cache(maxsize=4096)
def _is_trigger_word(text: str) -> bool:
    return bool(trigger_matcher().find(normalize_for_matching(text)))


def denial_events(doc: Document, idx: DocIndex, events: list[Event]) -> list[Event]:
    """A negated occurrence ("لا توجد أي مفاوضات") is itself a REJECT by whoever says so."""
    frames = find_frames(idx)
    out = []
    rejects = [e for e in events if e.plover == "REJECT"]
    seen: set[int] = set()
    for ev in events:
        if not ev.negated or ev.plover == "REJECT":
            continue
        if any(0 <= ev.trigger.start - r.trigger.end <= 40 for r in rejects):
            continue  # "نفت التفاوض": the denial is already a REJECT
        trig = Trigger(ev.trigger.start, ev.trigger.end, None, "", idx.token_at(ev.trigger.start))  # type: ignore[arg-type]
        start = filters.negation_start(idx, trig)
        if start is None or start in seen:
            continue  # one denial per negation: "لا توجد أي مفاوضات أو لقاءات" is one REJECT
        seen.add(start)
        sent = idx.sentence_of(ev.trigger.start)
        frame = frames.get(sent)
        actor1 = None
        if frame is not None and frame.speaker is not None:
            actor1 = args.party_argument(idx, frame.speaker)
        actor1 = actor1 or ev.actor1
        if actor1 is None:
            continue  # "لم تسجل أي اشتباكات", "لم يقتل أحد": nobody denies anything, the text says none happened
        out.append(replace(ev, plover="REJECT", mode=None, acled_type=None, acled_subtype=None,
                           trigger=doc.span(start, ev.trigger.end), actor1=actor1, negated=False,
                           fatalities=None, rule=f"negation:denies:{ev.plover}"))
    return out


def _after_publication(doc: Document, date_mention) -> bool:
    """Does the date (or the start of its range) fall after the article's publication?"""
    first = date_mention.attrs.get("value") or (date_mention.attrs.get("range") or [None])[0]
    return bool(doc.published and first and first > doc.published.isoformat())


def _date_fields(doc: Document, date_mention) -> tuple[str | None, tuple[str, str] | None, int | None]:
    if date_mention is not None:
        a = date_mention.attrs
        rng = tuple(a["range"]) if a.get("range") else None
        return a.get("value"), rng, a.get("precision")
    if doc.published:
        return doc.published.isoformat(), None, 2
    return None, None, None


def _evidence(idx: DocIndex, clause: tuple[int, int], trig: Trigger) -> Span:
    tokens = idx.doc.tokens
    s = tokens[clause[0]].start
    e = tokens[clause[1] - 1].end
    if e - s > 380:
        s, e = max(s, trig.start - 150), min(e, trig.end + 150)
    return idx.doc.span(s, e)


def code_triggers(doc: Document, idx: DocIndex, triggers: list[Trigger],
                  dropped: list[tuple[Trigger, str]] | None = None) -> list[Event]:
    """One or more events per trigger, with arguments, in text order. Triggers that code no event
    are added to `dropped` with the reason, when a list is given (`rasid explain --dropped`)."""
    events: list[Event] = []

    not_coded: set[int] = set()  # tokens of the triggers dropped so far

    def drop(reason: str) -> None:
        not_coded.add(trig.token)
        if dropped is not None:
            dropped.append((trig, reason))

    frames = find_frames(idx)
    last_by_sentence: dict[int, Event] = {}
    main_place = _main_place(idx)
    trigger_tokens = {t.token for t in triggers}
    prev_location: Argument | None = None
    for trig in triggers:
        entry = trig.entry
        tokens = doc.tokens
        sent = tokens[trig.token].sentence
        clause = idx.clause_bounds(trig.token)
        if entry.pos == "noun" and _instrument_of(idx, trig, not_coded):
            drop("the weapon of an act not coded")
            continue
        if filters.suppressed(idx, trig):
            drop("a state, purpose or hypothetical, or a required word missing")
            continue
        if entry.plover in ("ASSAULT", "PROTEST") and \
                filters.backgrounded(idx, trig, trigger_tokens) and \
                not any(_in_clause(idx, m, clause) and m.attrs.get("value") for m in idx.sentence_mentions(sent, "DATE")):
            drop("told in a relative clause about something else")
            continue  # a known act recalled; with a day of its own ("الذين قتلوا اليوم") it is news
        negated = filters.negated(idx, trig)
        date_m = args.find_date(idx, trig.start, clause)
        if date_m is not None and _after_publication(doc, date_m) and entry.tense != "present" \
                and not filters.future(idx, trig):
            date_m = None  # "قتل 5 أشخاص في 20 آذار" in an article of 14 March: no past act is dated after it
        dated_here = date_m is not None and _in_clause(idx, date_m, clause)  # a day of its own
        sent_end = doc.sentences[sent].end if sent < len(doc.sentences) else len(doc.text)
        fatalities = args.find_fatalities(idx, trig.start, sent_end) if entry.plover == "ASSAULT" else None
        bare = entry.ambiguous and f"{entry.family}_bare" in requirements() or entry.tense == "present"
        needs_support = (entry.pos == "noun" or bare) and entry.plover in ("ASSAULT", "COERCE", "PROTEST") \
            and not negated
        supported = not needs_support or _supported(idx, trig, clause, date_m, fatalities)
        if needs_support and not supported and entry.pos == "noun":
            drop("a bare noun with no count, day, dead or carrying verb")
            continue  # a bare noun with nothing around it is a topic ("تبرير القتل"), not an occurrence
        if entry.plover in MATERIAL:
            reason = filters.no_occurrence(idx, trig)
            if reason is None and fatalities is None and not dated_here and filters.enumerated(idx, trig):
                reason = "a kind of harm listed with others: a practice, not an occurrence"
            if reason is not None:
                drop(reason)
                continue
        prev = last_by_sentence.get(sent)
        coordinated = (prev is not None and entry.pos == "noun") or \
            (trig.clitics.startswith(("و", "ف")) and trig.token > doc.sentences[sent].first_token)
        frame = frames.get(sent)
        content_start = 0
        if frame is not None and frame.cue_start < trig.start:
            content_start = max(frame.speaker_end, frame.cue_start)
        subject = prev.actor1 if prev else None
        if coordinated and entry.pos == "verb" and frame is not None and frame.speaker is not None and \
                frame.cue_start < trig.start and (prev is None or ":noun" in prev.rule):
            subject = args.party_argument(idx, frame.speaker)  # "أكد X ... وهدد": X threatens
        actor1, actor2 = args.find_actors(idx, trig.start, trig.end, entry.pos, entry.family, entry.plover,
                                          clause, subject, coordinated, content_start)
        if entry.plover == "ASSAULT" and entry.pos == "noun":  # "غارة إسرائيلية"; after a verb it is the object's
            by_nationality = args.nationality_actor(idx, trig.token)
            if by_nationality is not None and (actor1 is None or actor1.ref != by_nationality.ref):
                if actor1 is not None and actor2 is None:
                    actor2 = actor1
                actor1 = by_nationality
        self_told = _said_of_itself(doc.tokens, trig.token)
        if self_told is not None:  # the text says who did it: it outranks a subject carried over
            kind, k = self_told
            if kind == "speaker" and frame is not None and frame.speaker is not None and content_start \
                    and 0 <= k - idx.token_at(frame.speaker_end - 1) <= SELF_REACH:
                actor1 = args.party_argument(idx, frame.speaker)  # "قالت حماس إنها أطلقت": the speaker did it
            elif kind == "denier":  # "نفت X أن تكون قد هاجمت": X, the subject of the denial right before
                actor1 = _denier_before(events, idx, sent, k) or actor1
        if actor1 is None and negated and self_told is None:  # "نفى الجيش قصف السوق": the denier's own act
            actor1 = _denier_before(events, idx, sent, trig.token)
        if actor1 is None and entry.family in ("capture", "advance") and frame is not None \
                and frame.speaker is not None and content_start and _possessed(doc.tokens[trig.token].text):
            actor1 = args.party_argument(idx, frame.speaker)  # "أعلنت X سيطرتها على": its own act
        if entry.plover in args.STATEMENT_TYPES and entry.pos == "noun" and actor1 is None:
            actor1 = args.nationality_actor(idx, trig.token, "nisba_states.tsv", span=1)  # "تنديد أممي": the UN
        if entry.family == "clash" and actor2 is not None and actor2.category == 1 and \
                (actor1 is None or actor1.category != 1):
            actor1, actor2 = actor2, actor1  # in battles ACLED lists state forces first
        if entry.plover == "ASSAULT" and actor1 is not None and self_told is None and not negated and any(
                e.plover in args.STATEMENT_TYPES and e.actor1 is not None and e.actor1.start == actor1.start
                for e in _told_in(events, idx, sent)):
            actor1 = None  # "ندد X بالغارات": X condemns the strikes, it did not carry them out
        if entry.plover == "ASSAULT" and actor2 is not None and any(
                e.plover in args.STATEMENT_TYPES and e.actor1 is not None and e.actor1.start == actor2.start
                for e in _told_in(events, idx, sent)):
            actor2 = None  # "أدانت حماس القصف الإسرائيلي": who condemns the strikes is not named as their target
        if actor1 is None and entry.plover == "ASSAULT":
            aerial = entry.mode == "aerial" or bool(filters.cues_near(idx, trig, {"aerial"}, 4, 4))
            actor1 = _recent_attacker(events, idx, sent, aerial)  # the attacker of the story goes on
        need = requirements().get(entry.family) or requirements().get(f"{entry.family}_{entry.pos}")
        if need is not None and need[0] == "actor" and actor1 is None:
            drop("no one acts")
            continue  # "يهدد حياة المدنيين": a threat needs someone who threatens
        if entry.family == "falsehood" and frame is not None and frame.speaker is not None and content_start:
            # "قال X إن Y ينشر الأكاذيب": X accuses Y, the first of the accused named
            accused = [m for m in idx.sentence_mentions(sent, "ACTOR", "PERSON")
                       if content_start <= m.start < trig.start and idx.word_before(m.start) != "ل"]
            actor1 = args.party_argument(idx, frame.speaker)
            actor2 = args.party_argument(idx, accused[0]) if accused else actor2
        if actor1 is None and frame is not None and frame.speaker is not None \
                and entry.plover in args.STATEMENT_TYPES and content_start:
            actor1 = args.party_argument(idx, frame.speaker)  # "قال X إن ... نطالب": the speaker demands
        struck = None  # civilians the act struck (an attack on them is no battle); its civilian dead are its target too
        if actor2 is None and entry.plover == "ASSAULT":
            sides = args.exchange_sides(idx, trig.token)  # "تبادل X و Y القصف"
            if sides is not None:
                actor1, actor2 = sides
        if actor2 is None and entry.plover == "ASSAULT":
            actor2 = targets.forces_struck(idx, trig.token, clause, actor1, entry.pos)
        if actor2 is None and entry.plover == "ASSAULT":
            struck = targets.civilian_object(idx, trig.token, clause)
            # the dead of a battle are not what it targeted: "قتل نحو ألف شخص في معارك"
            actor2 = struck or (targets.civilian_dead(idx, fatalities) if entry.acled_type != "Battles" else None)
        civilians_named = struck is not None or bool(fatalities and fatalities.civilian) \
            or bool(filters.cues_near(idx, trig, {"civilian"}, 3, 0)) \
            or any(k in doc.tokens[trig.token].stem for k in NOT_IN_COMBAT)  # an execution, an assassination
        places = args.find_location(idx, trig.start, trig.end, clause, movement=entry.plover == "MOBILIZE")
        if not places:
            told_before = args.anaphoric_place(idx, trig.token, clause)
            places = [told_before] if told_before is not None else []
        own_place = bool(places)
        if entry.pos == "noun" and trig.clitics in ANAPHORIC and entry.plover in MATERIAL and not own_place \
                and actor1 is None and fatalities is None and not dated_here \
                and not any(e.plover == entry.plover for e in events) and not filters.light_verb_before(idx, trig):
            drop("'the' act, with nothing of its own and no act told before it: told elsewhere")
            continue  # "القصف طال منازل" with no strike told: the article it points back to is not here
        if entry.plover == "PROTEST":  # "تجمع مئات المتظاهرين": the crowd protests
            crowd = next((m for m in idx.sentence_mentions(sent, "ACTOR") if m.start <= trig.start < m.end), None)
            if crowd is not None and (actor1 is None or entry.family == "protesters" and actor1.ref != crowd.ref):
                if actor1 is not None and actor2 is None:
                    actor2 = actor1  # "أحرق متظاهرون مقر حزب الدعوة": the party is what the crowd turned on
                actor1 = args.party_argument(idx, crowd)
        if entry.plover in ("ASSAULT", "COERCE"):  # violence goes on where the last violence was told
            places = places or ([prev.location] if prev and prev.location else []) or \
                ([prev_location] if prev_location else []) or ([main_place] if main_place else [None])
        else:  # talk, claims and demands: the place the article is about
            places = places or ([main_place] if main_place else [None])
        date, date_range, precision = _date_fields(doc, date_m)
        before = doc.tokens[trig.token - 1] if trig.token > 0 else None
        present = entry.tense == "present" or (before is not None and before.stem[:1] in ("ي", "ت")
                                               and filters.cues_near(idx, trig, {"light"}, 1, 0))
        if date_m is None and not present and events and sent - idx.sentence_of(events[-1].trigger.start) <= 2 \
                and (events[-1].date or events[-1].date_range):
            # no time of its own: the story goes on on the day of the event told just before
            date, date_range, precision = events[-1].date, events[-1].date_range, events[-1].time_precision
        cues = filters.cues_near(idx, trig, {"aerial", "drone", "artillery", "explosive", "suicide", "chemical"}, 4, 4)
        if entry.plover == "PROTEST":  # what the crowd did, what was done to it, in its sentence
            cues = cues | filters.protest_cues(idx, trig, PROTEST_REACH)
        if filters.historical(doc, date, date_range):
            drop(f"background: dated {date or date_range[1]}, over a year before publication")
            continue  # background years ago: no occurrence to code
        if filters.question(doc, sent):
            drop("asked, not told")
            continue
        if not supported and not (entry.pos == "verb" and actor1 is not None and actor1 is not subject):
            drop("a bare form with no one doing it")
            continue  # "قتل" or "يقصف" alone, with no one doing it: a topic, not an occurrence
        for plover, mode, atype, asub in code_event(entry.family, entry.plover, entry.mode, entry.acled_type,
                                                    entry.acled_subtype, cues, actor1, actor2, struck is not None,
                                                    civilians_named):
            for place in places:
                ev = Event(
                    id="", plover=plover, mode=mode, acled_type=atype, acled_subtype=asub,
                    trigger=doc.span(trig.start, trig.end), evidence=_evidence(idx, clause, trig),
                    actor1=actor1, actor2=actor2, location=place, date=date, date_range=date_range,
                    time_precision=precision, fatalities=fatalities, negated=negated,
                    rule=f"{entry.family}:{entry.pos}" + (":anaphoric" if trig.clitics in ANAPHORIC else "")
                    + (":future" if filters.future(idx, trig) else "") + ("" if own_place else ":place-from-context")
                    + (":demonstrative" if filters.demonstrative(idx, trig) else ""),
                )
                events.append(ev)
        if events and not negated:
            last_by_sentence[sent] = events[-1]
            if events[-1].location is not None:
                prev_location = events[-1].location
    return events


DEVICES = frozenset({"سياره", "سيارات", "عبوه", "عبوات", "حزام", "قنبله", "شاحنه", "دراجه", "صاروخ", "قذيفه"})


def _instrument_of(idx: DocIndex, trig: Trigger, not_coded: set[int]) -> bool:
    """The weapon of an act that was not coded goes with it: "الذين نفذوا الاعتداء بسيارة مفخخة",
    "بملف اغتيال الحاج بواسطة سيارة مفخخة" (the device after "بـ"/"بواسطة" serves the act before it
    in the clause)."""
    tokens = idx.doc.tokens
    first, _ = idx.clause_bounds(trig.token)
    for j in range(trig.token - 1, max(first - 1, trig.token - 3), -1):
        t = tokens[j]
        if t.norm == "بواسطه" or any("ب" in pre and stem in DEVICES for pre, stem in clitic_splits(t.norm)):
            return any(i in not_coded for i in range(first, j))
    return False


SELF_REFERENCE = words("self_reference")


LAUNCH_VERBS = words("launch")
QUANTITY = words("quantity")


def _said_of_itself(tokens, trig_token: int) -> tuple[str, int] | None:
    """("speaker", k) where the act comes right after "أنه"/"إنها" at token k ("قد", a launching verb
    and a quantity at most between: "إنها أطلقت عشرات الصواريخ"): the speaker says it did the act;
    ("denier", k) after "أن تكون قد" ("نفت X أن تكون قد هاجمت"): X denies having done it."""
    j = trig_token - 1
    while j >= 0 and (tokens[j].norm in ("قد", "لقد") or tokens[j].norm in LAUNCH_VERBS
                      or tokens[j].norm in QUANTITY or tokens[j].norm.isdigit()) and trig_token - j <= 4:
        j -= 1
    if j >= 1 and tokens[j].norm in filters.DENIED_PERFECT and tokens[j - 1].norm in ("ان", "بان"):
        return "denier", j - 1
    if j >= 0 and tokens[j].norm.lstrip("و") in SELF_REFERENCE:
        return "speaker", j
    return None


SELF_REACH = 2  # tokens from the speaker (or the denial's subject) to its "إنها" / "أن تكون"


def _denier_before(events: list[Event], idx: DocIndex, sent: int, token: int) -> Argument | None:
    """Who denies, in a REJECT of the sentence whose subject ends right before `token`."""
    return next((e.actor1 for e in _told_in(events, idx, sent) if e.plover == "REJECT" and e.actor1 is not None
                 and 0 <= token - idx.token_at(e.actor1.end - 1) <= SELF_REACH), None)


def _possessed(word: str) -> bool:
    """A verbal noun with a possessive pronoun: "سيطرتها", "تقدمهم" (not a bare "سيطرة"). Only a
    capture or an advance is the possessor's own act: "استهدافهم" is someone targeting them."""
    word = word.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    return word.endswith(("ها", "هم", "هما")) or (word.endswith("ه") and len(word) > 3 and word[-2] in "تمو")


def _told_in(events: list[Event], idx: DocIndex, sent: int) -> list[Event]:
    """The events already coded in sentence `sent` (they are coded in text order)."""
    out = []
    for e in reversed(events):
        if idx.sentence_of(e.trigger.start) != sent:
            break
        out.append(e)
    return out


def _supported(idx: DocIndex, trig: Trigger, clause: tuple[int, int], date_m, fatalities) -> bool:
    """What makes a noun (or a bare verb form) an occurrence rather than a topic: a count, a verb
    that carries it, the dead, its own day, a support verb ("شنت غارة"), or a crowd coming out."""
    entry = trig.entry
    sent = idx.doc.tokens[trig.token].sentence
    with_verb = (requirements().get(entry.family) or ("",))[0] in ("verb_before", "word_after", "verb_near")
    return with_verb or fatalities is not None or _casualties_counted(idx, trig, clause) \
        or any(abs(idx.token_at(n.start) - trig.token) <= 3 for n in idx.sentence_mentions(sent, "NUMBER")) \
        or date_m is not None and (_in_clause(idx, date_m, clause) or _timeline_entry(idx, date_m, clause)) \
        or bool(filters.cues_near(idx, trig, {"light"}, 0, 2)) or filters.light_verb_before(idx, trig) \
        or trig.token > 0 and idx.doc.tokens[trig.token - 1].norm in PASSIVE_AUX \
        or entry.plover == "PROTEST" and bool(filters.cues_near(idx, trig, {"gather"}, GATHER_WINDOW, GATHER_WINDOW))


def _casualties_counted(idx: DocIndex, trig: Trigger, clause: tuple[int, int]) -> bool:
    """"أصيب ثلاثة مدنيين بجروح في قصف", "سقط 25 قتيلا وجريحا في تفجير": people counted as hurt or
    killed, earlier in the act's clause, make it an occurrence even with no toll of the dead."""
    tokens = idx.doc.tokens
    sent = tokens[trig.token].sentence
    hurt = [c.token for c in idx.sentence_cues(sent) if c.kind in ("killed", "injured")
            and clause[0] <= c.token < trig.token]
    if not hurt:
        return False
    counts = [idx.token_at(n.start) for n in idx.sentence_mentions(sent, "NUMBER")
              if clause[0] <= idx.token_at(n.start) < trig.token]
    counts += [j for j in range(clause[0], trig.token) if tokens[j].norm in args.TWO_DEAD or tokens[j].stem in args.TWO_DEAD]
    return any(abs(h - n) <= 2 for h in hurt for n in counts)


TIMELINE_MARKS = frozenset({":", "-", "–", "ـ"})


def _timeline_entry(idx: DocIndex, date_m, clause: tuple[int, int]) -> bool:
    """A timeline's line, "12 ديسمبر 2005: اغتيال الصحافي ...": the date before the colon is the act's."""
    tokens = idx.doc.tokens
    mark = clause[0] - 1
    return mark > 0 and tokens[mark].norm in TIMELINE_MARKS and tokens[mark - 1].end == date_m.end


def _in_clause(idx: DocIndex, m, clause: tuple[int, int]) -> bool:
    tokens = idx.doc.tokens
    return tokens[clause[0]].start <= m.start < tokens[clause[1] - 1].end


def _recent_attacker(events: list[Event], idx: DocIndex, sent: int, aerial: bool = False) -> Argument | None:
    """actor1 of the latest ASSAULT in the two sentences before: news tells one side's strikes in a row.
    An air strike goes to the last side that struck from the air or is a state's forces: the
    fighters of the sentence before have no aircraft."""
    for ev in reversed(events):
        if ev.plover != "ASSAULT" or ev.actor1 is None or ev.negated:
            continue
        if aerial and ev.mode != "aerial" and ev.actor1.category != 1:
            continue
        if sent - idx.sentence_of(ev.trigger.start) <= 2:
            return ev.actor1
        break
    # one attacker all along the article so far: a careful coder keeps it for the unattributed strikes
    struck = [ev for ev in events if ev.plover == "ASSAULT" and ev.actor1 is not None and ev.actor1.ref]
    if len({ev.actor1.ref for ev in struck}) == 1 and \
            (not aerial or struck[0].actor1.category == 1 or any(ev.mode == "aerial" for ev in struck)):
        return struck[0].actor1
    return None


def fold_results(doc: Document, events: list[Event]) -> list[Event]:
    """Deaths told beside an attack ("قُتل 4 في غارة", "ما أدى إلى مقتل") are that attack's fatalities."""
    starts = [s.start for s in doc.sentences]

    def sentence(e: Event) -> int:
        i = bisect.bisect_right(starts, e.trigger.start) - 1
        return i if i >= 0 and e.trigger.start <= doc.sentences[i].end else -1

    sent_of = [sentence(e) for e in events]
    attacks_in: dict[int, list[int]] = {}  # sentence -> the attacks told in it (not deaths)
    for i, e in enumerate(events):
        if e.plover == "ASSAULT" and not e.negated and e.rule.split(":")[0] not in RESULT_FAMILIES:
            attacks_in.setdefault(sent_of[i], []).append(i)
    out = list(events)
    for k in [i for i, e in enumerate(events) if e.rule.split(":")[0] in RESULT_FAMILIES and not e.negated]:
        kill = events[k]
        sk = sent_of[k]
        hosts = [i for i in attacks_in.get(sk, ()) if i != k]
        if not hosts and (kill.actor1 is None or ":place-from-context" in kill.rule):
            # "وتسببت المعارك بمقتل ..." told after the attack: its toll, not another attack
            earlier = [i for i in attacks_in.get(sk - 1, ())
                       if kill.location is None or events[i].location is None
                       or events[i].location.ref == kill.location.ref or ":place-from-context" in kill.rule]
            hosts = earlier[-1:]
        if not hosts:
            continue
        for i in hosts:
            if out[i] is not None and out[i].fatalities is None and kill.fatalities is not None:
                out[i] = replace(out[i], fatalities=kill.fatalities)
        out[k] = None
    return [e for e in out if e is not None]


def _main_place(idx: DocIndex) -> Argument | None:
    """The place an article is about: the most often named region or town, a coder's last resort."""
    counts: dict[str, list] = {}
    for m in idx.mentions:
        if m.type == "PLACE" and m.ref:
            counts.setdefault(m.ref, []).append(m)
    if not counts:
        return None
    best = max(counts.values(), key=lambda ms: (len(ms), -ms[0].start))
    return args.argument_of(best[0])


DOMINANT_SHARE = 0.75  # of the named attackers, for one to stand for the article's unattributed strikes


def fill_attacker(events: list[Event]) -> list[Event]:
    """Strikes told before their attacker is named ("استشهد 5 فلسطينيين في قصف ..." opening an
    article whose every named attacker is the Israeli army): where the article names one attacker
    only, or names it for three strikes in four, a careful coder gives it the unattributed ones too."""
    registry = load_registry()
    named = [e.actor1 for e in events if e.plover == "ASSAULT" and not e.negated and e.actor1 is not None]
    sides = [registry.side(a.ref) for a in named]  # the air force and the army are one side
    top = Counter(sides).most_common(1)[0][0] if sides else None  # a tie goes to the side named first
    if top is None or sides.count(top) < DOMINANT_SHARE * len(sides):
        return events
    ours = [a.ref for a, side in zip(named, sides) if side == top]
    attacker = next(a for a in named if a.ref == Counter(ours).most_common(1)[0][0])
    flies = attacker.category == 1 or any(
        e.mode == "aerial" and e.actor1 is not None and registry.side(e.actor1.ref) == top for e in events)
    return [replace(e, actor1=attacker) if e.plover == "ASSAULT" and e.actor1 is None and not e.negated
            and (flies or e.mode != "aerial") and (e.actor2 is None or registry.side(e.actor2.ref) != top)
            else e for e in events]  # a side is never its own target


COUNTERPART_REACH = 60  # characters from a statement's trigger to the act it is about


def fill_counterpart(idx: DocIndex, events: list[Event], triggers: list[Trigger]) -> list[Event]:
    """"أدانت حماس القصف الإسرائيلي", "ناشد ... بوقف الهجمات الإسرائيلية", "نفى X استهداف ... بغارة
    إسرائيلية": what a statement condemns, asks to stop or denies is the act told right after it in
    the sentence, and that act's attacker is the statement's counterpart (actor2): the attacker of
    the coded act, else the nationality an attack noun carries even where it coded no event."""
    return [replace(e, actor2=_counterpart(idx, e, events, triggers) or e.actor2)
            if e.plover in ("ACCUSE", "REQUEST", "REJECT") and e.actor2 is None else e for e in events]


def _counterpart(idx: DocIndex, statement: Event, events: list[Event], triggers: list[Trigger]) -> Argument | None:
    first, last = idx.clause_bounds(idx.token_at(statement.trigger.start))
    start, end = statement.trigger.start, statement.trigger.end

    def after(offset: int) -> bool:  # told right after the statement, in its own clause
        return start <= offset and offset - end <= COUNTERPART_REACH and first <= idx.token_at(offset) < last

    def other(a: Argument | None) -> bool:
        return a is not None and (statement.actor1 is None or a.ref != statement.actor1.ref)

    found = next((a.actor1 for a in events if a.plover in ("ASSAULT", "COERCE") and after(a.trigger.start)
                  and other(a.actor1)), None)
    return found or next((n for t in triggers if t.entry.plover in ("ASSAULT", "COERCE") and t.entry.pos == "noun"
                          and after(t.start) and other(n := args.nationality_actor(idx, t.token))), None)


def find_events(doc: Document, dropped: list[tuple[Trigger, str]] | None = None) -> list[Event]:
    if not doc.tokens:
        return []
    idx = build_index(doc)
    triggers = find_triggers(doc, idx)
    events = code_triggers(doc, idx, triggers, dropped)
    events = sorted(events + denial_events(doc, idx, events), key=lambda e: e.trigger.start)
    events = fold_results(doc, fill_counterpart(idx, fill_attacker(events), triggers))
    events = merge_occurrences(doc, events)
    return [replace(e, id=f"e{i}") for i, e in enumerate(events, 1)]


def stage(doc: Document) -> Document:
    return replace(doc, events=tuple(find_events(doc)))
