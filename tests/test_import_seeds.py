"""Real plans as people find them (../shared/seeds), and synthetic fixtures that
reproduce their structures so the same checks always run."""

from __future__ import annotations

import re

import pytest

from import_helpers import FIXTURES, SEEDS, comments, kept_in_order, levels, run_import
from planforge.load import parse
from planforge.validate import validate

# file, plans, task tree per plan, title, year, ideology start, first and last plan lines,
# share of the plan's characters kept in order (the synthetic plans are short, so their
# numbering and part headings weigh more)
CASES = [
    (
        "000_5a520cedcc4732a6.txt",
        [[3, 10]],
        "Trade union work plan in 2019 [school]",
        2019,
        "Under the leadership of the school party committee",
        "Trade union work plan",
        "~ Year is the year",
        0.98,
    ),
    (
        "002_a0dd171c835498c4.txt",
        [[6]],
        "City Straight Labor Union 2019 Work Plan",
        2005,
        "The guiding ideology of the work of the direct trade unions",
        "City Straight Labor Union",
        "Xinxiang City, the direct union",
        0.98,
    ),
    (
        "004_44216b3446145812.txt",
        [[3, 11]],
        "单位2024年工会工作计划",
        2019,
        "面对日益复杂的培训工作形势",
        "单位2024年工会工作计划",
        "（四）坚持深化与创新相结合",
        0.98,
    ),
]
SYNTHETIC = [
    (
        "web_en_ordinal.txt",
        [[3, 7]],
        "Union work plan for 2024 [factory]",
        2024,
        "Guided by the factory party committee",
        "Union work plan",
        "The coming year",
        0.95,
    ),
    (
        "web_en_fused.txt",
        [[6]],
        "County Teachers Union 2021 Work Plan",
        2009,
        "The guiding ideology of the union's work",
        "County Teachers Union",
        "County Teachers Union, two oo",
        0.9,
    ),
    (
        "web_zh_two_plans.txt",
        [[2, 5], [2]],
        "社区2023年工会工作计划",
        2023,
        "新的一年,社区工会将围绕中心",
        "社区2023年工会工作计划",
        "二〇二三年一月",
        0.85,
    ),
]


# Lines inside a plan that a careful reader sees as the site's, not the plan's.
NOT_PLAN = re.compile(r"^\d{4}-\d\d-\d\d 来源")


def plan_text(text: str, first: str, last: str) -> str:
    """The lines of the plan as a careful reader marks them: from the title to the end."""
    lines = [line.strip() for line in text.splitlines()]
    last = last.replace("（", "(").replace("）", ")")
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = max(i for i, line in enumerate(lines) if line.startswith(last))
    kept = [re.sub(r"\s*篇\d+$", "", x) for x in lines[start : end + 1] if not NOT_PLAN.match(x)]
    return "\n".join(kept)


def check_case(path, plans, title, year, ideology, first, last, share):
    raw = path.read_bytes()
    result = run_import(raw, path.name)
    assert len(result.texts) == len(plans)
    datas = []
    for text, tree in zip(result.texts, plans, strict=True):
        doc = parse(text, path.name)
        validate(doc)  # raises if the source would not pass `planforge check`
        assert levels(doc.data) == tree
        datas.append(doc.data)
    data = datas[0]
    assert data["title"] == title
    assert data["year"] == year
    assert data["ideology"][0].startswith(ideology)
    whole = plan_text(raw.decode("utf-8"), first, last)
    merged = {"plans": datas}
    assert kept_in_order(whole, merged) >= share
    return result


@pytest.mark.parametrize("case", CASES, ids=[c[0][:3] for c in CASES])
def test_seed(case):
    path = SEEDS / case[0]
    if not path.exists():
        pytest.skip(f"seed plans not present at {SEEDS}")
    result = check_case(path, *case[1:])
    title_years = re.findall(r"\d{4}", case[2])
    if title_years and int(title_years[0]) != case[3]:  # the year chosen is marked
        assert any("the title says" in c for c in comments(result.texts[0]))


@pytest.mark.parametrize("case", SYNTHETIC, ids=[c[0] for c in SYNTHETIC])
def test_synthetic_web_plan(case):
    check_case(FIXTURES / case[0], *case[1:])


def test_seed_004_year_from_the_body_is_marked():
    path = SEEDS / "004_44216b3446145812.txt"
    if not path.exists():
        pytest.skip(f"seed plans not present at {SEEDS}")
    text = run_import(path.read_bytes(), path.name).texts[0]
    assert "year: 2019  # imported: the title says 2024 but the text speaks of 2019" in text
    assert "首页正文" not in text.split("\norganisation:")[1]


def test_web_residue_is_dropped_and_listed():
    result = run_import((FIXTURES / "web_zh_two_plans.txt").read_bytes(), "page.txt")
    body = result.texts[0].split("\norganisation:")[1]
    for residue in ("首页 工作计划", "来源:范文网", "显示全文", "您的当前位置"):
        assert residue in result.texts[0].splitlines()[1]  # listed in the header
        assert residue not in body
    assert result.dropped[:2] == [
        "首页 工作计划 工会工作 学习资料 范文大全",
        "您的当前位置:首页正文",
    ]


def test_stray_code_is_dropped():
    result = run_import((FIXTURES / "web_en_fused.txt").read_bytes(), "page.txt")
    assert "Z0417" in result.dropped
    assert "Z0417" not in result.texts[0].split("\norganisation:")[1]


def test_fused_numbering_is_split_and_keeps_its_level():
    data = parse(run_import((FIXTURES / "web_en_fused.txt").read_bytes()).texts[0]).data
    tasks = data["tasks"]
    assert [t["title"] for t in tasks][2] == "Train the union officers."
    assert tasks[1]["text"].endswith("inspect the staff rooms in April.")
    assert data["signature"] == {
        "organisation": "County Teachers Union",
        "date": __import__("datetime").date(2009, 3, 5),
    }
