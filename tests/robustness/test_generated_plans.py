"""Plans generated from the model (hypothesis): every valid plan renders in every format,
and `planforge fmt` is idempotent on it.

Text mixes Chinese, English and hostile pieces (quotes, Jinja, HTML, Word field codes,
control characters, which YAML carries in double quotes); tasks nest up to four levels;
deadlines are drawn from every accepted form.
"""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from robustness_helpers import count_case, yaml_text

PIECES = [
    "工会",
    "职工之家",
    "教代会",
    "组织",
    "开展",
    "。",
    "，",
    "：",
    "“引号”",
    "members",
    "meeting",
    "Q1",
    " ",
    "'",
    '"',
    "\\",
    "{{ x }}",
    "{%",
    "<script>",
    "</p>",
    "&amp;",
    "{ PAGE }",
    "<w:instrText>",
    "]]>",
    "*",
    "_",
    "#",
    "- ",
    "1. ",
    "|",
    "`",
    "[a](b)",
    "\x07",
    "\x1b",
    "\x7f",
    "\t",
    "😀",
    "\u200b",
    "\u3000",
    "null",
    "yes",
    "2026-03-01",
    ": ",
    " #",
]
DEADLINES = [
    "{y}-03-20",
    "3月20日",
    "{y}-03",
    "3月",
    "3月底前",
    "March",
    "Q1",
    "第一季度",
    "上半年",
    "H2",
    "3月-5月",
    "{y}-03..{y}-05",
    "每月",
    "每季度",
    "每周",
    "全年",
    "monthly",
    "quarterly",
    "weekly",
    "year-round",
]

text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join).filter(str.strip)
paragraphs = st.one_of(text, st.lists(text, min_size=1, max_size=3))
names = st.one_of(text, st.lists(text, min_size=1, max_size=2))


@st.composite
def task(draw: Any, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {"title": draw(text)}
    if draw(st.booleans()):
        out["text"] = draw(paragraphs)
    if draw(st.booleans()):
        out["owners"] = draw(names)
    if depth < 4 and draw(st.integers(0, 3)) == 0:
        out["tasks"] = draw(st.lists(task(depth + 1), min_size=1, max_size=3))
        return out
    if draw(st.booleans()):
        out["deadline"] = draw(st.sampled_from(DEADLINES))
    status = draw(st.sampled_from([None, "planned", "in_progress", "done", "dropped"]))
    if status:
        out["status"] = status
    if status == "done":
        out["done_on"] = "{y}-0" + str(draw(st.integers(1, 9))) + "-15"
        out["result"] = draw(paragraphs)
        if draw(st.booleans()):
            out["figures"] = {draw(text)[:30]: draw(st.integers(0, 10_000))}
        if draw(st.booleans()):
            out["evidence"] = draw(names)
    if status == "dropped":
        out["reason"] = draw(text)
    return out


def _number(tasks: list[dict[str, Any]], counter: list[int], year: int) -> None:
    """Unique ids in document order, and the plan's year in dates."""
    for t in tasks:
        counter[0] += 1
        t["id"] = f"t{counter[0]}"
        for key in ("deadline", "done_on"):
            if key in t:
                t[key] = t[key].format(y=year)
        _number(t.get("tasks", []), counter, year)


@st.composite
def plans(draw: Any) -> dict[str, Any]:
    year = draw(st.integers(2020, 2030))
    language = draw(st.sampled_from(["zh", "en"]))
    goals = [
        {"id": f"g{i}", "text": draw(text), **({"measure": draw(text)} if i % 2 else {})}
        for i in range(draw(st.integers(0, 3)))
    ]
    tasks = draw(st.lists(task(1), min_size=0, max_size=4))
    _number(tasks, [0], year)
    plan: dict[str, Any] = {
        "organisation": draw(text),
        "year": year,
        "language": language,
        "goals": goals,
        "tasks": tasks,
    }
    if goals:
        for t in tasks:
            if "tasks" not in t and draw(st.booleans()):
                t["goals"] = [goals[0]["id"]]
    if draw(st.booleans()):
        plan["title"] = draw(text)
    if draw(st.booleans()):
        plan["ideology"] = draw(paragraphs)
    if draw(st.booleans()):
        plan["safeguards"] = draw(st.lists(text, min_size=1, max_size=2))
    if draw(st.booleans()):
        plan["issued"] = f"{year}-01-1{draw(st.integers(0, 9))}"
    if draw(st.booleans()):
        plan["summary"] = {"overview": draw(paragraphs), "problems": draw(paragraphs)}
    return plan


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)


def _render_all(path: Path) -> None:
    from lxml import etree

    from planforge.render.docx import render_docx
    from planforge.render.run import document_context, render_text

    for summary in (False, True):
        ctx = document_context(path, summary)
        md = render_text(ctx, "md")
        assert "\x07" not in md and md.endswith("\n")
        html = render_text(ctx, "html")
        parser = _Text()
        parser.feed(html)
        assert "script" not in parser.tags
        data = render_docx(ctx, None, None)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
        root = etree.fromstring(body)  # well-formed XML, whatever the text
        assert not root.findall(".//{*}fldSimple") and not root.findall(".//{*}instrText")


# Two tests of 150 plans each, rather than one doing both: each stays well within a test's
# time (one took up to 150 s on a busy machine), and each draws its own 150 plans.
GENERATED = settings(
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@GENERATED
@given(plan=plans())
def test_a_valid_plan_renders_in_every_format(plan, tmp_path):
    count_case("generated plans (md, html, docx)")
    path = tmp_path / "plan.yaml"
    path.write_text(yaml_text(plan), encoding="utf-8")
    _render_all(path)


@GENERATED
@given(plan=plans())
def test_fmt_of_a_valid_plan_is_idempotent_and_keeps_its_meaning(plan, tmp_path):
    from planforge.lifecycle.fmt import format_text, plan_meaning
    from planforge.load import parse
    from planforge.validate import validate

    count_case("generated plans (fmt)")
    source = yaml_text(plan)
    expected = validate(parse(source, "plan.yaml"))  # generated plans are valid by design
    path = tmp_path / "plan.yaml"

    once = format_text(source, path)
    twice = format_text(once, path)
    assert twice == once
    # formatting keeps the meaning (a deadline may be respelled: 3月-5月 → 3月—5月)
    assert plan_meaning(validate(parse(once, "plan.yaml"))) == plan_meaning(expected)


def test_fmt_quotes_colons_in_flow_collections(tmp_path):
    """Found by the test above: `{a: <w:b>}` is YAML 1.2 but the source parser refuses it."""
    from planforge.lifecycle.fmt import format_text
    from planforge.load import parse

    source = (
        '{"organisation": "工会", "year": 2026, "ideology": ["<w:instrText>", "a:b"], '
        '"tasks": [{"id": "a", "title": "x", "figures": {"<w:t>": 1, "b": 2}}]}\n'
    )
    out = format_text(source, tmp_path / "plan.yaml")
    assert '"<w:instrText>"' in out and '"a:b"' in out and '"<w:t>": 1' in out
    assert parse(out).data["tasks"][0]["figures"] == {"<w:t>": 1, "b": 2}
