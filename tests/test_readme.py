"""The README is the users' contract: its commands and options exist, its rules are linked."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[list[str]]:
    """Every `planforge …` invocation in the README's shell blocks, as argument lists."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.split(" #")[0].strip()
                if part.startswith("planforge "):
                    commands.append(shlex.split(part)[1:])
    return commands


COMMANDS = readme_commands()


def test_readme_has_the_two_setup_commands():
    assert "pip install . && planforge render examples/school-2026.zh.yaml --format docx" in README
    assert "pip install '.[test]' && python -m pytest" in README
    assert (ROOT / "examples" / "school-2026.zh.yaml").is_file()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:60])
def test_each_readme_command_and_option_exists(args):
    command = args[0]
    result = run_cli(command, "--help")
    assert result.exit_code == 0, f"planforge {command} is not a command"
    for option in (a.split("=")[0] for a in args[1:] if a.startswith("--")):
        assert option in result.stdout, f"planforge {command} has no option {option}"


def test_every_rule_is_linked_from_the_readme():
    from planforge.check.run import rule_infos

    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id in rule_infos():
        assert f"(docs/rules.md#{rule_id})" in README, rule_id
        assert f"## {rule_id}\n" in rules_doc, rule_id


def test_linked_docs_exist():
    for target in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (ROOT / target).is_file(), target
