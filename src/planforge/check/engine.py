"""Run the rules on one validated plan: findings (with fixes) and rubric coverage.

`lint` is the per-file hot path of `planforge check`; it does no I/O beyond loading the
rubrics it is given, and returns plain data for the output formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planforge.check.rubric import Coverage, load_rubric
from planforge.check.rules import LINT_RULES, RuleContext
from planforge.check.rules.base import OptionValue
from planforge.errors import InputError, Problem, Severity
from planforge.load import Document
from planforge.model.plan import Plan
from planforge.model.rubric import Rubric

Settings = Mapping[str, "Severity | str"]
"""Rule id → severity (a `Severity` or 'error'/'warning'/'info') or 'off'."""
Options = Mapping[str, Mapping[str, OptionValue]]
"""Rule id → option name → value, for the options a configuration sets."""


@dataclass
class FileResult:
    """What checking one file found: its problems in source order, and rubric coverage."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    error: bool = False  # the file could not be loaded or validated


def _sort_key(problem: Problem) -> tuple[int, int, str, str]:
    loc = problem.location
    return (
        loc.line or 0 if loc else 0,
        loc.col or 0 if loc else 0,
        problem.rule or "",
        problem.message,
    )


def severity_of(value: Severity | str) -> Severity | None:
    """The severity a setting asks for; None for 'off'."""
    if isinstance(value, Severity):
        return value
    if value in ("off", "false", "disable", "disabled"):
        return None
    return Severity(value)


def lint(
    doc: Document,
    plan: Plan,
    rubrics: list[Rubric],
    settings: Settings | None = None,
    *,
    unresolved: list[tuple[int, InputError]] | None = None,
    options: Options | None = None,
) -> FileResult:
    """Every finding of every enabled rule on `plan`, sorted by position.

    `unresolved` lists the plan's `rubrics:` entries that could not be loaded; `options`
    the rule options the configuration sets (validated when it was read).
    """
    settings = settings or {}
    ctx = RuleContext(doc, plan, rubrics, unresolved or [], options=options or {})
    problems: list[Problem] = []
    for rule in LINT_RULES:
        wanted = settings.get(rule.id)
        severity = rule.severity if wanted is None else severity_of(wanted)
        if severity is None or rule.check is None:
            continue
        for problem in rule.check(ctx):
            if severity is not rule.severity:
                problem = replace(problem, severity=severity)
            problems.append(problem)
    problems.sort(key=_sort_key)
    coverage = ctx.coverages if rubrics else []
    return FileResult(doc.path, problems, coverage)


def plan_rubrics(
    doc: Document, plan: Plan, extra: Iterable[str] = (), extra_base: Path | None = None
) -> tuple[list[Rubric], list[tuple[int, InputError]]]:
    """The rubrics a plan is held to: its `rubrics:` (paths relative to the plan file)
    and `extra` (from `--rubric` or the configuration; paths relative to `extra_base`).

    A `rubrics:` entry that cannot be loaded is returned with its index, for the
    `unknown-rubric` rule; an `extra` one raises `InputError`, since the tool cannot
    do what it was asked.
    """
    extras = [(ref, extra_base) for ref in extra]
    return resolve_rubrics(Path(doc.path).parent, plan, extras, load_rubric)


def resolve_rubrics(
    folder: Any,
    plan: Plan,
    extras: Iterable[tuple[str, Any]],
    load: Callable[[str, Any], Rubric],
) -> tuple[list[Rubric], list[tuple[int, InputError]]]:
    """`plan_rubrics` with the loader given (a cached one, in worker processes) and each
    extra rubric with the folder it is relative to (`folder` and the bases are whatever
    `load` takes); one rubric per id, the first wins."""
    found: dict[str, Rubric] = {}
    unresolved: list[tuple[int, InputError]] = []
    from planforge.check.rubric import rubric_refs

    for i, ref in enumerate(rubric_refs(plan)):  # `rubrics:`, or the defaults of its kind
        try:
            rubric = load(ref, folder)
        except InputError as exc:
            unresolved.append((i, exc))
            continue
        found.setdefault(rubric.id, rubric)
    for ref, base in extras:
        rubric = load(ref, base)
        found.setdefault(rubric.id, rubric)
    return list(found.values()), unresolved


def lint_plan(
    doc: Document,
    plan: Plan,
    extra_rubrics: Iterable[str] = (),
    settings: Settings | None = None,
    extra_base: Path | None = None,
    options: Options | None = None,
) -> FileResult:
    """`lint` with the plan's own rubrics resolved (see `plan_rubrics`)."""
    rubrics, unresolved = plan_rubrics(doc, plan, extra_rubrics, extra_base)
    return lint(doc, plan, rubrics, settings, unresolved=unresolved, options=options)
