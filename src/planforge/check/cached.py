"""One file's check result in planforge's cache: an unchanged plan is not linted again.

`planforge check` runs on every commit (pre-commit) and on every plan of a federation's
repository in CI, where most files have not changed since the last run. As ruff does, a
file's result (its findings, rubric coverage and grouping sizes) is kept under a key made
of everything the result depends on:

- the file's exact bytes and its path (findings name it; file rubrics are relative to it);
- how it is checked: the run's rubrics with the folders they are relative to, the rule
  settings and options the configuration gives this file, and the school calendar;
- the code and data of planforge and of its parser and validator (`cache.code_fingerprint`:
  built-in rubrics, concepts and vocabularies are data files of the package);
- and, stored in the entry, the rubric files it read or looked for (`rubrics: [./r.yaml]`,
  `extends:`), each with its size and modification time, or as absent: a rubric file
  edited, created or removed since makes the entry stale.

A hit imports neither the YAML parser, nor pydantic, nor the rules; the findings are
rebuilt as the `Problem`s that were stored. See cache.py for how entries are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planforge import cache
from planforge.cache import BOOL, INT, STR, JSONData, Kind, ListOf, MapOf, Nullable, OneOf, Record
from planforge.errors import Edit, Location, Problem, Severity

if TYPE_CHECKING:
    from planforge.check.run import FileJob, Linted

LOCATION = Record(
    {
        "path": STR,
        "line": Nullable(INT),
        "col": Nullable(INT),
        "end_line": Nullable(INT),
        "end_col": Nullable(INT),
    }
)
PROBLEM = Record(
    {
        "message": STR,
        "location": Nullable(LOCATION),
        "severity": OneOf(*(s.value for s in Severity)),
        "rule": Nullable(STR),
        "hint": Nullable(STR),
        "source_line": Nullable(STR),
        "fix": Nullable(Record({"start": INT, "end": INT, "text": STR})),
    }
)
ENTRY = Record(
    {
        "path": STR,
        "depends": ListOf(Record({"path": STR, "stamp": STR})),
        "problems": ListOf(PROBLEM),
        "coverage": ListOf(JSONData()),
        "error": BOOL,
        "summaries": ListOf(STR),
        "group_sizes": MapOf(INT),
        "suppressed": INT,
    }
)


@dataclass(frozen=True)
class Entry:
    """A stored result and the rubric files (path, stamp) it was linted with."""

    linted: Linted
    depends: tuple[tuple[str, str], ...]


def material(job: FileJob, raw: bytes) -> bytes:
    """The key material of `job` on a file holding `raw`."""
    # every field of the job, so that one added later is part of the key too
    return repr(job).encode("utf-8", "surrogateescape") + b"\0" + raw


def lookup(key: bytes) -> Linted | None:
    """The stored result for `key`, when every rubric file it read is as it was."""
    hit = cache.get(KIND, key)
    if hit is None or any(cache.file_stamp(path) != was for path, was in hit.depends):
        return None
    return hit.linted


def store(key: bytes, linted: Linted, files: Iterable[str]) -> None:
    """Keep `linted` under `key`, with the stamps of the rubric `files` it read."""
    depends = tuple((path, cache.file_stamp(path)) for path in dict.fromkeys(files))
    cache.put(KIND, key, Entry(linted, depends))


def _data(entry: Entry) -> dict[str, Any]:
    report = entry.linted.report
    return {
        "path": report.path,
        "depends": [{"path": p, "stamp": s} for p, s in entry.depends],
        "problems": [_problem_data(p) for p in report.problems],
        "coverage": list(report.coverage),
        "error": report.error,
        "summaries": list(report.summaries),
        "group_sizes": dict(report.group_sizes),
        "suppressed": entry.linted.suppressed,
    }


def _problem_data(problem: Problem) -> dict[str, Any]:
    loc, fix = problem.location, problem.fix
    return {
        "message": problem.message,
        "location": None
        if loc is None
        else {
            "path": loc.path,
            "line": loc.line,
            "col": loc.col,
            "end_line": loc.end_line,
            "end_col": loc.end_col,
        },
        "severity": problem.severity.value,
        "rule": problem.rule,
        "hint": problem.hint,
        "source_line": problem.source_line,
        "fix": None if fix is None else {"start": fix.start, "end": fix.end, "text": fix.text},
    }


def _entry(data: dict[str, Any]) -> Entry:
    from planforge.check.formats import FileReport
    from planforge.check.run import Linted

    problems = []
    for item in data["problems"]:
        loc, fix = item["location"], item["fix"]
        problems.append(
            Problem(
                item["message"],
                location=None if loc is None else Location(**loc),
                severity=Severity(item["severity"]),
                rule=item["rule"],
                hint=item["hint"],
                source_line=item["source_line"],
                fix=None if fix is None else Edit(**fix),
            )
        )
    report = FileReport(
        data["path"],
        problems,
        data["coverage"],
        data["error"],
        data["summaries"],
        data["group_sizes"],
    )
    depends = tuple((d["path"], d["stamp"]) for d in data["depends"])
    return Entry(Linted(report, data["suppressed"]), depends)


KIND: Kind[Entry] = Kind("check-result", ENTRY, _data, _entry)
