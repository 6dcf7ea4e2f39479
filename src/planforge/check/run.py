"""`planforge check`: find plan files, lint each (in worker processes for many), report.

The per-file work is `lint_source`: load (the C-backed composer gives positions in one
pass), validate, resolve rubrics, run the rules engine, drop suppressed findings. The run
around it adds configuration, baselines, fixes, the output format and the exit code.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from planforge.check.discover import discover
from planforge.check.formats import FileReport, FormatOptions, Report, render
from planforge.config import Config, discover_config, load_config
from planforge.errors import InputError, Location, PlanforgeError, Problem, Severity, UsageError
from planforge.read import read_source

if TYPE_CHECKING:
    from planforge.load import Document
    from planforge.model.plan import Plan

# What a file whose result is in the cache needs is imported here; the parser, the
# validator, the models and the rules only when a file is linted (see check/cached.py).
__all__ = ["run_check"]

LOAD_ERROR = "load-error"
SCHEMA = "schema"
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class CheckOptions:
    """The `planforge check` command line."""

    paths: list[Path]
    rubrics: list[str] = field(default_factory=list)
    fmt: str = "text"
    fail_on: Severity = Severity.ERROR
    config: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    jobs: int | None = None
    quiet: bool = False
    fix: bool = False
    diff: bool = False
    show: str = "warning"
    cache: bool = True
    """Take unchanged files' results from planforge's cache (check/cached.py)."""


@dataclass(frozen=True)
class FileJob:
    """What a worker needs to lint one file; plain data, so it crosses process borders."""

    path: str
    rubrics: tuple[tuple[str, str], ...]  # (reference, folder it is relative to)
    settings: tuple[tuple[str, str], ...]
    options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    """Rule id → (option name, value) pairs the configuration sets for this file."""
    calendar: tuple[tuple[str, Any], ...] = ()
    """The configuration's school periods (deadlines such as 寒假 are read with them)."""

    def rule_options(self) -> dict[str, dict[str, Any]]:
        return {rule: dict(values) for rule, values in self.options}


@dataclass
class Linted:
    """One file's outcome: the report and how many findings comments suppressed."""

    report: FileReport
    suppressed: int = 0


# ---------------------------------------------------------------------------- one file


def lint_source(text: str, job: FileJob) -> Linted:
    """Lint one source text: parse, validate, rubrics, rules, suppression comments."""
    return lint_source_with_plan(text, job)[0]


def lint_source_with_plan(text: str, job: FileJob) -> tuple[Linted, Plan | None, list[Any]]:
    """`lint_source`, the validated plan (None when it does not validate) and the rubric
    `Coverage` objects, for reports that look at more of each plan than its findings."""
    from planforge.check.formats.json_format import coverage_data
    from planforge.check.suppress import apply_suppressions
    from planforge.load import parse
    from planforge.validate import validate

    try:
        doc = parse(text, job.path)
    except InputError as exc:
        return _failed(job.path, exc, LOAD_ERROR), None, []
    try:
        plan = validate(doc)
    except InputError as exc:
        return _failed(job.path, exc, SCHEMA), None, []
    rubrics, unresolved = _resolve_rubrics(plan, job)
    result = engine_lint(
        doc, plan, rubrics, dict(job.settings), unresolved, options=job.rule_options()
    )
    problems, suppressed = apply_suppressions(list(result.problems), doc.text)
    problems.sort(key=_position)
    # Coverage travels back from workers as plain data, not as models holding a rubric.
    report = FileReport(
        job.path, problems, [coverage_data(c) for c in result.coverage], bool(result.error)
    )
    report.summaries = coverage_summaries(result.coverage)
    report.group_sizes = group_sizes(job.rule_options())
    return Linted(report, suppressed), plan, list(result.coverage)


def group_sizes(options: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Rule id → its `group-size` (configured, else its default), for the rules that have
    one: how many of its findings in a file the text output shows as one."""
    from planforge.check.rules import LINT_RULES
    from planforge.check.rules.content import GROUP_SIZE

    out: dict[str, int] = {}
    for rule in LINT_RULES:
        declared = rule.option(GROUP_SIZE)
        if declared is not None:
            out[rule.id] = int(options.get(rule.id, {}).get(GROUP_SIZE, declared.default))
    return out


def cached_result(job: FileJob) -> Linted | None:
    """The result of `job` kept in the cache, when neither the file nor anything its
    result depends on has changed; None otherwise (and when the file cannot be read)."""
    from planforge.check import cached
    from planforge.read import read_bounded

    try:
        raw = read_bounded(Path(job.path), "plan file")
    except InputError:
        return None
    return cached.lookup(cached.material(job, raw))


def lint_file(job: FileJob) -> Linted:
    """Lint the file `job.path` (a worker's task: one `cached_result` found no result
    for) and keep its result in the cache."""
    from planforge.check import cached
    from planforge.read import decode_source, read_bounded

    try:
        raw = read_bounded(Path(job.path), "plan file")
    except InputError as exc:
        return _failed(job.path, exc, LOAD_ERROR)
    key = cached.material(job, raw)
    try:
        text = decode_source(raw, job.path)
    except InputError as exc:
        return _failed(job.path, exc, LOAD_ERROR)
    from planforge.check.rubric import recording

    with recording() as rubric_files:
        linted = lint_source(text, job)
    cached.store(key, linted, rubric_files)
    return linted


def _failed(path: str, exc: PlanforgeError, rule: str) -> Linted:
    problems = exc.problems or [Problem(exc.message, Location(path), hint=exc.hint)]
    tagged = [
        replace(
            p, rule=p.rule or rule, severity=Severity.ERROR, location=p.location or Location(path)
        )
        for p in problems
    ]
    return Linted(FileReport(path, tagged, [], error=True))


def _position(problem: Problem) -> tuple[int, int, str]:
    loc = problem.location
    return (loc.line or 0 if loc else 0, loc.col or 0 if loc else 0, problem.rule or "")


# (reference, folder) → the rubric, and the files it was read from with their stamps.
_RUBRIC_CACHE: dict[tuple[str, str], tuple[Any, tuple[tuple[str, str], ...]]] = {}


def _resolve_rubrics(plan: Plan, job: FileJob) -> tuple[list[Any], list[tuple[int, InputError]]]:
    """The rubrics named by the plan (relative to its folder), then those of the run,
    each loaded once per process; the run's were loaded before linting began."""
    from planforge.check.engine import resolve_rubrics

    folder = str(Path(job.path).parent)
    return resolve_rubrics(folder, plan, job.rubrics, cached_rubric)


def cached_rubric(ref: str, base: str) -> Any:
    """A rubric by built-in id or file path, loaded once per process (again when one of
    its files has changed since, as under `planforge serve`); the files it was read from
    are noted on every use, for the file being linted (check/cached.py)."""
    from planforge.cache import file_stamp as stamp
    from planforge.check.rubric import load_rubric, note_files, recording

    key = (ref, base)
    if key in _RUBRIC_CACHE:
        rubric, files = _RUBRIC_CACHE[key]
        if all(stamp(path) == was for path, was in files):
            note_files(path for path, _ in files)
            return rubric
    with recording() as read:
        rubric = load_rubric(ref, Path(base))
    _RUBRIC_CACHE[key] = (rubric, tuple((path, stamp(path)) for path in dict.fromkeys(read)))
    return rubric


def engine_lint(
    doc: Document,
    plan: Plan,
    rubrics: list[Any],
    settings: dict[str, str],
    unresolved: list[tuple[int, InputError]] | None = None,
    *,
    options: dict[str, dict[str, Any]] | None = None,
) -> Any:
    """The rules engine on one validated plan: findings and rubric coverage."""
    from planforge.check.engine import lint

    return lint(doc, plan, rubrics, settings, unresolved=unresolved, options=options)


def coverage_summaries(coverage: list[Any]) -> list[str]:
    """One line per rubric: items covered, and for scoring rubrics the best grade."""
    lines = []
    for cov in coverage:
        summary = getattr(cov, "summary", None)
        lines.append(summary() if callable(summary) else str(summary or cov))
    return lines


# ---------------------------------------------------------------------------- the run


def run_check(paths: list[Path], options: CheckOptions | None = None) -> int:
    """Check `paths` as the command line asks; the exit code (0, 1 or 2)."""
    options = options or CheckOptions(paths=paths)
    if not options.cache:
        from planforge import cache

        with cache.disabled():
            return run_check(paths, replace(options, cache=True))
    config = load_config(options.config) if options.config else discover_config()
    from planforge.vocab.calendar import configure_school_periods

    configure_school_periods(config.calendar)  # deadlines such as 寒假 read its dates
    _check_options(options)
    jobs = file_jobs(options.paths, options.rubrics, config)
    if not jobs:  # e.g. pre-commit passed only files the configuration ignores
        sys.stderr.write("no files to check: every file given is ignored\n")
        return 0
    # The run keeps many small objects alive (findings of thousands of files); collecting
    # them again and again as they accumulate would cost more than the linting.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    linted = lint_all(jobs, options.jobs, keep_coverage=options.fmt == "json")
    if options.diff or options.fix:
        return _run_fixes(linted, jobs, options)
    return _report(linted, options)


def file_jobs(paths: list[Path], rubrics: list[str], config: Config) -> list[FileJob]:
    """The plan files under `paths` that the configuration does not ignore, each with
    the rubrics and rule settings it is checked with; empty when every file is ignored.

    The run's rubrics (configuration, then `rubrics` relative to the working folder) are
    loaded first: a bad `--rubric` is a bad argument and fails before any linting.
    """
    found = discover(paths)
    if not found:
        raise InputError("no plan files found (looked for *.yaml and *.yml)")
    files = [f for f in found if not _ignored(f, config)]
    cwd = str(Path.cwd())
    run_rubrics = tuple((ref, str(config.root)) for ref in config.rubrics)
    run_rubrics += tuple((ref, cwd) for ref in rubrics)
    for ref, base in run_rubrics:
        cached_rubric(ref, base)
    calendar = tuple(sorted(config.calendar.items()))
    return [
        FileJob(
            str(f),
            run_rubrics,
            tuple(sorted(config.settings_for(f).items())),
            _frozen_options(config.options_for(f)),
            calendar,
        )
        for f in files
    ]


def _frozen_options(
    options: dict[str, dict[str, Any]],
) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    return tuple((rule, tuple(sorted(values.items()))) for rule, values in sorted(options.items()))


def _check_options(options: CheckOptions) -> None:
    from planforge.check.formats import FORMATS

    if options.fmt not in FORMATS:
        raise UsageError(f"unknown format '{options.fmt}'", hint="formats: " + ", ".join(FORMATS))
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("-j must be 1 or more")
    if options.fix and options.diff:
        raise UsageError("--fix and --diff do not go together: --diff only shows the fixes")
    from planforge.check.formats import SHOW

    if options.show not in SHOW:
        from planforge.validate import suggestion

        hint = suggestion(options.show, list(SHOW)) or "--show: " + ", ".join(SHOW)
        raise UsageError(f"--show: expected warning, info or all, got '{options.show}'", hint=hint)


def _ignored(path: Path, config: Config) -> bool:
    if not path.is_absolute() and any(
        part.startswith(".") and part not in (".", "..") for part in path.parts
    ):
        return True  # hidden files (.pre-commit-config.yaml, .github/…) are never plans
    return config.ignored(path)


def worker_count(requested: int | None, files: int) -> int:
    """How many worker processes to lint `files` files with (`-j`, or by the count)."""
    if requested is not None:
        return max(1, min(requested, files))
    if files < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, files // PARALLEL_THRESHOLD))


def lint_all(jobs: list[FileJob], requested: int | None, *, keep_coverage: bool) -> list[Linted]:
    """Every file's result, in the order given whatever the number of workers: those kept
    in the cache read here, the others linted by workers as many as they need. Only the
    JSON output prints rubric coverage; the others drop it as each result arrives, so that
    a run over thousands of files does not hold it all."""

    def kept(linted: Linted) -> Linted:
        if not keep_coverage:
            linted.report.coverage = []
        return linted

    found = [None if (hit := cached_result(job)) is None else kept(hit) for job in jobs]
    misses = [job for job, result in zip(jobs, found, strict=True) if result is None]
    fresh = map_jobs(lint_file, misses, worker_count(requested, len(misses)) if misses else 1)
    out = [result if result is not None else kept(next(fresh)) for result in found]
    fresh.close()  # the workers, if any, are done: shut them down now
    return out


def map_jobs(
    func: Callable[[FileJob], T], jobs: list[FileJob], workers: int
) -> Generator[T, None, None]:
    """`func` (a module-level function) over every job, in `workers` processes forked
    once the rules engine is imported; results in the order of `jobs`."""
    if workers <= 1:
        yield from map(func, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from planforge.check import engine  # noqa: F401  (imported once, before the fork)

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(64, len(jobs) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(func, jobs, chunksize=chunk)


def _report(linted: list[Linted], options: CheckOptions, fixed: int = 0) -> int:
    from planforge.check.baseline import filter_baseline, read_baseline, write_baseline

    report = Report([item.report for item in linted], fixed=fixed)
    report.suppressed = sum(item.suppressed for item in linted)
    failed = any(f.error for f in report.files)
    if options.write_baseline:
        recorded = [p for f in report.files if not f.error for p in f.problems]
        count = write_baseline(options.write_baseline, recorded)
        sys.stderr.write(
            f"wrote {count} finding{'s' if count != 1 else ''} "
            f"to the baseline {options.write_baseline}\n"
        )
        for file in report.files:
            file.problems = [p for p in file.problems if file.error]
        report.baselined = count
    elif options.baseline:
        recorded_fps = read_baseline(options.baseline)
        for file in report.files:
            if not file.error:
                file.problems, left_out = filter_baseline(file.problems, recorded_fps)
                report.baselined += left_out
    sys.stdout.write(render(report, options.fmt, _format_options(options)))
    if failed:
        return 2
    fail_rank = options.fail_on.rank
    return 1 if any(p.severity.rank >= fail_rank for p in report.problems()) else 0


def _format_options(options: CheckOptions) -> FormatOptions:
    color = (
        options.fmt == "text"
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    return FormatOptions(color=bool(color), quiet=options.quiet, show=options.show)


def rule_infos() -> dict[str, Any]:
    """Every rule (`planforge.check.rules.RULES`), for the formats and the report."""
    from planforge.check.rules import RULES

    return dict(RULES)


# ---------------------------------------------------------------------------- fixes


def _run_fixes(linted: list[Linted], jobs: list[FileJob], options: CheckOptions) -> int:
    from planforge.check.fix import fix_text, unified_diff
    from planforge.io import write_atomic

    fixed_total = 0
    diffs: list[str] = []
    notes: list[str] = []
    for index, (item, job) in enumerate(zip(linted, jobs, strict=True)):
        if item.report.error or not any(p.fix for p in item.report.problems):
            continue
        before = read_source(Path(job.path))
        outcome = fix_text(before, functools.partial(_findings_or_none, job=job))
        if outcome.rejected:
            notes.append(f"{job.path}: {outcome.rejected}")
        if not outcome.changed:
            continue
        fixed_total += len(outcome.applied)
        left = len(outcome.remaining)
        rest = f"; {left} finding{'s' if left != 1 else ''} left to fix by hand" if left else ""
        notes.append(f"{job.path}: {_fixed_note(outcome.applied, options.diff)}{rest}")
        if options.diff:
            diffs.append(unified_diff(job.path, before, outcome.text))
        else:
            write_atomic(Path(job.path), outcome.text)
            linted[index] = lint_source(outcome.text, job)
    for note in notes:
        sys.stderr.write(note + "\n")
    if options.diff:
        sys.stdout.write("".join(diffs))
        return 1 if diffs else 0
    return _report(linted, options, fixed=fixed_total)


def _findings_or_none(text: str, job: FileJob) -> list[Problem] | None:
    linted = lint_source(text, job)
    return None if linted.report.error else linted.report.problems


def _fixed_note(applied: list[Problem], dry_run: bool) -> str:
    by_rule: dict[str, int] = {}
    for problem in applied:
        by_rule[problem.rule or "problem"] = by_rule.get(problem.rule or "problem", 0) + 1
    detail = ", ".join(f"{rule} ×{n}" for rule, n in sorted(by_rule.items()))
    verb = "would fix" if dry_run else "fixed"
    return f"{verb} {len(applied)} finding{'s' if len(applied) != 1 else ''} ({detail})"


def parse_fail_on(value: str) -> Severity:
    """The `--fail-on` level; `UsageError` for anything but error, warning or info."""
    try:
        return Severity(value.lower())
    except ValueError:
        raise UsageError(f"--fail-on: expected error, warning or info, got '{value}'") from None
