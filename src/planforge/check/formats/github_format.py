"""GitHub Actions workflow commands: annotations on the pull request's changed lines.

`::error file=…,line=…,col=…,title=…::message`. In the message `%`, `\\r` and `\\n` are
escaped; in the properties `:` and `,` are escaped too, as the runner expects.
"""

from __future__ import annotations

from planforge.check.formats import FormatOptions, Report, location_of
from planforge.errors import Problem

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(problem: Problem, path: str) -> str:
    file, line, col = location_of(problem, path)
    props = [f"file={escape_property(file)}", f"line={line}", f"col={col}"]
    loc = problem.location
    if loc and loc.end_line:
        props.append(f"endLine={loc.end_line}")
        if loc.end_col and loc.end_line == loc.line:
            props.append(f"endColumn={loc.end_col}")
    props.append(f"title={escape_property(problem.rule or 'planforge')}")
    message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    return f"::{_LEVELS[problem.severity.value]} {','.join(props)}::{escape_data(message)}"


def render(report: Report, options: FormatOptions) -> str:
    lines = [command(p, f.path) for f in report.files for p in f.problems]
    return "".join(line + "\n" for line in lines)
