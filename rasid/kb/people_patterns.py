"""Names the registry does not know, found from their frame: titles and roles, collective groups.

    الناطق باسم "فيلق الرحمن"، وائل علوان      -> PERSON وائل علوان, role spokesman, affiliation Faylaq
    اللواء فلاديمير زولوتوخين                  -> PERSON, role major general
    فصائل الغوطة / لجان أهلية                   -> ACTOR (a collective group, no registry entry)
"""
from __future__ import annotations

from functools import lru_cache

from rasid.kb.lexicon import load_tsv
from rasid.kb.matcher import Hit, NameMatcher, name_key
from rasid.model import Document, Mention, Token

_COMPOUND_HEADS = frozenset({"عبد", "ابو", "ابي", "ام", "بن", "ابن", "بنت", "نور", "سيف", "عز", "صلاح", "شمس"})
_JOINERS = frozenset({"بن", "ابن", "بنت"})
_ROLE_WINDOW = 9  # tokens between a role phrase and the comma before the name


@lru_cache(maxsize=1)
def _titles() -> tuple[NameMatcher, dict[str, tuple[str, str]]]:
    info = {name_key(t): (kind, role) for t, kind, role in load_tsv("person_titles.tsv")}
    return NameMatcher((t, t) for t in info), info


def title_matcher() -> NameMatcher:
    """Titles and roles (person_titles.tsv) that `find_people` reads a name after."""
    return _titles()[0]


def collective_matcher() -> NameMatcher:
    """Collective nouns (collectives.tsv) that `find_collectives` reads a group from."""
    return _collectives()[0]


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(name_key(r[0]) for r in load_tsv("function_words.tsv"))


@lru_cache(maxsize=1)
def _triggers_and_cues() -> frozenset[str]:
    """Event and reporting words: never part of a name."""
    words = {name_key(r[1]) for r in load_tsv("event_cues.tsv")}
    return frozenset(w for w in words if " " not in w)


def _mentions_an_event(text: str) -> bool:
    from rasid.events.lexicon import trigger_matcher

    return bool(trigger_matcher().find(name_key(text)))


def _token_index_at(doc: Document, offset: int) -> int | None:
    """Index of the first token starting at or after an original offset."""
    lo, hi = 0, len(doc.tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc.tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(doc.tokens) else None


def _name_unit(tokens: tuple[Token, ...], i: int, first: bool) -> int | None:
    """End index (exclusive) of one name unit starting at token i, or None if it is no name."""
    stop = function_words()
    t = tokens[i]
    if not t.is_word or t.norm in stop or t.norm.isdigit() or len(t.norm) < 2:
        return None
    clitics = t.prefix[:-2] if t.prefix.endswith("ال") else t.prefix
    if (not first and clitics) or t.norm in _triggers_and_cues():
        return None  # "ودبابة أخرى", "اعتبر": a conjunction or a verb ends the name
    if t.norm in _COMPOUND_HEADS and i + 1 < len(tokens) and tokens[i + 1].is_word and tokens[i + 1].sentence == t.sentence:
        return i + 2
    if t.norm.startswith("ال") and first:
        return None  # a definite word is no given name
    if t.norm.startswith("ال") and not (t.norm.endswith("ي") and len(t.norm) > 4):
        # a family name with the article (القدرة، السلطان) only where the name visibly ends
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.is_word and nxt.sentence == t.sentence:
            return None
    return i + 1


def _name_after(doc: Document, i: int, taken: list[tuple[int, int]], after_comma: bool = False
                ) -> tuple[int, int] | None:
    """Original span of a 2–3 unit personal name starting at token i."""
    tokens = doc.tokens
    first_clitics = tokens[i].prefix[:-2] if tokens[i].prefix.endswith("ال") else tokens[i].prefix
    if first_clitics and first_clitics != "ف" and not (after_comma and first_clitics == "و"):
        return None  # "لقرية أسديرة", "وشؤون": a preposition or a conjunction before a name after a title
    units = 0
    j = i
    while j < len(tokens) and units < 3:
        if tokens[j].sentence != tokens[i].sentence:
            break
        start = tokens[j].start
        if any(s <= start < e for s, e in taken):
            break
        if units and tokens[j].norm in _JOINERS:
            j += 1
            continue
        end = _name_unit(tokens, j, first=units == 0)
        if end is None:
            break
        # a third unit only when the name visibly ends after it
        if units == 2:
            nxt = tokens[end] if end < len(tokens) else None
            if nxt is not None and nxt.is_word:
                break
        units += 1
        j = end
        if units == 1 and tokens[i].norm in _COMPOUND_HEADS and j < len(tokens) and not tokens[j].is_word:
            break
    compound_single = units == 1 and tokens[i].norm in _COMPOUND_HEADS
    if units < 2 and not compound_single:
        return None
    return tokens[i].start, tokens[j - 1].end


def _role_phrase_end(doc: Document, i: int, known: list[Mention]) -> int | None:
    """Where a role phrase without a comma ends: after its definite nouns and adjectives
    ("وزير الخارجية الروسي ...", "المتحدث باسم الجيش الإسرائيلي ..."), at the first bare word."""
    tokens = doc.tokens
    actors = [(m.start, m.end) for m in known if m.type in ("ACTOR", "OUTLET")]
    j = i
    seen = 0
    while j < len(tokens) and j < i + 6 and tokens[j].sentence == tokens[i].sentence:
        t = tokens[j]
        if t.norm.startswith(("ال", "لل")) or t.norm in ("باسم", '"') or \
                any(s <= t.start < e for s, e in actors):  # inside an actor's name
            j += 1
            seen += 1
            continue
        break
    if not seen or j >= len(tokens) or not tokens[j].is_word or tokens[j].norm.startswith("ال"):
        return None
    return j


def find_people(doc: Document, known: list[Mention], hits: list[Hit] | None = None) -> list[Mention]:
    """PERSON mentions from titles and roles, skipping names already found.

    `hits`: `title_matcher().find(doc.norm.text)` where the caller has it already.
    """
    matcher, info = _titles()
    taken = [(m.start, m.end) for m in known] + [(m.start, m.end) for m in doc.mentions]  # dates, numbers
    norm = doc.norm
    out: list[Mention] = []
    for hit in matcher.find(norm.text) if hits is None else hits:
        kind, role = info[hit.key]
        ts, te = norm.span_to_original(hit.start, hit.end)
        i = _token_index_at(doc, te)
        if i is None:
            continue
        affiliation = None
        if kind == "role":
            # the role phrase runs to the next comma: "الناطق باسم "فيلق الرحمن"، X"
            limit = min(len(doc.tokens), i + _ROLE_WINDOW)
            j = i
            while j < limit and doc.tokens[j].norm not in ("،", ",") and doc.tokens[j].sentence == doc.tokens[i].sentence:
                j += 1
            no_comma = _role_phrase_end(doc, i, known)  # "وزير الخارجية الروسي سيرغي لافروف"
            comma_found = j < limit and doc.tokens[j].norm in ("،", ",")
            if not comma_found or (no_comma is not None and no_comma < j
                                   and _name_after(doc, j + 1, taken, after_comma=True) is None):
                j = no_comma
                if j is None:
                    continue
            for m in known:
                if ts <= m.start and m.end <= doc.tokens[j].start and m.type in ("ACTOR", "OUTLET") and m.ref:
                    affiliation = m.ref
            role_text = doc.text[ts:doc.tokens[j].start].strip()
            if affiliation is None and _mentions_an_event(role_text):
                continue  # "قائد لواء في معارك جباليا، وتنديد ...": no role phrase, a headline
            after_comma = doc.tokens[j].norm in ("،", ",")
            i = j + 1 if after_comma else j
            if i < len(doc.tokens) and info.get(doc.tokens[i].norm, ("",))[0] == "rank":  # "، اللواء X"
                i += 1
        else:
            role_text = doc.text[ts:te]
            if i < len(doc.tokens) and doc.tokens[i].norm in ("،", ","):
                i += 1
        if i is None or i >= len(doc.tokens):
            continue
        span = _name_after(doc, i, taken, after_comma=kind == "role" and after_comma)
        if span is None:
            continue
        while span is not None:
            s, e = span
            out.append(Mention("", "PERSON", doc.text[s:e], s, e, None, "pattern",
                               {"role": role_text, "role_en": role, "affiliation": affiliation}))
            taken.append((s, e))
            span = _next_in_list(doc, e, taken)
    return out


def _next_in_list(doc: Document, end: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """"مهند قاسم وطارق خلف وموسى فندي": the next name of a list joined by و."""
    k = _token_index_at(doc, end)
    if k is None or doc.tokens[k].prefix[:1] != "و" or doc.tokens[k].norm in function_words():
        return None
    tokens = doc.tokens
    if k + 1 >= len(tokens) or not tokens[k + 1].is_word or tokens[k + 1].sentence != tokens[k].sentence:
        return None
    second = _name_unit(tokens, k + 1, first=False)
    if second is None or tokens[k + 1].norm in function_words():
        return None
    start = tokens[k].stem_start if tokens[k].prefix == "و" else tokens[k].start + 1
    return start, tokens[second - 1].end


@lru_cache(maxsize=1)
def _collectives() -> tuple[NameMatcher, frozenset[str]]:
    heads = NameMatcher((h, (kind, en)) for h, kind, en in load_tsv("collectives.tsv"))
    mods = frozenset(name_key(r[0]) for r in load_tsv("collective_modifiers.tsv"))
    return heads, mods


def find_collectives(doc: Document, known: list[Mention], hits: list[Hit] | None = None) -> list[Mention]:
    """ACTOR mentions of specific collective groups: a collective noun and its place or adjective.

    `hits`: `collective_matcher().find(doc.norm.text)` where the caller has it already.
    """
    heads, mods = _collectives()
    stop = function_words()
    norm = doc.norm
    out: list[Mention] = []
    for hit in heads.find(norm.text) if hits is None else hits:
        hs, he = norm.span_to_original(hit.start, hit.end)
        if any(m.start <= hs < m.end for m in known):
            continue
        i = _token_index_at(doc, he)
        end_tok = None
        for j in range(i or 0, min(len(doc.tokens), (i or 0) + 2)):
            t = doc.tokens[j]
            if i is None or not t.is_word or t.norm in stop or t.sentence != doc.tokens[i].sentence:
                break
            if not (t.norm in mods or t.norm.startswith("ال") or t.stem in mods):
                break
            end_tok = j
            if t.norm not in mods:
                break  # a place: "فصائل الغوطة"
        if end_tok is None:
            continue
        e = doc.tokens[end_tok].end
        if any(hs < m.end and m.start < e and m.type != "ACTOR" for m in known):
            continue
        kind, en = hit.value
        out.append(Mention("", "ACTOR", doc.text[hs:e], hs, e, None, "pattern",
                           {"name": None, "collective": kind, "category": None}))
    return out
