"""A plan scored against one rubric, item by item: plain rows for the writers and the report.

The scoring rule (also stated in every sheet's notes and in docs/score.md):

- an item whose covering tasks are all done earns its full points (`SHARES["done"]`);
- one with a covering task in progress, or only some of its tasks done, earns half;
- one planned but not started, whose tasks were all dropped, that tasks only hint at, or
  that no task covers, earns nothing;
- bonus items (加分) are scored the same way and added to the total;
- deduction items (扣分) are not taken: the sheet cannot know they happened, the office
  enters them by hand as a negative score;
- a mandatory item (必备) is met only with its full points; while one is not met no grade
  is given, whatever the total.

A task that is a section (it has sub-tasks) and no status of its own stands as its
work items do. Coverage is read from `check.rubric.Coverage`: `rubric`, and per item
`item`, `tasks` (covering task ids) and `hinted_by`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planforge.model.plan import STATUS_LABELS, Plan, Status, Task
from planforge.model.rubric import ItemKind, Rubric, RubricItem, Standing
from planforge.score.words import WORDS
from planforge.zh import format_date

SHARES = {"done": 1.0, "partial": 0.5, "planned": 0.0, "dropped": 0.0, "hinted": 0.0}
"""The share of an item's points each standing earns; anything else earns nothing."""

VERDICTS = {"done": "met", "partial": "partial"}
"""The verdict of a checklist item by standing; anything else is `not_met`."""


@dataclass
class ItemRow:
    """One rubric item as the sheet shows it."""

    number: int
    item_id: str
    text: str
    category: str  # regular, mandatory, bonus or deduction
    points: float | None  # signed: a deduction's points are negative
    score: float | None  # None in a checklist
    verdict: str  # met, partial or not_met
    standing: str  # done, partial, planned, dropped, hinted, uncovered, deduction
    evidence: list[str] = field(default_factory=list)
    remark: str = ""
    tasks: list[str] = field(default_factory=list)

    @property
    def mandatory_met(self) -> bool:
        if self.category != "mandatory":
            return True
        if self.points is None or self.score is None:
            return self.verdict == "met"
        return (self.score or 0) >= self.points


@dataclass
class Part:
    """A part (section) of the rubric and its items, in the rubric's order."""

    title: str
    items: list[ItemRow]

    @property
    def points(self) -> float:
        return sum(r.points or 0 for r in self.items)

    @property
    def score(self) -> float:
        return sum(r.score or 0 for r in self.items)


@dataclass
class Sheet:
    """The self-assessment of one plan against one rubric."""

    lang: str
    organisation: str
    year: int
    plan_title: str
    rubric_id: str
    rubric_title: str
    source: str  # the rubric's document, as a reader cites it
    scoring: bool
    parts: list[Part]
    bands: list[tuple[str, float]]  # (name, min), highest first
    bands_note: str  # where the grade lines come from, or that none was found
    attainable: float | None
    date: str  # the summary's or the signature's date, or blank for filling in by hand

    @property
    def words(self) -> dict[str, str]:
        return WORDS[self.lang]

    @property
    def items(self) -> list[ItemRow]:
        return [row for part in self.parts for row in part.items]

    @property
    def base_points(self) -> float:
        return sum(r.points or 0 for r in self.items if r.category in ("regular", "mandatory"))

    @property
    def total(self) -> float:
        return sum(part.score for part in self.parts)

    @property
    def missing_mandatory(self) -> list[ItemRow]:
        return [r for r in self.items if not r.mandatory_met]

    @property
    def band(self) -> str | None:
        """The grade reached; None without grade lines or while a mandatory item is missing."""
        if not self.bands or self.missing_mandatory:
            return None
        return next((name for name, low in self.bands if self.total >= low), None)

    @property
    def band_text(self) -> str:
        """The grade as the sheet writes it."""
        w = self.words
        if not self.scoring:
            counts = {v: sum(1 for r in self.items if r.verdict == v) for v in VERDICTS_ALL}
            return w["met_count"].format(**counts, total=len(self.items))
        if not self.bands:
            return w["no_threshold"]
        if self.missing_mandatory:
            return w["no_band_mandatory"]
        return self.band or w["below_bands"]

    @property
    def title(self) -> str:
        rubric = self.rubric_title
        if self.lang == "zh" and rubric.endswith("表"):  # 考核表 → 考核自评表, not 考核表自评表
            rubric = rubric[:-1]
        return self.words["title"].format(
            organisation=self.organisation, year=self.year, rubric=rubric
        )

    @property
    def unit_line(self) -> str:
        """The union filling in the sheet and the standard it is held to."""
        w = self.words
        gap = "　　" if self.lang == "zh" else "   "
        unit = w["unit"].format(organisation=self.organisation)
        return unit + gap + w["basis"].format(source=self.source)

    @property
    def sign_line(self) -> str:
        """Who signs, who filled it in, and the date (blank to fill in by hand)."""
        w = self.words
        gap = "　　　　" if self.lang == "zh" else "      "
        return f"{w['signer']}{gap}{w['filler']}{gap}{self.date or w['blank_date']}"

    @property
    def notes(self) -> list[str]:
        """The scoring rule, the grade lines and their source, the attainable score."""
        w = self.words
        notes = [w["rule"] if self.scoring else w["checklist_rule"]]
        if any(r.category == "mandatory" for r in self.items):
            notes.append(w["mandatory_rule"])
        if self.scoring:
            if self.bands:
                shown = w["list_sep"].join(
                    w["band_item"].format(name=name, min=points(low)) for name, low in self.bands
                )
                notes.append(w["bands"].format(bands=shown))
            notes.append(self.bands_note)
            if self.attainable is not None:
                notes.append(w["attainable"].format(points=points(self.attainable)))
        if self.missing_mandatory:
            shown = w["list_sep"].join(r.text for r in self.missing_mandatory)
            notes.append(w["missing"].format(items=shown))
        return notes


VERDICTS_ALL = ("met", "partial", "not_met")


def points(value: float | None) -> str:
    """A score without a needless '.0'; nothing for None."""
    return "" if value is None else f"{value:g}"


# ---------------------------------------------------------------------------- building


def score_sheet(plan: Plan, cov: Any) -> Sheet:
    """The sheet of `plan` against the rubric of `cov` (a `check.rubric.Coverage`)."""
    rubric: Rubric = cov.rubric
    lang = "zh" if plan.zh else "en"
    tasks = {task.id: task for _path, task in plan.walk()}
    parts: dict[str, list[ItemRow]] = {}
    for number, entry in enumerate(cov.items, 1):
        row = item_row(number, entry, tasks, rubric.scoring, lang)
        parts.setdefault(entry.item.section or WORDS[lang]["part_none"], []).append(row)
    bands = sorted(((b.name, b.min) for b in rubric.bands), key=lambda b: -b[1])
    date = plan.summary.date  # the plan's issue date is not when the year was assessed
    return Sheet(
        lang=lang,
        organisation=plan.organisation,
        year=plan.year,
        plan_title=plan.display_title,
        rubric_id=rubric.id,
        rubric_title=rubric.title,
        source=cite(rubric),
        scoring=rubric.scoring,
        parts=[Part(title, rows) for title, rows in parts.items()],
        bands=bands,
        bands_note=bands_note(rubric, lang),
        attainable=cov.attainable if rubric.scoring else None,
        date=format_date(date, lang) if date else "",
    )


def item_scores(plan: Plan, cov: Any) -> dict[str, float | None]:
    """Item id → self-assessed score (None in a checklist), for the report's matrix."""
    return {row.item_id: row.score for row in score_sheet(plan, cov).items}


def item_row(number: int, entry: Any, tasks: dict[str, Task], scoring: bool, lang: str) -> ItemRow:
    """One item's row: its standing from the covering tasks, score, evidence and remark."""
    item: RubricItem = entry.item
    covering = [tasks[t] for t in entry.tasks if t in tasks]
    hinted = [tasks[t] for t in entry.hinted_by if t in tasks]
    category = _category(item)
    if category == "deduction":
        standing = "deduction"
    elif covering:
        standing = task_standing(covering)
    else:
        standing = "hinted" if entry.hinted_by else "uncovered"
    sign = -1 if category == "deduction" else 1
    full = None if item.points is None else sign * item.points
    score: float | None = None
    if scoring and full is not None:
        score = 0.0 if category == "deduction" else full * SHARES.get(standing, 0.0)
    return ItemRow(
        number=number,
        item_id=item.id,
        text=item.text,
        category=category,
        points=full,
        score=score,
        verdict=VERDICTS.get(standing, "not_met"),
        standing=standing,
        evidence=[evidence_line(t, lang) for t in covering],
        remark=_remark(standing, category, covering, hinted, lang, scoring and full is not None),
        tasks=[t.id for t in covering],
    )


def _consequence(standing: str, scored: bool, lang: str) -> str:
    """What a standing costs in points, said after its remark (scored items only)."""
    if not scored or standing in ("done", "deduction"):
        return ""
    return WORDS[lang]["c_half" if standing == "partial" else "c_none"]


def _category(item: RubricItem) -> str:
    if item.kind is ItemKind.DEDUCTION:
        return "deduction"
    if item.kind is ItemKind.BONUS:
        return "bonus"
    return "mandatory" if item.mandatory else "regular"


def task_state(task: Task) -> Status | None:
    """A task's status; a section without one stands as its work items do."""
    if task.status is not None or not task.tasks:
        return task.status
    states = [task_state(t) for t in task.tasks]
    live = [s for s in states if s is not Status.DROPPED]
    if not live:
        return Status.DROPPED
    if all(s is Status.DONE for s in live):
        return Status.DONE
    if any(s in (Status.DONE, Status.IN_PROGRESS) for s in live):
        return Status.IN_PROGRESS
    return Status.PLANNED


def task_standing(covering: list[Task]) -> str:
    """done, partial, planned or dropped, from the states of an item's covering tasks."""
    states = [task_state(t) for t in covering]
    live = [s for s in states if s is not Status.DROPPED]
    if not live:
        return "dropped"
    if all(s is Status.DONE for s in live):
        return "done"
    if any(s in (Status.DONE, Status.IN_PROGRESS) for s in live):
        return "partial"
    return "planned"


def _remark(
    standing: str,
    category: str,
    covering: list[Task],
    hinted: list[Task],
    lang: str,
    scored: bool,
) -> str:
    w = WORDS[lang]

    def titles(found: list[Task]) -> str:
        return w["list_sep"].join(f"“{t.title}”" for t in found)

    if standing == "deduction":
        return w["r_deduction"]
    remarks: list[str] = []
    if standing == "uncovered":
        remarks.append(w["r_uncovered"])
    elif standing == "hinted":
        remarks.append(w["r_hinted"].format(tasks=titles(hinted)))
    elif standing == "dropped":
        reasons = [t.reason for t in covering if t.reason]
        reason = f"{w['open']}{w['sep'].join(reasons)}{w['close']}" if reasons else ""
        remarks.append(w["r_dropped"].format(reason=reason))
    elif standing == "planned":
        remarks.append(w["r_planned"].format(tasks=titles(covering)))
    elif standing == "partial":
        unfinished = [t for t in covering if task_state(t) not in (Status.DONE, Status.DROPPED)]
        remarks.append(w["r_partial"].format(tasks=titles(unfinished)))
    elif not any(_recorded(t) for t in covering):
        remarks.append(w["r_no_record"])
    if remarks:
        remarks[0] += _consequence(standing, scored, lang)
    if category == "mandatory" and standing != "done":
        remarks.append(w["r_mandatory"])
    return w["sep"].join(remarks)


def _recorded(task: Task) -> bool:
    """Whether a task (or one of its work items) records a result, figures or evidence."""
    if task.result or task.evidence or task.figures:
        return True
    return any(_recorded(t) for t in task.tasks)


def evidence_line(task: Task, lang: str) -> str:
    """A covering task as evidence: its title, status and date, result, figures and files."""
    w = WORDS[lang]
    state = task_state(task)
    status = STATUS_LABELS[lang][state]
    status = status if lang == "zh" else status.lower()
    if state is Status.DONE and task.done_on:
        status += w["date_sep"] + format_date(task.done_on, lang)
    line = f"{task.title}{w['open']}{status}{w['close']}"
    details = [*task.result]
    if task.figures and not task.result:  # a result usually says the figures in words
        details.append(
            w["list_sep"].join(f"{k} {points_or_text(v)}" for k, v in task.figures.items())
        )
    if task.evidence:
        details.append(w["evidence_files"] + w["list_sep"].join(task.evidence))
    if details:
        line += w["colon"] + w["sep"].join(d.rstrip("。；;. ") for d in details)
    return line


def points_or_text(value: float | int | str) -> str:
    return points(value) if isinstance(value, (int, float)) else value


def cite(rubric: Rubric) -> str:
    """The rubric's document as a sheet cites it: title, issuer, year, number."""
    src = rubric.source
    extra = [str(x) for x in (src.issuer, src.year, src.number) if x]
    if not extra:
        return src.document
    sep = "，" if rubric.language.value == "zh" else ", "
    open_, close = ("（", "）") if rubric.language.value == "zh" else (" (", ")")
    return f"{src.document}{open_}{sep.join(extra)}{close}"


def bands_note(rubric: Rubric, lang: str) -> str:
    """Where a rubric's grade lines come from; a local-practice rubric's have no text."""
    w = WORDS[lang]
    if not rubric.bands:
        return w["band_none"]
    if rubric.standing in (None, Standing.LOCAL_PRACTICE):
        note = (rubric.source.note or w["local_practice"]).rstrip("。. ")
        return w["band_local"].format(note=note)
    return w["band_source"].format(source=cite(rubric))


# ---------------------------------------------------------------------------- table layout


@dataclass(frozen=True)
class TableRow:
    """A row of the sheet's table as text: a part's heading, an item, a subtotal, a total
    or the grade. `cells` has one entry per column of `headers(sheet)`."""

    kind: str  # part, item, subtotal, total, mandatory, band
    cells: list[str]


def headers(sheet: Sheet) -> list[str]:
    w = sheet.words
    if sheet.scoring:
        return [w["no"], w["text"], w["points"], w["score"], w["evidence"], w["remark"]]
    return [w["no"], w["text"], w["verdict"], w["evidence"], w["checklist_remark"]]


def item_text(sheet: Sheet, row: ItemRow) -> str:
    """The requirement, marked when it is mandatory (必备)."""
    return row.text + (sheet.words["tag_mandatory"] if row.category == "mandatory" else "")


def table_rows(sheet: Sheet) -> list[TableRow]:
    """The whole table in reading order, for the text, Markdown and DOCX writers."""
    w = sheet.words
    out: list[TableRow] = []
    for part in sheet.parts:
        out.append(TableRow("part", ["", part.title] + [""] * (len(headers(sheet)) - 2)))
        for row in part.items:
            text = item_text(sheet, row)
            evidence = "\n".join(row.evidence)
            if sheet.scoring:
                cells = [str(row.number), text, points(row.points), points(row.score)]
            else:
                cells = [str(row.number), text, w[row.verdict]]
            out.append(TableRow("item", [*cells, evidence, row.remark]))
        if sheet.scoring:
            subtotal = ["", w["subtotal"], points(part.points), points(part.score), "", ""]
            out.append(TableRow("subtotal", subtotal))
    if sheet.scoring:
        base = w["base_total"].format(base=points(sheet.base_points))
        total = ["", base, points(sheet.base_points), points(sheet.total), "", ""]
        out.append(TableRow("total", total))
        if any(r.category == "mandatory" for r in sheet.items):
            missing = w["list_sep"].join(str(r.number) for r in sheet.missing_mandatory)
            label = w["mandatory_missing"] + (
                w["numbers"].format(numbers=missing) if missing else ""
            )
            count = str(len(sheet.missing_mandatory))
            out.append(TableRow("mandatory", ["", label, "", count, "", ""]))
        out.append(TableRow("band", ["", w["band"] + w["colon"] + sheet.band_text, "", "", "", ""]))
    else:
        out.append(TableRow("total", ["", w["total"] + w["colon"] + sheet.band_text, "", "", ""]))
    return out
