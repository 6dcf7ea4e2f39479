"""`planforge new --from`: start next year's plan from last year's source.

The year and every date move on (a month stays the same month; a date of work tied to a
weekday, such as 每周五, becomes the same weekday of the same week of the month), the
statuses, results and the year-end summary are cleared, and every task and comment is
kept. One-off tasks finished (or dropped) last year are kept but marked with a comment so
that the user decides whether they belong in the new year.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planforge.errors import OutputError, UsageError
from planforge.lifecycle.dates import same_day, same_weekday, weekday_named
from planforge.lifecycle.roundtrip import (
    FileStyle,
    Source,
    add_eol_comment,
    load_source,
    remove_key,
    validated,
    write_source,
)
from planforge.model.deadline import parse_deadline

PROGRESS_KEYS = ("status", "done_on", "result", "figures", "evidence", "reason")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass
class Decision:
    """A task of last year the user should look at: done or dropped, and not recurring."""

    id: str
    title: str
    status: str


@dataclass
class Rollover:
    text: str
    decisions: list[Decision] = field(default_factory=list)


def roll_over(source: Source, year: int) -> Rollover:
    data = source.data
    old = int(data["year"])
    if year == old:
        raise UsageError(f"{source.path} is already the plan for {year}; give another --year")
    zh = str(data.get("language", "zh")) == "zh"
    data["year"] = year
    _shift_year_text(data, "title", old, year)
    for key in ("issued",):
        if isinstance(data.get(key), dt.date):
            data[key] = same_day(data[key], year)
    signature = data.get("signature")
    if isinstance(signature, dict) and isinstance(signature.get("date"), dt.date):
        signature["date"] = same_day(signature["date"], year)
    if "summary" in data:
        remove_key(data, "summary")
    decisions: list[Decision] = []
    for task in _tasks(data.get("tasks")):
        decision = _roll_task(task, old, year, zh)
        if decision:
            decisions.append(decision)
    return Rollover(source.dump(), decisions)


def _tasks(tasks: Any) -> Any:
    for task in tasks or []:
        yield task
        yield from _tasks(task.get("tasks"))


def _roll_task(task: Any, old: int, year: int, zh: bool) -> Decision | None:
    status = str(task.get("status") or "")
    deadline = task.get("deadline")
    recurring = False
    if deadline is not None:
        recurring = parse_deadline(deadline, old).recurring
        words = f"{task.get('title', '')} {task.get('text', '')}"
        task["deadline"] = _move_deadline(deadline, old, year, weekday_named(words) is not None)
    for key in PROGRESS_KEYS:
        if key in task:
            remove_key(task, key)
    if status not in ("done", "dropped") or recurring or task.get("tasks"):
        return None
    if zh:
        note = f"{old}年已{'完成' if status == 'done' else '取消'}：请决定本年是否保留"
    else:
        note = f"{status} in {old}: decide whether to keep it in {year}"
    if not add_eol_comment(task, "title", note):
        add_eol_comment(task, "id", note)
    return Decision(str(task["id"]), str(task.get("title", "")), status)


def _move_deadline(value: Any, old: int, year: int, weekday: bool) -> Any:
    move = same_weekday if weekday else same_day
    if isinstance(value, dt.date):
        return move(value, year + value.year - old)
    text = str(value)
    if m := _ISO_DATE.match(text.strip()):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return _same_style(value, move(day, year + day.year - old).isoformat())
    moved = re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m[1]) + year - old), text)
    return _same_style(value, moved)


def _same_style(value: Any, text: str) -> Any:
    """`text` as a scalar quoted the way `value` was."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(value, ScalarString):
        return type(value)(text)
    return text


def _shift_year_text(mapping: Any, key: str, old: int, year: int) -> None:
    value = mapping.get(key)
    if isinstance(value, str) and str(old) in value:
        mapping[key] = _same_style(value, value.replace(str(old), str(year)))


def default_output(source: Path, old: int, year: int) -> Path:
    """school-2025.zh.yaml → school-2026.zh.yaml; otherwise plan-2026.yaml beside it."""
    name = source.name
    if str(old) in name:
        return source.with_name(name.replace(str(old), str(year)))
    return source.with_name(f"plan-{year}.yaml")


def run_rollover(source_path: Path, year: int | None, output: Path | None, force: bool) -> int:
    if year is None:
        raise UsageError("give the new plan's year: planforge new --from LAST-YEAR.yaml --year N")
    source = load_source(source_path)
    old = int(source.data["year"])
    if year == old:
        raise UsageError(f"{source_path} is already the plan for {year}; give another --year")
    target = output or default_output(source_path, old, year)
    if target.exists() and target.resolve() == source_path.resolve():
        raise OutputError(
            f"refusing to overwrite last year's plan {source_path}", hint="give a new file name"
        )
    if target.exists() and not force:
        raise OutputError(f"{target} already exists", hint="use --force to overwrite it")
    result = roll_over(source, year)
    validated(result.text, target, "roll the plan over")
    write_source(target, result.text, FileStyle.of(source_path))
    out = sys.stdout
    out.write(f"wrote {target}: the {year} plan, rolled over from {source_path}\n")
    if result.decisions:
        out.write(
            f"{len(result.decisions)} one-off tasks were done or dropped in {old}; "
            "they are kept and marked with a comment, decide whether to keep them:\n"
        )
        for d in result.decisions:
            out.write(f"  {d.id}  {d.title}  ({d.status} in {old})\n")
    return 0
