"""Shared test helpers: run the CLI in-process, find the repository's folders."""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

# Every test, and every planforge process a test starts, uses a cache folder of its own
# run: nothing from the user's ~/.cache/planforge, and the user's cache left alone.
os.environ["PLANFORGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="planforge-test-cache-")
atexit.register(shutil.rmtree, os.environ["PLANFORGE_CACHE_DIR"], ignore_errors=True)

# Hypothesis: the `ci` profile (the default) is derandomised, so every run draws the same
# cases and a test passes or fails alike on every machine; `HYPOTHESIS_PROFILE=long` runs
# ten times the examples from fresh random draws, to look for new failures on request.
CI_EXAMPLES = 100
LONG_FACTOR = 10


def _register_hypothesis_profiles() -> None:
    from hypothesis import settings

    settings.register_profile(
        "ci",
        derandomize=True,
        database=None,
        deadline=None,
        max_examples=CI_EXAMPLES,
        print_blob=True,
    )
    settings.register_profile(
        "long", deadline=None, max_examples=CI_EXAMPLES * LONG_FACTOR, print_blob=True
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_register_hypothesis_profiles()


def examples(count: int) -> int:
    """A test's number of examples under the `ci` profile, scaled by the loaded profile
    (`long` runs ten times as many)."""
    from hypothesis import settings

    return count * settings.default.max_examples // CI_EXAMPLES


ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


def load_script(path: Path) -> ModuleType:
    """A script of benchmarks/ imported as a module, for its functions to be tested."""
    name = "bench_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


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
    import sys

    from typer.testing import CliRunner

    from planforge.cli import main

    with CliRunner().isolation() as (stdout, stderr, _output):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return Result(code, stdout.getvalue().decode(), stderr.getvalue().decode())


@pytest.fixture
def cli():
    return run_cli


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of the test's own, with the cache switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANFORGE_CACHE_DIR", str(folder))
    monkeypatch.delenv("PLANFORGE_NO_CACHE", raising=False)
    return folder
