"""Helpers for the import tests: run the importer on text, read the sources it makes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from planforge.importer.assemble import Options
from planforge.importer.run import Result, import_bytes
from planforge.load import parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEEDS = ROOT.parent / "shared" / "seeds"


def run_import(
    text: str | bytes,
    name: str = "plan.txt",
    *,
    lang: str | None = None,
    org: str | None = None,
    year: int | None = None,
) -> Result:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return import_bytes(raw, name, Options(lang, org, year))


def one_plan(text: str | bytes, name: str = "plan.txt", **options: Any) -> dict[str, Any]:
    """The data of the one source imported from `text`."""
    result = run_import(text, name, **options)
    assert len(result.texts) == 1, f"expected one plan, found {len(result.texts)}"
    return parse(result.texts[0]).data


def source(text: str | bytes, name: str = "plan.txt", **options: Any) -> str:
    result = run_import(text, name, **options)
    assert len(result.texts) == 1
    return result.texts[0]


def levels(data: dict[str, Any]) -> list[int]:
    """Number of tasks at each depth of the task tree."""
    counts: list[int] = []

    def visit(tasks: list[dict[str, Any]], depth: int) -> None:
        for task in tasks:
            if len(counts) <= depth:
                counts.append(0)
            counts[depth] += 1
            visit(task.get("tasks", []), depth + 1)

    visit(data.get("tasks", []), 0)
    return counts


def titles(data: dict[str, Any], depth: int = 0) -> list[str]:
    out: list[str] = []

    def visit(tasks: list[dict[str, Any]], d: int) -> None:
        for task in tasks:
            if d == depth:
                out.append(task["title"])
            visit(task.get("tasks", []), d + 1)

    visit(data.get("tasks", []), 0)
    return out


def task(data: dict[str, Any], task_id: str) -> dict[str, Any]:
    def visit(tasks: list[dict[str, Any]]) -> dict[str, Any] | None:
        for t in tasks:
            if t["id"] == task_id:
                return t
            found = visit(t.get("tasks", []))
            if found:
                return found
        return None

    found = visit(data.get("tasks", []))
    assert found is not None, f"no task {task_id}"
    return found


def strings(value: Any) -> list[str]:
    """Every text value of a source, in document order."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def kept_in_order(original: str, data: dict[str, Any]) -> float:
    """The share of the original's visible characters found, in order, in the source.

    Each line of the original is cut into clauses at punctuation; each clause is looked
    for after the previous one. A clause may lose a few leading characters (numbering);
    short or shortened clauses must be found near the previous one."""
    b = re.sub(r"\s+", "", "".join(strings(data)))
    clauses = [
        c
        for line in original.splitlines()
        for c in re.split(r"(?<=[。，；：！？,.;:!?])", re.sub(r"\s+", "", line))
        if c
    ]
    kept, position, total = 0, 0, sum(len(c) for c in clauses)
    for clause in clauses:
        for skip in range(min(len(clause) - 3, 8) if len(clause) > 4 else 1):
            part = clause[skip:]
            found = b.find(part, position)
            near = found >= 0 and found - position <= 200
            if found >= 0 and (near or (skip == 0 and len(part) >= 8)):
                kept += len(part)
                position = found + len(part)
                break
    return kept / max(total, 1)


def comments(text: str) -> list[str]:
    return re.findall(r"# imported: (.*)", text)
