"""Helpers for the linter tests: a small plan source and a stand-in rules engine.

The stand-in engine finds two things with fixed rules, so that tests of configuration,
suppression, baselines, fixes and output formats do not depend on the built-in rules:
`fake-placeholder` (warning) for each `XX` in the text, and `fake-comma` (error, with a
fix) for each half-width comma that follows a Chinese character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from planforge.check.rules.base import Rule
from planforge.errors import Edit, Location, Problem, Severity

PLAN = """\
# A plan for the linter tests.
organisation: 测试学校工会
year: 2026
goals:
  - id: g1
    text: 教代会提案办结率达到100%。
tasks:
  - id: t1
    title: 召开教代会
    owners: 工会办公室
    deadline: 3月
    goals: [g1]
  - id: t2
    title: 开展送温暖活动
    owners: 工会办公室
    deadline: 1月
    goals: [g1]
"""


def plan_with(*extra_tasks: str) -> str:
    """The test plan with more task entries (each a YAML snippet of one list item)."""
    return PLAN + "".join(extra_tasks)


def task(task_id: str, title: str, comment: str = "") -> str:
    suffix = f"  {comment}" if comment else ""
    return (
        f"  - id: {task_id}\n"
        f"    title: {title}{suffix}\n"
        f"    owners: 工会办公室\n"
        f"    deadline: 5月\n"
        f"    goals: [g1]\n"
    )


_COMMA = re.compile(r"(?<=[\u4e00-\u9fff]),")


@dataclass
class FakeResult:
    problems: list[Problem]
    coverage: list[Any] = field(default_factory=list)
    error: bool = False


def _location(doc: Any, start: int, end: int) -> tuple[Location, str]:
    line = doc.text.count("\n", 0, start) + 1
    line_start = doc.text.rfind("\n", 0, start) + 1
    col = start - line_start + 1
    loc = Location(doc.path, line, col, line, col + (end - start))
    return loc, doc.lines[line - 1]


def fake_lint(
    doc: Any,
    plan: Any,
    rubrics: list[Any],
    settings: dict[str, str],
    unresolved: Any = None,
    *,
    options: Any = None,
) -> FakeResult:
    problems: list[Problem] = []
    for match in re.finditer("XX", doc.text):
        if settings.get("fake-placeholder") == "off":
            continue
        severity = Severity(settings.get("fake-placeholder", "warning"))
        loc, line = _location(doc, match.start(), match.end())
        problems.append(
            Problem(
                "placeholder 'XX' left in the text",
                loc,
                severity,
                "fake-placeholder",
                source_line=line,
            )
        )
    for match in _COMMA.finditer(doc.text):
        if settings.get("fake-comma") == "off":
            continue
        loc, line = _location(doc, match.start(), match.end())
        problems.append(
            Problem(
                "half-width comma in Chinese text",
                loc,
                Severity(settings.get("fake-comma", "error")),
                "fake-comma",
                source_line=line,
                fix=Edit(match.start(), match.end(), "，"),
            )
        )
    return FakeResult(problems)


def _found_by_fake_lint(ctx: Any) -> list[Problem]:
    return []  # the stand-in engine finds them all at once (`fake_lint`)


FAKE_RULES = {
    rule_id: Rule(rule_id, severity, rule_id, f"The stand-in {rule_id} rule.", _found_by_fake_lint)
    for rule_id, severity in (
        ("fake-placeholder", Severity.WARNING),
        ("fake-comma", Severity.ERROR),
    )
}
"""The rules of the stand-in engine, which configurations in tests may name."""


def use_fake_engine(monkeypatch: Any) -> None:
    """Make `planforge check` use the stand-in engine (in this process and forked workers)."""
    import planforge.check.run as run
    import planforge.config as config

    monkeypatch.setattr(run, "engine_lint", fake_lint)
    real_rules = config.known_rules()
    monkeypatch.setattr(config, "known_rules", lambda: real_rules | FAKE_RULES)
