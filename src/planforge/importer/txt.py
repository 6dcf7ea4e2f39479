"""Plain-text reader: one paragraph per non-empty line; a line opening with a bullet
(•, ·, -, *, –) is a list item. In English text a line wrapped mid-sentence is joined to
the one before, and a short plain line standing between sentences is a heading. A table
copied as text (cells between tabs or " / ") is read as its rows."""

from __future__ import annotations

import re

from planforge.importer.blocks import Block, text_blocks

# a bullet as pages and e-mails write it; "-3℃" and "--" are not
_BULLET = re.compile(r"^[•●▪◦·*\-–]\s+(?=\S)")
# a heading line in English: a few words, capitalised, no sentence end ("Mapping")
_EN_HEADING = re.compile(r"^[A-Z][A-Za-z'&/-]*(?: [A-Za-z'&/-]+){0,5}$")
_ENDS_SENTENCE = re.compile(r"[.:;!?)\"”]$")


def read_txt(text: str) -> list[Block]:
    out: list[Block] = []
    widths: list[int] = []  # the lengths of the lines joined into the last paragraph
    for block in _detached(_delimited_rows(text_blocks(text))):
        if block.is_row:
            out.append(block)
            widths = []
            continue
        prev = out[-1] if out else None
        if m := _BULLET.match(block.text):
            out.append(Block(block.text[m.end() :], line=block.line, list_level=1))
            widths = []
        elif prev is not None and (_continues(prev, block) or _fills(widths, prev, block)):
            prev.text = f"{prev.text} {block.text}"
            widths.append(len(block.text))
        else:
            out.append(block)
            widths = [len(block.text)]
    _en_headings(out)
    return out


def _fills(widths: list[int], prev: Block, block: Block) -> bool:
    """A line after a wrapped paragraph whose last line filled the width (as long as its
    longest line) with no stop: the paragraph goes on, even at a capital (`…a successful
    Contract` / `Campaign:`), since a line is only broken when it is full."""
    return (
        len(widths) >= 2
        and widths[-1] >= 0.9 * max(widths)
        and prev.list_level is None
        and _latin(prev.text)
        and _latin(block.text)
        and not _ENDS_SENTENCE.search(prev.text)
        and not _MARKED.match(block.text)
        and not _LONE_MARKER.match(block.text)
    )


# a list marker alone on its line (a PDF copied as text puts the markers of a list in a
# column of their own: •, •, • and then the items' text): •, a., 1., (a), A.
_LONE_MARKER = re.compile(r"^(?:[•●▪◦·*\-–]|[a-zA-Z][.)]|\d{1,2}[.)]|\([a-z0-9]{1,2}\))$")
# a line that starts an item of its own: a bullet or a marker before its text
_MARKED = re.compile(
    r"^(?:[•●▪◦·*\-–]|[a-zA-Z][.)]|[IVX]{1,4}\.|\d{1,2}[.)]|\([a-z0-9]{1,2}\))\s+\S"
)


def _detached(blocks: list[Block]) -> list[Block]:
    """Markers standing alone on their lines, followed by the items' text: each marker put
    back before its item's text. The text lines up to the next marked line are the items,
    wrapped lines of one item joined when there are more lines than markers."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and not blocks[j].is_row and _LONE_MARKER.match(blocks[j].text):
            j += 1
        if j == i:
            out.append(blocks[i])
            i += 1
            continue
        k = j
        while k < len(blocks) and not blocks[k].is_row and not _lone_or_marked(blocks[k].text):
            k += 1
        items = list(blocks[j:k])
        if len(items) > j - i:  # wrapped lines: join each to the line it continues
            items = []
            for block in blocks[j:k]:
                if items and _continues(items[-1], block):
                    items[-1] = Block(f"{items[-1].text} {block.text}", items[-1].line)
                else:
                    items.append(Block(block.text, block.line))
        marks = [b.text for b in blocks[i:j]]
        out.extend(Block(f"{m} {b.text}", b.line) for m, b in zip(marks, items, strict=False))
        out.extend(blocks[i + len(items) : j])  # markers with no text left: kept as written
        out.extend(items[len(marks) :])
        i = k
    return out


def _lone_or_marked(text: str) -> bool:
    return bool(_LONE_MARKER.match(text) or _MARKED.match(text))


def _latin(text: str) -> bool:
    # ASCII and typographic punctuation: dashes, quotes of every style („…‟), •, …
    return bool(re.fullmatch(r"[\x20-\x7e\u2010-\u2027«»]+", text))


def _continues(prev: Block, block: Block) -> bool:
    """An English line broken mid-sentence: the one before ends without a stop and this
    one starts in lower case."""
    return (
        len(prev.text) >= 45  # a wrapped line fills the width; a byline does not
        and (len(block.text.split()) >= 3 or bool(_ENDS_SENTENCE.search(block.text)))
        and _latin(prev.text)
        and _latin(block.text)
        and not _ENDS_SENTENCE.search(prev.text)
        and block.text[:1].islower()
        and not _MARKED.match(block.text)  # b. the next item, not the rest of a.
    )


def _en_headings(blocks: list[Block]) -> None:
    """A short capitalised line with no stop, after a sentence's end and before a
    paragraph or a list, is a heading (level 2: the title, if any, is above it); so is one
    over a list after the list before it or standing between blank lines (a bulleted
    page's sections: `Recruitment` over its bullets, the last bullet above it with no stop)."""
    for i in range(1, len(blocks) - 1):
        block, prev, nxt = blocks[i], blocks[i - 1], blocks[i + 1]
        apart = _gap(prev, block) and _gap(block, nxt)
        if (
            block.list_level is None
            and _EN_HEADING.match(block.text)
            and (
                prev.text[-1:] in ".:!?"
                or (nxt.list_level is not None and (prev.list_level is not None or apart))
            )
            and _latin(nxt.text)
            and (nxt.list_level is not None or len(nxt.text) > len(block.text))
        ):
            block.heading = 2


def _gap(above: Block, below: Block) -> bool:
    """A blank line between two lines of a text."""
    return above.line is not None and below.line is not None and below.line > above.line + 1


# cells of a table copied as text: between tabs, or between " / " (not 08/08/08 or and/or)
_CELL_SEP = re.compile(r"\s*\t\s*|\s+/\s+")


def _cells(text: str) -> list[str]:
    return [c.strip() for c in _CELL_SEP.split(text)]


def _delimited_rows(blocks: list[Block]) -> list[Block]:
    """Runs of two or more lines with the same number (two or more) of cells between tabs
    or " / " made table rows; the line just above such a run is its header when it has as
    many cells, between the same marks or between spaces (序号 工作内容 责任人 完成时间)."""
    widths = [len(_cells(b.text)) if _CELL_SEP.search(b.text) else 0 for b in blocks]
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        width, end = widths[i], i
        while end < len(blocks) and width >= 2 and widths[end] == width:
            end += 1
        if end - i < 2:
            out.append(blocks[i])
            i += 1
            continue
        if out and _header(out[-1], width):
            out[-1] = Block(out[-1].text, out[-1].line, cells=out[-1].text.split())
        out.extend(Block(b.text, b.line, cells=_cells(b.text)) for b in blocks[i:end])
        i = end
    return out


def _header(block: Block, width: int) -> bool:
    """A line of `width` short names between spaces, no sentence: a table's header."""
    names = block.text.split()
    return (
        not block.is_row
        and len(names) == width
        and all(len(n) <= 12 for n in names)
        and not re.search(r"[。，,.;；:：!?！？]", block.text)
    )
