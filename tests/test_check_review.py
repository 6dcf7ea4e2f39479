"""The review rules on the kind of plans a federation reviewer sees, and the quiet text
output: each weakness found at its line, each near miss left alone, the examples clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import example_files, run_cli
from planforge.check.rules import RULES
from rules_helpers import HEAD_ZH, findings, lint_text

WEAK = Path(__file__).parent / "fixtures" / "weak"
REVIEW_RULES = {r.id for r in RULES.values() if r.family == "review"}


def weak(name: str) -> str:
    return (WEAK / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- weak plans

# Each weakness of each weak plan: (rule, line). A reviewer's remark, where it belongs.
WEAKNESSES = {
    "copied-last-year.zh.yaml": [
        ("year-mismatch", 5),  # title: 晨光中学工会2026年工作计划 in 2027
        ("year-mismatch", 8),  # 上级工会2026年工作要点
        ("year-mismatch", 8),  # 学校2026年工作计划
        ("year-mismatch", 11),  # goal: 2026年教代会提案办结率
        ("year-mismatch", 30),  # 编制2026年工会经费预算
        ("deadline-outside-year", 32),  # deadline: 2026-12
    ],
    "empty-shell.zh.yaml": [
        ("plan-empty", 2),  # no ideology, no goals
        ("plan-empty", 2),  # no issue date
    ],
    "enterprise-weak.zh.yaml": [
        ("goal-below-rubric", 10),  # 入会率达到60% against 95%
        ("business-target-goal", 12),  # 实现年产值20亿元，利润增长10%
        ("congress-kind", 17),  # an enterprise's 教代会
        ("out-of-season", 23),  # 元旦、春节送温暖 in July
        ("dues-forbidden-use", 30),  # 年终奖 from 工会经费
        ("dues-forbidden-use", 30),  # 购物卡 from 工会经费
        ("dues-rate", 35),  # 工资总额的1%
    ],
    "school-weak.zh.yaml": [
        ("goal-below-rubric", 10),  # 满意率70% against 80%
        ("congress-kind", 16),  # a school's 职代会
        ("congress-teacher-share", 17),  # 80 representatives, 40 teachers
        ("congress-teacher-share", 22),  # 教师代表不低于50%
        ("out-of-season", 31),  # 三八 in October
        ("out-of-season", 35),  # 金秋助学 in March
        ("out-of-season", 39),  # 夏送清凉 in December
        ("section-titles-only", 45),  # 文体活动: three bare titles
    ],
}


@pytest.mark.parametrize("name", sorted(WEAKNESSES))
def test_each_weakness_is_found_at_its_line(name: str) -> None:
    found = findings(weak(name), name=name)
    review = sorted(
        (rule, line)
        for rule, line in found
        if rule in REVIEW_RULES | {"year-mismatch", "deadline-outside-year"}
    )
    assert review == sorted(WEAKNESSES[name])


def test_the_near_misses_in_the_weak_plans_are_left_alone() -> None:
    # the copied plan's past references: 审议…2026年度财务工作报告, 总结2026年工作,
    # 表彰2026年度先进, 2026年度“最美教师”评选表彰
    lines = {line for rule, line in findings(weak("copied-last-year.zh.yaml"), "year-mismatch")}
    assert not lines & {18, 23, 27}
    # the enterprise's 劳动竞赛 goal and task mention 产值; 严禁…请客送礼 is a promise
    enterprise = findings(weak("enterprise-weak.zh.yaml"))
    assert ("business-target-goal", 14) not in enterprise
    assert ("business-target-goal", 26) not in enterprise
    assert ("dues-forbidden-use", 35) not in enterprise
    # 一线教师代表不少于50% is a share of a part of the teachers; 教师节 in 9月 is in season
    school = findings(weak("school-weak.zh.yaml"))
    assert [line for rule, line in school if rule == "congress-teacher-share"] == [17, 22]
    assert ("out-of-season", 43) not in school


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_no_example_gets_a_review_finding(path: Path) -> None:
    found = findings(path.read_text(encoding="utf-8"), name=str(path))
    assert [f for f in found if f[0] in REVIEW_RULES | {"year-mismatch"}] == []


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_check_on_every_example_prints_at_most_30_lines(path: Path) -> None:
    result = run_cli("check", path)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) <= 30, result.stdout


# ---------------------------------------------------------------------------- the year

PLAN_2027 = "organisation: 晨光中学工会\nyear: 2027\n"


@pytest.mark.parametrize(
    ("line", "copied"),
    [
        ("贯彻落实上级工会2026年工作要点", True),
        ("认真落实2026年教代会决议", True),
        ("全面完成2026年各项目标任务", True),
        ("听取审议2026年度工作报告", False),
        ("总结2026年工作，谋划新一年工作", False),
        ("开展2026年度先进评选表彰", False),
        ("截至2026年底，会员1260人", False),
        ("会员人数较2026年增长5%", False),
        ("贯彻2026年12月召开的市总工会全委会精神", False),
        ("在2026年工作的基础上", False),
        ("贯彻落实上级工会2027年工作要点", False),
    ],
)
def test_last_years_year_is_a_finding_unless_the_words_speak_of_the_past(
    line: str, copied: bool
) -> None:
    found = findings(PLAN_2027 + f"ideology:\n  - {line}\n", "year-mismatch")
    assert found == ([("year-mismatch", 4)] if copied else [])


def test_results_and_the_summary_may_name_last_year() -> None:
    text = (
        PLAN_2027 + "tasks:\n"
        "  - id: a\n"
        "    title: 召开教代会\n"
        "    result: 提案数比2026年多12件\n"
        "summary:\n"
        "  overview: 2026年我校工会获评区先进职工之家\n"
    )
    assert findings(text, "year-mismatch") == []


def test_past_wording_false_allows_last_year_anywhere() -> None:
    text = PLAN_2027 + "title: 晨光中学工会2026年工作计划\n"
    assert findings(text, "year-mismatch") == [("year-mismatch", 3)]
    options = {"year-mismatch": {"past-wording": False}}
    assert findings(text, "year-mismatch", options=options) == []


def test_an_english_title_with_last_years_year_is_a_finding() -> None:
    head = "organisation: Riverside Branch\nyear: 2027\nlanguage: en\n"
    text = head + "title: Riverside Branch Work Plan 2026\n"
    assert findings(text, "year-mismatch") == [("year-mismatch", 4)]
    review = head + "goals:\n  - {id: g1, text: Grow membership by 5% compared with 2026.}\n"
    assert findings(review, "year-mismatch") == []


# ---------------------------------------------------------------------------- the rules


def test_an_empty_plan_without_tasks_is_an_error_and_a_complete_one_is_not() -> None:
    text = HEAD_ZH + "tasks: []\n"
    problems = [p for p in lint_text(text).problems if p.rule == "plan-empty"]
    lines = {p.message: p.location.line if p.location else None for p in problems}
    assert lines == {
        "the plan has no tasks": 3,  # at `tasks: []`
        "the plan has neither a guiding ideology (指导思想) nor goals (工作目标)": 1,
        "the plan has no issue date (成文日期)": 1,
    }
    assert {p.severity.value for p in problems} == {"error"}
    dated = HEAD_ZH + "signature: {date: 2026-02-01}\ngoals:\n  - {id: g1, text: 入会率98%}\n"
    complete = dated + "tasks:\n  - {id: a, title: 召开教代会}\n"
    assert findings(complete, "plan-empty") == []


def test_the_kind_comes_from_the_unions_name_when_the_plan_does_not_say() -> None:
    tasks = "tasks:\n  - {id: a, title: 召开第三届教代会第二次会议}\n"
    company = "organisation: 宏达机械有限公司工会\nyear: 2026\n"
    assert findings(company + tasks, "congress-kind") == [("congress-kind", 4)]
    hospital = "organisation: 市第一人民医院工会\nyear: 2026\n"
    assert findings(hospital + tasks, "congress-kind") == []
    enterprise_congress = "tasks:\n  - {id: a, title: 召开第三届职代会第二次会议}\n"
    assert findings(company + enterprise_congress, "congress-kind") == []


def test_the_teacher_share_is_read_from_the_congress_figures() -> None:
    text = HEAD_ZH + (
        "tasks:\n"
        "  - id: a\n"
        "    title: 召开教代会\n"
        "    figures: {正式代表: 80, 教师代表: 44}\n"
        "  - id: b\n"
        "    title: 召开教代会二次会议\n"
        "    figures: {正式代表: 80, 教师代表: 48}\n"
    )
    assert findings(text, "congress-teacher-share") == [("congress-teacher-share", 6)]


def test_a_goal_is_held_to_the_rubric_the_plan_names() -> None:
    goals = "goals:\n  - {id: g1, text: 集体合同履约满意率达到85%。}\n"
    text = HEAD_ZH + "rubrics: [fujian-model-home]\n" + goals
    assert findings(text, "goal-below-rubric") == [("goal-below-rubric", 5)]
    problem = next(p for p in lint_text(text).problems if p.rule == "goal-below-rubric")
    assert "90%" in problem.message and "fujian-model-home." in problem.message
    assert findings(HEAD_ZH + goals, "goal-below-rubric") == []  # home-scoring has no such rate


def test_spelled_out_payroll_shares_are_read() -> None:
    text = HEAD_ZH + "safeguards:\n  - 行政按工资总额的百分之一拨缴工会经费。\n"
    assert findings(text, "dues-rate") == [("dues-rate", 4)]
    fine = HEAD_ZH + "safeguards:\n  - 行政按工资总额的百分之二拨缴工会经费。\n"
    assert findings(fine, "dues-rate") == []


def test_a_schedule_row_out_of_season_is_a_finding() -> None:
    text = HEAD_ZH + (
        "schedule:\n"
        "  - {month: 7, work: 春节送温暖走访慰问}\n"
        "  - {month: 7, work: 夏送清凉}\n"
        "  - {month: 12, work: 元旦春节送温暖}\n"
    )
    assert findings(text, "out-of-season") == [("out-of-season", 4)]


def test_a_seasonal_task_inherits_its_sections_deadline() -> None:
    text = HEAD_ZH + (
        "tasks:\n"
        "  - id: s\n"
        "    title: 关爱女教职工\n"
        "    deadline: 10月\n"
        "    tasks:\n"
        "      - {id: a, title: 三八节座谈会}\n"
    )
    assert findings(text, "out-of-season") == [("out-of-season", 8)]  # at the task


def test_the_season_windows_are_options() -> None:
    text = HEAD_ZH + "tasks:\n  - {id: a, title: 夏送清凉慰问, deadline: 10月}\n"
    assert findings(text, "out-of-season") == [("out-of-season", 4)]
    options = {"out-of-season": {"windows": ("夏送清凉=6-10",)}}
    assert findings(text, "out-of-season", options=options) == []


def test_a_bad_season_window_in_the_configuration_is_located_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(weak("school-weak.zh.yaml"), encoding="utf-8")
    (tmp_path / ".planforge.yaml").write_text(
        "rules:\n  out-of-season: {windows: [夏送清凉=6-13]}\n", encoding="utf-8"
    )
    result = run_cli("check", "plan.yaml")
    assert result.exit_code == 2
    assert "not name=FIRST-LAST" in result.output
    (tmp_path / ".planforge.yaml").write_text(
        "rules:\n  out-of-season: {windows: [夏日送清凉=6-9]}\n", encoding="utf-8"
    )
    result = run_cli("check", "plan.yaml")
    assert result.exit_code == 2
    assert "not a seasonal activity" in result.output


def test_a_business_target_as_a_task_title_is_a_finding() -> None:
    text = HEAD_ZH + (
        "tasks:\n"
        "  - {id: a, title: 完成年销售额5亿元}\n"
        "  - {id: b, title: 开展劳动竞赛，助力销售额增长10%}\n"
        "  - {id: c, title: 召开职工代表巡视会，听取利润分配方案意见}\n"
    )
    assert findings(text, "business-target-goal") == [("business-target-goal", 4)]


def test_a_plan_of_bare_titles_throughout_is_not_a_section_finding() -> None:
    bare = "".join(f"      - {{id: {s}{i}, title: 任务{s}{i}}}\n" for i in range(3) for s in "a")
    text = HEAD_ZH + "tasks:\n  - id: s\n    title: 一节\n    tasks:\n" + bare
    assert findings(text, "section-titles-only") == []


# ---------------------------------------------------------------------------- quiet output


def test_info_findings_are_counted_and_show_info_lists_them() -> None:
    path = example_files()[-2]  # school-2026.zh.yaml: 17 tasks serve no goal
    default = run_cli("check", path).stdout
    assert (
        f"{path}: 33 info findings (task-no-goal 17, rubric-covered-by-words 16): --show info lists them"
        in default
    )
    assert "info task-no-goal" not in default
    listed = run_cli("check", path, "--show", "info").stdout
    grouped = [line for line in listed.splitlines() if "info task-no-goal" in line]
    assert len(grouped) == 1 and grouped[0].count("(line ") == 8 and "and 9 more" in grouped[0]
    every = run_cli("check", path, "--show", "all").stdout
    assert sum("info task-no-goal" in line for line in every.splitlines()) == 17
    assert default.splitlines()[-1] == every.splitlines()[-1]  # the totals count them all


def test_a_rule_firing_on_many_tasks_is_one_finding_listing_them(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(weak("empty-shell.zh.yaml"), encoding="utf-8")
    out = run_cli("check", path).stdout
    assert f"{path}:6:12: warning task-no-owner task 't1' has no owner" in out  # 2 < 3
    path.write_text(weak("school-weak.zh.yaml"), encoding="utf-8")
    out = run_cli("check", path, "-q").stdout.splitlines()
    assert (
        f"{path}:48:16: warning task-no-owner 3 tasks with no owner: "
        "c1 (line 48), c2 (line 50), c3 (line 52)"
    ) in out
    config = tmp_path / "pf.yaml"
    config.write_text("rules:\n  task-no-owner: {group-size: 0}\n", encoding="utf-8")
    ungrouped = run_cli("check", path, "-q", "--config", config).stdout
    assert ungrouped.count("warning task-no-owner task '") == 3


def test_machine_formats_keep_one_entry_per_finding(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(weak("school-weak.zh.yaml"), encoding="utf-8")
    data = json.loads(run_cli("check", path, "-f", "json").stdout)
    rules = [f["rule"] for f in data["findings"]]
    assert rules.count("task-no-owner") == 3 and rules.count("task-no-goal") == 9
    github = run_cli("check", path, "-f", "github").stdout
    assert github.count("task-no-owner") == 3


def test_a_baseline_still_leaves_out_grouped_findings(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(weak("school-weak.zh.yaml"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    run_cli("check", path, "--write-baseline", baseline)
    result = run_cli("check", path, "--baseline", baseline)
    assert result.exit_code == 0
    assert "task-no-owner" not in result.stdout
    assert "in the baseline" in result.stdout


def test_a_bad_show_value_is_a_usage_error_with_a_suggestion() -> None:
    result = run_cli("check", example_files()[0], "--show", "infos")
    assert result.exit_code == 2
    assert "did you mean 'info'?" in result.output


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("不断规范工会经费使用，年底为会员发放购物卡。", True),
        ("工会经费用于发放教职工绩效奖金。", True),
        ("劳动竞赛优胜班组的奖金从工会经费中列支。", False),
        ("会员生病住院的，工会经费按标准给予现金慰问。", False),
        ("工会经费用于困难职工生活补贴。", False),
    ],
)
def test_dues_spending_the_rules_allow_is_not_a_finding(sentence: str, found: bool) -> None:
    text = HEAD_ZH + f"safeguards:\n  - {sentence}\n"
    assert findings(text, "dues-forbidden-use") == ([("dues-forbidden-use", 4)] if found else [])


@pytest.mark.parametrize(("deadline", "fires"), [("7月", True), ("12月", False), ("1月", False)])
def test_new_year_visits_belong_to_the_turn_of_the_year(tmp_path, deadline, fires):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "organisation: 测试中学工会\nyear: 2027\nlanguage: zh\nissued: 2027-01-10\n"
        "ideology: 以职工需求为导向。\nrubrics: []\ntasks:\n"
        f"  - {{id: t1, title: 元旦慰问困难职工, owners: 工会办公室, deadline: {deadline}}}\n",
        encoding="utf-8",
    )
    out = run_cli("check", plan, "--show", "all").stdout
    assert ("out-of-season '元旦慰问困难职工'" in out) is fires
