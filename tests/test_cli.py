"""The command line: input errors as one line on stderr, batch mode, formats."""
import json
import subprocess
import sys

import pytest

ARTICLE = "قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب الجنوبي أمس الأحد، ما أدى إلى مقتل ثلاثة مدنيين."


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "rasid", *args], input=stdin, capture_output=True, timeout=120)


def test_missing_file(tmp_path):
    p = run("extract", str(tmp_path / "nope.txt"))
    assert p.returncode != 0
    err = p.stderr.decode().strip()
    assert err.count("\n") == 0 and "no such file" in err


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"  \n")
    p = run("extract", str(f))
    assert p.returncode != 0 and "empty" in p.stderr.decode()


def test_binary_file_names_encodings(tmp_path):
    f = tmp_path / "bin.txt"
    f.write_bytes(bytes(range(256)) * 8)
    p = run("extract", str(f))
    err = p.stderr.decode()
    assert p.returncode != 0 and "utf-8" in err and "windows-1256" in err and err.count("\n") == 1


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1256", b"")])
def test_accepted_encodings(tmp_path, encoding, bom):
    f = tmp_path / "a.txt"
    f.write_bytes(bom + ARTICLE.encode(encoding))
    p = run("extract", str(f), "--published", "2019-05-06")
    assert p.returncode == 0, p.stderr.decode()
    d = json.loads(p.stdout)
    assert d["document"]["published"] == "2019-05-06"


def test_stdin_and_table():
    p = run("extract", "-", "--published", "2019-05-06", "--format", "table", stdin=ARTICLE.encode())
    assert p.returncode == 0, p.stderr.decode()
    assert "published 2019-05-06" in p.stdout.decode()


def test_jsonl_batch_keeps_order_and_survives_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2019-05-06"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": ARTICLE, "published": "bad-date"}, ensure_ascii=False),
        json.dumps([1, 2]),
    ]
    p = run("extract", "--input-format", "jsonl", "-", stdin=("\n".join(lines) + "\n").encode())
    assert p.returncode == 0, p.stderr.decode()
    out = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert [o["document"]["id"] for o in out] == ["a", "line-2", "c", "d", "line-5"]
    assert "error" in out[1] and "error" in out[2] and "error" in out[4]
    assert "events" in out[0] and "events" in out[3]


def test_bad_published_argument():
    p = run("extract", "-", "--published", "12/3/2018", stdin=ARTICLE.encode())
    assert p.returncode != 0 and "YYYY-MM-DD" in p.stderr.decode()


def test_truncated_utf8_is_reported_not_garbled(tmp_path):
    f = tmp_path / "cut.txt"
    f.write_bytes(ARTICLE.encode("utf-8")[:-2])  # drops the full stop and half of the last letter
    p = run("extract", str(f))
    assert p.returncode != 0 and "truncated UTF-8" in p.stderr.decode()
