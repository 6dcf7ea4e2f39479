"""Text output: `path:line:col: severity rule-id message`, the source line and a caret.

Colour only when asked (the caller decides: a terminal and no `NO_COLOR`).
"""

from __future__ import annotations

from planforge.check.formats import FileReport, FormatOptions, Report, location_of
from planforge.errors import Problem, excerpt, visible_controls

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
    for problem in file.problems:
        if options.quiet:
            lines.append(headline(problem, file.path, options.color))
        else:
            lines.append(format_finding(problem, file.path, options.color))
    if not options.quiet:
        lines.extend(f"{file.path}: {summary}" for summary in file.summaries)
    return lines


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
