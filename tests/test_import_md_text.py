"""Markdown saved as plain text (a page copied from a writing tool): its ### headings,
**1. …** bold headings and – bullets read as structure, not kept as text. Texts written
for the tests, each with a near miss."""

from __future__ import annotations

from pathlib import Path

from import_helpers import source
from planforge.load import parse

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "md_as_text_zh.txt"


def _tasks(data: dict) -> list[str]:
    return [t["title"] for t in data.get("tasks", [])]


def test_markdown_in_a_text_file_gives_its_headings_and_items():
    out = source(FIXTURE.read_text(encoding="utf-8"), name="plan.txt")
    data = parse(out).data
    assert data["title"] == "滨江医院工会2025年工作计划"
    assert "#" not in out.replace("# imported", "").replace("# Imported", "")
    plan = data["tasks"][-1]
    assert plan["title"] == "具体计划"
    assert [t["title"].split("：")[0] for t in plan["tasks"]] == ["开好职代会", "开展劳动竞赛"]
    # the bold numbered lines are the items under 一、, their bullets below them
    goals = data.get("goals") or data["tasks"][0]["tasks"]
    assert len(goals) == 2
    # 引言 is the opening's heading, not a part holding the rest
    assert "引言" not in _tasks(data)


def test_a_text_with_one_hash_line_stays_plain_text():
    # near miss: a single "#3" line or one bold pair is not a Markdown page
    text = "某校工会2025年工作计划\n一、组织建设\n#3号楼活动室整修后开放。\n1、发展新会员。\n"
    out = source(text, name="plan.txt")
    data = parse(out).data
    assert data["tasks"][0]["title"] == "组织建设"
    assert "#3号楼活动室整修后开放。" in str(data)
