"""Tests for rasid/kb/actors.py and the actor files in rasid/data/actors/."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations

import pytest

from rasid.errors import DataError
from rasid.kb.actors import Alias, load_registry, load_registry_from, normalize_alias

FAR_PAST, FAR_FUTURE = date(1900, 1, 1), date(2100, 1, 1)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _day_inside(alias: Alias) -> date | None:
    """A day inside the alias's validity (None for an undated alias: any day will do)."""
    if alias.valid_from and alias.valid_to:
        return alias.valid_from + (alias.valid_to - alias.valid_from) / 2
    return alias.valid_from or alias.valid_to


def _overlap(a: Alias, b: Alias) -> bool:
    start = max(a.valid_from or FAR_PAST, b.valid_from or FAR_PAST)
    end = min(a.valid_to or FAR_FUTURE, b.valid_to or FAR_FUTURE)
    return start <= end


# ---- the whole registry -------------------------------------------------------------------------

def test_every_alias_resolves_to_its_actor(registry):
    failures = []
    for alias in registry.aliases():
        for day in {_day_inside(alias), alias.valid_from, alias.valid_to} - {None} or {date(2018, 3, 12)}:
            actor = registry.resolve(alias.norm, on=day, context=alias.context)
            if actor is None or actor.id != alias.actor_id:
                failures.append(f"{alias.text!r} on {day} ({alias.context}) -> "
                                f"{actor.id if actor else None}, expected {alias.actor_id}")
    assert not failures, f"{len(failures)} aliases resolve elsewhere:\n" + "\n".join(failures[:30])


def test_no_two_actors_share_an_alias_without_a_date_or_context_rule(registry):
    by_norm: dict[str, list[Alias]] = defaultdict(list)
    for alias in registry.aliases():
        by_norm[alias.norm].append(alias)
    clashes = [
        f"{a.text!r}: {a.actor_id} and {b.actor_id} (context {a.context}, "
        f"{a.valid_from}..{a.valid_to} vs {b.valid_from}..{b.valid_to})"
        for aliases in by_norm.values() for a, b in combinations(aliases, 2)
        if a.actor_id != b.actor_id and a.context == b.context and _overlap(a, b)
    ]
    assert not clashes, ("give one alias from/to dates or a context, or drop it:\n" + "\n".join(clashes[:30]))


def test_aliases_carry_no_attached_clitics(registry):
    clitic = ("وال", "بال", "فال", "كال", "لل")
    bad = [f"{a.text!r} ({a.actor_id})" for a in registry.aliases() if a.text.startswith(clitic)]
    assert not bad, "write aliases without و ف ب ل ك لل: " + ", ".join(bad[:20])


def test_every_parent_chain_ends(registry):
    for actor in registry.actors.values():
        seen, current = set(), actor
        while current.parent is not None:
            assert current.id not in seen, f"parent cycle through {current.id}"
            seen.add(current.id)
            current = registry.actors[current.parent]


def test_alias_norm_is_normalised_and_trimmed(registry):
    for alias in registry.aliases():
        assert alias.norm == normalize_alias(alias.text)
        assert "  " not in alias.norm and alias.norm == alias.norm.strip()


def test_canonical_arabic_name_is_an_alias(registry):
    for actor in registry.actors.values():
        assert normalize_alias(actor.ar) in {a.norm for a in actor.aliases}, actor.id


def test_coverage(registry):
    syrian = [a for a in registry.actors.values() if a.country == "SYR" and not a.is_outlet]
    assert len(syrian) >= 200
    assert sum(len(a.aliases) for a in syrian) >= 1200
    assert len(registry.actors) >= 400
    assert sum(1 for _ in registry.aliases()) >= 2000


def test_load_registry_is_cached_and_has_a_digest(registry):
    assert load_registry() is registry
    assert len(registry.digest) == 64


# ---- dates: each article gets the actors of its own day ---------------------------------------------

@pytest.mark.parametrize("text, day, context, expected", [
    ("الجيش السوري", date(2016, 5, 1), None, "syr.gov.forces"),
    ("الجيش السوري", date(2025, 3, 8), None, "syr.transgov.forces"),
    ("الجيش العربي السوري", date(2016, 5, 1), None, "syr.gov.forces"),
    ("الجيش العربي السوري", date(2025, 3, 8), None, "syr.transgov.forces"),
    ("قوات الحكومة السورية", date(2018, 6, 23), None, "syr.gov.forces"),
    ("قوات الحكومة السورية", date(2025, 7, 15), None, "syr.transgov.forces"),
    ("الجيش", date(2018, 6, 23), "SYR", "syr.gov.forces"),
    ("الجيش", date(2025, 7, 15), "SYR", "syr.transgov.forces"),
    ("الحكومة السورية", date(2018, 2, 17), None, "syr.gov"),
    ("الحكومة السورية", date(2025, 1, 5), None, "syr.transgov"),
    ("وزارة الدفاع السورية", date(2024, 3, 27), None, "syr.gov.mod"),
    ("وزارة الدفاع السورية", date(2025, 2, 1), None, "syr.transgov.mod"),
    ("الجيش السوري", date(2024, 12, 8), None, "syr.gov.forces"),
    ("الجيش السوري", date(2024, 12, 9), None, "syr.transgov.forces"),
    ("هيئة تحرير الشام", date(2018, 3, 12), None, "syr.hts"),
    ("هيئة تحرير الشام", date(2025, 6, 1), None, "syr.hts"),
    ("جبهة النصرة", date(2016, 1, 10), None, "syr.nusra"),
    ("النصرة", date(2018, 3, 12), None, "syr.nusra"),
    ("الهيئة", date(2024, 3, 27), "SYR", "syr.hts"),
])
def test_same_name_codes_to_the_actor_of_its_date(registry, text, day, context, expected):
    assert registry.resolve(normalize_alias(text), on=day, context=context).id == expected


def test_hts_existed_in_2018_not_in_2016(registry):
    hts = registry.actors["syr.hts"]
    assert not hts.valid_on(date(2016, 6, 1))
    assert hts.valid_on(date(2018, 3, 12))
    assert registry.resolve("الهيئه", on=date(2016, 6, 1), context="SYR") is None


@pytest.mark.parametrize("actor_id, day, parent", [
    ("syr.nusra", date(2014, 6, 1), "int.al_qaeda"),
    ("syr.nusra", date(2016, 1, 10), "int.al_qaeda"),
    ("syr.nusra", date(2018, 3, 12), "syr.hts"),
    ("syr.nusra", date(2012, 6, 1), None),
    ("syr.ahrar_al_sham", date(2015, 8, 1), "syr.islamic_front"),
    ("syr.ahrar_al_sham", date(2019, 5, 1), "syr.nlf"),
    ("syr.hamza_division", date(2020, 1, 1), "syr.sna"),
    ("syr.hamza_division", date(2025, 6, 1), "syr.transgov.forces"),
    ("syr.ypg", date(2018, 2, 17), "syr.sdf"),
    ("syr.ypg", date(2014, 10, 1), None),
])
def test_affiliation_is_dated(registry, actor_id, day, parent):
    assert registry.affiliation(actor_id, on=day) == parent


def test_resolve_without_a_date_prefers_what_is_valid_today(registry):
    assert registry.resolve(normalize_alias("الجيش السوري")).id == "syr.transgov.forces"
    assert {a.actor_id for a in registry.candidates(normalize_alias("الجيش السوري"))} == {
        "syr.gov.forces", "syr.transgov.forces"}


def test_context_bound_alias_needs_its_context(registry):
    assert registry.resolve(normalize_alias("النظام"), on=date(2018, 3, 12), context="SYR").id == "syr.gov"
    assert registry.resolve(normalize_alias("النظام"), on=date(2018, 3, 12)) is None
    assert registry.resolve(normalize_alias("المرصد"), context="IRQ") is None


def test_inter_code_of_state_forces_abroad_is_external(registry):
    russia = registry.actors["rus.forces"]
    assert russia.inter("SYR") == 8 and russia.inter("RUS") == 1 and russia.inter(None) == 1
    assert registry.actors["syr.hts"].inter("SYR") == 2


# ---- alias families ---------------------------------------------------------------------------

FAMILIES = {
    "regime forces": [
        ("قوات النظام", "syr.gov.forces", 1), ("قوات الأسد", "syr.gov.forces", 1),
        ("عصابات الأسد", "syr.gov.forces", 1), ("ميليشيات الأسد", "syr.gov.forces", 1),
        ("القوات النظامية", "syr.gov.forces", 1), ("طيران النظام", "syr.gov.air_force", 1),
        ("الحرس الجمهوري", "syr.gov.republican_guard", 1), ("الفرقة الرابعة", "syr.gov.4th_division", 1),
        ("قوات النمر", "syr.gov.tiger_forces", 1), ("الفيلق الخامس", "syr.gov.5th_corps", 1),
        ("المخابرات الجوية", "syr.gov.air_force_intelligence", 1),
        ("الأمن العسكري", "syr.gov.military_intelligence", 1),
        ("قوات الدفاع الوطني", "syr.ndf", 3), ("الدفاع الوطني", "syr.ndf", 3),
        ("الشبيحة", "syr.shabiha", 3), ("لواء القدس", "syr.liwa_al_quds", 3),
        ("كتائب البعث", "syr.baath_brigades", 3), ("النظام السوري", "syr.gov", 1),
        ("النظام", "syr.gov", 1),
    ],
    "Russia": [
        ("روسيا", "rus.state", 1), ("الروس", "rus.state", 1), ("موسكو", "rus.state", 1),
        ("الكرملين", "rus.state", 1), ("القوات الروسية", "rus.forces", 1),
        ("العدوان الروسي", "rus.forces", 1), ("الطيران الروسي", "rus.air_force", 1),
        ("الطائرات الروسية", "rus.air_force", 1), ("وزارة الدفاع الروسية", "rus.mod", 1),
        ("مركز المصالحة", "rus.reconciliation_center", 1), ("المركز الروسي", "rus.reconciliation_center", 1),
        ("قاعدة حميميم", "rus.hmeimim", 1), ("فاغنر", "rus.wagner", 8),
    ],
    "Iran and militias": [
        ("إيران", "irn.state", 1), ("طهران", "irn.state", 1),
        ("الحرس الثوري الإيراني", "irn.irgc", 1), ("فيلق القدس", "irn.quds_force", 1),
        ("الميليشيات الإيرانية", "irn.militias", 3), ("الميليشيات الموالية لإيران", "irn.militias", 3),
        ("لواء فاطميون", "irn.fatemiyoun", 3), ("زينبيون", "irn.zainabiyoun", 3),
        ("حزب الله", "lbn.hezbollah", 3), ("ميليشيا حزب الله", "lbn.hezbollah", 3),
    ],
    "opposition": [
        ("الجيش الحر", "syr.fsa", 2), ("الجيش السوري الحر", "syr.fsa", 2),
        ("جيش الإسلام", "syr.jaysh_al_islam", 2), ("فيلق الرحمن", "syr.faylaq_al_rahman", 2),
        ("أحرار الشام", "syr.ahrar_al_sham", 2), ("حركة أحرار الشام الإسلامية", "syr.ahrar_al_sham", 2),
        ("جيش العزة", "syr.jaysh_al_izza", 2), ("حركة نور الدين الزنكي", "syr.zenki", 2),
        ("الجبهة الوطنية للتحرير", "syr.nlf", 2), ("فيلق الشام", "syr.faylaq_al_sham", 2),
        ("فصائل المعارضة", "syr.opposition_factions", 2), ("المعارضة المسلحة", "syr.opposition_factions", 2),
        ("الثوار", "syr.opposition_factions", 2), ("فصائل المعارضة العسكرية", "syr.opposition_factions", 2),
        ("فصائل الغوطة", "syr.eastern_ghouta_factions", 2), ("الجبهة الجنوبية", "syr.southern_front", 2),
        ("اللواء الثامن", "syr.eighth_brigade", 2), ("إدارة العمليات العسكرية", "syr.moc", 2),
        ("الحكومة السورية المؤقتة", "syr.interim_government", None),
        ("الائتلاف الوطني السوري", "syr.national_coalition", None),
        ("حكومة الإنقاذ", "syr.salvation_government", None),
    ],
    "jihadists": [
        ("داعش", "int.islamic_state", 2), ("تنظيم داعش", "int.islamic_state", 2),
        ("تنظيم الدولة", "int.islamic_state", 2), ("تنظيم الدولة الإسلامية", "int.islamic_state", 2),
        ("الدولة الإسلامية في العراق والشام", "int.islamic_state", 2),
        ("جبهة فتح الشام", "syr.jfs", 2), ("هيئة تحرير الشام", "syr.hts", 2),
        ("حراس الدين", "syr.hurras_al_din", 2), ("الحزب الإسلامي التركستاني", "syr.tip", 2),
        ("الحزب التركستاني", "syr.tip", 2), ("جند الأقصى", "syr.jund_al_aqsa", 2),
        ("تنظيم القاعدة في بلاد الشام", "syr.nusra", 2),
    ],
    "Kurdish": [
        ("قوات سوريا الديمقراطية", "syr.sdf", 2), ("قوات سوريا الديموقراطية", "syr.sdf", 2),
        ("قسد", "syr.sdf", 2), ("وحدات حماية الشعب", "syr.ypg", 2),
        ("وحدات حماية الشعب الكردية", "syr.ypg", 2), ("وحدات حماية المرأة", "syr.ypj", 2),
        ("حزب العمال الكردستاني", "tur.pkk", 2), ("الأسايش", "syr.asayish", 3),
        ("حزب الاتحاد الديمقراطي", "syr.pyd", 3),
        ("الإدارة الذاتية", "syr.autonomous_administration", 1),
        ("مجلس منبج العسكري", "syr.manbij_military_council", 2),
        ("القوات الكردية", "syr.kurdish_forces", 2),
    ],
    "Turkey and SNA": [
        ("تركيا", "tur.state", 1), ("أنقرة", "tur.state", 1), ("القوات التركية", "tur.forces", 1),
        ("الجيش التركي", "tur.forces", 1), ("الطيران التركي", "tur.air_force", 1),
        ("المخابرات التركية", "tur.mit", 1), ("الجيش الوطني السوري", "syr.sna", 2),
        ("الجيش الوطني", "syr.sna", 2), ("الفصائل الموالية لتركيا", "syr.sna", 2),
        ("فرقة السلطان مراد", "syr.sultan_murad", 2), ("الحمزات", "syr.hamza_division", 2),
        ("العمشات", "syr.suleiman_shah", 2), ("الجبهة الشامية", "syr.levant_front", 2),
        ("أحرار الشرقية", "syr.ahrar_al_sharqiya", 2), ("جيش الشرقية", "syr.jaysh_al_sharqiya", 2),
    ],
    "coalition, US, Israel, Jordan": [
        ("التحالف الدولي", "int.coalition_isis", 8), ("التحالف", "int.coalition_isis", 8),
        ("قوات التحالف", "int.coalition_isis", 8), ("القوات الأمريكية", "usa.forces", 1),
        ("القوات الأميركية", "usa.forces", 1), ("الطيران الأمريكي", "usa.forces", 1),
        ("الولايات المتحدة", "usa.state", 1), ("واشنطن", "usa.state", 1),
        ("البنتاغون", "usa.dod", 1), ("إسرائيل", "isr.state", 1),
        ("الطيران الإسرائيلي", "isr.air_force", 1), ("الاحتلال الإسرائيلي", "isr.forces", 1),
        ("الأردن", "jor.state", 1),
    ],
    "UN, NGOs, monitors": [
        ("الأمم المتحدة", "un", 8), ("مجلس الأمن", "un.unsc", 8), ("المفوضية", "un.unhcr", 8),
        ("أوتشا", "un.ocha", 8), ("المبعوث الأممي", "un.envoy_syria", 8),
        ("الهلال الأحمر العربي السوري", "syr.sarc", 8), ("الصليب الأحمر", "int.icrc", 8),
        ("الخوذ البيضاء", "syr.white_helmets", 7), ("الدفاع المدني", "syr.white_helmets", 7),
        ("المرصد السوري لحقوق الإنسان", "syr.sohr", 8), ("المرصد", "syr.sohr", 8),
        ("الشبكة السورية لحقوق الإنسان", "syr.snhr", 8),
        ("مركز توثيق الانتهاكات", "syr.vdc", 8), ("لجان أهلية", "syr.civil_committees", 7),
        ("لجان مدنية", "syr.civil_committees", 7), ("العشائر", "syr.arab_tribes", 4),
        ("رجال الكرامة", "syr.men_of_dignity", 4),
    ],
}


@pytest.mark.parametrize("family", FAMILIES)
def test_alias_family(registry, family):
    day = date(2018, 3, 12)
    wrong = []
    for text, expected, category in FAMILIES[family]:
        actor = registry.resolve(normalize_alias(text), on=day, context="SYR")
        if actor is None or (actor.id, actor.category) != (expected, category):
            wrong.append(f"{text}: {actor and (actor.id, actor.category)} != {(expected, category)}")
    assert not wrong, "\n".join(wrong)


# ---- the loader's errors ------------------------------------------------------------------------

GOOD = """\
- id: tst.forces
  name: Test forces
  ar: قوات الاختبار
  category: 1
  country: SYR
  kind: military
  valid: [2011-03-15, 2024-12-08]
  aliases:
    - قوات التجربة
    - {text: جيش الاختبار, to: 2024-12-08, context: SYR}
"""


def _load(tmp_path, text, name="test.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_registry_from(tmp_path)


def test_loader_reads_a_directory(tmp_path):
    reg = _load(tmp_path, GOOD)
    forces = reg.actors["tst.forces"]
    assert forces.valid_from == date(2011, 3, 15) and forces.valid_to == date(2024, 12, 8)
    assert [a.text for a in forces.aliases] == ["قوات الاختبار", "قوات التجربة", "جيش الاختبار"]
    assert forces.aliases[2].context == "SYR" and forces.aliases[2].valid_to == date(2024, 12, 8)
    assert reg.resolve("جيش الاختبار", on=date(2020, 1, 1), context="SYR") is forces


def test_digest_follows_the_bytes(tmp_path):
    first = _load(tmp_path, GOOD).digest
    assert _load(tmp_path, GOOD).digest == first
    assert _load(tmp_path, GOOD + "    - قوات أخرى\n").digest != first


def test_partial_dates_take_first_and_last_day(tmp_path):
    forces = _load(tmp_path, GOOD.replace("[2011-03-15, 2024-12-08]", "[2011, 2024-02]")).actors["tst.forces"]
    assert (forces.valid_from, forces.valid_to) == (date(2011, 1, 1), date(2024, 2, 29))


@pytest.mark.parametrize("broken, message", [
    (GOOD.replace("  name: Test forces\n", ""), "missing 'name'"),
    (GOOD.replace("- id: tst.forces\n  name", "- name"), "missing 'id'"),
    (GOOD.replace("2011-03-15", "2011-13-45"), "bad date"),
    (GOOD.replace("[2011-03-15, 2024-12-08]", "[2024-12-08, 2011-03-15]"), "is after"),
    (GOOD.replace("  kind: military\n", "  kind: military\n  parent: tst.nowhere\n"), "unknown parent id 'tst.nowhere'"),
    (GOOD + GOOD.replace("قوات", "جنود"), "duplicate id"),
    (GOOD.replace("kind: military", "kind: army"), "kind 'army'"),
    (GOOD.replace("category: 1", "category: 9"), "category 9"),
    (GOOD.replace("country: SYR", "country: Syria"), "country 'Syria'"),
    (GOOD.replace("  aliases:", "  alises:"), "unknown field(s) ['alises']"),
    (GOOD.replace("to: 2024-12-08, context", "until: 2024-12-08, context"), "unknown key(s) ['until']"),
    (GOOD.replace("context: SYR}", "context: syria}"), "context must be a country code"),
    (GOOD.replace("id: tst.forces", "id: Test Forces"), "lowercase dotted"),
    (GOOD.replace("    - قوات التجربة", "    -"), "has no text"),
    (GOOD + "- [oops\n", "not valid YAML"),
    ("id: tst.forces\nname: x\n", "expected a list of records"),
])
def test_malformed_record_raises_a_helpful_data_error(tmp_path, broken, message):
    with pytest.raises(DataError) as err:
        _load(tmp_path, broken, name="broken.yaml")
    assert "broken.yaml" in str(err.value)
    assert message in str(err.value)


def test_error_names_the_record(tmp_path):
    with pytest.raises(DataError, match=r"broken.yaml: record 1 \(id 'tst.forces'\)"):
        _load(tmp_path, GOOD.replace("2011-03-15", "yesterday"), name="broken.yaml")


def test_empty_directory_is_an_error(tmp_path):
    with pytest.raises(DataError, match="no actor files"):
        load_registry_from(tmp_path)
