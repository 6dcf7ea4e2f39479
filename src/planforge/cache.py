"""A content-addressed cache of validated plans and profiles: an unchanged source is parsed once.

Rendering a plan again (another format, the PDF after the DOCX, after `git pull` touched
other files) would repeat what dominates a render: reading the YAML and validating it with
pydantic. An entry maps the source's bytes, the kind of data and the code that built it to
that data as JSON. Only valid sources are stored, and an entry is found only for the same
bytes under the same code:

- the key covers the exact bytes read, the kind, the limits in force (`PLANFORGE_MAX_*`)
  and a fingerprint of the code: planforge's version, Python's, the path, size and mtime
  of each of planforge's modules and data files (rubrics, vocabularies, profiles,
  templates), and of every file of the packages an entry depends on
  (`DEPENDENCIES`: the YAML parser with its C extension, the validator and what it
  builds on), so that editing planforge or upgrading, adding or removing one of them
  invalidates;
- an entry is JSON data only (never code or pickled objects), zlib-compressed, with a
  digest of the compressed payload; on reading it must match its digest, inflate to no
  more than `MAX_ENTRY_BYTES`, parse, and fit its kind's `Shape` exactly before it is
  rebuilt as the type that was stored. A damaged, foreign or crafted file is a miss,
  never an error or a wrong type;
- the cache is an optimisation only: a folder that cannot be created or written, or a
  planforge tree that cannot be fingerprinted, leaves rendering as it was.

The folder is `PLANFORGE_CACHE_DIR`, else `$XDG_CACHE_HOME/planforge`, else
`~/.cache/planforge` (`%LOCALAPPDATA%\\planforge\\cache` on Windows); entries are private to
the user (mode 0600), and the folder should not be one that others can write.
`PLANFORGE_NO_CACHE=1` or `--no-cache` turns it off. At most `MAX_ENTRIES` entries and
`MAX_BYTES` are kept; the least recently used go first. The folder is pruned when a
process first writes to it and after every `PRUNE_EVERY` writes, so that checking a
thousand files does not scan it a thousand times.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from planforge import __version__
from planforge.resources import templates_dir

FORMAT = b"planforge-cache-3 json+zlib\n"
DIGEST_SIZE = 32
MAX_ENTRIES = 4096  # a federation's repository: every plan's check result, and renders
PRUNE_EVERY = 256
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 16 * 1024 * 1024
SUFFIX = ".entry"
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died
# The packages (import names) whose behaviour is part of what an entry holds: the YAML
# parser and its C extension (which does the parsing when installed), the validator, its
# compiled core, and the typing packages it reads annotations with.
DEPENDENCIES = (
    "ruamel.yaml",
    "_ruamel_yaml",
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "typing_extensions",
    "typing_inspection",
)

T = TypeVar("T")


class Shape:
    """The structure a stored value must have. `miss` gives None when `value` fits, else
    the path (outermost first) to the first part that does not."""

    leaf: tuple[type, ...] | None = None  # a scalar's types, checked inline by containers

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        raise NotImplementedError

    def fits(self, value: Any) -> bool:
        try:
            return self.miss(value) is None
        except RecursionError:  # nested deeper than any value planforge stores
            return False


class Leaf(Shape):
    """A JSON scalar of one of the given Python types (exactly: a bool is not an int)."""

    def __init__(self, *types: type) -> None:
        self.leaf = self.types = types

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        return None if type(value) in self.types else ()


class OneOf(Shape):
    """One of a few strings."""

    def __init__(self, *choices: str) -> None:
        self.choices = frozenset(choices)

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        return None if type(value) is str and value in self.choices else ()


class Nullable(Shape):
    def __init__(self, shape: Shape) -> None:
        self.shape = shape

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        return None if value is None else self.shape.miss(value)


class AnyOf(Shape):
    """One of a few shapes (the variants of a part, say)."""

    def __init__(self, *shapes: Shape) -> None:
        self.shapes = shapes

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        return None if any(s.miss(value) is None for s in self.shapes) else ()


class ListOf(Shape):
    def __init__(self, item: Shape) -> None:
        self.item = item

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        if type(value) is not list:
            return ()
        item, types = self.item, self.item.leaf
        if types is not None:
            for i, x in enumerate(value):
                if type(x) not in types:
                    return (i,)
            return None
        for i, x in enumerate(value):
            where = item.miss(x)
            if where is not None:
                return (i, *where)
        return None


class MapOf(Shape):
    """A mapping of any (string) keys to values of one shape."""

    def __init__(self, value: Shape) -> None:
        self.value = value

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        if type(value) is not dict:
            return ()
        shape = self.value
        for key, x in value.items():
            where = shape.miss(x)
            if where is not None:
                return (key, *where)
        return None


class Record(Shape):
    """A mapping with exactly these keys. Its fields may be completed after it is made,
    for a shape that contains itself."""

    def __init__(self, fields: Mapping[str, Shape]) -> None:
        self.fields: dict[str, Shape] = dict(fields)

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        if type(value) is not dict:
            return ()
        fields = self.fields
        if len(value) != len(fields):
            return (next(iter(value.keys() ^ fields.keys())),)
        for key, x in value.items():
            shape = fields.get(key)
            if shape is None:
                return (key,)
            types = shape.leaf
            if types is not None:
                if type(x) not in types:
                    return (key,)
                continue
            where = shape.miss(x)
            if where is not None:
                return (key, *where)
        return None


class JSONData(Shape):
    """Any JSON value, for data that is passed through and never looked into (a rubric
    coverage that the JSON output prints as it is)."""

    def miss(self, value: Any) -> tuple[str | int, ...] | None:
        return None


STR, INT, BOOL, FLOAT = Leaf(str), Leaf(int), Leaf(bool), Leaf(float)


@dataclass(frozen=True)
class Kind(Generic[T]):
    """What one namespace of the cache holds: the stored data's shape, and how a value of
    type T becomes that data and is rebuilt from it once the shape is checked (None
    when the data, though of the right shape, does not make a value: a miss)."""

    namespace: str
    shape: Shape
    to_data: Callable[[T], Any]
    from_data: Callable[[Any], T | None]


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
    """The state of planforge's modules and data files (with the built-in templates of a
    checkout) and of every file of `DEPENDENCIES` (an absent one counts as absent); None
    when planforge's own tree cannot be read (no cache)."""
    try:
        package = Path(__file__).resolve().parent
        digest = hashlib.blake2b(fingerprint(package), digest_size=32)
        templates = templates_dir()
        if package not in templates.parents:  # a checkout's, beside the package
            digest.update(fingerprint(templates))
        for name in DEPENDENCIES:
            digest.update(name.encode() + b"\0")
            places = locate(name)
            if places is None:
                digest.update(b"absent\n")
                continue
            for place in places:
                digest.update(fingerprint(place, suffix="") if place.is_dir() else _stat(place))
        return digest.digest()
    except (ImportError, OSError, ValueError):  # FileNotFoundError: no templates
        return None


def locate(name: str) -> list[Path] | None:
    """The folders of package `name`, or its one module file; None when not installed.
    Found without importing it (the C extension of pydantic_core would cost ~0.1 s)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return sorted(Path(p) for p in spec.submodule_search_locations)
    return [Path(spec.origin)] if spec.origin and os.path.isfile(spec.origin) else None


def file_stamp(path: str | os.PathLike[str]) -> str:
    """The size and modification time of the file at `path`, or "absent": what an entry
    that depends on a user's file (a rubric, a configuration) records of it."""
    try:
        info = os.stat(path)
    except OSError:
        return "absent"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _stat(path: Path) -> bytes:
    stat = os.stat(path)
    return os.fsencode(path) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()


CODE_AND_DATA = (".py", ".yaml", ".yml", ".json", ".j2", ".jinja", ".txt", ".css", ".docx")


def fingerprint(root: Path, suffix: str | tuple[str, ...] = CODE_AND_DATA) -> bytes:
    """A digest of the path, size and mtime of every file under `root` whose name ends
    with `suffix` (bytecode aside): for planforge, its modules and the data they read
    (built-in rubrics and concepts, vocabularies, profiles, templates)."""
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
            if not entry.name.endswith(suffix):
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


def get(kind: Kind[T], material: bytes) -> T | None:
    """The value stored for (`kind`, `material`), rebuilt as the type stored; None on a miss."""
    folder = _folder()
    if folder is None:
        return None
    path = folder / (entry_key(kind.namespace, material) + SUFFIX)
    data = _read(path)
    if data is None or not kind.shape.fits(data):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return kind.from_data(data)


def _read(path: Path) -> Any | None:
    """The JSON data of the entry at `path`; None when missing, too large, damaged or not JSON."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_ENTRY_BYTES + len(FORMAT) + DIGEST_SIZE:
                return None
            raw = handle.read()
    except OSError:
        return None
    head = len(FORMAT) + DIGEST_SIZE
    if not raw.startswith(FORMAT) or len(raw) < head:
        return None
    payload = raw[head:]
    if hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() != raw[len(FORMAT) : head]:
        return None
    inflate = zlib.decompressobj()
    try:
        text = inflate.decompress(payload, MAX_ENTRY_BYTES)
    except zlib.error:
        return None
    if inflate.unconsumed_tail or inflate.unused_data or not inflate.eof:  # too large, cut
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError too
        return None


def put(kind: Kind[T], material: bytes, value: T) -> None:
    """Store `value`; a value whose data does not fit the kind's shape, or is too large,
    is not stored, and any failure leaves the cache as it was."""
    folder = _folder()
    if folder is None:
        return
    data = kind.to_data(value)
    if not kind.shape.fits(data):
        return
    try:
        text = json.dumps(data, separators=(",", ":"), allow_nan=False).encode("ascii")
    except (TypeError, ValueError, RecursionError):
        return
    if len(text) > MAX_ENTRY_BYTES:
        return
    payload = zlib.compress(text, 1)  # entries are mostly repeated keys: about a fifth
    path = folder / (entry_key(kind.namespace, material) + SUFFIX)
    digest = hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(FORMAT + digest + payload)
        os.replace(tmp, path)
        tmp = None
        if _WRITES[0] % PRUNE_EVERY == 0:
            _prune(folder)
        _WRITES[0] += 1
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


_WRITES = [0]  # entries this process has written


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
