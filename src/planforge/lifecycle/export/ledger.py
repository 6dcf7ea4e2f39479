"""The work ledger (工作台账): one row per task, shared by the XLSX and CSV exports."""

from __future__ import annotations

from dataclasses import dataclass

from planforge.lifecycle.status import plan_tasks
from planforge.model.deadline import parse_deadline
from planforge.model.plan import STATUS_LABELS, Plan

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
            )
        )
    return out
