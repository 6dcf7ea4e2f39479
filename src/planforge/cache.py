"""A content-addressed cache of validated plans and profiles: an unchanged source is parsed once.

Rendering a plan again (another format, the PDF after the DOCX, after `git pull` touched
other files) would repeat what dominates a render: reading the YAML and validating it with
pydantic. An entry maps the source's bytes, the kind of data and planforge's own code to
the plain data built from them (a render context, a profile's figures: dicts, lists,
strings, numbers). Only valid sources are stored, and an entry is found only for the same
bytes under the same code:

- the key covers the exact bytes read, the namespace, the limits in force
  (`PLANFORGE_MAX_*`) and a fingerprint of the code: planforge's version, the size and
  mtime of each of its modules (editing planforge invalidates), and of the parser's and
  the validator's packages (upgrading them invalidates);
- an entry carries a digest of its payload, checked before it is read; a damaged or
  foreign file is a miss, never an error;
- the cache is an optimisation only: a folder that cannot be created or written, or a
  package that cannot be fingerprinted, leaves rendering as it was.

The folder is `PLANFORGE_CACHE_DIR`, else `$XDG_CACHE_HOME/planforge`, else
`~/.cache/planforge` (`%LOCALAPPDATA%\\planforge\\cache` on Windows); entries are private to
the user (mode 0600), and the folder should not be one that others can write.
`PLANFORGE_NO_CACHE=1` or `--no-cache` turns it off. At most `MAX_ENTRIES` entries and
`MAX_BYTES` are kept; the least recently used go first.
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
MAX_BYTES = 64 * 1024 * 1024
SUFFIX = ".entry"
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died
# The packages whose behaviour is part of what an entry holds: the YAML parser, the validator.
DEPENDENCIES = ("ruamel.yaml", "pydantic", "pydantic_core")


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
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG specification: relative paths are ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password entry: run without a cache
            return None
    return Path(base) / "planforge"


def _folder() -> Path | None:
    """The cache folder when the cache is in use."""
    if not enabled() or code_fingerprint() is None:
        return None
    return cache_dir()


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> bytes | None:
    """The state of planforge's files and of its parser's and validator's packages; None
    when it cannot be taken (the cache is then not used)."""
    import importlib.util

    try:
        digest = hashlib.blake2b(fingerprint(Path(__file__).resolve().parent), digest_size=32)
        for name in DEPENDENCIES:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            if origin is None or not os.path.isfile(origin):
                return None
            stat = os.stat(origin)
            digest.update(os.fsencode(origin) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return digest.digest()
    except (ImportError, OSError, ValueError):
        return None


def fingerprint(root: Path) -> bytes:
    """A digest of the path, size and mtime of every Python module under `root`. Data files
    need not count: a profile entry's key holds the profile's own bytes."""
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
            if not entry.name.endswith(".py"):
                continue
            stat = entry.stat(follow_symlinks=False)
            digest.update(os.fsencode(entry.path))
            digest.update(f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def entry_key(namespace: str, material: bytes) -> str:
    """The entry's name: the code, the limits in force, the namespace and the material."""
    digest = hashlib.blake2b(code_fingerprint() or b"", digest_size=DIGEST_SIZE)
    limits = sorted((k, v) for k, v in os.environ.items() if k.startswith("PLANFORGE_MAX_"))
    digest.update(repr(limits).encode() + b"\0")
    digest.update(namespace.encode() + b"\0")
    digest.update(material)
    return digest.hexdigest()


def get(namespace: str, material: bytes) -> Any | None:
    """The value stored for (`namespace`, `material`), or None on a miss."""
    folder = _folder()
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
    folder = _folder()
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
    """Keep the most recently used entries within `MAX_ENTRIES` and `MAX_BYTES`; remove
    temporary files left by processes that died while writing."""
    import time

    entries = []
    now = time.time()
    for item in os.scandir(folder):
        with contextlib.suppress(OSError):
            stat = item.stat(follow_symlinks=False)
            if item.name.endswith(SUFFIX):
                entries.append((stat.st_mtime_ns, stat.st_size, item.path))
            elif item.name.endswith(".tmp") and now - stat.st_mtime > STALE_TEMP_SECONDS:
                os.unlink(item.path)
    entries.sort(reverse=True)  # newest first
    total = 0
    for count, (_mtime, size, path) in enumerate(entries, 1):
        total += size
        if count > MAX_ENTRIES or total > MAX_BYTES:
            with contextlib.suppress(OSError):
                os.unlink(path)
