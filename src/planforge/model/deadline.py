"""Deadlines as people write them: a date, a month, a quarter, a range, or recurring.

`parse_deadline` turns the text of a task's `deadline` into a `Deadline` with a start and
an end date inside the plan year, and a frequency for recurring work. The forms accepted
are listed in `FORMS`; anything else is an error that names them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from planforge.zh import english_month

FORMS = (
    "a date (2026-03-20, 2026/3/20, 3月20日, 春节前), a month (2026-03, 3月, 三月, 3月底前, "
    "March), part of a month (3月中旬), a quarter (Q1, 第一季度, 三季度末), a half year "
    "(上半年, H2), the year's start or end (年初, 年底前), a range (3月-5月, 3—5月, "
    "5月12日至15日, 2026-03..2026-05), a school period (寒假, 暑假, 秋季开学初), "
    "or recurring work (每月, 每两月, 每季度, 每半年, 每学期, 每周, 全年, monthly, year-round)"
)

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    """When a task is due. `end` is the deadline; `start` opens its window."""

    kind: str  # date | month | quarter | half | range | recurring | year
    start: dt.date
    end: dt.date
    text: str
    freq: str | None = None  # weekly | monthly | bimonthly | quarterly | half-yearly |
    # termly | yearly, for recurring work

    @property
    def recurring(self) -> bool:
        return self.kind in ("recurring", "year")

    def months(self) -> list[int]:
        """Months of the plan year this deadline puts work in (for the schedule)."""
        if self.recurring:
            if self.freq in _RECURRING_MONTHS:
                return list(_RECURRING_MONTHS[self.freq])
            return list(range(self.start.month, self.end.month + 1))
        if self.kind in ("date", "month"):
            return [self.end.month]
        return list(range(self.start.month, self.end.month + 1))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, m1: int, m2: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, m1, 1), _month_end(year, m2)


_RECURRING_MONTHS = {
    "quarterly": (3, 6, 9, 12),
    "bimonthly": (2, 4, 6, 8, 10, 12),
    "half-yearly": (6, 12),
    "termly": (3, 9),  # the spring and autumn terms open in these months
}

_RECURRING = {
    "每月": "monthly",
    "每月底": "monthly",
    "每月末": "monthly",
    "每两月": "bimonthly",
    "每两个月": "bimonthly",
    "每双月": "bimonthly",
    "隔月": "bimonthly",
    "every two months": "bimonthly",
    "bimonthly": "bimonthly",
    "每季度末": "quarterly",
    "季度末": "quarterly",
    "每半年": "half-yearly",
    "半年一次": "half-yearly",
    "half-yearly": "half-yearly",
    "every six months": "half-yearly",
    "每学期": "termly",
    "每学期初": "termly",
    "每学期末": "termly",
    "开学初": "termly",
    "学期初": "termly",
    "学期末": "termly",
    "期末": "termly",
    "every term": "termly",
    "termly": "termly",
    "每个月": "monthly",
    "monthly": "monthly",
    "every month": "monthly",
    "每季度": "quarterly",
    "每季": "quarterly",
    "quarterly": "quarterly",
    "every quarter": "quarterly",
    "每周": "weekly",
    "每星期": "weekly",
    "weekly": "weekly",
    "every week": "weekly",
    "每年": "yearly",
    "yearly": "yearly",
    "annually": "yearly",
}
_YEAR_ROUND = {
    "全年",
    "全年度",
    "长期",
    "常年",
    "year-round",
    "all year",
    "throughout the year",
    "ongoing",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ZH_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号](?:前|之前)?$")
_ZH_MONTH = re.compile(
    r"^(?:(\d{4})年)?(\d{1,2})月(?:份)?(?:上旬|中旬|下旬|底|末|初)?(?:前|之前)?$"
)
_ZH_RANGE = re.compile(
    r"^(?:(\d{4})年)?(\d{1,2})(?:月份?)?\s*(?:-|—|–|～|~|至|到)\s*(?:(\d{4})年)?(\d{1,2})月份?$"
)
_ISO_RANGE = re.compile(r"^(\S+?)\s*\.\.\s*(\S+)$")
_QUARTER = re.compile(
    r"^(?:(\d{4})\s*[-年]?\s*)?(?:Q([1-4])|第?([一二三四1-4])季度)(?:末|底|内|前|之前)?$", re.I
)
_HALF = re.compile(r"^(?:(\d{4})\s*[-年]?\s*)?(?:H([12])|(上|下)半年)(?:末|底|内|前|之前)?$", re.I)
_DOTTED_DATE = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")
_DOTTED_MONTH = re.compile(r"^(\d{4})[./](\d{1,2})$")
_AMBIGUOUS = re.compile(r"^(\d{1,2})[./](\d{1,2})$")
_TEN_DAYS = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月份?(上旬|中旬|下旬)(?:末|前|之前)?$")
_DAY_RANGE = re.compile(
    r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?\s*(?:-|—|–|~|至|到)\s*"
    r"(?:(\d{1,2})月)?(\d{1,2})[日号]$"
)
_YEAR_PART = re.compile(r"^(?:(\d{4})年)?(年初|年中|年底|年末|年终|年内)(?:前|之前)?$")
_YEAR_PART_MONTHS = {"年初": (1, 1), "年中": (6, 6), "年底": (12, 12), "年末": (12, 12)}
_YEAR_PART_MONTHS.update({"年终": (12, 12), "年内": (1, 12)})
_WHEN = r"(前|之前|前后|期间|当天|后|之后)?"
_EN_MONTH = re.compile(
    r"^(?:by |end of |the end of |by the end of )?([A-Za-z]+)(?: (\d{4}))?$", re.I
)


class DeadlineError(ValueError):
    """A deadline that cannot be read; `suggestion` is the closest accepted spelling."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


_ZH_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_ZH_DIGIT.update({"六": 6, "七": 7, "八": 8, "九": 9})
_ZH_NUMBER = re.compile(r"(?<![第\d每隔])([〇零一二两三四五六七八九十]{1,3})(?=[月日号])")
_ZH_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")
_SEPARATORS = str.maketrans({"―": "—", "－": "-", "〜": "~", "．": ".", "／": "/"})


def _zh_number(text: str) -> str | None:
    """一 … 三十一 as digits; None for what is not a number of days or months."""
    if "十" not in text:
        return str(_ZH_DIGIT[text]) if len(text) == 1 and text in _ZH_DIGIT else None
    tens, _, units = text.partition("十")
    if tens not in ("", "一", "二", "三") or len(units) > 1 or (units and units not in _ZH_DIGIT):
        return None
    return str((_ZH_DIGIT[tens] if tens else 1) * 10 + (_ZH_DIGIT[units] if units else 0))


def normalise(text: str) -> str:
    """One spelling for the variants people type: full-width digits and signs as ASCII,
    Chinese numerals before 月/日/号 and in years as digits (三月五日 → 3月5日)."""
    text = unicodedata.normalize("NFKC", text).translate(_SEPARATORS).strip()
    text = _ZH_YEAR.sub(lambda m: "".join(str(_ZH_DIGIT[c]) for c in m[1]), text)
    return _ZH_NUMBER.sub(lambda m: _zh_number(m[1]) or m[1], text)


def parse_deadline(value: object, year: int) -> Deadline:
    """Parse a deadline written in the source; `year` is the plan's year.

    Cached: rules, status and rendering ask for the same deadlines many times over (per
    school calendar in force: the configuration may give its own).
    """
    from planforge.vocab.calendar import calendar_key

    return _parse_deadline(value, year, calendar_key())


@functools.lru_cache(maxsize=4096)
def _parse_deadline(value: object, year: int, calendar: int) -> Deadline:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline("date", value, value, value.isoformat())
    text = str(value).strip()
    low = normalise(text).lower()
    if low in _RECURRING:
        return Deadline(
            "recurring", dt.date(year, 1, 1), dt.date(year, 12, 31), text, _RECURRING[low]
        )
    if low in _YEAR_ROUND:
        return Deadline("year", dt.date(year, 1, 1), dt.date(year, 12, 31), text, "yearly")
    normal = normalise(text)
    try:
        found = _parse_fixed(normal, year)
    except DeadlineError as exc:  # said of the text as typed, not as normalised
        message = str(exc).replace(f"'{normal}'", f"'{text}'")
        raise DeadlineError(message, exc.suggestion) from None
    except ValueError as exc:  # impossible dates such as 2月30日
        raise DeadlineError(f"'{text}' is not a valid deadline: {exc}") from None
    return Deadline(found.kind, found.start, found.end, text, found.freq)


def _parse_fixed(text: str, year: int) -> Deadline:
    if m := _DOTTED_DATE.match(text):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Deadline("date", d, d, text)
    if m := _DOTTED_MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        return Deadline("month", *_month_span(y, mo, mo), text)
    if m := _TEN_DAYS.match(text):
        y, mo = int(m[1] or year), int(m[2])
        first = {"上旬": 1, "中旬": 11, "下旬": 21}[m[3]]
        last = _month_end(y, mo) if m[3] == "下旬" else dt.date(y, mo, first + 9)
        return Deadline("range", dt.date(y, mo, first), last, text)
    if m := _DAY_RANGE.match(text):
        y, mo = int(m[1] or year), int(m[2])
        start = dt.date(y, mo, int(m[3]))
        return _range(start, dt.date(y, int(m[4] or mo), int(m[5])), text)
    if m := _YEAR_PART.match(text):
        y = int(m[1] or year)
        first_month, last_month = _YEAR_PART_MONTHS[m[2]]
        kind = "year" if m[2] == "年内" else "month" if first_month == last_month else "range"
        return Deadline(kind, *_month_span(y, first_month, last_month), text)
    if found := _calendar_deadline(text, year):
        return found
    if m := _ISO_DATE.match(text):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Deadline("date", d, d, text)
    if m := _ZH_DATE.match(text):
        d = dt.date(int(m[1] or year), int(m[2]), int(m[3]))
        return Deadline("date", d, d, text)
    if m := _ISO_MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        return Deadline("month", *_month_span(y, mo, mo), text)
    if m := _ZH_MONTH.match(text):
        y, mo = int(m[1] or year), int(m[2])
        return Deadline("month", *_month_span(y, mo, mo), text)
    if m := _ZH_RANGE.match(text):
        y1 = int(m[1] or year)
        y2 = int(m[3] or y1)
        start, end = dt.date(y1, int(m[2]), 1), _month_end(y2, int(m[4]))
        return _range(start, end, text)
    if m := _ISO_RANGE.match(text):
        start = parse_deadline(m[1], year).start
        end = parse_deadline(m[2], year).end
        return _range(start, end, text)
    if m := _QUARTER.match(text):
        y = int(m[1] or year)
        q = int(m[2]) if m[2] else _CN_NUM[m[3]]
        return Deadline("quarter", *_month_span(y, 3 * q - 2, 3 * q), text)
    if m := _HALF.match(text):
        y = int(m[1] or year)
        h = int(m[2]) if m[2] else (1 if m[3] == "上" else 2)
        return Deadline("half", *_month_span(y, 6 * h - 5, 6 * h), text)
    m = _EN_MONTH.match(text)
    month = english_month(m[1]) if m else None
    if m and month:
        y = int(m[2] or year)
        return Deadline("month", *_month_span(y, month, month), text)
    from planforge.vocab.calendar import school_periods

    configured = school_periods(discover=False) is not school_periods(discover=True)
    if configured and (found := _calendar_deadline(text, year)):  # a period it adds
        return found
    raise DeadlineError(
        f"'{text}' is not a deadline planforge understands", suggestion=_suggestion(text)
    )


@functools.lru_cache(maxsize=4)
def _calendar_patterns(periods_in_force: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    from planforge.vocab.calendar import festival_names

    festivals = "|".join(map(re.escape, festival_names()))
    periods = "|".join(map(re.escape, sorted(periods_in_force, key=len, reverse=True)))
    return (
        re.compile(rf"^(?:(\d{{4}})年)?({festivals}){_WHEN}$"),
        re.compile(rf"^(?:(\d{{4}})年)?({periods}){_WHEN}$"),
    )


def _calendar_deadline(text: str, year: int) -> Deadline | None:
    """春节前, 教师节, 国庆节前后, 寒假期间, 秋季开学初: dates from planforge.vocab.calendar."""
    from planforge.vocab.calendar import school_periods

    periods_in_force = school_periods(discover=False)
    festival, period = _calendar_patterns(frozenset(periods_in_force))
    if m := festival.match(text):
        from planforge.vocab.calendar import CalendarError, festival_date

        try:
            day = festival_date(m[2], int(m[1] or year))
            if not m[1] and m[3] in ("前", "之前", "前后") and day.month == 1 and day.day == 1:
                day = festival_date(m[2], year + 1)  # 元旦前: the new year the plan's ends in
        except CalendarError as exc:
            raise DeadlineError(str(exc)) from None
        return _around(day, day, m[3], text)
    if m := period.match(text):
        if periods_in_force is not (periods_in_force := school_periods(discover=True)):
            return _calendar_deadline(text, year)  # the configuration's dates, if it has any
        y = int(m[1] or year)
        (m1, d1), (m2, d2) = periods_in_force[m[2]]
        return _around(dt.date(y, m1, d1), dt.date(y, m2, d2), m[3], text)
    return None


def _around(first: dt.date, last: dt.date, when: str | None, text: str) -> Deadline:
    """A window relative to a festival or period: before it, around it, during or after."""
    day = dt.timedelta(days=1)
    if when in ("前", "之前"):
        return Deadline("date", first - day, first - day, text)
    if when == "前后":
        return Deadline("range", first - 7 * day, last + 7 * day, text)
    if when in ("后", "之后"):
        return Deadline("range", last + day, last + 15 * day, text)
    if first == last:
        return Deadline("date", first, first, text)
    return Deadline("range", first, last, text)


_SPELLINGS = (
    "全年",
    "每月",
    "每两月",
    "每季度",
    "每半年",
    "每学期",
    "每周",
    "每年",
    "年初",
    "年底前",
    "上半年",
    "下半年",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "寒假",
    "暑假",
    "春季开学初",
    "秋季开学初",
    "春节前",
    "元旦前",
    "教师节前",
    "国庆节前",
)


def _suggestion(text: str) -> str | None:
    """The closest accepted spelling of a deadline that could not be read."""
    if m := _AMBIGUOUS.match(text):
        return f"{int(m[1])}月{int(m[2])}日"
    if m := re.fullmatch(r"(\d{1,2})月?\s*(?:-|—|至|到)\s*(\d{1,2})月?日", text):
        return f"{m[1]}月{m[2]}日"
    import difflib

    close = difflib.get_close_matches(text, _SPELLINGS, n=1, cutoff=0.5)
    return close[0] if close else None


# ---------------------------------------------------------------------------- one spelling

_DASHES = re.compile(r"\s*(?:-|–|—|~|～)\s*")
_DIGIT_DAY = re.compile(r"(\d)号")
_SPACED = re.compile(r"\s*(至|到)\s*")


def canonical_deadline(text: str, year: int) -> str:
    """The one spelling `fmt` writes for a deadline, meaning the same window.

    - digits are ASCII (１２月 → 12月) and Chinese numerals of months, days and years are
      digits (三月中旬 → 3月中旬, 二〇二七年三月五日 → 2027年3月5日), as in the rest of the
      plan's dates;
    - a date or month written with dots or slashes is ISO 8601 (2027/3/5, 2027.3.5 →
      2027-03-05; 2027.3 → 2027-03), the form YAML and every export read;
    - the start and end of a Chinese range are joined by the dash '—' (3-5月 → 3—5月,
      5月12日~15日 → 5月12日—15日), the mark GB/T 15834-2011《标点符号用法》4.13.3.2 gives for
      the start and end of a time span; 至 and 到 are kept; 号 is written 日.

    Every other spelling (年底前, 第三季度末, 春节前, 每学期, Q1, March) is already one planforge
    renders as written, and stays. The result is read again: a spelling whose meaning would
    change is left as the author wrote it.
    """
    value = text.strip()
    try:
        meant = parse_deadline(value, year)
    except DeadlineError:
        return text
    out = _respelled(normalise(value))
    if out == value:
        return text
    try:
        again = parse_deadline(out, year)
    except DeadlineError:
        return text
    same = (again.kind, again.start, again.end, again.freq)
    return out if same == (meant.kind, meant.start, meant.end, meant.freq) else text


def _respelled(text: str) -> str:
    if m := _DOTTED_DATE.match(text):
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m := _ISO_DATE.match(text):
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if (m := _DOTTED_MONTH.match(text)) or (m := _ISO_MONTH.match(text)):
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    if re.search(r"[月日号年]", text) and not _ISO_RANGE.match(text):
        text = _DIGIT_DAY.sub(r"\1日", text)
        text = _SPACED.sub(r"\1", _DASHES.sub("—", text))
    return text


def _range(start: dt.date, end: dt.date, text: str) -> Deadline:
    if end < start:
        raise DeadlineError(f"the range '{text}' ends before it starts")
    return Deadline("range", start, end, text)
