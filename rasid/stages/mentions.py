"""Knowledge-base mentions: reads tokens and the normalised view, adds ACTOR, OUTLET and PERSON mentions.

Known actors, outlets and people are found by one automaton over their aliases and resolved
to the entity the alias means on the article's date. People the registry does not know are
found from titles and roles (`اللواء X`, `الناطق باسم Y، X`, `القائد العام لفصيل Y، X`), and
collective groups from `فصائل X`-style phrases.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache, wraps
from typing import Any

from rasid.kb.matcher import Hit, MatcherSet, NameMatcher
from rasid.model import Document, Mention
from rasid.kb import people_patterns
from rasid.kb.lexicon import country_context, country_matcher


@lru_cache(maxsize=1)
def _matcher() -> NameMatcher:
    from rasid.kb.actors import load_registry

    return NameMatcher((alias.text, ("actor", alias.norm)) for alias in load_registry().aliases())


@lru_cache(maxsize=1)
def _people_matcher() -> NameMatcher:
    """People apart from actors: "قوات بشار الأسد" names an actor and, inside it, a person."""
    from rasid.kb.people import load_people

    return NameMatcher((alias.text, ("person", person.id)) for person in load_people() for alias in person.aliases)


@lru_cache(maxsize=1)
def _all_matchers() -> MatcherSet:
    """Every automaton this stage searches an article with, searched in one pass: actors, people,
    country cues, titles and roles, collective nouns."""
    return MatcherSet([_matcher(), _people_matcher(), country_matcher(), people_patterns.title_matcher(),
                       people_patterns.collective_matcher()])


def _per_day(f):
    """Cache `f(key, on, ...)` for a given day; with no day (resolved against today, which moves) call it."""
    cached = lru_cache(maxsize=65536)(f)

    @wraps(f)
    def call(key, on, *rest):
        return f(key, on, *rest) if on is None else cached(key, on, *rest)

    return call


@_per_day
def _resolve_actor(norm: str, on: dt.date | None, context: str | None):
    """The actor an alias names on day `on`, in the article's country context if it has one there."""
    from rasid.kb.actors import load_registry

    reg = load_registry()
    actor = reg.resolve(norm, on=on, context=context)
    if actor is None and context is not None:
        actor = reg.resolve(norm, on=on, context=None)
    return actor


def actor_attrs(actor, on: dt.date | None) -> dict[str, Any]:
    attrs = {"name": actor.name, "category": actor.category, "country": actor.country, "kind": actor.kind}
    parent = _affiliation(actor.id, on)
    if parent:
        attrs["affiliation"] = parent
    return attrs


@_per_day
def _affiliation(actor_id: str, on: dt.date | None) -> str | None:
    """The coalition an actor belonged to on day `on`."""
    from rasid.kb.actors import load_registry

    return load_registry().affiliation(actor_id, on)


LOCATIVE = frozenset({"في", "الي", "داخل", "خارج", "عبر", "نحو", "باتجاه", "حدود", "الحدود", "جنوب", "شمال",
                      "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "اراضي", "سماء", "عاصمه", "مدن", "انحاء",
                      "وسط", "مناطق", "لاجيي", "اللاجيين", "سفير", "سفاره", "الي"})


def _locative_before(view: str, hit) -> bool:
    """Is the name governed by a place word: a preposition (في، إلى، بـ) or a noun of place (حدود، جنوب)?"""
    if hit.clitics.endswith("ب"):
        return True
    words = view[max(0, hit.start - 30):hit.start - len(hit.clitics)].split()
    return bool(words) and words[-1].strip('"') in LOCATIVE


@lru_cache(maxsize=1)
def _people_by_id() -> dict[str, Any]:
    from rasid.kb.people import load_people

    return {p.id: p for p in load_people()}


def find_kb_mentions(doc: Document, hits: tuple[list[Hit], list[Hit], list[Hit]] | None = None) -> list[Mention]:
    """ACTOR, OUTLET and PERSON mentions of registry names, resolved on the article's date.

    `hits`: the actor, people and country-cue hits of `doc.norm.text` where the caller has them already.
    """
    norm = doc.norm
    on = doc.published
    if hits is None:
        hits = _matcher().find(norm.text), _people_matcher().find(norm.text), country_matcher().find(norm.text)
    actor_hits, people_hits, country_hits = hits
    context = country_context(norm.text, country_hits)
    people = _people_by_id()
    out: list[Mention] = []
    for hit in actor_hits + people_hits:
        s, e = norm.span_to_original(hit.start, hit.end)
        kind, key = hit.value
        if kind == "actor":
            actor = _resolve_actor(key, on, context)
            if actor is not None and actor.kind == "state" and _locative_before(norm.text, hit):
                continue  # "في لبنان", "إلى تركيا": a country as a place (the geocoder's), not an actor
            if actor is not None:
                mtype = "OUTLET" if actor.is_outlet else "ACTOR"
                out.append(Mention("", mtype, doc.text[s:e], s, e, actor.id, "kb", actor_attrs(actor, on)))
        else:
            person = people[key]
            out.append(Mention("", "PERSON", doc.text[s:e], s, e, person.id, "kb",
                               {"name": person.name, "role": person.role, "affiliation": person.affiliation}))
    return out


def stage(doc: Document) -> Document:
    actors, people, countries, titles, collectives = _all_matchers().find(doc.norm.text)
    kb = find_kb_mentions(doc, (actors, people, countries))
    found = kb + people_patterns.find_people(doc, kb, titles) + people_patterns.find_collectives(doc, kb, collectives)
    found.sort(key=lambda m: m.start)
    numbered = [Mention(f"m{i}", m.type, m.text, m.start, m.end, m.ref, m.source, m.attrs)
                for i, m in enumerate(found, 1)]
    return replace(doc, mentions=doc.mentions + tuple(numbered))
