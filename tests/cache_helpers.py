"""The entries of a test's cache folder (the `store` fixture in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from planforge import cache


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{cache.SUFFIX}")) if folder.is_dir() else []
