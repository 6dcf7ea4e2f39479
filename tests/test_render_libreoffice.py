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
    from planforge.render.context import plan_context
    from planforge.render.run import render_pdf_bytes
    from planforge.validate import load_plan

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
    """(text, left, right) of each line of every page, words joined, in page order."""
    import xml.etree.ElementTree as ET

    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    out = []
    for page in root.iter("page"):
        rows: dict[float, list[tuple[float, float, str]]] = {}
        for word in page.iter("word"):
            key = round(float(word.get("yMin")), 1)
            rows.setdefault(key, []).append(
                (float(word.get("xMin")), float(word.get("xMax")), word.text or "")
            )
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
        at = max(i for i, line in enumerate(lines) if line[0] == sig["organisation"])
        org = lines[at]
        if not sig["date_text"]:  # a summary not yet dated: the name alone, 右空二字
            assert (right_edge - org[2]) / char == pytest.approx(2, abs=0.15), source.name
            continue
        date = lines[at + 1]
        assert date[0] == sig["date_text"]
        assert (date[1] - org[1]) / char == pytest.approx(2, abs=0.15), source.name
        margins = sorted(((right_edge - org[2]) / char, (right_edge - date[2]) / char))
        assert margins[0] == pytest.approx(2, abs=0.15), source.name
        assert margins[1] >= 1.9, source.name


def load_plan_for(source):
    from planforge.validate import load_plan

    return load_plan(source)


LINE_BREAKS_PLAN = """\
organisation: 滨江区人民医院工会
year: 2027
issued: 2027-01-20
ideology:
  - {ranges}
  - 组织“5·12”护士节表彰和“三八”妇女节活动，开展“5·12”主题宣传。
tasks:
  - id: t1
    title: 开展“5·12”护士节表彰活动
    owners: 工会主席 周慧敏、护理部、院感科、工会办公室、生活福利委员会
    deadline: 5月8日-5月12日
  - id: t2
    title: 组织“三八”妇女节活动
    owners: 女职工委员会、工会办公室
    deadline: 3月-6月
"""
RANGE = re.compile(
    r"\d{1,2}月(?:\d{1,2}日)?(?:至|—)\d{1,2}(?:月|日)(?:\d{1,2}日)?|\d{1,2}—\d{1,2}月"
)


def test_ranges_names_and_table_headers_are_not_broken(tmp_path):
    """GB/T 15834 ranges (3月12日至15日, 5—8月) stay on one line; a table's header is one
    line; a name in a table cell is not broken; a quote after a digit is full-width."""
    _need("soffice")
    _need("pdftotext")
    from planforge.load import parse
    from planforge.render.context import plan_context
    from planforge.render.run import render_pdf_bytes
    from planforge.validate import validate

    items = "、".join(f"{m}月{d}日至{d + 3}日" for m, d in itertools.product(range(3, 11), (2, 12)))
    text = LINE_BREAKS_PLAN.format(ranges=f"各科室分别于{items}开展巡查，并于5—8月集中整改。")
    ctx = plan_context(validate(parse(text, "plan.yaml")))
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(render_pdf_bytes(ctx, None, None))
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in layout.splitlines() if line.strip()]
    joined = "".join(lines)
    ranges = RANGE.findall(joined)
    assert len(ranges) >= 16
    whole = [found for line in lines for found in RANGE.findall(line)]
    assert sorted(ranges) == sorted(whole), "a range was broken across lines"
    assert "3月—6月" in joined and "5月8日—5月12日" in joined
    words = _words(pdf)
    assert {"月份", "工作内容", "责任部门/责任人"} <= {w[2] for w in words}  # one line each
    assert "工会主席" in {w[2] for w in words}  # 工会主席 周慧敏: broken between, not inside
    # a quote after a digit is full-width: the heading 二、开展“5·12”护士节表彰活动 is as
    # wide as its characters (digits half), not half a character short
    x_min, x_max, _ = next(w for w in words if w[2] == "二、开展“5·12”护士节表彰活动")
    expected = sum(0.5 if ch.isascii() else 1.0 for ch in "二、开展“5·12”护士节表彰活动")
    assert (x_max - x_min) / 16 >= expected - 0.25


def _words(pdf) -> list[tuple[float, float, str]]:
    import xml.etree.ElementTree as ET

    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in root.iter("word")]
