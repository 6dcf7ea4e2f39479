"""A year-end summary known by the shape of its text when no title line says so; plans
written in the future stay plans."""

from __future__ import annotations

from import_helpers import comments, levels, source
from planforge.load import parse


def _is_summary(text: str) -> bool:
    return "summary" in parse(source(text)).data or _marked(text)


def _marked(text: str) -> bool:
    return any("imported as a year-end summary" in c for c in comments(source(text)))


def test_a_title_run_into_the_text_names_the_summary():
    # a viewer's dump: the title and the opening sentence on one line
    text = (
        "滨河社区工会2023年度工作总结2023年,社区工会在街道党工委的领导下,团结带领职工,"
        "做好服务,全年开展了十余项活动。 一、夯实基层组织 年内新建小区工会两个,发展会员八十人,"
        "对新建的工会逐一进行了工作指导,帮助它们建立了会员台账和经费制度。"
        " 二、关爱困难职工 春节前走访困难职工十二户,送去了慰问金和米面油,"
        "为两名大病职工申请了区总工会的专项救助。\n"
    )
    assert _marked(text)
    assert levels(parse(source(text)).data) == [2]


def test_a_plan_title_run_into_the_text_keeps_a_plan_a_plan():
    # the plan opens by looking back on last year in the past tense
    text = (
        "滨河社区工会2024年工作计划2023年,社区工会开展了技能比武,举办了职工运动会,"
        "组织了春季踏青,完成了会员实名制录入,取得了一定成绩。 一、夯实基层组织 新建小区工会两个。"
        " 二、关爱困难职工 春节前走访困难职工。\n"
    )
    assert not _marked(text)


def test_the_verb_of_an_opening_sentence_is_no_title():
    text = (
        "认真总结2023年工作经验,社区工会开展了技能比武,举办了职工运动会。\n"
        "一、夯实基层组织\n1、今年要新建小区工会两个。\n2、力争发展会员一百人。\n"
        "二、关爱困难职工\n1、春节前将走访困难职工。\n"
    )
    assert not _marked(text)


def test_month_rows_reporting_done_work_are_a_summary():
    # page 2 of a summary in traditional characters: no title, no headings, month rows
    text = (
        "三月份：組織全體教職工進行了消防演練，發放了安全手冊；中旬舉行了插花比賽。\n"
        "四月份：工會為職工辦理了體檢，開展了春季健步走，二十人獲得了獎勵。\n"
        "五月份：慶祝勞動節，表彰了十名先進職工，舉辦了職工書畫展。\n"
    )
    out = source(text)
    assert _marked(text)
    assert [e["month"] for e in parse(out).data["schedule"]] == [3, 4, 5]
    assert any("read as a year-end summary although no title says so" in c for c in comments(out))


def test_month_rows_of_planned_work_stay_a_plan():
    text = (
        "三月份：组织全体教职工进行消防演练，发放安全手册。\n"
        "四月份：为职工办理体检，开展春季健步走。\n"
        "五月份：庆祝劳动节，表彰先进职工，举办职工书画展。\n"
    )
    assert not _marked(text)


def test_untitled_text_reporting_done_work_is_a_summary():
    # no title, a results heading that a plan also has (主要工作), told in the past tense
    text = (
        "一年以来,厂工会在厂党委的领导下,顺利地完成了全年的工作任务,职工的获得感明显增强。\n"
        "一、主要工作:\n1、组建工会:\n九月份完成了三个车间工会的组建,发展了会员120人。\n"
        "2、医疗互助:\n共计420人参保,超额完成了任务。\n3、文体活动:\n举办了篮球赛,荣获区级团体二等奖。\n"
    )
    assert _marked(text)


def test_untitled_plan_with_a_look_back_stays_a_plan():
    text = (
        "过去一年,厂工会开展了技能比武,取得了较好成绩。新的一年,厂工会将围绕中心工作,"
        "做好以下工作:\n一、主要工作:\n1、组建工会:年内要完成三个车间工会的组建。\n"
        "2、医疗互助:力争参保420人。\n3、文体活动:计划举办篮球赛,确保职工参与。\n"
    )
    assert not _marked(text)


def test_a_summary_of_plans_heading_over_a_plan_stays_a_plan():
    # a compilation's heading over an activity plan, as a translation words 计划汇总
    text = (
        "Summary of Riverside Union Activity Plans 2025\n\n"
        "The union will hold a series of events for members this spring.\n\n"
        "I. Aims\n\n"
        "We will bring members together and welcome new staff.\n\n"
        "Second, the activities\n\n"
        "(1) A quiz night for all departments\n\n"
        "Teams of four will compete in April.\n\n"
        "(two) A family open day\n\n"
        "Members will be invited to bring their families in May.\n"
    )
    data = parse(source(text)).data
    assert not _marked(text)
    # (two) is item 2 beside (1), as （二） beside （一）
    assert levels(data) == [2, 2]
    assert [t["title"] for t in data["tasks"][1]["tasks"]] == [
        "A quiz night for all departments",
        "A family open day",
    ]


def test_a_summary_of_plans_heading_over_a_report_is_a_summary():
    # near miss: the same heading over text reporting done work
    text = (
        "Summary of Riverside Union Activity Plans 2024\n\n"
        "In the past year we held a quiz night and we organised a family open day.\n\n"
        "I. Events\n\n"
        "We delivered six events and we recruited forty members.\n\n"
        "II. Members\n\n"
        "We achieved our recruitment target and we completed the member survey.\n"
    )
    assert _marked(text)


def test_a_work_report_whose_part_looks_back_is_a_summary():
    # 工作报告 names neither a plan nor a summary; its first part reviews the year
    text = (
        "2023年度机关工会工作报告\n"
        "2023年，机关工会在机关党委领导下，围绕中心工作，团结带领干部职工履职尽责。\n"
        "一、2023年工作回顾\n"
        "（一）抓好思想引领\n"
        "1.组织职工学习工会章程，举办读书分享会。\n"
        "2.开展劳模宣讲进机关活动。\n"
        "（二）做好服务职工\n"
        "1.春节前走访困难职工。\n"
    )
    assert _marked(text)
    assert levels(parse(source(text)).data) == [2, 3]


def test_a_work_report_of_plans_only_stays_a_plan():
    # near miss: a report whose parts all set out next year's work
    text = (
        "2024年度机关工会工作报告\n"
        "一、加强思想引领\n"
        "1.组织职工学习工会章程。\n"
        "2.开展劳模宣讲进机关活动。\n"
        "二、做好服务职工\n"
        "1.春节前走访困难职工。\n"
    )
    assert not _is_summary(text)
