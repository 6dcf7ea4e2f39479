"""`planforge status`: progress at a fixed date, per section, goal and month."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import EXAMPLES
from lifecycle_helpers import LIFECYCLE, example
from planforge.lifecycle.status import State, progress
from planforge.validate import load_plan

SCHOOL = LIFECYCLE / "school-2026.zh.yaml"
AS_OF = "2026-05-15"


def test_progress_states_at_a_date():
    report = progress(load_plan(SCHOOL), dt.date(2026, 5, 15))
    states = {t.id: t.state for t in report.tasks}
    assert states == {
        "t-congress": State.DONE,
        "t-openness": State.IN_PROGRESS,
        "t-reading": State.NOT_STARTED,
        "t-visit": State.DONE,
        "t-checkup": State.DUE_SOON,  # 5月 ends on 31 May, within 30 days
        "t-weekly-sports": State.IN_PROGRESS,
        "t-contest": State.NOT_STARTED,
        "t-model": State.NOT_STARTED,
    }
    assert report.total.total == 8
    assert report.total.percent == 25.0
    later = progress(load_plan(SCHOOL), dt.date(2026, 7, 1))
    assert {t.id for t in later.tasks if t.state is State.OVERDUE} == {"t-checkup", "t-contest"}


def test_sections_goals_and_months_are_tallied():
    report = progress(load_plan(SCHOOL), dt.date(2026, 5, 15))
    sections = {s.title: (s.total, s.percent) for s in report.sections}
    assert sections == {
        "推进民主管理": (3, 33.3),
        "关心关爱教职工": (3, 33.3),
        "建功立业": (2, 0.0),
    }
    goals = {g.key: g.counts["done"] for g in report.goals}
    assert goals == {"g-member": 1, "g-care": 1, "g-skill": 0}
    january = report.months[0]
    # t-visit (2026-01), the year-round t-reading and weekly t-weekly-sports
    assert (january.total, january.counts["done"]) == (3, 1)


def test_owner_filter_uses_inherited_owners():
    report = progress(load_plan(SCHOOL), dt.date(2026, 5, 15), owner="工会办公室")
    assert [t.id for t in report.tasks] == [
        "t-congress",
        "t-openness",
        "t-visit",
        "t-weekly-sports",
        "t-model",
    ]


def test_status_text_output(cli):
    result = cli("status", SCHOOL, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "某某中学工会2026年工作进度（截至2026-05-15）"
    assert (
        "合计: 8  完成率: 25%  已完成 2  已取消 0  已顺延 0  已逾期 0  30天内到期 1  进行中 2  未开始 3"
        in lines
    )
    assert any(line.startswith("推进民主管理") and line.endswith("3     33.3%") for line in lines)
    assert "1月   ■□□" in lines
    assert "  [30天内到期] t-checkup 组织教职工健康体检 (5月)" in lines


def test_status_json_is_stable(cli):
    result = cli("status", SCHOOL, "--as-of", AS_OF, "--format", "json")
    data = json.loads(result.stdout)
    assert data["as_of"] == AS_OF
    assert data["total"]["counts"] == {
        "done": 2,
        "dropped": 0,
        "postponed": 0,
        "overdue": 0,
        "due_soon": 1,
        "in_progress": 2,
        "not_started": 3,
    }
    task = next(t for t in data["tasks"] if t["id"] == "t-checkup")
    assert task == {
        "id": "t-checkup",
        "title": "组织教职工健康体检",
        "section": "关心关爱教职工",
        "owners": ["校医室"],
        "goals": [],
        "deadline": "5月",
        "due": "2026-05-31",
        "status": "planned",
        "state": "due_soon",
        "months": [5],
    }


def test_status_markdown(cli):
    result = cli("status", SCHOOL, "--as-of", AS_OF, "--format", "md", "--owner", "教务处")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        "# 某某中学工会2026年工作进度（截至2026-05-15）",
        "",
        "| 工作板块 | 已完成 | 已取消 | 已顺延 | 已逾期 | 30天内到期 | 进行中 | 未开始 | 合计 | 完成率 |",
        "|---|---|---|---|---|---|---|---|---|---|",
        "| 建功立业 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 | 0% |",
    ]


@pytest.mark.parametrize(
    "name", ["school-2026.zh.yaml", "enterprise-2026.zh.yaml", "union-2026.en.yaml"]
)
def test_status_on_examples(cli, name):
    path = example(name)
    if not path.exists():
        pytest.skip(f"{name} is not among the examples or fixtures")
    result = cli("status", path, "--as-of", "2026-06-30", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    plan = load_plan(path)
    leaves = [t for _, t in plan.leaves()]
    assert data["total"]["total"] == len(leaves)
    done = sum(1 for t in leaves if t.status is not None and t.status.value == "done")
    assert data["total"]["counts"]["done"] == done
    assert sum(s["total"] for s in data["sections"]) == len(leaves)
    text = cli("status", path, "--as-of", "2026-06-30")
    assert text.exit_code == 0 and "2026" in text.stdout.splitlines()[0]


def test_status_english_plan(cli):
    result = cli("status", LIFECYCLE / "union-2026.en.yaml", "--as-of", "2026-07-01")
    assert result.exit_code == 0
    assert "Riverside Workers' Union 2026 progress as of 2026-07-01" in result.stdout
    assert "[overdue] t-survey Run the members' survey (Q2)" in result.stdout
    assert "[overdue] t-inspection Inspect the workshops (2026-06-15)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-02-30"], "--as-of: expected a date like 2026-05-15, got '2026-02-30'"),
        (["--format", "xml"], "unknown format 'xml'; use text, json or md"),
    ],
)
def test_status_bad_options(cli, args, message):
    result = cli("status", SCHOOL, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_status_bad_source_is_located(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "organisation: x\nyear: 2026\ntasks:\n  - id: a\n    title: t\n    deadline: 13月\n",
        encoding="utf-8",
    )
    result = cli("status", bad, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert f"{bad}:6:15:" in result.stderr


def test_terminal_output_draws_tables_and_bars():
    from rich.console import Console

    from planforge.lifecycle.status import print_rich

    console = Console(record=True, width=160, force_terminal=True)
    print_rich(progress(load_plan(SCHOOL), dt.date(2026, 5, 15)), console)
    text = console.export_text()
    assert "某某中学工会2026年工作进度（截至2026-05-15）" in text
    assert "推进民主管理" in text and "33.3%" in text
    assert "█░░" in text  # January: one task done, two open
    assert "30天内到期 t-checkup 组织教职工健康体检 (5月)" in text


def test_a_postponed_task_is_counted_as_postponed_not_dropped(cli):
    """The school example moves 爱心妈咪小屋 to 2027: 已顺延, left out of the rate like 已取消."""
    result = cli("status", EXAMPLES / "school-2026.zh.yaml", "--as-of", "2026-11-20")
    assert result.exit_code == 0
    line = result.stdout.splitlines()[2]
    assert "已取消 0  已顺延 1" in line
    assert "合计: 35  完成率: 67.6%  已完成 23" in line  # 23 of the 34 still this year's
