"""Label lines (主要目标：, 具体措施：, Objectives:) in published plans: the parts of a plan
divided by labels, or labels inside a plan whose parts are numbered. Texts written for
the tests, each with a near miss."""

from __future__ import annotations

from import_helpers import comments, levels, source, titles
from planforge.load import parse


def test_labels_over_lists_are_the_parts_of_a_plan_numbered_no_other_way():
    text = (
        "某社区工会2025年工作计划\n今年社区工会围绕中心、服务大局，团结带领辖区职工建功立业。\n"
        "主要目标：\n1、新建基层工会3家。\n2、发展会员100名。\n"
        "具体措施：\n1、开展职工技能竞赛。\n2、组织职工健康体检。\n3、走访慰问困难职工。\n"
    )
    out = source(text)
    data = parse(out).data
    assert [g["text"] for g in data["goals"]] == ["新建基层工会3家。", "发展会员100名。"]
    # the measures listed are the plan's work when no part names the tasks
    assert titles(data) == ["开展职工技能竞赛。", "组织职工健康体检。", "走访慰问困难职工。"]
    assert data["ideology"] == ["今年社区工会围绕中心、服务大局，团结带领辖区职工建功立业。"]
    assert any('"具体措施" taken as the tasks' in c for c in comments(out))
    # near miss: a sentence leading into a list (…安排如下：) is not a label
    lead = parse(
        source("某社区工会2025年工作计划\n今年工作安排如下：\n1、建会。\n2、发展会员。\n")
    ).data
    assert titles(lead) == ["建会。", "发展会员。"]


def test_english_labels_divide_a_plan_into_parts():
    text = (
        "Riverside Branch Work Plan 2025\n"
        "The branch will keep members at the centre of its work this year.\n"
        "Objectives:\n1. Recruit 50 new members.\n2. Hold the annual general meeting.\n"
        "Recruitment:\nEach depot representative will hold a welcome session every quarter.\n"
        "Communication:\n1. Publish a monthly newsletter.\n2. Update the notice boards.\n"
    )
    data = parse(source(text)).data
    assert [g["text"] for g in data["goals"]] == [
        "Recruit 50 new members.",
        "Hold the annual general meeting.",
    ]
    assert levels(data) == [2, 2]
    assert titles(data) == ["Recruitment", "Communication"]
    assert data["tasks"][0]["text"].startswith("Each depot representative")


def test_labels_in_a_plan_with_numbered_parts_are_no_level():
    html = (
        "<html><body><h1>某街道总工会2025年工作计划</h1>"
        "<p><strong>一、指导思想</strong></p><p>坚持以职工为中心，团结动员广大职工建功立业。</p>"
        "<p><strong>二、重点工作</strong></p><p><strong>具体措施：</strong></p>"
        "<p>1、开展职工技能竞赛。</p><p>2、组织职工健康体检。</p>"
        "<p><strong>工作思路：</strong>以服务职工为主线。</p>"
        "<p><strong>三、保障措施</strong></p><p>加强经费保障，落实专人负责。</p></body></html>"
    )
    out = source(html, "plan.html")
    data = parse(out).data
    assert levels(data) == [2]
    assert titles(data) == ["开展职工技能竞赛。", "组织职工健康体检。"]
    assert any('the label "具体措施：" above a numbered list left out' in c for c in comments(out))
    # near miss: a bold label with its text after the colon is a paragraph, kept whole
    assert data["tasks"][1]["text"] == "工作思路：以服务职工为主线。"
