"""The report page: the table, the inline SVG charts, plan links, escaping, real consumers."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from browser_tools import chromium, png_pixels, vnu_jar
from conftest import EXAMPLES, run_cli
from report_helpers import AS_OF, BROKEN, Page, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-html") / "plans"
    make_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def page_file(corpus: Path) -> Path:
    out = corpus.parent / "report.html"
    result = run_cli("report", corpus, "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def page(page_file: Path) -> Page:
    return Page(page_file.read_text(encoding="utf-8"))


def test_the_table_has_a_row_per_file_with_broken_ones_marked(corpus: Path, page: Page) -> None:
    assert len(page.rows) == len(list(corpus.rglob("*.yaml"))) == 12 + len(BROKEN)
    broken = [row for row, cls in zip(page.rows, page.row_classes, strict=True) if cls]
    assert len(broken) == len(BROKEN)
    schema_row = next(row for row in broken if "broken-schema.yaml" in row[1])
    assert "读取错误" in schema_row[1] and "expected a whole number" in schema_row[1]
    data = json.loads(run_cli("report", corpus, "--as-of", AS_OF, "-f", "json").stdout)
    for row, plan in zip(page.rows, data["plans"], strict=True):
        assert plan["path"] in row[1]
        if plan["error"]:
            continue
        assert row[1].startswith(plan["organisation"])
        coverage = "".join(f"{c['covered']}/{c['required']}" for c in plan["rubrics"])
        assert row[4] == coverage
        sev = plan["severities"]
        assert row[8] == f"{sev['error']}/{sev['warning']}/{sev['info']}"
        assert row[10] == str(plan["progress"]["overdue"])


def test_charts_are_inline_svg_with_real_text(page: Page) -> None:
    assert page.svgs >= 3  # heat-maps, progress, findings
    texts = " ".join(page.svg_texts)
    assert "已完成" in texts and "已逾期" in texts  # progress legend
    assert "task-no-goal" in texts  # a recurring finding
    assert re.search(r"未覆盖 \d+ \(\d+%\)", texts)  # heat-map: how many unions miss an item
    assert "指标覆盖热力图" in page.headings and "任务进度" in page.headings


def test_page_is_self_contained(page_file: Path, page: Page) -> None:
    text = page_file.read_text(encoding="utf-8")
    assert page.resources == []
    assert "url(" not in text and "@import" not in text
    assert not [link for link in page.links if "//" in link]
    assert "@page { size: A4 landscape" in text


def test_many_unions_are_grouped_in_the_heat_map(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planforge.report.views import heatmap, progress

    monkeypatch.setattr(heatmap, "HEATMAP_UNIONS", 3)
    monkeypatch.setattr(progress, "PROGRESS_UNIONS", 3)
    out = tmp_path / "grouped.html"
    result = run_cli("report", corpus, "--as-of", AS_OF, "--group-by", "kind", "-o", out)
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    texts = page.svg_texts
    assert "全部" in texts and "学校" in texts and "企业" in texts  # group columns and bars
    assert any(re.fullmatch(r"\d+%", t) for t in texts)
    assert "分组统计" in page.headings
    groups = {row[2] for row in page.rows}
    assert {"学校", "企业", "无法读取"} <= groups


def test_with_plans_links_each_row_to_its_rendered_plan(tmp_path: Path) -> None:
    out = tmp_path / "site" / "report.html"
    out.parent.mkdir()
    result = run_cli("report", EXAMPLES, "--with-plans", "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.links) == len(list(EXAMPLES.glob("*.yaml")))
    for link in page.links:
        assert link.startswith("report-plans/")
        target = out.parent / link
        plan_page = target.read_text(encoding="utf-8")
        assert plan_page.startswith("<!DOCTYPE html>") and "<h1" in plan_page
    assert any("school-2026" in link for link in page.links)


def test_text_from_plans_is_escaped(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "organisation: '<script>alert(1)</script> & 工会'\nyear: 2026\n", encoding="utf-8"
    )
    out = tmp_path / "r.html"
    assert run_cli("report", tmp_path, "--as-of", AS_OF, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 工会" in text


def test_english_plans_get_an_english_page(tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    result = run_cli("report", EXAMPLES / "union-2026.en.yaml", "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert "Task progress" in page.headings and "Unions" in page.headings


# ---------------------------------------------------------------------------- consumers


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors(tmp_path: Path, page_file: Path) -> None:
    jar, reason = vnu_jar()
    if jar is None:
        pytest.skip(reason)
    grouped = tmp_path / "grouped.html"
    result = run_cli("report", EXAMPLES, "--group-by", "year", "--as-of", AS_OF, "-o", grouped)
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", str(page_file), str(grouped)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    problems = [m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"]
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.slow
def test_browser_draws_the_report(tmp_path: Path, page_file: Path) -> None:
    chrome = chromium()
    if chrome is None:
        pytest.skip("chromium is not installed")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            chrome,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1400,1000",
            page_file.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1400, 1000)
    assert len(set(pixels)) > 50, "the screenshot is blank"
    # The table's first broken row is tinted #fdecea: the table is drawn and visible.
    assert _has_colour(pixels, width, (0xFD, 0xEC, 0xEA)), "the table's rows are not visible"


def _has_colour(scanlines: bytes, width: int, rgb: tuple[int, int, int]) -> bool:
    """Whether two neighbouring pixels of colour `rgb` appear in the image."""
    stride = 4 if len(scanlines) % (1 + width * 3) else 3
    wanted = bytes(rgb)
    for row in unfiltered_rows(scanlines, width, stride):
        at = row.find(wanted + (b"" if stride == 3 else b"\xff") + wanted)
        while at != -1:
            if at % stride == 0:
                return True
            at = row.find(wanted, at + 1)
    return False


def unfiltered_rows(scanlines: bytes, width: int, stride: int) -> list[bytes]:
    """The pixel rows of a PNG image, its five scanline filters undone."""
    row_len = width * stride
    rows: list[bytes] = []
    prior = bytearray(row_len)
    for start in range(0, len(scanlines), row_len + 1):
        kind = scanlines[start]
        row = bytearray(scanlines[start + 1 : start + 1 + row_len])
        if kind == 1:
            for i in range(stride, row_len):
                row[i] = (row[i] + row[i - stride]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, prior, strict=True))
        elif kind == 3:
            for i in range(row_len):
                left = row[i - stride] if i >= stride else 0
                row[i] = (row[i] + ((left + prior[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(row_len):
                a = row[i - stride] if i >= stride else 0
                b, c = prior[i], prior[i - stride] if i >= stride else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (row[i] + pred) & 0xFF
        rows.append(bytes(row))
        prior = row
    return rows


@pytest.mark.slow
def test_the_report_prints_on_a4_landscape(tmp_path: Path) -> None:
    import shutil

    chrome = chromium()
    if chrome is None:
        pytest.skip("chromium is not installed")
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("pdfinfo/pdftotext (poppler-utils) are not installed")
    page = tmp_path / "report.html"
    assert run_cli("report", EXAMPLES, "--as-of", AS_OF, "-o", page).exit_code == 0
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            chrome,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info
    width, height = float(size[1]), float(size[2])
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4 landscape
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "工作计划汇总报告" in text and "任务进度" in text
