"""Markdown output: golden files, the heading hierarchy as CommonMark reads it, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import examples
from planforge.render.markdown import escape_markdown, tidy_markdown
from render_helpers import (
    SCHOOL,
    SMALL,
    UNION,
    XSS,
    all_sources,
    assert_golden,
    context,
    hostile_plan,
    render,
    walk,
)

# CommonMark with raw HTML allowed (the worst case for escaping) and GFM pipe tables.
MD = MarkdownIt("commonmark", {"html": True}).enable("table")


def blocks(text: str) -> list[tuple[str, str]]:
    """(block tag, inline text) of each heading, paragraph and table cell, in order."""
    tokens = MD.parse(text)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "inline":
            opener = tokens[i - 1]
            out.append((opener.tag, _plain(tok)))
    return out


def _plain(inline) -> str:
    return "".join(
        child.content for child in inline.children or [] if child.type in ("text", "code_inline")
    )


@pytest.mark.parametrize(
    ("source", "summary", "golden"),
    [
        (SMALL, False, "small.zh.plan.md"),
        (SMALL, True, "small.zh.summary.md"),
        (SCHOOL, False, "school-2026.zh.plan.md"),
        (SCHOOL, True, "school-2026.zh.summary.md"),
        (UNION, False, "union-2026.en.plan.md"),
    ],
)
def test_markdown_matches_golden_file(source: Path, summary: bool, golden: str) -> None:
    if not source.exists():
        pytest.skip(f"{source.name} is not in this checkout")
    assert_golden(golden, render(source, "md", summary))


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_plan_hierarchy_reads_back_as_commonmark(source: Path) -> None:
    ctx = context(source)
    text = render(source, "md")
    got = blocks(text)
    gap = "" if ctx["zh"] else " "
    headings = [(tag, t) for tag, t in got if tag.startswith("h")]
    expected = [("h1", ctx["title"])]
    for part in ctx["parts"]:
        expected.append(("h2", f"{part['number']}{gap}{part['heading']}"))
        if part["key"] == "section":
            expected += [
                (f"h{n['level'] + 1}", f"{n['number']}{gap}{n['title']}")
                for n in walk(part["node"]["children"])
                if n["level"] <= 2
            ]
        if part["key"] == "safeguards":
            expected += [
                ("h3", f"{s['number']}{gap}{s['title']}") for s in ctx["safeguards"] if s["title"]
            ]
    assert headings == expected
    # Levels 3 and 4 are bold numbered paragraphs, in the plan's order.
    deep = [
        f"{n['number']}{gap}{escape_markdown(n['title'])}"
        for s in ctx["sections"]
        for n in walk([s])
        if n["level"] >= 3
    ]
    strong = re.findall(r"^\*\*(.+?)\*\*$", text, flags=re.M)
    assert deep == strong


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_schedule_is_a_pipe_table_with_every_row(source: Path) -> None:
    ctx = context(source)
    tokens = MD.parse(render(source, "md"))
    rows = []
    row: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(_plain(tok))
        elif tok.type == "tr_close":
            rows.append(row)
    labels = ctx["labels"]
    assert rows[0] == [labels["month"], labels["work"], labels["owners"]]
    assert rows[1:] == [[r["month_label"], r["work"], r["owners_text"]] for r in ctx["schedule"]]


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_summary_shows_the_parts_in_order_as_prose_and_the_appendix(source: Path) -> None:
    ctx = context(source, summary=True)
    got = blocks(render(source, "md", summary=True))
    texts = [t for _tag, t in got]
    gap = ctx["punct"]["gap"]
    assert texts[0] == ctx["title"] and texts[1] == ctx["opening"][0]
    h2 = [t for tag, t in got if tag == "h2"]
    assert h2 == [f"{p['number']}{gap}{p['heading']}" for p in ctx["parts"]]
    h3 = [t for tag, t in got if tag == "h3"]
    assert h3 == [f"{s['number']}{gap}{s['title']}" for s in ctx["results"]]
    position = 0
    for section in ctx["results"]:
        for paragraph in section["paragraphs"]:
            position = texts.index(paragraph, position + 1)
    assert texts.index(ctx["problems"][0]) > position
    assert texts.index(ctx["next_year"][0]) > texts.index(ctx["problems"][0])
    cells = [t for tag, t in got if tag == "td"]
    assert cells == [c for t in ctx["appendix"]["tables"] for row in t["rows"] for c in row]


def test_summary_parts_follow_the_summary_order() -> None:
    ctx = context(SMALL, summary=True)
    headings = [t for tag, t in blocks(render(SMALL, "md", summary=True)) if tag == "h2"]
    assert headings == ["一、主要工作及成效", "二、存在的问题和不足", "三、2027年工作打算"]
    assert [p["key"] for p in ctx["parts"]] == ["results", "problems", "next_year"]


def test_user_text_is_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    source = hostile_plan(tmp_path)
    for summary in (False, True):
        text = render(source, "md", summary)
        html = MD.render(text)
        for tag in (
            "<script",
            "<img",
            "<iframe",
            "<b>",
            "<i>",
            "<u>",
            "<em>",
            "<a ",
            "<ol",
            "<ul",
            "<blockquote",
            "<code",
        ):
            assert tag not in html, f"{tag} in the HTML of the {'summary' if summary else 'plan'}"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert html.count("<h1>") == 1
    plan = blocks(render(source, "md"))
    texts = [t for _tag, t in plan]
    assert "# 不是标题 & 也不是 &amp; 实体" in texts
    assert "2026. 不是列表" in texts
    assert f"三、{XSS}" in texts
    assert f"{XSS} | 分隔" in texts  # a pipe in a cell stays in its cell


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from(list("ab 中\\`*_[]()<>!#&;|~-+=.1) \"'{}\n")), max_size=30))
def test_escaped_text_reads_back_as_the_same_text(text: str) -> None:
    expected = re.sub(r"\s*\n\s*", " ", text).strip()
    tokens = MD.parse(escape_markdown(text) or "x")
    inline = [t for t in tokens if t.type == "inline"]
    got = "".join(_plain(t) for t in inline) if expected else "x"
    assert got.strip() == (expected or "x")
    assert all(t.type in ("paragraph_open", "inline", "paragraph_close") for t in tokens)


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_markdown_is_stable_and_tidy(source: Path) -> None:
    first = render(source, "md")
    assert first == render(source, "md")
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert "\n\n\n" not in first
    assert not re.search(r"[ \t]$", first, flags=re.M)
    assert tidy_markdown(first) == first


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.stem)
def test_no_context_key_shadows_a_dict_method(source):
    """The built-in environment looks dict keys up before attributes (for speed)."""
    methods = {name for name in dir(dict) if not name.startswith("_")}

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    for summary in (False, True):
        found = keys(context(source, summary))
        assert len(found) > 30
        assert not found & methods


@pytest.mark.parametrize(
    ("lang", "typed", "said"),
    [
        ("zh", "2026-07", "2026年7月"),
        ("zh", "Q2", "第二季度"),
        ("zh", "H1", "上半年"),
        ("zh", "H2", "下半年"),
        ("zh", "2026-10..2026-11", "2026年10月至11月"),
        ("zh", "2026-03-01..2026-03-15", "2026年3月1日至3月15日"),
        ("zh", "2026-02-28", "2026年2月28日"),
        ("zh", "monthly", "每月"),
        ("zh", "year-round", "全年"),
        ("zh", "3月底前", "3月底前"),  # the author's own words stay
        ("zh", "第一季度", "第一季度"),
        ("zh", "3月-5月", "3月—5月"),  # GB/T 15834 §4.13.3: a span's dash
        ("en", "2026-07", "July 2026"),
        ("en", "Q3", "Q3 2026"),
        ("en", "H1", "first half of 2026"),
        ("en", "2026-04..2026-05", "April–May 2026"),
        ("en", "2026-03-14", "14 March 2026"),
        ("en", "end of March", "end of March"),
        ("en", "monthly", "monthly"),
        # ranges of one month or one day, across years, of days
        ("zh", "2026-03..2026-03", "2026年3月"),
        ("zh", "2026-03-20..2026-03-20", "2026年3月20日"),
        ("zh", "2026-11..2027-02", "2026年11月至2027年2月"),
        ("zh", "2026-03-20..2026-04-10", "2026年3月20日至4月10日"),
        ("en", "2026-03..2026-03", "March 2026"),
        ("en", "2026-11..2027-02", "November 2026 – February 2027"),
        ("en", "2026-03-01..2026-03-15", "1–15 March 2026"),
        ("en", "2026-03-20..2026-04-10", "20 March – 10 April 2026"),
        # a quarter or half of another year says its year; once a year is not year-round
        ("zh", "2027Q1", "2027年第一季度"),
        ("zh", "2025-H2", "2025年下半年"),
        ("zh", "annually", "每年"),
        ("en", "全年", "year-round"),
        # Chinese shorthand in an English plan is written out too
        ("en", "每月", "monthly"),
        ("en", "上半年", "first half of 2026"),
        ("en", "第一季度", "Q1 2026"),
    ],
)
def test_deadlines_are_written_out_in_the_documents_language(lang, typed, said):
    from planforge.model.deadline import parse_deadline
    from planforge.render.context import deadline_wording

    assert deadline_wording(parse_deadline(typed, 2026), lang, 2026) == said


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.stem)
def test_goal_targets_appear_in_markdown_and_html_as_in_docx(source):
    ctx = context(source)
    wanted = [g["measure_text"] for g in ctx["goals"] if g["measure_text"]]
    md, html = render(source, "md"), render(source, "html")
    for target in wanted:
        assert escape_markdown(target) in md
        assert target.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html


@pytest.mark.parametrize(
    ("text", "measure", "stated"),
    [
        ("教职工入会率保持在98%以上，新入职教师当年全部入会。", "≥98%", True),
        ("全年组织文体活动不少于8次。", "不少于8次", True),
        ("2026年10月通过市级模范教工之家复验。", "通过复验", True),
        ("教职工入会率保持在95%以上。", "≥98%", False),  # another figure
        ("Resolve 90% of cases.", "90% in 30 days", False),  # the target says more
        ("开展帮扶工作。", "覆盖全部困难职工", False),
    ],
)
def test_a_target_the_goal_already_states_is_not_repeated(text, measure, stated):
    from planforge.render.context import measure_remark

    assert (measure_remark(text, measure, "zh") == "") is stated


DROPPED_SECTION = """\
organisation: 晨光中学工会
year: 2026
language: zh
issued: 2026-01-05
tasks:
  - id: s1
    title: 建设职工书屋
    status: dropped
    reason: 整个板块因机构调整取消。
    result: 经费转入困难帮扶。
    tasks:
      - id: t1
        title: 采购图书
        deadline: 2026-05
      - id: t2
        title: 开展读书月
        deadline: 4月
        reason: 场地未落实。
  - id: t3
    title: 召开教代会
    deadline: 3月
    status: done
"""


def test_a_dropped_section_shows_its_outcome_and_lends_its_reason_to_its_tasks(tmp_path):
    source = tmp_path / "plan.yaml"
    source.write_text(DROPPED_SECTION, encoding="utf-8")
    md = render(source, "md", summary=True)
    # the section's paragraph says it was dropped, why, and what came of it
    assert "建设职工书屋未能实施，整个板块因机构调整取消。经费转入困难帮扶。" in md
    rows = [
        line
        for line in md.splitlines()
        if line.startswith(("| 1 | 采购图书 | 2026年5月", "| 2 | 开展读书月 | 4月"))
    ]
    assert rows == [
        "| 1 | 采购图书 | 2026年5月 | 已取消 | 整个板块因机构调整取消。 |  |",
        "| 2 | 开展读书月 | 4月 | 已取消 | 场地未落实。 |  |",
    ]
    # no summary.date: the summary is not signed with the plan's January date
    assert "2026年1月5日" not in md
    assert "晨光中学工会\n\n**附表**" in md
