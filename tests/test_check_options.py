"""Rule options: a changed threshold changes the findings; the configuration sets them
(`rules: {rule-id: {level: ..., option: value}}`) and rejects unknown or mistyped ones
with a located error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from planforge.check.rules import LINT_RULES, RULES
from planforge.config import load_config
from planforge.errors import UsageError
from rules_helpers import HEAD_ZH, findings, lint_text

Options = dict[str, dict[str, object]]

# (rule, snippet, options, expected lines): each option once at its default (or a near
# miss) and once changed so that the findings change.
CASES: list[tuple[str, str, Options, list[int]]] = []

FOUR_DATED = (
    HEAD_ZH
    + "tasks:\n"
    + "".join(f"  - {{id: t{m}, title: 工作{m}, deadline: {m}月}}\n" for m in range(1, 5))
)
CASES += [
    ("empty-month", FOUR_DATED, {}, []),  # a short draft: six dated tasks needed
    ("empty-month", FOUR_DATED, {"empty-month": {"min-dated-tasks": 5}}, []),
    ("empty-month", FOUR_DATED, {"empty-month": {"min-dated-tasks": 4}}, [3]),
]

OLD_YEARS = HEAD_ZH + "ideology:\n  - 总结2023年工作经验\n  - 展望2028年工会工作\n"
CASES += [
    ("year-mismatch", OLD_YEARS, {}, [4, 5]),
    ("year-mismatch", OLD_YEARS, {"year-mismatch": {"years-before": 3}}, [5]),
    ("year-mismatch", OLD_YEARS, {"year-mismatch": {"years-before": 2}}, [4, 5]),
    ("year-mismatch", OLD_YEARS, {"year-mismatch": {"years-after": 2, "years-before": 3}}, []),
]

SLOGANS = (
    HEAD_ZH
    + "goals:\n  - {id: g1, text: 切实加强服务}\n  - {id: g2, text: 进一步加强教师队伍建设}\n"
)
CASES += [
    ("empty-slogan", SLOGANS, {}, [4]),  # 教师队伍 is 4 of 11 characters: above 30%
    ("empty-slogan", SLOGANS, {"empty-slogan": {"max-other-percent": 40}}, [4, 5]),
    ("empty-slogan", SLOGANS, {"empty-slogan": {"min-stock-phrases": 3}}, []),
]


@pytest.mark.parametrize(
    ("rule", "snippet", "options", "lines"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_options_change_what_a_rule_reports(
    rule: str, snippet: str, options: Options, lines: list[int]
) -> None:
    assert sorted(line for _, line in findings(snippet, rule, options=options)) == lines


def _messages(text: str, rule: str, options: Options | None = None) -> list[tuple[str, str]]:
    return [
        (p.message, p.hint or "")
        for p in lint_text(text, options=options).problems
        if p.rule == rule
    ]


def test_hint_tasks_limits_the_tasks_a_hint_names() -> None:
    text = (
        HEAD_ZH
        + "rubrics: [five-ones-school]\ntasks:\n"
        # 代表大会 is a keyword of the item, not a concept's word: a hint, not coverage
        + "".join(f"  - {{id: jdh{i}, title: 筹备第{i}次代表大会}}\n" for i in range(1, 5))
    )
    congress = [h for m, h in _messages(text, "rubric-uncovered") if "'congress'" in m]
    assert congress == [
        "a task whose title or text says 教代会、教职工代表大会、教职工大会 counts; "
        "task jdh1, jdh2, jdh3 may cover it: add `rubric: [five-ones-school.congress]` to the task that does"
    ]
    one = {"rubric-uncovered": {"hint-tasks": 1}}
    congress = [h for m, h in _messages(text, "rubric-uncovered", one) if "'congress'" in m]
    assert congress == [
        "a task whose title or text says 教代会、教职工代表大会、教职工大会 counts; "
        "task jdh1 may cover it: add `rubric: [five-ones-school.congress]` to the task that does"
    ]


def test_min_points_leaves_out_cheap_items() -> None:
    text = HEAD_ZH + (
        "rubrics: [home-scoring]\ntasks:\n"
        "  - {id: jdh, title: 召开教代会, rubric: [home-scoring.congress]}\n"
        "  - {id: ht, title: 签订集体合同, rubric: [home-scoring.contract]}\n"
    )

    def items(options: Options | None) -> set[str]:
        return {
            m.split("item '")[1].split("'")[0]
            for m, _ in _messages(text, "rubric-points-missed", options)
        }

    every = items(None)
    assert {"openness", "survey", "contest", "warmth", "plan", "honour"} <= every
    assert items({"rubric-points-missed": {"min-points": 8}}) == {"openness", "survey", "contest"}
    assert items({"rubric-points-missed": {"min-points": 8.5}}) == {"openness", "survey"}


def test_details_limits_the_problems_quoted_from_a_broken_rubric(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "id: bad\ntitle: 坏\nitems:\n  - {id: a}\n  - {id: b}\n", "utf-8"
    )
    text = HEAD_ZH + "rubrics: [./bad.yaml]\n"
    plan = tmp_path / "plan.yaml"
    ((message, _),) = _messages_at(plan, text, None)
    assert message.count("text") == 2  # both items lack their text
    ((message, _),) = _messages_at(plan, text, {"unknown-rubric": {"details": 0}})
    assert "text" not in message


def _messages_at(plan: Path, text: str, options: Options | None) -> list[tuple[str, str]]:
    return [
        (p.message, p.hint or "")
        for p in lint_text(text, str(plan), options=options).problems
        if p.rule == "unknown-rubric"
    ]


def test_every_option_is_documented_with_its_default() -> None:
    text = (Path(__file__).parent.parent / "docs" / "rules.md").read_text("utf-8")
    options = [(r, o) for r in LINT_RULES for o in r.options]
    assert len(options) >= 8
    for rule, option in options:
        assert f"| `{option.name}` | {option.type_name} | `{option.shown()}` |" in text
        assert option.parse(option.default) == option.default, (rule.id, option.name)


def test_rules_id_prints_the_options_with_their_defaults() -> None:
    result = run_cli("rules", "year-mismatch")
    assert result.exit_code == 0
    assert "years-before  a whole number, default 1:" in result.stdout
    assert "years-after   a whole number, default 1:" in result.stdout
    assert "cannot be turned off" in run_cli("rules", "load-error").stdout


# ---------------------------------------------------------------------------- configuration

PLAN = (
    HEAD_ZH
    + "tasks:\n"
    + "".join(
        f"  - {{id: t{m}, title: 工作{m}, owners: 工会, deadline: {m}月}}\n" for m in range(1, 5)
    )
)


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "a.yaml").write_text(PLAN, "utf-8")
    (tmp_path / "drafts" / "b.yaml").write_text(PLAN, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(stdout: str, rule: str) -> list[tuple[str, str]]:
    return [(f["path"], f["severity"]) for f in json.loads(stdout)["findings"] if f["rule"] == rule]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".planforge.yaml", "rules:\n  empty-month: {level: warning, min-dated-tasks: 4}\n"),
        ("planforge.toml", "[rules.empty-month]\nlevel = 'warning'\nmin-dated-tasks = 4\n"),
    ],
)
def test_a_configuration_sets_level_and_options_together(plans: Path, name: str, text: str) -> None:
    assert _found(run_cli("check", "a.yaml", "-f", "json").stdout, "empty-month") == []
    (plans / name).write_text(text, "utf-8")
    result = run_cli("check", "a.yaml", "-f", "json")
    assert _found(result.stdout, "empty-month") == [("a.yaml", "warning")]


def test_options_without_a_level_keep_the_severity_and_overrides_apply_per_path(
    plans: Path,
) -> None:
    (plans / ".planforge.yaml").write_text(
        "rules:\n  empty-month: {min-dated-tasks: 4}\n"
        "overrides:\n  - files: [drafts/]\n    rules:\n      empty-month: {min-dated-tasks: 5}\n",
        "utf-8",
    )
    result = run_cli("check", ".", "-f", "json")
    assert _found(result.stdout, "empty-month") == [("a.yaml", "info")]


def test_extends_keeps_the_options_a_file_does_not_change(plans: Path) -> None:
    (plans / "base.yaml").write_text(
        "rules:\n  year-mismatch: {years-before: 3, years-after: 2}\n", "utf-8"
    )
    (plans / "ci.yaml").write_text(
        "extends: base.yaml\nrules:\n  year-mismatch: {years-after: 1}\n", "utf-8"
    )
    assert load_config(plans / "ci.yaml").options == {
        "year-mismatch": {"years-before": 3, "years-after": 1}
    }


@pytest.mark.parametrize(
    ("text", "message", "where", "hint"),
    [
        (
            "rules:\n  empty-month:\n    level: info\n    min-dated-task: 4\n",
            "rule 'empty-month' has no option 'min-dated-task'",
            (4, 5),
            "did you mean 'min-dated-tasks'?",
        ),
        (
            "rules:\n  empty-month: {levle: info}\n",
            "rule 'empty-month' has no option 'levle'",
            (2, 17),
            "did you mean 'level'?",
        ),
        (
            "rules:\n  duplicate-title: {max: 3}\n",
            "rule 'duplicate-title' has no option 'max'",
            (2, 21),
            "duplicate-title takes no options, only `level`",
        ),
        (
            "rules:\n  year-mismatch: {years-before: 两年}\n",
            "rule 'year-mismatch' option 'years-before': expected a whole number, got '两年'",
            (2, 33),
            "years-before: years before the plan's year the text may name (default 1)",
        ),
        (
            "rules:\n  year-mismatch: {years-after: true}\n",
            "rule 'year-mismatch' option 'years-after': expected a whole number, got True",
            (2, 32),
            None,
        ),
        (
            "rules:\n  empty-month: {min-dated-tasks: -1}\n",
            "rule 'empty-month' option 'min-dated-tasks': expected 0 or more, got -1",
            (2, 34),
            None,
        ),
        (
            "rules:\n  empty-slogan: {level: loud}\n",
            "rule 'empty-slogan': expected error, warning, info or off, got 'loud'",
            (2, 25),
            None,
        ),
        (
            "overrides:\n  - files: [a]\n    rules:\n      rubric-points-missed: {min-points: [1]}\n",
            "rule 'rubric-points-missed' option 'min-points': expected a number, got [1]",
            (4, 42),
            None,
        ),
        (
            "rules:\n  schema: off\n",
            "rule 'schema' cannot be turned off or changed",
            (2, 3),
            None,
        ),
    ],
)
def test_a_bad_rule_setting_is_located_and_exits_2(
    plans: Path, text: str, message: str, where: tuple[int, int], hint: str | None
) -> None:
    (plans / "me.yaml").write_text(text, "utf-8")
    with pytest.raises(UsageError) as info:
        load_config(plans / "me.yaml")
    (problem,) = info.value.problems
    assert problem.message.startswith(message)
    assert problem.location is not None
    assert (problem.location.line, problem.location.col) == where
    if hint is not None:
        assert problem.hint == hint
    result = run_cli("check", "a.yaml", "--config", "me.yaml")
    assert result.exit_code == 2
    assert f"me.yaml:{where[0]}:{where[1]}: error config: {message}" in result.stderr
    assert "^" in result.stderr and "Traceback" not in result.stderr


def test_every_rule_of_the_registry_has_one_shape() -> None:
    for rule in RULES.values():
        assert rule.summary and rule.doc and rule.family
        assert rule.configurable is (rule.family != "input")
        assert len({o.name for o in rule.options}) == len(rule.options)
