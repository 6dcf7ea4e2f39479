"""`planforge export`: write a plan as ICS, XLSX or CSV."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from planforge.errors import UsageError
from planforge.io import refuse_source_as_output, write_atomic
from planforge.model.plan import Plan


def _exporters() -> dict[str, Callable[[Plan], bytes]]:
    from planforge.lifecycle.export.csv import ledger_csv
    from planforge.lifecycle.export.ics import plan_ics
    from planforge.lifecycle.export.xlsx import ledger_xlsx

    return {"ics": plan_ics, "xlsx": ledger_xlsx, "csv": ledger_csv}


def run_export(source: Path, fmt: str, output: Path) -> int:
    from planforge.validate import load_plan

    exporters = _exporters()
    if fmt not in exporters:
        raise UsageError(f"unknown export format '{fmt}'; use ics, xlsx or csv")
    refuse_source_as_output(output, [source])
    data = exporters[fmt](load_plan(source))
    write_atomic(output, data)
    sys.stdout.write(f"wrote {output} ({len(data):,} bytes)\n")
    return 0
