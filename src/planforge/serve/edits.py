"""The edits the editor sends, applied to the round-trip tree of a plan source.

An edit is plain data: set a field, add an item to a list (a task, a sub-task, a goal),
delete one, move it among its siblings, indent it under the item above or outdent it to
its parent's level. Each is applied to the comment-carrying tree of `lifecycle/roundtrip.py`,
so that the rewritten source differs from the original only in the lines the edit changes;
comments between items stay before the item they stood before.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planforge.errors import UsageError
from planforge.lifecycle.roundtrip import (
    Source,
    append_item,
    give_trailing,
    insert_key,
    key_order,
    remove_key,
    take_trailing,
)
from planforge.serve.form import kind_at

Loc = tuple[str | int, ...]

_NAME_SEPARATORS = re.compile(r"\s*[、，,；;\n]\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class EditError(UsageError):
    """An edit that cannot be applied: the message says why, `loc` says where."""

    def __init__(self, message: str, loc: Loc = ()) -> None:
        super().__init__(message)
        self.loc = loc


def apply_edit(source: Source, edit: dict[str, Any]) -> str:
    """The source text after `edit`; the tree in `source` is changed in place."""
    op = edit.get("op")
    loc = _loc(edit.get("path"))
    if op == "set":
        set_value(source.data, loc, edit.get("value"))
    elif op == "add":
        add_item(source.data, loc, edit.get("index"), edit.get("item") or {})
    elif op == "delete":
        delete_item(source.data, loc)
    elif op == "move":
        move_item(source.data, loc, int(edit.get("by") or 0))
    elif op == "indent":
        indent_task(source.data, loc)
    elif op == "outdent":
        outdent_task(source.data, loc)
    else:
        raise EditError(f"unknown edit '{op}'")
    return source.dump()


def _loc(raw: Any) -> Loc:
    if not isinstance(raw, list) or not all(isinstance(p, (str, int)) for p in raw):
        raise EditError("an edit needs a path: a list of keys and indexes")
    return tuple(raw)


# ---------------------------------------------------------------------------- navigating


def node_at(data: Any, loc: Loc) -> Any:
    """The node at `loc`; `EditError` when the path leads nowhere."""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise EditError("this item is no longer in the file; reload the page", loc) from None
    return node


def _mapping_at(data: Any, loc: Loc) -> Any:
    """The mapping at `loc`, made (with its parents) where the source has none yet."""
    from ruamel.yaml.comments import CommentedMap

    node = data
    for n, part in enumerate(loc):
        if isinstance(part, str) and isinstance(node, dict) and part not in node:
            insert_key(node, part, CommentedMap(), key_order(loc[:n]))
        node = node_at(node, (part,))
    if not isinstance(node, dict):
        raise EditError("expected a mapping here", loc)
    return node


def _block_seq(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


# ---------------------------------------------------------------------------- values


def set_value(data: Any, loc: Loc, value: Any) -> None:
    """Write `value` (as the form sends it) at `loc`; an empty value removes the key."""
    if not loc or not isinstance(loc[-1], str):
        raise EditError("a field is set by its key", loc)
    parent_loc, key = loc[:-1], loc[-1]
    kind = kind_at(loc)
    parent = _mapping_at(data, parent_loc)
    current = parent.get(key)
    if _empty(value):
        if key in parent:
            remove_key(parent, key)
        return
    if kind == "paragraphs":
        _set_list(parent, key, current, _paragraphs(value), parent_loc)
    elif kind == "names":
        _set_names(parent, key, current, value, parent_loc)
    elif kind == "figures":
        _set_figures(parent, key, current, value, parent_loc)
    else:
        _put(parent, key, _scalar(kind, value, current, loc), parent_loc)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not any(
            not _empty(v) for v in (value.values() if isinstance(value, dict) else value)
        )
    return False


def _put(parent: Any, key: str, value: Any, parent_loc: Loc) -> None:
    if key in parent:
        parent[key] = value
    else:
        insert_key(parent, key, value, key_order(parent_loc))


def _scalar(kind: str, value: Any, current: Any, loc: Loc) -> Any:
    """A form value as the YAML scalar the field holds, in the style of the one it replaces."""
    from ruamel.yaml.scalarstring import ScalarString

    text = str(value).strip()
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise EditError(f"'{text}' is not a whole number", loc) from None
    if kind == "date" or (loc[-1] == "deadline" and _iso_date(text)):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise EditError(f"'{text}' is not a date (YYYY-MM-DD)", loc) from None
    if isinstance(current, ScalarString):  # keep quotes, '>-' or '|' as written
        return type(current)(text)
    return text


def _iso_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _paragraphs(value: Any) -> list[str]:
    items = value if isinstance(value, list) else _PARAGRAPH_BREAK.split(str(value))
    return [" ".join(str(p).split("\n")).strip() for p in items if str(p).strip()]


def _set_list(parent: Any, key: str, current: Any, items: list[str], parent_loc: Loc) -> None:
    """A list of texts: in place when the source has a list, one scalar for one item."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(current, CommentedSeq):
        for i, item in enumerate(items[: len(current)]):
            old = current[i]
            if str(old) != item:
                current[i] = type(old)(item) if isinstance(old, ScalarString) else item
        while len(current) > len(items):
            del current[len(current) - 1]
        for item in items[len(current) :]:
            if current.fa.flow_style():
                current.append(item)
            else:
                append_item(current, item)
        return
    if len(items) == 1:
        style = current if isinstance(current, ScalarString) else None
        _put(parent, key, type(style)(items[0]) if style is not None else items[0], parent_loc)
        return
    if key in parent:
        moved = take_trailing(parent, key)
        parent[key] = _block_seq(items)
        give_trailing(parent, key, moved)
    else:
        insert_key(parent, key, _block_seq(items), key_order(parent_loc))


def _set_names(parent: Any, key: str, current: Any, value: Any, parent_loc: Loc) -> None:
    """Names as typed (`工会办公室、财务室`): a text stays a text, a list stays a list."""
    if isinstance(value, list):
        items = [str(v).strip() for v in value if str(v).strip()]
    else:
        items = [p for p in _NAME_SEPARATORS.split(str(value).strip()) if p]
    if isinstance(current, list) or isinstance(value, list):
        _set_list(parent, key, current, items, parent_loc)
    else:
        _put(parent, key, _scalar("text", value, current, (*parent_loc, key)), parent_loc)


def _number(text: str) -> Any:
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            continue
    return text


def _set_figures(parent: Any, key: str, current: Any, value: Any, parent_loc: Loc) -> None:
    """Figures as `name: value` pairs; kept entries keep their place and comments."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, str):
        pairs = {}
        for line in value.splitlines():
            name, sep, figure = line.replace("：", ":").partition(":")
            if sep and name.strip() and figure.strip():
                pairs[name.strip()] = figure.strip()
        value = pairs
    if not isinstance(value, dict):
        raise EditError("figures are name: value pairs", (*parent_loc, key))
    wanted = {str(k).strip(): _number(str(v).strip()) for k, v in value.items() if str(k).strip()}
    if not isinstance(current, CommentedMap):
        mapping = CommentedMap(wanted)
        _put(parent, key, mapping, parent_loc)
        return
    for name in [k for k in current if str(k) not in wanted]:
        remove_key(current, name)
    for name, figure in wanted.items():
        if name in current:
            if current[name] != figure:
                current[name] = figure
        else:
            append_key = list(current)[-1] if len(current) else None
            moved = take_trailing(current, append_key) if append_key is not None else None
            current[name] = figure
            give_trailing(current, name, moved)


# ---------------------------------------------------------------------------- lists


def _seq_and_index(data: Any, loc: Loc) -> tuple[Any, int]:
    if not loc or not isinstance(loc[-1], int):
        raise EditError("expected the path of an item in a list", loc)
    seq = node_at(data, loc[:-1])
    index = loc[-1]
    if not isinstance(seq, list) or not 0 <= index < len(seq):
        raise EditError("this item is no longer in the file; reload the page", loc)
    return seq, index


def detach(seq: Any, i: int) -> Any:
    """Take item `i` out; the comment lines after it stay before what followed it (the
    first item's go with it: ruamel keeps no place before a list's first item)."""
    moved = take_trailing(seq, i) if i > 0 else None
    item = seq[i]
    del seq[i]
    if moved:
        give_trailing(seq, i - 1, moved)
    return item


def attach(seq: Any, i: int, item: Any) -> None:
    """Put `item` at `i`; the comment lines that stood before the item there stay before it."""
    if i >= len(seq):
        append_item(seq, item)
        return
    if i == 0:
        seq.insert(0, item)
        return
    moved = take_trailing(seq, i - 1)
    seq.insert(i, item)
    give_trailing(seq, i, moved)


def _ids(data: Any) -> set[str]:
    out: set[str] = set()

    def visit(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict):
                out.add(str(item.get("id")))
                visit(item.get("tasks"))

    visit(data.get("tasks"))
    visit(data.get("goals"))
    return out


def new_id(data: Any, stem: str) -> str:
    """The first free `stem-N`."""
    taken = _ids(data)
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def add_item(data: Any, loc: Loc, index: Any, item: dict[str, Any]) -> None:
    """Add a task or a goal to the list at `loc` (`tasks`, `goals`, or a task's `tasks`)."""
    from ruamel.yaml.comments import CommentedMap

    if not loc or loc[-1] not in ("tasks", "goals"):
        raise EditError("tasks and goals are added to a list of tasks or goals", loc)
    goal = loc == ("goals",)
    key = "text" if goal else "title"
    entry = CommentedMap()
    entry["id"] = new_id(data, "goal" if goal else "task")
    text = str(item.get(key) or "").strip()
    if not text:
        raise EditError("a new item needs a title", loc)
    entry[key] = text
    parent = _mapping_at(data, loc[:-1])
    seq = parent.get(loc[-1])
    if not isinstance(seq, list) or not len(seq):
        _put(parent, str(loc[-1]), _block_seq([entry]), loc[:-1])
        return
    attach(seq, len(seq) if index is None else max(0, min(int(index), len(seq))), entry)


def delete_item(data: Any, loc: Loc) -> None:
    seq, i = _seq_and_index(data, loc)
    detach(seq, i)
    if not len(seq):
        parent = node_at(data, loc[:-2])
        remove_key(parent, str(loc[-2]))


def move_item(data: Any, loc: Loc, by: int) -> None:
    seq, i = _seq_and_index(data, loc)
    j = i + by
    if by == 0 or not 0 <= j < len(seq):
        raise EditError("cannot move this item further", loc)
    item = detach(seq, i)
    attach(seq, j, item)


def _task_loc(loc: Loc) -> None:
    if len(loc) < 2 or loc[-2] != "tasks" or not isinstance(loc[-1], int):
        raise EditError("only tasks are indented or outdented", loc)


def indent_task(data: Any, loc: Loc) -> None:
    """Make the task a sub-task of the task above it, as its last; the comment lines
    that stood before it go with it."""
    _task_loc(loc)
    seq, i = _seq_and_index(data, loc)
    if i == 0:
        raise EditError("the first task has no task above it to go under", loc)
    above = seq[i - 1]
    before = take_trailing(seq, i - 1)
    item = detach(seq, i)
    children = above.get("tasks")
    if isinstance(children, list) and len(children):
        attach(children, len(children), item)
        give_trailing(children, len(children) - 2, before)
    else:
        _put(above, "tasks", _block_seq([item]), (*loc[:-1], i - 1))
        keys = list(above)
        give_trailing(above, keys[keys.index("tasks") - 1], before)


def outdent_task(data: Any, loc: Loc) -> None:
    """Make the task a sibling of its parent, just after it; the comment lines that stood
    before it go with it."""
    _task_loc(loc)
    if len(loc) < 4:
        raise EditError("a top-level task cannot go up a level", loc)
    seq, i = _seq_and_index(data, loc)
    parent_loc = loc[:-2]
    grand, p = _seq_and_index(data, parent_loc)
    before = take_trailing(seq, i - 1) if i > 0 else None
    item = detach(seq, i)
    if not len(seq):
        remove_key(grand[p], "tasks")
    attach(grand, p + 1, item)
    give_trailing(grand, p, before)


# ---------------------------------------------------------------------------- the fast path

_SCALAR_KINDS = {"text", "int", "date", "enum"}


def set_in_place(text: str, edit: dict[str, Any]) -> str | None:
    """`text` with a one-line scalar replaced where it stands, or None when the edit needs
    the round-trip tree (a new key, a list, a block scalar, an anchor or a tag).

    The value is written as the round-trip writer writes it (its quoting kept); only its
    characters on its line change. On a 300-task plan this is milliseconds where loading
    and dumping the whole round-trip tree takes seconds.
    """
    from planforge.errors import InputError
    from planforge.lifecycle.roundtrip import CANONICAL_INDENT, dump
    from planforge.load import parse

    if edit.get("op") != "set":
        return None
    loc = _loc(edit.get("path"))
    if not loc or not isinstance(loc[-1], str) or kind_at(loc) not in _SCALAR_KINDS:
        return None
    value = edit.get("value")
    if _empty(value):
        return None
    try:
        doc = parse(text)
        current = node_at(doc.data, loc)
    except (InputError, EditError):
        return None
    if isinstance(current, (dict, list)) or current is None:
        return None
    where = doc.locate(loc)
    if where.line is None or where.line != where.end_line or where.col is None:
        return None
    lines = text.split("\n")
    line = lines[where.line - 1]
    start, end = where.col - 1, (where.end_col or 1) - 1
    written = line[start:end]
    if not written or written[0] in "|>&*!" or "#" in written:
        return None
    new = _scalar(kind_at(loc), value, None, loc)
    if written[0] in "'\"":
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

        quoted = DoubleQuotedScalarString if written[0] == '"' else SingleQuotedScalarString
        new = quoted(str(new)) if isinstance(new, str) else new
    shown = dump({"k": new}, CANONICAL_INDENT).rstrip("\n")
    if "\n" in shown or not shown.startswith("k: "):
        return None
    lines[where.line - 1] = line[:start] + shown[3:] + line[end:]
    return "\n".join(lines)


def edited(text: str, path: Any, edit: dict[str, Any]) -> str:
    """`text` after `edit`: in place for a one-line scalar, else through the round-trip tree."""
    from planforge.lifecycle.roundtrip import parse_source

    fast = set_in_place(text, edit)
    return fast if fast is not None else apply_edit(parse_source(text, path), edit)
