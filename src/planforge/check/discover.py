"""Find plan files under the paths given on the command line."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from planforge.errors import InputError

PLAN_SUFFIXES = (".yaml", ".yml")


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and `*.yaml`/`*.yml` under folders (hidden folders skipped).

    Symlinked folders are not followed, so a walk never leaves the tree it was given.
    The order is stable: files as given, folder contents sorted.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = _walk(path)
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            raise InputError(f"{path}: no such file or folder")
        for candidate in candidates:
            key = Path(os.path.abspath(candidate))
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(root: Path) -> list[Path]:
    out: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(PLAN_SUFFIXES) and not name.startswith("."):
                path = Path(folder, name)
                if path.is_symlink() and not _inside(path, root):
                    continue
                out.append(path)
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True
