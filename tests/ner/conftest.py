"""A tiny NER training set written for these tests (no corpus text), and a model trained on it once."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

PEOPLE = [["سامر", "الخطيب"], ["ليلى", "حداد"], ["مروان", "العلي"], ["يوسف", "النجار"], ["هالة", "القاسم"],
          ["طارق", "الزين"], ["نبيل", "عواد"], ["رنا", "السعدي"]]
ORGS = [["حركة", "النهضة", "الجديدة"], ["لواء", "الفجر"], ["جمعية", "الأمل"], ["شركة", "النور"],
        ["حزب", "العدالة"], ["مجلس", "الشورى"]]
PLACES = [["دمشق"], ["حلب"], ["عمان"], ["بيروت"], ["القاهرة"], ["تونس"], ["الخرطوم"]]
TEMPLATES = [
    "قال الوزير {P} إن {O} ستعقد اجتماعا في {L} .",
    "وأعلن المتحدث باسم {O} {P} أن الهجوم وقع قرب {L} .",
    "التقى الرئيس {P} وفدا من {O} في مدينة {L} .",
    "وأكد {P} أن {O} لن تنسحب من {L} .",
    "وصل {P} إلى {L} أمس .",
    "نفت {O} ما نشر عن انسحابها من {L} .",
    "وذكر مراسلنا في {L} أن {P} غادر البلاد .",
    "وقالت {O} في بيان إن قواتها دخلت {L}",
]


def tiny_sentences() -> list[list[tuple[str, str]]]:
    """Sentences made from the templates, with BIO tags."""
    out = []
    combos = itertools.product(range(len(TEMPLATES)), range(len(PEOPLE)))
    for k, (t, p) in enumerate(combos):
        slots = {"P": (PEOPLE[p], "PERS"), "O": (ORGS[(k + p) % len(ORGS)], "ORG"),
                 "L": (PLACES[(k * 3 + p) % len(PLACES)], "LOC")}
        sent = []
        for word in TEMPLATES[t].split():
            if word.startswith("{") and word.endswith("}"):
                words, typ = slots[word[1]]
                sent += [(w, ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words)]
            else:
                sent.append((word, "O"))
        out.append(sent)
    return out


def write_conll(path: Path, sentences) -> Path:
    path.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in sentences) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_conll(tmp_path_factory) -> Path:
    return write_conll(tmp_path_factory.mktemp("ner") / "tiny.conll", tiny_sentences())


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, tiny_conll) -> Path:
    """A two-pass model trained on the tiny set (a few seconds)."""
    from rasid.ner.train import TrainConfig, train_from_files

    out = tmp_path_factory.mktemp("ner-model")
    config = TrainConfig(iterations=30, folds=2, workers=1, clusters=False, knowledge_base=False)
    train_from_files([tiny_conll], out, None, config, quiet=True)
    return out
