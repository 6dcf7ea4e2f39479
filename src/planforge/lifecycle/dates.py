"""Dates in a plan's year: moving a date to another year, and weekdays named in a title."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_WEEKDAYS = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
}
_ZH_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_EN_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.IGNORECASE
)
_EN_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def weekday_named(text: str) -> int | None:
    """The weekday (0 = Monday) a text such as 每周五 or 'every Friday' names, if any."""
    if m := _ZH_WEEKDAY.search(text):
        return _WEEKDAYS[m[1]]
    if m := _EN_WEEKDAY.search(text):
        return _EN_NAMES.index(m[1].lower())
    return None


def same_day(day: dt.date, year: int) -> dt.date:
    """The same month and day in `year` (29 February becomes the 28th)."""
    last = calendar.monthrange(year, day.month)[1]
    return dt.date(year, day.month, min(day.day, last))


def same_weekday(day: dt.date, year: int) -> dt.date:
    """The same weekday in the same week of the same month of `year`.

    The first Friday of March stays the first Friday of March; a fifth weekday that the
    month does not have in `year` becomes the last one.
    """
    nth = (day.day - 1) // 7
    first = dt.date(year, day.month, 1)
    candidate = first + dt.timedelta(days=(day.weekday() - first.weekday()) % 7 + 7 * nth)
    while candidate.month != day.month:
        candidate -= dt.timedelta(days=7)
    return candidate


def first_weekday(year: int, weekday: int) -> dt.date:
    first = dt.date(year, 1, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)
