"""A year-end summary's appendix tables (附表 表1 完成情况一览表, 表2 未完成事项) give the
tasks their status, date done, result, reason and new date; a plan's task table with a
序号 column stays a task table (the near miss)."""

from __future__ import annotations

from import_helpers import FIXTURES, one_plan, task


def _data(name: str) -> dict:
    return one_plan((FIXTURES / name).read_bytes(), name)


def test_a_summary_ledger_gives_each_task_its_outcome_under_its_part():
    data = _data("summary_ledger_zh.md")
    assert [t["title"] for t in data["tasks"]] == ["民主管理", "关爱职工"]
    held = task(data, "t1-1")
    assert (held["title"], held["status"], str(held["done_on"])) == (
        "召开职代会",
        "done",
        "2025-03-21",
    )
    assert held["result"] == "审议通过院长工作报告和绩效分配方案"
    # 按计划推进 with no result: not started; the note says how it was read
    assert task(data, "t2-2")["status"] == "planned"
    moved = task(data, "t2-3")
    assert (moved["status"], moved["postponed_to"], moved["reason"]) == (
        "postponed",
        "2026年6月",
        "病房楼改造占用场地",
    )
    assert "done_on" not in moved


def test_the_parts_of_a_summary_and_its_lessons_are_taken_apart_from_the_tables():
    data = _data("summary_ledger_zh.md")
    summary = data["summary"]
    assert summary["lessons"] == ["职代会提案要早征集、早交办。"]
    assert summary["problems"] == ["职工文体活动场地不足。"]
    assert summary["next_year"] == ["建成职工书屋，办好第五届职代会第三次会议。"]
    # the signature before 附表 is the summary's, the tables are not text of any part
    assert data["signature"]["organisation"] == "滨江区人民医院工会"
    assert not any("表1" in p or "序号" in p for p in summary["next_year"])


def test_a_plan_task_table_with_a_number_column_is_not_a_ledger():
    data = _data("task_table_numbered_zh.md")
    assert "summary" not in data
    assert [(t["title"], t["owners"], t["deadline"]) for t in data["tasks"]] == [
        ("召开职代会", ["工会办公室"], "3月"),
        ("夏季送清凉", ["工会办公室", "后勤保障部"], "7月"),
        ("建设职工书屋", ["工会办公室"], "6月"),
    ]
    assert all("status" not in t for t in data["tasks"])
