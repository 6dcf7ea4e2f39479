"""`planforge report` end to end: XLSX, output choices, and every way the input can be bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from report_helpers import AS_OF, BROKEN, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-cli") / "plans"
    make_corpus(folder, files=6, tasks=12)
    return folder


def test_xlsx_has_the_table_and_a_sheet_per_rubric_with_conditional_formatting(
    tmp_path: Path, corpus: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    result = run_cli("report", corpus, "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(run_cli("report", corpus, "--as-of", AS_OF, "-f", "json").stdout)
    book = load_workbook(out)
    scoring = [f"自评总分-{rid}" for rid, info in data["rubrics"].items() if info["scoring"]]
    assert book.sheetnames == ["各单位情况", *data["rubrics"], *scoring]
    table = book["各单位情况"]
    header = [c.value for c in table[1]]
    rows = list(table.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(data["plans"]) == 6 + len(BROKEN)
    col = {name: i for i, name in enumerate(header)}
    for row, plan in zip(rows, data["plans"], strict=True):
        assert row[col["文件"]] == plan["path"]
        if plan["error"]:
            assert row[col["读取错误"]] == plan["error"]["message"]
            continue
        assert row[col["逾期"]] == plan["progress"]["overdue"]
        assert row[col["警告"]] == plan["severities"]["warning"]
        assert row[col["总结"]] is plan["summary"]["complete"]
    ranges = {str(r.sqref) for r in table.conditional_formatting}
    last = len(rows) + 1
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col["指标覆盖"]]
    assert f"{letter}2:{letter}{last}" in ranges
    assert table.cell(2, col["指标覆盖"] + 1).number_format == "0%"
    # a rubric sheet: one row per union held to it, ✓ ~ ✗ per item, coloured by rules
    rid, info = next(iter(data["rubrics"].items()))
    sheet = book[rid]
    assert sheet["A1"].value == info["title"]
    held = [p for p in data["plans"] if any(c["rubric"] == rid for c in p["rubrics"])]
    body = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(body) == len(held)
    marks = {"covered": "✓", "hinted": "~", "uncovered": "✗", "n/a": "—"}
    items = [i["id"] for i in info["items"]]
    for row, plan in zip(body, held, strict=True):
        cov = next(c for c in plan["rubrics"] if c["rubric"] == rid)
        assert list(row[-len(items) :]) == [marks[cov["items"][i]] for i in items]
    formulas = [rule.formula for cf in sheet.conditional_formatting for rule in cf.rules]
    assert ['"✗"'] in formulas and ['"✓"'] in formulas


def test_html_goes_to_stdout_without_an_output(corpus: Path) -> None:
    result = run_cli("report", corpus, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_format_follows_the_output_name(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert run_cli("report", EXAMPLES, "--as-of", AS_OF, "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "planforge-report"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "r.xlsx", "--format", "pdf"], "--format pdf: expected one of html, xlsx, json"),
        (["-o", "report.txt"], "cannot tell the format"),
        (["--format", "xlsx"], "XLSX is binary"),
        (["--group-by", "colour"], "--group-by colour: expected one of"),
        (["--as-of", "soon"], "--as-of: expected a date"),
        (["--with-plans"], "--with-plans links the rows of an HTML report written with -o"),
        (["--lang", "fr"], "--lang fr: expected zh or en"),
        (["--rubric", "no-such-rubric"], "unknown rubric 'no-such-rubric'"),
        (["-j", "0"], "-j must be 1 or more"),
        (["-o", "plan.yaml"], "cannot tell the format"),
        (["-f", "html", "-o", "plan.yaml"], "refusing to write output to plan.yaml"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("report", EXAMPLES, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_no_plans_and_missing_folders_exit_2(tmp_path: Path) -> None:
    result = run_cli("report", tmp_path)
    assert result.exit_code == 2 and "no plan files found" in result.stderr
    result = run_cli("report", tmp_path / "nowhere")
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
    result = run_cli("report", "--merge", tmp_path)
    assert result.exit_code == 2 and "a folder" in result.stderr


def test_a_folder_of_only_broken_plans_still_gives_a_report(tmp_path: Path) -> None:
    for name, text in BROKEN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("report", tmp_path, "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["plans"]) == len(BROKEN) and all(p["error"] for p in data["plans"])
    out = tmp_path / "r.html"
    assert run_cli("report", tmp_path, "--as-of", AS_OF, "-o", out).exit_code == 0
    out_x = tmp_path / "r.xlsx"
    assert run_cli("report", tmp_path, "--as-of", AS_OF, "-o", out_x).exit_code == 0


def test_workers_give_the_same_report_as_one_process(corpus: Path) -> None:
    one = run_cli("report", corpus, "--as-of", AS_OF, "-f", "json", "-j", "1")
    two = run_cli("report", corpus, "--as-of", AS_OF, "-f", "json", "-j", "2")
    assert one.exit_code == two.exit_code == 0
    assert json.loads(one.stdout) == json.loads(two.stdout)


def test_a_failed_write_leaves_the_old_report(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    result = run_cli("report", tmp_path / "missing", "-o", out)
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old"


def test_the_readme_report_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shlex
    import shutil

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Federation reports", 1)[1].split("\n## ", 1)[0]
    lines = re.findall(r"^planforge (report .+?)(?:\s+#.*)?$", section, flags=re.M)
    assert len(lines) == 6
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for line in lines:
        result = run_cli(*shlex.split(line))
        assert result.exit_code == 0, f"planforge {line}: {result.output}"
    for output in ("report.html", "report.xlsx", "site/report.html", "merged.html"):
        assert (tmp_path / output).stat().st_size > 0, output
    assert len(list((tmp_path / "site" / "report-plans").glob("*.html"))) == 4
