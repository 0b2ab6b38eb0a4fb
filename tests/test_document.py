"""Invariants of the output contract for any input: never raises, spans reproduce text, schema holds."""
import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import rasid

SCHEMA = json.loads(resources.files("rasid").joinpath("schema/document.schema.json").read_text(encoding="utf-8"))
ARABICISH = st.lists(st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي أإآىةؤئء،.؛؟\n0123456789٠١٢٣") +
    ["\u064b", "\u0650", "\u0640", "\u200f", "“", "”", " في ", " قصف ", " أمس ", " قوات النظام ", " دوما ",
     " مقتل ", " أكثر من ", " الجمعة الماضي ", " 12 آذار 2018 "]), max_size=200).map("".join)


def check_spans(text: str, d: dict) -> None:
    for m in d["mentions"]:
        assert 0 <= m["start"] <= m["end"] <= len(text)
        assert text[m["start"]:m["end"]] == m["text"]
    for e in d["events"]:
        for key in ("trigger", "evidence"):
            s = e[key]
            assert 0 <= s["start"] <= s["end"] <= len(text)
            assert text[s["start"]:s["end"]] == s["text"]
        for key in ("actor1", "actor2", "location"):
            a = e[key]
            if a:
                assert text[a["start"]:a["end"]] == a["text"]
        for s in e["sources"]:
            assert text[s["start"]:s["end"]] == s["text"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), ARABICISH))
def test_extract_never_raises_and_spans_hold(text):
    doc = rasid.extract(text, published="2020-05-01")
    d = json.loads(doc.to_json())
    check_spans(text, d)
    jsonschema.validate(d, SCHEMA)
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert not [w for w in doc.warnings if "stage" in w], doc.warnings


def test_empty_text_gives_empty_document():
    d = rasid.extract("").to_dict()
    assert d["mentions"] == [] and d["events"] == []
    jsonschema.validate(d, SCHEMA)


@pytest.mark.parametrize("published", [None, "2018-03-12", "not a date"])
def test_publication_date_contract(published):
    d = rasid.extract("قصفت الطائرات بلدة في ريف إدلب أمس", published=published).to_dict()
    jsonschema.validate(d, SCHEMA)
    if published == "2018-03-12":
        assert d["document"]["published"] == "2018-03-12"
        assert d["document"]["published_source"] == "given"


def test_document_is_frozen():
    doc = rasid.extract("نص قصير")
    with pytest.raises(AttributeError):
        doc.text = "x"


def test_seed_document_validates(seed_text):
    d = rasid.extract(seed_text, published="2018-03-12", outlet="Enab Baladi").to_dict()
    jsonschema.validate(d, SCHEMA)
    check_spans(seed_text, d)
