"""Linter configuration: discovery upwards, the three file forms, overrides, ignores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from check_helpers import plan_with, task, use_fake_engine
from conftest import run_cli
from planforge.config import discover_config, load_config
from planforge.errors import UsageError

FINDINGS = plan_with(task("t3", "XX活动,会议"))


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    use_fake_engine(monkeypatch)
    (tmp_path / "plans" / "drafts").mkdir(parents=True)
    (tmp_path / "plans" / "a.yaml").write_text(FINDINGS, "utf-8")
    (tmp_path / "plans" / "drafts" / "b.yaml").write_text(FINDINGS, "utf-8")
    return tmp_path


def rules_found(result_stdout: str) -> list[tuple[str, str, str]]:
    data = json.loads(result_stdout)
    return [(f["path"], f["rule"], f["severity"]) for f in data["findings"]]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".planforge.yaml", "rules:\n  fake-placeholder: off\n  fake-comma: warning\n"),
        ("planforge.toml", "[rules]\nfake-placeholder = 'off'\nfake-comma = 'warning'\n"),
        (
            "pyproject.toml",
            "[project]\nname = 'x'\n\n[tool.planforge.rules]\n"
            "fake-placeholder = 'off'\nfake-comma = 'warning'\n",
        ),
    ],
)
def test_config_is_discovered_from_the_working_folder_upwards(
    repo: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    (repo / name).write_text(text, "utf-8")
    monkeypatch.chdir(repo / "plans" / "drafts")
    result = run_cli("check", "b.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    assert rules_found(result.stdout) == [("b.yaml", "fake-comma", "warning")]


def test_a_pyproject_without_the_table_is_passed_over(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".planforge.yaml").write_text("rules: {fake-comma: off}\n", "utf-8")
    (repo / "plans" / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    monkeypatch.chdir(repo / "plans")
    config = discover_config()
    assert config.source == str(repo / ".planforge.yaml")
    assert config.root == repo


def test_overrides_and_ignore_globs_are_relative_to_the_config(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".planforge.yaml").write_text(
        "rules:\n  fake-comma: off\n"
        "overrides:\n  - files: ['plans/drafts/**']\n    rules: {fake-comma: on, fake-placeholder: off}\n",
        "utf-8",
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "plans", "-f", "json")
    assert rules_found(result.stdout) == [
        ("plans/a.yaml", "fake-placeholder", "warning"),
        ("plans/drafts/b.yaml", "fake-comma", "error"),
    ]
    (repo / ".planforge.yaml").write_text("ignore: [drafts/]\n", "utf-8")
    result = run_cli("check", "plans", "-f", "json")
    assert {f["path"] for f in json.loads(result.stdout)["files"]} == {"plans/a.yaml"}
    (repo / ".planforge.yaml").write_text("ignore: ['plans/*.yaml']\n", "utf-8")
    result = run_cli("check", "plans", "-f", "json")
    assert {f["path"] for f in json.loads(result.stdout)["files"]} == {"plans/drafts/b.yaml"}


def test_explicit_config_wins_and_extends_another(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".planforge.yaml").write_text(
        "rules: {fake-comma: off, fake-placeholder: off}\n", "utf-8"
    )
    (repo / "base.yaml").write_text("rules: {fake-placeholder: error}\n", "utf-8")
    (repo / "ci.yaml").write_text("extends: base.yaml\nrules: {fake-comma: info}\n", "utf-8")
    monkeypatch.chdir(repo)
    result = run_cli("check", "plans/a.yaml", "--config", "ci.yaml", "-f", "json")
    assert result.exit_code == 1
    assert rules_found(result.stdout) == [
        ("plans/a.yaml", "fake-placeholder", "error"),
        ("plans/a.yaml", "fake-comma", "info"),
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("rules:\n  fake-comma: loud\n", "expected error, warning, info or off", 2),
        ("rules:\n  fake-coma: off\n", "unknown rule 'fake-coma'", 2),
        ("rulez: {}\n", "unknown setting 'rulez'", 1),
        ("rules:\n  task-owner-mising: off\n", "unknown rule 'task-owner-mising'", 2),
        (
            "overrides:\n  - files: [a/*]\n    rules:\n      no-such-rule: warning\n",
            "unknown rule 'no-such-rule'",
            4,
        ),
        ("ignore: 3\n", "'ignore' must be a list", 1),
        ("overrides:\n  - rules: {}\n", "an override is a mapping with 'files'", 2),
        ("rules: [\n", "YAML syntax error", None),
        ("extends: me.yaml\n", "extends itself", None),
    ],
)
def test_a_bad_config_exits_2_with_its_location(
    repo: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str, line: int | None
) -> None:
    (repo / "me.yaml").write_text(text, "utf-8")
    monkeypatch.chdir(repo)
    result = run_cli("check", "plans", "--config", "me.yaml")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    if line is not None:
        with pytest.raises(UsageError) as info:
            load_config(repo / "me.yaml")
        location = info.value.problems[0].location
        assert location is not None and location.line == line


def test_bad_toml_exits_2(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "planforge.toml").write_text("[rules\n", "utf-8")
    monkeypatch.chdir(repo)
    result = run_cli("check", "plans")
    assert result.exit_code == 2
    assert "not valid TOML" in result.stderr


def test_missing_config_file_exits_2(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert run_cli("check", "plans", "--config", "nope.yaml").exit_code == 2


@pytest.mark.parametrize(
    ("rel", "pattern", "matches"),
    [
        ("plans/a.yaml", "plans/*.yaml", True),
        ("plans/drafts/b.yaml", "plans/*.yaml", False),
        ("plans/drafts/b.yaml", "plans/**/*.yaml", True),
        ("plans/drafts/b.yaml", "drafts/", True),
        ("plans/drafts/b.yaml", "plans/drafts", True),
        ("plans/draftsx/b.yaml", "plans/drafts", False),
        ("x/y/z.bak.yaml", "*.bak.yaml", True),
        ("x/y/z.yaml", "*.bak.yaml", False),
        ("a.yaml", "**/a.yaml", True),
        ("p1.yaml", "p[0-9].yaml", True),
    ],
)
def test_ignore_globs_follow_gitignore(rel: str, pattern: str, matches: bool) -> None:
    from planforge.config import _glob_match

    assert _glob_match(rel, pattern) is matches


def test_a_misspelt_rule_id_gets_the_nearest_rule_as_a_hint(repo: Path) -> None:
    (repo / "me.yaml").write_text("rules:\n  task-no-ownr: off\n", "utf-8")
    with pytest.raises(UsageError) as info:
        load_config(repo / "me.yaml")
    (problem,) = info.value.problems
    assert problem.message == "unknown rule 'task-no-ownr'"
    assert problem.hint is not None and problem.hint.startswith("did you mean 'task-no-owner'?")
    assert problem.location is not None and (problem.location.line, problem.location.col) == (2, 3)
