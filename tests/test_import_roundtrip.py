"""planforge's own documents import back to the source's data (issue 15, point 5).

Every example is rendered to DOCX, Markdown and HTML and imported again; the import must
give the same goals with their targets, the same tasks at the same levels with the same
titles, owners, deadlines and statuses, and the same schedule. Ids are not carried in the
documents (a reader of the plan should not see them): the imported ids are the tree's
positions (t1-2-1), and the comparison goes by position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from import_helpers import ROOT, run_import
from planforge.load import parse
from planforge.model.deadline import parse_deadline

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FORMATS = ["md", "html", "docx"]


def _render(source: Path, fmt: str, out: Path, *extra: str) -> bytes:
    from planforge.cli import main

    code = main(["render", str(source), "--format", fmt, "-o", str(out), "--no-cache", *extra])
    assert code in (0, None), f"render {source.name} as {fmt} failed"
    return out.read_bytes()


def _imported(raw: bytes, name: str) -> dict[str, Any]:
    result = run_import(raw, name)
    assert len(result.texts) == 1, f"{name}: {len(result.texts)} plans"
    return parse(result.texts[0]).data


def _owners(value: Any) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _as_shown(owners: list[str], lang: str) -> list[str]:
    """Owners in the order a Chinese document can show them: its bracket names the
    departments (责任部门：…) before the people (责任人：…), each part in the source's order;
    which came first across the two parts is not in the document."""
    if lang != "zh":
        return owners
    from planforge.vocab.people import is_person

    return [o for o in owners if not is_person(o)] + [o for o in owners if is_person(o)]


def _span(deadline: Any, year: int) -> tuple[Any, Any] | None:
    if deadline is None:
        return None
    parsed = parse_deadline(str(deadline), year)
    return parsed.start, parsed.end


def _tasks(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every task by depth and title; a leaf with its effective owners (a section's owners
    are inherited, as the document states them) and deadline span."""
    year = data["year"]
    lang = data.get("language", "zh")
    out: list[tuple[Any, ...]] = []

    def visit(tasks: list[dict[str, Any]], depth: int, inherited: list[str]) -> None:
        for t in tasks:
            owners = _owners(t.get("owners")) or inherited
            if t.get("tasks"):
                out.append((depth, t["title"]))
                visit(t["tasks"], depth + 1, owners)
            else:
                out.append(
                    (depth, t["title"], _as_shown(owners, lang), _span(t.get("deadline"), year))
                )

    visit(data.get("tasks", []), 0, [])
    return out


def _ledger(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """A summary's tasks as its document shows them: each part (（一）…) and, under it, the
    tasks of the year with status, date done, result (its paragraphs as one, as the table
    cell shows them), reason and new date. The 工作总结 tells the year in prose by part
    and lists the tasks in its 附表 表1, a flat table: the levels between a part and its tasks
    (a group such as 开好教代会) are not in the document and are not asked for."""
    out: list[tuple[Any, ...]] = []
    year = data["year"] + 1

    def leaves(tasks: list[dict[str, Any]]) -> None:
        for t in tasks:
            if t.get("tasks"):
                leaves(t["tasks"])
            else:
                result = t.get("result")
                result = " ".join(result) if isinstance(result, list) else result
                outcome = (t.get("status", "planned"), t.get("done_on"), result, t.get("reason"))
                out.append((1, t["title"], *outcome, _moved(t.get("postponed_to"), year)))

    for part in data.get("tasks", []):
        out.append((0, part["title"]))
        leaves(part.get("tasks", []))
    return out


def _moved(value: Any, year: int) -> Any:
    return None if value is None else _span(value, year)


def _goals(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Goals with the target the document shows: a target already in the goal's text is
    not repeated as a remark, so it cannot come back and is not asked for."""
    from planforge.render.context import measure_remark

    out = []
    for g in data.get("goals", []):
        text = g["text"] if isinstance(g, dict) else g
        measure = g.get("measure") if isinstance(g, dict) else None
        shown = measure and measure_remark(text, measure, "zh")
        out.append((text, measure if shown else None))
    return out


def _schedule(data: dict[str, Any]) -> list[tuple[int, str, list[str]]]:
    return [(e["month"], e["work"], _owners(e.get("owners"))) for e in data.get("schedule", [])]


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, Any]]:
    return {p.name: parse(p.read_text(encoding="utf-8"), str(p)).data for p in EXAMPLES}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_rendered_plan_imports_back_to_its_data(tmp_path, sources, example, fmt):
    source = sources[example.name]
    raw = _render(example, fmt, tmp_path / f"plan.{fmt}")
    back = _imported(raw, f"plan.{fmt}")
    assert back["organisation"] == source["organisation"]
    assert back["year"] == source["year"]
    if "title" in source:
        assert back["title"] == source["title"]
    assert _goals(back) == _goals(source)
    assert _tasks(back) == _tasks(source)
    assert _schedule(back) == _schedule(source)
    # ids are positions, not the source's names
    assert back["tasks"][0]["id"] == "t1"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "example",
    [p for p in EXAMPLES if "\nsummary:" in p.read_text(encoding="utf-8")],
    ids=lambda p: p.stem,
)
def test_a_rendered_summary_imports_back_with_statuses(tmp_path, sources, example, fmt):
    """The plan document does not show statuses; the summary does, and gives them back."""
    source = sources[example.name]
    raw = _render(example, fmt, tmp_path / f"summary.{fmt}", "--summary")
    back = _imported(raw, f"summary.{fmt}")
    assert _ledger(back) == _ledger(source)
    for part in ("problems", "next_year", "lessons"):
        assert back["summary"].get(part) == source["summary"].get(part), part
