"""What the report's charts share: the SVG chart as data, the colours of task states,
coverage and severities, label widths and shortening."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planforge.errors import display_width

LABEL_WIDTH = 34  # display columns of an item label before it is shortened
STATES = ("done", "in_progress", "due_soon", "not_started", "overdue", "dropped")
STATE_COLOURS = {
    "done": "#2e7d32",
    "in_progress": "#64b5f6",
    "due_soon": "#f2a93b",
    "not_started": "#c7ccd3",
    "overdue": "#c62828",
    "dropped": "#8d6e63",
}
STATUS_COLOURS = {
    "covered": "#2e7d32",
    "hinted": "#f2c94c",
    "uncovered": "#d64545",
    "n/a": "#e0e0e0",  # an item the rubric's source does not ask of this kind of union
}
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#ef8f00", "info": "#5b7fb0"}

CELL = 14
ROW_LABEL = LABEL_WIDTH * 7.4 + 10  # room for LABEL_WIDTH display columns at 12 px


@dataclass
class Chart:
    """An SVG chart: its size, and shapes the template draws as they are."""

    width: float
    height: float
    rects: list[dict[str, Any]] = field(default_factory=list)
    texts: list[dict[str, Any]] = field(default_factory=list)
    label: str = ""


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    """`text` cut to `width` display columns (CJK characters count two), with '…'."""
    if display_width(text) <= width:
        return text
    out = ""
    for char in text:
        if display_width(out + char) > width - 1:
            break
        out += char
    return out + "…"
