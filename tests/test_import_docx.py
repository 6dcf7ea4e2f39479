"""Word documents: heading styles, manual numbering, automatic numbering, tables.

The documents are built here with python-docx, so no binary fixture is committed."""

from __future__ import annotations

import io

import docx

from import_helpers import levels, one_plan, task, titles
from planforge.importer.docx import read_docx


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_heading_styles_give_the_levels():
    def build(d):
        d.add_heading("某某公司工会2025年工作计划", level=0)
        d.add_paragraph("以服务职工为中心，推动工会工作上新台阶。")
        d.add_heading("加强思想引领", level=1)
        d.add_heading("组织学习", level=2)
        d.add_paragraph("每月集中学习一次，由工会办公室负责。")
        d.add_heading("开展宣讲", level=2)
        d.add_heading("维护职工权益", level=1)
        d.add_heading("完善帮扶机制", level=2)

    data = one_plan(docx_bytes(build), "plan.docx")
    assert data["title"] == "某某公司工会2025年工作计划"
    assert data["ideology"] == ["以服务职工为中心，推动工会工作上新台阶。"]
    assert levels(data) == [2, 3]
    assert titles(data) == ["加强思想引领", "维护职工权益"]
    assert task(data, "t1-1")["owners"] == ["工会办公室"]
    assert task(data, "t1-1")["deadline"] == "每月"


def test_manual_numbering_in_plain_paragraphs():
    def build(d):
        p = d.add_paragraph()
        p.add_run("某某学校工会2025年工作计划").bold = True
        d.add_paragraph("一、加强组织建设")
        d.add_paragraph("（一）发展会员。年内新发展会员20名。")
        d.add_paragraph("(二)规范建会。")
        d.add_paragraph("二、维护合法权益")
        d.add_paragraph("1.召开教代会。第一季度完成。")

    data = one_plan(docx_bytes(build), "plan.docx")
    assert levels(data) == [2, 3]
    assert task(data, "t1-2")["title"] == "规范建会。"
    assert task(data, "t2-1")["deadline"] == "第一季度"


def test_bold_paragraphs_and_automatic_numbering():
    def build(d):
        d.add_paragraph("Riverside Union Work Plan 2025", style="Title")
        d.add_paragraph().add_run("Organise the members").bold = True
        d.add_paragraph("Hold the congress in March.", style="List Number")
        d.add_paragraph("Survey the members.", style="List Number")
        d.add_paragraph().add_run("Serve the members").bold = True
        d.add_paragraph("Visit the sick.", style="List Number")

    raw = docx_bytes(build)
    blocks = read_docx(raw, "plan.docx")
    assert [b.list_level for b in blocks] == [None, None, 1, 1, None, 1]
    data = one_plan(raw, "plan.docx")
    assert levels(data) == [2, 3]
    assert task(data, "t1-1")["deadline"] == "March"


def test_table_schedule_with_an_owner_column():
    def build(d):
        d.add_paragraph("某某工会2025年工作计划")
        d.add_paragraph("一、加强学习")
        d.add_paragraph("二、月度工作安排")
        table = d.add_table(rows=4, cols=3)
        for row, cells in zip(
            table.rows,
            [
                ("月份", "工作内容", "责任部门"),
                ("1月", "制定计划", "工会办公室"),
                ("3月", "妇女节活动", "女工委员会"),
                ("第三季度", "文体比赛", "文体委员会"),
            ],
            strict=True,
        ):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text

    data = one_plan(docx_bytes(build), "plan.docx")
    assert data["schedule"] == [
        {"month": 1, "work": "制定计划", "owners": ["工会办公室"]},
        {"month": 3, "work": "妇女节活动", "owners": ["女工委员会"]},
        {"month": 7, "work": "文体比赛", "owners": ["文体委员会"]},
    ]
    assert titles(data) == ["加强学习"]


def test_table_that_is_not_a_schedule_keeps_its_text():
    def build(d):
        d.add_paragraph("某某工会2025年工作计划")
        d.add_paragraph("一、活动安排")
        table = d.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "羽毛球赛"
        table.rows[0].cells[1].text = "全体会员参加"

    data = one_plan(docx_bytes(build), "plan.docx")
    assert "羽毛球赛 全体会员参加" in str(data)
