"""The command line: parse arguments, call a pipeline stage, print, return an exit code.

Heavy libraries (pydantic models, jinja2, python-docx, rich) are imported inside the
commands that need them, so `planforge --version` and `--help` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planforge import __version__

# typer is imported lazily by main(): `planforge --version` answers without it.


def _print_error(message: str) -> None:
    if sys.stderr is None:  # started with standard error closed
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(message.rstrip("\n") + "\n")


BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader left


def report_error(exc: BaseException) -> int:
    """The one error boundary: a user-facing error becomes a message and exit code 2."""
    from planforge.errors import PlanforgeError, format_problem

    if isinstance(exc, PlanforgeError):
        if exc.problems:
            for problem in exc.problems:
                _print_error(format_problem(problem))
            count = len(exc.problems)
            if count > 1:
                _print_error(f"{count} problems found")
        else:
            _print_error(f"error: {exc.message}")
        if exc.hint:
            _print_error(f"  = {exc.hint}")
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        _print_error("interrupted")
        return 130
    abort = getattr(sys.modules.get("typer"), "Abort", None)
    if abort is not None and isinstance(exc, abort):  # Ctrl-D or Ctrl-C at a prompt
        _print_error("\naborted; nothing was written")
        return 1
    if isinstance(exc, MemoryError):
        _print_error("error: out of memory; the input is too large")
        return 2
    if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): nothing to say
        return BROKEN_PIPE
    if isinstance(exc, OSError):  # the system refused (a full disk, a device error)
        where = f": {exc.filename}" if exc.filename else ""
        _print_error(f"error: {exc.strerror or exc}{where}")
        _print_error("  = run again with --debug for the traceback")
        return 2
    _print_error(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in planforge. Run again with --debug for the traceback and report it."
    )
    return 2


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command so that errors go through `report_error` (tracebacks with --debug)."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import typer

        raise typer.Exit(call_guarded(func, *args, **kwargs))

    return wrapper


def call_guarded(func: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """Run a command; its exit code, or the error boundary's for whatever it raised."""
    try:
        return int(func(*args, **kwargs) or 0)
    except BaseException as exc:
        if _DEBUG["on"] and not isinstance(exc, KeyboardInterrupt):
            import traceback

            traceback.print_exc()
        return report_error(exc)


_DEBUG = {"on": bool(os.environ.get("PLANFORGE_DEBUG"))}


def _date_option(name: str, value: str | None) -> Any:
    """A YYYY-MM-DD option as a date; a clear usage error otherwise."""
    if value is None:
        return None
    import datetime as dt

    from planforge.errors import UsageError

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name}: expected a date like 2026-05-15, got '{value}'") from None


def build_app() -> Any:
    import typer

    app = typer.Typer(
        name="planforge",
        help=(
            "Write, check and render annual trade-union work plans (工作计划) and "
            "year-end summaries (工作总结) from YAML sources."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain help: rich would double start-up time
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_callback(value: bool) -> None:
        if value:
            print(f"planforge {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        version: bool = typer.Option(
            False,
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
        debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
    ) -> None:
        _DEBUG["on"] = _DEBUG["on"] or debug

    @app.command()
    @guarded
    def new(
        path: Path | None = typer.Argument(
            None, metavar="PATH", help="Where to write the plan (plan.yaml)."
        ),
        org: str | None = typer.Option(None, "--org", help="The issuing union."),
        year: int | None = typer.Option(None, "--year", help="The plan's year."),
        lang: str | None = typer.Option(None, "--lang", help="zh or en."),
        starter: str | None = typer.Option(
            None, "--starter", help="school, enterprise, federation or en."
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

        return run_new(NewOptions(path, org, year, lang, starter, no_input, force))

    @app.command()
    @guarded
    def check(
        paths: list[Path] = typer.Argument(
            ..., metavar="PATHS", help="Plan files or folders to check."
        ),
        rubric: list[str] = typer.Option(
            [], "--rubric", help="A rubric id or file to hold the plans to (repeatable)."
        ),
        fmt: str = typer.Option(
            "text", "--format", "-f", help="text, json, sarif, github or junit."
        ),
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
        fix: bool = typer.Option(False, "--fix", help="Apply the fixes of mechanical rules."),
        diff: bool = typer.Option(False, "--diff", help="Show the fixes without writing."),
    ) -> int:
        """Lint plan files: validation, rules and rubrics. Exit 0 clean, 1 findings, 2 failure."""
        from planforge.check.run import CheckOptions, parse_fail_on, run_check

        options = CheckOptions(
            paths,
            rubric,
            fmt,
            parse_fail_on(fail_on),
            config,
            baseline,
            write_baseline,
            jobs,
            quiet,
            fix,
            diff,
        )
        return run_check(paths, options)

    @app.command()
    @guarded
    def schema(
        output: Path | None = typer.Option(None, "-o", "--output", help="Write to a file."),
    ) -> int:
        """Print the JSON Schema of the plan source format (for editors)."""
        from planforge.model.schema import schema_json

        text = schema_json()
        if output is None:
            sys.stdout.write(text)
        else:
            from planforge.io import write_atomic

            write_atomic(output, text)
        return 0

    @app.command()
    @guarded
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
        from planforge.render.run import RenderOptions, run_render

        options = RenderOptions(
            source,
            fmt,
            summary,
            _path_option("-o", output),
            _path_option("--template", template),
            profile,
            not no_cache,
        )
        return run_render(options)

    @app.command("import")
    @guarded
    def import_(
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
        force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
    ) -> int:
        """Turn an existing plan document into a planforge source, marking what was guessed."""
        from planforge.importer.run import ImportOptions, run_import

        return run_import(ImportOptions(source, output, out_dir, lang, org, year, force))

    @app.command()
    @guarded
    def status(
        sources: list[Path] = typer.Argument(..., metavar="SOURCES", help="Plan files or folders."),
        as_of: str | None = typer.Option(None, "--as-of", help="The date (default: today)."),
        fmt: str = typer.Option("text", "--format", "-f", help="text, json or md."),
        owner: str | None = typer.Option(None, "--owner", help="Only this owner's tasks."),
    ) -> int:
        """Progress at a date: done, in progress, overdue, due soon, not started."""
        from planforge.lifecycle.status import run_status

        return run_status(sources, _date_option("--as-of", as_of), fmt, owner)

    @app.command("set")
    @guarded
    def set_(
        source: Path = typer.Argument(..., metavar="SOURCE", help="The plan file (YAML)."),
        task_id: str = typer.Argument(..., metavar="TASK_ID", help="The id of the task."),
        status: str = typer.Option(..., "--status", help="planned, in_progress, done or dropped."),
        result: str | None = typer.Option(None, "--result", help="What came of it."),
        date: str | None = typer.Option(None, "--date", help="When it was done (with done)."),
        evidence: list[str] = typer.Option([], "--evidence", help="A file or record proving it."),
    ) -> int:
        """Record a task's progress in the source, keeping comments and layout."""
        from planforge.lifecycle.setter import Update, parse_status, run_set

        update = Update(parse_status(status), result, _date_option("--date", date), evidence)
        return run_set(source, task_id, update)

    @app.command()
    @guarded
    def fmt(
        paths: list[Path] = typer.Argument(..., metavar="PATHS", help="Plan files or folders."),
        check: bool = typer.Option(
            False, "--check", help="Change nothing; print a diff and exit 1 if a file would change."
        ),
    ) -> int:
        """Give plan sources one canonical layout, keeping every comment."""
        from planforge.lifecycle.fmt import run_fmt

        return run_fmt(paths, check)

    @app.command()
    @guarded
    def diff(
        old: Path = typer.Argument(..., metavar="OLD", help="The earlier plan (e.g. last year's)."),
        new: Path = typer.Argument(..., metavar="NEW", help="The later plan."),
        fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    ) -> int:
        """What changed between two plans: tasks added, removed, moved, re-owned, re-scheduled."""
        from planforge.lifecycle.diff import run_diff

        return run_diff(old, new, fmt)

    @app.command()
    @guarded
    def export(
        source: Path = typer.Argument(..., metavar="SOURCE", help="The plan file (YAML)."),
        fmt: str = typer.Option(..., "--format", "-f", help="ics, xlsx or csv."),
        output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
    ) -> int:
        """Export to a calendar (ICS) or a work ledger (工作台账, XLSX or CSV)."""
        from planforge.lifecycle.export.run import run_export

        return run_export(source, fmt, output)

    @app.command()
    @guarded
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

    @app.command()
    @guarded
    def rules(
        rule_id: str | None = typer.Argument(
            None, metavar="RULE_ID", help="Print this rule's documentation."
        ),
    ) -> int:
        """List the rules of `planforge check` (id, default severity, fixable, summary)."""
        from planforge.check.listing import rule_text, rules_text

        sys.stdout.write(rule_text(rule_id) if rule_id else rules_text())
        return 0

    @app.command()
    @guarded
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
        from planforge.report.run import ReportOptions, run_report

        options = ReportOptions(
            paths,
            output,
            fmt,
            rubric,
            _date_option("--as-of", as_of),
            group_by,
            with_plans,
            merge,
            jobs,
            config,
            lang,
        )
        return run_report(options)

    # Commands of later pipeline stages register here, each importing its stage lazily.
    return app


# `planforge render` is the command run over and over (on every save, for every format), and
# typer costs more than the rendering: it builds a pydantic TypeAdapter for each option. So
# a plain `render` command line is read here, by the same rules click applies to the
# command declared above (tests hold the two to the same result); whatever this reader
# does not fully understand (help, an unknown or incomplete option, `--`) goes to typer,
# which gives the usual help and usage errors.
RENDER_VALUE_OPTIONS = {
    "--format": "format",
    "-f": "format",
    "--output": "output",
    "-o": "output",
    "--template": "template",
    "--profile": "profile",
}
RENDER_FLAGS = {"--summary": "summary", "--no-cache": "no_cache"}


def parse_render_args(args: list[str]) -> dict[str, Any] | None:
    """The arguments after `render` as RenderOptions fields, or None to leave them to typer."""
    values: dict[str, Any] = {}
    source: str | None = None
    rest = iter(args)
    for arg in rest:
        if arg in RENDER_FLAGS:
            values[RENDER_FLAGS[arg]] = True
            continue
        if not arg.startswith("-") or arg == "-":
            if source is not None or not arg or arg == "-":
                return None
            source = arg
            continue
        name, sep, attached = arg.partition("=") if arg.startswith("--") else (arg[:2], "", arg[2:])
        field = RENDER_VALUE_OPTIONS.get(name)
        if field is None:
            return None
        value = attached if (sep or attached) else next(rest, None)
        if not value or (value.startswith("-") and value != "-"):
            return None
        values[field] = value
    if source is None:
        return None
    values["source"] = source
    return values


def _render_fast(values: dict[str, Any]) -> int:
    from planforge.render.run import RenderOptions, run_render

    def render() -> int:
        options = RenderOptions(
            source=Path(values["source"]),
            format=values.get("format", "docx"),
            summary=values.get("summary", False),
            output=_path_option("-o", values.get("output")),
            template=_path_option("--template", values.get("template")),
            profile=values.get("profile"),
            cache=not values.get("no_cache", False),
        )
        return run_render(options)

    return call_guarded(render)


def _path_option(name: str, value: str | None) -> Path | None:
    """A path option as a Path; an empty one is a usage error (Path('') would be '.')."""
    if value is None:
        return None
    if not value.strip():
        from planforge.errors import UsageError

        raise UsageError(f"{name}: expected a file or folder name, got nothing")
    return Path(value)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answer without importing typer
        print(f"planforge {__version__}")
        return
    # A plan loads as hundreds of thousands of small objects and nothing here makes cycles
    # worth chasing that often: the default thresholds spend 4x the parse time in the GC.
    import gc

    gc.set_threshold(100_000, 50, 100)
    # planforge uses no pydantic plugins; looking for them scans every installed package's
    # metadata at the first model class.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    render_values = parse_render_args(args[1:]) if args[:1] == ["render"] else None
    if render_values is not None:
        status = _render_fast(render_values)
        if status:
            raise SystemExit(status)
        return
    app = build_app()
    try:
        app(args=args, prog_name="planforge", standalone_mode=True)
    except SystemExit as exit_:
        if exit_.code not in (0, None):
            raise
        return


def run() -> None:
    """The console script: `main`, then leave without tearing the interpreter down.

    Like mypy, planforge exits at once: every output is written and closed by then, and
    freeing a plan's objects one by one only delays the prompt (10–20 ms for a big plan).
    Standard output and error, which may still hold text, are flushed first; output that
    cannot be written is an error, not a silent success.
    """
    try:
        main()
        code = 0
    except SystemExit as exit_:
        if isinstance(exit_.code, str):
            _print_error(exit_.code)
            code = 1
        else:
            code = exit_.code or 0
    except (OSError, KeyboardInterrupt) as exc:  # outside a command: printing help or version
        code = report_error(exc)
    os._exit(_flush_standard_streams(code))


def _flush_standard_streams(code: int) -> int:
    """Flush stdout and stderr; the exit code, made an error if stdout could not be written."""
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            code = code or BROKEN_PIPE
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            _print_error(f"error: cannot write to standard output: {reason}")
            code = code or 2
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
    return code


if __name__ == "__main__":  # pragma: no cover
    run()
