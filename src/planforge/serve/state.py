"""What the editor shows of one plan: its data, findings at fields, coverage, preview.

The findings are the check's (`lint_source_with_plan`, with the configuration `check`
would use); each carries the data path of the field it points to, found from its line
and column in the composed YAML. The preview is the render stage's HTML of the plan or
its summary (the context `document_context` builds, through `render_text`), the
document `render --format html` writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from planforge.errors import InputError, Problem
from planforge.serve.workspace import version_of

Loc = list[str | int]


def plain(value: Any) -> Any:
    """Source data as JSON: dates as ISO text, keys as text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def path_at(node: Any, line: int, col: int) -> Loc:
    """The data path of the deepest node that holds `line`:`col` (1-based), keys included."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    here: Loc = []
    pos = (line - 1, col - 1)

    def holds(n: Any) -> bool:
        start = (n.start_mark.line, n.start_mark.column)
        end = (n.end_mark.line, n.end_mark.column)
        return start <= pos < end or start == pos

    while node is not None:
        step: tuple[str | int, Any] | None = None
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if holds(key) or holds(value):
                    step = (str(key.value), value)
                    break
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                if holds(item):
                    step = (i, item)
                    break
        if step is None:
            break
        here.append(step[0])
        node = step[1]
    return here


def finding(problem: Problem, node: Any) -> dict[str, Any]:
    loc = problem.location
    line = loc.line if loc else None
    col = loc.col if loc else None
    return {
        "path": path_at(node, line, col or 1) if node is not None and line else [],
        "line": line,
        "col": col,
        "severity": problem.severity.value,
        "rule": problem.rule,
        "message": problem.message,
        "hint": problem.hint,
    }


def file_job(path: Path) -> Any:
    """The check's job for one file, with the configuration `check` finds for it."""
    from planforge.check.run import FileJob, file_jobs
    from planforge.config import discover_config

    jobs = file_jobs([path], [], discover_config(path.parent))
    return jobs[0] if jobs else FileJob(str(path), (), ())


def coverage_panel(coverage: list[Any]) -> list[dict[str, Any]]:
    """Per rubric: its items (covered or not, with their text) and the score in reach."""
    from planforge.report.collect import coverage_row, describe_rubric

    out = []
    for cov in coverage:
        row = coverage_row(cov)
        described = describe_rubric(cov.rubric)
        row["title"] = described["title"]
        row["scoring"] = described["scoring"]
        row["summary"] = cov.summary()
        row["items"] = [
            {**item, "status": row["items"].get(item["id"], "uncovered")}
            for item in described["items"]
        ]
        out.append(row)
    return out


def deadlines(data: Any, year: Any) -> dict[str, str]:
    """For each task with a deadline (by its data path as compact JSON), how it reads."""
    import json

    from planforge.model.deadline import DeadlineError, parse_deadline

    out: dict[str, str] = {}

    def visit(tasks: Any, prefix: Loc) -> None:
        for i, task in enumerate(tasks or []):
            if not isinstance(task, dict):
                continue
            loc = [*prefix, "tasks", i]
            value = task.get("deadline")
            if value is not None and isinstance(year, int):
                with contextlib.suppress(DeadlineError, ValueError, TypeError):
                    reads = canonical(parse_deadline(value, year))
                    out[json.dumps(loc, separators=(",", ":"))] = reads
            visit(task.get("tasks"), loc)

    visit(data.get("tasks") if isinstance(data, dict) else None, [])
    return out


def canonical(deadline: Any) -> str:
    """A deadline as dates: `2026-03-31`, `2026-03-01 – 2026-03-31`, or with its frequency."""
    if deadline.start == deadline.end:
        span = deadline.end.isoformat()
    else:
        span = f"{deadline.start.isoformat()} – {deadline.end.isoformat()}"
    return f"{span} ({deadline.freq})" if deadline.freq else span


def preview(plan: Any, summary: bool) -> str:
    """The render stage's HTML of the plan (or its summary): what `render --format html`
    writes. The plan is the one the check just validated, so it is not parsed again."""
    from planforge.render.context import plan_context, summary_context
    from planforge.render.run import render_text

    return render_text(summary_context(plan) if summary else plan_context(plan), "html")


def plan_state(path: Path, rel: str, raw: bytes, *, summary: bool = False) -> dict[str, Any]:
    """Everything the editor shows of the plan whose bytes are `raw`."""
    from planforge.check.run import lint_source_with_plan
    from planforge.load import parse
    from planforge.read import decode_source

    version = version_of(raw)
    base = {"path": rel, "version": version}
    try:
        text = decode_source(raw, str(path))
    except InputError as exc:
        return {**base, "valid": False, "text": "", "findings": _problems(exc, None)}
    base["text"] = text
    try:
        doc = parse(text, str(path))
    except InputError as exc:
        return {**base, "valid": False, "findings": _problems(exc, None)}
    linted, plan, coverage = lint_source_with_plan(text, file_job(path))
    findings = [finding(p, doc.node) for p in linted.report.problems]
    if plan is None:
        return {**base, "valid": False, "findings": findings, "data": plain(doc.data)}
    from planforge.lifecycle.status import progress

    tally = progress(plan, dt.date.today()).total
    return {
        **base,
        "valid": True,
        "lang": plan.language.value,
        "title": plan.display_title,
        "data": plain(doc.data),
        "findings": findings,
        "coverage": coverage_panel(coverage),
        "deadlines": deadlines(doc.data, doc.data.get("year")),
        "progress": {"total": tally.total, "percent": tally.percent, **tally.counts},
        "summary": summary,
        "preview": preview(plan, summary),
    }


def _problems(exc: InputError, node: Any) -> list[dict[str, Any]]:
    problems = exc.problems or [Problem(exc.message, hint=exc.hint)]
    return [finding(p, node) for p in problems]


def folder_rows(paths: list[Path], root: Path) -> list[dict[str, Any]]:
    """The folder view: each plan's title, progress and findings, as `report` counts them."""
    from planforge.report.collect import RowOptions, plan_row

    options = RowOptions(as_of=dt.date.today())
    rows = []
    for path in paths:
        row, _ = plan_row(file_job(path), options)
        row["path"] = path.relative_to(root).as_posix()
        row.pop("plan_html", None)
        rows.append(row)
    return rows
