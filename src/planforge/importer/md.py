"""Markdown reader: ATX headings, bold paragraphs, bullets and pipe tables become hints."""

from __future__ import annotations

import re

from planforge.importer.blocks import Block

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+•–]\s+(.*)$")  # • and – as a page writes them
_BOLD_LINE = re.compile(r"^\*\*(.+)\*\*$|^__(.+)__$")
# headings over a plan's opening words, not a part of it
_INTRO = frozenset({"引言", "前言", "导言", "序言", "Introduction"})
_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*|`([^`]+)`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def plain(text: str) -> str:
    """Markdown inline markup removed: emphasis, code, links, escapes."""
    text = _LINK.sub(r"\1", text)
    text = _INLINE.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    return _ESCAPE.sub(r"\1", text).strip()


def read_md(text: str) -> list[Block]:
    out: list[Block] = []
    in_fence = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or _RULE.match(line) or _TABLE_SEP.match(line):
            continue
        block = _block(line, number)
        if block is not None and block.text:
            out.append(block)
    return out


def _block(line: str, number: int) -> Block | None:
    stripped = line.strip()
    if stripped.startswith("<!--") and stripped.endswith("-->"):
        return None
    if m := _HEADING.match(stripped):
        if plain(m[2]) in _INTRO:  # the opening's heading: the text below is no part
            return None
        return Block(plain(m[2]), line=number, heading=len(m[1]))
    if stripped.startswith("|") and stripped.count("|") >= 2:
        cells = [plain(c) for c in stripped.strip("|").split("|")]
        return Block(" ".join(c for c in cells if c), line=number, cells=cells)
    if m := _BULLET.match(line):
        return Block(plain(m[2]), line=number, list_level=len(m[1].expandtabs(4)) // 2 + 1)
    stripped = stripped.lstrip(">").strip()
    if m := _BOLD_LINE.match(stripped):
        return Block(plain(m[1] or m[2]), line=number, bold=True)
    return Block(plain(stripped), line=number)
