"""Synthetic Arabic articles from sentences written for rasid's tests, and a fake coder that reads them.

`make_articles(n)` builds articles in which several outlets report a shared pool of occurrences
(air strikes, shelling, clashes, protests, arrests in Syrian towns) with their own tolls, so a
store of them has merges to make. `fake_extract` codes exactly those sentences, deterministically,
into a `Document` shaped as the event coder's: the store's tests and the kill test use it where
the real pipeline does not code events yet.
"""
from __future__ import annotations

import datetime as dt
import random
import re

from rasid.model import Argument, Document, Event, Fatalities, Span

TOWNS = (("كفرنبل", "إدلب"), ("سراقب", "إدلب"), ("بنش", "إدلب"), ("أريحا", "إدلب"), ("دوما", "دمشق"),
         ("حرستا", "دمشق"), ("داريا", "دمشق"), ("تلبيسة", "حمص"), ("الرستن", "حمص"), ("اللطامنة", "حماة"),
         ("كفرزيتا", "حماة"), ("الأتارب", "حلب"), ("عندان", "حلب"), ("جاسم", "درعا"), ("نوى", "درعا"))
OUTLETS = ("وكالة الشمال", "شبكة أخبار الساحل", "صحيفة الميدان", "راديو الجنوب", "موقع المرصد المحلي")
KINDS = {
    "air": "شنت طائرات حربية غارات جوية على بلدة {town} في ريف {gov} {when}، ما أدى إلى مقتل {n} مدنيين وإصابة آخرين.",
    "shell": "قصفت قوات النظام بالمدفعية الثقيلة أحياء مدينة {town} {when}، وأفاد ناشطون بمقتل {n} أشخاص.",
    "clash": "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة على أطراف {town} {when} استمرت عدة ساعات.",
    "protest": "خرج مئات المحتجين في ساحة {town} {when} مطالبين بإطلاق سراح المعتقلين وتحسين الخدمات.",
    "arrest": "اعتقلت الأجهزة الأمنية {n} شبان من {town} خلال حملة مداهمات نفذتها {when}.",
}
FILLER = (
    "وتعاني المنطقة من نقص حاد في المواد الطبية والوقود منذ أشهر.",
    "وقال أحد السكان إن العائلات بدأت بالنزوح نحو المخيمات القريبة من الحدود.",
    "ولم تصدر أي جهة رسمية تعليقاً على ما جرى حتى ساعة إعداد هذا الخبر.",
    "وتأتي هذه التطورات في ظل جمود المساعي السياسية الرامية إلى التهدئة.",
    "وأشار مراسلون إلى أن فرق الإسعاف واجهت صعوبة في الوصول إلى المصابين.",
    "ويخشى الأهالي من تجدد التصعيد مع اقتراب فصل الشتاء وارتفاع الأسعار.",
    "وتحدثت مصادر محلية عن تحليق مكثف لطائرات الاستطلاع فوق القرى المجاورة.",
)
_CODES = {  # kind -> plover, mode, ACLED type, ACLED sub-event type, trigger word, actor1
    "air": ("ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike", "غارات", None),
    "shell": ("ASSAULT", "heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack", "قصفت",
              ("قوات النظام", "syr.gov.forces", "Military Forces of Syria", 1)),
    "clash": ("ASSAULT", "firearms", "Battles", "Armed clash", "اشتباكات",
              ("قوات النظام", "syr.gov.forces", "Military Forces of Syria", 1)),
    "protest": ("PROTEST", "demo", "Protests", "Peaceful protest", "المحتجين", None),
    "arrest": ("COERCE", "arrest", "Strategic developments", "Arrests", "اعتقلت",
               ("الأجهزة الأمنية", "syr.gov.security", "Syrian security services", 1)),
}
_PATTERNS = [(kind, re.compile(re.escape(t).replace(r"\{town\}", r"(?P<town>\S+)").replace(r"\{gov\}", r"\S+")
                               .replace(r"\{when\}", r"(?P<when>أمس|اليوم)").replace(r"\{n\}", r"(?P<n>\d+)")))
             for kind, t in KINDS.items()]
GOVERNORATES = {town: gov for town, gov in TOWNS}


def make_articles(n: int, seed: int = 7, occurrences: int | None = None) -> list[dict]:
    """`n` JSON-Lines records {id, text, published, outlet, url}; outlets share a pool of occurrences."""
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    pool = [(rng.choice(tuple(KINDS)), rng.choice(TOWNS), start + dt.timedelta(days=rng.randrange(365)),
             rng.randint(2, 40)) for _ in range(occurrences or max(1, n // 3))]
    records, seen = [], set()
    while len(records) < n:
        i = len(records)
        outlet = rng.choice(OUTLETS)
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
        day = max(o[2] for o in chosen) + dt.timedelta(days=rng.randint(0, 1))
        sentences = []
        for kind, (town, gov), when, toll in chosen:
            if (day - when).days not in (0, 1):
                continue
            words = "اليوم" if day == when else "أمس"
            sentences.append(KINDS[kind].format(town=town, gov=gov, when=words, n=toll + rng.randint(0, 3)))
        sentences += rng.sample(FILLER, k=rng.randint(2, 5))
        rng.shuffle(sentences)
        text = "\n".join(sentences)
        if (outlet, text) in seen:  # the same article twice would be stored once
            continue
        seen.add((outlet, text))
        records.append({"id": f"syn-{seed}-{i:05d}", "text": text, "published": day.isoformat(),
                        "outlet": outlet, "url": f"https://example.org/{seed}/{i}"})
    return records


def place_of(town: str) -> dict:
    gov = GOVERNORATES[town]
    return {"id": f"pl:{town}", "name_ar": town, "name_en": None, "lat": 35.0 + len(town) / 10, "lon": 36.0 + len(gov) / 10,
            "admin1": gov, "admin2": None, "admin3": None, "admin1_pcode": f"gov:{gov}", "admin2_pcode": None,
            "admin3_pcode": None, "pcode": None, "feature_type": "town", "geo_precision": 1, "country": "SY"}


def fake_extract(text: str, published=None, outlet=None, url=None, id=None, **_) -> Document:
    """Code the synthetic sentences of `make_articles` (and nothing else) into a Document."""
    pub = dt.date.fromisoformat(str(published)[:10]) if published else None
    found = sorted((m.start(), kind, m) for kind, pattern in _PATTERNS for m in pattern.finditer(text))
    events, places = [], {}
    for k, (_, kind, m) in enumerate(found, 1):
        plover, mode, acled, sub, trigger, actor = _CODES[kind]
        t = text.index(trigger, m.start())
        town = m.group("town")
        places[town] = place_of(town)
        day = pub - dt.timedelta(days=1) if pub and m.group("when") == "أمس" else pub
        fat = None
        if kind in ("air", "shell"):
            fat = Fatalities(int(m.group("n")), None, m.group("n"), civilian=kind == "air",
                             start=m.start("n"), end=m.end("n"))
        actor1 = None
        if actor:
            a = text.index(actor[0], m.start())
            actor1 = Argument(actor[0], a, a + len(actor[0]), ref=actor[1], name=actor[2], category=actor[3])
        events.append(Event(
            id=f"e{k}", plover=plover, mode=mode, acled_type=acled, acled_subtype=sub,
            trigger=Span(t, t + len(trigger), trigger), evidence=Span(m.start(), m.end(), m.group(0)),
            actor1=actor1, location=Argument(town, m.start("town"), m.end("town"), ref=f"pl:{town}", name=town,
                                             geo_precision=1),
            date=day.isoformat() if day else None, time_precision=1 if day else None, fatalities=fat))
    return Document(text=text, id=id, outlet=outlet, url=url, published=pub, published_source="given" if pub else None,
                    places=tuple(places.values()), events=tuple(events))
