"""`planforge score`: the self-assessment sheet (分值自评表) — the scoring rule on Chinese
cases with near misses, and every example to XLSX, DOCX and Markdown, read back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, run_cli

PLANS = sorted(EXAMPLES.glob("*.yaml"))

# A small enterprise plan held to home-scoring: one task of each standing, a section whose
# work items are all done, a dropped task with its reason, and a task that only hints.
PLAN = """\
organisation: 东风机床厂工会
year: 2026
kind: enterprise
rubrics: [home-scoring]
tasks:
  - id: t-congress
    title: 召开第五届职代会第二次会议
    rubric: home-scoring.congress
    status: done
    done_on: 2026-03-20
    result: 审议通过《劳动纪律管理办法》
    evidence: [会议纪要]
  - id: t-contract
    title: 开展工资集体协商
    rubric: home-scoring.contract
    status: in_progress
  - id: t-women
    title: 女职工委员会组织三八节活动
    rubric: home-scoring.women
  - id: t-sport
    title: 职工运动会
    rubric: home-scoring.culture
    status: dropped
    reason: 场地改造
  - id: t-warm
    title: 两节送温暖
    rubric: home-scoring.warmth
    tasks:
      - id: t-warm-1
        title: 元旦走访
        status: done
      - id: t-warm-2
        title: 春节慰问
        status: done
  - id: t-audit
    title: 经费审查委员会审查年度收支
"""


def write_plan(folder: Path, text: str = PLAN, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def sheet_of(path: Path, rubric: str | None = None) -> Any:
    from planforge.score.run import build_sheets

    return build_sheets(path, [rubric] if rubric else [])[0]


def by_id(sheet: Any) -> dict[str, Any]:
    return {row.item_id: row for row in sheet.items}


# ---------------------------------------------------------------------------- the rule


def test_done_earns_full_points_in_progress_half_planned_and_dropped_nothing(
    tmp_path: Path,
) -> None:
    rows = by_id(sheet_of(write_plan(tmp_path)))
    assert (rows["congress"].score, rows["congress"].points) == (10, 10)
    assert rows["contract"].score == 5  # in progress: half of 10
    assert rows["women"].score == 0  # planned, no status
    assert rows["culture"].score == 0  # dropped
    assert "场地改造" in rows["culture"].remark
    assert rows["warmth"].score == 6  # a section stands as its work items: all done
    assert "已列入计划" in rows["women"].remark and "不得分" in rows["women"].remark
    assert "按分值的一半计分" in rows["contract"].remark


def test_a_task_that_covers_by_its_words_but_is_not_started_earns_nothing(
    tmp_path: Path,
) -> None:
    """经费审查委员会审查年度收支 covers funds-audit by its words (no tag), and is planned."""
    row = by_id(sheet_of(write_plan(tmp_path)))["funds-audit"]
    assert row.tasks == ["t-audit"]
    assert (row.standing, row.score) == ("planned", 0.0)
    assert "尚未开展" in row.remark


def test_evidence_names_the_task_its_date_result_and_files(tmp_path: Path) -> None:
    row = by_id(sheet_of(write_plan(tmp_path)))["congress"]
    assert row.evidence == [
        "召开第五届职代会第二次会议（已完成，2026年3月20日）：审议通过《劳动纪律管理办法》；佐证：会议纪要"
    ]
    assert row.remark == ""


def test_a_mandatory_item_below_full_points_withholds_the_grade(tmp_path: Path) -> None:
    sheet = sheet_of(write_plan(tmp_path))
    assert [r.item_id for r in sheet.missing_mandatory] == ["contract"]
    assert sheet.band is None
    assert sheet.band_text == "不评定等级（必备条件未达到）"
    done = PLAN.replace("status: in_progress", "status: done")
    sheet = sheet_of(write_plan(tmp_path, done))
    assert sheet.missing_mandatory == []
    assert sheet.band_text == "未达到最低等级线"  # 10+10+6 = 26 < 60


def test_deductions_are_not_taken_and_bonus_adds(tmp_path: Path) -> None:
    sheet = sheet_of(write_plan(tmp_path))
    rows = by_id(sheet)
    assert rows["incident"].points == -10 and rows["incident"].score == 0
    assert sheet.total == sum(r.score for r in sheet.items)
    assert sheet.total >= 10 + 5 + 6  # congress, half the contract, warmth (+ what meaning adds)
    assert sheet.base_points == 100


def test_the_grade_follows_the_bands_and_says_their_standing(tmp_path: Path) -> None:
    sheet = sheet_of(write_plan(tmp_path))
    assert sheet.bands == [("模范职工之家", 90), ("先进职工之家", 80), ("合格职工之家", 60)]
    assert any("等级线为地方做法，未找到公开文本" in n for n in sheet.notes)
    fujian = sheet_of(write_plan(tmp_path), "fujian-model-home")
    assert any("未找到公开的等级线" in n for n in fujian.notes)
    assert fujian.band_text == "未找到公开的等级线"


def test_a_checklist_rubric_gives_verdicts_not_points(tmp_path: Path) -> None:
    sheet = sheet_of(EXAMPLES / "enterprise-2026.zh.yaml", "five-ones-enterprise")
    assert not sheet.scoring
    assert {r.verdict for r in sheet.items} <= {"met", "partial", "not_met"}
    assert all(r.score is None for r in sheet.items)
    assert "得分" not in "".join(r.remark for r in sheet.items)


# ---------------------------------------------------------------------------- XLSX


class Evaluator:
    """Enough of a spreadsheet to evaluate the formulas the sheet writes."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def value(self, ref: str) -> Any:
        raw = self.ws[ref].value
        if isinstance(raw, str) and raw.startswith("="):
            return self.formula(raw[1:])
        return raw

    def column(self, span: str) -> list[Any]:
        from openpyxl.utils.cell import range_boundaries

        c1, r1, c2, r2 = range_boundaries(span)
        assert c1 == c2
        return [self.value(self.ws.cell(r, c1).coordinate) for r in range(r1, r2 + 1)]

    def formula(self, text: str) -> Any:
        if m := re.fullmatch(r"SUM\(([A-Z]+\d+:[A-Z]+\d+)\)", text):
            return sum(v or 0 for v in self.column(m[1]))
        if m := re.fullmatch(r"SUM\(([A-Z]+\d+(?:,[A-Z]+\d+)*)\)", text):
            return sum(self.value(ref) or 0 for ref in m[1].split(","))
        if "SUMIF" in text and "SUMPRODUCT" not in text:
            total = 0.0
            for cats, crit, vals in re.findall(r'SUMIF\(([^,]+),"([^"]+)",([^)]+)\)', text):
                total += sum(
                    v or 0
                    for c, v in zip(self.column(cats), self.column(vals), strict=True)
                    if c == crit
                )
            return total
        if m := re.fullmatch(r'SUMPRODUCT\(\(([^=]+)="([^"]+)"\)\*\(([^<]+)<([^)]+)\)\)', text):
            cats, crit, scores, full = m.groups()
            return sum(
                1
                for c, s, f in zip(
                    self.column(cats), self.column(scores), self.column(full), strict=True
                )
                if c == crit and (s or 0) < (f or 0)
            )
        if m := re.fullmatch(r'IF\(([A-Z]+\d+)(>=|>)([\d.]+),"([^"]+)",(.+)\)', text):
            ref, op, low, name, rest = m.groups()
            value = self.value(ref) or 0
            reached = value >= float(low) if op == ">=" else value > float(low)
            return name if reached else self.formula(rest)
        if m := re.fullmatch(r'COUNTIF\(([^,]+),"([^"]+)"\)', text):
            return sum(1 for v in self.column(m[1]) if v == m[2])
        if m := re.fullmatch(r'"([^"]*)"', text):
            return m[1]
        raise AssertionError(f"formula not understood: {text}")


def _xlsx(plan: Path, tmp_path: Path) -> Any:
    from openpyxl import load_workbook

    out = tmp_path / (plan.stem + ".xlsx")
    result = run_cli("score", plan, "-o", out)
    assert result.exit_code == 0, result.output
    return load_workbook(out)


def _rows_by_label(ws: Any, column: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for row in range(4, ws.max_row + 1):
        value = ws[f"{column}{row}"].value
        if isinstance(value, str):
            out.setdefault(value, []).append(row)
    return out


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_xlsx_one_row_per_item_and_totals_that_add_up(plan: Path, tmp_path: Path) -> None:
    book = _xlsx(plan, tmp_path)
    sheets = _sheets(plan)
    assert [ws.title for ws in book.worksheets] == [s.rubric_id for s in sheets]
    for ws, sheet in zip(book.worksheets, sheets, strict=True):
        w = sheet.words
        assert ws["A1"].value == sheet.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # 9: A4
        assert ws.print_title_rows == "$3:$3"
        cats = _rows_by_label(ws, "G" if sheet.scoring else "F")
        item_rows = [
            r
            for k in ("regular", "mandatory", "bonus", "deduction")
            for r in cats.get(w[f"cat_{k}"], [])
        ]
        assert sorted(ws[f"A{r}"].value for r in item_rows) == list(range(1, len(sheet.items) + 1))
        calc = Evaluator(ws)
        if not sheet.scoring:
            met_row = _rows_by_label(ws, "B")[w["met"]][0]
            assert calc.value(f"C{met_row}") == sum(r.verdict == "met" for r in sheet.items)
            continue
        subtotals = cats[w["cat_subtotal"]]
        assert len(subtotals) == len(sheet.parts)
        for row, part in zip(subtotals, sheet.parts, strict=True):
            assert ws[f"D{row}"].value.startswith("=SUM(")
            assert calc.value(f"D{row}") == pytest.approx(part.score)
            assert calc.value(f"C{row}") == pytest.approx(part.points)
        labels = _rows_by_label(ws, "B")
        total = labels[w["base_total"].format(base=f"{sheet.base_points:g}")][0]
        assert ws[f"D{total}"].value.startswith("=")
        item_scores = sum(ws[f"D{r}"].value or 0 for r in item_rows)
        assert calc.value(f"D{total}") == pytest.approx(item_scores) == pytest.approx(sheet.total)
        assert calc.value(f"C{total}") == pytest.approx(sheet.base_points)
        band = labels[w["band"]][0]
        assert calc.value(f"D{band}") == sheet.band_text


def test_xlsx_a_score_changed_by_hand_moves_subtotal_total_and_grade(tmp_path: Path) -> None:
    book = _xlsx(write_plan(tmp_path), tmp_path)
    ws = book.worksheets[0]
    calc = Evaluator(ws)
    labels = _rows_by_label(ws, "B")
    contract = next(
        r for r in range(4, ws.max_row) if str(ws[f"B{r}"].value).startswith("签订集体合同")
    )
    band = labels["评定等级"][0]
    assert calc.value(f"D{band}") == "不评定等级（必备条件未达到）"
    ws[f"D{contract}"] = 10  # the office gives the contract its full points
    for row in range(4, ws.max_row + 1):  # and 50 more points elsewhere reach 合格
        if ws[f"G{row}"].value == "基本" and ws[f"B{row}"].value.startswith("会员满意度"):
            ws[f"D{row}"] = 10
        if ws[f"G{row}"].value == "基本" and ws[f"B{row}"].value.startswith("厂务"):
            ws[f"D{row}"] = 10
    assert calc.value(f"D{band}") == "未达到最低等级线"  # 10+10+6+10+10 = 46
    for row in range(4, ws.max_row + 1):
        if ws[f"G{row}"].value == "基本" and ws[f"C{row}"].value:
            ws[f"D{row}"] = ws[f"C{row}"].value
    assert calc.value(f"D{band}") == "模范职工之家"


def test_xlsx_formulas_evaluate_in_libreoffice(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from planforge.render.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    plan = EXAMPLES / "enterprise-2026.zh.yaml"
    _xlsx(plan, tmp_path)
    out = tmp_path / "calc"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(tmp_path / (plan.stem + ".xlsx")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    if not (out / (plan.stem + ".xlsx")).is_file():
        pytest.skip(f"LibreOffice Calc cannot open spreadsheets here: {done.stderr.strip()[-80:]}")
    book = load_workbook(out / (plan.stem + ".xlsx"), data_only=True)
    sheet = next(s for s in _sheets(plan) if s.scoring)
    ws = book[sheet.rubric_id]
    labels = _rows_by_label(ws, "B")
    total = labels[sheet.words["base_total"].format(base=f"{sheet.base_points:g}")][0]
    assert ws[f"D{total}"].value == pytest.approx(sheet.total)
    assert ws[f"D{labels['评定等级'][0]}"].value == sheet.band_text


def _sheets(plan: Path) -> list[Any]:
    from planforge.score.run import build_sheets

    return build_sheets(plan, [])


# ---------------------------------------------------------------------------- DOCX


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_docx_a_table_per_rubric_with_every_item_and_the_totals(plan: Path, tmp_path: Path) -> None:
    import docx

    from docx_helpers import W, style_fonts

    out = tmp_path / "sheet.docx"
    assert run_cli("score", plan, "-o", out).exit_code == 0
    document = docx.Document(str(out))
    sheets = _sheets(plan)
    assert len(document.tables) == len(sheets)
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [s.title for s in sheets]
    for table, sheet in zip(document.tables, sheets, strict=True):
        w = sheet.words
        header = [c.text for c in table.rows[0].cells]
        assert header[:3] == [w["no"], w["text"], w["points"] if sheet.scoring else w["verdict"]]
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text.isdigit()]
        assert numbers == [str(i.number) for p in sheet.parts for i in p.items]
        texts = [r.cells[1].text for r in table.rows[1:]]
        for part in sheet.parts:
            assert part.title in texts
        if sheet.scoring:
            subtotal_rows = [r for r in table.rows if r.cells[1].text == w["subtotal"]]
            assert [float(r.cells[3].text) for r in subtotal_rows] == [p.score for p in sheet.parts]
            assert f"{w['band']}{w['colon']}{sheet.band_text}" in texts
    fonts = style_fonts(document, "Table Text")
    assert fonts.get("eastAsia"), fonts
    if plan.name.endswith(".zh.yaml"):
        assert "仿宋" in fonts["eastAsia"]


def test_docx_opens_in_libreoffice(tmp_path: Path) -> None:
    from planforge.render.pdf import docx_to_pdf, find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "sheet.docx"
    assert run_cli("score", EXAMPLES / "enterprise-2026.zh.yaml", "-o", out).exit_code == 0
    pdf = docx_to_pdf(out.read_bytes())
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    squeezed = "".join(text.split())
    assert "职工之家建设量化考核自评表" in squeezed
    # the total's label may wrap in its cell, and pdftotext reads the row's other cells
    # between its lines
    assert re.search(r"合计（基本分.{0,12}满分.{0,12}100.{0,12}分）", squeezed)


# ---------------------------------------------------------------------------- Markdown, text


def test_markdown_table(tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    assert run_cli("score", write_plan(tmp_path), "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# 东风机床厂工会2026年职工之家建设量化考核自评表"
    table = [line for line in lines if line.startswith("|")]
    assert table[:4] == [
        "| 序号 | 考核内容 | 分值 | 自评分 | 佐证材料 | 扣分说明 |",
        "| --- | --- | ---: | ---: | --- | --- |",
        "|  | **组织建设（20分）** |  |  |  |  |",
        "| 1 | 工会委员会按期换届，委员分工明确 | 5 | 0 |  | 计划中无对应任务，不得分 |",
    ]
    assert (
        "| 5 | 职代会（教代会）每年至少召开一次，依法行使职权（必备） | 10 | 10 | 召开第五届职代会第二次会议（已完成，2026年3月20日）：审议通过《劳动纪律管理办法》；佐证：会议纪要 |  |"
        in table
    )
    assert "|  | **合计（基本分满分100分）** | **100** | **21** |  |  |" in table
    assert "|  | **评定等级：不评定等级（必备条件未达到）** |  |  |  |  |" in table


def test_text_table_on_stdout(tmp_path: Path) -> None:
    result = run_cli("score", write_plan(tmp_path))
    assert result.exit_code == 0, result.output
    assert "东风机床厂工会2026年职工之家建设量化考核自评表" in result.stdout
    squeezed = "".join(result.stdout.replace("│", "").split())
    assert "评定等级：不评定等级（必备条件未达到）" in squeezed
    assert "合计（基本分满分100分）10021" in squeezed
    assert "\x1b[" not in result.stdout


def test_english_plan_gets_english_headings(tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    assert run_cli("score", EXAMPLES / "union-2026.en.yaml", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "| No. | Requirement | Result | Evidence | Remark |" in text
    assert "自评" not in text


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--rubric", "home-scorng"], "unknown rubric 'home-scorng'"),
        (["-o", "sheet.pdf"], "cannot tell the format from the name"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run_cli("score", write_plan(tmp_path), *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_unknown_rubric_suggests_the_close_one(tmp_path: Path) -> None:
    result = run_cli("score", write_plan(tmp_path), "--rubric", "home-scorng")
    assert "home-scoring" in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("score", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


def test_an_unknown_rubric_in_the_plan_is_located(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path, PLAN.replace("rubrics: [home-scoring]", "rubrics:\n  - home-scorin")
    )
    result = run_cli("score", plan)
    assert result.exit_code == 2
    assert re.search(r"plan\.yaml:5:\d+", result.stderr), result.stderr
    assert "home-scoring" in result.stderr


def test_a_plan_without_rubrics_is_told_to_name_one(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PLAN.replace("rubrics: [home-scoring]\n", ""))
    result = run_cli("score", plan)
    if result.exit_code == 0:  # the plan's kind chose default rubrics
        assert "自评表" in result.stdout
    else:
        assert result.exit_code == 2 and "--rubric" in result.stderr


def test_the_source_is_never_overwritten(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, name="plan.md")
    before = plan.read_bytes()
    result = run_cli("score", plan, "-o", plan)
    assert result.exit_code == 2
    assert plan.read_bytes() == before
