"""How fast `planforge serve` turns an edit into a new preview, on the 300-task plan.

Builds the plan with `benchmarks/make_corpus.py --tasks 300`, starts the app with uvicorn
in this process (127.0.0.1, a free port) and, over HTTP with httpx, times:

- the edit round trip: `POST /api/edit` renaming a task (read, round-trip edit, validate,
  atomic write, check with rules and rubrics, render the preview) until the response with
  the new preview has arrived; best and median of `--runs`;
- `GET /api/plan` (the page's first load of the plan);
- in process, the render stage alone: the plan's HTML from its context (`render_text`),
  the part of the round trip that `benchmarks/render.py` holds under 30 ms.

    python benchmarks/serve.py [--tasks 300] [--runs 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RENDER_TARGET_MS = 30.0


def figures(times: list[float]) -> dict[str, float]:
    return {"best": min(times), "median": statistics.median(times)}


def render_stage(source: Path, runs: int) -> dict[str, float]:
    """Milliseconds of the plan's HTML from its context, the plan already loaded."""
    from planforge.render.context import plan_context
    from planforge.render.run import render_text
    from planforge.validate import load_plan

    plan = load_plan(source)
    render_text(plan_context(plan), "html")  # warm: imports, templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_text(plan_context(plan), "html")
        times.append((time.perf_counter() - start) * 1000)
    return figures(times)


def over_http(folder: Path, runs: int) -> dict[str, Any]:
    import httpx

    from planforge.serve.run import Background

    with Background(folder) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        headers = {"X-Planforge-Token": server.config.token}
        loads = []
        for _ in range(max(3, runs // 2)):
            start = time.perf_counter()
            state = client.get("/api/plan", params={"path": "big.yaml"}).json()
            loads.append((time.perf_counter() - start) * 1000)
        path = ["tasks", 0, "tasks", 0, "title"]
        first = state["data"]["tasks"][0]["tasks"][0]["title"]
        edits = []
        for n in range(runs):
            title = f"{first}（第{n + 1}稿）"
            body = {
                "path": "big.yaml",
                "version": state["version"],
                "edit": {"op": "set", "path": path, "value": title},
            }
            start = time.perf_counter()
            response = client.post("/api/edit", json=body, headers=headers)
            edits.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            state = response.json()
            assert title in state["preview"], "the preview did not change"
        return {"load": figures(loads), "edit": figures(edits), "bytes": len(state["preview"])}


def measure(tasks: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="planforge-serve-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "big.yaml"
        os.environ["PLANFORGE_CACHE_DIR"] = str(folder / "cache")
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
        stage = render_stage(source, runs)
        http = over_http(folder, runs)
    return {"tasks": tasks, "runs": runs, "render_stage_ms": stage, **http}


def report(r: dict[str, Any]) -> str:
    def ms(f: dict[str, float]) -> str:
        return f"best {f['best']:.1f} ms, median {f['median']:.1f} ms"

    stage_ok = "under" if r["render_stage_ms"]["best"] < RENDER_TARGET_MS else "OVER"
    return "\n".join(
        [
            f"planforge serve, {r['tasks']}-task plan, {r['runs']} runs",
            f"  edit → new preview over HTTP: {ms(r['edit'])}",
            f"  first load of the plan:        {ms(r['load'])}",
            f"  render stage (HTML) alone:     {ms(r['render_stage_ms'])} "
            f"({stage_ok} the {RENDER_TARGET_MS:.0f} ms target)",
            f"  preview size: {r['bytes'] // 1024} KiB",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = measure(args.tasks, args.runs)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
