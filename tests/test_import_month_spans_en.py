"""English month spans as month labels (August-September:, Jan–Mar, July and August) and
title-cased headings between a page's lists. Texts written for the tests, each with a
near miss."""

from __future__ import annotations

import pytest

from import_helpers import levels, one_plan
from planforge.importer.structure import month_label

SPANS = (
    "Jan-Feb: Recruiting at the depots\n"
    "- Welcome pack: hand one to every new starter.\n"
    "- Visits:\n"
    "- Leaflets: print the spring leaflet.\n"
    "March: Pay claim\n"
    "- Survey: ask members what the claim should be.\n"
    "June and July meetings: the branch meets twice in summer.\n"
    "Sept–Oct: Health and safety week\n"
    "- Inspections: walk every site with the rep.\n"
)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("August-September: Peace", [8, 9]),
        ("April–May", [4, 5]),
        ("Jan–Mar:", [1, 2, 3]),
        ("July and August", [7, 8]),
        ("Sept. to Oct.: Safety week", [9, 10]),
        ("Nov–Feb", [11, 12, 1, 2]),
        ("June: Pay claim", [6]),
    ],
)
def test_english_month_spans_are_month_labels(text, months):
    found = month_label(text)
    assert found is not None and found[0] == months


@pytest.mark.parametrize(
    "text", ["June and July meetings: twice", "May we ask", "Mayor:", "Marketing: posters"]
)
def test_a_month_word_opening_a_sentence_is_no_label(text):
    assert month_label(text) is None


def test_month_spans_group_their_bullets_and_are_never_the_title():
    data = one_plan(SPANS)
    tasks = data["tasks"]
    # the page starts at a month span: no title taken from it
    assert "Jan-Feb" not in str(data.get("title", ""))
    assert [t["title"] for t in tasks] == ["Jan-Feb", "March", "Sept–Oct"]
    assert levels(data) == [3, 5]
    assert tasks[0]["tasks"][0]["deadline"] == "1月-2月"
    # a bullet that is a label with nothing written yet is an item of its list
    assert tasks[0]["tasks"][1]["title"] == "Visits:"
    # near miss: `June and July meetings:` opens a sentence, it stays text
    assert "June and July meetings" in tasks[1]["tasks"][0]["text"]


HEADINGS = (
    "Branch Planning Calendar\n"
    "Back to Branch Menu\n"
    "Getting Ready for the Year\n"
    "Put these dates in the diary:\n"
    "- Branch committee meetings\n"
    "- The annual general meeting\n"
    "Every Week\n"
    "The secretary shares this work with the officers. Nobody does it alone.\n"
    "Keep up with these:\n"
    "- Answer members' questions within two days\n"
    "- Post the branch news on the noticeboard\n"
    "Over the Year\n"
    "October and November\n"
    "- Run the recruitment stall at the open day\n"
    "- Book the hall for the winter social\n"
)


def test_title_cased_lines_over_lead_ins_prose_and_months_are_headings():
    data = one_plan(HEADINGS)
    tasks = data["tasks"]
    assert data["title"] == "Branch Planning Calendar"
    assert [t["title"] for t in tasks] == [
        "Getting Ready for the Year",
        "Every Week",
        "Over the Year",
    ]
    # the lead-ins are the headings' text, their bullets the headings' items
    assert levels(data) == [3, 5, 2]
    month = tasks[2]["tasks"][-1]
    assert month["title"] == "October and November"
    assert [t["deadline"] for t in month["tasks"]] == ["10月-11月", "10月-11月"]
    # near miss: the link `Back to Branch Menu` is over a heading, not a lead-in
    assert "Back to Branch Menu" not in [t["title"] for t in tasks]


def test_a_sentence_cased_line_over_a_lead_in_is_no_heading():
    text = (
        "Branch Plan 2025\n"
        "Getting Ready\n"
        "Put these dates in the diary:\n"
        "- Branch committee meetings\n"
        "- The annual general meeting\n"
        "Work we share every week\n"
        "Keep up with these:\n"
        "- Answer members' questions within two days\n"
    )
    data = one_plan(text)
    assert [t["title"] for t in data["tasks"]] == ["Getting Ready"]


def test_a_span_over_the_years_end_is_a_month_group_not_a_crash():
    assert month_label("十一至二月：迎新春") == ([11, 12, 1, 2], "十一至二月：", "迎新春")
    data = one_plan("十一至二月：迎新春活动\n1、慰问困难职工\n2、举办新春联欢会\n")
    assert levels(data) == [1, 2]
    assert data["tasks"][0]["title"] == "十一至二月"
