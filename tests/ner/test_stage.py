"""The NER pipeline stage: spans, types, clitics, never overriding earlier mentions, and the missing model."""
from __future__ import annotations

from dataclasses import replace

import pytest

from rasid.model import Document, Mention
from rasid.pipeline import normalize_stage
from rasid.stages import ner
from rasid.stages.tokenize import tokenize_stage


def _doc(text: str, mentions: tuple[Mention, ...] = ()) -> Document:
    return replace(tokenize_stage(normalize_stage(Document(text=text))), mentions=mentions)


class FakeTagger:
    """Tags with a fixed rule so the stage can be tested without a trained model."""

    def __init__(self, tagged: dict[str, str]) -> None:
        from rasid.ner.features import Featurizer, Lexicon

        self.tagged = tagged
        self.fz = Featurizer(Lexicon(phrases={("حلب",): frozenset({"LOC"})},
                                     attested=frozenset({"حلب", "مدينه", "سامر", "قال"})))
        self.calls = 0

    def tag_with_confidence(self, sentences, passes=2):
        return [[(t, 0.99) for t in tags] for tags in self.tag_sentences(sentences)]

    def is_common_word(self, word):
        return word == "المدينه"

    def tag_sentences(self, sentences):
        self.calls += 1
        out = []
        for words in sentences:
            tags, prev = [], None
            for w in words:
                typ = self.tagged.get(w)
                tags.append("O" if typ is None else ("I-" if prev == typ else "B-") + typ)
                prev = typ
            out.append(tags)
        return out


@pytest.fixture
def fake(monkeypatch):
    tagger = FakeTagger({"وسامر": "PERS", "الخطيب": "PERS", "لواء": "ORG", "الفجر": "ORG", "بحلب": "LOC",
                         "معرض": "MISC", "الجبهة": "ORG", "للمدينة": "LOC"})
    monkeypatch.setattr(ner, "_tagger", lambda: tagger)
    monkeypatch.setenv("RASID_NER", "1")
    return tagger


def test_adds_typed_mentions_without_clitics(fake):
    doc = ner.stage(_doc("وقال وسامر الخطيب إن لواء الفجر قاتل بحلب ثم زار معرض"))
    got = [(m.id, m.type, m.text, m.source) for m in doc.mentions]
    assert got == [("r1", "PERSON", "سامر الخطيب", "ner"), ("r2", "ACTOR", "لواء الفجر", "ner"),
                   ("r3", "PLACE", "حلب", "ner")]
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text
    assert doc.mentions[1].attrs == {"candidate": True, "category": None, "confidence": 0.99}


def test_lil_is_dropped_and_article_kept(fake):
    (m,) = ner.stage(_doc("قال المتحدث إن الجبهة للمدينة")).mentions[1:] or [None]
    assert m is not None and m.text == "مدينة"
    assert ner.stage(_doc("قال المتحدث إن الجبهة انسحبت")).mentions[0].text == "الجبهة"


def test_never_overlaps_an_earlier_mention(fake):
    kb = Mention("m1", "ACTOR", "الفجر", 0, 0, "x.fajr", "kb")
    doc = _doc("قال المتحدث إن لواء الفجر انسحب")
    start = doc.text.index("الفجر")
    kb = replace(kb, start=start, end=start + len("الفجر"))
    out = ner.stage(replace(doc, mentions=(kb,)))
    assert out.mentions == (kb,)


def test_common_word_alone_is_not_a_name(fake):
    fake.tagged["المدينة"] = "LOC"
    assert ner.stage(_doc("قال المتحدث إن المدينة هادئة")).mentions == ()


def test_skips_sentences_without_a_cue(fake):
    doc = ner.stage(_doc("وسامر الخطيب في البيت"))
    assert fake.calls == 0 and doc.mentions == ()


def test_switched_off_by_environment(fake, monkeypatch):
    monkeypatch.setenv("RASID_NER", "0")
    assert ner.stage(_doc("وقال وسامر الخطيب")).mentions == ()


def test_missing_model_warns_once(monkeypatch, tmp_path, capsys):
    from rasid import datadir
    from rasid.settings import load_settings

    monkeypatch.setenv("RASID_DATA", str(tmp_path))
    monkeypatch.setenv("RASID_NER", "1")
    monkeypatch.setattr("rasid.settings.default_settings", lambda: load_settings())
    monkeypatch.setattr(datadir, "_warned", set())
    ner._tagger.cache_clear()
    try:
        doc = _doc("وقال سامر الخطيب إن الهجوم وقع")
        assert ner.stage(doc) is doc
        assert ner.stage(doc) is doc
        err = capsys.readouterr().err
        assert err.count("warning") == 1 and "rasid data build" in err
    finally:
        ner._tagger.cache_clear()


def test_fa_of_a_name_is_kept(fake):
    fake.tagged.update({"فرحان": "PERS", "حق": "PERS", "وفرحان": "PERS"})
    assert [m.text for m in ner.stage(_doc("وقال المتحدث فرحان حق للصحفيين")).mentions] == ["فرحان حق"]
    assert [m.text for m in ner.stage(_doc("وقال المتحدث وفرحان حق")).mentions] == ["وفرحان حق"]


def test_unknown_name_keeps_its_first_letter(fake):
    fake.tagged.update({"وينسلاند": "PERS", "بهية": "PERS", "حسن": "PERS"})
    doc = ner.stage(_doc("قال المتحدث وينسلاند إن بهية حسن وصلت"))
    assert [m.text for m in doc.mentions] == ["وينسلاند", "بهية حسن"]
