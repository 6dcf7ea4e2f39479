"""The font plan: which of a layout's faces a machine has, the stand-in for each missing
one, and PDFs whose title, headings and body keep faces of their own, in the
Simplified-Chinese variant."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from planforge.render import fonts
from planforge.render.docx.profiles import load_profile

NOTO = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif CJK JP"})
FREE = NOTO | {"AR PL UKai CN", "Liberation Serif"}
OFFICIAL = frozenset(
    {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体", "Times New Roman"}
)


def _shown(plan: list[fonts.RoleFont]) -> dict[str, str | None]:
    return {r.role: r.shown for r in plan}


def test_each_role_gets_a_stand_in_of_its_own_kind():
    plan = fonts.font_plan(load_profile("gbt9704"), FREE)
    shown = _shown(plan)
    assert shown["title"] == "Noto Serif CJK SC"
    assert shown["heading 1"] == "Noto Sans CJK SC"
    assert shown["heading 2"] == "AR PL UKai CN"
    assert shown["body"] == "Noto Serif CJK SC"  # no FangSong face: the nearest, a serif
    assert shown["Latin text"] == "Liberation Serif"
    assert fonts.heavy_title(plan)
    assert fonts.replacements(plan)["楷体_GB2312"] == "AR PL UKai CN"


def test_without_a_kai_face_level_two_falls_back_to_the_serif():
    shown = _shown(fonts.font_plan(load_profile("gbt9704"), NOTO))
    assert shown["heading 2"] == "Noto Serif CJK SC"
    assert shown["heading 1"] == "Noto Sans CJK SC"


def test_installed_official_faces_are_used_as_they_are():
    plan = fonts.font_plan(load_profile("gbt9704"), OFFICIAL | FREE)
    assert all(r.installed for r in plan)
    assert fonts.replacements(plan) == {} and fonts.missing_note(plan) is None
    assert not fonts.heavy_title(plan)


def test_a_machine_without_cjk_fonts_is_told_what_is_missing():
    plan = fonts.font_plan(load_profile("gbt9704"), frozenset())
    note = fonts.missing_note(plan)
    assert note is not None and "方正小标宋简体 → no stand-in" in note
    text = fonts.plan_text("gbt9704", plan)
    assert "仿宋_GB2312  (missing → no stand-in found)" in text
    assert "apt-get install fonts-noto-cjk fonts-arphic-ukai" in text


def test_the_fonts_command_reports_the_plan(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: FREE)
    result = run_cli("fonts", "--profile", "gbt9704-windows")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("layout profile gbt9704-windows:")
    assert re.search(r"heading 2 +楷体 +\(missing → AR PL UKai CN\)", result.stdout)


def test_the_replacement_table_is_a_libreoffice_registry():
    xml = fonts.registry_xml({"仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"})
    root = ET.fromstring(xml)
    ns = {"oor": "http://openoffice.org/2001/registry"}
    pairs = {}
    for node in root.iter("node"):
        props = {p.get(f"{{{ns['oor']}}}name"): p.findtext("value") for p in node}
        assert props["Always"] == "true" and props["OnScreenOnly"] == "false"
        pairs[props["ReplaceFont"]] = props["SubstituteFont"]
    assert pairs == {"仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}


def test_a_heavy_title_is_bold_only_in_the_copy_made_for_the_pdf():
    from planforge.render.context import plan_context
    from planforge.render.docx import render_docx
    from planforge.validate import load_plan

    docx = render_docx(plan_context(load_plan(EXAMPLES / "school-2026.zh.yaml")), None, None)

    def title_bold(data: bytes) -> str | None:
        styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
        style = re.search(r'w:styleId="Title">.*?</w:style>', styles, re.S)
        assert style is not None
        found = re.search(r"<w:b(?: w:val=\"(\w+)\")?/>", style.group())
        return None if found is None else (found.group(1) or "1")

    assert title_bold(docx) == "0"
    assert title_bold(fonts.with_bold_title(docx)) == "1"


# ---------------------------------------------------------------- through LibreOffice


def _need_programs() -> None:
    for program in ("soffice", "pdftohtml", "pdftoppm", "fc-list"):
        if shutil.which(program) is None:
            pytest.skip(
                f"{program} is not installed (apt-get install libreoffice-writer-nogui "
                "poppler-utils fontconfig)"
            )
    missing = {"Noto Serif CJK SC", "Noto Sans CJK SC"} - fonts.installed_families()
    if missing:
        pytest.skip(f"{', '.join(sorted(missing))} not installed (apt-get install fonts-noto-cjk)")


def _faces(pdf: Path) -> dict[str, str]:
    """Text of the first page → the font (subset tag + name) pdftohtml says draws it."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "2", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(xml)
    specs = {f.get("id"): f.get("family") for f in root.iter("fontspec")}
    return {"".join(t.itertext()): specs[t.get("font")] for t in root.iter("text")}


@pytest.mark.slow
@pytest.mark.parametrize("example", ["school-2026.zh.yaml", "enterprise-2026.zh.yaml"])
def test_title_headings_and_body_keep_faces_of_their_own_in_the_pdf(tmp_path, example):
    _need_programs()
    source = tmp_path / example
    shutil.copy(EXAMPLES / example, source)
    result = run_cli("render", source, "--format", "pdf")
    assert result.exit_code == 0, result.output
    if "方正小标宋简体" not in fonts.installed_families():
        assert "lacks" in result.stderr and "方正小标宋简体 → Noto Serif CJK SC" in result.stderr
    faces = _faces(source.with_suffix(".pdf"))
    title = next(face for text, face in faces.items() if text.endswith("年工作计划"))
    level1 = next(face for text, face in faces.items() if text.startswith("一、"))
    level2 = next(face for text, face in faces.items() if text.startswith("（一）"))
    body = next(face for text, face in faces.items() if len(text) > 20 and "（" not in text[:3])
    assert len({title, level1, level2, body}) == 4, faces
    assert "NotoSerifCJK" in title and "NotoSansCJK" in level1 and "NotoSerifCJK" in body
    if "AR PL UKai CN" in fonts.installed_families():
        assert "UKai" in level2


@pytest.mark.slow
def test_the_stand_ins_draw_simplified_chinese_glyphs(tmp_path):
    """Noto CJK collections share one glyph set, named after the Japanese face, so pdffonts
    cannot tell the variant; the glyphs can. 骨, 直 and 角 are drawn differently in the
    Japanese and Simplified-Chinese faces: the replaced 仿宋_GB2312 line must look like the
    SC line and unlike the JP line."""
    _need_programs()
    import docx
    from docx.oxml.ns import qn

    from planforge.render.pdf import docx_to_pdf

    document = docx.Document()
    for face in ("仿宋_GB2312", "Noto Serif CJK SC", "Noto Serif CJK JP"):
        run = document.add_paragraph().add_run("骨直角骨直角")
        run.font.size = docx.shared.Pt(28)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    buffer = io.BytesIO()
    document.save(buffer)
    pdf = tmp_path / "probe.pdf"
    pdf.write_bytes(docx_to_pdf(buffer.getvalue(), {"仿宋_GB2312": "Noto Serif CJK SC"}))
    subprocess.run(["pdftoppm", "-r", "72", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    page = next(tmp_path.glob("p*.pgm")).read_bytes()
    lines = _ink_rows(page)
    assert len(lines) == 3, lines
    replaced, simplified, japanese = (_crop(page, top, bottom) for top, bottom in lines)
    assert replaced == simplified
    assert replaced != japanese


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    header = data.split(b"\n", 3)
    width, height = map(int, header[1].split())
    return width, height, header[3]


def _ink_rows(data: bytes) -> list[tuple[int, int]]:
    """(top, bottom) of each band of rows that holds dark pixels."""
    width, height, pixels = _pgm(data)
    inked = [min(pixels[y * width : (y + 1) * width]) < 128 for y in range(height)]
    bands, start = [], None
    for y, ink in enumerate([*inked, False]):
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            bands.append((start, y))
            start = None
    return bands


def _crop(data: bytes, top: int, bottom: int) -> bytes:
    width, _height, pixels = _pgm(data)
    return pixels[top * width : bottom * width]
