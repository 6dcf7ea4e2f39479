"""Validate a loaded `Document` into a `Plan`: schema, ids, references, deadlines.

Every problem in a file is collected and located at its YAML node before any is reported.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planforge.errors import InputError, Problem
from planforge.load import Document, load
from planforge.model.deadline import FORMS, DeadlineError, parse_deadline
from planforge.model.plan import Plan, task_loc

_TYPE_MESSAGES = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_type": "expected a date like 2026-01-05",
    "date_parsing": "expected a date like 2026-01-05",
    "date_from_datetime_parsing": "expected a date like 2026-01-05",
    "date_from_datetime_inexact": "expected a date without a time, like 2026-01-05",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping ('key: value' lines)",
    "model_type": "expected a mapping ('key: value' lines)",
    "model_attributes_type": "expected a mapping ('key: value' lines)",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
}

_FIELD_HINTS = {
    "year": "the plan's year as a number, e.g. 2026",
    "id": "letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. t-congress",
    "language": "zh or en",
}


def load_plan(path: Path | str) -> Plan:
    """Read, parse and validate one plan file; `InputError` with all problems otherwise."""
    return validate(load(path))


def validate(doc: Document) -> Plan:
    """The plan in `doc`, or `InputError` carrying every problem found."""
    problems: list[Problem] = []
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else f"a single value ({doc.data!r:.40})"
        raise InputError(
            f"{doc.path}: not a plan",
            [
                doc.problem(
                    f"expected a plan (a YAML mapping of keys such as organisation, year, "
                    f"tasks), found {kind}"
                )
            ],
        )
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(schema_problems(doc, exc))
        raise InputError(f"{doc.path}: the plan is not valid", _sorted(problems)) from None
    problems.extend(reference_problems(doc, plan))
    if problems:
        raise InputError(f"{doc.path}: the plan is not valid", _sorted(problems))
    return plan


def _sorted(problems: list[Problem]) -> list[Problem]:
    def key(p: Problem) -> tuple[int, int]:
        loc = p.location
        return (loc.line or 0, loc.col or 0) if loc else (0, 0)

    return sorted(problems, key=key)


# ---------------------------------------------------------------------------- schema errors


def schema_problems(doc: Document, exc: ValidationError) -> list[Problem]:
    seen: dict[tuple[Any, ...], Problem] = {}
    for error in exc.errors(include_url=False):
        data_loc, missing = _data_path(doc.data, error["loc"], error["type"])
        kind = error["type"]
        if kind == "missing":
            field = missing or str(error["loc"][-1])
            owner = _owner_name(data_loc)
            problem = doc.problem(
                f"missing required field '{field}' in {owner}",
                data_loc,
                hint=_FIELD_HINTS.get(field),
            )
            seen.setdefault((data_loc, "missing", field), problem)
            continue
        if kind == "extra_forbidden":
            problem = doc.problem(
                _unknown_key_message(data_loc),
                data_loc,
                key=True,
                hint=key_suggestion(data_loc),
            )
            seen.setdefault((data_loc, "extra"), problem)
            continue
        key = (data_loc, "value")
        if key in seen:  # several union members failed on one value: one message
            continue
        seen[key] = doc.problem(
            _value_message(error, data_loc),
            data_loc,
            hint=_FIELD_HINTS.get(str(data_loc[-1])) if data_loc else None,
        )
    return list(seen.values())


def _data_path(data: Any, loc: tuple[Any, ...], kind: str) -> tuple[tuple[Any, ...], str | None]:
    """Drop the segments pydantic adds (union members, validators) from an error's `loc`."""
    out: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            out.append(part)
            node = node[part]  # type: ignore[index]
        elif kind == "missing" and i == len(loc) - 1 and isinstance(part, str):
            return tuple(out), part
    return tuple(out), None


def _owner_name(loc: tuple[Any, ...]) -> str:
    if not loc:
        return "the plan"
    names = {
        "tasks": "task",
        "goals": "goal",
        "schedule": "schedule entry",
        "safeguards": "safeguard",
        "attachments": "attachment",
    }
    if isinstance(loc[-1], int) and len(loc) >= 2:
        return f"{names.get(str(loc[-2]), 'item')} #{loc[-1] + 1}"
    return f"'{loc[-1]}'"


def _value_message(error: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    message = _TYPE_MESSAGES.get(kind) or _first_lower(error["msg"])
    if kind == "string_pattern_mismatch":
        message = "not a valid id"
    got = error.get("input")
    field = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    shown = "" if isinstance(got, (dict, list)) or got is None else f", got {_short(got)}"
    return f"'{field}': {message}{shown}"


def _first_lower(msg: str) -> str:
    msg = msg.replace("Input should be", "expected").replace("Value error, ", "")
    return msg[:1].lower() + msg[1:]


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "…'"


def _unknown_key_message(loc: tuple[Any, ...]) -> str:
    where = _owner_name(loc[:-1])
    return f"unknown key '{loc[-1]}' in {where}"


def key_suggestion(loc: tuple[Any, ...], model: type[BaseModel] = Plan) -> str | None:
    """A hint for the unknown key at `loc` of `model`: the nearest allowed key, or all."""
    allowed = allowed_keys(loc[:-1], model)
    if not allowed:
        return None
    return suggestion(str(loc[-1]), allowed) or "allowed keys here: " + ", ".join(allowed)


def suggestion(name: str, allowed: list[str]) -> str | None:
    """ "did you mean 'x'?" for the allowed name nearest to a misspelt `name`, if any."""
    import difflib  # only when a name is wrong

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def allowed_keys(loc: tuple[Any, ...], root: type[BaseModel] = Plan) -> list[str]:
    """The keys a mapping at `loc` may have, found by walking the model's annotations."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return []
        model = _model_in(fields[part].annotation)
        if model is None:
            return []
    fields = getattr(model, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _model_in(args[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in args:
            found = _model_in(arg)
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------------- references


def reference_problems(doc: Document, plan: Plan) -> list[Problem]:
    """Unique ids, goal references that resolve, deadlines that parse."""
    problems: list[Problem] = []
    goal_ids: dict[str, int] = {}
    for i, goal in enumerate(plan.goals):
        if goal.id in goal_ids:
            first = doc.locate(("goals", goal_ids[goal.id], "id")).line
            problems.append(
                doc.problem(
                    f"duplicate goal id '{goal.id}' (first used on line {first})",
                    ("goals", i, "id"),
                    hint="every goal needs its own id",
                )
            )
        else:
            goal_ids[goal.id] = i
    task_ids: dict[str, tuple[int, ...]] = {}
    for path, task in plan.walk():
        loc = task_loc(path)
        if task.id in task_ids:
            first = doc.locate((*task_loc(task_ids[task.id]), "id")).line
            problems.append(
                doc.problem(
                    f"duplicate task id '{task.id}' (first used on line {first})",
                    (*loc, "id"),
                    hint="every task needs its own id; `planforge set` finds tasks by id",
                )
            )
        else:
            task_ids[task.id] = path
        for j, ref in enumerate(task.goals):
            if ref not in goal_ids:
                import difflib  # only when a reference dangles

                close = difflib.get_close_matches(ref, list(goal_ids), n=1)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else (
                        "goals defined: " + ", ".join(goal_ids)
                        if goal_ids
                        else "the plan has no goals"
                    )
                )
                problems.append(
                    doc.problem(
                        f"task '{task.id}' refers to unknown goal '{ref}'",
                        (*loc, "goals", j),
                        hint=hint,
                    )
                )
        if task.deadline is not None:
            try:
                parse_deadline(task.deadline, plan.year)
            except DeadlineError as err:
                hint = f"did you mean '{err.suggestion}'?" if err.suggestion else f"use {FORMS}"
                problems.append(doc.problem(str(err), (*loc, "deadline"), hint=hint))
    return problems
