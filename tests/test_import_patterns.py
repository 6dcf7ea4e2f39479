"""The shapes of real published plans (issue 16), each on a short text written for the
test (tests/fixtures/import), with a near miss that must not fire."""

from __future__ import annotations

import re

from conftest import run_cli
from import_helpers import (
    FIXTURES,
    comments,
    kept_in_order,
    levels,
    run_import,
    source,
    task,
    titles,
)
from planforge.load import parse


def _data(name: str) -> dict:
    result = run_import((FIXTURES / name).read_bytes(), name)
    assert len(result.texts) == 1
    return parse(result.texts[0]).data


def _due(data: dict, task_id: str) -> list[tuple[str, str | None]]:
    return [(t["title"], t.get("deadline")) for t in task(data, task_id)["tasks"]]


# ---------------------------------------------------------------------------- months


def test_items_under_a_month_label_are_tasks_due_that_month():
    data = _data("months_zh.txt")
    assert levels(data) == [3, 3, 5]
    assert [t["title"] for t in task(data, "t3")["tasks"]] == ["一月份", "二月份", "三月份"]
    assert task(data, "t3")["title"] == "月份安排"
    assert _due(data, "t3-1") == [("走访慰问困难教职工", "1月"), ("编制经费预算", "1月")]
    assert _due(data, "t3-3") == [("组织三八妇女节活动", "3月"), ("召开教代会", "3月")]
    # the earlier 1、2、 of 二、重点工作 stay where they were, undated
    assert [task(data, i).get("deadline") for i in ("t1", "t2")] == [None, None]
    assert data["safeguards"] == [{"text": "工会委员分工负责，每月检查落实。"}]


def test_a_month_label_with_its_work_on_the_line_stays_a_schedule_row():
    text = "某校工会2025年工作计划\n一、工作安排\n三月份：召开教代会\n四月份：春季运动会\n"
    data = parse(source(text)).data
    assert [(e["month"], e["work"]) for e in data["schedule"]] == [
        (3, "召开教代会"),
        (4, "春季运动会"),
    ]


def test_a_heading_over_month_groups_after_the_parts_is_a_part_of_its_own():
    text = (
        "某医院工会2025年工作计划\n"
        "一,加强职工之家建设;\n"
        "二,丰富职工文体生活.\n"
        "全年活动安排\n"
        "3月:\n"
        "1.三八节女职工座谈会\n"
        "2.组织职工春游\n"
        "4月:\n"
        "1.职工羽毛球比赛\n"
    )
    out = source(text)
    data = parse(out).data
    # the months are not the last part's: they sit under their own heading beside it
    assert titles(data) == ["加强职工之家建设;", "丰富职工文体生活.", "全年活动安排"]
    assert levels(data) == [3, 2, 3]
    assert _due(data, "t3-1") == [("三八节女职工座谈会", "3月"), ("组织职工春游", "3月")]
    assert "heads month groups of its own after the numbered parts" in "".join(comments(out))


def test_a_heading_over_plain_month_rows_stays_text():
    # near miss: the month labels hold their work on the line, no numbered items
    text = (
        "某医院工会2025年工作计划\n"
        "一,加强职工之家建设;\n"
        "二,丰富职工文体生活.\n"
        "全年活动安排\n"
        "3月:三八节女职工座谈会\n"
        "4月:职工羽毛球比赛\n"
    )
    data = parse(source(text)).data
    assert levels(data) == [2]
    assert task(data, "t2")["text"] == "全年活动安排"
    assert [e["month"] for e in data["schedule"]] == [3, 4]


def test_a_month_with_only_text_among_months_holding_items_is_a_month_group():
    text = (
        "某医院工会2025年工作计划\n"
        "1~2月:\n"
        "春节走访慰问困难职工.\n"
        "3月:\n"
        "1.三八节女职工座谈会\n"
        "2.组织职工春游\n"
        "4月:\n"
        "各科室筹备职工运动会.\n"
        "5月:\n"
        "1.职工羽毛球比赛\n"
        "6月:\n"
        "端午节慰问.\n"
    )
    data = parse(source(text)).data
    # one level of month groups, two of which hold no items, each due in its months
    assert titles(data) == ["1~2月", "3月", "4月", "5月", "6月"]
    assert levels(data) == [5, 3]
    assert task(data, "t1")["text"] == "春节走访慰问困难职工."
    assert [task(data, i)["deadline"] for i in ("t1", "t3", "t5")] == ["1~2月", "4月", "6月"]
    assert "schedule" not in data


def test_months_with_only_text_stay_schedule_rows_when_no_month_holds_items():
    # near miss: no month label holds numbered items, so the months are the schedule
    text = "某医院工会2025年工作计划\n1~2月:\n春节走访慰问困难职工.\n3月:\n三八节女职工座谈会.\n"
    data = parse(source(text)).data
    assert [e["month"] for e in data["schedule"]] == [1, 2, 3]
    assert "tasks" not in data or not data["tasks"]


def test_fused_month_and_item_numbers_are_read_as_months():
    data = _data("months_fused.txt")
    months = task(data, "t1")["tasks"]
    assert [m["title"] for m in months] == ["1月", "2月", "3月", "12月"]
    assert _due(data, "t1-1") == [("制订工会年度计划", "1月"), ("元旦教职工联欢", "1月")]
    assert _due(data, "t1-4") == [("年终总结和会员评议", "12月")]


def test_numbers_that_continue_the_count_are_not_months():
    text = "某厂工会2025年工作计划\n一、主要任务\n" + "".join(
        f"{n}、第{n}项工作。\n" for n in range(1, 13)
    )
    data = parse(source(text)).data
    assert levels(data) == [12]  # 11、 follows 10、: an item, not January
    assert task(data, "t11")["title"] == "第11项工作。"


def test_period_headings_date_their_items():
    data = _data("periods_zh.txt")
    assert [t["title"] for t in data["tasks"]] == ["1———2月", "3———4月", "5—6月"]
    # 部署全年工作 names the year, but the heading's period is the deadline
    assert _due(data, "t1") == [
        ("召开全委会，部署全年工作", "1月-2月"),
        ("开展春节送温暖", "1月-2月"),
    ]
    assert _due(data, "t2") == [("组织女职工健康讲座", "3月-4月")]


# ---------------------------------------------------------------------------- tables


def test_an_action_plan_table_is_read_by_its_header():
    data = _data("action_table_en.md")
    assert data["organisation"] == "Riverside Nurses' Union Branch"
    assert [t["title"] for t in data["tasks"]] == ["Grow membership", "Safer staffing"]
    first = task(data, "t1-1")
    assert first["owners"] == ["Membership Officer"]
    assert first["deadline"] == "March 2025"
    assert task(data, "t1-2")["deadline"] == "Q2"  # an empty objective cell: the one above
    assert task(data, "t2-2")["owners"] == ["Branch Chair"]


def test_a_table_without_task_and_owner_or_deadline_columns_is_not_a_task_table():
    text = "某校工会2025年工作计划\n一、基本数据\n| 项目 | 人数 |\n| --- | --- |\n| 会员 | 120 |\n"
    data = parse(source(text, "plan.md")).data
    assert "会员 120" in str(data)
    assert levels(data) == [1]


# ---------------------------------------------------------------------------- furniture


def test_page_furniture_never_becomes_title_plan_or_text():
    raw = (FIXTURES / "furniture_zh.txt").read_bytes()
    result = run_import(raw, "furniture_zh.txt")
    assert len(result.texts) == 1  # the repeated site titles make no plans of their own
    data = parse(result.texts[0]).data
    assert data["title"] == "社区工会2025年工作计划"
    assert data["organisation"] == "社区工会"
    assert data["signature"]["organisation"] == "社区工会"
    text = str(data)
    for residue in ("扫一扫", "banner2025.jpg", "第1页", "11:11:35", "精选", "来源"):
        assert residue not in text
    assert levels(data) == [2, 4]
    assert any("精选3篇" in c for c in comments(result.texts[0]))


def test_site_tags_in_english_titles_never_name_the_organisation():
    text = (
        "Trade Union Work Plan Sample Essay 1000 Words Selected\n"
        "1. Recruit members in every workshop.\n2. Hold the annual meeting in March.\n"
    )
    data = parse(source(text)).data
    assert "Essay" not in data["organisation"] and "Selected" not in data["organisation"]
    assert "Essay" not in data["title"]


def test_a_title_word_inside_a_sentence_is_kept():
    text = "某校工会2025年工作计划\n一、加强学习\n组织教职工学习精选篇目，每月一次。\n"
    data = parse(source(text)).data
    assert "精选篇目" in str(data)


# ---------------------------------------------------------------------------- summaries


def test_a_summary_imports_as_a_summary():
    data = _data("summary_zh.txt")
    first = task(data, "t1")
    assert first["status"] == "done"
    assert str(first["done_on"]) == "2024-03-01"  # when it was done, not a deadline
    assert "deadline" not in first
    assert first["result"].startswith("3月1号召开")
    assert data["summary"]["overview"][0].startswith("一年来")
    assert "ideology" not in data
    assert data["summary"]["problems"] == ["职工文体活动场地不足。"]
    assert data["summary"]["next_year"] == ["继续办好职代会，建设职工书屋。"]


def test_a_plan_with_dates_keeps_them_as_deadlines():
    text = "某医院工会2025年工作计划\n一、主要任务\n（一）召开职代会。3月1号召开第三届职代会第三次会议。\n"
    data = parse(source(text)).data
    first = task(data, "t1")
    assert "status" not in first and "done_on" not in first


# ---------------------------------------------------------------------------- not a plan


def test_a_notice_is_refused_and_nothing_written(tmp_path):
    out = tmp_path / "notice.yaml"
    result = run_cli("import", FIXTURES / "notice_zh.txt", "-o", out)
    assert result.exit_code == 1
    assert not out.exists()
    assert "通知" in result.stderr and "--force" in result.stderr


def test_a_notice_imports_with_force(tmp_path):
    out = tmp_path / "notice.yaml"
    assert run_cli("import", FIXTURES / "notice_zh.txt", "-o", out, "--force").exit_code == 0
    assert out.exists()


def test_a_notice_about_the_work_plan_is_a_plan():
    text = "关于印发2025年工会工作要点的通知\n一、加强学习\n（一）组织学习。\n"
    assert run_import(text).not_a_plan is None


def test_text_with_no_structure_and_no_plan_words_is_refused():
    assert run_import("今天天气很好。\n我们去公园散步。\n").not_a_plan is not None


# ---------------------------------------------------------------------------- the report


def test_report_prints_what_was_recognised():
    err = run_cli("import", FIXTURES / "months_zh.txt", "-o", "-", "--report").stderr
    header, row = err.splitlines()[1:3]
    assert header.split() == ["plan", "title", "levels", "months", "owners", "deadlines", "notes"]
    assert row.split()[2:7] == ["3", "+", "3", "+", "5"]


def test_fixtures_keep_their_text():
    """Short texts: part headings (指导思想, 保障措施) become keys, not text, and weigh more."""
    for name in ("months_zh.txt", "periods_zh.txt", "summary_zh.txt", "months_fused.txt"):
        original = (FIXTURES / name).read_text(encoding="utf-8")
        data = _data(name)
        # a summary's overview opens the document but is written in the summary block
        ordered = {"title": "", "overview": data.get("summary", {}).get("overview", []), **data}
        assert kept_in_order(original, ordered) >= 0.6, name


def test_a_document_viewers_page_markers_are_dropped():
    text = (
        "2025年学校工会工作计划_第1页\n2025年学校工会工作计划\n一、指导思想\n"
        "坚持以教职工为本，围绕学校中心工作开展工会工作。\n"
        "已阅读5页,还剩1页未读 继续免费阅读\n二、主要任务\n1、加强组织建设，发展新会员。\n"
        "2025年学校工会工作计划_第2页\n2、做好困难教职工帮扶。\n下载本文档\n"
        "版权说明:本文档由用户提供并上传，收益归属内容提供方，若内容存在侵权，请进行举报或认领\n"
        "文档简介\n"
    )
    result = run_import(text)
    assert len(result.texts) == 1
    data = parse(result.texts[0]).data
    assert data["title"] == "2025年学校工会工作计划"
    assert data["ideology"] == ["坚持以教职工为本，围绕学校中心工作开展工会工作。"]
    assert levels(data) == [2]
    assert "text" not in data["tasks"][0] and "text" not in data["tasks"][1]
    dropped = comments(result.texts[0])[0]
    for marker in ("_第1页", "_第2页", "还剩1页未读", "下载本文档", "版权说明", "文档简介"):
        assert marker in dropped
    # near miss: a page named in a sentence stays
    kept = parse(source("某校工会2025年工作计划\n一、组织建设\n1、学习手册第2页的制度。\n")).data
    assert titles(kept, 1) == ["学习手册第2页的制度。"]


def test_month_cells_run_into_an_item_are_its_tasks_due_then():
    text = (
        "某中学工会2025年工作计划\n一、主要工作\n1、加强组织建设，发展新会员。\n"
        "2、工作安排：1-2月：召开工会工作会议，制定全年计划。3月：完善教代会提案制度，"
        "开展三八节活动。4-6月：开展教职工趣味运动会。第四季度：年终总结，评选优秀会员。\n"
        "二、保障措施\n加强经费保障。\n"
    )
    out = source(text)
    data = parse(out).data
    assert levels(data) == [2, 4]
    months = task(data, "t2")["tasks"]
    assert [(t["title"], t["deadline"]) for t in months] == [
        ("召开工会工作会议，制定全年计划。", "1月-2月"),  # 全年 inside is not the deadline
        ("完善教代会提案制度，开展三八节活动。", "3月"),
        ("开展教职工趣味运动会。", "4月-6月"),
        ("年终总结，评选优秀会员。", "第四季度"),
    ]
    assert 'deadline from its month label ("3月")' in out
    # near miss: one month named in an item's sentence is not a cell
    one = parse(source("某中学工会2025年工作计划\n1、工作安排：3月：召开教代会。\n")).data
    assert one["tasks"][0]["title"] == "工作安排：3月：召开教代会。"


def test_report_counts_what_the_written_source_holds(tmp_path):
    # 指导思想 and 保障措施 are parts, not tasks; 主要任务's items are the tasks
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某校工会2025年工作计划\n一、指导思想\n坚持以教职工为本。\n二、主要任务\n"
        "1、加强组织建设。\n2、推进民主管理。\n3、关心职工生活。\n三、保障措施\n"
        "1、加强领导。\n2、保障经费。\n",
        encoding="utf-8",
    )
    err = run_cli("import", plan, "--report").stderr
    written = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    data = parse(written).data
    assert levels(data) == [3]
    row = err.splitlines()[2].split()
    assert row[2] == "3"  # the tasks' levels in the source, not the document's headings
    assert row[-1] == str(len(re.findall(r"^.*# imported: ", written, re.M)))
    assert ": 3 tasks by level, " in err


def test_an_untitled_summary_is_read_as_a_summary_by_its_parts_and_tense():
    text = (
        "2024年，在校党总支的领导下，学校工会团结带领全体教职工，圆满完成了年初确定的各项任务，"
        "现将一年来的工作总结如下。\n一、主要工作及成效\n"
        "1、开展了教职工技能比武，共计86人次参加，取得良好效果。\n"
        "2、组织教职工健康体检，已完成全员体检。\n二、存在的问题\n"
        "活动形式还不够丰富，青年教师参与度不高。\n三、明年工作打算\n"
        "继续办好教代会，丰富文体活动。\n学校工会\n2024年12月20日\n"
    )
    out = source(text)
    data = parse(out).data
    assert [t["status"] for t in data["tasks"]] == ["done", "done"]
    assert data["summary"]["problems"] == ["活动形式还不够丰富，青年教师参与度不高。"]
    assert data["summary"]["next_year"] == ["继续办好教代会，丰富文体活动。"]
    assert data["summary"]["overview"][0].startswith("2024年，在校党总支的领导下")
    assert any("read as a year-end summary although no title says so" in c for c in comments(out))
    # near miss: an untitled plan with 主要工作 and one 存在的问题 stays a plan
    plan = source(
        "一、主要工作\n1、开展职工技能比武。\n2、组织教职工健康体检。\n"
        "二、存在的问题\n活动形式还不够丰富，今年要加以改进。\n"
    )
    assert "summary" not in parse(plan).data
    assert not any("year-end summary" in c for c in comments(plan))
