"""The vocabularies the importer and the rules share (planforge.vocab, planforge.zh): a
residue line the importer drops is one the `web-residue` rule flags, an owner label the
importer reads in a task's text it also reads in a bracket, and the labels planforge
renders are among those it reads back."""

from __future__ import annotations

import re

import pytest

from planforge.importer.extract import find_owners
from planforge.importer.residue import residue_line
from planforge.importer.structure import task_meta
from planforge.render.context import LABELS
from planforge.vocab import owners, residue
from planforge.zh import count_han, has_cjk, has_han
from rules_helpers import HEAD_EN, HEAD_ZH, findings

# One line a site really adds, for each word of the residue vocabulary.
RESIDUE_ZH = [
    "来源：区教育局",
    "发布时间：2024-01-02",
    "发布日期:2024年1月2日",
    "作者：办公室",
    "浏览次数：1024",
    "点击数：88",
    "当前位置：首页 > 通知公告",
    "您的位置：工会动态",
    "您的当前位置 工会动态",
    "本文链接：http://example.cn/a/1",
    "分享到：微信 微博",
    "分享到微信",
    "字号：大 中 小",
    "首页 > 工作计划",
    "浏览量 1024",
    "责任编辑 王老师",
    "上一篇：关于开展春季运动会的通知",
    "下一篇：工会小组长会议纪要",
    "【打印本页】【关闭窗口】",
    "关闭窗口",
    "返回顶部",
    "返回首页",
    "版权所有：城东区总工会",
    "ICP备05012345号",
    "扫一扫在手机打开当前页",
    "字体：【大 中 小】",
    "© 2024 城东区总工会",
    "相关文章",
    "推荐阅读",
    "阅读全文 »",
    "显示全文",
    "点击下载附件",
    "城东区总工会首页正文",
    "已阅读5页,还剩1页未读 继续免费阅读",
    "还剩2页未读，继续阅读",
    "继续免费阅读",
    "下载本文档",
    "文档简介",
    "版权说明:本文档由用户提供并上传，收益归属内容提供方",
    "本文档由用户提供并上传，若内容存在侵权，请进行举报",
    "上传人：li****8 文档编号：10203040 上传时间：2025-01-06 格式：DOCX 页数：6",
    "上传者：学校工会",
    "网站客服：400-000-0000",
    "在线客服：工作日9:00-17:00",
    "《2025年学校工会工作计划》由会员分享，可在线阅读，更多相关《2025年学校工会工作计划》请在文库上搜索。",
    "资源描述：",
    "申明敬告：本站只提供存储空间，用户上传的文档不保证完整",
    "免责声明：本页内容由网友提供",
    "版权声明：文章归原作者所有",
    "下载文档前请先确认页数和格式",
    "本站不提供文档的编辑和修改服务",
    "如文档侵犯您的权益，请联系我们删除",
    "仅部分预览的文档不支持退款",
    "不可在线预览的部分以下载后为准",
    "人工客服在线时间为工作日",
    "跳到主要内容",
    "- 2021-04-14 发布 |",
    "- 37.5 KB |",
    "- 11页",
    "共6页",
]
RESIDUE_EN = [
    "Source: Harbourside Gazette",
    "Posted: 3 March 2024",
    "Posted on 3 March 2024 by admin",
    "Author: Web Team",
    "Views: 1,024",
    "Copyright 2024 Harbourside Branch",
    "All rights reserved",
    "You are here: Home",
    "Home > News > Plans",
    "Share this page",
    "Print this page",
    "Back to top",
    "Related articles",
    "Read more »",
    "Skip to main content",
    "Skip navigation",
]
# The plan's own words, with a residue word inside: neither dropped nor flagged.
NEAR_MISSES_ZH = [
    "经费来源：会费和行政拨款",
    "把典型经验分享到各基层工会",
    "组织教职工阅读全文并撰写心得",
    "开展“推荐阅读好书”活动，每季度推荐阅读书目10本",
    "组织教职工已阅读的书目交流会",
    "指导会员下载文档模板，按时填报",
    "读书会由会员分享读书心得，每月一次",
    "设立职工服务热线，客服人员每日值守",
    "整理上传时间表和资源描述模板",
    "坚决制止侵犯职工合法权益的行为，本站点值班人员及时上报",
    "会员代表大会免责条款由法律顾问审核",
    "编印学习手册，每册不少于20页",
    "发放宣传册500份，每份12页",
]
NEAR_MISSES_EN = ["Agree the funding source: branch dues and the hardship fund"]


def _flagged(head: str, line: str) -> list[int]:
    plan = head + "ideology:\n  - " + _yaml(line) + "\n"
    return [n for _rule, n in findings(plan, "web-residue")]


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize(
    ("head", "line"),
    [(HEAD_ZH, line) for line in RESIDUE_ZH] + [(HEAD_EN, line) for line in RESIDUE_EN],
)
def test_a_residue_line_the_importer_drops_is_one_the_rule_flags(head: str, line: str) -> None:
    assert residue_line(line), "the importer keeps it"
    assert _flagged(head, line), "the rule does not flag it"


@pytest.mark.parametrize(
    ("head", "line"),
    [(HEAD_ZH, line) for line in NEAR_MISSES_ZH] + [(HEAD_EN, line) for line in NEAR_MISSES_EN],
)
def test_the_plans_own_words_are_neither_dropped_nor_flagged(head: str, line: str) -> None:
    assert not residue_line(line)
    assert _flagged(head, line) == []


def test_every_residue_word_has_an_example() -> None:
    """A word added to the vocabulary needs a line above, so both sides are tested on it."""
    lines = RESIDUE_ZH + RESIDUE_EN
    for fragment in (*residue.LABELS, *residue.MARKERS, *residue.NOTICE_PHRASES, *residue.HEADINGS):
        word = re.compile(fragment, re.I)
        assert any(word.search(line) for line in lines), fragment


@pytest.mark.parametrize("label", owners.OWNER_LABELS_ZH)
def test_an_owner_label_is_read_in_the_text_and_in_the_bracket(label: str) -> None:
    assert find_owners(f"召开教代会，{label}：工会办公室、教务处", zh=True) == [
        "工会办公室",
        "教务处",
    ]
    assert task_meta(f"（{label}：工会办公室；完成时限：3月底前）") == {
        "owners": "工会办公室",
        "deadline": "3月底前",
    }


@pytest.mark.parametrize("label", ["Responsible", "Owner", "Owners", "Lead", "Leader", "Led by"])
def test_an_english_owner_label_is_read_in_the_text_and_in_the_bracket(label: str) -> None:
    assert find_owners(f"Hold the meeting. {label}: Branch Secretary", zh=False) == [
        "Branch Secretary"
    ]
    assert task_meta(f"({label}: Branch Secretary; Deadline: June)") == {
        "owners": "Branch Secretary",
        "deadline": "June",
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rendered_labels_are_read_back(lang: str) -> None:
    owner = re.compile(owners.alternation(owners.OWNER_LABELS_ZH + owners.OWNER_LABELS_EN), re.I)
    deadline = re.compile(owners.alternation(owners.DEADLINE_LABELS), re.I)
    assert owner.fullmatch(LABELS[lang]["owner"])
    assert deadline.fullmatch(LABELS[lang]["deadline"])


def test_the_character_classes() -> None:
    assert has_han("召开教代会") and has_han("㐀") and not has_han("，：２０２６")
    assert has_cjk("２０２６") and has_cjk("，") and not has_cjk("Deadline: June")
    assert count_han("2026年工作计划 plan") == 5


def test_both_owner_parts_of_a_bracket_are_the_tasks_owners() -> None:
    # 责任部门 then 责任人, as planforge renders a task with a department and a person
    bracket = "（责任部门：工会办公室、护理部；责任人：工会主席 周慧敏；完成时限：3月—6月）"
    assert task_meta(bracket) == {
        "owners": "工会办公室、护理部、工会主席 周慧敏",
        "deadline": "3月—6月",
    }
    # near miss: a bracket with one owner part keeps that part alone
    assert task_meta("（责任人：工会主席 周慧敏；完成时限：3月）") == {
        "owners": "工会主席 周慧敏",
        "deadline": "3月",
    }


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("常态化开展", "in_progress"),
        ("Continuing", "in_progress"),
        ("顺延至2027年9月", "postponed"),
        ("was moved to September 2027", "postponed"),
        ("已完成", "done"),
        ("已取消", "dropped"),
        ("按计划推进", "open"),
        ("On schedule", "open"),
    ],
)
def test_a_ledger_state_is_read_as_a_status(cell: str, status: str) -> None:
    from planforge.importer.assemble import _status

    assert _status(cell) == status
    # near miss: a result cell that merely mentions 完成 is not a state
    assert _status("共完成培训3场") is None
