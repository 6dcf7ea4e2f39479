"""`planforge score`: a plan's self-assessment sheet against its rubrics, as a text table,
Markdown, XLSX or DOCX."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planforge.errors import InputError, UsageError
from planforge.score.sheet import Sheet

SUFFIXES = (".xlsx", ".docx", ".md")


@dataclass(frozen=True, kw_only=True)
class ScoreOptions:
    """The `planforge score` command line."""

    source: Path
    rubrics: list[str] = field(default_factory=list)
    output: Path | None = None


def run_score(options: ScoreOptions) -> int:
    """Score the plan and print or write the sheets; 0 when done."""
    writer = _writer(options.output)
    sheets = build_sheets(options.source, options.rubrics)
    if options.output is None:
        from planforge.score.text import print_sheets

        print_sheets(sheets)
        return 0
    from planforge.io import refuse_source_as_output, write_atomic

    refuse_source_as_output(options.output, [options.source])
    assert writer is not None
    data = writer(sheets)
    write_atomic(options.output, data)
    sys.stderr.write(f"wrote {options.output}\n")
    return 0


def _writer(output: Path | None) -> Callable[[list[Sheet]], bytes | str] | None:
    """The writer `-o`'s suffix asks for; a `UsageError` before any work for another."""
    if output is None:
        return None
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        from planforge.score.xlsx import sheets_xlsx

        return sheets_xlsx
    if suffix == ".docx":
        from planforge.score.docx import sheets_docx

        return sheets_docx
    if suffix == ".md":
        from planforge.score.text import sheet_markdown

        return sheet_markdown
    raise UsageError(
        f"-o {output}: cannot tell the format from the name",
        hint="name it .xlsx, .docx or .md, or leave -o out for a table on the terminal",
    )


def build_sheets(source: Path, rubrics: list[str]) -> list[Sheet]:
    """One sheet per rubric: the `--rubric` ones if given, else those `check` holds the
    plan to. A `rubrics:` entry that cannot be loaded is an error at its line."""
    from planforge.check.engine import plan_rubrics
    from planforge.check.rubric import coverage, load_rubric
    from planforge.load import load
    from planforge.score.sheet import score_sheet
    from planforge.validate import validate

    doc = load(source)
    plan = validate(doc)
    if rubrics:
        chosen = [load_rubric(ref, Path.cwd()) for ref in rubrics]
    else:
        chosen, unresolved = plan_rubrics(doc, plan)
        if unresolved:
            problems = [
                doc.problem(exc.message, ("rubrics", i), rule="unknown-rubric", hint=exc.hint)
                for i, exc in unresolved
            ]
            raise InputError(f"{source}: a rubric the plan names cannot be loaded", problems)
    if not chosen:
        raise UsageError(
            f"{source}: the plan names no rubric to score against",
            hint="give one with --rubric (see `planforge rubrics`) or add `rubrics:` to the plan",
        )
    return [score_sheet(plan, coverage(plan, doc, rubric)) for rubric in chosen]
