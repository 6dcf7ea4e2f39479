"""Every way a source can be bad gives path:line:col, an excerpt with a caret, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from planforge.errors import InputError, Location, Problem
from planforge.load import load, parse
from planforge.validate import validate

VALID = """\
organisation: 测试学校工会
year: 2026
language: zh
goals:
  - id: g1
    text: 入会率保持在95%以上。
tasks:
  - id: t1
    title: 召开教代会
    owners: 工会办公室
    deadline: 3月
    goals: [g1]
"""
DATED = VALID + "issued: 2026-02-20\n"  # a plan without a date is an error (plan-empty)


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(text: str, name: str) -> Problem:
    """The one problem parsing `text` reports."""
    with pytest.raises(InputError) as info:
        parse(text, name)
    (problem,) = info.value.problems
    return problem


def finding(output: str, where: str) -> str:
    """The report line that starts with `where` (path:line:col), whatever its style."""
    for line in output.splitlines():
        if line.startswith(where + " ") or line.startswith(where + ":"):
            return line
    raise AssertionError(f"no finding at {where} in:\n{output}")


def check(path: Path):
    result = run_cli("check", path)
    assert "Traceback" not in result.output
    return result


def test_valid_plan_exits_0(tmp_path):
    result = check(write(tmp_path, DATED))
    assert result.exit_code == 0, result.output


def test_year_twenty_points_at_line_3_with_caret(tmp_path):
    path = write(tmp_path, "organisation: 测试学校工会\nlanguage: zh\nyear: twenty\n")
    result = check(path)
    assert result.exit_code == 2
    assert "whole number" in finding(result.output, f"{path}:3:7")
    lines = result.output.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(f"{path}:3:"))
    assert lines[i + 1] == "  | year: twenty"
    assert lines[i + 2] == "  |       ^^^^^^"
    assert "whole number" in lines[i]


def test_yaml_syntax_error(tmp_path):
    path = write(tmp_path, "organisation: 测试\nyear: 2026\ntasks: [\n  - id: t1\n")
    result = check(path)
    assert result.exit_code == 2
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: .*YAML syntax error", result.output)


def test_value_with_colon_space_gets_a_hint(tmp_path):
    path = write(tmp_path, "organisation: 测试\nyear: 2026\nideology: 目标: 建家\n")
    result = check(path)
    assert result.exit_code == 2
    assert f"{path}:3:" in result.output
    assert "full-width colon" in result.output


def test_duplicate_keys_all_reported(tmp_path):
    path = write(tmp_path, VALID + "year: 2027\nlanguage: en\n")
    result = check(path)
    assert result.exit_code == 2
    assert "duplicate key 'year' (first defined on line 2)" in finding(
        result.output, f"{path}:13:1"
    )
    assert "duplicate key 'language' (first defined on line 3)" in finding(
        result.output, f"{path}:14:1"
    )


def test_unknown_key_with_suggestion(tmp_path):
    path = write(tmp_path, VALID.replace("    deadline: 3月", "    dedline: 3月"))
    result = check(path)
    assert result.exit_code == 2
    assert "unknown key 'dedline' in task #1" in finding(result.output, f"{path}:11:5")
    assert "did you mean 'deadline'?" in result.output


def test_missing_required_field_points_at_parent(tmp_path):
    path = write(tmp_path, VALID.replace("    title: 召开教代会\n", ""))
    result = check(path)
    assert result.exit_code == 2
    assert "missing required field 'title' in task #1" in finding(result.output, f"{path}:8:5")


def test_missing_top_level_field(tmp_path):
    path = write(tmp_path, "organisation: 测试学校工会\nlanguage: zh\n")
    result = check(path)
    assert result.exit_code == 2
    assert "missing required field 'year' in the plan" in finding(result.output, f"{path}:1:1")


def test_dangling_goal_reference(tmp_path):
    path = write(tmp_path, VALID.replace("goals: [g1]", "goals: [g2]"))
    result = check(path)
    assert result.exit_code == 2
    assert "task 't1' refers to unknown goal 'g2'" in finding(result.output, f"{path}:12:13")
    assert "goals defined: g1" in result.output


def test_duplicate_task_id(tmp_path):
    extra = "  - id: t1\n    title: 第二项\n"
    path = write(tmp_path, VALID + extra)
    result = check(path)
    assert result.exit_code == 2
    assert "duplicate task id 't1' (first used on line 8)" in finding(result.output, f"{path}:13:9")


def test_bad_deadline(tmp_path):
    path = write(tmp_path, VALID.replace("deadline: 3月", "deadline: 十三月份左右"))
    result = check(path)
    assert result.exit_code == 2
    assert "'十三月份左右' is not a deadline" in finding(result.output, f"{path}:11:15")


def test_all_problems_reported_not_only_first(tmp_path):
    text = VALID.replace("year: 2026", "year: twenty").replace("    title: 召开教代会\n", "")
    path = write(tmp_path, text + "colour: red\n")
    result = check(path)
    assert result.exit_code == 2
    located = [line for line in result.output.splitlines() if line.startswith(f"{path}:")]
    assert len(located) == 3, result.output


def test_gbk_file(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(VALID.encode("gbk"))
    result = check(path)
    assert result.exit_code == 2
    assert "not UTF-8" in result.output
    assert "GBK" in result.output
    assert "iconv -f GB18030 -t UTF-8" in result.output


def test_utf8_bom_is_read(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + DATED.encode())
    assert check(path).exit_code == 0


def test_utf16_file(tmp_path):
    path = tmp_path / "u16.yaml"
    path.write_bytes(VALID.encode("utf-16"))
    result = check(path)
    assert result.exit_code == 2
    assert "UTF-16" in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"# only a comment\n", "has no content"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"- a\n- b\n", "found a list"),
        (b"just text\n", "found a single value"),
        (b"a: 1\n---\nb: 2\n", "more than one YAML document"),
        (b"organisation: x\nyear: 2026\nideology: \x07bell\n", "control character U+0007"),
    ],
)
def test_unusable_files(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = check(path)
    assert result.exit_code == 2
    assert expected in result.output
    assert str(path) in result.output


def test_directory_given_as_file_to_loader(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


def test_missing_file(tmp_path):
    result = check(tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_unreadable_file(tmp_path):
    import os

    path = write(tmp_path, VALID)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        result = check(path)
        assert result.exit_code == 2
        assert "permission denied" in result.output
    finally:
        path.chmod(0o644)


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    result = check(path)
    assert result.exit_code == 2
    assert "alias bomb" in result.output


def test_folded_chinese_lines_join_without_spaces():
    doc = parse(
        "organisation: 测试\nyear: 2026\nideology: >\n  第一行中文\n  第二行中文\n"
        "goals:\n  - id: g1\n    text: >\n      English words\n      stay spaced\n"
    )
    plan = validate(doc)
    assert plan.ideology == ["第一行中文第二行中文"]
    assert plan.goals[0].text == "English words stay spaced"


def test_plain_multiline_chinese_joins_without_spaces():
    doc = parse("organisation: 测试\nyear: 2026\nideology:\n  - 第一行中文\n    第二行中文\n")
    assert validate(doc).ideology == ["第一行中文第二行中文"]


def test_quoted_text_keeps_its_spaces():
    doc = parse('organisation: 测试\nyear: 2026\nideology: "中文 中文"\n')
    assert validate(doc).ideology == ["中文 中文"]


def test_numbers_and_dates_as_text():
    doc = parse("organisation: 2026\nyear: 2026\ntitle: 2026\nissued: 2026-01-05\n")
    plan = validate(doc)
    assert plan.organisation == "2026"
    assert plan.title == "2026"
    assert plan.issued.isoformat() == "2026-01-05"


def test_caret_is_aligned_under_wide_characters(tmp_path):
    path = write(tmp_path, "organisation: 测试\nyear: 2026\nkind: 学校\n")
    result = check(path)
    lines = result.output.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(f"{path}:3:7"))
    assert lines[i + 2] == "  |       ^^^^"  # two wide characters: four columns


def test_fixture_is_valid():
    assert check(FIXTURES / "small.zh.yaml").exit_code == 0


@pytest.mark.parametrize(
    ("text", "where", "excerpt", "says"),
    [
        (
            'organisation: "unterminated\nyear: 2026\n',
            (1, 15),
            'organisation: "unterminated',
            "the quote \" that opens the value '\"unterminated' is never closed",
        ),
        ("year: 2026\ntasks: {a: 1\n\n", (2, 8), "tasks: {a: 1", "flow mapping that starts here"),
        ("year: 2026\ntasks: [a, b\n", (2, 8), "tasks: [a, b", "flow sequence that starts here"),
    ],
    ids=["quote", "brace", "bracket"],
)
def test_an_error_at_the_end_of_the_file_points_at_what_was_left_open(
    text: str, where: tuple[int, int], excerpt: str, says: str
) -> None:
    problem = only_problem(text, "x.yaml")
    assert problem.location is not None
    assert (problem.location.line, problem.location.col) == where
    assert problem.source_line == excerpt
    assert says in problem.message


def test_an_error_inside_the_file_names_where_the_open_bracket_starts() -> None:
    problem = only_problem("year: 2026\ntasks: [a, b\nsigned_on: 2026-01-05\n", "x.yaml")
    assert problem.location is not None and problem.location.line == 3
    assert problem.hint == "the flow sequence in question starts at line 2, column 8"


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("organisation: 工会\nyear: 2026\n~: 1\n", (3, 1), "a key is empty (~ or null)"),
        ("organisation: 工会\nyear: 2026\nnull: 1\n", (3, 1), "a key is empty (~ or null)"),
        ("organisation: 工会\n[a]: 2\n", (2, 1), "a key must be a plain value"),
        ("organisation: 工会\n<<: {year: 2026}\n", (2, 1), "merge keys ('<<') are not supported"),
    ],
    ids=["tilde", "null", "list", "merge"],
)
def test_keys_that_are_not_names_are_refused_at_their_place(
    text: str, where: tuple[int, int], says: str
) -> None:
    problem = only_problem(text, "x.yaml")
    assert problem.location is not None
    assert (problem.location.line, problem.location.col) == where
    assert says in problem.message


def test_an_unclosed_quote_on_a_last_line_without_a_newline_points_at_the_quote() -> None:
    problem = only_problem('schema_version: 1\ntitle: "abc', "x.yaml")
    assert problem.location is not None
    assert (problem.location.line, problem.location.col) == (2, 8)
    assert problem.source_line == 'title: "abc'


def test_lines_after_a_unicode_line_separator_are_counted_as_the_excerpt_shows_them() -> None:
    text = "organisation: 工会\u2028year: 2026\ntitle: 计划\x07\n"
    problem = only_problem(text, "x.yaml")
    assert problem.location is not None and problem.location.line == 3
    assert problem.source_line == "title: 计划\x07"


# A byte order mark (U+FEFF) may open a plan source and nowhere else: YAML allows one only
# where a document starts (YAML 1.2.2, 5.2), and the C parser (check) skipped one at the
# start of a later line where the round-trip parser (fmt, set) failed.
@pytest.mark.parametrize(
    ("text", "where"),
    [
        (VALID + "\ufeff", (len(VALID.splitlines()) + 1, 1)),  # at the end, the case
        (VALID.replace("year:", "\ufeffyear:"), (2, 1)),  # at the start of a line
        (VALID.replace("召开教代会", "召开\ufeff教代会"), (9, 14)),  # inside text: invisible
        (VALID.replace("召开教代会", '"召开\ufeff教代会"'), (9, 15)),  # even quoted
    ],
)
def test_a_byte_order_mark_after_the_start_is_refused_where_it_stands(text, where) -> None:
    problem = only_problem(text, "x.yaml")
    assert problem.location is not None
    assert (problem.location.line, problem.location.col) == where
    assert "U+FEFF" in problem.message and "only at the very start" in problem.message
    assert problem.hint == "delete it; it was probably pasted from another program"


def test_a_byte_order_mark_opening_the_text_is_read() -> None:
    assert parse("\ufeff" + VALID, "x.yaml").data["year"] == 2026


def test_the_round_trip_reader_refuses_the_characters_parse_refuses() -> None:
    """`fmt`, `set` and `new --from` read with ruamel's round-trip parser; what `parse`
    refuses before parsing, it refuses with the same located problem."""
    from ruamel.yaml import YAML

    from planforge.load import parse_round_trip

    for text in (VALID + "\ufeff", VALID.replace("召开", "召\x07开")):
        with pytest.raises(InputError) as checked:
            parse(text, "x.yaml")
        with pytest.raises(InputError) as edited:
            parse_round_trip(text, "x.yaml", YAML(typ="rt"))
        assert edited.value.problems == checked.value.problems


def test_the_round_trip_reader_locates_a_syntax_error_as_parse_does() -> None:
    """A YAML error of the round-trip parser is a located problem with the excerpt, not an
    internal error (its wording is the pure-Python parser's)."""
    from ruamel.yaml import YAML

    from planforge.load import parse_round_trip

    text = "organisation: x\nyear: [1\n"
    with pytest.raises(InputError) as checked:
        parse(text, "x.yaml")
    with pytest.raises(InputError) as edited:
        parse_round_trip(text, "x.yaml", YAML(typ="rt"))
    (want,), (got,) = checked.value.problems, edited.value.problems
    assert got.location == want.location == Location("x.yaml", 2, 7)
    assert got.source_line == "year: [1"
    assert got.message.startswith("YAML syntax error: ") and "flow sequence" in got.message


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"", "1:1"),
        (b"# only a comment\n", "1:1"),
        ("organisation: 工会\nyear: 20\x0026\n".encode(), "2:9"),  # a NUL: binary, located
        (VALID.encode("utf-16"), "1:1"),
    ],
)
def test_a_problem_with_the_whole_file_is_located_alike_in_every_command(
    tmp_path, content, where
) -> None:
    """check shows every finding at a line and column; fmt and the others show the same."""
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    for args in (["check"], ["fmt", "--check"], ["render", "-f", "md", "-o", "-"], ["status"]):
        result = run_cli(*args, path)
        assert result.exit_code == 2
        assert f"{path}:{where}: error" in result.output, (args, result.output)


@pytest.mark.parametrize(
    "text",
    ["year:\t2026\n", "year: 2026\t\n", "year: 2026\t# 年度\t计划\n", "year: [2026,\t2027]\n"],
)
def test_tabs_between_tokens_are_read_by_both_readers_alike(text) -> None:
    """YAML allows a tab as separating white space; the C parser reads it, and the
    round-trip parser (which alone would stop at it) is given a space in its place."""
    from ruamel.yaml import YAML

    from planforge.load import parse_round_trip

    tree = parse_round_trip(text, "x.yaml", YAML(typ="rt"))
    assert dict(tree) == parse(text, "x.yaml").data


def test_a_tab_inside_a_value_or_comment_is_kept_by_the_round_trip_reader() -> None:
    import io

    from ruamel.yaml import YAML

    from planforge.load import parse_round_trip

    text = "title: |\n  a\tb\nyear: 2026  # 年度\t计划\n"
    tree = parse_round_trip(text, "x.yaml", YAML(typ="rt"))
    assert tree["title"] == "a\tb\n"
    out = io.StringIO()
    YAML(typ="rt").dump(tree, out)
    assert out.getvalue() == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: !!binary aGk=\n", "YAML tag '!!binary' is not allowed in a plan source"),
        ("ideology: !!set {a, b}\n", "YAML tag '!!set' is not allowed in a plan source"),
        ("ideology: !x [a]\n", "custom YAML tag '!x' is not allowed here"),
    ],
)
def test_a_tag_for_a_type_a_plan_does_not_hold_is_refused_where_it_stands(text, message):
    """check read `!!binary aGk=` as the text 'aGk=' while the round-trip reader (fmt, set)
    built bytes from it, or failed: both refuse it now, at the tag."""
    problem = only_problem("organisation: 工会\nyear: 2026\n" + text, "x.yaml")
    assert problem.message == message
    assert problem.location is not None and (problem.location.line, problem.location.col) == (
        3,
        text.index(":") + 3,
    )


def test_standard_tags_of_the_types_a_plan_holds_are_read() -> None:
    text = "organisation: !!str 工会\nyear: !!int '2026'\nideology: !!seq [a]\n"
    assert parse(text, "x.yaml").data == {"organisation": "工会", "year": 2026, "ideology": ["a"]}
