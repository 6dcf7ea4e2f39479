"""The sheet as DOCX in the plan's layout (GB/T 9704 for Chinese): a title, the unit and
basis, the table (header row repeated on every page, parts as spanning rows, subtotals and
totals in bold), the notes and the signature, through the render stage's DOCX layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from planforge.render.docx.styles import twips_mm, twips_pt
from planforge.render.docx.writer import BodyWriter, column_widths
from planforge.score.sheet import Sheet, TableRow, headers, table_rows

SHARES_SCORING = [2, 9, 2.4, 2.8, 12, 7]
SHARES_CHECKLIST = [2, 10, 3.4, 12, 7]
# 小四 (12 pt): a scoring table holds long evidence; the plan's 14 pt table text would
# leave a few characters a line (common practice for 考核表; no standard sets it)
SIZE = '<w:sz w:val="24"/><w:szCs w:val="24"/>'
BOLD = "<w:b/><w:bCs/>"


class ScoreWriter(BodyWriter):
    """The plan's layout helpers plus the sheet's table and a page break."""

    def score_table(
        self, head: Sequence[str], rows: Sequence[TableRow], shares: Sequence[float]
    ) -> Markup:
        page = self._p.page
        total = twips_mm(
            page.width_mm.value - page.margin_left_mm.value - page.margin_right_mm.value
        )
        spanned = [row for row in rows if self._spans(row, len(head))]
        cells = [row.cells for row in rows if row not in spanned]
        widths = column_widths(list(head), cells, shares, total, twips_pt(12))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        parts = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>",
            self._score_row(list(head), widths, header=True),
        ]
        for row in rows:
            if row in spanned:  # a part's title, the grade, a checklist's count: across
                parts.append(self._span_row(row.cells[1], widths, bold=True))
            else:
                parts.append(self._score_row(row.cells, widths, bold=row.kind != "item"))
        parts.append("</w:tbl>")
        return Markup(self._block("".join(parts)))

    @staticmethod
    def _spans(row: TableRow, columns: int) -> bool:
        return row.kind in ("part", "band") or (row.kind == "total" and columns == 5)

    def _cell(self, text: str, width: int, align: str, props: str, span: int = 1) -> str:
        merge = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        lines = [line for line in text.split("\n") if line] or [""]
        paras = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{align}"/></w:pPr>'
            f"{self._runs(line, props + SIZE) if line else ''}</w:p>"
            for line in lines
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}'
            f'<w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>'
        )

    def _score_row(
        self, cells: list[str], widths: list[int], *, header: bool = False, bold: bool = False
    ) -> str:
        props = BOLD if header or bold else ""
        # item rows may break across pages: a long evidence cell would otherwise leave
        # most of a page empty
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else ""
        numeric = {0, 2, 3} if len(cells) == len(SHARES_SCORING) else {0, 2}
        tcs = "".join(
            self._cell(text, width, "center" if header or i in numeric else "left", props)
            for i, (text, width) in enumerate(zip(cells, widths, strict=True))
        )
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    def _span_row(self, text: str, widths: list[int], *, bold: bool) -> str:
        """An empty number cell, then `text` across the other columns."""
        props = BOLD if bold else ""
        first = self._cell("", widths[0], "center", props)
        rest = self._cell(text, sum(widths[1:]), "left", props, len(widths) - 1)
        return f"<w:tr>{first}{rest}</w:tr>"


def sheet_context(sheet: Sheet) -> dict[str, Any]:
    """What the template `score/sheet.xml.j2` lays out for one sheet."""
    return {
        "title": sheet.title,
        "unit": sheet.unit_line,
        "headers": headers(sheet),
        "rows": table_rows(sheet),
        "shares": SHARES_SCORING if sheet.scoring else SHARES_CHECKLIST,
        "notes_label": sheet.words["notes"],
        "notes": [f"{i}. {note}" for i, note in enumerate(sheet.notes, 1)],
        "organisation": sheet.organisation,
        "date": sheet.date or sheet.words["blank_date"],
    }


def sheets_docx(sheets: list[Sheet]) -> bytes:
    """The sheets as one DOCX, each starting on a new page."""
    from planforge.render.docx.package import build_docx
    from planforge.render.docx.profiles import load_profile
    from planforge.render.jinja import environment, render_template

    first = sheets[0]
    zh = first.lang == "zh"
    profile = load_profile(None, first.lang)
    writer = ScoreWriter({"zh": zh}, profile)
    context = {"sheets": [sheet_context(s) for s in sheets], "docx": writer}
    text = render_template(environment(), "score/sheet.xml.j2", context)
    body = "".join(line.strip() for line in text.split("\n"))
    props = {
        "title": first.title,
        "author": first.organisation,
        "subject": first.words["sheet"],
        "language": "zh-CN" if zh else "en",
        "created": f"{first.year}-12-31T00:00:00Z",
    }
    return build_docx(body, profile, props)
