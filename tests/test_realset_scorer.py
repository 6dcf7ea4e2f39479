"""benchmarks/import_structure.py: the scorer of `planforge import` on real pages compares
what it imports with the expected structure and reports each file's verdict."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, load_script

SCRIPT = ROOT / "benchmarks" / "import_structure.py"

PLAN = """滨河社区工会2026年工作计划
一、指导思想
以服务职工为中心，做好全年各项工作。
二、重点工作
1、召开职工代表大会，审议年度工作报告。
2、开展职工技能比武，选树岗位能手。
三、月度安排
三月份：组织三八节女职工活动。
五月份：举办职工趣味运动会。
"""

SUMMARY = """Riverside Union Summary of Work 2026

This year the union held its congress and ran a skills contest.

First, member services
1. We visited 40 members in hospital.
2. We ran two health talks.
"""

NOT_A_PLAN = "今天天气很好，我们去公园散步。\n"


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_script(SCRIPT)


def _page(folder: Path, name: str, text: str, kind: str, lang: str, plans: list) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    expect = {
        "kind": kind,
        "lang": lang,
        "plans": [{"title": "", "levels": levels, "months": months} for levels, months in plans],
    }
    (folder / f"{name}.expect.json").write_text(json.dumps(expect), encoding="utf-8")


def test_each_file_gets_its_verdict(tmp_path: Path, scorer: ModuleType) -> None:
    _page(tmp_path, "01", PLAN, "plan", "zh", [([3, 2, 0], 2)])
    # the same page expected with a month it does not have: the verdict says so
    _page(tmp_path, "02", PLAN, "plan", "zh", [([3, 2, 0], 3)])
    _page(tmp_path, "03", SUMMARY, "summary", "en", [([1, 2], 0)])
    _page(tmp_path, "04", NOT_A_PLAN, "plan", "zh", [([1, 0, 0], 0)])
    (tmp_path / "05.txt").write_text(PLAN, encoding="utf-8")  # no expectation: not scored
    verdicts = {v.name: v for v in scorer.score_folder(tmp_path)}
    assert sorted(verdicts) == ["01", "02", "03", "04"]
    assert verdicts["01"].ok and verdicts["01"].structure_right
    assert verdicts["01"].got.kept == pytest.approx(100.0, abs=3)
    assert verdicts["02"].reasons == ["months 3≠2"]
    assert verdicts["02"].plans_right and not verdicts["02"].structure_right
    assert verdicts["03"].ok and verdicts["03"].got.kind == "summary"
    assert verdicts["04"].got.refused and verdicts["04"].got.plans == []
    assert verdicts["04"].reasons[:2] == [f"refused: {verdicts['04'].got.refused}", "plans 1≠0"]
    out = scorer.report(list(verdicts.values()))
    assert "plan count right: 3/4 (75%)" in out
    assert "plans + levels + months right: 2/4 (50%)" in out
    assert "refused: 1" in out and "crashes: 0" in out and "empty plans: 0" in out


def test_the_comparison_names_every_difference(scorer: ModuleType) -> None:
    shape = scorer.PlanShape
    expected = scorer.Expected("summary", "zh", [shape([2, 3, 0], 0), shape([1, 0, 0], 0)])
    got = scorer.Got("plan", "en", [shape([2, 3], 0)], empty=1)
    reasons = scorer.compare("x", expected, got).reasons
    assert reasons == ["plans 2≠1", "kind summary≠plan", "lang zh≠en", "1 empty plan(s)"]
    got = scorer.Got("plan", "zh", [shape([2, 4], 1), shape([1], 0)])
    reasons = scorer.compare("x", scorer.Expected("plan", "zh", expected.plans), got).reasons
    assert reasons == ["levels 2-3-0≠2-4-0 (plan 1)", "months 0≠1 (plan 1)"]
    crashed = scorer.compare("x", expected, scorer.Got(crash="KeyError: 'x'"))
    assert crashed.reasons == ["crash: KeyError: 'x'", "plans 2≠0"] and not crashed.ok


def test_text_kept_counts_the_body_not_markers_or_dropped_furniture(scorer: ModuleType) -> None:
    page = "首页 > 工作计划\n一、甲乙丙丁\n（二）戊己\n"
    # 一、 and （二） are markers; the menu was dropped by the importer: 6 characters of text
    assert scorer.text_kept(page, ["首页 > 工作计划"], ["title: 甲乙丙\ntext: 戊己\n"]) == (
        pytest.approx(100 * 5 / 6)
    )
    # ids and the language are not text; nothing written keeps nothing
    assert scorer.text_kept("abc", [], ["id: abc\nlanguage: en\n"]) == 0.0
