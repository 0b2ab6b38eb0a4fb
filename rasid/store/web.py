"""Web sources to articles: HTML pages (trafilatura), RSS/Atom feeds (feedparser), WARC (warcio), URLs.

Each reader yields `Article`s and `Failure`s like those of `rasid.store.ingest` and needs the
`rasid[formats]` extra; the main text, title, publication date and outlet (site name, else
host) come from the page's own metadata.
"""
from __future__ import annotations

import datetime as dt
import logging
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from rasid.store.ingest import Article, Failure, make_article, require

HTML_BYTES_PER_CHAR = 16  # markup around the text: bounds a page before parsing it
_BLOCKS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article"}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")


def _quiet() -> None:
    # a page with no text is a recorded Failure; the libraries' own log lines would only garble the progress bar
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _byte_limit(max_chars: int) -> int:
    return max_chars * HTML_BYTES_PER_CHAR if max_chars else 1 << 62


def html_article(data: bytes, origin: str, max_chars: int, url: str | None = None,
                 doc_id: str | None = None) -> Article | Failure:
    """The main text of a page, with its title, date and outlet, or a Failure saying why not."""
    trafilatura = require("trafilatura", "read HTML pages")
    _quiet()
    try:
        page = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           date_extraction_params={"extensive_search": False,
                                                                   "original_date": True})
    except Exception as e:  # trafilatura raises many types on broken markup; the run must go on
        return Failure(origin, "format", f"cannot parse the HTML: {type(e).__name__}: {e}")
    if page is None or not (page.text or "").strip():
        return Failure(origin, "no-text", "no main text found in the page")
    return make_article(page.text, origin, max_chars, doc_id=doc_id, outlet=page.sitename or page.hostname,
                        published=page.date, url=page.url or url, title=page.title)


def _read_limited(path: str, limit: int) -> bytes | Failure:
    try:
        size = Path(path).stat().st_size
        if size > limit:
            return Failure(path, "too-large", f"{size:,} bytes, over the limit of {limit:,} for this format")
        return Path(path).read_bytes()
    except OSError as e:
        return Failure(path, "read", f"cannot read: {e.strerror or e}")


def read_html(path: str, max_chars: int) -> Iterator[Article | Failure]:
    data = _read_limited(path, _byte_limit(max_chars))
    yield data if isinstance(data, Failure) else html_article(data, path, max_chars, doc_id=Path(path).stem)


class _TextOfHtml(HTMLParser):
    """The text of an HTML fragment, a line per block, without scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one line per paragraph."""
    parser = _TextOfHtml()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry) -> str | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat() if t else None


def feed_articles(data: bytes, origin: str, max_chars: int) -> Iterator[Article | Failure]:
    """One article per feed entry: its full content where the feed carries it, else its summary."""
    feedparser = require("feedparser", "read RSS/Atom feeds")
    try:
        parsed = feedparser.parse(data)
    except Exception as e:
        yield Failure(origin, "format", f"cannot parse the feed: {type(e).__name__}: {e}")
        return
    if not parsed.entries:
        why = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        yield Failure(origin, "format", f"not an RSS/Atom feed with entries{why}")
        return
    outlet = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        content = entry.get("content")
        body = html_to_text(content[0].get("value", "") if content else entry.get("summary", ""))
        title = (entry.get("title") or "").strip()
        text = body if not title or body.startswith(title) else f"{title}\n{body}".strip()
        yield make_article(text, f"{origin}#{n}", max_chars, doc_id=entry.get("id") or entry.get("link"),
                           outlet=outlet, published=_entry_date(entry), url=entry.get("link"), title=title)


def read_feed(path: str, max_chars: int) -> Iterator[Article | Failure]:
    data = _read_limited(path, _byte_limit(max_chars) * 8)
    if isinstance(data, Failure):
        yield data
        return
    yield from feed_articles(data, path, max_chars)


def read_warc(path: str, max_chars: int) -> Iterator[Article | Failure]:
    """The HTML responses archived in a WARC (or ARC) file, each read like a page."""
    require("warcio", "read WARC files")
    from warcio.archiveiterator import ArchiveIterator

    limit = _byte_limit(max_chars)
    try:
        f = open(path, "rb")
    except OSError as e:
        yield Failure(path, "read", f"cannot read: {e.strerror or e}")
        return
    with f:
        records = ArchiveIterator(f)
        try:
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                headers = record.http_headers or record.rec_headers
                if "html" not in (headers.get_header("Content-Type") or "").lower():
                    continue
                if record.http_headers and record.http_headers.get_statuscode() not in ("200", None):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(limit + 1)  # before the offset, which ends the record
                origin = f"{path}@{records.get_record_offset()}"
                if len(data) > limit:
                    yield Failure(origin, "too-large", f"the page is over {limit:,} bytes")
                    continue
                yield html_article(data, origin, max_chars, url=uri, doc_id=uri)
        except Exception as e:  # warcio raises ArchiveLoadFailed and zlib errors on damaged files
            yield Failure(path, "format", f"not a readable WARC file: {type(e).__name__}: {e}")


def _looks_like_feed(data: bytes, content_type: str) -> bool:
    head = data[:1024].lstrip().lower()
    return content_type in _FEED_TYPES and b"<html" not in head or b"<rss" in head or b"<feed" in head


def read_url(url: str, max_chars: int) -> Iterator[Article | Failure]:
    """A page or a feed fetched over HTTP(S); a feed gives one article per entry."""
    import urllib.request

    from rasid import __version__

    limit = _byte_limit(max_chars)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": f"rasid/{__version__}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read(limit + 1)
            content_type = response.headers.get_content_type()
    except (OSError, ValueError) as e:
        yield Failure(url, "read", f"cannot fetch: {e}")
        return
    if len(data) > limit:
        yield Failure(url, "too-large", f"the response is over {limit:,} bytes")
    elif _looks_like_feed(data, content_type):
        require("feedparser", "read RSS/Atom feeds")
        yield from feed_articles(data, url, max_chars)
    else:
        yield html_article(data, url, max_chars, url=url)


READERS = {"html": read_html, "feed": read_feed, "warc": read_warc, "url": read_url}
