"""`planforge status`: where a plan stands at a date, per section, per goal and per month.

`progress(plan, as_of)` is the pure computation (other reports reuse it); the rest turns
a `Progress` into text, JSON or Markdown.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from planforge.errors import visible_controls
from planforge.model.deadline import Deadline, parse_deadline
from planforge.model.plan import Plan, Status, Task

DUE_SOON_DAYS = 30


class State(str, Enum):
    """Where a task stands at a date; each task is in exactly one state."""

    DONE = "done"
    DROPPED = "dropped"
    POSTPONED = "postponed"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


STATE_ORDER = list(State)

_LABELS = {
    "zh": {
        State.DONE: "已完成",
        State.DROPPED: "已取消",
        State.POSTPONED: "已顺延",
        State.OVERDUE: "已逾期",
        State.DUE_SOON: "30天内到期",
        State.IN_PROGRESS: "进行中",
        State.NOT_STARTED: "未开始",
    },
    "en": {
        State.DONE: "done",
        State.DROPPED: "dropped",
        State.POSTPONED: "postponed",
        State.OVERDUE: "overdue",
        State.DUE_SOON: "due in 30 days",
        State.IN_PROGRESS: "in progress",
        State.NOT_STARTED: "not started",
    },
}


@dataclass(frozen=True)
class TaskProgress:
    id: str
    title: str
    section: str
    owners: list[str]
    goals: list[str]
    deadline: str | None
    due: dt.date | None
    status: str
    state: State
    months: list[int]


@dataclass
class Tally:
    """Counts of tasks per state for one group (a section, a goal, a month)."""

    key: str
    title: str
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in State})

    def add(self, state: State) -> None:
        self.counts[state.value] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def out_of_year(self) -> int:
        """Tasks dropped or moved to next year: not this year's work any more."""
        return self.counts[State.DROPPED.value] + self.counts[State.POSTPONED.value]

    @property
    def percent(self) -> float:
        """Share of tasks done, dropped and postponed tasks left out; 0 when nothing is
        counted."""
        live = self.total - self.out_of_year
        return round(100 * self.counts[State.DONE.value] / live, 1) if live else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "total": self.total,
            "percent": self.percent,
            "counts": dict(self.counts),
        }


@dataclass
class Progress:
    """A plan's progress at `as_of`."""

    organisation: str
    year: int
    language: str
    as_of: dt.date
    tasks: list[TaskProgress]
    total: Tally
    sections: list[Tally]
    goals: list[Tally]
    months: list[Tally]

    def as_dict(self) -> dict[str, object]:
        def task(t: TaskProgress) -> dict[str, object]:
            out = asdict(t)
            out["state"] = t.state.value
            out["due"] = t.due.isoformat() if t.due else None
            return out

        return {
            "organisation": self.organisation,
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "total": self.total.as_dict(),
            "sections": [s.as_dict() for s in self.sections],
            "goals": [g.as_dict() for g in self.goals],
            "months": [m.as_dict() for m in self.months],
            "tasks": [task(t) for t in self.tasks],
        }


def task_state(task: Task, deadline: Deadline | None, as_of: dt.date) -> State:
    if task.status is Status.DONE:
        return State.DONE
    if task.status is Status.POSTPONED:
        return State.POSTPONED  # moved to next year: out of this year's work
    if task.status is Status.DROPPED:
        return State.DROPPED
    if deadline is not None and deadline.end < as_of:
        return State.OVERDUE
    if deadline is not None and deadline.end <= as_of + dt.timedelta(days=DUE_SOON_DAYS):
        return State.DUE_SOON
    if task.status is Status.IN_PROGRESS:
        return State.IN_PROGRESS
    return State.NOT_STARTED


def plan_tasks(plan: Plan) -> Iterable[tuple[Task, str, list[str]]]:
    """Every work item with its top-level section's title and its (inherited) owners."""

    def visit(
        tasks: list[Task], section: str | None, owners: list[str]
    ) -> Iterable[tuple[Task, str, list[str]]]:
        for task in tasks:
            mine = task.owners or owners
            if task.is_section:
                yield from visit(task.tasks, section or task.title, mine)
            else:
                yield task, section or "", mine

    yield from visit(plan.tasks, None, [])


def progress(plan: Plan, as_of: dt.date, owner: str | None = None) -> Progress:
    """The state of every task at `as_of`, tallied per section, goal and month."""
    lang = plan.language.value
    total = Tally("all", "合计" if plan.zh else "all tasks")
    sections: dict[str, Tally] = {}
    goals = {g.id: Tally(g.id, g.text) for g in plan.goals}
    months = {m: Tally(str(m), f"{m}月" if plan.zh else f"{m:02d}") for m in range(1, 13)}
    items: list[TaskProgress] = []
    other = "其他" if plan.zh else "other"
    for task, section, owners in plan_tasks(plan):
        if owner is not None and owner not in owners:
            continue
        deadline = parse_deadline(task.deadline, plan.year) if task.deadline else None
        state = task_state(task, deadline, as_of)
        in_months = deadline.months() if deadline else []
        items.append(
            TaskProgress(
                task.id,
                task.title,
                section,
                list(owners),
                list(task.goals),
                task.deadline,
                deadline.end if deadline else None,
                (task.status or Status.PLANNED).value,
                state,
                in_months,
            )
        )
        total.add(state)
        sections.setdefault(section or other, Tally(section or other, section or other)).add(state)
        for ref in task.goals:
            goals[ref].add(state)
        for m in in_months:
            months[m].add(state)
    return Progress(
        plan.organisation,
        plan.year,
        lang,
        as_of,
        items,
        total,
        list(sections.values()),
        [g for g in goals.values() if g.total],
        list(months.values()),
    )


# ---------------------------------------------------------------------------- output


def to_json(report: Progress) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _labels(report: Progress) -> dict[State, str]:
    return _LABELS["zh" if report.language == "zh" else "en"]


def _words(report: Progress) -> dict[str, str]:
    if report.language == "zh":
        return {
            "section": "工作板块",
            "goal": "工作目标",
            "month": "月份",
            "total": "合计",
            "percent": "完成率",
            "title": "进度",
            "attention": "需要关注",
            "bar": "进度条",
        }
    return {
        "section": "Section",
        "goal": "Goal",
        "month": "Month",
        "total": "Total",
        "percent": "Done %",
        "title": "Progress",
        "attention": "Needs attention",
        "bar": "Bar",
    }


def bar(tally: Tally) -> str:
    """A text bar for a month: one ■ per task done, one □ per task still open."""
    if not tally.total:
        return ""
    done = tally.counts[State.DONE.value]
    return "■" * done + "□" * (tally.total - done - tally.out_of_year)


def rows(report: Progress, tallies: list[Tally]) -> list[list[str]]:
    out = []
    for t in tallies:
        out.append(
            [
                t.title,
                *(str(t.counts[s.value]) for s in STATE_ORDER),
                str(t.total),
                f"{t.percent:g}%",
            ]
        )
    return out


def _header(report: Progress, first: str) -> list[str]:
    labels = _labels(report)
    w = _words(report)
    return [first, *(labels[s] for s in STATE_ORDER), w["total"], w["percent"]]


def _attention(report: Progress) -> list[TaskProgress]:
    return [t for t in report.tasks if t.state in (State.OVERDUE, State.DUE_SOON)]


def _heading(report: Progress) -> str:
    if report.language == "zh":
        return f"{report.organisation}{report.year}年工作进度（截至{report.as_of.isoformat()}）"
    return f"{report.organisation} {report.year} progress as of {report.as_of.isoformat()}"


def to_text(report: Progress) -> str:
    """Plain text: aligned tables (East-Asian wide characters count twice)."""
    w = _words(report)
    labels = _labels(report)
    parts = [_heading(report), ""]
    total = report.total
    parts.append(
        f"{w['total']}: {total.total}  {w['percent']}: {total.percent:g}%  "
        + "  ".join(f"{labels[s]} {total.counts[s.value]}" for s in STATE_ORDER)
    )
    parts += ["", _table(_header(report, w["section"]), rows(report, report.sections))]
    if report.goals:
        parts += ["", _table(_header(report, w["goal"]), rows(report, report.goals))]
    parts += [
        "",
        _table([w["month"], w["bar"]], [[m.title, bar(m)] for m in report.months if m.total]),
    ]
    attention = _attention(report)
    if attention:
        parts += ["", w["attention"] + ":"]
        parts += [f"  [{labels[t.state]}] {t.id} {t.title} ({t.deadline})" for t in attention]
    return "\n".join(parts) + "\n"


def _table(header: list[str], body: list[list[str]]) -> str:
    from planforge.errors import display_width

    widths = [max(display_width(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join([line(header), *(line(r) for r in body)])


def to_markdown(report: Progress) -> str:
    w = _words(report)
    labels = _labels(report)
    parts = [f"# {_heading(report)}", ""]
    parts.append(
        _md_table(
            _header(report, w["section"]),
            [*rows(report, report.sections), *rows(report, [report.total])],
        )
    )
    if report.goals:
        parts += ["", _md_table(_header(report, w["goal"]), rows(report, report.goals))]
    parts += [
        "",
        _md_table([w["month"], w["bar"]], [[m.title, bar(m)] for m in report.months if m.total]),
    ]
    attention = _attention(report)
    if attention:
        parts += ["", f"## {w['attention']}", ""]
        parts += [f"- {labels[t.state]}: `{t.id}` {t.title} ({t.deadline})" for t in attention]
    return "\n".join(parts) + "\n"


def _md_table(header: list[str], body: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), "|" + "---|" * len(header), *(line(r) for r in body)])


def print_rich(report: Progress, console: Any = None) -> None:
    """Tables and per-month bars for a terminal."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    from rich.markup import escape

    def text(value: str) -> str:  # user text: neither markup nor escape sequences
        return escape(visible_controls(value))

    w = _words(report)
    labels = _labels(report)
    console.print(f"[bold]{text(_heading(report))}[/bold]")
    for first, tallies in (
        (w["section"], [*report.sections, report.total]),
        (w["goal"], report.goals),
    ):
        if not tallies:
            continue
        table = Table(*_header(report, first))
        for row in rows(report, tallies):
            table.add_row(*map(text, row))
        console.print(table)
    months = Table(w["month"], w["bar"], w["percent"])
    for m in report.months:
        if m.total:
            done = m.counts[State.DONE.value]
            open_ = m.total - done - m.out_of_year
            months.add_row(
                text(m.title),
                f"[green]{'█' * done}[/green][grey50]{'░' * open_}[/grey50]",
                f"{m.percent:g}%",
            )
    console.print(months)
    for t in _attention(report):
        style = "red" if t.state is State.OVERDUE else "yellow"
        line = text(f"{t.id} {t.title} ({t.deadline})")
        console.print(f"[{style}]{labels[t.state]}[/{style}] {line}")


def run_status(paths: list[Path], as_of: dt.date | None, fmt: str, owner: str | None) -> int:
    import sys

    from planforge.check.discover import discover
    from planforge.errors import InputError, UsageError
    from planforge.validate import load_plan

    if fmt not in ("text", "json", "md"):
        raise UsageError(f"unknown format '{fmt}'; use text, json or md")
    files = discover(paths)
    if not files:
        raise InputError("no plan files found (looked for *.yaml and *.yml)")
    day = as_of or dt.date.today()
    reports = [progress(load_plan(f), day, owner) for f in files]
    out = sys.stdout
    if fmt == "json":
        data = [r.as_dict() for r in reports]
        out.write(
            json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
        )
    elif fmt == "md":
        out.write(visible_controls("\n".join(to_markdown(r) for r in reports)))
    elif out.isatty():
        for r in reports:
            print_rich(r)
    else:  # a title's escape sequences must not reach the terminal
        out.write(visible_controls("\n".join(to_text(r) for r in reports)))
    return 0
