"""The dictionary of word classes read from Arramooz's word list (installed by the `ner` extra)."""
from __future__ import annotations

import sqlite3

import pytest

from rasid.ner.features import Lexicon
from rasid.ner.lexicons import dictionary_entries, dictionary_file, load_lexicon, save_lexicon


def _word_list(path, rows):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE wordfreq (id INTEGER, vocalized TEXT, unvocalized TEXT, word_type TEXT,"
                   " freq INTEGER, future_type TEXT)")
        db.executemany("INSERT INTO wordfreq VALUES (?, '', ?, ?, ?, '')",
                       [(i, *r) for i, r in enumerate(rows)])
    return path


def test_entries_merge_classes_and_normalise(tmp_path):
    path = _word_list(tmp_path / "wordfreq.sqlite", [
        ("أحمد", "noun_prop", 384000), ("أحمد", "adj_comp", 2000), ("مدرسة", "noun", 900),
        ("على", "prep", 10 ** 7), ("ذهب", "verb", 50)])
    entries = dictionary_entries(path)
    assert entries["احمد"] == "JP/5"  # hamza folded, classes merged, frequencies added
    assert entries["مدرسه"] == "N/2"  # taa marbuta folded as the features fold it
    assert entries["علي"] == "F/6"  # capped band
    assert entries["ذهب"] == "V/1"


def test_lexicon_keeps_dictionary_through_save_and_load(tmp_path):
    lex = Lexicon(dictionary={"سامر": "P/3"})
    save_lexicon(lex, tmp_path / "lexicon.json")
    assert load_lexicon(tmp_path / "lexicon.json").dictionary == {"سامر": "P/3"}


def test_installed_word_list_knows_names_and_verbs():
    path = dictionary_file()
    if path is None:
        pytest.skip("arramooz-pysqlite is not installed (pip install 'rasid[ner]')")
    entries = dictionary_entries(path)
    assert len(entries) > 20000
    assert "P" in entries["محمد"].split("/")[0]
    assert "V" in entries["قتل"].split("/")[0]
