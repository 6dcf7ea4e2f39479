"""`planforge fmt --repair`: mend the YAML slips whose intent is plain, in the text itself,
so that every comment and every other character stays as written.

Mended: a full-width colon `：` after a key (`deadline：5月` → `deadline: 5月`), a full-width
space U+3000 after a key (deleted), and tabs or full-width spaces in the indentation. An
indentation is mended only when it is unambiguous: the tab read as 2, 4 or 8 columns, or
as the indentation of the line above, gives one and the same plan in every reading that
is a valid plan. Anything else is left for the author, and `check` still says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from planforge.errors import InputError
from planforge.slips import Slip, find_slips, line_of

_INDENT = re.compile(r"^[ \t\u3000]*")


@dataclass(frozen=True)
class Change:
    """One mend: where it was (1-based line and column in the original text) and what."""

    line: int
    col: int
    what: str


def repair_text(text: str, name: str) -> tuple[str, list[Change]]:
    """`text` with its unambiguous slips mended, and the changes made (in text order)."""
    slips = find_slips(text)
    if not slips:
        return text, []
    lines = text.split("\n")
    changes: list[Change] = []
    fixed = list(lines)
    mends = [s for s in slips if s.replacement is not None]  # one reading only
    for slip in sorted(mends, key=lambda s: -s.index):  # right to left: columns hold
        i = line_of(text, slip.index)
        col = slip.index - (text.rfind("\n", 0, slip.index) + 1)
        fixed[i] = _mended(fixed[i], col, slip.replacement or "")
        changes.append(Change(i + 1, col + 1, _said(slip)))
    indented = sorted({line_of(text, s.index) for s in slips if s.replacement is None})
    if indented:
        chosen = _unambiguous_indentation(fixed, indented, name)
        if chosen is not None:
            for i in indented:
                old = _INDENT.match(fixed[i]).group()  # type: ignore[union-attr]
                new = chosen[i]
                fixed[i] = new + fixed[i][len(old) :]
                changes.append(Change(i + 1, 1, _said_indent(old, new)))
    # a mend after which YAML cannot read its line was not what the author meant there
    # (`deadline：5月` inside a text's continuation line): it is undone, and check says where
    while (bad := _unreadable_line(fixed, name)) is not None:
        undone = {c.line for c in changes if bad - 1 <= c.line <= bad}
        if not undone:
            break
        for line in undone:
            fixed[line - 1] = lines[line - 1]
        changes = [c for c in changes if c.line not in undone]
    changes.sort(key=lambda c: (c.line, c.col))
    return "\n".join(fixed), changes


def _unreadable_line(lines: list[str], name: str) -> int | None:
    """The 1-based line of the YAML error in `lines`, None when YAML reads them."""
    from planforge.load import parse

    try:
        parse("\n".join(lines), name)
    except InputError as exc:
        location = exc.problems[0].location if exc.problems else None
        return location.line if location is not None and location.line else 0
    return None


def _mended(line: str, col: int, replacement: str) -> str:
    """`line` with the character at `col` replaced; a colon is followed by a space."""
    rest = line[col + 1 :]
    if replacement == ":" and rest and rest[0] not in " \t":
        replacement = ": "
    return line[:col] + replacement + rest


def _said(slip: Slip) -> str:
    if slip.replacement == ":":
        return f"full-width colon '：' after '{slip.key}' → ':'"
    return f"full-width space U+3000 after '{slip.key}' deleted"


def _said_indent(old: str, new: str) -> str:
    what = []
    if "\t" in old:
        what.append("tab" + ("s" if old.count("\t") > 1 else ""))
    if "\u3000" in old:
        what.append("full-width space" + ("s" if old.count("\u3000") > 1 else "") + " U+3000")
    return f"{' and '.join(what)} in the indentation → {len(new)} spaces"


def _unambiguous_indentation(
    lines: list[str], indented: list[int], name: str
) -> dict[int, str] | None:
    """The indentation of each line in `indented` when every valid reading agrees."""
    readings = [_expanded(lines, indented, width) for width in (2, 4, 8)]
    readings.append(_as_line_above(lines, indented))
    valid: list[tuple[dict[int, str], Any]] = []
    parsed: list[tuple[dict[int, str], Any]] = []
    for reading in readings:
        candidate = list(lines)
        for i, indent in reading.items():
            candidate[i] = indent + _INDENT.sub("", candidate[i], count=1)
        meaning = _read(candidate, name)
        if meaning is None:
            continue
        plan, data = meaning
        parsed.append((reading, data))
        if plan is not None:
            valid.append((reading, plan))
    group = valid or parsed
    if not group or any(m != group[0][1] for _, m in group[1:]):
        return None
    return group[0][0]


def _expanded(lines: list[str], indented: list[int], width: int) -> dict[int, str]:
    out = {}
    for i in indented:
        old = _INDENT.match(lines[i]).group()  # type: ignore[union-attr]
        out[i] = " " * len(old.replace("\u3000", "  ").expandtabs(width))
    return out


def _as_line_above(lines: list[str], indented: list[int]) -> dict[int, str]:
    out = {}
    for i in indented:
        above = next(
            (ln for ln in reversed(lines[:i]) if ln.strip() and not ln.lstrip().startswith("#")),
            "",
        )
        indent = _INDENT.match(above).group()  # type: ignore[union-attr]
        out[i] = " " * len(indent.replace("\u3000", "  ").expandtabs(2))
    return out


def _read(lines: list[str], name: str) -> tuple[Any, Any] | None:
    """(the plan's meaning or None when it is not a valid plan, the data), or None when
    the text is not YAML."""
    from planforge.load import parse
    from planforge.validate import validate

    try:
        doc = parse("\n".join(lines), name)
    except InputError:
        return None
    try:
        return validate(doc).model_dump(), doc.data
    except InputError:
        return None, doc.data
