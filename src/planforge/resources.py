"""Where the built-in data lives: templates (shipped in the wheel), rubrics, profiles."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """Built-in templates: inside the installed package, or `templates/` in a checkout."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("planforge's built-in templates are missing; reinstall planforge")


def data_dir(name: str) -> Path:
    """A folder of package data next to the code, such as `rubrics` or `profiles`."""
    return _PACKAGE / name
