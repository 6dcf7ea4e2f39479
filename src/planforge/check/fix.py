"""Apply the fixes that mechanical rules attach to their findings, losslessly.

A fix is an `Edit` of a character span of the source text, so comments, quoting and
layout are kept and only the changed characters differ. Edits that overlap an earlier
one are left for the next pass; `fix_text` runs passes until nothing changes, so one
`--fix` leaves nothing that a second `--fix` would change.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from planforge.errors import Edit, Problem

MAX_PASSES = 10


@dataclass
class FixOutcome:
    """What `--fix` did to one file."""

    text: str
    applied: list[Problem] = field(default_factory=list)
    remaining: list[Problem] = field(default_factory=list)
    rejected: str | None = None  # why the fixed text was not kept, when it was not

    @property
    def changed(self) -> bool:
        return bool(self.applied) and self.rejected is None


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """`text` with the non-overlapping `edits` applied (in order of position), and those."""
    applied: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end or edit.start < 0 or edit.end > len(text) or edit.end < edit.start:
            continue
        if text[edit.start : edit.end] == edit.text:
            continue
        applied.append(edit)
        last_end = max(edit.end, edit.start + (1 if edit.start == edit.end else 0))
    out: list[str] = []
    pos = 0
    for edit in applied:
        out.append(text[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), applied


def fix_text(text: str, lint: Callable[[str], list[Problem] | None]) -> FixOutcome:
    """Fix `text` pass by pass; `lint(text)` gives the findings, or None if it is invalid."""
    problems = lint(text)
    if problems is None:
        return FixOutcome(text, rejected="the file cannot be loaded, so nothing was fixed")
    outcome = FixOutcome(text, remaining=problems)
    for _ in range(MAX_PASSES):
        fixable = [p for p in outcome.remaining if p.fix is not None]
        if not fixable:
            break
        new_text, applied = apply_edits(outcome.text, [p.fix for p in fixable if p.fix])
        if not applied:
            break
        after = lint(new_text)
        if after is None:  # a fix must never break the file: keep what we had
            outcome.rejected = "a fix would have made the file invalid; it was not applied"
            break
        done = {id(e) for e in applied}
        outcome.applied += [p for p in fixable if p.fix is not None and id(p.fix) in done]
        outcome.text, outcome.remaining = new_text, after
    return outcome


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of a fix, as `git diff` would show it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
