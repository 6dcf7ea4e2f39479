"""`planforge report`, declared once here; the work is in report.run."""

from __future__ import annotations

from pathlib import Path

import typer


def report(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="PATHS",
        help="Folders or files of plans (with --merge: JSON reports to merge).",
    ),
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        help="report.html, report.xlsx or report.json (default: HTML on stdout).",
    ),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="html, xlsx or json (default: from -o)."
    ),
    rubric: list[str] = typer.Option(
        [], "--rubric", help="A rubric id or file to hold every plan to (repeatable)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="The date for task progress (default: today)."
    ),
    group_by: str | None = typer.Option(
        None, "--group-by", help="Group unions by kind, year, language or folder."
    ),
    with_plans: bool = typer.Option(
        False, "--with-plans", help="Render each plan's HTML next to the report and link it."
    ),
    merge: bool = typer.Option(
        False, "--merge", help="The arguments are JSON reports (shards) to merge into one."
    ),
    jobs: int | None = typer.Option(
        None, "-j", "--jobs", help="Worker processes (default: by the number of files)."
    ),
    config: Path | None = typer.Option(
        None, "--config", help="Use this configuration instead of discovering one."
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="zh or en (default: the language of most plans)."
    ),
) -> int:
    """A federation's report over all its plans: scores, gaps, progress, findings."""
    from planforge.arguments import date_option
    from planforge.report.run import ReportOptions, run_report

    options = ReportOptions(
        paths=paths,
        output=output,
        fmt=fmt,
        rubrics=rubric,
        as_of=date_option("--as-of", as_of),
        group_by=group_by,
        with_plans=with_plans,
        merge=merge,
        jobs=jobs,
        config=config,
        lang=lang,
    )
    return run_report(options)
