"""Gather a report: the check's per-file work on every plan, kept as one row per file.

Files are found, configured and linted exactly as `planforge check` does (its discovery,
configuration, ignore globs, worker processes and rules engine), so a row's findings and
rubric scores are the ones `check` reports. The workers return small plain rows, not
the check's objects, so little crosses process borders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.check.run import FileJob, lint_source_with_plan
from planforge.errors import InputError, Problem
from planforge.model.plan import Plan
from planforge.report.data import ReportData

# Rubrics this process has already described to the parent in a run (by the run's token);
# the parent keeps the catalogue.
_DESCRIBED: dict[str, set[str]] = {}


@dataclass(frozen=True)
class RowOptions:
    """What every row needs besides its file: the date, and where plan pages go."""

    as_of: dt.date
    plans_dir: str | None = None  # render each plan's HTML into this folder
    plans_href: str | None = None  # that folder as the report links to it
    run: str = ""  # a token of the run, set by `collect`


def collect(
    jobs: list[FileJob], options: RowOptions, workers: int, rule_infos: dict[str, Any]
) -> ReportData:
    """One row per job, in worker processes when `workers` > 1."""
    from planforge.check.run import map_jobs

    data = ReportData(options.as_of)
    options = dataclasses.replace(options, run=uuid.uuid4().hex)
    work = functools.partial(plan_row, options=options)
    try:
        for row, described in map_jobs(work, jobs, workers):
            data.plans.append(row)
            for key, rubric in described.items():
                data.rubrics.setdefault(key, rubric)
    finally:
        _DESCRIBED.pop(options.run, None)
    used = {rule for row in data.plans for rule in row["findings"]}
    for rule_id in sorted(used):
        info = rule_infos.get(rule_id)
        data.rules[rule_id] = {
            "severity": info.severity.value if info else "error",
            "summary": info.summary if info else rule_id,
        }
    data.sort()
    return data


def plan_row(job: FileJob, options: RowOptions) -> tuple[dict[str, Any], dict[str, Any]]:
    """The row of one file, and the rubrics it uses that this process has not described."""
    from planforge.read import read_source

    try:
        text = read_source(Path(job.path))
    except InputError as exc:
        return _broken(job.path, exc.problems, exc.message, "load-error"), {}
    linted, plan, coverage = lint_source_with_plan(text, job)
    report = linted.report
    if plan is None or report.error:
        return _broken(job.path, report.problems, "", "schema"), {}
    row = _row(job.path, plan, report.problems, coverage, options)
    described = {}
    seen = _DESCRIBED.setdefault(options.run, set())
    for cov in coverage:
        if cov.rubric.id not in seen:
            seen.add(cov.rubric.id)
            described[cov.rubric.id] = describe_rubric(cov.rubric)
    if options.plans_dir is not None:
        row["plan_html"] = _render_plan_page(plan, job.path, options)
    return row, described


def _row(
    path: str, plan: Plan, problems: list[Problem], coverage: list[Any], options: RowOptions
) -> dict[str, Any]:
    from planforge.lifecycle.status import progress
    from planforge.report.completeness import summary_state

    tally = progress(plan, options.as_of).total
    severities = Counter(p.severity.value for p in problems)
    return {
        "path": path,
        "error": None,
        "organisation": plan.organisation,
        "year": plan.year,
        "kind": plan.kind.value if plan.kind else None,
        "language": plan.language.value,
        "title": plan.display_title,
        "rubrics": [{**coverage_row(cov), **self_assessment(plan, cov)} for cov in coverage],
        "findings": dict(sorted(Counter(p.rule or "problem" for p in problems).items())),
        "severities": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
        "progress": {"total": tally.total, "percent": tally.percent, **tally.counts},
        "summary": summary_state(plan),
        "plan_html": None,
    }


def coverage_row(cov: Any) -> dict[str, Any]:
    """A plan against one rubric, with the numbers `check --format json` gives."""
    band = cov.best_band
    return {
        "rubric": cov.rubric.id,
        "covered": len(cov.covered),
        "required": len(cov.required),
        "hinted": sum(1 for c in cov.required if c.status == "hinted"),
        "attainable": cov.attainable,
        "base_points": cov.rubric.base_points if cov.rubric.scoring else None,
        "best_band": band.name if band else None,
        "missing_mandatory": [item.id for item in cov.missing_mandatory],
        "items": {c.item.id: c.status for c in cov.items}
        | {item.id: "n/a" for item in getattr(cov, "not_applicable", [])},  # not asked of its kind
    }


def self_assessment(plan: Plan, cov: Any) -> dict[str, Any]:
    """The self-assessed score of each item and the total (`planforge score`'s sheet), for
    the score matrix; nothing for a checklist."""
    if not cov.rubric.scoring:
        return {}
    from planforge.score.sheet import score_sheet

    sheet = score_sheet(plan, cov)
    return {
        "scores": {row.item_id: row.score for row in sheet.items},
        "self_score": sheet.total,
        "self_band": sheet.band_text,
    }


def describe_rubric(rubric: Any) -> dict[str, Any]:
    """What a report shows of a rubric: its title and items, in the rubric's order."""
    return {
        "title": rubric.title,
        "scoring": rubric.scoring,
        "base_points": rubric.base_points if rubric.scoring else None,
        "items": [
            {
                "id": item.id,
                "text": item.text,
                "section": item.section,
                "mandatory": item.mandatory,
                "kind": item.kind.value,
                "points": item.points,
            }
            for item in rubric.items
        ],
    }


def _broken(path: str, problems: list[Problem], message: str, rule: str) -> dict[str, Any]:
    """The row of a file that did not load or validate: its first problem, and the count."""
    first = problems[0] if problems else None
    if first is not None:
        message = first.headline() if first.location else first.message
        rule = first.rule or rule
    return {
        "path": path,
        "error": {"rule": rule, "message": message, "count": max(1, len(problems))},
        "organisation": None,
        "year": None,
        "kind": None,
        "language": None,
        "title": None,
        "rubrics": [],
        "findings": {rule: max(1, len(problems))},
        "severities": {"error": max(1, len(problems)), "warning": 0, "info": 0},
        "progress": None,
        "summary": None,
        "plan_html": None,
    }


# ---------------------------------------------------------------------------- plan pages


def plan_page_name(path: str) -> str:
    """A file name for a plan's page, one per source path: `a/b/plan.yaml` → `a--b--plan.html`."""
    parts = [p for p in Path(path).with_suffix("").parts if p not in ("/", ".", "")]
    name = "--".join("up" if p == ".." else p for p in parts)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).lstrip(".")
    return (safe or "plan") + ".html"


def _render_plan_page(plan: Plan, path: str, options: RowOptions) -> str:
    from planforge.io import write_atomic
    from planforge.render.context import plan_context
    from planforge.render.run import render_text

    assert options.plans_dir is not None
    name = plan_page_name(path)
    write_atomic(Path(options.plans_dir) / name, render_text(plan_context(plan), "html"))
    return f"{options.plans_href}/{name}" if options.plans_href else name
