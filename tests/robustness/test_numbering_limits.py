"""Numbering never runs out: a plan with ten thousand headings still renders."""

from __future__ import annotations

import pytest

from planforge.zh import chinese_numeral, heading_number


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (9999, "九千九百九十九"),
        (10_000, "一万"),
        (10_001, "一万零一"),
        (10_010, "一万零一十"),
        (12_345, "一万二千三百四十五"),
        (100_000, "十万"),
        (1_000_000, "一百万"),
        (100_000_001, "一亿零一"),
        (123_456_789, "一亿二千三百四十五万六千七百八十九"),
    ],
)
def test_chinese_numerals_past_ten_thousand(n, expected):
    assert chinese_numeral(n) == expected


def test_level_one_heading_numbers_past_ten_thousand():
    assert heading_number(1, 10_000) == "一万、"
    assert heading_number(2, 10_012) == "（一万零一十二）"
