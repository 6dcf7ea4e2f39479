"""The findings chart: the rules that fire in the most plans."""

from __future__ import annotations

from collections import Counter

from planforge.report.data import ReportData
from planforge.report.views.chart import SEVERITY_COLOURS, Chart

TOP_RULES = 15


def findings_chart(data: ReportData, words: dict[str, str]) -> Chart | None:
    plans: Counter[str] = Counter()
    times: Counter[str] = Counter()
    for plan in data.plans:
        for rule, n in (plan.get("findings") or {}).items():
            plans[rule] += 1
            times[rule] += n
    if not plans:
        return None
    top = sorted(plans, key=lambda rule: (-plans[rule], rule))[:TOP_RULES]
    left, bar_width, height, gap = 190.0, 420.0, 16.0, 6.0
    chart = Chart(left + bar_width + 220, 8 + len(top) * (height + gap))
    most = plans[top[0]]
    for i, rule in enumerate(top):
        y = 4 + i * (height + gap)
        info = data.rules.get(rule, {})
        severity = info.get("severity", "error")
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + height - 4,
                "text": rule,
                "anchor": "end",
                "title": info.get("summary", rule),
            }
        )
        w = max(1.0, bar_width * plans[rule] / most)
        chart.rects.append(
            {
                "x": left,
                "y": y,
                "w": w,
                "h": height,
                "fill": SEVERITY_COLOURS.get(severity, "#888"),
                "title": f"{rule} ({severity}): {info.get('summary', '')}",
            }
        )
        chart.texts.append(
            {
                "x": left + w + 6,
                "y": y + height - 4,
                "anchor": "start",
                "title": "",
                "text": f"{plans[rule]} {words['plans_affected']} · {times[rule]} {words['times']}",
            }
        )
    chart.label = words["findings_note"].format(n=len(top))
    return chart
