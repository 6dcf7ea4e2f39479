"""The year-end summary's records (台账) added up, the error for an empty `summary:` block,
and the sentence patterns read from the template path (a federation's folder overrides them).
Every format is parsed back: DOCX with python-docx, HTML with lxml, Markdown as text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT, run_cli

PLAN = """\
organisation: 红星机械厂工会
year: 2026
kind: enterprise
tasks:
  - id: care
    title: 关心职工生活
    tasks:
      - id: warmth
        title: 开展送温暖走访
        deadline: 1月-2月
        status: done
        done_on: 2026-02-10
        result: 走访慰问困难职工和劳模。
        records:
          - {date: 2026-01-20, participants: 18, cost: 9600}
          - {date: 2026-01-27, participants: 16, cost: 10000}
          - {date: 2026-02-10, participants: 12, cost: 9000}
      - id: cool
        title: 夏季送清凉
        deadline: 7月
        status: done
        done_on: 2026-07-10
        result: 为高温岗位职工发放防暑降温用品。
        figures:
          慰问人次: 320
          物品金额（万元）: 2.4
        records:
          - {date: 2026-07-03, participants: 170, cost: 12000}
          - {date: 2026-07-10, participants: 150, cost: 12000}
      - id: talk
        title: 举办职业健康讲座
        deadline: 5月
        status: done
        done_on: 2026-05-20
        result: 邀请职防院医生授课。
        records:
          - {date: 2026-05-20, participants: 86, cost: 1500}
          - {date: 2027-01-08, participants: 40, cost: 800}
summary:
  overview: 全厂职工620人。
  problems: 慰问资金偏紧。
  next_year: 继续做好送温暖。
  date: 2026-12-28
"""
WARMTH = "据活动台账统计，共开展3次，参加46人次，支出经费2.86万元。"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _render(source: Path, fmt: str, *extra: str | Path) -> bytes:
    out = source.with_name(f"out.{fmt}")
    result = run_cli("render", "--summary", "-f", fmt, "-o", out, *extra, source)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _docx_text(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    # table cells carry word joiners (U+2060) that keep short phrases on one line
    tables = [
        [[c.text.replace("\u2060", "") for c in row.cells] for row in t.rows] for t in doc.tables
    ]
    return [p.text for p in doc.paragraphs], tables


def _html_text(data: bytes) -> str:
    return lxml.html.fromstring(data.decode("utf-8")).text_content()


# ---------------------------------------------------------------------------- records


def test_records_are_added_up_in_the_prose_and_the_appendix_of_every_format(plan: Path):
    paragraphs, tables = _docx_text(_render(plan, "docx"))
    prose = "".join(paragraphs)
    assert WARMTH in prose
    assert "走访慰问困难职工和劳模。" + WARMTH in prose  # after the result, in one paragraph
    rows = {row[1]: row for row in tables[0]}
    assert tables[0][0] == ["序号", "工作任务", "完成情况", "完成时间", "主要成效"]  # unchanged
    assert rows["开展送温暖走访"][4] == "走访慰问困难职工和劳模。" + WARMTH
    assert WARMTH in _render(plan, "md").decode("utf-8")
    assert WARMTH in _html_text(_render(plan, "html"))


def test_a_count_the_figures_give_is_not_said_twice(plan: Path):
    text = _render(plan, "md").decode("utf-8")
    # 送清凉: its figures give the 人次 and the amount; the records add only the times held
    assert "为高温岗位职工发放防暑降温用品。据活动台账统计，共开展2次。" in text
    assert "参加320人次" not in text and "支出经费2.4万元" not in text


def test_a_single_session_is_not_counted_and_later_records_are_left_out(plan: Path):
    text = _render(plan, "md").decode("utf-8")
    # 讲座: one session by the summary's date (the January 2027 one is after it)
    assert "邀请职防院医生授课。据活动台账统计，参加86人次，支出经费1500元。" in text
    assert "共开展1次" not in text and "126人次" not in text


def test_english_records_read_as_a_sentence(tmp_path: Path):
    path = tmp_path / "en.yaml"
    path.write_text(
        "organisation: Branch 7\nyear: 2026\nlanguage: en\ntasks:\n"
        "  - id: meet\n    title: Hold depot meetings\n    deadline: quarterly\n"
        "    status: done\n    done_on: 2026-12-08\n    result: Held at all depots.\n"
        "    records:\n      - {date: 2026-03-10, participants: 60}\n"
        "      - {date: 2026-06-09, participants: 55}\n"
        "summary:\n  overview: A good year.\n  problems: None.\n  next_year: More.\n"
        "  date: 2026-12-18\n",
        encoding="utf-8",
    )
    text = _html_text(_render(path, "html"))
    assert "Held at all depots. The activity records show 2 sessions, 115 attendances." in text


# ---------------------------------------------------------------------------- empty summary


@pytest.mark.parametrize("block", ["summary:\n", "summary: {}\n", "summary:\n  date: 2026-12-28\n"])
def test_an_empty_summary_block_is_a_located_error_naming_the_keys(tmp_path: Path, block: str):
    path = tmp_path / "plan.yaml"
    head = PLAN[: PLAN.index("summary:")]
    path.write_text(head + block, encoding="utf-8")
    line = head.count("\n") + 1
    for fmt in ("md", "docx"):
        result = run_cli("render", "--summary", "-f", fmt, "-o", tmp_path / f"x.{fmt}", path)
        assert result.exit_code == 2, result.output
        assert f"plan.yaml:{line}:1: error: the `summary:` block is empty" in result.stderr
        for key in ("overview", "problems", "next_year"):
            assert key in result.stderr
        assert ("date" in result.stderr.split("fill in")[1]) == ("date:" not in block)
        assert "Traceback" not in result.output
        assert not (tmp_path / f"x.{fmt}").exists()


def test_a_plan_without_a_summary_block_renders_from_its_results(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN[: PLAN.index("summary:")], encoding="utf-8")
    assert WARMTH in _render(path, "md").decode("utf-8")


def test_a_summary_with_only_its_overview_renders(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN[: PLAN.index("summary:")] + "summary:\n  overview: 全厂职工620人。\n")
    assert "全厂职工620人。" in _render(path, "md").decode("utf-8")


def test_the_plan_itself_renders_with_an_empty_summary_block(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN[: PLAN.index("summary:")] + "summary: {}\n", encoding="utf-8")
    result = run_cli("render", "-f", "md", "-o", "-", path)
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------------------- patterns


BUILTIN = ROOT / "templates" / "summary"


def _federation(tmp_path: Path, old: str, new: str, lang: str = "zh") -> Path:
    folder = tmp_path / "federation"
    (folder / "summary").mkdir(parents=True)
    name = f"patterns.{lang}.yaml"
    text = (BUILTIN / name).read_text(encoding="utf-8")
    assert old in text
    (folder / "summary" / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_federations_patterns_file_rewords_one_sentence_in_every_format(plan: Path, tmp_path):
    folder = _federation(tmp_path, "现将一年来的工作总结如下。", "现将全年工作报告如下。")
    old, new = "现将一年来的工作总结如下。", "现将全年工作报告如下。"
    paragraphs, _ = _docx_text(_render(plan, "docx", "--template", folder))
    assert any(p.endswith(new) for p in paragraphs)
    assert not any(old in p for p in paragraphs)
    md = _render(plan, "md", "--template", folder).decode("utf-8")
    assert new in md and old not in md and WARMTH in md  # the rest as built in
    assert new in _html_text(_render(plan, "html", "--template", folder))
    # without the folder (and with the cache on) the built-in wording comes back
    assert old in _render(plan, "md").decode("utf-8")


def test_a_federations_records_wording_is_used(plan: Path, tmp_path: Path):
    folder = _federation(tmp_path, "据活动台账统计，{items}。", "按台账，{items}。")
    assert "按台账，共开展3次，参加46人次，支出经费2.86万元。" in _render(
        plan, "md", "--template", folder
    ).decode("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message", "where"),
    [
        ("  met: ", "  mett: ", "unknown sentence key 'mett'", ":3"),
        ('"{label}累计{value}"', '"{label}累计{valu}"', "unknown placeholder {valu}", ":15"),
        ('"{label}累计{value}"', '"{label.__class__}"', "unknown placeholder", ":15"),
        ('"{label}累计{value}"', '"{label!r}{value}"', "takes no format", ":15"),
        ('"{label}累计{value}"', '"{label累计"', "brace", ":15"),
        ('  results: "主要工作及成效"\n', "", "`headings:` lacks results", ":1"),
    ],
)
def test_a_bad_patterns_file_is_a_located_error(plan, tmp_path, old, new, message, where):
    folder = _federation(tmp_path, old, new)
    result = run_cli("render", "--summary", "-f", "md", "-o", "-", "--template", folder, plan)
    assert result.exit_code == 2, result.output
    assert "patterns.zh.yaml:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output
    located = next(line for line in result.stderr.splitlines() if message in line)
    assert located.split(": error")[0].endswith(where)  # the column of the key or value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_builtin_patterns_are_complete_and_valid(lang: str):
    from planforge.render.summary import HEADING_KEYS, SENTENCE_FIELDS, load_patterns

    patterns = load_patterns(lang)
    assert set(patterns.sentences) == set(SENTENCE_FIELDS)
    assert set(patterns.headings) == set(HEADING_KEYS)


def test_a_template_folder_without_patterns_uses_the_builtin_ones(plan: Path, tmp_path: Path):
    folder = tmp_path / "letterhead-only"
    folder.mkdir()
    shutil.copy(ROOT / "templates" / "md" / "summary.md.j2", folder / "summary.md.j2")
    assert WARMTH in _render(plan, "md", "--template", folder).decode("utf-8")
