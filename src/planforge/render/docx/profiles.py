"""Find and load a layout profile: a built-in name or a user's YAML file.

A user's profile may say `extends: gbt9704` and give only the figures it changes. A
profile validated once comes from planforge's cache afterwards (keyed by its bytes and
those of the profiles it extends), as plain figures read by attribute like the model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from planforge.errors import InputError, UsageError

if TYPE_CHECKING:
    from planforge.model.profile import LayoutProfile

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
DEFAULT_PROFILE = {"zh": "gbt9704", "en": "plain"}


def builtin_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


CACHE_NAMESPACE = "layout-profile"


def load_profile(ref: str | None, lang: str = "zh") -> LayoutProfile:
    """The profile named `ref` (built-in name or file); the language's default when None."""
    from planforge import cache

    name = ref or DEFAULT_PROFILE.get(lang, "plain")
    # The path as named, links not followed: an `extends` is found next to it, and a
    # parent reached through a link is read through that link again on every hit.
    top = os.path.abspath(_resolve(name))
    content = _bytes(Path(top))
    material = None if content is None else os.fsencode(top) + b"\0" + content
    if material is not None:
        hit = cache.get(CACHE_NAMESPACE, material)
        if hit is not None and all(_bytes(Path(p)) == b for p, b in hit["extends"]):
            return cast("LayoutProfile", Figures(hit["figures"]))
    chain: list[Path] = []
    profile = _load(name, (), chain)
    if material is not None:
        extends = [(os.path.abspath(p), _bytes(p)) for p in chain[1:]]
        cache.put(CACHE_NAMESPACE, material, {"extends": extends, "figures": profile.model_dump()})
    return profile


class Figures:
    """A validated profile's figures as the cache keeps them, read like the model."""

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


def _resolve(ref: str, folder: Path | None = None) -> Path:
    """A built-in profile's file, or the file `ref` names: relative to `folder` (the
    extending profile's folder) for an `extends`, to the working folder for --profile."""
    builtin = PROFILES_DIR / f"{ref}.yaml"
    if "/" not in ref and "\\" not in ref and builtin.is_file():
        return builtin
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
