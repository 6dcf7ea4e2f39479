"""`planforge new`: starters that pass check, safe writing, prompting and its absence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from planforge.model.deadline import FORMS
from planforge.model.plan import Plan, Task
from planforge.model.schema import SCHEMA_ID
from planforge.resources import templates_dir
from planforge.starter import NewOptions, default_year, run_new
from planforge.validate import load_plan

STARTERS = ["school", "enterprise", "federation", "institution", "en"]


def _without_owners(plan: Plan) -> list[str]:
    missing: list[str] = []

    def visit(tasks: list[Task], inherited: bool) -> None:
        for task in tasks:
            has = inherited or bool(task.owners)
            if not task.tasks and not has:
                missing.append(task.id)
            visit(task.tasks, has)

    visit(plan.tasks, False)
    return missing


def _new(path: Path, *args: str) -> Any:
    return run_cli("new", path, "--no-input", *args)


@pytest.mark.parametrize("starter", STARTERS)
def test_each_starter_passes_check(tmp_path: Path, starter: str) -> None:
    path = tmp_path / "plan.yaml"
    result = _new(path, "--org", "滨江区第二实验小学工会", "--year", "2027", "--starter", starter)
    assert result.exit_code == 0, result.output
    assert f"wrote {path}" in result.stdout and f"planforge check {path}" in result.stdout
    check = run_cli("check", path)
    assert check.exit_code == 0, check.output
    plan = load_plan(path)
    assert plan.organisation == "滨江区第二实验小学工会" and plan.year == 2027
    assert plan.language.value == ("en" if starter == "en" else "zh")
    leaves = [t for _, t in plan.leaves()]
    assert len(leaves) >= 10 and all(t.deadline for t in leaves)
    assert _without_owners(plan) == []  # owners are given or inherited from a heading
    assert max(len(p) for p, _ in plan.walk()) >= 3
    assert plan.rubrics and any(t.rubric for t in leaves)


@pytest.mark.parametrize("starter", STARTERS)
def test_starters_keep_their_teaching_comments(tmp_path: Path, starter: str) -> None:
    path = tmp_path / "plan.yaml"
    assert _new(path, "--org", "Test Union", "--year", "2026", "--starter", starter).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_ID}"
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) > 40
    body = "\n".join(comments)
    for key in ("deadline", "status", "done_on", "result", "rubric", "owners"):
        assert key in body
    # every deadline form the parser knows is shown
    for example in ("2026-03-20", "Q1", "monthly" if starter == "en" else "每月"):
        assert example in body
    if starter != "en":
        assert "一、" in body and "（一）" in body and "（1）" in body


def test_starter_comments_show_forms_the_parser_accepts(tmp_path: Path) -> None:
    # the deadline forms in FORMS and in the starter guide agree on the main spellings
    guide = (templates_dir() / "starters" / "_guide.zh.j2").read_text(encoding="utf-8")
    for spelling in ("3月20日", "第一季度", "上半年", "每季度", "全年"):
        assert spelling in guide and spelling in FORMS


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("precious: true\n", encoding="utf-8")
    result = _new(path, "--org", "第一中学工会")
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "precious: true\n"


def test_force_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("precious: true\n", encoding="utf-8")
    result = _new(path, "--org", "第一中学工会", "--year", "2026", "--force")
    assert result.exit_code == 0, result.output
    assert load_plan(path).organisation == "第一中学工会"


def test_missing_org_without_input_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    result = _new(path, "--year", "2026")
    assert result.exit_code == 2
    assert "--org" in result.stderr
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_without_a_terminal_it_never_prompts(tmp_path: Path) -> None:
    # CliRunner's stdin is not a terminal: no prompt, the missing --org is an error
    result = run_cli("new", tmp_path / "plan.yaml")
    assert result.exit_code == 2 and "--org" in result.stderr


def test_path_defaults_to_plan_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "--no-input", "--org", "第一中学工会", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert load_plan(tmp_path / "plan.yaml").year == 2026


@pytest.mark.parametrize(
    "org",
    ['东方机械厂工会："先锋"班组', 'Riverside: "Unison" #3', "- 工会 #1", "'单引号'工会", "yes"],
)
def test_awkward_org_names_round_trip(tmp_path: Path, org: str) -> None:
    path = tmp_path / "plan.yaml"
    result = _new(path, "--org", org, "--year", "2026", "--starter", "school")
    assert result.exit_code == 0, result.output
    plan = load_plan(path)
    assert plan.organisation == org and plan.signed_by == org


def test_control_characters_in_org_are_refused(tmp_path: Path) -> None:
    result = _new(tmp_path / "plan.yaml", "--org", "第一\n中学工会")
    assert result.exit_code == 2 and "control" in result.stderr


@pytest.mark.parametrize(
    ("args", "language", "kind"),
    [
        (["--lang", "en"], "en", "other"),
        (["--starter", "en"], "en", "other"),
        (["--lang", "en", "--starter", "enterprise"], "en", "enterprise"),
        (["--starter", "federation"], "zh", "federation"),
        (["--kind", "school"], "zh", "school"),
        (["--kind", "institution"], "zh", "institution"),
    ],
)
def test_language_and_starter_defaults(
    tmp_path: Path, args: list[str], language: str, kind: str
) -> None:
    path = tmp_path / "plan.yaml"
    result = _new(path, "--org", "Union", "--year", "2026", *args)
    assert result.exit_code == 0, result.output
    plan = load_plan(path)
    assert (plan.language.value, plan.kind.value if plan.kind else None) == (language, kind)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--starter", "en", "--lang", "zh"], "written in English"),
        (["--lang", "fr"], "--lang fr"),
        (["--starter", "hospital"], "--starter hospital"),
        (["--year", "1900"], "--year 1900"),
    ],
)
def test_bad_choices_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = _new(tmp_path / "plan.yaml", "--org", "第一中学工会", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_plan_path(tmp_path: Path) -> None:
    result = _new(tmp_path, "--org", "第一中学工会")
    assert result.exit_code == 2 and "folder" in result.stderr


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 1, 5), 2026),
        (dt.date(2026, 10, 31), 2026),
        (dt.date(2026, 11, 1), 2027),
        (dt.date(2026, 12, 31), 2027),
    ],
)
def test_default_year(today: dt.date, year: int) -> None:
    assert default_year(today) == year


def test_defaults_year_without_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("planforge.starter._today", lambda: dt.date(2026, 11, 20))
    path = tmp_path / "plan.yaml"
    assert (
        run_new(
            NewOptions(
                path=path,
                org="第一中学工会",
                year=None,
                lang=None,
                starter=None,
                no_input=True,
                force=False,
            )
        )
        == 0
    )
    assert load_plan(path).year == 2027


def test_prompts_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from planforge.cli import build_app

    monkeypatch.setattr("planforge.starter.interactive", lambda: True)
    monkeypatch.setattr("planforge.starter._today", lambda: dt.date(2026, 3, 1))
    path = tmp_path / "plan.yaml"
    # organisation typed; year, starter and language take their defaults (Enter)
    result = CliRunner().invoke(build_app(), ["new", str(path)], input="实验中学工会\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Issuing union" in result.output and "[2026]" in result.output
    plan = load_plan(path)
    assert (plan.organisation, plan.year, plan.language.value, plan.kind.value) == (
        "实验中学工会",
        2026,
        "zh",
        "school",
    )


def test_end_of_input_at_a_prompt_aborts_without_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from planforge.cli import build_app

    monkeypatch.setattr("planforge.starter.interactive", lambda: True)
    path = tmp_path / "plan.yaml"
    result = CliRunner().invoke(build_app(), ["new", str(path)], input="")  # Ctrl-D
    assert result.exit_code == 1
    assert "aborted; nothing was written" in result.output
    assert "internal error" not in result.output
    assert not path.exists()


def test_prompted_language_follows_the_starter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from planforge.cli import build_app

    monkeypatch.setattr("planforge.starter.interactive", lambda: True)
    path = tmp_path / "plan.yaml"
    args = ["new", str(path), "--org", "Union", "--year", "2026", "--starter", "en"]
    result = CliRunner().invoke(build_app(), args, input="\n")
    assert result.exit_code == 0, result.output
    assert load_plan(path).language.value == "en"


def test_an_invalid_starter_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planforge.render.jinja as jinja

    real = jinja.render_template

    def broken(env: object, name: str, context: dict[str, object]) -> str:
        return real(env, name, context).replace("year: 2026", "year: twenty", 1)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja, "render_template", broken)
    path = tmp_path / "plan.yaml"
    result = _new(path, "--org", "第一中学工会", "--year", "2026")
    assert result.exit_code == 2
    assert "bug in planforge" in result.stderr and "year" in result.stderr
    assert not path.exists()


@pytest.mark.parametrize("starter", ["school", "enterprise", "federation"])
def test_chinese_starters_use_full_width_punctuation(tmp_path: Path, starter: str) -> None:
    import re

    from planforge.load import load

    path = tmp_path / "plan.yaml"
    assert (
        _new(path, "--org", "第一中学工会", "--year", "2026", "--starter", starter).exit_code == 0
    )
    texts: list[str] = []

    def collect(data: object) -> None:
        if isinstance(data, str):
            texts.append(data)
        elif isinstance(data, dict):
            for value in data.values():
                collect(value)
        elif isinstance(data, list):
            for item in data:
                collect(item)

    collect(load(path).data)
    mixed = re.compile(r"[\u4e00-\u9fff][,;:()?!]|[,;:()?!][\u4e00-\u9fff]")
    assert [t for t in texts if mixed.search(t)] == []
    assert not re.search(r"xx|XX|××|某某", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("org", "args", "template", "kind"),
    [
        ("滨江区人民医院工会", [], "institution", "institution"),
        ("滨江区疾病预防控制中心工会", [], "institution", "institution"),
        ("第一中学工会", [], "school", "school"),
        ("实验幼儿园工会委员会", [], "school", "school"),
        ("东方机械厂工会", [], "enterprise", "enterprise"),
        ("华东电力集团有限公司工会", [], "enterprise", "enterprise"),
        ("滨江区总工会", [], "federation", "federation"),
        ("某某工会", ["--kind", "institution"], "institution", "institution"),
        ("某某工会", ["--kind", "other"], "institution", "other"),
        ("第一中学工会", ["--kind", "enterprise"], "enterprise", "enterprise"),
        ("滨江区人民医院工会", ["--starter", "school"], "school", "school"),
    ],
)
def test_the_kind_of_organisation_chooses_the_starter(tmp_path, org, args, template, kind):
    path = tmp_path / "plan.yaml"
    result = _new(path, "--org", org, "--year", "2027", *args)
    assert result.exit_code == 0, result.output
    assert f"({template} starter" in result.stdout
    plan = load_plan(path)
    assert plan.kind.value == kind
    text = path.read_text(encoding="utf-8")
    assert ("教代会" in text) == (template == "school")


def test_a_union_whose_name_tells_nothing_is_asked_for_its_kind(tmp_path):
    path = tmp_path / "plan.yaml"
    result = _new(path, "--org", "某某工会", "--year", "2027")
    assert result.exit_code == 2
    assert "cannot tell from '某某工会' what kind of organisation it is" in result.stderr
    assert "--kind (school, enterprise, federation, institution, other)" in result.stderr
    assert not path.exists()


@pytest.mark.parametrize(("option", "value"), [("--starter", "hospital"), ("--kind", "hospital")])
def test_an_unknown_starter_or_kind_lists_the_choices(tmp_path, option, value):
    result = _new(tmp_path / "plan.yaml", "--org", "某某医院工会", option, value)
    assert result.exit_code == 2
    assert f"{option} {value}: expected one of" in result.stderr
    assert "institution" in result.stderr
