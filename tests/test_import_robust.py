"""Whatever text comes in, import gives a valid source or a clear input error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from import_helpers import run_import
from planforge.errors import InputError
from planforge.load import parse
from planforge.validate import validate

PIECES = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "１．",
    "（1）",
    "①",
    "第一，",
    "First, ",
    "I. ",
    "(a) ",
    "七、八月份：",
    "3.8",
    "5.1",
    "3月底前",
    "由工会办公室负责",
    "责任人：张三",
    "工会",
    "2025年",
    "二〇二五年一月",
    "工作计划",
    "篇2",
    "来源:",
    "首页",
    "指导思想",
    "保障措施",
    "。",
    "，",
    ": ",
    "- ",
    "#",
    "'",
    '"',
    "*",
    "&",
    "!",
    "|",
    "\t",
    " ",
    "学习",
    "by the end of June",
    "Plan",
    "會(huì)",
    "\u200b",
    "yes",
    "null",
    "~",
    "{",
    "}",
    "[",
    "]",
]

lines = st.lists(st.sampled_from(PIECES), min_size=0, max_size=8).map("".join)
documents = st.lists(lines, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_text_gives_a_valid_source_or_an_input_error(text):
    try:
        result = run_import(text)
    except InputError:
        return
    for source in result.texts:
        validate(parse(source))


@pytest.mark.parametrize("name", ["plan.md", "plan.html"])
@settings(max_examples=examples(15), suppress_health_check=[HealthCheck.too_slow])
@given(text=documents)
def test_markdown_and_html_readers_never_crash(name, text):
    try:
        result = run_import(text, name)
    except InputError:
        return
    for source in result.texts:
        validate(parse(source))
