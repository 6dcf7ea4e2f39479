"""Dates, deadlines, owners, titles: what the importer picks out of plan text."""

from __future__ import annotations

import datetime as dt

import pytest

from import_helpers import comments, one_plan, source, task
from planforge.importer.extract import (
    find_date,
    find_owners,
    organisation_in_title,
    title_years,
    unambiguous_deadline,
    years_in,
)
from planforge.load import parse
from planforge.model.deadline import parse_deadline


@pytest.mark.parametrize(
    ("text", "date", "day_guessed"),
    [
        ("二〇二五年一月", dt.date(2025, 1, 1), True),
        ("二〇二五年一月十日", dt.date(2025, 1, 10), False),
        ("二零二四年十二月二十八日", dt.date(2024, 12, 28), False),
        ("2005-3-1", dt.date(2005, 3, 1), False),
        ("2025年3月1日", dt.date(2025, 3, 1), False),
        ("２０２５年３月１日", dt.date(2025, 3, 1), False),
        ("2025.3.1", dt.date(2025, 3, 1), False),
        ("2025/03/01", dt.date(2025, 3, 1), False),
        ("March 1, 2005", dt.date(2005, 3, 1), False),
        ("1 March 2005", dt.date(2005, 3, 1), False),
        ("Xinxiang union, two oo, five years, March 1", dt.date(2005, 3, 1), False),
    ],
)
def test_date_forms(text, date, day_guessed):
    found = find_date(text)
    assert found is not None
    assert (found.date, found.day_guessed) == (date, day_guessed)


@pytest.mark.parametrize(
    ("text", "zh", "value"),
    [
        ("3月底前完成", True, "3月底前"),
        ("三月底前完成", True, "3月底前"),
        ("于6月20日前报送", True, "6月20日前"),
        ("第一季度召开", True, "第一季度"),
        ("上半年完成", True, "上半年"),
        ("每月开展一次", True, "每月"),
        ("5-6月组织比赛", True, "5-6月"),
        ("Finish by the end of June.", False, "by the end of June"),
        ("Hold it in the second quarter.", False, "Q2"),
        ("Report to members every month.", False, "every month"),
        ("Inspect the rooms in April.", False, "April"),
    ],
)
def test_deadline_forms_parse(text, zh, value):
    found, note = unambiguous_deadline(text, zh, 2025)
    assert found is not None and found.value == value
    parse_deadline(found.value, 2025)  # what is written must be understood by `check`
    assert note.startswith("deadline guessed from")


@pytest.mark.parametrize(
    ("text", "zh"),
    [("3月启动，6月完成", True), ("in May, July and October", False), ("3.8妇女节开展活动", True)],
)
def test_ambiguous_or_absent_deadline_is_left_empty(text, zh):
    found, _ = unambiguous_deadline(text, zh, 2025)
    assert found is None


@pytest.mark.parametrize(
    ("text", "zh", "owners"),
    [
        ("由工会办公室负责", True, ["工会办公室"]),
        ("由组织部和宣传部牵头", True, ["组织部", "宣传部"]),
        ("责任人：张三", True, ["张三"]),
        ("责任部门：工会办公室、财务科", True, ["工会办公室", "财务科"]),
        ("Owner: Union Office.", False, ["Union Office"]),
        ("led by the Women Workers Committee.", False, ["Women Workers Committee"]),
        ("由工会负责组织，责任人：李四", True, None),  # two owner phrases: ambiguous
        ("做好宣传工作", True, None),
    ],
)
def test_owners(text, zh, owners):
    assert find_owners(text, zh) == owners


@pytest.mark.parametrize(
    ("title", "zh", "org"),
    [
        ("某某学校工会2025年工作计划", True, "某某学校工会"),
        ("单位2024年工会工作计划 篇1", True, "单位工会"),
        ("某某公司工会二〇二五年工作要点", True, "某某公司工会"),
        ("City Straight Labor Union 2019 Work Plan", False, "City Straight Labor Union"),
        ("Trade union work plan in 2019 [school]", False, "School Trade union"),
        # a year without 年, a school year and its term, a template's XX年 are no name
        ("2025实验中学工会工作计划", True, "实验中学工会"),
        ("实验幼儿园工会2025工作计划", True, "实验幼儿园工会"),
        ("实验中学2024学年度第二学期工会工作计划", True, "实验中学工会"),
        ("2024-2025学年度下学期实验小学工会工作计划", True, "实验小学工会"),
        ("XX年实验小学工会工作计划", True, "实验小学工会"),
        # near miss: a union local's number is its name, not a year
        ("Local 1999 Strategic Plan 2025", False, "Local 1999"),
    ],
)
def test_organisation_in_title(title, zh, org):
    assert organisation_in_title(title, zh) == org


def test_years_in_text():
    assert years_in("2019年，二〇二〇年，20xx年", True) == [2019, 2020]
    assert years_in("in 2019 and 3.2019", False) == [2019]
    assert years_in("Local 1999 and Lodge 2003 met in 2025; Branch #2010", False) == [2025]


@pytest.mark.parametrize(
    ("title", "years"),
    [
        ("2025实验中学工会工作计划", [2025]),
        ("实验幼儿园工会2025工作计划", [2025]),
        ("实验中学2025年工会工作计划", [2025]),
        ("实验中学工会2000人健步走活动方案", []),  # a count, not a year
        ("20242025学年度工会工作计划", []),  # a run of digits, not one year
    ],
)
def test_title_years_without_nian(title, years):
    assert title_years(title, True) == years


def test_extracted_fields_and_their_comments():
    text = "某工会2025年工作计划\n一、学习\n（一）组织学习。由工会办公室负责，3月底前完成。\n（二）开展宣讲。\n"
    out = source(text)
    data = one_plan(text)
    assert task(data, "t1-1")["owners"] == ["工会办公室"]
    assert task(data, "t1-1")["deadline"] == "3月底前"
    assert "owner not found" in comments(out)[-1]
    assert 'deadline guessed from "3月底前"' in out
    # the text keeps the sentence the fields were taken from
    assert task(data, "t1-1")["text"] == "由工会办公室负责，3月底前完成。"


def test_options_override_what_was_found():
    data = one_plan("某工会2025年工作计划\n一、学习\n", org="新工会", year=2026, lang="en")
    assert (data["organisation"], data["year"], data["language"]) == ("新工会", 2026, "en")


def test_signature_and_date_at_the_end():
    data = one_plan("某工会2025年工作计划\n一、学习\n二、维权\n某工会委员会\n二〇二五年一月十日\n")
    assert data["signature"] == {"organisation": "某工会委员会", "date": dt.date(2025, 1, 10)}
    assert len(data["tasks"]) == 2


def test_the_documents_own_title_gives_the_year_over_the_pages_heading():
    text = (
        "实验中学工会2025年工作计划\n"
        "经校工会委员会讨论通过\n"  # a line between: the two titles are no repeat
        "实验中学工会2019年工作计划\n"
        "一、指导思想\n以服务教职工为中心，开展工会工作。\n二、主要工作\n1、召开教代会。\n"
    )
    out = source(text)
    assert parse(out).data["year"] == 2019
    assert "the page's heading says 2025 but the document's own title" in out


def test_a_titles_second_line_is_no_title_of_its_own():
    # near miss: 及2026年工作计划 goes on with the heading broken above it
    text = (
        "实验中学工会2025年工作总结及2026年工作计划\n"
        "实验中学工会2025年工作总结\n"
        "及2026年工作计划\n"
        "一、工作回顾\n全年开展了教代会、文体活动等工作。\n二、下一年工作打算\n1、召开教代会。\n"
    )
    out = source(text)
    assert "document's own title" not in out


def test_a_year_without_nian_in_the_title_is_taken_and_noted():
    out = source("2025实验中学工会工作计划\n一、主要工作\n1、召开教代会。\n2、开展文体活动。\n")
    data = parse(out).data
    assert (data["year"], data["organisation"]) == (2025, "实验中学工会")
    assert "2025 in the title, written without 年, taken as the year" in out


def test_many_tasks_with_no_owner_are_one_note_not_one_each():
    items = "".join(f"（{n}）开展第{n}项活动。\n" for n in "一二三四五")
    out = source(f"某工会2025年工作计划\n一、活动\n{items}")
    assert "owner not found" not in out
    assert "5 tasks name no owner" in out
    few = source("某工会2025年工作计划\n一、活动\n（一）开展活动。\n（二）组织学习。\n")
    assert few.count("owner not found") == 2
