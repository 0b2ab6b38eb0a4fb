"""Sources to articles: text files and folders, JSON Lines, HTML, feeds, WARC (rasid/store/ingest.py, web.py)."""
from __future__ import annotations

import builtins
import io
import json

import pytest

from rasid.store.ingest import (Article, Failure, MissingExtraError, detect_format, make_article, read_sources)

STRIKE = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل أربعة مدنيين."
PROTEST = "تظاهر العشرات في مدينة السويداء مطالبين بتحسين الأوضاع المعيشية ورحيل المسؤولين المحليين."


def _read(*sources, max_chars=10_000, fmt="auto"):
    items = list(read_sources([str(s) for s in sources], max_chars, fmt))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)]


def test_a_folder_of_text_files_takes_metadata_from_an_index_beside_it(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text(STRIKE, encoding="utf-8")
    (folder / "a2.txt").write_bytes(PROTEST.encode("cp1256"))
    (folder / "README.md").write_text("not an article")
    (tmp_path / "index.jsonl").write_text(
        json.dumps({"id": "a1", "published": "2019-05-02", "outlet": "عنب بلدي", "url": "https://x/1"}) + "\n",
        encoding="utf-8")
    arts, fails = _read(folder)
    assert fails == []
    assert [(a.doc_id, a.published, a.outlet) for a in arts] == [("a1", "2019-05-02", "عنب بلدي"), ("a2", None, None)]
    assert arts[1].text == PROTEST
    assert arts[0].id != Article(STRIKE, "x", outlet="other").id  # the outlet is part of the content hash


def test_json_lines_records_and_their_failures(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": 1, "text": STRIKE, "published": "2020-01-05T08:00:00Z", "outlet": "أ"}),
             "{not json", json.dumps([1, 2]), json.dumps({"id": 4}), "",
             json.dumps({"id": 5, "text": PROTEST, "published": "yesterday"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, fails = _read(path)
    assert [(a.doc_id, a.published, a.origin) for a in arts] == [("1", "2020-01-05", f"{path}:1"), ("5", None, f"{path}:6")]
    assert arts[1].warnings == ("publication date 'yesterday' is not YYYY-MM-DD; ignored",)
    assert [(f.origin.rsplit(":", 1)[1], f.kind) for f in fails] == [("2", "json"), ("3", "json"), ("4", "no-text")]


def test_a_json_file_with_a_list_of_records(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"text": STRIKE}, {"text": PROTEST, "id": "p"}], ensure_ascii=False), encoding="utf-8")
    arts, _ = _read(path)
    assert [a.doc_id for a in arts] == [None, "p"]


@pytest.mark.parametrize("text, kind", [("   \n", "empty"), ("x" * 101, "too-large"), ("ok \ud800", "decode")])
def test_make_article_limits(text, kind):
    assert make_article(text, "o", 100).kind == kind


@pytest.mark.parametrize("name, content, fmt", [
    ("a.TXT", b"x", "text"), ("feed.xml", b"<rss>", "feed"), ("x.warc.gz", b"", "warc"),
    ("noext", b"<?xml version='1.0'?><rss version='2.0'>", "feed"), ("page", b"<!DOCTYPE html><html>", "html"),
    ("rows", b'{"text": "x"}\n', "jsonl"), ("plain", "نص".encode(), "text")])
def test_detect_format(tmp_path, name, content, fmt):
    (tmp_path / name).write_bytes(content)
    assert detect_format(tmp_path / name) == fmt


PAGE = f"""<!DOCTYPE html><html lang="ar"><head><title>قصف كفرنبل</title>
<meta property="og:site_name" content="شبكة أخبار الساحل">
<meta property="article:published_time" content="2021-06-10T09:30:00+03:00">
<link rel="canonical" href="https://news.example.org/2021/06/10/kafranbel.html"></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a></nav>
<article><h1>قصف كفرنبل</h1><p>{STRIKE}</p><p>{PROTEST}</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_an_html_page_gives_its_main_text_date_and_outlet(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>")
    arts, fails = _read(tmp_path / "page.html", tmp_path / "empty.html")
    [a] = arts
    assert STRIKE in a.text and "الرئيسية" not in a.text and "الحقوق" not in a.text
    assert (a.published, a.outlet, a.url) == ("2021-06-10", "شبكة أخبار الساحل",
                                              "https://news.example.org/2021/06/10/kafranbel.html")
    assert [(f.kind, f.reason) for f in fails] == [("no-text", "no main text found in the page")]


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>وكالة الشمال</title>
<item><title>قصف كفرنبل</title><link>https://north.example/1</link><guid>n-1</guid>
<pubDate>Thu, 10 Jun 2021 07:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{STRIKE}</p><script>x()</script>]]></content:encoded></item>
<item><title>مظاهرة</title><link>https://north.example/2</link><description>&lt;p&gt;{PROTEST}&lt;/p&gt;</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>صحيفة الميدان</title>
<entry><title>قصف</title><id>tag:x,2021:1</id><updated>2021-06-11T10:00:00Z</updated>
<link href="https://midan.example/1"/><summary>{STRIKE}</summary></entry></feed>"""


def test_rss_and_atom_feeds_give_one_article_per_entry(tmp_path):
    pytest.importorskip("feedparser")
    (tmp_path / "north.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "midan.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<rss><channel>", encoding="utf-8")
    arts, fails = _read(tmp_path / "north.rss", tmp_path / "midan.atom", tmp_path / "broken.xml")
    assert [(a.outlet, a.published, a.url, a.doc_id) for a in arts] == [
        ("وكالة الشمال", "2021-06-10", "https://north.example/1", "n-1"),
        ("وكالة الشمال", None, "https://north.example/2", "https://north.example/2"),
        ("صحيفة الميدان", "2021-06-11", "https://midan.example/1", "tag:x,2021:1")]
    assert arts[0].text == f"قصف كفرنبل\n{STRIKE}" and arts[1].text == f"مظاهرة\n{PROTEST}"
    assert [f.kind for f in fails] == ["format"]


def test_a_warc_file_gives_its_html_responses(tmp_path):
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for uri, body, ctype in (("https://news.example.org/a", PAGE, "text/html; charset=utf-8"),
                                 ("https://news.example.org/logo.png", "PNG", "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))
    arts, fails = _read(path)
    assert fails == [] and len(arts) == 1
    assert STRIKE in arts[0].text and arts[0].doc_id == "https://news.example.org/a"


def test_a_missing_optional_library_says_which_extra_to_install(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    with pytest.raises(MissingExtraError, match=r"install rasid\[formats\] to read HTML"):
        _read(tmp_path / "page.html")


def test_a_url_is_fetched_and_read_as_a_page_or_a_feed(tmp_path):
    pytest.importorskip("trafilatura")
    pytest.importorskip("feedparser")
    import http.server
    import threading

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        arts, fails = _read(f"{base}/page.html", f"{base}/feed.rss", f"{base}/missing.html")
    finally:
        server.shutdown()
    assert [a.outlet for a in arts] == ["شبكة أخبار الساحل", "وكالة الشمال", "وكالة الشمال"]
    assert [f.kind for f in fails] == ["read"]
