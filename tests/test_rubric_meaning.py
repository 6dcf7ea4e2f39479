"""Rubric coverage by meaning: shared concepts, their words, refusals, defaults and kinds."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, run_cli
from planforge.check.rubric import (
    coverages,
    default_rubrics,
    find_concepts,
    load_rubric,
    plan_kind,
    vocabulary,
)
from planforge.load import parse
from planforge.model.plan import Kind
from planforge.validate import validate
from rules_helpers import lint_text

SCHOOL = "organisation: 城东小学工会\nyear: 2026\nkind: school\n"
ENTERPRISE = "organisation: 江南精工机械股份有限公司工会\nyear: 2026\nkind: enterprise\n"


def _status(text: str, *rubric_ids: str) -> dict[str, str]:
    """`rubric.item` → status of every item, for the rubrics given."""
    doc = parse(text, "p.yaml")
    plan = validate(doc)
    out = {}
    for cov in coverages(plan, doc, [load_rubric(r) for r in rubric_ids]):
        out.update({f"{cov.rubric.id}.{c.item.id}": c.status for c in cov.items})
    return out


def _tasks(*rows: str) -> str:
    return "tasks:\n" + "".join(f"  - {row}\n" for row in rows)


def test_one_task_saying_jiaodaihui_covers_the_congress_items_of_several_rubrics() -> None:
    text = SCHOOL + _tasks("{id: t-congress, title: 召开第六届教代会第三次会议}")
    status = _status(text, "five-ones-school", "model-home", "home-scoring")
    assert status["five-ones-school.congress"] == "covered"
    assert status["model-home.rights-congress"] == "covered"
    assert status["home-scoring.congress"] == "covered"
    # near miss: the 教代会 is not the union's 会员代表大会
    assert status["model-home.org-congress"] == "uncovered"


def test_a_word_inside_a_longer_word_does_not_count() -> None:
    # 会员代表大会 is the members' meeting, not the workers' congress
    text = ENTERPRISE + _tasks("{id: m, title: 召开工会会员代表大会}")
    status = _status(text, "five-ones-enterprise", "model-home")
    assert status["model-home.org-congress"] == "covered"
    assert status["five-ones-enterprise.congress"] != "covered"
    # 教职工代表大会 holds 职工代表大会, but is a school's word, so not an enterprise's congress
    text = ENTERPRISE + _tasks("{id: e, title: 参观兄弟学校教职工代表大会}")
    assert _status(text, "five-ones-enterprise")["five-ones-enterprise.congress"] != "covered"
    # 工会费用 holds 会费 but is not the members' dues
    found = find_concepts("严格审批工会费用", vocabulary(Kind.SCHOOL))
    assert "dues" not in found
    assert find_concepts("按时收缴会费", vocabulary(Kind.SCHOOL)) == {"dues": ["会费"]}


def test_a_school_saying_zhidaihui_does_not_hold_its_congress() -> None:
    text = SCHOOL + _tasks("{id: z, title: 学习兄弟单位召开职代会的经验}")
    assert _status(text, "five-ones-school")["five-ones-school.congress"] != "covered"
    result = lint_text(text + "rubrics: [five-ones-school]\n")
    (problem,) = [
        p for p in result.problems if p.rule == "rubric-uncovered" and "'congress'" in p.message
    ]
    assert problem.hint and "教代会" in problem.hint and "职代会" not in problem.hint


def test_a_section_title_counts_and_a_dropped_task_does_not() -> None:
    text = SCHOOL + (
        "tasks:\n"
        "  - id: s\n    title: 开好教代会\n    tasks:\n"
        "      - {id: a, title: 征集提案}\n"
        "  - {id: d, title: 组织教职工运动会, status: dropped, reason: 场地改造}\n"
    )
    status = _status(text, "five-ones-school")
    assert status["five-ones-school.congress"] == "covered"
    assert status["five-ones-school.culture"] != "covered"  # its only task was dropped


def test_an_explicit_tag_wins_over_words() -> None:
    text = SCHOOL + _tasks(
        "{id: words, title: 召开教代会}",
        "{id: tagged, title: 民主管理专题会, rubric: [model-home.rights-congress]}",
    )
    doc = parse(text, "p.yaml")
    plan = validate(doc)
    (cov,) = coverages(plan, doc, [load_rubric("model-home")])
    entry = next(c for c in cov.items if c.item.id == "rights-congress")
    assert entry.tasks == ["tagged"] and [e.via for e in entry.evidence] == ["tag"]
    # the tag names an item asking for `congress`: it covers the other rubric's items too
    (five,) = coverages(plan, doc, [load_rubric("five-ones-school")])
    congress = next(c for c in five.items if c.item.id == "congress")
    assert congress.tasks == ["words", "tagged"] or congress.tasks == ["tagged", "words"]


def test_a_concept_tag_covers_every_item_asking_for_it() -> None:
    text = SCHOOL + _tasks("{id: a, title: 民主管理专题会, rubric: [congress]}")
    status = _status(text, "five-ones-school", "model-home")
    assert status["five-ones-school.congress"] == "covered"
    assert status["model-home.rights-congress"] == "covered"
    assert [p for p in lint_text(text).problems if p.rule == "rubric-unknown-item"] == []


def test_a_plan_refuses_a_wrong_match_and_a_bad_refusal_is_located() -> None:
    text = SCHOOL + _tasks(
        "{id: a, title: 组织工会委员培训, not_rubric: [model-home.effect-training]}",
        "{id: b, title: 举办教职工运动会, not_rubric: [culture]}",
    )
    status = _status(text, "model-home", "five-ones-school")
    assert status["model-home.effect-training"] != "covered"
    assert status["model-home.effect-culture"] != "covered"
    assert status["five-ones-school.culture"] != "covered"  # the concept is refused everywhere
    # near miss: without the refusal the same task counts
    plain = SCHOOL + _tasks("{id: a, title: 组织工会委员培训}")
    assert _status(plain, "model-home")["model-home.effect-training"] == "covered"
    bad = SCHOOL + _tasks(
        "{id: a, title: 培训, not_rubric: [model-home.effect-trainig]}",
        "{id: b, title: 培训, rubric: [training], not_rubric: [training]}",
    )
    found = [
        (p.location.line if p.location else 0, p.location.col if p.location else 0, p.message)
        for p in lint_text(bad).problems
        if p.rule == "rubric-unknown-item"
    ]
    assert found[0][:2] == (5, 37) and "effect-trainig" in found[0][2]
    assert found[1][0] == 6 and "both names and refuses 'training'" in found[1][2]


def test_an_item_with_several_concepts_follows_the_rubrics_rule() -> None:
    # model-home.org-dues asks for dues and members (all): 会费 alone is not enough
    text = SCHOOL + _tasks("{id: a, title: 按时收缴会费}")
    doc = parse(text, "p.yaml")
    (cov,) = coverages(validate(doc), doc, [load_rubric("model-home")])
    dues = next(c for c in cov.items if c.item.id == "org-dues")
    assert dues.status == "hinted" and dues.missing == ["members"]
    text = SCHOOL + _tasks("{id: a, title: 按时收缴会费}", "{id: b, title: 做好新教师入会}")
    assert _status(text, "model-home")["model-home.org-dues"] == "covered"
    # five-ones-school.care says 帮扶“或”送温暖 (match: any): one of them is enough
    text = SCHOOL + _tasks("{id: a, title: 春节送温暖}")
    assert _status(text, "five-ones-school")["five-ones-school.care"] == "covered"


def test_defaults_by_kind_when_rubrics_is_absent() -> None:
    def refs(head: str) -> list[str]:
        return default_rubrics(validate(parse(head + "tasks: []\n")))

    assert refs(SCHOOL) == ["five-ones-school", "model-home"]
    assert refs(ENTERPRISE) == ["five-ones-enterprise", "model-home"]
    assert refs("organisation: 市第一人民医院工会\nyear: 2026\nkind: institution\n") == [
        "model-home"
    ]
    assert refs("organisation: 城东区总工会\nyear: 2026\nkind: federation\n") == []
    # near miss: no `kind:`, no defaults (the name still tells the kind for applicability)
    assert refs("organisation: 城东小学工会\nyear: 2026\n") == []
    text = SCHOOL + _tasks("{id: a, title: 召开教代会, owners: 工会, deadline: 3月}")
    result = lint_text(text)
    assert sorted(c.rubric.id for c in result.coverage) == ["five-ones-school", "model-home"]
    uncovered = [p for p in result.problems if p.rule == "rubric-uncovered"]
    assert uncovered and all(p.location and p.location.line == 3 for p in uncovered)  # kind:
    # `rubrics: []` holds the plan to none
    assert lint_text(text + "rubrics: []\n").coverage == []


def test_items_apply_only_to_the_kinds_their_source_asks() -> None:
    text = SCHOOL + _tasks("{id: a, title: 召开教代会}")
    doc = parse(text, "p.yaml")
    (cov,) = coverages(validate(doc), doc, [load_rubric("model-home")])
    skipped = {i.id for i in cov.not_applicable}
    assert {"rights-contract", "rights-labour-contract", "rights-mediation"} <= skipped
    assert "not asked of a school" in cov.summary()
    # near miss: an enterprise is asked for its 集体合同
    doc = parse(ENTERPRISE + _tasks("{id: a, title: 召开职代会}"), "p.yaml")
    (ent,) = coverages(validate(doc), doc, [load_rubric("model-home")])
    assert "rights-contract" in {c.item.id for c in ent.uncovered}
    assert ent.not_applicable == []
    # without `kind:` the union's name tells it, as for `planforge new`
    assert plan_kind(validate(parse("organisation: 南湖区实验中学工会\nyear: 2026\n"))) is (
        Kind.SCHOOL
    )


def test_the_evidence_is_in_the_findings_and_in_json(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        SCHOOL
        + "rubrics: [five-ones-school]\n"
        + _tasks(
            "{id: t-congress, title: 召开第六届教代会第三次会议, owners: 工会, deadline: 3月}",
            "{id: dues, title: 按时收缴会费, owners: 工会, deadline: 全年}",
        ),
        encoding="utf-8",
    )
    text = run_cli("check", plan, "--rubric", "model-home", "--show", "info").stdout
    assert (
        "plan.yaml:6:29: info rubric-covered-by-words task 't-congress' counts for "
        "five-ones-school.congress, model-home.rights-congress by its words (教代会)"
    ) in text
    assert "partly covered by dues: 按时收缴会费 (会费); still wanted: 会员发展与入会率" in text
    data = json.loads(run_cli("check", plan, "--rubric", "model-home", "-f", "json").stdout)
    (five,) = [c for c in data["files"][0]["coverage"] if c["rubric"] == "five-ones-school"]
    congress = next(i for i in five["items"] if i["id"] == "congress")
    assert congress["status"] == "covered" and congress["tasks"] == ["t-congress"]
    assert congress["evidence"] == [
        {
            "task": "t-congress",
            "title": "召开第六届教代会第三次会议",
            "via": "words",
            "concept": "congress",
            "words": ["教代会"],
            "tag": None,
        }
    ]
    care = next(i for i in five["items"] if i["id"] == "care")
    assert care["status"] == "uncovered" and "送温暖" in care["words"]


def test_the_examples_are_covered_with_no_rubric_tags() -> None:
    for name in ("school-2026.zh.yaml", "enterprise-2026.zh.yaml"):
        path = EXAMPLES / name
        text = path.read_text(encoding="utf-8")
        plan = validate(parse(text, str(path)))
        assert all(not t.rubric for _, t in plan.walk()), name
        kind_defaults = default_rubrics(plan)
        assert set(kind_defaults) <= set(plan.rubrics), name
        result = lint_text(text, name=str(path))
        for cov in result.coverage:
            if cov.rubric.id in kind_defaults:
                assert cov.uncovered == [], (name, cov.summary())


def test_rubrics_show_says_whom_an_item_is_asked_of() -> None:
    text = run_cli("rubrics", "show", "model-home").stdout
    at = text.index("  model-home.rights-contract\n")
    assert "      asked of: enterprise, institution\n" in text[at : at + 300]
    at = text.index("  model-home.org-dues\n")
    assert "      concepts: dues, members (all of them)\n" in text[at : at + 400]
    assert "asked of" not in text[at : text.index("  model-home.rights-congress\n")]
