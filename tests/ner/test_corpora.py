"""Readers of the CoNLL, NewsFANE and Wojood formats, on snippets written for these tests."""
from __future__ import annotations

import pytest

from rasid.ner import corpora
from rasid.ner.corpora import Sentence, iob_spans


@pytest.mark.parametrize("tags, spans", [
    (["B-PERS", "I-PERS", "O", "B-LOC"], [(0, 2, "PERS"), (3, 4, "LOC")]),
    (["I-ORG", "I-ORG", "O"], [(0, 2, "ORG")]),  # conlleval reads a leading I- as a start
    (["B-PERS", "B-PERS"], [(0, 1, "PERS"), (1, 2, "PERS")]),
    (["B-LOC", "I-ORG"], [(0, 1, "LOC"), (1, 2, "ORG")]),
    (["O", "O"], []),
])
def test_iob_spans(tags, spans):
    assert iob_spans(tags) == spans


def test_read_conll_repairs_tags(tmp_path):
    path = tmp_path / "x.conll"
    path.write_text("وصل O\nسامر B-PER\nالخطيب I-PERS\nإلى O\nحلب I-LOC\n\nانتهى O\n", encoding="utf-8")
    sents = corpora.read_conll(path)
    assert sents[0] == Sentence(("وصل", "سامر", "الخطيب", "إلى", "حلب"), ("O", "B-PERS", "I-PERS", "O", "B-LOC"))
    assert sents[1].words == ("انتهى",)


def test_newsfane_rejoins_clitics_and_maps_classes(tmp_path):
    path = tmp_path / "nf.txt"
    lines = ["\u200eو\tO", "\u200eقال\tO", "\u200eسامر\tB-Politician", "\u200eفي\tO", "\u200eبيان\tO",
             "\u200eه\tO", "\u200eان\tO", "\u200eحلب\tB-Population-Center", "\u200eكتاب\tB-Book", ""]
    path.write_text("\r\n".join(lines), encoding="utf-8")
    (s,) = corpora.read_newsfane(path)
    assert s.words == ("وقال", "سامر", "في", "بيانه", "ان", "حلب", "كتاب")
    assert s.tags == ("O", "B-PERS", "O", "O", "O", "B-LOC", "B-MISC")


def test_wojood_flattens_nested_layers(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("أمين O\nسر B-OCC\nلجنة I-OCC B-ORG\nالمدينة I-OCC I-ORG\nفي I-OCC\nحمص I-OCC B-GPE\n"
                    ". O\n$#$ O\n", encoding="utf-8")
    (s,) = corpora.read_wojood(path)
    assert s.tags == ("O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O")


def test_drop_overlapping_finds_retokenised_copies():
    held = [Sentence(("وقال", "المتحدث", "باسم", "الحركة", "إن", "الاجتماع", "تأجل", "إلى", "الأسبوع", "المقبل"))]
    copy = Sentence(("و", "قال", "المتحدث", "باسم", "الحركة", "ان", "الاجتماع", "تاجل", "الي", "الاسبوع", "المقبل"))
    other = Sentence(("وصل", "الوفد", "إلى", "العاصمة", "مساء", "أمس", "بعد", "رحلة", "طويلة", "جدا"))
    kept, dropped = corpora.drop_overlapping([copy, other], held)
    assert kept == [other] and dropped == 1


def test_newsfane_rejoins_split_prepositions(tmp_path):
    path = tmp_path / "nf.txt"
    lines = ["\u200eو\tO", "\u200eب\tO", "\u200eغزة\tB-Population-Center", "\u200eل\tO", "\u200eالعراق\tB-Nation",
             "\u200eاصابة\tO", "\u200eه\tO", "\u200eالمجلس\tB-Government", ""]
    path.write_text("\r\n".join(lines), encoding="utf-8")
    (s,) = corpora.read_newsfane(path)
    assert s.words == ("وبغزة", "للعراق", "اصابته", "المجلس")
    assert s.tags == ("B-LOC", "B-LOC", "O", "O")  # Government bodies are mostly untagged in ANERcorp


def test_align_to_finds_the_retold_sentence():
    ref = [Sentence(("وصل", "الوفد", "إلى", "العاصمة", "مساء", "أمس", "بعد", "رحلة", "طويلة", "جدا")),
           Sentence(("وقال", "المتحدث", "باسم", "الحركة", "إن", "الاجتماع", "تأجل", "إلى", "الأسبوع", "المقبل"))]
    copy = Sentence(("و", "قال", "المتحدث", "باسم", "الحركة", "ان", "الاجتماع", "تاجل", "الي", "الاسبوع", "المقبل"))
    assert corpora.align_to([copy, Sentence(("كلمة",))], ref) == [1, None]


def test_newsfane_copies_share_the_block_of_their_anercorp_sentence(tmp_path):
    from rasid.ner.train import TrainConfig, load_training_set

    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
    train = [[(letters[i] + letters[j] + letters[(i * j) % 26] + "ون", "O") for j in range(8)] for i in range(10)]
    test = [[("وصل", "O"), ("الوفد", "O"), ("إلى", "O"), ("العاصمة", "O"), ("مساء", "O"), ("أمس", "O"),
             ("بعد", "O"), ("رحلة", "O"), ("طويلة", "O")]]
    (tmp_path / "anercorp").mkdir()
    (tmp_path / "newsfane-gold").mkdir()
    for name, sents in (("train", train), ("test", test)):
        (tmp_path / f"anercorp/ANERcorp_approxCamelSplit_{name}.txt").write_text(
            "\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in sents) + "\n", encoding="utf-8")
    copies = [train[8], test[0], train[1]]  # a copy of a test sentence is dropped
    (tmp_path / "newsfane-gold/NewsFANE_Gold_2014_170K.txt").write_text(
        "\r\n\r\n".join("\r\n".join(f"\u200e{w}\tO" for w, _ in s) for s in copies) + "\r\n", encoding="utf-8")
    sents, blocks, _, sources = load_training_set(tmp_path, TrainConfig(folds=5, extra_corpora=("newsfane",)))
    assert len(sents) == 12 and "1 sentences overlapping" in sources["newsfane"]
    assert blocks[10] == blocks[8] == 4 and blocks[11] == blocks[1] == 0
