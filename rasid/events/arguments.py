"""Choosing an event's arguments from its clause and sentence, with Arabic word order in mind.

    قصفت الطائرات الروسية بلدة كفرنبل        verb–subject–object: the actor follows the verb
    قوات النظام تقصف ...                      subject first in leads
    قصف قوات النظام على دوما                 a verbal noun's genitive is the agent, على the target
    وحاصرت فصيل "جيش الإسلام"               a coordinated verb shares the previous subject
    مفاوضات مع فصائل الغوطة                  مع marks the counterpart
    ما أدى إلى مقتل أكثر من 900 مدني         a result clause gives the fatalities
"""
from __future__ import annotations

import re
from functools import lru_cache

from rasid.events.context import PREPOSITIONS, DocIndex
from rasid.events.filters import RELATIVE_PRONOUNS
from rasid.events.lexicon import words
from rasid.kb.lexicon import load_tsv
from rasid.kb.places import is_dateline
from rasid.kb.matcher import name_key
from rasid.kb.people_patterns import function_words
from rasid.model import Argument, Fatalities, Mention
from rasid.stages.normalize import normalize_for_matching

MEMBER_NOUNS = frozenset({"عسكريين", "روس", "عناصر", "مقاتلين", "ممثلين", "ضباط", "مسؤولين", "قياديين", "اعضاء",
                          "جنود", "وفد", "مقاتلو", "عسكريو", "ممثلو", "عناصر"})
NON_COMBATANT_KINDS = frozenset({"outlet", "monitor", "ngo", "international"})
AGENT_MARKERS = frozenset({"قبل", "يد", "برصاص", "بنيران", "بقصف", "بغاره", "بغارات", "بها", "به",
                           # a relative verb with the act as its object: "الشروط طرحها النظام"
                           "طرحها", "طرحه", "فرضها", "فرضه", "وضعها", "قدمها", "شنها", "شنه", "نفذها", "نفذه",
                           "اطلقها", "اطلقه", "تبناها", "تبناه",
                           "اطلقتها", "اطلقته", "شنتها", "شنته", "نفذتها", "نفذته", "تبنته", "تبنتها",
                           "مصدره", "مصدرها"})  # "صاروخ مصدره قوات النظام": where it came from
PARTY_TYPES = ("ACTOR", "PERSON")
FAR_PLACE = 25  # tokens after the act within which "في <place>" is still its place
STATEMENT_TYPES = frozenset({"REJECT", "ACCUSE", "THREATEN", "REQUEST"})  # what is said, not done
AGENT_WINDOW = 8  # tokens from the act to its agent phrase ("قذيفة ... بعد منتصف الليل أطلقتها قوات النظام")
# attack nouns whose "لـ X" names who carried them out ("قصف لقوات النظام على"); a transitive verbal
# noun's "لـ X" is its object instead ("استهداف لقوات النظام")
AGENT_LAM_FAMILIES = frozenset({"airstrike", "shelling", "barrels", "rockets", "attack", "bombing", "gunfire"})


def argument_of(m: Mention) -> Argument:
    """An Argument from a mention: its span, its entity and what is known of it."""
    a = m.attrs
    name = a.get("name") or a.get("name_en")
    ref = (a.get("place_id") or m.ref) if m.type == "PLACE" else m.ref  # "أطراف دوما": Douma~near
    return Argument(m.text, m.start, m.end, ref, name, a.get("category"),
                    a.get("geo_precision") if m.type == "PLACE" else None)


def party_argument(idx: DocIndex, m: Mention) -> Argument:
    """A person acts for the party named in their role, where the text names it ("الناطق باسم فيلق
    الرحمن"); an envoy or official of an international body speaks in their own name.
    "المركز" stands for the group it points back to."""
    if m.source == "coref":
        return argument_of(m.attrs["antecedent"])
    if m.type == "PERSON":
        aff = m.attrs.get("affiliation")
        if aff and _kind(aff) not in ("international",):
            for other in idx.mentions:
                if other.ref == aff and other.type == "ACTOR":
                    return argument_of(other)
    return argument_of(m)


def _kind(actor_id: str) -> str | None:
    from rasid.kb.actors import load_registry

    actor = load_registry().actors.get(actor_id)
    return actor.kind if actor is not None else None


def _prep_before(idx: DocIndex, m: Mention) -> str:
    word = idx.word_before(m.start)
    if word in PREPOSITIONS and word != "من":
        return word
    if word.lstrip("وف") in ("ل", "لل", "ب", "بال"):
        return word.lstrip("وف")[0]  # the name's own clitic: "للطيران الروسي", "بقوات النظام"
    # a head noun between the preposition and the name: "على بلدة مديرا", "مع فصيل X", "من قيادة فصيل X"
    i = idx.token_at(m.start) - 1
    steps = 0
    while i >= 0 and steps < 4:
        t = idx.doc.tokens[i]
        if t.norm in PREPOSITIONS:
            if t.norm == "من" and i > 0 and idx.doc.tokens[i - 1].stem in MEMBER_NOUNS:
                return ""  # "العسكريين الروس من مركز المصالحة": members of, so the group acts
            return t.norm
        if t.prefix.endswith(("ب", "ل")) and steps == 0 and t.is_word:
            return t.prefix[-1]
        if not t.is_word and t.norm != '"':
            break
        if t.norm in function_words():
            break  # "إلى أن مركز ...": the preposition governs أن, not the name
        i -= 1
        steps += 1
    return ""


SIDE_WORDS = words("side")
# "الموالية لها", "المدعومة من", "المساندة لها": a party named after one side is that side's ally
ALLY_WORDS = words("ally")


def _side_mark(idx: DocIndex, start: int, end: int) -> int | None:
    """Where the first side of a "بين X من جهة و Y" ends: after its "من جهة"/"من طرف", else None."""
    tokens = idx.doc.tokens
    i = idx.token_at(start)
    while i + 1 < len(tokens) and tokens[i].start < end:
        if tokens[i].norm == "من" and tokens[i + 1].norm in SIDE_WORDS:
            return tokens[i + 1].end
        i += 1
    return None


def _allied(idx: DocIndex, m: Mention) -> bool:
    """"والمسلحين الموالين لها", "والميليشيات الموالية لها": a party followed by a word of alliance, or
    whose name ends in one that points back ("لها"), stands with the side named before it."""
    tokens = idx.doc.tokens
    last = idx.token_at(max(m.start, m.end - 1))
    nxt = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    return nxt in ALLY_WORDS or (tokens[last].norm in ALLY_WORDS and nxt in ("لها", "له", "لهم", "لهما"))


# between a verb and a party, words that leave the party its subject: time words ("قصفت أمس قوات النظام")
# and the heads of a party's weapons and units ("قصفت طائرات النظام", "هاجم مسلحو التنظيم")
VERB_SUBJECT_GAP = words("subject_gap_verb")
# a preposition with a pronoun between the verb and the party is no object: "سينسحب منها المسلحون"
PREP_PRONOUN = re.compile(r"^(?:من|عن|في|علي|الي|ل|ب|مع|خلال|عند|لدي)(?:ه|ها|هم|هما|هن)$")


EXCHANGE = words("exchange")
EXCHANGE_REACH = 8  # tokens from "تبادل" to the act it names, over the two sides


def exchange_sides(idx: DocIndex, trig_token: int) -> tuple[Argument, Argument] | None:
    """"تبادل حزب الله والجيش الإسرائيلي القصف": the two sides named between "تبادل" and the act."""
    tokens = idx.doc.tokens
    sent = tokens[trig_token].sentence
    verb = next((j for j in range(trig_token - 1, max(-1, trig_token - EXCHANGE_REACH), -1)
                 if tokens[j].sentence == sent and (tokens[j].norm in EXCHANGE or tokens[j].stem in EXCHANGE)), None)
    if verb is None:
        return None
    sides = [m for m in idx.sentence_mentions(sent, *PARTY_TYPES)
             if tokens[verb].end <= m.start and m.end <= tokens[trig_token].start]
    if len(sides) < 2:
        return None
    first, second = party_argument(idx, sides[0]), party_argument(idx, sides[1])
    return (first, second) if first.ref != second.ref else None


def _object_genitive(idx: DocIndex, trig_end: int, m: Mention) -> bool:
    """Is the party after a verb its object? Yes where a noun that is neither a time word nor a
    party's weapon or unit comes between (the object, the party its owner: "استهدف مقر الشرطة"), or
    where the verb is plural (its subject is in it)."""
    tokens = idx.doc.tokens
    verb = tokens[idx.token_at(trig_end - 1)].norm
    if verb.endswith("وا") or (verb[:1] in "يت" and verb.endswith("ون")):
        return True  # "أجبروا خلاله قوات النظام": a plural verb has its subject in it; a VSO verb is singular
    between = tokens[idx.token_at(trig_end - 1) + 1:idx.token_at(m.start)]
    return any(t.is_word and not {t.norm, t.stem, t.norm[1:] if t.norm[:1] in "وف" else t.norm} & VERB_SUBJECT_GAP
               and not t.norm[:1].isdigit() and not PREP_PRONOUN.match(t.norm) for t in between)


# words after which a sentence or clause begins anew, so a party after them may be a subject
SVO_OPENERS = words("svo_opener")
SUBJECT_GAP = words("subject_gap")


def _subject_before(idx: DocIndex, trig_start: int, left: list[Mention], clause_start: int) -> Mention | None:
    """The subject of a verb it follows right after (SVO: "قوات النظام تقصف", "أن الأمم المتحدة قد حثت"):
    a party of the same clause, no preposition before it, nothing but "قد" between it and the verb."""
    tokens = idx.doc.tokens
    verb = idx.token_at(trig_start)
    for m in reversed(left):
        if m.start < clause_start - 1 or _prep_before(idx, m):
            continue
        first = idx.token_at(m.start)
        if first > 0 and tokens[first - 1].is_word and tokens[first - 1].sentence == tokens[first].sentence \
                and tokens[first - 1].norm not in SVO_OPENERS:
            return None  # "ردا على صواريخ حزب الله قصفت إسرائيل": a genitive, not a subject
        last = idx.token_at(max(m.start, m.end - 1))
        between = tokens[last + 1:verb]
        if all(t.norm in SUBJECT_GAP for t in between):
            return m
        return None  # only the party nearest the verb can be its subject
    return None


# attack nouns whose "من X" right after them names who struck ("تعرضت البلدة لقصف من قوات النظام",
# "غارات من الطيران الروسي"); after other nouns "من" names a part or a source ("مقتل ثلاثة من عناصره")
MIN_AGENT_FAMILIES = frozenset({"shelling", "airstrike", "attack", "rockets", "gunfire", "barrels", "target"})


def _agent_min(idx: DocIndex, trig_end: int, m: Mention, pos: str, family: str) -> bool:
    """An attack noun, at most one word (its adjective, no number) and "من", then a party that is no
    country: its agent ("من اليمن" is where a missile came from)."""
    if pos != "noun" or family not in MIN_AGENT_FAMILIES or idx.word_before(m.start) != "من" \
            or m.attrs.get("kind") == "state":
        return False
    tokens = idx.doc.tokens
    between = tokens[idx.token_at(trig_end - 1) + 1:idx.token_at(m.start) - 1]
    return len(between) <= 1 and all(t.is_word and not t.norm[:1].isdigit() for t in between)


def _tokens_between(idx: DocIndex, a: int, b: int) -> int:
    return abs(idx.token_at(b) - idx.token_at(a))


def _head_of_list(idx: DocIndex, m: Mention, parties: list[Mention]) -> Mention:
    """"قوات النظام وحزب الله": the first of parties joined by و acts first."""
    text = idx.doc.text
    while True:
        before = [p for p in parties if p.end <= m.start and text[p.end:m.start].strip(' "“”\u200f') in ("و", "")
                  and m.start - p.end <= 4]
        if not before:
            return m
        m = before[-1]


def find_actors(idx: DocIndex, trig_start: int, trig_end: int, pos: str, family: str, plover: str,
                clause: tuple[int, int], prev_actor1: Argument | None, coordinated: bool,
                content_start: int = 0) -> tuple[Argument | None, Argument | None]:
    """actor1 (who acts) and actor2 (target or counterpart) of a trigger.

    `content_start` is where reported speech begins: its speaker is not an actor of what it reports.
    """
    tokens = idx.doc.tokens
    sent = tokens[idx.token_at(trig_start)].sentence
    parties = [m for m in idx.sentence_mentions(sent, *PARTY_TYPES) if m.start >= content_start]
    if any(m.source != "ner" for m in parties):  # a statistical guess of a group only where none known is named;
        parties = [m for m in parties if m.source != "ner" or m.type == "PERSON"]  # people no list knows
    if plover in ("ASSAULT", "COERCE"):  # a monitor or an agency reports violence, it does not fight
        parties = [m for m in parties if m.attrs.get("kind") not in NON_COMBATANT_KINDS]
    clause_start = tokens[clause[0]].start
    clause_end = tokens[clause[1] - 1].end
    right = [m for m in parties if m.start >= trig_end]
    left = [m for m in parties if m.end <= trig_start]
    actor1 = actor2 = None

    # agent phrases: من قبل X، على يد X، برصاص X، تقوم بها X (of acts, not of what a statement is about:
    # "ندد X بالغارات التي شنتها Y" — Y struck, X condemns)
    for m in (right if plover not in STATEMENT_TYPES else ()):
        if _tokens_between(idx, trig_end, m.start) > AGENT_WINDOW or m.start > clause_end + 40:
            break
        before = idx.word_before(m.start)
        i = idx.token_at(m.start) - 1
        words = {tokens[k].norm for k in range(max(0, i - 2), i + 1)}
        if before in AGENT_MARKERS or words & AGENT_MARKERS or _agent_min(idx, trig_end, m, pos, family):
            actor1 = party_argument(idx, m)
            break

    # "اشتباكات بين X و Y", "مفاوضات بين X و Y": both sides follow بين
    if actor1 is None and plover in ("ASSAULT", "CONSULT", "AGREE"):
        between = [m for m in right if _tokens_between(idx, trig_end, m.start) <= 4 and _prep_before(idx, m) == "بين"]
        if between:
            first = between[0]
            actor1 = party_argument(idx, first)
            # "بين X والمسلحين الموالين لها من جهة، و Y من جهة أخرى": the second side follows "من جهة"
            mark = _side_mark(idx, first.end, clause_end)
            others = [m for m in right if m.start > (mark or first.end)
                      and _tokens_between(idx, mark or first.end, m.start) <= 4
                      and party_argument(idx, m).ref != actor1.ref and not _allied(idx, m)]
            if others:
                actor2 = party_argument(idx, others[0])
                if actor2.category == 1 and actor1.category != 1:
                    actor1, actor2 = actor2, actor1  # a clash with state forces: ACLED lists them first
            return actor1, actor2

    near_right = [m for m in right if _tokens_between(idx, trig_end, m.start) <= 3 and m.start < clause_end]
    if actor1 is None and near_right:
        m = near_right[0]
        prep = _prep_before(idx, m)
        between = tokens[idx.token_at(trig_end - 1) + 1:idx.token_at(m.start)]
        if prep == "ل" and pos == "noun" and family in AGENT_LAM_FAMILIES and len(between) <= 1 and \
                not any(t.norm in PREPOSITIONS or not t.is_word for t in between):
            actor1 = party_argument(idx, m)  # "غارات جوية للطيران الروسي": the strikes of the Russian air force
        elif not prep:
            subject = _subject_before(idx, trig_start, left, clause_start) if pos == "verb" else None
            if subject is not None:  # "أن قوات النظام هاجمت فصائل المعارضة": SVO, the named party is the object
                actor1 = party_argument(idx, _head_of_list(idx, subject, parties))
                actor2 = party_argument(idx, m)
            elif pos == "noun" and plover in ("CONSULT", "REQUEST", "REJECT", "ACCUSE") and (left or prev_actor1):
                actor2 = party_argument(idx, m)  # مفاوضة النظام: the object of talks
            elif pos == "verb" and coordinated and (prev_actor1 is not None or
                                                     any(not _prep_before(idx, x) for x in left)):
                actor2 = party_argument(idx, m)  # وحاصرت فصيل X: shared subject, X is the object
            elif pos == "verb" and plover in ("ASSAULT", "COERCE") and _object_genitive(idx, trig_end, m):
                actor2 = party_argument(idx, m)  # "استهدف مقر الشرطة": the party owns what was struck
            else:
                actor1 = party_argument(idx, m)  # VSO, or the agent genitive of a verbal noun
    if actor1 is None:
        cands = [m for m in left if m.start >= clause_start - 1 and not _prep_before(idx, m)]
        if not cands and (not coordinated or prev_actor1 is None):
            cands = [m for m in left if not _prep_before(idx, m)]
        if cands:
            actor1 = party_argument(idx, _head_of_list(idx, cands[-1], parties))
    if actor1 is None and prev_actor1 is not None:
        actor1 = prev_actor1

    if actor2 is None:
        reach = clause_end if plover in STATEMENT_TYPES else clause_end + 60  # a statement's object is in its clause
        for m in right:
            if m.start > reach:
                break
            prep = _prep_before(idx, m)
            arg = party_argument(idx, m)
            if actor1 is not None and arg.ref is not None and arg.ref == actor1.ref:
                continue
            if prep in ("مع", "علي", "ضد", "بين", "ل", "من") or (pos == "verb" and not prep):
                actor2 = arg
                break
    if plover == "PROTEST" and actor1 is not None and actor1.category == 1:
        actor1 = None  # a state and its forces do not protest: "اعتقلت الشرطة ناشطين شاركوا في مظاهرة"
    return actor1, actor2


@lru_cache(maxsize=2)
def _nisbas(table: str) -> dict[str, str]:
    out = {}
    for forms, alias in load_tsv(table):
        for f in forms.split():
            out[name_key(f)] = alias
    return out


def nationality_actor(idx: DocIndex, trig_token: int, table: str = "nisba_actors.tsv",
                      span: int = 2) -> Argument | None:
    """"غارة إسرائيلية"، "القصف الروسي": a nationality adjective right after the act names the attacker;
    with `nisba_states.tsv`, "تنديد أممي"، "رفض روسي": the one who speaks."""
    from rasid.kb.actors import load_registry

    tokens = idx.doc.tokens
    for j in range(trig_token + 1, min(len(tokens), trig_token + 1 + span)):
        t = tokens[j]
        if t.sentence != tokens[trig_token].sentence or not t.is_word:
            break
        alias = _nisbas(table).get(t.norm)
        if alias is None:
            continue
        actor = load_registry().resolve(name_key(alias), on=idx.doc.published)
        if actor is None:
            return None
        s = t.stem_start if t.prefix and not t.prefix.endswith("ال") else t.start
        return Argument(idx.doc.text[s:t.end], s, t.end, actor.id, actor.name, actor.category)
    return None


def find_location(idx: DocIndex, trig_start: int, trig_end: int, clause: tuple[int, int],
                  movement: bool = False) -> list[Argument]:
    """Places of the event: coordinated places after the trigger in its clause, else nearest ones.
    For a movement ("تعزيزات من مدينة الحسكة") the place it comes from is not where it happens."""
    tokens = idx.doc.tokens
    sent = tokens[idx.token_at(trig_start)].sentence
    places = idx.sentence_mentions(sent, "PLACE")
    if movement:
        places = [m for m in places if _prep_before(idx, m) != "من"]
    # a name inside a longer one ("ريف" in "ريف إدلب") is not a place of its own
    places = [m for m in places if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and o.end - o.start > m.end - m.start for o in places)
              and not is_dateline(idx.doc.text, m.start, m.end)]
    if not places:
        return []
    clause_end = tokens[clause[1] - 1].end
    after = [m for m in places if m.start >= trig_end and _tokens_between(idx, trig_end, m.start) <= 10]
    if after:
        group = [after[0]]
        for m in after[1:]:
            gap = idx.doc.text[group[-1].end:m.start]
            joined = ("،" in gap or "," in gap or gap.strip(" \"“”") == "و" or idx.doc.text[m.start - 1:m.start] == "و"
                      or _starts_with_and(idx, m))
            if len(gap) <= 6 and gap.strip(" ،,\"“”") in ("", "و") and joined or _list_goes_on(gap):
                group.append(m)  # "حمورية، وسقبا": a list of places, one event each
            elif m.start <= clause_end and _more_specific(m, group[-1]) and len(gap) < 25:
                group[-1] = m
            else:
                break
        if len(group) > 1 and _same_place_chain(group):
            group = [group[-1]]
        while len(group) > 2 and _specificity(group[-1]) > 1 and all(_specificity(m) == 1 for m in group[:-1]):
            group = group[:-1]  # "الزيتون والشجاعية والتفاح شرقي غزة": the region of the list, not one more place
        if len(group) == 1 and _specificity(group[0]) >= 2:
            clause_start = tokens[clause[0]].start
            towns = [m for m in places if _specificity(m) < _specificity(group[0])
                     and (clause_start <= m.start < clause_end or _precision(group[0]) >= 3)]
            towns = [m for m in towns if abs(idx.token_at(m.start) - idx.token_at(trig_start)) <= 8]
            if towns:  # a region named first, the town it happened in elsewhere in the clause
                group = [min(towns, key=lambda m: (_specificity(m), abs(m.start - trig_end)))]
        return [argument_of(m) for m in group]
    before = [m for m in places if m.end <= trig_start]
    in_clause = [m for m in before if tokens[clause[0]].start <= m.start]
    far_after = [m for m in places if m.start >= trig_end and _tokens_between(idx, trig_end, m.start) <= FAR_PLACE
                 and _prep_before(idx, m) in ("في", "ب", "داخل") and not _other_clause_between(idx, trig_end, m.start)]
    fronted = before and _fronted(idx, before[0])  # "وفي دوما، شنت الطائرات ...": the sentence's place
    if far_after and not in_clause and not fronted:
        # "اشتباكات بين X من طرف، وY من طرف آخر، في بساتين مخيم خان الشيح": its own place, told late
        return [argument_of(far_after[0])]
    if before:
        # "تعرضت بلدتا قسطون والحويجة ... لقصف": the most specific places before it, the nearest
        # with the places listed with it, one event each
        best = min(_specificity(m) for m in before)
        chosen = [m for m in before if _specificity(m) == best][-1]
        group = [chosen]
        in_clause = tokens[clause[0]].start <= chosen.start
        for m in reversed(before[:before.index(chosen)] if in_clause else []):
            gap = idx.doc.text[m.end:group[0].start]
            if _specificity(m) != best or len(gap) > 6 or gap.strip(" ،,\"“”") not in ("", "و") \
                    or not ("،" in gap or "و" in gap or _starts_with_and(idx, group[0])):
                break
            group.insert(0, m)
        return [argument_of(m) for m in group]
    return [argument_of(places[0])]


# "المدينة", "القرية", "المخيم": a settlement told before, named by its class; the feature types it may be
SETTLEMENTS = ("community", "town", "city", None)
PLACE_ANAPHORS = {"مدينه": SETTLEMENTS, "بلده": SETTLEMENTS, "قريه": SETTLEMENTS, "مخيم": ("camp",),
                  "حي": ("neighbourhood",)}
ANAPHOR_WINDOW = 3  # sentences back to the place a class noun points to


def anaphoric_place(idx: DocIndex, trig_token: int, clause: tuple[int, int]) -> Argument | None:
    """"وقد استهدف قصف جوي المدينة": the town of that class named last, in this sentence or the
    three before it; nothing where no such place was named."""
    tokens = idx.doc.tokens
    anaphor = next((tokens[i] for i in range(clause[0], clause[1])
                    if tokens[i].prefix.endswith("ال") and tokens[i].stem in PLACE_ANAPHORS
                    and abs(i - trig_token) <= 6), None)
    if anaphor is None:
        return None
    kinds = PLACE_ANAPHORS[anaphor.stem]
    sent = tokens[trig_token].sentence
    earlier = [m for s in range(max(sent - ANAPHOR_WINDOW, 0), sent + 1) for m in idx.sentence_mentions(s, "PLACE")
               if m.end <= anaphor.start and _specificity(m) == 1 and m.attrs.get("feature_type") in kinds]
    if not earlier:
        return None
    # "بلدة حرستا ... مدينة دوما ... المدينة": one introduced by the same word, else any; of those the
    # one the article names most often so far (the town it is about), the last on a tie
    pool = [m for m in earlier if idx.word_before(m.start).endswith(anaphor.stem)] or earlier
    told = [m.ref for m in idx.mentions if m.type == "PLACE" and m.ref and m.end <= anaphor.start]
    return argument_of(max(reversed(pool), key=lambda m: told.count(m.ref) if m.ref else 0))


# words that may stand between two places of one list: "أبو حمام، وأجزاء من بلدات ذيبان والطيانة"
LIST_FILLERS = frozenset({"من", "اجزاء", "جزء", "غالبيه", "معظم", "بعض", "كامل", "اطراف", "محيط", "تخوم", "بلده",
                          "بلدات", "قريه", "قري", "مدينه", "مدن", "حي", "احياء", "منطقه", "مناطق", "مخيم", "مخيمات"})


def _list_goes_on(gap: str) -> bool:
    """A gap that opens a new member of a list of places: a conjunction, then only filler words."""
    words = gap.replace("،", " ، ").replace(",", " , ").split()
    if not words or words[0] not in ("،", ",", "و") and not words[0].startswith("و") or len(words) > 5:
        return False
    rest = [name_key(w.lstrip("و")) for w in words if w not in ("،", ",", "و")]
    return bool(rest) and all(w in LIST_FILLERS for w in rest)


RESULT_OR_RELATIVE = RELATIVE_PRONOUNS | {"ادي", "ادت", "اسفر", "اسفرت"}


def _other_clause_between(idx: DocIndex, start: int, end: int) -> bool:
    """A relative clause or a result ("ما أدى إلى") between an act and a place: the place is theirs."""
    tokens = idx.doc.tokens
    return any(t.norm in RESULT_OR_RELATIVE or t.stem in RESULT_OR_RELATIVE
               for t in tokens[idx.token_at(start):idx.token_at(end)])


def _fronted(idx: DocIndex, m: Mention) -> bool:
    """"وفي دوما، ...", "في مدينة دوما، ...": a place opening its sentence after في frames it whole."""
    tokens = idx.doc.tokens
    j = idx.token_at(m.start) - 1
    while j >= 0 and tokens[j].norm in ("مدينه", "بلده", "قريه", "حي", "مخيم"):
        j -= 1
    return j >= 0 and tokens[j].norm in ("في", "وفي") and (j == 0 or tokens[j - 1].sentence != tokens[j].sentence)


def _specificity(m: Mention) -> int:
    """1 a town (or a small place the gazetteer does not know), 2 near or part of one, 3 a region."""
    p = m.attrs.get("geo_precision")
    if isinstance(p, int):
        if p == 2 and m.attrs.get("feature_type") in SITES:
            return 1  # "محيط مستشفى الشفاء": the site itself is as precise as it gets
        return p
    if m.text.split(" ")[0].lstrip("و") in DIRECTIONS:
        return 3  # "جنوبي القطاع": a part of a region the gazetteer could not place
    return 2 if m.source == "ner" else 1  # a statistical guess the gazetteer cannot place is weaker


def _starts_with_and(idx: DocIndex, m: Mention) -> bool:
    """"وسقبا": the place's own word carries the conjunction."""
    t = idx.doc.tokens[idx.token_at(m.start)]
    return t.start < m.start and idx.doc.text[t.start] == "و"


def _precision(m: Mention) -> int:
    p = m.attrs.get("geo_precision")
    return p if isinstance(p, int) else 9


def _more_specific(m: Mention, than: Mention) -> bool:
    return _specificity(m) < _specificity(than)


def _same_place_chain(group: list[Mention]) -> bool:
    """Two names of one place in a row ("حرستا، ريف دمشق") are a place and its region, not a list."""
    return len(group) == 2 and _precision(group[1]) == 3 and _precision(group[0]) < 3


def find_date(idx: DocIndex, trig_start: int, clause: tuple[int, int]) -> Mention | None:
    """The clause's own time expression, else the sentence's nearest one."""
    tokens = idx.doc.tokens
    sent = tokens[idx.token_at(trig_start)].sentence
    dates = [m for m in idx.sentence_mentions(sent, "DATE") if m.attrs.get("value") or m.attrs.get("range")]
    if not dates:
        return None
    cs, ce = tokens[clause[0]].start, tokens[clause[1] - 1].end
    inside = [m for m in dates if cs <= m.start < ce]
    pool = inside or dates
    return min(pool, key=lambda m: abs(m.start - trig_start))


SITES = frozenset({"facility", "military", "camp", "crossing", "road", "neighbourhood"})
DIRECTIONS = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "أطراف", "محيط"})
UNIT_WORDS = frozenset({"لواء", "فرقه", "كتيبه", "فوج", "سريه", "اللواء", "الفرقه", "الكتيبه"})
ONE_DEAD = frozenset({"احد", "احدي", "شهيد", "قتيل", "مقاتل", "شخص", "جندي", "طفل", "مدني", "عنصر", "فلسطيني", "سيده", "امراه",
                      "رجل", "مواطن", "ضابط", "عسكري", "شاب", "طفله", "مسن"})
# nouns whose plural is broken ("أشخاص", "أطفال"), so their "-ين" form can only be the dual
BROKEN_PLURAL = words("broken_plural")
TWO_DEAD = frozenset({"فلسطينيان"}
                     # the dual of each: "مدنيان", "جنديان", "سيدتان"; "شخصين" where "-ين" is no plural
                     | {(w[:-1] + "ت" if w.endswith("ه") else w) + "ان" for w in ONE_DEAD}
                     | {w + "ين" for w in BROKEN_PLURAL})
PER_CENT = words("per_cent")
COUNTED_DEAD = words("counted_dead")
COUNTED_HURT = words("counted_hurt")
# "طفل عمره 12 عاما"، "بنسبة 50 في المئة"
NOT_A_TOLL_AFTER = words("not_a_toll_after")


def _count_after_cue(idx: DocIndex, cue_token: int) -> tuple[int, int, int] | None:
    """"ارتقاء شهيد" = 1, "مقتل عنصرين" = 2: a singular or dual noun right after a death word."""
    tokens = idx.doc.tokens
    own = tokens[cue_token]
    # "مقتل عنصرين" after the death word; "لقي شخصان حتفهما", "لقي مدني مصرعه" before the idiom
    for j in (cue_token + 1, cue_token - 1) if own.stem.startswith(("حتف", "مصرع")) else (cue_token + 1,):
        if 0 <= j < len(tokens) and tokens[j].sentence == tokens[cue_token].sentence:
            t = tokens[j]
            if t.norm in TWO_DEAD or t.stem in TWO_DEAD:
                return 2, t.start, t.end
            if t.norm in ONE_DEAD or t.stem in ONE_DEAD:
                return 1, t.start, t.end
    return None


def civilian_cues(idx: DocIndex, sent: int) -> list:
    """The sentence's civilian words, less those inside a place's name ("ود مدني")."""
    places = idx.sentence_mentions(sent, "PLACE")
    return [c for c in idx.sentence_cues(sent, "civilian") if not any(p.start <= c.start < p.end for p in places)]


def _no_toll(idx: DocIndex, num: Mention) -> bool:
    """A unit's number ("اللواء 401"), a share ("30 في المئة") or an age ("عمره 12 عاما"): never a toll."""
    tokens = idx.doc.tokens
    nt = idx.token_at(num.start)
    net = idx.token_at(max(num.end - 1, num.start))
    if nt > 0 and tokens[nt - 1].stem in UNIT_WORDS:
        return True
    if "%" in num.text or any(pc in normalize_for_matching(num.text) for pc in PER_CENT):
        return True
    after = tokens[net + 1] if net + 1 < len(tokens) else None
    return after is not None and (after.norm in NOT_A_TOLL_AFTER or after.norm == "في" and net + 2 < len(tokens)
                                  and tokens[net + 2].norm in PER_CENT)


def find_fatalities(idx: DocIndex, trig_start: int, sentence_end: int) -> Fatalities | None:
    """Killed (never injured) in the trigger's sentence: مقتل N، N قتيلا، استشهد N، ارتقاء شهيد."""
    tokens = idx.doc.tokens
    sent = tokens[idx.token_at(trig_start)].sentence
    killed = idx.sentence_cues(sent, "killed")
    if not killed:
        return None
    injured = idx.sentence_cues(sent, "injured")
    civil = civilian_cues(idx, sent)
    numbers = [n for n in idx.sentence_mentions(sent, "NUMBER")
               if isinstance(n.attrs.get("value"), (int, float)) and not _no_toll(idx, n)]
    best = None
    for cue in killed:
        found = None
        own = tokens[cue.token]
        if own.norm in TWO_DEAD or own.stem in TWO_DEAD:  # "قتيلان وثلاثة جرحى": the dual is the count
            found = (2, 2, own.start, own.end, cue.token)
        lumped = tokens[cue.token].stem in COUNTED_DEAD and any(
            c.token == cue.token + 1 and tokens[c.token].norm[:1] == "و" and tokens[c.token].stem in COUNTED_HURT
            for c in injured)  # "25 قتيلا وجريحا": the dead and the wounded counted together
        for num in (numbers if found is None and not lumped else ()):
            nt = idx.token_at(num.start)
            net = idx.token_at(max(num.end - 1, num.start))
            # "مقتل 5"، "5 قتلى"، "لقي ثلاثة لاجئين مصرعهم"، "نحو 100 من القوات ... قتلوا"
            partitive = any(t.norm == "من" for t in tokens[net + 1:cue.token])
            if not (0 < nt - cue.token <= 4 or 0 < cue.token - net <= (7 if partitive else 4)):
                continue
            near_injury = [c for c in injured if 0 < nt - c.token <= 2 or 0 < c.token - net <= 2]
            if near_injury and min(abs(c.token - nt) for c in near_injury) < abs(cue.token - nt):
                continue
            value = num.attrs.get("value")
            if value <= 0 or value > 100000:
                continue
            lo, hi = num.attrs.get("min"), num.attrs.get("max")
            found = (int(lo if isinstance(lo, (int, float)) else value),
                     int(hi) if isinstance(hi, (int, float)) else None, num.start, num.end, net)
            break
        if found is None and not lumped:
            one = _count_after_cue(idx, cue.token)
            if one is not None:
                found = (one[0], one[0], one[1], one[2], idx.token_at(one[1]))
        if found is None:
            continue
        distance = abs(cue.start - trig_start)
        if best is None or distance < best[0]:
            best = (distance, found, cue)
    if best is None:
        return None
    _, (lo, hi, s, e, net), cue = best
    civilian = any(0 <= c.token - net <= 3 for c in civil)
    return Fatalities(lo, hi, idx.doc.text[s:e], bool(civilian), s, e)
