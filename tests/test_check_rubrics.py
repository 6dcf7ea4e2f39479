"""The built-in rubrics, user rubrics with `extends:`, coverage and scores, and the examples."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from planforge.check.rubric import builtin_dir, builtin_ids, coverage, load_rubric
from planforge.errors import InputError
from planforge.load import load, parse
from planforge.model.rubric import ItemKind, RubricKind, Standing, concepts, rubric_schema
from planforge.validate import validate
from rules_helpers import HEAD_EN, HEAD_ZH, findings, lint_text

# an enterprise, asked every item of the scoring tables (a school is not asked 集体合同)
HEAD_ENT = "organisation: 江南精工机械股份有限公司工会\nyear: 2026\nkind: enterprise\n"

BUILTINS = [
    "en-union-basics",
    "five-ones-enterprise",
    "five-ones-school",
    "fujian-model-home",
    "fujian-model-home-soe",
    "home-scoring",
    "model-home",
    "model-home-full",
    "wenzhou-advanced-home",
]


def test_the_built_in_rubrics_are_listed() -> None:
    assert builtin_ids() == BUILTINS
    result = run_cli("rubrics")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[: len(BUILTINS)]] == BUILTINS


@pytest.mark.parametrize("rubric_id", BUILTINS)
def test_each_built_in_rubric_is_valid_against_the_schema(rubric_id: str) -> None:
    import jsonschema

    data = load(builtin_dir() / f"{rubric_id}.yaml").data
    jsonschema.Draft202012Validator(rubric_schema()).validate(data)
    rubric = load_rubric(rubric_id)
    ids = [item.id for item in rubric.items]
    assert len(ids) == len(set(ids))
    assert rubric.source and rubric.version and rubric.title


def _plan_covering(rubric_id: str, items: list[str], head: str = HEAD_ZH) -> str:
    lines = [head + f"rubrics: [{rubric_id}]", "tasks:"]
    lines += [
        f"  - {{id: t{i}, title: 任务{i}, owners: 工会, deadline: 全年, rubric: [{rubric_id}.{item}]}}"
        for i, item in enumerate(items)
    ]
    return "\n".join(lines) + "\n"


# rubric id, the items a plan must cover (uncovered → rubric-uncovered), language head
TABLE = [
    ("five-ones-school", ["congress", "contest", "culture", "care", "showcase"], HEAD_ZH),
    ("five-ones-enterprise", ["congress", "contest", "culture", "care", "showcase"], HEAD_ZH),
    (  # for a school (城东小学工会): the items its kind is asked, 换届 (occasional) aside
        "model-home",
        [
            "org-audit",
            "org-party",
            "org-congress",
            "org-women",
            "org-dues",
            "rights-congress",
            "rights-openness",
            "work-plan",
            "work-ledger",
            "work-funds",
            "work-dues-allocation",
            "effect-contest",
            "effect-training",
            "effect-honour",
            "effect-warmth",
            "effect-aid",
            "effect-position",
            "effect-culture",
            "effect-health",
            "trust-survey",
            "trust-report",
        ],
        HEAD_ZH,
    ),
    ("home-scoring", ["congress", "contract"], HEAD_ZH),
    (
        "en-union-basics",
        [
            "agm",
            "bargaining",
            "organising",
            "health-safety",
            "training",
            "welfare",
            "communication",
            "finance-audit",
        ],
        HEAD_EN,
    ),
]


@pytest.mark.parametrize(("rubric_id", "required", "head"), TABLE, ids=[t[0] for t in TABLE])
def test_each_rubric_required_items_and_their_findings(
    rubric_id: str, required: list[str], head: str
) -> None:
    from planforge.check.rubric import applies, plan_kind

    rubric = load_rubric(rubric_id)
    kind = plan_kind(validate(parse(head)))
    if rubric.scoring:
        assert sorted(i.id for i in rubric.items if i.mandatory) == sorted(required)
    else:
        asked = [i.id for i in rubric.items if applies(i, kind) and not i.occasional]
        assert sorted(asked) == sorted(required)
    # all required covered: no rubric-uncovered; one left out: one finding at `rubrics:`
    assert findings(_plan_covering(rubric_id, required, head), "rubric-uncovered") == []
    text = _plan_covering(rubric_id, required[1:], head)
    result = lint_text(text)
    uncovered = [p for p in result.problems if p.rule == "rubric-uncovered"]
    assert [(p.location.line if p.location else 0) for p in uncovered] == [
        len(head.splitlines()) + 1
    ]
    assert f"'{required[0]}'" in uncovered[0].message


def test_the_model_home_checklist_has_the_five_qualities() -> None:
    sections = {i.section for i in load_rubric("model-home").items}
    assert sections == {"组织健全", "维权到位", "工作规范", "作用明显", "职工信赖"}


def test_home_scoring_has_points_bonus_deductions_and_bands() -> None:
    rubric = load_rubric("home-scoring")
    assert rubric.kind is RubricKind.SCORING
    assert rubric.base_points == 100
    kinds = {i.kind for i in rubric.items}
    assert kinds == {ItemKind.REGULAR, ItemKind.BONUS, ItemKind.DEDUCTION}
    assert [(b.name, b.min) for b in sorted(rubric.bands, key=lambda b: -b.min)] == [
        ("模范职工之家", 90),
        ("先进职工之家", 80),
        ("合格职工之家", 60),
    ]


def _cov(text: str, rubric_id: str):
    doc = parse(text, "p.yaml")
    return coverage(validate(doc), doc, load_rubric(rubric_id))


def test_scoring_coverage_gives_attainable_score_and_best_band() -> None:
    rubric = load_rubric("home-scoring")
    regular = [i.id for i in rubric.items if i.kind is ItemKind.REGULAR]
    bonus = [i.id for i in rubric.items if i.kind is ItemKind.BONUS]
    full = _cov(_plan_covering("home-scoring", regular + bonus, HEAD_ENT), "home-scoring")
    assert full.attainable == 108 and full.best_band and full.best_band.name == "模范职工之家"
    # survey (10 points) left out, no bonus: 90, still 模范
    part = _cov(
        _plan_covering("home-scoring", [r for r in regular if r != "survey"], HEAD_ENT),
        "home-scoring",
    )
    assert part.attainable == 90 and part.best_band and part.best_band.name == "模范职工之家"
    low = _cov(
        _plan_covering(
            "home-scoring",
            ["congress", "contract", "openness", "contest", "warmth", "aid", "culture"],
            HEAD_ENT,
        ),
        "home-scoring",
    )
    assert low.attainable == 55 and low.best_band is None
    no_congress = _cov(
        _plan_covering("home-scoring", [r for r in regular if r != "congress"], HEAD_ENT),
        "home-scoring",
    )
    assert [i.id for i in no_congress.missing_mandatory] == ["congress"]
    assert no_congress.best_band is None
    assert "mandatory missing: congress; no grade" in no_congress.summary()
    assert "best band: 模范职工之家" in full.summary()


def test_keywords_only_hint_at_coverage() -> None:
    # 代表大会 is one of the item's keywords but no concept's word: a hint, not coverage
    text = HEAD_ZH + "rubrics: [five-ones-school]\ntasks:\n  - {id: jdh, title: 筹备代表大会}\n"
    cov = _cov(text, "five-ones-school")
    status = {c.item.id: (c.status, c.hinted_by) for c in cov.items}
    assert status["congress"] == ("hinted", ["jdh"])
    assert status["care"] == ("uncovered", [])
    problems = [p for p in lint_text(text).problems if p.rule == "rubric-uncovered"]
    congress = next(p for p in problems if "'congress'" in p.message)
    assert congress.hint and "jdh" in congress.hint and "教代会" in congress.hint


def test_a_rubric_file_extends_a_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nextends: five-ones-school\ntitle: 我区“五个一”\nremove: [showcase]\n"
        "items:\n  - {id: reading, section: 读书, text: 开展一次读书活动, keywords: [读书]}\n"
        "  - {id: care, text: 帮扶困难教职工10人以上}\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.yaml").write_text(
        HEAD_ZH + "rubrics: [ours.yaml]\ntasks:\n"
        "  - {id: a, title: 读书月, owners: 工会, deadline: 4月, rubric: [ours.reading]}\n",
        encoding="utf-8",
    )
    rubric = load_rubric("ours.yaml", tmp_path)
    assert rubric.title == "我区“五个一”" and rubric.language.value == "zh"
    assert [i.id for i in rubric.items] == ["congress", "contest", "culture", "care", "reading"]
    assert rubric.item("care").text == "帮扶困难教职工10人以上"
    result = run_cli("check", tmp_path / "plan.yaml", "--format", "json")
    assert result.exit_code == 1
    uncovered = re.findall(r"'ours' item '([a-z-]+)'", result.stdout)
    assert sorted(uncovered) == ["care", "congress", "contest", "culture"]


def test_a_broken_rubric_file_is_reported_with_its_location(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "id: bad\ntitle: 坏\nlanguage: zh\nversion: '1'\nsource: 我们\n"
        "items:\n  - {id: a, text: 一项, points: -3}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_rubric("bad.yaml", tmp_path)
    (problem,) = info.value.problems
    assert problem.location and problem.location.line == 7
    assert "points" in problem.message


def test_extends_cycles_and_unknown_rubrics_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\nextends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nextends: a.yaml\n", encoding="utf-8")
    with pytest.raises(InputError, match="extends itself"):
        load_rubric("a.yaml", tmp_path)
    with pytest.raises(InputError) as info:
        load_rubric("five-ones-scool")
    assert info.value.hint == "did you mean 'five-ones-school'?"


def test_rubrics_show_prints_items_points_and_bands() -> None:
    result = run_cli("rubrics", "show", "home-scoring")
    assert result.exit_code == 0
    assert "home-scoring.congress  (10 pts, mandatory)" in result.stdout
    assert "home-scoring.honour  (+5 pts, bonus)" in result.stdout
    assert "模范职工之家 ≥90, 先进职工之家 ≥80, 合格职工之家 ≥60" in result.stdout
    assert run_cli("rubrics", "show", "nope").exit_code == 2


def test_rules_command_lists_and_documents_rules() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    assert re.search(r"^halfwidth-punctuation\s+warning\s+yes", result.stdout, re.M)
    one = run_cli("rules", "rubric-uncovered")
    assert one.exit_code == 0 and "一票否决" in one.stdout
    assert run_cli("rules", "no-such-rule").exit_code == 2


# ---------------------------------------------------------------------------- the examples


def _examples() -> list[Path]:
    files = sorted(EXAMPLES.glob("*.yaml"))
    if not files:
        pytest.skip("examples/ has no plans yet")
    return files


def test_every_example_is_clean_under_the_rubrics_it_names() -> None:
    for path in _examples():
        doc = load(path)
        plan = validate(doc)
        assert plan.rubrics, f"{path.name} names no rubric"
        result = lint_text(doc.text, name=str(path))
        serious = [p for p in result.problems if p.severity.value in ("error", "warning")]
        assert serious == [], f"{path.name}: {[p.headline() for p in serious]}"
        for cov in result.coverage:
            assert cov.missing_mandatory == [], path.name
            if not cov.rubric.scoring:
                assert cov.uncovered == [], (path.name, cov.summary())
    assert run_cli("check", EXAMPLES).exit_code == 0


def _without_task(text: str, task_id: str) -> str:
    """The source with the task `task_id` (a block list item) cut out."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {task_id}")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return "".join(lines[:start] + lines[end:])


def test_removing_the_congress_task_reports_the_uncovered_five_ones_item(tmp_path: Path) -> None:
    source = EXAMPLES / "school-2026.zh.yaml"
    if not source.exists():
        pytest.skip("examples/school-2026.zh.yaml is not there")
    text = source.read_text(encoding="utf-8")
    task_id = next(  # the section holding the 教代会 (no task names the item)
        task.id
        for _, task in validate(parse(text)).walk()
        if task.title.startswith("开好第六届教代会")
    )
    copy = tmp_path / "school.yaml"
    copy.write_text(_without_task(text, task_id), encoding="utf-8")
    shutil.copy(source, tmp_path / "original.yaml")
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "- five-ones-school"
    )
    result = run_cli("check", copy)
    assert result.exit_code == 1
    assert re.search(
        rf"school\.yaml:{line}:\d+: error rubric-uncovered 'five-ones-school' item 'congress'",
        result.stdout,
    ), result.stdout
    assert run_cli("check", tmp_path / "original.yaml").exit_code == 0


def test_rubric_json_schema_is_printed() -> None:
    import json

    result = run_cli("rubrics", "schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "items" in schema["properties"]


# ---------------------------------------------------------------- sources and concepts


@pytest.mark.parametrize("rubric_id", BUILTINS)
def test_each_built_in_rubric_states_its_standing_and_each_item_its_source(rubric_id: str) -> None:
    rubric = load_rubric(rubric_id)
    assert rubric.standing is not None and rubric.source.document
    for item in rubric.items:
        assert item.source is not None, item.id
        assert item.concepts, item.id
        if not item.source.local_practice:
            assert item.source.ref, item.id
            assert rubric.document_of(item) is not None, (item.id, item.source.document)
    if rubric.standing is not Standing.LOCAL_PRACTICE:
        assert rubric.source.url or rubric.documents


def test_the_provincial_and_municipal_tables_keep_their_points_and_mandatory_items() -> None:
    fujian = load_rubric("fujian-model-home")
    assert fujian.standing is Standing.PROVINCIAL and fujian.scoring
    assert [(i.id, i.points) for i in fujian.items if i.mandatory] == [
        ("party-leading-group", 3),
        ("dues-allocation", 5),
        ("contract", 6),
    ]
    assert fujian.base_points == 30 and fujian.bands == []  # parts 一、二 only, no band seen
    soe = load_rubric("fujian-model-home-soe")  # extends fujian-model-home
    assert soe.source.document.startswith("福建省国有、集体及其控股企业")
    assert [(i.id, i.points) for i in soe.items if i.mandatory] == [
        ("party-leading-group", 3),
        ("plan", 2),
        ("dues-allocation", 2),
        ("contract", 4),
    ]
    assert soe.item("mediation") is None and soe.item("labour-protection") is not None
    wenzhou = load_rubric("wenzhou-advanced-home")
    assert wenzhou.standing is Standing.MUNICIPAL
    assert sum(i.points or 0 for i in wenzhou.items if i.section == "四个规范（35分）") == 35


def test_model_home_holds_the_items_the_published_texts_require() -> None:
    home = load_rubric("model-home")
    asked = {c for i in home.items for c in i.concepts}
    assert {"contract", "labour-contract", "party-support", "suggestions", "chair-report"} <= asked
    assert "funds" in home.item("work-dues-allocation").concepts
    assert home.item("org-election").occasional
    # model-home-full stays as an alias of it, for plans that name it
    assert [i.id for i in load_rubric("model-home-full").items] == [i.id for i in home.items]
    # 换届 is its own item, no longer merged into the yearly congress
    assert "换届" not in load_rubric("model-home").item("org-congress").text


def test_every_concept_is_used_and_its_words_and_kinds_are_documented() -> None:
    known = concepts()
    used = {c for r in BUILTINS for i in load_rubric(r).items for c in i.concepts}
    assert used == set(known)
    congress = known["congress"]
    by_word = {w: t.kinds for t in congress.terms for w in t.words}
    assert [k.value for k in by_word["教代会"]] == ["school"]
    assert "enterprise" in [k.value for k in by_word["职代会"]]
    assert [k.value for k in known["contract"].kinds] == ["enterprise", "institution"]
    assert all(t.source for c in known.values() for t in c.terms)


def _user_rubric(tmp_path: Path, item: str) -> Path:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "id: ours\ntitle: 我们的表\nlanguage: zh\nversion: '1'\nsource: 某区教育工会\n"
        "items:\n" + item,
        encoding="utf-8",
    )
    return path


def test_an_unknown_concept_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    _user_rubric(tmp_path, "  - id: a\n    text: 召开教代会\n    concepts: [congres]\n")
    with pytest.raises(InputError) as info:
        load_rubric("ours.yaml", tmp_path)
    (problem,) = info.value.problems
    assert problem.location is not None
    assert (problem.location.line, problem.location.col) == (9, 16)
    assert "unknown concept 'congres'; did you mean 'congress'?" in problem.message
    result = run_cli("rubrics", "show", tmp_path / "ours.yaml")
    assert result.exit_code == 2 and "ours.yaml:9:16" in result.stdout + result.stderr


def test_a_user_rubric_may_omit_sources_but_not_half_state_one(tmp_path: Path) -> None:
    _user_rubric(tmp_path, "  - {id: a, text: 召开教代会, concepts: congress}\n")
    rubric = load_rubric("ours.yaml", tmp_path)
    assert rubric.source.document == "某区教育工会" and rubric.standing is None
    assert rubric.item("a").concepts == ["congress"] and rubric.item("a").source is None
    _user_rubric(tmp_path, "  - {id: a, text: 召开教代会, source: {note: 区里要求}}\n")
    with pytest.raises(InputError) as info:
        load_rubric("ours.yaml", tmp_path)
    assert "local_practice" in info.value.problems[0].message
    _user_rubric(tmp_path, "  - {id: a, text: 召开教代会, source: {document: zz, ref: 一}}\n")
    with pytest.raises(InputError, match="not valid") as info:
        load_rubric("ours.yaml", tmp_path)
    assert "'zz' is not in `documents:`" in info.value.problems[0].message


def test_rubrics_show_prints_standing_documents_and_each_item_source() -> None:
    result = run_cli("rubrics", "show", "fujian-model-home")
    assert result.exit_code == 0
    assert "standing: provincial" in result.stdout
    assert "《福建省模范职工之家考核验收评分细则》, 福建省总工会, 2012 <https://" in result.stdout
    lines = result.stdout.splitlines()
    at = lines.index("  fujian-model-home.dues-allocation  (5 pts, mandatory)")
    assert "      source: 一.6" in lines[at : at + 5]
    assert "      concepts: funds" in lines[at : at + 5]
    home = run_cli("rubrics", "show", "model-home").stdout
    assert "      source: 二.1 in [fj2012]" in home
    assert "      source: local practice (no published text found); " in home
    assert (
        "  [jdh] 《学校教职工代表大会规定》, 教育部（经商中华全国总工会同意）, 2011, 教育部令第32号"
        in home
    )
