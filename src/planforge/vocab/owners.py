"""The labels that introduce who does a task and by when, as regular-expression fragments.

Chinese plans name owners after 责任部门：, 负责人：, 牵头单位：… (GB/T 9704 leaves the
wording to the issuer; these are the labels of the seed plans in tests/fixtures/import and
of the bundled examples), or in a phrase 由工会办公室负责. The importer reads them in a
task's text (`importer.extract.find_owners`), in the bracket after it (`importer.structure.
task_meta`: （责任部门：工会办公室；完成时限：3月）) and in a schedule table's header. The
labels planforge renders (render.context.LABELS: 责任部门, 完成时限, Responsible, Deadline)
are among them, so a rendered plan imports back with its owners and deadlines.
"""

from __future__ import annotations

# 责任部门：工会办公室 — a label, then a colon.
OWNER_LABELS_ZH = (
    "责任部门",
    "责任人",
    "责任单位",
    "负责部门",
    "负责人",
    "负责单位",
    "牵头部门",
    "牵头单位",
    "承办单位",
    "主办单位",
)
# Responsible: Branch Secretary; Led by the Organising Committee.
OWNER_LABELS_EN = (
    "responsible",
    "owners?",
    "person in charge",
    "lead(?:er)?",
    "led by",
)
# 由工会办公室负责 — the verbs that follow the owner in a 由… phrase.
OWNER_VERBS_ZH = ("负责", "牵头", "组织实施", "承办", "落实")
# A schedule table's owner column: 责任部门, 负责人, 牵头单位, Owner, Responsible.
OWNER_COLUMN = ("负责", "责任", "牵头", "owner", "responsible")
# 完成时限：3月 — the labels of a deadline in a task's bracket.
DEADLINE_LABELS = ("完成时限", "完成时间", "时限", "deadline", "due")


def alternation(words: tuple[str, ...]) -> str:
    """`words` as one regular-expression alternative, longest first (负责人 before 负责)."""
    return "|".join(sorted(words, key=len, reverse=True))


# 完成情况：已完成（2026年3月13日） — the lines of a task's outcome in a summary, as
# planforge's summary (render.context.LABELS) and hand-written ledgers label them, with the
# field of the task each one fills.
OUTCOME_KEYS = {
    "完成情况": "status",
    "status": "status",
    "主要数据": "figures",
    "figures": "figures",
    "佐证材料": "evidence",
    "evidence": "evidence",
    "原因": "reason",
    "reason": "reason",
}
OUTCOME_LABELS = tuple(OUTCOME_KEYS)
# （目标值：≥98%） — the remark that states a goal's target after its text.
TARGET_LABELS = ("目标值", "目标", "指标", "target")

# The states a summary's ledger gives a task besides the status names of the model
# (model.plan.STATUS_LABELS: 已完成, 进行中, 已取消, 已顺延 …), as planforge's 工作总结 writes
# them (render/summary.py: 常态化开展, 按计划推进, 顺延至2027年9月) and as hand-written ledgers
# do; matched at the start of the cell. `open` is work not done and not yet due (or late):
# in progress when the ledger reports a result, not started when it reports none.
STATUS_WORDS = {
    "常态化开展": "in_progress",
    "持续开展": "in_progress",
    "continuing": "in_progress",
    "按计划推进": "open",
    "on schedule": "open",
    "顺延至": "postponed",
    "顺延到": "postponed",
    "was moved to": "postponed",
    "moved to": "postponed",
    "未能实施": "dropped",
    "was dropped": "dropped",
    "未完成": "planned",
    "未能按期完成": "open",
    "not finished on time": "open",
}
