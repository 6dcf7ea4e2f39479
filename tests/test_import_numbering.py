"""Numbering as pages write it beside the usual 一、 and 1.: a comma for the 、 (一, 1,),
on texts written for the tests, each with a near miss that stays text."""

from __future__ import annotations

from import_helpers import comments, levels, one_plan, source, titles
from planforge.load import parse


def test_numbers_with_a_comma_are_numbering_in_sequence():
    text = (
        "光明医院工会2025年工作计划\n"
        "一,加强职工之家建设\n"
        "1,完善职工活动室,添置健身器材;\n"
        "2,开展职工读书活动;\n"
        "二,关心职工生活\n"
        "1、做好困难职工帮扶;\n"
        "2, 组织职工健康体检;\n"
        "3,开展夏季送清凉活动。\n"
    )
    out = source(text)
    data = parse(out).data
    assert levels(data) == [2, 5]
    assert titles(data) == ["加强职工之家建设", "关心职工生活"]
    assert titles(data, 1)[-1] == "开展夏季送清凉活动。"
    assert "6 numbers followed by a comma (一, 1,) read as numbering" in comments(out)


def test_a_number_and_comma_with_no_neighbour_or_before_a_digit_stays_text():
    text = (
        "光明医院工会2025年工作计划\n"
        "一、加强职工之家建设\n"
        "1、完善职工活动室。\n"
        "1,200名会员参加年度体检,费用由工会经费列支。\n"
        "2、开展职工读书活动。\n"
        "3, 4月份组织春游。\n"
        "二、关心职工生活\n"
        "5,女职工专项体检由工会统一安排。\n"
    )
    data = one_plan(text)
    # near misses: 1,200名 is an amount; `3, 4月份` a series; 5, has no 4, or 6, beside it
    assert levels(data) == [2, 2]
    assert titles(data, 1) == ["完善职工活动室。", "开展职工读书活动。"]
    first = data["tasks"][0]["tasks"]
    assert first[0]["text"].startswith("1,200名会员参加年度体检")
    assert "3, 4月份组织春游。" in first[1]["text"]
    assert data["tasks"][1]["text"] == "5,女职工专项体检由工会统一安排。"


def test_an_item_with_a_comma_may_open_with_a_number():
    text = (
        "光明医院工会2025年工作计划\n"
        "五月份\n"
        "1,开展职工歌咏比赛\n"
        "2,40岁以上职工健康体检\n"
        "3,2次女职工专题讲座\n"
        "六月份\n"
        "1,组织职工子女参观科技馆,1,500名职工子女报名\n"
        "2,送清凉活动\n"
        "二, 100名会员参加工会培训。\n"
        "1,200名会员参加夏季疗休养。\n"
        "1, 2日组织工会干部学习。\n"
    )
    data = one_plan(text)
    # 2,40岁 and 3,2次 are items 2 and 3 (1, 2, 3 in sequence)
    assert levels(data) == [2, 5]
    assert titles(data, 1)[:3] == ["开展职工歌咏比赛", "40岁以上职工健康体检", "2次女职工专题讲座"]
    # near misses: 1,200名 is a thousands group, `1, 2日` a series of days, `二, 100名` no
    # part (no 一, beside it): all three stay text of the item above
    assert data["tasks"][1]["tasks"][1]["text"] == [
        "二, 100名会员参加工会培训。",
        "1,200名会员参加夏季疗休养。",
        "1, 2日组织工会干部学习。",
    ]


def test_english_items_numbered_with_a_comma():
    text = (
        "Riverside School Union Work Plan 2025\n\n"
        "First, recruitment\n\n"
        "1, visit every new teacher in September and invite them to join.\n\n"
        "2, hold a members' meeting in each department.\n\n"
        "Second, welfare\n\n"
        "The union will keep the hardship fund open from January\n"
        "1, 2025 to the end of the school year.\n"
    )
    data = one_plan(text)
    assert levels(data) == [2, 2]
    assert titles(data, 1) == [
        "visit every new teacher in September and invite them to join.",
        "hold a members' meeting in each department.",
    ]
    # near miss: a date's `1, 2025` wrapped to the start of a line is text
    assert "1, 2025 to the end of the school year." in data["tasks"][1]["text"]


def test_a_text_starting_mid_list_keeps_its_orphan_item_beside_the_next_part():
    # the excerpt starts at item 3、 of part 三、; 四、 is a part beside it, and its month
    # headings hold numbered items
    text = (
        "某小学工会2025年工作计划\n"
        "3、做好工会档案管理，完善会员登记资料。\n"
        "(1)每学期核对一次会员名册。\n"
        "(2)年底将资料归档。\n"
        "四、主要活动安排：\n"
        "一月份：\n"
        "1、举办迎新年联欢会。\n"
        "2、走访慰问退休教师。\n"
        "三月份：\n"
        "1、开展三八节女教工活动。\n"
        "七、八月份：\n"
        "1、组织教师暑期疗休养。\n"
        "2、做好新学期准备。\n"
    )
    out = source(text)
    data = parse(out).data
    assert titles(data) == ["做好工会档案管理，完善会员登记资料。", "主要活动安排："]
    # near miss: (1) (2) below the orphan are its items, not parts
    assert levels(data) == [2, 5, 5]
    assert titles(data, 1)[2:] == ["一月份", "三月份", "七、八月份"]
    assert 'the text starts mid-list, at "3、"' in comments(out)


def test_skipped_numbers_under_an_item_stay_under_it():
    text = (
        "某街道总工会2025年工作计划\n"
        "一、主要工作\n"
        "1、做好企业建会工作。\n"
        "2、开展帮困送温暖活动。\n"
        "(1)建立困难职工档案。\n"
        "(2)春节走访慰问困难职工。\n"
        "3.丰富职工文化生活。\n"
        "(2)五月举办青年职工联谊活动。\n"
        "(5)九月举办职工运动会。\n"
        "二、保障措施\n"
        "加强工会干部队伍建设。\n"
    )
    out = source(text)
    data = parse(out).data
    work = data["tasks"]
    # (2) after 一、's count of 1 is no second part: it stays under 3., as (5) does
    assert [t["title"] for t in work] == [
        "做好企业建会工作。",
        "开展帮困送温暖活动。",
        "丰富职工文化生活。",
    ]
    assert titles(data, 1) == [
        "建立困难职工档案。",
        "春节走访慰问困难职工。",
        "五月举办青年职工联谊活动。",
        "九月举办职工运动会。",
    ]
    assert 'numbering skips to "(2)" (after none); kept where it stands' in comments(out)
    assert 'numbering skips to "(5)" (after 2); kept where it stands' in comments(out)


def test_parts_numbered_one_two_stay_above_items_numbered_one_two():
    # a short list before the first part; 一、 > 1. as usual once the parts begin
    text = (
        "某集团工会2025年工作计划\n"
        "1.坚持围绕中心。\n"
        "2.坚持服务职工。\n"
        "一、加强职工权益保障\n"
        "1.推进集体协商。\n"
        "2.开展法律援助。\n"
        "二、提升职工福利\n"
        "1.健全福利制度。\n"
        "三、促进和谐劳动关系\n"
        "1.组织职工活动。\n"
        "(1)举办职工运动会。\n"
    )
    data = one_plan(text)
    assert titles(data)[2:] == ["加强职工权益保障", "提升职工福利", "促进和谐劳动关系"]
    assert levels(data) == [5, 4, 1]


def test_items_numbered_one_two_stay_under_a_numbered_item_above_them():
    # near miss: （一） under 1. is a plan's own (if unusual) order; it is kept
    text = (
        "某集团工会2025年工作计划\n"
        "1.加强职工权益保障\n"
        "(一)推进集体协商。\n"
        "(二)开展法律援助。\n"
        "2.提升职工福利\n"
        "(一)健全福利制度。\n"
    )
    data = one_plan(text)
    assert levels(data) == [2, 3]


def test_a_first_item_after_a_colon_with_the_rest_on_their_own_lines():
    text = (
        "某中学工会2025年春游活动方案\n"
        "一、活动时间\n"
        "4月12日(周六)一天。\n"
        "二、注意事项\n"
        "具体事项:1、学校只承担车费,其余费用自理。\n"
        "2、报名截止到4月8日。\n"
        "3、请参加者准时集合。\n"
        "三、活动地点\n"
        "本市东山公园。说明:1、雨天顺延。\n"
    )
    data = one_plan(text)
    assert levels(data) == [3, 3]
    assert titles(data, 1)[0] == "学校只承担车费,其余费用自理。"
    # near miss: 1、 after a colon with no 2、 on the next line stays in its paragraph
    assert data["tasks"][2]["text"] == "本市东山公园。说明:1、雨天顺延。"
