"""The report's table: one row per plan, the totals, and the groups of `--group-by`."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any


def group_of(plan: dict[str, Any], group_by: str | None, words: dict[str, str]) -> str:
    """The group a plan falls in for `--group-by` (kind, year, language or folder)."""
    if group_by is None:
        return ""
    if group_by == "folder":
        return str(PurePath(plan["path"]).parent)
    if plan.get("error"):
        return words["unreadable"]
    value = plan.get(group_by)
    if value is None:
        return words["none"]
    if group_by in ("kind", "language"):
        key = ("kind_" if group_by == "kind" else "lang_") + str(value)
        return words.get(key, str(value))
    return str(value)


def table_row(
    index: int, plan: dict[str, Any], words: dict[str, str], group_by: str | None
) -> dict[str, Any]:
    covs = plan.get("rubrics") or []
    shares = [c["covered"] / c["required"] for c in covs if c["required"]]
    progress = plan.get("progress")
    summary = plan.get("summary")
    severities = plan.get("severities") or {}
    kind = plan.get("kind")
    return {
        "index": index,
        "path": plan["path"],
        "name": plan.get("organisation") or PurePath(plan["path"]).name,
        "link": plan.get("plan_html"),
        "group": group_of(plan, group_by, words),
        "year": plan.get("year"),
        "kind": words.get(f"kind_{kind}", kind) if kind else "",
        "error": plan["error"]["message"] if plan.get("error") else None,
        "coverage": covs,
        "coverage_share": min(shares) if shares else None,
        "score": _first(c["attainable"] for c in covs if c["attainable"] is not None),
        "band": _first(c["best_band"] for c in covs if c["best_band"]),
        "missing": [f"{c['rubric']}.{m}" for c in covs for m in c["missing_mandatory"]],
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "infos": severities.get("info", 0),
        "findings": plan.get("findings") or {},
        "done_share": progress["percent"] / 100 if progress else None,
        "overdue": progress["overdue"] if progress else None,
        "upcoming": progress["due_soon"] if progress else None,
        "progress": progress,
        "summary_complete": summary["complete"] if summary else None,
        "summary_gaps": _summary_gaps(summary, words) if summary else "",
    }


def _first(values: Any) -> Any:
    return next(iter(values), None)


def _summary_gaps(summary: dict[str, Any], words: dict[str, str]) -> str:
    gaps = list(summary["missing"])
    if summary["done_without_result"]:
        gaps.append(f"{summary['done_without_result']} {words['without_result']}")
    return ", ".join(gaps)


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    readable = [r for r in rows if not r["error"]]
    shares = [r["coverage_share"] for r in readable if r["coverage_share"] is not None]
    return {
        "plans": len(rows),
        "failed": len(rows) - len(readable),
        "summaries_complete": sum(1 for r in readable if r["summary_complete"]),
        "mean_coverage": sum(shares) / len(shares) if shares else None,
        "overdue_tasks": sum(r["overdue"] or 0 for r in readable),
    }


def group_totals(rows: list[dict[str, Any]], words: dict[str, str]) -> list[dict[str, Any]]:
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_group.setdefault(row["group"], []).append(row)
    return [{"name": name, **totals(members)} for name, members in sorted(by_group.items())]
