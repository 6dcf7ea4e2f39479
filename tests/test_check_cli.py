"""`planforge check` end to end: exit codes, suppression, baselines, fixes, workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from check_helpers import PLAN, plan_with, task, use_fake_engine
from conftest import run_cli


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    use_fake_engine(monkeypatch)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def finding_lines(stdout: str) -> list[str]:
    return [
        line
        for line in stdout.splitlines()
        if ": error " in line or ": warning " in line or ": info " in line
    ]


# ---------------------------------------------------------------------------- exit codes


def test_clean_file_exits_0(fake: Path) -> None:
    write(fake / "plan.yaml", PLAN)
    result = run_cli("check", "plan.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1 file checked, no findings")


def test_error_finding_exits_1_with_location_and_caret(fake: Path) -> None:
    write(fake / "plan.yaml", plan_with(task("t3", "慰问困难职工,送温暖")))
    result = run_cli("check", "plan.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "plan.yaml:19:18: error fake-comma half-width comma in Chinese text"
    assert lines[1] == "  |     title: 慰问困难职工,送温暖"
    # the caret sits under the comma: 4+7 columns, then six wide characters
    assert lines[2] == "  | " + " " * (11 + 12) + "^"


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_decides_what_fails(fake: Path, fail_on: str, expected: int) -> None:
    write(fake / "plan.yaml", plan_with(task("t3", "XX活动")))
    result = run_cli("check", "plan.yaml", "--fail-on", fail_on)
    assert result.exit_code == expected, result.output
    assert "warning fake-placeholder" in result.stdout


def test_unloadable_file_exits_2_and_is_reported_as_a_finding(fake: Path) -> None:
    write(fake / "a.yaml", PLAN)
    write(fake / "b.yaml", "organisation: [unclosed\n")
    write(fake / "c.yaml", "organisation: 工会\nyear: soon\n")
    result = run_cli("check", ".", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    rules = {(f["path"], f["rule"]) for f in data["findings"]}
    assert rules == {("b.yaml", "load-error"), ("c.yaml", "schema")}
    schema = next(f for f in data["findings"] if f["rule"] == "schema")
    assert (schema["line"], schema["column"]) == (2, 7)


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--fail-on", "fatal"],
        ["-j", "0"],
        ["--rubric", "no-such-rubric"],
        ["--baseline", "missing.json"],
        ["--fix", "--diff"],
    ],
)
def test_bad_arguments_exit_2(fake: Path, args: list[str]) -> None:
    write(fake / "plan.yaml", PLAN)
    result = run_cli("check", "plan.yaml", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_missing_path_and_empty_folder_exit_2(fake: Path) -> None:
    assert run_cli("check", "nowhere.yaml").exit_code == 2
    (fake / "empty").mkdir()
    result = run_cli("check", "empty")
    assert result.exit_code == 2
    assert "no plan files found" in result.stderr


def test_quiet_prints_only_finding_lines(fake: Path) -> None:
    write(fake / "plan.yaml", plan_with(task("t3", "XX活动")))
    result = run_cli("check", "plan.yaml", "--quiet")
    assert (
        result.stdout
        == "plan.yaml:19:12: warning fake-placeholder placeholder 'XX' left in the text\n"
    )


# ---------------------------------------------------------------------------- suppression


def test_disable_comment_on_the_line_and_the_line_before(fake: Path) -> None:
    line_before = task("t4", "XX会议").replace(
        "    title:", "    # planforge: disable=fake-placeholder\n    title:"
    )
    text = plan_with(
        task("t3", "XX活动", "# planforge: disable=fake-placeholder"),
        line_before,
        task("t5", "XX讲座", "# planforge: disable=other-rule"),
    )
    write(fake / "plan.yaml", text)
    result = run_cli("check", "plan.yaml", "--format", "json")
    data = json.loads(result.stdout)
    source = text.splitlines()
    assert [source[f["line"] - 1].strip() for f in data["findings"]] == [
        "title: XX讲座  # planforge: disable=other-rule"
    ]
    assert data["summary"]["suppressed"] == 2


def test_disable_file(fake: Path) -> None:
    text = "# planforge: disable-file=fake-placeholder\n" + plan_with(task("t3", "XX活动,会议"))
    write(fake / "plan.yaml", text)
    data = json.loads(run_cli("check", "plan.yaml", "-f", "json").stdout)
    assert [f["rule"] for f in data["findings"]] == ["fake-comma"]
    write(fake / "plan.yaml", "# planforge: disable-file\n" + plan_with(task("t3", "XX活动,会议")))
    assert run_cli("check", "plan.yaml").exit_code == 0


def test_a_directive_inside_quoted_text_is_not_a_comment(fake: Path) -> None:
    write(fake / "plan.yaml", plan_with(task("t3", "'XX # planforge: disable'")))
    assert run_cli("check", "plan.yaml", "--fail-on", "warning").exit_code == 1


# ---------------------------------------------------------------------------- baselines


def test_baseline_survives_lines_inserted_above(fake: Path) -> None:
    write(fake / "plan.yaml", plan_with(task("t3", "XX活动,会议")))
    result = run_cli("check", "plan.yaml", "--write-baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    recorded = json.loads((fake / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(e["rule"] for e in recorded["findings"]) == ["fake-comma", "fake-placeholder"]

    moved = plan_with(task("t0", "新增的任务"), task("t3", "XX活动,会议"))
    moved = moved.replace("year: 2026\n", "year: 2026\n# a comment\n# and another\n")
    write(fake / "plan.yaml", moved)
    result = run_cli("check", "plan.yaml", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert "2 in the baseline" in result.stdout

    # a new finding of the same kind on another line is reported
    write(fake / "plan.yaml", moved + task("t9", "XX讲座"))
    result = run_cli("check", "plan.yaml", "--baseline", "baseline.json", "-q")
    assert [line.split(": ", 1)[1] for line in finding_lines(result.stdout)] == [
        "warning fake-placeholder placeholder 'XX' left in the text"
    ]
    assert (
        "XX讲座"
        in (fake / "plan.yaml")
        .read_text(encoding="utf-8")
        .splitlines()[int(result.stdout.split(":")[1]) - 1]
    )


def test_a_second_identical_finding_is_not_hidden_by_one_recorded(fake: Path) -> None:
    write(fake / "plan.yaml", plan_with(task("t3", "XX活动")))
    run_cli("check", "plan.yaml", "--write-baseline", "b.json")
    write(fake / "plan.yaml", plan_with(task("t3", "XX活动"), task("t4", "XX活动")))
    result = run_cli("check", "plan.yaml", "--baseline", "b.json", "--fail-on", "warning")
    assert result.exit_code == 1
    assert len(finding_lines(result.stdout)) == 1


def test_bad_baseline_file_exits_2(fake: Path) -> None:
    write(fake / "plan.yaml", PLAN)
    write(fake / "b.json", '{"findings": 3}')
    assert run_cli("check", "plan.yaml", "--baseline", "b.json").exit_code == 2


# ---------------------------------------------------------------------------- fixes


def test_fix_changes_only_the_fixed_characters_and_is_idempotent(fake: Path) -> None:
    source = plan_with(
        task("t3", "慰问困难职工,送温暖", "# keep this comment"),
        "  - id: t4\n    title: '开展活动,丰富生活'\n    owners: 工会办公室\n"
        "    deadline: 6月\n    goals: [g1]\n    text: |\n      第一,学习。\n      第二,实践。\n",
    )
    path = write(fake / "plan.yaml", source)
    result = run_cli("check", "plan.yaml", "--fix")
    assert result.exit_code == 0, result.output
    assert "fixed 4 findings (fake-comma ×4)" in result.stderr
    after = path.read_text(encoding="utf-8")
    assert after == source.replace(",", "，").replace("，送温暖", "，送温暖")
    assert len(after) == len(source)
    assert [i for i, (a, b) in enumerate(zip(source, after, strict=True)) if a != b] == [
        i for i, ch in enumerate(source) if ch == "," and "\u4e00" <= source[i - 1] <= "\u9fff"
    ]
    again = run_cli("check", "plan.yaml", "--fix")
    assert again.exit_code == 0
    assert again.stderr == ""
    assert path.read_text(encoding="utf-8") == after


def test_fix_reports_what_it_could_not_fix(fake: Path) -> None:
    path = write(fake / "plan.yaml", plan_with(task("t3", "XX活动,会议")))
    result = run_cli("check", "plan.yaml", "--fix", "--fail-on", "warning")
    assert result.exit_code == 1
    assert "fixed 1 finding (fake-comma ×1); 1 finding left to fix by hand" in result.stderr
    assert "fake-placeholder" in result.stdout
    assert "XX活动，会议" in path.read_text(encoding="utf-8")


def test_diff_shows_the_fix_without_writing(fake: Path) -> None:
    source = plan_with(task("t3", "慰问困难职工,送温暖"))
    path = write(fake / "plan.yaml", source)
    result = run_cli("check", "plan.yaml", "--diff")
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == source
    assert result.stdout.splitlines()[:2] == ["--- a/plan.yaml", "+++ b/plan.yaml"]
    assert "-    title: 慰问困难职工,送温暖" in result.stdout.splitlines()
    assert "+    title: 慰问困难职工，送温暖" in result.stdout.splitlines()
    write(fake / "plan.yaml", PLAN)
    clean = run_cli("check", "plan.yaml", "--diff")
    assert (clean.exit_code, clean.stdout) == (0, "")


# ---------------------------------------------------------------------------- many files


def test_worker_processes_give_the_same_output_as_one(fake: Path) -> None:
    for i in range(40):
        extra = task("t3", "XX活动,会议") if i % 3 == 0 else ""
        write(fake / "plans" / f"d{i % 4}" / f"p{i:02}.yaml", plan_with(extra))
    write(fake / "plans" / "d1" / "broken.yaml", "organisation: [\n")
    one = run_cli("check", "plans", "-j", "1")
    two = run_cli("check", "plans", "-j", "2")
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    paths = [line.split(":")[0] for line in finding_lines(one.stdout)]
    assert paths == sorted(paths)
    assert len(paths) == 14 * 2 + 1


def test_hidden_files_are_skipped_even_when_named(fake: Path) -> None:
    write(fake / "plan.yaml", PLAN)
    write(fake / ".pre-commit-config.yaml", "repos: []\n")
    result = run_cli("check", "plan.yaml", ".pre-commit-config.yaml")
    assert result.exit_code == 0, result.output
    only_hidden = run_cli("check", ".pre-commit-config.yaml")
    assert (only_hidden.exit_code, only_hidden.stdout) == (0, "")
    assert "every file given is ignored" in only_hidden.stderr


# ---------------------------------------------------------------------------- colour


def _run_on_terminal(args: list[str], env: dict[str, str], cwd: Path) -> str:
    pty = pytest.importorskip("pty", reason="needs a POSIX pseudo-terminal")
    leader, follower = pty.openpty()
    code = "from planforge.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", "organisation: 工会\nyear: soon\n")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    coloured = _run_on_terminal(["check", "bad.yaml"], env, tmp_path)
    assert "\x1b[1;31merror\x1b[0m" in coloured
    plain = _run_on_terminal(["check", "bad.yaml"], {**env, "NO_COLOR": "1"}, tmp_path)
    assert "bad.yaml:2:7: error schema" in plain
    assert "\x1b[" not in plain
    piped = subprocess.run(
        [sys.executable, "-m", "planforge", "check", "bad.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert "\x1b[" not in piped.stdout
    assert piped.returncode == 2


# ---------------------------------------------------------------------------- pre-commit


@pytest.mark.slow
def test_pre_commit_hook_runs_through_try_repo(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    pre_commit = shutil.which("pre-commit") or shutil.which(
        "pre-commit", path=str(Path(sys.executable).parent)
    )
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True)
    if head.returncode != 0:
        pytest.skip("the planforge checkout has no commits for pre-commit to try")
    repo = tmp_path / "plans-repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    write(repo / "good.yaml", PLAN)
    write(repo / "bad.yaml", "organisation: 工会\nyear: soon\n")
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "planforge-check", "--files", *files],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )

    # one run (each try-repo installs planforge afresh): a clean and an invalid plan
    result = try_repo("good.yaml", "bad.yaml")
    output = result.stdout + result.stderr
    if "planforge check" not in result.stdout and (
        "Could not find a version" in output or "No matching distribution" in output
    ):
        pytest.skip("pre-commit could not install planforge's dependencies (offline?)")
    assert result.returncode == 1, output
    assert "planforge check" in result.stdout and "Failed" in result.stdout
    assert "bad.yaml:2:7: error schema" in result.stdout
    assert not [
        line
        for line in result.stdout.splitlines()
        if line.startswith("good.yaml:") and " error " in line
    ]


# ---------------------------------------------------------------------------- built-in rules


def _without_task(text: str, task_id: str) -> tuple[str, int]:
    """`text` without the task list item `- id: task_id`, and the line it started on."""
    lines = text.splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {task_id}")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return "".join(lines[:start] + lines[end:]), start + 1


def test_examples_are_clean_and_losing_the_congress_task_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import EXAMPLES, example_files

    if not example_files():
        pytest.skip("no examples/ in this checkout")
    monkeypatch.chdir(EXAMPLES.parent)
    clean = run_cli("check", "examples", "-f", "json")
    assert clean.exit_code == 0, clean.stdout[-2000:]
    assert all(f["severity"] == "info" for f in json.loads(clean.stdout)["findings"])

    school = EXAMPLES / "school-2026.zh.yaml"
    text = school.read_text(encoding="utf-8")
    assert "title: 开好第六届教代会暨工会会员代表大会第三次会议" in text
    copy, _ = _without_task(text, "congress-section")  # the section says 教代会 too
    write(tmp_path / "school.yaml", copy)
    result = run_cli("check", str(tmp_path / "school.yaml"), "-f", "json")
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "rubric-uncovered"]
    five_ones = [f for f in found if "'five-ones-school' item 'congress'" in f["message"]]
    assert len(five_ones) == 1
    line = copy.splitlines()[five_ones[0]["line"] - 1]
    assert line.strip() == "- five-ones-school"  # where the plan names the rubric
    data = json.loads(result.stdout)["files"][0]["coverage"]
    item = next(
        i
        for c in data
        if c["rubric"] == "five-ones-school"
        for i in c["items"]
        if i["id"] == "congress"
    )
    assert item["status"] != "covered" and item["tasks"] == []


REAL_PLAN = """\
# 测试用计划（注释要保留）
organisation: 测试学校工会
year: 2026
issued: 2026-02-20
goals:
  - id: g1
    text: 教代会提案办结率达到100%。
tasks:
  - id: t1
    title: 召开教代会
    owners: 工会办公室
    deadline: 3月
    goals: [g1]
    text: "审议工作报告,征集提案。"   # 半角逗号
  - id: t2
    title: 开展送温暖活动
    owners: 工会办公室
    deadline: 1月
    goals: [g1]
    text: |
      走访困难教职工(共12户),发放慰问金。
"""


def test_fix_with_the_built_in_rules_keeps_comments_and_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "plan.yaml", REAL_PLAN)
    before = run_cli("check", "plan.yaml", "-f", "json", "--fail-on", "warning")
    fixable = [f for f in json.loads(before.stdout)["findings"] if f["fixable"]]
    assert {f["rule"] for f in fixable} == {"halfwidth-punctuation"}
    result = run_cli("check", "plan.yaml", "--fix", "--fail-on", "warning")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after == (
        REAL_PLAN.replace("报告,征集", "报告，征集").replace("(共12户),", "（共12户），")
    )
    assert run_cli("check", "plan.yaml", "--diff").stdout == ""
    assert path.read_text(encoding="utf-8") == after


def test_workers_match_one_process_with_the_built_in_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import example_files

    sources = [*example_files(), None]
    for i in range(24):
        source = sources[i % len(sources)]
        text = REAL_PLAN if source is None else source.read_text(encoding="utf-8")
        write(tmp_path / "plans" / f"{i:02}.yaml", text)
    monkeypatch.chdir(tmp_path)
    outputs = {jobs: run_cli("check", "plans", "-j", jobs).stdout for jobs in ("1", "2")}
    assert outputs["1"] == outputs["2"]
    assert outputs["1"].count("halfwidth-punctuation") >= 2
