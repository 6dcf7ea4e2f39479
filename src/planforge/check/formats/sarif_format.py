"""SARIF 2.1.0 for code-scanning services: rules, results, locations and fingerprints."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from planforge import __version__
from planforge.check.baseline import fingerprint
from planforge.check.formats import FormatOptions, Report, all_rules, location_of, rule_info
from planforge.check.rules.base import Rule
from planforge.errors import Problem

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    posix = PurePath(path).as_posix()
    return posix[2:] if posix.startswith("./") else posix


def _descriptor(info: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": info.id,
        "name": "".join(part.capitalize() for part in info.id.split("-")),
        "shortDescription": {"text": info.summary},
        "defaultConfiguration": {"level": _LEVELS[info.severity.value]},
    }
    if info.doc:
        out["fullDescription"] = {"text": info.doc.strip().split("\n\n")[0]}
        out["help"] = {"text": info.doc.strip(), "markdown": info.doc.strip()}
    return out


def _result(problem: Problem, path: str, index: int) -> dict[str, Any]:
    file, line, col = location_of(problem, path)
    region: dict[str, Any] = {"startLine": line, "startColumn": col}
    loc = problem.location
    if loc and loc.end_line:
        region["endLine"] = loc.end_line
        if loc.end_col:
            region["endColumn"] = loc.end_col
    if problem.source_line is not None:
        region["snippet"] = {"text": problem.source_line}
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return {
        "ruleId": problem.rule or "problem",
        "ruleIndex": index,
        "level": _LEVELS[problem.severity.value],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(file), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"planforgeFinding/v1": fingerprint(problem)},
    }


def render(report: Report, options: FormatOptions) -> str:
    problems = [(p, f.path) for f in report.files for p in f.problems]
    ids = sorted(set(all_rules(report)) | {p.rule or "problem" for p, _ in problems})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    run = {
        "tool": {
            "driver": {
                "name": "planforge",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rule_info(report, rule_id)) for rule_id in ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(p, path, index[p.rule or "problem"]) for p, path in problems],
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
