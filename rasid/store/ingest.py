"""Sources to articles: `.txt` files and folders, JSON Lines, JSON, HTML pages, RSS/Atom feeds, WARC.

`read_sources(["news/", "feed.xml"], max_chars)` yields one `Article` per readable article and
one `Failure` (with its reason) per input that is not one; it never raises on bad content.
HTML, feeds and WARC live in `rasid.store.web` and need the `rasid[formats]` extra.
A folder's `.txt` files take their publication date, outlet and URL from an `index.jsonl`
(records with an "id" and no "text") in the folder or the folder above it, matched by file stem.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterator

from rasid.errors import InputError, RasidError
from rasid.store.db import content_hash
from rasid.textio import decode_bytes, utf8_damage

META_INDEX = "index.jsonl"
FORMATS = ("text", "jsonl", "json", "html", "feed", "warc")
_SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
             ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "feed", ".rss": "feed",
             ".atom": "feed", ".rdf": "feed", ".warc": "warc", ".arc": "warc"}
BYTES_PER_CHAR = 6  # the most a character takes in JSON (\\uXXXX); bounds a line before decoding it


class MissingExtraError(RasidError):
    """An optional library that this input needs is not installed."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a source, before extraction."""

    text: str
    origin: str  # path, path:line, feed#entry: where to look when something is wrong
    doc_id: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The content hash: the same text from the same outlet is the same article."""
        return content_hash(self.outlet, self.text)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read as an article, and why."""

    origin: str
    kind: str  # decode | empty | too-large | json | no-text | read | format
    reason: str


def require(module: str, purpose: str):
    """Import an optional library, or say which extra to install."""
    try:
        return __import__(module)
    except ImportError:
        raise MissingExtraError(f"{module} is not installed: install rasid[formats] to {purpose}") from None


def iso_date(value) -> str | None:
    """A YYYY-MM-DD string from a date, datetime or ISO string; None when it is none of those."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def _str(value) -> str | None:
    return str(value) if value not in (None, "") else None


def make_article(text: str, origin: str, max_chars: int, **meta) -> Article | Failure:
    """Check text against the limits every source shares; an Article, or a Failure saying why not."""
    if not text.strip():
        return Failure(origin, "empty", "no text: the article is empty or only whitespace")
    if max_chars and len(text) > max_chars:
        return Failure(origin, "too-large", f"{len(text):,} characters, over the limit of {max_chars:,} "
                                            "(store.max_article_chars)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return Failure(origin, "decode", "the text holds unpaired surrogates (broken \\u escapes): fix the source")
    warnings = ()
    published = meta.pop("published", None)
    iso = iso_date(published)
    if published not in (None, "") and iso is None:
        warnings = (f"publication date {published!r} is not YYYY-MM-DD; ignored",)
    return Article(text=text, origin=origin, published=iso, warnings=warnings,
                   **{k: _str(v) for k, v in meta.items()})


def detect_format(path: Path) -> str:
    """The reader for a file, from its suffix, else from its first bytes."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt:
        return fmt
    try:
        with path.open("rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return "text"
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<rss", b"<feed", b"<rdf")) or head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


@lru_cache(maxsize=64)
def _index_of(folder: Path) -> dict[str, dict] | None:
    """The metadata records of `folder/index.jsonl` by id, when that file is a metadata index."""
    path = folder / META_INDEX
    if not path.is_file():
        return None
    records = {}
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and "id" in rec:
                    if "text" in rec:
                        return None  # articles, not metadata: read it as a JSON Lines source
                    records[str(rec["id"])] = rec
    except (OSError, UnicodeDecodeError):
        return None
    return records


def metadata_for(path: Path) -> dict:
    """Publication date, outlet, URL and title for a text file, from an index beside or above it."""
    for folder in (path.parent, path.parent.parent):
        index = _index_of(folder.resolve())
        if index and path.stem in index:
            rec = index[path.stem]
            return {k: rec.get(k) for k in ("published", "outlet", "url", "title")}
    return {}


def expand(sources: list[str], fmt: str = "auto") -> list[tuple[str, str]]:
    """(source, format) for every file under the given files, folders and URLs, in a stable order."""
    units: list[tuple[str, str]] = []
    for src in sources:
        if src == "-":
            units.append(("-", "jsonl"))  # standard input: JSON Lines, one article a line
            continue
        if src.startswith(("http://", "https://")):
            units.append((src, "url"))  # a page or a feed: told apart once fetched
            continue
        p = Path(src)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if f.name == META_INDEX and _index_of(f.parent.resolve()) is not None:
                    continue
                known = f.name.lower().endswith(tuple(_SUFFIXES) + (".warc.gz", ".arc.gz"))
                if fmt != "auto" or known:  # other files in a folder (README.md, .DS_Store) are not articles
                    units.append((str(f), fmt if fmt != "auto" else detect_format(f)))
        else:
            units.append((src, fmt if fmt != "auto" else (detect_format(p) if p.is_file() else "text")))
    return units


def count_articles(units: list[tuple[str, str]]) -> int | None:
    """How many articles the units hold, counted cheaply (lines of JSON Lines); None if unknown."""
    total = 0
    for src, fmt in units:
        if fmt in ("text", "html"):
            total += 1
        elif fmt == "jsonl" and src != "-":
            try:
                with open(src, "rb") as f:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
            except OSError:
                total += 1
        else:
            return None
    return total


def read_text_file(path: str, max_chars: int) -> Iterator[Article | Failure]:
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_chars and size > 4 * max_chars:  # a UTF-8 character is at most 4 bytes
            yield Failure(path, "too-large", f"{size:,} bytes, over the limit of {max_chars:,} characters")
            return
        data = p.read_bytes()
    except OSError as e:
        yield Failure(path, "read", f"cannot read: {e.strerror or e}")
        return
    if not data.strip():
        yield Failure(path, "empty", "the file is empty")
        return
    damage = utf8_damage(data)
    if damage:
        yield Failure(path, "decode", damage)
        return
    try:
        text = decode_bytes(data, path)
    except InputError as e:
        yield Failure(path, "decode", str(e))
        return
    yield make_article(text, path, max_chars, doc_id=p.stem, **metadata_for(p))


def _bounded_lines(f: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) over a binary file; a line over `limit` bytes comes as None, unread."""
    n = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line a megabyte at a time
                chunk = f.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, None
        else:
            yield n, line


def record_article(rec, origin: str, max_chars: int) -> Article | Failure:
    """An Article from one {"text", "published", "outlet", "url", "id", "title"} record."""
    if not isinstance(rec, dict):
        return Failure(origin, "json", f"not a JSON object but {type(rec).__name__}")
    text = rec.get("text")
    if not isinstance(text, str):
        return Failure(origin, "no-text", 'no "text" string: give each record a non-empty "text"')
    return make_article(text, origin, max_chars, doc_id=rec.get("id"), outlet=rec.get("outlet"),
                        published=rec.get("published"), url=rec.get("url"), title=rec.get("title"))


def read_jsonl(path: str, max_chars: int) -> Iterator[Article | Failure]:
    """JSON Lines from a file (or - for standard input), one {"text", ...} record a line."""
    limit = max(max_chars, 1) * BYTES_PER_CHAR + (1 << 16) if max_chars else 1 << 62
    try:
        f = open(path, "rb") if path != "-" else open(sys.stdin.fileno(), "rb", closefd=False)
    except OSError as e:
        yield Failure(path, "read", f"cannot read: {e.strerror or e}")
        return
    with f:
        for n, line in _bounded_lines(f, limit):
            origin = f"{path}:{n}"
            if line is None:
                yield Failure(origin, "too-large", f"line is over {limit:,} bytes (store.max_article_chars "
                                                   f"is {max_chars:,}); skipped without reading it")
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line.decode("utf-8-sig" if n == 1 else "utf-8"))
            except UnicodeDecodeError as e:
                yield Failure(origin, "decode", f"line is not UTF-8 (byte {e.start}): convert the file to UTF-8")
                continue
            except ValueError as e:
                yield Failure(origin, "json", f"not valid JSON: {e}")
                continue
            yield record_article(rec, origin, max_chars)


def read_json(path: str, max_chars: int) -> Iterator[Article | Failure]:
    """A .json file: one record, or a list of records."""
    try:
        size = Path(path).stat().st_size
        if max_chars and size > 64 * max_chars:
            yield Failure(path, "too-large", f"{size:,} bytes: split it into JSON Lines (one record a line)")
            return
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except OSError as e:
        yield Failure(path, "read", f"cannot read: {e.strerror or e}")
        return
    except (UnicodeDecodeError, ValueError) as e:
        yield Failure(path, "json", f"not valid JSON: {e}")
        return
    records = data if isinstance(data, list) else [data]
    for n, rec in enumerate(records, 1):
        yield record_article(rec, f"{path}#{n}" if isinstance(data, list) else path, max_chars)


def read_unit(src: str, fmt: str, max_chars: int) -> Iterator[Article | Failure]:
    """The articles and failures of one file or URL."""
    if fmt == "text":
        yield from read_text_file(src, max_chars)
    elif fmt == "jsonl":
        yield from read_jsonl(src, max_chars)
    elif fmt == "json":
        yield from read_json(src, max_chars)
    else:
        from rasid.store import web

        yield from web.READERS[fmt](src, max_chars)


def check_extras(units: list[tuple[str, str]]) -> None:
    """Fail before reading anything when an input needs an optional library that is missing."""
    fmts = {fmt for _, fmt in units}
    if fmts & {"html", "url", "warc"}:
        require("trafilatura", "read HTML pages")
    if fmts & {"feed", "url"}:
        require("feedparser", "read RSS/Atom feeds")
    if "warc" in fmts:
        require("warcio", "read WARC files")


def read_sources(sources: list[str], max_chars: int, fmt: str = "auto") -> Iterator[Article | Failure]:
    """Every article (or failure) of the given files, folders and URLs, in a stable order."""
    _index_of.cache_clear()  # an index may have changed since the last run in this process
    units = expand(sources, fmt)
    check_extras(units)
    for src, unit_fmt in units:
        if unit_fmt != "url" and src != "-" and not Path(src).exists():
            yield Failure(src, "read", "no such file or folder")
            continue
        yield from read_unit(src, unit_fmt, max_chars)
