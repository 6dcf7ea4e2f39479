"""A year-end summary's appendix tables: the tasks of the year with their outcome, the
tasks not completed with their reason and new date, and the goals against their targets.

planforge's 工作总结 (render/summary.py) tells the year in prose by section and lists every
task in 附表 表1 年度计划完成情况一览表 (序号 | 工作任务 | 完成情况 | 完成时间 | 主要成效),
the unfinished ones in 表2 未完成事项 (… | 原因 | 调整后时间) and the goals in 表3 (工作目标 |
目标值 | 实际完成 | 是否达成). Hand-written summaries use the same kind of ledger. The task
tables are read by their header; the tasks are then placed under the section whose prose
reports them (`place`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from planforge.importer.blocks import Block
from planforge.importer.extract import norm

# column name → what it holds; matched on the whole header cell
_COLUMNS = {
    "number": r"序号|编号|no\.?|#",
    "task": r"工作任务|工作内容|任务|事项|tasks?",
    "status": r"完成情况|进展情况|执行情况|status",
    "done": r"完成时间|完成日期|completed|date completed|done on",
    "result": r"主要成效|工作成效|成效|主要数据|results?|outcome",
    "deadline": r"原定时限|完成时限|计划时间|deadline|due",
    "reason": r"原因|未完成原因|reason",
    "new_date": r"调整后时间|调整时间|顺延至|new date|moved to",
    "goal": r"工作目标|目标|goals?|objectives?",
    "target": r"目标值|指标|targets?",
    "actual": r"实际完成|完成值|actual",
    "met": r"是否达成|达成情况|met",
}
_COLUMN_RES = {k: re.compile(rf"^(?:{v})$", re.I) for k, v in _COLUMNS.items()}


def columns(cells: list[str]) -> dict[str, int]:
    """The known columns of a header row, by name; empty when a cell is not a column name."""
    out: dict[str, int] = {}
    for i, raw in enumerate(cells):
        c = re.sub(r"\s+", " ", norm(raw)).strip(" :")
        if not c:
            continue
        name = next((k for k, rx in _COLUMN_RES.items() if k not in out and rx.match(c)), None)
        if name is None:
            return {}
        out[name] = i
    return out


def kind(cols: dict[str, int]) -> str | None:
    """`tasks` for a ledger of tasks (a task and a status column, or a task and a reason),
    `goals` for goals against targets, None for any other table."""
    if "task" in cols and ("status" in cols or "reason" in cols):
        return "tasks"
    if "goal" in cols and "target" in cols:
        return "goals"
    return None


@dataclass
class Entry:
    """A task as a summary's ledger reports it."""

    title: str
    line: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    result: str = ""


@dataclass
class Ledger:
    """The tasks and goals of a summary's appendix tables, in their order."""

    tasks: list[Entry] = field(default_factory=list)
    goals: list[tuple[str, str]] = field(default_factory=list)  # (goal, target)

    def row(self, cols: dict[str, int], block: Block) -> None:
        cells = block.cells or []

        def cell(name: str) -> str:
            i = cols.get(name)
            value = cells[i].strip() if i is not None and i < len(cells) else ""
            return "" if value in ("—", "-", "–") else value

        if "goal" in cols:
            if cell("goal"):
                self.goals.append((cell("goal"), cell("target")))
            return
        title = cell("task")
        if not title:
            return
        entry = next((e for e in self.tasks if e.title == title), None)
        if entry is None:  # 表2 lists again a task of 表1: it adds the reason and new date
            entry = Entry(title, block.line)
            self.tasks.append(entry)
        for name in ("status", "done", "reason", "new_date"):
            if (value := cell(name)) and not (name == "status" and "status" in entry.meta):
                entry.meta[name] = value
        if (result := cell("result")) and not entry.result:
            entry.result = without_records(result)


@functools.cache
def _records_openings() -> tuple[str, ...]:
    """How a rendered summary opens the sentence it adds up a task's records in (据活动台账
    统计，…): the built-in sentence patterns' `records`, up to its first placeholder."""
    from ruamel.yaml import YAML

    from planforge.resources import templates_dir

    openings = []
    for path in sorted((templates_dir() / "summary").glob("patterns.*.yaml")):
        sentences = YAML(typ="safe").load(path.read_text(encoding="utf-8")).get("sentences", {})
        opening = str(sentences.get("records", "")).split("{", 1)[0].strip()
        if opening:
            openings.append(opening)
    return tuple(openings)


def without_records(result: str) -> str:
    """A 主要成效 cell without the sentence the summary derived from the task's records:
    the records are the source's own data, not its result."""
    for opening in _records_openings():
        at = result.find(opening)
        if at >= 0:
            return result[:at].rstrip()
    return result


_CAPTION = re.compile(r"^(?:表\s*\d+|table\s+\d+)\s*[\s.．:：、]", re.I)
_APPENDIX = re.compile(r"^\**\s*(?:附表|附录|appendix|appendices)\s*\**\s*[:：]?$", re.I)


def split_appendix(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The body, and the appendix of tables after it (附表, then 表1 …, then rows): the
    signature ends the body, not the last table."""
    for i, block in enumerate(blocks):
        if block.is_row or not _APPENDIX.match(norm(block.text).strip()):
            continue
        rest = blocks[i + 1 :]
        if rest and all(b.is_row or _CAPTION.match(norm(b.text).strip()) for b in rest):
            return blocks[:i], rest
    return blocks, []


def is_caption(blocks: list[Block], i: int) -> bool:
    """`表1　年度计划完成情况一览表` just above a table: its caption, not text."""
    block = blocks[i]
    return (
        not block.is_row
        and i + 1 < len(blocks)
        and blocks[i + 1].is_row
        and bool(_CAPTION.match(norm(block.text).strip()))
    )
