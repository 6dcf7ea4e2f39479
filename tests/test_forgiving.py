"""Forgiving where people write Chinese, exact where they slip (issue 15): every input of
the issue's table and of its deadlines, through the real command line, with its exit code
and the words of its message (the location, the character, the suggestion); `fmt --repair`
mends what has one meaning, keeps every comment, and leaves the rest to the author."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from test_deadlines import READ, REFUSED

HEAD = """\
organisation: 测试医院工会
year: 2027
language: zh
tasks:
  - id: t1
    title: 开展院感防控知识竞赛
"""
GOOD_TASK = "    owners: 工会办公室\n    deadline: 3月\n"


# After the task, so that the table's line numbers stay those of the task's lines; a plan
# without them is a `plan-empty` error.
TAIL = "issued: 2027-01-20\nideology: 以职工需求为导向，做好服务。\n"


def plan(tmp_path: Path, body: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body + ("" if body.endswith("\n") else "\n") + TAIL, encoding="utf-8")
    return path


# (id, the task's lines as typed, exit code, words the output must hold)
TABLE = [
    ("tab", "    owners: 工会办公室\n\tdeadline: 3月\n", 2,
     ["plan.yaml:8:1:", "a tab in the indentation", "tabs cannot indent YAML", "--repair"]),
    ("full-width colon", "    owners: 工会办公室\n    deadline：5月12日\n", 2,
     ["plan.yaml:8:13:", "full-width colon '：'", "after the key 'deadline'", "    deadline：5月12日\n  |             ^^"]),
    ("full-width colon read as text", "    owners: 工会办公室\n    text:\n      - 召开\n        deadline：5月\n", 2,
     ["plan.yaml:10:17:", "full-width colon '：'", "'deadline'"]),
    ("full-width space after a key", "    owners: 工会办公室\n    deadline\u3000: 5月\n", 2,
     ["plan.yaml:8:13:", "full-width space U+3000 after the key 'deadline'"]),
    ("full-width space in indentation", "    owners: 工会办公室\n\u3000\u3000deadline: 5月\n", 2,
     ["plan.yaml:8:1:", "full-width space U+3000 in the indentation"]),
    *[
        (f"indicator {ch}", f"{GOOD_TASK}    text: {ch}重点工作\n", 2,
         ["plan.yaml:9:11:", f"the value '{ch}重点工作' starts with '{ch}'", f"text: '{ch}重点工作'"])
        for ch in "*&@`%!|>"
    ],
    ("bracketed list", "    owners: 【院感科、护理部】\n    deadline: 3月\n", 2,
     ["plan.yaml:7:13:", "full-width brackets 【】", "[院感科, 护理部]", "'【院感科、护理部】'"]),
    ("unclosed quote", f"{GOOD_TASK}    text: \"召开大会\n", 2,
     ["plan.yaml:9:11:", "the quote \" that opens the value", "is never closed", "text: '\"召开大会'"]),
    ("quote goes on", f"{GOOD_TASK}    text: \"召开\" 大会\n", 2,
     ["plan.yaml:9:11:", "goes on after its closing quote", "text: '\"召开\" 大会'"]),
    ("run-together owners", "    owners: 院感科、护理部、工会办公室\n    deadline: 3月\n", 0,
     ["no findings"]),
    # near misses: Chinese text that only looks like a slip
    ("【 in a title", "    owners: 工会办公室\n    deadline: 3月\n    text: 【重点】召开大会\n", 0,
     ["no findings"]),
    ("full-width colon in text", "    owners: 工会办公室\n    deadline: 3月\n    text: 说明：按期召开\n", 0,
     ["no findings"]),
    ("quoted indicator", "    owners: 工会办公室\n    deadline: 3月\n    text: '*重点工作'\n", 0,
     ["no findings"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "body", "code", "words"), TABLE, ids=[t[0] for t in TABLE])
def test_each_slip_of_the_table(tmp_path, case, body, code, words):
    path = plan(tmp_path, body)
    result = run_cli("check", path)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word.replace("plan.yaml", str(path)) in result.output, (word, result.output)


@pytest.mark.parametrize(("typed", "kind", "start", "end", "freq"), READ, ids=[r[0] for r in READ])
def test_each_deadline_people_write_passes_check(tmp_path, typed, kind, start, end, freq):
    result = run_cli("check", plan(tmp_path, f"    owners: 工会办公室\n    deadline: {typed}\n"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("typed", "words", "suggestion"), REFUSED, ids=[r[0] for r in REFUSED])
def test_each_deadline_that_cannot_be_read_is_located(tmp_path, typed, words, suggestion):
    path = plan(tmp_path, f"    owners: 工会办公室\n    deadline: {typed}\n")
    result = run_cli("check", path)
    assert result.exit_code == 2, result.output
    assert f"{path}:8:15:" in result.output
    assert words in result.output
    if suggestion:
        assert f"did you mean '{suggestion}'?" in result.output


@pytest.mark.parametrize(
    ("name", "what"),
    [("plan.docx", "a Word document"), ("plan.md", "a Markdown file"),
     ("plan.txt", "a text file"), ("plan.html", "an HTML page")],
)  # fmt: skip
@pytest.mark.parametrize("command", ["check", "render", "fmt", "status", "set"])
def test_a_document_is_sent_to_import(tmp_path, name, what, command):
    path = tmp_path / name
    path.write_text("# 2027年工会工作计划\n\n一、指导思想\n", encoding="utf-8")
    args = {"render": ["-o", tmp_path / "out.md"], "set": ["t1", "--status", "done"]}
    result = run_cli(command, path, *args.get(command, []))
    assert result.exit_code == 2, result.output
    assert f"this is {what}, not a YAML plan source" in result.output
    assert f"planforge import {path}" in result.output


def test_a_yaml_file_is_not_sent_to_import(tmp_path):
    result = run_cli("check", plan(tmp_path, GOOD_TASK))
    assert result.exit_code == 0 and "import" not in result.output


def test_set_says_which_file_it_wrote(tmp_path):
    path = plan(tmp_path, GOOD_TASK)
    result = run_cli("set", path, "t1", "--status", "in_progress")
    assert result.exit_code == 0
    assert f"{path}: t1: status: in_progress" in result.stdout
    again = run_cli("set", path, "t1", "--status", "in_progress")
    assert f"{path}: t1: nothing changed" in again.stdout


# ---------------------------------------------------------------------------- fmt --repair

INTENDED = """\
# 2027年工作计划
organisation: 测试医院工会
year: 2027   # 计划年度
language: zh
issued: 2027-01-20
ideology: 以职工需求为导向，做好服务。
tasks:
  - id: t1  # 第一项
    title: 开展院感防控知识竞赛
    text: 说明：按期召开
    # 牵头部门
    owners: 工会办公室
    deadline: 3月
  - id: t2
    title: 走访慰问
    owners: 工会办公室
    deadline: 5月
"""

SLIPPED = [
    ("tabs", INTENDED.replace("    title: 开展", "\ttitle: 开展").replace("    # 牵头", "\t# 牵头"),
     ["plan.yaml:9:1: repaired tab in the indentation → 4 spaces",
      "plan.yaml:11:1: repaired tab in the indentation → 4 spaces"]),
    ("all tabs", INTENDED.replace("  - id", "\t- id").replace("\n    ", "\n\t\t"),
     ["plan.yaml:8:1: repaired tab in the indentation → 2 spaces",
      "plan.yaml:9:1: repaired tabs in the indentation → 4 spaces"]),
    ("full-width colons", INTENDED.replace("deadline: 3月", "deadline：3月").replace("owners: 工会办公室\n    deadline: 5月", "owners：工会办公室\n    deadline: 5月"),
     ["plan.yaml:13:13: repaired full-width colon '：' after 'deadline' → ':'",
      "plan.yaml:16:11: repaired full-width colon '：' after 'owners' → ':'"]),
    ("full-width spaces", INTENDED.replace("    deadline: 5月", "\u3000\u3000deadline\u3000: 5月"),
     ["plan.yaml:17:1: repaired full-width spaces U+3000 in the indentation → 4 spaces",
      "plan.yaml:17:11: repaired full-width space U+3000 after 'deadline' deleted"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "slipped", "said"), SLIPPED, ids=[s[0] for s in SLIPPED])
def test_fmt_repair_gives_the_intended_file(tmp_path, case, slipped, said):
    path = tmp_path / "plan.yaml"
    path.write_text(slipped, encoding="utf-8")
    assert run_cli("check", path).exit_code == 2
    result = run_cli("fmt", "--repair", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == INTENDED  # comments and all
    for line in said:
        assert line.replace("plan.yaml", str(path)) in result.stdout, result.stdout
    assert f"repaired and reformatted {path}" in result.stdout
    assert run_cli("check", path).exit_code == 0


def test_fmt_repair_check_changes_nothing(tmp_path):
    path = tmp_path / "plan.yaml"
    slipped = INTENDED.replace("deadline: 3月", "deadline：3月")
    path.write_text(slipped, encoding="utf-8")
    result = run_cli("fmt", "--repair", "--check", path)
    assert result.exit_code == 1
    assert "would repair full-width colon" in result.stdout
    assert path.read_text(encoding="utf-8") == slipped


def test_fmt_repair_leaves_what_has_no_one_meaning(tmp_path):
    # a full-width colon inside a text's continuation line: a key there is not YAML either
    path = tmp_path / "plan.yaml"
    slipped = INTENDED.replace(
        "    text: 说明：按期召开\n", "    text:\n      - 召开\n        deadline：5月\n"
    )
    path.write_text(slipped, encoding="utf-8")
    result = run_cli("fmt", "--repair", path)
    assert result.exit_code == 2
    assert "not repaired" in result.output
    assert path.read_text(encoding="utf-8") == slipped


def test_fmt_repair_keeps_a_full_width_colon_in_text(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(INTENDED, encoding="utf-8")
    result = run_cli("fmt", "--repair", path)
    assert result.exit_code == 0 and "repaired" not in result.stdout
    assert path.read_text(encoding="utf-8") == INTENDED


# ---------------------------------------------------------------------------- fmt: one spelling


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("三月", "3月"),
        ("十二月", "12月"),
        ("１２月", "12月"),
        ("三月中旬", "3月中旬"),
        ("2027/3/5", "'2027-03-05'"),
        ("2027.3.5", "'2027-03-05'"),
        ("5月12日-5月15日", "5月12日—5月15日"),
        ("3-5月", "3—5月"),
        ("5月12号", "5月12日"),
        ("二〇二七年三月五日", "2027年3月5日"),
        # already canonical: kept as written
        ("年底前", "年底前"),
        ("第三季度末", "第三季度末"),
        ("5月12日至15日", "5月12日至15日"),
        ("每学期", "每学期"),
        ("春节前", "春节前"),
        ("Q1", "Q1"),
    ],
)
def test_fmt_writes_a_deadline_in_one_spelling(tmp_path, typed, written):
    path = plan(tmp_path, f"    owners: 工会办公室\n    deadline: {typed}   # 时限\n")
    result = run_cli("fmt", path)
    assert result.exit_code == 0, result.output
    assert f"    deadline: {written} # 时限\n" in path.read_text(encoding="utf-8").replace(
        "   #", " #"
    )
    assert run_cli("check", path).exit_code == 0


def test_fmt_writes_run_together_owners_as_a_list(tmp_path):
    path = plan(tmp_path, "    owners: 院感科、护理部，工会办公室  # 三个部门\n    deadline: 3月\n")
    assert run_cli("fmt", path).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "    owners: [院感科, 护理部, 工会办公室] # 三个部门\n" in text
    person = plan(tmp_path, "    owners: 工会主席 周慧敏\n    deadline: 3月\n", "p.yaml")
    run_cli("fmt", person)
    assert "    owners: 工会主席 周慧敏\n" in person.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- school calendar


@pytest.fixture
def calendar_folder(tmp_path, monkeypatch):
    from planforge.vocab import calendar

    monkeypatch.chdir(tmp_path)
    yield tmp_path
    calendar.configure_school_periods({})
    calendar._CONFIGURED.clear()


def test_the_configuration_gives_the_school_calendar(calendar_folder):
    path = plan(calendar_folder, "    owners: 工会办公室\n    deadline: 寒假\n")
    (calendar_folder / ".planforge.yaml").write_text(
        "calendar:\n  寒假: [1-20, 2-28]\n  运动会: [10月20日, 10月22日]\n", encoding="utf-8"
    )
    assert run_cli("check", path).exit_code == 0
    status = run_cli("status", path, "--as-of", "2027-02-27", "-f", "json")
    assert '"2027-02-28"' in status.stdout  # the school's last day, not the default 2-25
    sport = plan(calendar_folder, "    owners: 工会办公室\n    deadline: 运动会期间\n", "s.yaml")
    assert run_cli("check", sport).exit_code == 0


@pytest.mark.parametrize(
    ("setting", "where", "words"),
    [
        ("寒暇: [1-20, 2-28]", "2:3", "did you mean '寒假'?"),
        ("寒假: [1-20, 2-30]", "2:14", "'2-30' is not a day of the year"),
        ("寒假: [3-20, 2-3]", "2:7", "ends (2-3) before it starts (3-20)"),
        ("寒假: 1-20", "2:7", "expected [first day, last day]"),
    ],
)
def test_a_bad_school_calendar_is_located(calendar_folder, setting, where, words):
    path = plan(calendar_folder, GOOD_TASK)
    config = calendar_folder / ".planforge.yaml"
    config.write_text(f"calendar:\n  {setting}\n", encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert f"{config}:{where}:" in result.output
    assert words in result.output


def test_a_check_after_the_calendar_changes_reads_the_new_calendar(calendar_folder):
    sport = plan(calendar_folder, "    owners: 工会办公室\n    deadline: 运动会期间\n", "s.yaml")
    first = run_cli("check", sport)
    assert first.exit_code == 2 and "运动会期间" in first.output
    (calendar_folder / ".planforge.yaml").write_text(
        "calendar:\n  运动会: [10月20日, 10月22日]\n", encoding="utf-8"
    )
    assert run_cli("check", sport).exit_code == 0  # not the result kept before
