"""Chinese and English conventions of official writing: numerals, numbering, dates; and
the Chinese character classes every stage uses to tell Chinese text."""

from __future__ import annotations

import datetime as dt
import functools
import re

# Character classes for regular expressions ([{HAN}]), after the Unicode blocks of these
# names. HAN: the ideographs (CJK Unified Ideographs, Extension A, Compatibility
# Ideographs). CJK: Chinese and Japanese text at large, the ideographs with CJK radicals,
# CJK symbols and punctuation (、。「」), kana, bopomofo and the full-width forms (，：！).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff" + HAN + "\uff00-\uffef"


@functools.cache
def _class(chars: str) -> re.Pattern[str]:
    # compiled on first use: a class of this size costs 2 ms to compile, a fifth of what
    # a repeated render spends in planforge's own modules
    return re.compile(f"[{chars}]")


def has_han(text: str) -> bool:
    """Whether `text` has a Chinese character (汉字)."""
    return _class(HAN).search(text) is not None


def count_han(text: str) -> int:
    """How many Chinese characters (汉字) `text` has."""
    return len(_class(HAN).findall(text))


def has_cjk(text: str) -> bool:
    """Whether `text` has a character of Chinese text: a 汉字, CJK punctuation or a
    full-width form (２０２６年, ：)."""
    return _class(CJK).search(text) is not None


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
