"""The progress chart: how the plans' tasks stand, one bar per union (or per group)."""

from __future__ import annotations

from typing import Any

from planforge.report.views.chart import ROW_LABEL, STATE_COLOURS, STATES, Chart, shorten

PROGRESS_UNIONS = 30  # more unions than this: one progress bar per group instead


def progress_chart(
    rows: list[dict[str, Any]], words: dict[str, str], group_by: str | None
) -> Chart | None:
    readable = [r for r in rows if r["progress"] and r["progress"]["total"]]
    if not readable:
        return None
    bars: list[tuple[str, str, dict[str, int]]] = [(words["all"], "", _sum_states(readable))]
    if len(readable) <= PROGRESS_UNIONS and not group_by:
        bars += [(f"{r['index']}. {r['name']}", r["path"], r["progress"]) for r in readable]
    else:
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in readable:
            groups.setdefault(r["group"] if group_by else (r["kind"] or words["none"]), []).append(
                r
            )
        bars += [(name, f"{len(m)}", _sum_states(m)) for name, m in sorted(groups.items())]
    left, bar_width, height, gap = ROW_LABEL, 560.0, 16.0, 6.0
    chart = Chart(left + bar_width + 80, 34 + len(bars) * (height + gap))
    for i, state in enumerate(STATES):  # the legend
        x = left + i * 96
        chart.rects.append(
            {
                "x": x,
                "y": 4,
                "w": 10,
                "h": 10,
                "fill": STATE_COLOURS[state],
                "title": words[f"state_{state}"],
            }
        )
        chart.texts.append(
            {
                "x": x + 14,
                "y": 13,
                "text": words[f"state_{state}"],
                "anchor": "start",
                "title": "",
                "small": True,
            }
        )
    for b, (name, title, counts) in enumerate(bars):
        y = 26 + b * (height + gap)
        total = sum(counts.get(s, 0) for s in STATES) or 1
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + height - 4,
                "text": shorten(name),
                "anchor": "end",
                "title": title or name,
            }
        )
        x = left
        for state in STATES:
            n = counts.get(state, 0)
            if not n:
                continue
            w = bar_width * n / total
            chart.rects.append(
                {
                    "x": x,
                    "y": y,
                    "w": w,
                    "h": height,
                    "fill": STATE_COLOURS[state],
                    "title": f"{name}: {words[f'state_{state}']} {n}",
                }
            )
            x += w
        live = total - counts.get("dropped", 0)
        done = counts.get("done", 0) / live if live else 0
        chart.texts.append(
            {
                "x": left + bar_width + 6,
                "y": y + height - 4,
                "text": f"{done:.0%}",
                "anchor": "start",
                "title": "",
            }
        )
    chart.label = words["progress"]
    return chart


def _sum_states(rows: list[dict[str, Any]]) -> dict[str, int]:
    out = dict.fromkeys(STATES, 0)
    for r in rows:
        for state in STATES:
            out[state] += r["progress"].get(state, 0)
    return out
