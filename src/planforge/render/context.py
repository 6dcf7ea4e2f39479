"""Plan → template context: plain data that every output format renders.

The context fixes what the document says and in which order its parts are numbered; the
templates (Markdown, HTML, DOCX) decide only how it looks. Top-level parts of a plan are
numbered in one sequence (一、指导思想 二、工作目标 三、<first task section> …), so task
sections keep the official ladder 一、→（一）→1.→（1）.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from planforge.model.deadline import Deadline, DeadlineError, parse_deadline
from planforge.model.plan import STATUS_LABELS, Plan, Status, Task
from planforge.zh import chinese_numeral, format_date, format_month, has_cjk, heading_number

if TYPE_CHECKING:
    from planforge.render.summary import Patterns

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "ideology": "指导思想",
        "goals": "工作目标",
        "tasks": "主要任务",
        "safeguards": "保障措施",
        "schedule": "月度工作安排",
        "month": "月份",
        "work": "工作内容",
        "owners": "责任部门/责任人",
        "owner": "责任部门",
        "person": "责任人",
        "deadline": "完成时限",
        "attachments": "附件",
        "overview": "基本情况",
        "results": "主要工作及成效",
        "lessons": "经验体会",
        "problems": "存在问题",
        "next_year": "下一年工作打算",
        "undone": "未完成事项",
        "task": "工作任务",
        "status": "完成情况",
        "reason": "原因",
        "result": "成效",
        "figures": "主要数据",
        "evidence": "佐证材料",
        "year_round": "全年",
        "measure": "目标值",
        "done_on": "完成时间",
        "plan_document": "工作计划",
        "summary_document": "工作总结",
    },
    "en": {
        "ideology": "Guiding principles",
        "goals": "Goals",
        "tasks": "Main tasks",
        "safeguards": "Safeguards",
        "schedule": "Monthly schedule",
        "month": "Month",
        "work": "Work",
        "owners": "Responsible",
        "owner": "Responsible",
        "person": "Responsible",
        "deadline": "Deadline",
        "attachments": "Attachments",
        "overview": "Overview",
        "results": "Work done and results",
        "lessons": "Lessons learned",
        "problems": "Problems",
        "next_year": "Plans for next year",
        "undone": "Tasks not completed",
        "task": "Task",
        "status": "Status",
        "reason": "Reason",
        "result": "Result",
        "figures": "Figures",
        "evidence": "Evidence",
        "year_round": "All year",
        "measure": "Target",
        "done_on": "Completed",
        "plan_document": "Work plan",
        "summary_document": "Annual report",
    },
}

# The punctuation a language puts between a label and its value (sep), between clauses
# (semi), between list items (list_sep), between a number and its title or between two
# sentences (gap), at the end of a sentence (stop), and around a remark (open, close).
PUNCT: dict[str, dict[str, str]] = {
    "zh": {
        "sep": "：",
        "semi": "；",
        "list_sep": "、",
        "gap": "",
        "stop": "。",
        "open": "（",
        "close": "）",
    },
    "en": {
        "sep": ": ",
        "semi": "; ",
        "list_sep": ", ",
        "gap": " ",
        "stop": ".",
        "open": "(",
        "close": ")",
    },
}


_TITLE_WIDTH = 20
# Where a long title may break, best first: before 关于; before the year ("…工会委员会 |
# 2026年工作计划"); after the name of the issuing body; after a place or unit name. A unit
# character counts only when the next one does not continue a word (学|生, 校|务, 区|域).
_BEFORE_YEAR = re.compile(r"(?:19|20)\d\d年")
_BODY_ENDS = ("工会", "委员会", "公司", "集团", "学校", "学院", "医院", "年度", "机关")
_UNIT_ENDS = "局院处部厂区市县校学"
_NOT_AFTER_UNIT = "生务域员组长会"


def _break_rank(title: str, i: int) -> int:
    """How good a break before `title[i]` is: 4 best, 0 not a boundary."""
    if title.startswith("关于", i):
        return 4
    if _BEFORE_YEAR.match(title, i):
        return 3
    if title.endswith(_BODY_ENDS, 0, i) and not title.startswith(("委员会", "员会", "度"), i):
        return 2
    if title[i - 1] in _UNIT_ENDS and title[i] not in _NOT_AFTER_UNIT:
        return 1
    return 0


def break_title(title: str, width: int = _TITLE_WIDTH) -> list[str]:
    """Title lines: where the source marks a break, else at the best boundary near `width`.

    Only Chinese titles are broken by default; a Latin title wraps between words anyway.
    """
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    if not has_cjk(title):
        return [title]
    if len(title) <= width + 2:
        return [title]
    half = len(title) / 2
    candidates = [
        (_break_rank(title, i), -abs(i - half), i)
        for i in range(max(4, len(title) - width - 2), min(len(title) - 3, width + 3))
    ]
    rank, _closeness, best = max(candidates, default=(0, 0.0, 0))
    cut = best if rank > 0 else min(width, len(title) - 1)
    return [title[:cut], *break_title(title[cut:], width)]


def _date(value: dt.date | None, lang: str) -> str:
    return format_date(value, lang) if value else ""


def _join(names: list[str], lang: str) -> str:
    return PUNCT[lang]["list_sep"].join(names)


def remark(text: str, lang: str) -> str:
    """`text` in the brackets of a remark: （目标值：95%）, (Target: 95%)."""
    punct = PUNCT[lang]
    return f"{punct['open']}{text}{punct['close']}"


def labelled(label: str, value: str, lang: str) -> str:
    """`label` and its value: 责任部门：工会办公室, Responsible: Branch Secretary."""
    return f"{label}{PUNCT[lang]['sep']}{value}"


def owner_deadline_bracket(
    owners_text: str, deadline_text: str, lang: str, people_text: str = ""
) -> str:
    """The bracket that follows a task's text: （责任部门：…；责任人：…；完成时限：…）, each
    part left out when empty, "" when all are. People (`工会主席 周慧敏`) are 责任人, not
    责任部门."""
    labels = LABELS[lang]
    parts = []
    if owners_text:
        parts.append(labelled(labels["owner"], owners_text, lang))
    if people_text:
        parts.append(labelled(labels["person"], people_text, lang))
    if deadline_text:
        parts.append(labelled(labels["deadline"], deadline_text, lang))
    return remark(PUNCT[lang]["semi"].join(parts), lang) if parts else ""


def measure_remark(text: str, measure: str, lang: str) -> str:
    """A goal's target as a remark after its text, unless the text already states it."""
    if not measure or _states(text, measure):
        return ""
    return remark(labelled(LABELS[lang]["measure"], measure, lang), lang)


_MEASURE_BOUND = re.compile(r"[≥≤><=＞＜＝]|以上|以下|不少于|不低于|不超过|at least|at most")
_MEASURE_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|人次|人|名|次|项|个|件|场|期|元|万元)?")


def _states(text: str, measure: str) -> bool:
    """Whether a goal's text already says its target: the measure itself, its figure with
    its unit (≥98% in 入会率保持在98%以上), or, for a short worded target, its words in
    order (通过复验 in 通过市级模范教工之家复验)."""
    if measure in text:
        return True
    figure = _MEASURE_FIGURE.search(measure)
    if figure is not None:  # a bare figure, with at most a sign or 以上 around it
        if _MEASURE_BOUND.sub("", measure.replace(figure.group(), "", 1)).strip():
            return False
        return figure.group().replace(" ", "") in text.replace(" ", "")
    if len(measure) <= 6:
        rest = iter(text)
        return all(ch in rest for ch in measure)
    return False


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.lang = plan.language.value
        self.labels = LABELS[self.lang]
        self.punct = PUNCT[self.lang]

    def number(self, level: int, n: int) -> str:
        if self.lang == "zh":
            return heading_number(level, n, "zh") if level <= 4 else _circled(n)
        return f"{n}."

    def deadline_text(self, task: Task) -> str:
        if task.deadline is None:
            return ""
        try:
            parsed = parse_deadline(task.deadline, self.plan.year)
        except DeadlineError:
            return task.deadline
        return deadline_wording(parsed, self.lang, self.plan.year)

    def owner_parts(self, owners: list[str]) -> tuple[str, str]:
        """(departments, people) as texts; English plans name both as Responsible."""
        if self.lang != "zh":
            return _join(owners, self.lang), ""
        from planforge.vocab.people import is_person

        people = [o for o in owners if is_person(o)]
        departments = [o for o in owners if o not in people]
        return _join(departments, self.lang), _join(people, self.lang)

    def node(
        self, task: Task, level: int, number: str, inherited: list[str], outline: str
    ) -> dict[str, Any]:
        owners = task.owners or inherited
        owners_text = _join(owners, self.lang)
        departments, people = self.owner_parts(owners)
        deadline_text = self.deadline_text(task)
        done_on_text = _date(task.done_on, self.lang)
        status_label = STATUS_LABELS[self.lang][task.status]
        figures = [{"name": k, "value": _figure(v, self.lang)} for k, v in task.figures.items()]
        children = []
        for i, child in enumerate(task.tasks, 1):
            child_number = self.number(level + 1, i)
            child_outline = f"{outline}.{i}" if outline else str(i)
            children.append(self.node(child, level + 1, child_number, owners, child_outline))
        return {
            "id": task.id,
            "level": level,
            # English numbers headings 1. / 1.1 / 1.1.1, like the top-level parts.
            "number": number if self.lang == "zh" else _outline_number(outline),
            "outline": outline,
            "title": task.title,
            "text": list(task.text),
            "owners": owners,
            "owners_text": owners_text,
            "deadline": task.deadline or "",
            "deadline_text": deadline_text,
            # a section's owners and deadline are inherited by its tasks, not stated
            "meta_text": ""
            if task.is_section
            else owner_deadline_bracket(departments, deadline_text, self.lang, people),
            "is_section": task.is_section,
            "status": task.status.value if task.status else "planned",
            "status_label": status_label,
            "status_text": status_label
            + (self.punct["gap"] + remark(done_on_text, self.lang) if done_on_text else ""),
            "done": task.status is Status.DONE,
            "done_on_text": done_on_text,
            "result": list(task.result),
            "figures": figures,
            "figures_text": self.punct["semi"].join(
                labelled(f["name"], f["value"], self.lang) for f in figures
            ),
            "evidence": list(task.evidence),
            "evidence_text": _join(list(task.evidence), self.lang),
            "reason": task.reason or "",
            # a section shows its own outcome when it has one (a whole section dropped)
            "has_outcome": not task.is_section or _has_own_outcome(task),
            "goals": list(task.goals),
            "children": children,
        }

    def sections(self, first_level: int, first_number: int, prefix: str) -> list[dict[str, Any]]:
        out = []
        for i, task in enumerate(self.plan.tasks):
            n = first_number + i
            outline = f"{prefix}{n}" if not prefix else f"{prefix}.{i + 1}"
            out.append(self.node(task, first_level, self.number(first_level, n), [], outline))
        return out


_ZH_FREQ = {"weekly": "每周", "monthly": "每月", "quarterly": "每季度", "yearly": "每年"}
_EN_FREQ = {"weekly": "weekly", "monthly": "monthly", "quarterly": "quarterly", "yearly": "yearly"}


# GB/T 15834-2011 §4.13.3: the start and end of a span of time are joined by a dash "—"
# (3月—6月, 5月12日—15日); a hyphen, en dash or tilde typed there becomes one.
_RANGE_SIGN = re.compile(r"(?<=[0-9月日号])\s*[-–－~～]\s*(?=[0-9])")


def deadline_wording(deadline: Deadline, lang: str, plan_year: int | None = None) -> str:
    """A deadline as the document says it. What the author wrote in the document's own
    words (3月底前, 第一季度, end of March) stays; shorthand (2026-07, Q2, H1, 2026-10..2026-11,
    monthly in a Chinese plan, 每月 in an English one) is written out: 2026年7月, 第二季度,
    上半年, 2026年10月至11月; a quarter or half of another year than the plan's says its year."""
    typed = deadline.text
    if lang == "zh" and has_cjk(typed):
        return _RANGE_SIGN.sub("—", typed)
    if lang != "zh" and not has_cjk(typed) and not re.search(r"\d|^[QH]\d", typed):
        return typed
    zh, end, kind = lang == "zh", deadline.end, deadline.kind
    year_zh = f"{end.year}年" if plan_year is not None and end.year != plan_year else ""
    if kind == "date":
        return format_date(end, lang)
    if kind == "month":
        return _month_wording(end, zh)
    if kind == "quarter":
        quarter = (end.month - 1) // 3 + 1
        return f"{year_zh}第{chinese_numeral(quarter)}季度" if zh else f"Q{quarter} {end.year}"
    if kind == "half":
        first = end.month <= 6
        if zh:
            return year_zh + ("上半年" if first else "下半年")
        return f"{'first' if first else 'second'} half of {end.year}"
    if kind == "range":
        return _range_wording(deadline.start, end, zh)
    if kind == "year":
        return "全年" if zh else "year-round"
    return (_ZH_FREQ if zh else _EN_FREQ).get(deadline.freq or "", typed)


def _month_wording(day: dt.date, zh: bool) -> str:
    return f"{day.year}年{day.month}月" if zh else f"{format_month(day.month, 'en')} {day.year}"


def _range_wording(start: dt.date, end: dt.date, zh: bool) -> str:
    """2026年3月至5月, 2026年3月1日至3月15日, 2026年11月至2027年2月; March–May 2026."""
    months = start.day == 1 and end == _last_day(end)
    same_year = start.year == end.year
    if months and (start.year, start.month) == (end.year, end.month):
        return _month_wording(end, zh)
    if not months and start == end:
        return format_date(end, "zh" if zh else "en")
    if zh:
        if not same_year:
            first = _month_wording(start, zh) if months else format_date(start, "zh")
            return f"{first}至{_month_wording(end, zh) if months else format_date(end, 'zh')}"
        if months:
            return f"{end.year}年{start.month}月至{end.month}月"
        return f"{end.year}年{start.month}月{start.day}日至{end.month}月{end.day}日"
    first_month, last_month = format_month(start.month, "en"), format_month(end.month, "en")
    if months:
        if same_year:
            return f"{first_month}–{last_month} {end.year}"
        return f"{first_month} {start.year} – {last_month} {end.year}"
    if same_year and start.month == end.month:
        return f"{start.day}–{end.day} {last_month} {end.year}"
    if same_year:
        return f"{start.day} {first_month} – {end.day} {last_month} {end.year}"
    return f"{format_date(start, 'en')} – {format_date(end, 'en')}"


def _last_day(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _outline_number(outline: str) -> str:
    return outline if "." in outline else f"{outline}."


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"


def _figure(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def _has_own_outcome(task: Task) -> bool:
    status = task.status not in (None, Status.PLANNED)
    return bool(status or task.result or task.reason or task.figures or task.evidence)


def schedule_rows(plan: Plan) -> list[dict[str, Any]]:
    """The month schedule: the plan's own, or derived from the tasks' deadlines."""
    lang = plan.language.value
    sep = "；" if lang == "zh" else "; "
    if plan.schedule:
        return [
            {
                "month": e.month,
                "month_label": format_month(e.month, lang),
                "work": e.work,
                "owners_text": _join(list(e.owners), lang),
            }
            for e in plan.schedule
        ]
    months: dict[int, list[tuple[str, list[str]]]] = {}
    year_round: list[tuple[str, list[str]]] = []
    inherited: dict[str, list[str]] = {}
    for _path, task in plan.walk():
        for child in task.tasks:
            inherited[child.id] = task.owners or inherited.get(task.id, [])
        if task.is_section or task.deadline is None:
            continue
        owners = task.owners or inherited.get(task.id, [])
        try:
            due = parse_deadline(task.deadline, plan.year)
        except DeadlineError:
            continue
        if due.recurring and due.freq in ("yearly", "monthly", "weekly"):
            year_round.append((task.title, owners))
            continue
        for month in due.months():
            if due.start.year <= plan.year <= due.end.year:
                months.setdefault(month, []).append((task.title, owners))
    rows = []
    for month in sorted(months):
        items = months[month]
        rows.append(
            {
                "month": month,
                "month_label": format_month(month, lang),
                "work": sep.join(title for title, _ in items),
                "owners_text": _join(_unique(o for _, owners in items for o in owners), lang),
            }
        )
    if year_round:
        rows.append(
            {
                "month": 0,
                "month_label": LABELS[lang]["year_round"],
                "work": sep.join(title for title, _ in year_round),
                "owners_text": _join(_unique(o for _, owners in year_round for o in owners), lang),
            }
        )
    return rows


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _outline(plan: Plan, b: _Builder, keys: list[str]) -> list[dict[str, Any]]:
    """Number the top-level parts that are present, in order."""
    parts: list[dict[str, Any]] = []
    for key in keys:
        n = len(parts) + 1
        parts.append(
            {
                "key": key,
                "number": b.number(1, n),
                "outline": str(n),
                "heading": b.labels.get(key, ""),
            }
        )
    return parts


def _safeguards(plan: Plan, b: _Builder, outline: str) -> list[dict[str, Any]]:
    """The safeguards (保障措施), numbered （一） in Chinese; in English under the number of
    their part (8.1, 8.2), as tasks are."""
    return [
        {
            "number": b.number(2, i) if b.lang == "zh" or not outline else f"{outline}.{i}",
            "n": i,
            "title": s.title or "",
            "text": list(s.text),
        }
        for i, s in enumerate(plan.safeguards, 1)
    ]


def plan_context(plan: Plan) -> dict[str, Any]:
    """Context for the work plan (工作计划).

    `parts` lists the top-level parts in document order, each with its literal number;
    a task section is a part with key "section" and its task tree under "node".
    """
    b = _Builder(plan)
    head = [k for k, present in (("ideology", plan.ideology), ("goals", plan.goals)) if present]
    sections = b.sections(1, len(head) + 1, "")
    tail = [k for k, present in (("safeguards", plan.safeguards), ("schedule", True)) if present]
    parts = _outline(plan, b, head)
    for node in sections:
        parts.append(
            {
                "key": "section",
                "number": node["number"],
                "outline": node["outline"],
                "heading": node["title"],
                "node": node,
            }
        )
    for key in tail:
        n = len(parts) + 1
        parts.append(
            {"key": key, "number": b.number(1, n), "outline": str(n), "heading": b.labels[key]}
        )
    ctx = _common(plan, b, plan.display_title)
    for part in parts:
        if part["key"] == "safeguards":
            ctx["safeguards"] = _safeguards(plan, b, part["outline"])
    return {
        **ctx,
        "document": "plan",
        "document_name": b.labels["plan_document"],
        "parts": parts,
        "sections": sections,
    }


def summary_context(plan: Plan, patterns: Patterns | None = None) -> dict[str, Any]:
    """Context for the year-end summary (工作总结): an opening, 一、主要工作及成效 in prose
    per section of the plan, 二、存在的问题和不足, 三、<next year>年工作打算, and the
    appendix's tables. The words are render/summary.py's, its sentence patterns `patterns`
    (by default the ones of the plan's language on the built-in template path)."""
    from planforge.render.summary import SummaryWords

    b = _Builder(plan)
    s = plan.summary
    words = SummaryWords(plan, patterns)
    heads = words.heads
    sections = b.sections(2, 1, "1")
    parts = [
        {"key": "results", "heading": heads["results"]},
        {"key": "problems", "heading": heads["problems"]},
        {"key": "next_year", "heading": words.next_year_heading()},
    ]
    parts = [{**p, "number": b.number(1, n), "outline": str(n)} for n, p in enumerate(parts, 1)]
    results = [
        {
            "number": b.number(2, i) if b.lang == "zh" else f"1.{i}",
            "title": task.title,
            "paragraphs": words.section_paragraphs(task),
        }
        for i, task in enumerate(plan.tasks, 1)
    ]
    undone = [
        {
            "id": leaf.task.id,
            "title": leaf.task.title,
            "status_label": STATUS_LABELS[b.lang][leaf.task.status],
            "reason": words.reason_of(leaf),
            "deadline_text": b.deadline_text(leaf.task),
            "postponed_to": words.postponed_text(leaf.task) if leaf.task.postponed_to else "",
        }
        for leaf in words.leaves
        if words.unfinished(leaf)
    ]
    done = sum(1 for leaf in words.leaves if leaf.task.status is Status.DONE)
    ctx = _common(plan, b, plan.summary_title)
    # The summary is signed on its own date (summary.date), never on the plan's January one.
    ctx["signature"]["date_text"] = _date(s.date or None, b.lang)
    ctx["signature"]["date"] = s.date.isoformat() if s.date else ""
    as_of = words.as_of
    return {
        **ctx,
        "document": "summary",
        "document_name": b.labels["summary_document"],
        "parts": parts,
        "sections": sections,
        "opening": words.opening(),
        "results": results,
        "results_lead": [words.stats(), *s.achievements],
        "lessons": words.lessons(),
        "problems": words.problems(),
        "next_year": words.next_year(),
        "appendix": {"heading": heads["appendix"], "tables": words.tables()},
        "as_of": as_of.isoformat(),
        "as_of_text": _date(as_of, b.lang),
        "undone": undone,
        "stats": {
            "total": len(words.leaves),
            "done": done,
            "text": words.stats(),
        },
    }


def _common(plan: Plan, b: _Builder, title: str) -> dict[str, Any]:
    lang = b.lang
    return {
        "lang": lang,
        "zh": lang == "zh",
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "title": title.replace("\n", ""),
        "title_lines": break_title(title),
        "organisation": plan.organisation,
        "year": plan.year,
        "kind": plan.kind.value if plan.kind else "",
        "labels": b.labels,
        "punct": b.punct,
        "ideology": list(plan.ideology),
        "goals": [
            {
                "id": g.id,
                "number": i,
                "text": g.text,
                "measure": g.measure or "",
                "measure_text": measure_remark(g.text, g.measure or "", lang),
            }
            for i, g in enumerate(plan.goals, 1)
        ],
        "safeguards": _safeguards(plan, b, ""),
        "schedule": schedule_rows(plan),
        "attachments": [{"number": i, "title": a.title} for i, a in enumerate(plan.attachments, 1)],
        "summary": {
            k: list(getattr(plan.summary, k))
            for k in ("overview", "achievements", "lessons", "problems", "next_year")
        },
        "signature": {
            "organisation": plan.signed_by,
            "date_text": _date(plan.signed_on, lang),
            "date": plan.signed_on.isoformat() if plan.signed_on else "",
        },
    }
