"""The report's score matrix: per scoring rubric one row per plan, one column per item (its
self-assessed score, as `planforge score` gives it), with totals, in HTML and XLSX."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, run_cli

AS_OF = "2026-09-30"


class MatrixCells(HTMLParser):
    """The text of every cell of the matrix tables, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_matrix = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "matrix") in attrs:
            self._in_matrix += 1
        elif self._in_matrix and tag == "tr":
            self.rows.append([])
        elif self._in_matrix and tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None and tag == "span":
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._in_matrix:
            self._in_matrix -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _sheet(plan: Path) -> Any:
    from planforge.score.run import build_sheets

    return next(s for s in build_sheets(plan, []) if s.scoring)


def _copy_examples(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in EXAMPLES.glob("*.yaml"):
        (folder / plan.name).write_bytes(plan.read_bytes())
    return folder


def test_html_matrix_has_a_row_per_plan_and_the_sheet_scores(tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    out = tmp_path / "report.html"
    result = run_cli("report", folder, "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    parser = MatrixCells()
    parser.feed(out.read_text(encoding="utf-8"))
    header, points, *body, means = parser.rows
    sheet = _sheet(folder / "enterprise-2026.zh.yaml")
    ids = [row.item_id for row in sheet.items]
    assert header[2 : 2 + len(ids)] == [
        i + (" ★" if sheet.items[n].category == "mandatory" else "") for n, i in enumerate(ids)
    ]
    assert points[2 : 2 + len(ids)] == [f"{r.points:g}" for r in sheet.items]
    (row,) = [r for r in body if r[1].startswith("江南精工机械股份有限公司工会")]
    assert row[2 : 2 + len(ids)] == [f"{r.score:g}" for r in sheet.items]
    assert row[2 + len(ids)] == f"{sheet.total:g}"
    assert row[3 + len(ids)] == sheet.band_text
    assert means[1] == "平均"


def test_a_plan_without_a_scoring_rubric_has_no_matrix_row(tmp_path: Path) -> None:
    """Near miss: the school plans are held to checklists only."""
    folder = _copy_examples(tmp_path)
    out = tmp_path / "report.html"
    assert run_cli("report", folder, "--as-of", AS_OF, "-o", out).exit_code == 0
    parser = MatrixCells()
    parser.feed(out.read_text(encoding="utf-8"))
    assert not any("南湖区实验中学" in " ".join(r) for r in parser.rows)


def test_xlsx_matrix_sheet_totals_are_row_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = _copy_examples(tmp_path)
    out = tmp_path / "report.xlsx"
    assert run_cli("report", folder, "--as-of", AS_OF, "-o", out).exit_code == 0
    book = load_workbook(out)
    ws = book["自评总分-home-scoring"]
    sheet = _sheet(folder / "enterprise-2026.zh.yaml")
    header = [c.value for c in ws[2]]
    total_col = header.index("自评总分") + 1
    (row,) = [r for r in range(4, ws.max_row) if str(ws.cell(r, 2).value).startswith("江南精工")]
    scores = [ws.cell(row, c).value for c in range(4, total_col)]
    assert scores == [r.score for r in sheet.items]
    formula = ws.cell(row, total_col).value
    assert formula == f"=SUM(D{row}:{ws.cell(row, total_col - 1).column_letter}{row})"
    assert sum(scores) == sheet.total


def test_json_shards_carry_the_scores_and_merge(tmp_path: Path) -> None:
    import json

    folder = _copy_examples(tmp_path)
    shard = tmp_path / "shard.json"
    assert run_cli("report", folder, "--as-of", AS_OF, "-o", shard).exit_code == 0
    data = json.loads(shard.read_text(encoding="utf-8"))
    (plan,) = [p for p in data["plans"] if p["path"].endswith("enterprise-2026.zh.yaml")]
    (cov,) = [c for c in plan["rubrics"] if c["rubric"] == "home-scoring"]
    assert cov["self_score"] == _sheet(folder / "enterprise-2026.zh.yaml").total
    merged = tmp_path / "merged.html"
    assert run_cli("report", "--merge", shard, "-o", merged).exit_code == 0
    assert "matrix-home-scoring" in merged.read_text(encoding="utf-8")
