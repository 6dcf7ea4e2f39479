"""Text output: `path:line:col: severity rule-id message`, the source line and a caret.

Quiet by default, so that a plan's findings fit on a screen: info findings are counted per
rule (`--show info` lists them), and a rule that fires on many tasks of a file (its
`group-size` option) is shown once, listing the tasks (`--show all` lists every finding).
The machine formats keep one entry per finding. Colour only when asked (the caller
decides: a terminal and no `NO_COLOR`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from planforge.check.formats import FileReport, FormatOptions, Report, location_of
from planforge.errors import Problem, Severity, excerpt, visible_controls

_SUBJECT = re.compile(r"'([^']+)'")
_LISTED = 8
"""Tasks a grouped finding names before it says how many more there are."""

_RESET = "\x1b[0m"
_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;36m",
    "path": "\x1b[1m",
    "rule": "\x1b[2m",
    "caret": "\x1b[1;31m",
    "summary": "\x1b[1m",
}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def headline(problem: Problem, path: str, color: bool = False) -> str:
    file, line, col = location_of(problem, path)
    where = _paint(f"{file}:{line}:{col}:", "path", color)
    severity = _paint(problem.severity.value, problem.severity.value, color)
    rule = _paint(problem.rule or "problem", "rule", color)
    return f"{where} {severity} {rule} {visible_controls(problem.message)}"


def format_finding(problem: Problem, path: str, color: bool = False) -> str:
    parts = [headline(problem, path, color)]
    loc = problem.location
    if problem.source_line is not None and loc is not None:
        length = 1
        if loc.end_line == loc.line and loc.end_col and loc.col:
            length = loc.end_col - loc.col
        snippet = excerpt(problem.source_line, loc.col, length)
        if color and "\n" in snippet:
            first, carets = snippet.split("\n", 1)
            gutter = "  | "
            snippet = f"{first}\n{gutter}{_paint(carets[len(gutter) :], 'caret', True)}"
        parts.append(snippet)
    if problem.hint:
        parts.append(f"  = {visible_controls(problem.hint)}")
    return "\n".join(parts)


def render(report: Report, options: FormatOptions) -> str:
    out: list[str] = []
    for file in report.files:
        out.extend(_file_lines(file, options))
    if not options.quiet:
        out.append(_paint(_totals(report), "summary", options.color))
    return "".join(line + "\n" for line in out)


def _file_lines(file: FileReport, options: FormatOptions) -> list[str]:
    lines: list[str] = []
    shown, counted = _shown(file, options.show)
    for problem in shown:
        if options.quiet:
            lines.append(headline(problem, file.path, options.color))
        else:
            lines.append(format_finding(problem, file.path, options.color))
    if counted:
        lines.append(f"{file.path}: {_counted(counted)}")
    if not options.quiet:
        lines.extend(f"{file.path}: {summary}" for summary in file.summaries)
    return lines


def _shown(file: FileReport, show: str) -> tuple[list[Problem], list[Problem]]:
    """The findings to print (grouped unless `show` is "all") and the info findings only
    counted (unless `show` lists them)."""
    if show == "all":
        return list(file.problems), []
    listed = file.problems
    counted: list[Problem] = []
    if show == "warning":
        listed = [p for p in file.problems if p.severity is not Severity.INFO]
        counted = [p for p in file.problems if p.severity is Severity.INFO]
    return _grouped(listed, file.group_sizes), counted


def _grouped(problems: list[Problem], sizes: dict[str, int]) -> list[Problem]:
    """`problems` with each rule that fires at least its group size in the file shown
    once, at its first finding, naming every task it fires on."""
    by_rule: dict[str, list[Problem]] = {}
    for problem in problems:
        by_rule.setdefault(problem.rule or "", []).append(problem)
    out: list[Problem] = []
    for problem in problems:
        rule = problem.rule or ""
        members = by_rule[rule]
        size = sizes.get(rule, 0)
        if size <= 0 or len(members) < size:
            out.append(problem)
        elif problem is members[0]:
            out.append(_group(members))
    return out


def _group(members: list[Problem]) -> Problem:
    first = members[0]
    names = []
    for problem in members[:_LISTED]:
        m = _SUBJECT.search(problem.message)
        line = problem.location.line if problem.location else None
        names.append(f"{m.group(1)} (line {line})" if m else f"line {line}")
    more = len(members) - _LISTED
    listed = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    message = f"{len(members)} tasks with {_stem(first.message)}: {listed}"
    hint = (first.hint + "; " if first.hint else "") + "--show all lists them one by one"
    return replace(first, message=message, hint=hint)


def _stem(message: str) -> str:
    """A finding's message without the task it names: "task 'a' has no owner" → "no owner"."""
    stem = _SUBJECT.sub("", message).replace("task  ", "").strip()
    return re.sub(r"^(?:has|serves)\s+", "", stem) or message


def _counted(problems: list[Problem]) -> str:
    """`17 info findings (task-no-goal 17): --show info lists them`."""
    by_rule: dict[str, int] = {}
    for problem in problems:
        by_rule[problem.rule or "problem"] = by_rule.get(problem.rule or "problem", 0) + 1
    detail = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items(), key=lambda x: -x[1]))
    noun = "finding" if len(problems) == 1 else "findings"
    return f"{len(problems)} info {noun} ({detail}): --show info lists them"


def _totals(report: Report) -> str:
    counts = report.counts()
    total = sum(counts.values())
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if total == 0:
        text = f"{files} {noun} checked, no findings"
    else:
        parts = [
            f"{n} {kind}{'s' if n != 1 and kind != 'info' else ''}"
            for kind, n in counts.items()
            if n
        ]
        with_findings = sum(1 for f in report.files if f.problems)
        text = (
            f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) "
            f"in {with_findings} of {files} {noun}"
        )
    extras = []
    if report.fixed:
        extras.append(f"{report.fixed} fixed")
    if report.suppressed:
        extras.append(f"{report.suppressed} suppressed")
    if report.baselined:
        extras.append(f"{report.baselined} in the baseline")
    return text + (f"; {', '.join(extras)}" if extras else "")
