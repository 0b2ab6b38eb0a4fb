"""The dates stage: absolute, relative and campaign-day dates resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasid
from rasid.model import Document
from rasid.stages import dates
from rasid.stages.normalize import normalize
from rasid.stages.tokenize import tokenize
from tests.conftest import SEED, need_shared

PUB = dt.date(2018, 3, 12)  # a Monday


def doc_of(text: str, published: dt.date | None = PUB, reference: dt.date | None = None) -> Document:
    norm = normalize(text)
    tokens, sentences = tokenize(norm)
    return Document(text=text, published=published, published_source="given" if published else None,
                    reference_date=reference, norm=norm, tokens=tokens, sentences=sentences)


def the_date(text: str, mention: str, published: dt.date | None = PUB) -> dict:
    found = {m.text: m for m in dates.find_dates(doc_of(text, published))}
    assert mention in found, f"{mention!r} not among {list(found)}"
    m = found[mention]
    assert text[m.start:m.end] == m.text and m.type == "DATE" and m.source == "rule"
    return m.attrs


@pytest.mark.parametrize("text, mention, value", [
    ("قصفت الطائرات البلدة في 12 آذار 2018 بعد الظهر", "12 آذار 2018", "2018-03-12"),
    ("وقع الانفجار في 3/12/2017 قرب السوق", "3/12/2017", "2017-12-03"),
    ("صدر البيان بتاريخ 2018-03-05", "تاريخ 2018-03-05", "2018-03-05"),
    ("سقطت القذائف يوم ١٢ مارس على الحي", "١٢ مارس", "2018-03-12"),
    ("أعلن الجيش الاثنين 12 من آذار سيطرته على القرية", "الاثنين 12 من آذار", "2018-03-12"),
    ("عقد الاجتماع في 12 من شهر آذار الجاري", "12 من شهر آذار الجاري", "2018-03-12"),
    ("بدأت المعارك في 5 كانون الثاني", "5 كانون الثاني", "2018-01-05"),
    ("انسحبت القوات في 20 كانون الأول", "20 كانون الأول", "2017-12-20"),  # not months ahead: last year
    ("وقعت الهدنة في 14 تشرين الثاني 2017", "14 تشرين الثاني 2017", "2017-11-14"),
    ("جرت الانتخابات في 3 جانفي 2018", "3 جانفي 2018", "2018-01-03"),
    ("اندلعت المواجهات في 8 أوت", "8 أوت", "2017-08-08"),
    ("تظاهر المئات في 4 فيفري", "4 فيفري", "2018-02-04"),
    ("أغلق المعبر في 15 جوان 2016", "15 جوان 2016", "2016-06-15"),
    ("اعتقل الناشط في 2 جويلية 2015", "2 جويلية 2015", "2015-07-02"),
    ("زار الوفد المدينة في 10 أفريل 2017", "10 أفريل 2017", "2017-04-10"),
    ("وصل الموفد في 7 يونيه 2014", "7 يونيه 2014", "2014-06-07"),
    ("أطلق سراحه في 9 إبريل 2016", "9 إبريل 2016", "2016-04-09"),
    ("عاد اللاجئون في 21 ماي 2017", "21 ماي 2017", "2017-05-21"),
    ("هاجم المسلحون الثكنة في 7 فبراير/شباط", "7 فبراير/شباط", "2018-02-07"),
    ("منذ هجوم السابع من فبراير على الموقع", "السابع من فبراير", "2018-02-07"),
    ("انطلقت القافلة في 1 تشرين أول 2016", "1 تشرين أول 2016", "2016-10-01"),
    ("أعلنت الهدنة 15 رمضان 1439 هـ في المدينة", "15 رمضان 1439 هـ", "2018-05-30"),
    ("بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م", "26 شوال 1436 هـ", "2015-08-11"),
    ("بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م", "11 أغسطس 2015 م", "2015-08-11"),
    ("سيقام الحفل يوم 24 من أيلول الحالي", "24 من أيلول الحالي", "2018-09-24"),
    ("أعلن عن الخطة يوم الأحد 4/3", "يوم الأحد 4/3", "2018-03-04"),
    ("صدر القرار الأربعاء 3 كانون الثاني 2017", "الأربعاء 3 كانون الثاني 2017", "2018-01-03"),  # the weekday fixes the year
])
def test_absolute_date(text, mention, value):
    a = the_date(text, mention)
    assert a["value"] == value and a["precision"] == 1 and a["range"] is None


@pytest.mark.parametrize("text, mention, value, kind", [
    ("قصفت الطائرات المدينة اليوم", "اليوم", "2018-03-12", "relative"),
    ("قصفت الطائرات المدينة أمس", "أمس", "2018-03-11", "relative"),
    ("اشتدت المعارك وأمس سقطت قذائف", "أمس", "2018-03-11", "relative"),
    ("سقطت القذائف بالأمس على السوق", "الأمس", "2018-03-11", "relative"),
    ("قالت المصادر أمس الأحد إن القصف توقف", "أمس الأحد", "2018-03-11", "relative"),
    ("بدأ الهجوم أول أمس على القرية", "أول أمس", "2018-03-10", "relative"),
    ("بدأ الهجوم أول من أمس على القرية", "أول من أمس", "2018-03-10", "relative"),
    ("بثت القناة المقابلة الجمعة الماضي", "الجمعة الماضي", "2018-03-09", "weekday"),
    ("خرجت المظاهرة الجمعة الماضية في الساحة", "الجمعة الماضية", "2018-03-09", "weekday"),
    ("أغارت الطائرات يوم الأحد على البلدة", "يوم الأحد", "2018-03-11", "weekday"),
    ("أعلن المرصد الاثنين مقتل مدنيين", "الاثنين", "2018-03-12", "weekday"),  # the publication weekday
    ("سقط الصاروخ الخميس الفائت على الحي", "الخميس الفائت", "2018-03-08", "weekday"),
    ("توقف القصف الجمعة قبل الماضية", "الجمعة قبل الماضية", "2018-03-02", "weekday"),
    ("انسحب المقاتلون منذ ثلاثة أيام من المدينة", "منذ ثلاثة أيام", "2018-03-09", "relative"),
    ("دخلت القافلة قبل يومين إلى البلدة", "قبل يومين", "2018-03-10", "relative"),
    ("دوت الانفجارات مساء أمس في المدينة", "مساء أمس", "2018-03-11", "relative"),
    ("استهدف القصف صباح اليوم سوقا شعبيا", "صباح اليوم", "2018-03-12", "relative"),
    ("شنت الطائرات غارات فجر اليوم على البلدة", "فجر اليوم", "2018-03-12", "relative"),
    ("تعقد الجولة المقبلة غدًا في جنيف", "غدًا", "2018-03-13", "future"),
    ("يلتقي الوفدان يوم الغد في العاصمة", "يوم الغد", "2018-03-13", "future"),
    ("تبدأ المفاوضات الجمعة المقبلة", "الجمعة المقبلة", "2018-03-16", "future"),
    ("قتل ثلاثة مدنيين ليلة أمس بقصف مدفعي", "ليلة أمس", "2018-03-11", "relative"),
])
def test_relative_date(text, mention, value, kind):
    a = the_date(text, mention)
    assert (a["value"], a["precision"], a["kind"]) == (value, 1, kind)
    assert a["anchor"] == "published"


@pytest.mark.parametrize("text, mention, first, last, precision", [
    ("تصاعد القصف خلال الأسبوع الماضي على الأحياء", "خلال الأسبوع الماضي", "2018-03-05", "2018-03-12", 2),
    ("تصاعد القصف في الأسبوع الماضي على الأحياء", "الأسبوع الماضي", "2018-03-03", "2018-03-09", 2),
    ("بدأت الحملة مطلع الشهر الجاري على الريف", "مطلع الشهر الجاري", "2018-03-01", "2018-03-10", 3),
    ("بدأت الحملة مطلع الشهر على الريف", "مطلع الشهر", "2018-03-01", "2018-03-10", 3),
    ("بدأت الحملة بداية الشهر على الريف", "بداية الشهر", "2018-03-01", "2018-03-10", 3),
    ("تراجعت المعارك في الشهر الماضي", "الشهر الماضي", "2018-02-01", "2018-02-28", 3),
    ("سقط عشرات الضحايا في أقل من شهر", "في أقل من شهر", "2018-02-10", "2018-03-12", 3),
    ("وثق المرصد خلال الشهر الماضي مقتل العشرات", "خلال الشهر الماضي", "2018-02-10", "2018-03-12", 3),
    ("تحاصر القوات البلدة منذ أسبوعين", "منذ أسبوعين", "2018-02-26", "2018-03-12", 3),
    ("بلغت الخسائر ذروتها العام الماضي", "العام الماضي", "2017-01-01", "2017-12-31", 3),
    ("تبدأ الانتخابات الأسبوع المقبل في البلاد", "الأسبوع المقبل", "2018-03-17", "2018-03-23", 2),
    ("تظاهر الأهالي بين 10 و12 آذار في الساحة", "بين 10 و12 آذار", "2018-03-10", "2018-03-12", 2),
    ("هدأت الجبهات في شهر شباط", "شهر شباط", "2018-02-01", "2018-02-28", 3),
    ("اشتدت المعارك في آذار الماضي", "آذار الماضي", "2017-03-01", "2017-03-31", 3),
    ("وصلت التعزيزات مطلع آذار", "مطلع آذار", "2018-03-01", "2018-03-10", 3),
    ("وقعت الاتفاقية في نيسان 2017", "نيسان 2017", "2017-04-01", "2017-04-30", 3),
    ("بدأ الاحتجاج في مايو الماضي", "مايو الماضي", "2017-05-01", "2017-05-31", 3),
    ("اندلعت الاحتجاجات عام 2011 في درعا", "عام 2011", "2011-01-01", "2011-12-31", 3),
    ("تسيطر الفصائل على المنطقة منذ 2013", "منذ 2013", "2013-01-01", "2018-03-12", 3),
    ("تقدمت القوات صيف 2017 نحو المدينة", "صيف 2017", "2017-06-01", "2017-08-31", 3),
    ("تزايدت الغارات خلال الأيام الثلاثة الماضية", "خلال الأيام الثلاثة الماضية", "2018-03-09", "2018-03-12", 2),
    ("سجلت خلال الـ24 ساعة الماضية خروقات", "خلال الـ24 ساعة الماضية", "2018-03-11", "2018-03-12", 2),
    ("ليل السبت الأحد شهد قصفا عنيفا", "ليل السبت الأحد", "2018-03-10", "2018-03-11", 1),
    ("وصلت المساعدات منذ مطلع العام الجاري", "منذ مطلع العام الجاري", "2018-01-01", "2018-03-12", 3),
])
def test_range(text, mention, first, last, precision):
    a = the_date(text, mention)
    assert (a["range"], a["precision"]) == ([first, last], precision)


@pytest.mark.parametrize("text, mention", [
    ("يتواصل الهجوم على البلدات في يومها الـ 22 بحسب ناشطين", "يومها الـ 22"),
    ("يتواصل القصف لليوم الثاني والعشرين على البلدات", "لليوم الثاني والعشرين"),
    ("دخلت المعركة في يومها الثاني والعشرين", "يومها الثاني والعشرين"),
    ("يضرب العمال عن العمل لليوم 22 على التوالي", "لليوم 22 على التوالي"),
])
def test_campaign_day(text, mention):
    found = [m for m in dates.find_dates(doc_of(text)) if m.attrs["kind"] == "campaign_day"]
    assert [m.text for m in found] == [mention]
    assert found[0].attrs["range"] == ["2018-02-19", "2018-03-12"] and found[0].attrs["day"] == 22


def test_campaign_day_counts_to_the_sentence_date():
    a = the_date("في 20 شباط 2018 دخلت الحملة يومها العاشر", "يومها العاشر")
    assert a["range"] == ["2018-02-11", "2018-02-20"] and a["anchor"] == "sentence"


def test_campaign_day_ignores_the_date_it_began():
    a = the_date("تدخل الحرب يومها الـ 22 منذ 19 شباط", "يومها الـ 22")
    assert a["range"] == ["2018-02-19", "2018-03-12"] and a["anchor"] == "published"


@pytest.mark.parametrize("text", [
    "مارس الضغط على الحكومة لتغيير موقفها",
    'وذكرت قناة "روسيا اليوم" أن الوفد وصل',
    "التقى عبد الأحد بالوفد الزائر",
    "انقسم اللاعبون الأحد عشر إلى فريقين",
    "لم يتفق الطرفان بل اختلف الاثنين معا",
    "في اليوم التالي انسحبت القوات",
    "انتهت المباراة بنتيجة 12/3 لصالح الفريق",
    "لامس عدد الضحايا المئة",
    "انضم إلى حزب الغد عدد من الناشطين",
    "التقى الرئيس رجب طيب أردوغان نظيره",
    "هو أب لثلاثة أطفال",
    "كانت نسبة المشاركة صفر في المئة",
    "يعمل منذ ذلك اليوم في المستشفى",
])
def test_no_false_date(text):
    assert dates.find_dates(doc_of(text)) == []


def test_clitics_stay_out_of_the_mention():
    found = dates.find_dates(doc_of("وأمس الأحد وفي 12 آذار 2018 قصفت الطائرات"))
    assert [m.text for m in found] == ["أمس الأحد", "12 آذار 2018"]
    assert [m.id for m in found] == ["d1", "d2"]


def test_relative_dates_without_a_publication_date_keep_their_kind():
    found = dates.find_dates(doc_of("قصفت الطائرات البلدة أمس", published=None, reference=dt.date(2026, 11, 25)))
    assert [(m.text, m.attrs["value"], m.attrs["kind"]) for m in found] == [("أمس", None, "relative")]


@pytest.mark.parametrize("text, published", [
    # a weekday with a day and month: the latest year (not after the reference) where they agree
    ("قالت الوزارة السبت 7 تشرين الأول إن الهجوم بدأ فجرا. وأضافت أن القتال استمر أمس", "2023-10-07"),
    # a dateline at the top
    ("دمشق 15 نيسان 2019 (وكالات) - قتل خمسة مدنيين بقصف على ريف إدلب", "2019-04-15"),
    # today, then the date
    ("أعلن الجيش اليوم، 3 أيار 2020، انتهاء العملية", "2020-05-03"),
])
def test_publication_date_inferred(text, published):
    doc = dates.stage(doc_of(text, published=None, reference=dt.date(2026, 11, 25)))
    assert (doc.published.isoformat(), doc.published_source) == (published, "inferred")


def test_inferred_publication_date_anchors_relative_dates():
    doc = dates.stage(doc_of("قالت الوزارة السبت 7 تشرين الأول إن القتال استمر أمس", published=None,
                             reference=dt.date(2026, 11, 25)))
    assert {m.text: m.attrs["value"] for m in doc.mentions} == {
        "السبت 7 تشرين الأول": "2023-10-07", "أمس": "2023-10-06"}


def test_nothing_to_infer_leaves_published_unset():
    doc = dates.stage(doc_of("قصفت الطائرات البلدة أمس", published=None, reference=dt.date(2026, 11, 25)))
    assert doc.published is None and doc.published_source is None


@pytest.mark.parametrize("month, day, weekday, year", [
    (3, 12, 0, 2018),   # Monday 12 March
    (10, 7, 5, 2023),   # Saturday 7 October
    (2, 29, 3, 2024),   # Thursday 29 February
])
def test_infer_year(month, day, weekday, year):
    assert dates.infer_year(month, day, weekday, dt.date(2026, 11, 25)) == year


@pytest.mark.parametrize("expr, expected", [
    ("الجمعة الماضي", ("2018-03-09", None, 1)),
    ("أمس", ("2018-03-11", None, 1)),
    ("في 10 ذي الحجة", ("2017-09-01", None, 1)),
    ("الشهر الماضي", (None, ("2018-02-01", "2018-02-28"), 3)),
    ("منذ أيام", (None, ("2018-03-05", "2018-03-12"), 2)),
    ("كلام بلا تاريخ", None),
])
def test_resolve_relative(expr, expected):
    assert dates.resolve_relative(expr, PUB) == expected


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="أمس اليوم الجمعة الماضي 12/3 آذار 2018 يومها الـ ،.\n0123456789وبلمن", max_size=80))
def test_spans_reproduce_their_text(text):
    for published in (PUB, None):
        for m in dates.find_dates(doc_of(text, published, dt.date(2026, 11, 25))):
            assert text[m.start:m.end] == m.text and m.start < m.end


def _seed_dates(doc) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in doc.mentions_of("DATE"):
        out.setdefault(m.text, []).append(m.attrs)
    return out


def test_seed_article():
    text = need_shared(SEED).read_text(encoding="utf-8")
    doc = rasid.extract(text, published="2018-03-12")
    found = _seed_dates(doc)
    assert found["الاثنين 12 من آذار"][0]["value"] == "2018-03-12"
    assert {a["value"] for a in found["الجمعة الماضي"]} == {"2018-03-09"}
    assert found["أمس الأحد"][0]["value"] == "2018-03-11"
    assert found["أمس"][0]["value"] == "2018-03-11"
    assert found["يومها الـ 22"][0]["range"][0] == "2018-02-19"
    assert all(doc.text[m.start:m.end] == m.text for m in doc.mentions)
    numbers = {m.text: m.attrs for m in doc.mentions_of("NUMBER")}
    assert numbers["أكثر من 900"]["min"] == 900 and numbers["أكثر من 900"]["max"] is None


def test_seed_article_infers_its_publication_date():
    text = need_shared(SEED).read_text(encoding="utf-8")
    doc = rasid.extract(text, reference_date="2026-11-25")
    assert (doc.published, doc.published_source) == (dt.date(2018, 3, 12), "inferred")
    assert _seed_dates(doc)["أمس الأحد"][0]["value"] == "2018-03-11"


@pytest.mark.parametrize("text", [
    "وكان أكثر من مئة شخص قتلوا في 11 تموز 2005 في البلدة.",
    "وتغيرت السياسات بعد تفجيرات 11 أيلول 2001 في نيويورك.",
])
def test_the_day_something_happened_is_not_the_day_of_the_text(text):
    doc = dates.stage(doc_of(text, published=None, reference=dt.date(2026, 11, 25)))
    assert doc.published is None


@pytest.mark.parametrize("text, mention, value", [
    ("قتل ثلاثة أشخاص في الخامس من الشهر الجاري", "الخامس من الشهر الجاري", "2018-03-05"),
    ("وقع الهجوم في 20 من الشهر الماضي", "20 من الشهر الماضي", "2018-02-20"),
    ("اندلعت الاشتباكات في 10 الجاري قرب المدينة", "10 الجاري", "2018-03-10"),
    ("وقع الانفجار في 5 يوليوز 2017", "5 يوليوز 2017", "2017-07-05"),  # the Moroccan spelling
])
def test_a_day_of_this_or_last_month(text, mention, value):
    assert the_date(text, mention)["value"] == value


def test_a_past_act_is_never_dated_after_publication():
    ev = next(e for e in rasid.extract("قتل 5 أشخاص في 20 آذار 2018 في قصف على مدينة إدلب.",
                                       published="2018-03-12").events if e.plover == "ASSAULT")
    assert ev.date <= "2018-03-12"


def test_a_day_the_month_lacks_is_kept_as_an_unknown_day():
    found = {m.text: m for m in dates.find_dates(doc_of("وقع الهجوم في 31 من الشهر الماضي", dt.date(2018, 3, 12)))}
    assert found["31 من الشهر الماضي"].attrs["value"] is None
