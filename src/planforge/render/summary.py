"""The words of a year-end summary (工作总结): the opening, the prose of the year's work
per section, the figures added up and set against the goals, the problems, next year's
plans and the tables of the appendix. render/context.py puts them in the summary's
context; the templates only lay them out.

The structure is the one published guidance on writing a union's 工作总结 gives — an
opening on the year's work as a whole, 主要工作及成效 per line of work, 存在问题, then
下一步（下一年）工作打算 (e.g. https://www.paiqing-icetech.com/post/219688.html;
https://www.tielingcn.com/jxuwd/202510/531629.html: "在上级工会和本单位党政的正确领导下
… 现将本年度工会工作总结如下"). Listing the work of a part as 一是……二是…… is the usual
form of such reports (https://m.fanbenw.cn/article/36305.html). The tables of the
appendix (年度计划完成情况一览表, 未完成事项) are local practice. The sentence patterns are
planforge's own, kept once per language in templates/summary/patterns.<lang>.yaml (see
`load_patterns`), where a federation's template folder may replace them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.errors import Problem
from planforge.model.deadline import DeadlineError, parse_deadline
from planforge.model.figures import (
    AMOUNT,
    COUNT,
    Figure,
    GoalOutcome,
    amount_text,
    figure_text,
    goal_outcomes,
    number_text,
    parse_figure,
)
from planforge.model.plan import STATUS_LABELS, Plan, Status, Task
from planforge.zh import chinese_numeral, format_date

# The summary's sentence patterns and headings are one data file per language on the
# template search path (render/jinja.py's SUMMARY_PATTERNS, in templates/summary/): a
# federation's template folder with its own summary/patterns.zh.yaml rewords the summary
# in every format at once.

# Each sentence pattern's key and the placeholders it may use (a pattern may leave any out).
SENTENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "opening": ("year", "organisation", "leadership", "mainline", "closing"),
    "mainline": ("themes",),
    "closing": (),
    "stats": ("as_of", "total", "done", "rate", "rest"),
    "as_of": ("date",),
    "as_of_year": (),
    "stats_in_progress": ("n",),
    "stats_pending": ("n",),
    "stats_open": ("n",),
    "stats_postponed": ("n", "next"),
    "stats_dropped": ("n",),
    "item": ("ordinal", "title", "result"),
    "ordinal": ("n",),
    "ongoing": ("title", "result"),
    "ongoing_bare": ("title",),
    "ongoing_next": ("title", "result"),
    "ongoing_next_bare": ("title",),
    "records": ("items",),
    "records_sep": (),
    "records_held": ("times",),
    "records_held_one": (),
    "records_people": ("people",),
    "records_cost": ("cost",),
    "totals": ("items",),
    "total_item": ("label", "value"),
    "goal_met": ("label", "actual", "target"),
    "goal_short": ("label", "actual", "target"),
    "none_done": ("n",),
    "lessons_lead": (),
    "problem_undone": ("title", "state", "reason"),
    "problem_undone_bare": ("title", "state"),
    "state_dropped": (),
    "state_postponed": ("to",),
    "state_open": (),
    "next_year_heading": ("next",),
    "next_year_default": ("next", "year", "organisation", "themes"),
    "target_at_least": ("value",),
    "target_at_most": ("value",),
    "met": (),
    "short": (),
    "no_figure": (),
    "recurring": (),
    "not_due": (),
    "table_title": ("n", "title"),
}
HEADING_KEYS = (
    "results", "problems", "appendix", "table_all", "table_undone", "table_goals", "no", "task",
    "status", "date", "result", "reason", "new_date", "deadline", "goal", "target", "actual",
    "verdict",
)  # fmt: skip
_PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "sentences": SENTENCE_FIELDS,
    "headings": dict.fromkeys(HEADING_KEYS, ()),
}


@dataclass(frozen=True)
class Patterns:
    """A language's sentence patterns (`sentences`) and headings (`headings`)."""

    sentences: dict[str, str]
    headings: dict[str, str]


def patterns_file(lang: str, template: Path | None = None) -> Path:
    """The patterns file of `lang`: the user's template folder's, else the built-in one."""
    from planforge.render.jinja import SUMMARY_PATTERNS, template_file

    return template_file(SUMMARY_PATTERNS.format(lang=lang), template)


def load_patterns(lang: str, template: Path | None = None) -> Patterns:
    """The patterns of `lang` found on the template path, checked (a located error for an
    unknown or missing key, a value that is not text, or a placeholder the pattern may not
    use). Read once per file version."""
    path = patterns_file(lang, template)
    try:
        stat = path.stat()
    except OSError as exc:
        from planforge.errors import UsageError

        raise UsageError(f"{path}: cannot read the summary's patterns ({exc.strerror})") from None
    return _load_patterns(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_patterns(path: str, _mtime: int, _size: int) -> Patterns:
    from planforge.errors import InputError
    from planforge.load import load

    doc = load(path)
    problems = []
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        problems.append(doc.problem("expected a mapping with `sentences:` and `headings:`"))
        raise InputError(f"{path}: the summary's patterns are not valid", problems)
    found: dict[str, dict[str, str]] = {}
    for part, fields in _PARTS.items():
        given = data.get(part)
        if not isinstance(given, dict):
            problems.append(
                doc.problem(f"expected `{part}:`, a mapping of pattern keys to text", (part,))
            )
            continue
        for key, value in given.items():
            loc = (part, key)
            if key not in fields:
                problems.append(
                    doc.problem(
                        f"unknown {part[:-1]} key '{key}'",
                        loc,
                        key=True,
                        hint=_did_you_mean(str(key), fields),
                    )
                )
            elif not isinstance(value, str):
                problems.append(doc.problem(f"'{key}': expected text", loc))
            else:
                bad = _bad_placeholder(value, fields[key])
                if bad:
                    allowed = ", ".join("{" + f + "}" for f in fields[key]) or "none"
                    problems.append(
                        doc.problem(
                            f"'{key}': {bad}", loc, hint=f"placeholders this pattern may use: "
                            f"{allowed}"
                        )
                    )  # fmt: skip
        missing = [key for key in fields if key not in given]
        if missing:
            problems.append(
                doc.problem(
                    f"`{part}:` lacks {', '.join(missing)}",
                    (part,),
                    key=True,
                    hint="copy the missing keys from planforge's built-in templates/"
                    + Path(path).parent.name
                    + "/"
                    + Path(path).name,
                )
            )
        found[part] = {str(k): v for k, v in given.items()}
    for key in data:
        if key not in _PARTS:
            problems.append(
                doc.problem(f"unknown key '{key}': expected sentences, headings", (key,), key=True)
            )
    if problems:
        raise InputError(f"{path}: the summary's patterns are not valid", problems)
    return Patterns(found["sentences"], found["headings"])


def _bad_placeholder(pattern: str, allowed: tuple[str, ...]) -> str:
    """What is wrong with the placeholders of `pattern`, or "" when nothing is."""
    import string

    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:  # a lone brace
        return f"{exc} (write a brace as {{{{ or }}}})"
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in allowed:
            return f"unknown placeholder {{{name}}}"
        if spec or conversion:
            return f"{{{name}}} takes no format or conversion"
    return ""


def _did_you_mean(key: str, fields: Mapping[str, Any]) -> str | None:
    import difflib

    close = difflib.get_close_matches(key, list(fields), n=1)
    return f"did you mean '{close[0]}'?" if close else None


LEADERSHIP_ZH = {
    "school": "在学校党组织和上级工会的领导下",
    "enterprise": "在公司党组织和上级工会的领导下",
    "federation": "在同级党委和上级工会的领导下",
    "institution": "在单位党组织和上级工会的领导下",
}
"""Under whose leadership a union's year is told to have gone, by the plan's kind, when
the summary does not say (`summary.leadership`): a base union works under the Party
organisation of its unit and the union above it (《中华人民共和国工会法》第十一条 on the
union's leadership; the wording is local practice)."""
_LEADERSHIP_DEFAULT = "在同级党组织和上级工会的领导下"

# Relative column widths of the appendix's tables (local practice: the text columns wide).
COLUMNS = {
    "all": [0.8, 4.0, 1.6, 2.0, 5.0],
    "undone": [0.8, 3.2, 1.6, 1.6, 4.0, 1.8],
    "goals": [0.8, 4.0, 1.6, 1.8, 1.4],
}

UNDONE_COLUMNS = ("no", "task", "deadline", "status", "reason", "new_date")

# A figure in these units already says how often the work was held, or how many took part.
_TIMES_UNITS = frozenset({"次", "场", "期"})
_PEOPLE_UNITS = frozenset({"人次", "人", "名"})

_STOPS = ("。", "！", "？", "；", ".", "!", "?", "”", "’")


# The keys an empty `summary:` block is asked to fill, with what each is in the document.
SUMMARY_TO_FILL = {
    "overview": "基本情况",
    "problems": "存在的问题和不足",
    "next_year": "下一年工作打算",
    "date": "落款日期",
}
_SUMMARY_TEXT = ("overview", "achievements", "lessons", "problems", "next_year")


def empty_summary_problem(doc: Any) -> Problem | None:
    """The error for a `summary:` key with nothing to say in it (`summary:` alone, `{}`,
    or only dates): rendering it would give a summary of boilerplate, so the keys to fill
    are named. A plan without the key renders a summary from its tasks' results."""
    data = doc.data
    if not isinstance(data, dict) or "summary" not in data:
        return None
    given = data["summary"] if data["summary"] is not None else {}
    if not isinstance(given, dict) or any(given.get(key) for key in _SUMMARY_TEXT):
        return None
    missing = [key for key in SUMMARY_TO_FILL if not given.get(key)]
    return doc.problem(
        "the `summary:` block is empty; fill in " + ", ".join(missing),
        ("summary",),
        key=True,
        hint="; ".join(f"{key}: {SUMMARY_TO_FILL[key]}" for key in missing)
        + " (see docs/lifecycle.md)",
    )


@dataclass(frozen=True)
class _Leaf:
    path: tuple[int, ...]
    task: Task
    recurring: bool
    due: dt.date | None


def _sentence(text: str, lang: str) -> str:
    """`text` ending as a sentence: a full stop added where none ends it."""
    text = text.strip()
    if lang == "zh" and text.endswith(("；", "，", "、")):
        text = text[:-1]
    if not text or text.endswith(_STOPS):
        return text
    return text + ("。" if lang == "zh" else ".")


def _clause(title: str) -> str:
    """A title as a clause inside a sentence: no final stop, no quotation of its own."""
    return title.strip().rstrip("。.；;")


def _theme(title: str) -> str:
    """The head of a section title for the opening: 健全民主管理制度，保障… → 健全民主管理制度."""
    for mark in ("，", "、", ",", "：", ":"):
        if mark in title:
            return title.split(mark, 1)[0].strip()
    return _clause(title)


def _ordinal(n: int, lang: str) -> str:
    if lang == "zh":
        return chinese_numeral(n)
    words = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")
    return words[n - 1] if n <= len(words) else f"{n}th"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


class SummaryWords:
    """Everything a summary says, built once from the plan."""

    def __init__(self, plan: Plan, patterns: Patterns | None = None) -> None:
        self.plan = plan
        self.lang = plan.language.value
        patterns = patterns or load_patterns(self.lang)
        self.words = patterns.sentences
        self.heads = patterns.headings
        summary = plan.summary
        self.as_of = summary.as_of or summary.date or dt.date(plan.year, 12, 31)
        self.year_end = dt.date(plan.year, 12, 31)
        by_path = dict(plan.walk())
        self.leaves = [self._leaf(p, _as_its_section(p, t, by_path)) for p, t in plan.leaves()]
        self.outcomes = goal_outcomes(plan)

    # ------------------------------------------------------------------ the tasks' states

    def _leaf(self, path: tuple[int, ...], task: Task) -> _Leaf:
        recurring, due = False, None
        if task.deadline:
            try:
                deadline = parse_deadline(task.deadline, self.plan.year)
            except DeadlineError:
                deadline = None
            if deadline is not None:
                recurring = deadline.recurring or deadline.kind == "year"
                due = deadline.end
        return _Leaf(path, task, recurring, due)

    def ongoing_routine(self, leaf: _Leaf) -> bool:
        """Year-round work carried on as planned: not an unfinished task."""
        return leaf.recurring and leaf.task.status is Status.IN_PROGRESS

    def not_due(self, leaf: _Leaf) -> bool:
        """Not done, and its deadline lies after the date the summary counts to."""
        status = leaf.task.status
        if status in (Status.DONE, Status.DROPPED, Status.POSTPONED):
            return False
        return leaf.due is not None and leaf.due > self.as_of and not leaf.recurring

    def unfinished(self, leaf: _Leaf) -> bool:
        """What the summary owes an explanation for: dropped, postponed, or not done by
        its deadline (routine year-round work and work not yet due are not)."""
        status = leaf.task.status
        if status is Status.DONE:
            return False
        if status in (Status.DROPPED, Status.POSTPONED):
            return True
        return not self.ongoing_routine(leaf) and not self.not_due(leaf)

    def state_label(self, leaf: _Leaf) -> str:
        task = leaf.task
        if self.ongoing_routine(leaf):
            return self.words["recurring"]
        if self.not_due(leaf):
            return self.words["not_due"]
        label = STATUS_LABELS[self.lang][task.status]
        if task.status is Status.POSTPONED and task.postponed_to:
            return self.words["state_postponed"].format(to=self.postponed_text(task))
        return label

    def postponed_text(self, task: Task) -> str:
        from planforge.render.context import deadline_wording

        text = task.postponed_to or ""
        try:
            return deadline_wording(parse_deadline(text, self.plan.year + 1), self.lang)
        except DeadlineError:
            return text

    # ------------------------------------------------------------------ the opening

    def themes(self) -> str:
        sep = "、" if self.lang == "zh" else ", "
        names = [_theme(t.title) for t in self.plan.tasks if t.is_section] or [
            _theme(t.title) for t in self.plan.tasks[:4]
        ]
        if self.lang == "en":
            names = [_lower_first(n) for n in names]
            if len(names) > 1:
                return sep.join(names[:-1]) + " and " + names[-1]
        return sep.join(names)

    def opening(self) -> list[str]:
        plan, w = self.plan, self.words
        if self.lang == "zh":
            leadership = plan.summary.leadership or LEADERSHIP_ZH.get(
                plan.kind.value if plan.kind else "", _LEADERSHIP_DEFAULT
            )
        else:
            leadership = f", {plan.summary.leadership}," if plan.summary.leadership else ""
        first = w["opening"].format(
            year=plan.year,
            organisation=plan.organisation,
            leadership=leadership,
            mainline=w["mainline"].format(themes=self.themes()),
            closing=w["closing"],
        )
        return [first, *plan.summary.overview]

    def stats(self) -> str:
        w = self.words
        done = sum(1 for leaf in self.leaves if leaf.task.status is Status.DONE)
        total = len(self.leaves)
        counts = {
            "in_progress": sum(1 for leaf in self.leaves if self.ongoing_routine(leaf)),
            "pending": sum(1 for leaf in self.leaves if self.not_due(leaf)),
            "open": sum(
                1
                for leaf in self.leaves
                if self.unfinished(leaf)
                and leaf.task.status not in (Status.DROPPED, Status.POSTPONED)
            ),
            "postponed": sum(1 for leaf in self.leaves if leaf.task.status is Status.POSTPONED),
            "dropped": sum(1 for leaf in self.leaves if leaf.task.status is Status.DROPPED),
        }
        rest = "".join(
            w[f"stats_{key}"].format(n=n, next=self.plan.year + 1) for key, n in counts.items() if n
        )
        # of all the tasks the sentence names, as a reader checks it (23 of 35: 65.7%); the
        # ones moved to next year or given up are said after it
        rate = f"{round(100 * done / total, 1):g}%" if total else "0%"
        as_of = (
            w["as_of"].format(date=format_date(self.as_of, self.lang))
            if self.as_of < self.year_end
            else w["as_of_year"]
        )
        return w["stats"].format(as_of=as_of, total=total, done=done, rate=rate, rest=rest)

    # ------------------------------------------------------------------ 主要工作及成效

    def _reported(self, task: Task) -> bool:
        return task.status is Status.DONE or (
            task.status is Status.IN_PROGRESS and bool(task.result)
        )

    def _results_text(self, tasks: list[Task]) -> str:
        gap = "" if self.lang == "zh" else " "
        return gap.join(_sentence(p, self.lang) for t in tasks for p in t.result)

    def records_text(self, tasks: list[Task]) -> str:
        """The tasks' activity records (台账) up to the as-of date, added up in one sentence:
        how many times the work was held, how many took part (人次) and what it cost. A
        count the tasks' figures already give (a count in 次 or 场, of people, an amount)
        is not said twice."""
        records = [r for t in tasks for r in t.records if r.date <= self.as_of]
        if not records:
            return ""
        w = self.words
        figures = [parse_figure(name, value) for t in tasks for name, value in t.figures.items()]
        units = {f.unit for f in figures if f.kind == COUNT}
        items = []
        if not units & _TIMES_UNITS:
            times = len(records)
            held = w["records_held"].format(times=times)
            items.append(w["records_held_one"] if times == 1 else held)
        people = [r.participants for r in records if r.participants is not None]
        if people and not units & _PEOPLE_UNITS:
            items.append(w["records_people"].format(people=number_text(sum(people))))
        costs = [r.cost for r in records if r.cost is not None]
        if costs and not any(f.kind == AMOUNT for f in figures):
            items.append(w["records_cost"].format(cost=amount_text(sum(costs), self.lang)))
        items = [item for item in items if item]  # a pattern left empty says nothing
        if not items:
            return ""
        return w["records"].format(items=w["records_sep"].join(items))

    def outcome_text(self, tasks: list[Task]) -> str:
        """What came of `tasks`: their results, then their records added up."""
        gap = "" if self.lang == "zh" else " "
        return gap.join(t for t in (self._results_text(tasks), self.records_text(tasks)) if t)

    def section_paragraphs(self, section: Task) -> list[str]:
        """The prose of one section of the plan: its work item by item (一是……二是……),
        then its figures added up and its goals' targets met or missed."""
        w, lang = self.words, self.lang
        by_id = {leaf.task.id: leaf for leaf in self.leaves}
        if section.is_section and section.status in (Status.DROPPED, Status.POSTPONED):
            return [self._given_up(section)]
        items: list[str] = []
        ongoing: list[str] = []
        children = section.tasks if section.is_section else [section]
        for child in children:
            leaves = [by_id[t.id] for t in _leaves_of(child)]
            told = [
                leaf.task
                for leaf in leaves
                if leaf.task.status is Status.DONE
                or (self.ongoing_routine(leaf) and (leaf.task.result or leaf.task.records))
            ]
            if told:
                result = self.outcome_text(told)
                items.append(
                    w["item"]
                    .format(
                        ordinal=_ordinal(len(items) + 1, lang),
                        title=_clause(child.title),
                        result=result,
                    )
                    .strip()
                )
            for leaf in leaves:
                task = leaf.task
                if task.status is Status.IN_PROGRESS and not self.ongoing_routine(leaf):
                    title = (
                        _clause(task.title) if lang == "zh" else _lower_first(_clause(task.title))
                    )
                    text = self._results_text([task])
                    key = "ongoing" if not ongoing else "ongoing_next"
                    ongoing.append(
                        w[key].format(title=title, result=text)
                        if text
                        else w[f"{key}_bare"].format(title=title)
                    )
        gap = "" if lang == "zh" else " "
        paragraphs = []
        if items:
            paragraphs.append(gap.join(items))
        else:
            paragraphs.append(w["none_done"].format(n=sum(1 for _ in _leaves_of(section))))
        closing = [*ongoing, *self._totals(section), *self._goals_of(section)]
        if closing:
            paragraphs.append(gap.join(closing))
        return paragraphs

    def _totals(self, section: Task) -> list[str]:
        """Counts and amounts of the same name given by two or more tasks, added up."""
        groups: dict[tuple[str, str, str], list[Figure]] = {}
        for task in _leaves_of(section):
            if task.status is not Status.DONE:
                continue
            for name, value in task.figures.items():
                figure = parse_figure(name, value)
                if figure.kind in (COUNT, AMOUNT):
                    groups.setdefault((figure.label, figure.kind, figure.unit), []).append(figure)
        items = [
            self.words["total_item"].format(
                label=label if self.lang == "zh" else _lower_first(label),
                value=figure_text(kind, sum(f.value for f in figures), _times(unit), self.lang),
            )
            for (label, kind, unit), figures in groups.items()
            if len(figures) > 1
        ]
        if not items:
            return []
        sep = "，" if self.lang == "zh" else ", "
        return [self.words["totals"].format(items=sep.join(items))]

    def target_text(self, outcome: GoalOutcome) -> str:
        target = outcome.target
        value = figure_text(target.kind, target.value, target.unit, self.lang)
        key = "target_at_most" if target.at_most else "target_at_least"
        written_bound = target.text != value and target.text.strip() != value
        return self.words[key].format(value=value) if written_bound else value

    def actual_text(self, outcome: GoalOutcome) -> str:
        return figure_text(outcome.kind, outcome.value, outcome.unit, self.lang)

    def _goals_of(self, section: Task) -> list[str]:
        """The goals whose figure comes from this section, met or missed."""
        ids = {t.id for t in _leaves_of(section)}
        out = []
        for outcome in self.outcomes:
            if not ids.intersection(outcome.task_ids):
                continue
            if outcome.task_ids[0] not in ids:
                continue  # told once, in the section of its first task
            key = "goal_met" if outcome.met else "goal_short"
            out.append(
                self.words[key].format(
                    label=outcome.label,
                    actual=self.actual_text(outcome),
                    target=self.target_text(outcome),
                )
            )
        return out

    def _given_up(self, task: Task) -> str:
        """A section dropped or postponed as a whole: what became of it and why."""
        if task.status is Status.DROPPED:
            state = self.words["state_dropped"]
        else:
            state = self.words["state_postponed"].format(
                to=self.postponed_text(task) or str(self.plan.year + 1)
            )
        reason = task.reason or ""
        key = "problem_undone" if reason else "problem_undone_bare"
        text = _sentence(
            self.words[key].format(title=_clause(task.title), state=state, reason=reason),
            self.lang,
        )
        return text + self._results_text([task])

    def lessons(self) -> list[str]:
        lessons = self.plan.summary.lessons
        return [self.words["lessons_lead"], *lessons] if lessons else []

    # ------------------------------------------------------------------ 问题、打算

    def problems(self) -> list[str]:
        """The summary's own problems; when it gives none, the unfinished work and why."""
        if self.plan.summary.problems:
            return list(self.plan.summary.problems)
        out = []
        for leaf in self.leaves:
            if not self.unfinished(leaf):
                continue
            task = leaf.task
            if task.status in (Status.DROPPED, Status.POSTPONED):
                out.append(self._given_up(task.model_copy(update={"reason": self.reason_of(leaf)})))
                continue
            reason = self.reason_of(leaf)
            key = "problem_undone" if reason else "problem_undone_bare"
            sentence = self.words[key].format(
                title=_clause(task.title), state=self.words["state_open"], reason=reason
            )
            out.append(_sentence(sentence, self.lang))
        return out

    def next_year(self) -> list[str]:
        if self.plan.summary.next_year:
            return list(self.plan.summary.next_year)
        return [
            self.words["next_year_default"].format(
                next=self.plan.year + 1,
                year=self.plan.year,
                organisation=self.plan.organisation,
                themes=self.themes(),
            )
        ]

    def next_year_heading(self) -> str:
        return self.words["next_year_heading"].format(next=self.plan.year + 1)

    # ------------------------------------------------------------------ 附表

    def tables(self) -> list[dict[str, Any]]:
        h, lang = self.heads, self.lang
        rows_all = []
        for n, leaf in enumerate(self.leaves, 1):
            task = leaf.task
            rows_all.append(
                [
                    str(n),
                    task.title,
                    self.state_label(leaf),
                    format_date(task.done_on, lang) if task.done_on else "",
                    self.outcome_text([task]),
                ]
            )
        tables = [
            {
                "key": "all",
                "title": h["table_all"],
                "headers": [h["no"], h["task"], h["status"], h["date"], h["result"]],
                "rows": rows_all,
                "columns": COLUMNS["all"],
            }
        ]
        undone = [leaf for leaf in self.leaves if self.unfinished(leaf)]
        if undone:
            from planforge.render.context import deadline_wording

            rows = []
            for n, leaf in enumerate(undone, 1):
                task = leaf.task
                try:
                    deadline = (
                        deadline_wording(
                            parse_deadline(task.deadline, self.plan.year), lang, self.plan.year
                        )
                        if task.deadline
                        else ""
                    )
                except DeadlineError:
                    deadline = task.deadline or ""
                rows.append(
                    [
                        str(n),
                        task.title,
                        deadline,
                        STATUS_LABELS[lang][task.status],
                        self.reason_of(leaf),
                        self.postponed_text(task) if task.postponed_to else "",
                    ]
                )
            tables.append(
                {
                    "key": "undone",
                    "title": h["table_undone"],
                    "headers": [h[k] for k in UNDONE_COLUMNS],
                    "rows": rows,
                    "columns": COLUMNS["undone"],
                }
            )
        goals = self.goal_rows()
        if goals:
            tables.append(
                {
                    "key": "goals",
                    "title": h["table_goals"],
                    "headers": [h["no"], h["goal"], h["target"], h["actual"], h["verdict"]],
                    "rows": goals,
                    "columns": COLUMNS["goals"],
                }
            )
        for n, table in enumerate(tables, 1):
            table["title"] = self.words["table_title"].format(n=n, title=table["title"])
        return tables

    def reason_of(self, leaf: _Leaf) -> str:
        """The task's reason, else that of the nearest section above it that gives one
        (a whole section dropped: 整个板块因机构调整取消)."""
        by_path = dict(self.plan.walk())
        path = leaf.path
        for end in range(len(path), 0, -1):
            reason = by_path[path[:end]].reason
            if reason:
                return reason
        return ""

    def goal_rows(self) -> list[list[str]]:
        """Each goal with a target: the target, what was reached, met or not."""
        rows = []
        by_goal: dict[str, list[GoalOutcome]] = {}
        for outcome in self.outcomes:
            by_goal.setdefault(outcome.goal_id, []).append(outcome)
        for n, goal in enumerate(self.plan.goals, 1):
            if not goal.measure:
                continue
            found = by_goal.get(goal.id, [])
            sep = "；" if self.lang == "zh" else "; "
            actual = sep.join(
                (
                    f"{o.label}{self.actual_text(o)}"
                    if self.lang == "zh"
                    else f"{o.label} {self.actual_text(o)}"
                )
                for o in found
            )
            verdict = ""
            if found:
                verdict = self.words["met"] if all(o.met for o in found) else self.words["short"]
            rows.append(
                [str(n), goal.text, goal.measure, actual or self.words["no_figure"],
                 verdict or self.words["no_figure"]]
            )  # fmt: skip
        return rows


def _as_its_section(path: tuple[int, ...], task: Task, by_path: dict[Any, Task]) -> Task:
    """A task without a status of its own under a section that was dropped or postponed
    as a whole takes the section's status."""
    if task.status not in (None, Status.PLANNED):
        return task
    for end in range(len(path) - 1, 0, -1):
        section = by_path[path[:end]]
        if section.status in (Status.DROPPED, Status.POSTPONED):
            return task.model_copy(update={"status": section.status})
    return task


def _leaves_of(task: Task) -> list[Task]:
    if not task.is_section:
        return [task]
    out: list[Task] = []
    for child in task.tasks:
        out.extend(_leaves_of(child))
    return out


def _times(unit: str) -> str:
    """The unit of people counted at several events, added up: 人次 (the same teacher at
    three events is three attendances, not three people), as union ledgers count them."""
    return "人次" if unit == "人" else unit
