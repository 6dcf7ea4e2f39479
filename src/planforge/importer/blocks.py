"""The unit every reader produces: a paragraph or table row with the hints it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planforge.read import file_error, limit

MAX_BLOCKS = 10_000  # PLANFORGE_MAX_PARAGRAPHS; a long plan has a few hundred paragraphs


@dataclass
class Block:
    """One paragraph (or table row) of an imported document, in reading order."""

    text: str
    line: int | None = None  # 1-based line in a text source
    heading: int | None = None  # heading level from a style or markup (1 = top)
    bold: bool = False  # the whole paragraph is bold
    list_level: int | None = None  # level of automatic list numbering or bullets
    cells: list[str] | None = None  # the cells of a table row
    furniture: bool = False  # no text of the plan: a page number inside a wrapped paragraph

    @property
    def is_row(self) -> bool:
        return self.cells is not None


def join_lines(text: str) -> str:
    """A paragraph broken over lines (a title's line break) as one line: Chinese joins
    without a space, other text with one."""
    return re.sub(
        r"\s*\n\s*",
        lambda m: "" if _cjk_around(text, m.start(), m.end()) else " ",
        text.strip(),
    )


def _cjk_around(text: str, start: int, end: int) -> bool:
    from planforge.zh import has_han

    return start > 0 and end < len(text) and has_han(text[start - 1] + text[end])


def text_blocks(text: str) -> list[Block]:
    """Plain text: every non-empty line is a paragraph."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped:
            out.append(Block(stripped, line=number))
    return out


def refuse_too_many(count: int, name: str) -> None:
    """Refuse a document of more paragraphs than the limit (time grows with each one)."""
    max_blocks = limit("PLANFORGE_MAX_PARAGRAPHS", MAX_BLOCKS)
    if count > max_blocks:
        raise file_error(
            name,
            f"the document has {count:,} paragraphs; planforge imports at most {max_blocks:,}",
            hint="set PLANFORGE_MAX_PARAGRAPHS to raise the limit",
        )
