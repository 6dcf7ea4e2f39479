"""Helpers for the lifecycle tests: comments of a YAML text, the example plans."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLES, FIXTURES

LIFECYCLE = FIXTURES / "lifecycle"
_BLOCK = re.compile(r"^( *)(?:- +)*(?:[^#\s][^#]*?:)?\s*[|>][-+0-9]*\s*(?:#.*)?$")


def example(name: str) -> Path:
    """An example plan of the repository, or the lifecycle fixture of the same name."""
    path = EXAMPLES / name
    return path if path.exists() else LIFECYCLE / name


def comments(text: str) -> list[str]:
    """Every comment of a YAML text, stripped, in order (block scalar contents skipped)."""
    out: list[str] = []
    block: int | None = None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block):
            continue
        block = None
        comment = _comment_in(line)
        if comment is not None:
            out.append(comment)
        if not line.lstrip().startswith("#") and (m := _BLOCK.match(line)):
            block = len(m.group(1))
    return out


def _comment_in(line: str) -> str | None:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or line[i - 1] in " :[{,-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[i:].strip()
    return None


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added between two texts."""
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added
