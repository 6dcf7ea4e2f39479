"""Every command on every example leaves the sources as they were (by hash), except the
commands that exist to change a source: `set`, `fmt` and `new --from` change only the file
they are meant to."""

from __future__ import annotations

import shutil

import pytest

from conftest import example_files, run_cli
from robustness_helpers import tree_hashes


@pytest.fixture
def workspace(tmp_path):
    """Copies of the examples in `src/`; outputs go to `out/`."""
    src = tmp_path / "src"
    src.mkdir()
    for path in example_files():
        shutil.copy(path, src / path.name)
    (tmp_path / "out").mkdir()
    return src, tmp_path / "out"


def read_only_commands(src, out):
    """Each command and option family that reads sources and writes elsewhere."""
    plans = sorted(src.glob("*.yaml"))
    for plan in plans:
        stem = plan.name.split(".")[0]
        for fmt in ("md", "html", "docx"):
            yield ["render", plan, "-f", fmt, "-o", out / f"{stem}.{fmt}"]
            yield ["render", plan, "-f", fmt, "--summary", "-o", out / f"{stem}.s.{fmt}"]
        yield ["render", plan, "-f", "md", "-o", "-"]
        for fmt in ("ics", "xlsx", "csv"):
            yield ["export", plan, "-f", fmt, "-o", out / f"{stem}.{fmt}"]
        yield ["status", plan, "--as-of", "2026-06-30"]
        yield ["diff", plan, plans[0]]
        yield ["fmt", "--check", plan]
        yield ["check", "--diff", plan]
        yield ["import", out / f"{stem}.md", "-o", out / f"{stem}.imported.yaml", "--force"]
        yield ["import", out / f"{stem}.docx", "-o", out / f"{stem}.docx.yaml", "--force"]
    for fmt in ("text", "json", "sarif", "github", "junit"):
        yield ["check", src, "--format", fmt]
    yield ["check", src, "--write-baseline", out / "baseline.json"]
    yield ["check", src, "--baseline", out / "baseline.json"]
    yield ["check", src, "--rubric", "five-ones-school"]
    yield ["status", src, "--format", "md", "--as-of", "2026-06-30"]
    for name in ("report.html", "report.xlsx", "report.json"):
        yield ["report", src, "-o", out / name, "--as-of", "2026-06-30"]
    yield ["report", src, "-o", out / "with-plans" / "report.html", "--with-plans"]
    yield ["schema", "-o", out / "schema.json"]
    yield ["rubrics"]
    yield ["rules"]
    yield [
        "new",
        out / "new.yaml",
        "--no-input",
        "--org",
        "工会",
        "--year",
        "2026",
        "--kind",
        "school",
    ]


def test_no_command_changes_a_source(workspace):
    src, out = workspace
    before = tree_hashes(src)
    runs = 0
    for args in read_only_commands(src, out):
        result = run_cli(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "internal error" not in result.output
        assert tree_hashes(src) == before, f"{args} changed a source"
        runs += 1
    assert runs > 50
    assert not (set(tree_hashes(out)) & set(before))  # nothing landed next to the sources


def test_set_fmt_and_new_from_change_only_their_file(workspace):
    src, _ = workspace
    school = src / "school-2026.zh.yaml"
    text = school.read_text(encoding="utf-8")  # something for fmt to do: keys out of order
    school.write_text(
        text.replace("year: 2026\nlanguage: zh\n", "language: zh\nyear: 2026\n"), encoding="utf-8"
    )
    cases = [
        (["set", school, "congress", "--status", "done", "--result", "开完了"], school),
        (["fmt", school], school),
        (["new", src / "school-2027.zh.yaml", "--from", school, "--year", "2027"], None),
    ]
    for args, target in cases:
        before = tree_hashes(src)
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.output)
        after = tree_hashes(src)
        changed = {name for name in after if before.get(name) != after[name]}
        if target is None:  # new --from adds one file and changes none
            assert changed == {"school-2027.zh.yaml"}, args
        else:
            assert changed == {target.name}, args
