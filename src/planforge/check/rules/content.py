"""Rules on what a plan says: owners, deadlines, goals, duplicates, schedule, results."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planforge.check.rules.base import Option, RuleContext, rule
from planforge.errors import Problem, Severity
from planforge.model.deadline import DeadlineError, parse_deadline
from planforge.model.plan import Status, task_loc

GROUP_SIZE = "group-size"


def group_size(default: int = 3) -> Option:
    """The option of a per-task rule: from how many findings in a file the text output
    shows them as one, listing the tasks (0: never)."""
    return Option(
        GROUP_SIZE,
        default,
        "findings in one file from which the text output shows them as one finding "
        "listing the tasks (0: never; `--show all` lists them one by one)",
        minimum=0,
    )


@rule(
    "task-no-owner",
    Severity.WARNING,
    "a task has no owner (责任部门/负责人)",
    options=(group_size(),),
)
def task_no_owner(ctx: RuleContext) -> Iterator[Problem]:
    """A work item names nobody responsible for it.

    Readers expect every task to say who does it (责任部门 or 负责人). Owners are
    inherited: a section's `owners` count for all its tasks.

    Fix: add `owners: [工会办公室]` to the task or to its section.
    """
    for path, task, parents in ctx.leaves:
        if not task.owners and not any(p.owners for p in parents):
            yield ctx.at(
                (*task_loc(path), "title"),
                f"task '{task.id}' has no owner",
                hint="add `owners:` to the task or to its section",
            )


@rule(
    "task-no-deadline",
    Severity.WARNING,
    "a task has no deadline (时间节点)",
    options=(group_size(),),
)
def task_no_deadline(ctx: RuleContext) -> Iterator[Problem]:
    """A work item says nothing about when it is done.

    Every task needs a time: a date, a month, a quarter, a range or recurring work
    (`每月`, `全年`). A section's `deadline` counts for its tasks.

    Fix: add `deadline: 3月` (or any form `planforge check` accepts) to the task.
    """
    for path, task, parents in ctx.leaves:
        if task.deadline is None and not any(p.deadline for p in parents):
            yield ctx.at(
                (*task_loc(path), "title"),
                f"task '{task.id}' has no deadline",
                hint="add `deadline:`, e.g. 3月, 第二季度, 每月",
            )


@rule("deadline-outside-year", Severity.WARNING, "a deadline falls outside the plan's year")
def deadline_outside_year(ctx: RuleContext) -> Iterator[Problem]:
    """A task's deadline lies before or after the year the plan is for.

    A 2026 plan whose task is due in 2025 was usually copied from last year's plan and
    not updated. Work that really continues into the next year belongs in the next plan.
    """
    year = ctx.plan.year
    for path, task in ctx.plan.walk():
        if task.deadline is None:
            continue
        try:
            deadline = parse_deadline(task.deadline, year)
        except DeadlineError:
            continue  # validation reports it
        if deadline.start.year != year or deadline.end.year != year:
            yield ctx.at(
                (*task_loc(path), "deadline"),
                f"deadline '{task.deadline}' is outside the plan year {year}",
            )


@rule("goal-unserved", Severity.WARNING, "a goal that no task serves")
def goal_unserved(ctx: RuleContext) -> Iterator[Problem]:
    """A goal (工作目标) is not named by any task's `goals:`.

    A goal no task works towards is a promise without a plan. Name the goal in the
    tasks that serve it (`goals: [g1]`), or drop it.
    """
    served = {ref for _, task in ctx.plan.walk() for ref in task.goals}
    for i, goal in enumerate(ctx.plan.goals):
        if goal.id not in served:
            yield ctx.at(
                ("goals", i, "id"),
                f"no task serves goal '{goal.id}'",
                hint=f"add `goals: [{goal.id}]` to the tasks that serve it",
            )


@rule("task-no-goal", Severity.INFO, "a task that serves no goal", options=(group_size(),))
def task_no_goal(ctx: RuleContext) -> Iterator[Problem]:
    """A work item names no goal, although the plan has goals.

    Goals of a section count for its tasks. Plans without goals are not checked.
    """
    if not ctx.plan.goals:
        return
    for path, task, parents in ctx.leaves:
        if not task.goals and not any(p.goals for p in parents):
            yield ctx.at(
                (*task_loc(path), "title"),
                f"task '{task.id}' serves no goal",
                hint="add `goals: [...]` naming the goals it serves",
            )


def _normal(title: str) -> str:
    return "".join(title.split()).rstrip("。.").lower()


@rule("duplicate-title", Severity.WARNING, "two tasks with the same title")
def duplicate_title(ctx: RuleContext) -> Iterator[Problem]:
    """Two tasks have the same title (spaces and a final full stop ignored).

    Usually a task pasted twice, or two tasks that should be merged.
    """
    first: dict[str, tuple[int, ...]] = {}
    for path, task in ctx.plan.walk():
        key = _normal(task.title)
        if key in first:
            line = ctx.doc.locate((*task_loc(first[key]), "title")).line
            yield ctx.at(
                (*task_loc(path), "title"),
                f"task title '{task.title}' is used twice (first on line {line})",
            )
        else:
            first[key] = path


@rule(
    "empty-month",
    Severity.INFO,
    "months of the year with nothing planned",
    options=(
        Option(
            "min-dated-tasks",
            6,
            "dated tasks a plan without a schedule needs before its months are checked",
            minimum=0,
        ),
    ),
)
def empty_month(ctx: RuleContext) -> Iterator[Problem]:
    """Some months of the year have no work in the schedule.

    The months come from the `schedule:` table, or from the task deadlines when the
    plan has no table (and at least `min-dated-tasks` dated tasks: a short draft is not
    expected to fill the year). Recurring work (每月, 全年) fills every month it covers.
    """
    plan = ctx.plan
    months: set[int] = set()
    if plan.schedule:
        months = {entry.month for entry in plan.schedule}
        loc: tuple[str | int, ...] = ("schedule",)
    else:
        dated = 0
        for _path, task in plan.walk():
            if task.deadline is None:
                continue
            try:
                months.update(parse_deadline(task.deadline, plan.year).months())
            except DeadlineError:
                continue
            dated += 1
        if dated < ctx.option("min-dated-tasks"):
            return
        loc = ("tasks",)
    empty = [m for m in range(1, 13) if m not in months]
    if empty:
        names = "、".join(f"{m}月" for m in empty) if plan.zh else ", ".join(map(str, empty))
        where = "the schedule" if plan.schedule else "the task deadlines"
        yield ctx.at(loc, f"nothing planned in {names} ({where})", key=True)


@rule("result-missing", Severity.WARNING, "a done task without a result (summary)")
def result_missing(ctx: RuleContext) -> Iterator[Problem]:
    """In a year-end summary, a task marked `status: done` says nothing of its result.

    The summary should tell what came of each task, with figures where there are any
    (`result:`, `figures:`).
    """
    for path, task, _parents in ctx.leaves:
        if task.status is Status.DONE and not task.result and not task.figures:
            yield ctx.at(
                (*task_loc(path), "status"),
                f"task '{task.id}' is done but has no result",
                hint="add `result:` (and `figures:`) saying what came of it",
            )


_SUMMARY_NEEDS = ("overview", "problems", "next_year")
_SUMMARY_NAMES = {"overview": "基本情况", "problems": "存在问题", "next_year": "下一年工作打算"}


@rule("summary-incomplete", Severity.WARNING, "a started summary without 基本情况/存在问题/打算")
def summary_incomplete(ctx: RuleContext) -> Iterator[Problem]:
    """The `summary:` block is started (it has a date or any part) but lacks a part every
    工作总结 has: the overview (基本情况), the problems (存在问题) or next year's plans
    (下一年工作打算).

    Published guidance on a union's year-end summary gives these parts after the year's
    work (e.g. https://www.paiqing-icetech.com/post/219688.html). Without them the
    rendered summary falls back to a list of unfinished tasks and a general sentence.

    Fix: add the keys the finding names to `summary:`.
    """
    summary = ctx.plan.summary
    if summary.is_empty() and summary.date is None:
        return
    missing = [key for key in _SUMMARY_NEEDS if not getattr(summary, key)]
    if missing:
        names = ", ".join(f"{key} ({_SUMMARY_NAMES[key]})" for key in missing)
        yield ctx.at(
            ("summary",),
            f"the summary has no {names}",
            key=True,
            hint="add " + ", ".join(f"`{key}:`" for key in missing) + " to `summary:`",
        )


def _summary_as_of(ctx: RuleContext) -> Any:
    summary = ctx.plan.summary
    return summary.as_of or summary.date


@rule("summary-task-not-started", Severity.WARNING, "a task due before the summary still planned")
def summary_task_not_started(ctx: RuleContext) -> Iterator[Problem]:
    """A task whose deadline has passed by the date the summary counts to (`summary.as_of`,
    else `summary.date`) is still `planned` (or has no status).

    The summary would list it as not started; record what became of it: done, in
    progress, dropped or postponed with a reason (`planforge set`). Recurring work
    (每月, 全年) and tasks due after that date are not checked; plans whose summary has
    no date are not checked.
    """
    as_of = _summary_as_of(ctx)
    if as_of is None:
        return
    for path, task, _parents in ctx.leaves:
        if task.status not in (None, Status.PLANNED) or task.deadline is None:
            continue
        try:
            due = parse_deadline(task.deadline, ctx.plan.year)
        except DeadlineError:
            continue
        if due.recurring or due.kind == "year" or due.end >= as_of:
            continue
        yield ctx.at(
            (*task_loc(path), "title"),
            f"task '{task.id}' was due {due.end.isoformat()} and is still planned "
            f"at {as_of.isoformat()}",
            hint=f"planforge set PLAN {task.id} --status done|dropped|postponed --reason …",
        )


@rule("summary-date-early", Severity.WARNING, "a summary dated before a task was done")
def summary_date_early(ctx: RuleContext) -> Iterator[Problem]:
    """The summary is signed (`summary.date`) before the latest `done_on` of its tasks:
    a document cannot report work finished after it was signed.

    Fix: date the summary on or after the last completion, or correct the `done_on`.
    """
    signed = ctx.plan.summary.date
    if signed is None:
        return
    late = [(t.done_on, path, t) for path, t, _p in ctx.leaves if t.done_on and t.done_on > signed]
    if late:
        done_on, _path, task = max(late, key=lambda item: item[0])
        yield ctx.at(
            ("summary", "date"),
            f"the summary is dated {signed.isoformat()}, before task '{task.id}' was done "
            f"on {done_on.isoformat()}",
            hint="date the summary on or after the last done_on",
        )


@rule("figure-misses-target", Severity.INFO, "a figure that falls short of its goal's target")
def figure_misses_target(ctx: RuleContext) -> Iterator[Problem]:
    """A task's figure measures a goal (the goal's `figure:`, or a figure the goal's text
    names, e.g. 入会率 in 职工入会率达到96%以上) and, added up over the goal's done tasks
    (a rate at its lowest), falls short of the goal's `measure`.

    The summary says so (未达到年初确定的…目标); a reviewer will ask why. Explain it in
    `summary.problems`, or correct the figure.
    """
    from planforge.model.figures import figure_text, goal_outcomes

    lang = ctx.plan.language.value
    for outcome in goal_outcomes(ctx.plan):
        if outcome.met:
            continue
        actual = figure_text(outcome.kind, outcome.value, outcome.unit, lang)
        yield ctx.at(
            (*task_loc(outcome.task_paths[0]), "figures"),
            f"{outcome.label} is {actual}, short of goal '{outcome.goal_id}' target "
            f"{outcome.measure}",
            hint="explain it in `summary.problems`, or correct the figure",
        )
