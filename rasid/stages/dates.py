"""Dates: reads the normalised view and the publication date, adds DATE mentions (value, range, precision).

One regex, built at import from `rasid/data/months.tsv` and `date_words.tsv`, finds absolute
dates (`الاثنين 12 من آذار`, `12/3/2018`, `15 رمضان 1439 هـ`), relative ones (`أمس الأحد`,
`الجمعة الماضي`, `منذ ثلاثة أيام`, `الأسبوع الماضي`, `مطلع الشهر`) and campaign day counts
(`في يومها الـ 22`), and resolves each against the publication date. A missing publication
date is inferred from the text (`اليوم، الاثنين 12 من آذار`). Precision follows ACLED:
1 a day, 2 a week or a few days, 3 a month or longer.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Callable

from hijridate import Gregorian, Hijri

from rasid.model import Document, Mention
from rasid.stages.normalize import normalize_for_matching
from rasid.stages.numbers import SPACE as _S
from rasid.stages.numbers import WORDS_PATTERN, alternation, load_rows, number_lexicon, parse_number_words

_S0 = r"[^\S\n]*"
_END = r"(?!\w)"
_ONE_DAY = dt.timedelta(days=1)
_SLACK = dt.timedelta(days=7)  # how far after publication a day+month without a year may lie


@lru_cache(maxsize=4096)
def _norm(s: str) -> str:
    return " ".join(normalize_for_matching(s).split())


MONTHS: dict[str, tuple[str, int]] = {_norm(f): (cal, int(n)) for f, cal, n in load_rows("months.tsv")}
WORDS: dict[str, dict[str, str]] = {}
for _cat, _form, _value in load_rows("date_words.tsv"):
    WORDS.setdefault(_cat, {})[_norm(_form)] = _value
WEEKDAYS: dict[str, int] = {f: int(v) for f, v in WORDS["weekday"].items()}
_ORDINALS = {f: v for f, k in number_lexicon().items() for kind, v in k.items() if kind.startswith("ordinal")}
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
_VAGUE_DAYS = {"hour": 0, "day": 7, "week": 30, "month": 180}  # أيام، أسابيع، أشهر without a number


def _alt(forms) -> str:
    return "(?:" + alternation(forms) + ")" + _END


_ART = "(?:ال|(?<=ل)ل)"  # the article, or its ل after the preposition ل (لليوم)
_WD = _alt(WEEKDAYS)
_MONTH = _alt(MONTHS)
_MONTH_RE = re.compile(_MONTH)
_MONTHS2 = rf"{_MONTH}(?:{_S0}/{_S0}{_MONTH}|{_S0}\({_S0}{_MONTH}{_S0}\)|{_S}{_MONTH})?"  # فبراير/شباط
_DAYN = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
_MON_N = r"(?:1[0-2]|0?[1-9])"
_GYEAR = r"(?:19[0-9][0-9]|20[0-9][0-9])(?![0-9])"
_YEAR = r"(?:1[34][0-9][0-9]|19[0-9][0-9]|20[0-9][0-9])(?![0-9])"
_ERA = rf"(?:{_S0}(?:م|ميلادي|ميلاديه|للميلاد|ه|هجري|هجريه|للهجره){_END})"
_DIR = _alt(WORDS["direction"])
_TOD = _alt(WORDS["time_of_day"])
_PART = _alt(WORDS["part"])
_SEASON = _alt(WORDS["season"])
_RELDAY = _alt(WORDS["day"])
_UNIT = "(?:" + alternation(WORDS["unit"]) + ")ا?" + _END  # عاما، يوما: the accusative alef
_PLURAL = _alt(f for f, v in WORDS["unit"].items() if v.endswith("/pl"))
_PERIOD = rf"{_ART}(?:اسبوع|شهر|عام|سنه){_END}"
_COMMA = rf"{_S0}[،,]?{_S0}"
_OF_MONTH = rf"{_S0}(?:من{_S})?(?:شهر{_S})?"
_ORD_UNIT = _alt(f for f in _ORDINALS if _ORDINALS[f] < 20)  # الثاني
_ORD_TEN = _alt(f for f in _ORDINALS if _ORDINALS[f] >= 20)  # العشرين
_ORD = rf"(?:ال{_ORD_UNIT}(?:{_S}عشره?{_END})?(?:{_S}وال{_ORD_TEN})?|ال{_ORD_TEN})"
_PRE = rf"(?:منذ|خلال|طيله|طوال|علي{_S}مدي|علي{_S}مدار|حتي)"


def _year_or_dir(p: str) -> str:
    return rf"(?:{_COMMA}(?P<{p}y>{_YEAR})(?P<{p}era>{_ERA})?|{_S}(?P<{p}dir>{_DIR}))?"


_ALTERNATIVES = {
    "abs": rf"(?:(?:يوم{_S})?(?P<a_wd>{_WD}){_COMMA}(?:الموافق{_S})?)?"
           rf"(?:(?P<a_d>{_DAYN})|(?P<a_od>{_ORD})(?={_S}من{_S})){_OF_MONTH}(?P<a_m>{_MONTHS2}){_year_or_dir('a_')}",
    "num": rf"(?P<n_pre>(?:يوم{_S})?(?P<n_wd>{_WD}){_COMMA}|(?:يوم|تاريخ){_S})?"
           rf"(?:(?P<n_d>{_DAYN})(?P<n_s>[/.-])(?P<n_m>{_MON_N})(?P=n_s)(?P<n_y>{_GYEAR})"
           rf"|(?P<n_y2>{_GYEAR})(?P<n_s2>[/.-])(?P<n_m2>{_MON_N})(?P=n_s2)(?P<n_d2>{_DAYN})"
           rf"|(?P<n_d3>{_DAYN})/(?P<n_m3>{_MON_N}))(?![0-9]|[/.-][0-9])",
    "rng": rf"(?:(?:ما{_S})?بين{_S}|من{_S})?(?P<r_d1>{_DAYN})(?:{_S0}[-–/]{_S0}|{_S}و{_S0}|{_S}(?:الي|حتي){_S})"
           rf"(?P<r_d2>{_DAYN}){_OF_MONTH}(?P<r_m>{_MONTHS2}){_year_or_dir('r_')}",
    # "الخامس من الشهر الجاري", "20 من الشهر الماضي", "في 10 الجاري": a day of this or another month
    "dom": rf"(?:(?P<m_d>{_DAYN})|(?P<m_od>{_ORD})){_S}(?:(?:من{_S})?ال?شهر{_S}(?P<m_dir>{_DIR})"
           rf"|(?P<m_cur>الجاري|الحالي)(?!{_S}(?:{_YEAR}|{_MONTH})))",
    "camp": rf"(?P<c_w>{_ART}يوم|يوم(?:ها|ه|هم|هما)){_S}(?:ال{_S0}(?P<c_n>[0-9][0-9]?[0-9]?)(?![0-9])|(?P<c_o>{_ORD})"
            rf"|(?P<c_n2>[0-9][0-9]?[0-9]?)(?={_S}علي{_S}التوالي))(?P<c_row>{_S}علي{_S}التوالي)?",
    "rel": rf"(?:(?P<t_tod>{_TOD}){_S})?(?P<t_day>يوم{_S})?(?P<t_w>{_RELDAY})"
           rf"(?:{_COMMA}(?:يوم{_S})?(?P<t_wd>{_WD})(?!{_COMMA}[0-9]))?",
    "wd": rf"(?:(?P<w_tod>{_TOD}){_S})?(?:يوم{_S})?(?P<w_wd>{_WD})"
          rf"(?:(?:{_S0}[-–/]{_S0}|{_S}(?:علي{_S}|و{_S0})?)(?P<w_wd2>{_WD}))?"
          rf"(?:{_S}(?P<w_before>قبل{_S})?(?P<w_dir>{_DIR}))?",
    "per": rf"(?:(?P<p_pre>{_PRE}){_S})?(?:(?P<p_part>{_PART}){_S})?"
           rf"(?:(?:هذا|هذه){_S}(?P<p_this>{_PERIOD})|(?P<p_unit>{_PERIOD})(?:{_S}(?P<p_dir>{_DIR}))?"
           rf"(?(p_part)|(?(p_dir)|(?!)))(?!{_S}(?:{_YEAR}|{_MONTH}))"
           rf"|{_ART}(?P<p_plural>{_PLURAL})(?:{_S}ال(?P<p_n>{WORDS_PATTERN}))?{_S}(?P<p_pdir>{_DIR})"
           rf"|ال{_S0}(?P<p_digits>[0-9][0-9]?[0-9]?){_S}(?P<p_u>{_UNIT}){_S}(?P<p_ddir>{_DIR}))",
    "mon": rf"(?:(?P<o_pre>منذ|في|خلال|حتي){_S})?(?:(?P<o_part>{_PART}){_S})?(?P<o_sh>شهر{_S})?(?P<o_m>{_MONTHS2})"
           rf"{_year_or_dir('o_')}(?(o_part)|(?(o_sh)|(?(o_y)|(?(o_dir)|(?(o_pre)|(?!))))))",
    "yr": rf"(?:(?P<y_prep>في|حتي|قبل|بعد|منذ|خلال){_S})?(?:(?:(?P<y_part>{_PART})|(?P<y_season>{_SEASON})){_S})?"
          rf"(?P<y_w>{_ART}?(?:عام|سنه){_S})?(?P<y_y>{_YEAR})(?P<y_era>{_ERA})?(?![0-9]|[/.,-][0-9])"
          rf"(?(y_prep)|(?(y_part)|(?(y_season)|(?(y_w)|(?(y_era)|(?!))))))",
    "ago": rf"(?P<g_pre>منذ|قبل|خلال|طيله|طوال|في{_S}غضون|علي{_S}مدي|علي{_S}مدار|في(?={_S}اقل)){_S}"
           rf"(?:(?P<g_mod>اقل{_S}من|اكثر{_S}من|نحو|حوالي|قرابه|ما{_S}يقارب|ما{_S}يزيد{_S}(?:عن|علي)){_S})?"
           rf"(?:(?:(?P<g_n>[0-9]+|{WORDS_PATTERN})|عده|بضعه|بضع){_S})?(?P<g_u>{_UNIT})(?:{_S}(?P<g_dir>{_DIR}))?",
}


def _first_words() -> list[str]:
    """Every word a date expression can begin with, so that the scan skips other words quickly."""
    words = ["يوم", "يومها", "يومه", "يومهم", "يومهما", "تاريخ", "منذ", "خلال",
             "طيله", "طوال", "حتي", "قبل", "شهر", "عام", "سنه"]
    for cat in ("weekday", "day", "time_of_day", "part", "season"):
        words += WORDS[cat]
    words += MONTHS
    words += ["ال" + w for w in ("اسبوع", "شهر", "عام", "سنه")]
    words += ["ال" + w for w, v in WORDS["unit"].items() if v.endswith("/pl")]
    words += ["ال" + w for w in _ORDINALS]  # ordinal days: السابع من شباط
    words += [w[1:] for w in words if w.startswith("ال")]  # لليوم: the article's ل after the preposition ل
    return sorted({w.split()[0] for w in words})


# frequent function words start a date only before these words
_FIRST = (rf"(?:[0-9]|ال{_S0}[0-9]|(?:{alternation(_first_words())}){_END}|في{_S}(?:غضون|اقل|[0-9]|{_MONTH})"
          rf"|(?:من|بين|بعد){_S}[0-9]|ما{_S}بين|علي{_S}مدا?|بعد{_S}غد|هذ[اه]{_S}{_PERIOD})")
DATE_RE = re.compile(r"(?<![\w/:.,])(?=[وف]?[بلك]?" + _FIRST + ")(?P<cl>[وف]?[بلك]?)(?:"
                     + "|".join(f"(?P<{k}>{v})" for k, v in _ALTERNATIVES.items()) + ")")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date expression: a day (`value`) or a range of days, with ACLED precision."""

    value: dt.date | None
    first: dt.date | None = None
    last: dt.date | None = None
    precision: int = 1
    kind: str = "absolute"
    anchor: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    def attrs(self) -> dict[str, Any]:
        d = {"value": self.value.isoformat() if self.value else None,
             "range": [self.first.isoformat(), self.last.isoformat()] if self.first else None,
             "precision": self.precision, "kind": self.kind, "anchor": self.anchor}
        d.update(self.extra)
        return d


def _span(first: dt.date, last: dt.date, kind: str, anchor: str | None = "published",
          extra: tuple = ()) -> DateValue:
    days = (last - first).days
    return DateValue(None, first, last, 1 if days == 0 else 2 if days <= 7 else 3, kind, anchor, extra)


# --- calendar arithmetic ---------------------------------------------------------------

def _date(cal: str, y: int, m: int, d: int) -> dt.date | None:
    try:
        if cal == "hijri":
            g = Hijri(y, m, d).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        return dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _month_span(cal: str, y: int, m: int) -> tuple[dt.date, dt.date] | None:
    first = _date(cal, y, m, 1)
    if first is None:
        return None
    nxt = _date(cal, y + m // 12, m % 12 + 1, 1)
    return (first, nxt - _ONE_DAY) if nxt else None


def _year_of(cal: str, day: dt.date) -> int:
    if cal != "hijri":
        return day.year
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):  # outside the Umm al-Qura tables: near enough
        return round((day.year - 622) * 33 / 32)


def _possible(cal: str, m: int, d: int) -> bool:
    """Whether some year has day d of month m (30 شباط never, 30 رمضان sometimes)."""
    return 1 <= d <= 30 if cal == "hijri" else _date(cal, 2000, m, d) is not None


def weekday_near(published: dt.date, weekday: int, direction: str | None = None) -> dt.date:
    """The weekday relative to publication: on or before it, strictly before (past) or after (future)."""
    if direction == "future":
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=back or (7 if direction == "past" else 0))


def infer_year(month: int, day: int, weekday: int, reference: dt.date) -> int | None:
    """The latest year, not after `reference`, in which day/month falls on `weekday`."""
    for year in range(reference.year, reference.year - 60, -1):
        d = _date("gregorian", year, month, day)
        if d and d <= reference and d.weekday() == weekday:
            return year
    return None


def _day_month(cal: str, y: int | None, m: int, d: int, weekday: int | None, direction: str | None,
               pub: dt.date | None, ref: dt.date) -> tuple[dt.date | None, str | None] | None:
    """Resolve a day of a month; None when the day cannot exist."""
    if not _possible(cal, m, d):
        return None
    if y is not None:
        if (cal == "hijri") != (y < 1700):
            return None
        value = _date(cal, y, m, d)
        if value and weekday is not None and value.weekday() != weekday:  # السبت 7 جانفي 2016 written in 2017
            value = next((v for v in (_date(cal, y + 1, m, d), _date(cal, y - 1, m, d))
                          if v and v.weekday() == weekday), value)
        return (value, None) if value else None
    if pub is not None:
        base = _year_of(cal, pub)
        cands = [c for c in (_date(cal, yy, m, d) for yy in (base + 1, base, base - 1, base - 2)) if c]
        if weekday is not None and any(c.weekday() == weekday for c in cands):
            cands = [c for c in cands if c.weekday() == weekday]
        if direction == "current" and any(_year_of(cal, c) == base for c in cands):  # 24 أيلول الحالي
            return next(c for c in cands if _year_of(cal, c) == base), "published"
        if direction == "future":
            later = [c for c in cands if c > pub]
            return (min(later) if later else None), "published"
        limit = pub - _ONE_DAY if direction == "past" else pub + _SLACK
        earlier = [c for c in cands if c <= limit]
        return (max(earlier) if earlier else None), "published"
    if weekday is not None and cal == "gregorian":
        year = infer_year(m, d, weekday, ref)
        return (_date(cal, year, m, d), "weekday") if year else (None, None)
    return None, None


def _part_of(first: dt.date, last: dt.date, part: str | None) -> tuple[dt.date, dt.date]:
    """The start, middle or end third of a span (مطلع، منتصف، أواخر)."""
    if part is None:
        return first, last
    days = (last - first).days + 1
    third = max(days // 3, 1)
    if part == "start":
        return first, first + dt.timedelta(days=third - 1)
    if part == "mid":
        return first + dt.timedelta(days=third), first + dt.timedelta(days=2 * third - 1)
    return first + dt.timedelta(days=2 * third), last


def _period(unit: str, pub: dt.date, shift: int) -> tuple[dt.date, dt.date]:
    """The week (from Saturday), month or year holding publication, moved by `shift` periods."""
    if unit == "week":
        start = pub - dt.timedelta(days=(pub.weekday() - 5) % 7) + dt.timedelta(days=7 * shift)
        return start, start + dt.timedelta(days=6)
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 + shift
        return _month_span("gregorian", k // 12, k % 12 + 1)
    return dt.date(pub.year + shift, 1, 1), dt.date(pub.year + shift, 12, 31)


_PERIOD_UNIT = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}
_ARTICLE = re.compile("^ا?ل")  # الاسبوع، لشهر -> the unit word
_SHIFT = {"past": -1, "current": 0, "future": 1, None: 0}


# --- one handler per alternative of DATE_RE: (match, context) -> [(view start, view end, value)] ----

@dataclass(frozen=True, slots=True)
class _Ctx:
    view: str
    pub: dt.date | None
    ref: dt.date


Found = list[tuple[int, int, DateValue]]
_ANCHORED_AFTER = re.compile(rf"{_S}من{_S}")  # قبل يومين من الانتخابات: not relative to publication


def _start(m: re.Match, c: _Ctx) -> int:
    """Where the expression begins after its clitics; لل keeps both lams (لليوم الثاني)."""
    vs = m.end("cl")
    return vs - 1 if m["cl"].endswith("ل") and c.view.startswith("ل", vs) else vs


def _month_of(text: str) -> tuple[str, int]:
    """Calendar and number of the first month named (فبراير/شباط → gregorian 2)."""
    return MONTHS[_norm(_MONTH_RE.match(text).group())]


def _word(category: str, text: str | None) -> str | None:
    return WORDS[category].get(_norm(text)) if text else None


def _absolute(m: re.Match, c: _Ctx) -> Found:
    cal, month = _month_of(m["a_m"])
    weekday = WEEKDAYS[m["a_wd"]] if m["a_wd"] else None
    year = int(m["a_y"]) if m["a_y"] else None
    day = int(m["a_d"]) if m["a_d"] else _ordinal_value(m["a_od"])
    got = _day_month(cal, year, month, day, weekday, _word("direction", m["a_dir"]), c.pub, c.ref)
    if got is None:
        return []
    kind = "hijri" if cal == "hijri" else "absolute"
    return [(_start(m, c), m.end(), DateValue(got[0], precision=1, kind=kind, anchor=got[1]))]


def _numeric(m: re.Match, c: _Ctx) -> Found:
    if m["n_d3"]:
        if not m["n_pre"]:  # 12/3 alone may be a score or a ratio
            return []
        day, month, year = int(m["n_d3"]), int(m["n_m3"]), None
    elif m["n_d"]:
        day, month, year = int(m["n_d"]), int(m["n_m"]), int(m["n_y"])
    else:
        day, month, year = int(m["n_d2"]), int(m["n_m2"]), int(m["n_y2"])
    weekday = WEEKDAYS[m["n_wd"]] if m["n_wd"] else None
    got = _day_month("gregorian", year, month, day, weekday, None, c.pub, c.ref)
    if got is None:
        return []
    return [(_start(m, c), m.end(), DateValue(got[0], precision=1, kind="absolute", anchor=got[1]))]


def _day_range(m: re.Match, c: _Ctx) -> Found:
    cal, month = _month_of(m["r_m"])
    d1, d2 = int(m["r_d1"]), int(m["r_d2"])
    year = int(m["r_y"]) if m["r_y"] else None
    got = _day_month(cal, year, month, d1, None, _word("direction", m["r_dir"]), c.pub, c.ref)
    if got is None or d2 <= d1 or not _possible(cal, month, d2):
        return []
    first, anchor = got
    if first is None:
        return [(_start(m, c), m.end(), DateValue(None, precision=2 if d2 - d1 < 7 else 3, kind="range"))]
    return [(_start(m, c), m.end(), _span(first, first + dt.timedelta(days=d2 - d1), "range", anchor))]


def _day_of_month(m: re.Match, c: _Ctx) -> Found:
    """"الخامس من الشهر الجاري", "20 من الشهر الماضي", "10 الجاري": a day of the publication's month or one near it."""
    vs, ve = _start(m, c), m.end()
    day = int(m["m_d"]) if m["m_d"] else _ordinal_value(m["m_od"])
    direction = _word("direction", m["m_dir"]) if m["m_dir"] else "current"
    if c.pub is None or not 1 <= day <= 31:
        return [(vs, ve, DateValue(None, precision=1, kind="relative"))]
    month = c.pub.month + _SHIFT.get(direction, 0) - 1
    got = _date("gregorian", c.pub.year + month // 12, month % 12 + 1, day)  # None for a day the month lacks
    return [(vs, ve, DateValue(got, precision=1, kind="relative", anchor="published" if got else None))]


def _ordinal_value(text: str) -> int:
    total = 0
    for w in text.split():
        w = w.removeprefix("و").removeprefix("ال")
        total += 10 if w in ("عشر", "عشره") else _ORDINALS.get(w, 0)
    return total


def campaign_day(n: int, anchor_date: dt.date | None, anchor: str | None = "published") -> DateValue:
    """Day N of a campaign whose day N is `anchor_date`: the range [anchor - (N-1), anchor]."""
    extra = (("day", n),)
    if anchor_date is None:
        return DateValue(None, precision=1 if n == 1 else 2 if n <= 8 else 3, kind="campaign_day", extra=extra)
    return _span(anchor_date - dt.timedelta(days=n - 1), anchor_date, "campaign_day", anchor, extra)


def _campaign(m: re.Match, c: _Ctx) -> Found:
    if not m["c_w"].startswith("يوم"):  # اليوم الثاني: a campaign day only as لليوم / على التوالي / من ...
        if not (m["cl"].endswith("ل") or m["c_row"] or _ANCHORED_AFTER.match(c.view, m.end())):
            return []
    n = int(m["c_n"] or m["c_n2"]) if m["c_n"] or m["c_n2"] else _ordinal_value(m["c_o"])
    if not 1 <= n <= 2000:
        return []
    return [(_start(m, c), m.end(), campaign_day(n, c.pub))]


_NOT_TODAY_AFTER = re.compile(rf"{_S}(?:العالمي|الوطني|الدولي|التالي|السابق|الذي|نفسه|ذاته|الموعود)(?!\w)")
_NOT_TODAY_BEFORE = re.compile(rf"(?<!\w)(?:ذلك|تلك|ذاك|نفس|ذات){_S}$")
_QUOTE_OPEN = re.compile(r'"[^"\n]{1,40}$')


def _is_today(m: re.Match, view: str) -> bool:
    """اليوم as today, not `اليوم التالي`, `ذلك اليوم` or a name in quotes (`روسيا اليوم`)."""
    s, e = m.span("t_w")
    if _NOT_TODAY_AFTER.match(view, e) or _NOT_TODAY_BEFORE.search(view, max(0, s - 8), s):
        return False
    return not (view.startswith('"', e) and _QUOTE_OPEN.search(view, max(0, s - 41), s))


def _relative(m: re.Match, c: _Ctx) -> Found:
    word = _norm(m["t_w"])
    offset = int(WORDS["day"][word])
    if word.startswith("امس") and m["cl"] and m["cl"][-1] in "بلك":  # لامس is a verb
        return []
    if word in ("غد", "الغد") and not (m["t_tod"] or m["t_day"]):  # الغد alone is "the future"
        return []
    if word == "اليوم" and not m["t_tod"] and not _is_today(m, c.view):
        return []
    kind = "future" if offset > 0 else "relative"
    extra = (("time_of_day", _word("time_of_day", m["t_tod"])),) if m["t_tod"] else ()
    if c.pub is None:
        return [(_start(m, c), m.end(), DateValue(None, precision=1, kind=kind, extra=extra))]
    value = c.pub + dt.timedelta(days=offset)
    weekday = WEEKDAYS[m["t_wd"]] if m["t_wd"] else None
    if weekday is not None and offset < 0 and value.weekday() != weekday:  # أمس الأحد: trust the weekday
        named = weekday_near(c.pub, weekday, "past")
        value = named if (c.pub - named).days <= 3 else value
    return [(_start(m, c), m.end(), DateValue(value, precision=1, kind=kind, anchor="published", extra=extra))]


_NOT_WEEKDAY_BEFORE = re.compile(rf"(?<!\w)(?:عبد|بين|كلا|كلتا|هذين|ان|لان|فان){_S0}$")
_NOT_WEEKDAY_AFTER = re.compile(rf"{_S}(?:عشر|معا|منهما|منهم|الاخرين|اللذين|المذكورين)(?!\w)")


def _weekday(m: re.Match, c: _Ctx) -> Found:
    s, e = m.span("w_wd")
    if m["w_wd"] in ("الاحد", "الاثنين") and m.start("w_wd") == m.end("cl"):  # الأحد عشر، بين الاثنين
        if _NOT_WEEKDAY_BEFORE.search(c.view, max(0, s - 6), s) or _NOT_WEEKDAY_AFTER.match(c.view, e):
            return []
    direction = _word("direction", m["w_dir"])
    tod = _word("time_of_day", m["w_tod"])
    extra = (("time_of_day", tod),) if tod else ()
    kind = "future" if direction == "future" else "weekday"
    back = 7 if m["w_before"] else 0  # الجمعة قبل الماضية

    def on(weekday: int) -> DateValue:
        if c.pub is None:
            return DateValue(None, precision=1, kind=kind, extra=extra)
        day = weekday_near(c.pub, weekday, direction) - dt.timedelta(days=back)
        return DateValue(day, precision=1, kind=kind, anchor="published", extra=extra)

    vs, ve = _start(m, c), m.end()
    if not m["w_wd2"]:
        return [(vs, ve, on(WEEKDAYS[m["w_wd"]]))]
    wd1, wd2 = WEEKDAYS[m["w_wd"]], WEEKDAYS[m["w_wd2"]]
    if (wd2 - wd1) % 7 != 1:  # two separate days: السبت والاثنين
        return [(vs, e, on(wd1)), (m.start("w_wd2"), ve, on(wd2))]
    second = on(wd2)
    if second.value is None:
        return [(vs, ve, second)]
    first = second.value - _ONE_DAY
    if tod == "night":  # ليل السبت الأحد: the night that begins on Saturday
        return [(vs, ve, DateValue(first, first, second.value, 1, kind, "published", extra))]
    return [(vs, ve, _span(first, second.value, kind, extra=extra))]


def _unit_and_count(unit_text: str, count_text: str | None) -> tuple[str, int | float | None]:
    form = _norm(unit_text)
    unit, number = WORDS["unit"].get(form, WORDS["unit"].get(form[:-1], "day/1")).split("/")
    if count_text:
        parsed = parse_number_words(count_text)
        return unit, parsed[0] if parsed else None
    return unit, None if number == "pl" else int(number)


def _back_to_publication(days: float, pub: dt.date, direction: str | None, kind: str) -> DateValue:
    delta = dt.timedelta(days=round(days))
    if direction == "future":
        return _span(pub, pub + delta, "future")
    return _span(pub - delta, pub, kind)


def _calendar_period(m: re.Match, c: _Ctx) -> Found:
    vs, ve = _start(m, c), m.end()
    pre = _norm(m["p_pre"]) if m["p_pre"] else None
    if m["p_plural"] or m["p_digits"]:  # الأيام الماضية، الأيام الثلاثة الماضية، الـ24 ساعة الماضية
        direction = _word("direction", m["p_pdir"] or m["p_ddir"])
        unit, n = _unit_and_count(m["p_plural"] or m["p_u"], m["p_n"])
        n = int(m["p_digits"]) if m["p_digits"] else n
        days = n * _UNIT_DAYS[unit] if n else _VAGUE_DAYS.get(unit)
        if days is None or c.pub is None:
            return [(vs, ve, DateValue(None, precision=3, kind="future" if direction == "future" else "period"))]
        return [(vs, ve, _back_to_publication(days, c.pub, direction, "period"))]
    unit = _PERIOD_UNIT[_ARTICLE.sub("", m["p_this"] or m["p_unit"])]
    part = _word("part", m["p_part"])
    direction = _word("direction", m["p_dir"]) or "current"
    kind = "future" if direction == "future" else "period"
    if c.pub is None:
        return [(vs, ve, DateValue(None, precision=2 if unit == "week" else 3, kind=kind))]
    if pre in ("خلال", "طيله", "طوال", "علي مدي", "علي مدار") and direction == "past" and not part:
        return [(vs, ve, _back_to_publication(_UNIT_DAYS[unit] if unit != "month" else 30, c.pub, None, kind))]
    first, last = _part_of(*_period(unit, c.pub, _SHIFT[direction]), part)
    if pre == "منذ" or first <= c.pub < last and direction != "future":
        last = max(first, c.pub)
    return [(vs, ve, _span(first, last, kind))]


def _month_only(m: re.Match, c: _Ctx) -> Found:
    cal, month = _month_of(m["o_m"])
    year = int(m["o_y"]) if m["o_y"] else None
    direction = _word("direction", m["o_dir"])
    pre = m["o_pre"]
    if pre and not (m["o_part"] or m["o_sh"] or year or direction) and cal == "hijri":
        return []  # في رجب may be a name (رجب طيب أردوغان)
    vs = m.start("o_pre") if pre == "منذ" else next(m.start(g) for g in ("o_part", "o_sh", "o_m") if m[g])
    ve = m.end()
    if year is not None:
        if (cal == "hijri") != (year < 1700):
            return []
        span = _month_span(cal, year, month)
    elif c.pub is not None:
        base = _year_of(cal, c.pub)
        spans = [s for s in (_month_span(cal, y, month) for y in (base + 1, base, base - 1, base - 2)) if s]
        if direction == "future":
            span = next((s for s in reversed(spans) if s[0] > c.pub), None)
        elif direction == "past":
            span = next((s for s in spans if s[1] < c.pub), None)
        else:
            span = next((s for s in spans if s[0] <= c.pub + _SLACK), None)
    else:
        return [(vs, ve, DateValue(None, precision=3, kind="month"))]
    if span is None:
        return []
    first, last = _part_of(*span, _word("part", m["o_part"]))
    if pre == "منذ" and c.pub and first <= c.pub:  # منذ مطلع آذار
        last = c.pub
    return [(vs, ve, _span(first, last, "future" if direction == "future" else "month", None if year else "published"))]


def _year_only(m: re.Match, c: _Ctx) -> Found:
    year = int(m["y_y"])
    cal = "hijri" if year < 1700 else "gregorian"
    first = _date(cal, year, 1, 1)
    following = _date(cal, year + 1, 1, 1)
    if first is None or following is None:
        return []
    first, last = _part_of(first, following - _ONE_DAY, _word("part", m["y_part"]))
    if m["y_season"] and cal == "gregorian":  # صيف 2017: three months; شتاء 2017 begins in December 2016
        start = int(WORDS["season"][m["y_season"]])
        first = dt.date(year - (start == 12), start, 1)
        last = _month_span(cal, (first.year * 12 + start + 1) // 12, (start + 1) % 12 + 1)[1]
    since = m["y_prep"] == "منذ"
    if since and c.pub and first <= c.pub:
        last = c.pub
    vs = m.start("y_prep") if since else next(m.start(g) for g in ("y_part", "y_season", "y_w", "y_y") if m[g])
    return [(vs, m.end(), DateValue(None, first, last, 3, "year"))]


def _duration(m: re.Match, c: _Ctx) -> Found:
    pre = _norm(m["g_pre"])
    if pre == "قبل" and _ANCHORED_AFTER.match(c.view, m.end()):
        return []
    unit, n = _unit_and_count(m["g_u"], m["g_n"])
    direction = _word("direction", m["g_dir"])
    vs, ve = _start(m, c), m.end()
    days = n * _UNIT_DAYS[unit] if n else _VAGUE_DAYS.get(unit)
    precision = 1 if unit in ("hour", "day") and (days or 0) <= 6 else 2 if unit in ("day", "week") else 3
    if days is None or c.pub is None:
        return [(vs, ve, DateValue(None, precision=precision, kind="future" if direction == "future" else "duration"))]
    point = c.pub - dt.timedelta(days=round(days))
    if direction != "future" and (unit == "hour" and n is None or
                                  pre == "قبل" and n is not None or
                                  pre == "منذ" and n is not None and unit in ("hour", "day") and days <= 6):
        return [(vs, ve, DateValue(point, precision=precision, kind="relative", anchor="published"))]
    if pre == "قبل":  # قبل أيام
        return [(vs, ve, _span(point, c.pub - _ONE_DAY, "duration"))]
    return [(vs, ve, _back_to_publication(days, c.pub, direction, "duration"))]


_HANDLERS: dict[str, Callable[[re.Match, _Ctx], Found]] = {
    "abs": _absolute, "num": _numeric, "rng": _day_range, "dom": _day_of_month, "camp": _campaign, "rel": _relative,
    "wd": _weekday, "per": _calendar_period, "mon": _month_only, "yr": _year_only, "ago": _duration,
}


# --- the stage -------------------------------------------------------------------------------

def _resolve(matches: list[re.Match], c: _Ctx) -> list[tuple[int, int, DateValue, re.Match]]:
    out = []
    for m in matches:
        try:
            found = _HANDLERS[m.lastgroup](m, c)
        except (OverflowError, ValueError):  # منذ 5000 عام: beyond the calendar
            continue
        out += [(vs, ve, v, m) for vs, ve, v in found]
    return out


_TODAY_BEFORE = re.compile(rf"(?<!\w)اليوم{_COMMA}$")
_SINCE_BEFORE = re.compile(rf"(?<!\w)(?:منذ|من){_S}$")  # منذ 7 أكتوبر: when it began, not the day of the text
# "قتلوا في 11 يوليو 1995", "تفجيرات 11 سبتمبر": the day something happened, not the day of the text
_WHEN_BEFORE = re.compile(rf"(?<!\w)(?:[وف]?(?:في|منذ|بعد|قبل|حتى|خلال|مطلع|اواخر|اوايل|منتصف)|تفجيرات|تفجير|"
                          rf"هجمات|هجوم|احداث|مجزره|اعتداءات){_S}$")
_SINCE_NEAR = re.compile(rf"(?<!\w)منذ{_S}(?:\S+{_S}){{0,2}}$")  # منذ تفجيرات 11 سبتمبر: a past landmark


def _infer(found: list[tuple[int, int, DateValue, re.Match]], doc: Document, ref: dt.date) -> dt.date | None:
    """The publication date the text states: `اليوم، الاثنين 12 من آذار`, a weekday date, a dateline."""
    view = doc.norm.text
    dated = [(vs, v, m) for vs, _, v, m in found if m.lastgroup in ("abs", "num") and v.value and v.value <= ref
             and not _SINCE_NEAR.search(view, max(0, vs - 40), vs)]
    for vs, v, _ in dated:
        if _TODAY_BEFORE.search(view, max(0, vs - 10), vs):
            return v.value
    with_weekday = [v.value for _, v, m in dated if m["a_wd"] or m["n_wd"]]
    if with_weekday:
        return max(with_weekday)
    top = doc.sentences[min(1, len(doc.sentences) - 1)].end if doc.sentences else len(doc.text)
    return next((v.value for vs, v, _ in dated if v.anchor is None and doc.norm.to_original(vs) < top
                 and not _WHEN_BEFORE.search(view, max(0, vs - 12), vs)), None)


def _find(doc: Document) -> tuple[list[Mention], dt.date | None]:
    view = doc.norm.text
    ref = doc.reference_date or dt.date.today()
    matches = list(DATE_RE.finditer(view))
    if not matches:
        return [], None
    pub = doc.published
    inferred = None
    if pub is None:
        inferred = pub = _infer(_resolve(matches, _Ctx(view, None, ref)), doc, ref)
    found = _resolve(matches, _Ctx(view, pub, ref))
    starts = [s.start for s in doc.sentences]
    spans = [(doc.norm.span_to_original(vs, ve), v) for vs, ve, v, _ in found]
    sentence_day = {}
    for ((s, _), v), (vs, *_) in zip(spans, found):
        if v.kind in ("absolute", "hijri") and v.value and not _SINCE_BEFORE.search(view, max(0, vs - 8), vs):
            sentence_day.setdefault(bisect.bisect_right(starts, s), v.value)
    first_id = sum(1 for x in doc.mentions if x.type == "DATE") + 1
    out = []
    for (s, e), v in spans:
        day = sentence_day.get(bisect.bisect_right(starts, s))
        if v.kind == "campaign_day" and day and day != pub:  # day N counted to the sentence's own date
            v = campaign_day(dict(v.extra)["day"], day, "sentence")
        out.append(Mention(f"d{first_id + len(out)}", "DATE", doc.text[s:e], s, e, source="rule", attrs=v.attrs()))
    return out, inferred


def find_dates(doc: Document) -> list[Mention]:
    """DATE mentions of a tokenised document, resolved against its (given or inferred) publication date."""
    return _find(doc)[0] if doc.norm is not None else []


def infer_published(doc: Document) -> dt.date | None:
    """The publication date stated in the text, or None (`doc.published` is not consulted)."""
    if doc.norm is None:
        return None
    ref = doc.reference_date or dt.date.today()
    view = doc.norm.text
    return _infer(_resolve(list(DATE_RE.finditer(view)), _Ctx(view, None, ref)), doc, ref)


def resolve_relative(expr: str, published: dt.date) -> tuple[str | None, tuple[str, str] | None, int] | None:
    """Resolve the first date expression in `expr` against a publication date: (value, range, precision).

    >>> resolve_relative("الجمعة الماضي", dt.date(2018, 3, 12))
    ('2018-03-09', None, 1)
    """
    view = _norm(expr)
    found = _resolve(list(DATE_RE.finditer(view)), _Ctx(view, published, published))
    if not found:
        return None
    a = found[0][2].attrs()
    return a["value"], tuple(a["range"]) if a["range"] else None, a["precision"]


def stage(doc: Document) -> Document:
    """Add DATE mentions; set `published` (source "inferred") when it is missing and the text states it.

    `قالت مصادر أمس الأحد` published 2018-03-12 → DATE `أمس الأحد` (value 2018-03-11, precision 1).
    """
    if doc.norm is None:
        return doc
    mentions, inferred = _find(doc)
    if inferred is not None:
        doc = replace(doc, published=inferred, published_source="inferred")
    return replace(doc, mentions=doc.mentions + tuple(mentions))
