"""A page whose plan has no headings or numbered items: one task per paragraph (or per
sentence), never an empty plan, and the note says so. Texts written for the tests."""

from __future__ import annotations

from pathlib import Path

from import_helpers import comments, source
from planforge.load import parse

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "no_structure_zh.txt"
NOTE = "one task per paragraph"


def test_paragraphs_without_structure_become_tasks_and_the_note_says_so():
    out = source(FIXTURE.read_text(encoding="utf-8"))
    data = parse(out).data
    assert data["ideology"] == ["今年社区工会围绕社区中心工作，团结带领辖区职工建功立业。"]
    assert [t["title"] for t in data["tasks"]] == [
        "春节前走访慰问辖区困难职工家庭，送去米面油和慰问金。",
        "五一前后组织辖区职工开展健步走活动，倡导健康生活。",
        "下半年举办职工技能培训班两期，帮助新就业形态劳动者提升技能。",
    ]
    assert any(NOTE in c for c in comments(out))


def test_one_paragraph_is_read_a_sentence_at_a_time():
    text = "青石社区工会2025年工作计划\n" + "".join(
        FIXTURE.read_text(encoding="utf-8").splitlines()[1:]
    )
    data = parse(source(text + "\n")).data
    assert len(data["tasks"]) == 3
    assert data["tasks"][0]["title"] == "春节前走访慰问辖区困难职工家庭，送去米面油和慰问金。"


def test_a_plan_with_numbered_items_gets_no_fallback():
    # near miss: numbered items are the structure; the opening stays the ideology
    text = "青石社区工会2025年工作计划\n今年工会团结职工建功立业。\n1、走访困难职工。\n2、开展健步走。\n"
    out = source(text)
    assert [t["title"] for t in parse(out).data["tasks"]] == ["走访困难职工。", "开展健步走。"]
    assert not any(NOTE in c for c in comments(out))
