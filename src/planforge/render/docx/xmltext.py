"""Escaping text for WordprocessingML. (xml.sax.saxutils would do, but importing it pulls
in urllib.request and the e-mail package: a third of `render --format docx`'s start-up.)"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text content: &, < and > escaped."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """An attribute value in double quotes, with its specials escaped."""
    return f'"{text.translate(_ATTR)}"'
