"""Chinese and English conventions of official writing: numerals, numbering, dates."""

from __future__ import annotations

import datetime as dt

_DIGITS = "〇一二三四五六七八九"
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 10010 → 一万零一十."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return "零" if n == 0 else _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n >= 10_000:  # 万 and 亿 groups, each written as a number below 10000
        size, name = (100_000_000, "亿") if n >= 100_000_000 else (10_000, "万")
        high, low = divmod(n, size)
        if not low:
            return chinese_numeral(high) + name
        gap = "零" if low < size // 10 else ""
        return chinese_numeral(high) + name + gap + _below_ten_thousand(low)
    return _below_ten_thousand(n)


def _below_ten_thousand(n: int) -> str:
    """1 ≤ n: 千, 百 and 十 places with 零 for gaps; 10-19 as 一十… (inside a larger number)."""
    if n >= 10_000:
        return chinese_numeral(n)
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    for size, name in units:
        q, n = divmod(n, size)
        if q:
            if zero:
                out += "零"
            out += _DIGITS[q] + name
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _DIGITS[n]
    return out


def heading_number(level: int, n: int, language: str = "zh") -> str:
    """The literal numbering of a heading at `level` (1-4): 一、 （一） 1. （1）."""
    if language != "zh":
        return f"{n}."
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def format_date(value: dt.date, language: str = "zh") -> str:
    """2025年1月5日 (zh) or 5 January 2025 (en): no zero padding."""
    if language == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_month(month: int, language: str = "zh") -> str:
    return f"{month}月" if language == "zh" else _MONTHS_EN[month - 1]


def english_month(name: str) -> int | None:
    """'March' or 'mar' → 3."""
    low = name.strip().lower()[:3]
    for i, m in enumerate(_MONTHS_EN, 1):
        if m.lower()[:3] == low:
            return i
    return None
