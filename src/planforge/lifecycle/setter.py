"""`planforge set` and `planforge log`: record a task's progress, or one time its work
was held (台账), in its source, changing only those lines.

The status, completion date, result, figures, evidence, reason and new date of a
postponed task are written into the task's mapping where the model's field order puts
them; an activity record is appended to its `records:`. Comments, key order, quoting
and blank lines of the rest of the file stay as they were. Each command says what it
changed, one line per field.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planforge.errors import InputError, UsageError
from planforge.lifecycle.roundtrip import (
    FileStyle,
    Source,
    append_item,
    give_trailing,
    insert_key,
    key_order,
    load_source,
    take_trailing,
    validated,
    write_source,
)
from planforge.model.plan import Status


@dataclass(frozen=True, kw_only=True)
class Update:
    """What to record for one task."""

    status: Status | None = None
    result: str | None = None
    done_on: dt.date | None = None
    evidence: list[str] = field(default_factory=list)
    reason: str | None = None
    figures: dict[str, int | float | str] = field(default_factory=dict)
    postponed_to: str | None = None


@dataclass(frozen=True, kw_only=True)
class Record:
    """One time a task's work was held, for its activity ledger (台账)."""

    date: dt.date
    place: str | None = None
    participants: int | None = None
    content: str | None = None
    cost: float | None = None
    evidence: list[str] = field(default_factory=list)

    def mapping(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date}
        for key in ("place", "participants", "content", "cost"):
            value = getattr(self, key)
            if value is not None:
                out[key] = int(value) if key == "cost" and float(value).is_integer() else value
        if self.evidence:
            out["evidence"] = list(self.evidence)
        return out


def find_task(data: Any, task_id: str) -> tuple[Any, tuple[str | int, ...]] | None:
    """The mapping of the task with `task_id` in the round-trip tree, and its data path."""

    def visit(tasks: Any, prefix: tuple[str | int, ...]) -> Any:
        for i, task in enumerate(tasks or []):
            loc = (*prefix, "tasks", i)
            if str(task.get("id")) == task_id:
                return task, loc
            found = visit(task.get("tasks"), loc)
            if found:
                return found
        return None

    return visit(data.get("tasks"), ())


def all_task_ids(data: Any) -> list[str]:
    out: list[str] = []

    def visit(tasks: Any) -> None:
        for task in tasks or []:
            out.append(str(task.get("id")))
            visit(task.get("tasks"))

    visit(data.get("tasks"))
    return out


def _work_item(source: Source, task_id: str) -> tuple[Any, tuple[str | int, ...]]:
    """The mapping of work item `task_id` and its data path; a usage error naming the
    ids when there is none, or when it is a section heading."""
    import difflib

    found = find_task(source.data, task_id)
    if found is None:
        ids = all_task_ids(source.data)
        close = difflib.get_close_matches(task_id, ids, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "task ids: " + ", ".join(ids)
        raise UsageError(f"{source.path}: no task with id '{task_id}'", hint=hint)
    task, loc = found
    if task.get("tasks"):
        raise UsageError(
            f"{source.path}: '{task_id}' is a section heading; record progress on its tasks",
            hint="tasks under it: " + ", ".join(str(t.get("id")) for t in task["tasks"]),
        )
    return task, loc


def apply_update(source: Source, task_id: str, update: Update) -> tuple[str, list[str]]:
    """The source text with `update` recorded on task `task_id`, and one line per field
    changed (`status: planned → done`)."""
    task, loc = _work_item(source, task_id)
    status = update.status
    if status is None and update.postponed_to:
        status = Status.POSTPONED
    current = str(task.get("status") or "")
    final = status.value if status is not None else current
    if update.done_on is not None and final != Status.DONE.value:
        raise UsageError(
            "--done-on records when a task was done; use it with --status done",
            hint=f"the task's status is {final or 'planned'}",
        )
    if update.postponed_to and final != Status.POSTPONED.value:
        raise UsageError(
            "--postponed-to is the new date of a task moved to next year; "
            "use it with --status postponed"
        )
    order = key_order(loc)
    changes: list[str] = []
    if status is not None:
        _put(task, "status", status.value, order, changes)
    if update.done_on is not None:
        _put(task, "done_on", update.done_on, order, changes)
    if update.result:
        _add_paragraph(task, "result", update.result, order, changes)
    for name, value in update.figures.items():
        _put_figure(task, name, value, order, changes)
    for item in update.evidence:
        _add_paragraph(task, "evidence", item, order, changes)
    if update.reason:
        _put(task, "reason", update.reason, order, changes)
    if update.postponed_to:
        _put(task, "postponed_to", update.postponed_to, order, changes)
    return source.dump(), changes


def apply_record(source: Source, task_id: str, record: Record) -> tuple[str, list[str]]:
    """The source text with `record` appended to task `task_id`'s `records:`."""
    from ruamel.yaml.comments import CommentedMap

    task, loc = _work_item(source, task_id)
    entry = CommentedMap(record.mapping())
    current = task.get("records")
    if current is None:
        insert_key(task, "records", _as_block_list([entry]), key_order(loc))
    else:
        append_item(current, entry)
    shown = ", ".join(f"{k}={_shown(v)}" for k, v in record.mapping().items())
    return source.dump(), [f"records: + {shown}"]


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _put_figure(
    task: Any, name: str, value: int | float | str, order: list[str], changes: list[str]
) -> None:
    from ruamel.yaml.comments import CommentedMap

    figures = task.get("figures")
    if figures is None:
        mapping = CommentedMap()
        mapping[name] = value
        mapping.fa.set_block_style()
        insert_key(task, "figures", mapping, order)
        changes.append(f"figures.{name}: {_shown(value)}")
        return
    old = figures.get(name)
    if old is not None and str(old) == str(value):
        return
    figures[name] = value
    was = f"{_shown(old)} → " if old is not None else ""
    changes.append(f"figures.{name}: {was}{_shown(value)}")


def _put(task: Any, key: str, value: Any, order: list[str], changes: list[str]) -> None:
    if key in task:
        old = task[key]
        if _shown(old) == _shown(value):
            return
        task[key] = value
        changes.append(f"{key}: {_shown(old)} → {_shown(value)}")
    else:
        insert_key(task, key, value, order)
        changes.append(f"{key}: {_shown(value)}")


def _add_paragraph(task: Any, key: str, text: str, order: list[str], changes: list[str]) -> None:
    """Add a paragraph to a text-or-list field; an existing text becomes a list of two."""
    from ruamel.yaml.comments import CommentedSeq

    current = task.get(key)
    if current is None:
        _put(task, key, text, order, changes)
        return
    if isinstance(current, list):
        if text in [str(x) for x in current]:
            return
        if isinstance(current, CommentedSeq) and not current.fa.flow_style():
            append_item(current, text)
        else:
            current.append(text)
    elif str(current) != text:
        moved = take_trailing(task, key)
        task[key] = _as_block_list([current, text])
        give_trailing(task, key, moved)
    else:
        return
    changes.append(f"{key}: + {text}")


def _as_block_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def run_set(path: Path, task_id: str, update: Update) -> int:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    source = load_source(path)
    text, changes = apply_update(source, task_id, update)
    return _finish(path, source, task_id, text, changes, "record the progress")


def run_log(path: Path, task_id: str, record: Record) -> int:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    source = load_source(path)
    text, changes = apply_record(source, task_id, record)
    return _finish(path, source, task_id, text, changes, "add the record")


def _finish(
    path: Path, source: Source, task_id: str, text: str, changes: list[str], action: str
) -> int:
    """Write the changed source, after checking it is still a valid plan, and say what
    changed: one line per field, or that nothing did."""
    import sys

    from planforge.errors import visible_controls

    validated(text, path, action)
    if text != source.text:
        write_source(path, text, FileStyle.of(path))
    for line in changes or ["nothing changed"]:
        sys.stdout.write(visible_controls(f"{path}: {task_id}: {line}") + "\n")
    return 0


def parse_figure_option(text: str) -> tuple[str, int | float | str]:
    """`--figure 参加人数=132` → ('参加人数', 132); a value that is not a number stays text
    (`满意率=97.6%`)."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise UsageError(
            f"--figure: expected NAME=VALUE, got '{text}'", hint="e.g. --figure 参加人数=132"
        )
    try:
        return name, int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        return name, value
    return (name, number) if math.isfinite(number) else (name, value)


def parse_status(text: str) -> Status:
    """A status as typed on the command line (in-progress and in_progress both work)."""
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise UsageError(f"--status: unknown status '{text}'; use {choices}") from None
