"""What the HTML and XLSX reports show, worked out once from `ReportData`: the table's
rows, the coverage heat-maps, the progress and findings charts, and the words (zh/en).

Charts are laid out here (positions and sizes in SVG units) so that the template only
draws them; every label is real text.

One module per view: table.py (rows, totals, groups), heatmap.py, progress.py and
findings.py (the charts), matrix.py (the self-assessed scores), with what the charts
share in chart.py and the words in words.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from planforge.report.data import ReportData
from planforge.report.views.chart import Chart
from planforge.report.views.findings import findings_chart
from planforge.report.views.heatmap import RubricView, rubric_view
from planforge.report.views.matrix import ScoreMatrix, score_matrix
from planforge.report.views.progress import progress_chart
from planforge.report.views.table import group_totals, table_row, totals
from planforge.report.views.words import WORDS


@dataclass
class View:
    lang: str
    words: dict[str, str]
    data: ReportData
    rows: list[dict[str, Any]]
    totals: dict[str, Any]
    rubrics: list[RubricView]
    group_by: str | None
    groups: list[dict[str, Any]]
    progress: Chart | None
    findings: Chart | None
    matrices: list[ScoreMatrix]


def build_view(data: ReportData, group_by: str | None = None, lang: str | None = None) -> View:
    """Everything the HTML and XLSX reports show."""
    lang = lang or majority_language(data)
    words = WORDS[lang]
    rows = [table_row(i, plan, words, group_by) for i, plan in enumerate(data.plans, 1)]
    rubrics = [rubric_view(rid, info, rows, words, group_by) for rid, info in data.rubrics.items()]
    groups = group_totals(rows, words) if group_by else []
    return View(
        lang,
        words,
        data,
        rows,
        totals(rows),
        rubrics,
        group_by,
        groups,
        progress_chart(rows, words, group_by),
        findings_chart(data, words),
        [m for rid, info in data.rubrics.items() if (m := score_matrix(rid, info, rows))],
    )


def majority_language(data: ReportData) -> str:
    """The language most plans are written in; Chinese on a tie."""
    counts = Counter(p["language"] for p in data.plans if p.get("language"))
    return "en" if counts["en"] > counts["zh"] else "zh"
