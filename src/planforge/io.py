"""Writing outputs safely: atomically, never over a source, never half-written; links
are followed and devices written through, never replaced."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from planforge.errors import OutputError

SOURCE_SUFFIXES = {".yaml", ".yml"}


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    If anything fails, the previous file at `path` is left as it was. A symbolic link is
    followed: the file it points to is replaced and the link kept. A device or a pipe
    (`/dev/null`, a FIFO) has nothing to rename over and is written to directly.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _link_target(path) if path.is_symlink() else path
    if target.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    if target.exists() and not target.is_file():
        _write_through(path, target, payload)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        through = f" (a link to {target})" if target != path else ""
        raise OutputError(f"cannot write {path}{through}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _link_target(path: Path) -> Path:
    """The file a link finally points to (which need not exist yet); a loop is an error."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # a dangling link: its target is created
        return Path(os.path.realpath(path))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _write_through(path: Path, target: Path, payload: bytes) -> None:
    try:
        with open(target, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_source_as_output(output: Path, sources: list[Path]) -> None:
    """Refuse to write a rendered document over a plan source or any YAML file, also
    through a link."""
    for src in sources:
        with contextlib.suppress(OSError):
            if output.exists() and output.resolve() == src.resolve():
                raise OutputError(f"refusing to overwrite the source {src}")
    real = Path(os.path.realpath(output))
    for name in (output, real):
        if name.suffix.lower() in SOURCE_SUFFIXES:
            shown = "it" if name == output else f"it leads to {name}, which"
            raise OutputError(
                f"refusing to write output to {output}: {shown} is a YAML file "
                "and could be a plan source"
            )
