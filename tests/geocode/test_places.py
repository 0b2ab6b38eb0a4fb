"""Finding PLACE mentions (rasid.kb.places): boundaries, clitics, cues, ordinary words, regions."""
from __future__ import annotations

import pytest

from rasid.kb.gazetteer import name_key
from rasid.kb.places import find_places

from .conftest import prepared


@pytest.mark.parametrize("name, key", [
    ("رأس العين", "راس العين"),
    ("إدلب", "ادلب"),
    ("حماة", "حماه"),
    ("جب الخفي_منبج", "جب الخفي منبج"),
])
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("text, expected", [
    # cues before small places; the cue is not part of the name
    ("سيطرت قوات النظام على بلدة مديرا بعد معارك على محور مسرابا", ["مديرا", "مسرابا"]),
    # clitics are left out of the mention, الرقة after لل included
    ("وصلت التعزيزات للرقة وبحلب ودمشق", ["رقة", "حلب", "دمشق"]),
    # region phrases are one mention
    ("قصفت الطائرات ريف حلب الجنوبي", ["ريف حلب الجنوبي"]),
    ("دارت اشتباكات جنوبي إدلب", ["جنوبي إدلب"]),
    ("تقدمت الفصائل في الريف الشمالي لمحافظة حلب", ["الريف الشمالي لمحافظة حلب", "محافظة حلب"]),
    # longest match wins: the region, not the town inside it
    ("انسحب المقاتلون من الغوطة الشرقية", ["الغوطة الشرقية"]),
    # lists after a plural cue, known and unknown names alike
    ("قصفت الطائرات بلدات حمورية وسقبا وزيتونة", ["حمورية", "سقبا", "زيتونة"]),
    # unknown sites after strong cues keep the cue; settlements do not
    ("استهدفت الغارة مستشفى الكندي", ["مستشفى الكندي"]),
    ("دخلت القوات قرية أبو زيتونة", ["أبو زيتونة"]),
    # ordinary words are not places without a strong cue
    ("فتح الباب أمام الحوار", []),
    ("سيطرت الفصائل على مدينة الباب", ["الباب"]),
    ("انطلقت الثورة السورية قبل سنوات", []),
    ("أنشئت بلدة جديدة قرب الحدود", []),
    # a cue governs a bare word, not one with its own preposition
    ("أنشأت روسيا قاعدة بحرية", []),
])
def test_find_places(curated_gazetteer, text, expected):
    doc = prepared(text)
    hits = find_places(doc, curated_gazetteer)
    assert [h.text for h in hits] == expected
    for h in hits:
        assert doc.text[h.start:h.end] == h.text


def test_country_needs_a_locative_cue(curated_gazetteer):
    doc = prepared("قالت روسيا إن قواتها في سوريا باقية")
    assert [h.text for h in find_places(doc, curated_gazetteer)] == ["سوريا"]


def test_hashtag_before_a_place(curated_gazetteer):
    doc = prepared("قتل جنود في #سوريا")
    assert [h.text for h in find_places(doc, curated_gazetteer)] == ["سوريا"]


def test_ordinary_village_names_need_evidence(full_gazetteer):
    # village names that are ordinary words, after a weak cue, far from the article's places
    doc = prepared("وأصيب العشرات بجروح في قصف على دوما، وقسمت المنطقة إلى قسمين")
    texts = [h.text for h in find_places(doc, full_gazetteer)]
    assert "دوما" in texts and "قسمين" not in texts and "جروح" not in texts


def test_arbitrary_unicode_never_breaks(curated_gazetteer):
    for text in ["", "،،،", "مدينة", "ريف", "شمال", "بلدات و", "x" * 50, "حي \u200f\u064b"]:
        find_places(prepared(text), curated_gazetteer)


def test_clitics_and_diacritics_are_left_out(curated_gazetteer):
    doc = prepared("قُصِفَتْ وبِدُومَا مواقع، ولِلرَّقَّة وصلت تعزيزات")
    assert [h.text for h in find_places(doc, curated_gazetteer)] == ["دُومَا", "رَّقَّة"]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is a test extra
    given = None

if given is not None:
    _arabic = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوية ،.ءأإآىئؤًٌٍَُِّْـ#()\n0123456789", max_size=120)

    @settings(max_examples=150, deadline=None)
    @given(_arabic)
    def test_spans_always_reproduce_their_text(text):
        from rasid.kb.gazetteer import load_curated_only
        from rasid.stages import geocode

        gaz = _CURATED.setdefault("g", load_curated_only())
        doc = prepared(text)
        for h in find_places(doc, gaz):
            assert 0 <= h.start < h.end <= len(doc.text) and doc.text[h.start:h.end] == h.text
        places = geocode.resolve_places(doc, [], gaz)
        assert places == []

    _CURATED: dict = {}
