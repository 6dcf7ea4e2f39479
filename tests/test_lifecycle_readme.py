"""The README's "Through the year" commands run as written."""

from __future__ import annotations

import re
import shlex
import shutil

from conftest import EXAMPLES, ROOT, run_cli

COMMANDS = ("status", "set", "new", "fmt", "diff", "export")


def test_readme_lifecycle_commands_run(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Through the year", 1)[1].split("\n## ", 1)[0]
    lines = re.findall(r"^planforge (.+?)(?:\s+#.*)?$", section, flags=re.M)
    assert {shlex.split(line)[0] for line in lines} == set(COMMANDS)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    shutil.copy(EXAMPLES / "school-2026.zh.yaml", tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    for line in lines:
        result = run_cli(*shlex.split(line))
        assert result.exit_code == 0, f"planforge {line}: {result.output}"
    for output in ("next.yaml", "plan.ics", "ledger.xlsx"):
        assert (tmp_path / output).stat().st_size > 0
    assert run_cli("fmt", "--check", "plan.yaml").exit_code == 0
