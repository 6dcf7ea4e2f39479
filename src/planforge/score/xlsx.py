"""The sheet as an Excel workbook, one worksheet per rubric, with formulas for the
subtotals, the total, the count of mandatory items not met and the grade, so the office
can correct a score by hand and see the rest follow. Printed on A4, the header repeated.
"""

from __future__ import annotations

import io
from typing import Any

from planforge.render.controls import visible_cells, visible_controls
from planforge.score.sheet import Sheet, headers, item_text, points

WIDTHS_SCORING = [6, 36, 7, 8, 40, 28, 7]
WIDTHS_CHECKLIST = [6, 40, 10, 44, 30, 7]
HEADER_ROW = 3
PART_FILL = "EDF2F9"
HEAD_FILL = "DDEBF7"


def sheets_xlsx(sheets: list[Sheet]) -> bytes:
    """The workbook's bytes; openpyxl is imported only when an XLSX is asked for."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        name = sheet_name(sheet.rubric_id, book.sheetnames)
        _fill(book.create_sheet(name), sheet)
    first = sheets[0]
    book.properties.title = visible_controls(first.title)
    book.properties.creator = visible_controls(first.organisation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(name: str, taken: list[str]) -> str:
    """`name` as an Excel sheet name: no []:*?/\\, at most 31 characters, not taken."""
    base = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31]
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:28]}-{n}"
        n += 1
    return candidate


def category_word(sheet: Sheet, category: str) -> str:
    return sheet.words[f"cat_{category}"]


def _fill(ws: Any, sheet: Sheet) -> None:
    from openpyxl.utils import get_column_letter

    w = sheet.words
    head = [*headers(sheet), w["category"]]
    last_col = get_column_letter(len(head))
    ws.append([visible_controls(sheet.title)])
    ws.append([visible_controls(sheet.unit_line)])
    ws.append(head)
    ws.merge_cells(f"A1:{last_col}1")
    ws.merge_cells(f"A2:{last_col}2")
    first_item = ws.max_row + 1
    subtotals: list[int] = []
    for part in sheet.parts:
        ws.append([visible_controls(part.title)])
        ws.merge_cells(f"A{ws.max_row}:{last_col}{ws.max_row}")
        _style_row(ws, ws.max_row, len(head), bold=True, fill=PART_FILL)
        start = ws.max_row + 1
        for row in part.items:
            middle = [row.points, row.score] if sheet.scoring else [w[row.verdict]]
            ws.append(
                visible_cells(
                    [
                        row.number,
                        item_text(sheet, row),
                        *middle,
                        "\n".join(row.evidence),
                        row.remark,
                        category_word(sheet, row.category),
                    ]
                )
            )
        end = ws.max_row
        if sheet.scoring:
            ws.append(
                [
                    None,
                    w["subtotal"],
                    f"=SUM(C{start}:C{end})",
                    f"=SUM(D{start}:D{end})",
                    None,
                    None,
                    w["cat_subtotal"],
                ]
            )
            subtotals.append(ws.max_row)
            _style_row(ws, ws.max_row, len(head), bold=True)
    last_item = ws.max_row
    if sheet.scoring:
        _totals(ws, sheet, first_item, last_item, subtotals, len(head))
    else:
        span = f"C{first_item}:C{last_item}"
        ws.append([None, w["met"], f'=COUNTIF({span},"{w["met"]}")'])
        ws.append([None, w["partial"], f'=COUNTIF({span},"{w["partial"]}")'])
        ws.append([None, w["not_met"], f'=COUNTIF({span},"{w["not_met"]}")'])
        for r in range(ws.max_row - 2, ws.max_row + 1):
            _style_row(ws, r, len(head), bold=True)
        _verdict_choices(ws, sheet, span)
    ws.append([])
    ws.append([w["notes"]])
    ws.cell(ws.max_row, 1).font = _font(bold=True)
    for i, note in enumerate(sheet.notes, 1):
        ws.append([visible_controls(f"{i}. {note}")])
        ws.merge_cells(f"A{ws.max_row}:{last_col}{ws.max_row}")
        ws.cell(ws.max_row, 1).alignment = _align(wrap=True)
        ws.row_dimensions[ws.max_row].height = 15 * max(1, len(note) // 50 + 1)
    ws.append([])
    ws.append([visible_controls(sheet.sign_line)])
    ws.merge_cells(f"A{ws.max_row}:{last_col}{ws.max_row}")
    _layout(ws, sheet, head, last_item)


def _totals(
    ws: Any, sheet: Sheet, first: int, last: int, subtotals: list[int], columns: int
) -> None:
    """The total, the count of mandatory items below full points, and the grade."""
    w = sheet.words
    cats = f"G{first}:G{last}"
    base = "+".join(
        f'SUMIF({cats},"{w[f"cat_{c}"]}",C{first}:C{last})' for c in ("regular", "mandatory")
    )
    label = w["base_total"].format(base=points(sheet.base_points))
    ws.append([None, label, f"={base}", "=SUM(" + ",".join(f"D{r}" for r in subtotals) + ")"])
    total = ws.max_row
    _style_row(ws, total, columns, bold=True)
    mandatory = None
    if any(r.category == "mandatory" for r in sheet.items):
        count = f'=SUMPRODUCT(({cats}="{w["cat_mandatory"]}")*(D{first}:D{last}<C{first}:C{last}))'
        ws.append([None, w["mandatory_missing"], None, count])
        mandatory = ws.max_row
        _style_row(ws, mandatory, columns, bold=True)
    ws.append([None, w["band"], None, band_formula(sheet, f"D{total}", mandatory)])
    _style_row(ws, ws.max_row, columns, bold=True)
    ws.merge_cells(f"D{ws.max_row}:F{ws.max_row}")


def band_formula(sheet: Sheet, total: str, mandatory: int | None) -> str:
    """The grade from the total cell: the highest band reached, none while a mandatory item
    is missing; the words of `band_text` when there are no grade lines."""
    w = sheet.words
    if not sheet.bands:
        return w["no_threshold"]
    formula = f'"{w["below_bands"]}"'
    for name, low in reversed(sheet.bands):
        formula = f'IF({total}>={points(low)},"{name}",{formula})'
    if mandatory is not None:
        formula = f'IF(D{mandatory}>0,"{w["no_band_mandatory"]}",{formula})'
    return "=" + formula


def _verdict_choices(ws: Any, sheet: Sheet, span: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    w = sheet.words
    choices = ",".join(w[v] for v in ("met", "partial", "not_met"))
    rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    ws.add_data_validation(rule)
    rule.add(span)


# ---------------------------------------------------------------------------- formatting


def _font(bold: bool = False, size: float = 11) -> Any:
    from openpyxl.styles import Font

    return Font(bold=bold, size=size)


def _align(wrap: bool = False, horizontal: str | None = None) -> Any:
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=wrap, vertical="center", horizontal=horizontal)


def _style_row(ws: Any, row: int, columns: int, *, bold: bool, fill: str | None = None) -> None:
    from openpyxl.styles import PatternFill

    for col in range(1, columns + 1):
        cell = ws.cell(row, col)
        cell.font = _font(bold=bold)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)


def _layout(ws: Any, sheet: Sheet, head: list[str], last: int) -> None:
    """Widths, wrapping, borders, the title's font and A4 print set-up."""
    from openpyxl.styles import Border, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    widths = WIDTHS_SCORING if sheet.scoring else WIDTHS_CHECKLIST
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws["A1"].font = _font(bold=True, size=16)
    ws["A1"].alignment = _align(horizontal="center")
    ws.row_dimensions[1].height = 30
    ws["A2"].alignment = _align(wrap=True)
    ws.row_dimensions[2].height = 30
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    numeric = {3, 4} if sheet.scoring else {3}
    table_end = _table_end(ws, last)
    for r in range(HEADER_ROW, table_end + 1):
        for c in range(1, len(head) + 1):
            cell = ws.cell(r, c)
            cell.border = border
            horizontal = "center" if r == HEADER_ROW or c in numeric or c == 1 else None
            cell.alignment = _align(wrap=True, horizontal=horizontal)
    for cell in ws[HEADER_ROW]:
        cell.font = _font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEAD_FILL)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.oddFooter.center.text = "&P / &N"


def _table_end(ws: Any, last: int) -> int:
    """The last row of the table: the totals below the items, before the notes."""
    row = last
    while ws.cell(row + 1, 2).value is not None:
        row += 1
    return row
