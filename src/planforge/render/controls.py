"""Control characters in a plan's text, made visible for documents that cannot hold them.

A plan may carry them in quoted YAML ("\x07"); XML 1.0 forbids them (Word refuses such a
file) and HTML reads them as errors. Each becomes its Unicode control picture (␇), so the
text stays literal and the odd character can still be seen and fixed in the source
(`errors.visible_controls` does it; this module applies it to Jinja output and spreadsheets).
"""

from __future__ import annotations

from typing import Any

from planforge.errors import visible_controls

__all__ = ["finalize", "visible_cells", "visible_controls"]


def finalize(value: Any) -> Any:
    """A Jinja `finalize`: every printed string made safe for XML, Markup kept as Markup."""
    if not isinstance(value, str):
        return value
    shown = visible_controls(value)
    if shown is value:
        return value
    from markupsafe import Markup

    return Markup(shown) if isinstance(value, Markup) else shown


def visible_cells(values: list[Any]) -> list[Any]:
    """A spreadsheet row with control characters made visible (openpyxl refuses them)."""
    return [visible_controls(v) if isinstance(v, str) else v for v in values]
