"""`planforge report`: gather (or merge) a federation's report and write HTML, XLSX or JSON."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from planforge.errors import InputError, UsageError
from planforge.report.data import ReportData

FORMATS = ("html", "xlsx", "json")
GROUP_FIELDS = ("kind", "year", "language", "folder")
STDOUT = Path("-")


@dataclass(frozen=True, kw_only=True)
class ReportOptions:
    """The `planforge report` command line."""

    paths: list[Path]
    output: Path | None = None
    fmt: str | None = None
    rubrics: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    group_by: str | None = None
    with_plans: bool = False
    merge: bool = False
    jobs: int | None = None
    config: Path | None = None
    lang: str | None = None


def run_report(options: ReportOptions) -> int:
    """Build the report the options ask for and write it; 0 when it was written."""
    fmt = output_format(options)
    _check_options(options, fmt)
    if options.output is not None and options.output != STDOUT:
        from planforge.io import refuse_source_as_output

        refuse_source_as_output(options.output, [p for p in options.paths if p.is_file()])
    data = merge_shards(options.paths) if options.merge else gather(options)
    if fmt == "json":
        _write(options.output, data.to_json())
        return 0
    from planforge.report.views import build_view

    view = build_view(data, options.group_by, options.lang)
    if fmt == "html":
        from planforge.report.html import render_html

        _write(options.output, render_html(view))
    else:
        from planforge.report.xlsx import render_xlsx

        _write(options.output, render_xlsx(view))
    return 0


def output_format(options: ReportOptions) -> str:
    """`--format`, else the output's suffix, else HTML."""
    if options.fmt is not None:
        fmt = options.fmt.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(f"--format {options.fmt}: expected one of {', '.join(FORMATS)}")
        return fmt
    if options.output is not None and options.output != STDOUT:
        suffix = options.output.suffix.lower().lstrip(".")
        if suffix == "htm":
            return "html"
        if suffix not in FORMATS:
            raise UsageError(
                f"-o {options.output}: cannot tell the format from the name",
                hint="name it .html, .xlsx or .json, or give --format",
            )
        return suffix
    return "html"


def _check_options(options: ReportOptions, fmt: str) -> None:
    to_stdout = options.output is None or options.output == STDOUT
    if fmt == "xlsx" and to_stdout:
        raise UsageError("XLSX is binary: write it to a file with -o report.xlsx")
    if options.with_plans and (to_stdout or fmt != "html"):
        raise UsageError("--with-plans links the rows of an HTML report written with -o")
    if options.with_plans and options.merge:
        raise UsageError("--with-plans renders plans while reading them; give it to the shards")
    if options.merge and (options.rubrics or options.as_of or options.config):
        raise UsageError("--rubric, --as-of and --config apply to the shards, not to --merge")
    if options.group_by is not None and options.group_by not in GROUP_FIELDS:
        raise UsageError(
            f"--group-by {options.group_by}: expected one of {', '.join(GROUP_FIELDS)}"
        )
    if options.lang is not None and options.lang not in ("zh", "en"):
        raise UsageError(f"--lang {options.lang}: expected zh or en")
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("-j must be 1 or more")
    if not options.paths:
        raise UsageError("give the folders (or files) of the plans, or JSON reports with --merge")


def gather(options: ReportOptions) -> ReportData:
    """Every plan under the paths, as `planforge check` finds and lints them."""
    from planforge.check.run import file_jobs, rule_infos, worker_count
    from planforge.config import discover_config, load_config
    from planforge.report.collect import RowOptions, collect

    config = load_config(options.config) if options.config else discover_config()
    jobs = file_jobs(options.paths, options.rubrics, config)
    if not jobs:
        raise InputError("no plan files to report: every file given is ignored")
    row_options = RowOptions(options.as_of or dt.date.today())
    if options.with_plans:
        assert options.output is not None
        folder = plans_folder(options.output)
        folder.mkdir(parents=True, exist_ok=True)
        row_options = RowOptions(row_options.as_of, str(folder), folder.name)
    return collect(jobs, row_options, worker_count(options.jobs, len(jobs)), rule_infos())


def plans_folder(output: Path) -> Path:
    """Where `--with-plans` puts the plans' pages: `report-plans/` next to `report.html`."""
    return output.with_name(f"{output.stem}-plans")


def merge_shards(paths: list[Path]) -> ReportData:
    """The JSON reports of several runs as one report."""
    from planforge.report.data import from_json, merge

    shards = []
    for path in paths:
        if path.is_dir():
            raise UsageError(f"--merge {path}: a folder; give the JSON reports to merge")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the report: {exc}") from None
        shards.append((str(path), from_json(text, str(path))))
    return merge(shards)


def _write(output: Path | None, payload: str | bytes) -> None:
    if output is None or output == STDOUT:
        sys.stdout.write(payload if isinstance(payload, str) else payload.decode("utf-8"))
        return
    from planforge.io import write_atomic

    write_atomic(output, payload)
    sys.stderr.write(f"wrote {output}\n")
