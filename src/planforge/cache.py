"""A content-addressed cache of validated plans, so an unchanged source is parsed once.

Rendering a plan again (another format, the PDF after the DOCX, after `git pull` touched
other files) would repeat what dominates a render: reading the YAML and validating it with
pydantic. An entry maps the source's bytes, the kind of data and planforge's own code to
the plain data built from them (a render context: dicts, lists, strings, numbers), so
nothing but valid sources is stored and nothing in an entry can be stale:

- the key covers the exact bytes read, the namespace and a fingerprint of planforge's
  code (version, and size and mtime of every module, so editing planforge invalidates);
- an entry carries a digest of its payload, checked before it is read; a damaged or
  foreign file is a miss, never an error;
- the cache is an optimisation only: a folder that cannot be created or written leaves
  rendering as it was.

The folder is `PLANFORGE_CACHE_DIR`, else `$XDG_CACHE_HOME/planforge`, else
`~/.cache/planforge` (`%LOCALAPPDATA%\\planforge\\cache` on Windows). `PLANFORGE_NO_CACHE=1`
or `--no-cache` turns it off. At most `MAX_ENTRIES` entries are kept; the least recently
used go first.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from planforge import __version__

FORMAT = b"planforge-cache-1\n"
DIGEST_SIZE = 32
MAX_ENTRIES = 256
SUFFIX = ".entry"


_SWITCHED_OFF: list[bool] = []


def enabled() -> bool:
    if _SWITCHED_OFF:
        return False
    return os.environ.get("PLANFORGE_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Neither read nor write entries inside this block (`--no-cache`)."""
    _SWITCHED_OFF.append(True)
    try:
        yield
    finally:
        _SWITCHED_OFF.pop()


def cache_dir() -> Path | None:
    """Where entries live (see the module's docstring); None without a home folder."""
    explicit = os.environ.get("PLANFORGE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "planforge" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password entry: run without a cache
            return None
    return Path(base) / "planforge"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """planforge's version, the interpreter's, and the state of planforge's own files."""
    return fingerprint(Path(__file__).resolve().parent)


def fingerprint(root: Path) -> bytes:
    """A digest of the path, size and mtime of every file under `root` but bytecode."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=DIGEST_SIZE)
    digest.update(sys.version.encode())
    stack = [str(root)]
    while stack:
        with os.scandir(stack.pop()) as scan:
            found = sorted(scan, key=lambda e: e.name)
        for entry in found:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    stack.append(entry.path)
                continue
            stat = entry.stat(follow_symlinks=False)
            digest.update(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def entry_key(namespace: str, material: bytes) -> str:
    digest = hashlib.blake2b(code_fingerprint(), digest_size=DIGEST_SIZE)
    digest.update(namespace.encode() + b"\0")
    digest.update(material)
    return digest.hexdigest()


def get(namespace: str, material: bytes) -> Any | None:
    """The value stored for (`namespace`, `material`), or None on a miss."""
    folder = cache_dir() if enabled() else None
    if folder is None:
        return None
    path = folder / (entry_key(namespace, material) + SUFFIX)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(FORMAT) + DIGEST_SIZE
    if not raw.startswith(FORMAT) or len(raw) < head:
        return None
    payload = raw[head:]
    if hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() != raw[len(FORMAT) : head]:
        return None
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return value


def put(namespace: str, material: bytes, value: Any) -> None:
    """Store `value` (plain data only); any failure leaves the cache as it was."""
    folder = cache_dir() if enabled() else None
    if folder is None:
        return
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain data: not cacheable
        return
    path = folder / (entry_key(namespace, material) + SUFFIX)
    digest = hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(FORMAT + digest + payload)
        os.replace(tmp, path)
        tmp = None
        _prune(folder)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    """Keep the newest `MAX_ENTRIES` entries."""
    entries = [e for e in os.scandir(folder) if e.name.endswith(SUFFIX)]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for entry in entries[: len(entries) - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
