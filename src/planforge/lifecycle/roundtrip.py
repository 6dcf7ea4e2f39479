"""Lossless edits of a plan source: ruamel.yaml round-trip with comments kept in place.

`set`, `new --from` and `fmt` load the source as a comment-carrying tree, change it, and
write it back. ruamel.yaml keeps a comment (and a blank line) attached to the end of the
entry before it, so inserting or removing a key moves that trailing comment along with
the layout, never drops it. Every rewrite is parsed and validated before it is written.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.errors import InputError, Problem
from planforge.io import write_atomic
from planforge.load import parse, parse_round_trip
from planforge.model.plan import Plan
from planforge.read import read_source
from planforge.validate import allowed_keys, validate

WIDTH = 100_000  # never re-wrap a line: lossless edits keep the author's lines


@dataclass(frozen=True)
class Indent:
    """The indentation a file uses: mapping step, sequence step, and the dash's offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


CANONICAL_INDENT = Indent()


@dataclass
class Source:
    """A source loaded for editing: its text, its comment-carrying tree and its layout."""

    path: Path
    text: str
    data: Any
    indent: Indent
    preamble: str  # directives, comments and '---' before the document, kept verbatim

    def dump(self) -> str:
        out = with_preamble(self.preamble, dump(self.data, self.indent))
        return restore_wrapped_lines(self.text, out)


def _joined(lines: list[str]) -> str:
    """Lines of a flow scalar as YAML folds them: continuation lines joined by a space."""
    return " ".join([lines[0].rstrip(), *(ln.strip() for ln in lines[1:])])


def restore_wrapped_lines(before: str, after: str) -> str:
    """Put back the author's line breaks in scalars that ruamel.yaml writes on one line.

    ruamel.yaml joins a plain or quoted scalar written over several lines; where a changed
    region of `after` reads exactly as the same region of `before` folded, the original
    lines are kept, so a rewrite shows only the lines that really changed.
    """
    import difflib

    a, b = before.split("\n"), after.split("\n")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 > j2 - j1 and _joined(a[i1:i2]) == _joined(b[j1:j2]):
            out.extend(a[i1:i2])
        else:
            out.extend(b[j1:j2])
    return "\n".join(out)


def new_yaml(indent: Indent, *, preserve_quotes: bool = True) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = preserve_quotes
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    return yaml


def load_source(path: Path) -> Source:
    """Read `path`, check that it is a valid plan, and load its round-trip tree."""
    text = read_source(path)
    validate(parse(text, str(path)))
    return parse_source(text.replace("\r\n", "\n"), path)


def parse_source(text: str, path: Path) -> Source:
    """The round-trip tree of `text`; a YAML error is located as `check` locates it."""
    indent = detect_indent(text)
    data = parse_round_trip(text, str(path), new_yaml(indent))
    return Source(path, text, data, indent, preamble(text))


_PREAMBLE = re.compile(r"(?:[ \t]*(?:[#%][^\n]*)?\n)*---(?P<comment>[ \t][^\n]*)?(?:\n|$)")


def preamble(text: str) -> str:
    """What stands before the document when it opens with '---': kept as written."""
    m = _PREAMBLE.match(text)
    return m.group(0) if m else ""


def with_preamble(preamble_text: str, body: str) -> str:
    """`body` (dumped without '---') after the preamble; ruamel moves a comment on the
    '---' line to the body's first line, where it is dropped as a copy."""
    m = _PREAMBLE.match(preamble_text)
    if m and m.group("comment") and m.group("comment").strip():
        first, _, rest = body.partition("\n")
        if first.strip() == m.group("comment").strip():
            body = rest
    return preamble_text + body


def dump(data: Any, indent: Indent, *, preserve_quotes: bool = True) -> str:
    yaml = new_yaml(indent, preserve_quotes=preserve_quotes)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


_KEY_LINE = re.compile(r"^( *)(?:- +)?[^\s#][^:#]*:\s*(?:#.*)?$")
_ITEM_LINE = re.compile(r"^( *)- +\S")
_ANY_LINE = re.compile(r"^( *)\S")
_DASHES = re.compile(r"^ *(?:- +)*")


def _key_column_in(line: str) -> int:
    """The column of the key on a line, after any list dashes."""
    return len(_DASHES.match(line).group(0))  # type: ignore[union-attr]


def detect_indent(text: str) -> Indent:
    """The indentation of the file: read from the first nested mapping and sequence."""
    mapping: int | None = None
    offset: int | None = None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for above, line in itertools.pairwise(lines):
        head = _KEY_LINE.match(above)
        if head is None:
            continue
        base = _key_column_in(above)
        item = _ITEM_LINE.match(line)
        child = _ANY_LINE.match(line)
        if item is not None and offset is None:
            offset = max(len(item.group(1)) - base, 0)
        elif item is None and child is not None and mapping is None:
            step = len(child.group(1)) - base
            if step > 0:
                mapping = step
        if mapping is not None and offset is not None:
            break
    m = mapping or 2
    o = offset if offset is not None else 2
    return Indent(m, o + 2, o)


# ---------------------------------------------------------------------------- comments


def _comment_token(value: str, column: int) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(column), None)


def _end_holder(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where the comment after the entry `container[key]` is kept: (owner, key, slot)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = container[key]
    if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
        return _end_holder(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
        return _end_holder(value, len(value) - 1)
    slot = 0 if isinstance(container, CommentedSeq) else 2
    return container, key, slot


def _get(owner: Any, key: Any, slot: int) -> Any:
    entry = owner.ca.items.get(key)
    return entry[slot] if entry and len(entry) > slot else None


def _set(owner: Any, key: Any, slot: int, token: Any) -> None:
    entry = owner.ca.items.setdefault(key, [None, None, None, None])
    entry[slot] = token
    if not any(entry):
        del owner.ca.items[key]


def _split_trailing(token: Any) -> tuple[str | None, str | None]:
    """A trailing comment's own-line part (kept) and what follows it (moves on)."""
    if token is None:
        return None, None
    value: str = token.value
    head, sep, rest = value.partition("\n")
    kept = head + sep if head.strip() else None
    return kept, rest or None


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def take_trailing(container: Any, key: Any) -> str | None:
    """Detach the comment lines and blank lines after entry `key` (not its end-of-line)."""
    owner, k, slot = _end_holder(container, key)
    token = _get(owner, k, slot)
    if token is None:
        return None
    if _is_block_scalar(owner[k]):  # a block scalar's line ends are its own
        _set(owner, k, slot, None)
        value = str(token.value)
        # the first comment's indentation is kept as the token's column, not in its text
        return " " * token.column + value if value.startswith("#") else value
    kept, rest = _split_trailing(token)
    if rest is None:
        return None
    _set(owner, k, slot, _comment_token(kept, token.column) if kept else None)
    return rest


def give_trailing(container: Any, key: Any, lines: str | None) -> None:
    """Attach comment lines (as taken by `take_trailing`) after entry `key`."""
    if not lines:
        return
    owner, k, slot = _end_holder(container, key)
    token = _get(owner, k, slot)
    if _is_block_scalar(owner[k]):
        value = (token.value if token is not None else "") + lines
    elif token is not None:
        kept, rest = _split_trailing(token)
        value = (kept or "\n") + (rest or "") + lines
    else:
        value = "\n" + lines
    _set(owner, k, slot, _comment_token(value, token.column if token is not None else 0))


def insert_key(mapping: Any, key: str, value: Any, order: list[str]) -> None:
    """Add `key` where the model's field order puts it, moving comments that follow."""
    keys = list(mapping)
    rank = {name: i for i, name in enumerate(order)}
    pos = len(keys)
    for i, existing in enumerate(keys):
        if rank.get(existing, len(order)) > rank.get(key, len(order)):
            pos = i
            break
    if pos == 0:
        mapping.insert(0, key, value)
        return
    before = keys[pos - 1]
    moved = take_trailing(mapping, before)
    mapping.insert(pos, key, value)
    give_trailing(mapping, key, moved)


def append_item(seq: Any, value: Any) -> None:
    """Append to a block list, keeping the comment after its last item after the list."""
    if not len(seq):
        seq.append(value)
        return
    moved = take_trailing(seq, len(seq) - 1)
    seq.append(value)
    give_trailing(seq, len(seq) - 1, moved)


def remove_key(mapping: Any, key: str) -> None:
    """Remove `key`; its comments become full-line comments where it stood."""
    keys = list(mapping)
    pos = keys.index(key)
    column = _key_column(mapping, key)
    harvested = "".join(f"{' ' * column}{line}\n" for line in comment_lines(mapping, key) if line)
    moved = take_trailing(mapping, key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    rest = harvested + (moved or "")
    if pos > 0:
        give_trailing(mapping, keys[pos - 1], rest or None)
    elif rest and len(mapping):
        give_trailing(mapping, next(iter(mapping)), rest)


def _key_column(mapping: Any, key: str) -> int:
    try:
        return int(mapping.lc.key(key)[1])
    except (AttributeError, KeyError, TypeError):
        return 0


def comment_lines(container: Any, key: Any) -> list[str]:
    """The text of every comment inside entry `key` (not the ones after its end)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    end = _end_holder(container, key)
    out: list[str] = []

    def tokens(owner: Any, k: Any) -> Iterator[tuple[Any, int]]:
        entry = owner.ca.items.get(k) or []
        for slot, item in enumerate(entry):
            for tok in item if isinstance(item, list) else [item]:
                if tok is not None:
                    yield tok, slot

    def visit(owner: Any, k: Any) -> None:
        for tok, slot in tokens(owner, k):
            text = tok.value
            if owner is end[0] and k == end[1] and slot == end[2]:  # the entry's end
                text = "" if _is_block_scalar(owner[k]) else _split_trailing(tok)[0] or ""
            out.extend(ln.strip() for ln in text.splitlines() if ln.strip().startswith("#"))
        value = owner[k]
        if isinstance(value, CommentedMap):
            for child in value:
                visit(value, child)
        elif isinstance(value, CommentedSeq):
            for i in range(len(value)):
                visit(value, i)

    visit(container, key)
    return out


# ---------------------------------------------------------------------------- checking


def key_order(loc: tuple[str | int, ...]) -> list[str]:
    """The keys of the mapping at data path `loc`, in the order the model declares them."""
    return allowed_keys(loc)


def validated(text: str, path: Path, action: str) -> Plan:
    """The plan in a rewritten `text`, or refuse the rewrite saying why."""
    try:
        return validate(parse(text, str(path)))
    except InputError as exc:
        raise InputError(
            f"{path}: refusing to {action}: the result would not be a valid plan",
            [
                Problem(
                    f"refusing to {action}: the result would not be valid: {p.message}",
                    p.location,
                    hint=p.hint,
                )
                for p in exc.problems
            ],
        ) from None


def add_eol_comment(mapping: Any, key: str, text: str) -> bool:
    """Put `# text` at the end of the line of `key`; False when that line has a comment."""
    token = _get(mapping, key, 2)
    if token is not None and token.value.lstrip(" ").startswith("#"):
        return False
    if isinstance(mapping[key], (dict, list)):
        return False
    rest = token.value if token is not None else "\n"
    mapping.ca.items.setdefault(key, [None, None, None, None])[2] = _comment_token(
        f"  # {text}{rest}", 0
    )
    return True


# ---------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class FileStyle:
    """What a rewrite keeps of the original bytes: a UTF-8 BOM and CRLF line ends."""

    bom: bool = False
    crlf: bool = False

    @classmethod
    def of(cls, path: Path) -> FileStyle:
        try:
            with path.open("rb") as handle:
                head = handle.read(65536)
        except OSError:
            return cls()
        return cls(head.startswith(codecs.BOM_UTF8), b"\r\n" in head)

    def apply(self, text: str) -> str:
        """`text` (with LF line ends) in this style, as text without the BOM."""
        return text.replace("\n", "\r\n") if self.crlf else text

    def encode(self, text: str) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + self.apply(text).encode("utf-8")


def write_source(path: Path, text: str, style: FileStyle) -> None:
    """Write a rewritten source (LF line ends in `text`) atomically in the file's style."""
    write_atomic(path, style.encode(text))
