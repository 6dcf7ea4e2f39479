"""Where text values stand in the source: from a character of a value to line, column and
source offset, so that findings point at the character and fixes edit only it.

Plain, quoted and block scalars are aligned with the source text character by character;
folding, indentation, quotes and simple escapes are skipped. When a value cannot be
aligned (an escape such as `\\t`), findings fall back to the scalar's start and carry
no fix.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from planforge.errors import Location
from planforge.load import Document

Loc = tuple[str | int, ...]

_SKIPPABLE = " \t\r\n"


@dataclass(frozen=True)
class Span:
    """A run of characters of a value, placed in the source."""

    location: Location
    start: int | None  # source offsets of the run; None when it is not contiguous there
    end: int | None


class SourceMap:
    """Positions of scalar values in one document; alignments are computed on demand."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._line_starts: list[int] | None = None
        self._aligned: dict[int, list[int] | None] = {}

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            text = self.doc.text
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def node_at(self, loc: Loc) -> Any:
        """The node holding the value at `loc`. A scalar stands for everything below it
        (a paragraph list written as one string, a safeguard written as text)."""
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        node = self.doc.node
        for part in loc:
            if isinstance(node, ScalarNode):
                return node
            if isinstance(node, MappingNode) and isinstance(part, str):
                node = next((v for k, v in node.value if str(k.value) == part), None)
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                node = node.value[part] if 0 <= part < len(node.value) else None
            else:
                return None
            if node is None:
                return None
        return node

    def span(self, loc: Loc, value: str, start: int, end: int) -> Span:
        """Where `value[start:end]` (the value at `loc`) stands in the source."""
        node = self.node_at(loc)
        if node is None:
            return Span(self.doc.locate(loc), None, None)
        offsets = self._offsets(node, value)
        if offsets is None or not value or start >= len(value):
            mark = node.start_mark
            return Span(Location(self.doc.path, mark.line + 1, mark.column + 1), None, None)
        last = min(max(start, end - 1), len(value) - 1)
        folded = any(o < 0 for o in offsets[start : last + 1])
        first_off, last_off = (o if o >= 0 else -o - 1 for o in (offsets[start], offsets[last]))
        line, col = self.position(first_off)
        end_line, end_col = self.position(last_off + 1) if end > start else (line, col)
        location = Location(self.doc.path, line, col, end_line, end_col)
        run = self.doc.text[first_off : last_off + 1] if end > start else ""
        exact = end > start and not folded and run == value[start:end]
        return Span(location, first_off if exact else None, last_off + 1 if exact else None)

    def _offsets(self, node: Any, value: str) -> list[int] | None:
        """Source offset of each character of `value`; -offset-1 for folded spaces."""
        key = id(node)
        if key not in self._aligned:
            self._aligned[key] = self._align(node, value)
        return self._aligned[key]

    def _align(self, node: Any, value: str) -> list[int] | None:
        text = self.doc.text
        begin = self.line_starts[node.start_mark.line] + node.start_mark.column
        end = self.line_starts[node.end_mark.line] + node.end_mark.column
        style = getattr(node, "style", None)
        if style in ("|", ">"):
            newline = text.find("\n", begin)
            begin = end if newline == -1 else newline + 1
        elif style in ('"', "'"):
            begin, end = begin + 1, end - 1
        out: list[int] = []
        j = begin
        for ch in value:
            skipped = False
            while j < end and text[j] != ch:
                if (
                    text[j] in _SKIPPABLE
                    or (style == "'" and text[j] == "'")
                    or (style == '"' and text[j] == "\\")
                ):
                    j += 1
                    skipped = True
                    continue
                return None
            if j >= end:
                return None
            # A space found only after skipping a line break is folding, not a character
            # of the source: mark it (negative) so that no fix edits it.
            out.append(-j - 1 if skipped and ch in _SKIPPABLE else j)
            j += 1
        return out
