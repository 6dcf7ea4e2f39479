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


BESIDE_EN = (
    "Harbour Branch Work Plan 2025\n"
    "Adopted by the branch committee in January 2025\n"
    "Goal: To grow into a confident, well organised branch with a steward in every depot and a\n"
    "newsletter that reaches every member, ready to open talks on the next Annual Pay and Hours\n"
    "Claim:\n"
    "• Recruit a steward at each depot;\n• Publish the newsletter every month;\n"
    "• Train ten new representatives\n"
    "I. Organising\nA. Recruitment\n1. Hold a welcome session each quarter\n"
    "2. Visit every depot twice a year\nB. Stewards\n1. Run a steward course in spring\n"
    "II. Communication\nA. Publish the newsletter\n"
)


def test_a_label_over_a_list_of_its_own_stands_beside_the_numbered_parts():
    out = source(BESIDE_EN)
    data = parse(out).data
    # the label's text wrapped over three lines, the last at a capital, is one line
    assert [g["text"] for g in data["goals"]] == [
        "To grow into a confident, well organised branch with a steward in every depot and a "
        "newsletter that reaches every member, ready to open talks on the next Annual Pay and "
        "Hours Claim",
        "Recruit a steward at each depot;",
        "Publish the newsletter every month;",
        "Train ten new representatives",
    ]
    assert titles(data) == ["Organising", "Communication"]
    assert levels(data) == [2, 3, 3]
    assert any("taken as a part: it heads a list of its own" in c for c in comments(out))
    # near miss: the same label under I. is that part's, not a part beside it
    inside = BESIDE_EN.replace("I. Organising\n", "").replace("Goal:", "I. Organising\nGoal:")
    data = parse(source(inside)).data
    assert "goals" not in data
    assert titles(data) == ["Organising", "Communication"]


def test_a_wrapped_paragraph_ending_short_is_not_continued_at_a_capital():
    text = (
        "Harbour Branch Work Plan 2025\n"
        "The branch will keep members at the centre of its work this year and will report on\n"
        "progress to every meeting of the committee\n"
        "Recruitment:\n1. Hold a welcome session each quarter.\n2. Visit every depot.\n"
        "Communication:\n1. Publish a monthly newsletter.\n2. Update the notice boards.\n"
    )
    data = parse(source(text)).data
    assert titles(data) == ["Recruitment", "Communication"]
    assert levels(data) == [2, 4]


def test_a_label_over_its_own_list_before_the_numbered_parts_is_a_part_in_chinese():
    text = (
        "某区总工会2025年工作计划\n今年总工会围绕中心工作，团结动员职工建功立业。\n"
        "为民办实事：\n1、开展劳动和技能竞赛。\n2、推进产业工人队伍建设改革。\n3、做好困难职工帮扶。\n"
        "一、加强思想引领\n（一）深化理论学习。\n"
        "二、维护职工权益\n具体措施：\n1、推进集体协商。\n2、开展法律援助。\n"
    )
    out = source(text)
    data = parse(out).data
    assert titles(data) == ["为民办实事", "加强思想引领", "维护职工权益"]
    assert levels(data) == [3, 6]
    # near miss: the label over a list under 二、 stays that part's (left out, noted)
    assert titles(data, 1)[-2:] == ["推进集体协商。", "开展法律援助。"]
    assert any('the label "具体措施：" above a numbered list left out' in c for c in comments(out))


def test_a_label_with_its_statement_beside_a_bare_label_is_a_sibling_part():
    text = (
        "某小学工会2025年工作计划\n"
        "今年工会将团结带领全体教职工,围绕学校中心工作开展各项活动。\n"
        "工作思路:以服务教职工为中心,办好教工之家,做好民主管理,关心教职工生活。\n"
        "全年活动安排:\n"
        "三月份:\n1、庆祝三八妇女节。\n2、教工趣味运动会。\n"
        "四月份:\n1、春季踏青活动。\n"
        "七、八月份:暑期休整。\n"
        "九月份:\n1、庆祝教师节。\n2、新会员入会。\n"
    )
    out = source(text)
    data = parse(out).data
    # 工作思路 is the plan's named part, its statement the ideology; the months sit under
    # the label beside it
    assert data["ideology"][-1].startswith("以服务教职工为中心")
    assert titles(data) == ["全年活动安排"]
    assert titles(data, 1) == ["三月份", "四月份", "七、八月份", "九月份"]
    assert levels(data) == [1, 4, 5]
    assert any(c.startswith('"工作思路" taken as a part with its text') for c in comments(out))


def test_a_label_with_its_statement_and_no_bare_label_beside_it_stays_text():
    # near misses: no bare label beside it; an owner's label; a label after the list began
    lines = ["某小学工会2025年工作计划", "工作思路:以服务教职工为中心,办好教工之家。"]
    lines += ["三月份:", "1、庆祝三八妇女节。", "负责人:工会主席", "2、教工趣味运动会。"]
    lines += ["四月份:", "1、春季踏青活动。"]
    data = parse(source("\n".join(lines))).data
    assert (titles(data), levels(data)) == (["三月份", "四月份"], [2, 3])
    assert data["ideology"] == ["工作思路:以服务教职工为中心,办好教工之家。"]  # a paragraph
