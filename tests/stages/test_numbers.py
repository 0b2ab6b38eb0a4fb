"""The numbers stage: digits, number words, approximate plurals, ranges and their modifiers."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.model import Document
from rasid.stages import dates, numbers
from rasid.stages.normalize import normalize
from rasid.stages.tokenize import tokenize


def doc_of(text: str) -> Document:
    norm = normalize(text)
    tokens, sentences = tokenize(norm)
    doc = Document(text=text, published=dt.date(2018, 3, 12), norm=norm, tokens=tokens, sentences=sentences)
    return dates.stage(doc)


def numbers_in(text: str) -> list[tuple[str, dict]]:
    found = numbers.find_numbers(doc_of(text))
    for m in found:
        assert text[m.start:m.end] == m.text and m.type == "NUMBER" and m.source == "rule"
    return [(m.text, m.attrs) for m in found]


@pytest.mark.parametrize("words, value", [
    ("15", 15), ("١٥", 15), ("1,200", 1200), ("1.200", 1200), ("2.5", 2.5), ("1.5 ألف", 1500),
    ("3 آلاف", 3000), ("2 مليون", 2000000), ("واحد", 1), ("ثلاثة", 3), ("ثلاث", 3), ("ثماني", 8),
    ("عشرة", 10), ("أحد عشر", 11), ("اثنا عشر", 12), ("ثلاث عشرة", 13), ("تسعة عشر", 19),
    ("عشرون", 20), ("عشرين", 20), ("تسعين", 90), ("خمسة وعشرون", 25), ("ثلاثة وأربعين", 43),
    ("مئة", 100), ("مائة", 100), ("مئتين", 200), ("مائتان", 200), ("ثلاثمئة", 300), ("ثلاثمائة", 300),
    ("تسعمئة", 900), ("ثلاث مئة وخمسون", 350), ("مئة وخمسون ألفا", 150000), ("ألف", 1000),
    ("ألفاً", 1000), ("ألفين", 2000), ("ثلاثة آلاف", 3000), ("ثلاثة آلاف وخمسمئة", 3500),
    ("ألف ومئتان", 1200), ("مليون", 1000000), ("ثلاثة ملايين", 3000000),
])
def test_parse_number_words(words, value):
    assert numbers.parse_number_words(words) == (value, False)


@pytest.mark.parametrize("words, value", [
    ("عشرات", 10), ("العشرات", 10), ("عشراتٍ", 10), ("مئات", 100), ("المئات", 100), ("آلاف", 1000),
    ("الآلاف", 1000), ("عشرات الآلاف", 10000), ("مئات الآلاف", 100000), ("ملايين", 1000000),
])
def test_approximate_plurals(words, value):
    assert numbers.parse_number_words(words) == (value, True)
    assert numbers.parse_quantity(words).to_attrs() == {
        "value": value, "min": value, "max": None, "approx": True, "modifier": None}


@pytest.mark.parametrize("phrase, value, low, high, approx, modifier", [
    ("15", 15, 15, 15, False, None),
    ("نحو 50", 50, 50, 50, True, "about"),
    ("حوالي 30", 30, 30, 30, True, "about"),
    ("حوالى 30", 30, 30, 30, True, "about"),
    ("قرابة 40", 40, 40, 40, True, "about"),
    ("زهاء ستين", 60, 60, 60, True, "about"),
    ("ما يقارب 70", 70, 70, 70, True, "about"),
    ("أكثر من 900", 900, 900, None, False, "more_than"),
    ("ما يزيد عن 100", 100, 100, None, False, "more_than"),
    ("ما يزيد على مئة", 100, 100, None, False, "more_than"),
    ("ما لا يقل عن 20", 20, 20, None, False, "at_least"),
    ("20 على الأقل", 20, 20, None, False, "at_least"),
    ("أقل من 10", None, None, 10, False, "less_than"),
    ("ما يصل إلى 50", 50, None, 50, False, "up_to"),
    ("بين 10 و15", 10, 10, 15, False, "range"),
    ("ما بين عشرة وخمسة عشر", 10, 10, 15, False, "range"),
    ("من 10 إلى 15", 10, 10, 15, False, "range"),
    ("10-15", 10, 10, 15, False, "range"),
    ("10 أو 12", 10, 10, 12, False, "range"),
    ("بين 270 و330 ألف", 270000, 270000, 330000, False, "range"),
    ("نحو عشرات", 10, 10, None, True, "about"),
    ("أكثر من ثلاثة آلاف", 3000, 3000, None, False, "more_than"),
])
def test_parse_quantity(phrase, value, low, high, approx, modifier):
    q = numbers.parse_quantity(phrase).to_attrs()
    assert q == {"value": value, "min": low, "max": high, "approx": approx, "modifier": modifier}


@pytest.mark.parametrize("text, expected", [
    ("أحصت المنظمة أكثر من 900 قتيل", [("أكثر من 900", 900, 900, None)]),
    ("قتل 18 مدنيا على الأقل بالقصف", [("18", 18, 18, None)]),
    ("سقط بنحو 30 صاروخا على المدينة", [("نحو 30", 30, 30, 30)]),
    ("أصيب العشرات وقتل خمسة وعشرون شخصا", [("العشرات", 10, 10, None), ("خمسة وعشرون", 25, 25, 25)]),
    ("نزح وعشرات آلاف المدنيين", [("عشرات آلاف", 10000, 10000, None)]),
    ("قتل بين 10 و15 عنصرا", [("بين 10 و15", 10, 10, 15)]),
    ("قتل ١٢ شخصا", [("١٢", 12, 12, 12)]),
    ("قتل 5 أشخاص في 12 آذار 2018", [("5", 5, 5, 5)]),  # the day and year belong to the date
    ("قتل 7 منذ ثلاثة أيام", [("7", 7, 7, 7)]),
    ("حلقت طائرة إف-16 فوق المدينة", []),
    ("وأحد القادة الميدانيين قتل", []),
    ("وصلت كمية من الوقود", []),
    ("أعلن المرصد الاثنين الحصيلة", []),
    ("هذه نسبة في المئة فقط", []),
])
def test_find_numbers(text, expected):
    got = [(t, a["value"], a["min"], a["max"]) for t, a in numbers_in(text)]
    assert got == expected


def test_percent():
    assert numbers_in("دمر 50 في المئة من المباني")[0][1]["unit"] == "percent"
    assert numbers_in("دمر 50% من المباني")[0][1]["unit"] == "percent"


def test_stage_keeps_existing_mentions_and_numbers_ids():
    doc = numbers.stage(doc_of("أمس قتل 3 وجرح 12"))
    assert [(m.id, m.type) for m in doc.mentions] == [("d1", "DATE"), ("n1", "NUMBER"), ("n2", "NUMBER")]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="أكثر من نحو بين و 0123456789,.-% عشرات آلاف ثلاثة مئة\n", max_size=80))
def test_spans_reproduce_their_text(text):
    for m in numbers.find_numbers(doc_of(text)):
        assert text[m.start:m.end] == m.text and m.start < m.end
