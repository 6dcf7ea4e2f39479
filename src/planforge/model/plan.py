"""The plan source format: pydantic types for a work plan and its year-end summary.

Keys are English snake_case; every text value may be Chinese. Unknown keys are errors.
Numbers and dates written where text is expected are taken as text, as an author means.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1


def _to_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _to_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, (str, int, float, dt.date)):
        return [value]
    return value


def _to_mapping(field_name: str) -> Any:
    def convert(value: Any) -> Any:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return {field_name: value}
        return value

    return convert


Text = Annotated[
    str,
    BeforeValidator(_to_text, json_schema_input_type=str | int | float),
    StringConstraints(min_length=1),
]
"""A non-empty text value; numbers and dates written unquoted are taken as text."""

Paragraphs = Annotated[
    list[Text], BeforeValidator(_to_list, json_schema_input_type=str | list[str])
]
"""One or more paragraphs: a single string or a list of strings."""

Id = Annotated[
    str,
    BeforeValidator(_to_text, json_schema_input_type=str | int),
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=64),
]
"""An identifier: letters, digits, '.', '_' and '-', starting with a letter or digit."""

Names = Annotated[list[Text], BeforeValidator(_to_list, json_schema_input_type=str | list[str])]

_OWNER_SEPARATORS = re.compile(r"\s*[、，,；;／/]\s*")


def _to_owners(value: Any) -> Any:
    """`院感科、护理部；工会办公室` is three owners, as a list of them is; a person beside a
    department (`工会主席 周慧敏`) stays one owner."""
    items = _to_list(value)
    if not isinstance(items, list):
        return items
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            out.extend(part for part in _OWNER_SEPARATORS.split(item) if part.strip())
        else:
            out.append(item)
    return out


Owners = Annotated[list[Text], BeforeValidator(_to_owners, json_schema_input_type=str | list[str])]
"""Who is responsible: a list, or one text with the names separated by 、，,；; or /."""
Refs = Annotated[list[Id], BeforeValidator(_to_list, json_schema_input_type=str | list[str])]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Language(str, Enum):
    ZH = "zh"
    EN = "en"


class Kind(str, Enum):
    SCHOOL = "school"
    ENTERPRISE = "enterprise"
    FEDERATION = "federation"
    INSTITUTION = "institution"
    OTHER = "other"


class Status(str, Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    POSTPONED = "postponed"
    """Moved to next year (顺延), with `postponed_to` saying when it is now due."""


# How each status reads in a document, a ledger or a report, per language.
STATUS_LABELS = {
    "zh": {
        None: "未开始",
        Status.PLANNED: "未开始",
        Status.IN_PROGRESS: "进行中",
        Status.DONE: "已完成",
        Status.DROPPED: "已取消",
        Status.POSTPONED: "已顺延",
    },
    "en": {
        None: "Not started",
        Status.PLANNED: "Not started",
        Status.IN_PROGRESS: "In progress",
        Status.DONE: "Done",
        Status.DROPPED: "Dropped",
        Status.POSTPONED: "Postponed",
    },
}


class Goal(Strict):
    """A numbered goal (工作目标), ideally measurable."""

    id: Id
    text: Text = Field(description="The goal, e.g. 会员入会率保持在95%以上.")
    measure: Text | None = Field(None, description="The target figure, e.g. ≥95%.")
    figure: Text | None = Field(
        None,
        description="The name of the tasks' figure the summary compares with the target "
        "(e.g. 入会率); by default a figure the goal's text names.",
    )


class ActivityRecord(Strict):
    """One entry of a task's activity ledger (台账): when and where it was held, who
    took part, what was done, what it cost and what proves it."""

    date: dt.date
    place: Text | None = None
    participants: Annotated[int, Field(ge=0)] | None = Field(
        None, description="How many people took part (人次)."
    )
    content: Text | None = Field(None, description="What was done.")
    cost: Annotated[float, Field(ge=0)] | None = Field(None, description="Cost in 元.")
    evidence: Names = Field(default=[], description="Files proving it (photos, sign-in).")


class Task(Strict):
    """A task (主要任务). A task with `tasks` of its own is a section heading (一、 （一） …)."""

    id: Id
    title: Text
    text: Paragraphs = Field(default=[], description="What will be done and how.")
    owners: Owners = Field(default=[], description="责任部门/负责人; inherited.")
    deadline: Annotated[
        str | None, BeforeValidator(_to_text, json_schema_input_type=str | None)
    ] = Field(
        None,
        description="A date, month, quarter, half year, range or recurring (每月, 全年).",
    )
    goals: Refs = Field(default=[], description="Ids of the goals this task serves.")
    rubric: Names = Field(
        default=[],
        description="Rubric items covered, as rubric-id.item-id, or shared concepts (congress).",
    )
    not_rubric: Names = Field(
        default=[],
        description="Rubric items (rubric-id.item-id) or concepts this task does not cover, "
        "though its words say so.",
    )
    status: Status | None = None
    done_on: dt.date | None = Field(None, description="When the task was completed.")
    result: Paragraphs = Field(default=[], description="What came of it (summary).")
    figures: dict[str, float | int | Text] = Field(
        default={}, description="Figures for the summary, e.g. 参会代表: 120."
    )
    evidence: Names = Field(default=[], description="Files or records proving it.")
    reason: Text | None = Field(
        None, description="Why the task is not done, was dropped or was postponed."
    )
    postponed_to: Annotated[
        str | None, BeforeValidator(_to_text, json_schema_input_type=str | None)
    ] = Field(None, description="When a postponed task is now due, e.g. 2027年8月.")
    records: list[ActivityRecord] = Field(
        default=[], description="Activity records (台账): each time the work was held."
    )
    tasks: list[Task] = Field(default=[], description="Sub-tasks (next level).")

    @property
    def is_section(self) -> bool:
        return bool(self.tasks)


class Safeguard(Strict):
    """A safeguard (保障措施): organisation, funding, supervision…"""

    title: Text | None = None
    text: Paragraphs


SafeguardEntry = Annotated[
    Safeguard, BeforeValidator(_to_mapping("text"), json_schema_input_type=str | Safeguard)
]


class ScheduleEntry(Strict):
    """A row of the month schedule (月度工作安排)."""

    month: Annotated[int, Field(ge=1, le=12)]
    work: Text
    owners: Owners = Field(default=[])


class Attachment(Strict):
    title: Text
    path: Text | None = None


AttachmentEntry = Annotated[
    Attachment, BeforeValidator(_to_mapping("title"), json_schema_input_type=str | Attachment)
]


class Signature(Strict):
    """The signature block (落款): organisation and date; both default from the plan."""

    organisation: Text | None = None
    date: dt.date | None = None


class Summary(Strict):
    """The year-end summary (工作总结) parts that are not per task."""

    overview: Paragraphs = Field(default=[], description="基本情况")
    achievements: Paragraphs = Field(default=[], description="主要成绩")
    lessons: Paragraphs = Field(default=[], description="经验体会")
    problems: Paragraphs = Field(default=[], description="存在问题")
    next_year: Paragraphs = Field(default=[], description="下一年工作打算")
    leadership: Text | None = Field(
        None,
        description="Under whose leadership the year's work was done, for the opening "
        "(e.g. 在学校党支部和区教育工会的领导下); by default told by the plan's kind.",
    )
    date: dt.date | None = Field(None, description="Date of the summary's signature.")
    as_of: dt.date | None = Field(
        None, description="The date the results are counted to (截至); default the date."
    )

    def is_empty(self) -> bool:
        return not any(
            (self.overview, self.achievements, self.lessons, self.problems, self.next_year)
        )


class Plan(Strict):
    """An annual work plan (工作计划) and, as it is filled in, its year-end summary."""

    schema_version: Literal[1] = Field(1, description="Version of this format.")
    organisation: Text = Field(description="The issuing union, e.g. 某某学校工会.")
    year: Annotated[int, Field(ge=1949, le=2200)]
    language: Language = Language.ZH
    kind: Kind | None = None
    title: Text | None = Field(None, description="Derived from organisation and year if absent.")
    issued: dt.date | None = Field(None, description="Date issued (成文日期).")
    rubrics: Names = Field(
        default=[], description="Ids or files of the rubrics the plan is held to."
    )
    ideology: Paragraphs = Field(default=[], description="指导思想")
    goals: list[Goal] = Field(default=[], description="工作目标")
    tasks: list[Task] = Field(default=[], description="主要任务, nested.")
    safeguards: list[SafeguardEntry] = Field(default=[], description="保障措施")
    schedule: list[ScheduleEntry] = Field(
        default=[], description="月度工作安排; derived from deadlines when empty."
    )
    attachments: list[AttachmentEntry] = Field(default=[])
    signature: Signature = Field(default_factory=Signature)
    summary: Summary = Field(default_factory=Summary)

    @property
    def zh(self) -> bool:
        return self.language is Language.ZH

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.zh:
            return f"{self.organisation}{self.year}年工作计划"
        return f"{self.organisation} Work Plan {self.year}"

    @property
    def summary_title(self) -> str:
        if self.zh:
            base = self.display_title.replace("工作计划", "工作总结").replace(
                "工作要点", "工作总结"
            )
            return (
                base if base != self.display_title else f"{self.organisation}{self.year}年工作总结"
            )
        base = self.display_title.replace("Work Plan", "Annual Report")
        return (
            base if base != self.display_title else f"{self.organisation} Annual Report {self.year}"
        )

    @property
    def signed_by(self) -> str:
        return self.signature.organisation or self.organisation

    @property
    def signed_on(self) -> dt.date | None:
        return self.signature.date or self.issued

    def walk(self) -> Iterator[tuple[tuple[int, ...], Task]]:
        """Every task, depth first, with its index path (0-based) in the task tree."""
        out: list[tuple[tuple[int, ...], Task]] = []
        stack: list[tuple[tuple[int, ...], Task]] = [
            ((i,), t) for i, t in reversed(list(enumerate(self.tasks)))
        ]
        while stack:  # iterative: nested generators cost a frame per level per task
            path, task = stack.pop()
            out.append((path, task))
            if task.tasks:
                stack.extend(((*path, i), t) for i, t in reversed(list(enumerate(task.tasks))))
        return iter(out)

    def leaves(self) -> Iterator[tuple[tuple[int, ...], Task]]:
        """The tasks that are work items rather than section headings."""
        return ((p, t) for p, t in self.walk() if not t.is_section)


def task_loc(path: tuple[int, ...]) -> tuple[str | int, ...]:
    """The data path of a task from its index path: ('tasks', 0, 'tasks', 2)."""
    out: list[str | int] = []
    for i in path:
        out += ["tasks", i]
    return tuple(out)
