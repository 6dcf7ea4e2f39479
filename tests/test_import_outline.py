"""Outlines that number two levels alike (1. over 1.), decimal subsections (3.1) run into
their heading, and a template's title run into its first heading: texts written for the
tests, each with a near miss."""

from __future__ import annotations

from import_helpers import comments, levels, one_plan, run_import, source, titles
from planforge.load import parse

TEMPLATE = (
    "2025年社区工会工作计划范本\n"
    "发布:2025-01-06 编辑\n"
    "2025年社区工会工作计划范本1. 组织建设\n"
    "本部分说明全年组织建设的安排,供各基层工会参照。\n"
    "2. 职工服务\n"
    "全年职工服务的重点是:\n"
    "1.做好困难职工帮扶。建立帮扶台账,做到应帮尽帮。\n"
    "2.组织职工健康体检。与社区医院合作,每年一次。\n"
    "3. 文体活动3.1 节日活动\n"
    "3.举办新春联欢会。邀请职工家属一同参加。\n"
    "4.开展三八节健步走。女职工全员参与。\n"
    "3.2 兴趣小组\n"
    "5.成立书画小组。每月活动一次。\n"
    "6.组建\n"
)


def test_numbered_headings_over_items_numbered_alike_are_the_level_above():
    out = source(TEMPLATE)
    data = parse(out).data
    assert titles(data) == ["组织建设", "职工服务", "文体活动"]
    assert levels(data) == [3, 4, 4]
    assert titles(data, 1) == [
        "做好困难职工帮扶。",
        "组织职工健康体检。",
        "节日活动",
        "兴趣小组",
    ]
    # the items under 3.1 and 3.2 go on counting from 3 as written; the last one, cut
    # short with no stop, is still an item (it goes on from 5.)
    assert titles(data, 2) == [
        "举办新春联欢会。",
        "开展三八节健步走。",
        "成立书画小组。",
        "组建",
    ]
    assert any(c.startswith("the title repeated at the start of the text") for c in comments(out))


def test_short_numbered_lines_that_never_start_again_stay_one_level():
    # near miss: short headings and sentences numbered alike, one count, no restart
    lines = ["2025年社区工会工作计划", "1. 组织建设", "本部分说明全年组织建设的安排。"]
    lines += ["2.做好困难职工帮扶。建立帮扶台账。", "3. 文体活动"]
    lines += ["4.举办新春联欢会。邀请职工家属参加。"]
    assert levels(one_plan("\n".join(lines))) == [4]


def test_a_subsection_number_inside_a_sentence_is_not_split():
    # near miss: 3.1 after a stop is text, and 2.1 does not open with the heading's 3
    text = (
        "2025年社区工会工作计划\n"
        "1. 组织建设\n"
        "1.完善会员档案。\n"
        "2. 文体活动\n"
        "1.举办联欢会。时间为2.1 前后。\n"
        "3. 经费保障\n"
        "1.专款专用。见3.1 条。\n"
    )
    data = one_plan(text)
    assert [len(t.get("tasks", [])) for t in data["tasks"]] == [1, 1, 1]
    assert data["tasks"][2]["tasks"][0]["text"] == "见3.1 条。"


def test_an_unnumbered_heading_under_a_numbered_part_is_its_text():
    lines = ["Riverside Branch Union Work Plan 2025", "", "First, the aims", ""]
    lines += ["We will grow the branch and look after our members.", ""]
    lines += ["Second, the main work", "", "Build the branch", ""]
    lines += ["1. Recruit new members in every workplace.", ""]
    lines += ["2. Train two new delegates.", ""]
    lines += ["Support our members", ""]
    lines += ["1. Visit members on long-term leave.", ""]
    lines += ["2. Hold a members' picnic in the summer.", ""]
    out = source("\n".join(lines))
    data = parse(out).data
    assert levels(data) == [2, 4]
    main = data["tasks"][1]
    assert main["title"] == "the main work"
    assert "Support our members" in main["text"]
    assert "kept as its text" in " ".join(comments(out))


def test_unnumbered_headings_over_numbered_lists_are_parts_with_nothing_numbered_above():
    # near miss: no numbered part above the headings: they are the plan's parts
    lines = ["Riverside Branch Union Work Plan 2025", "", "We will grow the branch.", ""]
    lines += ["Build the branch", "", "1. Recruit new members in every workplace.", ""]
    lines += ["2. Train two new delegates.", ""]
    lines += ["Support our members", ""]
    lines += ["1. Visit members on long-term leave.", ""]
    assert levels(one_plan("\n".join(lines))) == [2, 3]


def test_a_numbered_period_with_a_name_over_its_own_list_is_a_period_group():
    lines = ["某公司工会2025年活动计划", "一、活动安排", "1. 第一季度:新春联谊"]
    lines += ["- 举办新春联欢会", "- 开展送温暖活动", "2. 第三季度:夏日清凉"]
    lines += ["- 发放防暑用品", "二、其他事项", "1. 三月:召开职代会"]
    out = source("\n".join(lines))
    data = parse(out).data
    groups = data["tasks"][0]["tasks"]
    assert [g["title"] for g in groups] == ["第一季度:新春联谊", "第三季度:夏日清凉"]
    assert [t["deadline"] for t in groups[0]["tasks"]] == ["第一季度", "第一季度"]
    assert groups[1]["tasks"][0]["deadline"] == "第三季度"
    # near miss: a dated item with nothing under it is one activity, not a period's group
    draft = run_import("\n".join(lines)).plans[0].draft
    assert draft is not None
    assert [s.period for s in draft.sections[1].children] == [None]
    assert [s.period for s in draft.sections[0].children] == ["第一季度", "第三季度"]
