"""User-facing problems and errors, with source locations.

A `Problem` is data: a message tied to a place in a file. Stages collect problems and
return them; the CLI's one error boundary prints them. `PlanforgeError` carries problems
across stage boundaries when a stage cannot go on.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column are 1-based."""

    path: str
    line: int | None = None
    col: int | None = None
    end_line: int | None = None
    end_col: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        if self.col is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Edit:
    """A fix: replace the characters `start:end` of the source text with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: what, where, and what was expected."""

    message: str
    location: Location | None = None
    severity: Severity = Severity.ERROR
    rule: str | None = None
    hint: str | None = None
    source_line: str | None = field(default=None, compare=False)
    fix: Edit | None = field(default=None, compare=False)

    def headline(self) -> str:
        where = f"{self.location}: " if self.location else ""
        rule = f" {self.rule}" if self.rule else ""
        return f"{where}{self.severity.value}{rule}: {visible_controls(self.message)}"


class PlanforgeError(Exception):
    """An error the user can act on; the CLI prints it and exits with `exit_code`."""

    exit_code = 2

    def __init__(
        self, message: str, problems: list[Problem] | None = None, *, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.hint = hint


class InputError(PlanforgeError):
    """A source file cannot be read, parsed or validated."""


class UsageError(PlanforgeError):
    """Arguments that make no sense together, or a missing external program."""


class TemplateError(PlanforgeError):
    """A Jinja template failed to load or render."""


class OutputError(PlanforgeError):
    """An output could not be written; the previous output is left intact."""


_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"}
_PICTURES[0x7F] = 0x2421  # ␡
_C1 = {code: 0xFFFD for code in range(0x80, 0xA0)}  # C1 controls have no pictures
_CONTROL_TABLE = {**_PICTURES, **_C1, 0xFFFE: 0xFFFD, 0xFFFF: 0xFFFD}


@functools.cache
def _control_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any control character, and lone surrogates (compiled at first use, not at import)."""
    return (
        re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]"),
        re.compile("[\ud800-\udfff]"),
    )


def visible_controls(text: str) -> str:
    """`text` with control characters as their control pictures (␇, ␛), C1 controls
    (U+0080–U+009F, which have none) and lone surrogates as U+FFFD: a plan's text may
    carry them in quoted YAML, and neither a terminal (escape sequences), XML (Word
    refuses the file) nor HTML (the checker forbids them) should receive them."""
    any_control, surrogate = _control_patterns()
    if not any_control.search(text):  # nearly always: one scan, no copy
        return text
    return surrogate.sub("\ufffd", text.translate(_CONTROL_TABLE))


def display_width(text: str) -> int:
    """Terminal columns `text` takes: East-Asian wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def excerpt(source_line: str, col: int | None, length: int = 1) -> str:
    """The source line and a caret under column `col` (1-based), aligned for CJK text."""
    line = visible_controls(source_line.rstrip("\r\n").expandtabs(1))
    if len(line) > 200:  # keep a window around the column on very long lines
        start = max(0, (col or 1) - 80)
        line = ("…" if start else "") + line[start : start + 160]
        col = (col or 1) - start + (1 if start else 0)
    gutter = "  | "
    if col is None:
        return f"{gutter}{line}"
    width_before = display_width(line[: max(col - 1, 0)])
    marked = line[col - 1 : col - 1 + max(length, 1)]
    carets = "^" * max(display_width(marked), 1)
    return f"{gutter}{line}\n{gutter}{' ' * width_before}{carets}"


def format_problem(problem: Problem) -> str:
    """`path:line:col: severity rule: message`, the source excerpt, then the hint."""
    parts = [problem.headline()]
    if problem.source_line is not None:
        col = problem.location.col if problem.location else None
        length = 1
        loc = problem.location
        if loc and loc.end_line == loc.line and loc.end_col and loc.col:
            length = loc.end_col - loc.col
        parts.append(excerpt(problem.source_line, col, length))
    if problem.hint:
        parts.append(f"  = {visible_controls(problem.hint)}")
    return "\n".join(parts)
