"""The work ledger (工作台账) as an Excel workbook: a ledger sheet, a sheet per month, and
the activity records (台账) when the tasks hold any."""

from __future__ import annotations

import io
from typing import Any

from planforge.errors import display_width
from planforge.lifecycle.export.ledger import (
    headers,
    ledger_rows,
    record_headers,
    record_rows,
)
from planforge.model.plan import Plan
from planforge.render.controls import visible_cells, visible_controls
from planforge.zh import format_month

MAX_WIDTH = 60  # wider cells wrap; a ledger must stay readable on one screen
_WRAPPED = {"工作任务", "完成情况", "原因及调整", "活动内容", "Task", "Result", "Content"}


def ledger_xlsx(plan: Plan) -> bytes:
    """The workbook's bytes; openpyxl is imported only when an XLSX is asked for."""
    from openpyxl import Workbook

    book = Workbook()
    rows = ledger_rows(plan)
    sheet = book.active
    sheet.title = "工作台账" if plan.zh else "Ledger"
    _fill(sheet, headers(plan), [r.cells() for r in rows])
    lang = "zh" if plan.zh else "en"
    for month in range(1, 13):
        _fill(
            book.create_sheet(format_month(month, lang)[:31]),
            headers(plan),
            [r.cells() for r in rows if month in r.months],
        )
    records = record_rows(plan)
    if records:
        _fill(book.create_sheet("台账" if plan.zh else "Records"), record_headers(plan), records)
    book.properties.title = visible_controls(plan.display_title)
    book.properties.creator = visible_controls(plan.organisation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: Any, header: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(header)
    for row in rows:
        sheet.append(visible_cells(row))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, name in enumerate(header, 1):
        letter = get_column_letter(i)
        widest = max(
            [display_width(str(name))]
            + [max(map(display_width, str(r[i - 1]).split("\n"))) for r in rows]
        )
        sheet.column_dimensions[letter].width = min(widest + 2, MAX_WIDTH)
        if name in _WRAPPED:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 1)}"
