"""DOCX rendering: parse every example back with python-docx and check the layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docx_helpers import (
    EMU_PER_MM,
    SMALL,
    W,
    context,
    example_paths,
    open_docx,
    render,
    style_fonts,
    style_size_pt,
    task_labels,
    xml_parts,
)

EXAMPLES = example_paths()
EXAMPLE_DIR = EXAMPLES[0].parent
IDS = [p.name for p in EXAMPLES]

GBT = {
    "margins": (37, 35, 28, 26),
    "Normal": ("仿宋_GB2312", 16),
    "Title": ("方正小标宋简体", 22),
    "Heading 1": ("黑体", 16),
    "Heading 2": ("楷体_GB2312", 16),
    "Heading 3": ("仿宋_GB2312", 16),
    "Heading 4": ("仿宋_GB2312", 16),
}
PLAIN = {
    "margins": (25, 25, 25, 25),
    "Normal": ("宋体", 12),
    "Title": ("宋体", 18),
    "Heading 1": ("宋体", 14),
    "Heading 2": ("宋体", 12),
    "Heading 3": ("宋体", 12),
    "Heading 4": ("宋体", 12),
}


@pytest.fixture(scope="module", params=EXAMPLES, ids=IDS)
def rendered(request):
    path = request.param
    ctx = context(path)
    data = render(path)
    return ctx, data, open_docx(data)


def test_examples_exist():
    assert len(EXAMPLES) >= 4, "examples/*.yaml are the documents users start from"


def test_page_is_a4_with_profile_margins(rendered):
    ctx, _data, doc = rendered
    expected = GBT if ctx["zh"] else PLAIN
    section = doc.sections[0]
    assert section.page_width / EMU_PER_MM == pytest.approx(210, abs=0.5)
    assert section.page_height / EMU_PER_MM == pytest.approx(297, abs=0.5)
    top, bottom, left, right = expected["margins"]
    assert section.top_margin / EMU_PER_MM == pytest.approx(top, abs=0.5)
    assert section.bottom_margin / EMU_PER_MM == pytest.approx(bottom, abs=0.5)
    assert section.left_margin / EMU_PER_MM == pytest.approx(left, abs=0.5)
    assert section.right_margin / EMU_PER_MM == pytest.approx(right, abs=0.5)


def test_fonts_are_set_on_styles_with_east_asian_names(rendered):
    ctx, _data, doc = rendered
    expected = GBT if ctx["zh"] else PLAIN
    for style in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        font, size = expected[style]
        fonts = style_fonts(doc, style)
        assert fonts["eastAsia"] == font, style
        assert {"ascii", "hAnsi", "cs"} <= set(fonts), style
        assert style_size_pt(doc, style) == size, style
    body = style_fonts(doc, "Normal")
    assert body["ascii"] == "Times New Roman"


def test_title_is_the_first_paragraph(rendered):
    ctx, _data, doc = rendered
    first = doc.paragraphs[0]
    assert first.style.name == "Title"
    assert first.text.replace("\n", "") == ctx["title"]
    assert first.text.split("\n") == ctx["title_lines"]


def test_page_field_in_odd_and_even_footers(rendered):
    ctx, _data, doc = rendered
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd, even = section.footer, section.even_page_footer
    for footer in (odd, even):
        xml = footer._element.xml
        assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", xml)
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    if ctx["zh"]:
        assert odd.paragraphs[0].text == "— 1 —"
        assert odd.paragraphs[0].alignment == 2  # right
        assert even.paragraphs[0].alignment == 0  # left
        footer_fonts = style_fonts(doc, "Footer")
        assert footer_fonts["eastAsia"] == "宋体"
        assert style_size_pt(doc, "Footer") == 14


def test_every_heading_and_task_in_order(rendered):
    ctx, _data, doc = rendered
    texts = [p.text for p in doc.paragraphs]
    position = -1
    for label in task_labels(ctx):
        found = next((i for i, t in enumerate(texts) if i > position and t.startswith(label)), None)
        assert found is not None, f"{label!r} missing or out of order"
        position = found
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(ctx["parts"])
    for heading, part in zip(headings, ctx["parts"], strict=True):
        assert part["heading"] in heading
    if ctx["zh"]:
        numbers = [h.split("、")[0] for h in headings]
        assert numbers[:3] == ["一", "二", "三"]


def test_task_text_follows_its_heading(rendered):
    ctx, _data, doc = rendered
    text = "\n".join(p.text for p in doc.paragraphs)
    for section in ctx["sections"]:
        stack = [section]
        while stack:
            node = stack.pop()
            stack.extend(node["children"])
            for para in node["text"]:
                assert para in text
                assert text.index(para) > text.index(node["title"])


def test_schedule_table_repeats_its_header_and_has_widths(rendered):
    ctx, _data, doc = rendered
    if not ctx["schedule"]:
        pytest.skip("this example has no schedule")
    table = doc.tables[-1]
    labels = ctx["labels"]
    assert [c.text for c in table.rows[0].cells] == [
        labels["month"],
        labels["work"],
        labels["owners"],
    ]
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert body == [[r["month_label"], r["work"], r["owners_text"]] for r in ctx["schedule"]]
    tbl = table._tbl
    assert tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w") is not None
    cols = tbl.findall(f"{W}tblGrid/{W}gridCol")
    assert len(cols) == 3 and all(int(c.get(f"{W}w")) > 0 for c in cols)
    first_row = tbl.findall(f"{W}tr")[0]
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
    # Tables keep single spacing: the cell paragraphs use the TableText style.
    assert all(
        p.style.name == "Table Text" for row in table.rows for c in row.cells for p in c.paragraphs
    )
    spacing = doc.styles["Table Text"].element.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}lineRule") == "auto"


def test_no_theme_fonts_calibri_or_dengxian_anywhere(rendered):
    _ctx, data, _doc = rendered
    for name, xml in xml_parts(data).items():
        assert not re.search(r"w:\w+Theme=", xml), name
        assert "Calibri" not in xml, name
        assert "等线" not in xml, name
    assert not any(n.startswith("word/theme/") for n in xml_parts(data))


def test_latin_text_is_marked_english_and_chinese_text_chinese(rendered):
    """As Word writes it; marked Chinese, Latin digits break anywhere in LibreOffice."""
    _ctx, _data, doc = rendered
    lang = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    assert lang.get(f"{W}val") == "en-US"


def test_document_properties_come_from_the_plan(rendered):
    ctx, _data, doc = rendered
    props = doc.core_properties
    assert props.title == ctx["title"]
    assert props.author == ctx["organisation"]
    expected = ctx["signature"]["date"] or f"{ctx['year']}-01-01"
    assert props.created.date().isoformat() == expected


def test_signature_at_the_end(rendered):
    ctx, _data, doc = rendered
    paragraphs = [p for p in doc.paragraphs if p.text]
    sig = ctx["signature"]
    assert paragraphs[-1].text == sig["date_text"]
    assert paragraphs[-2].text == sig["organisation"]
    assert paragraphs[-1].style.name == "Signature"
    assert paragraphs[-1].style.paragraph_format.alignment == 2
    if ctx["zh"]:
        assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", sig["date_text"])
        # GB/T 9704-2012 §7.3.5.2 (measured in LibreOffice by test_render_libreoffice):
        # the name 右空二字, right-aligned; the date either set from the left, two
        # characters right of the name's start, or right-aligned 右空二字
        char = 15.75
        org = paragraphs[-2].paragraph_format
        date = paragraphs[-1].paragraph_format
        assert org.alignment is None  # the Signature style's: right
        assert org.right_indent.pt / char >= 2 - 0.01
        if date.alignment == 0:  # WD_ALIGN_PARAGRAPH.LEFT
            assert org.right_indent.pt / char == pytest.approx(2, abs=0.01)
            type_width = 156 / 25.4 * 72 / char
            org_start = type_width - 2 - _chars(sig["organisation"])
            assert date.left_indent.pt / char == pytest.approx(org_start + 2, abs=0.01)
        else:
            assert date.right_indent.pt / char == pytest.approx(2, abs=0.01)


def _chars(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


@pytest.mark.parametrize(
    ("org", "date", "layout", "expected"),
    [
        # a name of 14 characters over a date that sets as 7.5 (6.5 and five changes
        # between digits and 年月日): the date set from the left, under the name's third
        ("南湖区实验中学教育工会委员会", "2026年3月20日", "unsealed", (("right", 2), ("left", 14))),
        # a date longer than the name allows: the date 右空二字, the name moved left
        ("南湖区实验中学工会", "2026年3月20日", "unsealed", (("right", 2.5), ("right", 2))),
        ("测试工会", "2026年12月30日", "unsealed", (("right", 8), ("right", 2))),
        ("南湖区实验中学工会", "2026年3月20日", "sealed", (("right", 3.25), ("right", 4))),
        ("南湖区实验中学工会", "2026年3月20日", "flush", (("right", 0), ("right", 0))),
        ("南湖区实验中学工会", "", "unsealed", (("right", 2), ("right", 2))),
    ],
)
def test_signature_lines_follow_the_standard(org, date, layout, expected):
    from planforge.render.docx.writer import signature_lines

    right = {"unsealed": 2, "sealed": 4, "flush": 0}[layout]
    (org_side, org_at), (date_side, date_at) = signature_lines(org, date, layout, right, 2, 28)
    assert (org_side, date_side) == (expected[0][0], expected[1][0])
    assert (org_at, date_at) == (pytest.approx(expected[0][1]), pytest.approx(expected[1][1]))


def test_line_grid_recipe_for_22_lines_of_28_characters():
    doc = open_docx(render(SMALL))
    normal = doc.styles["Normal"].element
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}line") == "579" and spacing.get(f"{W}lineRule") == "exact"
    assert normal.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val") == "0"
    assert normal.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"
    grid = doc.sections[0]._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"
    indent = normal.find(f"{W}pPr/{W}ind")
    assert indent.get(f"{W}firstLineChars") == "200"
    lang = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"


def test_quotes_dashes_and_ellipses_carry_the_east_asian_hint():
    from planforge.render.docx.writer import BodyWriter

    ctx = context(SMALL)
    ctx["ideology"] = ["围绕“办人民满意的学校”——努力……", "没有标点的句子"]
    from planforge.render.docx.profiles import load_profile

    writer = BodyWriter(ctx, load_profile(None, "zh"))
    writer.body(ctx["ideology"][0])
    writer.body(ctx["ideology"][1])
    writer.heading(1, "一、", "“五·一”劳动节活动")
    hinted, plain, heading = writer.out
    # each run of marks names the paragraph's East-Asian face for Latin text too, so that
    # a quote after a digit is drawn full-width in LibreOffice as in Word
    marks = '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>'
    runs = re.findall(r"<w:r>(.*?)</w:r>", hinted)
    assert [r.startswith(f"<w:rPr>{marks}") for r in runs] == [
        False,
        True,
        False,
        True,
        False,
        True,
    ]
    assert re.findall(r"<w:t[^>]*>([^<]*)</w:t>", hinted) == [
        "围绕",
        "“",
        "办人民满意的学校",
        "”——",
        "努力",
        "……",
    ]
    assert "w:hint" not in plain
    assert 'w:ascii="黑体"' in heading  # a heading's marks in the heading's face


def test_long_title_breaks_into_lines():
    ctx = context(SMALL)
    ctx["title_lines"] = ["某某市某某区教育系统工会委员会", "2026年工作计划"]
    from planforge.render.docx import render_docx

    doc = open_docx(render_docx(ctx, None, None))
    assert doc.paragraphs[0].text == "某某市某某区教育系统工会委员会\n2026年工作计划"


def test_user_text_is_escaped(tmp_path):
    source = SMALL.read_text(encoding="utf-8").replace(
        "title: 金秋助学", "title: \"<script>alert(1)</script> & 'x'\""
    )
    path = tmp_path / "plan.yaml"
    path.write_text(source, encoding="utf-8")
    doc = open_docx(render(path))
    assert any(p.text.startswith("（二）<script>alert(1)</script> & 'x'") for p in doc.paragraphs)


def test_same_input_gives_the_same_bytes():
    assert render(SMALL) == render(SMALL)


# ---------------------------------------------------------------------------- summary


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_summary_parts_in_order_prose_without_labels_and_the_appendix(path):
    ctx = context(path, summary=True)
    doc = open_docx(render(path, summary=True))
    paras = [p.text for p in doc.paragraphs]
    assert paras[0].replace("\n", "") == ctx["title"]
    assert ctx["title"].endswith(f"{ctx['year']}年工作总结") or not ctx["zh"]
    text = "\n".join(paras)
    # the opening, then 一、 二、 三、 in order, the next year by number
    assert text.index(ctx["opening"][0]) < text.index(ctx["parts"][0]["heading"])
    headings = [f"{p['number']}{p['heading']}" if ctx["zh"] else p["heading"] for p in ctx["parts"]]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert str(ctx["year"] + 1) in ctx["parts"][2]["heading"]
    for section in ctx["results"]:
        for para in section["paragraphs"]:
            assert para in paras
            assert "完成情况：" not in para and "主要数据：" not in para
    if path != SMALL:  # the fixture's summary is undated; every example's is dated
        assert ctx["signature"]["date_text"] and ctx["signature"]["date_text"] in paras
    # the appendix: one table per context table, the same cells
    assert len(doc.tables) == len(ctx["appendix"]["tables"])
    for table, want in zip(doc.tables, ctx["appendix"]["tables"], strict=True):
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert rows == [want["headers"], *want["rows"]]


def test_school_summary_adds_up_figures_and_sets_them_against_the_goals():
    ctx = context(EXAMPLE_DIR / "school-2026.zh.yaml", summary=True)
    prose = "".join(p for s in ctx["results"] for p in s["paragraphs"])
    assert "入会率达到100%，实现了年初确定的98%以上目标。" in prose
    assert "参与面达到95%，实现了年初确定的85%以上目标。" in prose
    assert "全年参加人数累计448人次。" in prose  # 178 + 131 + 139 attendances at three events
    assert prose.count("一是") == len(ctx["results"])
    # dated 25 November with results to 20 November: 12月 work is not unfinished
    assert ctx["results_lead"][0].startswith("截至2026年11月20日，年初计划的35项工作，已完成23项")
    assert ctx["signature"]["date_text"] == "2026年11月25日"
    undone = {u["title"]: u for u in ctx["undone"]}
    assert set(undone) == {"建设“爱心妈咪小屋”"}
    assert undone["建设“爱心妈咪小屋”"]["status_label"] == "已顺延"
    assert undone["建设“爱心妈咪小屋”"]["postponed_to"] == "2027年9月"
    overview = {row[1]: row[2] for row in ctx["appendix"]["tables"][0]["rows"]}
    assert overview["做好新教职工入会和会费收缴"] == "常态化开展"  # 全年, not 未开始
    assert overview["对照“五个一”和模范教工之家标准开展年终自查"] == "按计划推进"  # 12月底前
    goals = ctx["appendix"]["tables"][2]["rows"]
    assert goals[0][2:] == ["≥98%", "入会率100%", "达成"]


def test_summary_of_small_plan_states_done_and_dropped():
    doc = open_docx(render(SMALL, summary=True))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "一是召开第五届教代会第三次会议。会议于2026年3月20日召开，收到提案26件，全部办结。" in text
    )
    assert "推进校务公开" not in text  # year-round work with nothing to tell
    assert "开展春节送温暖活动未能实施，与上级工会慰问合并进行。" in text  # no problems written
    assert "三、2027年工作打算" in text
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert [
        "1",
        "开展春节送温暖活动",
        "2026年1月25日",
        "已取消",
        "与上级工会慰问合并进行。",
        "",
    ] in rows
    assert ["2", "金秋助学", "8月", "未开始", "", ""] in rows
    assert (
        "年初计划的4项工作，已完成1项，完成率25%" in text
    )  # of the 4 named, as in Markdown and HTML
    assert not any(
        p.text.startswith("附件") for p in doc.paragraphs
    )  # the plan's, not the summary's
    assert doc.core_properties.title == "晨光中学工会2026年工作总结"


def test_english_summary_has_the_same_parts_in_english():
    ctx = context(EXAMPLE_DIR / "union-2026.en.yaml", summary=True)
    assert [p["heading"] for p in ctx["parts"]] == [
        "Work done and results",
        "Problems and shortcomings",
        "Plans for 2027",
    ]
    # a year-end report: dated in December, every task accounted for
    assert ctx["results_lead"][0].startswith("As of 18 December 2026, 13 of the 21 tasks")
    assert ctx["signature"]["date_text"] == "18 December 2026"
    assert ctx["opening"][0].startswith("In 2026, Harbourside Transit Workers' Union")


# ---------------------------------------------------------------------------- profiles


def test_windows_profile_uses_the_fonts_windows_ships():
    doc = open_docx(render(SMALL, profile="gbt9704-windows"))
    assert style_fonts(doc, "Normal")["eastAsia"] == "仿宋"
    assert style_fonts(doc, "Heading 1")["eastAsia"] == "黑体"
    assert style_fonts(doc, "Heading 2")["eastAsia"] == "楷体"
    assert style_fonts(doc, "Title")["eastAsia"] == "宋体"
    assert style_fonts(doc, "Footer")["eastAsia"] == "宋体"


def test_every_figure_of_every_builtin_profile_records_its_source():
    from planforge.model.profile import Sourced
    from planforge.render.docx.profiles import builtin_profiles, validated_profile

    assert {"gbt9704", "gbt9704-windows", "plain"} <= set(builtin_profiles())
    for name in builtin_profiles():
        profile = validated_profile(name)
        figures = list(_figures(profile))
        assert len(figures) > 40, name
        for where, figure in figures:
            assert isinstance(figure, Sourced) and figure.source.strip(), f"{name}: {where}"


def _figures(model, prefix=""):
    from pydantic import BaseModel

    from planforge.model.profile import Sourced

    for field in type(model).model_fields:
        value = getattr(model, field)
        if isinstance(value, Sourced):
            yield f"{prefix}{field}", value
        elif isinstance(value, BaseModel):
            yield from _figures(value, f"{prefix}{field}.")


def test_user_profile_extends_a_builtin_and_changes_figures(tmp_path):
    profile = tmp_path / "local.yaml"
    profile.write_text(
        "extends: gbt9704\nname: local\npage:\n"
        "  margin_top_mm: {value: 30, source: 本市公文格式规定}\n"
        "body:\n  font: {value: 仿宋, source: 本市公文格式规定}\n",
        encoding="utf-8",
    )
    doc = open_docx(render(SMALL, profile=str(profile)))
    assert doc.sections[0].top_margin / EMU_PER_MM == pytest.approx(30, abs=0.5)
    assert doc.sections[0].left_margin / EMU_PER_MM == pytest.approx(28, abs=0.5)
    assert style_fonts(doc, "Normal")["eastAsia"] == "仿宋"
    assert style_fonts(doc, "Heading 2")["eastAsia"] == "楷体_GB2312"


def test_a_profile_extends_a_file_relative_to_itself_from_any_folder(tmp_path, monkeypatch):
    from planforge.errors import InputError

    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "base.yaml").write_text(
        "extends: gbt9704\nname: base\npage:\n  margin_top_mm: {value: 33, source: 本地规定}\n",
        encoding="utf-8",
    )
    (folder / "local.yaml").write_text("extends: base.yaml\nname: local\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "base.yaml").write_text("not: a profile\n", encoding="utf-8")  # not this one
    monkeypatch.chdir(elsewhere)
    for _ in range(2):  # validated, then from the cache
        doc = open_docx(render(SMALL, profile=str(folder / "local.yaml")))
        assert doc.sections[0].top_margin / EMU_PER_MM == pytest.approx(33, abs=0.5)
    (folder / "base.yaml").write_text("extends: local.yaml\nname: base\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        render(SMALL, profile=str(folder / "local.yaml"))
    (problem,) = info.value.problems
    assert "the profiles extend each other in a circle" in problem.message
    assert str(problem.location) == f"{folder / 'base.yaml'}:1:10"


@pytest.mark.parametrize(
    ("text", "where", "message", "hint"),
    [
        ("extends: nosuch\nname: x\n", "1:10", "extends: nosuch: no such profile", "gbt9704"),
        (
            "extends: gbt9704\nname: x\npage:\n  margin_top_m: {value: 30, source: x}\n",
            "4:3",
            "page.margin_top_m: unknown key 'margin_top_m'",
            "did you mean 'margin_top_mm'?",
        ),
        ("extends: gbt9704\nname: x\nbodyy: {}\n", "3:1", "unknown key 'bodyy'", "'body'"),
    ],
    ids=["missing-parent", "misspelt-figure", "misspelt-part"],
)
def test_profile_mistakes_are_reported_at_their_line_with_a_hint(
    tmp_path, text, where, message, hint
):
    from planforge.errors import InputError

    profile = tmp_path / "local.yaml"
    profile.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        render(SMALL, profile=str(profile))
    (problem,) = info.value.problems
    assert str(problem.location) == f"{profile}:{where}"
    assert message in problem.message
    assert hint in (problem.hint or "")


def test_bad_profile_is_reported_at_its_line(tmp_path):
    from planforge.errors import InputError

    profile = tmp_path / "bad.yaml"
    profile.write_text(
        "extends: gbt9704\npage:\n  margin_top_mm: {value: wide, source: x}\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        render(SMALL, profile=str(profile))
    locations = [str(p.location) for p in info.value.problems]
    assert any(loc.startswith(f"{profile}:3:") for loc in locations), locations


def test_unknown_profile_names_the_builtin_ones():
    from planforge.errors import UsageError

    with pytest.raises(UsageError) as info:
        render(SMALL, profile="gbt-nonesuch")
    assert "gbt9704-windows" in (info.value.hint or "")


def test_english_plan_defaults_to_plain_profile():
    en = [p for p in EXAMPLES if p.name.endswith(".en.yaml")]
    if not en:
        pytest.skip("no English example")
    doc = open_docx(render(en[0]))
    assert doc.sections[0].top_margin / EMU_PER_MM == pytest.approx(25, abs=0.5)
    assert style_fonts(doc, "Normal")["ascii"] == "Times New Roman"
    assert style_size_pt(doc, "Normal") == 12
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", doc.paragraphs[-1].text)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings and re.match(r"\d+\.\d+ ", headings[0])


# ---------------------------------------------------------------------------- pdf


def test_pdf_without_libreoffice_says_how_to_install(monkeypatch):
    from planforge.errors import UsageError
    from planforge.render.pdf import docx_to_pdf

    monkeypatch.setenv("PLANFORGE_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(UsageError) as info:
        docx_to_pdf(b"")
    assert "apt-get install libreoffice-writer-nogui fonts-noto-cjk" in (info.value.hint or "")


def test_a_folder_template_without_letterhead_leaves_docx_alone(tmp_path):
    (tmp_path / "md").mkdir()
    assert render(SMALL, template=tmp_path) == render(SMALL)


def test_a_non_docx_template_file_is_refused(tmp_path):
    from planforge.errors import UsageError

    template = tmp_path / "plan.md.j2"
    template.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        render(SMALL, template=Path(template))


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("南湖区实验中学工会2026年工作计划", ["南湖区实验中学工会2026年工作计划"]),
        (
            "某某市某某区教育系统工会委员会2026年工作计划",
            ["某某市某某区教育系统工会委员会", "2026年工作计划"],
        ),
        (
            "江南精工机械股份有限公司工会委员会2026年度工作计划",
            ["江南精工机械股份有限公司工会委员会", "2026年度工作计划"],
        ),
        (
            "某某街道总工会关于开展2026年劳动竞赛的工作计划",
            ["某某街道总工会", "关于开展2026年劳动竞赛的工作计划"],
        ),
        (
            "中共某某市教育局委员会直属南湖区实验中学工会委员会2026年工作计划",
            ["中共某某市教育局委员会直属南湖区", "实验中学工会委员会2026年工作计划"],
        ),
        (  # 校|务, 学|生, 会|员, 区|域 are inside words
            "某某市实验小学关于推进校务公开和民主管理的工作计划",
            ["某某市实验小学", "关于推进校务公开和民主管理的工作计划"],
        ),
        (
            "某某区中小学生综合实践基地工会2026年工作计划",
            ["某某区中小学生综合实践基地工会", "2026年工作计划"],
        ),
        (
            "某某大学全体大学生员工第三届会员代表大会工作计划",
            ["某某大学", "全体大学生员工第三届会员代表大会工作计划"],
        ),
        ("某某工会\n2026年工作计划", ["某某工会", "2026年工作计划"]),  # the source's own break
    ],
)
def test_long_titles_break_between_words(title, lines):
    from planforge.render.context import break_title

    assert break_title(title) == lines


def test_a_misspelt_key_inside_an_optional_figure_gets_a_hint(tmp_path):
    from planforge.errors import InputError

    profile = tmp_path / "local.yaml"
    profile.write_text(
        "extends: gbt9704\nname: x\nbody:\n  lines_per_page: {value: 22, sourc: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        render(SMALL, profile=str(profile))
    unknown = [p for p in info.value.problems if "unknown key 'sourc'" in p.message]
    assert len(unknown) == 1 and unknown[0].hint == "did you mean 'source'?"


# ------------------------------------------------- wording decided once, in the context


def _all_text(path: Path, summary: bool) -> dict[str, str]:
    """The document's text in each format: DOCX paragraphs and cells, the HTML without
    tags, the Markdown without escapes."""
    import html as html_lib

    from planforge.render.run import render_text

    ctx = context(path, summary)
    doc = open_docx(render(path, summary))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    page = render_text(ctx, "html")
    return {
        "docx": "\n".join([p.text for p in doc.paragraphs] + cells),
        "html": html_lib.unescape(re.sub(r"<[^>]+>", "", page)),
        "md": re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", render_text(ctx, "md")),
    }


def _nodes(nodes: list[dict]) -> list[dict]:
    return [n for node in nodes for n in (node, *_nodes(node["children"]))]


@pytest.mark.parametrize("path", [SMALL, *EXAMPLES], ids=["small", *IDS])
def test_every_format_shows_the_wording_the_context_builds(path: Path) -> None:
    plan, summary = context(path), context(path, summary=True)
    plan_text, summary_text = _all_text(path, False), _all_text(path, True)
    meta = [n["meta_text"] for n in _nodes(plan["sections"]) if n["meta_text"]]
    targets = [g["measure_text"] for g in plan["goals"] if g["measure_text"]]
    safeguards = [s["number"] for s in plan["safeguards"]]
    outcomes = [
        *summary["opening"],
        *summary["problems"],
        *summary["next_year"],
        *(p for s in summary["results"] for p in s["paragraphs"]),
    ]
    assert meta, "the examples give owners and deadlines"
    for fmt in ("docx", "html", "md"):
        for text in [*meta, *targets, *safeguards]:
            assert text in plan_text[fmt], (fmt, text)
        for text in [*outcomes, summary["stats"]["text"]]:
            assert text in summary_text[fmt], (fmt, text)


def test_the_context_words_brackets_targets_and_outcomes() -> None:
    from planforge.render.context import measure_remark, owner_deadline_bracket

    assert owner_deadline_bracket("工会办公室", "3月底前", "zh") == (
        "（责任部门：工会办公室；完成时限：3月底前）"
    )
    assert owner_deadline_bracket("", "3月底前", "zh") == "（完成时限：3月底前）"
    assert owner_deadline_bracket("", "", "zh") == ""
    assert owner_deadline_bracket("Branch Secretary", "", "en") == "(Responsible: Branch Secretary)"
    assert measure_remark("入会率达到95%", "98%", "zh") == "（目标值：98%）"
    assert measure_remark("入会率达到95%", "95%", "zh") == "", "the text already says it"
    assert measure_remark("Raise density", "78%", "en") == "(Target: 78%)"


def test_a_section_states_no_bracket_and_a_done_task_its_date() -> None:
    summary = context(SMALL, summary=True)
    nodes = _nodes(summary["sections"])
    assert all(n["meta_text"] == "" for n in nodes if n["is_section"])
    done = next(n for n in nodes if n["done_on_text"])
    assert done["status_text"] == f"已完成（{done['done_on_text']}）"


def test_columns_are_sized_by_their_content():
    from planforge.render.docx.writer import column_widths

    heads = ["月份", "工作内容", "责任部门/责任人"]
    rows = [
        ["3月", "召开第六届教代会第三次会议；“三八”妇女节活动", "工会主席 周慧敏、女工委"],
        [
            "12月",
            "经费审查；整理模范教工之家台账；年终自查和工作总结",
            "生活福利委员会、工会办公室",
        ],
    ]
    total, char = 8844, 280  # 156 mm of type area; 4号 (14 pt) in twips
    widths = column_widths(heads, rows, [1, 4, 2], total, char)
    assert sum(widths) == total
    month, work, owners = (w / char for w in widths)
    assert month >= 2 and month < 4  # 月份 fits, no wider than needed
    assert owners >= 7  # 生活福利委员会 (7) unbroken, the header on one line
    assert owners <= 7.9 + 1  # its header (7.5, and a fifth at each change) and padding
    assert work > owners  # the wide column takes the rest
    # everything fits: the room left goes by the shares
    small = column_widths(heads, [["1月", "春节慰问", "工会"]], [1, 4, 2], total, char)
    assert sum(small) == total and small[1] > small[2] > small[0]


def test_ranges_and_names_are_joined_for_one_line():
    from planforge.render.docx.writer import keep_ranges, keep_units

    wj = "\u2060"
    assert keep_ranges("完成时限：3月—6月）") == f"完成时限：3{wj}月{wj}—{wj}6{wj}月）"
    assert keep_ranges("于3月12日至15日开展") == "于" + wj.join("3月12日至15日") + "开展"
    assert keep_ranges("共3人") == "共3人"
    assert keep_units("工会主席 周慧敏、生活福利委员会") == (
        wj.join("工会主席") + " " + wj.join("周慧敏") + "、" + wj.join("生活福利委员会")
    )
    # a phrase longer than a name is prose: it may wrap
    assert keep_units("召开第六届教代会第三次会议") == "召开第六届教代会第三次会议"


def test_joined_text_gets_a_run_that_libreoffice_keeps_together():
    from planforge.render.docx.fields import text_run

    xml = text_run("时限：3\u2060月\u2060—\u20606\u2060月）", hint=True, face="仿宋_GB2312")
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml)
    kept = [r for r in runs if "\u2060" in r]
    assert len(kept) == 1 and '<w:lang w:eastAsia="en-US"/>' in kept[0]
    assert "—" in kept[0]  # the dash stays inside the joined run
