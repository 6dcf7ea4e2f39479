"""How fast `planforge render` writes the 300-task plan as DOCX, Markdown and HTML, with
pandoc converting the same plan's Markdown to DOCX in the same run for comparison.

Builds the plan with `benchmarks/make_corpus.py --tasks 300`, then times:

- the whole process, `planforge render big.yaml --format F -o OUT` (best of `--runs`);
- in process, the rendering stage alone (context → document bytes), plan already loaded;
- `pandoc big.md -o big.pandoc.docx` when pandoc is installed (same content, whole process).

Targets: DOCX under 0.5× pandoc's time and under 300 ms for the whole process; Markdown
and HTML under 100 ms.

    python benchmarks/render.py [--tasks 300] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FORMATS = ("docx", "md", "html")
TARGET_MS = {"docx": 300.0, "md": 100.0, "html": 100.0}


def best_of(runs: int, command: list[str]) -> float:
    """The shortest wall-clock time of `command` over `runs` runs, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def in_process(source: Path, runs: int) -> dict[str, float]:
    """Milliseconds of the rendering stage alone (context and document), per format."""
    from planforge.check.run import load_plan
    from planforge.render.context import plan_context
    from planforge.render.run import render_document

    plan = load_plan(source)
    out: dict[str, float] = {}
    for fmt in FORMATS:
        render_document(plan_context(plan), fmt)  # warm: imports, templates, profile
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            render_document(plan_context(plan), fmt)
            best = min(best, (time.perf_counter() - start) * 1000)
        out[fmt] = best
    return out


def measure(tasks: int, runs: int) -> dict[str, Any]:
    planforge = shutil.which("planforge") or str(Path(sys.executable).with_name("planforge"))
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory(prefix="planforge-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "big.yaml"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                "--tasks",
                str(tasks),
                "--out",
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        whole = {}
        sizes = {}
        for fmt in FORMATS:
            out = folder / f"big.{fmt}"
            whole[fmt] = best_of(
                runs, [planforge, "render", str(source), "--format", fmt, "-o", str(out)]
            )
            sizes[fmt] = out.stat().st_size
        startup = best_of(runs, [planforge, "--version"])
        stage = in_process(source, runs)
        result: dict[str, Any] = {
            "tasks": tasks,
            "whole_process_ms": whole,
            "render_stage_ms": stage,
            "startup_ms": startup,
            "bytes": sizes,
            "pandoc_ms": None,
        }
        if pandoc:
            result["pandoc_ms"] = best_of(
                runs,
                [
                    pandoc,
                    str(folder / "big.md"),
                    "-f",
                    "commonmark_x",
                    "-o",
                    str(folder / "big.pandoc.docx"),
                ],
            )
            result["bytes"]["pandoc_docx"] = (folder / "big.pandoc.docx").stat().st_size
    return result


def report(r: dict[str, Any]) -> str:
    lines = [
        f"planforge render, {r['tasks']}-task plan (best of runs)",
        f"  process start-up (--version)   {r['startup_ms']:7.0f} ms",
    ]
    for fmt in FORMATS:
        whole, stage = r["whole_process_ms"][fmt], r["render_stage_ms"][fmt]
        mark = "ok" if whole < TARGET_MS[fmt] else f"over {TARGET_MS[fmt]:.0f} ms target"
        lines.append(
            f"  {fmt:<5} whole process {whole:7.0f} ms ({mark}); "
            f"render stage {stage:6.1f} ms; {r['bytes'][fmt]:,} bytes"
        )
    if r["pandoc_ms"] is not None:
        ratio = r["whole_process_ms"]["docx"] / r["pandoc_ms"]
        mark = "ok" if ratio < 0.5 else "over the 0.5× target"
        lines.append(
            f"  pandoc md → docx              {r['pandoc_ms']:7.0f} ms; "
            f"planforge docx is {ratio:.2f}× pandoc's time ({mark})"
        )
    else:
        lines.append("  pandoc not installed: no comparison")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = measure(args.tasks, args.runs)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
