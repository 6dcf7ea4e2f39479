"""Rules on numbering typed into the text (imported plans): the ladder 一、 → （一） →
1. → （1）, without skipped levels, with consecutive numbers and one spelling per level.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from planforge.check.rules.base import Pattern, RuleContext, TextValue, rule
from planforge.errors import Problem, Severity

_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# level, pattern; group 1 is the number, group "sep" the spelling that may vary.
_MARKERS = (
    (1, Pattern(r"([一二三四五六七八九十]{1,3})(?P<sep>[、.．，,])")),
    (2, Pattern(r"(?P<sep>[（(])([一二三四五六七八九十]{1,3})[）)]")),
    (4, Pattern(r"(?P<sep>[（(])([0-9]{1,2})[）)]")),
    (3, Pattern(r"([0-9]{1,2})(?P<sep>[.．、])(?![0-9])")),
)
_LINE_START = Pattern(r"(?:^|\n)[ \u3000\t]*[一二三四五六七八九十（(0-9]")
STANDARD = {1: "、", 2: "（", 3: ".", 4: "（"}
LADDER = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@dataclass(frozen=True)
class Marker:
    text: TextValue
    offset: int  # in the value
    length: int
    level: int
    number: int
    spelling: str


def _number(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    if raw == "十":
        return 10
    if raw.startswith("十"):
        return 10 + _ZH_DIGITS.get(raw[1:], 0)
    if raw.endswith("十"):
        return _ZH_DIGITS.get(raw[0], 0) * 10
    if "十" in raw:
        tens, units = raw.split("十", 1)
        return _ZH_DIGITS.get(tens, 0) * 10 + _ZH_DIGITS.get(units, 0)
    return _ZH_DIGITS.get(raw, 0)


def _markers(text: TextValue) -> Iterator[Marker]:
    """Numbering markers at the start of each line of a text value."""
    offset = 0
    for line in text.value.split("\n"):
        stripped = line.lstrip(" \u3000\t")
        start = offset + len(line) - len(stripped)
        for level, pattern in _MARKERS:
            m = pattern.match(stripped)
            if m:
                raw = next(g for g in m.groups() if g and g not in "、.．，,（(")
                yield Marker(text, start, m.end(), level, _number(raw), m.group("sep"))
                break
        offset += len(line) + 1


def _sequences(ctx: RuleContext) -> list[list[Marker]]:
    """Markers of each multi-paragraph field (a task's text, the ideology…), in order;
    computed once per plan for the three numbering rules."""
    cached = ctx.memo.get("numbering")
    if cached is None:
        groups: dict[tuple[str | int, ...], list[Marker]] = {}
        for text in ctx.chinese_texts:
            if text.kind == "prose" and _LINE_START.search(text.value):
                groups.setdefault(text.loc[:-1], []).extend(_markers(text))
        cached = ctx.memo["numbering"] = [m for m in groups.values() if m]
    return cached


@rule("numbering-skip", Severity.WARNING, "a numbering level is skipped (一、 then 1.)")
def numbering_skip(ctx: RuleContext) -> Iterator[Problem]:
    """Numbering in the text goes down the ladder one level at a time:
    `一、` → `（一）` → `1.` → `（1）`. `一、` followed directly by `1.` skips a level.
    """
    for markers in _sequences(ctx):
        for before, marker in itertools.pairwise(markers):
            if marker.level > before.level + 1:
                yield ctx.in_text(
                    marker.text,
                    marker.offset,
                    marker.offset + marker.length,
                    f"numbering skips a level: {LADDER[before.level]} then {LADDER[marker.level]}",
                    hint=f"use {LADDER[before.level + 1]} here",
                )


@rule("numbering-order", Severity.WARNING, "numbers of a level are not consecutive")
def numbering_order(ctx: RuleContext) -> Iterator[Problem]:
    """Each level is numbered 1, 2, 3… without gaps or repeats; a higher level restarts
    the count of the levels below it.
    """
    for markers in _sequences(ctx):
        last: dict[int, int] = {}
        for marker in markers:
            for deeper in [lvl for lvl in last if lvl > marker.level]:
                del last[deeper]
            expected = last.get(marker.level, 0) + 1
            if marker.number != expected and marker.level in last:
                yield ctx.in_text(
                    marker.text,
                    marker.offset,
                    marker.offset + marker.length,
                    f"numbering jumps from {last[marker.level]} to {marker.number}",
                    hint=f"expected {expected}",
                )
            last[marker.level] = marker.number


@rule(
    "numbering-mixed",
    Severity.WARNING,
    "a numbering level spelled the wrong way (1、 for 1.)",
    fixable=True,
)
def numbering_mixed(ctx: RuleContext) -> Iterator[Problem]:
    """Each numbering level has one spelling: `一、` (not `一.`), `1.` (not `1、` or
    `1．`). The first-level mark is followed by `、`, the third by a half-width full stop.
    Half-width parentheses are reported by `halfwidth-punctuation`.
    """
    for markers in _sequences(ctx):
        for marker in markers:
            if marker.level in (2, 4):
                continue
            if marker.spelling != STANDARD[marker.level]:
                end = marker.offset + marker.length
                yield ctx.in_text(
                    marker.text,
                    end - 1,
                    end,
                    f"'{marker.text.value[marker.offset : end]}' spells level {marker.level} "
                    f"unlike {LADDER[marker.level]}",
                    fix=STANDARD[marker.level],
                    hint=f"write it as {LADDER[marker.level]}",
                )
