"""Rules on what a federation reviewer marks in a plan: an empty shell, the wrong congress,
goals below the standard, dues against the law, tasks out of season, the employer's
targets as the union's goals, sections of bare titles.

Each rule cites its source in its documentation; the words it reads by are data in
`planforge.vocab.review` and `planforge.vocab.calendar`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from planforge.check.rules.base import Option, Pattern, RuleContext, TextValue, rule
from planforge.errors import Problem, Severity
from planforge.model.deadline import DeadlineError, parse_deadline
from planforge.model.plan import Kind, Task, task_loc
from planforge.vocab import calendar
from planforge.vocab import review as words

if TYPE_CHECKING:
    from planforge.model.rubric import Rubric

# ---------------------------------------------------------------------------- helpers


def _clause(text: str, start: int, end: int, breaks: str = "。；;！？!?\n") -> tuple[int, int]:
    """The bounds of the sentence (by default) around `text[start:end]`."""
    left = max((text.rfind(b, 0, start) for b in breaks), default=-1) + 1
    rights = [i for i in (text.find(b, end) for b in breaks) if i != -1]
    return left, min(rights, default=len(text))


def _work_texts(ctx: RuleContext) -> list[TextValue]:
    """What the plan says it will do: goals, task titles and texts, the schedule."""
    return [
        t
        for t in ctx.chinese_texts
        if t.loc[0] in ("goals", "tasks", "schedule")
        and "result" not in t.loc
        and "reason" not in t.loc
    ]


def plan_kind(ctx: RuleContext) -> Kind | None:
    """The plan's `kind`, else the kind its union's name tells (…中学工会 is a school)."""
    if ctx.plan.kind is not None:
        return ctx.plan.kind
    from planforge.starter import kind_from_org

    found = kind_from_org(ctx.plan.organisation)
    return Kind(found) if found else None


def _task_deadline(ctx: RuleContext, path: tuple[int, ...]) -> tuple[str | None, bool]:
    """The deadline a task works to (its own, else its nearest section's) and whether
    it is its own."""
    tasks = ctx.plan.tasks
    chain: list[Task] = []
    for i in path:
        task = tasks[i]
        chain.append(task)
        tasks = task.tasks
    for depth, task in enumerate(reversed(chain)):
        if task.deadline is not None:
            return task.deadline, depth == 0
    return None, False


# ---------------------------------------------------------------------------- empty plan


@rule("plan-empty", Severity.ERROR, "an empty plan: no tasks, no ideology or goals, no date")
def plan_empty(ctx: RuleContext) -> Iterator[Problem]:
    """The plan is a shell: it has no tasks; or it has neither a guiding ideology
    (指导思想) nor goals (工作目标); or it has no issue date (`issued:`, 成文日期, or a
    signature date).

    GB/T 9704-2012 §7.3.5 makes the date (成文日期) part of every official document; the
    parts of a plan (指导思想、工作目标、主要任务、保障措施) are those of the federations'
    templates and scoring tables (local practice). Write the tasks, say what the year is
    for, and date the plan.
    """
    plan = ctx.plan
    if not plan.tasks:
        loc = ("tasks",) if "tasks" in _keys(ctx) else ()
        yield ctx.at(
            loc,
            "the plan has no tasks",
            key=bool(loc),
            hint="add `tasks:` (主要任务): what will be done, by whom, by when",
        )
    if not plan.ideology and not plan.goals:
        yield ctx.at(
            (),
            "the plan has neither a guiding ideology (指导思想) nor goals (工作目标)",
            hint="add `ideology:` and `goals:` (e.g. 会员入会率保持在95%以上)",
        )
    if plan.signed_on is None:
        yield ctx.at(
            (),
            "the plan has no issue date (成文日期)",
            hint="add `issued: YYYY-MM-DD`",
        )


def _keys(ctx: RuleContext) -> set[str]:
    from ruamel.yaml.nodes import MappingNode

    node = ctx.doc.node
    if not isinstance(node, MappingNode):
        return set()
    return {str(k.value) for k, _ in node.value}


# ---------------------------------------------------------------------------- congress

_SCHOOL_CONGRESS = Pattern(words.CONGRESS_SCHOOL)
_KIND_NAMES = {Kind.SCHOOL: "a school's", Kind.ENTERPRISE: "an enterprise's"}
_ENTERPRISE_CONGRESS = Pattern(words.CONGRESS_ENTERPRISE)


@rule("congress-kind", Severity.WARNING, "the congress of another kind of organisation")
def congress_kind(ctx: RuleContext) -> Iterator[Problem]:
    """A school's plan holds a 职代会, or an enterprise's a 教代会.

    A school's congress is the 教职工代表大会 (学校教职工代表大会规定, 教育部令第32号, 2011,
    第二条); an enterprise's is the 职工代表大会 (企业民主管理规定, 总工发〔2012〕12号, 第二章).
    The wrong one is the sign of a plan copied from another union. The kind is the plan's
    `kind`, else the one its union's name tells (…中学工会, …有限公司工会); plans of other
    kinds are not checked.
    """
    kind = plan_kind(ctx)
    if kind is Kind.SCHOOL:
        wrong, right = _ENTERPRISE_CONGRESS, "教代会（教职工代表大会）"
    elif kind is Kind.ENTERPRISE:
        wrong, right = _SCHOOL_CONGRESS, "职代会（职工代表大会）"
    else:
        return
    for text, m, base in ctx.search(wrong, _work_texts(ctx)):
        yield ctx.in_text(
            text,
            m.start() - base,
            m.end() - base,
            f"'{m.group()}' in {_KIND_NAMES[kind]} plan: its congress is the {right}",
            hint=f"write {right}, or check the plan was not copied from another union",
        )


_TEACHER_SHARE = Pattern(
    r"(?<![线年女干级青老])教师代表[^，。；\d]{0,10}?(?:不低于|不少于|占|达到|为|≥)?"
    r"[^，。；\d]{0,6}?(\d+(?:\.\d+)?)\s*[%％]"
)
_TEACHER_COUNT = Pattern(
    r"代表(?:共|总数|总计)?[为有]?\s*(\d+)\s*[名人][^。；]{0,12}?(?<![线年女干级青老])教师代表"
    r"[为有]?\s*(\d+)\s*[名人]"
)


@rule(
    "congress-teacher-share",
    Severity.WARNING,
    "teachers below 60 % of the 教代会's representatives",
    options=(Option("min-percent", 60, "the least share of teachers among the representatives"),),
)
def congress_teacher_share(ctx: RuleContext) -> Iterator[Problem]:
    """The plan's 教代会 has fewer teacher representatives than the regulation asks:
    "教师代表不低于50%", or "代表80名，其中教师代表40名".

    学校教职工代表大会规定 (教育部令第32号, 2011): the representatives are mainly teachers,
    and teachers are not less than 60 % of them (the clause on the representatives'
    composition, 第十一条 as it is commonly cited; the copy the search found gives the
    figure, not the article number). Shares of a part of the teachers (一线教师, 青年教师,
    女教师) are not this figure and are not checked.
    """
    least = ctx.option("min-percent")
    for text in _work_texts(ctx):
        value = text.value
        for m in _TEACHER_SHARE.finditer(value):
            share = float(m.group(1))
            if share < least:
                yield ctx.in_text(
                    text,
                    m.start(1),
                    m.end(1),
                    f"teacher representatives at {share:g}%: the 教代会 needs {least}% or more",
                    hint=f"write 教师代表不低于代表总数的{least}%",
                )
        for m in _TEACHER_COUNT.finditer(value):
            total, teachers = int(m.group(1)), int(m.group(2))
            if total and teachers * 100 < least * total:
                yield ctx.in_text(
                    text,
                    m.start(2),
                    m.end(2),
                    f"{teachers} teachers of {total} representatives "
                    f"({teachers * 100 / total:.0f}%): the 教代会 needs {least}% or more",
                    hint=f"at least {-(-least * total // 100)} of {total} must be teachers",
                )
    yield from _teacher_figures(ctx, least)


def _teacher_figures(ctx: RuleContext, least: int) -> Iterator[Problem]:
    """The share from a congress task's `figures:` (教师代表 against the representatives)."""
    for path, task in ctx.plan.walk():
        figures = task.figures
        teachers = _number(figures.get("教师代表"))
        total = next(
            (
                _number(figures[k])
                for k in ("代表总数", "正式代表", "应到代表", "代表")
                if k in figures
            ),
            None,
        )
        if teachers is None or not total:
            continue
        if teachers * 100 < least * total:
            yield ctx.at(
                (*task_loc(path), "figures", "教师代表"),
                f"{teachers:g} teachers of {total:g} representatives: the 教代会 needs "
                f"{least}% or more",
                hint=f"at least {-(-least * total // 100):g} of {total:g} must be teachers",
            )


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[名人]?\s*", value)
        return float(m.group(1)) if m else None
    return None


# ---------------------------------------------------------------------------- goals


_RATE = r"[^，。；;\d%％]{0,10}?(\d+(?:\.\d+)?)\s*[%％]"
_METRICS = tuple((name, Pattern(f"(?:{pattern}){_RATE}")) for name, pattern in words.METRICS)


def rates(text: str) -> dict[str, tuple[float, int, int]]:
    """The rates a text states: metric name → (percent, start, end of the figure).

    Each place in the text counts for its most specific metric only (履约满意率 is not
    满意率)."""
    out: dict[str, tuple[float, int, int]] = {}
    taken: list[tuple[int, int]] = []
    for name, pattern in _METRICS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.setdefault(name, (float(m.group(1)), m.start(1), m.end(1)))
    return out


@cache
def _fallback_rubrics(ids: tuple[str, ...]) -> tuple[Rubric, ...]:
    from planforge.check.rubric import load_rubric
    from planforge.errors import InputError

    found = []
    for rubric_id in ids:
        try:
            found.append(load_rubric(rubric_id))
        except InputError:
            continue
    return tuple(found)


def _asked_rates(rubrics: Iterable[Rubric]) -> dict[str, tuple[float, str]]:
    """Rate name → the highest figure the rubrics' items ask, and the item that asks it."""
    asked: dict[str, tuple[float, str]] = {}
    for rubric in rubrics:
        for item in rubric.items:
            for name, (figure, _s, _e) in rates(item.text).items():
                if name not in asked or figure > asked[name][0]:
                    asked[name] = (figure, f"{rubric.id}.{item.id}")
    return asked


@rule(
    "goal-below-rubric",
    Severity.WARNING,
    "a goal's rate below what the plan's rubric asks (入会率, 满意率 …)",
    options=(
        Option(
            "fallback-rubrics",
            ("home-scoring",),
            "built-in rubrics whose rates hold when the plan names no rubric",
        ),
    ),
)
def goal_below_rubric(ctx: RuleContext) -> Iterator[Problem]:
    """A goal sets a rate lower than the one the plan's rubric asks: 入会率达到60% against an
    item asking 入会率达到95%以上; 满意率70% against 80%.

    The thresholds are read from the rubrics' own item texts, where an item states one
    (home-scoring: 会员入会率达到95%以上, 满意率达到80%以上; the 福建 tables: 履约满意率90%,
    劳动合同签订率95%); the rates compared are those in `planforge.vocab.review.METRICS`.
    A rate that none of the plan's rubrics states (the built-in defaults of its kind
    included) is held to `fallback-rubrics`. A goal that meets the rubric says so:
    会员入会率保持在95%以上.
    """
    asked = _asked_rates(ctx.rubrics)
    fallback = _asked_rates(_fallback_rubrics(tuple(ctx.option("fallback-rubrics"))))
    for name, figure in fallback.items():
        asked.setdefault(name, figure)
    if not asked:
        return
    for i, goal in enumerate(ctx.plan.goals):
        fields: tuple[tuple[str, str | None], ...] = (
            ("text", goal.text),
            ("measure", goal.measure),
        )
        for field, value in fields:
            if not value:
                continue
            for name, (found, start, end) in rates(value).items():
                if name in asked and found < asked[name][0]:
                    want, where = asked[name]
                    yield ctx.in_text(
                        TextValue(("goals", i, field), value, "prose"),
                        start,
                        end,
                        f"{name} {found:g}% is below the {want:g}% that {where} asks",
                        hint=f"aim at the rubric's figure: {name}达到{want:g}%以上",
                    )
            if field == "text" and rates(value):
                break  # the measure restates the text's figure


# ---------------------------------------------------------------------------- dues

_PAYROLL_SHARE = Pattern(
    r"工资总额的?\s*(?:(\d+(?:\.\d+)?)\s*[%％]|百分之([一二三四五六七八九十零点〇\d.]+))"
)
_ZH_PERCENT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "零点五": 0.5, "一点五": 1.5}
_DUES = Pattern(words.DUES_WORDS)


@rule("dues-rate", Severity.WARNING, "工会经费 other than 2 % of the payroll")
def dues_rate(ctx: RuleContext) -> Iterator[Problem]:
    """The plan says the employer pays the union a share of the payroll other than 2 %:
    "按工资总额的1%拨缴工会经费".

    《中华人民共和国工会法》(2021 修正) 第四十三条 (第四十二条 in the 2001/2009 text, the
    copy the search found): 建立工会组织的企业、事业单位、机关、社会组织按每月全部职工工资
    总额的百分之二向工会拨缴经费. The members' own dues (会费, 0.5 % of one's wage) are
    another thing and are not checked.
    """
    for text in ctx.chinese_texts:
        value = text.value
        for m in _PAYROLL_SHARE.finditer(value):
            left, right = _clause(value, m.start(), m.end())
            sentence = value[left:right]
            if not re.search(r"工会经费|拨缴|拨付|上缴|划拨", sentence):
                continue
            share = _share(m)
            if share is None or share == 2:
                continue
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                f"工会经费 at {share:g}% of the payroll: the law fixes 2%",
                hint="write 按全部职工工资总额的2%拨缴工会经费 (工会法 第四十三条)",
            )


def _share(m: re.Match[str]) -> float | None:
    if m.group(1):
        return float(m.group(1))
    spelled = m.group(2)
    if spelled in _ZH_PERCENT:
        return float(_ZH_PERCENT[spelled])
    try:
        return float(spelled)
    except ValueError:
        return None


_FORBIDDEN = Pattern(words.FORBIDDEN_SPENDING)
_NEGATION = Pattern(words.NEGATION)
_ALLOWED = {word: Pattern(allowed) for word, allowed in words.ALLOWED_SPENDING.items()}


@rule(
    "dues-forbidden-use",
    Severity.WARNING,
    "union dues spent on bonuses, cash or shopping cards",
)
def dues_forbidden_use(ctx: RuleContext) -> Iterator[Problem]:
    """The plan pays from the union's money (工会经费, 会费) what the rules forbid:
    bonuses (奖金, 年终奖), allowances (津贴, 补贴), shopping cards and vouchers (购物卡,
    代金券), cash gifts (现金, 红包), treats and gifts (请客送礼).

    全总 工会经费“八不准” (中华全国总工会关于加强基层工会经费收支管理的通知, 2014: 不准违反
    规定滥发奖金、津贴、补贴; 不准用工会经费购买购物卡、代金券; 不准请客送礼) and 基层工会经费
    收支管理办法 (全总, 2017): festival gifts (节日慰问品) are goods of the festival's custom,
    not cash or shopping cards. The search found these texts quoted in federations' notices,
    not the articles' numbers. A sentence that forbids them (严禁用工会经费发放购物卡) and what
    the rules allow (劳动竞赛 rewards; 慰问金 for illness, bereavement, marriage, birth;
    帮扶 and 助学) are not findings.
    """
    for text in ctx.chinese_texts:
        value = text.value
        for m in _FORBIDDEN.finditer(value):
            left, right = _clause(value, m.start(), m.end())
            sentence = value[left:right]
            if not _DUES.search(sentence):
                continue
            before = value[left : m.start()]
            if _NEGATION.search(before):
                continue
            allowed = _ALLOWED.get(m.group())
            if allowed is not None and allowed.search(sentence):
                continue
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                f"union dues spent on '{m.group()}': the 工会经费 rules forbid it",
                hint="pay 奖金 and 津贴 from the employer's budget; give festival gifts in kind "
                "(基层工会经费收支管理办法)",
            )


# ---------------------------------------------------------------------------- seasons


def _window_option(entry: str) -> str | None:
    """Why a `windows` entry (`name=6-9`) is not one; None when it is."""
    m = re.fullmatch(r"\s*([^=\s]+)\s*=\s*(\d{1,2})\s*-\s*(\d{1,2})\s*", entry)
    if not m or not all(1 <= int(m.group(i)) <= 12 for i in (2, 3)):
        return f"'{entry}' is not name=FIRST-LAST (months 1-12), e.g. 夏送清凉=6-9"
    if m.group(1) not in calendar.SEASONAL_ACTIVITIES:
        known = ", ".join(calendar.SEASONAL_ACTIVITIES)
        return f"'{m.group(1)}' is not a seasonal activity planforge knows ({known})"
    return None


_DEFAULT_WINDOWS = tuple(
    f"{name}={first}-{last}"
    for name, (_p, (first, last), _s) in calendar.SEASONAL_ACTIVITIES.items()
)


@cache
def _season_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((n, re.compile(p)) for n, (p, _w, _s) in calendar.SEASONAL_ACTIVITIES.items())


def _windows(entries: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    out = {name: window for name, (_p, window, _s) in calendar.SEASONAL_ACTIVITIES.items()}
    for entry in entries:
        if _window_option(entry) is None:
            name, months = entry.split("=")
            first, last = months.split("-")
            out[name.strip()] = (int(first), int(last))
    return out


def _season_of(title: str) -> str | None:
    return next((name for name, p in _season_patterns() if p.search(title)), None)


def _window_text(window: tuple[int, int]) -> str:
    first, last = window
    return f"{first}月" if first == last else f"{first}–{last}月"


@rule(
    "out-of-season",
    Severity.WARNING,
    "a seasonal task out of its season (春节送温暖 in July, 三八 in October)",
    options=(
        Option(
            "windows",
            _DEFAULT_WINDOWS,
            "the months each seasonal activity belongs in, as name=FIRST-LAST "
            "(a window may wrap over the new year: 两节送温暖=11-2)",
            check=_window_option,
        ),
    ),
)
def out_of_season(ctx: RuleContext) -> Iterator[Problem]:
    """A task whose title names a seasonal activity is due in months outside its season:
    元旦、春节送温暖 in July, a 三八 activity in October, 金秋助学 in March, 夏送清凉 in
    December. Rows of the month schedule are checked the same way.

    The seasons are data (`planforge.vocab.calendar.SEASONAL_ACTIVITIES`, each with its
    source: the festival's date, or the federations' common practice); the default of
    `windows` lists them, and a configuration may change any of them. A deadline that
    covers the season (全年, 下半年) is in season; a task without a deadline is not checked.
    """
    plan = ctx.plan
    windows = _windows(tuple(ctx.option("windows")))
    for path, task in plan.walk():
        if task.tasks:
            continue
        season = _season_of(task.title)
        if season is None:
            continue
        deadline, own = _task_deadline(ctx, path)
        if deadline is None:
            continue
        try:
            months = parse_deadline(deadline, plan.year).months()
        except DeadlineError:
            continue
        window = windows[season]
        if any(calendar.in_window(month, window) for month in months):
            continue
        loc = (*task_loc(path), "deadline") if own else (*task_loc(path), "title")
        yield ctx.at(
            loc,
            f"'{task.title}' is due {deadline}, out of its season ({season}: "
            f"{_window_text(window)})",
            hint=f"schedule it in {_window_text(window)}, or check the task was not copied",
        )
    for i, entry in enumerate(plan.schedule):
        season = _season_of(entry.work)
        if season and not calendar.in_window(entry.month, windows[season]):
            yield ctx.at(
                ("schedule", i, "month"),
                f"'{entry.work}' in {entry.month}月, out of its season ({season}: "
                f"{_window_text(windows[season])})",
                hint=f"move it to {_window_text(windows[season])}",
            )


# ---------------------------------------------------------------------------- targets

_BUSINESS = Pattern(words.BUSINESS_TARGETS)
_UNION_MEANS = Pattern(words.UNION_MEANS)
_FIGURE = Pattern(r"\d|[一二三四五六七八九十百千万亿]+(?:元|万|亿|吨|台|件)")


@rule(
    "business-target-goal",
    Severity.WARNING,
    "the employer's business target set as a union goal (产值, 利润, 销售额)",
)
def business_target_goal(ctx: RuleContext) -> Iterator[Problem]:
    """A goal (or a task title) of the union is the employer's business figure: 年产值20亿元,
    利润增长10%, 销售额突破5亿元.

    The union's goals are its members': their rights, their congress, their pay and
    safety, their membership (工会法 第六条: 维护职工合法权益、竭诚服务职工群众是工会的基本
    职责). A union supports production through its own means, and a goal or task that names
    one (劳动竞赛, 合理化建议, 技能比武, 创新工作室) is not a finding: 以劳动竞赛助推年产值
    目标. The ideology may name the employer's targets as the context of the year.
    """
    for text in ctx.chinese_texts:
        loc = text.loc
        is_goal = loc[0] == "goals"
        is_task_title = loc[0] == "tasks" and loc[-1] == "title"
        if not (is_goal or is_task_title):
            continue
        value = text.value
        if _UNION_MEANS.search(value):
            continue
        m = _BUSINESS.search(value)
        if m is None or not _FIGURE.search(value):
            continue
        yield ctx.in_text(
            text,
            m.start(),
            m.end(),
            f"'{m.group()}' is the employer's target, not the union's goal",
            hint="set the union's own goal: what the union does for it (劳动竞赛, 合理化建议) "
            "and for its members",
        )


# ---------------------------------------------------------------------------- titles only


def _bare(task: Task) -> bool:
    return not (task.text or task.owners or task.deadline or task.result or task.goals)


@rule(
    "section-titles-only",
    Severity.WARNING,
    "a section whose tasks are titles only, in an otherwise detailed plan",
    options=(
        Option("min-tasks", 3, "tasks a section needs before it is checked", minimum=1),
        Option(
            "detailed-percent",
            60,
            "the share of the plan's other tasks, in percent, that must say more than a "
            "title for the plan to count as detailed",
            minimum=0,
        ),
    ),
)
def section_titles_only(ctx: RuleContext) -> Iterator[Problem]:
    """Every task of a section is a bare title (no text, owner, deadline, goal or
    result), while most of the plan's other tasks say who does what by when: the section
    was left unfinished, or pasted from a list of headings.

    A section needs `min-tasks` tasks to be checked, and the plan counts as detailed when
    `detailed-percent` of the tasks outside the section say more than their title.
    Reviewers' tables score each task on its content, owner and time (local practice).
    """
    minimum, percent = ctx.option("min-tasks"), ctx.option("detailed-percent")
    leaves = [(path, task) for path, task, _parents in ctx.leaves]
    for path, section in ctx.plan.walk():
        kids = section.tasks
        if len(kids) < minimum or any(k.tasks for k in kids) or not all(map(_bare, kids)):
            continue
        others = [t for p, t in leaves if p[: len(path)] != path]
        if not others:
            continue
        detailed = sum(1 for t in others if not _bare(t))
        if detailed * 100 < percent * len(others):
            continue
        yield ctx.at(
            (*task_loc(path), "title"),
            f"the {len(kids)} tasks of '{section.title}' are titles only, while "
            f"{detailed} of the plan's other {len(others)} tasks say more",
            hint="give each task its text, owner and deadline, as the other sections do",
        )
