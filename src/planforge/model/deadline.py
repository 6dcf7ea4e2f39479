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
from dataclasses import dataclass

from planforge.zh import english_month

FORMS = (
    "a date (2026-03-20, 3月20日), a month (2026-03, 3月, 3月底前, March), "
    "a quarter (Q1, 第一季度), a half year (上半年, H2), a range (3月-5月, 2026-03..2026-05), "
    "or recurring work (每月, 每季度, 每周, 全年, monthly, quarterly, weekly, year-round)"
)

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    """When a task is due. `end` is the deadline; `start` opens its window."""

    kind: str  # date | month | quarter | half | range | recurring | year
    start: dt.date
    end: dt.date
    text: str
    freq: str | None = None  # weekly | monthly | quarterly | yearly for recurring work

    @property
    def recurring(self) -> bool:
        return self.kind in ("recurring", "year")

    def months(self) -> list[int]:
        """Months of the plan year this deadline puts work in (for the schedule)."""
        if self.recurring:
            if self.freq == "quarterly":
                return [3, 6, 9, 12]
            return list(range(self.start.month, self.end.month + 1))
        if self.kind in ("date", "month"):
            return [self.end.month]
        return list(range(self.start.month, self.end.month + 1))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, m1: int, m2: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, m1, 1), _month_end(year, m2)


_RECURRING = {
    "每月": "monthly",
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
_QUARTER = re.compile(r"^(?:(\d{4})\s*[-年]?\s*)?(?:Q([1-4])|第?([一二三四1-4])季度)$", re.I)
_HALF = re.compile(r"^(?:(\d{4})\s*[-年]?\s*)?(?:H([12])|(上|下)半年)$", re.I)
_EN_MONTH = re.compile(
    r"^(?:by |end of |the end of |by the end of )?([A-Za-z]+)(?: (\d{4}))?$", re.I
)


class DeadlineError(ValueError):
    pass


@functools.lru_cache(maxsize=4096)
def parse_deadline(value: object, year: int) -> Deadline:
    """Parse a deadline written in the source; `year` is the plan's year.

    Cached: rules, status and rendering ask for the same deadlines many times over.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline("date", value, value, value.isoformat())
    text = str(value).strip()
    low = text.lower()
    if low in _RECURRING:
        return Deadline(
            "recurring", dt.date(year, 1, 1), dt.date(year, 12, 31), text, _RECURRING[low]
        )
    if low in _YEAR_ROUND:
        return Deadline("year", dt.date(year, 1, 1), dt.date(year, 12, 31), text, "yearly")
    try:
        return _parse_fixed(text, year)
    except DeadlineError:
        raise
    except ValueError as exc:  # impossible dates such as 2月30日
        raise DeadlineError(f"'{text}' is not a valid deadline: {exc}") from None


def _parse_fixed(text: str, year: int) -> Deadline:
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
    raise DeadlineError(f"'{text}' is not a deadline planforge understands")


def _range(start: dt.date, end: dt.date, text: str) -> Deadline:
    if end < start:
        raise DeadlineError(f"the range '{text}' ends before it starts")
    return Deadline("range", start, end, text)
