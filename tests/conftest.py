"""Shared test helpers: run the CLI in-process, find the repository's folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path) -> Result:
    """Run `planforge ARGS` in-process through the real entry point; capture everything."""
    from typer.testing import CliRunner

    from planforge.cli import build_app

    runner = CliRunner()
    result = runner.invoke(build_app(), [str(a) for a in args], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return run_cli


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))
