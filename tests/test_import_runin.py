"""Run-in numbering (issue 16): a list run into a paragraph after its colon, numbering
continued across parts, a viewer's page chunks between items. Texts written for the
tests, each with a near miss."""

from __future__ import annotations

from import_helpers import comments, levels, source, titles
from planforge.load import parse


def test_a_chinese_list_run_into_a_paragraph_is_split_into_items():
    text = (
        "某校工会2025年工作计划\n"
        "今年工会工作安排如下：一、加强组织建设。发展新会员20名。二、推进民主管理。召开教代会1次。\n"
    )
    data = parse(source(text)).data
    assert titles(data) == ["加强组织建设。", "推进民主管理。"]
    assert data["tasks"][0]["text"] == "发展新会员20名。"
    assert data["ideology"] == ["今年工会工作安排如下："]


def test_an_english_list_run_into_a_paragraph_is_split_into_items():
    text = (
        "Riverside Branch Work Plan 2025\n"
        "This year the branch will: 1 . Recruit new members at every depot. "
        "2 . Hold the annual general meeting in March. 3 . Publish a newsletter.\n"
    )
    data = parse(source(text)).data
    assert titles(data) == [
        "Recruit new members at every depot.",
        "Hold the annual general meeting in March.",
        "Publish a newsletter.",
    ]


def test_numbers_in_a_sentence_are_not_a_run_in_list():
    # near miss: 2、3号楼 after a colon's sentence is not a list (no 1、 after the colon)
    data = parse(
        source("某校工会2025年工作计划\n会议时间：3月。地点：一楼会议室。2、3号楼不开放。\n")
    ).data
    # no structure: the sentences become tasks as written, 2、3号楼 not cut as item 2
    assert [t["title"] for t in data["tasks"]] == ["地点：一楼会议室。", "2、3号楼不开放。"]


def test_numbering_continued_across_parts_stays_under_each_part():
    text = (
        "某校工会2025年工作计划\n一、组织建设\n"
        + "".join(f"{n}、第{n}项工作。\n" for n in range(1, 7))
        + "二、民主管理\n"
        + "".join(f"{n}、第{n}项工作。\n" for n in range(7, 13))
    )
    out = source(text)
    data = parse(out).data
    assert levels(data) == [2, 12]
    assert [len(t["tasks"]) for t in data["tasks"]] == [6, 6]
    # 11、 and 12、 continue the count: items, not January and February
    assert "schedule" not in data
    assert not any("mid-list" in c for c in comments(out))


def test_a_viewers_page_chunks_are_not_items():
    text = "某校工会2025年工作计划\n一、组织建设\n1、发展新会员。\n2/3\n2、规范会费收缴。\n·3·\n3、建设职工书屋。\n"
    out = source(text)
    data = parse(out).data
    assert titles(data, 1) == ["发展新会员。", "规范会费收缴。", "建设职工书屋。"]
    assert "2/3" in out.split("dropped as web residue:")[1].splitlines()[0]
    # near miss: a share written in a sentence stays
    kept = parse(source("某校工会2025年工作计划\n一、组织建设\n1、2/5的职工参加培训。\n")).data
    assert titles(kept, 1) == ["2/5的职工参加培训。"]


def test_several_items_on_one_line_are_split_into_items():
    text = (
        "某中学工会2025年工作计划\n一、主要工作\n"
        "1、开展教职工读书活动 2、组织教职工健康体检 3、做好困难教职工帮扶\n"
        "二、其他工作\n1、召开教代会；2、完善校务公开制度；3、办好职工书屋。\n"
        "4、在1、2月走访慰问困难职工，第1、2季度组织体检 5、年底评选优秀会员。\n"
    )
    out = source(text)
    data = parse(out).data
    assert titles(data) == [
        "开展教职工读书活动",
        "组织教职工健康体检",
        "做好困难教职工帮扶",
        "其他工作",
    ]
    assert titles(data, 1) == [
        "召开教代会",
        "完善校务公开制度",
        "办好职工书屋。",
        # near misses: 1、2月 and 第1、2季度 are a series of numbers, not items 1 and 2
        "在1、2月走访慰问困难职工，第1、2季度组织体检",
        "年底评选优秀会员。",
    ]
    assert sum("numbered items split" in c for c in comments(out)) == 3


def test_the_next_item_run_on_after_a_comma_is_split():
    text = (
        "某公司工会2025年工作计划\n一、组织集体活动\n"
        "1、一月份举办迎新年联欢会，2、二月份走访慰问一线职工，做好节日慰问工作。\n"
        "3、五月份组织职工参加分2、3批进行的健康体检，费用约1,2万元。\n"
        "4、九月份组织秋游，4、5个部门联合举办。\n"
    )
    out = source(text)
    data = parse(out).data
    assert titles(data, 1) == [
        "一月份举办迎新年联欢会",
        "二月份走访慰问一线职工，做好节日慰问工作。",
        # near misses: 2、3批 after a space and 4、5个 after a comma are series
        "五月份组织职工参加分2、3批进行的健康体检，费用约1,2万元。",
        "九月份组织秋游，4、5个部门联合举办。",
    ]
