"""`planforge fmt`: canonical layout, every comment kept, idempotent, meaning unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lifecycle_helpers import LIFECYCLE, comments, example
from planforge.errors import display_width
from planforge.lifecycle.fmt import WIDTH, fold, format_text, plan_meaning
from planforge.load import parse
from planforge.validate import load_plan, validate

EXAMPLES = [
    "school-2025.zh.yaml",
    "school-2026.zh.yaml",
    "enterprise-2026.zh.yaml",
    "union-2026.en.yaml",
]


@pytest.mark.parametrize("name", EXAMPLES)
def test_fmt_keeps_comments_and_meaning_and_is_idempotent(cli, tmp_path, name):
    path = tmp_path / name
    shutil.copy(example(name), path)
    before = path.read_text(encoding="utf-8")
    result = cli("fmt", path)
    assert result.exit_code == 0, result.output
    once = path.read_text(encoding="utf-8")
    assert comments(once) == comments(before)
    # the same plan; deadlines may be respelled (3月-6月 → 3月—6月) to the same window
    assert plan_meaning(load_plan(path)) == plan_meaning(load_plan(example(name)))
    check = cli("fmt", "--check", path)  # idempotent: a second run would change nothing
    assert check.exit_code == 0 and "already formatted" in check.stdout
    for line in once.splitlines():
        # only a text that cannot be folded safely may stay longer than the width
        assert display_width(line) <= WIDTH or " " not in line.strip()[:-1] or "#" in line


def test_fmt_check_prints_a_diff_and_exits_1(cli, tmp_path):
    path = tmp_path / "union.yaml"
    shutil.copy(LIFECYCLE / "union-2026.en.yaml", path)
    before = path.read_text(encoding="utf-8")
    result = cli("fmt", "--check", path)
    assert result.exit_code == 1
    assert "-    measure: \">= 90%\"\n+    measure: '>= 90%'\n" in result.stdout
    assert "+        owners: HR\n         deadline: H2\n-        owners: HR\n" in result.stdout
    assert "1 of 1 file would be reformatted" in result.stdout
    assert path.read_text(encoding="utf-8") == before


SCRAMBLED = """\
# 顶部注释
year: 2026   # 年份
organisation: 某某中学工会
language: zh

# 指导思想
ideology:
- "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，坚持以教职工为中心的工作导向，团结动员广大教职工为建设高质量教育体系贡献力量。"
- We will keep the members informed of every decision the union makes and invite them to every meeting where their work is discussed.
tasks:
- title: 召开教代会
  id: t1
  # 时限注释
  deadline: 3月
  text: >-
    审议学校工作报告和财务工作报告，
    征集并办理提案。
"""

CANONICAL = """\
# 顶部注释
organisation: 某某中学工会
year: 2026   # 年份
language: zh

# 指导思想
ideology:
  - >-
    以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，坚持以教职工
    为中心的工作导向，团结动员广大教职工为建设高质量教育体系贡献力量。
  - >-
    We will keep the members informed of every decision the union makes and invite them to every
    meeting where their work is discussed.
tasks:
  - id: t1
    title: 召开教代会
    text: 审议学校工作报告和财务工作报告，征集并办理提案。
    # 时限注释
    deadline: 3月
"""


def test_fmt_canonical_layout():
    out = format_text(SCRAMBLED, Path("plan.yaml"))
    assert out == CANONICAL
    assert format_text(out, Path("plan.yaml")) == out
    assert parse(out).data["ideology"][0] == parse(SCRAMBLED).data["ideology"][0]


def test_fold_chinese_between_characters_and_respects_punctuation():
    text = "一二三四五六七八九十，一二三四五六七八九十。"
    folded, folds = fold(text, 22)
    lines = [
        folded[i + 1 if n else 0 : j]
        for n, (i, j) in enumerate(zip([-1, *folds], [*folds, len(folded)], strict=True))
    ]
    assert all(display_width(line) <= 22 for line in lines)
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert fold("中文 中文" * 40, 20) is None  # the loader would drop such spaces


def test_fmt_refuses_an_invalid_source(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "organisation: x\nyear: 2026\ntasks:\n  - id: a\n    title: t\n    goals: g\n",
        encoding="utf-8",
    )
    result = cli("fmt", bad)
    assert result.exit_code == 2
    assert f"{bad}:6:12: error: task 'a' refers to unknown goal 'g'" in result.stderr


def test_fmt_keeps_windows_line_ends_and_a_bom(cli, tmp_path):
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "year: 2026\r\norganisation: x  # 单位\r\n".encode())
    assert cli("fmt", path).exit_code == 0
    assert (
        path.read_bytes() == b"\xef\xbb\xbf" + "organisation: x  # 单位\r\nyear: 2026\r\n".encode()
    )
    assert cli("fmt", "--check", path).exit_code == 0


def test_fmt_of_an_awkward_file(tmp_path):
    source = LIFECYCLE / "edge-cases.yaml"
    before = source.read_text(encoding="utf-8")
    out = format_text(before, source)
    assert comments(out) == comments(before)
    assert out.startswith("%YAML 1.2\n---\n# head comment\n")
    assert "    # 这不是注释\n" in out  # a literal block's content is not a comment
    assert (
        "        result: |\n          结果第一行\n          结果第二行\n      # after result\n"
        in out
    )
    assert format_text(out, source) == out
    assert load_plan(source).model_dump() == validate(parse(out)).model_dump()


def test_fmt_goes_on_past_a_bad_file(cli, tmp_path):
    (tmp_path / "a-bad.yaml").write_text("organisation: x\nyear: twenty\n", encoding="utf-8")
    good = tmp_path / "b-good.yaml"
    good.write_text("year: 2026\norganisation: x\n", encoding="utf-8")
    result = cli("fmt", tmp_path)
    assert result.exit_code == 2
    assert "a-bad.yaml:2:7: error: 'year': expected a whole number" in result.stderr
    assert good.read_text(encoding="utf-8") == "organisation: x\nyear: 2026\n"
    assert "1 of 2 files reformatted, 1 could not be formatted" in result.stdout
