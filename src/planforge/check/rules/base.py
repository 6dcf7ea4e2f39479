"""What a rule is, what it sees, and how it reports: the plumbing shared by all rules.

A rule is a function decorated with `@rule(id, severity, summary)`; its docstring is its
documentation (`planforge rules ID`, docs/rules.md). It receives a `RuleContext` and
yields `Problem`s; the decorator stamps them with the rule's id and default severity.
"""

from __future__ import annotations

import inspect
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
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


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    doc: str
    check: CheckFunction
    fixable: bool = False
    family: str = ""


REGISTRY: list[Rule] = []


def rule(
    rule_id: str, severity: Severity, summary: str, *, fixable: bool = False
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a rule; the decorated function's docstring is the rule's documentation."""

    def register(func: CheckFunction) -> CheckFunction:
        def check(ctx: RuleContext) -> Iterator[Problem]:
            for problem in func(ctx):
                yield replace(problem, rule=rule_id, severity=severity)

        family = func.__module__.rsplit(".", 1)[-1]
        REGISTRY.append(
            Rule(
                rule_id,
                severity,
                summary,
                inspect.cleandoc(func.__doc__ or summary),
                check,
                fixable,
                family,
            )
        )
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
    _joins: dict[int, tuple[str, list[int]]] = field(default_factory=dict, repr=False)

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
        from planforge.check.rubric import coverage

        return [coverage(self.plan, self.doc, r) for r in self.rubrics]

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
        self, pattern: re.Pattern[str], texts: list[TextValue]
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
