"""`planforge report`: one row per file, the check's scores, progress, summaries, shards."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from planforge.lifecycle.status import progress
from planforge.report.completeness import summary_complete
from planforge.validate import load_plan
from report_helpers import AS_OF, BROKEN, make_corpus, report_json


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "plans"
    make_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def data(corpus: Path) -> dict:
    return report_json(corpus, "--as-of", AS_OF)


def test_one_row_per_file_and_broken_files_carry_their_error(corpus: Path, data: dict) -> None:
    files = sorted(str(p) for p in corpus.rglob("*.yaml"))
    assert sorted(row["path"] for row in data["plans"]) == files
    broken = {Path(row["path"]).name: row for row in data["plans"] if row["error"]}
    assert set(broken) == set(BROKEN)
    assert broken["broken-schema.yaml"]["error"]["rule"] == "schema"
    assert ":2:" in broken["broken-schema.yaml"]["error"]["message"]
    assert broken["broken-yaml.yaml"]["error"]["rule"] == "load-error"
    for row in broken.values():
        assert row["organisation"] is None and row["rubrics"] == []
    good = [row for row in data["plans"] if not row["error"]]
    assert len(good) == 12 and all(row["organisation"] and row["year"] == 2026 for row in good)


def test_scores_and_findings_equal_what_check_reports(corpus: Path, data: dict) -> None:
    result = run_cli("check", corpus, "--format", "json")
    assert result.exit_code == 2, result.output  # the broken files
    checked = json.loads(result.stdout)
    by_path = {f["path"]: f for f in checked["files"]}
    findings: dict[str, dict[str, int]] = {}
    for finding in checked["findings"]:
        per_file = findings.setdefault(finding["path"], {})
        per_file[finding["rule"]] = per_file.get(finding["rule"], 0) + 1
    compared = 0
    for row in data["plans"]:
        file = by_path[row["path"]]
        assert bool(row["error"]) == file["error"]
        assert row["findings"] == findings.get(row["path"], {})
        coverage = {c["rubric"]: c for c in file["coverage"]}
        assert [c["rubric"] for c in row["rubrics"]] == list(coverage)
        for mine in row["rubrics"]:
            theirs = coverage[mine["rubric"]]
            assert mine["attainable"] == theirs["attainable"]
            assert mine["best_band"] == theirs["best_band"]
            assert mine["missing_mandatory"] == theirs["missing_mandatory"]
            assert mine["items"] == {i["id"]: i["status"] for i in theirs["items"]} | {
                i: "n/a" for i in theirs["not_applicable"]
            }
            assert f"{mine['covered']}/{mine['required']} items covered" in theirs["summary"]
            compared += 1
    assert compared >= 12


def test_scoring_rubric_given_on_the_command_line_is_applied_as_check_does(
    corpus: Path,
) -> None:
    data = report_json(corpus, "--as-of", AS_OF, "--rubric", "home-scoring")
    checked = json.loads(run_cli("check", corpus, "-f", "json", "--rubric", "home-scoring").stdout)
    scores = {
        f["path"]: [c["attainable"] for c in f["coverage"] if c["rubric"] == "home-scoring"]
        for f in checked["files"]
        if not f["error"]
    }
    for row in data["plans"]:
        if row["error"]:
            continue
        mine = [c for c in row["rubrics"] if c["rubric"] == "home-scoring"]
        assert [c["attainable"] for c in mine] == scores[row["path"]]
        assert mine[0]["base_points"] == data["rubrics"]["home-scoring"]["base_points"] > 0
    assert data["rubrics"]["home-scoring"]["scoring"] is True


def test_progress_and_summary_are_those_of_the_lifecycle_stage() -> None:
    data = report_json(EXAMPLES, "--as-of", "2026-06-30")
    assert data["as_of"] == "2026-06-30"
    for row in data["plans"]:
        plan = load_plan(Path(row["path"]))
        tally = progress(plan, dt.date(2026, 6, 30)).total
        assert row["progress"] == {"total": tally.total, "percent": tally.percent, **tally.counts}
        assert row["summary"]["complete"] is summary_complete(plan)
    rows = {Path(row["path"]).name: row for row in data["plans"]}
    assert rows["school-2025.zh.yaml"]["summary"] == {
        "complete": True,
        "missing": [],
        "done_without_result": 0,
    }
    assert rows["union-2026.en.yaml"]["summary"]["missing"] == []
    assert rows["enterprise-2026.zh.yaml"]["summary"]["missing"] == []


SUMMED_UP = """\
organisation: 测试学校工会
year: 2026
tasks:
  - id: t1
    title: 召开教代会
    owners: 工会办公室
    deadline: 3月
    status: done
    result: 通过了学校章程修订案。
  - id: t2
    title: 开展送温暖活动
    owners: 工会办公室
    deadline: 1月
    status: done
{result}summary:
  overview: 全年工作按计划完成。
  lessons: 依靠教职工办好实事。
  problems: 活动形式还不够丰富。
  next_year: 继续办好教代会。
"""


@pytest.mark.parametrize(
    ("result", "complete", "without"),
    [("    result: 走访慰问教职工12人。\n", True, 0), ("", False, 1)],
)
def test_summary_is_complete_when_every_done_task_has_a_result(
    tmp_path: Path, result: str, complete: bool, without: int
) -> None:
    (tmp_path / "plan.yaml").write_text(SUMMED_UP.format(result=result), encoding="utf-8")
    row = report_json(tmp_path / "plan.yaml", "--as-of", AS_OF)["plans"][0]
    assert row["error"] is None, row
    assert row["summary"] == {"complete": complete, "missing": [], "done_without_result": without}
    assert row["progress"]["done"] == 2 and row["progress"]["percent"] == 100.0


def test_configuration_ignores_apply_as_in_check(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(corpus, repo / "plans")
    (repo / ".planforge.yaml").write_text("ignore:\n  - 'plans/broken-*'\n", encoding="utf-8")
    (repo / "plans" / ".hidden.yaml").write_text("not: a plan\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    data = report_json("plans", "--as-of", AS_OF)
    names = [Path(row["path"]).name for row in data["plans"]]
    assert len(names) == 12 and not any(n.startswith(("broken-", ".")) for n in names)


def test_shards_merge_into_the_report_of_one_run(tmp_path: Path, corpus: Path) -> None:
    files = sorted(corpus.glob("*.yaml"))
    halves = [tmp_path / "north", tmp_path / "south"]
    for i, file in enumerate(files):
        target = halves[i % 2]
        target.mkdir(exist_ok=True)
        shutil.copy(file, target / file.name)
    shards = []
    for half in halves:
        out = tmp_path / f"{half.name}.json"
        result = run_cli("report", half, "--as-of", AS_OF, "-o", out)
        assert result.exit_code == 0, result.output
        shards.append(out)
    merged = report_json("--merge", *shards)
    whole = report_json(*halves, "--as-of", AS_OF)
    assert merged == whole
    html_merged, html_whole = tmp_path / "merged.html", tmp_path / "whole.html"
    assert run_cli("report", "--merge", *shards, "-o", html_merged).exit_code == 0
    assert run_cli("report", *halves, "--as-of", AS_OF, "-o", html_whole).exit_code == 0
    assert html_merged.read_text(encoding="utf-8") == html_whole.read_text(encoding="utf-8")
    # a shard given twice counts once
    assert (
        report_json("--merge", shards[0], shards[0])["plans"]
        == report_json("--merge", shards[0])["plans"]
    )


def test_merge_refuses_shards_of_different_dates_and_foreign_json(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert run_cli("report", EXAMPLES, "--as-of", "2026-01-31", "-o", one).exit_code == 0
    assert run_cli("report", EXAMPLES, "--as-of", "2026-02-28", "-o", two).exit_code == 0
    result = run_cli("report", "--merge", one, two)
    assert result.exit_code == 2 and "different dates" in result.stderr
    assert "Traceback" not in result.output
    foreign = tmp_path / "check.json"
    foreign.write_text(run_cli("check", EXAMPLES, "-f", "json").stdout, encoding="utf-8")
    result = run_cli("report", "--merge", foreign)
    assert result.exit_code == 2 and "not a planforge report" in result.stderr
    garbled = tmp_path / "garbled.json"
    garbled.write_text('{\n  "format": "planforge-report",\n  oops\n}\n', encoding="utf-8")
    result = run_cli("report", "--merge", garbled)
    assert result.exit_code == 2 and f"{garbled}:3:3: not JSON" in result.stderr
    newer = json.loads(one.read_text(encoding="utf-8"))
    newer["version"] = 99
    one.write_text(json.dumps(newer), encoding="utf-8")
    result = run_cli("report", "--merge", one)
    assert result.exit_code == 2 and "version 99" in result.stderr
