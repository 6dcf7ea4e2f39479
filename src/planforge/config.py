"""The configuration: found from the working folder upwards, or named with `--config`.

A configuration names the rubrics every plan is held to, turns rules off or changes their
severity, sets rule options (`rules: {empty-month: {level: info, min-dated-tasks: 4}}`,
checked against the options each rule declares), overrides rules for some paths (globs),
ignores paths, and gives a school's calendar (read by deadlines everywhere: `check`,
`render`, `status`, …). It lives in
`.planforge.yaml`, `planforge.toml` or the `[tool.planforge]` table of `pyproject.toml`;
the first of these found in the working folder or a parent wins.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planforge.errors import Location, Problem, UsageError

if TYPE_CHECKING:
    from planforge.check.rules.base import Rule

CONFIG_NAMES = (".planforge.yaml", ".planforge.yml", "planforge.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
RULE_SETTINGS = (*SEVERITIES, "off")
_KEYS = ("extends", "rubrics", "rules", "overrides", "ignore", "calendar")
LEVEL = "level"
"""The key of a rule's severity in the mapping form `{level: warning, <option>: value}`."""

RuleOptions = dict[str, dict[str, Any]]
"""Rule id → option name → value (validated against the rule's declared options)."""


@dataclass(frozen=True)
class Override:
    """Rule settings and options that apply to the paths matching one of `files`."""

    files: tuple[str, ...]
    rules: dict[str, str]
    options: RuleOptions = field(default_factory=dict)


@dataclass
class Config:
    """The settings in force; `root` is the folder that globs are relative to."""

    root: Path = field(default_factory=Path.cwd)
    source: str | None = None
    rubrics: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)
    options: RuleOptions = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    calendar: dict[str, tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=dict)
    """A school's own periods (寒假: [1-15, 2-25]) over vocab/calendar.py's defaults."""

    def settings_for(self, path: Path) -> dict[str, str]:
        """Rule id → severity or "off" for one file: the base rules, then each override."""
        settings = dict(self.rules)
        if self.overrides:
            rel = self.relative(path)
            for override in self.overrides:
                if any(_glob_match(rel, pattern) for pattern in override.files):
                    settings.update(override.rules)
        # "on" re-enables a rule at its default severity: the engine gets no entry for it.
        return {rule: value for rule, value in settings.items() if value != "on"}

    def options_for(self, path: Path) -> RuleOptions:
        """Rule id → option values for one file: the base options, then each override's
        (option by option, so an override changes only the options it names)."""
        options = {rule: dict(values) for rule, values in self.options.items()}
        if self.overrides:
            rel = self.relative(path)
            for override in self.overrides:
                if any(_glob_match(rel, pattern) for pattern in override.files):
                    merge_options(options, override.options)
        return options

    def ignored(self, path: Path) -> bool:
        if not self.ignore:
            return False
        rel = self.relative(path)
        return any(_glob_match(rel, pattern) for pattern in self.ignore)

    def relative(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    """Match a posix path against a glob as .gitignore does.

    `*` stays within a folder, `**` crosses folders, a pattern without `/` matches a name
    at any depth, and a folder pattern (`drafts/`, `plans/old`) matches everything below.
    """
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    bare = pattern.strip("/")
    if not bare:
        return False
    regex = _glob_regex(bare if "/" in bare else f"**/{bare}")
    return bool(regex.match(rel))


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            close = pattern.find("]", i + 1)
            if close == -1:
                out.append(re.escape("["))
                i += 1
            else:
                body = pattern[i + 1 : close].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    # a pattern that names a folder matches everything below it
    return re.compile("".join(out) + "(?:/.*)?$")


def discover_config(start: Path | None = None) -> Config:
    """The configuration of the nearest folder (from `start` upwards) that has one."""
    path = config_path(start)
    if path is None:
        return Config(root=Path(os.path.abspath(start or Path.cwd())))
    return load_config(path)


def config_path(start: Path | None = None) -> Path | None:
    """The file `discover_config` reads (from `start` upwards), without reading it."""
    folder = Path(os.path.abspath(start or Path.cwd()))
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if not path.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(path):
                continue
            return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.planforge" in text


def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> Config:
    """Read one configuration file (following `extends:`); `UsageError` when it is bad."""
    path = Path(os.path.abspath(path))
    if path in _seen:
        raise UsageError(f"{path}: configuration extends itself (through {_seen[-1]})")
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file")
    data, locate = _read(path)
    config = Config(root=path.parent, source=str(path))
    if not isinstance(data, dict):
        raise _bad(path, locate, (), "expected a mapping of settings (rubrics, rules, ...)")
    for key in data:
        if key not in _KEYS:
            raise _bad(
                path,
                locate,
                (key,),
                f"unknown setting '{key}'",
                hint="settings: " + ", ".join(_KEYS),
            )
    if "extends" in data:
        parent_ref = data["extends"]
        if not isinstance(parent_ref, str):
            raise _bad(path, locate, ("extends",), "'extends' must be the path of another file")
        parent = load_config(path.parent / parent_ref, (*_seen, path))
        config.rubrics = list(parent.rubrics)
        config.rules = dict(parent.rules)
        config.options = {rule: dict(values) for rule, values in parent.options.items()}
        config.overrides = list(parent.overrides)
        config.ignore = [_rebase(p, parent.root, path.parent) for p in parent.ignore]
        config.calendar = dict(parent.calendar)
    config.rubrics += _strings(data.get("rubrics", []), path, locate, ("rubrics",))
    rules, options = _rules(data.get("rules", {}), path, locate, ("rules",))
    config.rules.update(rules)
    merge_options(config.options, options)
    config.ignore += _strings(data.get("ignore", []), path, locate, ("ignore",))
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        raise _bad(path, locate, ("overrides",), "'overrides' must be a list of {files, rules}")
    for i, entry in enumerate(overrides):
        if not isinstance(entry, dict) or set(entry) - {"files", "rules"} or "files" not in entry:
            raise _bad(
                path,
                locate,
                ("overrides", i),
                "an override is a mapping with 'files' (globs) and 'rules'",
            )
        files = _strings(entry["files"], path, locate, ("overrides", i, "files"))
        rules, options = _rules(entry.get("rules", {}), path, locate, ("overrides", i, "rules"))
        config.overrides.append(Override(tuple(files), rules, options))
    config.calendar.update(_calendar(data.get("calendar", {}), path, locate))
    return config


_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*[日号]?\s*$")


def _calendar(
    value: Any, path: Path, locate: Any
) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """A school calendar: period name → [first day, last day], each `M-D` or `M月D日`
    (`寒假: [1-15, 2-25]`). A name close to a known period but not it (寒暇) is a slip."""
    import datetime as dt
    import difflib

    from planforge.vocab.calendar import SCHOOL_PERIODS

    if not isinstance(value, dict):
        raise _bad(path, locate, ("calendar",), "'calendar' maps a period to [first day, last day]")
    out: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
    for name, days in value.items():
        loc = ("calendar", name)
        name = str(name)
        close = difflib.get_close_matches(name, list(SCHOOL_PERIODS), n=1, cutoff=0.5)
        if name not in SCHOOL_PERIODS and close and len(name) == len(close[0]):
            raise _bad(
                path,
                locate,
                loc,
                f"'{name}' is not a school period planforge knows",
                hint=f"did you mean '{close[0]}'? (a new period needs a name of its own)",
            )
        example = f"{name}: [1-15, 2-25]"
        if not isinstance(days, list) or len(days) != 2:
            raise _bad(
                path,
                locate,
                loc,
                f"'{name}': expected [first day, last day], as {example}",
                key=False,
            )
        pair = []
        for i, day in enumerate(days):
            m = _MONTH_DAY.match(str(day))
            try:
                if m is None:
                    raise ValueError
                dt.date(2028, int(m[1]), int(m[2]))  # a leap year: 2-29 is a day
            except ValueError:
                raise _bad(
                    path,
                    locate,
                    (*loc, i),
                    f"'{name}': {str(day)!r} is not a day of the year; write it as 1-15 or 1月15日",
                    key=False,
                ) from None
            pair.append((int(m[1]), int(m[2])))
        if pair[1] < pair[0]:
            raise _bad(
                path,
                locate,
                loc,
                f"'{name}' ends ({days[1]}) before it starts ({days[0]})",
                hint="give the first day first; a period is within one calendar year",
                key=False,
            )
        out[name] = (pair[0], pair[1])
    return out


def merge_options(into: RuleOptions, more: RuleOptions) -> None:
    """Add `more` to `into`, option by option (a later value wins)."""
    for rule, values in more.items():
        into.setdefault(rule, {}).update(values)


def _rebase(pattern: str, old_root: Path, new_root: Path) -> str:
    if old_root == new_root:
        return pattern
    try:
        prefix = old_root.relative_to(new_root).as_posix()
    except ValueError:
        return pattern
    return f"{prefix}/{pattern}"


def _strings(value: Any, path: Path, locate: Any, loc: tuple[Any, ...]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(path, locate, loc, f"'{loc[-1]}' must be a list of text values")
    return list(value)


def _rules(
    value: Any, path: Path, locate: Any, loc: tuple[Any, ...]
) -> tuple[dict[str, str], RuleOptions]:
    """The severities and the options a `rules:` mapping sets, each checked against the
    rule it names: `off`, `error`… or `{level: warning, <option>: value}`."""
    if not isinstance(value, dict):
        raise _bad(path, locate, loc, "'rules' must map rule ids to error, warning, info or off")
    levels: dict[str, str] = {}
    options: RuleOptions = {}
    known = known_rules()
    for rule_id, setting in value.items():
        rule_loc = (*loc, rule_id)
        rule = known.get(str(rule_id))
        if rule is None:
            hint = _suggest(str(rule_id), list(known))
            raise _bad(
                path,
                locate,
                rule_loc,
                f"unknown rule '{rule_id}'",
                hint=(f"{hint} " if hint else "") + "`planforge rules` lists the rules",
            )
        if not rule.configurable:
            raise _bad(
                path,
                locate,
                rule_loc,
                f"rule '{rule_id}' cannot be turned off or changed: a file that is not a plan "
                "cannot be checked",
            )
        if isinstance(setting, dict):
            options[rule.id] = _rule_options(rule, setting, path, locate, rule_loc)
            if LEVEL not in setting:
                continue
            setting = setting[LEVEL]
            rule_loc = (*rule_loc, LEVEL)
        levels[rule.id] = _level(rule.id, setting, path, locate, rule_loc)
    return levels, options


def _level(rule_id: str, setting: Any, path: Path, locate: Any, loc: tuple[Any, ...]) -> str:
    if setting is False:
        setting = "off"
    if setting is True:
        setting = "on"
    if not isinstance(setting, str) or setting.lower() not in (*RULE_SETTINGS, "on"):
        raise _bad(
            path,
            locate,
            loc,
            f"rule '{rule_id}': expected error, warning, info or off, got {setting!r}",
            key=False,
        )
    return setting.lower()


def _rule_options(
    rule: Rule, setting: dict[Any, Any], path: Path, locate: Any, loc: tuple[Any, ...]
) -> dict[str, Any]:
    """The options in a rule's mapping, each a declared option of a value of its type."""
    out: dict[str, Any] = {}
    for name, raw in setting.items():
        if name == LEVEL:
            continue
        option = rule.option(str(name))
        if option is None:
            names = [o.name for o in rule.options]
            hint = _suggest(str(name), [LEVEL, *names]) or (
                f"options of {rule.id}: " + ", ".join(names)
                if names
                else f"{rule.id} takes no options, only `{LEVEL}`"
            )
            raise _bad(
                path, locate, (*loc, name), f"rule '{rule.id}' has no option '{name}'", hint=hint
            )
        try:
            out[option.name] = option.parse(raw)
        except ValueError as exc:
            raise _bad(
                path,
                locate,
                (*loc, name),
                f"rule '{rule.id}' option '{name}': {exc}",
                hint=f"{option.name}: {option.doc} (default {option.shown()})",
                key=False,
            ) from None
    return out


def _suggest(name: str, allowed: list[str]) -> str | None:
    from planforge.validate import suggestion

    return suggestion(name, allowed)


def known_rules() -> dict[str, Rule]:
    """The rules a configuration may name, by id (the registry, `planforge rules`)."""
    from planforge.check.rules import RULES

    return dict(RULES)


# ---------------------------------------------------------------------------- reading


def _read(path: Path) -> tuple[Any, Any]:
    """The settings in a file and a function that locates a key path in it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration: {exc}") from None
    if path.suffix == ".toml":
        return _read_toml(path, text)
    return _read_yaml(path, text)


def _read_toml(path: Path, text: str) -> tuple[Any, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: the configuration is not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("planforge", {})
    return data, None


def _read_yaml(path: Path, text: str) -> tuple[Any, Any]:
    from planforge.errors import InputError
    from planforge.load import parse

    if not text.strip():
        return {}, None
    try:
        doc = parse(text, str(path))
    except InputError as exc:
        raise UsageError(f"{path}: the configuration is not valid YAML", exc.problems) from None
    return doc.data, doc


def _bad(
    path: Path,
    doc: Any,
    loc: tuple[Any, ...],
    message: str,
    *,
    hint: str | None = None,
    key: bool | None = None,
) -> UsageError:
    """The error for a bad setting, located at its key (or at its value, `key=False`)."""
    if key is None:
        key = bool(loc) and isinstance(loc[-1], str)
    if doc is not None:
        problem = doc.problem(message, loc, key=key, hint=hint, rule="config")
    else:
        problem = Problem(message, Location(str(path)), hint=hint, rule="config")
    return UsageError(f"{path}: {message}", [problem])
