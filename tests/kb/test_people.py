"""Tests for rasid/kb/people.py and rasid/data/people.yaml."""
from __future__ import annotations

from datetime import date

import pytest

from rasid.errors import DataError
from rasid.kb.actors import load_registry, normalize_alias
from rasid.kb.people import load_people, load_people_from


@pytest.fixture(scope="module")
def people():
    return load_people()


def test_registry_size_and_unique_ids(people):
    assert len(people) >= 60
    assert len({p.id for p in people}) == len(people)


def test_every_affiliation_is_an_actor(people):
    actors = load_registry().actors
    assert all(p.affiliation is None or p.affiliation in actors for p in people)


def test_person_aliases_never_collide_with_actor_aliases(people):
    actor_norms = {a.norm: a.actor_id for a in load_registry().aliases()}
    clashes = [f"{a.text} ({p.id} / {actor_norms[a.norm]})"
               for p in people for a in p.aliases if a.norm in actor_norms]
    assert not clashes, "drop these person aliases or make them longer: " + ", ".join(clashes)


def test_no_two_people_share_an_alias(people):
    owner: dict[str, str] = {}
    for person in people:
        for alias in person.aliases:
            assert owner.setdefault(alias.norm, person.id) == person.id, alias.text


def test_bare_family_name_of_an_actor_is_not_a_person_alias(people):
    norms = {a.norm for p in people for a in p.aliases}
    assert normalize_alias("الأسد") not in norms
    assert normalize_alias("بشار الأسد") in norms


@pytest.mark.parametrize("text, person_id, affiliation", [
    ("بشار الأسد", "per.bashar-al-assad", "syr.gov"),
    ("أبو محمد الجولاني", "per.ahmed-al-sharaa", "syr.transgov"),
    ("أحمد الشرع", "per.ahmed-al-sharaa", "syr.transgov"),
    ("مظلوم عبدي", "per.mazloum-abdi", "syr.sdf"),
    ("بوتين", "per.vladimir-putin", "rus.state"),
    ("لافروف", "per.sergey-lavrov", "rus.mfa"),
    ("أردوغان", "per.recep-tayyip-erdogan", "tur.state"),
    ("دي ميستورا", "per.staffan-de-mistura", "un.envoy_syria"),
    ("بيدرسون", "per.geir-pedersen", "un.envoy_syria"),
    ("زهران علوش", "per.zahran-alloush", "syr.jaysh_al_islam"),
    ("رامي عبد الرحمن", "per.rami-abdulrahman", "syr.sohr"),
    ("أبو بكر البغدادي", "per.abu-bakr-al-baghdadi", "int.islamic_state"),
    ("حسن نصر الله", "per.hassan-nasrallah", "lbn.hezbollah"),
])
def test_known_people(people, text, person_id, affiliation):
    matches = [p for p in people if normalize_alias(text) in {a.norm for a in p.aliases}]
    assert [(p.id, p.affiliation) for p in matches] == [(person_id, affiliation)]


def test_role_dates(people):
    assad = next(p for p in people if p.id == "per.bashar-al-assad")
    assert assad.role == "President of Syria"
    assert assad.valid_on(date(2018, 3, 12)) and not assad.valid_on(date(2025, 1, 1))
    assert all(a.actor_id == assad.id for a in assad.aliases)


def test_load_people_is_cached(people):
    assert load_people() is people


GOOD = """\
- id: per.test-person
  name: Test Person
  ar: شخص الاختبار
  aliases: [السيد شخص الاختبار]
  role: Tester
  affiliation: syr.gov
  valid: [2011-03-15, null]
"""


@pytest.mark.parametrize("broken, message", [
    (GOOD.replace("affiliation: syr.gov", "affiliation: syr.nowhere"), "unknown affiliation 'syr.nowhere'"),
    (GOOD.replace("  ar: شخص الاختبار\n", ""), "missing 'ar'"),
    (GOOD.replace("2011-03-15", "15/03/2011"), "bad date"),
    (GOOD + GOOD, "duplicate id"),
    (GOOD.replace("per.test-person", "syr.gov"), "duplicate id"),
    (GOOD.replace("  role:", "  title:"), "unknown field(s) ['title']"),
])
def test_malformed_person_raises_a_helpful_data_error(tmp_path, broken, message):
    path = tmp_path / "people.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_people_from(path, load_registry())
    assert "people.yaml: record" in str(err.value) and message in str(err.value)


def test_good_person_loads(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (person,) = load_people_from(path, load_registry())
    assert person.valid_from == date(2011, 3, 15) and person.valid_to is None
    assert [a.text for a in person.aliases] == ["شخص الاختبار", "السيد شخص الاختبار"]
