"""Training on a tiny slice, loading the model files, tagging, scoring, and the `rasid eval ner` command."""
from __future__ import annotations

import json
import time

import pytest

from rasid.ner import MODEL_FILES
from rasid.ner.evaluate import score
from rasid.ner.tagger import ModelMissing, NerTagger
from rasid.ner.train import TrainConfig, train_from_files


def test_tiny_training_is_fast_and_complete(tmp_path, tiny_conll):
    t0 = time.time()
    config = TrainConfig(iterations=30, folds=2, workers=2, clusters=True, knowledge_base=False)
    summary = train_from_files([tiny_conll], tmp_path, None, config, quiet=True)
    assert time.time() - t0 < 60
    assert summary["sentences"] > 50
    for name in MODEL_FILES.values():
        assert (tmp_path / name).is_file(), name
    meta = json.loads((tmp_path / MODEL_FILES["meta"]).read_text(encoding="utf-8"))
    assert meta["config"]["seed"] == 13 and meta["versions"]["python-crfsuite"]


def test_model_loads_and_tags_a_new_sentence(tiny_model):
    tagger = NerTagger.load(tiny_model)
    words = "وقال الوزير سامر الخطيب إن لواء الفجر ستعقد اجتماعا في حلب".split()
    tags = tagger.tag_words(words)
    assert len(tags) == len(words)
    assert tags[2:4] == ["B-PERS", "I-PERS"]
    assert tags[-1] == "B-LOC"  # a sentence-final entity with no full stop after it


def test_document_tagging_keeps_sentence_lengths(tiny_model):
    tagger = NerTagger.load(tiny_model)
    out = tagger.tag_sentences([["وصل", "يوسف", "النجار", "إلى", "بيروت"], [], ["انتهى"]])
    assert [len(t) for t in out] == [5, 0, 1]


def test_missing_model_is_reported(tmp_path):
    with pytest.raises(ModelMissing):
        NerTagger.load(tmp_path / "nothing")


def test_score_is_exact_span():
    gold = [("B-PERS", "I-PERS", "O", "B-LOC")]
    pred = [("B-PERS", "O", "O", "B-LOC")]
    r = score(gold, pred)
    assert r["per_type"]["LOC"]["f1"] == 100.0
    assert r["per_type"]["PERS"]["tp"] == 0 and r["per_type"]["PERS"]["fp"] == 1
    assert r["precision"] == 50.0 and r["recall"] == 50.0


def test_eval_command_json(tiny_model, tiny_conll, capsys):
    from rasid.cli import main

    assert main(["eval", "ner", "--test", str(tiny_conll), "--model", str(tiny_model), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"f1", "per_type", "tokens_per_s", "precision", "recall"}
    assert out["f1"] > 90 and set(out["per_type"]) == {"PERS", "ORG", "LOC"}


def test_train_command_on_files(tmp_path, tiny_conll, capsys):
    from rasid.cli import main

    args = ["train", "ner", "--train", str(tiny_conll), "--out", str(tmp_path), "--quiet", "--nlp-dir",
            str(tmp_path / "none"), "--set", "iterations=20", "two_pass=false", "clusters=false"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["sentences"] > 50
    assert not (tmp_path / MODEL_FILES["pass2"]).exists()


def test_built_model_tags_a_sentence():
    """The model `rasid data build` trained (skipped where it has not been built)."""
    from rasid.ner import MODEL_DIR
    from rasid.settings import load_settings

    model_dir = load_settings().data_dir / MODEL_DIR
    if not (model_dir / MODEL_FILES["meta"]).is_file():
        pytest.skip(f"no NER model in {model_dir}: run `rasid data build` to test it")
    tagger = NerTagger.load(model_dir)
    words = "وقال وزير الخارجية الأردني أيمن الصفدي في عمان إن الاجتماع انتهى".split()
    tags = tagger.tag_words(words)
    assert tags[4:6] == ["B-PERS", "I-PERS"]
    assert tags[7] == "B-LOC"
