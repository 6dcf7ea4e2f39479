"""How long `planforge report` takes over a federation's repository, against `planforge
check` on the same corpus in the same run, and how much memory it needs.

Builds a corpus with `benchmarks/make_corpus.py` (2,000 plans of 48 tasks by default),
then, alternating the commands, times each over all of it:

- `planforge check DIR -q` (what a CI job runs; the reference);
- `planforge report DIR -o report.html` (every plan loaded, linted, scored and placed in
  the table, heat-maps and charts), and the same with `-o report.json` and `.xlsx`.

The best of `--runs` times counts. Memory is measured on the whole process tree (the
command and its workers): the largest resident set of any one process (from `wait4`),
and the largest sum of proportional set sizes (PSS, shared pages split between the
processes sharing them) sampled from /proc every 50 ms. This script stays small, so the
workers it starts are not charged for it. Targets: report within 1.3x of check, the
tree under 200 MB.

    python benchmarks/report.py [--files 2000] [--tasks 48] [--runs 3] [--corpus DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from make_corpus import corpus_in_subprocess

TIME_RATIO = 1.3
MEMORY_LIMIT_MB = 200.0
AS_OF = "2026-09-30"


def planforge() -> str:
    local = Path(sys.executable).parent / "planforge"
    if not local.exists():
        sys.exit("planforge is not installed in this environment")
    return str(local)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kib(root: int) -> int:
    """The summed PSS of `root` and all its descendants, now."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kib(pid)
        todo += _children(pid)
    return total


def measure(cmd: list[str]) -> dict[str, float]:
    """Wall time, the largest single-process RSS and the largest tree PSS of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_pss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": elapsed,
        "max_rss_mb": usage.ru_maxrss / 1024,
        "tree_pss_mb": peak[0] / 1024,
        "exit_code": process.returncode,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=48)
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the best counts")
    parser.add_argument("--corpus", type=Path, help="reuse (or build) the corpus here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    exe = planforge()
    with tempfile.TemporaryDirectory(prefix="planforge-report-bench-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if corpus.is_dir() and any(corpus.rglob("*.yaml")):
            plans = sorted(corpus.rglob("*.yaml"))
        else:
            plans = corpus_in_subprocess(corpus, args.files, args.tasks)
        out = Path(tmp)
        commands = {
            "check": [exe, "check", str(corpus), "-q"],
            "report html": [
                exe,
                "report",
                str(corpus),
                "--as-of",
                AS_OF,
                "-o",
                str(out / "report.html"),
            ],
            "report json": [
                exe,
                "report",
                str(corpus),
                "--as-of",
                AS_OF,
                "-o",
                str(out / "report.json"),
            ],
            "report xlsx": [
                exe,
                "report",
                str(corpus),
                "--as-of",
                AS_OF,
                "-o",
                str(out / "report.xlsx"),
            ],
        }
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for run in range(args.runs):  # alternate, so a busy machine slows all alike
            for name, cmd in commands.items():
                sys.stderr.write(f"run {run + 1}/{args.runs}: {name} ...\n")
                runs[name].append(measure(cmd))
        sizes = {
            name: (out / f"report.{name.split()[1]}").stat().st_size
            for name in commands
            if name.startswith("report")
        }
    results = {
        name: {
            "seconds": round(min(r["seconds"] for r in rs), 2),
            "max_rss_mb": round(max(r["max_rss_mb"] for r in rs), 1),
            "tree_pss_mb": round(max(r["tree_pss_mb"] for r in rs), 1),
            "exit_code": int(max(r["exit_code"] for r in rs)),
        }
        for name, rs in runs.items()
    }
    check = results["check"]["seconds"]
    ratios = {
        name: round(r["seconds"] / check, 2) for name, r in results.items() if name != "check"
    }
    met = all(v <= TIME_RATIO for v in ratios.values()) and all(
        r["tree_pss_mb"] < MEMORY_LIMIT_MB and r["max_rss_mb"] < MEMORY_LIMIT_MB
        for name, r in results.items()
        if name != "check"
    )
    failed = [
        name for name, rs in runs.items() if name != "check" and any(r["exit_code"] for r in rs)
    ]
    if failed:  # a report that failed fast is not a fast report
        met = False
        sys.stderr.write(f"failed: {', '.join(failed)}\n")
    figures = {
        "files": len(plans),
        "tasks_per_file": args.tasks,
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "results": results,
        "ratio_to_check": ratios,
        "output_bytes": sizes,
        "targets": {"time": f"<= {TIME_RATIO}x check", "memory": f"< {MEMORY_LIMIT_MB:.0f} MB"},
        "targets_met": met,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if met else 1
    print(
        f"{len(plans)} plans ({args.tasks} tasks each), {os.cpu_count()} CPUs, best of {args.runs}"
    )
    print(
        f"{'command':<14} {'time':>8} {'x check':>8} {'max RSS':>9} {'tree PSS':>9} "
        f"{'size':>10} {'exit':>5}"
    )
    for name, r in results.items():
        ratio = f"{ratios[name]:.2f}" if name in ratios else ""
        size = f"{sizes[name] / 1e6:.1f} MB" if name in sizes else ""
        print(
            f"{name:<14} {r['seconds']:>7.2f}s {ratio:>8} {r['max_rss_mb']:>7.1f}MB "
            f"{r['tree_pss_mb']:>7.1f}MB {size:>10} {r['exit_code']:>5}"
        )
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
