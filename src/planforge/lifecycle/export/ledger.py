"""The work ledger (工作台账): one row per task, shared by the XLSX and CSV exports."""

from __future__ import annotations

from dataclasses import dataclass

from planforge.lifecycle.status import plan_tasks
from planforge.model.deadline import parse_deadline
from planforge.model.plan import STATUS_LABELS, Plan, Status, Task

_HEADERS = {
    "zh": [
        "序号",
        "工作板块",
        "任务编号",
        "工作任务",
        "责任部门",
        "完成时限",
        "状态",
        "完成日期",
        "完成情况",
        "原因及调整",
    ],
    "en": [
        "No.",
        "Section",
        "Task id",
        "Task",
        "Owners",
        "Deadline",
        "Status",
        "Done on",
        "Result",
        "Reason and new date",
    ],
}


@dataclass(frozen=True)
class LedgerRow:
    number: int
    section: str
    id: str
    title: str
    owners: str
    deadline: str
    status: str
    done_on: str
    result: str
    months: tuple[int, ...]
    reason: str = ""

    def cells(self) -> list[str | int]:
        return [
            self.number,
            self.section,
            self.id,
            self.title,
            self.owners,
            self.deadline,
            self.status,
            self.done_on,
            self.result,
            self.reason,
        ]


def headers(plan: Plan) -> list[str]:
    return list(_HEADERS["zh" if plan.zh else "en"])


def ledger_rows(plan: Plan) -> list[LedgerRow]:
    lang = "zh" if plan.zh else "en"
    sep = "、" if plan.zh else ", "
    out = []
    for n, (task, section, owners) in enumerate(plan_tasks(plan), 1):
        months = parse_deadline(task.deadline, plan.year).months() if task.deadline else []
        out.append(
            LedgerRow(
                n,
                section,
                task.id,
                task.title,
                sep.join(owners),
                task.deadline or "",
                STATUS_LABELS[lang][task.status],
                task.done_on.isoformat() if task.done_on else "",
                "\n".join(task.result),
                tuple(months),
                reason_text(task, lang),
            )
        )
    return out


def reason_text(task: Task, lang: str) -> str:
    """Why a task is not done, and the new date of one moved to next year:
    `综合楼改造推迟（顺延至2027-08）`."""
    reason = (
        " ".join((task.reason or "").split())
        if lang == "en"
        else "".join((task.reason or "").split())
    )
    if task.status is Status.POSTPONED and task.postponed_to:
        moved = f"顺延至{task.postponed_to}" if lang == "zh" else f"moved to {task.postponed_to}"
        return (
            f"{reason}（{moved}）"
            if lang == "zh" and reason
            else (f"{reason} ({moved})" if reason else moved)
        )
    return reason


_RECORD_HEADERS = {
    "zh": [
        "序号", "任务编号", "工作任务", "日期", "地点", "参加人次", "活动内容", "费用（元）",
        "佐证材料",
    ],
    "en": [
        "No.", "Task id", "Task", "Date", "Place", "Participants", "Content", "Cost",
        "Evidence",
    ],
}  # fmt: skip


def record_headers(plan: Plan) -> list[str]:
    return list(_RECORD_HEADERS["zh" if plan.zh else "en"])


def record_rows(plan: Plan) -> list[list[str | int | float]]:
    """The activity ledger (台账): one row per record, in the order of the tasks."""
    sep = "、" if plan.zh else ", "
    out: list[list[str | int | float]] = []
    for task, _section, _owners in plan_tasks(plan):
        for record in task.records:
            out.append(
                [
                    len(out) + 1,
                    task.id,
                    task.title,
                    record.date.isoformat(),
                    record.place or "",
                    record.participants if record.participants is not None else "",
                    record.content or "",
                    record.cost if record.cost is not None else "",
                    sep.join(record.evidence),
                ]
            )
    return out
