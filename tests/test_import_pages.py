"""Several plans run together on one page (issue 16): split at each plan's own marked
title, the page's heading left out, and heading levels decided per plan. Texts written
for the tests (tests/fixtures/import), each with a near miss."""

from __future__ import annotations

from import_helpers import FIXTURES, comments, levels, run_import, source, titles
from planforge.load import parse


def _plans(name: str) -> list[tuple[dict, str]]:
    result = run_import((FIXTURES / name).read_bytes(), name)
    return [(parse(t).data, t) for t in result.texts]


def test_four_english_plans_on_one_page_are_four_plans():
    plans = _plans("web_en_four_plans.txt")
    assert [levels(d) for d, _ in plans] == [[3], [3], [2], [2, 2]]
    assert {d["title"] for d, _ in plans} == {"Union Work Plan 2022"}
    first, text = plans[0]
    # the page's heading is neither a title nor text of the first plan
    assert first["ideology"] == [
        "The branch puts members first and works with the school board on every change."
    ]
    assert any("page's heading above the plans left out" in c for c in comments(text))
    assert titles(plans[2][0]) == [
        "Train two new workplace representatives.",
        "Publish a newsletter every month.",
    ]


def test_six_chinese_plans_keep_their_own_levels():
    plans = _plans("web_zh_six_plans.txt")
    assert [d["title"] for d, _ in plans] == [
        "学校工会工作计划",
        "社区工会工作计划",
        "医院工会工作计划",
        "企业工会工作计划",
        "街道工会工作计划",
        "幼儿园工会工作计划",
    ]
    # the third starts at （一）: its （一） is its top level, 1、 the next, as in the others
    assert [levels(d) for d, _ in plans] == [[2, 4], [2, 3], [2, 3], [2, 2], [1, 2], [2, 3]]
    assert titles(plans[2][0]) == ["民主管理", "职工关爱"]
    assert titles(plans[2][0], 1) == ["召开职代会。", "公开绩效分配方案。", "走访困难职工。"]


def test_a_plan_that_mentions_an_article_is_not_split():
    # near miss: "Article 2" inside a sentence, and a single marked title, split nothing
    text = (
        "Riverside Branch Work Plan 2025\n"
        "1. Explain Article 2 of the agreement to every member.\n"
        "2. Hold the annual general meeting in March.\n"
    )
    data = parse(source(text)).data
    assert data["title"] == "Riverside Branch Work Plan 2025"
    assert levels(data) == [2]
