"""CRF features: clitic-stripped keys, lexicon flags, cues, and the second-pass document features."""
from __future__ import annotations

from rasid.ner.features import Featurizer, Lexicon
from rasid.ner.stacking import document_features
from rasid.ner.wordstats import LabelMemory, LetterModel


def _lexicon(**kw) -> Lexicon:
    return Lexicon(phrases={("خطيب",): frozenset({"PERS"}), ("نهضه", "الجديده"): frozenset({"ORG"})}, **kw)


def test_keys_strip_clitics_and_article():
    fz = Featurizer(Lexicon())
    assert fz.keys(["وبالمدينة", "لسامر", "والخطيب"]) == ["مدينه", "لسامر", "خطيب"]


def test_known_word_is_not_split_into_unknown_stem():
    fz = Featurizer(Lexicon(attested=frozenset({"فرنسا", "وليد"})))
    assert fz.keys(["فرنسا", "وفرنسا"]) == ["فرنسا", "فرنسا"]


def test_sentence_features():
    fz = Featurizer(_lexicon())
    feats = fz.sentence(["قال", "سامر", "الخطيب", "إن", "النهضة", "الجديدة", "وصلت"])
    assert "cue=say" in feats[0]
    assert "g=PERS" in feats[2] and "-1cue=say" in feats[1]
    assert "gp=B-ORG" in feats[4] and "gp=I-ORG" in feats[5]
    assert "first" in feats[0] and "+1w=</s>" in feats[6]


def test_label_memory_leaves_out_own_counts():
    mem = LabelMemory()
    mem.add(["خطيب", "قال"], ["B-PERS", "O"])
    assert "m=PERS:all" in mem.features("خطيب")
    assert mem.features("خطيب", minus=mem.counts["خطيب"].copy()) == ["m=unseen"]


def test_letter_model_guesses_from_letters():
    model = LetterModel.fit([("فيلدمان", "PERS"), ("روبرتسون", "PERS"), ("يذهب", "O"), ("يكتب", "O")] * 3)
    assert model.guess("هوفمان")[0] == "PERS"
    assert model.guess("يلعب")[0] == "O"


def test_document_features_spread_first_pass_types():
    keys = [["وزير", "دفاع", "دونالد", "رامسفيلد"], ["قال", "رامسفيلد"]]
    first = [["O", "O", "B-PERS", "I-PERS"], ["O", "O"]]
    doc = document_features(keys, first, window=5)
    assert "d=PERS" in doc[1][1] and "p1=O" in doc[1][1]
    assert "d=PERS" not in doc[1][0]


def test_dictionary_classes_and_unknown_words():
    # a proper noun, a verb, and a transliterated name no dictionary lists
    fz = Featurizer(Lexicon(dictionary={"سامر": "P/3", "وصل": "NV/5"}))
    feats = fz.sentence(["وصل", "سامر", "وفيلدمان", "."])
    assert "d=P" in feats[1] and "df=3" in feats[1] and "-1d=P" in feats[2]
    assert {"d=N", "d=V", "df=5"} <= set(feats[0])
    assert "d=0" in feats[2] and not any(f.startswith("df=") for f in feats[2])
    assert not any(f.startswith("d=") for f in feats[3])  # punctuation is not looked up


def test_no_dictionary_no_dictionary_features():
    feats = Featurizer(Lexicon()).sentence(["وصل", "سامر"])
    assert not any(f.startswith(("d=", "df=")) for row in feats for f in row)


def test_topic_of_the_sentence_joins_name_flags():
    # a sports word anywhere in the sentence marks every word, and joins the gazetteer flag of a city
    fz = Featurizer(Lexicon(phrases={("مدريد",): frozenset({"LOC"})}))
    sport = fz.sentence(["خسر", "مدريد", "المباراة", "أمس"])
    assert "t=sport" in sport[0] and "g=LOC&sport" in sport[1]
    plain = fz.sentence(["زار", "الوزير", "مدريد", "أمس"])
    assert not any(f.startswith("t=") or "&" in f for row in plain for f in row)
