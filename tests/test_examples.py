"""The example plans: valid, complete, realistic, and the committed schema is current."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import EXAMPLES, ROOT, example_files, run_cli
from planforge.model.deadline import parse_deadline
from planforge.model.plan import Plan, Status
from planforge.validate import load_plan

EXPECTED = {
    "school-2025.zh.yaml",
    "school-2026.zh.yaml",
    "enterprise-2026.zh.yaml",
    "union-2026.en.yaml",
}


def _plans() -> dict[str, Plan]:
    return {path.name: load_plan(path) for path in example_files()}


def test_the_examples_are_there() -> None:
    assert {p.name for p in example_files()} >= EXPECTED


def test_check_passes_on_the_examples_folder() -> None:
    result = run_cli("check", EXAMPLES)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_leaf_has_owners_and_a_deadline(name: str) -> None:
    plan = load_plan(EXAMPLES / name)
    leaves = [task for _, task in plan.leaves()]
    assert len(leaves) >= 20
    assert [t.id for t in leaves if not t.owners or not t.deadline] == []
    assert 4 <= len(plan.goals) <= 6
    assert plan.ideology and plan.safeguards and plan.rubrics
    assert max(len(path) for path, _ in plan.walk()) >= 4  # 一、（一）1.（1）
    kinds = {parse_deadline(t.deadline, plan.year).kind for t in leaves}
    assert {"date", "month", "range", "recurring"} <= kinds


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_results_are_recorded(name: str) -> None:
    plan = load_plan(EXAMPLES / name)
    leaves = [task for _, task in plan.leaves()]
    done = [t for t in leaves if t.status is Status.DONE]
    assert len(done) >= 0.35 * len(leaves)
    for task in done:
        assert task.done_on is not None and task.done_on.year == plan.year, task.id
        assert task.result, task.id
    assert any(t.figures for t in done) and any(t.evidence for t in done)
    if name != "school-2025.zh.yaml":
        assert any(t.status is Status.IN_PROGRESS for t in leaves)
        # one task given up or moved to next year, with the reason
        dropped = [t for t in leaves if t.status in (Status.DROPPED, Status.POSTPONED)]
        assert len(dropped) == 1 and dropped[0].reason


def test_school_plan_has_schedule_summary_and_attachments() -> None:
    plan = load_plan(EXAMPLES / "school-2026.zh.yaml")
    assert sorted(entry.month for entry in plan.schedule) == list(range(1, 13))
    assert plan.attachments
    summary = plan.summary
    assert summary.overview and summary.achievements and summary.lessons
    assert summary.problems and summary.next_year


def test_other_plans_derive_their_schedule() -> None:
    for name in ("enterprise-2026.zh.yaml", "union-2026.en.yaml"):
        assert load_plan(EXAMPLES / name).schedule == []


def test_last_years_school_plan_differs_realistically() -> None:
    old = load_plan(EXAMPLES / "school-2025.zh.yaml")
    new = load_plan(EXAMPLES / "school-2026.zh.yaml")
    assert (old.organisation, old.year, new.year) == (new.organisation, 2025, 2026)
    old_tasks = {t.id: t for _, t in old.walk()}
    new_tasks = {t.id: t for _, t in new.walk()}
    assert set(old_tasks) - set(new_tasks) == {"choir"}
    assert "legal-talk" in set(new_tasks) - set(old_tasks)
    assert old_tasks["young-contest"].owners != new_tasks["young-contest"].owners
    assert old_tasks["checkup"].deadline != new_tasks["checkup"].deadline
    old_goals = {g.id: g.text for g in old.goals}
    assert old_goals["g-activity"] != {g.id: g.text for g in new.goals}["g-activity"]
    assert all(t.status is Status.DONE for _, t in old.leaves())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_read_as_written_by_an_office(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert not re.search(r"xx|XX|××|某某", text)
    if name.endswith(".zh.yaml"):
        from planforge.load import load

        cjk = [v for v in _strings(load(EXAMPLES / name).data) if re.search(r"[\u4e00-\u9fff]", v)]
        half_width = [
            v for v in cjk if re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", v)
        ]
        assert half_width == []
        assert not re.search(r"20\d\d-\d\d-\d\d", " ".join(cjk))  # dates in text: 2026年1月5日


def test_the_english_example_is_english() -> None:
    plan = load_plan(EXAMPLES / "union-2026.en.yaml")
    assert plan.language.value == "en"
    assert not re.search(r"[\u4e00-\u9fff]", (EXAMPLES / "union-2026.en.yaml").read_text("utf-8"))


def test_committed_schema_is_current() -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    committed = (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == result.stdout, "run: planforge schema -o schema/plan.schema.json"


def test_examples_validate_against_the_committed_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    from planforge.load import load

    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    for path in example_files():
        data = json.loads(json.dumps(load(path).data, default=_iso))
        jsonschema.validate(data, schema)


def _iso(value: object) -> str:
    assert isinstance(value, dt.date)
    return value.isoformat()


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _strings(k) + _strings(v)]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return []


def test_check_finds_no_warnings_in_the_examples() -> None:
    result = run_cli("check", EXAMPLES)
    assert result.exit_code == 0, result.output
    assert " warning" not in result.output and " error" not in result.output, result.output


@pytest.mark.parametrize("name", ["school-2026.zh", "enterprise-2026.zh", "union-2026.en"])
def test_the_examples_keep_a_ledger_the_summary_adds_up(name: str) -> None:
    from planforge.load import load
    from planforge.render.run import document_context
    from planforge.validate import validate

    path = EXAMPLES / f"{name}.yaml"
    plan = validate(load(path))
    kept = [t for _p, t in plan.walk() if t.records]
    assert len(kept) >= 3  # 送温暖, 培训, 文体活动…
    prose = "".join(p for s in document_context(path, True)["results"] for p in s["paragraphs"])
    assert ("据活动台账统计，" if plan.zh else "The activity records show ") in prose


@pytest.mark.parametrize("name", ["enterprise-2026.zh", "union-2026.en"])
def test_the_enterprise_and_english_summaries_are_year_end_ones(name: str) -> None:
    from planforge.load import load
    from planforge.model.plan import Status
    from planforge.validate import validate

    plan = validate(load(EXAMPLES / f"{name}.yaml"))
    date = plan.summary.date
    assert date is not None and (date.month == 12 or (date.year, date.month) == (2027, 1))
    assert plan.summary.as_of is None or plan.summary.as_of.month == 12
    statuses = {t.status for _p, t in plan.leaves()}
    assert None not in statuses and Status.PLANNED not in statuses
    assert plan.summary.overview and plan.summary.problems and plan.summary.next_year
