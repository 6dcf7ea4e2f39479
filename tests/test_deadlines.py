"""Deadlines as people write them: every spelling a union officer types is read to the
window it means, and what cannot be read is located, with the closest accepted spelling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import run_cli
from planforge.model.deadline import DeadlineError, normalise, parse_deadline
from planforge.vocab.calendar import LUNAR_FESTIVALS, festival_date

D = dt.date
YEAR = 2027

# (typed, kind, start, end, freq) in a plan for 2027
READ = [
    ("三月", "month", D(2027, 3, 1), D(2027, 3, 31), None),
    ("十二月", "month", D(2027, 12, 1), D(2027, 12, 31), None),
    ("十一月份", "month", D(2027, 11, 1), D(2027, 11, 30), None),
    ("１２月", "month", D(2027, 12, 1), D(2027, 12, 31), None),
    ("三月中旬", "range", D(2027, 3, 11), D(2027, 3, 20), None),
    ("3月上旬", "range", D(2027, 3, 1), D(2027, 3, 10), None),
    ("2月下旬", "range", D(2027, 2, 21), D(2027, 2, 28), None),
    ("年初", "month", D(2027, 1, 1), D(2027, 1, 31), None),
    ("年底前", "month", D(2027, 12, 1), D(2027, 12, 31), None),
    ("年底", "month", D(2027, 12, 1), D(2027, 12, 31), None),
    ("年内", "year", D(2027, 1, 1), D(2027, 12, 31), None),
    ("第三季度末", "quarter", D(2027, 7, 1), D(2027, 9, 30), None),
    ("三季度末", "quarter", D(2027, 7, 1), D(2027, 9, 30), None),
    ("一季度", "quarter", D(2027, 1, 1), D(2027, 3, 31), None),
    ("上半年末", "half", D(2027, 1, 1), D(2027, 6, 30), None),
    ("5月12日-5月15日", "range", D(2027, 5, 12), D(2027, 5, 15), None),
    ("5月12日至15日", "range", D(2027, 5, 12), D(2027, 5, 15), None),
    ("5月12日—15日", "range", D(2027, 5, 12), D(2027, 5, 15), None),
    ("3—5月", "range", D(2027, 3, 1), D(2027, 5, 31), None),
    ("2027.3.5", "date", D(2027, 3, 5), D(2027, 3, 5), None),
    ("2027/3/5", "date", D(2027, 3, 5), D(2027, 3, 5), None),
    ("2027年3月5日", "date", D(2027, 3, 5), D(2027, 3, 5), None),
    ("二〇二七年三月五日", "date", D(2027, 3, 5), D(2027, 3, 5), None),
    ("三月二十一日", "date", D(2027, 3, 21), D(2027, 3, 21), None),
    ("2027.3", "month", D(2027, 3, 1), D(2027, 3, 31), None),
    ("每学期", "recurring", D(2027, 1, 1), D(2027, 12, 31), "termly"),
    ("开学初", "recurring", D(2027, 1, 1), D(2027, 12, 31), "termly"),
    ("每半年", "recurring", D(2027, 1, 1), D(2027, 12, 31), "half-yearly"),
    ("每两月", "recurring", D(2027, 1, 1), D(2027, 12, 31), "bimonthly"),
    ("每两个月", "recurring", D(2027, 1, 1), D(2027, 12, 31), "bimonthly"),
    ("每季度末", "recurring", D(2027, 1, 1), D(2027, 12, 31), "quarterly"),
    ("寒假", "range", D(2027, 1, 15), D(2027, 2, 25), None),
    ("暑假期间", "range", D(2027, 7, 10), D(2027, 8, 31), None),
    ("秋季开学初", "range", D(2027, 9, 1), D(2027, 9, 15), None),
    ("春节前", "date", D(2027, 2, 5), D(2027, 2, 5), None),
    ("春节", "date", D(2027, 2, 6), D(2027, 2, 6), None),
    ("元旦前", "date", D(2027, 12, 31), D(2027, 12, 31), None),
    ("教师节前", "date", D(2027, 9, 9), D(2027, 9, 9), None),
    ("三八妇女节前", "date", D(2027, 3, 7), D(2027, 3, 7), None),
    ("中秋节", "date", D(2027, 9, 15), D(2027, 9, 15), None),
    ("国庆节前后", "range", D(2027, 9, 24), D(2027, 10, 8), None),
]


@pytest.mark.parametrize(("typed", "kind", "start", "end", "freq"), READ, ids=[r[0] for r in READ])
def test_a_deadline_as_people_write_it(typed, kind, start, end, freq):
    deadline = parse_deadline(typed, YEAR)
    assert (deadline.kind, deadline.start, deadline.end, deadline.freq) == (kind, start, end, freq)
    assert deadline.text == typed  # what the author wrote is what the document says


def test_recurring_work_falls_in_the_months_it_means():
    assert parse_deadline("每两月", YEAR).months() == [2, 4, 6, 8, 10, 12]
    assert parse_deadline("每半年", YEAR).months() == [6, 12]
    assert parse_deadline("每学期", YEAR).months() == [3, 9]


def test_numerals_are_read_only_where_they_count_days_or_months():
    assert normalise("三月五日") == "3月5日"
    assert normalise("第三季度") == "第三季度"  # a quarter's ordinal stays
    assert normalise("每两月") == "每两月"  # every two months, not the 2nd month
    assert normalise("三八妇女节") == "三八妇女节"


# (typed, words of the message, suggestion)
REFUSED = [
    ("3.5", "not a deadline", "3月5日"),
    ("2月30日", "not a valid deadline", None),
    ("十三月", "month must be in 1..12", None),
    ("2031年春节前", "not in planforge's festival calendar (2024–2030)", None),
    ("5月15日-5月12日", "ends before it starts", None),
    ("每学", "not a deadline", "每学期"),
]


@pytest.mark.parametrize(("typed", "words", "suggestion"), REFUSED, ids=[r[0] for r in REFUSED])
def test_what_cannot_be_read_is_refused_with_the_closest_spelling(typed, words, suggestion):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(typed, YEAR)
    assert words in str(info.value)
    assert getattr(info.value, "suggestion", None) == suggestion


PLAN = """\
organisation: 测试学校工会
year: 2027
language: zh
tasks:
  - id: t1
    title: 走访慰问困难职工
    owners: 工会办公室
    deadline: {deadline}
issued: 2027-02-20
ideology: 以会员需求为导向，做好服务工作。
"""


def test_check_locates_an_unreadable_deadline_and_suggests_a_spelling(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(deadline="3.5"), encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert f"{path}:8:15:" in result.output
    assert "did you mean '3月5日'?" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("typed", ["三月中旬", "年底前", "春节前", "5月12日至15日", "每学期"])
def test_check_accepts_chinese_spellings(tmp_path: Path, typed: str):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(deadline=typed), encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 0, result.output


def test_the_festival_table_agrees_with_the_state_council_notice_for_2026():
    # 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
    assert festival_date("春节", 2026) == D(2026, 2, 17)
    assert festival_date("端午节", 2026) == D(2026, 6, 19)
    assert festival_date("中秋节", 2026) == D(2026, 9, 25)
    # every lunar festival has a date for every year of the table
    years = {frozenset(table) for table in LUNAR_FESTIVALS.values()}
    assert len(years) == 1
