"""Find and load a layout profile: a built-in name or a user's YAML file.

A user's profile may say `extends: gbt9704` and give only the figures it changes. The
profile is validated by the model (model/profile.py) and handed to the DOCX writer as its
`Figures`, plain data read by attribute like the model. Validated once, the figures come
from planforge's cache afterwards, keyed by the profile's bytes and checked against the
digests of the profiles it extends, so a hit needs neither the parser nor pydantic.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planforge.errors import InputError, UsageError

if TYPE_CHECKING:
    from typing import TypeAlias

    from planforge.cache import Kind
    from planforge.model.profile import LayoutProfile

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
DEFAULT_PROFILE = {"zh": "gbt9704", "en": "plain"}


def builtin_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


def load_profile(ref: str | None, lang: str = "zh") -> Figures:
    """The figures of the profile named `ref` (built-in name or file); the language's
    default when None."""
    from planforge import cache

    name = ref or DEFAULT_PROFILE.get(lang, "plain")
    # The path as named, links not followed: an `extends` is found next to it, and a
    # parent reached through a link is read through that link again on every hit.
    top = os.path.abspath(_resolve(name))
    content = _bytes(Path(top))
    material = None if content is None else os.fsencode(top) + b"\0" + content
    kind = _kind()
    if material is not None:
        hit = cache.get(kind, material)
        if hit is not None and all(_digest(Path(p)) == d for p, d in hit.parents):
            return hit.figures
    chain: list[Path] = []
    figures = Figures(_load(name, (), chain).model_dump())
    if material is not None:
        digests = [(os.path.abspath(p), _digest(p)) for p in chain[1:]]
        parents = tuple((p, d) for p, d in digests if d is not None)
        if len(parents) == len(digests):  # a parent that cannot be read is not cached
            cache.put(kind, material, ProfileEntry(parents, figures))
    return figures


def validated_profile(ref: str) -> LayoutProfile:
    """The profile named `ref` as the model validates it (never from the cache)."""
    return _load(ref, (), [])


class Figures:
    """A validated profile's figures (`LayoutProfile.model_dump()`), read like the model."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # only figures are looked up here (copy probes __deepcopy__)
            raise AttributeError(name)
        try:
            value = self._data[name]
        except KeyError:
            raise AttributeError(name) from None
        return Figures(value) if isinstance(value, dict) else value

    def data(self) -> dict[str, Any]:
        """The figures as plain data, as `model_dump()` gives them."""
        return self._data


if TYPE_CHECKING:
    # What the DOCX writer reads: the figures, by the model's attribute names (the
    # model's annotations let the type checker check the names it reads).
    Layout: TypeAlias = LayoutProfile | Figures


@dataclass(frozen=True)
class ProfileEntry:
    """A cached profile: its figures, and each profile it extends with the digest of the
    bytes it had (a changed parent makes the entry stale)."""

    parents: tuple[tuple[str, str], ...]
    figures: Figures


def _kind() -> Kind[ProfileEntry]:
    from planforge.cache import STR, Kind, ListOf, Record
    from planforge.render.docx.profile_shape import LAYOUT_PROFILE

    parent = Record({"path": STR, "digest": STR})
    shape = Record({"parents": ListOf(parent), "figures": LAYOUT_PROFILE})
    return Kind("layout-profile", shape, _entry_data, _entry)


def _entry_data(entry: ProfileEntry) -> dict[str, Any]:
    parents = [{"path": p, "digest": d} for p, d in entry.parents]
    return {"parents": parents, "figures": entry.figures.data()}


def _entry(data: dict[str, Any]) -> ProfileEntry:
    parents = tuple((p["path"], p["digest"]) for p in data["parents"])
    return ProfileEntry(parents, Figures(data["figures"]))


def _digest(path: Path) -> str | None:
    """A digest of a parent profile's bytes; None when it cannot be read."""
    content = _bytes(path)
    return None if content is None else hashlib.blake2b(content, digest_size=32).hexdigest()


def _bytes(path: Path) -> bytes | None:
    """The file's bytes for the cache key; None (no caching) when unreadable or too large,
    so the loader reports it."""
    from planforge.read import max_file_bytes

    try:
        if path.stat().st_size > max_file_bytes():
            return None
        return path.read_bytes()
    except OSError:
        return None


def _load(
    ref: str, seen: tuple[str, ...], chain: list[Path], folder: Path | None = None
) -> LayoutProfile:
    path = _resolve(ref, folder)
    if str(path.resolve()) in seen:
        raise UsageError(f"--profile {ref}: the profiles extend each other in a circle")
    chain.append(path)
    data, doc = _read(path)
    base = data.pop("extends", None) if isinstance(data, dict) else None
    if base is not None:
        parent = _load_parent(str(base), (*seen, str(path.resolve())), chain, doc, path.parent)
        data = _merge(parent.model_dump(), data)
    return _validate(data, doc)


def _load_parent(
    ref: str, seen: tuple[str, ...], chain: list[Path], doc: Any, folder: Path
) -> LayoutProfile:
    """The profile named by `extends`; a problem there is reported at that line."""
    try:
        return _load(ref, seen, chain, folder)
    except UsageError as exc:
        if exc.problems:
            raise
        problem = doc.problem(
            exc.message.replace(f"--profile {ref}", f"extends: {ref}"), ("extends",), hint=exc.hint
        )
        raise InputError(f"{doc.path}: {problem.message}", [problem]) from None


def is_builtin(ref: str) -> bool:
    """Whether `ref` names a built-in profile (a name, not a path, with a file of ours)."""
    return "/" not in ref and "\\" not in ref and (PROFILES_DIR / f"{ref}.yaml").is_file()


def _resolve(ref: str, folder: Path | None = None) -> Path:
    """A built-in profile's file, or the file `ref` names: relative to `folder` (the
    extending profile's folder) for an `extends`, to the working folder for --profile."""
    if is_builtin(ref):
        return PROFILES_DIR / f"{ref}.yaml"
    path = Path(ref)
    if folder is not None and not path.is_absolute():
        path = folder / path
    if path.is_file():
        return path
    names = ", ".join(builtin_profiles())
    looked = f" (looked for {path})" if folder is not None else ""
    raise UsageError(
        f"--profile {ref}: no such profile or file{looked}",
        hint=f"built-in profiles: {names}; or give the path of a profile YAML file",
    )


def _read(path: Path) -> tuple[Any, Any]:
    from planforge.load import load

    doc = load(path)
    if not isinstance(doc.data, dict):
        raise InputError(
            f"{path}: not a layout profile",
            [doc.problem("expected a layout profile (a YAML mapping)")],
        )
    return doc.data, doc


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and "value" not in value:
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _validate(data: dict[str, Any], doc: Any) -> LayoutProfile:
    from pydantic import ValidationError

    from planforge.model.profile import LayoutProfile

    try:
        return LayoutProfile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(part for part in err["loc"] if isinstance(part, (str, int)))
            where = ".".join(str(p) for p in loc)
            if err["type"] == "extra_forbidden":
                problems.append(_unknown_key(doc, loc))
            else:
                problems.append(doc.problem(f"{where}: {err['msg']}", loc))
        raise InputError(f"{doc.path}: not a valid layout profile", problems) from None


def _unknown_key(doc: Any, loc: tuple[str | int, ...]) -> Any:
    """An unknown key, with the nearest allowed one (a misspelt figure is the usual cause)."""
    from planforge.model.profile import LayoutProfile
    from planforge.validate import key_suggestion

    hint = key_suggestion(loc, LayoutProfile)
    where = ".".join(str(p) for p in loc)
    return doc.problem(f"{where}: unknown key '{loc[-1]}'", loc, key=True, hint=hint)
