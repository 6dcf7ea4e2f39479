"""The report as an Excel workbook: the table of unions, then one sheet per rubric.

Colours come from conditional formatting (not fixed fills), so they follow the figures
when a reviewer sorts, filters or corrects the sheet.
"""

from __future__ import annotations

import io
from typing import Any

from planforge.render.controls import visible_cells
from planforge.report.views import View
from planforge.score.xlsx import sheet_name

MAX_WIDTH = 50
STATUS_MARKS = {"covered": "✓", "hinted": "~", "uncovered": "✗", "n/a": "—"}
RED, AMBER, GREEN = "F4C7C3", "FCE8B2", "B7E1CD"


def render_xlsx(view: View) -> bytes:
    """The workbook's bytes; openpyxl is imported only when an XLSX is asked for."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = view.words["table"][:31]
    _plans_sheet(sheet, view)
    for rubric in view.rubrics:
        _rubric_sheet(book.create_sheet(sheet_name(rubric.id, book.sheetnames)), rubric, view)
    for matrix in view.matrices:
        name = sheet_name(f"{view.words['self_score']}-{matrix.id}", book.sheetnames)
        _matrix_sheet(book.create_sheet(name), matrix, view)
    book.properties.title = view.words["title"]
    book.properties.creator = "planforge"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _plans_sheet(sheet: Any, view: View) -> None:
    w = view.words
    header = [w["no"], w["union"], w["path"]]
    if view.group_by:
        header.append(w["group"])
    header += [
        w["year"],
        w["kind"],
        w["rubric"],
        w["coverage"],
        w["score"],
        w["band"],
        w["missing"],
        w["errors"],
        w["warnings"],
        w["infos"],
        w["done"],
        w["overdue"],
        w["upcoming"],
        w["summary"],
        w["error"],
    ]
    sheet.append(header)
    for r in view.rows:
        covs = r["coverage"]
        cells: list[Any] = [r["index"], r["name"], r["path"]]
        if view.group_by:
            cells.append(r["group"])
        cells += [
            r["year"],
            r["kind"] or None,
            ", ".join(c["rubric"] for c in covs) or None,
            r["coverage_share"],
            r["score"],
            r["band"],
            ", ".join(r["missing"]) or None,
            r["errors"],
            r["warnings"],
            r["infos"],
            r["done_share"],
            r["overdue"],
            r["upcoming"],
            None if r["summary_complete"] is None else bool(r["summary_complete"]),
            r["error"],
        ]
        sheet.append(visible_cells(cells))
    columns = {name: i for i, name in enumerate(header, 1)}
    last = len(view.rows) + 1
    _style_header(sheet, header, last)
    _percent(sheet, columns[w["coverage"]], last)
    _percent(sheet, columns[w["done"]], last)
    _scale(sheet, columns[w["coverage"]], last)
    _scale(sheet, columns[w["done"]], last)
    _when(sheet, columns[w["errors"]], last, ">0", RED)
    _when(sheet, columns[w["overdue"]], last, ">0", RED)
    _when(sheet, columns[w["missing"]], last, '<>""', RED, text=True)
    _when(sheet, columns[w["error"]], last, '<>""', RED, text=True)
    _when(sheet, columns[w["summary"]], last, "=FALSE", AMBER)
    _when(sheet, columns[w["summary"]], last, "=TRUE", GREEN)


def _rubric_sheet(sheet: Any, rubric: Any, view: View) -> None:
    w = view.words
    items = rubric.items
    header = [w["no"], w["union"], w["path"], w["coverage"], w["score"], w["band"], w["missing"]]
    header += [item["id"] for item in items]
    sheet.append([rubric.title])
    sheet.append(header)
    for row, cov in zip(rubric.rows, rubric.coverage, strict=True):
        sheet.append(
            visible_cells(
                [
                    row["index"],
                    row["name"],
                    row["path"],
                    cov["covered"] / cov["required"] if cov["required"] else None,
                    cov["attainable"],
                    cov["best_band"],
                    ", ".join(cov["missing_mandatory"]) or None,
                    *(STATUS_MARKS[cov["items"].get(item["id"], "uncovered")] for item in items),
                ]
            )
        )
    first, last = 3, len(rubric.rows) + 2
    _style_header(sheet, header, last, row=2)
    sheet["A1"].font = _bold()
    for i, item in enumerate(items, len(header) - len(items) + 1):
        sheet.cell(2, i).comment = _comment(f"{item['text']}" + (" ★" if item["mandatory"] else ""))
    _percent(sheet, 4, last, first)
    _scale(sheet, 4, last, first)
    _when(sheet, 7, last, '<>""', RED, text=True, first=first)
    if items:
        from openpyxl.utils import get_column_letter

        span = (
            f"{get_column_letter(len(header) - len(items) + 1)}{first}:"
            f"{get_column_letter(len(header))}{last}"
        )
        for mark, colour in (("✓", GREEN), ("~", AMBER), ("✗", RED)):
            _rule(sheet, span, "equal", [f'"{mark}"'], colour)


def _matrix_sheet(sheet: Any, matrix: Any, view: View) -> None:
    """Self-assessed scores, one row per union; the total is a formula over the row, so a
    corrected score moves it, and the last row averages each item."""
    from openpyxl.utils import get_column_letter

    w = view.words
    items = matrix.items
    header = [w["no"], w["union"], w["path"], *(i["id"] for i in items), w["self_score"]]
    header.append(w["self_band"])
    sheet.append([matrix.title])
    sheet.append(header)
    sheet.append([None, w["full_points"], None, *(i["points"] for i in items)])
    first_item = 4
    last_item = first_item + len(items) - 1
    a, b = get_column_letter(first_item), get_column_letter(last_item)
    for r, row in enumerate(matrix.rows, 4):
        total = f"=SUM({a}{r}:{b}{r})"
        sheet.append(
            visible_cells(
                [row["index"], row["name"], row["path"], *row["scores"], total, row["band"]]
            )
        )
    last = sheet.max_row
    means = [
        f"=AVERAGE({get_column_letter(c)}4:{get_column_letter(c)}{last})"
        for c in range(first_item, last_item + 2)
    ]
    sheet.append([None, w["mean"], None, *means])
    _style_header(sheet, header, last, row=2)
    sheet["A1"].font = _bold()
    for i, item in enumerate(items, first_item):
        sheet.cell(2, i).comment = _comment(item["text"] + (" ★" if item["mandatory"] else ""))
    for r in (3, sheet.max_row):
        for cell in sheet[r]:
            cell.font = _bold()


# ---------------------------------------------------------------------------- formatting


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True)


def _comment(text: str) -> Any:
    from openpyxl.comments import Comment

    return Comment(text, "planforge")


def _style_header(sheet: Any, header: list[str], last: int, row: int = 1) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    from planforge.errors import display_width

    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[row]:
        cell.font = _bold()
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, name in enumerate(header, 1):
        values = (sheet.cell(r, i).value for r in range(row + 1, min(last, row + 200) + 1))
        widest = max([display_width(str(name))] + [display_width(str(v)) for v in values if v])
        sheet.column_dimensions[get_column_letter(i)].width = min(widest + 2, MAX_WIDTH)
    sheet.freeze_panes = sheet.cell(row + 1, 3)
    if last > row:
        sheet.auto_filter.ref = f"A{row}:{get_column_letter(len(header))}{last}"


def _span(column: int, last: int, first: int = 2) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    return f"{letter}{first}:{letter}{max(first, last)}"


def _percent(sheet: Any, column: int, last: int, first: int = 2) -> None:
    for r in range(first, last + 1):
        sheet.cell(r, column).number_format = "0%"


def _scale(sheet: Any, column: int, last: int, first: int = 2) -> None:
    from openpyxl.formatting.rule import ColorScaleRule

    sheet.conditional_formatting.add(
        _span(column, last, first),
        ColorScaleRule(
            start_type="num",
            start_value=0,
            start_color="E67C73",
            mid_type="num",
            mid_value=0.5,
            mid_color="FFD666",
            end_type="num",
            end_value=1,
            end_color="57BB8A",
        ),
    )


def _when(
    sheet: Any,
    column: int,
    last: int,
    test: str,
    colour: str,
    *,
    text: bool = False,
    first: int = 2,
) -> None:
    """Colour the cells of `column` for which `<cell><test>` holds (e.g. '>0')."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(column)}{first}"
    formula = f"AND(NOT(ISBLANK({cell})),{cell}{test})" if not text else f"LEN({cell})>0"
    fill = PatternFill("solid", start_color=colour, end_color=colour)
    sheet.conditional_formatting.add(
        _span(column, last, first), FormulaRule(formula=[formula], fill=fill)
    )


def _rule(sheet: Any, span: str, operator: str, formula: list[str], colour: str) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", start_color=colour, end_color=colour)
    sheet.conditional_formatting.add(
        span, CellIsRule(operator=operator, formula=formula, fill=fill)
    )
