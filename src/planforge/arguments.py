"""Command-line values that typer cannot check by type alone, checked the same way by
every command: dates, and paths that must not be empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planforge.errors import UsageError


def date_option(name: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option as a date; a clear usage error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name}: expected a date like 2026-05-15, got '{value}'") from None


def path_option(name: str, value: str | None) -> Path | None:
    """A path option as a Path; an empty one is a usage error (Path('') would be '.')."""
    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{name}: expected a file or folder name, got nothing")
    return Path(value)
