"""A draft plan → the data of a plan source, with a note on everything that was guessed.

Notes are keyed by the data path of the line they belong on (a task's id, the year…).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from planforge.importer.extract import (
    SUMMARY_TITLE,
    TITLE_WORDS,
    find_date,
    find_owners,
    looks_like_title,
    norm,
    organisation_in_title,
    plan_part,
    strip_part,
    title_years,
    unambiguous_deadline,
    years_in,
)
from planforge.importer.structure import Draft, Row, Section, split_title
from planforge.model.deadline import DeadlineError, parse_deadline
from planforge.vocab import owners as owner_words
from planforge.zh import count_han

Loc = tuple[str | int, ...]


@dataclass
class Options:
    lang: str | None = None
    org: str | None = None
    year: int | None = None


@dataclass
class Imported:
    """One imported plan: source data, notes for the reviewer, and the draft it came from."""

    data: dict[str, Any]
    notes: dict[Loc, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    draft: Draft | None = None
    summary: bool = False
    ownerless: list[Loc] = field(default_factory=list)
    """The tasks that name no owner: noted one by one when few, else once on `tasks`."""

    def note(self, loc: Loc, message: str) -> None:
        self.notes.setdefault(loc, []).append(message)


_PARTS = {
    "ideology": r"(指导思想|总体思路|总体要求|指导方针|工作思路"
    r"|guiding (ideology|thought|principles?)|general (ideas?|requirements?))",
    "goals": r"((工作|主要|总体|年度)?目标(任务)?|goals?|objectives?|targets?)",
    "tasks": r"(主要任务|重点工作|工作任务|主要工作|工作重点|具体(任务|工作)|main tasks|key tasks"
    r"|(main|key) work|tasks)",
    "safeguards": r"((保障|工作|组织|具体)?措施|(组织|工作)?保障(措施)?|safeguards?"
    r"|(supporting |safeguard )?measures|guarantees?)",
    "schedule": r"((具体|月度|月份|年度|全年|时间|进度|工作|活动)*(安排|日程|行事历|进度表)"
    r"|(monthly |work )?(schedule|calendar|timetable))",
    # the parts of a year-end summary (工作总结), as planforge's summary names them
    "overview": r"(基本情况|总体情况|overview)",
    "achievements": r"(主要成绩|工作成绩|取得的成绩|achievements)",
    "lessons": r"((主要)?(经验体会|经验与体会|体会|经验)|lessons( learned)?)",
    "problems": r"((存在的?|主要)(问题|不足)(和不足|与不足)?|不足之处"
    r"|problems( and shortcomings)?|shortcomings)",
    "next_year": r"((下一?年|明年|来年|20\d\d年)(度)?(工作)?(打算|计划|思路|设想)"
    r"|(今后|下一步)(的)?(工作)?(打算|计划|思路|设想)|plans for (next year|20\d\d)|next year)",
}
_SUMMARY_PARTS = ("overview", "achievements", "lessons", "problems", "next_year")
_PART_RES = {k: re.compile(rf"^{v}\s*[:。.]?$", re.I) for k, v in _PARTS.items()}
_RUN_IN = {k: re.compile(rf"^{v}\s*:\s*", re.I) for k, v in _PARTS.items()}
# Work reported as done: a verb with 了 (开展了, 举行了; not 为了, 除了, 了解), 圆满, 荣获,
# 取得, sums of what was done (共计, 累计), a look back (一年来, 回顾, 过去一年), a report's
# announcement (总结如下, 归纳如下, 汇报如下)
_SUMMARY_CUES = re.compile(
    r"[\u4e00-\u9fff]{2}(?<![为除不得])了(?![解然结])|圆满|荣获|获评|取得|共计|累计|先后|一年来"
    r"|过去的?一年|回顾|(?:总结|归纳|汇报)如下"
    r"|\bwe (?:have )?(?:achieved|completed|held|organi[sz]ed|delivered|recruited|won)\b"
    r"|\bin the (?:past|last) year\b|\bover the (?:past|last) year\b",
    re.I,
)
# work still to do: 将 (not 现将, the "herewith" of 现将…如下 that a report and a plan
# both open with), 要 (not 主要, 重要, 需要, 要求), 计划, 拟, 力争
_PLAN_CUES = re.compile(
    r"(?<!现)将|(?<![主重需必纪摘只首简概])要(?![求点素])|计划|拟|力争|争取|做好|确保"
    r"|\bwill\b|\bshall\b|\bplan to\b",
    re.I,
)


_ADDRESS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:com|cn|net|org|html?)\b", re.I)


def _letters(text: str) -> tuple[int, int]:
    """Han characters and Latin letters, web addresses (pinyin domains) not counted."""
    text = _ADDRESS.sub(" ", text)
    return count_han(text), len(re.findall(r"[A-Za-z]", text))


def is_chinese(text: str) -> bool:
    """Chinese when a fifth of the letters are Han, or when there are a few hundred: a
    Chinese plan quotes English names and abbreviations, never the reverse at length."""
    cjk, latin = _letters(text)
    return cjk * 4 >= latin or cjk >= 300


def assemble(draft: Draft, options: Options) -> Imported:
    zh = (options.lang or ("zh" if is_chinese(draft.text) else "en")) == "zh"
    out = Imported({}, draft=draft)
    cjk, latin = _letters(draft.text)
    if not options.lang and (latin > cjk if zh else cjk > 20):  # a close call: say so
        out.note(
            ("language",),
            f"guessed from the text ({cjk} Han characters, {latin} Latin letters); --lang sets it",
        )
    title = strip_part(draft.title) if draft.title else None
    year = _year(draft, title, zh, options, out)
    org = _organisation(draft, title, zh, options, out)
    data = out.data
    data["organisation"] = org
    data["year"] = year
    data["language"] = "zh" if zh else "en"
    if title:
        data["title"] = title
    summary = is_summary(draft, title)
    out.summary = summary
    lessons = _place_ledger(draft, out) if summary else []
    parts = _parts(draft.sections, summary)
    parts["lessons"].extend(lessons)
    if summary and draft.preamble:  # a summary opens with its overview (基本情况)
        parts["overview"][:0] = draft.preamble
        draft.preamble = []
    listed = [s for s in parts["safeguards"] if len(s.children) >= 2]
    if not summary and not parts["tasks"] and listed:
        # 主要目标：… 具体措施：1、…2、…: the measures listed are the plan's work
        parts["tasks"] = [child for section in listed for child in section.children]
        parts["safeguards"] = [s for s in parts["safeguards"] if s not in listed]
        out.note(
            ("tasks",),
            f'no part names the tasks: the items under "{listed[0].title}" taken as the tasks',
        )
    fallback = not summary and not (parts["tasks"] or parts["goals"] or parts["rows"])
    if fallback and not draft.schedule and (found := _paragraph_tasks(draft.preamble)):
        # no structure found: a plan with no tasks would lose the page's work to ideology
        draft.preamble, parts["tasks"] = found
        out.note(
            ("tasks",),
            "no headings or numbered items found: one task per paragraph (or sentence); "
            "check where the plan's parts begin",
        )
    ideology = [*draft.preamble, *parts["ideology"]]
    if draft.preamble and not parts["ideology"]:
        out.note(("ideology",), "the opening paragraphs taken as the guiding ideology")
    if ideology:
        data["ideology"] = ideology
    if parts["goals"]:
        data["goals"] = [_goal(t, i) for i, t in enumerate(parts["goals"], 1)]
    elif draft.ledger.goals:  # 表3 年度目标完成情况: the goals with their targets
        data["goals"] = [
            {"id": f"g{i}", "text": text, **({"measure": target} if target else {})}
            for i, (text, target) in enumerate(draft.ledger.goals, 1)
        ]
    tasks = [_task(s, (i,), _Context(zh, year, summary), out) for i, s in enumerate(parts["tasks"])]
    if tasks:
        data["tasks"] = tasks
    _note_ownerless(out)
    safeguards = [entry for section in parts["safeguards"] for entry in _safeguards(section)]
    if safeguards:
        data["safeguards"] = safeguards
    rows = [*draft.schedule, *parts["rows"]]
    schedule = [] if derived(rows, tasks, year, zh) else _schedule(rows, out)
    if schedule:
        data["schedule"] = schedule
    if draft.attachments:
        data["attachments"] = draft.attachments
    signature = _signature(draft, zh, out)
    if signature:
        data["signature"] = signature
    block = {p: parts[p] for p in _SUMMARY_PARTS if parts[p]}
    if summary and (block or "date" in signature):
        if "date" in signature:  # a copy: one object twice would be a YAML alias
            block["date"] = dt.date.fromordinal(signature["date"].toordinal())
        data["summary"] = block
    _plan_notes(draft, title, out)
    return out


def _paragraph_tasks(paragraphs: list[str]) -> tuple[list[str], list[Section]] | None:
    """The opening paragraph kept as the ideology and each paragraph after it a task; a
    single paragraph is read a sentence at a time, a single sentence is the one task.
    None when there is no text."""
    units = [p for p in paragraphs if len(p.strip()) >= 8]  # 字号：, a stray label
    if len(units) == 1:
        units, rest = [], units[0]
        while rest:
            sentence, rest = split_title(rest)
            units.append(sentence)
    if not units:
        return None
    if len(units) == 1:  # one sentence: the plan's one task, nothing left for the ideology
        keep, units = [p for p in paragraphs if p != units[0]], ["", *units]
    elif units[0] in paragraphs:
        keep = paragraphs[: paragraphs.index(units[0]) + 1]
    else:
        keep = [units[0]]
    sections = []
    for unit in units[1:]:
        title, text = split_title(unit)
        sections.append(Section("", title, [text] if text else []))
    return keep, sections


# ---------------------------------------------------------------------------- year, org


def _year(draft: Draft, title: str | None, zh: bool, options: Options, out: Imported) -> int:
    if options.year:
        return options.year
    body = [t for t in draft.text.splitlines() if t != draft.title and t not in draft.signature]
    body_years = Counter(years_in("\n".join(body), zh))
    signed = find_date(" ".join(draft.signature)) if draft.signature else None
    signed_year = (signed.date.year + (signed.date.month >= 11)) if signed else None
    if signed_year is not None and not 1949 <= signed_year <= 2200:
        signed_year = None
    named = title_years(title, zh) if title else []
    common = body_years.most_common(1)[0] if body_years else None
    own = _own_title_year(draft, zh)
    if named and own and own[0] != named[0]:
        out.note(
            ("year",),
            f"the page's heading says {named[0]} but the document's own title "
            f'("{own[1]}") says {own[0]}; {own[0]} taken',
        )
        return own[0]
    if named and not years_in(title or "", zh):
        out.note(("year",), f"{named[0]} in the title, written without 年, taken as the year")
    if named:
        year = named[0]
        if common and year not in body_years and common[1] >= 2:
            out.note(
                ("year",),
                f"the title says {year} but the text speaks of {common[0]} "
                f"({common[1]} times); {common[0]} taken",
            )
            return common[0]
        if signed_year and year not in body_years and abs(signed_year - year) > 1:
            out.note(
                ("year",),
                f"the title says {year} but the plan is signed "
                f"{signed.text if signed else ''}; {signed_year} taken",
            )
            return signed_year
        return year
    if common:
        out.note(("year",), f"no year in the title; {common[0]} taken from the text")
        return common[0]
    if signed_year:
        out.note(("year",), f"no year in the title; {signed_year} taken from the signature date")
        return signed_year
    today = dt.date.today().year
    out.note(("year",), f"year not found; {today} assumed")
    return today


def _own_title_year(draft: Draft, zh: bool) -> tuple[int, str] | None:
    """The year of the document's own title when a page's heading stands above it: the
    last title-like line naming a year among the lines before the plan's first part (the
    title nearest the body), with that line."""
    for line in reversed(draft.preamble):
        # 及2007年工作计划: the second line of a title broken in two, no title of its own
        titled = looks_like_title(line) and not _JOINS.match(norm(line))
        titled = titled and _ENDS_TITLED.search(norm(line)) is not None
        if titled and (years := title_years(line, zh)):
            return years[0], line
    return None


# a title ends on its kind (…工作计划, … Work Plan), a sentence naming a plan does not
_ENDS_TITLED = re.compile(rf"(?:{TITLE_WORDS.pattern})\s*$", re.I)
_JOINS = re.compile(r"\s*(?:及|和|与|暨|并|以及|and\b|&)", re.I)


def _organisation(
    draft: Draft, title: str | None, zh: bool, options: Options, out: Imported
) -> str:
    if options.org:
        return options.org
    found = organisation_in_title(title, zh) if title else None
    if found:
        out.note(("organisation",), "organisation taken from the title")
        return found
    for line in draft.signature:
        name = _without_date(line)
        if name:
            out.note(("organisation",), "organisation taken from the signature")
            return name
    out.note(("organisation",), "organisation not found")
    return "工会" if zh else "Trade union"


def _without_date(line: str) -> str:
    found = find_date(line)
    if found and found.text in line:
        line = line.replace(found.text, "")
    return line.strip(" ,，。.、:：").strip()


# ---------------------------------------------------------------------------- parts


def _part_of(section: Section) -> str | None:
    title = norm(section.title).strip()
    for part, pattern in _PART_RES.items():
        if pattern.match(title) and len(title) <= 30:
            return part
    for part, pattern in _RUN_IN.items():
        if part not in ("tasks", *_SUMMARY_PARTS) and pattern.match(title):
            return part
    return None


def _flatten(section: Section) -> list[str]:
    out = [*section.text]
    for child in section.children:
        out.append(child.title)
        out.extend(_flatten(child))
    return out


def _content(section: Section, part: str) -> list[str]:
    """The paragraphs of a part heading; a run-in heading gives the text after its colon."""
    title = norm(section.title)
    m = _RUN_IN[part].match(title)
    head = [section.title[m.end() :].strip()] if m and m.end() < len(title) else []
    return [p for p in [*head, *_flatten(section)] if p]


def _parts(sections: list[Section], summary: bool) -> dict[str, Any]:
    parts: dict[str, Any] = {"ideology": [], "goals": [], "tasks": [], "safeguards": [], "rows": []}
    parts.update({p: [] for p in _SUMMARY_PARTS})
    for section in sections:
        part = _part_of(section)
        if part in _SUMMARY_PARTS and summary:
            parts[part].extend(_content(section, part))
        elif part in _SUMMARY_PARTS:
            parts["tasks"].append(section)
        elif summary and _RESULTS.match(norm(section.title).strip()):
            parts["achievements"].extend(t for t in section.text if not _STATS.match(norm(t)))
            parts["tasks"].extend(section.children)
        elif part == "tasks":
            if section.text:
                section.children.insert(0, Section("", section.title, section.text))
            parts["tasks"].extend(section.children or [section])
        elif part == "ideology":
            parts["ideology"].extend(_content(section, part))
        elif part == "goals":
            if section.children:
                # the goal stated after the label (Goal: To emerge …:), then its list
                leaf = Section(section.label, section.title, section.text)
                parts["goals"].extend(_content(leaf, part))
                parts["goals"].extend(" ".join([c.title, *_flatten(c)]) for c in section.children)
            else:
                parts["goals"].extend(_content(section, part))
        elif part == "safeguards":
            parts["safeguards"].append(section)  # made entries once the tasks are known
        elif part == "schedule" and not section.children:
            # prose under the schedule heading, or run into it after its colon, stays
            if section.text or not _PART_RES[part].match(norm(section.title).strip()):
                parts["tasks"].append(section)
        else:
            parts["tasks"].append(section)
    return parts


# the count planforge's summary opens its results with: derived, not kept
_STATS = re.compile(
    r"^全年计划任务\d+项,已完成\d+项。$|^\d+ of \d+ planned tasks were completed\.$"
    r"|^(?:截至[^,]*,)?年初计划的\d+项工作,已完成\d+项"
    r"|^(?:as of [^,]*, )?\d+ of the \d+ tasks planned for the year were completed"
)
_RESULTS = re.compile(
    r"^(主要工作(及|和|与)?(成效|成绩)?|工作(完成)?情况|主要(工作)?成效"
    # a look back at the period's work: 2019年工作回顾, 过去一年的工作回顾, 一年来工作回顾
    r"|((19|20)\d\d年度?|过去的?一年|一年来|本年度|上半年)?的?工作回顾"
    r"|work done( and results)?|(the )?year in review|review of the year)\s*[:。.]?$",
    re.I,
)


_LESSONS_LEAD = re.compile(
    r"^(?:一年来,?)?我们在工作中体会到:$|^(?:主要)?(?:经验|体会)(?:体会)?(?:如下)?:$"
    r"|^(?:what we learned(?: this year)?|lessons learned):$",
    re.I,
)


def _place_ledger(draft: Draft, out: Imported) -> list[str]:
    """The tasks of a summary's ledger (附表 表1) placed under the sections whose prose
    reports them, that prose left out (it retells the table); the lessons the prose states
    after their lead (一年来，我们在工作中体会到：) are returned."""
    results = next((s for s in draft.sections if _RESULTS.match(norm(s.title).strip())), None)
    targets = results.children if results else []
    lessons: list[str] = []
    for section in [results, *targets] if results else []:
        lead = next((i for i, t in enumerate(section.text) if _LESSONS_LEAD.match(norm(t))), None)
        if lead is not None:
            lessons.extend(section.text[lead + 1 :])
            del section.text[lead:]
    entries = draft.ledger.tasks
    if not entries:
        return lessons
    prose = [norm(" ".join(_flatten(t))).lower() for t in targets]
    placed: dict[int, list[Section]] = {}
    at = 0
    for entry in entries:
        said = [norm(x).lower() for x in (entry.result, entry.title) if len(x) >= 4]
        at = next((i for i in range(len(targets)) if any(x in prose[i] for x in said)), at)
        task = Section("", entry.title, [entry.result] if entry.result else [], line=entry.line)
        task.meta.update(entry.meta)
        placed.setdefault(at, []).append(task)
    if not targets:
        draft.sections.extend(placed.get(0, []))
        return lessons
    for i, target in enumerate(targets):
        tasks = placed.get(i, [])
        said = [norm(x).lower() for t in tasks for x in (*t.text, t.title) if len(x) >= 4]
        # a paragraph retelling a task of the table is left out; any other stays
        target.text = [p for p in target.text if not any(x in norm(p).lower() for x in said)]
        target.children = tasks
    out.header.append(
        "tasks, statuses, dates and results taken from the summary's table of the year's "
        "tasks; each placed under the section whose text reports it (paragraphs that "
        "retell a task of the table are left out)"
    )
    return lessons


def _safeguards(section: Section) -> list[dict[str, Any]]:
    if not section.children:
        return [{"text": p} for p in _content(section, "safeguards")]
    out: list[dict[str, Any]] = []
    if section.text:
        out.append({"text": list(section.text)})
    for child in section.children:
        text = _flatten(child)
        out.append({"title": child.title, "text": text} if text else {"text": child.title})
    return out


# ---------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class _Context:
    zh: bool
    year: int
    summary: bool
    period: str | None = None  # the deadline of the month heading above


def _task(section: Section, path: tuple[int, ...], ctx: _Context, out: Imported) -> dict[str, Any]:
    task_id = "t" + "-".join(str(i + 1) for i in path)
    loc: Loc = tuple(x for i in path for x in ("tasks", i))
    task: dict[str, Any] = {"id": task_id, "title": section.title}
    text_key = "result" if ctx.summary and not section.children else "text"
    if section.text:
        task[text_key] = section.text[0] if len(section.text) == 1 else list(section.text)
    if section.period and not ctx.summary:
        ctx = _Context(ctx.zh, ctx.year, ctx.summary, section.period)
    if section.children:
        task["tasks"] = [_task(c, (*path, i), ctx, out) for i, c in enumerate(section.children)]
        return task
    whole = " ".join([section.title, *section.text])
    _owners(task, section, whole, ctx, loc, out)
    if ctx.summary:
        _outcome(task, section, whole, ctx, loc, out)
        return task
    _deadline(task, section, whole, ctx, loc, out)
    _outcome(task, section, whole, ctx, loc, out)
    return task


MANY_OWNERLESS = 4  # from this many tasks with no owner, one note says so, not one each


def _note_ownerless(out: Imported) -> None:
    """A task with no owner is a note on its line; when many have none (a plan that names
    no one), one note on `tasks` says so instead of a note on every line."""
    if len(out.ownerless) < MANY_OWNERLESS:
        for loc in out.ownerless:
            out.note(loc, "owner not found")
        return
    out.note(
        ("tasks",),
        f"{len(out.ownerless)} tasks name no owner (责任部门/责任人); "
        "`planforge check` lists them (task-no-owner)",
    )


_OWNER_SEP = re.compile(r"\s*[、，,；;/]\s*")


def _owners(
    task: dict[str, Any], section: Section, whole: str, ctx: _Context, loc: Loc, out: Imported
) -> None:
    if "owners" in section.meta:  # stated apart, in a bracket: every owner it names
        task["owners"] = [o for o in _OWNER_SEP.split(section.meta["owners"]) if o]
        return
    owners = find_owners(whole, ctx.zh)
    if owners:
        task["owners"] = owners
        out.note(loc, "owners taken from the text")
    elif not ctx.summary:
        out.ownerless.append(loc)


def _deadline(
    task: dict[str, Any], section: Section, whole: str, ctx: _Context, loc: Loc, out: Imported
) -> None:
    stated = section.meta.get("deadline")
    dated = find_date(stated) if stated else None
    if stated and dated and not dated.day_guessed and not _parses(stated, ctx.year):
        stated = dated.date.isoformat()  # 14 March 2026
    if stated and stated.endswith(str(ctx.year)) and not _parses(stated, ctx.year):
        # Q3 2026, first half of 2026: the plan's own year
        stated = re.sub(rf"(\s+of)?[\s,]*{ctx.year}$", "", stated)
        stated = _HALVES.get(stated.lower(), stated)
    if stated and _parses(stated, ctx.year):
        task["deadline"] = stated
        return
    if stated and (span := _month_span(stated, ctx.year)) is not None:  # April–May 2026
        task["deadline"] = span
        return
    if stated:  # 08/08/08 in a table's time column: kept as written, for the reviewer
        _keep_text(task, stated)
        out.note(
            loc, f'the stated time "{stated}" is not a deadline planforge reads; kept in the text'
        )
        return
    deadline, why = unambiguous_deadline(whole, ctx.zh, ctx.year)
    if deadline and ctx.period and not _within(deadline.value, ctx.period, ctx.year):
        deadline = None  # 部署全年工作 under 1—2月: the heading's months are the deadline
    if deadline:
        task["deadline"] = deadline.value
    elif ctx.period and _parses(ctx.period, ctx.year):
        task["deadline"] = ctx.period
        where = "its month label" if section.period else "the heading above"
        why = f'deadline from {where} ("{ctx.period}")'
    if why:
        out.note(loc, why)


def _keep_text(task: dict[str, Any], text: str) -> None:
    """`text` added after what the task's text already says."""
    before = task.get("text")
    task["text"] = [*([before] if isinstance(before, str) else before or []), text]
    if len(task["text"]) == 1:
        task["text"] = text


_EN_SPAN = re.compile(r"^([A-Za-z]+)\s*(?:[-–—]|to)\s*([A-Za-z]+)(?:\s+(\d{4}))?$")


_HALVES = {"first half": "H1", "second half": "H2"}


def _month_span(text: str, year: int) -> str | None:
    """`April–May 2026` → `2026-04..2026-05`."""
    from planforge.zh import english_month

    m = _EN_SPAN.match(norm(text).strip())
    if not m:
        return None
    lo, hi = english_month(m[1]), english_month(m[2])
    y = int(m[3]) if m[3] else year
    if not lo or not hi or lo > hi:
        return None
    return f"{y}-{lo:02d}..{y}-{hi:02d}"


def _outcome(
    task: dict[str, Any], section: Section, whole: str, ctx: _Context, loc: Loc, out: Imported
) -> None:
    """A summary's outcome of a task: its status and date, figures, evidence, reason."""
    meta = section.meta
    status = _status(meta.get("status", ""))
    if status == "open":  # 按计划推进: under way if it reports a result, else not started
        status = "in_progress" if section.text else "planned"
        out.note(loc, f'"{meta["status"]}" read as {status.replace("_", " ")}')
    if status is None and ctx.summary:
        status = "done"
        out.note(loc, "marked done: the summary reports it")
    if status is not None and (status != "planned" or "status" in meta):
        task["status"] = status
    found = find_date(meta.get("done", "") or meta.get("status", "")) or (
        _done_date(whole, ctx.year) if ctx.summary and status == "done" else None
    )
    if found and status == "done":
        task["done_on"] = found.date
        if "status" not in meta:
            out.note(loc, f'done on "{found.text}" (a date in the text)')
    if status == "postponed" and (to := meta.get("new_date") or _moved_to(meta["status"])):
        task["postponed_to"] = to
    if meta.get("figures"):
        task["figures"] = _figures(meta["figures"])
    if meta.get("evidence"):
        task["evidence"] = [e for e in _OWNER_SEP.split(meta["evidence"]) if e]
    if meta.get("reason"):
        task["reason"] = meta["reason"]


def _status(text: str) -> str | None:
    from planforge.model.plan import STATUS_LABELS

    t = norm(text).strip().lower()
    for word in sorted(owner_words.STATUS_WORDS, key=len, reverse=True):
        if t.startswith(word):
            return owner_words.STATUS_WORDS[word]
    for labels in STATUS_LABELS.values():
        for status, label in labels.items():
            if status is not None and t.startswith(label.lower()):
                return str(status.value)
    return None


_MOVED = re.compile(r"^(?:顺延[至到]|(?:was )?moved to)\s*(?P<to>.+?)\s*$", re.I)


def _moved_to(status: str) -> str | None:
    """`顺延至2027年9月` → `2027年9月`."""
    m = _MOVED.match(norm(status).strip())
    return status.strip()[m.start("to") : m.end("to")] if m else None


_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})月(\d{1,2})[日号]")


def _done_date(text: str, year: int) -> Any:
    """The one date a summary's task was done on: a full date, or 3月1号 in the plan's year."""
    from planforge.importer.extract import FoundDate

    found = find_date(text)
    if found and not found.day_guessed:
        return found
    days = {(int(m[1]), int(m[2])): m.group() for m in _MONTH_DAY.finditer(norm(text))}
    if len(days) != 1:
        return None
    (month, day), written = next(iter(days.items()))
    try:
        return FoundDate(dt.date(year, month, day), written)
    except ValueError:
        return None


def _figures(text: str) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for part in re.split(r"[；;]", text):
        name, value = ([x.strip() for x in re.split(r"[:：]", part, maxsplit=1)] + [""])[:2]
        if not (name and value):
            continue
        number = re.fullmatch(r"-?\d+(\.\d+)?", value)
        figures[name] = (float(value) if "." in value else int(value)) if number else value
    return figures


_TARGET = re.compile(
    rf"\s*\((?:{owner_words.alternation(owner_words.TARGET_LABELS)})\s*:\s*(?P<value>[^()]+?)\s*\)\s*$",
    re.I,
)


def _goal(text: str, number: int) -> dict[str, Any]:
    """A goal, with the target its closing remark states (（目标值：≥98%）) taken out."""
    goal: dict[str, Any] = {"id": f"g{number}", "text": text}
    m = _TARGET.search(norm(text))
    if m and m.start() > 0:
        goal["text"] = text[: m.start()].rstrip()
        goal["measure"] = text[m.start("value") : m.end("value")]
    return goal


# "Summary of … Plan(s)": a heading over plans (计划汇总, a compilation), not a 总结 by itself
_SUMMARY_OF_PLANS = re.compile(r"\bsummary of\b.*\bplans?\b", re.I)


def is_summary(draft: Draft, title: str | None) -> bool:
    """A year-end summary (工作总结, Summary of Work) by its title; when the title names
    neither a summary nor a plan (or there is none), or is a summary of plans (Summary of
    the Activity Plan: a compilation's heading, as a translation words 计划汇总), by its
    shape: a summary's part headings (主要工作及成效, 存在的问题, 明年工作打算) and text told
    in the past tense (开展了, 已完成, 共计…), weighed against the plan's words. A report
    (工作报告, Annual Report) is a summary when one of its parts tells or looks back at the
    work done (一、2019年工作回顾, 主要工作及成效); else it is read by its shape too."""
    named = title or run_in_title(draft.text)
    if named and _SUMMARY_OF_PLANS.search(norm(named)):
        return bool(summary_signs(draft))
    if named and SUMMARY_TITLE.search(norm(named)):
        return True
    if named and _REPORT_TITLE.search(norm(named)) and _summary_heads(draft):
        return True  # 工会工作报告 whose part looks back (一、2019年工作回顾): it reports
    if named and TITLE_WORDS.search(norm(named)):
        return False  # …工作计划, …要点: a plan, whatever its text says
    return bool(summary_signs(draft))


# the first clause of a page whose title runs into its text (…工会工作总结2024年,街道工会…)
_FIRST_CLAUSE = re.compile(r"[^\n,，。；;:：!！?？]{1,80}")
# a title's noun (工作总结, 年度总结, 工作计划), not the verb of a plan's opening (认真总结经验)
_RUN_IN_TITLE = re.compile(
    r"(?:工作|年度|年终|学期|半年|述职)(?:总结|小结)(?!经验|了)|总结报告"
    r"|工作(?:计划|要点|安排|思路|方案)(?!的)"
)


def run_in_title(text: str) -> str | None:
    """The title run into the first line of a page that has no title line of its own
    (viewer dumps, one-line pages), when its first clause names a summary or a plan."""
    m = _FIRST_CLAUSE.match(norm(text).lstrip())
    return m.group() if m and _RUN_IN_TITLE.search(m.group()) else None


# a results heading that reports (主要工作及成效), not 主要工作 that a plan also has
_TOLD = re.compile(r"成效|成绩|情况|回顾|work done|review", re.I)


# a report (工作报告, 年度报告, Annual Report of …): of done work when a part says so
_REPORT_TITLE = re.compile(r"报告|\breport\b", re.I)


def _summary_heads(draft: Draft) -> list[str]:
    """The top-level headings only a summary has: results told (主要工作及成效, 工作回顾)
    or a summary's parts (基本情况, 存在的问题), not its plans for next year."""
    return [
        s.title
        for s in draft.sections
        if (_RESULTS.match(t := norm(s.title).strip()) and _TOLD.search(t))
        or any(_PART_RES[p].match(t) for p in _SUMMARY_PARTS if p != "next_year")
    ]


def summary_signs(draft: Draft) -> list[str]:
    """What makes an untitled text a summary: two or more of a summary's part headings, one
    with past-tense text outweighing the plan's words, or, with no such heading, text that
    reports done work throughout (three times the plan's words); [] when it does not."""
    heads = _summary_heads(draft)
    text = norm(draft.text)
    past = [m.group() for m in _SUMMARY_CUES.finditer(text)]
    planned = len(_PLAN_CUES.findall(text))
    told = len(past) >= 3 and len(past) > planned
    # no heading either way: the text reports done work throughout (五月份：组织了…)
    reported = len(past) >= 5 and len(past) >= 3 * planned
    if len(heads) >= 2 or (heads and told) or reported:
        return [*heads, *dict.fromkeys(past)]
    return []


def _within(deadline: str, period: str, year: int) -> bool:
    inner, outer = parse_deadline(deadline, year), parse_deadline(period, year)
    return not inner.recurring and outer.start <= inner.start and inner.end <= outer.end


def _parses(deadline: str, year: int) -> bool:
    try:
        parse_deadline(deadline, year)
    except DeadlineError:
        return False
    return True


def _leaves(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for task in tasks:
        out.extend(_leaves(task["tasks"]) if task.get("tasks") else [task])
    return out


def derived(rows: list[Row], tasks: list[dict[str, Any]], year: int, zh: bool) -> bool:
    """Whether a schedule only lists the tasks by their deadlines' months, as planforge
    derives it when a plan has no schedule of its own (month 0: year-round work)."""
    if not rows:
        return False
    expected: dict[int, list[str]] = {}
    for task in _leaves(tasks):
        if "deadline" not in task:
            continue
        due = parse_deadline(task["deadline"], year)
        if due.recurring and due.freq in ("yearly", "monthly", "weekly"):
            expected.setdefault(0, []).append(task["title"])
            continue
        for month in due.months():
            if due.start.year <= year <= due.end.year:
                expected.setdefault(month, []).append(task["title"])
    sep = "；" if zh else "; "
    wanted = {m: _squash(sep.join(titles)) for m, titles in expected.items()}
    found: dict[int, str] = {}
    for row in rows:
        for month in row.months or [0]:
            found[month] = _squash(sep.join(row.work))
    return found == wanted


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", norm(text))


def _schedule(rows: list[Row], out: Imported) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for row in rows:
        if not row.months:
            continue
        work = "；".join(row.work) if row.work else row.label
        for month in row.months:
            entry: dict[str, Any] = {"month": month, "work": work}
            if row.owners:
                entry["owners"] = row.owners
            loc: Loc = ("schedule", len(entries))
            entries.append(entry)
            if len(row.months) > 1:
                out.note(loc, f'"{row.label}" covers several months')
            elif "季" in row.label:
                out.note(loc, f'"{row.label}" placed in month {month}')
    return entries


def _signature(draft: Draft, zh: bool, out: Imported) -> dict[str, Any]:
    signature: dict[str, Any] = {}
    names = [n for n in (_without_date(line) for line in draft.signature) if n]
    if names:
        signature["organisation"] = names[0]
    found = find_date(" ".join(draft.signature)) if draft.signature else None
    if found:
        signature["date"] = found.date
        if found.day_guessed:
            out.note(("signature", "date"), f'"{found.text}" names no day; the 1st assumed')
    return signature


# 工会?作计划, 职工??会: a character a wrong encoding could not write, replaced by "?"
_LOST = re.compile(r"(?<=[\u4e00-\u9fff])\?+(?=[\u4e00-\u9fff])")


def _plan_notes(draft: Draft, title: str | None, out: Imported) -> None:
    for note in draft.notes:
        out.header.append(note)
    if draft.title and plan_part(draft.title):
        marker = draft.title.replace(title or "", "", 1).strip()
        out.header.append(f'"{marker}" dropped from the title')
    text = draft.text
    lost = len(_LOST.findall(text))
    if lost >= 2:
        out.header.append(
            f'{lost} "?" among Chinese characters: characters lost to a wrong encoding '
            "before the file reached planforge; compare the text with the original"
        )
    summary = len(_SUMMARY_CUES.findall(norm(text)))
    planned = len(_PLAN_CUES.findall(norm(text)))
    signs = summary_signs(draft) if out.summary and not SUMMARY_TITLE.search(title or "") else []
    if signs:
        out.header.append(
            "read as a year-end summary although no title says so: "
            + ", ".join(f'"{s}"' for s in signs[:6])
        )
    if out.summary:
        out.header.append(
            "imported as a year-end summary (总结): dates in the text are when the work was "
            "done, not deadlines; tasks marked done unless the text says otherwise"
        )
    elif summary >= 3 and summary * 2 > planned:
        out.header.append(
            "the text reads like a year-end summary (工作总结) although titled as a plan"
        )
