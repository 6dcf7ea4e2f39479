"""English plain text: bullets (-, •) under plain heading lines, and "Step 1" lists, are
tasks under their heading. Texts written for the tests, each with a near miss."""

from __future__ import annotations

from pathlib import Path

from import_helpers import levels, run_import, source, titles
from planforge.load import parse

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "bullets_en.txt"


def test_bullets_under_plain_headings_are_tasks_under_them():
    data = parse(source(FIXTURE.read_text(encoding="utf-8"))).data
    tasks = data["tasks"]
    assert [t["title"] for t in tasks] == ["Recruitment", "Bargaining", "Next Steps"]
    assert [t["title"] for t in tasks[0]["tasks"]] == [
        "Visit every depot once a quarter.",
        "Give each new starter a membership form on their first day.",
    ]
    assert len(tasks[1]["tasks"]) == 2
    # Step 1, Step 2: numbered items, their word "Step" not kept in the title
    steps = [t["title"] for t in tasks[2]["tasks"]]
    assert steps == [
        "Elect a health and safety representative.",
        "Publish the branch newsletter every two months.",
    ]


def test_a_dash_without_a_space_and_a_sentence_line_are_not_bullets_or_headings():
    # near misses: "-3 degrees" is a number, a capitalised sentence is no heading
    text = (
        "Riverside Branch Action Plan 2025\n"
        "The plan was agreed.\n"
        "Safety Week Starts In March\n"
        "-3 degrees is the lowest the depot heating allows, so the branch will check it.\n"
    )
    data = parse(source(text)).data
    assert "tasks" not in data or all(t["title"] != "3 degrees" for t in data["tasks"])
    assert "-3 degrees" in str(data)


def test_steps_after_a_bullet_list_stand_beside_it_not_inside_its_last_bullet():
    text = (
        "Riverside Branch Action Plan 2025\n"
        "The branch will work in two ways.\n"
        "• Listen to members.\n"
        "• Act on what they say.\n"
        "The committee chose four steps.\n"
        "Step 1   Hold a members' survey.\n"
        "Step 2   Meet the employer.\n"
    )
    tasks = parse(source(text)).data["tasks"]
    assert [t["title"] for t in tasks] == [
        "Listen to members.",
        "Act on what they say.",
        "Hold a members' survey.",
        "Meet the employer.",
    ]


def test_headings_between_bullet_lists_are_the_parts():
    # a bulleted page: each heading stands between blank lines over its bullets, the last
    # bullet above it ends with no stop, and a bullet quotes with „…‟
    text = (
        "Northside Branch Programme 2026\n\n\n"
        "Below are the points agreed for each part of the programme\n\n\n"
        "Organising the Workplace\n\n"
        "  • Map every workplace in the district\n"
        "  • Train two new stewards in each depot\n\n\n"
        "Pay and Conditions\n\n"
        "  • Survey members on the „fair pay‟ claim\n"
        "  • Report the results to the branch\n\n\n"
        "Safety First\n\n"
        "  • Hold a safety walk in every depot\n"
    )
    data = parse(source(text)).data
    assert titles(data) == ["Organising the Workplace", "Pay and Conditions", "Safety First"]
    assert levels(data) == [3, 5]


def test_a_short_line_run_into_a_paragraph_is_no_heading():
    # near miss: a capitalised line with no blank line around it, over a paragraph
    text = (
        "Northside Branch Programme 2026\n"
        "Below are the points agreed for each part of the programme\n"
        "Members Come First\n"
        "and the branch will meet every month to check the work done so far.\n"
        "  • Map every workplace in the district\n"
    )
    data = parse(source(text)).data
    assert "Members Come First" not in [t["title"] for t in data.get("tasks", [])]


def test_capital_letters_under_roman_numerals_are_a_level():
    text = (
        "Eastside Local Strategic Plan 2026\n"
        "I. Organising\n"
        "A. Recruitment\n"
        "1. Sign up two hundred new members.\n"
        "2. Hold a blitz at every site.\n"
        "B. Stewards\n"
        "1. Train ten new stewards.\n"
        "II. Bargaining\n"
        "A. Prepare the pay claim\n"
    )
    data = parse(source(text)).data
    assert titles(data) == ["Organising", "Bargaining"]
    assert titles(data, 1) == ["Recruitment", "Stewards", "Prepare the pay claim"]
    assert levels(data) == [2, 3, 3]


def test_an_initial_before_a_lower_case_word_is_no_numbering():
    # near miss: "A. lot" and "B. and" are sentence text, not items A and B
    text = "Eastside Local Strategic Plan 2026\nI. Organising\nA. lot of work is ahead.\n"
    assert levels(parse(source(text)).data) == [1]


def test_markers_on_lines_of_their_own_are_put_back_before_their_text():
    # a PDF copied as text: the bullets in a column, then the items' lines, two wrapped
    text = (
        "Eastside Local Strategic Plan 2026\n"
        "I. Organising\n"
        "•\n•\n•\n"
        "Continue the monthly member meetings at every site and report on them to\n"
        "the executive board;\n"
        "Train ten new stewards\n"
        "Hold a blitz at every site\n"
        "II. Bargaining\n"
        "1. Goals\n"
        "a.\nb.\n"
        "one steward for every thirty members in each of the bargaining units we hold\n"
        "five members on the bargaining team from each of the three campuses\n"
    )
    data = parse(source(text)).data
    assert titles(data, 1)[:3] == [
        "Continue the monthly member meetings at every site and report on them to "
        "the executive board;",
        "Train ten new stewards",
        "Hold a blitz at every site",
    ]
    assert titles(data, 2) == [
        "one steward for every thirty members in each of the bargaining units we hold",
        "five members on the bargaining team from each of the three campuses",
    ]


def test_headings_standing_apart_over_prose_and_a_lead_in_take_their_bullets():
    # a web page: a skip link, the page's heading, then two unnumbered headings, each over
    # "We will …" prose, a lead-in line and bullets; the last bullet of the first section
    # has no stop, so only the blank lines around the second heading set it apart
    text = (
        "Skip to content\n\n"
        "Aims and Means\n\n"
        "Safer Depots\n\n"
        "We will make every depot a place where members can raise a hazard without fear.\n\n"
        "We will get there by:\n\n"
        "  • electing a safety representative at each depot\n"
        "  • walking the yard with management each quarter\n\n"
        "Fair Rosters\n\n"
        "We will win rosters that are published a month ahead and kept to.\n\n"
        "We will get there by:\n\n"
        "  • collecting members' rosters for a month\n"
        "  • taking the worst cases to the joint committee\n"
        "  • reporting back at every depot meeting\n"
    )
    result = run_import(text)
    data = parse(result.texts[0]).data
    assert data["title"] == "Aims and Means"
    assert titles(data) == ["Safer Depots", "Fair Rosters"]
    assert levels(data) == [2, 5]
    assert "Skip to content" in result.dropped


def test_a_short_line_between_blank_lines_over_a_short_line_is_no_heading():
    # near miss: the line below is no paragraph of sentences (a name under a greeting)
    text = (
        "Riverside Branch Action Plan 2025\n\n"
        "Dear Members\n\n"
        "Jo Bloggs\n\n"
        "1. Visit every depot once a quarter.\n"
        "2. Train ten new stewards.\n"
    )
    data = parse(source(text)).data
    assert "Dear Members" not in titles(data)
