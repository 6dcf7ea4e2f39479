"""Owners as people write them: names run together with 、，,；/ are several owners; a person
beside a department is one."""

from __future__ import annotations

import pytest

from conftest import run_cli
from planforge.load import parse
from planforge.validate import validate

PLAN = """\
organisation: 测试医院工会
year: 2027
language: zh
tasks:
  - id: t1
    title: 开展院感防控知识竞赛
    owners: {owners}
    deadline: 5月
schedule:
  - month: 5
    work: 院感防控知识竞赛
    owners: {owners}
"""


@pytest.mark.parametrize(
    ("typed", "owners"),
    [
        ("院感科、护理部、工会办公室", ["院感科", "护理部", "工会办公室"]),
        ("院感科，护理部", ["院感科", "护理部"]),
        ("院感科; 护理部；工会", ["院感科", "护理部", "工会"]),
        ("HR, Union office", ["HR", "Union office"]),
        ("工会／团委", ["工会", "团委"]),
        ("[院感科、护理部, 工会]", ["院感科", "护理部", "工会"]),
        ("院感科、、护理部", ["院感科", "护理部"]),
        ("工会主席 周慧敏", ["工会主席 周慧敏"]),
        ("工会办公室", ["工会办公室"]),
    ],
)
def test_owners_are_split_where_people_separate_them(typed, owners):
    plan = validate(parse(PLAN.format(owners=typed), "plan.yaml"))
    assert plan.tasks[0].owners == owners
    assert plan.schedule[0].owners == owners


def test_status_finds_each_owner_of_a_run_together_list(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(owners="院感科、护理部、工会办公室"), encoding="utf-8")
    result = run_cli("status", path, "--owner", "护理部", "--as-of", "2027-03-01", "-f", "json")
    assert result.exit_code == 0, result.output
    assert "开展院感防控知识竞赛" in result.stdout
    nobody = run_cli("status", path, "--owner", "财务科", "--as-of", "2027-03-01", "-f", "json")
    assert "开展院感防控知识竞赛" not in nobody.stdout


@pytest.mark.parametrize(
    ("owner", "person"),
    [
        ("工会主席 周慧敏", True),
        ("周慧敏", True),
        ("分管副校长", True),
        ("欧阳明", True),
        # near misses: departments, some starting with a surname's character
        ("工会办公室", False),
        ("财务科", False),
        ("安保", False),
        ("文体委员会", False),
        ("各分工会", False),
    ],
)
def test_a_person_is_told_from_a_department(owner, person):
    from planforge.vocab.people import is_person

    assert is_person(owner) is person


def test_the_document_labels_a_person_beside_a_department_as_responsible_person(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(owners="[工会主席 周慧敏, 院感科]"), encoding="utf-8")
    out = tmp_path / "plan.md"
    result = run_cli("render", path, "-f", "md", "-o", out)
    assert result.exit_code == 0, result.output
    assert "（责任部门：院感科；责任人：工会主席 周慧敏；完成时限：5月）" in out.read_text("utf-8")
    path.write_text(PLAN.format(owners="院感科、护理部"), encoding="utf-8")
    run_cli("render", path, "-f", "md", "-o", out)
    assert "（责任部门：院感科、护理部；完成时限：5月）" in out.read_text("utf-8")
