"""Start-up time of `planforge --version`, `--help` and `check` of one example, against a
bare interpreter.

Runs each command many times in one run, interleaved, and prints the median wall time and
its ratio to `python -c pass`. Targets: --version within 3x, --help within 7x, `check` of
one example within 12x (the command pre-commit runs on every commit). `check` runs as it
does on a commit that did not touch the file (its result is in the cache, as ruff keeps
one) and, for comparison, with `--no-cache` (linted afresh: the first run after an edit).
The cache is a temporary folder of this run's.

    python benchmarks/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"--version": 3.0, "--help": 7.0, "check": 12.0}
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "school-2026.zh.yaml"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    entry = shutil.which("planforge")
    planforge = [entry] if entry else [sys.executable, "-m", "planforge"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "planforge --version": [*planforge, "--version"],
        "planforge --help": [*planforge, "--help"],
        "planforge check": [*planforge, "check", str(EXAMPLE)],
        "  check --no-cache": [*planforge, "check", "--no-cache", str(EXAMPLE)],
    }
    os.environ["PLANFORGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="planforge-bench-")
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm the file cache
        timed(cmd)
    for _ in range(args.runs):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
    base = statistics.median(samples["python -c pass"])
    print(f"{'command':<22}{'median ms':>10}{'ratio':>8}{'target':>8}")
    failed = False
    for name, values in samples.items():
        median = statistics.median(values)
        ratio = median / base
        flag = name.split()[1] if name.startswith("planforge") else ""
        target = TARGETS.get(flag)
        ok = target is None or ratio <= target
        failed |= not ok
        shown = f"{target:.0f}x" if target else ""
        print(f"{name:<22}{median * 1000:>10.1f}{ratio:>7.1f}x{shown:>8}{'' if ok else '  MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
