"""What a rule is, what it sees, and how it reports: the plumbing shared by all rules.

A rule is a function decorated with `@rule(id, severity, summary, options=...)`; its
docstring is its documentation (`planforge rules ID`, docs/rules.md). It receives a
`RuleContext` and yields `Problem`s; the decorator stamps them with the rule's id and
default severity. Its options (thresholds a federation may tune) are declared with it,
set in the configuration (`rules: {rule-id: {level: info, option: value}}`) and read
with `ctx.option(name)`.
"""

from __future__ import annotations

import inspect
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from planforge.check.source import Loc, SourceMap
from planforge.errors import Edit, InputError, Problem, Severity
from planforge.load import Document
from planforge.model.plan import Plan, Task, task_loc
from planforge.zh import has_han

if TYPE_CHECKING:
    from planforge.check.rubric import Coverage
    from planforge.model.rubric import Rubric

CheckFunction = Callable[["RuleContext"], Iterable[Problem]]
OptionValue = int | float | bool | str | tuple[str, ...]

_TYPE_WORDS = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text",
    tuple: "a list of text values",
}


@dataclass(frozen=True)
class Option:
    """A setting of one rule: its name, default (whose type is the option's type), a
    one-line description, the least value a number may take, and `check`, which says
    why an entry of a list option is not one (None when it is)."""

    name: str
    default: OptionValue
    doc: str
    minimum: float | None = None
    check: Callable[[str], str | None] | None = None

    @property
    def kind(self) -> type:
        return type(self.default)

    @property
    def type_name(self) -> str:
        """The option's type as the documentation and error messages word it."""
        return _TYPE_WORDS[self.kind]

    def shown(self, value: OptionValue | None = None) -> str:
        """A value as it is written in the configuration (the default when not given)."""
        value = self.default if value is None else value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, tuple):
            return "[" + ", ".join(value) + "]"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def parse(self, value: Any) -> OptionValue:
        """`value` from a configuration as this option's type; `ValueError` with the
        reason when it is not one."""
        kind = self.kind
        if kind is tuple:
            if isinstance(value, str):
                value = [value]
            if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
                reasons = [r for r in map(self.check, value) if r] if self.check else []
                if reasons:
                    raise ValueError(reasons[0])
                return tuple(value)
        elif isinstance(value, bool) != (kind is bool):
            pass  # true is a whole number to Python, not to a configuration
        elif kind is float and isinstance(value, int):
            return self._at_least(float(value))
        elif isinstance(value, kind):
            return self._at_least(value)
        raise ValueError(f"expected {self.type_name}, got {value!r}")

    def _at_least(self, value: Any) -> Any:
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"expected {self.minimum:g} or more, got {value!r}")
        return value


@dataclass(frozen=True)
class Rule:
    """One rule, in the one shape every consumer reads (the output formats, `planforge
    rules`, docs/rules.md, the configuration and the federation report).

    `check` is None for the input rules (`load-error`, `schema`): the loader and the
    validator report those, they are always errors and cannot be turned off.
    """

    id: str
    severity: Severity
    summary: str
    doc: str
    check: CheckFunction | None = None
    fixable: bool = False
    family: str = ""
    options: tuple[Option, ...] = ()

    @property
    def configurable(self) -> bool:
        """Whether the configuration may turn the rule off or change its severity."""
        return self.check is not None

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    def defaults(self) -> dict[str, OptionValue]:
        return {o.name: o.default for o in self.options}


REGISTRY: list[Rule] = []


class Pattern:
    """A regular expression compiled when a rule first uses it.

    Most of the rules' patterns run only on some plans (English ones, text with a
    half-width mark, typed numbering…); compiling all of them at import cost more than
    linting a plan does.
    """

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(repl, text)


def rule(
    rule_id: str,
    severity: Severity,
    summary: str,
    *,
    fixable: bool = False,
    options: tuple[Option, ...] = (),
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a rule; the decorated function's docstring is the rule's documentation."""

    def register(func: CheckFunction) -> CheckFunction:
        def check(ctx: RuleContext) -> Iterator[Problem]:
            ctx.current = declared
            for problem in func(ctx):
                yield replace(problem, rule=rule_id, severity=severity)

        declared = Rule(
            rule_id,
            severity,
            summary,
            inspect.cleandoc(func.__doc__ or summary),
            check,
            fixable,
            func.__module__.rsplit(".", 1)[-1],
            options,
        )
        REGISTRY.append(declared)
        return func

    return register


@dataclass(frozen=True)
class TextValue:
    """A text value of the plan, where it is, and what kind of text it is."""

    loc: Loc
    value: str
    kind: str  # name | heading | title | prose | owner


@dataclass
class RuleContext:
    """What every rule sees: the source document, the validated plan, the rubrics."""

    doc: Document
    plan: Plan
    rubrics: list[Rubric] = field(default_factory=list)
    unresolved: list[tuple[int, InputError]] = field(default_factory=list)
    """The plan's `rubrics:` entries (by index) that could not be loaded, and why."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Results shared by the rules of a family, computed once per plan."""
    options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    """Option values set in the configuration, by rule id (defaults are not listed)."""
    current: Rule | None = field(default=None, repr=False)
    """The rule running now; set by the rule's wrapper, read by `option`."""
    _joins: dict[int, tuple[str, list[int]]] = field(default_factory=dict, repr=False)

    def option(self, name: str) -> Any:
        """The value of the running rule's option `name`: configured, else its default."""
        rule = self.current
        declared = rule.option(name) if rule is not None else None
        if rule is None or declared is None:
            raise KeyError(f"{rule.id if rule else 'no rule'} has no option {name!r}")
        return self.options.get(rule.id, {}).get(name, declared.default)

    @cached_property
    def source(self) -> SourceMap:
        return SourceMap(self.doc)

    @cached_property
    def texts(self) -> list[TextValue]:
        """Every text value a reader sees, in document order."""
        return list(_texts(self.plan))

    @cached_property
    def chinese_texts(self) -> list[TextValue]:
        """The text values GB/T 15834 applies to: Chinese text in a Chinese plan."""
        if not self.plan.zh:
            return []
        return [t for t in self.texts if t.kind != "owner" and has_han(t.value)]

    @cached_property
    def coverages(self) -> list[Coverage]:
        from planforge.check.rubric import coverages

        return coverages(self.plan, self.doc, self.rubrics)

    @cached_property
    def leaves(self) -> list[tuple[tuple[int, ...], Task, list[Task]]]:
        """Work-item tasks with their index paths and their ancestors (outermost first)."""
        out: list[tuple[tuple[int, ...], Task, list[Task]]] = []

        def visit(tasks: list[Task], prefix: tuple[int, ...], parents: list[Task]) -> None:
            for i, task in enumerate(tasks):
                path = (*prefix, i)
                if task.tasks:
                    visit(task.tasks, path, [*parents, task])
                else:
                    out.append((path, task, parents))

        visit(self.plan.tasks, (), [])
        return out

    def at(self, loc: Loc, message: str, *, key: bool = False, hint: str | None = None) -> Problem:
        """A finding located at the value (or key) at `loc`."""
        return self.doc.problem(message, loc, key=key, hint=hint)

    def search(
        self, pattern: Pattern, texts: list[TextValue]
    ) -> Iterator[tuple[TextValue, re.Match[str], int]]:
        """Matches of `pattern` in `texts`, each with its text and the offset to subtract
        from the match's positions to get positions in the text's value.

        The texts are searched as one string (joined by NUL, which no pattern matches),
        so a clean plan costs one regex scan per rule instead of one per text value.
        """
        joined, starts = self._joined(texts)
        for m in pattern.finditer(joined):
            i = bisect_right(starts, m.start()) - 1
            yield texts[i], m, starts[i]

    def _joined(self, texts: list[TextValue]) -> tuple[str, list[int]]:
        key = id(texts)
        cached = self._joins.get(key)
        if cached is None:
            starts: list[int] = []
            pos = 0
            for text in texts:
                starts.append(pos)
                pos += len(text.value) + 1
            cached = ("\0".join(t.value for t in texts), starts)
            self._joins[key] = cached
        return cached

    def in_text(
        self,
        text: TextValue,
        start: int,
        end: int,
        message: str,
        *,
        fix: str | None = None,
        hint: str | None = None,
    ) -> Problem:
        """A finding on `text.value[start:end]`; `fix` replaces those characters."""
        span = self.source.span(text.loc, text.value, start, end)
        edit = None
        if fix is not None and span.start is not None and span.end is not None:
            edit = Edit(span.start, span.end, fix)
        line = span.location.line
        return Problem(
            message, span.location, hint=hint, source_line=self.doc.source_line(line), fix=edit
        )


def _texts(plan: Plan) -> Iterator[TextValue]:
    yield TextValue(("organisation",), plan.organisation, "name")
    if plan.title:
        yield TextValue(("title",), plan.title, "name")
    yield from _paragraphs(("ideology",), plan.ideology)
    for i, goal in enumerate(plan.goals):
        yield TextValue(("goals", i, "text"), goal.text, "prose")
        if goal.measure:
            yield TextValue(("goals", i, "measure"), goal.measure, "prose")
    for path, task in plan.walk():
        loc = task_loc(path)
        yield TextValue((*loc, "title"), task.title, "heading" if task.tasks else "title")
        yield from _paragraphs((*loc, "text"), task.text)
        for j, owner in enumerate(task.owners):
            yield TextValue((*loc, "owners", j), owner, "owner")
        yield from _paragraphs((*loc, "result"), task.result)
        if task.reason:
            yield TextValue((*loc, "reason"), task.reason, "prose")
    for i, safeguard in enumerate(plan.safeguards):
        if safeguard.title:
            yield TextValue(("safeguards", i, "title"), safeguard.title, "title")
        yield from _paragraphs(("safeguards", i, "text"), safeguard.text)
    for i, entry in enumerate(plan.schedule):
        yield TextValue(("schedule", i, "work"), entry.work, "prose")
    for i, attachment in enumerate(plan.attachments):
        yield TextValue(("attachments", i, "title"), attachment.title, "title")
    if plan.signature.organisation:
        yield TextValue(("signature", "organisation"), plan.signature.organisation, "name")
    summary = plan.summary
    for name in ("overview", "achievements", "lessons", "problems", "next_year"):
        yield from _paragraphs(("summary", name), getattr(summary, name))


def _paragraphs(loc: Loc, paragraphs: list[str]) -> Iterator[TextValue]:
    for j, paragraph in enumerate(paragraphs):
        yield TextValue((*loc, j), paragraph, "prose")
