"""`planforge fmt`: one canonical layout for plan sources, every comment kept.

The layout: keys in the order the model declares its fields, two-space indentation with
list dashes indented under their key, quotes only where YAML needs them, and text longer
than the line width folded (`>-`) into lines of at most `WIDTH` columns. Chinese text is
folded between two Chinese characters, which planforge's loader joins without a space.
The text itself is `check --fix`'s business: fmt refuses any change of meaning.
"""

from __future__ import annotations

import difflib
import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.errors import InputError
from planforge.io import write_atomic
from planforge.lifecycle.repair import Change
from planforge.lifecycle.roundtrip import (
    CANONICAL_INDENT,
    FileStyle,
    dump,
    give_trailing,
    key_order,
    new_yaml,
    preamble,
    take_trailing,
    validated,
    with_preamble,
)
from planforge.load import parse, parse_round_trip
from planforge.model.plan import Plan
from planforge.read import read_source
from planforge.validate import validate
from planforge.zh import CJK

WIDTH = 100  # columns of a line, East-Asian wide characters counting two
_CJK_CHAR = re.compile(rf"[{CJK}]")
_CJK_SPACE_CJK = re.compile(rf"[{CJK}] [{CJK}]")
# Line-breaking rules of Chinese typesetting (禁则): no line starts with closing marks,
# none ends with opening marks.
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—·%％")
_NO_LINE_END = set("（《「『【〔“‘")


@dataclass
class Formatted:
    path: Path
    before: str
    after: str
    style: FileStyle

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"{self.path} (now)",
                f"{self.path} (formatted)",
            )
        )


def format_text(text: str, path: Path) -> str:
    """The canonical layout of the plan source `text`."""
    doc = parse(text, str(path))
    before = validate(doc)
    data = parse_round_trip(text, str(path), new_yaml(CANONICAL_INDENT, preserve_quotes=False))
    meaning = canonical_values(data, doc.data, before.year)
    _canonical(data, meaning, (), 0)
    out = with_preamble(
        preamble(text), align_comments(dump(data, CANONICAL_INDENT, preserve_quotes=False))
    )
    after = validated(out, path, "reformat")
    if plan_meaning(after) != plan_meaning(before):  # pragma: no cover - a bug guard
        raise InputError(
            f"{path}: refusing to reformat: the layout change would change the plan's content",
            hint="please report this file; `planforge check --fix` changes text, fmt does not",
        )
    return out


def plan_meaning(plan: Plan) -> Any:
    """What a plan says, deadlines as the windows they mean (3月 and 三月 are one)."""
    from planforge.model.deadline import parse_deadline

    dumped = plan.model_dump()

    def visit(tasks: list[dict[str, Any]]) -> None:
        for task in tasks:
            if task.get("deadline") is not None:
                d = parse_deadline(task["deadline"], plan.year)
                task["deadline"] = (d.kind, d.start, d.end, d.freq)
            visit(task.get("tasks") or [])

    visit(dumped.get("tasks") or [])
    return dumped


def canonical_values(data: Any, meaning: Any, year: int) -> Any:
    """Deadlines in their one spelling (`canonical_deadline`) and run-together owners
    (`院感科、护理部`) as a list, in the round-trip tree `data` and in its plain `meaning`
    (which is returned, the canonical scalars of the rest follow it)."""
    from planforge.model.deadline import canonical_deadline

    def task_list(node: Any, plain: Any) -> None:
        if not isinstance(node, list) or not isinstance(plain, list):
            return
        for item, value in zip(node, plain, strict=False):
            if not isinstance(item, dict) or not isinstance(value, dict):
                continue
            deadline = item.get("deadline")
            if isinstance(deadline, str):
                new = canonical_deadline(deadline, year)
                if new != deadline.strip():
                    _assign(item, "deadline", new)
                    value["deadline"] = new
            _owners_as_list(item, value)
            task_list(item.get("tasks"), value.get("tasks"))

    if isinstance(data, dict) and isinstance(meaning, dict):
        task_list(data.get("tasks"), meaning.get("tasks"))
        for item, value in zip(
            data.get("schedule") or [], meaning.get("schedule") or [], strict=False
        ):
            if isinstance(item, dict) and isinstance(value, dict):
                _owners_as_list(item, value)
    return meaning


def _owners_as_list(item: Any, value: dict[str, Any]) -> None:
    """`owners: 院感科、护理部` written as the flow list `[院感科, 护理部]`."""
    from ruamel.yaml.comments import CommentedSeq

    from planforge.model.plan import _to_owners  # the model's own reading of the text

    owners = item.get("owners")
    if not isinstance(owners, str):
        return
    names = _to_owners(owners)
    if len(names) < 2:
        return
    seq = CommentedSeq(names)
    seq.fa.set_flow_style()
    _assign(item, "owners", seq)
    value["owners"] = names


def _canonical(node: Any, meaning: Any, loc: tuple[str | int, ...], column: int) -> None:
    """Canonical key order and scalars under `node`, whose keys or dashes are at `column`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    step = CANONICAL_INDENT.mapping
    if isinstance(node, CommentedMap):
        if all(isinstance(k, str) for k in node):
            _reorder(node, key_order(loc), root=not loc)
        flow = node.fa.flow_style()
        if flow:
            _quote_keys(node)
        for key in list(node):
            child = meaning.get(str(key)) if isinstance(meaning, dict) else None
            new = _scalar(node[key], child, column + _display_width(str(key)) + 2, column + step)
            _replace(node, key, 2, _in_flow(new) if flow else new)
            inner = column + (CANONICAL_INDENT.offset if isinstance(node[key], list) else step)
            _canonical(node[key], child, (*loc, str(key)), inner)
    elif isinstance(node, CommentedSeq):
        for i in range(len(node)):
            child = meaning[i] if isinstance(meaning, list) and i < len(meaning) else None
            new = _scalar(node[i], child, column + 2, column + 2 + step)
            _replace(node, i, 0, _in_flow(new) if node.fa.flow_style() else new)
            _canonical(node[i], child, (*loc, i), column + 2)


_BLOCK_START = re.compile(r"^( *)(?:- +)*(?:[^#\s][^#]*?:)?\s*[|>][-+0-9]*\s*(?:#.*)?$")


def align_comments(text: str) -> str:
    """Indent each full-line comment like the line it stands above."""
    lines = text.split("\n")
    code = [False] * len(lines)
    block: int | None = None
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block):
            code[i] = True  # inside a block scalar: content, even if it starts with '#'
            continue
        block = None
        stripped = line.strip()
        code[i] = bool(stripped) and not stripped.startswith("#")
        if code[i] and (m := _BLOCK_START.match(line)):
            block = len(m.group(1))
    next_indent: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if code[i]:
            next_indent = len(line) - len(line.lstrip(" "))
        elif line.strip().startswith("#") and next_indent is not None:
            lines[i] = " " * next_indent + line.strip()
    return "\n".join(lines)


def _replace(owner: Any, key: Any, slot: int, new: Any) -> None:
    """Set `owner[key]`; when a plain scalar becomes a block scalar (or back), the comment
    token after it is rewritten, since only a plain scalar's token starts with its line end."""
    from planforge.lifecycle.roundtrip import _comment_token, _is_block_scalar

    old = owner[key]
    was, now = _is_block_scalar(old), _is_block_scalar(new)
    entry = owner.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if was == now or token is None:
        _assign(owner, key, new)
        return
    value = str(token.value)
    if now:
        if value.lstrip(" ").startswith("#"):
            return  # an end-of-line comment cannot follow a folded text; leave it plain
        value = value[1:] if value.startswith("\n") else value
    else:
        value = "\n" + value
    _assign(owner, key, new)
    entry[slot] = _comment_token(value, token.column) if value else None


def _assign(owner: Any, key: Any, new: Any) -> None:
    """Set a value without ruamel carrying the old value's scalar style over to it."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.compat import ordereddict

    if isinstance(owner, CommentedMap):
        ordereddict.__setitem__(owner, key, new)
    else:
        list.__setitem__(owner, key, new)


def _reorder(node: Any, order: list[str], *, root: bool) -> None:
    """Put keys in the model's order; a comment above a key moves with the key."""
    if not order:
        return
    keys = list(node)
    rank = {k: i for i, k in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if wanted == keys:
        return
    above: dict[str, str | None] = {}
    for prev, key in itertools.pairwise(keys):
        above[key] = take_trailing(node, prev)
    tail = take_trailing(node, keys[-1])
    items = [(k, node[k], node.ca.items.pop(k, None)) for k in wanted]
    for k in keys:
        del node[k]
    for k, v, comment in items:
        node[k] = v
        if comment is not None:
            node.ca.items[k] = comment
    for prev, key in itertools.pairwise(wanted):
        give_trailing(node, prev, above.get(key))
    give_trailing(node, wanted[-1], tail)
    first = above.get(wanted[0])
    if first:
        _put_before(node, wanted[0], first, root=root)


def _put_before(node: Any, key: str, lines: str, *, root: bool) -> None:
    """Comments that stood above the key now first: above the mapping if it is the root,
    otherwise right under the key's line."""
    from planforge.lifecycle.roundtrip import _comment_token

    text = lines.lstrip("\n")
    if root:
        if node.ca.comment is None:
            node.ca.comment = [None, []]
        node.ca.comment[1] = [*(node.ca.comment[1] or []), _comment_token(text, 0)]
    else:
        give_trailing(node, key, text)


def _scalar(value: Any, meaning: Any, column: int, block_column: int) -> Any:
    """A string in canonical form: plain or quoted as YAML needs, folded when long."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if not isinstance(value, str) or isinstance(value, LiteralScalarString):
        return value
    text = meaning if isinstance(meaning, str) else str(value)
    if text != text.strip() or "\n" in text or "\t" in text:
        return value
    if _display_width(text) + 2 <= WIDTH - column:
        return text  # a plain str: ruamel quotes it only if YAML needs quotes
    folded = fold(text, max(WIDTH - block_column, 20))
    if folded is None:
        return text  # cannot be folded without changing it: stays on one line
    out = FoldedScalarString(folded[0])
    out.fold_pos = folded[1]
    return out


def _in_flow(value: Any) -> Any:
    """A plain string in a flow collection, quoted when it holds a colon: YAML 1.2 allows
    `[a:b]` plain, but the parser that reads sources (libyaml's rules) refuses it."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if type(value) is str and ":" in value:
        return DoubleQuotedScalarString(value)
    return value


def _quote_keys(node: Any) -> None:
    """Quote the keys of a flow mapping that `_in_flow` would quote, keeping their order."""
    keys = list(node)
    for pos, key in enumerate(keys):
        quoted = _in_flow(key)
        if quoted is not key:
            node.insert(pos, quoted, node.pop(key))


def _display_width(text: str) -> int:
    from planforge.errors import display_width

    return display_width(text)


def fold(text: str, width: int) -> tuple[str, list[int]] | None:
    """`text` with break points: (text with spaces inserted between Chinese characters,
    positions of the spaces to break at). None when the text cannot be folded safely."""
    if _CJK_SPACE_CJK.search(text):
        return None  # the loader would drop these spaces from a folded text
    out: list[str] = []
    folds: list[int] = []
    line_width = 0
    last_break: tuple[int, int, bool] | None = None  # (index in out, width after, inserted)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        if i and _can_break(prev, ch, text[i + 1] if i + 1 < len(text) else ""):
            if ch == " ":
                last_break = (len(out), line_width, False)
            elif _CJK_CHAR.match(prev) and _CJK_CHAR.match(ch):
                last_break = (len(out), line_width, True)
        w = 2 if _display_width(ch) == 2 else 1
        if line_width + w > width and last_break is not None:
            index, used, inserted = last_break
            if inserted:
                out.insert(index, " ")
            folds.append(index)
            line_width -= used + (0 if inserted else 1)
            last_break = None
        out.append(ch)
        line_width += w
    return "".join(out), folds


def _can_break(prev: str, ch: str, nxt: str) -> bool:
    if ch == " ":
        # a fold at a space: not next to another space (YAML keeps those lines apart)
        return prev not in (" ", "") and nxt not in (" ", "")
    return ch not in _NO_LINE_START and prev not in _NO_LINE_END and prev != " "


def format_file(path: Path) -> Formatted:
    """The file's text and its canonical layout, both with the file's own line ends."""
    text = read_source(path)
    style = FileStyle.of(path)
    return Formatted(path, text, style.apply(format_text(text.replace("\r\n", "\n"), path)), style)


def repair_file(path: Path) -> tuple[Formatted, list[Change]]:
    """The file's text, its slips mended (`lifecycle.repair`) and then its canonical layout;
    with the mends made. A file that is still not a plan raises, as `format_file` does."""
    from planforge.lifecycle.repair import repair_text

    text = read_source(path)
    style = FileStyle.of(path)
    mended, changes = repair_text(text.replace("\r\n", "\n"), str(path))
    return Formatted(path, text, style.apply(format_text(mended, path)), style), changes


def run_fmt(paths: list[Path], check: bool, repair: bool = False) -> int:
    """Format each file (mending its slips first, with `repair`); a file that cannot be
    read or validated is reported and skipped.

    Exit 2 when a file could not be formatted, else (with --check) 1 when a file would
    change, else 0.
    """
    from planforge.check.discover import discover
    from planforge.errors import Problem, format_problem

    files = discover(paths)
    if not files:
        raise InputError("no plan files found (looked for *.yaml and *.yml)")
    out = sys.stdout
    changed, failed = 0, 0
    for path in files:
        try:
            result, mends = repair_file(path) if repair else (format_file(path), [])
        except InputError as exc:
            failed += 1
            for problem in exc.problems or [Problem(exc.message, hint=exc.hint)]:
                sys.stderr.write(format_problem(problem) + "\n")
            if repair:
                sys.stderr.write(
                    f"{path}: not repaired: fmt --repair mends only slips with one "
                    "reading; this one is the author's to mend\n"
                )
            continue
        verb = "would repair" if check else "repaired"
        for mend in mends:
            out.write(f"{path}:{mend.line}:{mend.col}: {verb} {mend.what}\n")
        if not result.changed:
            continue
        changed += 1
        if check:
            out.write(result.diff())
        else:
            write_atomic(path, result.style.encode(result.after.replace("\r\n", "\n")))
            out.write(f"{'repaired and reformatted' if mends else 'reformatted'} {path}\n")
    noun = "file" if len(files) == 1 else "files"
    verb = "would be reformatted" if check else "reformatted"
    summary = (
        f"{changed} of {len(files)} {noun} {verb}"
        if changed
        else (
            f"{len(files) - failed} of {len(files)} {noun} already formatted"
            if failed
            else f"{len(files)} {noun} already formatted"
        )
    )
    if failed:
        summary += f", {failed} could not be formatted"
    out.write(summary + "\n")
    if failed:
        return 2
    return 1 if check and changed else 0
