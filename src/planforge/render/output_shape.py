"""A rendered document as planforge's cache stores it: Markdown and HTML as text, DOCX
as base64 (JSON holds no bytes). See render/run.py's `document_data` for the key."""

from __future__ import annotations

import base64
import binascii

from planforge.cache import STR, Kind, OneOf, Record

OUTPUT = Record({"type": OneOf("text", "base64"), "data": STR})


def stored(document: bytes | str) -> dict[str, str]:
    if isinstance(document, str):
        return {"type": "text", "data": document}
    return {"type": "base64", "data": base64.b64encode(document).decode("ascii")}


def rebuilt(data: dict[str, str]) -> bytes | str | None:
    """The document of a checked entry; None when its base64 is damaged."""
    if data["type"] == "text":
        return data["data"]
    try:
        return base64.b64decode(data["data"], validate=True)
    except (binascii.Error, ValueError):
        return None


OUTPUT_KIND: Kind[bytes | str] = Kind("rendered-document", OUTPUT, stored, rebuilt)
