"""Heading levels, parts of a plan and the hazards of real documents, on synthetic text."""

from __future__ import annotations

import pytest

from import_helpers import comments, levels, one_plan, run_import, source, task, titles
from planforge.importer.structure import month_label, numbering

HEAD = "某某工会2025年工作计划\n"

# (spelling, a plan using it, task tree, titles at the top level)
NUMBERING_CASES = [
    (
        "一、 and （一）",
        HEAD + "一、甲\n（一）子一\n（二）子二\n二、乙\n（一）子三\n",
        [2, 3],
        ["甲", "乙"],
    ),
    ("(一) half-width", HEAD + "(一)甲\n(二)乙\n", [2], ["甲", "乙"]),
    ("starts at （一）", HEAD + "（一）甲\n1、子\n2、子\n（二）乙\n", [2, 2], ["甲", "乙"]),
    ("1. and 1、", HEAD + "1.甲\n2.乙\n3、丙\n", [3], ["甲", "乙", "丙"]),
    ("１． full-width", HEAD + "１．甲\n２．乙\n", [2], ["甲", "乙"]),
    ("（1）", HEAD + "（1）甲\n（2）乙\n(3)丙\n", [3], ["甲", "乙", "丙"]),
    ("①", HEAD + "一、甲\n①子一\n②子二\n", [1, 2], ["甲"]),
    (
        "第一/第二",
        HEAD + "第一，加强组织建设。\n第二，做好维权工作。\n",
        [2],
        ["加强组织建设。", "做好维权工作。"],
    ),
    (
        "第一部分",
        HEAD + "第一部分 组织建设\n一、甲\n第二部分 维权\n一、乙\n",
        [2, 2],
        ["组织建设", "维权"],
    ),
    ("four levels", HEAD + "一、甲\n（一）乙\n1.丙\n（1）丁\n", [1, 1, 1, 1], ["甲"]),
    (
        "First, Second,",
        "Union Work Plan 2025\nFirst, organise.\nSecond, serve.\n",
        [2],
        ["organise.", "serve."],
    ),
    (
        "I. and 1.",
        "Union Work Plan 2025\nI. Organise\n1. Congress\n2. Survey\nII. Serve\n",
        [2, 2],
        ["Organise", "Serve"],
    ),
    ("(a)", "Union Work Plan 2025\n1. Organise\n(a) Congress\n(b) Survey\n", [1, 2], ["Organise"]),
]


@pytest.mark.parametrize(
    ("text", "tree", "top"), [c[1:] for c in NUMBERING_CASES], ids=[c[0] for c in NUMBERING_CASES]
)
def test_numbering_spellings(text, tree, top):
    data = one_plan(text)
    assert levels(data) == tree
    assert titles(data) == top


def test_bold_markdown_lines_are_headings():
    text = "# Union Work Plan 2025\n\n**Organise the members**\n\nHold the congress.\n\n**Serve**\n\nVisit.\n"
    data = one_plan(text, "plan.md")
    assert titles(data) == ["Organise the members", "Serve"]
    assert task(data, "t1")["text"] == "Hold the congress."


def test_markdown_heading_levels_decide_the_tree():
    text = "# 某某工会2025年工作计划\n\n## 加强组织\n\n### 建会\n\n### 发展会员\n\n## 维权\n"
    data = one_plan(text, "plan.md")
    assert levels(data) == [2, 2]


def test_ids_follow_positions():
    data = one_plan(HEAD + "一、甲\n（一）子\n1.孙\n二、乙\n")
    assert task(data, "t1-1-1")["title"] == "孙"
    assert task(data, "t2")["title"] == "乙"


def test_run_in_heading_keeps_every_sentence_in_order():
    data = one_plan(HEAD + "（一）加强学习。每月集中学习一次。做好记录。\n（二）其他。\n")
    t1 = task(data, "t1")
    assert t1["title"] == "加强学习。"
    assert t1["text"] == "每月集中学习一次。做好记录。"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("一月份：召开会议", [1]),
        ("七、八月份：疗休养", [7, 8]),
        ("3月：妇女节活动", [3]),
        ("第二季度：培训", [4]),
        ("March: congress", [3]),
        ("11-12月：总结", [11, 12]),
        ("1~2月：春节慰问", [1, 2]),
    ],
)
def test_month_labels(text, months):
    found = month_label(text)
    assert found is not None and found[0] == months


@pytest.mark.parametrize("text", ["3.8妇女节组织活动", "5.1劳动节前后开展竞赛", "2025年工作"])
def test_dates_are_not_numbering(text):
    assert numbering(text) is None


def test_month_label_that_looks_like_a_heading_goes_to_the_schedule():
    data = one_plan(
        HEAD + "一、加强学习\n（一）学习。\n二、月度安排\n六月份：演讲比赛\n七、八月份：疗休养\n"
    )
    assert levels(data) == [1, 1]
    assert [e["month"] for e in data["schedule"]] == [6, 7, 8]
    assert data["schedule"][1]["work"] == "疗休养"


def test_parts_of_a_plan():
    text = (
        HEAD + "一、指导思想\n以服务职工为中心。\n二、工作目标\n1.入会率95%以上。\n2.活动6次。\n"
        "三、主要任务\n（一）学习\n（二）维权\n四、保障措施\n（一）组织保障。领导负责。\n"
    )
    data = one_plan(text)
    assert data["ideology"] == ["以服务职工为中心。"]
    assert [g["text"] for g in data["goals"]] == ["入会率95%以上。", "活动6次。"]
    assert titles(data) == ["学习", "维权"]
    assert data["safeguards"] == [{"title": "组织保障。", "text": ["领导负责。"]}]


def test_run_in_ideology():
    data = one_plan(HEAD + "一、指导思想：以服务职工为中心，推动发展。\n二、主要任务\n（一）学习\n")
    assert data["ideology"][0].startswith("以服务职工为中心")


def test_several_plans_split_at_repeated_titles():
    text = "甲工会2025年工作计划\n一、学习\n二、维权\n甲工会2025年工作计划\n一、文体\n"
    result = run_import(text)
    assert len(result.texts) == 2


def test_page_that_starts_mid_list():
    text = "三、做好帮扶工作\n（一）建立档案。\n四、加强自身建设\n（一）学习。\n"
    out = source(text, year=2025)
    assert any("starts mid-list" in c for c in comments(out))
    assert any("no title found" in c for c in comments(out))


def test_plan_without_title_or_year():
    out = source("一、学习\n二、维权\n")
    notes = comments(out)
    assert any("year not found" in n for n in notes)
    assert any("organisation not found" in n for n in notes)


def test_title_year_contradicted_by_the_body():
    text = "某工会2024年工作计划\n2019年，工会将做好以下工作。\n一、2019年要开展竞赛。\n二、学习\n"
    out = source(text)
    assert "year: 2019  # imported: the title says 2024" in out


def test_traditional_characters():
    data = one_plan("某某工會2025年工作計劃\n一、加強學習\n二、維權\n")
    assert data["title"] == "某某工會2025年工作計劃"
    assert data["year"] == 2025 and len(data["tasks"]) == 2


def test_pinyin_annotations_and_invisible_characters_are_dropped():
    result = run_import(HEAD + "一、召开工會(huì)代表大\u200b会\n")
    text = result.texts[0]
    assert "title: 召开工會代表大会" in text
    assert "pinyin (huì)" in result.dropped and "invisible characters" in result.dropped


def test_full_and_half_width_forms_are_one_style():
    data = one_plan(HEAD + "（一）甲\n(二)乙\n（三）丙\n")
    assert levels(data) == [3]
    assert titles(data) == ["甲", "乙", "丙"]  # the text itself is kept as written


def test_summary_titled_as_a_plan_is_marked():
    text = (
        HEAD + "一年来，工会取得了显著成绩。\n一、回顾\n（一）圆满完成了换届。共组织活动8次。\n"
        "（二）完成了会员发展。\n"
    )
    assert any("reads like a year-end summary" in c for c in comments(source(text)))


def test_numbered_work_under_month_labels_becomes_tasks_due_that_month():
    text = (
        HEAD
        + "一、加强学习\n（一）学习。\n二、具体工作安排\n三月份：\n1、开展妇女节活动\n2、组织植树\n"
        "四月份：\n1、春季运动会\n三、保障措施\n（一）组织保障。\n"
    )
    data = one_plan(text)
    # the months hold their items as tasks due that month; the schedule derives from them
    assert titles(data) == ["加强学习", "具体工作安排"]
    assert titles(data, 1) == ["学习。", "三月份", "四月份"]
    months = task(data, "t2")["tasks"]
    assert [(t["title"], t["deadline"]) for t in months[0]["tasks"]] == [
        ("开展妇女节活动", "3月"),
        ("组织植树", "3月"),
    ]
    assert [(t["title"], t["deadline"]) for t in months[1]["tasks"]] == [("春季运动会", "4月")]
    assert "schedule" not in data
    assert data["safeguards"] == [{"text": "组织保障。"}]


def test_site_marks_inside_the_text_are_dropped():
    result = run_import(HEAD + "一、加强www.fanwen.com学习（本文来自范文网）\n二、维权\n")
    assert "title: 加强学习" in result.texts[0]
    assert "www.fanwen.com" in result.dropped


def test_title_of_a_notice_wrapping_the_plan():
    data = one_plan("关于印发《某某公司工会2025年工作要点》的通知\n一、学习\n")
    assert data["organisation"] == "某某公司工会"
    assert data["year"] == 2025
