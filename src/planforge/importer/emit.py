"""An imported plan → YAML source text with `# imported:` comments, checked by the same
loader and validation as `planforge check` before anything is written."""

from __future__ import annotations

import io
from typing import Any

from planforge.errors import InputError
from planforge.importer.assemble import Imported, Loc

HEADER = "Imported by `planforge import`: review the lines marked '# imported:'."
# The line a note goes on: the short key of the mapping at the note's path.
_NOTE_KEY = {"year": "year", "organisation": "organisation", "ideology": "ideology"}


def emit(imported: Imported, notes_on_top: list[str]) -> str:
    """The YAML text of `imported`, validated; `notes_on_top` go in the file's header."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def convert(value: Any, loc: Loc) -> Any:
        if isinstance(value, dict):
            cm = CommentedMap()
            for key, item in value.items():
                cm[key] = convert(item, (*loc, key))
            for message in imported.notes.get(loc, []) if loc and isinstance(loc[-1], int) else []:
                first = "id" if "id" in cm else next(iter(cm))
                _add_note(cm, first, message)
            return cm
        if isinstance(value, list):
            return CommentedSeq(convert(item, (*loc, i)) for i, item in enumerate(value))
        return value

    root = convert(imported.data, ())
    for loc, messages in imported.notes.items():
        if len(loc) == 1 and loc[0] in root:
            for message in messages:
                _add_note(root, str(loc[0]), message)
        elif len(loc) == 2 and loc[0] == "signature" and "signature" in root:
            for message in messages:
                _add_note(root["signature"], str(loc[1]), message)
    header = [HEADER, *(f"imported: {n}" for n in [*notes_on_top, *imported.header])]
    root.yaml_set_start_comment("\n".join(header))
    yaml = YAML()
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()


def _add_note(cm: Any, key: str, message: str) -> None:
    existing = cm.ca.items.get(key)
    if existing and len(existing) > 2 and existing[2] is not None:
        # one comment per line: join a further note to the one already there
        token = existing[2]
        token.value = token.value.rstrip("\n") + f"; {message}\n"
        return
    cm.yaml_add_eol_comment(f"imported: {message}", key)


def check_source(text: str, name: str) -> None:
    """Load and validate emitted text as `planforge check` would; a failure is a bug in the
    importer, reported with the problems found."""
    from planforge.load import parse
    from planforge.validate import validate

    try:
        validate(parse(text, name))
    except InputError as exc:
        raise InputError(
            f"{name}: the imported plan does not pass validation",
            exc.problems,
            hint="this is a bug in planforge import; please report it with the input",
        ) from None
