"""The festival and school calendars that plans are written against: data, shared by the
deadline reader and the rules.

Festivals on fixed days of the Gregorian calendar are listed by month and day. The lunar
festivals (春节, 端午节, 中秋节, 重阳节) move; their Gregorian dates are those of the Chinese
calendar as GB/T 33661-2017《农历的编算和颁行》 computes it, and agree with the State
Council's holiday notices (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04: 春节
2月17日, 端午节 6月19日, 中秋节 9月25日). A year outside the table is an error, not a guess.

School terms vary by province and year; the defaults below are the usual 2-term calendar
(spring term from late February, autumn term from September) and are meant to be
overridden where a school's own calendar differs.
"""

from __future__ import annotations

import datetime as dt

FIXED_FESTIVALS: dict[str, tuple[int, int]] = {
    "元旦": (1, 1),
    "三八": (3, 8),
    "三八妇女节": (3, 8),
    "妇女节": (3, 8),
    "植树节": (3, 12),
    "五一": (5, 1),
    "劳动节": (5, 1),
    "五四": (5, 4),
    "青年节": (5, 4),
    "护士节": (5, 12),
    "六一": (6, 1),
    "儿童节": (6, 1),
    "七一": (7, 1),
    "建党节": (7, 1),
    "八一": (8, 1),
    "建军节": (8, 1),
    "教师节": (9, 10),
    "国庆": (10, 1),
    "国庆节": (10, 1),
}
"""Festivals on fixed Gregorian days: name → (month, day)."""

LUNAR_FESTIVALS: dict[str, dict[int, tuple[int, int]]] = {
    "春节": {
        2024: (2, 10),
        2025: (1, 29),
        2026: (2, 17),
        2027: (2, 6),
        2028: (1, 26),
        2029: (2, 13),
        2030: (2, 3),
    },
    "端午": {
        2024: (6, 10),
        2025: (5, 31),
        2026: (6, 19),
        2027: (6, 9),
        2028: (5, 28),
        2029: (6, 16),
        2030: (6, 5),
    },
    "中秋": {
        2024: (9, 17),
        2025: (10, 6),
        2026: (9, 25),
        2027: (9, 15),
        2028: (10, 3),
        2029: (9, 22),
        2030: (9, 12),
    },
    "重阳": {
        2024: (10, 11),
        2025: (10, 29),
        2026: (10, 18),
        2027: (10, 8),
        2028: (10, 26),
        2029: (10, 16),
        2030: (10, 5),
    },
}
"""Lunar festivals: name → year → (month, day) of the Gregorian date."""

LUNAR_ALIASES = {"端午节": "端午", "中秋节": "中秋", "重阳节": "重阳", "农历新年": "春节"}

SCHOOL_PERIODS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "寒假": ((1, 15), (2, 25)),
    "暑假": ((7, 10), (8, 31)),
    "春季开学": ((2, 20), (3, 10)),
    "春季开学初": ((2, 20), (3, 10)),
    "秋季开学": ((9, 1), (9, 15)),
    "秋季开学初": ((9, 1), (9, 15)),
}
"""Default school periods: name → ((month, day), (month, day)) within one year."""


_CONFIGURED: list[dict[str, tuple[tuple[int, int], tuple[int, int]]]] = []
_GENERATION = [0]


def configure_school_periods(periods: dict[str, tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Use a school's own calendar (the configuration's `calendar:`) over the defaults:
    a period it names gets its dates, a new name becomes a period."""
    _CONFIGURED[:] = [dict(periods)]  # then the merged periods, made once
    _GENERATION[0] += 1


def school_periods(*, discover: bool) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """The school periods in force: the defaults, overridden by the configuration's
    `calendar:`. Unless `check --config` has set it, the configuration is that of the
    working folder, found as `check` finds it, once a deadline needs it (`discover`);
    before that the defaults are returned, the same object each time."""
    if not _CONFIGURED:
        if not discover:
            return SCHOOL_PERIODS
        from planforge.config import discover_config

        configure_school_periods(discover_config().calendar)
    if not _CONFIGURED[0]:
        return SCHOOL_PERIODS
    if len(_CONFIGURED) == 1:
        _CONFIGURED.append({**SCHOOL_PERIODS, **_CONFIGURED[0]})
    return _CONFIGURED[1]


def calendar_key() -> int:
    """Changes whenever the school periods in force may change (for caches)."""
    return _GENERATION[0]


class CalendarError(ValueError):
    """A festival whose date in the asked year is not in the table."""


def festival_names() -> list[str]:
    """Every festival name the calendar knows, longest first (for matching in text)."""
    names = [*FIXED_FESTIVALS, *LUNAR_FESTIVALS, *LUNAR_ALIASES]
    return sorted(set(names), key=len, reverse=True)


def festival_date(name: str, year: int) -> dt.date:
    """The Gregorian date of festival `name` in `year`."""
    if name in FIXED_FESTIVALS:
        return dt.date(year, *FIXED_FESTIVALS[name])
    table = LUNAR_FESTIVALS.get(LUNAR_ALIASES.get(name, name))
    if table is None:
        raise CalendarError(f"'{name}' is not a festival planforge knows")
    if year not in table:
        years = f"{min(table)}–{max(table)}"
        raise CalendarError(
            f"the date of {name} in {year} is not in planforge's festival calendar ({years})"
        )
    return dt.date(year, *table[year])


SEASONAL_ACTIVITIES: dict[str, tuple[str, tuple[int, int], str]] = {
    "两节送温暖": (
        r"(?:元旦|春节|两节|新春|新年|年关)[^，。；]{0,8}送温暖|送温暖[^，。；]{0,4}(?:元旦|春节|两节)",
        (11, 2),
        "全总“两节”送温暖活动: from before 元旦 to 春节 (common practice; 春节 falls between "
        "21 January and 20 February)",
    ),
    "春节慰问": (
        r"(?:春节|新春)[^，。；]{0,4}(?:慰问|团拜|联欢|游园|走访)",
        (12, 2),
        "春节 falls between 21 January and 20 February (GB/T 33661-2017); common practice",
    ),
    "元旦慰问": (
        r"元旦[^，。；]{0,4}(?:慰问|走访|团拜|联欢)",
        (12, 1),
        "元旦 1月1日: visits and gatherings in the last weeks of the year and the first of "
        "January (common practice)",
    ),
    "三八": (
        r"三八|妇女节",
        (1, 3),
        "国际劳动妇女节 3月8日; 三八红旗手 nominations open in January (common practice)",
    ),
    "五一": (
        r"五一|劳动节",
        (3, 5),
        "劳动节 5月1日; 五一劳动奖章 nominations in March and April (common practice)",
    ),
    "端午": (r"端午", (5, 6), "端午节: late May to late June (GB/T 33661-2017)"),
    "教师节": (r"教师节", (8, 9), "教师节 9月10日 (全国人大常委会, 1985); common practice"),
    "金秋助学": (
        r"金秋助学",
        (7, 9),
        "工会“金秋助学”: after the college entrance results, July to September (common "
        "practice; federations' reports of the grants are dated August and September)",
    ),
    "夏送清凉": (
        r"送清凉",
        (6, 9),
        "工会“夏送清凉”: the hot season, June to September (common practice; some cities run "
        "it to October)",
    ),
    "防暑降温": (
        r"防暑降温",
        (5, 9),
        "防暑降温: preparing in May, the hot season to September (common practice)",
    ),
    "中秋": (r"中秋", (8, 10), "中秋节: 7 September to 8 October (GB/T 33661-2017)"),
    "国庆": (r"国庆", (9, 10), "国庆节 10月1日"),
}
"""Activities tied to a season: name → (pattern in a task's title, the months it belongs
in as (first, last), which may wrap over the new year, and where the window comes from).
The `out-of-season` rule reads them; a configuration may change the windows."""


def in_window(month: int, window: tuple[int, int]) -> bool:
    """Whether `month` lies in `window` = (first, last), which may wrap (11, 2)."""
    first, last = window
    if first <= last:
        return first <= month <= last
    return month >= first or month <= last
