"""`planforge export`: ICS, XLSX and CSV read back by the libraries people use."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from lifecycle_helpers import LIFECYCLE, example
from planforge.validate import load_plan

SCHOOL = LIFECYCLE / "school-2026.zh.yaml"


def _export(cli, tmp_path, source, fmt):
    out = tmp_path / f"out.{fmt}"
    result = cli("export", source, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _components(data: bytes):
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    return [c for c in cal.walk() if c.name in ("VEVENT", "VTODO")]


def test_ics_one_component_per_dated_task(cli, tmp_path):
    components = _components(_export(cli, tmp_path, SCHOOL, "ics"))
    by_title = {str(c["SUMMARY"]): c for c in components}
    plan = load_plan(SCHOOL)
    assert len(components) == sum(1 for _, t in plan.leaves() if t.deadline)
    fixed = by_title["评选“师德标兵”"]
    assert fixed.name == "VEVENT" and fixed.decoded("DTSTART") == dt.date(2026, 9, 10)
    weekly = by_title["每周五下午开展教职工体育活动"]
    assert weekly.name == "VEVENT"
    assert weekly.decoded("DTSTART") == dt.date(2026, 1, 2)  # the first Friday of 2026
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"] and weekly["RRULE"]["BYDAY"] == ["FR"]
    quarterly = by_title["落实校务公开"]
    assert quarterly["RRULE"]["FREQ"] == ["MONTHLY"] and quarterly["RRULE"]["INTERVAL"] == [3]
    assert quarterly.decoded("DTSTART") == dt.date(2026, 3, 31)
    month = by_title["组织教职工健康体检"]
    assert month.name == "VTODO" and month.decoded("DUE") == dt.date(2026, 5, 31)
    assert str(month["STATUS"]) == "NEEDS-ACTION"
    done = by_title["召开第五届教代会第四次会议"]
    assert str(done["STATUS"]) == "COMPLETED" and "责任部门: 工会办公室" in str(done["DESCRIPTION"])


def test_ics_uids_are_stable_and_unique(cli, tmp_path):
    first = _components(_export(cli, tmp_path, SCHOOL, "ics"))
    again = _components(_export(cli, tmp_path, SCHOOL, "ics"))
    uids = [str(c["UID"]) for c in first]
    assert len(set(uids)) == len(uids)
    assert uids == [str(c["UID"]) for c in again]
    other_year = _components(_export(cli, tmp_path, LIFECYCLE / "school-2025.zh.yaml", "ics"))
    assert not set(uids) & {str(c["UID"]) for c in other_year}


def test_xlsx_ledger(cli, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_export(cli, tmp_path, SCHOOL, "xlsx")))
    assert book.sheetnames == ["工作台账", *(f"{m}月" for m in range(1, 13))]
    sheet = book["工作台账"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "序号",
        "工作板块",
        "任务编号",
        "工作任务",
        "责任部门",
        "完成时限",
        "状态",
        "完成日期",
        "完成情况",
        "原因及调整",
    ]
    assert rows[1] == [
        1,
        "推进民主管理",
        "t-congress",
        "召开第五届教代会第四次会议",
        "工会办公室",
        "3月底前",
        "已完成",
        "2026-03-20",
        "会议于3月20日召开，应到代表120人，实到118人。",
        None,
    ]
    assert len(rows) == 1 + 8
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J9"
    # the widest title, 每周五下午开展教职工体育活动: 14 wide characters → 28 columns + 2
    assert sheet.column_dimensions["D"].width == 30
    may = [r[2] for r in book["5月"].iter_rows(min_row=2, values_only=True)]
    assert may == ["t-reading", "t-checkup", "t-weekly-sports", "t-contest"]  # not quarterly
    june = [r[2] for r in book["6月"].iter_rows(min_row=2, values_only=True)]
    assert "t-openness" in june


def test_csv_has_a_bom_and_opens_with_csv(cli, tmp_path):
    data = _export(cli, tmp_path, SCHOOL, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["序号", "工作板块", "任务编号", "工作任务"]
    assert rows[4] == [
        "4",
        "关心关爱教职工",
        "t-visit",
        "开展“两节”送温暖活动",
        "工会办公室、财务处",
        "2026-01",
        "已完成",
        "2026-01-23",
        "走访慰问困难教职工10人。",
        "",
    ]
    assert len(rows) == 9


@pytest.mark.parametrize(
    "name", ["school-2026.zh.yaml", "enterprise-2026.zh.yaml", "union-2026.en.yaml"]
)
def test_exports_of_the_examples(cli, tmp_path, name):
    from openpyxl import load_workbook

    path = example(name)
    plan = load_plan(path)
    leaves = [t for _, t in plan.leaves()]
    assert len(_components(_export(cli, tmp_path, path, "ics"))) == sum(
        1 for t in leaves if t.deadline
    )
    book = load_workbook(io.BytesIO(_export(cli, tmp_path, path, "xlsx")))
    ledger = book.worksheets[0]
    assert ledger.max_row == 1 + len(leaves)
    assert [r[2] for r in ledger.iter_rows(min_row=2, values_only=True)] == [t.id for t in leaves]
    rows = list(csv.reader(io.StringIO(_export(cli, tmp_path, path, "csv").decode("utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == [t.id for t in leaves]


def test_english_ledger_headers(cli, tmp_path):
    data = _export(cli, tmp_path, LIFECYCLE / "union-2026.en.yaml", "csv")
    header = data.decode("utf-8-sig").splitlines()[0]
    assert (
        header
        == "No.,Section,Task id,Task,Owners,Deadline,Status,Done on,Result,Reason and new date"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf", "-o", "x.pdf"], "unknown export format 'pdf'"),
        (["--format", "csv", "-o", "plan.yaml"], "refusing to write output to plan.yaml"),
    ],
)
def test_export_bad_options(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli("export", SCHOOL, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "plan.yaml").exists()


def test_ics_recurrences_expand_to_the_right_days(cli, tmp_path):
    from dateutil.rrule import rrulestr

    by_title = {str(c["SUMMARY"]): c for c in _components(_export(cli, tmp_path, SCHOOL, "ics"))}

    def occurrences(component):
        start = component.decoded("DTSTART")
        rule = component["RRULE"].to_ical().decode()
        begin = dt.datetime.combine(start, dt.time())
        return [d.date() for d in rrulestr(rule, dtstart=begin, ignoretz=True)]

    quarterly = occurrences(by_title["落实校务公开"])
    assert quarterly == [
        dt.date(2026, 3, 31),
        dt.date(2026, 6, 30),
        dt.date(2026, 9, 30),
        dt.date(2026, 12, 31),
    ]
    fridays = occurrences(by_title["每周五下午开展教职工体育活动"])
    assert len(fridays) == 52 and all(d.weekday() == 4 and d.year == 2026 for d in fridays)
