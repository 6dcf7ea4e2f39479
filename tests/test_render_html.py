"""HTML output: golden files, structure, self-containment, escaping, the Nu checker, a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from browser_tools import chromium, png_pixels, vnu_jar
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


def parse(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(text.encode("utf-8"))


def text_of(el: lxml.html.HtmlElement) -> str:
    return el.text_content()


@pytest.mark.parametrize(
    ("source", "summary", "golden"),
    [
        (SMALL, False, "small.zh.plan.html"),
        (SMALL, True, "small.zh.summary.html"),
        (SCHOOL, False, "school-2026.zh.plan.html"),
        (UNION, True, "union-2026.en.summary.html"),
    ],
)
def test_html_matches_golden_file(source: Path, summary: bool, golden: str) -> None:
    if not source.exists():
        pytest.skip(f"{source.name} is not in this checkout")
    assert_golden(golden, render(source, "html", summary))


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_plan_structure_follows_the_context(source: Path) -> None:
    ctx = context(source)
    doc = parse(render(source, "html"))
    assert doc.get("lang") == ("zh-CN" if ctx["zh"] else "en")
    assert doc.findtext(".//title") == ctx["title"]
    assert [text_of(h) for h in doc.iter("h1")] == ["".join(ctx["title_lines"])]
    gap = "" if ctx["zh"] else " "
    assert [text_of(h) for h in doc.iter("h2")] == [
        f"{p['number']}{gap}{p['heading']}" for p in ctx["parts"]
    ]
    tasks = [
        (f"h{min(n['level'] + 1, 6)}", f"{n['number']}{gap}{n['title']}")
        for n in walk(ctx["sections"])
    ]
    found = [(h.tag, text_of(h)) for h in doc.xpath("//*[starts-with(@id, 'task-')]")]
    assert found == tasks
    rows = doc.xpath("//table[@class='schedule']//tr")
    header = [text_of(c) for c in rows[0]]
    labels = ctx["labels"]
    assert header == [labels["month"], labels["work"], labels["owners"]]
    assert rows[0].getparent().tag == "thead"  # repeats on every printed page
    assert [[text_of(c) for c in r] for r in rows[1:]] == [
        [r["month_label"], r["work"], r["owners_text"]] for r in ctx["schedule"]
    ]
    signature = [text_of(p) for p in doc.xpath("//div[@class='signature']/p")]
    expected = [ctx["signature"]["organisation"], ctx["signature"]["date_text"]]
    assert signature == [s for s in expected if s]


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_summary_has_its_parts_in_order_and_the_appendix_tables(source: Path) -> None:
    ctx = context(source, summary=True)
    doc = parse(render(source, "html", summary=True))
    opening = [text_of(p) for p in doc.xpath("//div[@class='opening']/p")]
    assert opening == ctx["opening"]
    parts = doc.xpath("//section[starts-with(@class, 'part ')]/h2")
    assert [text_of(h) for h in parts] == [
        f"{p['number']}{ctx['punct']['gap']}{p['heading']}" for p in ctx["parts"]
    ]
    results = doc.xpath("//section[contains(@class, 'part-results')]")[0]
    heads = results.xpath("./h3")
    assert [text_of(h) for h in heads] == [
        f"{s['number']}{ctx['punct']['gap']}{s['title']}" for s in ctx["results"]
    ]
    prose = [text_of(p) for p in results.xpath("./p")]
    for section in ctx["results"]:
        for paragraph in section["paragraphs"]:
            assert paragraph in prose
    assert not [p for p in prose if p.startswith(("完成情况：", "主要数据：", "Status: "))]
    tables = doc.xpath("//section[@class='appendix']/table")
    assert len(tables) == len(ctx["appendix"]["tables"])
    for table, want in zip(tables, ctx["appendix"]["tables"], strict=True):
        assert text_of(table.find("caption")) == want["title"]
        rows = [[text_of(c) for c in r] for r in table.xpath("./tbody/tr")]
        assert rows == want["rows"]


def test_print_css_gives_the_official_page() -> None:
    zh = render(SMALL, "html")
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in zh
    assert "counter(page)" in zh and '"— "' in zh
    assert re.search(r"--body: \"仿宋_GB2312\".*FangSong.*\"Noto Serif CJK SC\"", zh)
    assert re.search(r"--l1: \"黑体\", SimHei", zh)
    assert re.search(r"--l2: \"楷体_GB2312\".*KaiTi", zh)
    assert "--size: 16pt" in zh and "--title-size: 22pt" in zh
    if UNION.exists():
        assert "@page { size: A4; margin: 25mm;" in render(UNION, "html")


@pytest.mark.parametrize("source", all_sources(), ids=lambda p: p.name)
def test_html_is_self_contained(source: Path) -> None:
    for summary in (False, True):
        text = render(source, "html", summary)
        doc = parse(text)
        assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed")
        assert not doc.xpath("//@src | //@href | //@srcset | //@action")
        style = "".join(s.text_content() for s in doc.iter("style"))
        assert "url(" not in style and "@import" not in style
        assert "http://" not in text and "https://" not in text


def test_user_text_is_escaped(tmp_path: Path) -> None:
    source = hostile_plan(tmp_path)
    for summary in (False, True):
        text = render(source, "html", summary)
        doc = parse(text)
        assert not doc.xpath(
            "//script | //img | //iframe | //b[not(ancestor::p[@class='figures'])] | //i | //u"
        )
        assert XSS in doc.text_content()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    doc = parse(render(source, "html"))
    assert text_of(doc.find(".//title")) == "*强调*与[链接](http://example.com)的计划"
    assert [text_of(h) for h in doc.iter("h2")][2] == f"三、{XSS}"


# --- real consumers -----------------------------------------------------------------------


def test_nu_html_checker_finds_no_errors(tmp_path: Path) -> None:
    jar, reason = vnu_jar()
    if jar is None:
        pytest.skip(reason)
    files = []
    for source in [*all_sources(), hostile_plan(tmp_path)]:
        for summary in (False, True):
            out = tmp_path / f"{source.stem}{'.summary' if summary else ''}.html"
            out.write_text(render(source, "html", summary), encoding="utf-8")
            files.append(str(out))
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    problems = [m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"]
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)


CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-extensions",
]


@pytest.mark.slow
def test_browser_draws_the_page_and_prints_it_on_a4(tmp_path: Path) -> None:
    chrome = chromium()
    if chrome is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "plan.html"
    page.write_text(render(SCHOOL if SCHOOL.exists() else SMALL, "html"), encoding="utf-8")
    shot = tmp_path / "plan.png"
    pdf = tmp_path / "plan.pdf"
    env_profile = f"--user-data-dir={tmp_path / 'profile'}"
    subprocess.run(
        [
            chrome,
            *CHROME_FLAGS,
            env_profile,
            "--window-size=1000,1300",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 1300)
    assert len(set(pixels)) > 50, "the screenshot is blank"
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext/pdfinfo (poppler-utils) are not installed")
    subprocess.run(
        [
            chrome,
            *CHROME_FLAGS,
            env_profile,
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
    assert size and abs(float(size[1]) - 595.3) < 1 and abs(float(size[2]) - 841.9) < 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    ctx = context(SCHOOL if SCHOOL.exists() else SMALL)
    assert ctx["title_lines"][0] in text
    pages = text.split("\f")
    assert re.search(r"—\s*1\s*—\s*$", pages[0]), "page number of page 1"
    assert re.search(r"—\s*2\s*—\s*$", pages[1]), "page number of page 2"
