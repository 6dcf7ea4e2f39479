"""How fast `planforge check` lints a federation's repository, against yamllint and
check-jsonschema on the same files, in one run.

Builds a corpus with `benchmarks/make_corpus.py` (2,000 plans of 48 tasks by default),
then times each tool over all of it:

- `planforge check DIR -j N -q --no-cache` (validation, every rule, the plans' rubrics,
  every file linted afresh, as on the first run or after every file changed);
- `planforge check DIR -j N -q` again with its cache filled (the usual CI or pre-commit
  run: the files unchanged since the last run are reported from the cache);
- `yamllint -d relaxed DIR` (YAML syntax and style only);
- `check-jsonschema --schemafile SCHEMA FILE...` with planforge's own schema.

Each command runs `--runs` times (the best time counts); peak memory is the largest
resident set of any process the command started. Targets: planforge at least 10× faster
than yamllint and 2.5× faster than check-jsonschema with 2 workers, under 150 MB.

    python benchmarks/check.py [--files 2000] [--tasks 48] [--jobs 2] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_corpus import corpus_in_subprocess

TARGETS = {"yamllint": 10.0, "check-jsonschema": 2.5}
MEMORY_LIMIT_MB = 150.0

# Run a command and print its wall time and the peak RSS of its processes (in KiB).
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def tool(name: str) -> str | None:
    """A tool in the interpreter's own bin folder first (the venv), then on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def measure(cmd: list[str], runs: int) -> tuple[float, float, int]:
    """Best wall time (s), peak memory (MB) and the exit code of `cmd` over `runs` runs."""
    best, peak, code = float("inf"), 0.0, 0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True
        ).stdout.split()
        elapsed, rss_kib, code = float(out[0]), int(out[1]), int(out[2])
        best = min(best, elapsed)
        peak = max(peak, rss_kib / 1024)
    return best, peak, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=48)
    parser.add_argument("--jobs", type=int, default=2, help="planforge worker processes")
    parser.add_argument("--runs", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument("--corpus", type=Path, help="reuse (or build) the corpus here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    planforge = tool("planforge")
    if planforge is None:
        sys.exit("planforge is not installed in this environment")
    with tempfile.TemporaryDirectory(prefix="planforge-bench-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if corpus.is_dir() and any(corpus.rglob("*.yaml")):
            plans = sorted(corpus.rglob("*.yaml"))
        else:
            started = time.perf_counter()
            plans = corpus_in_subprocess(corpus, args.files, args.tasks)
            sys.stderr.write(f"built {len(plans)} plans in {time.perf_counter() - started:.1f} s\n")
        schema = Path(tmp) / "plan.schema.json"
        subprocess.run([planforge, "schema", "-o", str(schema)], check=True)
        size_mb = sum(p.stat().st_size for p in plans) / 1e6
        os.environ["PLANFORGE_CACHE_DIR"] = str(Path(tmp) / "cache")
        afresh = [planforge, "check", str(corpus), "-q", "--no-cache"]
        commands = {
            f"planforge check -j {args.jobs}": [*afresh, "-j", str(args.jobs)],
            "planforge check -j 1": [*afresh, "-j", "1"],
            f"planforge check -j {args.jobs}, unchanged files (cached)": [
                planforge, "check", str(corpus), "-q", "-j", str(args.jobs)
            ],
        }  # fmt: skip
        yamllint = tool("yamllint")
        if yamllint:
            commands["yamllint"] = [yamllint, "-d", "relaxed", str(corpus)]
        check_jsonschema = tool("check-jsonschema")
        if check_jsonschema:
            commands["check-jsonschema"] = [
                check_jsonschema,
                "--schemafile",
                str(schema),
                *map(str, plans),
            ]
        results = {}
        for name, cmd in commands.items():
            sys.stderr.write(f"timing {name} ...\n")
            seconds, peak_mb, code = measure(cmd, args.runs)
            results[name] = {
                "seconds": round(seconds, 3),
                "peak_mb": round(peak_mb, 1),
                "exit_code": code,
            }
    main_name = f"planforge check -j {args.jobs}"
    ours = results[main_name]["seconds"]
    ratios = {
        other: round(results[other]["seconds"] / ours, 2) for other in TARGETS if other in results
    }
    report = {
        "files": len(plans),
        "tasks_per_file": args.tasks,
        "corpus_mb": round(size_mb, 1),
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "results": results,
        "speedup": ratios,
        "targets": {
            **{f"vs {k}": f">= {v}x" for k, v in TARGETS.items()},
            "peak memory": f"< {MEMORY_LIMIT_MB:.0f} MB",
        },
    }
    met = all(ratios.get(k, 0) >= v for k, v in TARGETS.items() if k in ratios) and (
        results[main_name]["peak_mb"] < MEMORY_LIMIT_MB
    )
    if args.json:
        print(json.dumps({**report, "targets_met": met}, indent=2))
        return 0 if met else 1
    print(
        f"{len(plans)} plans ({args.tasks} tasks each, {size_mb:.1f} MB), "
        f"{os.cpu_count()} CPUs, best of {args.runs}"
    )
    print(f"{'command':<28} {'time':>9} {'peak RSS':>10} {'exit':>5}")
    for name, r in results.items():
        print(f"{name:<28} {r['seconds']:>8.2f}s {r['peak_mb']:>8.1f}MB {r['exit_code']:>5}")
    for other, ratio in ratios.items():
        print(f"{main_name} is {ratio}x faster than {other} (target {TARGETS[other]}x)")
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
