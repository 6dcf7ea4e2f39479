"""The commands of a plan's year, declared once here: `new` (a starter, or last year's
plan rolled over), `status`, `set`, `log`, `fmt`, `diff` and `export`. The work is imported
inside each command."""

from __future__ import annotations

from pathlib import Path

import typer


def new(
    path: Path | None = typer.Argument(
        None, metavar="PATH", help="Where to write the plan (plan.yaml)."
    ),
    org: str | None = typer.Option(None, "--org", help="The issuing union."),
    year: int | None = typer.Option(None, "--year", help="The plan's year."),
    lang: str | None = typer.Option(None, "--lang", help="zh or en."),
    starter: str | None = typer.Option(
        None, "--starter", help="school, enterprise, federation, institution or en."
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help="school, enterprise, federation, institution or other; chooses the starter "
        "when --starter is absent (default: told by --org).",
    ),
    from_: Path | None = typer.Option(
        None, "--from", help="Roll last year's plan over (with --year) instead of a starter."
    ),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> int:
    """Write a complete, commented starter plan that already passes `planforge check`."""
    if from_ is not None:
        from planforge.lifecycle.rollover import run_rollover

        return run_rollover(from_, year, path, force)
    from planforge.starter import NewOptions, run_new

    options = NewOptions(
        path=path,
        org=org,
        year=year,
        lang=lang,
        starter=starter,
        kind=kind,
        no_input=no_input,
        force=force,
    )
    return run_new(options)


def status(
    sources: list[Path] = typer.Argument(..., metavar="SOURCES", help="Plan files or folders."),
    as_of: str | None = typer.Option(None, "--as-of", help="The date (default: today)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json or md."),
    owner: str | None = typer.Option(None, "--owner", help="Only this owner's tasks."),
) -> int:
    """Progress at a date: done, in progress, overdue, due soon, not started."""
    from planforge.arguments import date_option
    from planforge.lifecycle.status import run_status

    return run_status(sources, date_option("--as-of", as_of), fmt, owner)


def set_task(
    source: Path = typer.Argument(..., metavar="SOURCE", help="The plan file (YAML)."),
    task_id: str = typer.Argument(..., metavar="TASK_ID", help="The id of the task."),
    status: str | None = typer.Option(
        None, "--status", help="planned, in_progress, done, dropped or postponed."
    ),
    result: str | None = typer.Option(None, "--result", help="What came of it."),
    done_on: str | None = typer.Option(
        None, "--done-on", "--date", help="When it was done (with done)."
    ),
    figure: list[str] = typer.Option(
        [], "--figure", help="A figure, NAME=VALUE (参加人数=132, 满意率=97.6%); repeatable."
    ),
    evidence: list[str] = typer.Option([], "--evidence", help="A file or record proving it."),
    reason: str | None = typer.Option(
        None, "--reason", help="Why it is not done, was dropped or was postponed."
    ),
    postponed_to: str | None = typer.Option(
        None, "--postponed-to", help="The new date of a task moved to next year (2027-08)."
    ),
) -> int:
    """Record a task's progress in the source, keeping comments and layout; prints one
    line per field changed."""
    from planforge.arguments import date_option
    from planforge.errors import UsageError
    from planforge.lifecycle.setter import Update, parse_figure_option, parse_status, run_set

    update = Update(
        status=parse_status(status) if status is not None else None,
        result=result,
        done_on=date_option("--done-on", done_on),
        evidence=evidence,
        reason=reason,
        figures=dict(parse_figure_option(item) for item in figure),
        postponed_to=postponed_to,
    )
    if update == Update():
        raise UsageError(
            "set: nothing to record",
            hint="give --status, --result, --figure, --done-on, --evidence, --reason "
            "or --postponed-to",
        )
    return run_set(source, task_id, update)


def log(
    source: Path = typer.Argument(..., metavar="SOURCE", help="The plan file (YAML)."),
    task_id: str = typer.Argument(..., metavar="TASK_ID", help="The id of the task."),
    date: str = typer.Option(..., "--date", help="When the activity was held."),
    place: str | None = typer.Option(None, "--place", help="Where it was held."),
    participants: int | None = typer.Option(
        None, "--participants", min=0, help="How many took part (人次)."
    ),
    cost: float | None = typer.Option(None, "--cost", min=0, help="What it cost, in 元."),
    note: str | None = typer.Option(None, "--note", help="What was done."),
    evidence: list[str] = typer.Option([], "--evidence", help="A file proving it."),
) -> int:
    """Add one activity record (台账) to a task in the source, keeping comments and layout."""
    from planforge.arguments import date_option
    from planforge.errors import UsageError
    from planforge.lifecycle.setter import Record, run_log

    day = date_option("--date", date)
    if day is None:  # typer requires --date; kept for a direct call
        raise UsageError("log: --date is required")
    record = Record(
        date=day,
        place=place,
        participants=participants,
        content=note,
        cost=cost,
        evidence=evidence,
    )
    return run_log(source, task_id, record)


def fmt(
    paths: list[Path] = typer.Argument(..., metavar="PATHS", help="Plan files or folders."),
    check: bool = typer.Option(
        False, "--check", help="Change nothing; print a diff and exit 1 if a file would change."
    ),
    repair: bool = typer.Option(
        False,
        "--repair",
        help="First mend YAML slips with one meaning (tabs and full-width spaces in the "
        "indentation, full-width colons and spaces after keys), saying each.",
    ),
) -> int:
    """Give plan sources one canonical layout, keeping every comment; deadlines in one
    spelling, run-together owners as a list."""
    from planforge.lifecycle.fmt import run_fmt

    return run_fmt(paths, check, repair)


def diff(
    old: Path = typer.Argument(..., metavar="OLD", help="The earlier plan (e.g. last year's)."),
    new: Path = typer.Argument(..., metavar="NEW", help="The later plan."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> int:
    """What changed between two plans: tasks added, removed, moved, re-owned, re-scheduled."""
    from planforge.lifecycle.diff import run_diff

    return run_diff(old, new, fmt)


def export(
    source: Path = typer.Argument(..., metavar="SOURCE", help="The plan file (YAML)."),
    fmt: str = typer.Option(..., "--format", "-f", help="ics, xlsx or csv."),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
) -> int:
    """Export to a calendar (ICS) or a work ledger (工作台账, XLSX or CSV)."""
    from planforge.lifecycle.export.run import run_export

    return run_export(source, fmt, output)
