"""`planforge new --from`: next year's plan from last year's, comments kept."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from lifecycle_helpers import LIFECYCLE, comments, example
from planforge.lifecycle.dates import same_day, same_weekday, weekday_named
from planforge.validate import load_plan

MARK = "# 2025年已完成：请决定本年是否保留"


@pytest.fixture
def rolled(cli, tmp_path):
    source = tmp_path / "school-2025.zh.yaml"
    shutil.copy(LIFECYCLE / "school-2025.zh.yaml", source)
    result = cli("new", "--from", source, "--year", "2026")
    assert result.exit_code == 0, result.output
    return source, tmp_path / "school-2026.zh.yaml", result


def test_rollover_moves_year_and_dates(rolled):
    _, target, _ = rolled
    plan = load_plan(target)
    assert (plan.year, plan.title, plan.issued) == (
        2026,
        "某某中学工会2026年工作计划",
        dt.date(2026, 1, 10),
    )
    assert plan.signature.date == dt.date(2026, 1, 10)
    deadlines = {t.id: t.deadline for _, t in plan.leaves()}
    assert deadlines["t-congress"] == "3月"  # a month stays the same month
    assert deadlines["t-visit"] == "2026-01"
    # 2025-03-07 was the first Friday of March for a task held 每周五: first Friday of 2026
    assert deadlines["t-weekly-sports"] == "2026-03-06"
    assert deadlines["t-openness"] == "每季度"


def test_rollover_clears_progress_and_summary(rolled):
    _, target, _ = rolled
    plan = load_plan(target)
    for _, task in plan.walk():
        assert (
            task.status,
            task.done_on,
            task.result,
            task.figures,
            task.evidence,
            task.reason,
        ) == (None, None, [], {}, [], None)
    assert plan.summary.overview == [] and plan.summary.next_year == []
    assert "summary:" not in target.read_text(encoding="utf-8")


def test_rollover_keeps_tasks_and_every_comment(rolled):
    source, target, _ = rolled
    before, after = source.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")
    old_ids = [t.id for _, t in load_plan(source).walk()]
    assert [t.id for _, t in load_plan(target).walk()] == old_ids
    kept = [c for c in comments(after) if "请决定本年是否保留" not in c]
    assert kept == comments(before)


def test_rollover_marks_done_one_off_tasks(rolled):
    _, target, result = rolled
    after = target.read_text(encoding="utf-8")
    assert f"title: 召开第五届教代会第三次会议   {MARK}" in after
    assert f"title: 开展“两节”送温暖活动   {MARK}" in after
    assert "title: 举办春季教职工趣味运动会   # 2025年已取消：请决定本年是否保留" in after
    # recurring and unfinished tasks carry no mark
    assert "落实校务公开   #" not in after and "开展教职工读书活动   #" not in after
    assert "3 one-off tasks were done or dropped in 2025" in result.stdout
    assert "  t-congress  召开第五届教代会第三次会议  (done in 2025)" in result.stdout


def test_rollover_of_the_example(cli, tmp_path):
    source = example("school-2025.zh.yaml")
    target = tmp_path / "next.yaml"
    result = cli("new", "--from", source, "--year", "2026", target)
    assert result.exit_code == 0, result.output
    before = source.read_text(encoding="utf-8")
    after = target.read_text(encoding="utf-8")
    assert [c for c in comments(after) if "请决定本年是否保留" not in c] == comments(before)
    old, new = load_plan(source), load_plan(target)
    assert new.year == 2026
    assert [t.id for _, t in new.walk()] == [t.id for _, t in old.walk()]
    assert all(t.status is None and not t.result for _, t in new.walk())
    done_one_off = [
        t.id
        for _, t in old.leaves()
        if t.status is not None
        and t.status.value in ("done", "dropped")
        and not (t.deadline and t.deadline in ("每月", "每季度", "每周", "全年"))
    ]
    for task_id in done_one_off:
        assert f"  {task_id}  " in result.stdout


def test_rollover_refuses_to_overwrite(cli, rolled):
    source, target, _ = rolled
    again = cli("new", "--from", source, "--year", "2026")
    assert again.exit_code == 2 and f"{target} already exists" in again.stderr
    same = cli("new", "--from", source, "--year", "2026", source, "--force")
    assert same.exit_code == 2 and "refusing to overwrite last year's plan" in same.stderr
    year = cli("new", "--from", source, "--year", "2025", "--force")
    assert year.exit_code == 2 and "already the plan for 2025" in year.stderr
    missing = cli("new", "--from", source)
    assert missing.exit_code == 2 and "--year" in missing.stderr


@pytest.mark.parametrize(
    ("day", "year", "expected"),
    [
        (dt.date(2025, 3, 7), 2026, dt.date(2026, 3, 6)),  # first Friday
        (dt.date(2025, 12, 29), 2026, dt.date(2026, 12, 28)),  # fifth Monday → fifth Monday
        (dt.date(2025, 1, 31), 2026, dt.date(2026, 1, 30)),  # fifth Friday, none in Jan 2026: last
    ],
)
def test_same_weekday(day, year, expected):
    moved = same_weekday(day, year)
    assert moved == expected and moved.weekday() == day.weekday()


def test_same_day_and_weekday_names():
    assert same_day(dt.date(2024, 2, 29), 2025) == dt.date(2025, 2, 28)
    assert weekday_named("每周五下午开展教职工体育活动") == 4
    assert weekday_named("每月第一个星期一召开例会") == 0
    assert weekday_named("Choir practice on Thursdays") == 3
    assert weekday_named("召开教代会") is None


def test_rollover_of_an_awkward_file(cli, tmp_path):
    source = LIFECYCLE / "edge-cases.yaml"
    target = tmp_path / "next.yaml"
    result = cli("new", "--from", source, "--year", "2026", target)
    assert result.exit_code == 0, result.output
    before, after = source.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")
    assert [c for c in comments(after) if "请决定" not in c] == comments(before)
    assert "  - 第一段文字，\n    跨行的普通标量\n    继续。\n" in after  # lines kept
    assert '        deadline: "2026-04-15"\n' in after  # quoting kept
    assert "        deadline: 2026年5月\n" in after
    assert "    deadline: 2026-01-05\n" in after  # 每周一: the first Monday of 2026
    assert "      - id: t2   # 2025年已完成：请决定本年是否保留\n" in after  # title had a comment
