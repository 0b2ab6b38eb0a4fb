"""rasid's trained Arabic named-entity recogniser (PERS, LOC, ORG, MISC): a two-pass CRF.

Trained by `rasid data build` (or `rasid train ner`) from ../shared/nlp into `<data_dir>/ner/`;
never committed, since ANERcorp is licensed for research only. See `rasid.ner.train`.
"""
MODEL_DIR = "ner"
MODEL_FILES = {
    "pass1": "pass1.crfsuite",
    "pass2": "pass2.crfsuite",
    "lexicon": "lexicon.json",
    "wordstats": "wordstats.json",
    "meta": "meta.json",
}
