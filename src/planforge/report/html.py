"""The report as one self-contained HTML page: no network requests, charts as inline SVG."""

from __future__ import annotations

from typing import Any

from planforge.report.views import View
from planforge.report.views.chart import STATE_COLOURS, STATES, STATUS_COLOURS


def render_html(view: View) -> str:
    """The page, through the one Jinja environment (`templates/report/report.html.j2`)."""
    from planforge.render.html import tidy_html
    from planforge.render.jinja import environment, render_template

    context: dict[str, Any] = {
        "view": view,
        "w": view.words,
        "lang": "zh-CN" if view.lang == "zh" else "en",
        "as_of": view.data.as_of.isoformat(),
        "states": STATES,
        "state_colours": STATE_COLOURS,
        "status_colours": STATUS_COLOURS,
        "pct": percent,
        "num": number,
    }
    return tidy_html(render_template(environment(), "report/report.html.j2", context))


def percent(share: float | None) -> str:
    """0.834 → '83%'; nothing for None."""
    return "" if share is None else f"{share:.0%}"


def number(value: float | None) -> str:
    """A score without a needless '.0'; nothing for None."""
    return "" if value is None else f"{value:g}"
