"""`planforge check`: load and validate each plan file, report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from planforge.check.discover import discover
from planforge.errors import InputError, Problem, format_problem
from planforge.load import load
from planforge.model.plan import Plan
from planforge.validate import validate


def load_plan(path: Path) -> Plan:
    """Read, parse and validate one plan file; `InputError` with all problems otherwise."""
    return validate(load(path))


def check_file(path: Path) -> list[Problem]:
    try:
        load_plan(path)
    except InputError as exc:
        return exc.problems or [Problem(exc.message, hint=exc.hint)]
    return []


def run_check(paths: list[Path]) -> int:
    files = discover(paths)
    if not files:
        raise InputError("no plan files found (looked for *.yaml and *.yml)")
    invalid = 0
    out = sys.stdout
    for path in files:
        problems = check_file(path)
        if problems:
            invalid += 1
            for problem in problems:
                out.write(format_problem(problem) + "\n")
    checked = len(files)
    noun = "file" if checked == 1 else "files"
    if invalid:
        out.write(f"{invalid} of {checked} {noun} could not be loaded or validated\n")
        return 2
    out.write(f"{checked} {noun} checked, all valid\n")
    return 0
