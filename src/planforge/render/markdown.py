"""Escaping for Markdown output: a user's text is shown as text, never as markup.

CommonMark passes raw HTML through and reads `*`, `_`, `[` … as markup, so every
user-provided string goes through `escape_markdown` (the `md` filter) in the templates.
"""

from __future__ import annotations

import re

from planforge.render.controls import visible_controls

# Inline markup characters; a backslash before any ASCII punctuation is a literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would open a block at the start of a line: headings, quotes, lists, rules.
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}(?=[.)]))")
_SPACE = re.compile(r"\s*\n\s*")


# Text without any of these characters needs no escaping (most Chinese text).
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&#+=\-\d\n]")


def escape_markdown(text: object) -> str:
    """`text` as literal Markdown inline content on one line."""
    value = str(text)
    if not _ANY_SPECIAL.search(value):
        return value.strip()
    value = _SPACE.sub(" ", value).strip()
    value = _INLINE.sub(r"\\\1", value)
    value = _ENTITY.sub(r"\\&", value)
    return _BLOCK_START.sub(_escape_block_start, value)


def _escape_block_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "2026. " would start an ordered list
        return f"{lead}{marker}\\"
    return f"{lead}\\{marker}"


_BLANK_RUN = re.compile(r"\n{3,}")


def tidy_markdown(text: str) -> str:
    """Stable Markdown: no trailing spaces, one blank line between blocks, one final newline;
    control characters made visible (some would split a line here)."""
    lines = [line.rstrip() for line in visible_controls(text).splitlines()]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"
