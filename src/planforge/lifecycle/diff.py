"""`planforge diff`: what changed between two plans by meaning, not by line.

Tasks are matched by id (and, failing that, by identical title), so a task that moved to
another section, changed owners or deadline is reported as such rather than as lines
removed and added. Deadlines are compared within their years: 3月 in 2025 and 3月底前 in
2026 are the same schedule.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from planforge.errors import visible_controls
from planforge.model.deadline import parse_deadline
from planforge.model.plan import Plan, Task


@dataclass(frozen=True)
class Change:
    """One change a person would list: what kind, which item, from what to what."""

    kind: str  # added | removed | moved | renamed | reowned | rescheduled | goal-… | plan
    id: str
    title: str
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class _Entry:
    task: Task
    parent: str | None  # id of the section it stands in
    parent_title: str | None
    owners: tuple[str, ...]  # as inherited


def _entries(plan: Plan) -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}

    def visit(tasks: list[Task], parent: Task | None, owners: list[str]) -> None:
        for task in tasks:
            mine = task.owners or owners
            out[task.id] = _Entry(
                task,
                parent.id if parent else None,
                parent.title if parent else None,
                tuple(mine),
            )
            visit(task.tasks, task, mine)

    visit(plan.tasks, None, [])
    return out


def _schedule(task: Task, year: int) -> tuple[object, ...] | None:
    """A deadline's meaning without its year."""
    if not task.deadline:
        return None
    d = parse_deadline(task.deadline, year)
    return (
        d.kind if d.kind != "month" else "month",
        d.start.month,
        d.start.day,
        d.end.month,
        d.end.day,
        d.freq,
        d.end.year - year,
    )


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    changes: list[Change] = []
    if old.organisation != new.organisation:
        changes.append(
            Change("plan", "organisation", "organisation", old.organisation, new.organisation)
        )
    if old.year != new.year:
        changes.append(Change("plan", "year", "year", str(old.year), str(new.year)))
    changes += _goal_changes(old, new)
    before, after = _entries(old), _entries(new)
    renamed_ids = _match_by_title(before, after)
    for new_id, entry in after.items():
        old_id = renamed_ids.get(new_id, new_id)
        if old_id not in before:
            changes.append(
                Change("added", new_id, entry.task.title, new=entry.parent_title or None)
            )
            continue
        changes += _task_changes(before[old_id], entry, old.year, new.year, old_id)
    matched = {renamed_ids.get(i, i) for i in after}
    for old_id, entry in before.items():
        if old_id not in matched:
            changes.append(
                Change("removed", old_id, entry.task.title, old=entry.parent_title or None)
            )
    return changes


def _match_by_title(before: dict[str, _Entry], after: dict[str, _Entry]) -> dict[str, str]:
    """New id → old id for tasks whose id changed but whose title did not."""
    old_titles = {e.task.title: i for i, e in before.items() if i not in after}
    return {
        new_id: old_titles[e.task.title]
        for new_id, e in after.items()
        if new_id not in before and e.task.title in old_titles
    }


def _task_changes(a: _Entry, b: _Entry, old_year: int, new_year: int, old_id: str) -> list[Change]:
    out: list[Change] = []
    task = b.task
    if old_id != task.id:
        out.append(Change("renumbered", task.id, task.title, old_id, task.id))
    if a.parent != b.parent:
        out.append(Change("moved", task.id, task.title, a.parent_title or "", b.parent_title or ""))
    if a.task.title != task.title:
        out.append(Change("renamed", task.id, task.title, a.task.title, task.title))
    if a.owners != b.owners and not (task.is_section and not task.owners):
        out.append(Change("reowned", task.id, task.title, "、".join(a.owners), "、".join(b.owners)))
    if _schedule(a.task, old_year) != _schedule(task, new_year):
        out.append(
            Change("rescheduled", task.id, task.title, a.task.deadline or "", task.deadline or "")
        )
    if a.task.goals != task.goals:
        out.append(
            Change("regoaled", task.id, task.title, ", ".join(a.task.goals), ", ".join(task.goals))
        )
    return out


def _goal_changes(old: Plan, new: Plan) -> list[Change]:
    out: list[Change] = []
    before = {g.id: g for g in old.goals}
    after = {g.id: g for g in new.goals}
    for gid, goal in after.items():
        was = before.get(gid)
        if was is None:
            out.append(Change("goal-added", gid, goal.text, new=goal.measure))
        elif (was.text, was.measure) != (goal.text, goal.measure):
            before_text = _goal_text(was.text, was.measure)
            after_text = _goal_text(goal.text, goal.measure)
            out.append(Change("goal-changed", gid, goal.text, before_text, after_text))
    for gid, goal in before.items():
        if gid not in after:
            out.append(Change("goal-removed", gid, goal.text, old=goal.measure))
    return out


def _goal_text(text: str, measure: str | None) -> str:
    return f"{text} ({measure})" if measure else text


# ---------------------------------------------------------------------------- output

_WORDS = {
    "zh": {
        "plan": "计划",
        "goal-added": "新增目标",
        "goal-removed": "删除目标",
        "goal-changed": "修改目标",
        "added": "新增任务",
        "removed": "删除任务",
        "moved": "调整板块",
        "renamed": "修改名称",
        "renumbered": "更换编号",
        "reowned": "调整责任部门",
        "rescheduled": "调整时限",
        "regoaled": "调整对应目标",
        "none": "两份计划在内容上没有差别",
    },
    "en": {
        "plan": "plan",
        "goal-added": "goal added",
        "goal-removed": "goal removed",
        "goal-changed": "goal changed",
        "added": "task added",
        "removed": "task removed",
        "moved": "task moved",
        "renamed": "task renamed",
        "renumbered": "task id changed",
        "reowned": "owners changed",
        "rescheduled": "deadline changed",
        "regoaled": "goals changed",
        "none": "the plans do not differ in meaning",
    },
}
_ORDER = [
    "plan",
    "goal-added",
    "goal-changed",
    "goal-removed",
    "added",
    "removed",
    "moved",
    "renumbered",
    "renamed",
    "reowned",
    "rescheduled",
    "regoaled",
]


def to_text(changes: list[Change], language: str) -> str:
    words = _WORDS["zh" if language == "zh" else "en"]
    if not changes:
        return words["none"] + "\n"
    lines: list[str] = []
    for kind in _ORDER:
        group = [c for c in changes if c.kind == kind]
        if not group:
            continue
        lines.append(f"{words[kind]} ({len(group)}):")
        for c in group:
            lines.append(f"  {_describe(c, language)}")
    return "\n".join(lines) + "\n"


def _describe(c: Change, language: str) -> str:
    arrow = f"{c.old or '—'} → {c.new or '—'}"
    if c.kind in ("plan", "renamed", "goal-changed", "renumbered"):
        return f"{c.id}: {arrow}"
    if c.kind in ("added", "removed", "goal-added", "goal-removed"):
        where = c.new if c.kind in ("added", "goal-added") else c.old
        suffix = f" ({where})" if where else ""
        return f"{c.id} {c.title}{suffix}"
    return f"{c.id} {c.title}: {arrow}"


def to_json(changes: list[Change]) -> str:
    return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2) + "\n"


def run_diff(old_path: Path, new_path: Path, fmt: str) -> int:
    import sys

    from planforge.errors import UsageError
    from planforge.validate import load_plan

    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format '{fmt}'; use text or json")
    old, new = load_plan(old_path), load_plan(new_path)
    changes = diff_plans(old, new)
    if fmt == "json":
        sys.stdout.write(to_json(changes))
    else:  # a title's escape sequences must not reach the terminal
        sys.stdout.write(visible_controls(to_text(changes, new.language.value)))
    return 0
