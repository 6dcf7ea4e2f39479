"""`planforge diff`: changes by meaning between two plans."""

from __future__ import annotations

import json

import pytest

from lifecycle_helpers import LIFECYCLE, example
from planforge.lifecycle.diff import diff_plans
from planforge.validate import load_plan

OLD = LIFECYCLE / "school-2025.zh.yaml"
NEW = LIFECYCLE / "school-2026.zh.yaml"


def test_diff_reports_what_a_person_would_list():
    changes = {(c.kind, c.id): (c.old, c.new) for c in diff_plans(load_plan(OLD), load_plan(NEW))}
    assert changes == {
        ("plan", "year"): ("2025", "2026"),
        ("goal-added", "g-skill"): (None, "≥80%"),
        ("goal-changed", "g-member"): (
            "会员入会率保持在95%以上 (≥95%)",
            "会员入会率保持在98%以上 (≥98%)",
        ),
        ("added", "s-skill"): (None, None),
        ("added", "t-contest"): (None, "建功立业"),
        ("added", "t-model"): (None, "建功立业"),
        ("removed", "s-culture"): (None, None),
        ("removed", "t-spring"): ("丰富校园文化生活", None),
        ("moved", "t-reading"): ("丰富校园文化生活", "推进民主管理"),
        ("renamed", "t-congress"): ("召开第五届教代会第三次会议", "召开第五届教代会第四次会议"),
        ("reowned", "t-checkup"): ("后勤处", "校医室"),
        ("rescheduled", "t-checkup"): ("10月", "5月"),
        ("rescheduled", "t-weekly-sports"): ("2025-03-07", "每周"),
    }
    # 3月 (2025) and 3月底前 (2026), 2025-01 and 2026-01: the same schedule, not listed


def test_diff_text_output(cli):
    result = cli("diff", OLD, NEW)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "计划 (1):",
        "  year: 2025 → 2026",
        "新增目标 (1):",
        "  g-skill 青年教师技能竞赛参与率达到80% (≥80%)",
        "修改目标 (1):",
        "  g-member: 会员入会率保持在95%以上 (≥95%) → 会员入会率保持在98%以上 (≥98%)",
        "新增任务 (3):",
        "  s-skill 建功立业",
        "  t-contest 举办青年教师教学技能竞赛 (建功立业)",
        "  t-model 评选“师德标兵” (建功立业)",
        "删除任务 (2):",
        "  s-culture 丰富校园文化生活",
        "  t-spring 举办春季教职工趣味运动会 (丰富校园文化生活)",
        "调整板块 (1):",
        "  t-reading 开展教职工读书活动: 丰富校园文化生活 → 推进民主管理",
        "修改名称 (1):",
        "  t-congress: 召开第五届教代会第三次会议 → 召开第五届教代会第四次会议",
        "调整责任部门 (1):",
        "  t-checkup 组织教职工健康体检: 后勤处 → 校医室",
        "调整时限 (2):",
        "  t-checkup 组织教职工健康体检: 10月 → 5月",
        "  t-weekly-sports 每周五下午开展教职工体育活动: 2025-03-07 → 每周",
    ]


def test_diff_of_a_plan_with_itself(cli):
    result = cli("diff", NEW, NEW)
    assert result.stdout == "两份计划在内容上没有差别\n"
    english = cli("diff", LIFECYCLE / "union-2026.en.yaml", LIFECYCLE / "union-2026.en.yaml")
    assert english.stdout == "the plans do not differ in meaning\n"


def test_diff_json(cli):
    result = cli("diff", OLD, NEW, "--format", "json")
    data = json.loads(result.stdout)
    assert {
        "kind": "moved",
        "id": "t-reading",
        "title": "开展教职工读书活动",
        "old": "丰富校园文化生活",
        "new": "推进民主管理",
    } in data


def test_diff_matches_a_renumbered_task_by_title(tmp_path):
    old = tmp_path / "a.yaml"
    new = tmp_path / "b.yaml"
    old.write_text(
        "organisation: x\nyear: 2025\ntasks:\n  - id: a1\n    title: 召开教代会\n"
        "    deadline: 3月\n",
        encoding="utf-8",
    )
    new.write_text(
        "organisation: x\nyear: 2026\ntasks:\n  - id: congress\n    title: 召开教代会\n"
        "    deadline: 4月\n",
        encoding="utf-8",
    )
    changes = [(c.kind, c.id, c.old, c.new) for c in diff_plans(load_plan(old), load_plan(new))]
    assert changes == [
        ("plan", "year", "2025", "2026"),
        ("renumbered", "congress", "a1", "congress"),
        ("rescheduled", "congress", "3月", "4月"),
    ]


def test_diff_of_the_consecutive_year_examples(cli):
    old, new = example("school-2025.zh.yaml"), example("school-2026.zh.yaml")
    if old.parent.name != "examples":
        pytest.skip("the school examples are not in examples/ yet")
    result = cli("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    old_plan, new_plan = load_plan(old), load_plan(new)
    old_ids = {t.id for _, t in old_plan.walk()}
    new_ids = {t.id for _, t in new_plan.walk()}
    kinds = {(c["kind"], c["id"]) for c in changes}
    # every task only in one year is listed as added or removed, and nothing else is
    assert {i for k, i in kinds if k == "added"} == new_ids - old_ids
    assert {i for k, i in kinds if k == "removed"} == old_ids - new_ids
    # a task listed as re-owned or re-scheduled really changed
    old_tasks = {t.id: t for _, t in old_plan.walk()}
    new_tasks = {t.id: t for _, t in new_plan.walk()}
    for kind, task_id in kinds:
        if kind == "rescheduled":
            assert old_tasks[task_id].deadline != new_tasks[task_id].deadline
        if kind == "renamed":
            assert old_tasks[task_id].title != new_tasks[task_id].title
    assert ("plan", "year") in kinds
    text = cli("diff", old, new)
    assert "新增任务" in text.stdout and "调整时限" in text.stdout


def test_diff_bad_input(cli, tmp_path):
    result = cli("diff", OLD, tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert "missing.yaml: error: no such file" in result.stderr
