"""The geocode stage: resolution, homonyms, relative phrases, doc.places, merging with other mentions."""
from __future__ import annotations

from dataclasses import replace

import pytest

from rasid.kb.geo_merge import distance_km
from rasid.model import Argument, Event, Mention, Span
from rasid.output import to_geojson
from rasid.stages import geocode

from .conftest import geocoded, prepared

# A founding-example paragraph written for this test (the article itself is not copied).
GHOUTA = ("تواصل قوات النظام حملتها على الغوطة الشرقية، وقد حاصرت مدينة دوما بعد السيطرة على بلدة مديرا، "
          "والتقت قواتها القادمة من محور مسرابا بتلك المتمركزة في إدارة المركبات في حرستا. "
          "وخرج عشرات المدنيين عبر مخيم الوافدين، فيما أعلنت قاعدة حميميم هدنة إنسانية.")


def _refs(doc):
    return {m.text: m for m in doc.mentions if m.type == "PLACE"}


def test_founding_example(with_full):
    doc = geocoded(GHOUTA)
    m = _refs(doc)
    assert m["دوما"].ref == "C2338" and m["مديرا"].ref == "C2343" and m["مسرابا"].ref == "C2344"
    assert m["حرستا"].ref == "C2342" and m["مخيم الوافدين"].ref == "C2330"
    assert m["الغوطة الشرقية"].attrs["geo_precision"] == 3
    assert m["دوما"].attrs["admin1"] == "Rural Damascus" and m["دوما"].attrs["admin1_pcode"] == "SY03"
    hmeimim = next(x for x in doc.mentions if x.type == "PLACE" and "حميميم" in x.text)
    assert hmeimim.ref == "C3588" and hmeimim.attrs["admin1"] == "Lattakia"
    base = with_full.get(m["إدارة المركبات"].ref)
    harasta = with_full.get("C2342")
    assert distance_km(base.lat, base.lon, harasta.lat, harasta.lon) < 5 and base.admin1_pcode == "SY03"
    assert m["مسرابا"].attrs["relation"] == "near" and m["مسرابا"].attrs["geo_precision"] == 2


def test_founding_example_curated_only(with_curated):
    m = _refs(geocoded(GHOUTA))
    assert [m[k].ref for k in ("دوما", "مديرا", "مسرابا", "حرستا")] == ["C2338", "C2343", "C2344", "C2342"]
    assert m["دوما"].attrs["admin1_pcode"] == "SY03"


@pytest.mark.parametrize("text, form, ref", [
    ("سيطرت الفصائل على بلدة القصير في ريف درعا الغربي", "القصير", "C6017"),
    ("استعادت القوات مدينة القصير قرب حمص", "القصير", "C2733"),
    ("قصفت الطائرات قرية نوى شرقي السلمية في ريف حماة", "نوى", "C3255"),
    ("تظاهر الأهالي في مدينة نوى بريف درعا", "نوى", "C6124"),
    ("تعرض حي جوبر في دمشق لقصف عنيف", "جوبر", "x-jobar"),
    ("داهمت دورية قرية جوبر في ريف حمص", "جوبر", "C2504"),
    ("سقطت قذيفة على قرية عفرين قرب بلدة حريتان", "عفرين", "C1131"),
    ("دخلت القوات التركية مدينة عفرين", "عفرين", "C1366"),
])
def test_homonyms(with_full, text, form, ref):
    assert _refs(geocoded(text))[form].ref == ref


def test_relative_phrases(with_full):
    doc = geocoded("قصفت الطائرات ريف حلب الجنوبي وأطراف دوما، واشتبكت القوات جنوبي إدلب")
    m = _refs(doc)
    south_aleppo = m["ريف حلب الجنوبي"]
    assert south_aleppo.ref == "SY02" and south_aleppo.attrs["geo_precision"] == 2
    assert south_aleppo.attrs["place_id"] == "SY02~countryside-south"
    assert south_aleppo.attrs["lat"] < with_full.get("SY02").lat  # shifted south
    assert m["دوما"].attrs["relation"] == "near" and m["دوما"].attrs["geo_precision"] == 2
    assert m["جنوبي إدلب"].ref == "SY07"
    ids = {p["id"] for p in doc.places}
    assert {"SY02", "SY02~countryside-south", "C2338", "C2338~near"} <= ids


def test_places_dicts_and_spans(with_full):
    doc = geocoded(GHOUTA)
    keys = {"id", "name_ar", "name_en", "lat", "lon", "admin1", "admin2", "admin3", "admin1_pcode",
            "admin2_pcode", "admin3_pcode", "pcode", "feature_type", "geo_precision", "country"}
    assert doc.places and all(keys <= set(p) for p in doc.places)
    assert len({p["id"] for p in doc.places}) == len(doc.places)
    places = [m for m in doc.mentions if m.type == "PLACE"]
    assert [m.id for m in places] == [f"p{i}" for i in range(1, len(places) + 1)]
    for m in places:
        assert doc.text[m.start:m.end] == m.text
        assert {"geo_precision", "name_en", "admin1"} <= set(m.attrs)


def test_unknown_place_stays_a_mention(with_full):
    doc = geocoded("قصفت الطائرات قرية زيزفونة الغربية وبلدة دوما")
    m = _refs(doc)
    assert m["دوما"].ref == "C2338"
    unknown = [x for x in doc.mentions if x.type == "PLACE" and x.ref is None]
    assert unknown and unknown[0].attrs["geo_precision"] is None


def test_existing_place_mentions_are_kept_and_resolved(with_full):
    doc = prepared("وصلت القوات إلى بلدة كفرزيتا ظهرا")
    start = doc.text.index("كفرزيتا")
    found = Mention("n1", "PLACE", "كفرزيتا", start, start + len("كفرزيتا"), None, "pattern")
    out = geocode.stage(replace(doc, mentions=(found,)))
    places = [m for m in out.mentions if m.type == "PLACE"]
    assert [m.id for m in places] == ["n1"] and places[0].ref is not None


def test_a_statistical_guess_yields_to_the_gazetteer(with_full):
    doc = prepared("وصلت القوات إلى مدينة حرستا ظهرا")
    start = doc.text.index("مدينة حرستا")
    ner = Mention("r1", "PLACE", "مدينة حرستا", start, start + len("مدينة حرستا"), None, "ner")
    person = Mention("r2", "PERSON", "حرستا ظهرا", doc.text.index("حرستا"), len(doc.text), None, "ner")
    out = geocode.stage(replace(doc, mentions=(ner, person)))
    assert [(m.type, m.text, m.ref) for m in out.mentions] == [("PLACE", "حرستا", "C2342")]


def test_places_inside_organisation_names(with_full):
    doc = prepared("أعلنت فصائل الغوطة وقوات سوريا الديمقراطية موقفهما")
    t = doc.text
    actors = tuple(Mention(f"a{i}", "ACTOR", name, t.index(name), t.index(name) + len(name))
                   for i, name in enumerate(["فصائل الغوطة", "قوات سوريا الديمقراطية"]))
    out = geocode.stage(replace(doc, mentions=actors))
    assert [m.text for m in out.mentions if m.type == "PLACE"] == ["الغوطة"]


def test_country_as_place_after_locative_cue_even_if_actor(with_full):
    doc = prepared("قتل جنود في العراق وقالت العراق إنها سترد")
    t = doc.text
    first = t.index("العراق")
    second = t.index("العراق", first + 1)
    actors = tuple(Mention(f"a{i}", "ACTOR", "العراق", s, s + 6) for i, s in enumerate((first, second)))
    out = geocode.stage(replace(doc, mentions=actors))
    assert [(m.text, m.start) for m in out.mentions if m.type == "PLACE"] == [("العراق", first)]


def test_place_info(with_full):
    assert geocode.place_info("C2338")["name_en"] == "Duma"
    d = geocode.place_info("SY07~south")
    assert d["geo_precision"] == 2 and d["base_id"] == "SY07"
    assert geocode.place_info("no-such-place") is None and geocode.place_info(None) is None


def test_geojson_of_an_event_location(with_full):
    doc = geocoded("قصفت الطائرات مدينة دوما")
    m = next(x for x in doc.mentions if x.type == "PLACE")
    span = Span(0, 4, doc.text[0:4])
    ev = Event("e1", "ASSAULT", None, "Explosions/Remote violence", "Air/drone strike", span, span,
               location=Argument(m.text, m.start, m.end, m.ref, m.attrs["name_en"], geo_precision=1))
    fc = to_geojson(replace(doc, events=(ev,)))
    f = fc["features"][0]
    assert f["geometry"]["coordinates"] == pytest.approx([36.40, 33.57], abs=0.02)
    assert f["properties"]["place"]["pcode"] == "C2338"


def test_empty_and_odd_documents(with_curated):
    for text in ["", "\n\n", "؟", "في في في", "ريف ريف"]:
        geocoded(text)


def test_a_town_of_another_governorate_is_not_the_one_named(with_full):
    """"أم حوش بريف حلب": the only أم حوش the gazetteer knows is in Tartous, so the name stays
    unresolved rather than pointing 200 km away; the governorate itself still resolves."""
    m = _refs(geocoded("فجر انتحاري نفسه في قرية أم حوش بريف حلب الشمالي"))
    assert m["أم حوش"].ref is None and m["ريف حلب الشمالي"].attrs["admin1_pcode"] == "SY02"
    # a direction is no governorate: "مأرب شرقي صنعاء" is Marib, east of Sanaa
    assert _refs(geocoded("شن الحوثيون هجوما على مأرب شرقي صنعاء"))["مأرب"].ref == "x-ye-marib"


@pytest.mark.parametrize("text, form, ref", [
    ("خرجت مظاهرات في حمص، حماة، درعا", "حمص", "C2528"),  # a list is no qualifier
    ("قتل خمسة من أبناء حمص في حلب", "حمص", "C2528"),  # "في <city>" is no governorate
])
def test_places_beside_others_keep_their_resolution(with_full, text, form, ref):
    assert _refs(geocoded(text))[form].ref == ref


@pytest.mark.parametrize("army, country", [("الجيش اللبناني", "LB"), ("الجيش الليبي", "LY")])
def test_the_country_of_the_actors_chooses_among_homonyms(with_full, army, country):
    # regression: the registry's ISO3 countries ("LBN") were never counted, so طرابلس was always Libya's
    import rasid

    doc = rasid.extract(f"وأسفرت المواجهات بين {army} ومسلحين في طرابلس عن سقوط قتيلين.", published="2019-03-10")
    place = next(m for m in doc.mentions if m.type == "PLACE" and m.text == "طرابلس")
    assert place.attrs["country"] == country
