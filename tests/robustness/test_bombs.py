"""Resource bombs against the loader: refused or handled within bounded memory.

Each runs `planforge check` in a child process under a generous CPU-time limit (a guard
against a hang, not a speed test: benchmarks/limits.py measures the time of each bomb)
and bounds the child's peak memory, which does not depend on how busy the machine is.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from robustness_helpers import count_case

PLAN_HEAD = "organisation: 测试工会\nyear: 2026\n"


CPU_SECONDS = 60  # a hang guard: each bomb takes well under a second (benchmarks/limits.py)
PEAK_MB = 300  # a real plan takes about 60 MB; an unbounded parse of these takes gigabytes


def _limit_cpu() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_check(path: Path, **env: str) -> tuple[int, str, float]:
    """Exit code, output and peak resident memory (MB) of `planforge check PATH`."""
    count_case("bombs")
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "planforge", "check", str(path)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **env},
            preexec_fn=_limit_cpu,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return proc.returncode, output, usage.ru_maxrss / 1024  # KB on Linux


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("laughs", billion_laughs(), "alias bomb"),
        ("deep-flow", "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nests brackets"),
        (
            "deep-block",
            "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "v\n",
            "nested more than",
        ),
    ],
)
def test_bomb_is_refused_within_bounded_memory(tmp_path, name, content, expected):
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    code, output, peak_mb = run_check(path)
    assert code == 2, output
    assert expected in output
    assert "Traceback" not in output
    assert peak_mb < PEAK_MB, peak_mb


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(PLAN_HEAD + "ideology: " + "中" * 800_000 + "\n", encoding="utf-8")
    code, output, _ = run_check(path, PLANFORGE_MAX_FILE_MB="1")
    assert code == 2
    assert "limited to 1 MB" in output
    assert "PLANFORGE_MAX_FILE_MB" in output


def test_a_ten_megabyte_line_is_handled(tmp_path):
    path = tmp_path / "line.yaml"
    path.write_text(PLAN_HEAD + "ideology: " + "中" * 3_400_000 + "\n", encoding="utf-8")
    code, output, peak_mb = run_check(path)
    assert code in (0, 1), output
    assert "Traceback" not in output
    assert peak_mb < PEAK_MB, peak_mb


def many_tasks(count: int) -> str:
    return (
        PLAN_HEAD
        + "tasks:\n"
        + "".join(f"  - id: t{i}\n    title: 任务{i}\n" for i in range(count))
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tasks", many_tasks(100_000)),
        ("flow", PLAN_HEAD + "ideology: [" + "1," * 3_000_000 + "1]\n"),
    ],
)
def test_a_document_over_the_node_limit_is_refused_before_composing(tmp_path, name, content):
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    code, output, peak_mb = run_check(path)
    assert code == 2, output
    assert "more than 200,000 values" in output
    assert "PLANFORGE_MAX_NODES" in output
    assert peak_mb < PEAK_MB  # refused before composing: 100,000 tasks composed take more


@pytest.mark.parametrize("tasks", [300, 3000])
def test_the_node_limit_is_configurable(monkeypatch, tasks):
    from planforge.errors import InputError
    from planforge.load import parse

    text = many_tasks(tasks)
    assert parse(text).data["tasks"][tasks - 1]["id"] == f"t{tasks - 1}"
    monkeypatch.setenv("PLANFORGE_MAX_NODES", str(tasks))
    with pytest.raises(InputError, match=f"more than {tasks:,} values"):
        parse(text)
