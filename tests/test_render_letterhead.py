"""Letterheads: a DOCX with Jinja tags filled by docxtpl around the plan's body."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from docx_helpers import SMALL, W, context, open_docx, render, xml_parts
from planforge.errors import TemplateError

LETTERHEAD = ROOT / "templates" / "letterhead" / "letterhead.docx"


def test_example_letterhead_renders_with_plan_text_and_header():
    ctx = context(SMALL)
    data = render(SMALL, template=LETTERHEAD)
    doc = open_docx(data)
    header = doc.sections[0].header
    assert [p.text for p in header.paragraphs] == [f"{ctx['organisation']} · {ctx['year']}"]
    assert header.paragraphs[0]._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    mark = doc.paragraphs[0]
    assert mark.text == ctx["organisation"]
    assert 'w:color w:val="C00000"' in mark._p.xml
    texts = [p.text for p in doc.paragraphs]
    assert ctx["title"] in texts
    assert "一、指导思想" in texts
    assert "（一）召开第五届教代会第三次会议" in texts
    assert texts[-1] == "2026年1月5日"
    assert not any("{{" in t or "PLANFORGE" in t for t in texts)
    assert doc.core_properties.title == ctx["title"]
    assert doc.tables, "the schedule table is in the letterhead's body"


def test_letterhead_keeps_page_numbers_and_styles():
    doc = open_docx(render(SMALL, template=LETTERHEAD))
    footer = doc.sections[0].footer._element.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
    assert doc.styles["Heading 1"].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"


def test_a_folder_with_letterhead_docx_uses_it(tmp_path):
    (tmp_path / "letterhead.docx").write_bytes(LETTERHEAD.read_bytes())
    doc = open_docx(render(SMALL, template=tmp_path))
    assert doc.paragraphs[0].text == "晨光中学工会"


def test_committed_letterhead_matches_its_generator():
    from planforge.render.docx.letterhead_build import build_letterhead

    assert build_letterhead() == LETTERHEAD.read_bytes(), (
        "rebuild it: python -m planforge.render.docx.letterhead_build"
    )


def _word_letterhead(tmp_path, body_text="{{ body }}", header_text="{{ organisation }} 工会"):
    """A letterhead as Word makes them: python-docx's default template, with a theme."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header_text
    document.add_paragraph("{{ organisation }}")
    document.add_paragraph(body_text)
    path = tmp_path / "word-letterhead.docx"
    document.save(str(path))
    return path


def test_theme_fonts_are_removed_from_a_word_made_letterhead(tmp_path):
    path = _word_letterhead(tmp_path)
    before = xml_parts(path.read_bytes())
    assert any(re.search(r"w:\w+Theme=", xml) for xml in before.values())
    data = render(SMALL, template=path)
    for name, xml in xml_parts(data).items():
        assert not re.search(r"w:\w+Theme=", xml), name
        assert "Calibri" not in xml, name
        assert "等线" not in xml, name
    doc = open_docx(data)
    assert doc.sections[0].header.paragraphs[0].text == "晨光中学工会 工会"
    assert style_default_count(doc) == 1


def style_default_count(doc):
    return sum(
        1
        for s in doc.styles.element.findall(f"{W}style")
        if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") == "1"
    )


def test_user_text_is_escaped_in_a_letterhead(tmp_path):
    source = SMALL.read_text(encoding="utf-8").replace(
        "organisation: 晨光中学工会", 'organisation: "<b>晨光</b> & 工会"'
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(source, encoding="utf-8")
    doc = open_docx(render(plan, template=LETTERHEAD))
    assert doc.paragraphs[0].text == "<b>晨光</b> & 工会"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ nonesuch }}", "nonesuch"),
        ("{{ ''.__class__.__mro__ }}", "not allowed"),
        ("{% if %}", "syntax"),
        ("no placeholder here", "{{ body }}"),
    ],
)
def test_letterhead_template_errors_are_reported(tmp_path, body, message):
    path = _word_letterhead(tmp_path, body_text=body)
    with pytest.raises(TemplateError) as info:
        render(SMALL, template=path)
    assert message in info.value.message
    assert str(path) in info.value.message


def test_a_broken_docx_is_a_template_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(TemplateError):
        render(SMALL, template=path)
