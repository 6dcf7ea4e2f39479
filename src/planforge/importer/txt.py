"""Plain-text reader: one paragraph per non-empty line; a line opening with a bullet
(•, ·, -, *, –) is a list item. In English text a line wrapped mid-sentence is joined to
the one before, and a short plain line standing between sentences is a heading; so is a
Chinese line cut where the text filled the width (a page number between the two halves
is left out). A table copied as text (cells between tabs or " / ") is read as its rows."""

from __future__ import annotations

import re
from itertools import pairwise

from planforge.errors import display_width
from planforge.importer.blocks import Block, join_lines, text_blocks
from planforge.importer.extract import looks_like_title
from planforge.importer.structure import month_label
from planforge.zh import HAN, has_han

# a bullet as pages and e-mails write it; "-3℃" and "--" are not
_BULLET = re.compile(r"^[•●▪◦·*\-–]\s+(?=\S)")
# a heading line in English: a few words, capitalised, no sentence end ("Mapping")
_EN_HEADING = re.compile(r"^[A-Z][A-Za-z'&/-]*(?: [A-Za-z'&/-]+){0,5}$")
_ENDS_SENTENCE = re.compile(r"[.:;!?)\"”]$")


def read_txt(text: str) -> list[Block]:
    out: list[Block] = []
    widths: list[int] = []  # the lengths of the lines joined into the last paragraph
    blocks = _detached(_delimited_rows(text_blocks(text)))
    wrap = _wrap_width(blocks)
    for i, block in enumerate(blocks):
        if block.is_row:
            out.append(block)
            widths = []
            continue
        prev = out[-1] if out else None
        if m := _BULLET.match(block.text):
            out.append(Block(block.text[m.end() :], line=block.line, list_level=1))
            widths = [display_width(out[-1].text)] if has_han(block.text) else []
        elif prev is not None and (_continues(prev, block) or _fills(widths, prev, block)):
            prev.text = f"{prev.text} {block.text}"
            widths.append(len(block.text))
        elif prev is not None and widths and _zh_continues(prev.text, widths[-1], block, wrap):
            prev.text = join_lines(f"{prev.text}\n{block.text}")
            widths.append(display_width(block.text))
        elif prev is not None and widths and _page_inside(prev.text, widths[-1], blocks, i, wrap):
            block.furniture = True
            out.insert(len(out) - 1, block)  # before the paragraph it stood inside
        else:
            out.append(block)
            widths = [display_width(block.text) if has_han(block.text) else len(block.text)]
    _en_headings(out)
    return out


# How a line of Chinese text is cut by the width of a page copied as text: the line fills
# the width and ends inside a sentence, on a character or a comma, never on a sentence's
# end. The width is the page's own when a column of such lines shows it (20 characters on
# a narrow page), else 30 to 65 characters (a paragraph of a web page is one line, however
# long); a line ending on a comma is cut wherever it ends (a heading never ends so).
_ZH_WRAP_WIDTH = (60, 130)  # display columns, a Chinese character taking two
_ZH_NARROW = 20  # display columns: the narrowest line taken as cut
_ZH_COLUMN = 3  # lines of about one width that make a page's column
_ZH_CUT_END = re.compile(rf"[{HAN}A-Za-z0-9，,、“‘《（(\"]$")
_ZH_CLAUSE_END = re.compile(r"[，,、]$")
# what starts a line of its own: a number (一、 （一） 一是 第一，), a month (十月份：), a
# sequence word, a label (指导思想：) or cells (一月 | …)
_ZH_OWN_LINE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．,，)）:：是]"
    r"|第[一二三四五六七八九十\d]{1,3}\s*[、,，:：\s是条项章部分篇点]|其[一二三四五六七八九十]"
    r"|首先|其次|再次|最后|[一二三四五六七八九十元正]{1,3}(?:[、,，和至到~—-][一二三四五六七八九十]{1,3})*"
    r"月份?(?:\s|[:：]|$)|[^，。,.；;]{1,12}[:：]$)"
    r"|[|\t]|\s/\s"
)
# a line cut from the one before starts with a character or a mark that closes or goes on
_ZH_CUT_START = re.compile(rf"^[{HAN}”’」』》）),，、。；;：:!！?？\"]")
_ZH_STOPS = re.compile(r"[。，,.；;：:!！?？、]")
_ZH_TITLE_LONG = 30  # characters: a title line is shorter, a full line may name a 计划 too
# a page's number alone on its line: 6, - 6 -, 第6页
_PAGE_NUMBER = re.compile(r"^(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?$|^第\s*\d{1,3}\s*页$")


def _wrap_width(blocks: list[Block]) -> int | None:
    """The width a page copied as text was cut at, when a column of lines shows it: the
    widest of three or more Chinese lines of about one width (the narrowest at least 3/4
    of the widest), each ending inside a sentence with the next line going on with it."""
    cut = sorted(
        (
            display_width(a.text)
            for a, b in pairwise(blocks)
            if not (a.is_row or b.is_row)
            and _ZH_NARROW <= display_width(a.text) <= _ZH_WRAP_WIDTH[1]
            and _ZH_CUT_END.search(a.text)
            and _goes_on(a.text, display_width(a.text), b)
        ),
        reverse=True,
    )
    for k, widest in enumerate(cut):
        if len([w for w in cut[k:] if w >= 0.75 * widest]) >= _ZH_COLUMN:
            return widest
    return None


def _zh_cut(prev: str, width: int, wrap: int | None) -> bool:
    """The last line of `prev` (`width` columns) ends where the page's width cut it."""
    if not _ZH_CUT_END.search(prev):
        return False
    if _ZH_CLAUSE_END.search(prev):
        return _ZH_NARROW <= width <= _ZH_WRAP_WIDTH[1]
    near = wrap is not None and 0.75 * wrap <= width <= wrap + 4
    return near or _ZH_WRAP_WIDTH[0] <= width <= _ZH_WRAP_WIDTH[1]


def _goes_on(prev: str, width: int, block: Block) -> bool:
    """`block` goes on with the Chinese line before it (`width` columns wide): it starts
    with no number, month, label, cells or title, is not much wider than that line, and is
    a sentence's end, a clause, or itself a full line (a short line with no stop is a
    heading)."""
    text = block.text
    line = display_width(text)
    return (
        has_han(prev[-8:] + text[:8])
        and block.heading is None
        and block.list_level is None
        and width >= 0.85 * line
        and bool(_ZH_CUT_START.match(text))
        and not _ZH_OWN_LINE.search(text)
        and not (len(text) <= _ZH_TITLE_LONG and looks_like_title(text))
        and (bool(_ZH_STOPS.search(text)) or line >= 0.6 * width)
    )


def _zh_continues(prev: str, width: int, block: Block, wrap: int | None) -> bool:
    """A Chinese line cut where it filled the width (`…每两月出版一期"主` / `人翁"工会专刊；`)."""
    return _zh_cut(prev, width, wrap) and _goes_on(prev, width, block)


def _page_inside(prev: str, width: int, blocks: list[Block], i: int, wrap: int | None) -> bool:
    """A page number alone on its line between a line cut at the width and the rest of
    its sentence on the next line (the page ended inside a paragraph): furniture."""
    return (
        bool(_PAGE_NUMBER.match(blocks[i].text))
        and i + 1 < len(blocks)
        and not blocks[i + 1].is_row
        and _zh_continues(prev, width, blocks[i + 1], wrap)
    )


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
    page's sections: `Recruitment` over its bullets, the last bullet above it with no stop);
    so is one standing between blank lines over a paragraph of sentences, whatever is above
    it (a page heading, or the last bullet of the section before, cut off with no stop);
    so is a title-cased one starting a section (`_title_case_heading`)."""
    for i in range(1, len(blocks) - 1):
        block, prev, nxt = blocks[i], blocks[i - 1], blocks[i + 1]
        apart = _gap(prev, block) and _gap(block, nxt)
        if (
            block.list_level is None
            and _EN_HEADING.match(block.text)
            and (
                prev.text[-1:] in ".:!?"
                or (nxt.list_level is not None and (prev.list_level is not None or apart))
                or (apart and _sentences(nxt.text))
            )
            and _latin(nxt.text)
            and (nxt.list_level is not None or len(nxt.text) > len(block.text))
        ) or _title_case_heading(blocks, i):
            block.heading = 2


# the short words a title leaves in lower case (Setting Up a Calendar for the Year)
_MINOR_WORD = re.compile(r"a|an|the|and|or|nor|but|of|for|to|in|on|at|by|with|from|into|per|as|vs")
_TITLE_WORDS_MOST = 8  # words: a longer capitalised line is a sentence's start or a name


def _title_cased(text: str) -> bool:
    """Words capitalised as a heading is (All Year Long, Month by Month), no stop."""
    words = text.split()
    return (
        2 <= len(words) <= _TITLE_WORDS_MOST
        and _latin(text)
        and not _ENDS_SENTENCE.search(text)
        and all(re.fullmatch(r"[A-Za-z'’&/-]+", w) for w in words)
        and words[0][:1].isupper()
        and all(w[:1].isupper() or _MINOR_WORD.fullmatch(w) for w in words)
    )


def _title_case_heading(blocks: list[Block], i: int) -> bool:
    """A title-cased line between a page's lists is a heading when what follows is a
    section's start: a lead-in over a list (`Mark the following on your calendar:`), a
    month label over a list (July and August), or, after a list ends, a paragraph of
    sentences. A title-cased line over anything else (a name, a link such as `Back to
    Menu` over a heading) stays text."""
    block, prev, nxt = blocks[i], blocks[i - 1], blocks[i + 1]
    after = blocks[i + 2] if i + 2 < len(blocks) else None
    if block.list_level is not None or not _title_cased(block.text):
        return False
    if month_label(block.text) is not None or not _latin(nxt.text):
        return False
    over_list = after is not None and after.list_level is not None and nxt.list_level is None
    return (over_list and (nxt.text.endswith(":") or month_label(nxt.text) is not None)) or (
        prev.list_level is not None and _sentences(nxt.text)
    )


def _sentences(text: str) -> bool:
    """A paragraph of prose: words ending on a sentence's stop (We will grow our base.)."""
    return len(text.split()) >= 6 and text[-1:] in ".!?:"


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
