"""HTML reader: block elements become paragraphs; headings, bold and tables are hints.

Scripts, styles and navigation elements are left out; what they held is web residue.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from planforge.importer.blocks import Block, join_lines

_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "title",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "head",
    "template",
    "svg",
    "button",
    "select",
    "form",
    "iframe",
}
_SPACE = re.compile(r"[ \t\r\n\f]+")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.skip = 0
        self.heading: int | None = None
        self.bold_chars = 0
        self.bold_depth = 0
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None
        self.list_depth = 0
        self.in_li = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag in ("b", "strong"):
            self.bold_depth += 1
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag in ("ul", "ol"):
            self.flush()
            self.list_depth += 1
        elif tag == "br" and self.heading is not None:
            self.buffer.append("\n")  # a title broken over lines is one heading
        elif tag in _BLOCK_TAGS:
            self.flush()
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                self.heading = int(tag[1])
            self.in_li = tag == "li"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)
        elif tag in ("td", "th") and self.cell is not None and self.cells is not None:
            self.cells.append(_clean("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            cells = self.cells
            self.cells = None
            if any(cells):
                self.blocks.append(Block(" ".join(c for c in cells if c), cells=cells))
        elif tag in ("ul", "ol"):
            self.flush()
            self.list_depth = max(0, self.list_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        self.buffer.append(data)
        if self.bold_depth:
            self.bold_chars += len(data.strip())

    def flush(self) -> None:
        text = _clean(join_lines("".join(self.buffer)))
        if text:
            bold = self.bold_chars >= len(text.replace(" ", "")) > 0
            level = self.list_depth if self.in_li else None
            self.blocks.append(Block(text, heading=self.heading, bold=bold, list_level=level))
        self.buffer = []
        self.bold_chars = 0
        self.heading = None
        self.in_li = False


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def read_html(text: str) -> list[Block]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.blocks
