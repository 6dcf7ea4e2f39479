"""Helpers for the rule and rubric tests: lint a YAML snippet, apply a finding's fix."""

from __future__ import annotations

from planforge.check.engine import FileResult, lint_plan
from planforge.errors import Problem
from planforge.load import parse
from planforge.validate import validate

HEAD_ZH = "organisation: 城东小学工会\nyear: 2026\n"
HEAD_EN = "organisation: Riverside Branch\nyear: 2026\nlanguage: en\n"


def lint_text(
    text: str,
    name: str = "plan.yaml",
    rubrics: tuple[str, ...] = (),
    options: dict[str, dict[str, object]] | None = None,
) -> FileResult:
    """The findings on a plan source, with rule options set as a configuration would."""
    doc = parse(text, name)
    return lint_plan(doc, validate(doc), rubrics, options=options)  # type: ignore[arg-type]


def findings(text: str, rule: str | None = None, **kw: object) -> list[tuple[str, int]]:
    """(rule id, line) of the findings, of one rule or all."""
    result = lint_text(text, **kw)  # type: ignore[arg-type]
    return [
        (p.rule or "", p.location.line if p.location and p.location.line else 0)
        for p in result.problems
        if rule is None or p.rule == rule
    ]


def of_rule(text: str, rule: str) -> list[Problem]:
    return [p for p in lint_text(text).problems if p.rule == rule]


def apply_fixes(text: str, problems: list[Problem]) -> str:
    """The text with every fix applied (from the end, so offsets hold)."""
    edits = sorted((p.fix for p in problems if p.fix), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text
