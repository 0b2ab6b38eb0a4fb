"""The actor registry: reads rasid/data/actors/*.yaml into Actors whose Arabic aliases carry dates.

An article is coded with the actors of its own date: `الجيش السوري` in 2016 is the Assad-era
army, in 2025 the transitional government's. `Registry.resolve` picks the actor an alias means
on a day and, where an alias is country-bound (`context`), in an article about that country.

    >>> reg = load_registry()
    >>> reg.resolve(normalize_alias("هيئة تحرير الشام"), on=date(2018, 3, 12)).id
    'syr.hts'

See docs/ACTORS.md for the file format and how to add an actor or an alias.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from rasid.errors import DataError
from rasid.stages.normalize import normalize_for_matching

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is several times faster


class _YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so that a bad date is reported with its record."""


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

KINDS = frozenset({
    "state", "government", "military", "security", "police", "rebel", "jihadist", "militia",
    "party", "international", "ngo", "monitor", "outlet", "civil", "tribe", "other",
})
# ACLED inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces
CATEGORIES = frozenset(range(1, 9))
_ACTOR_KEYS = frozenset({"id", "name", "ar", "category", "country", "kind", "valid", "parent",
                         "affiliations", "aliases", "note", "wikidata"})
_ALIAS_KEYS = frozenset({"text", "from", "to", "context"})
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Alias:
    """One way the press names an actor (or a person), valid in a period and a country context."""

    text: str
    norm: str
    actor_id: str
    valid_from: date | None = None
    valid_to: date | None = None
    context: str | None = None

    def valid_on(self, d: date | None) -> bool:
        """Is the alias in use on day `d` (any day when `d` is None)?"""
        return _inside(d, self.valid_from, self.valid_to)


@dataclass(frozen=True, slots=True)
class Affiliation:
    """Dated membership of a coalition or umbrella group."""

    parent: str
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, d: date | None) -> bool:
        return _inside(d, self.valid_from, self.valid_to)


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor of the registry: canonical names, ACLED category, country, period and aliases."""

    id: str
    name: str
    ar: str
    category: int | None
    country: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    parent: str | None
    affiliations: tuple[Affiliation, ...]
    aliases: tuple[Alias, ...]

    def valid_on(self, d: date | None) -> bool:
        """Did the actor exist as such on day `d` (always true when `d` is None)?"""
        return _inside(d, self.valid_from, self.valid_to)

    @property
    def is_outlet(self) -> bool:
        return self.kind == "outlet"

    def inter(self, event_country: str | None = None) -> int | None:
        """ACLED inter code in an event in `event_country`: state forces abroad are 8 (external)."""
        if self.category == 1 and event_country and self.country not in (event_country, "XXX"):
            return 8
        return self.category


class Registry:
    """All actors with an index from normalised alias to the aliases that carry it."""

    __slots__ = ("actors", "digest", "_by_norm")

    def __init__(self, actors: Mapping[str, Actor], digest: str):
        self.actors: Mapping[str, Actor] = MappingProxyType(dict(actors))
        self.digest = digest
        by_norm: dict[str, list[Alias]] = {}
        for actor in self.actors.values():
            for alias in actor.aliases:
                by_norm.setdefault(alias.norm, []).append(alias)
        self._by_norm = by_norm

    def __len__(self) -> int:
        return len(self.actors)

    def aliases(self) -> Iterator[Alias]:
        """Every alias of every actor (the canonical Arabic names included)."""
        for actor in self.actors.values():
            yield from actor.aliases

    def candidates(self, norm: str) -> list[Alias]:
        """All aliases whose normalised form is `norm`, whatever their dates and contexts."""
        return list(self._by_norm.get(normalize_alias(norm), ()))

    def resolve(self, norm: str, on: date | None = None, context: str | None = None) -> Actor | None:
        """The actor `norm` names on day `on` in an article about country `context`, or None.

        A context-bound alias valid that day wins in its context and is ignored elsewhere;
        then a context-free one. With no date the alias in use today wins, then an open-ended
        one, then the one used most recently.
        """
        pool = self._by_norm.get(normalize_alias(norm), ())
        bound = [a for a in pool if context is not None and a.context == context]
        for aliases in (bound, [a for a in pool if a.context is None]):
            best = _pick_in_time(aliases, on)
            if best is not None:
                return self.actors[best.actor_id]
        return None

    def affiliation(self, actor_id: str, on: date | None = None) -> str | None:
        """The coalition `actor_id` belonged to on day `on` (today's or the latest when None)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        best = _pick_in_time(list(actor.affiliations), on)
        return best.parent if best else None

    def side(self, actor_id: str | None) -> str | None:
        """The top of an actor's chain of parents (isr.air_force -> isr.forces -> isr.state)."""
        seen = set()
        while actor_id in self.actors and self.actors[actor_id].parent and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.actors[actor_id].parent
        return actor_id


def normalize_alias(text: str) -> str:
    """The matching form of an alias: normalised, runs of spaces collapsed, trimmed."""
    return _SPACES.sub(" ", normalize_for_matching(text)).strip()


def _inside(d: date | None, start: date | None, end: date | None) -> bool:
    if d is None:
        return True
    return (start is None or start <= d) and (end is None or d <= end)


def _pick_in_time(items: list, on: date | None):
    """The item (Alias or Affiliation) valid on `on`; with no date prefer today, open, latest."""
    if not items:
        return None
    if on is not None:
        valid = [x for x in items if x.valid_on(on)]
        return valid[0] if valid else None
    today = [x for x in items if x.valid_on(date.today())]
    if today:
        return today[0]
    return max(items, key=lambda x: (x.valid_to is None, x.valid_to or date.min))


# ---- reading and checking the files ---------------------------------------------------------

class RecordError(ValueError):
    """A problem in one record; the loader adds the file and record and raises DataError."""


def read_yaml_list(source: Traversable | Path) -> list:
    """The list of records in one YAML file, or DataError saying what is wrong with it."""
    try:
        data = yaml.load(source.read_bytes(), Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: not valid YAML ({exc}); check indentation and quoting") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(f"{source}: expected a list of records (each starting with '- id:')")
    return data


def parse_day(value: Any, end: bool = False) -> date | None:
    """A date from YAML: 2018-03-12, '2018-03' or 2018 (first or last day when `end`), or null."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            y, m = int(text[:4]), int(text[5:])
            return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        return date.fromisoformat(text)
    except ValueError:
        raise RecordError(f"bad date {value!r}: write YYYY-MM-DD (or YYYY-MM, YYYY)") from None


def parse_period(value: Any, what: str = "valid") -> tuple[date | None, date | None]:
    """`valid: [first, last]` (either may be null) into two dates."""
    if value is None:
        return None, None
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise RecordError(f"{what} must be [first-day, last-day] (use null for an open end), got {value!r}")
    start, end = parse_day(value[0]), parse_day(value[1], end=True)
    _check_order(start, end, what)
    return start, end


def _check_order(start: date | None, end: date | None, what: str) -> None:
    if start and end and start > end:
        raise RecordError(f"{what}: first day {start} is after last day {end}")


def parse_aliases(raw: Any, owner_id: str, extra: tuple[str, ...] = ()) -> tuple[Alias, ...]:
    """The aliases of one record (strings or {text, from, to, context}), `extra` names first."""
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RecordError("aliases must be a list, one alias a line starting with '- '")
    out: list[Alias] = []
    seen: set[tuple] = set()
    for item in [*extra, *raw]:
        if isinstance(item, dict):
            unknown = set(item) - _ALIAS_KEYS
            if unknown:
                raise RecordError(f"alias {item!r}: unknown key(s) {sorted(unknown)}; use text, from, to, context")
            text, context = item.get("text"), item.get("context")
            start, end = parse_day(item.get("from")), parse_day(item.get("to"), end=True)
            _check_order(start, end, f"alias {text!r}")
        else:
            text, context, start, end = item, None, None, None
        if not isinstance(text, str) or not normalize_alias(text):
            raise RecordError(f"alias {item!r} has no text")
        if context is not None and not (isinstance(context, str) and _COUNTRY.match(context)):
            raise RecordError(f"alias {text!r}: context must be a country code like SYR, got {context!r}")
        alias = Alias(text.strip(), normalize_alias(text), owner_id, start, end, context)
        key = (alias.norm, start, end, context)
        if key not in seen:  # the same form twice (e.g. `ar` repeated in aliases) is harmless
            seen.add(key)
            out.append(alias)
    return tuple(out)


def _parse_affiliations(raw: Any) -> tuple[Affiliation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RecordError("affiliations must be a list of {parent, from, to}")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("parent"), str):
            raise RecordError(f"affiliation {item!r} must be {{parent: ID, from: DATE, to: DATE}}")
        if set(item) - {"parent", "from", "to"}:
            raise RecordError(f"affiliation {item!r}: only parent, from, to are allowed")
        start, end = parse_day(item.get("from")), parse_day(item.get("to"), end=True)
        _check_order(start, end, f"affiliation to {item['parent']}")
        out.append(Affiliation(item["parent"], start, end))
    return tuple(out)


def _required_text(rec: dict, key: str) -> str:
    value = rec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"missing {key!r} (every record needs id, name, ar, country, kind)")
    return value.strip()


def parse_actor(rec: Any) -> Actor:
    """One YAML record into an Actor, or RecordError naming the problem."""
    if not isinstance(rec, dict):
        raise RecordError(f"expected a record (id: ..., name: ...), got {rec!r}")
    unknown = set(rec) - _ACTOR_KEYS
    if unknown:
        raise RecordError(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_ACTOR_KEYS)}")
    actor_id = _required_text(rec, "id")
    if not ID_PATTERN.match(actor_id):
        raise RecordError(f"id {actor_id!r} must be lowercase dotted words, e.g. syr.gov.forces")
    name, ar = _required_text(rec, "name"), _required_text(rec, "ar")
    country, kind = _required_text(rec, "country"), _required_text(rec, "kind")
    if not _COUNTRY.match(country):
        raise RecordError(f"country {country!r} must be an ISO alpha-3 code like SYR (XXX for international)")
    if kind not in KINDS:
        raise RecordError(f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    category = rec.get("category")
    if category is not None and (isinstance(category, bool) or category not in CATEGORIES):
        raise RecordError(f"category {category!r} must be an ACLED inter code 1-8 (or null)")
    parent = rec.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise RecordError(f"parent must be an actor id, got {parent!r}")
    start, end = parse_period(rec.get("valid"))
    return Actor(actor_id, name, ar, category, country, kind, start, end, parent,
                 _parse_affiliations(rec.get("affiliations")),
                 parse_aliases(rec.get("aliases"), actor_id, extra=(ar,)))


def _yaml_files(directory: Traversable | Path) -> list[Traversable | Path]:
    return sorted((p for p in directory.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def load_registry_from(directory: Traversable | Path) -> Registry:
    """Read every *.yaml in `directory` into a Registry, checking ids and references."""
    paths = _yaml_files(directory)
    if not paths:
        raise DataError(f"no actor files (*.yaml) in {directory}")
    digest = hashlib.sha256()
    actors: dict[str, Actor] = {}
    where: dict[str, str] = {}
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        for n, rec in enumerate(read_yaml_list(path), 1):
            label = f"{path.name}: record {n}" + (f" (id {rec.get('id')!r})" if isinstance(rec, dict) else "")
            try:
                actor = parse_actor(rec)
            except RecordError as exc:
                raise DataError(f"{label}: {exc}") from None
            if actor.id in actors:
                raise DataError(f"{label}: duplicate id, already used in {where[actor.id]}; "
                                "pick a new id (ids are never reused)")
            actors[actor.id] = actor
            where[actor.id] = label
    for actor in actors.values():
        for ref in [actor.parent, *(a.parent for a in actor.affiliations)]:
            if ref is not None and ref not in actors:
                raise DataError(f"{where[actor.id]}: unknown parent id {ref!r}; "
                                "add that actor first or fix the id")
    return Registry(actors, digest.hexdigest())


def actors_dir() -> Traversable:
    """The packaged folder of actor files."""
    return files("rasid").joinpath("data", "actors")


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The packaged actor registry (read once per process)."""
    return load_registry_from(actors_dir())
