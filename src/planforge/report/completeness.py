"""When a plan's year-end summary (工作总结) is complete: the one definition reports use."""

from __future__ import annotations

from typing import Any

from planforge.model.plan import Plan, Status, Task

SUMMARY_PARTS = ("overview", "problems", "next_year")
"""The summary block's parts a complete summary fills: 基本情况, 存在问题, 下一年打算 (as the
`summary-incomplete` rule; 经验体会 is optional)."""


def lacks_result(task: Task) -> bool:
    """A done task that says nothing of what came of it (as the `result-missing` rule)."""
    return task.status is Status.DONE and not task.result and not task.figures


def summary_state(plan: Plan) -> dict[str, Any]:
    """Whether the summary is complete, the parts left empty, and how many done tasks
    have no result: complete means every done task has a result and the summary block
    has all of `SUMMARY_PARTS`."""
    missing = [part for part in SUMMARY_PARTS if not getattr(plan.summary, part)]
    without_result = sum(1 for _path, task in plan.leaves() if lacks_result(task))
    return {
        "complete": not missing and not without_result,
        "missing": missing,
        "done_without_result": without_result,
    }


def summary_complete(plan: Plan) -> bool:
    """Whether the plan's year-end summary is complete (see `summary_state`)."""
    return bool(summary_state(plan)["complete"])
