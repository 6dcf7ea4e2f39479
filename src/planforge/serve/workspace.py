"""The files a `planforge serve` may touch: the plans inside the served folder, nothing else.

A path from the browser is relative to the folder; absolute paths, `..`, links that lead
out of the folder and files that are not plans (`*.yaml`, `*.yml`) are refused. Each
version of a file is named by the digest of its bytes: an edit names the version it was
made on, and is refused when the file on disk is another one.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

SUFFIXES = (".yaml", ".yml")
KEPT_VERSIONS = 64


class Refused(Exception):
    """A request for a file the server does not serve; `status` is the HTTP status."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def version_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Workspace:
    """The served folder (and the one plan, when a file was given)."""

    root: Path
    single: str | None = None  # the plan's path relative to root, when serving one file
    lock: threading.Lock = field(default_factory=threading.Lock)
    _texts: OrderedDict[str, str] = field(default_factory=OrderedDict)

    @classmethod
    def for_target(cls, target: Path) -> Workspace:
        """A folder serves its plans; a file serves itself (its folder is the root)."""
        target = target.resolve()
        if target.is_dir():
            return cls(target)
        return cls(target.parent, target.name)

    def resolve(self, rel: str | None) -> Path:
        """The plan at `rel` inside the folder; `Refused` for anything else."""
        if not rel or "\x00" in rel:
            raise Refused("no plan named", 400)
        pure = PurePosixPath(rel.replace("\\", "/"))
        if pure.is_absolute() or rel.startswith(("/", "\\")) or ":" in pure.parts[0]:
            raise Refused("only paths inside the served folder are served")
        if any(part in ("..", "") for part in pure.parts):
            raise Refused("only paths inside the served folder are served")
        if pure.suffix.lower() not in SUFFIXES:
            raise Refused("only plan files (*.yaml, *.yml) are served")
        path = self.root.joinpath(*pure.parts)
        real = path.resolve()
        if not real.is_relative_to(self.root):
            raise Refused("only paths inside the served folder are served")
        if self.single is not None and real != (self.root / self.single).resolve():
            raise Refused("this server serves one plan only")
        if not real.is_file():
            raise Refused(f"{rel}: no such plan", 404)
        return path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def plans(self) -> list[Path]:
        """The plan files of the folder (or the one plan), as `check` finds them."""
        if self.single is not None:
            return [self.root / self.single]
        from planforge.check.discover import discover

        out = []
        for path in discover([self.root]):
            try:
                if path.resolve().is_relative_to(self.root):
                    out.append(path)
            except OSError:
                continue
        return sorted(out)

    def remember(self, version: str, text: str) -> None:
        """Keep a served text, to rebuild an edit made on it when the file moved on."""
        self._texts[version] = text
        self._texts.move_to_end(version)
        while len(self._texts) > KEPT_VERSIONS:
            self._texts.popitem(last=False)

    def recall(self, version: str) -> str | None:
        return self._texts.get(version)
