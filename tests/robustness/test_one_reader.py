"""One reader: every command that reads a plan reports the same located error as `check`
for the same damaged file, or succeeds where `check` does.

The writing commands (`fmt`, `fmt --check`, `set`, `render`, `new --from`) read through the
round-trip loader as well as the checking one; the reading ones (`status`, `diff`,
`export`) through the checking one only. Each runs in-process through the CLI's entry
point on its own copy of every damaged example in the fixed list `mutations.CASES`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from robustness.mutations import CASES, EXAMPLES, Case, located_errors


def first_task_id(path: Path) -> str:
    from planforge.validate import load_plan

    return next(task.id for _, task in load_plan(path).leaves())


def commands(path: Path, task_id: str) -> dict[str, list[str | Path]]:
    out = path.parent
    return {
        "fmt --check": ["fmt", "--check", path],
        "fmt": ["fmt", path],
        "set": ["set", path, task_id, "--status", "in_progress"],
        "render": ["render", path, "-f", "md", "-o", out / "plan.md"],
        "new --from": ["new", "--from", path, "--year", "2099", out / "next.yaml"],
        "status": ["status", path],
        "diff": ["diff", path, path],
        "export": ["export", path, "-f", "csv", "-o", out / "ledger.csv"],
    }


COMMANDS = list(commands(Path("plan.yaml"), "t"))


def _copy(case: Case, folder: Path) -> Path:
    folder.mkdir()
    path = folder / case.name
    path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_command_reports_what_check_reports(case: Case, tmp_path: Path) -> None:
    checked = _copy(case, tmp_path / "check")
    check = run_cli("check", checked)
    assert check.exit_code in (0, 1, 2), check.output
    expected = located_errors(check.output, checked)
    if check.exit_code == 2:
        assert expected, f"check gave no located error:\n{check.output}"
    task_id = first_task_id(checked) if check.exit_code != 2 else "no-such-task"
    for command in COMMANDS:
        path = _copy(case, tmp_path / command.replace(" ", "_").replace("-", ""))
        result = run_cli(*commands(path, task_id)[command])
        assert "internal error" not in result.output, (command, result.output)
        if check.exit_code == 2:
            assert result.exit_code == 2, (command, result.output)
            assert located_errors(result.output, path) == expected, (command, result.output)
        else:
            ok = (0, 1) if command == "fmt --check" else (0,)
            assert result.exit_code in ok, (command, result.output)


def test_the_fixed_list_is_the_same_in_every_run() -> None:
    """The cases come from seeds, not from the run: rebuilding them gives the same bytes."""
    from robustness.mutations import SEEDS, _seeded_cases

    assert _seeded_cases(SEEDS) == CASES[-SEEDS:]
    assert {c.name for c in CASES} == set(EXAMPLES)


def test_the_fixed_list_reaches_errors_and_clean_results() -> None:
    """The damage is varied: some cases load (check succeeds) and some do not."""
    from planforge.errors import InputError
    from planforge.load import parse
    from planforge.read import decode_source
    from planforge.validate import validate

    loaded = 0
    for case in CASES:
        try:
            validate(parse(decode_source(case.data, case.name), case.name))
            loaded += 1
        except InputError:
            pass
    assert 0 < loaded < len(CASES)
