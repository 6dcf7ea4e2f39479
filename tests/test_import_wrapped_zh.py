"""Chinese text copied with its page's line breaks (a PDF or a document viewer copied as
text): a line cut where it filled the width is joined to the line it goes on in, without
a space; a page number between the two halves is left out. Lines that end a sentence,
numbered lines, headings, month labels and title lines stay lines of their own. Texts
written for the tests."""

from __future__ import annotations

from import_helpers import levels, one_plan, run_import
from planforge.importer.txt import read_txt

WIDE = """\
河西区教育工会2025年工作计划
一、指导思想
坚持以职工为中心的工作导向，围绕全区教育事业发展大局，认真履行维护、建设、参与
、教育四项职能，团结动员广大教职工立足本职岗位建功立业，为办好人民满意的教育贡
献工会力量。
二、主要工作
1、健全校务公开和教代会制度，每学期至少召开一次教代会，做好提案的征集、立案和
督办工作；
2、办好工会刊物，每季度出版一期“教工之家”简报，及时宣传各校工会工作的好做法好
经验；
3、开展困难教职工帮扶，建立帮扶台账，做到底数清、情况明，在重大节日走访慰问困
7
难教职工和退休教师，把组织的温暖送到他们身边。
4、组织教职工体检
三、活动安排
三月份：
1、庆祝三八妇女节
"""


def test_wide_lines_cut_mid_word_are_joined():
    data = one_plan(WIDE)
    assert data["ideology"] == [
        "坚持以职工为中心的工作导向，围绕全区教育事业发展大局，认真履行维护、建设、参与"
        "、教育四项职能，团结动员广大教职工立足本职岗位建功立业，为办好人民满意的教育贡"
        "献工会力量。"
    ]
    work = data["tasks"][:4]  # 主要工作's items are the plan's tasks
    assert [t["title"][-8:] for t in work] == [
        "提案的征集、立案和督办工作；"[-8:],
        "工会工作的好做法好经验；"[-8:],
        "把组织的温暖送到他们身边。"[-8:],
        "组织教职工体检",
    ]
    assert "“教工之家”简报" in work[1]["title"]
    assert not any("text" in t for t in work)  # no half of an item left as its text
    assert levels(data) == [5, 1, 1]


def test_a_page_number_inside_a_paragraph_is_dropped_and_reported():
    result = run_import(WIDE)
    assert "dropped as web residue: the page number 7" in result.texts[0]
    assert "'7'" not in result.texts[0]  # not kept as a line of the plan
    assert "走访慰问困难教职工" in result.texts[0]


def test_lines_ending_a_sentence_or_starting_their_own_stay_apart():
    # near misses: a heading with no stop over its paragraph, an item with no stop over
    # the next, a month label and a title line after a full line with no stop
    text = (
        "一、加强组织建设\n"
        "工会要按照章程按期换届，做好会员发展工作，确保新入职的教职工全部加入工会组织。\n"
        "1、做好新入职教职工入会工作，做到应入尽入，建立健全会员信息台账并及时更新管理\n"
        "2、做好会费收缴\n"
        "组织教职工参加全区职工运动会和各类文体比赛，丰富教职工的业余文化生活和精神生活\n"
        "十月份：\n"
        "开展教职工读书活动，评选书香教师并在全区推广各校读书活动的经验做法和典型案例等\n"
        "河西区教育工会工作计划\n"
    )
    lines = [b.text for b in read_txt(text)]
    assert lines == text.splitlines()


def test_a_narrow_page_is_joined_at_its_own_width():
    # a page 20 characters wide: three or more lines cut at about one width show it
    text = (
        "某医院工会工作计划\n"
        "一月份\n"
        "1，开展送温暖活动，召开福利委员会审批\n"
        "困难补助，探访住院职工。\n"
        "2，收缴本年度会费，召开工会委员会，\n"
        "汇报工会开展的工作。\n"
        "二月份\n"
        "1，召开教职工代表大会，审议院长报告\n"
        "和财务报告。\n"
        "2，筹备优秀员工表彰大会\n"
        "3，召开工会工作研讨会\n"
    )
    assert [b.text for b in read_txt(text)] == [
        "某医院工会工作计划",
        "一月份",
        "1，开展送温暖活动，召开福利委员会审批困难补助，探访住院职工。",
        "2，收缴本年度会费，召开工会委员会，汇报工会开展的工作。",
        "二月份",
        "1，召开教职工代表大会，审议院长报告和财务报告。",
        "2，筹备优秀员工表彰大会",
        "3，召开工会工作研讨会",
    ]


def test_a_short_line_with_no_column_is_not_cut():
    # near miss: one 20-character line ending on a character, no column of such lines
    text = "一、工作目标\n建设职工满意的模范职工之家争创先进\n全年发展新会员二十名。\n"
    assert [b.text for b in read_txt(text)] == text.splitlines()
