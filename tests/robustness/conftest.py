"""The closing note of a test run: how many cases each robustness suite ran."""

from __future__ import annotations

from typing import Any

from robustness_helpers import CASES_RUN


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CASES_RUN:
        terminalreporter.write_sep("-", "robustness cases run")
        for suite, count in sorted(CASES_RUN.items()):
            terminalreporter.write_line(f"{suite}: {count:,}")
