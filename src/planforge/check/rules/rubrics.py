"""Rules that hold a plan to its rubrics: references that resolve, items covered, scores."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from pathlib import Path

from planforge.check.rubric import (
    Coverage,
    ItemCoverage,
    builtin_ids,
    is_file_ref,
    uses_defaults,
)
from planforge.check.rules.base import Option, RuleContext, rule
from planforge.errors import Problem, Severity
from planforge.model.plan import task_loc
from planforge.model.rubric import ItemKind, Rubric, concepts
from planforge.validate import suggestion


def _known(ctx: RuleContext) -> dict[str, Rubric]:
    return {r.id: r for r in ctx.rubrics}


@rule(
    "unknown-rubric",
    Severity.ERROR,
    "a rubric the plan names cannot be found or loaded",
    options=(
        Option("details", 3, "problems of a rubric file that does not load to quote", minimum=0),
    ),
)
def rubric_not_found(ctx: RuleContext) -> Iterator[Problem]:
    """An entry of the plan's `rubrics:` is neither a built-in rubric id
    (`planforge rubrics` lists them) nor a rubric file that loads (paths are relative
    to the plan file). The plan is not checked against it; the finding quotes the
    first `details` problems of a rubric file that does not load.
    """
    details = ctx.option("details")
    for i, exc in ctx.unresolved:
        detail = "; ".join(p.headline() for p in exc.problems[:details])
        yield ctx.at(("rubrics", i), exc.message + (f": {detail}" if detail else ""), hint=exc.hint)


@rule("rubric-unknown-item", Severity.ERROR, "a task names a rubric item that does not exist")
def rubric_unknown_item(ctx: RuleContext) -> Iterator[Problem]:
    """A task's `rubric:` or `not_rubric:` entry names neither a rubric item nor a shared
    concept: it must be `<rubric-id>.<item-id>`, the rubric one the plan is held to
    (`rubrics:` or `--rubric`) or a built-in one, and the item one of that rubric's items
    (`planforge rubrics show ID` lists them); or a concept (`congress`, `contract`, …; they are
    listed in rubrics/shared/concepts.yaml, and `planforge rubrics show ID` gives each
    item's). A task that both names and refuses the same entry
    contradicts itself.
    """
    names = concepts()
    for path, task in ctx.plan.walk():
        for field in ("rubric", "not_rubric"):
            for j, ref in enumerate(getattr(task, field)):
                if ref in names:
                    continue
                yield from _unknown_ref(ctx, (*task_loc(path), field, j), ref, names)
        for j, ref in enumerate(task.not_rubric):
            if ref in task.rubric:
                yield ctx.at(
                    (*task_loc(path), "not_rubric", j),
                    f"task '{task.id}' both names and refuses '{ref}'",
                    hint="keep `rubric:` if the task covers it, `not_rubric:` if it does not",
                )


def _unknown_ref(
    ctx: RuleContext, loc: tuple[str | int, ...], ref: str, names: Mapping[str, object]
) -> Iterator[Problem]:
    known = _known(ctx)
    rubric_id, _, item_id = ref.rpartition(".")
    if not rubric_id or not item_id:
        close = difflib.get_close_matches(ref, list(names), n=1)
        yield ctx.at(
            loc,
            f"'{ref}' is neither a rubric item reference nor a concept",
            hint=f"did you mean '{close[0]}'?"
            if close
            else "write <rubric-id>.<item-id>, e.g. five-ones-school.congress, "
            "or a concept, e.g. congress",
        )
        return
    rubric = known.get(rubric_id) or _builtin(rubric_id)
    if rubric is None:
        hint = suggestion(rubric_id, [*known, *builtin_ids()])
        yield ctx.at(
            loc,
            f"unknown rubric '{rubric_id}' in '{ref}'",
            hint=hint or "name the rubric in the plan's `rubrics:`",
        )
    elif rubric.item(item_id) is None:
        ids = [i.id for i in rubric.items]
        close = difflib.get_close_matches(item_id, ids, n=1)
        hint = (
            f"did you mean '{rubric_id}.{close[0]}'?"
            if close
            else (f"items of {rubric_id}: " + ", ".join(ids))
        )
        yield ctx.at(loc, f"rubric '{rubric_id}' has no item '{item_id}'", hint=hint)


def _builtin(rubric_id: str) -> Rubric | None:
    if rubric_id not in builtin_ids():
        return None
    from planforge.check.rubric import load_rubric

    return load_rubric(rubric_id)


@rule("rubric-not-named", Severity.WARNING, "a task cites a rubric the plan does not name")
def rubric_not_named(ctx: RuleContext) -> Iterator[Problem]:
    """A task covers an item of a rubric that the plan's `rubrics:` does not list, so
    the plan is never checked against the rest of that rubric.
    """
    known = _known(ctx)
    reported: set[str] = set()
    for path, task in ctx.plan.walk():
        for j, ref in enumerate(task.rubric):
            rubric_id = ref.rpartition(".")[0]
            if (
                rubric_id
                and rubric_id not in known
                and rubric_id in builtin_ids()
                and (rubric_id not in reported)
            ):
                reported.add(rubric_id)
                yield ctx.at(
                    (*task_loc(path), "rubric", j),
                    f"the plan does not name rubric '{rubric_id}'",
                    hint=f"add '{rubric_id}' to the plan's `rubrics:`",
                )


def rubric_loc(ctx: RuleContext, rubric: Rubric) -> tuple[str | int, ...]:
    """Where the plan names `rubric`: its `rubrics:` entry, its `kind:` when the rubric is
    a default of its kind, else the top of the file."""
    if uses_defaults(ctx.plan):
        return ("kind",)
    base = Path(ctx.doc.path).parent
    for i, ref in enumerate(ctx.plan.rubrics):
        if ref == rubric.id:
            return ("rubrics", i)
        if is_file_ref(ref) and rubric.origin:
            try:
                if (base / ref).resolve() == Path(rubric.origin).resolve():
                    return ("rubrics", i)
            except OSError:
                continue
    return ()


def _describe(entry: ItemCoverage, rubric: Rubric) -> str:
    return f"'{rubric.id}' item '{entry.item.id}' ({entry.item.text})"


HINT_TASKS = Option(
    "hint-tasks", 3, "tasks whose words match the item to name in the hint", minimum=0
)


MOST_WORDS = 6


def _hint(entry: ItemCoverage, cov: Coverage, most: int) -> str:
    """What would cover the item: the concepts still wanted and their words, the tasks
    that may cover it, or a task to add."""
    ref = f"{cov.rubric.id}.{entry.item.id}"
    known = concepts()
    parts: list[str] = []
    words = entry.words
    if entry.missing and entry.evidence:
        have = entry.evidence_text(most).replace("covered by", "partly covered by", 1)
        wanted = "、".join(known[c].label for c in entry.missing)
        parts.append(f"{have}; still wanted: {wanted}")
        words = [w for c in entry.missing for w in known[c].words_for(cov.kind)]
    if words:
        shown = "、".join(words[:MOST_WORDS]) + ("…" if len(words) > MOST_WORDS else "")
        parts.append(f"a task whose title or text says {shown} counts")
    if entry.hinted_by and most and not entry.evidence:
        tasks = ", ".join(entry.hinted_by[:most])
        parts.append(f"task {tasks} may cover it: add `rubric: [{ref}]` to the task that does")
    elif not words:
        parts.append(f"add a task for it with `rubric: [{ref}]`")
    return "; ".join(parts)


def _required(coverage: Coverage) -> Iterator[ItemCoverage]:
    """Items whose absence is an error: all of a checklist, the mandatory of a table."""
    for entry in coverage.uncovered:
        if not coverage.rubric.scoring or entry.item.mandatory:
            yield entry


@rule(
    "rubric-uncovered",
    Severity.ERROR,
    "a required rubric item is covered by no task",
    options=(HINT_TASKS,),
)
def rubric_uncovered(ctx: RuleContext) -> Iterator[Problem]:
    """An item of a checklist rubric (or a mandatory item, 必备条件/一票否决, of a
    scoring rubric) is not covered: no task names it or a concept it asks for, and no
    task's title or text says one of its concepts' words (the hint lists them). An item
    needing several concepts that has only some says which are still wanted.

    Tasks whose words match only the item's keywords are shown as a hint (the first
    `hint-tasks` of them); they do not count until they name the item. The finding
    points at the plan's `rubrics:` entry, or at `kind:` for the defaults of its kind.
    """
    most = ctx.option("hint-tasks")
    for cov in ctx.coverages:
        loc = rubric_loc(ctx, cov.rubric)
        for entry in _required(cov):
            kind = "mandatory item" if cov.rubric.scoring else "item"
            message = f"{_describe(entry, cov.rubric)} is not covered by any task"
            if cov.rubric.scoring:
                message = message.replace("item", kind, 1)
            yield ctx.at(loc, message, hint=_hint(entry, cov, most))


@rule(
    "rubric-points-missed",
    Severity.INFO,
    "a scoring item no task covers (points lost)",
    options=(
        Option(
            "min-points", 0.0, "the least points an item must be worth to be reported", minimum=0
        ),
        HINT_TASKS,
    ),
)
def rubric_points_missed(ctx: RuleContext) -> Iterator[Problem]:
    """An item of a scoring rubric (量化考核表) that is neither mandatory nor a
    deduction is not covered: the plan forgoes its points. Items worth less than
    `min-points` are left out.
    """
    least, most = ctx.option("min-points"), ctx.option("hint-tasks")
    for cov in ctx.coverages:
        if not cov.rubric.scoring:
            continue
        loc = rubric_loc(ctx, cov.rubric)
        for entry in cov.uncovered:
            if entry.item.mandatory or (entry.item.points or 0) < least:
                continue
            points = f"{entry.item.points or 0:g}"
            bonus = " bonus" if entry.item.kind is ItemKind.BONUS else ""
            yield ctx.at(
                loc,
                f"{_describe(entry, cov.rubric)} is not covered: {points}{bonus} points lost",
                hint=_hint(entry, cov, most),
            )


@rule("rubric-band", Severity.WARNING, "the plan cannot reach the lowest grade band")
def rubric_band(ctx: RuleContext) -> Iterator[Problem]:
    """Even if every covered item earns its points, the plan's attainable score is below
    the lowest band of a scoring rubric (e.g. 合格职工之家 at 60 points).
    """
    for cov in ctx.coverages:
        rubric = cov.rubric
        if not rubric.scoring or not rubric.bands or cov.missing_mandatory:
            continue
        if cov.best_band is None:
            lowest = min(rubric.bands, key=lambda b: b.min)
            yield ctx.at(
                rubric_loc(ctx, rubric),
                f"'{rubric.id}': attainable score {cov.attainable or 0:g} is below "
                f"{lowest.name} ({lowest.min:g})",
                hint=f"cover more items of the rubric (planforge rubrics show {rubric.id})",
            )


@rule(
    "rubric-covered-by-words",
    Severity.INFO,
    "a task counts for rubric items by its words, without naming them",
    options=(Option("items", 4, "items to name per task", minimum=1),),
)
def rubric_covered_by_words(ctx: RuleContext) -> Iterator[Problem]:
    """A task covers rubric items because its title or text says a concept's words
    (召开第六届教代会 → congress), not because it names them: the finding, at the task,
    lists the items (the first `items` of them) and the words, so that a wrong match can
    be refused with `not_rubric:`. Only the first task found for each concept of an item
    is reported (the one coverage rests on), and not for items a task names.
    """
    most = ctx.option("items")
    paths = {task.id: path for path, task in ctx.plan.walk()}
    found: dict[str, tuple[list[str], list[str]]] = {}
    for cov in ctx.coverages:
        for entry in cov.covered:
            if any(e.via != "words" for e in entry.evidence):
                continue  # a task names it, or names a concept it asks for
            shown: set[str] = set()
            for e in entry.evidence:
                if e.concept in shown:  # the first task per concept is the one to read
                    continue
                shown.add(e.concept or "")
                refs, words = found.setdefault(e.task, ([], []))
                ref = f"{cov.rubric.id}.{entry.item.id}"
                if ref not in refs:
                    refs.append(ref)
                words += [w for w in e.words if w not in words]
    for task_id, (refs, words) in found.items():
        path = paths.get(task_id)
        if path is None:
            continue
        more = f" and {len(refs) - most} more" if len(refs) > most else ""
        yield ctx.at(
            (*task_loc(path), "title"),
            f"task '{task_id}' counts for {', '.join(refs[:most])}{more} by its words "
            f"({'、'.join(words)})",
            hint=f"if it does not, add `not_rubric: [{refs[0]}]` to the task",
        )
