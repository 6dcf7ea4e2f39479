"""The YAML slips people make when they type a plan in a Chinese editor, found in the text
and explained: a tab in the indentation, a full-width colon `：` or a full-width space
U+3000 after a key or in the indentation, a value that starts with a YAML indicator or a
quote it does not close, a list in full-width brackets 【】.

The loader (load.py) turns a slip near a YAML error, or one the parser would read as text
without complaint, into a located problem at the very character; `fmt --repair`
(lifecycle/repair.py) mends the unambiguous ones. Keys of a plan or configuration are
lower-case ASCII words (`deadline`, `owners`, `empty-month`), so a line that starts with
such a word and a full-width colon is a key, not Chinese text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = r"[a-z_][a-z0-9_-]*"
_LEAD = r"[ \t\u3000]*(?:-[ \t\u3000]+)*"
# `deadline：5月12日`, `- owners：工会`: an ASCII key, then a full-width colon
_FW_COLON = re.compile(rf"{_LEAD}(?P<key>{_KEY})(?P<gap>[ \t\u3000]*)(?P<colon>：)")
# `deadline　: 5月`, `　　deadline: 5月`: a full-width space before the key's colon
_FW_SPACE = re.compile(rf"(?P<lead>{_LEAD})(?P<key>{_KEY})(?P<gap>[ \t\u3000]*)(?P<colon>[:：])")
# a tab among the spaces that indent a line
_TAB_INDENT = re.compile(r"[ \u3000]*\t[ \t\u3000]*(?=\S)")
_BLOCK_OPENER = re.compile(r"(?:^|[:\-]\s+|^\s*)[|>][-+0-9]*\s*(?:#.*)?$")

TAB = "tab"
FULL_WIDTH_COLON = "full-width colon"
FULL_WIDTH_SPACE = "full-width space"

REPAIR_HINT = "`planforge fmt --repair FILE` mends it and says what it changed"


@dataclass(frozen=True)
class Slip:
    """One slip: where it is (`index` into the text, `length` characters), what it is, and
    the text that repairs it (`None` when the repair depends on the layout: indentation)."""

    kind: str
    index: int
    length: int
    message: str
    hint: str
    key: str | None = None
    replacement: str | None = None


def find_slips(text: str) -> list[Slip]:
    """Every tab or full-width character in a key line's indentation or after its key, in
    the order they stand; lines inside a block text (`|`, `>`) are its content, not slips."""
    found: list[Slip] = []
    for m in _lines_matching(text, "：", _FW_COLON):
        found.append(_colon_slip(m))
    for m in _lines_matching(text, "\u3000", _FW_SPACE):
        found += _space_slips(m)
    for m in _lines_matching(text, "\t", _TAB_INDENT):
        found.append(_tab_slip(m))
    if not found:
        return []
    blocks = block_text_lines(text)
    found = [s for s in found if line_of(text, s.index) not in blocks]
    unique = {(s.index, s.kind): s for s in found}
    return sorted(unique.values(), key=lambda s: s.index)


def _lines_matching(text: str, char: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """`pattern` matched at the start of each line that holds `char`: a scan of the
    characters, not a regular expression tried at every position of a large file."""
    out: list[re.Match[str]] = []
    at = text.find(char)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        m = pattern.match(text, start, end)
        if m is not None and m.end() > at:
            out.append(m)
        at = text.find(char, end)
    return out


def _colon_slip(m: re.Match[str]) -> Slip:
    key = m["key"]
    return Slip(
        FULL_WIDTH_COLON,
        m.start("colon"),
        1,
        f"full-width colon '：' (U+FF1A) after the key '{key}': YAML separates a key from "
        "its value with the ASCII colon ':' and a space",
        f"write '{key}: …' with the ASCII colon; {REPAIR_HINT}",
        key,
        ":",
    )


def _space_slips(m: re.Match[str]) -> list[Slip]:
    key = m["key"]
    out = []
    lead_at = m["lead"].find("\u3000")
    if lead_at >= 0:
        out.append(
            Slip(
                FULL_WIDTH_SPACE,
                m.start("lead") + lead_at,
                1,
                "full-width space U+3000 in the indentation of the key "
                f"'{key}': YAML indents with ASCII spaces only",
                f"indent with ASCII spaces; {REPAIR_HINT}",
                key,
            )
        )
    gap_at = m["gap"].find("\u3000")
    if gap_at >= 0:
        out.append(
            Slip(
                FULL_WIDTH_SPACE,
                m.start("gap") + gap_at,
                1,
                f"full-width space U+3000 after the key '{key}': it makes the key "
                f"'{key}\u3000', which no plan has",
                f"delete it; {REPAIR_HINT}",
                key,
                "",
            )
        )
    return out


def _tab_slip(m: re.Match[str]) -> Slip:
    at = m.start() + m.group().index("\t")
    return Slip(
        TAB,
        at,
        1,
        "a tab in the indentation: tabs cannot indent YAML, only spaces can",
        f"indent with spaces; {REPAIR_HINT}",
    )


def line_of(text: str, index: int) -> int:
    """The 0-based line of `text[index]` (lines end at '\\n')."""
    return text.count("\n", 0, index)


def block_text_lines(text: str) -> set[int]:
    """0-based lines that are the content of a block text (`key: |` or `key: >-` and the
    lines indented below it), found from the text alone, so a file YAML refuses has them
    too."""
    out: set[int] = set()
    opener_indent: int | None = None
    for i, line in enumerate(text.split("\n")):
        body = line.lstrip(" \t\u3000")
        indent = len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip(" \t\u3000"))
        if opener_indent is not None:
            if not body or indent > opener_indent:
                out.add(i)
                continue
            opener_indent = None
        if body and not body.startswith("#") and _BLOCK_OPENER.search(line.rstrip()):
            opener_indent = indent
    return out


# ---------------------------------------------------------------------------- values

_INDICATORS = {
    "*": "an alias (a reference to an anchor '&')",
    "&": "an anchor",
    "!": "a tag",
    "|": "the start of a literal block text",
    ">": "the start of a folded block text",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
}
_VALUE_START = re.compile(r"^(?P<before>\s*(?:-\s+)*(?:[^\s#'\"][^#]*?:\s+|-\s+|\s*))$")


def quoted(value: str) -> str:
    """`value` in single quotes, as YAML reads it back unchanged."""
    return "'" + value.replace("'", "''") + "'"


def indicator_slip(line: str, col: int) -> tuple[str, str] | None:
    """(message, hint) when the value at 0-based `col` of `line` starts with a character
    that YAML reads as syntax (`*重点`, `&`, `!`, `|`, `>`, `@`, `` ` ``, `%`)."""
    ch = line[col : col + 1]
    if ch not in _INDICATORS or not _VALUE_START.match(line[:col]):
        return None
    value = _value_text(line[col:])
    return (
        f"the value {value!r} starts with '{ch}', which YAML reads as {_INDICATORS[ch]}",
        f"quote the value to keep it as text: {_key_part(line[:col])}{quoted(value)}",
    )


def quote_slip(line: str, col: int, *, unclosed: bool) -> tuple[str, str] | None:
    """(message, hint) for a value opened by a quote at 0-based `col` of `line` that is
    never closed (`unclosed`) or that goes on after its closing quote (`"召开" 大会`)."""
    q = line[col : col + 1]
    if q not in ("'", '"') or not _VALUE_START.match(line[:col]):
        return None
    value = _value_text(line[col:])
    key = _key_part(line[:col])
    other = '"' if q == "'" else "'"
    whole = f"{other}{value}{other}" if other not in value else quoted(value)
    if unclosed:
        body = value[1:]
        return (
            f"the quote {q} that opens the value {value!r} is never closed",
            f"close it ({key}{q}{body}{q}), or, if the quote belongs to the text, quote the "
            f"whole value: {key}{whole}",
        )
    return (
        f"the value {value!r} goes on after its closing quote {q}",
        f"a value that starts with a quote ends at the closing one; quote the whole value: "
        f"{key}{whole}",
    )


def _value_text(rest: str) -> str:
    """The value from its first character to the line's end, without a comment."""
    return re.sub(r"\s+#.*$", "", rest).rstrip()


def _key_part(before: str) -> str:
    return before.strip() + " " if before.strip() else ""


_BRACKETED_LIST = re.compile(r"^【[^【】]*[、，,；;][^【】]*】$")


def bracket_slip(value: str) -> tuple[str, str] | None:
    """(message, hint) for a plain value in full-width brackets holding a list
    (`【院感科、护理部】`): YAML reads it as one text. `【重点】召开大会` is text, no slip."""
    if not _BRACKETED_LIST.match(value):
        return None
    items = [p.strip() for p in re.split(r"[、，,；;]", value[1:-1]) if p.strip()]
    return (
        f"the value {value!r} is in full-width brackets 【】, which YAML reads as one text, "
        "not as a list",
        f"write the list with ASCII brackets: [{', '.join(items)}], or quote the value to "
        f"keep the brackets as text: {quoted(value)}",
    )
