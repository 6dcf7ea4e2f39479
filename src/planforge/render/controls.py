"""Control characters in a plan's text, made visible for documents that cannot hold them.

A plan may carry them in quoted YAML ("\x07"); XML 1.0 forbids them (Word refuses such a
file) and HTML reads them as errors. Each becomes its Unicode control picture (␇), so the
text stays literal and the odd character can still be seen and fixed in the source.
"""

from __future__ import annotations

import re
from typing import Any

_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"}
_PICTURES[0x7F] = 0x2421  # ␡
_TABLE = {**_PICTURES, 0xFFFE: 0xFFFD, 0xFFFF: 0xFFFD}
_ANY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def visible_controls(text: str) -> str:
    """`text` with control characters as control pictures, lone surrogates as U+FFFD."""
    if not _ANY.search(text):  # nearly always: one scan, no copy
        return text
    return _SURROGATE.sub("\ufffd", text.translate(_TABLE))


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
