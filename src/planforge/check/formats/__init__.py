"""Output formats of `planforge check`: text, json, sarif, github, junit.

Each format is a module with `render(report, options) -> str`; they all read one `Report`,
the plain data of a check run, so every format says the same thing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planforge.errors import Problem, Severity

if TYPE_CHECKING:
    from planforge.check.rules.base import Rule

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass
class FileReport:
    """The findings in one file, its rubric coverage lines, and whether it failed to load."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    coverage: list[Any] = field(default_factory=list)
    error: bool = False
    summaries: list[str] = field(default_factory=list)
    group_sizes: dict[str, int] = field(default_factory=dict)
    """Rule id → how many findings of the rule in this file the text output groups into
    one (the rule's `group-size` option); rules not listed are never grouped."""


@dataclass
class Report:
    """Everything a check run found, in a stable order."""

    files: list[FileReport]
    rules: dict[str, Rule] = field(default_factory=dict)
    """The rules of the run, when not the registry's (`planforge.check.rules.RULES`, which
    is imported only by the formats that describe every rule)."""
    suppressed: int = 0
    baselined: int = 0
    fixed: int = 0

    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for problem in self.problems():
            out[problem.severity.value] += 1
        return out


SHOW = ("warning", "info", "all")
"""What the text output lists: errors and warnings (infos counted per rule), infos too,
or every finding one by one (no grouping)."""


@dataclass(frozen=True)
class FormatOptions:
    color: bool = False
    quiet: bool = False
    show: str = "warning"


def render(report: Report, fmt: str, options: FormatOptions) -> str:
    """The report in the format `fmt` (one of `FORMATS`)."""
    module = importlib.import_module(f"planforge.check.formats.{fmt}_format")
    text: str = module.render(report, options)
    return text


def all_rules(report: Report) -> dict[str, Rule]:
    """The rules of the run: the report's own, else the registry's."""
    if report.rules:
        return report.rules
    from planforge.check.rules import RULES

    return dict(RULES)


def rule_info(report: Report, rule_id: str) -> Rule:
    """The rule `rule_id` of the run, else of the registry, else a plain error entry."""
    from planforge.check.rules import RULES
    from planforge.check.rules.base import Rule

    found = report.rules.get(rule_id) or RULES.get(rule_id)
    return found or Rule(rule_id, Severity.ERROR, rule_id, "")


def location_of(problem: Problem, default_path: str) -> tuple[str, int, int]:
    """Path, line and column of a problem; line and column are 1 when unknown."""
    loc = problem.location
    if loc is None:
        return default_path, 1, 1
    return loc.path or default_path, loc.line or 1, loc.col or 1
