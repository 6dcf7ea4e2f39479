"""The report as plain data: what is computed per plan, the JSON shard format, merging.

One run and a merge of shards give the same `ReportData`: rows are kept in one canonical
order (by path) and the rubric and rule catalogues are unions, so the HTML and XLSX of
merged shards equal those of one run over all the files.

A plan row (`ReportData.plans[i]`) is a JSON object:

    path          the file as discovered
    error         null, or {rule, message, count}: the file did not load or validate
    organisation, year, kind, language, title     (null for a broken file)
    rubrics       [{rubric, covered, required, hinted, attainable, base_points,
                    best_band, missing_mandatory: [item ids], items: {item id: status},
                    and for scoring rubrics the self-assessment of `planforge score`:
                    scores: {item id: points}, self_score, self_band}]
    findings      {rule id: count}; severities: {error, warning, info}
    progress      {total, percent, done, dropped, overdue, due_soon, in_progress,
                   not_started} at `as_of`
    summary       {complete, missing: [summary parts], done_without_result}
    plan_html     null, or the rendered plan's address relative to the report
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from planforge.errors import InputError, UsageError

FORMAT = "planforge-report"
FORMAT_VERSION = 1


@dataclass
class ReportData:
    """Everything a report shows; `to_json`/`from_json` are the shard format."""

    as_of: dt.date
    plans: list[dict[str, Any]] = field(default_factory=list)
    rubrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def sort(self) -> None:
        """Rows in the canonical order: by path, folder by folder."""
        self.plans.sort(key=lambda row: PurePath(row["path"]).parts)
        self.rubrics = dict(sorted(self.rubrics.items()))
        self.rules = dict(sorted(self.rules.items()))

    def as_dict(self) -> dict[str, Any]:
        from planforge import __version__

        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "tool": {"name": "planforge", "version": __version__},
            "as_of": self.as_of.isoformat(),
            "rubrics": self.rubrics,
            "rules": self.rules,
            "plans": self.plans,
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=1) + "\n"


def from_json(text: str, source: str) -> ReportData:
    """A report written by `planforge report --format json`; `InputError` otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            f"{source}: not a planforge report",
            hint="write shards with `planforge report DIR --format json -o shard.json`",
        )
    if data.get("version") != FORMAT_VERSION:
        raise InputError(
            f"{source}: report format version {data.get('version')!r}; "
            f"this planforge reads version {FORMAT_VERSION}"
        )
    try:
        as_of = dt.date.fromisoformat(data["as_of"])
        plans = list(data["plans"])
        rubrics = dict(data["rubrics"])
        rules = dict(data["rules"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{source}: a planforge report with a damaged field: {exc}") from None
    if not all(isinstance(row, dict) and isinstance(row.get("path"), str) for row in plans):
        raise InputError(f"{source}: a planforge report with a damaged plan row")
    return ReportData(as_of, plans, rubrics, rules)


def merge(shards: list[tuple[str, ReportData]]) -> ReportData:
    """Shards of one repository as one report; a file in two shards counts once."""
    if not shards:
        raise UsageError("--merge needs at least one JSON report")
    dates = {data.as_of for _name, data in shards}
    if len(dates) > 1:
        listed = ", ".join(f"{name} ({data.as_of})" for name, data in shards)
        raise UsageError(
            f"the shards were computed at different dates: {listed}",
            hint="run every shard with the same --as-of",
        )
    merged = ReportData(dates.pop())
    seen: set[str] = set()
    for name, data in shards:
        for row in data.plans:
            if row["path"] in seen:
                sys.stderr.write(f"{name}: {row['path']} is in an earlier shard; kept once\n")
                continue
            seen.add(row["path"])
            merged.plans.append(row)
        for key, rubric in data.rubrics.items():
            merged.rubrics.setdefault(key, rubric)
        for key, rule in data.rules.items():
            merged.rules.setdefault(key, rule)
    merged.sort()
    return merged
