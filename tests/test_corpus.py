"""The benchmark corpus generator writes realistic plans that all validate."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, load_script
from planforge.model.deadline import parse_deadline
from planforge.model.plan import Status
from planforge.validate import load_plan

SCRIPT = ROOT / "benchmarks" / "make_corpus.py"


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return load_script(SCRIPT)


def test_a_small_corpus_validates(tmp_path: Path, corpus: ModuleType) -> None:
    paths = corpus.write_corpus(tmp_path, files=20, tasks=12, seed=7)
    assert len(paths) == 20
    kinds: Counter[str] = Counter()
    for path in paths:
        plan = load_plan(path)  # raises with every problem if a file is invalid
        leaves = [task for _, task in plan.leaves()]
        assert len(leaves) == 12
        assert all(t.owners and t.deadline for t in leaves)
        assert plan.goals and plan.rubrics and plan.ideology and plan.safeguards
        assert path.name.endswith(f".{plan.language.value}.yaml")
        kinds[plan.kind.value if plan.kind else "none"] += 1
    assert set(kinds) <= {"school", "enterprise", "federation"} and len(kinds) >= 2


def test_a_large_plan_validates_and_is_varied(tmp_path: Path, corpus: ModuleType) -> None:
    out = tmp_path / "big.yaml"
    out.write_text(corpus.make_plan(corpus.DEFAULT_SEED, 300), encoding="utf-8")
    plan = load_plan(out)
    leaves = [task for _, task in plan.leaves()]
    assert len(leaves) == 300
    assert len({t.id for _, t in plan.walk()}) == sum(1 for _ in plan.walk())
    assert max(len(path) for path, _ in plan.walk()) >= 3
    forms = Counter(parse_deadline(t.deadline, plan.year).kind for t in leaves)
    assert {"date", "month", "quarter", "half", "range", "recurring", "year"} <= set(forms)
    statuses = Counter(t.status for t in leaves)
    assert statuses[Status.DONE] > 60 and statuses[Status.IN_PROGRESS] > 10
    assert all(t.done_on and t.result and t.figures for t in leaves if t.status is Status.DONE)
    assert all(t.reason for t in leaves if t.status is Status.DROPPED)
    assert sum(1 for t in leaves if t.rubric) > 100 and sum(1 for t in leaves if t.goals) > 150


def test_about_one_plan_in_ten_is_english(corpus: ModuleType) -> None:
    languages = Counter(
        "en" if "\nlanguage: en\n" in corpus.make_plan(1, 2, index=i) else "zh" for i in range(400)
    )
    assert 20 <= languages["en"] <= 60


def test_the_seed_decides_the_output(corpus: ModuleType) -> None:
    assert corpus.make_plan(3, 20, index=5) == corpus.make_plan(3, 20, index=5)
    assert corpus.make_plan(3, 20, index=5) != corpus.make_plan(4, 20, index=5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工会办公室", "工会办公室"),
        ("3月", "3月"),
        ("2026-03", "2026-03"),
        ("100", '"100"'),
        ("yes", '"yes"'),
        ("a: b", '"a: b"'),
        ("- x", '"- x"'),
        ("#1", '"#1"'),
    ],
)
def test_scalars_read_back_as_written(corpus: ModuleType, text: str, expected: str) -> None:
    from planforge.load import parse

    assert corpus.scalar(text) == expected
    assert parse(f"k: {corpus.scalar(text)}\n").data == {"k": text}


def test_the_script_runs(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--files", "3", "--tasks", "5", "--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert len(list((tmp_path / "c").glob("*.yaml"))) == 3
    single = subprocess.run(
        [sys.executable, str(SCRIPT), "--tasks", "30", "--out", str(tmp_path / "one.yaml")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert single.returncode == 0, single.stderr
    assert sum(1 for _ in load_plan(tmp_path / "one.yaml").leaves()) == 30


def test_the_phrase_data_names_only_rubrics_and_items_that_are_bundled(corpus: ModuleType) -> None:
    """The corpus cites rubric items by id (`rubric: model-home.org-dues`); a renamed item
    in src/planforge/rubrics must fail here, not in a benchmark's check figures."""
    from planforge.check.rubric import builtin_ids, load_rubric

    assert set(corpus.RUBRIC_ITEMS) <= set(builtin_ids())
    assert {r for ids in corpus.RUBRICS.values() for r in ids} <= set(corpus.RUBRIC_ITEMS)
    for rubric_id, item_ids in corpus.RUBRIC_ITEMS.items():
        bundled = {item.id for item in load_rubric(rubric_id).items}
        assert set(item_ids) <= bundled, (rubric_id, sorted(set(item_ids) - bundled))
        assert len(item_ids) == len(set(item_ids)), rubric_id


def test_each_kind_of_union_in_the_phrase_data_has_owners_and_rubrics(corpus: ModuleType) -> None:
    assert set(corpus.ZH_SECTIONS) == set(corpus.ZH_OWNERS) == set(corpus.ZH_FOCUS)
    for kind, sections in corpus.ZH_SECTIONS.items():
        assert kind in corpus.ZH_OWNERS and kind in corpus.RUBRICS, kind
        assert all(isinstance(title, str) and leaves for title, leaves in sections), kind
