import pytest
from hypothesis import given, strategies as st

from rasid.stages.normalize import _FOLD, _fold, normalize, normalize_for_matching


@pytest.mark.parametrize("raw, view", [
    ("أحمد وإبراهيم وآمنة", "احمد وابراهيم وامنه"),
    ("مستشفى", "مستشفي"),
    ("مدرسة", "مدرسه"),
    ("مسؤول", "مسوول"),
    ("قُتِلَ", "قتل"),
    ("الـــقصف", "القصف"),
    ("٣ مدنيين و۴ جرحى", "3 مدنيين و4 جرحي"),
    ("“الجيش الحر”", '"الجيش الحر"'),
    ("«حماة»", '"حماه"'),
    ("\u200fدوما\u200e", "دوما"),
    ("حي\u00a0الوعر", "حي الوعر"),
    ("قصفًا", "قصفا"),
    ("ﺩﻭﻣﺎ", "دوما"),
])
def test_view(raw, view):
    assert normalize(raw).text == view
    assert normalize_for_matching(raw) == view


@pytest.mark.parametrize("raw, word", [
    ("قُتِلَ ثلاثةُ مدنيين في دُومَا", "دوما"),
    ("\u200f\u200fالقصف على حرستا", "حرستا"),
    ("الـــمدينة الـــمحاصرة", "المحاصره"),
])
def test_span_maps_back(raw, word):
    n = normalize(raw)
    vs = n.text.index(word)
    s, e = n.span_to_original(vs, vs + len(word))
    assert normalize_for_matching(raw[s:e]) == word
    assert raw[s:e] == raw[s:e].strip()


@given(st.text())
def test_offset_map_monotone_and_in_bounds(s):
    n = normalize(s)
    prev = -1
    for i in range(len(n.text) + 1):
        o = n.to_original(i)
        assert 0 <= o <= len(s)
        assert o > prev or (i == 0 and o >= 0)
        prev = o


@given(st.text(alphabet=st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي أإآىةؤئ\u064b\u064e\u0650\u0640\u200f٣ ")))
def test_each_view_char_comes_from_its_original_char(s):
    n = normalize(s)
    for i, c in enumerate(n.text):
        assert normalize_for_matching(s[n.to_original(i)]) == c


@given(st.text(alphabet=st.characters(codec="utf-8")) | st.text(alphabet=st.sampled_from(
    "".join(_FOLD) + "ابةى \u064e\u0640")))
def test_fold_is_a_one_for_one_translation(s):
    assert _fold(s) == s.translate(str.maketrans(_FOLD))
