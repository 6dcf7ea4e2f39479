"""The work ledger as CSV, UTF-8 with a BOM so that Excel opens Chinese text correctly;
control characters from quoted YAML are shown as their pictures, as in the XLSX."""

from __future__ import annotations

import csv
import io

from planforge.lifecycle.export.ledger import headers, ledger_rows
from planforge.model.plan import Plan
from planforge.render.controls import visible_cells


def ledger_csv(plan: Plan) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(plan))
    for row in ledger_rows(plan):
        writer.writerow(visible_cells(row.cells()))
    return buffer.getvalue().encode("utf-8-sig")
