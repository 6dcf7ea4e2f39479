"""The score matrix: per scoring rubric, one row per union and one column per item, each
cell the item's self-assessed score (`planforge score`'s rule), with totals and means."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ScoreMatrix:
    """One scoring rubric across the unions held to it."""

    id: str
    title: str
    items: list[dict[str, Any]]  # id, text, points (signed: deductions negative), kind
    rows: list[dict[str, Any]]  # index, name, path, scores (per item), total, band
    means: list[float | None]  # per item, over the rows
    mean_total: float | None


def score_matrix(rid: str, info: dict[str, Any], rows: list[dict[str, Any]]) -> ScoreMatrix | None:
    """The matrix of rubric `rid`; None for a checklist or when no plan has scores for it."""
    if not info.get("scoring"):
        return None
    items = [
        {
            "id": item["id"],
            "text": item["text"],
            "kind": item["kind"],
            "mandatory": item["mandatory"],
            "points": _signed(item),
        }
        for item in info["items"]
    ]
    out: list[dict[str, Any]] = []
    for row in rows:
        for cov in row["coverage"]:
            if cov["rubric"] != rid or "scores" not in cov:
                continue  # a shard written before the matrix existed has no scores
            scores = [cov["scores"].get(item["id"]) for item in items]
            out.append(
                {
                    "index": row["index"],
                    "name": row["name"],
                    "path": row["path"],
                    "scores": scores,
                    "total": cov["self_score"],
                    "band": cov["self_band"],
                }
            )
    if not out:
        return None
    means = [_mean([r["scores"][i] for r in out]) for i in range(len(items))]
    return ScoreMatrix(rid, info["title"], items, out, means, _mean([r["total"] for r in out]))


def _signed(item: dict[str, Any]) -> float | None:
    points = item.get("points")
    if points is None:
        return None
    return -points if item["kind"] == "deduction" else points


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None
