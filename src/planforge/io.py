"""Writing outputs safely: atomically, never over a source, never half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from planforge.errors import OutputError

SOURCE_SUFFIXES = {".yaml", ".yml"}


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    If anything fails, the previous file at `path` is left as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_source_as_output(output: Path, sources: list[Path]) -> None:
    """Refuse to write a rendered document over a plan source or any YAML file."""
    if output.suffix.lower() in SOURCE_SUFFIXES:
        raise OutputError(
            f"refusing to write output to {output}: it is a YAML file and could be a plan source"
        )
    for src in sources:
        with contextlib.suppress(OSError):
            if output.exists() and output.resolve() == src.resolve():
                raise OutputError(f"refusing to overwrite the source {src}")
