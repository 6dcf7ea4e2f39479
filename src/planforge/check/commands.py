"""The commands of the check stage: `check`, `rules` and `rubrics`, declared once here.

The CLI loads this module only when one of them runs (see planforge.cli.COMMANDS); the
work is imported inside each command.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def check(
    paths: list[Path] = typer.Argument(
        ..., metavar="PATHS", help="Plan files or folders to check."
    ),
    rubric: list[str] = typer.Option(
        [], "--rubric", help="A rubric id or file to hold the plans to (repeatable)."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, sarif, github or junit."),
    fail_on: str = typer.Option(
        "error", "--fail-on", help="Exit 1 for findings at or above: error, warning, info."
    ),
    config: Path | None = typer.Option(
        None, "--config", help="Use this configuration instead of discovering one."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Leave out the findings recorded in this baseline."
    ),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="Record the current findings as a baseline."
    ),
    jobs: int | None = typer.Option(
        None, "-j", "--jobs", help="Worker processes (default: by the number of files)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the finding lines."),
    show: str = typer.Option(
        "warning",
        "--show",
        help="Text output: warning (errors and warnings; infos counted, repeated per-task "
        "findings grouped), info (infos too), all (every finding, one by one).",
    ),
    fix: bool = typer.Option(False, "--fix", help="Apply the fixes of mechanical rules."),
    diff: bool = typer.Option(False, "--diff", help="Show the fixes without writing."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Lint every file afresh; read and write no cached results."
    ),
) -> int:
    """Lint plan files: validation, rules and rubrics. Exit 0 clean, 1 findings, 2 failure."""
    from planforge.check.run import CheckOptions, parse_fail_on, run_check

    options = CheckOptions(
        paths=paths,
        rubrics=rubric,
        fmt=fmt,
        fail_on=parse_fail_on(fail_on),
        config=config,
        baseline=baseline,
        write_baseline=write_baseline,
        jobs=jobs,
        quiet=quiet,
        fix=fix,
        diff=diff,
        show=show.lower(),
        cache=not no_cache,
    )
    return run_check(paths, options)


def rubrics(
    action: str | None = typer.Argument(
        None, metavar="ACTION", help="show (one rubric) or schema."
    ),
    rubric_id: str | None = typer.Argument(
        None, metavar="RUBRIC_ID", help="A rubric id or file, with show."
    ),
) -> int:
    """List the built-in rubrics; `rubrics show ID|FILE` prints one; `rubrics schema`."""
    from planforge.check.listing import rubric_text, rubrics_text
    from planforge.errors import UsageError

    if action in (None, "list"):
        sys.stdout.write(rubrics_text())
    elif action == "show" and rubric_id:
        sys.stdout.write(rubric_text(rubric_id, Path.cwd()))
    elif action == "schema":
        from planforge.model.rubric import rubric_schema_json

        sys.stdout.write(rubric_schema_json())
    else:
        raise UsageError("usage: planforge rubrics [list | show ID|FILE | schema]")
    return 0


def rules(
    rule_id: str | None = typer.Argument(
        None, metavar="RULE_ID", help="Print this rule's documentation."
    ),
) -> int:
    """List the rules of `planforge check` (id, default severity, fixable, summary)."""
    from planforge.check.listing import rule_text, rules_text

    sys.stdout.write(rule_text(rule_id) if rule_id else rules_text())
    return 0
