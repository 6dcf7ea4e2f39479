"""`planforge render` end to end: output paths, atomic writes, template overrides, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from render_helpers import SMALL, XSS, hostile_plan, render


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    shutil.copyfile(SMALL, path)
    return path


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize(
    ("fmt", "summary", "name"),
    [
        ("md", False, "plan.md"),
        ("md", True, "plan.summary.md"),
        ("html", False, "plan.html"),
        ("html", True, "plan.summary.html"),
    ],
)
def test_output_goes_next_to_the_source(plan: Path, fmt: str, summary: bool, name: str) -> None:
    before = plan.read_bytes()
    result = run_cli("render", plan, "--format", fmt, *(["--summary"] if summary else []))
    assert result.exit_code == 0, result.output
    out = plan.parent / name
    assert out.read_text(encoding="utf-8") == render(plan, fmt, summary)
    assert f"wrote {out}" in result.stderr
    assert plan.read_bytes() == before


def test_output_option_and_stdout(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.md"
    target.parent.mkdir()
    assert run_cli("render", plan, "-f", "md", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == render(plan, "md")
    result = run_cli("render", plan, "-f", "html", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == render(plan, "html")


def test_an_existing_output_is_replaced(plan: Path) -> None:
    out = plan.with_suffix(".md")
    out.write_text("old", encoding="utf-8")
    assert run_cli("render", plan, "-f", "md").exit_code == 0
    assert out.read_text(encoding="utf-8") == render(plan, "md")
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan.md", "plan.yaml"]


def test_the_old_output_survives_a_failed_render(plan: Path, tmp_path: Path) -> None:
    out = plan.with_suffix(".md")
    out.write_text("old output", encoding="utf-8")
    bad = tmp_path / "plan.md.j2"
    bad.write_text("# {{ title }}\n{{ no_such_variable }}\n", encoding="utf-8")
    result = run_cli("render", plan, "-f", "md", "--template", bad)
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old output"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("year: 2026", "year: [2026]"), encoding="utf-8"
    )
    result = run_cli("render", plan, "-f", "md")
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old output"
    assert not [p for p in plan.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_source_and_yaml_files_are_never_outputs(plan: Path, tmp_path: Path) -> None:
    before = plan.read_bytes()
    for target in (plan, tmp_path / "other.yaml", tmp_path / "other.YML"):
        result = run_cli("render", plan, "-f", "md", "-o", target)
        assert result.exit_code == 2, target
        assert "refusing" in result.stderr
        no_traceback(result)
    assert plan.read_bytes() == before
    assert not (tmp_path / "other.yaml").exists()


def test_a_user_template_file_overrides_one_template(plan: Path, tmp_path: Path) -> None:
    mine = tmp_path / "plan.md.j2"
    mine.write_text(
        '{% import "md/_blocks.md.j2" as b with context %}'
        "TITLE: {{ title|md }}\n\n{{ b.signature(signature) }}",
        encoding="utf-8",
    )
    assert run_cli("render", plan, "-f", "md", "--template", mine, "-o", tmp_path / "a.md")
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert text == "TITLE: 晨光中学工会2026年工作计划\n\n晨光中学工会\n\n2026年1月5日\n"
    # The summary is not overridden by that file: it stays the built-in one.
    result = run_cli("render", plan, "-f", "md", "--summary", "--template", mine, "-o", "-")
    assert result.stdout == render(plan, "md", summary=True)


def test_a_user_template_folder_overrides_only_what_it_holds(plan: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine" / "html"
    folder.mkdir(parents=True)
    (folder / "summary.html.j2").write_text(
        "<!DOCTYPE html><title>{{ title }}</title><p>{{ organisation }}</p>\n", encoding="utf-8"
    )
    result = run_cli(
        "render", plan, "-f", "html", "--summary", "--template", folder.parent, "-o", "-"
    )
    assert result.stdout == (
        "<!DOCTYPE html><title>晨光中学工会2026年工作总结</title><p>晨光中学工会</p>\n"
    )
    result = run_cli("render", plan, "-f", "html", "--template", folder.parent, "-o", "-")
    assert result.stdout == render(plan, "html")


def test_user_html_templates_are_autoescaped(tmp_path: Path) -> None:
    source = hostile_plan(tmp_path)
    mine = tmp_path / "plan.html.j2"
    mine.write_text("<p>{{ organisation }}</p>\n", encoding="utf-8")
    result = run_cli("render", source, "-f", "html", "--template", mine, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == "<p>&lt;script&gt;alert(1)&lt;/script&gt;工会</p>\n"
    assert XSS not in result.stdout


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("line one\n{{ ''.__class__.__mro__ }}\n", "plan.md.j2:2: not allowed in a template"),
        ("{{ title }}\n\n{{ nope }}\n", "plan.md.j2:3: 'nope' is undefined"),
        ("{{ title }}\n{% if %}\n", "plan.md.j2:2: template syntax error"),
        ("{{ title.__globals__ }}\n", "plan.md.j2:1:"),
        ("{% for x in range(10**9) %}{% endfor %}\n", "plan.md.j2:1: OverflowError: Range"),
        ("{{ title }}\n{{ 1 / 0 }}\n", "plan.md.j2:2: ZeroDivisionError"),
    ],
    ids=[
        "python-internals",
        "unknown-variable",
        "syntax-error",
        "globals",
        "huge-range",
        "division",
    ],
)
def test_template_errors_are_reported_with_file_and_line(
    plan: Path, tmp_path: Path, body: str, expected: str
) -> None:
    mine = tmp_path / "plan.md.j2"
    mine.write_text(body, encoding="utf-8")
    result = run_cli("render", plan, "-f", "md", "--template", mine)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert str(mine) in result.stderr
    no_traceback(result)
    assert not plan.with_suffix(".md").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-f", "rtf"], "--format rtf: expected one of docx, md, html, pdf"),
        (["-f", "md", "--profile", "gbt9704"], "--profile applies to --format docx or pdf only"),
        (["-f", "md", "--template", "letterhead.docx"], "a DOCX letterhead applies to"),
        (["-f", "md", "--template", "missing-folder"], "no such file or folder"),
        (["-f", "docx", "-o", "-"], "docx is binary"),
        (["-f", "docx", "--profile", ""], "--profile: expected a profile name or file"),
        (["-f", "md", "--template", ""], "--template: expected a file or folder name"),
        (["-f", "md", "-o", ""], "-o: expected a file or folder name"),
        (["-f", "html", "--template", "plan.md.j2"], "HTML templates are named like plan.html.j2"),
        (
            ["-f", "md", "--template", "plan.html.j2"],
            "Markdown templates are named like plan.md.j2",
        ),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    plan: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    (tmp_path / "letterhead.docx").write_bytes(b"PK")
    for name in ("plan.md.j2", "plan.html.j2"):
        (tmp_path / name).write_text("{{ title }}\n", encoding="utf-8")
    files = ("letterhead.docx", "missing-folder", "plan.md.j2", "plan.html.j2")
    args = [str(tmp_path / a) if a in files else a for a in args]
    result = run_cli("render", plan, *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    no_traceback(result)


@pytest.mark.parametrize("source", ["", "."])
def test_an_empty_or_folder_source_is_a_usage_error(source: str) -> None:
    result = run_cli("render", source, "-f", "md")
    assert result.exit_code == 2
    assert "expected a plan file" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(
    ("fmt", "name", "summary", "note"),
    [
        (
            "md",
            "summary.md.j2",
            False,
            "renders the summary; the plan uses the built-in plan.md.j2",
        ),
        ("html", "plan.html.j2", True, "renders the plan; the summary uses the built-in"),
        ("docx", "summary.xml.j2", False, "renders the summary; the plan uses the built-in"),
    ],
)
def test_a_template_for_the_other_document_is_noted_and_the_render_goes_on(
    plan: Path, tmp_path: Path, fmt: str, name: str, summary: bool, note: str
) -> None:
    mine = tmp_path / name
    mine.write_text("{{ title }}\n", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    extra = ["--summary"] if summary else []
    result = run_cli("render", plan, "-f", fmt, "--template", mine, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    assert f"note: --template {mine} {note}" in result.stderr
    plain = tmp_path / f"plain.{fmt}"
    assert run_cli("render", plan, "-f", fmt, "-o", plain, *extra).exit_code == 0
    assert out.read_bytes() == plain.read_bytes()


def test_bad_sources_exit_2_with_their_location(tmp_path: Path) -> None:
    missing = run_cli("render", tmp_path / "nope.yaml", "-f", "md")
    assert missing.exit_code == 2
    assert "nope.yaml" in missing.stderr
    no_traceback(missing)
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        SMALL.read_text(encoding="utf-8").replace("year: 2026", "year: 1800"), encoding="utf-8"
    )
    result = run_cli("render", broken, "-f", "html")
    assert result.exit_code == 2
    assert f"{broken}:4:7: error: 'year'" in result.stderr
    no_traceback(result)
    assert not broken.with_suffix(".html").exists()


def test_docx_is_the_default_format(plan: Path) -> None:
    import docx

    result = run_cli("render", plan)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(plan.with_suffix(".docx")))
    texts = [p.text for p in document.paragraphs]
    assert "晨光中学工会2026年工作计划" in texts
    assert run_cli("render", plan, "--summary").exit_code == 0
    summary = docx.Document(str(plan.parent / "plan.summary.docx"))
    assert "晨光中学工会2026年工作总结" in [p.text for p in summary.paragraphs]


def test_pdf_without_libreoffice_says_how_to_install_it(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANFORGE_SOFFICE", str(tmp_path / "no-soffice"))
    result = run_cli("render", plan, "-f", "pdf")
    assert result.exit_code == 2
    assert "LibreOffice" in result.stderr and "apt-get install" in result.stderr
    no_traceback(result)
    assert not plan.with_suffix(".pdf").exists()


def test_the_readme_render_commands_run(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(
        r"^planforge (render plan\.yaml[^#\n]*?)\s*(?:#\s*(\S+).*)?$", readme, flags=re.M
    )
    assert len(commands) >= 3
    monkeypatch.chdir(tmp_path)
    for args, output in commands:
        result = run_cli(*args.split())
        assert result.exit_code == 0, f"planforge {args}: {result.output}"
        if output.startswith("plan."):
            assert (tmp_path / output.rstrip(",")).is_file(), output


@pytest.mark.slow
def test_pdf_is_written_next_to_the_source(plan: Path) -> None:
    from planforge.render.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    result = run_cli("render", plan, "--format", "pdf")
    assert result.exit_code == 0, result.output
    pdf = plan.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())  # the layout adds spaces between Chinese and digits
    assert "晨光中学工会2026年工作计划" in squeezed
    assert "召开第五届教代会第三次会议" in squeezed
