"""Coverage and hygiene of the non-Syrian actor files (regions, international bodies, outlets)."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from functools import lru_cache
from importlib import resources

import pytest
import yaml

from rasid.kb.actors import load_registry, normalize_alias
from rasid.kb.matcher import NameMatcher
from rasid.stages.normalize import normalize_for_matching

# file -> (minimum actors, minimum aliases counting the canonical `ar`)
FILES = {
    "iraq.yaml": (90, 340),
    "yemen.yaml": (35, 240),
    "libya.yaml": (60, 240),
    "palestine.yaml": (85, 330),
    "lebanon.yaml": (35, 120),
    "sudan.yaml": (65, 280),
    "regional.yaml": (60, 210),
    "international.yaml": (65, 220),
    "outlets.yaml": (150, 480),
}
COUNTRY_FILES = {
    "iraq.yaml": "IRQ", "yemen.yaml": "YEM", "libya.yaml": "LBY", "palestine.yaml": "PSE",
    "lebanon.yaml": "LBN", "sudan.yaml": "SDN", "regional.yaml": "EGY",
}
KEYS = {"id", "name", "ar", "category", "country", "kind", "valid", "parent", "affiliations", "aliases"}
REQUIRED = {"id", "name", "ar", "category", "country", "kind"}
KINDS = {"state", "government", "military", "security", "police", "rebel", "jihadist", "militia", "party",
         "international", "ngo", "monitor", "outlet", "civil", "tribe", "other"}
ALIAS_KEYS = {"text", "from", "to", "context"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
# ordinary Arabic words (or shared state vocabulary) that must never be a context-free alias
NEVER_BARE = {
    "فتح", "أمل", "الأمل", "الوطن", "الشرق", "الحياة", "المدن", "الثورة", "الأخبار", "الجزيرة", "العربية",
    "الميادين", "المسيرة", "النهار", "الحدث", "القاعدة", "الإصلاح", "الشباب", "الحزب", "الدولة", "الجيش",
    "النصر", "الحكومة", "الشرطة", "المقاومة", "التحالف", "البيان", "الخليج", "الغد", "معا", "فارس", "قنا",
    "تشرين", "الإخبارية", "الحرة", "المنار", "العالم", "السلطة", "المقاتلة", "الشرعية", "الانتقالي",
    "العمالقة", "الحشد", "الصحوة", "وزارة الدفاع", "وزارة الداخلية", "وزارة الخارجية", "وزارة الصحة",
    "القوات الحكومية", "القوات الأمنية", "قوات الأمن", "الدفاع المدني", "مجلس النواب", "البرلمان",
    "الجيش الوطني", "القيادة العامة", "المجلس الرئاسي", "المجلس الانتقالي", "الأمن العام", "المخابرات",
    "وام", "واع", "بنا", "كان", "المؤتمر الوطني", "الإسلاميين", "المتمردين",
}
EARLIEST, LATEST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@lru_cache(maxsize=None)
def records(filename: str) -> tuple[dict, ...]:
    """The records of one actor file, as YAML gives them."""
    text = resources.files("rasid").joinpath("data", "actors", filename).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, list), f"{filename}: the file must be a list of records"
    return tuple(data)


def all_records() -> list[tuple[str, dict]]:
    return [(f, r) for f in FILES for r in records(f)]


def alias_entries(record: dict) -> list[dict]:
    """Every alias of a record as {text, from, to, context}, the canonical `ar` first."""
    out = [{"text": record["ar"], "from": None, "to": None, "context": None}]
    for a in record.get("aliases") or []:
        a = {"text": a} if isinstance(a, str) else a
        out.append({"text": a["text"], "from": a.get("from"), "to": a.get("to"), "context": a.get("context")})
    return out


def period(entry: dict) -> tuple[dt.date, dt.date]:
    """The days an alias can name its actor (the registry reads only the alias's own dates)."""
    return entry["from"] or EARLIEST, entry["to"] or LATEST


@pytest.mark.parametrize("filename", FILES)
def test_records_are_well_formed(filename):
    for r in records(filename):
        where = f"{filename}:{r.get('id')}"
        assert REQUIRED <= set(r), f"{where}: missing {REQUIRED - set(r)}"
        assert set(r) <= KEYS, f"{where}: unknown keys {set(r) - KEYS}"
        assert ID_PATTERN.match(r["id"]), where
        assert r["category"] in range(1, 9), where
        assert r["kind"] in KINDS, where
        assert ISO3.match(r["country"]), where
        assert r["name"].strip() == r["name"] and r["ar"].strip() == r["ar"], where
        if "valid" in r:
            start, end = r["valid"]
            assert start is None or isinstance(start, dt.date), where
            assert end is None or (isinstance(end, dt.date) and (start is None or start <= end)), where
        for aff in r.get("affiliations") or []:
            assert set(aff) <= {"parent", "from", "to"} and "parent" in aff, where
        for a in r.get("aliases") or []:
            if isinstance(a, dict):
                assert set(a) <= ALIAS_KEYS and isinstance(a.get("text"), str), f"{where}: {a}"
                assert a.get("context") is None or ISO3.match(a["context"]), f"{where}: {a}"
                for key in ("from", "to"):
                    assert a.get(key) is None or isinstance(a[key], dt.date), f"{where}: {a}"
                if a.get("from") and a.get("to"):
                    assert a["from"] <= a["to"], f"{where}: {a}"
            else:
                assert isinstance(a, str), f"{where}: {a!r}"
        for e in alias_entries(r):
            assert e["text"] and e["text"].strip() == e["text"] and "  " not in e["text"], f"{where}: {e}"


def test_ids_are_unique_and_parents_exist():
    ids = [r["id"] for _, r in all_records()]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    known = set(load_registry().actors)  # parents may live in the Syrian files (un, isr.forces, ...)
    assert set(ids) <= known
    for f, r in all_records():
        parents = [r["parent"]] if r.get("parent") else []
        parents += [a["parent"] for a in r.get("affiliations") or []]
        for p in parents:
            assert p in known, f"{f}:{r['id']}: unknown parent {p}"


@pytest.mark.parametrize("filename", FILES)
def test_counts_per_file(filename):
    min_actors, min_aliases = FILES[filename]
    recs = records(filename)
    n_aliases = sum(len(alias_entries(r)) for r in recs)
    assert len(recs) >= min_actors, f"{filename}: {len(recs)} actors"
    assert n_aliases >= min_aliases, f"{filename}: {n_aliases} aliases"


def test_totals():
    recs = [r for _, r in all_records()]
    assert len(recs) >= 220
    assert sum(len(alias_entries(r)) for r in recs) >= 900
    outlets = [r for r in records("outlets.yaml")]
    assert len(outlets) >= 60 and all(r["kind"] == "outlet" and r["category"] == 8 for r in outlets)


@pytest.mark.parametrize("filename, country", COUNTRY_FILES.items())
def test_country_files_have_state_forces_and_armed_groups(filename, country):
    mine = [r for r in records(filename) if r["country"] == country]
    assert any(r["kind"] == "state" for r in mine), f"{filename}: no state"
    assert any(r["category"] == 1 and r["kind"] in {"military", "police", "security"} for r in mine)
    assert any(r["kind"] == "government" for r in mine), f"{filename}: no government"
    if filename != "regional.yaml":
        assert any(r["category"] in {2, 3, 4} for r in mine), f"{filename}: no non-state armed group"


def test_ordinary_words_are_never_context_free_aliases():
    bare = {normalize_for_matching(w) for w in NEVER_BARE}
    for f, r in all_records():
        for e in alias_entries(r):
            if e["context"] is None:
                assert normalize_for_matching(e["text"]) not in bare, f"{f}:{r['id']}: {e['text']}"


def test_no_alias_is_shared_without_dates_or_context():
    """Two actors may share a normalised alias only in disjoint periods or distinct contexts.

    A context-bound alias wins in its country and a context-free one elsewhere, so only the
    same context (or both context-free) with overlapping dates is ambiguous.
    """
    by_text: dict[str, list[tuple[str, dict]]] = {}
    for f, r in all_records():
        seen = set()
        for e in alias_entries(r):
            key = (normalize_for_matching(e["text"]), e["context"], e["from"], e["to"])
            assert key not in seen, f"{f}:{r['id']}: alias listed twice: {e['text']}"
            seen.add(key)
            by_text.setdefault(key[0], []).append((r["id"], e))
    for text, uses in by_text.items():
        for (id1, e1), (id2, e2) in itertools.combinations(uses, 2):
            if id1 == id2:
                continue
            if e1["context"] != e2["context"]:
                continue
            (s1, t1), (s2, t2) = period(e1), period(e2)
            assert t1 < s2 or t2 < s1, f"{text!r} names both {id1} and {id2}"


# ---- through the registry: names shared across countries and periods code to the right actor ------------

@pytest.mark.parametrize("text, day, context, expected", [
    ("الجنجويد", dt.date(2005, 6, 1), None, "sdn.janjaweed"),
    ("الجنجويد", dt.date(2023, 6, 1), None, "sdn.rsf"),
    ("حكومة طرابلس", dt.date(2015, 1, 10), "LBY", "lby.salvation_gov"),
    ("حكومة طرابلس", dt.date(2019, 4, 10), "LBY", "lby.gna"),
    ("حكومة طرابلس", dt.date(2024, 6, 27), "LBY", "lby.gnu"),
    ("الجيش الليبي", dt.date(2013, 5, 1), None, "lby.forces"),
    ("الجيش الليبي", dt.date(2019, 5, 1), None, "lby.lna"),
    ("الجيش", dt.date(2019, 5, 1), "LBY", "lby.lna"),
    ("الجيش", dt.date(2018, 4, 12), "IRQ", "irq.forces"),
    ("الجيش", dt.date(2023, 4, 28), "SDN", "sdn.saf"),
    ("الجيش", dt.date(2018, 2, 23), "YEM", "yem.forces"),
    ("الجيش", dt.date(2023, 7, 30), "LBN", "lbn.forces"),
    ("الجيش الوطني", dt.date(2018, 2, 23), "YEM", "yem.forces"),
    ("الجيش الوطني", dt.date(2019, 4, 10), "LBY", "lby.lna"),
    ("القوات المسلحة اليمنية", dt.date(2010, 1, 1), None, "yem.forces"),
    ("القوات المسلحة اليمنية", dt.date(2024, 1, 27), None, "yem.houthis"),
    ("اللجان الشعبية", dt.date(2012, 8, 1), "YEM", "yem.popular_committees"),
    ("اللجان الشعبية", dt.date(2016, 8, 1), "YEM", "yem.houthis"),
    ("الحركة الشعبية", dt.date(2005, 1, 9), "SDN", "ssd.splm"),
    ("الحركة الشعبية", dt.date(2014, 1, 1), "SDN", "sdn.splmn"),
    ("الحركة الشعبية", dt.date(2020, 1, 1), "SDN", "sdn.splmn_hilu"),
    ("التحالف", dt.date(2018, 2, 23), "YEM", "yem.coalition"),
    ("وزارة الصحة", dt.date(2023, 10, 30), "PSE", "pse.moh_gaza"),
    ("وزارة الصحة", dt.date(2018, 5, 2), "LBY", "lby.moh"),
    ("وزارة الصحة", dt.date(2024, 9, 20), "LBN", "lbn.moh"),
    ("الدفاع المدني", dt.date(2024, 10, 19), "PSE", "pse.civil_defence"),
    ("القوة المشتركة", dt.date(2023, 7, 30), "LBN", "lbn.joint_security_force"),
    ("القوة المشتركة", dt.date(2024, 5, 1), "SDN", "sdn.joint_force"),
    ("المجلس الانتقالي", dt.date(2019, 8, 10), "YEM", "yem.stc"),
    ("المجلس الانتقالي", dt.date(2011, 8, 1), "LBY", "lby.ntc"),
    ("منظمة المؤتمر الإسلامي", dt.date(2005, 1, 1), None, "int.oic"),
    ("حركة حماس", dt.date(2024, 10, 19), None, "pse.hamas"),
    ("كتائب القسام", dt.date(2023, 10, 30), None, "pse.qassam"),
    ("الحشد الشعبي", dt.date(2018, 4, 12), None, "irq.pmf"),
    ("كتائب حزب الله", dt.date(2024, 1, 28), None, "irq.kataib_hezbollah"),
    ("قوات الدعم السريع", dt.date(2023, 4, 28), None, "sdn.rsf"),
    ("مجلس الأمن", dt.date(2018, 4, 9), None, "un.unsc"),
    ("الأونروا", dt.date(2023, 10, 30), None, "un.unrwa"),
    ("وكالة الأنباء الفلسطينية", dt.date(2024, 10, 19), None, "pse.outlet.wafa"),
    ("فرانس برس", dt.date(2018, 4, 12), None, "fra.outlet.afp"),
])
def test_shared_names_resolve_by_date_and_country(text, day, context, expected):
    actor = load_registry().resolve(normalize_alias(text), on=day, context=context)
    assert actor is not None and actor.id == expected


@lru_cache(maxsize=1)
def context_free_matcher() -> NameMatcher:
    """A matcher over every alias of these files that fires whatever the article's country."""
    return NameMatcher((e["text"], r["id"]) for _, r in all_records() for e in alias_entries(r)
                       if e["context"] is None)


@pytest.mark.parametrize("sentence", [
    "فتح الباب أمام عودة الأمل إلى السكان في الشرق الأوسط بعد سنوات من الحرب",
    "تحدث الوزير باللغة العربية عن الإصلاح الاقتصادي وعن الثورة الصناعية في الجزيرة العربية",
    "انطلقت المسيرة السلمية في وضح النهار نحو الميادين العامة وسط حشد كبير من الأهالي",
    "أكدت مصادر أن القاعدة الجوية تضررت وأن الطائرات عادت إلى قاعدتها على الفور",
    "قال فارس إن الحدث كان مهما لنشرة الأخبار وللوطن وللحياة اليومية في المدن الكبرى",
    "حذر النائب من الحشد العسكري على الحدود ومن تأخر العدالة لأولياء الدم في قضايا القصاص",
    "شارك الشباب معا في مهرجان الغد الثقافي خلال شهر تشرين الأول في ميناء الفاو الكبير",
    "أعلنت الدولة أن الحكومة والحزب الحاكم يدعمان الشرعية الدستورية وسيادة القانون",
])
def test_ordinary_sentences_name_no_actor(sentence):
    hits = context_free_matcher().find(normalize_for_matching(sentence))
    assert not hits, [(h.key, h.value) for h in hits]
