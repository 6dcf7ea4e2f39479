"""A table flattened to one cell per line (issue 16): a page's text copy of a month table
or a task table gives 月份 / 工作内容 / 责任部门, then one cell a line. The rows are read
again by their header. Texts written for the tests, each with a near miss."""

from __future__ import annotations

from import_helpers import FIXTURES, comments, one_plan, source
from planforge.load import parse


def test_a_flattened_month_table_is_the_schedule_with_its_owners():
    data = one_plan((FIXTURES / "months_flat_zh.txt").read_bytes(), "months_flat_zh.txt")
    assert [(e["month"], e["work"], e["owners"]) for e in data["schedule"]] == [
        (1, "走访慰问困难职工", ["工会办公室"]),
        (3, "召开职工代表大会", ["工会办公室", "组织部"]),
        (5, "举办职工技能比武", ["经济工作部"]),
        (9, "开展金秋助学", ["工会办公室"]),
    ]
    # the parts around the table are not swallowed by it
    assert data["goals"][0]["text"] == "全年新建基层工会10家。"
    assert data["safeguards"] == [{"text": "加强督查，每季度通报进展。"}]


def test_a_flattened_task_table_gives_owners_and_deadlines():
    text = (
        "某厂工会2025年工作计划\n一、重点工作\n工作任务\n责任部门\n完成时限\n"
        "召开职代会\n工会办公室\n3月\n开展技能比武\n生产部、工会\n第三季度\n"
    )
    tasks = parse(source(text)).data["tasks"]
    assert [(t["title"], t["owners"], t["deadline"]) for t in tasks] == [
        ("召开职代会", ["工会办公室"], "3月"),
        ("开展技能比武", ["生产部", "工会"], "第三季度"),
    ]


def test_column_words_followed_by_prose_stay_text():
    # near miss: two lines that look like column names, then sentences with no time in them
    text = "某厂工会2025年工作计划\n一、重点工作\n工作内容\n时间\n全体职工要积极参加各项活动。\n按时完成。\n"
    data = parse(source(text)).data
    assert "schedule" not in data
    assert data["tasks"][0]["text"] == [
        "工作内容",
        "时间",
        "全体职工要积极参加各项活动。",
        "按时完成。",
    ]


def test_a_table_copied_with_slashes_or_tabs_gives_tasks_with_owners_and_deadlines():
    text = (
        "某社区工会2025年工作计划\n一、指导思想\n围绕中心，服务大局。\n二、重点工作\n"
        "序号 工作内容 责任人 完成时间\n"
        "1 / 召开职工代表大会 / 王明 / 3月\n"
        "2 / 开展职工技能竞赛 / 李华、工会办公室 / 5月-6月\n"
        "3 / 走访慰问困难职工 / 工会办公室 / 08/08/08\n"
        "三、保障措施\n经费保障到位，做到专款专用 / 按月公开。\n"
    )
    out = source(text)
    data = parse(out).data
    assert [(t["title"], t["owners"], t.get("deadline")) for t in data["tasks"]] == [
        ("召开职工代表大会", ["王明"], "3月"),
        ("开展职工技能竞赛", ["李华", "工会办公室"], "5月-6月"),
        ("走访慰问困难职工", ["工会办公室"], None),
    ]
    # a time planforge cannot read (08/08/08, its slashes not cells) is kept and noted
    assert data["tasks"][2]["text"] == "08/08/08"
    assert any('"08/08/08" is not a deadline' in c for c in comments(out))
    # near miss: one " / " in a sentence is not a table
    assert data["safeguards"] == [{"text": "经费保障到位，做到专款专用 / 按月公开。"}]
    tabbed = parse(
        source(
            "某社区工会2025年工作计划\n一、重点工作\n工作任务\t责任部门\t完成时限\n"
            "召开职工代表大会\t工会办公室\t3月\n开展职工技能竞赛\t生产部\t6月底前\n"
        )
    ).data
    assert [(t["title"], t["owners"], t["deadline"]) for t in tabbed["tasks"]] == [
        ("召开职工代表大会", ["工会办公室"], "3月"),
        ("开展职工技能竞赛", ["生产部"], "6月底前"),
    ]
