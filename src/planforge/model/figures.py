"""Typed figures: what a task's `figures:` entry and a goal's `measure` mean as numbers.

A figure is written as people write it, and typed here so that the summary can add
figures up and set them against a goal's target:

- a percentage: `97.6%`, `100％`;
- an amount of money: `2.86万元`, `19000元`, or a number whose name says the unit
  (`慰问金额（万元）: 2.86`); kept in 元;
- a count with its unit: `31人`, `24件`, `76次`, or a number whose name says it
  (`参加人数` counts 人, `参加人次` 人次, `活动次数` 次);
- a plain number, and anything else is text (never added up).

A measure is one or more targets (`≥98%`, `不少于6人`, `40人、200条`), each with its
direction: at least (≥, 以上, 不少于, 不低于, 至少, and a bare figure), or at most
(≤, 以下, 不超过, 不高于, 以内).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PERCENT = "percent"
AMOUNT = "amount"
COUNT = "count"
NUMBER = "number"
TEXT = "text"

_NUMBER = r"(\d+(?:\.\d+)?)"
_MONEY_UNITS = {"元": 1.0, "万元": 10_000.0, "亿元": 100_000_000.0}
_COUNT_UNITS = (
    "人次", "人", "件", "次", "场", "条", "项", "个", "名", "户", "对", "份", "家", "期",
)  # fmt: skip
_NAME_UNIT = re.compile(r"[（(]\s*([^）)]+?)\s*[）)]\s*$")
_VALUE = re.compile(
    rf"^\s*(?:约|共|计|合计)?{_NUMBER}\s*(%|％|万元|亿元|元|{'|'.join(_COUNT_UNITS)})?\s*$"
)
_AT_LEAST = ("≥", ">=", "＞＝", "不少于", "不低于", "至少", "达到", "超过", ">", "＞")
_AT_MOST = ("≤", "<=", "不超过", "不高于", "控制在", "<", "＜")
_AT_LEAST_AFTER = ("以上", "及以上")
_AT_MOST_AFTER = ("以下", "以内", "及以下")
# The unit a count's name tells when its value has none.
_NAME_SUFFIX_UNITS = (
    ("人次", "人次"),
    ("人数", "人"),
    ("次数", "次"),
    ("件数", "件"),
    ("场次", "场"),
    ("户数", "户"),
)


@dataclass(frozen=True)
class Figure:
    """A figure as a number: `value` in its `unit` (元 for money, % for a rate)."""

    name: str
    kind: str
    value: float
    unit: str
    text: str

    @property
    def label(self) -> str:
        """The figure's name without a unit in brackets: 慰问金额（万元） → 慰问金额."""
        return _NAME_UNIT.sub("", self.name).strip()

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True)
class Target:
    """One target of a goal's measure: at least (or at most) `value` of `kind`/`unit`."""

    kind: str
    value: float
    unit: str
    at_most: bool
    text: str

    def met_by(self, figure: Figure) -> bool:
        return figure.value <= self.value if self.at_most else figure.value >= self.value

    def fits(self, figure: Figure) -> bool:
        """Whether `figure` measures the same thing as this target (a rate for a rate,
        money for money, a count in the same unit)."""
        if self.kind != figure.kind:
            return False
        return self.kind != COUNT or not self.unit or not figure.unit or self.unit == figure.unit


def parse_figure(name: str, value: Any) -> Figure:
    """The typed figure of one `figures:` entry."""
    text = _shown(value)
    if isinstance(value, bool):
        return Figure(name, TEXT, 0.0, "", text)
    name_unit = (m.group(1) if (m := _NAME_UNIT.search(name)) else "").strip()
    if isinstance(value, (int, float)):
        number, unit = float(value), ""
    else:
        match = _VALUE.match(str(value).replace(",", "").replace("，", ""))
        if not match:
            return Figure(name, TEXT, 0.0, "", text)
        number, unit = float(match.group(1)), match.group(2) or ""
    unit = unit or name_unit or _unit_of_name(name)
    if unit in ("%", "％"):
        return Figure(name, PERCENT, number, "%", text)
    if unit in _MONEY_UNITS:
        return Figure(name, AMOUNT, number * _MONEY_UNITS[unit], "元", text)
    if unit:
        return Figure(name, COUNT, number, unit, text)
    return Figure(name, NUMBER, number, "", text)


def parse_measure(measure: str) -> list[Target]:
    """The targets of a goal's measure; none when it is not a figure (通过复验)."""
    out = []
    for part in re.split(r"[、，,；;]|\s+和\s+", measure):
        part = part.strip()
        if not part:
            continue
        at_most = part.startswith(_AT_MOST) or part.endswith(_AT_MOST_AFTER)
        core = part
        for word in (*_AT_LEAST, *_AT_MOST):
            if core.startswith(word):
                core = core[len(word) :]
                break
        for word in (*_AT_LEAST_AFTER, *_AT_MOST_AFTER):
            if core.endswith(word):
                core = core[: -len(word)]
                break
        figure = parse_figure("", core)
        if figure.numeric:
            out.append(Target(figure.kind, figure.value, figure.unit, at_most, part))
    return out


def amount_text(yuan: float, lang: str) -> str:
    """An amount of money as a document says it: 2.86万元 from 10,000 元 up, else 元."""
    if lang == "zh":
        if yuan >= 10_000:
            return f"{number_text(yuan / 10_000)}万元"
        return f"{number_text(yuan)}元"
    return f"{number_text(yuan)} yuan"


def number_text(value: float) -> str:
    """A number without a needless `.0`, rounded to two decimals."""
    rounded = round(value, 2)
    return str(int(rounded)) if float(rounded).is_integer() else f"{rounded:g}"


def figure_text(kind: str, value: float, unit: str, lang: str) -> str:
    """A typed value as a document says it: 97.6%, 2.86万元, 448人次."""
    if kind == PERCENT:
        return f"{number_text(value)}%"
    if kind == AMOUNT:
        return amount_text(value, lang)
    if lang == "zh" or not unit:
        return f"{number_text(value)}{unit}"
    return f"{number_text(value)} {unit}"


def _unit_of_name(name: str) -> str:
    for suffix, unit in _NAME_SUFFIX_UNITS:
        if name.endswith(suffix):
            return unit
    if name.endswith("率") or name.endswith("参与面") or name.endswith("覆盖面"):
        return "%"
    return ""


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class GoalOutcome:
    """A goal's target set against what its tasks' figures add up to."""

    index: int
    goal_id: str
    label: str
    target: Target
    kind: str
    value: float
    unit: str
    task_ids: tuple[str, ...]
    task_paths: tuple[tuple[int, ...], ...]
    measure: str

    @property
    def met(self) -> bool:
        return (
            self.target.value >= self.value
            if self.target.at_most
            else (self.value >= self.target.value)
        )


def goal_outcomes(plan: Any) -> list[GoalOutcome]:
    """Each goal whose target a done (or year-round) task's figure measures: the figure is
    the one the goal names (`figure:`), else one whose name the goal's text contains;
    rates are taken at their worst (the lowest against an at-least target), counts and
    amounts added up over the goal's tasks."""
    serving: dict[str, list[tuple[tuple[int, ...], Any]]] = {}
    goals_of: dict[tuple[int, ...], list[str]] = {}
    for path, task in plan.walk():
        inherited = goals_of.get(path[:-1], []) if len(path) > 1 else []
        goals_of[path] = list(task.goals) or inherited
        counted = task.status is not None and task.status.value in ("done", "in_progress")
        if not task.is_section and task.figures and counted:
            for ref in goals_of[path]:
                serving.setdefault(ref, []).append((path, task))
    out = []
    for index, goal in enumerate(plan.goals):
        targets = parse_measure(goal.measure or "")
        if not targets:
            continue
        found: dict[str, list[tuple[tuple[int, ...], str, Figure]]] = {}
        for path, task in serving.get(goal.id, []):
            for name, value in task.figures.items():
                figure = parse_figure(name, value)
                named = goal.figure == figure.label if goal.figure else figure.label in goal.text
                if figure.numeric and figure.label and named:
                    found.setdefault(figure.label, []).append((path, task.id, figure))
        for label, items in found.items():
            target = next((t for t in targets if t.fits(items[0][2])), None)
            if target is None:
                continue
            figures = [f for _p, _i, f in items if target.fits(f)]
            if target.kind == PERCENT:
                value = (
                    max(f.value for f in figures)
                    if target.at_most
                    else min(f.value for f in figures)
                )
            else:
                value = sum(f.value for f in figures)
            out.append(
                GoalOutcome(
                    index,
                    goal.id,
                    label,
                    target,
                    target.kind,
                    value,
                    figures[0].unit,
                    tuple(i for _p, i, f in items if target.fits(f)),
                    tuple(p for p, _i, f in items if target.fits(f)),
                    goal.measure or "",
                )
            )
    return out
