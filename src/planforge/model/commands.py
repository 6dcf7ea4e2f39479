"""`planforge schema`, declared once here: the JSON Schema of the plan source format."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def schema(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to a file."),
) -> int:
    """Print the JSON Schema of the plan source format (for editors)."""
    from planforge.model.schema import schema_json

    text = schema_json()
    if output is None:
        sys.stdout.write(text)
        return 0
    from planforge.io import write_atomic

    write_atomic(output, text)
    sys.stderr.write(f"wrote {output}\n")
    return 0
