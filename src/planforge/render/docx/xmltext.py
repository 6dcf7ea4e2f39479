"""Escaping text for WordprocessingML. (xml.sax.saxutils would do, but importing it pulls
in urllib.request and the e-mail package: a third of `render --format docx`'s start-up.)"""

from __future__ import annotations

from planforge.render.controls import visible_controls

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text content: &, < and > escaped; control characters made visible (XML forbids them)."""
    return visible_controls(text).translate(_TEXT)


def quoteattr(text: str) -> str:
    """An attribute value in double quotes, with its specials escaped."""
    return f'"{visible_controls(text).translate(_ATTR)}"'
