"""The people registry: reads rasid/data/people.yaml into Persons with aliases, role and affiliation.

A person's aliases are full names and name-plus-title forms (`بشار الأسد`, `أبو محمد الجولاني`);
bare family names that the press also uses for an actor (`الأسد` in `قوات الأسد`) are left out.
`valid` is when the role held; the person may be named before and after.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from rasid.errors import DataError
from rasid.kb.actors import (
    Alias, Registry, RecordError, ID_PATTERN, load_registry, parse_aliases, parse_period, read_yaml_list,
)

_PERSON_KEYS = frozenset({"id", "name", "ar", "aliases", "role", "affiliation", "valid", "note", "wikidata"})


@dataclass(frozen=True, slots=True)
class Person:
    """A named person: canonical names, aliases (Alias.actor_id is the person's id), role, affiliation."""

    id: str
    name: str
    ar: str
    aliases: tuple[Alias, ...]
    role: str | None
    affiliation: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, d: date | None) -> bool:
        """Did the person hold the role on day `d` (always true when `d` is None)?"""
        if d is None:
            return True
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_to is None or d <= self.valid_to)


def _text(rec: dict, key: str, required: bool = True) -> str | None:
    value = rec.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"missing {key!r} (every person needs id, name, ar)")
    return value.strip()


def parse_person(rec: Any, registry: Registry) -> Person:
    """One YAML record into a Person, or RecordError naming the problem."""
    if not isinstance(rec, dict):
        raise RecordError(f"expected a record (id: ..., name: ...), got {rec!r}")
    unknown = set(rec) - _PERSON_KEYS
    if unknown:
        raise RecordError(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_PERSON_KEYS)}")
    person_id, name, ar = _text(rec, "id"), _text(rec, "name"), _text(rec, "ar")
    if not ID_PATTERN.match(person_id):
        raise RecordError(f"id {person_id!r} must be lowercase dotted words, e.g. per.bashar-al-assad")
    affiliation = _text(rec, "affiliation", required=False)
    if affiliation is not None and affiliation not in registry.actors:
        raise RecordError(f"unknown affiliation {affiliation!r}: use an actor id from rasid/data/actors/")
    start, end = parse_period(rec.get("valid"))
    return Person(person_id, name, ar, parse_aliases(rec.get("aliases"), person_id, extra=(ar,)),
                  _text(rec, "role", required=False), affiliation, start, end)


def load_people_from(source: Traversable | Path, registry: Registry | None = None) -> tuple[Person, ...]:
    """Read a people YAML file, checking ids and affiliations against `registry`."""
    registry = registry or load_registry()
    people: list[Person] = []
    seen: dict[str, int] = {}
    for n, rec in enumerate(read_yaml_list(source), 1):
        label = f"{source.name}: record {n}" + (f" (id {rec.get('id')!r})" if isinstance(rec, dict) else "")
        try:
            person = parse_person(rec, registry)
        except RecordError as exc:
            raise DataError(f"{label}: {exc}") from None
        if person.id in seen or person.id in registry.actors:
            raise DataError(f"{label}: duplicate id (already a person or an actor); pick a new id")
        seen[person.id] = n
        people.append(person)
    return tuple(people)


@lru_cache(maxsize=1)
def load_people() -> tuple[Person, ...]:
    """The packaged people registry (read once per process)."""
    return load_people_from(files("rasid").joinpath("data", "people.yaml"))
