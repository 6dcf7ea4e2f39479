"""`planforge set`: progress recorded in the source, only the changed lines differ."""

from __future__ import annotations

import shutil

import pytest

from lifecycle_helpers import LIFECYCLE, changed_lines, comments, example
from planforge.model.plan import Status
from planforge.validate import load_plan


@pytest.fixture
def school(tmp_path):
    path = tmp_path / "school-2025.zh.yaml"
    shutil.copy(LIFECYCLE / "school-2025.zh.yaml", path)
    return path


def test_set_inserts_keys_in_model_order_and_changes_nothing_else(cli, school):
    before = school.read_text(encoding="utf-8")
    result = cli(
        "set",
        school,
        "t-checkup",
        "--status",
        "done",
        "--date",
        "2025-10-20",
        "--result",
        "体检完成，参检率98%。",
        "--evidence",
        "体检名单.xlsx",
    )
    assert result.exit_code == 0, result.output
    after = school.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == []
    assert added == [
        "        status: done",
        "        done_on: 2025-10-20",
        "        result: 体检完成，参检率98%。",
        "        evidence: 体检名单.xlsx",
    ]
    # the new keys follow 'owners' (the task's last key) and precede the next task
    assert "        owners: 后勤处\n        status: done\n" in after
    assert comments(after) == comments(before)
    task = next(t for _, t in load_plan(school).walk() if t.id == "t-checkup")
    assert task.status is Status.DONE and str(task.done_on) == "2025-10-20"


def test_set_changes_an_existing_status_in_place(cli, school):
    before = school.read_text(encoding="utf-8")
    assert (
        cli("set", school, "t-openness", "--status", "done", "--date", "2025-12-20").exit_code == 0
    )
    removed, added = changed_lines(before, school.read_text(encoding="utf-8"))
    assert removed == ["        status: in_progress"]
    assert added == ["        status: done", "        done_on: 2025-12-20"]


def test_set_keeps_the_comment_and_blank_line_after_the_task(cli, school):
    # t-congress is followed by a blank line and '# 校务公开每季度一次'
    before = school.read_text(encoding="utf-8")
    assert (
        cli(
            "set",
            school,
            "t-congress",
            "--status",
            "done",
            "--result",
            "形成决议3项。",
            "--evidence",
            "签到表.pdf",
        ).exit_code
        == 0
    )
    after = school.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == ["        result: 会议于3月21日召开，应到代表120人，实到115人。"]
    assert added == [
        "        result:",
        "          - 会议于3月21日召开，应到代表120人，实到115人。",
        "          - 形成决议3项。",
        "          - 签到表.pdf",
    ]
    assert "          - 签到表.pdf\n\n      # 校务公开每季度一次\n      - id: t-openness" in after
    assert comments(after) == comments(before)


def test_set_keeps_an_end_of_line_comment(cli, school):
    before = school.read_text(encoding="utf-8")
    assert cli("set", school, "t-weekly-sports", "--status", "in-progress").exit_code == 0
    after = school.read_text(encoding="utf-8")
    assert (
        "        deadline: 2025-03-07   # 第一次活动：三月第一个周五\n        status: in_progress\n"
    ) in after
    assert changed_lines(before, after) == ([], ["        status: in_progress"])


@pytest.mark.parametrize(
    "name", ["school-2026.zh.yaml", "enterprise-2026.zh.yaml", "union-2026.en.yaml"]
)
def test_set_on_examples_changes_only_the_task(cli, tmp_path, name):
    source = example(name)
    path = tmp_path / name
    shutil.copy(source, path)
    before = path.read_text(encoding="utf-8")
    plan = load_plan(path)
    task = next(t for _, t in plan.leaves() if t.status is not Status.DONE)
    result = cli(
        "set",
        path,
        task.id,
        "--status",
        "done",
        "--date",
        f"{plan.year}-06-30",
        "--result",
        "已完成。",
    )
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    # only the status line and the old result (one line, or a folded block) go
    old_result = " ".join(task.result)
    for line in removed:
        text = line.strip().removeprefix("- ")
        assert text.startswith(("status:", "result:")) or text in old_result, line
    assert sum(line.strip().startswith("status:") for line in removed) <= 1
    assert any(line.strip() == f"done_on: {plan.year}-06-30" for line in added)
    assert comments(after) == comments(before)
    updated = next(t for _, t in load_plan(path).walk() if t.id == task.id)
    assert updated.status is Status.DONE and "已完成。" in updated.result


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["t-nope", "--status", "done"], "no task with id 't-nope'"),
        (["s-care", "--status", "done"], "'s-care' is a section heading"),
        (["t-checkup", "--status", "finished"], "unknown status 'finished'"),
        (["t-checkup", "--status", "planned", "--date", "2025-01-01"], "use it with --status done"),
        (["t-checkup", "--status", "done", "--date", "1 May"], "expected a date like"),
    ],
)
def test_set_refuses_bad_requests_and_leaves_the_file(cli, school, args, message):
    before = school.read_text(encoding="utf-8")
    result = cli("set", school, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert school.read_text(encoding="utf-8") == before


def test_set_refuses_an_invalid_source(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "organisation: x\nyear: 2026\ntasks:\n  - id: a\n    title: t\n    colour: red\n",
        encoding="utf-8",
    )
    result = cli("set", bad, "a", "--status", "done")
    assert result.exit_code == 2
    assert f"{bad}:6:5: error: unknown key 'colour'" in result.stderr


def test_set_keeps_the_files_indentation(cli, tmp_path):
    path = tmp_path / "flat.yaml"
    text = (
        "organisation: x  # org\nyear: 2026\ntasks:\n- id: a\n  title: t\n  tasks:\n"
        "  - id: b\n    title: u\n    deadline: '3月'\n"
    )
    path.write_text(text, encoding="utf-8")
    assert cli("set", path, "b", "--status", "done").exit_code == 0
    assert path.read_text(encoding="utf-8") == text + "    status: done\n"


def test_set_keeps_a_bom_and_windows_line_ends(cli, tmp_path):
    path = tmp_path / "windows.yaml"
    text = "# 计划\r\norganisation: x\r\nyear: 2026\r\ntasks:\r\n  - id: a\r\n    title: t\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert cli("set", path, "a", "--status", "in_progress").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + (text + "    status: in_progress\r\n").encode()


def test_set_on_an_awkward_file_changes_only_the_task(cli, tmp_path):
    # directives and '---', a paragraph over several lines, flow mappings, a literal block
    # with a comment after it, comments between list items
    path = tmp_path / "edge.yaml"
    shutil.copy(LIFECYCLE / "edge-cases.yaml", path)
    before = path.read_text(encoding="utf-8")
    for task_id in ("t1", "t2", "t3"):
        result = cli("set", path, task_id, "--status", "done", "--result", "新增结果")
        assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == ["        result: |", "          结果第一行", "          结果第二行"]
    assert added == [
        "        result:",
        "          - |",
        "            结果第一行",
        "            结果第二行",
        "          - 新增结果",
        "        result: 新增结果",
        "    result: 新增结果",
    ]
    assert after.startswith("%YAML 1.2\n---\n# head comment\n")
    assert "            结果第二行\n          - 新增结果\n        # after result\n" in after
    assert comments(after) == comments(before)


def test_set_postpones_a_task_with_reason_and_new_date_and_says_what_changed(cli, school):
    before = school.read_text(encoding="utf-8")
    result = cli(
        "set",
        school,
        "t-reading",
        "--status",
        "postponed",
        "--reason",
        "图书室改造推迟到明年暑假",
        "--postponed-to",
        "2026-09",
    )
    assert result.exit_code == 0, result.output
    after = school.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == []
    assert [line.strip() for line in added] == [
        "status: postponed",
        "reason: 图书室改造推迟到明年暑假",
        "postponed_to: 2026-09",
    ]
    assert comments(after) == comments(before)
    said = [line.split(": t-reading: ", 1)[1] for line in result.stdout.splitlines()]
    assert said == [
        "status: postponed",
        "reason: 图书室改造推迟到明年暑假",
        "postponed_to: 2026-09",
    ]
    task = next(t for _, t in load_plan(school).walk() if t.id == "t-reading")
    assert task.status is Status.POSTPONED and task.postponed_to == "2026-09"


def test_set_records_figures_and_a_second_run_changes_only_the_changed_one(cli, school):
    assert cli("set", school, "t-checkup", "--figure", "体检人数=203").exit_code == 0
    before = school.read_text(encoding="utf-8")
    result = cli("set", school, "t-checkup", "--figure", "体检人数=205", "--figure", "参检率=98%")
    assert result.exit_code == 0, result.output
    removed, added = changed_lines(before, school.read_text(encoding="utf-8"))
    assert [r.strip() for r in removed] == ["体检人数: 203"]
    assert [a.strip() for a in added] == ["体检人数: 205", "参检率: 98%"]
    assert "figures.体检人数: 203 → 205" in result.stdout
    task = next(t for _, t in load_plan(school).walk() if t.id == "t-checkup")
    assert task.figures == {"体检人数": 205, "参检率": "98%"}


def test_set_refuses_a_new_date_for_a_task_not_postponed(cli, school):
    before = school.read_text(encoding="utf-8")
    result = cli("set", school, "t-checkup", "--status", "done", "--postponed-to", "2027-03")
    assert result.exit_code != 0 and "--postponed-to" in result.output
    assert school.read_text(encoding="utf-8") == before


def test_set_with_nothing_to_record_is_a_usage_error(cli, school):
    result = cli("set", school, "t-checkup")
    assert result.exit_code == 2 and "nothing to record" in result.output


def test_log_appends_an_activity_record_keeping_everything_else(cli, school):
    before = school.read_text(encoding="utf-8")
    args = ["log", school, "t-weekly-sports", "--date", "2025-05-16", "--participants", "42"]
    result = cli(*args, "--cost", "360", "--note", "羽毛球友谊赛", "--place", "体育馆")
    assert result.exit_code == 0, result.output
    after = school.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == []
    assert [a.strip() for a in added] == [
        "records:",
        "- date: 2025-05-16",
        "place: 体育馆",
        "participants: 42",
        "content: 羽毛球友谊赛",
        "cost: 360",
    ]
    assert comments(after) == comments(before)
    again = cli("log", school, "t-weekly-sports", "--date", "2025-05-23", "--participants", "38")
    assert again.exit_code == 0
    task = next(t for _, t in load_plan(school).walk() if t.id == "t-weekly-sports")
    assert [(str(r.date), r.participants) for r in task.records] == [
        ("2025-05-16", 42),
        ("2025-05-23", 38),
    ]
    assert task.records[0].cost == 360
