"""The `# imported:` notes tell the truth (issue 16): a first line that is the title is
taken as one, a close language call is said, "?" for lost characters is named and does
not cut a title. Texts written for the tests, each with a near miss."""

from __future__ import annotations

from import_helpers import comments, source
from planforge.load import parse


def test_a_first_line_without_a_plan_word_is_the_title_and_the_note_says_so():
    text = (
        "滨江街道总工会2025年重点工作\n一、建会入会\n1、新建非公企业工会。\n2、发展快递员入会。\n"
    )
    out = source(text)
    data = parse(out).data
    assert (data["title"], data["organisation"], data["year"]) == (
        "滨江街道总工会2025年重点工作",
        "滨江街道总工会",
        2025,
    )
    assert "no title found" not in comments(out)
    assert any(c.startswith("title taken from the first line") for c in comments(out))


def test_a_part_heading_on_the_first_line_is_not_a_title():
    # near miss: the text starts at its first part, without a title
    out = source("指导思想\n坚持服务职工。\n一、建会入会\n1、新建工会。\n")
    assert "title" not in parse(out).data
    assert "no title found" in comments(out)


def test_a_chinese_page_with_web_addresses_is_chinese_and_a_close_call_is_noted():
    addresses = " ".join(f"https://www.gonghuijihua{i}.com/fanwen/jihua.html" for i in range(12))
    text = f"{addresses}\n某社区工会2023年工作计划\n一、开展活动\n1、组织职工读书会。\n"
    data = parse(source(text)).data
    assert data["language"] == "zh"
    # a page with as many Latin letters as Han characters: the guess is noted
    mixed = (
        "某社区工会2023年工作计划\n一、开展活动\n"
        "1、组织职工读书会 Reading Club for Staff and Families Every Month。\n"
    )
    assert any(c.startswith("guessed from the text") for c in comments(source(mixed)))
    # near miss: a plainly Chinese plan carries no language note
    plain = "某社区工会2023年工作计划\n一、开展活动\n1、组织职工读书会。\n"
    assert not any("guessed from the text" in c for c in comments(source(plain)))


def test_question_marks_for_lost_characters_are_named_and_cut_nothing():
    text = "某社区工会2023年工?作计划\n一、开展活动\n1、组织职工??读书会?并且评选优秀读者。\n"
    out = source(text)
    data = parse(out).data
    assert data["organisation"] == "某社区工会"
    task = data["tasks"][0]["tasks"][0]
    assert task["title"] == "组织职工??读书会?并且评选优秀读者。"
    assert any('"?" among Chinese characters' in c for c in comments(out))


def test_a_real_question_still_ends_a_title():
    # near miss: a full-width question mark is a sentence end, and no encoding note
    out = source("某社区工会2023年工作计划\n一、开展活动\n1、如何办好读书会？每月评选优秀读者。\n")
    task = parse(out).data["tasks"][0]["tasks"][0]
    assert task["title"] == "如何办好读书会？"
    assert not any('"?"' in c for c in comments(out))
