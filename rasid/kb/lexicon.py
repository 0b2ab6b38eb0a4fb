"""Loading the small lexicons of rasid/data (TSV, one entry a line) and simple lookups over them."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rasid.kb.matcher import Hit, NameMatcher


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of rasid/data/NAME: tab-separated, '#' comments and blank lines skipped."""
    text = resources.files("rasid").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=1)
def country_matcher() -> NameMatcher:
    """The country cues of country_cues.tsv; a hit's value is its country."""
    return NameMatcher((cue, country) for country, cue in load_tsv("country_cues.tsv"))


def country_context(view: str, hits: Iterable[Hit] | None = None) -> str | None:
    """The country an article is about: the one whose cues it names most (ISO 3166 alpha-3).

    `hits`: `country_matcher().find(view)` where the caller has it already.
    """
    counts = Counter(h.value for h in (country_matcher().find(view) if hits is None else hits))
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [(None, 0)]
    return best if n > rest[0][1] or len(counts) == 1 else best
