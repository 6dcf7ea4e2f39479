"""Baselines: adopt the linter in a repository without fixing every old finding first.

`--write-baseline FILE` records a fingerprint of each finding; `--baseline FILE` then
reports only findings whose fingerprint is not recorded. A fingerprint is made of the
rule id, the file's path, the text of the source line and the message (line numbers in
it removed), never of the line number, so it survives lines inserted above the finding.
Identical findings in one file are counted, so a second copy of a recorded one is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from planforge.errors import Problem, UsageError

BASELINE_VERSION = 1
_LINE_NUMBERS = re.compile(r"\bline \d+\b|第\d+行")


def fingerprint(problem: Problem) -> str:
    """A stable identity for a finding that does not depend on where its line moved."""
    path = problem.location.path if problem.location else ""
    source = " ".join((problem.source_line or "").split())
    message = _LINE_NUMBERS.sub("line #", problem.message)
    raw = "\x1f".join((problem.rule or "", path.replace("\\", "/"), source, message))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def fingerprints(problems: Iterable[Problem]) -> list[str]:
    """The fingerprint of each problem, in order."""
    return [fingerprint(p) for p in problems]


def write_baseline(path: Path, problems: Iterable[Problem]) -> int:
    """Record `problems` in a baseline file; the number recorded."""
    from planforge.io import write_atomic

    entries = [
        {
            "fingerprint": fingerprint(p),
            "path": p.location.path if p.location else "",
            "rule": p.rule or "",
            "message": p.message,
        }
        for p in problems
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    data = {"version": BASELINE_VERSION, "tool": "planforge", "findings": entries}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    """The fingerprints recorded in a baseline file, with how often each occurs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{path}: no such baseline file", hint="create one with --write-baseline"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the baseline: {exc}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("version") != BASELINE_VERSION:
        raise UsageError(f"{path}: not a planforge baseline (version {BASELINE_VERSION})")
    counts: Counter[str] = Counter()
    for entry in findings:
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
            counts[entry["fingerprint"]] += 1
    return counts


def filter_baseline(problems: list[Problem], recorded: Counter[str]) -> tuple[list[Problem], int]:
    """The problems not recorded in the baseline, and how many were left out."""
    if not recorded:
        return problems, 0
    remaining = Counter(recorded)
    kept: list[Problem] = []
    for problem in problems:
        fp = fingerprint(problem)
        if remaining[fp] > 0:
            remaining[fp] -= 1
        else:
            kept.append(problem)
    return kept, len(problems) - len(kept)
