"""The coverage heat-maps: one per rubric, a column per union (or per group when there
are many)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planforge.report.views.chart import CELL, ROW_LABEL, STATUS_COLOURS, Chart, shorten

HEATMAP_UNIONS = 60  # more unions than this: one heat-map column per group instead


@dataclass
class RubricView:
    """One rubric across the unions held to it."""

    id: str
    title: str
    scoring: bool
    items: list[dict[str, Any]]  # the rubric's items, with how many unions miss each
    rows: list[dict[str, Any]]  # table rows of the unions held to it
    coverage: list[dict[str, Any]]  # per union: that row's coverage of this rubric
    heatmap: Chart | None = None


def rubric_view(
    rid: str,
    info: dict[str, Any],
    rows: list[dict[str, Any]],
    words: dict[str, str],
    group_by: str | None,
) -> RubricView:
    held: list[tuple[dict[str, Any], dict[str, Any]]] = [
        (row, cov) for row in rows for cov in row["coverage"] if cov["rubric"] == rid
    ]
    items = []
    for item in info["items"]:
        if item["kind"] == "deduction":
            continue  # things to avoid, not to cover
        missed = sum(
            1 for _row, cov in held if cov["items"].get(item["id"]) not in ("covered", "n/a")
        )
        items.append({**item, "missed": missed})
    order = sorted(items, key=lambda i: -i["missed"])
    view = RubricView(
        rid,
        info["title"],
        bool(info["scoring"]),
        items,
        [row for row, _cov in held],
        [cov for _row, cov in held],
    )
    if held:
        if len(held) <= HEATMAP_UNIONS:
            view.heatmap = _union_heatmap(order, held, words)
        else:
            view.heatmap = _group_heatmap(order, held, words, group_by)
    return view


def _heat_frame(
    order: list[dict[str, Any]], columns: int, total: int, words: dict[str, str], cell: float
) -> Chart:
    top = 20.0
    left = ROW_LABEL
    width = left + columns * cell + 150
    chart = Chart(width, top + len(order) * CELL + 8)
    for r, item in enumerate(order):
        y = top + r * CELL
        label = shorten(f"{item['id']} {item['text']}")
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + CELL - 3,
                "text": label,
                "anchor": "end",
                "title": f"{item['id']}: {item['text']}" + (" (★)" if item["mandatory"] else ""),
            }
        )
        share = item["missed"] / total if total else 0
        chart.texts.append(
            {
                "x": left + columns * cell + 6,
                "y": y + CELL - 3,
                "anchor": "start",
                "title": "",
                "text": f"{words['missed_by']} {item['missed']} ({share:.0%})",
            }
        )
    return chart


def _union_heatmap(
    order: list[dict[str, Any]],
    held: list[tuple[dict[str, Any], dict[str, Any]]],
    words: dict[str, str],
) -> Chart:
    chart = _heat_frame(order, len(held), len(held), words, CELL)
    left = ROW_LABEL
    for c, (row, _cov) in enumerate(held):
        chart.texts.append(
            {
                "x": left + c * CELL + CELL / 2,
                "y": 14,
                "text": str(row["index"]),
                "anchor": "middle",
                "title": row["name"],
                "small": True,
            }
        )
    for r, item in enumerate(order):
        for c, (row, cov) in enumerate(held):
            status = cov["items"].get(item["id"], "uncovered")
            chart.rects.append(
                {
                    "x": left + c * CELL,
                    "y": 20 + r * CELL,
                    "w": CELL - 1,
                    "h": CELL - 1,
                    "fill": STATUS_COLOURS[status],
                    "title": f"{row['name']} · {item['id']}: {words[status]}",
                }
            )
    chart.label = words["heatmap_note"]
    return chart


def _group_heatmap(
    order: list[dict[str, Any]],
    held: list[tuple[dict[str, Any], dict[str, Any]]],
    words: dict[str, str],
    group_by: str | None,
) -> Chart:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row, cov in held:
        name = row["group"] if group_by else (row["kind"] or words["none"])
        groups.setdefault(name, []).append(cov)
    columns = [(words["all"], [cov for _row, cov in held]), *sorted(groups.items())]
    cell = 64.0
    chart = _heat_frame(order, len(columns), len(held), words, cell)
    chart.height += 14
    left = ROW_LABEL
    for c, (name, _covs) in enumerate(columns):
        chart.texts.append(
            {
                "x": left + c * cell + cell / 2,
                "y": 14,
                "text": shorten(name, 10),
                "anchor": "middle",
                "title": f"{name} ({len(_covs)})",
                "small": True,
            }
        )
    for r, item in enumerate(order):
        for c, (name, covs) in enumerate(columns):
            share = sum(1 for cov in covs if cov["items"].get(item["id"]) == "covered") / len(covs)
            x, y = left + c * cell, 20 + r * CELL
            chart.rects.append(
                {
                    "x": x,
                    "y": y,
                    "w": cell - 1,
                    "h": CELL - 1,
                    "fill": share_colour(share),
                    "title": f"{name} · {item['id']}: {share:.0%}",
                }
            )
            chart.texts.append(
                {
                    "x": x + cell / 2,
                    "y": y + CELL - 3,
                    "text": f"{share:.0%}",
                    "anchor": "middle",
                    "title": "",
                    "small": True,
                    "light": share < 0.35 or share > 0.8,
                }
            )
    chart.label = words["heatmap_groups"]
    return chart


def share_colour(share: float) -> str:
    """Red (0) through yellow to green (1)."""
    hue = round(120 * max(0.0, min(1.0, share)))
    return f"hsl({hue}, 62%, {44 + round(14 * (1 - abs(share - 0.5) * 2))}%)"
