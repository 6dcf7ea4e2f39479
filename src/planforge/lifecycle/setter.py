"""`planforge set`: record a task's progress in its source, changing only those lines.

The status, completion date, result and evidence are written into the task's mapping
where the model's field order puts them; comments, key order, quoting and blank lines
of the rest of the file stay as they were.
"""

from __future__ import annotations

import datetime as dt
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

    status: Status
    result: str | None = None
    done_on: dt.date | None = None
    evidence: list[str] = field(default_factory=list)


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


def apply_update(source: Source, task_id: str, update: Update) -> str:
    """The source text with `update` recorded on task `task_id`."""
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
    if update.done_on is not None and update.status is not Status.DONE:
        raise UsageError("--date records when a task was done; use it with --status done")
    order = key_order(loc)
    _put(task, "status", update.status.value, order)
    if update.done_on is not None:
        _put(task, "done_on", update.done_on, order)
    if update.result:
        _add_paragraph(task, "result", update.result, order)
    for item in update.evidence:
        _add_paragraph(task, "evidence", item, order)
    return source.dump()


def _put(task: Any, key: str, value: Any, order: list[str]) -> None:
    if key in task:
        task[key] = value
    else:
        insert_key(task, key, value, order)


def _add_paragraph(task: Any, key: str, text: str, order: list[str]) -> None:
    """Add a paragraph to a text-or-list field; an existing text becomes a list of two."""
    from ruamel.yaml.comments import CommentedSeq

    current = task.get(key)
    if current is None:
        _put(task, key, text, order)
    elif isinstance(current, list):
        if text not in [str(x) for x in current]:
            if isinstance(current, CommentedSeq) and not current.fa.flow_style():
                append_item(current, text)
            else:
                current.append(text)
    elif str(current) != text:
        moved = take_trailing(task, key)
        task[key] = _as_block_list([current, text])
        give_trailing(task, key, moved)


def _as_block_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def run_set(path: Path, task_id: str, update: Update) -> int:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    source = load_source(path)
    text = apply_update(source, task_id, update)
    validated(text, path, "record the progress")
    if text != source.text:
        write_source(path, text, FileStyle.of(path))
    return 0


def parse_status(text: str) -> Status:
    """A status as typed on the command line (in-progress and in_progress both work)."""
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise UsageError(f"--status: unknown status '{text}'; use {choices}") from None
