"""Word reader: paragraphs and tables in body order, with heading styles, bold and
automatic numbering levels as hints."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from planforge.errors import InputError
from planforge.importer.blocks import Block, join_lines, refuse_too_many
from planforge.read import MAX_FILE_BYTES, file_error, limit

# Limits on what a .docx may unpack to, checked in the zip directory before anything is read:
# python-docx holds every part in memory, and an XML part costs several times its size.
MAX_UNPACKED_MB = 100  # PLANFORGE_MAX_DOCX_MB: all parts together
MAX_PARTS = 10_000
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_STYLES = {"title", "标题"}


def read_docx(raw: bytes, name: str) -> list[Block]:
    """The blocks of a .docx file given as bytes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            refuse_bombs(archive, name)
        document = docx.Document(io.BytesIO(raw))
        body = document.element.body
        refuse_too_many(sum(1 for c in body if c.tag.endswith(("}p", "}tbl"))), name)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _not_docx(name, exc) from None
    except (OSError, EOFError, zlib.error, NotImplementedError) as exc:  # damaged or exotic
        raise _not_docx(name, exc) from None
    return list(_body_blocks(document))


def refuse_bombs(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb from the sizes in the zip directory, before any part is unpacked,
    and XML with a DTD (entities could expand or read other files; the Open Packaging
    Conventions forbid DTDs in a package, so Word never writes one)."""
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise _refused(name, f"it holds {len(entries):,} parts; at most {MAX_PARTS:,} are read")
    max_total = limit("PLANFORGE_MAX_DOCX_MB", MAX_UNPACKED_MB) * 1048576
    total = sum(e.file_size for e in entries)
    if total > max_total:
        raise _refused(
            name,
            f"it unpacks to {total / 1048576:,.0f} MB (a zip bomb?); the limit is "
            f"{max_total // 1048576} MB",
            "set PLANFORGE_MAX_DOCX_MB to raise the limit",
        )
    xml = [e for e in entries if e.filename.endswith((".xml", ".rels"))]
    max_xml = limit("PLANFORGE_MAX_FILE_MB", MAX_FILE_BYTES // 1048576) * 1048576
    xml_total = sum(e.file_size for e in xml)
    if xml_total > max_xml:
        raise _refused(
            name,
            f"its text (XML) unpacks to {xml_total / 1048576:,.0f} MB; the limit is "
            f"{max_xml // 1048576} MB",
            "set PLANFORGE_MAX_FILE_MB to raise the limit",
        )
    for entry in xml:
        if _has_dtd(archive, entry):
            raise _refused(
                name,
                f"{entry.filename} declares a DTD or entities, which Word never writes; "
                "they are not read",
            )


def _has_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether the part holds `<!DOCTYPE` or `<!ENTITY`, read in chunks (bounded memory)."""
    tail = b""
    with archive.open(entry) as part:
        while chunk := part.read(1 << 20):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                return True
            tail = window[-16:]
    return False


def _refused(name: str, why: str, hint: str | None = None) -> InputError:
    return file_error(name, f"refusing to read this Word document: {why}", hint=hint)


def _not_docx(name: str, exc: Exception) -> InputError:
    return file_error(
        name,
        f"cannot read the Word document ({type(exc).__name__})",
        hint="save it again as .docx (Word 2007 or later); .doc files must be converted",
    )


def _body_blocks(document: Any) -> Any:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    styles = _Styles()
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield from _paragraph(Paragraph(child, document), styles)
        elif tag == "tbl":
            yield from _table(Table(child, document))


@dataclass(frozen=True)
class _Style:
    """What a paragraph style says about its paragraphs: heading level, bold, list level."""

    heading: int | None
    bold: bool
    list_level: int | None


class _Styles:
    """Paragraph styles by id, each looked up once: python-docx searches every style
    of the document on each lookup (34,000 paragraphs took a minute)."""

    def __init__(self) -> None:
        self.by_id: dict[str | None, _Style] = {}

    def of(self, paragraph: Any) -> _Style:
        style_id = paragraph._p.style
        found = self.by_id.get(style_id)
        if found is None:
            found = self.by_id[style_id] = _describe(paragraph.style)
        return found


def _describe(style: Any) -> _Style:
    name = ((style.name or "") if style is not None else "").strip()
    heading = None
    if m := _HEADING_STYLE.match(name):
        heading = int(m[1]) + 1  # Heading 1 sits under the title
    elif name.lower() in _TITLE_STYLES:
        heading = 1
    style_ppr = style.element.pPr if style is not None else None
    level = _level(style_ppr.numPr if style_ppr is not None else None)
    return _Style(heading, _style_bold(style), level)


def _paragraph(paragraph: Any, styles: _Styles) -> list[Block]:
    text = join_lines(paragraph.text)
    if not text:
        return []
    style = styles.of(paragraph)
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(style.bold if r.bold is None else bool(r.bold) for r in runs)
    level = _list_level(paragraph, style)
    if style.heading and len(runs) > 1 and (split := _run_in(runs)) is not None:
        head, rest = split
        return [Block(head, heading=style.heading, list_level=level), Block(rest)]
    return [Block(text, heading=style.heading, bold=bold, list_level=level)]


def _run_in(runs: list[Any]) -> tuple[str, str] | None:
    """A run-in heading (GB/T 9704 levels 3 and 4: "1.征集代表提案。" then its text in the
    same paragraph): the heading without its closing stop, and the text; None otherwise."""
    # The heading may span several runs (quotes and dashes get runs of their own): it ends
    # at the first run boundary after a stop.
    for i in range(1, len(runs)):
        head = "".join(r.text for r in runs[:i]).strip()
        if head.endswith(("。", ".")):
            rest = "".join(r.text for r in runs[i:]).strip()
            return (head[:-1].rstrip(), rest) if rest else None
    return None


def _style_bold(style: Any) -> bool:
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _list_level(paragraph: Any, style: _Style) -> int | None:
    """1-based level of Word's automatic numbering, from the paragraph or its style."""
    ppr = paragraph._p.pPr
    num = ppr.numPr if ppr is not None else None
    return style.list_level if num is None else _level(num)


def _level(num: Any) -> int | None:
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
