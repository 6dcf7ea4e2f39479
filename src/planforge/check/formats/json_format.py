"""JSON output: stable, documented fields (see docs/ci.md), one object for the whole run."""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

from planforge import __version__
from planforge.check.baseline import fingerprint
from planforge.check.formats import FormatOptions, Report, location_of
from planforge.errors import Problem

JSON_VERSION = 1


def finding(problem: Problem, path: str) -> dict[str, Any]:
    file, line, col = location_of(problem, path)
    loc = problem.location
    return {
        "path": file,
        "line": line,
        "column": col,
        "end_line": loc.end_line if loc else None,
        "end_column": loc.end_col if loc else None,
        "severity": problem.severity.value,
        "rule": problem.rule or "problem",
        "message": problem.message,
        "hint": problem.hint,
        "fixable": problem.fix is not None,
        "fingerprint": fingerprint(problem),
    }


def plain(value: Any) -> Any:
    """Coverage and other result objects as JSON-ready data."""
    if hasattr(value, "model_dump"):
        return plain(value.model_dump(mode="json"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def coverage_data(coverage: Any) -> Any:
    """A rubric coverage as data: per item covered (by which tasks), hinted or uncovered."""
    rubric = getattr(coverage, "rubric", None)
    items = getattr(coverage, "items", None)
    if rubric is None or items is None:
        return plain(coverage)
    band = getattr(coverage, "best_band", None)
    return {
        "rubric": rubric.id,
        "title": rubric.title,
        "summary": coverage.summary(),
        "items": [
            {
                "id": c.item.id,
                "status": c.status,
                "tasks": list(c.tasks),
                "hinted_by": list(c.hinted_by),
                "mandatory": c.item.mandatory,
                **({"evidence": [e.as_dict() for e in c.evidence]} if c.evidence else {}),
                **({"words": c.words} if c.status != "covered" and c.words else {}),
            }
            for c in items
        ],
        "attainable": getattr(coverage, "attainable", None),
        "missing_mandatory": [i.id for i in getattr(coverage, "missing_mandatory", [])],
        "best_band": band.name if band is not None else None,
        "not_applicable": [i.id for i in getattr(coverage, "not_applicable", [])],
    }


def render(report: Report, options: FormatOptions) -> str:
    data = {
        "version": JSON_VERSION,
        "tool": {"name": "planforge", "version": __version__},
        "findings": [finding(p, f.path) for f in report.files for p in f.problems],
        "files": [
            {
                "path": f.path,
                "error": f.error,
                "findings": len(f.problems),
                "coverage": [coverage_data(c) for c in f.coverage],
            }
            for f in report.files
        ],
        "summary": {
            "files": len(report.files),
            **report.counts(),
            "suppressed": report.suppressed,
            "baselined": report.baselined,
            "fixed": report.fixed,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
