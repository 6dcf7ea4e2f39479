"""`planforge score`, declared once here; the work is in score.run."""

from __future__ import annotations

from pathlib import Path

import typer


def score(
    source: Path = typer.Argument(..., metavar="PLAN", help="The plan file (YAML)."),
    rubric: list[str] = typer.Option(
        [],
        "--rubric",
        help="A rubric id or file to score against (repeatable; default: the plan's rubrics).",
    ),
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        help="sheet.xlsx, sheet.docx or sheet.md (default: a table on the terminal).",
    ),
) -> int:
    """The self-assessment sheet (分值自评表): each rubric item's points, score and evidence."""
    from planforge.score.run import ScoreOptions, run_score

    return run_score(ScoreOptions(source=source, rubrics=rubric, output=output))
