"""Load a plan source: text (read.py) → YAML nodes with positions → plain data.

The C-backed composer gives every node its line and column, so one fast pass yields both
the data and the positions that error messages need. Duplicate keys are found here (all
of them, not only the first), anchors and aliases are bounded, and folded Chinese text is
joined without the spaces YAML would insert between Chinese lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planforge.errors import InputError, Location, Problem
from planforge.read import content_error, file_error, limit, read_source
from planforge.slips import (
    FULL_WIDTH_COLON,
    FULL_WIDTH_SPACE,
    Slip,
    bracket_slip,
    find_slips,
    indicator_slip,
    line_of,
    quote_slip,
)
from planforge.zh import CJK

# Limits that keep hostile input bounded; documented in the README.
MAX_NODES = 200_000  # PLANFORGE_MAX_NODES, keys included; a large real plan has ~20,000
MAX_DEPTH = 200

_CJK_FOLD = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded source: its text, its data, and where each value and key stands."""

    path: str
    text: str
    data: Any
    node: Any = None  # the composed root node, for positions
    lines: list[str] = field(default_factory=list)

    def source_line(self, line: int | None) -> str | None:
        if line is None or not (1 <= line <= len(self.lines)):
            return None
        return self.lines[line - 1]

    def locate(self, loc: Path_, *, key: bool = False) -> Location:
        """The location of the value at `loc` (or of its key, with `key=True`).

        When `loc` goes further than the data does (a missing field), the deepest
        existing node is given: the parent mapping of the missing field.
        """
        node = self.node
        key_node = None
        for part in loc:
            child, child_key = _child(node, part)
            if child is None:
                break
            node, key_node = child, child_key
        target = key_node if key and key_node is not None else node
        if target is None:
            return Location(self.path, 1, 1)
        start, end = target.start_mark, target.end_mark
        return Location(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def problem(self, message: str, loc: Path_ = (), *, key: bool = False, **kw: Any) -> Problem:
        location = self.locate(loc, key=key)
        return Problem(message, location, source_line=self.source_line(location.line), **kw)


def _child(node: Any, part: str | int) -> tuple[Any, Any]:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode) and isinstance(part, str):
        for k, v in node.value:
            if str(k.value) == part:
                return v, k
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], node.value[part]
    return None, None


# ---------------------------------------------------------------------------- text → data


def load(path: Path | str) -> Document:
    """Read and parse a source file into a `Document`; raise `InputError` on failure."""
    p = Path(path)
    return parse(read_source(p), str(p))


def parse(text: str, name: str = "<string>") -> Document:
    """Parse YAML text into a `Document`, collecting every structural problem."""
    lines = text.splitlines()
    node = _compose(text, name, lines)
    doc = Document(name, text, None, node, lines)
    if node is None:
        raise content_error(name, "the file has no content; expected a plan (a YAML mapping)")
    if "&" in text:  # aliases need anchors; plans without any skip the walk
        _refuse_alias_bomb(node, name)
    _refuse_quiet_slips(node, text, name, lines)
    builder = _Builder(doc)
    doc.data = builder.build(node, 0)
    if builder.problems:
        raise InputError(f"{name}: the YAML is not valid", builder.problems)
    return doc


_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0, DEL and C1


def _compose(text: str, name: str, lines: list[str]) -> Any:
    _refuse_characters(text, name, lines)
    _refuse_deep_flow(text, name)
    yaml = _fast_yaml()
    _refuse_too_many_nodes(yaml, text, name)
    with _located_yaml_errors(text, name, lines):
        nodes = list(yaml.compose_all(text))
    if len(nodes) > 1:
        second = nodes[1]
        raise InputError(
            f"{name}: several YAML documents",
            [
                Problem(
                    "the file holds more than one YAML document; a plan source holds one",
                    Location(name, second.start_mark.line + 1, second.start_mark.column + 1),
                    source_line=lines[second.start_mark.line]
                    if second.start_mark.line < len(lines)
                    else None,
                    hint="split the file, one plan per file",
                )
            ],
        )
    return nodes[0] if nodes else None


def parse_round_trip(text: str, name: str, yaml: Any) -> Any:
    """The comment-carrying tree of `text` from ruamel's round-trip `yaml`, for editing.

    The round-trip loader is ruamel's pure-Python parser, not the C parser `parse` uses;
    its errors are located and worded exactly as `parse` words them, and the text is first
    refused for what `parse` refuses before parsing, so that `fmt`, `set` and `new --from`
    report the same error as `check` for the same file.
    """
    lines = text.splitlines()
    _refuse_characters(text, name, lines)
    with _located_yaml_errors(text, name, lines):
        return yaml.load(_separating_tabs_as_spaces(text))


_LINE_BREAKS = frozenset("\r\n\x85\u2028\u2029")


def _separating_tabs_as_spaces(text: str) -> str:
    """`text` with each tab between two tokens (`key:\tvalue`, a tab before a comment or
    at a line's end) made a space; tabs inside values and comments are kept.

    YAML allows tabs as separating white space (YAML 1.2.2, 6.2) and the C parser reads
    them; ruamel's pure-Python round-trip parser stops at the first one. One character
    for one keeps every line and column, so an error is still located as in the source,
    and a rewrite writes its own separators anyway.
    """
    if "\t" not in text:
        return text
    try:
        values = [
            (event.start_mark.index, event.end_mark.index)
            for event in _fast_yaml().parse(text)
            if type(event).__name__ in ("ScalarEvent", "AliasEvent")
        ]
    except Exception:  # the C parser refuses it too; `parse` has said where
        return text
    out = list(text)
    pos = 0
    for start, end in [*values, (len(text), len(text))]:
        in_comment = False
        for i in range(pos, start):  # between two values: indicators, blanks, comments
            ch = text[i]
            if ch == "#":
                in_comment = True
            elif ch in _LINE_BREAKS:
                in_comment = False
            elif ch == "\t" and not in_comment:
                out[i] = " "
        pos = max(pos, end)
    return "".join(out)


@contextmanager
def _located_yaml_errors(text: str, name: str, lines: list[str]) -> Iterator[None]:
    """Turn any ruamel error (scanner, parser, composer, constructor) into an `InputError`
    located at its mark, with the source line and, where one helps, a hint."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        yield
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, text, name, lines) from None
    except YAMLError as exc:
        raise file_error(name, f"YAML error: {exc}") from None
    except RecursionError:
        raise file_error(name, "the YAML is nested too deeply") from None


def _syntax_error(exc: Any, text: str, name: str, lines: list[str]) -> InputError:
    explained = _explained_slip(exc, text, name, lines)
    if explained is not None:
        return InputError(f"{name}: {explained.message}", [explained])
    mark = exc.problem_mark or exc.context_mark
    message = (exc.problem or exc.context or "invalid YAML").strip()
    if exc.context and exc.problem:
        message = f"{exc.problem} ({exc.context})"
    start = exc.context_mark
    ended_inside = exc.problem_mark is not None and _past_the_content(exc.problem_mark, text)
    if ended_inside and start is not None and exc.problem and exc.context:
        # the file ended inside something unclosed: show where that something starts
        mark = start
        message = f"{exc.problem.strip()} ({exc.context.strip()} that starts here)"
    mline = mark.line + 1 if mark else None
    mcol = mark.column + 1 if mark else None
    hint = _syntax_hint(message)
    if hint is None and start is not None and mark is not start and exc.context:
        where = f"line {start.line + 1}, column {start.column + 1}"
        thing = re.sub(r"^while \w+ (an? )?", "", exc.context.strip())
        hint = f"the {thing} in question starts at {where}"
    problem = Problem(
        f"YAML syntax error: {message}",
        Location(name, mline, mcol),
        source_line=lines[mline - 1] if mline and mline <= len(lines) else None,
        hint=hint,
    )
    return InputError(f"{name}: YAML syntax error", [problem])


def _explained_slip(exc: Any, text: str, name: str, lines: list[str]) -> Problem | None:
    """The slip that explains a YAML error, located at its character: a tab or a
    full-width character on the lines the error spans, a value that starts with an
    indicator, or a quote the value does not close (or goes on after)."""
    problem, context = exc.problem_mark, exc.context_mark
    marks = [m for m in (context, problem) if m is not None]
    if not marks:
        return None
    last = max(m.line for m in marks)
    first = min(m.line for m in marks) - 1
    near = [s for s in find_slips(text) if first <= line_of(text, s.index) <= last]
    if near:
        return _slip_problem(near[-1], text, name, lines)
    mark = context if context is not None and context.line == last else problem or context
    line = lines[mark.line] if mark.line < len(lines) else ""
    what = f"{exc.context or ''} {exc.problem or ''}"
    found = indicator_slip(line, mark.column)
    if found is None and "quoted scalar" in what and context is not None:
        mark = context
        line = lines[mark.line] if mark.line < len(lines) else ""
        found = quote_slip(line, mark.column, unclosed=True)
    if found is None and problem is not None and problem.line < len(lines):
        found = _quote_goes_on(lines[problem.line], problem.column)
        mark = problem if found is None else _Mark(problem.line, _value_column(lines[problem.line]))
    if found is None:
        return None
    message, hint = found
    return Problem(
        message, Location(name, mark.line + 1, mark.column + 1), source_line=line, hint=hint
    )


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


_QUOTED_START = re.compile(r"^(\s*(?:-\s+)*(?:[^\s#'\"][^#]*?:\s+|-\s+))(['\"])")


def _value_column(line: str) -> int:
    m = _QUOTED_START.match(line)
    return len(m.group(1)) if m else 0


def _quote_goes_on(line: str, col: int) -> tuple[str, str] | None:
    """A value such as `"召开" 大会`: quoted, then more text where the error stands."""
    m = _QUOTED_START.match(line)
    if m is None or col <= len(m.group(1)):
        return None
    return quote_slip(line, len(m.group(1)), unclosed=False)


def _slip_problem(slip: Slip, text: str, name: str, lines: list[str]) -> Problem:
    line, col = _line_and_column(text, slip.index)
    return Problem(
        slip.message,
        Location(name, line, col, line, col + slip.length),
        source_line=lines[line - 1] if line <= len(lines) else None,
        hint=slip.hint,
    )


def _refuse_quiet_slips(root: Any, text: str, name: str, lines: list[str]) -> None:
    """Refuse a full-width colon or space after a key that YAML read as text without a
    complaint (`- deadline：5月`, a key `deadline　`, a line `deadline：5月` that joined
    the text above it): each is located at its character."""
    slips = [s for s in find_slips(text) if s.kind in (FULL_WIDTH_COLON, FULL_WIDTH_SPACE)]
    if not slips:
        return
    spans = _plain_scalar_spans(root)
    quiet = [s for s in slips if any(a <= s.index < b for a, b in spans)]
    if quiet:
        problems = [_slip_problem(s, text, name, lines) for s in quiet]
        raise InputError(f"{name}: {problems[0].message}", problems)


def _plain_scalar_spans(root: Any) -> list[tuple[int, int]]:
    """(start, end) indexes of every plain (unquoted, not block) scalar under `root`."""
    spans: list[tuple[int, int]] = []
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.id == "scalar":
            if not node.style:
                spans.append((node.start_mark.index, node.end_mark.index))
        else:
            stack.extend(_children(node))
    return spans


def _refuse_characters(text: str, name: str, lines: list[str]) -> None:
    """Refuse control characters and a stray byte order mark, located, before parsing.

    U+FEFF is allowed only as the first character (a byte order mark). YAML allows one
    only where a document starts (YAML 1.2.2, section 5.2), and the two parsers disagree
    about one at the start of a later line: the C parser skips it, the pure-Python
    round-trip parser fails. Inside text it is an invisible zero-width character pasted
    from another program, so it is refused everywhere else, as control characters are.
    """
    bad = _BAD_CONTROL.search(text)
    if bad:
        what = f"control character U+{ord(bad.group()):04X} is not allowed in a plan source"
        raise _character_error(text, name, lines, bad.start(), what)
    bom = text.find("\ufeff", 1)
    if bom > 0:
        what = (
            "invisible character U+FEFF (a byte order mark) is allowed only at the very "
            "start of a plan source"
        )
        raise _character_error(text, name, lines, bom, what)


def _character_error(text: str, name: str, lines: list[str], at: int, what: str) -> InputError:
    line, col = _line_and_column(text, at)
    problem = Problem(
        what,
        Location(name, line, col),
        source_line=lines[line - 1] if line <= len(lines) else None,
        hint="delete it; it was probably pasted from another program",
    )
    return InputError(f"{name}: {what}", [problem])


MAX_FLOW_DEPTH = 5000  # the C parser recurses per level; far deeper input would crash it


def _past_the_content(mark: Any, text: str) -> bool:
    """Whether a YAML error mark lies at the end of the file (only blanks after it)."""
    index = getattr(mark, "index", None)
    return index is not None and index >= len(text.rstrip())


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`, lines counted as `str.splitlines` does
    (the excerpts are its lines, and YAML counts U+2028 and U+2029 as breaks too)."""
    before = text[:index].splitlines(keepends=True)
    if not before or before[-1] != before[-1].rstrip("\r\n\u2028\u2029\x85"):
        return len(before) + 1, 1
    return len(before), len(before[-1]) + 1


def _refuse_deep_flow(text: str, name: str) -> None:
    """Refuse `[[[[…` or `{{{{…` nested past what the parser survives, before parsing."""
    if text.count("[") + text.count("{") < MAX_FLOW_DEPTH:
        return
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    if deepest >= MAX_FLOW_DEPTH:
        raise file_error(
            name, f"the YAML nests brackets {deepest:,} deep; planforge reads at most {MAX_DEPTH}"
        )


def _refuse_too_many_nodes(yaml: Any, text: str, name: str) -> None:
    """Refuse a document of more than the node limit before composing it.

    Composing costs time and memory per node (300,000 nodes: 4 s and 400 MB), so a rough
    upper bound is taken first from the characters that can start a node; only a text that
    might be over the limit is counted exactly, from parser events, stopping at the limit.
    """
    max_nodes = limit("PLANFORGE_MAX_NODES", MAX_NODES)
    rough = sum(text.count(ch) for ch in "\n,-[{") + 2 * text.count(":")
    if rough <= max_nodes:
        return
    from ruamel.yaml.error import YAMLError

    count = 0
    try:
        for event in yaml.parse(text):
            if type(event).__name__ in _NODE_EVENTS:
                count += 1
                if count > max_nodes:
                    raise _too_many_nodes(name, max_nodes, "")
    except YAMLError:
        return  # composing reports the syntax error with its position


_NODE_EVENTS = frozenset({"ScalarEvent", "SequenceStartEvent", "MappingStartEvent"})


def _too_many_nodes(name: str, max_nodes: int, how: str) -> InputError:
    return file_error(
        name,
        f"the document holds more than {max_nodes:,} values{how}; refusing to load it",
        hint="set PLANFORGE_MAX_NODES to raise the limit",
    )


def _syntax_hint(message: str) -> str | None:
    if "tab" in message.lower():
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "a value containing ': ' must be quoted, or use the full-width colon '：'"
    if "could not find expected ':'" in message:
        return "each line in a mapping needs 'key: value'; check the indentation"
    return None


_YAML_CACHE: dict[str, Any] = {}
_CANDIDATES: dict[str, list[tuple[Any, Any]]] = {}  # first character → (tag, regexp)


def _fast_yaml() -> Any:
    yaml = _YAML_CACHE.get("fast")
    if yaml is None:
        from ruamel.yaml import YAML
        from ruamel.yaml.nodes import ScalarNode, SequenceNode
        from ruamel.yaml.resolver import VersionedResolver
        from ruamel.yaml.tag import Tag

        tags: dict[str, Any] = {}

        def _tag(suffix: str) -> Any:
            if suffix not in tags:
                tags[suffix] = Tag(suffix=suffix)
            return tags[suffix]

        class Yaml12Resolver(VersionedResolver):
            """YAML 1.2 always, and a resolver that looks its candidates up once.

            ruamel finds the YAML version on every scalar through a failing attribute lookup
            when the C parser is used, and rebuilds the candidate list each time: half of
            the time of composing a plan went there.
            """

            @property
            def processing_version(self) -> Any:
                return (1, 2)

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                if kind is not ScalarNode:
                    if kind is SequenceNode:
                        return self.DEFAULT_SEQUENCE_TAG
                    return self.DEFAULT_MAPPING_TAG
                if implicit[0]:
                    first = value[:1]
                    candidates = _CANDIDATES.get(first)
                    if candidates is None:
                        table = self.versioned_resolver
                        found = list(table.get(first, [])) + list(table.get(None, []))
                        candidates = [(_tag(tag), regexp) for tag, regexp in found]
                        _CANDIDATES[first] = candidates
                    for tag, regexp in candidates:
                        if regexp.match(value):
                            return tag
                return self.DEFAULT_SCALAR_TAG

        try:
            yaml = YAML(typ="safe", pure=False)
        except Exception:  # pragma: no cover - C extension missing
            yaml = YAML(typ="safe", pure=True)
        yaml.Resolver = Yaml12Resolver
        _YAML_CACHE["fast"] = yaml
    return yaml


def _refuse_alias_bomb(root: Any, name: str) -> None:
    """Refuse a document whose aliases expand it past `MAX_NODES` values.

    Sizes are memoised per node, so this costs one visit per distinct node however many
    times aliases repeat it ("billion laughs" is refused in microseconds).
    """
    max_nodes = limit("PLANFORGE_MAX_NODES", MAX_NODES)
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if expanded or not children:
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[key] > max_nodes:
                raise _too_many_nodes(name, max_nodes, " through YAML aliases (an alias bomb?)")
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _children(node: Any) -> list[Any]:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


class _Builder:
    """Turn composed nodes into plain Python data, collecting structural problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.count = 0
        self.max_nodes = limit("PLANFORGE_MAX_NODES", MAX_NODES)

    def _problem(self, message: str, mark: Any, hint: str | None = None) -> None:
        loc = Location(self.doc.path, mark.line + 1, mark.column + 1)
        self.problems.append(
            Problem(message, loc, source_line=self.doc.source_line(loc.line), hint=hint)
        )

    def build(self, node: Any, depth: int) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise _too_many_nodes(self.doc.path, self.max_nodes, "")
        if depth > MAX_DEPTH:
            raise file_error(self.doc.path, f"the YAML is nested more than {MAX_DEPTH} deep")
        kind = node.id  # a class attribute of ruamel's nodes: cheaper than isinstance
        if kind == "scalar":
            return self._scalar(node)
        if kind == "sequence":
            self._refuse_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(item, depth + 1) for item in node.value]
        if kind == "mapping":
            self._refuse_tag(node, "tag:yaml.org,2002:map")
            return self._mapping(node, depth)
        raise file_error(self.doc.path, f"unsupported YAML node {type(node).__name__}")

    def _mapping(self, node: Any, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_seen: dict[Any, Any] = {}
        self.count += len(node.value)  # keys count as the parser and the alias check count them
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self._problem(
                    "a key must be a plain value, not a list or mapping", key_node.start_mark
                )
                continue
            if _tag_name(key_node) == "tag:yaml.org,2002:merge":
                self._problem(
                    "merge keys ('<<') are not supported in plan sources", key_node.start_mark
                )
                continue
            key = self._scalar(key_node)
            if key is None:
                self._problem("a key is empty (~ or null); expected a name", key_node.start_mark)
                continue
            key = key if isinstance(key, str) else str(key)
            if key in first_seen:
                before = first_seen[key]
                self._problem(
                    f"duplicate key '{key}' (first defined on line {before.line + 1})",
                    key_node.start_mark,
                    hint="a key may appear once in a mapping; merge the two entries",
                )
                continue
            first_seen[key] = key_node.start_mark
            out[key] = self.build(value_node, depth + 1)
        return out

    def _scalar(self, node: Any) -> Any:
        tag = _tag_name(node)
        value: str = node.value
        if tag == "tag:yaml.org,2002:str":
            if node.style in (None, "", ">") and node.start_mark.line != node.end_mark.line:
                value = _CJK_FOLD.sub("", value)
            if value[:1] == "【" and not node.style and (slip := bracket_slip(value)):
                self._problem(slip[0], node.start_mark, hint=slip[1])
            return value
        if tag == "tag:yaml.org,2002:int":
            return _int(node)
        if tag == "tag:yaml.org,2002:float":
            return _float(node)
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() in ("true", "yes", "on")
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            return _timestamp(value)
        self._refuse_tag(node, None)  # a tag such as !!binary or !custom
        return value

    def _refuse_tag(self, node: Any, expected: str | None) -> None:
        """A problem for a tag that a plan source does not use: a custom one (`!custom`)
        or a YAML type that is not text, number, date or list (`!!binary`, `!!set`). The
        round-trip reader would build another type from it, or fail, where check read
        text."""
        tag = _tag_name(node)
        if tag == expected:
            return
        if tag.startswith("!"):
            self._problem(f"custom YAML tag '{tag}' is not allowed here", node.start_mark)
        else:
            short = tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(
                f"YAML tag '{short}' is not allowed in a plan source",
                node.start_mark,
                hint="a plan holds text, numbers, dates, lists and mappings; remove the tag",
            )


def _tag_name(node: Any) -> str:
    """A node's tag as text; ruamel caches it on the (shared) tag object."""
    try:
        return node.ctag._trval
    except AttributeError:
        return str(node.tag)


def _int(node: Any) -> Any:
    text = node.value.replace("_", "")
    try:
        if text[:2] in ("0x", "0X"):
            return int(text[2:], 16)
        if text[:2] in ("0o", "0O"):
            return int(text[2:], 8)
        return int(text)
    except ValueError:
        return _construct(node, int)


_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}


def _float(node: Any) -> Any:
    text = node.value.replace("_", "")
    special = _SPECIAL_FLOATS.get(text.lower())
    if special is not None:
        return special
    try:
        return float(text)
    except ValueError:
        return _construct(node, float)


def _construct(node: Any, fallback: type) -> Any:
    yaml = _fast_yaml()
    try:
        return yaml.constructor.construct_object(node, deep=True)
    except Exception:
        try:
            return fallback(node.value.replace("_", ""))
        except ValueError:
            return node.value


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _timestamp(value: str) -> Any:
    m = _DATE.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return value  # the model reports an impossible date
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return value
