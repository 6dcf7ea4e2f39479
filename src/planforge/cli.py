"""The command line: parse arguments, call a pipeline stage, print, return an exit code.

Heavy libraries (pydantic models, jinja2, python-docx, rich) are imported inside the
commands that need them, so `planforge --version` and `--help` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
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


# Each command is declared once, next to its stage, and loaded by name only when it runs:
# `planforge check` never imports the render stage's declaration, and typer builds no
# parameters for commands that do not run (click's lazy-group pattern).
COMMANDS: dict[str, str] = {
    "new": "planforge.lifecycle.commands:new",
    "check": "planforge.check.commands:check",
    "schema": "planforge.model.commands:schema",
    "render": "planforge.render.commands:render",
    "fonts": "planforge.render.commands:fonts",
    "import": "planforge.importer.commands:import_plan",
    "status": "planforge.lifecycle.commands:status",
    "set": "planforge.lifecycle.commands:set_task",
    "log": "planforge.lifecycle.commands:log",
    "fmt": "planforge.lifecycle.commands:fmt",
    "diff": "planforge.lifecycle.commands:diff",
    "export": "planforge.lifecycle.commands:export",
    "rubrics": "planforge.check.commands:rubrics",
    "rules": "planforge.check.commands:rules",
    "report": "planforge.report.commands:report",
    "score": "planforge.score.commands:score",
    "serve": "planforge.serve.commands:serve",
}

APP_HELP = (
    "Write, check and render annual trade-union work plans (工作计划) and "
    "year-end summaries (工作总结) from YAML sources."
)
# Plain help: rich formatting would double start-up time.
APP_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def command_function(name: str) -> Callable[..., Any] | None:
    """The function declaring command `name` (imported now), or None for an unknown name."""
    target = COMMANDS.get(name)
    if target is None:
        return None
    import importlib

    module, _, attr = target.partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return func


def load_command(name: str) -> Any:
    """The click command `name`, built by typer from its one declaration; None if unknown."""
    func = command_function(name)
    if func is None:
        return None
    import typer

    single = typer.Typer(**APP_SETTINGS)
    single.command(name=name)(guarded(func))
    return typer.main.get_command(single)


def build_app() -> Any:
    """The root typer app: the global options here, the commands loaded on demand."""
    import typer
    from typer.core import TyperGroup

    class LazyGroup(TyperGroup):
        def list_commands(self, ctx: Any) -> list[str]:
            return list(COMMANDS)

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            return load_command(cmd_name)

    app = typer.Typer(
        name="planforge", help=APP_HELP, cls=LazyGroup, no_args_is_help=True, **APP_SETTINGS
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

    return app


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
