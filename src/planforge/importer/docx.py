"""Word reader: paragraphs and tables in body order, with heading styles, bold and
automatic numbering levels as hints."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from planforge.errors import InputError
from planforge.importer.blocks import Block
from planforge.load import file_error

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_STYLES = {"title", "标题"}


def read_docx(raw: bytes, name: str) -> list[Block]:
    """The blocks of a .docx file given as bytes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _not_docx(name, exc) from None
    return list(_body_blocks(document))


def _not_docx(name: str, exc: Exception) -> InputError:
    return file_error(
        name,
        f"cannot read the Word document ({type(exc).__name__})",
        hint="save it again as .docx (Word 2007 or later); .doc files must be converted",
    )


def _body_blocks(document: Any) -> Any:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            block = _paragraph(Paragraph(child, document))
            if block is not None:
                yield block
        elif tag == "tbl":
            yield from _table(Table(child, document))


def _paragraph(paragraph: Any) -> Block | None:
    text = paragraph.text.strip()
    if not text:
        return None
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    heading = None
    if m := _HEADING_STYLE.match(style.strip()):
        heading = int(m[1]) + 1  # Heading 1 sits under the title
    elif style.strip().lower() in _TITLE_STYLES:
        heading = 1
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(_run_bold(r, paragraph) for r in runs)
    return Block(text, heading=heading, bold=bold, list_level=_list_level(paragraph))


def _run_bold(run: Any, paragraph: Any) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _list_level(paragraph: Any) -> int | None:
    """1-based level of Word's automatic numbering, from the paragraph or its style."""
    ppr = paragraph._p.pPr
    num = ppr.numPr if ppr is not None else None
    if num is None and paragraph.style is not None:
        style_ppr = paragraph.style.element.pPr
        num = style_ppr.numPr if style_ppr is not None else None
    if num is None or num.numId is None or num.numId.val == 0:
        return None
    level = num.ilvl.val if num.ilvl is not None else 0
    return int(level) + 1


def _table(table: Any) -> Any:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            yield Block(" ".join(c for c in cells if c), cells=cells)
