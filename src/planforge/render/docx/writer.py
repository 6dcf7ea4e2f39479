"""The document body: a Jinja template puts the blocks in order, this module lays them out.

`templates/docx/plan.xml.j2` and `summary.xml.j2` fix the order and the wording; they call
the layout helpers of `BodyWriter`, which the template sees as `docx`. Each helper returns
finished WordprocessingML (paragraphs and tables referring to the profile's styles by id),
escaping every piece of text it is given. Level 1 and 2 headings stand on their own line;
levels 3 and 4 run into their paragraph. Fonts are never set on runs: the styles carry them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from planforge.errors import TemplateError
from planforge.render.docx.fields import R_NS, WORD_JOINER, text_run
from planforge.render.docx.styles import W_NS, twips_mm, twips_pt

if TYPE_CHECKING:
    from planforge.render.docx.profiles import Layout

_END_PUNCT = tuple("。！？；：，.!?;:,")
_LINE_BREAK = "<w:r><w:br/></w:r>"
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


_NARROW = re.compile("[\x00-\u2e7f]")
_CHANGE = re.compile("[\x00-\u2e7f](?=[^\x00-\u2e7f])|[^\x00-\u2e7f](?=[\x00-\u2e7f])")


def _width(text: str) -> float:
    """Width of `text` in body characters: CJK is one, Latin letters and digits half."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


def _text(value: Any) -> str:
    """A helper's text argument as plain text.

    Text the template built itself (a macro's result, a `{% set %}` block) arrives
    escaped as Markup; it is unescaped here so that it is escaped once, like any other.
    """
    if isinstance(value, Markup):
        return value.unescape()
    return value if isinstance(value, str) else str(value)


@functools.lru_cache(maxsize=8192)
def set_width(text: str) -> float:
    """Width of `text` as word processors set it, in characters: `_width` plus the space
    Word and LibreOffice put between Chinese and Latin characters (measured in
    LibreOffice: a fifth of a character at each change, as in 2026年2月24日)."""
    return _width(text) + 0.2 * len(_CHANGE.findall(text))


SHORT_CELL = 4
"""Cells no wider than this many characters in a whole column are centred (月份, 状态)."""
UNIT_LIMIT = 8
"""A name or phrase up to this many characters (责任部门 entries, “三八”妇女节) is kept on one
line where the table's width allows it."""
CELL_PADDING = 2 * 108 + 30
"""Word's default cell margins (0.19 cm a side) and a little room, in twips."""
_UNIT_SPLIT = re.compile(r"[、，,；;。：:／/\s]+")
_RANGE = re.compile(
    r"\d{1,4}(?:年\d{1,2})?(?:月(?:\d{1,2}[日号])?)?\s*[—–\-～~至到]\s*"
    r"\d{1,4}(?:年\d{1,2})?(?:月(?:\d{1,2}[日号])?|[日号])"
)


def _joined(text: str) -> str:
    return WORD_JOINER.join(text)


def keep_ranges(text: str) -> str:
    """Ranges of months and days (5—8月, 3月12日至15日) joined so that no line breaks
    inside them (GB/T 15834: a range is one expression)."""
    return _RANGE.sub(lambda m: _joined(m.group()), text)


def keep_units(text: str, room: float = UNIT_LIMIT) -> str:
    """A table cell's names and short phrases (工会主席 周慧敏, 生活福利委员会) joined so
    that a line breaks between them, not inside one: those no wider than `room`, the
    characters a line of the cell holds (a piece that cannot fit is better broken where
    the line ends than pushed to a line of its own and broken anyway)."""
    limit = min(UNIT_LIMIT, room)
    return re.sub(
        r"[^、，,；;。：:／/\s]+",
        lambda m: _joined(m.group()) if set_width(m.group()) <= limit else m.group(),
        text,
    )


def _units(text: str) -> float:
    """The widest piece of `text` that should not be broken: names and short phrases
    between separators, up to UNIT_LIMIT characters (longer pieces are prose that wraps)."""
    if set_width(text) <= UNIT_LIMIT:
        return set_width(text)
    # a piece of more than twice the limit in characters is wider than the limit
    pieces = [set_width(p) for p in _UNIT_SPLIT.split(text) if p and len(p) <= 2 * UNIT_LIMIT]
    return max([w for w in pieces if w <= UNIT_LIMIT] + [0])


def column_widths(
    heads: Sequence[str],
    cells: Sequence[Sequence[str]],
    shares: Sequence[float],
    total: int,
    char: int,
) -> list[int]:
    """Column widths in twips that add up to `total`, decided by the content.

    The column with the largest share (工作内容, 主要成效) is the wide one: it wants at
    least its share of the table. Every other column wants its widest cell, but no more
    than a quarter of the table unless a name or date in it (`_units`) needs more; the
    wide column takes the rest. When the table
    is too narrow for all that, widths are filled in steps: first every header on one
    line (headers never wrap), then the wide column's share, then the other columns'
    unbroken pieces (names, dates), then what each column wants, each step shared in
    proportion to what is still missing.
    """
    n = len(heads)
    shares = (list(shares) + [1.0] * n)[:n]

    def need(chars: float) -> float:
        return chars * char + CELL_PADDING

    head = [need(set_width(h)) for h in heads]
    natural = [max([need(set_width(row[i])) for row in cells] + [head[i]]) for i in range(n)]
    least = [max([need(_units(row[i])) for row in cells] + [head[i]]) for i in range(n)]
    wide = max(range(n), key=lambda i: shares[i])
    want = [min(natural[i], max(least[i], total / 4)) for i in range(n)]
    # the wide column holds prose, which wraps anywhere; it is owed its share of the table
    least[wide] = head[wide]
    want[wide] = max(head[wide], total * shares[wide] / sum(shares))
    if sum(want) <= total:
        widths = list(want)
        widths[wide] += total - sum(want)
    elif sum(head) <= total:
        widths = list(head)
        owed = [want[wide] if i == wide else head[i] for i in range(n)]
        for goal in (owed, least, want):
            missing = [max(goal[i] - widths[i], 0.0) for i in range(n)]
            room = total - sum(widths)
            if sum(missing) <= room:
                widths = [widths[i] + missing[i] for i in range(n)]
            else:
                widths = [widths[i] + room * missing[i] / sum(missing) for i in range(n)]
                break
        widths[wide] += total - sum(widths)
    else:  # not even the headers fit: the profile's shares
        widths = [total * s / sum(shares) for s in shares]
    out = [round(w) for w in widths]
    out[wide] += total - sum(out)
    return out


SignatureLine = tuple[str, float]
"""How a signature line is placed: ("right", indent from the right edge) or ("left",
indent from the left edge), in characters."""


def signature_lines(
    org: str, date: str, layout: str, right: float, shift: float, type_width: float
) -> tuple[SignatureLine, SignatureLine]:
    """Where the name and the date stand, for a type area `type_width` characters wide.

    unsealed (GB/T 9704-2012 §7.3.5.2): the name `right` from the edge; the date's first
    character `shift` right of the name's, set from the left so that no estimate of the
    date's width is involved; a date that would then come nearer the edge than `right`
    stands `right` from it, and the name moves left to keep the shift.
    sealed (§7.3.5.1): the date `right` from the edge, the name centred over it.
    flush: both `right` from the edge.
    """
    if layout == "sealed":
        centre = right + (set_width(date) - _width(org)) / 2 if date else right
        return ("right", max(centre, 0)), ("right", right)
    if layout == "flush" or not org or not date:
        return ("right", right), ("right", right)
    if set_width(date) + shift <= _width(org):
        return ("right", right), ("left", type_width - right - _width(org) + shift)
    return ("right", right + set_width(date) + shift - _width(org)), ("right", right)


class BodyWriter:
    """The layout helpers a DOCX template calls as `docx.…`; each returns XML marked safe.

    `out` records every block made, in order.
    """

    def __init__(self, ctx: Mapping[str, Any], profile: Layout) -> None:
        self._p = profile
        self._zh: bool = ctx["zh"]
        self._char_twips = twips_pt(profile.body.size_pt.value + profile.body.char_spacing_pt.value)
        self.out: list[str] = []

    # ------------------------------------------------------------------ figures of the profile

    @property
    def schedule_columns(self) -> list[float]:
        """Relative widths of the 月度工作安排 table's columns."""
        return list(self._p.table.schedule_columns.value)

    @property
    def undone_columns(self) -> list[float]:
        """Relative widths of the table of tasks not done."""
        return list(self._p.table.undone_columns.value)

    # ------------------------------------------------------------------ blocks

    def title(self, lines: Sequence[Any]) -> Markup:
        """The title, one line per item, then the profile's blank lines."""
        face = self._p.title.font.value
        runs = _LINE_BREAK.join(self._runs(line, face=face) for line in lines)
        title = self._para(runs, "Title")
        return Markup(title + self._blank(self._p.title.blank_lines_after.value))

    def blank(self, count: int = 1) -> Markup:
        return Markup(self._blank(count))

    def page_break(self) -> Markup:
        return Markup(self._block(PAGE_BREAK))

    def appendix(self, label: Any) -> Markup:
        """An appendix on a page of its own, its label (附表, 附件) in the level-1 face at the
        left edge of the first line (GB/T 9704-2012 §7.3.7: 另面编排, 3号黑体字顶格)."""
        face = self._p.headings.level1.font.value
        label_xml = self._para(
            self._runs(label, face=face),
            "Heading1",
            '<w:keepNext/><w:ind w:firstLineChars="0" w:firstLine="0"/>',
        )
        return Markup(self._block(PAGE_BREAK) + label_xml)

    def body(self, text: Any) -> Markup:
        """A body paragraph; a newline in `text` is a line break."""
        return Markup(self._para(self._runs(text)))

    def heading(self, level: int, number: Any, title: Any, text: Any = "") -> Markup:
        """A heading; with `text`, a run-in heading (levels 3 and 4) ending in a full stop."""
        return Markup(self._heading(level, number, title, text))

    def task(self, node: Mapping[str, Any], paragraphs: Sequence[Any]) -> Markup:
        """A task's heading and paragraphs: a leaf below level 2 runs into its first one."""
        level = node["level"]
        if level <= 2 or node["children"] or not paragraphs:
            head = self._heading(level, node["number"], node["title"])
            rest = paragraphs
        else:
            head = self._heading(level, node["number"], node["title"], paragraphs[0])
            rest = paragraphs[1:]
        return Markup(head + "".join([self._para(self._runs(text)) for text in rest]))

    def hanging(self, text: Any, lead: Any) -> Markup:
        """A paragraph whose text stands under the text that follows `lead` on the line above."""
        hanging = round(self._char_twips * (2 + _width(_text(lead))))
        return Markup(
            self._para(
                self._runs(text),
                ppr=f'<w:ind w:left="{hanging}" w:firstLineChars="0" w:firstLine="0"/>',
            )
        )

    def caption(self, text: Any) -> Markup:
        """A line kept with the table that follows it."""
        return Markup(
            self._para(
                self._runs(text),
                "TableText",
                '<w:keepNext/><w:spacing w:before="120" w:after="120"/>',
            )
        )

    def table(
        self,
        headers: Sequence[Any],
        rows: Iterable[Mapping[str, Any]],
        keys: Sequence[str],
        shares: Sequence[float],
    ) -> Markup:
        """A table with a repeating header row; column i of a row is `row[keys[i]]`.

        The table has its own single spacing and gives both tblW and gridCol widths: the
        page's type width shared out by the content (`column_widths`), `shares` weighing
        the columns that wrap.
        """
        heads = [_text(h) for h in headers]
        cells = [[_text(row[key]) for key in keys] for row in rows]
        page = self._p.page
        total = twips_mm(
            page.width_mm.value - page.margin_left_mm.value - page.margin_right_mm.value
        )
        char = twips_pt(self._p.table.size_pt.value)
        widths = column_widths(heads, cells, shares, total, char)
        # names and dates kept whole where the column holds them; the wide one holds prose
        wide = widths.index(max(widths))
        rooms = [(w - CELL_PADDING) / char for w in widths]
        joined = (
            [
                [c if i == wide else keep_units(c, rooms[i]) for i, c in enumerate(row)]
                for row in cells
            ]
            if self._zh
            else cells
        )
        short = [
            max([set_width(row[i]) for row in cells] + [0]) <= SHORT_CELL for i in range(len(heads))
        ]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        bold = "<w:b/><w:bCs/>" if self._p.table.header_bold.value else ""
        parts = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>",
            self._row(heads, widths, [True] * len(heads), header=True, props=bold),
        ]
        parts += [self._row(row, widths, short) for row in joined]
        parts.append("</w:tbl>")
        return Markup(self._block("".join(parts)))

    def signature(self, organisation: Any, date: Any) -> Markup:
        """The issuing body's name over the date, after the profile's blank lines, placed
        as the profile's layout says (GB/T 9704-2012 §7.3.5; see `signature_indents`)."""
        org, date = _text(organisation), _text(date)
        sig = self._p.signature
        out = [self._blank(sig.blank_lines_before.value)]
        page = self._p.page
        type_width = twips_mm(
            page.width_mm.value - page.margin_left_mm.value - page.margin_right_mm.value
        )
        org_place, date_place = signature_lines(
            org,
            date,
            sig.layout.value,
            sig.right_indent_chars.value,
            sig.date_shift_chars.value,
            type_width / self._char_twips,
        )
        if org:
            out.append(self._signature_line(org, org_place))
        if date:
            out.append(self._signature_line(date, date_place))
        return Markup("".join(out))

    # ------------------------------------------------------------------ mechanics

    def _runs(self, text: Any, props: str = "", face: str | None = None) -> str:
        """Runs for `text` (a newline is a line break); quotes and dashes of Chinese text
        in `face`, the paragraph's East-Asian font (the body's unless given)."""
        face = (face or self._p.body.font.value) if self._zh else None
        plain = _text(text)
        lines = (keep_ranges(plain) if self._zh else plain).split("\n")
        return _LINE_BREAK.join(
            text_run(line, hint=self._zh, props=props, face=face) for line in lines
        )

    def _block(self, xml: str) -> str:
        self.out.append(xml)
        return xml

    def _para(self, runs: str, style: str = "Normal", ppr: str = "") -> str:
        style_xml = "" if style == "Normal" else f'<w:pStyle w:val="{style}"/>'
        props = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if style_xml or ppr else ""
        return self._block(f"<w:p>{props}{runs}</w:p>")

    def _blank(self, count: int) -> str:
        return "".join([self._para("") for _ in range(count)])

    def _heading(self, level: int, number: Any, title: Any, text: Any = "") -> str:
        label = f"{_text(number)}{'' if self._zh else ' '}{_text(title)}"
        rest = _text(text)
        if rest:
            label += "" if label.endswith(_END_PUNCT) else ("。" if self._zh else ". ")
        face = getattr(self._p.headings, f"level{min(level, 4)}").font.value
        runs = self._runs(label, face=face) + (self._runs(rest) if rest else "")
        return self._para(runs, f"Heading{min(level, 4)}")

    def _row(
        self,
        cells: Sequence[str],
        widths: list[int],
        centred: Sequence[bool],
        *,
        header: bool = False,
        props: str = "",
    ) -> str:
        trpr = (
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        face = self._p.table.font.value
        tcs = []
        for text, width, centre in zip(cells, widths, centred, strict=True):
            align = "center" if centre else "left"
            tcs.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{align}"/>'
                f"</w:pPr>{self._runs(text, props, face) if text else ''}</w:p></w:tc>"
            )
        return f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"

    def _signature_line(self, text: str, place: SignatureLine) -> str:
        side, chars = place
        indent = round(chars * self._char_twips)
        jc = "" if side == "right" else '<w:jc w:val="left"/>'
        return self._para(self._runs(text), "Signature", f'<w:ind w:{side}="{indent}"/>{jc}')


def body_xml(ctx: dict[str, Any], profile: Layout, template: Path | None = None) -> str:
    """The paragraphs and tables of the plan or summary in `ctx`, without the section.

    `template` is the user's `--template` (a `plan.xml.j2`/`summary.xml.j2` file or a
    folder holding `docx/…`), searched before the built-in templates. Line breaks and
    indentation between the template's lines are not part of the document.
    """
    from planforge.render.jinja import environment, render_template

    name = f"docx/{ctx['document']}.xml.j2"
    text = render_template(environment(template), name, {**ctx, "docx": BodyWriter(ctx, profile)})
    lines = [line.strip() for line in text.split("\n")]
    body = "".join(lines)
    if template is not None:  # a user's template may write any XML: Word must get a valid part
        _refuse_malformed(body, lines, template)
    return body


def _refuse_malformed(body: str, lines: list[str], template: Path) -> None:
    """A `TemplateError` naming the line of the template's output where the XML goes wrong,
    checked as it will stand in document.xml (lines joined, the document's namespaces)."""
    import xml.parsers.expat

    head = f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(f"{head}{body}</w:body>", True)
    except xml.parsers.expat.ExpatError as exc:
        import bisect
        import itertools

        # the body is one line once joined: find the template output line the offset is in
        ends = list(itertools.accumulate(len(line) for line in lines))
        number = min(bisect.bisect_right(ends, exc.offset - len(head)) + 1, len(lines))
        shown = lines[number - 1][:120] if lines else ""
        raise TemplateError(
            f"--template {template}: the DOCX body it produced is not well-formed XML "
            f"({xml.parsers.expat.ErrorString(exc.code)}, line {number} of its output"
            + (f": {shown}" if shown else "")
            + ")",
            hint="close every element the template opens and use the w: and r: prefixes; "
            "Word would refuse the file",
        ) from None


def section_xml(
    profile: Layout, footers: dict[str, str], headers: dict[str, str] | None = None
) -> str:
    """Page size, margins, the line grid, headers and footers of the one section."""
    page, body = profile.page, profile.body
    refs = "".join(
        f'<w:headerReference w:type="{kind}" r:id="{rid}"/>'
        for kind, rid in (headers or {}).items()
    ) + "".join(
        f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' for kind, rid in footers.items()
    )
    grid = (
        f'<w:docGrid w:type="lines" w:linePitch="{twips_pt(body.line.value)}"/>'
        if body.line_grid.value and body.line_rule.value == "exact"
        else ""
    )
    return (
        f"<w:sectPr>{refs}"
        f'<w:pgSz w:w="{twips_mm(page.width_mm.value)}" w:h="{twips_mm(page.height_mm.value)}"/>'
        f'<w:pgMar w:top="{twips_mm(page.margin_top_mm.value)}" '
        f'w:right="{twips_mm(page.margin_right_mm.value)}" '
        f'w:bottom="{twips_mm(page.margin_bottom_mm.value)}" '
        f'w:left="{twips_mm(page.margin_left_mm.value)}" '
        f'w:header="{twips_mm(page.header_mm.value)}" w:footer="{twips_mm(page.footer_mm.value)}" '
        'w:gutter="0"/><w:cols w:space="425"/>'
        f"{grid}</w:sectPr>"
    )


def document_xml(body: str, section: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{section}'
        "</w:body></w:document>"
    )
