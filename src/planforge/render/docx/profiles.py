"""Find and load a layout profile: a built-in name or a user's YAML file.

A user's profile may say `extends: gbt9704` and give only the figures it changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planforge.errors import InputError, UsageError
from planforge.model.profile import LayoutProfile

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
DEFAULT_PROFILE = {"zh": "gbt9704", "en": "plain"}


def builtin_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


def load_profile(ref: str | None, lang: str = "zh") -> LayoutProfile:
    """The profile named `ref` (built-in name or file); the language's default when None."""
    return _load(ref or DEFAULT_PROFILE.get(lang, "plain"), seen=())


def _load(ref: str, seen: tuple[str, ...]) -> LayoutProfile:
    path = _resolve(ref)
    if str(path) in seen:
        raise UsageError(f"profile {ref}: `extends` goes round in a circle")
    data, doc = _read(path)
    base = data.pop("extends", None) if isinstance(data, dict) else None
    if base is not None:
        parent = _load(str(base), (*seen, str(path)))
        data = _merge(parent.model_dump(), data)
    return _validate(data, doc)


def _resolve(ref: str) -> Path:
    builtin = PROFILES_DIR / f"{ref}.yaml"
    if "/" not in ref and "\\" not in ref and builtin.is_file():
        return builtin
    path = Path(ref)
    if path.is_file():
        return path
    names = ", ".join(builtin_profiles())
    raise UsageError(
        f"--profile {ref}: no such profile or file",
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

    try:
        return LayoutProfile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(part for part in err["loc"] if isinstance(part, (str, int)))
            where = ".".join(str(p) for p in loc)
            problems.append(doc.problem(f"{where}: {err['msg']}", loc))
        raise InputError(f"{doc.path}: not a valid layout profile", problems) from None
