"""`planforge import`, declared once here; the work is in importer.run."""

from __future__ import annotations

from pathlib import Path

import typer


def import_plan(
    source: str = typer.Argument(
        ...,
        metavar="INPUT",
        help="A .docx, .md, .txt or .html plan (UTF-8 or GBK); '-' reads stdin.",
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="The source to write (default: INPUT with .yaml)."
    ),
    out_dir: Path | None = typer.Option(
        None, "--out-dir", help="Write one source per plan found into this folder."
    ),
    lang: str | None = typer.Option(None, "--lang", help="zh or en (default: detected)."),
    org: str | None = typer.Option(None, "--org", help="The issuing union."),
    year: int | None = typer.Option(None, "--year", help="The plan's year."),
    force: bool = typer.Option(
        False,
        "--force",
        help="Overwrite existing files, and import a document that does not read as a plan.",
    ),
    report: bool = typer.Option(
        False, "--report", help="Print what was recognised per plan: levels, months, owners."
    ),
) -> int:
    """Turn an existing plan document into a planforge source, marking what was guessed."""
    from planforge.importer.run import ImportOptions, run_import

    options = ImportOptions(
        source=source,
        output=output,
        out_dir=out_dir,
        lang=lang,
        org=org,
        year=year,
        force=force,
        report=report,
    )
    return run_import(options)
