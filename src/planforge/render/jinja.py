"""The one Jinja environment: built-in templates, user overrides, filters in one place.

A user's template file or folder is searched before the built-in templates, so one
template can be overridden without copying the rest. User templates run sandboxed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import jinja2

from planforge.errors import TemplateError, UsageError
from planforge.render.markdown import escape_markdown
from planforge.resources import templates_dir
from planforge.zh import chinese_numeral, format_date, format_month, heading_number


def _yaml_str(value: Any) -> str:
    """A value as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _date(value: dt.date | None, language: str = "zh") -> str:
    return "" if value is None else format_date(value, language)


FILTERS = {
    "cn_numeral": chinese_numeral,
    "heading_number": heading_number,
    "date": _date,
    "month": format_month,
    "yaml_str": _yaml_str,
    "md": escape_markdown,
}


def environment(user_template: Path | None = None) -> jinja2.Environment:
    """The environment for rendering; `user_template` is a file or a folder of overrides.

    The built-in environment is made once per process, so its compiled templates are reused.
    """
    if user_template is None:
        return _builtin_environment()
    return _environment(user_template)


SUMMARY_PATTERNS = "summary/patterns.{lang}.yaml"
"""The summary's sentence patterns per language (render/summary.py reads them)."""


def template_file(name: str, user_template: Path | None = None) -> Path:
    """The data file `name` (e.g. summary/patterns.zh.yaml) on the template search path:
    in the user's template folder when it has one, else the built-in one."""
    if user_template is not None and user_template.is_dir():
        candidate = user_template / name
        if candidate.is_file():
            return candidate
    return templates_dir() / name


@functools.lru_cache(maxsize=1)
def _builtin_environment() -> jinja2.Environment:
    return _environment(None)


def _environment(user_template: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    sandboxed = False
    if user_template is not None:
        if user_template.is_dir():
            loaders.append(jinja2.FileSystemLoader(str(user_template)))
        elif user_template.is_file():
            loaders.append(_SingleFileLoader(user_template))
        else:
            raise UsageError(f"--template {user_template}: no such file or folder")
        sandboxed = True
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    cls: type[jinja2.Environment] = _Environment
    if sandboxed:
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        cls = ImmutableSandboxedEnvironment
    env = cls(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=None if sandboxed else _bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2", "xml.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


class _Environment(jinja2.Environment):
    """The built-in templates' environment. Contexts are dicts, so `node.title` looks the
    key up first; Jinja's default tries an attribute first and fails for every dict key,
    about a third of the rendering time. A key named like a dict method (`items`, `get`)
    would shadow it; plan and summary contexts have none (a test keeps it so)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Built-in templates compiled once and kept between runs (in jinja2's private folder
    under the temp directory): compiling them costs more than rendering a plan.

    The checksum also covers this module's source, so a change to the environment's
    settings never reuses code compiled under the old ones. Failing to save is harmless.
    """

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(_settings_fingerprint() + source)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.lru_cache(maxsize=1)
def _settings_fingerprint() -> str:
    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _BytecodeCache(pattern="planforge-%s.cache")
    except (OSError, RuntimeError):  # no private temp folder to be had
        return None


class _SingleFileLoader(jinja2.BaseLoader):
    """A single user file that overrides the built-in template with the same name."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        if Path(template).name != self.path.name:
            raise jinja2.TemplateNotFound(template)
        source = self.path.read_text(encoding="utf-8")
        mtime = self.path.stat().st_mtime
        return source, str(self.path), lambda: self.path.stat().st_mtime == mtime


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render `name`; template problems become `TemplateError` as `template:line: message`."""
    try:
        template = env.get_template(name)
        return template.render(context)
    except Exception as exc:
        error = template_error(exc, name)
        if error is None:
            raise
        raise error from None


def template_error(exc: Exception, name: str) -> TemplateError | None:
    """The user-facing error for an exception raised while loading or running template
    `name` (`template:line: message`), or None when the exception is not the template's."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or name
        return TemplateError(f"{where}:{exc.lineno}: template syntax error: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"template not found: {exc.name}")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{_where(exc, name)}: {exc.message}")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(f"{_where(exc, name)}: not allowed in a template: {exc}")
    if isinstance(exc, jinja2.TemplateError):
        return TemplateError(f"{_where(exc, name)}: {exc.message or exc}")
    if _in_template(exc):  # e.g. 1/0 or a range the sandbox refuses, inside a template
        return TemplateError(f"{_where(exc, name)}: {type(exc).__name__}: {exc}")
    return None


def _in_template(exc: BaseException) -> bool:
    """Whether `exc` was raised by template code (Jinja rewrites such frames, marking them)."""
    tb = exc.__traceback__
    while tb is not None:
        if {"__jinja_exception__", "__jinja_template__"} & tb.tb_frame.f_globals.keys():
            return True
        tb = tb.tb_next
    return False


def _where(exc: BaseException, name: str) -> str:
    """`template:line` from the innermost template frame of a runtime template error."""
    tb = exc.__traceback__
    found = name
    while tb is not None:
        code = tb.tb_frame.f_code
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            line = template.get_corresponding_lineno(tb.tb_lineno)
            found = f"{template.filename}:{line}"
        elif code.co_filename.endswith((".j2", ".html", ".md", ".xml")):
            found = f"{code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
