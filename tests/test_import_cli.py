"""`planforge import` end to end: encodings, bad input, outputs, the README's command and
the round trip through `planforge render --format md`."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from typer.testing import CliRunner

from conftest import run_cli
from import_helpers import FIXTURES, comments
from planforge.cli import build_app
from planforge.load import load
from planforge.validate import validate

ZH_PLAN = (FIXTURES / "full_zh.txt").read_text(encoding="utf-8")


def test_gbk_text_file_is_detected_and_said(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_bytes(ZH_PLAN.encode("gbk"))
    result = run_cli("import", src)
    assert result.exit_code == 0, result.output
    assert "read as GB18030/GBK" in result.stderr
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "# imported: read as GB18030/GBK" in text
    assert validate(load(tmp_path / "plan.yaml")).organisation == "某某学校工会"


def test_utf8_with_bom(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_bytes(b"\xef\xbb\xbf" + ZH_PLAN.encode("utf-8"))
    assert run_cli("import", src).exit_code == 0
    assert validate(load(tmp_path / "plan.yaml")).title == "某某学校工会2025年工作计划"


def test_html_page(tmp_path):
    src = tmp_path / "page.html"
    src.write_text(
        "<html><head><title>site</title><script>var x=1;</script></head><body>"
        "<nav>首页 &gt; 工作计划</nav><h1>某某工会2025年工作计划</h1>"
        "<p>来源：范文网</p><p>一、加强学习</p><p>（一）组织学习。由工会办公室负责。</p>"
        "<p>二、维护权益</p><ul><li>走访慰问</li></ul></body></html>",
        encoding="utf-8",
    )
    result = run_cli("import", src)
    assert result.exit_code == 0, result.output
    data = validate(load(tmp_path / "page.yaml"))
    assert data.title == "某某工会2025年工作计划"
    assert [t.title for t in data.tasks] == ["加强学习", "维护权益"]
    assert data.tasks[0].tasks[0].owners == ["工会办公室"]
    assert (
        "来源" not in (tmp_path / "page.yaml").read_text(encoding="utf-8").split("organisation:")[1]
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    src = tmp_path / "plan.txt"
    src.write_bytes(content)
    result = run_cli("import", src)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "plan.yaml").exists()


def test_broken_docx_and_missing_file(tmp_path):
    src = tmp_path / "plan.docx"
    src.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("import", src)
    assert result.exit_code == 2 and "cannot read the Word document" in result.stderr
    result = run_cli("import", tmp_path / "nope.txt")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_never_overwrites_without_force(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text(ZH_PLAN, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = run_cli("import", src)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert run_cli("import", src, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Imported by")


def test_output_option_and_stdout(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text(ZH_PLAN, encoding="utf-8")
    assert run_cli("import", src, "-o", tmp_path / "x.yaml").exit_code == 0
    assert (tmp_path / "x.yaml").exists()
    result = run_cli("import", src, "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# Imported by")


def test_standard_input(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        build_app(), ["import", "-", "--year", "2026"], input=ZH_PLAN.encode("gbk")
    )
    assert result.exit_code == 0, result.output
    assert "year: 2026" in result.stdout
    assert "read as GB18030/GBK" in result.stdout


def test_several_plans_need_out_dir(tmp_path):
    src = tmp_path / "page.txt"
    shutil.copy(FIXTURES / "web_zh_two_plans.txt", src)
    result = run_cli("import", src)
    assert result.exit_code == 2 and "--out-dir" in result.stderr
    result = run_cli("import", src, "--out-dir", tmp_path / "plans")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "plans").iterdir())
    assert written == ["page-1.yaml", "page-2.yaml"]
    assert run_cli("check", tmp_path / "plans").exit_code in (0, 1)


def test_bad_lang_is_a_usage_error(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text(ZH_PLAN, encoding="utf-8")
    result = run_cli("import", src, "--lang", "fr")
    assert result.exit_code == 2 and "--lang" in result.stderr


def test_readme_command_starts_from_last_years_document(tmp_path, monkeypatch):
    """`planforge import plan.docx && planforge check plan.yaml`, as the README says."""
    document = docx.Document()
    document.add_heading("某某学校工会2025年工作计划", level=0)
    for line in ZH_PLAN.splitlines()[1:]:
        if line.strip():
            document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.docx").write_bytes(stream.getvalue())
    result = run_cli("import", "plan.docx")
    assert result.exit_code == 0, result.output
    check = run_cli("check", "plan.yaml")
    assert check.exit_code in (0, 1), check.output  # warnings at most: the plan is valid
    assert "could not be loaded" not in check.output


def test_readme_shows_the_import_command():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "planforge import plan.docx && planforge check plan.yaml" in readme


# ---------------------------------------------------------------------------- round trip

ROUND_TRIP = [
    "full_zh.txt",
    "plain_en.txt",
]


def _has_render() -> bool:
    from conftest import run_cli as run

    return run("render", "--help").exit_code == 0


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_import_render_import_gives_the_same_source(tmp_path, name):
    if not _has_render():
        pytest.skip("planforge render is not available yet")
    src = tmp_path / name
    shutil.copy(FIXTURES / name, src)
    assert run_cli("import", src, "-o", tmp_path / "first.yaml").exit_code == 0
    result = run_cli(
        "render", tmp_path / "first.yaml", "--format", "md", "-o", tmp_path / "plan.md"
    )
    assert result.exit_code == 0, result.output
    assert run_cli("import", tmp_path / "plan.md", "-o", tmp_path / "second.yaml").exit_code == 0
    first = (tmp_path / "first.yaml").read_text(encoding="utf-8")
    second = (tmp_path / "second.yaml").read_text(encoding="utf-8")
    assert load(tmp_path / "second.yaml").data == load(tmp_path / "first.yaml").data
    # owners and deadlines now stand in the document's bracket: stated, no longer guessed
    assert not [c for c in comments(second) if "owners taken" in c or "deadline guessed" in c]
    assert len(comments(second)) < len(comments(first))
    # and a second round changes nothing at all
    run_cli("render", tmp_path / "second.yaml", "--format", "md", "-o", tmp_path / "again.md")
    assert run_cli("import", tmp_path / "again.md", "-o", tmp_path / "third.yaml").exit_code == 0
    assert (tmp_path / "third.yaml").read_text(encoding="utf-8") == second
