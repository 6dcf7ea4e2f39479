"""`planforge render`, declared once here; the work is in render.run."""

from __future__ import annotations

from pathlib import Path

import typer


def render(
    source: Path = typer.Argument(..., metavar="SOURCE", help="The plan file (YAML)."),
    fmt: str = typer.Option("docx", "--format", "-f", help="docx, md, html or pdf."),
    summary: bool = typer.Option(
        False, "--summary", help="Render the year-end summary (工作总结) instead of the plan."
    ),
    output: str | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="<path>",
        help="Output file (default: next to the source; '-' for md/html on stdout).",
    ),
    template: str | None = typer.Option(
        None,
        "--template",
        metavar="<path>",
        help="A template file or folder overriding built-in ones, or a letterhead .docx.",
    ),
    profile: str | None = typer.Option(
        None, "--profile", help="DOCX layout profile: a name (gbt9704, plain…) or a file."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Parse and validate afresh; read and write no cache."
    ),
) -> int:
    """Render a plan or its summary as DOCX (official layout), Markdown, HTML or PDF."""
    from planforge.arguments import path_option
    from planforge.render.run import RenderOptions, run_render

    options = RenderOptions(
        source=source,
        format=fmt,
        summary=summary,
        output=path_option("-o", output),
        template=path_option("--template", template),
        profile=profile,
        cache=not no_cache,
    )
    return run_render(options)


def fonts(
    profile: str | None = typer.Option(
        None, "--profile", help="A layout profile: a name (gbt9704, plain…) or a file."
    ),
) -> int:
    """Which of a layout's fonts this machine has, and what stands in for the others in PDFs."""
    import sys

    from planforge.render.docx.profiles import load_profile
    from planforge.render.fonts import font_plan, plan_text

    loaded = load_profile(profile)
    sys.stdout.write(plan_text(loaded.name, font_plan(loaded)))
    return 0
