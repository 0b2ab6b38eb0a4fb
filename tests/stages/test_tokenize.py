import pytest

from rasid.stages.normalize import normalize
from rasid.stages.tokenize import clitic_splits, default_split, tokenize


@pytest.mark.parametrize("word, prefix, stem", [
    ("وبالغوطه", "وبال", "غوطه"),
    ("للنظام", "لل", "نظام"),
    ("والجيش", "وال", "جيش"),
    ("بدمشق", "", "بدمشق"),      # a bare ب before a name stays: the matcher tries every split
    ("فالقوات", "فال", "قوات"),
    ("وحاصرت", "و", "حاصرت"),
    ("ولد", "", "ولد"),           # too short to carry a conjunction
    ("الغوطه", "ال", "غوطه"),
])
def test_default_split(word, prefix, stem):
    assert default_split(word) == (prefix, stem)


@pytest.mark.parametrize("word, reading", [
    ("بدمشق", ("ب", "دمشق")),
    ("لفيلق", ("ل", "فيلق")),
    ("وبجيش", ("وب", "جيش")),
    ("للمدنيين", ("لل", "مدنيين")),
    ("كالعاده", ("كال", "عاده")),
])
def test_clitic_splits_offers_reading(word, reading):
    assert reading in clitic_splits(word)


def test_tokens_keep_original_spans():
    text = "قصفت الطائراتُ مدينةَ «دوما». وقُتل ٣ مدنيين\nوفي حرستا اشتباكات"
    tokens, sentences = tokenize(normalize(text))
    for t in tokens:
        assert text[t.start:t.end] == t.text
    words = [t.text for t in tokens if t.is_word]
    assert "الطائراتُ" in words and "٣" in words
    assert len(sentences) == 3
    assert [text[s.start:s.end].split()[0] for s in sentences] == ["قصفت", "وقُتل", "وفي"]


def test_stem_start_skips_clitics():
    text = "وبالغوطة"
    (tok,), _ = tokenize(normalize(text))
    assert text[tok.stem_start:tok.end] == "غوطة"


def test_decimal_number_is_one_token():
    tokens, sentences = tokenize(normalize("ارتفع السعر 2.5 بالمئة."))
    assert "2.5" in [t.text for t in tokens]
    assert len(sentences) == 1
