"""The DOCX laid out by a real word processor: LibreOffice converts it to PDF, and the
text of a full body page must hold 22 lines of 28 Chinese characters (GB/T 9704-2012)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest

from conftest import example_files

pytestmark = pytest.mark.slow

CJK = re.compile(r"[\u4e00-\u9fff]")
FILLER = "工会组织职工开展劳动竞赛技能培训民主管理关心关爱困难帮扶文体活动"


def _need(program: str) -> None:
    if shutil.which(program) is None:
        pytest.skip(
            f"{program} is not installed (apt-get install libreoffice-writer-nogui "
            "poppler-utils fonts-noto-cjk)"
        )


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory):
    _need("soffice")
    _need("pdftotext")
    from planforge.check.run import load_plan
    from planforge.render.context import plan_context
    from planforge.render.run import render_pdf_bytes

    folder = tmp_path_factory.mktemp("lo")
    paragraphs = "\n".join(f"  - {FILLER * 10}" for _ in range(6))
    source = folder / "long.yaml"
    source.write_text(
        "organisation: 晨光中学工会\nyear: 2026\nissued: 2026-01-05\nideology:\n"
        f"{paragraphs}\ntasks:\n  - id: t1\n    title: 召开教代会\n    deadline: 3月\n",
        encoding="utf-8",
    )
    pdf = folder / "long.pdf"
    # as `render --format pdf` makes it: the profile's missing faces replaced
    pdf.write_bytes(render_pdf_bytes(plan_context(load_plan(source)), None, None))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page.splitlines() for page in text.split("\f")]


def _body_lines(page: list[str]) -> list[str]:
    """The page's text lines without blank lines and the page number (— N —)."""
    return [line for line in page if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]


def test_a_full_body_page_holds_22_lines(pdf_pages):
    page = _body_lines(pdf_pages[1])
    assert len(page) == 22, "\n".join(page)


def test_a_full_line_holds_28_characters(pdf_pages):
    counts = [len(CJK.findall(line)) for line in _body_lines(pdf_pages[1])]
    assert max(counts) == 28, counts
    assert counts.count(28) >= 18, counts


def test_page_numbers_alternate_sides(pdf_pages):
    numbers = [
        next(line for line in page if re.search(r"—\s*\d+\s*—", line)) for page in pdf_pages[:2]
    ]
    odd, even = numbers
    assert odd.index("—") > even.index("—"), numbers


def test_title_on_first_page(pdf_pages):
    first = "".join(pdf_pages[0]).replace(" ", "")
    assert "晨光中学工会2026年工作计划" in first


def test_numbers_are_not_broken_across_lines(tmp_path):
    """Latin text is marked English (w:lang), as Word writes it: LibreOffice then keeps
    2026-10 and 2026年 whole instead of breaking between any two digits."""
    _need("soffice")
    _need("pdftotext")
    from planforge.render.run import render_pdf_bytes
    from render_helpers import context

    for source in example_files():
        if source.name.endswith(".en.yaml"):
            continue
        pdf = tmp_path / f"{source.stem}.pdf"
        pdf.write_bytes(render_pdf_bytes(context(source), None, None))
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        broken = [
            f"{a} | {b}"
            for a, b in itertools.pairwise(lines)
            if a[-1].isdigit() and b[0].isdigit() and not re.fullmatch(r"—\s*\d+\s*—", b)
        ]
        assert not broken, source.name


def _lines(pdf) -> list[tuple[str, float, float]]:
    """(text, left, right) of each line of the last page, words joined, in page order."""
    import xml.etree.ElementTree as ET

    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    page = list(root.iter("page"))[-1]
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for word in page.iter("word"):
        key = round(float(word.get("yMin")), 1)
        rows.setdefault(key, []).append(
            (float(word.get("xMin")), float(word.get("xMax")), word.text or "")
        )
    out = []
    for _y, words in sorted(rows.items()):
        words.sort()
        out.append(("".join(w[2] for w in words), words[0][0], words[-1][1]))
    return out


@pytest.mark.parametrize("summary", [False, True], ids=["plan", "summary"])
def test_the_signature_stands_where_gbt9704_puts_it(tmp_path, summary):
    """§7.3.5.2 (no seal): the name 右空二字, the date's first character two characters
    right of the name's; a longer date stands 右空二字 and the name moves left."""
    _need("soffice")
    _need("pdftotext")
    from planforge.render.context import plan_context, summary_context
    from planforge.render.run import render_pdf_bytes

    char = 15.75  # 三号 (16 pt) less the profile's 0.25 pt character spacing
    right_edge = (210 - 26) / 25.4 * 72  # the type area's right edge, in points
    for source in example_files():
        if source.name.endswith(".en.yaml"):
            continue
        plan = load_plan_for(source)
        ctx = summary_context(plan) if summary else plan_context(plan)
        pdf = tmp_path / f"{source.stem}.pdf"
        pdf.write_bytes(render_pdf_bytes(ctx, None, None))
        lines = _lines(pdf)
        sig = ctx["signature"]
        org = next(line for line in lines if line[0] == sig["organisation"])
        if not sig["date_text"]:  # a summary not yet dated: the name alone, 右空二字
            assert (right_edge - org[2]) / char == pytest.approx(2, abs=0.15), source.name
            continue
        date = next(line for line in lines if line[0] == sig["date_text"])
        assert (date[1] - org[1]) / char == pytest.approx(2, abs=0.15), source.name
        margins = sorted(((right_edge - org[2]) / char, (right_edge - date[2]) / char))
        assert margins[0] == pytest.approx(2, abs=0.15), source.name
        assert margins[1] >= 1.9, source.name


def load_plan_for(source):
    from planforge.check.run import load_plan

    return load_plan(source)
