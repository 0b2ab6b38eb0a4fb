"""Country names and codes (ACLED's `country`, `iso` and `region` columns; the geocoder's actor countries), from `countries.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasid.stages.normalize import normalize_for_matching


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # as ACLED writes it
    iso2: str
    iso3: str
    iso_numeric: int
    region: str  # ACLED's region
    arabic: str


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Country]:
    table: dict[str, Country] = {}
    text = resources.files("rasid").joinpath("data", "countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, iso2, iso3, numeric, region, arabic = line.split("\t")
        c = Country(name, iso2, iso3, int(numeric), region, arabic)
        for key in (name.lower(), iso2.lower(), iso3.lower(), normalize_for_matching(arabic)):
            table[key] = c
    return table


def country_info(value: str | None) -> Country | None:
    """The country named by an English name, ISO code or Arabic name; None when unknown.

    >>> country_info("SY").iso_numeric
    760
    """
    if not value:
        return None
    table = _by_key()
    return table.get(value.strip().lower()) or table.get(normalize_for_matching(value.strip()))
