"""The file system: outputs are written atomically and never over a source; a read-only
folder, a full disk and an interruption leave the previous output intact with no temporary
files behind; directory walks stay inside the tree; paths with spaces and Chinese work."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from robustness_helpers import tree_hashes

SCHOOL = EXAMPLES / "school-2026.zh.yaml"


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    shutil.copy(SCHOOL, path)
    return path


@pytest.mark.parametrize(
    "output",
    ["plan.yaml", "other.yaml", "other.YML", "./plan.yaml", "sub/../plan.yaml"],
)
def test_render_refuses_a_yaml_output_or_the_source(plan, output):
    (plan.parent / "sub").mkdir()
    before = tree_hashes(plan.parent)
    result = run_cli("render", plan, "-f", "md", "-o", plan.parent / output)
    assert result.exit_code == 2
    assert "refusing" in result.output
    assert tree_hashes(plan.parent) == before


def test_render_refuses_the_source_through_a_symlink(plan):
    link = plan.parent / "plan.md"
    link.symlink_to(plan)
    before = plan.read_bytes()
    result = run_cli("render", plan, "-f", "md", "-o", link)
    assert result.exit_code == 2
    assert "refusing to overwrite the source" in result.output
    assert plan.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (["export", "-f", "csv"], "plan.yaml"),
        (["report"], "plan.yaml"),
        (["import"], "plan.yaml"),
    ],
)
def test_other_writers_refuse_the_source(plan, command, output):
    before = plan.read_bytes()
    args = [*command, plan, "-o", plan.parent / output]
    if command[0] == "import":
        args.append("--force")
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert plan.read_bytes() == before


def _previous_output(plan: Path) -> Path:
    out = plan.with_suffix(".md")
    out.write_text("the previous output\n", encoding="utf-8")
    return out


def _no_temp_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_an_output_link_is_followed_and_kept(plan):
    target = plan.parent / "shared" / "plan.md"
    target.parent.mkdir()
    target.write_text("last year's\n", encoding="utf-8")
    link = plan.parent / "plan.md"
    link.symlink_to(target)
    result = run_cli("render", plan, "-f", "md", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8").startswith("# 南湖区实验中学工会")
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.md"]  # no temporary left


@pytest.mark.parametrize("command", ["render", "report"])
def test_an_output_link_to_a_yaml_file_is_refused(plan, command):
    other = plan.parent / "other.yaml"
    other.write_text("keep: me\n", encoding="utf-8")
    link = plan.parent / "out.html"
    link.symlink_to(other.name)
    args = [plan, "-f", "html"] if command == "render" else [plan.parent, "--format", "html"]
    result = run_cli(command, *args, "-o", link)
    assert result.exit_code == 2
    assert "is a YAML file and could be a plan source" in result.stderr
    assert other.read_text(encoding="utf-8") == "keep: me\n"
    assert link.is_symlink()


def test_a_link_loop_as_output_is_an_error_and_stays(plan):
    first, second = plan.parent / "l1.md", plan.parent / "l2.md"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    result = run_cli("render", plan, "-f", "md", "-o", first)
    assert result.exit_code == 2
    assert "Too many levels of symbolic links" in result.stderr or "loop" in result.stderr
    assert first.is_symlink() and second.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_written_through_not_replaced(plan):
    import stat
    import threading

    fifo = plan.parent / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("render", plan, "-f", "md", "-o", fifo)
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].decode("utf-8").startswith("# 南湖区实验中学工会")
    # /dev/null takes the same path (exists, not a regular file); it is not tried here, as
    # a regression would replace the machine's /dev/null when the tests run as root


def test_a_folder_as_output_is_a_clear_error(plan):
    result = run_cli("render", plan, "-f", "md", "-o", plan.parent)
    assert result.exit_code == 2
    assert "it is a folder; give a file name" in result.stderr


def test_a_read_only_folder_leaves_the_previous_output(plan):
    out = _previous_output(plan)
    os.chmod(plan.parent, 0o555)
    try:
        if os.access(plan.parent, os.W_OK):
            pytest.skip("running as a user who can write to read-only folders (root)")
        result = run_cli("render", plan, "-f", "md", "-o", out)
    finally:
        os.chmod(plan.parent, 0o755)
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert out.read_text(encoding="utf-8") == "the previous output\n"


def test_a_refused_temporary_file_is_a_clean_error(plan, monkeypatch):
    """What a read-only folder does, simulated so that it also runs as root."""
    import tempfile

    out = _previous_output(plan)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run_cli("render", plan, "-f", "md", "-o", out)
    assert result.exit_code == 2
    assert f"cannot write {out}: Permission denied" in result.output
    assert out.read_text(encoding="utf-8") == "the previous output\n"


@pytest.mark.parametrize(
    ("where", "fail"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("replace", OSError(errno.ENOSPC, "No space left on device")),
        ("fsync", KeyboardInterrupt()),
        ("replace", KeyboardInterrupt()),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_failed_or_interrupted_write_leaves_the_previous_output(
    plan, monkeypatch, where, fail, fmt
):
    out = plan.with_suffix(f".{fmt}")
    out.write_bytes(b"the previous output\n")

    def broken(*args, **kwargs):
        raise fail

    monkeypatch.setattr(os, where, broken)
    result = run_cli("render", plan, "-f", fmt, "-o", out)
    monkeypatch.undo()
    if isinstance(fail, KeyboardInterrupt):
        assert result.exit_code == 130
        assert "interrupted" in result.output
    else:
        assert result.exit_code == 2
        assert "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"the previous output\n"
    _no_temp_files(plan.parent)


def test_a_full_disk_during_write_keeps_the_source_of_set_and_fmt(plan, monkeypatch):
    """Commands that rewrite a source go through the same atomic write."""
    text = plan.read_text(encoding="utf-8")  # something for fmt to do: keys out of order
    plan.write_text(
        text.replace("year: 2026\nlanguage: zh\n", "language: zh\nyear: 2026\n"), encoding="utf-8"
    )
    assert run_cli("fmt", "--check", plan).exit_code == 1
    before = plan.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    for args in (["set", plan, "congress", "--status", "done", "--result", "开了"], ["fmt", plan]):
        result = run_cli(*args)
        assert result.exit_code == 2, result.output
        assert "No space left on device" in result.output
        assert plan.read_bytes() == before
    monkeypatch.undo()
    _no_temp_files(plan.parent)


@pytest.fixture
def tree_with_links(tmp_path):
    """repo/plans/a.yaml, and links to a plan outside the repository (a folder and a file)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SCHOOL, outside / "secret.yaml")
    (outside / "secret.yaml").write_text(
        (outside / "secret.yaml").read_text(encoding="utf-8").replace("  ", "    ", 3),
        encoding="utf-8",
    )
    plans = tmp_path / "repo" / "plans"
    plans.mkdir(parents=True)
    shutil.copy(SCHOOL, plans / "a.yaml")
    (plans / "linked-folder").symlink_to(outside, target_is_directory=True)
    (plans / "linked.yaml").symlink_to(outside / "secret.yaml")
    return plans, outside


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--format", "json"],
        ["status", "--format", "json", "--as-of", "2026-06-01"],
        ["report", "--format", "json", "--as-of", "2026-06-01"],
        ["fmt"],
        ["check", "--fix"],
    ],
)
def test_directory_walks_do_not_follow_links_out_of_the_tree(tree_with_links, command):
    plans, outside = tree_with_links
    before = tree_hashes(outside)
    result = run_cli(*command, plans)
    assert result.exit_code in (0, 1), result.output
    assert "secret" not in result.output
    assert "outside" not in result.output
    assert tree_hashes(outside) == before


def test_a_link_inside_the_tree_is_followed(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(SCHOOL, plans / "a.yaml")
    (plans / "b.yaml").symlink_to(plans / "a.yaml")
    result = run_cli("check", "--format", "json", plans)
    assert "b.yaml" in result.output


ODD = "工会 计划 2026 (草稿)"


@pytest.fixture
def odd(tmp_path):
    folder = tmp_path / f"{ODD} 文件夹"
    folder.mkdir()
    plan = folder / f"{ODD}.yaml"
    shutil.copy(SCHOOL, plan)
    return plan


def _ok(*args):
    result = run_cli(*args)
    assert result.exit_code in (0, 1), (args, result.output)
    assert "internal error" not in result.output
    return result


def test_paths_with_spaces_and_chinese_work_for_every_command(odd):
    folder = odd.parent
    for fmt in ("md", "html", "docx"):
        _ok("render", odd, "-f", fmt)
        assert (folder / f"{ODD}.{fmt}").stat().st_size > 0
    _ok("render", odd, "--summary", "-f", "md", "-o", folder / "总结 2026.md")
    _ok("check", odd)
    _ok("check", folder, "--format", "sarif")
    _ok("status", folder, "--as-of", "2026-06-01")
    _ok("diff", odd, odd)
    for fmt in ("ics", "xlsx", "csv"):
        _ok("export", odd, "-f", fmt, "-o", folder / f"台账 导出.{fmt}")
        assert (folder / f"台账 导出.{fmt}").stat().st_size > 0
    _ok("report", folder, "-o", folder / "汇总 报告.html", "--with-plans", "--as-of", "2026-06-01")
    assert (folder / "汇总 报告.html").exists()
    _ok("import", folder / f"{ODD}.md", "-o", folder / "导入 结果.yaml")
    _ok("check", folder / "导入 结果.yaml")
    _ok("import", folder / f"{ODD}.docx", "-o", folder / "导入 Word.yaml")
    _ok(
        "new",
        folder / "新 计划.yaml",
        "--org",
        "某 工会",
        "--year",
        "2026",
        "--no-input",
        "--kind",
        "school",
    )
    _ok("new", folder / "明年 计划.yaml", "--from", odd, "--year", "2027")
    _ok("set", odd, "congress", "--status", "done", "--date", "2026-03-20")
    _ok("fmt", odd)
    _ok("rubrics", "show", "five-ones-school")
    _ok("schema", "-o", folder / "模式 schema.json")
    assert (folder / "模式 schema.json").exists()
