"""Trigger families: each inflection finds its PLOVER type (sentences written for these tests)."""
import pytest

import rasid
from rasid.events.lexicon import inflect, trigger_matcher
from rasid.stages.normalize import normalize_for_matching


def families(sentence: str) -> list[str]:
    return [h.value.family for h in trigger_matcher().find(normalize_for_matching(sentence))]


@pytest.mark.parametrize("sentence, family", [
    ("قصفت المدفعية أطراف البلدة", "shelling"),
    ("تقصف الطائرات القرى منذ الصباح", "shelling"),
    ("يقصفون الحي كل ليلة", "shelling"),
    ("استمر القصف على المدينة", "shelling"),
    ("شنت القوات قصفًا عنيفًا", "shelling"),
    ("نفذ الطيران غارات على البلدة", "airstrike"),
    ("أسفرت الغارة عن دمار كبير", "airstrike"),
    ("استهدفت طائرة مسيرة سيارة", "target"),
    ("اندلعت اشتباكات عنيفة قرب الحاجز", "clash"),
    ("دارت معارك في محيط المطار", "clash"),
    ("سيطرت الفصائل على التلة", "capture"),
    ("أعلن الجيش السيطرة على القرية", "capture"),
    ("استعادت القوات البلدة", "capture"),
    ("حاصرت القوات الحي", "siege"),
    ("يعيش السكان تحت الحصار", "siege"),
    ("اعتقلت الشرطة ثلاثة شبان", "arrest"),
    ("جرت مفاوضات بين الطرفين", "negotiate"),
    ("عقد الوفدان لقاء في أنقرة", "meet"),
    ("اجتمع الوزير بالسفير", "meet"),
    ("توصل الطرفان إلى اتفاق", "agree"),
    ("طالب الأهالي بفتح الطريق", "request"),
    ("دعا المبعوث إلى التهدئة", "request"),
    ("نفت الوزارة الخبر", "deny"),
    ("رفضت الحركة العرض", "reject"),
    ("اتهم الجيش الفصائل بخرق الهدنة", "accuse"),
    ("أدان الاتحاد الهجوم", "condemn"),
    ("هدد القائد بالرد", "threaten"),
    ("انسحب المقاتلون من المواقع", "withdraw"),
    ("خرجت مظاهرة في الساحة", "protest"),
    ("فجر مجهولون عبوة ناسفة", "bombing"),
    ("قُتل ثلاثة مدنيين", "killing"),
    ("اختطف مسلحون صحفيًا", "abduction"),
    ("وصلت تعزيزات عسكرية إلى الجبهة", "mobilize"),
    ("دخلت مساعدات إنسانية إلى البلدة", "aid"),
    ("فرضت واشنطن عقوبات جديدة", "sanction"),
])
def test_family_found(sentence, family):
    assert family in families(sentence)


@pytest.mark.parametrize("sentence", [
    "تغير الطقس في المدينة",        # يغير/تغير is not an air raid
    "قال الطبيب إن الحالة مستقرة",
    "ارتفعت أسعار الخبز في السوق",
])
def test_no_trigger_in_ordinary_sentences(sentence):
    assert families(sentence) == []


def test_inflection_generates_common_forms():
    forms = inflect(["قصف"], ["قصف"], ["قصف"])
    for f in ("قصف", "قصفت", "قصفوا", "يقصف", "تقصف", "يقصفون", "قصفا"):
        assert f in forms


def test_trigger_inside_organisation_name_is_no_event():
    doc = rasid.extract("أصدرت وزارة الدفاع بيانا صباح اليوم", published="2020-01-05")
    assert [e for e in doc.events if e.plover == "ASSAULT"] == []
