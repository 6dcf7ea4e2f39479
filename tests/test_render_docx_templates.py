"""DOCX through Jinja templates: templates/docx/*.xml.j2 fix the body's order and wording,
a user's `--template` overrides them (sandboxed), and every piece of text stays text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from docx_helpers import SMALL, W, context, open_docx, render, xml_parts

BUILTIN = ROOT / "templates" / "docx"
LETTERHEAD = ROOT / "templates" / "letterhead" / "letterhead.docx"

# A plan template that renames the part headings and keeps everything else built-in.
RENAMING = """\
{% import "docx/_blocks.xml.j2" as b with context %}
{{ docx.title(title_lines) }}
{% for part in parts %}
{% if part.key == "section" %}
{{ b.plan_tasks([part.node]) }}
{% else %}
{{ docx.heading(1, part.number, "【" ~ part.heading ~ "】") }}
{% endif %}
{% endfor %}
{{ docx.signature(signature.organisation, signature.date_text) }}
"""

HOSTILE_TITLES = [
    '<w:fldSimple w:instr="PAGE"/>',
    "{ PAGE }",
    "{{ title }} {% if %}",
    "</w:t></w:r></w:p><w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>",
    "& &amp; \"quoted\" 'single'",
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    shutil.copyfile(SMALL, path)
    return path


def user_folder(tmp_path: Path, name: str, text: str) -> Path:
    """A template folder holding docx/`name` with `text`."""
    folder = tmp_path / "mine"
    (folder / "docx").mkdir(parents=True, exist_ok=True)
    (folder / "docx" / name).write_text(text, encoding="utf-8")
    return folder


def hostile_plan(tmp_path: Path) -> Path:
    """The small plan with one task per hostile title at the head of its first section."""
    source = SMALL.read_text(encoding="utf-8")
    extra = "".join(
        f"      - id: h{i}\n        title: {json.dumps(title, ensure_ascii=False)}\n"
        for i, title in enumerate(HOSTILE_TITLES)
    )
    marker = "    tasks:\n"
    at = source.index(marker) + len(marker)
    path = tmp_path / "hostile.yaml"
    path.write_text(source[:at] + extra + source[at:], encoding="utf-8")
    return path


def field_codes(document_xml: str) -> list[str]:
    return re.findall(r"<w:(?:fldSimple|instrText|fldChar)\b", document_xml)


def headings(doc, style: str = "Heading 1") -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == style]


# ---------------------------------------------------------------------------- built-in


def test_built_in_templates_ship_with_the_other_formats():
    names = sorted(p.name for p in BUILTIN.glob("*.xml.j2"))
    assert names == ["_blocks.xml.j2", "plan.xml.j2", "summary.xml.j2"]


@pytest.mark.parametrize("summary", [False, True], ids=["plan", "summary"])
def test_text_that_looks_like_markup_stays_text(tmp_path: Path, summary: bool) -> None:
    path = hostile_plan(tmp_path)
    data = render(path, summary=summary)
    parts = xml_parts(data)
    assert field_codes(parts["word/document.xml"]) == []
    assert field_codes(parts["word/footer1.xml"]), "the page number is still a field"
    texts = [p.text for p in open_docx(data).paragraphs]
    for title in HOSTILE_TITLES:
        assert any(title in t for t in texts), title


def test_the_built_in_environment_is_made_once_per_process():
    from planforge.render.jinja import environment

    assert environment() is environment()


def test_compiled_templates_are_cached_and_a_failing_cache_is_harmless(tmp_path: Path) -> None:
    import jinja2

    from planforge.render.jinja import _BytecodeCache

    cache = _BytecodeCache(str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    loader = jinja2.FileSystemLoader(str(ROOT / "templates"))
    env = jinja2.Environment(loader=loader, bytecode_cache=cache, autoescape=True)
    env.get_template("docx/summary.xml.j2")
    assert len(list((tmp_path / "cache").iterdir())) == 1
    again = jinja2.Environment(loader=loader, bytecode_cache=cache, autoescape=True)
    again.compile = lambda *args, **kwargs: pytest.fail("compiled again")  # type: ignore[method-assign]
    assert again.get_template("docx/summary.xml.j2").name == "docx/summary.xml.j2"
    # The checksum covers the environment's settings (jinja.py's source), not the text alone.
    plain = jinja2.FileSystemBytecodeCache(str(tmp_path))
    assert cache.get_source_checksum("x") != plain.get_source_checksum("x")
    broken = _BytecodeCache(str(tmp_path / "missing"))
    env = jinja2.Environment(loader=loader, bytecode_cache=broken, autoescape=True)
    assert env.get_template("docx/plan.xml.j2") is not None


# ---------------------------------------------------------------------------- overrides


def test_a_user_folder_changes_the_heading_wording(plan: Path, tmp_path: Path) -> None:
    folder = user_folder(tmp_path, "plan.xml.j2", RENAMING)
    out = tmp_path / "out.docx"
    result = run_cli("render", plan, "-f", "docx", "--template", folder, "-o", out)
    assert result.exit_code == 0, result.output
    doc = open_docx(out.read_bytes())
    ctx = context(plan)
    expected = [f"{p['number']}【{p['heading']}】" for p in ctx["parts"] if p["key"] != "section"]
    assert [h for h in headings(doc) if "【" in h] == expected
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == ctx["title"]
    assert "（一）召开第五届教代会第三次会议" in texts, "the built-in task blocks still apply"
    assert texts[-1] == "2026年1月5日"
    assert not doc.tables, "this template leaves the schedule table out"
    # The summary is not overridden by a plan template.
    assert render(plan, summary=True, template=folder) == render(plan, summary=True)


def test_a_single_file_overrides_the_template_of_its_name(plan: Path, tmp_path: Path) -> None:
    mine = tmp_path / "plan.xml.j2"
    mine.write_text(RENAMING, encoding="utf-8")
    doc = open_docx(render(plan, template=mine))
    assert "一、【指导思想】" in headings(doc)
    assert render(plan, summary=True, template=mine) == render(plan, summary=True)


def test_a_user_template_can_override_the_shared_blocks(plan: Path, tmp_path: Path) -> None:
    blocks = (BUILTIN / "_blocks.xml.j2").read_text(encoding="utf-8")
    # The bracket is worded in the context; a template may word its own from the fields.
    changed = blocks.replace(
        '{% set meta = node["meta_text"] %}',
        '{% set meta = "（牵头：" ~ node["owners_text"] ~ "）" if node["owners_text"] else "" %}',
    )
    assert changed != blocks
    folder = user_folder(tmp_path, "_blocks.xml.j2", changed)
    texts = [p.text for p in open_docx(render(plan, template=folder)).paragraphs]
    assert any("（牵头：" in t for t in texts)
    assert not any("（责任部门：" in t for t in texts)


def test_a_letterhead_and_a_body_template_in_one_folder_both_apply(
    plan: Path, tmp_path: Path
) -> None:
    folder = user_folder(tmp_path, "plan.xml.j2", RENAMING)
    shutil.copyfile(LETTERHEAD, folder / "letterhead.docx")
    doc = open_docx(render(plan, template=folder))
    assert doc.paragraphs[0].text == "晨光中学工会", "the letterhead's red mark"
    assert "一、【指导思想】" in headings(doc)


def test_raw_wordprocessingml_in_a_template_passes_through(plan: Path, tmp_path: Path) -> None:
    body = RENAMING.replace(
        "{{ docx.signature(",
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n{{ docx.signature(',
    )
    folder = user_folder(tmp_path, "plan.xml.j2", body)
    document = xml_parts(render(plan, template=folder))["word/document.xml"]
    assert '<w:br w:type="page"/>' in document


def test_text_built_in_a_user_template_is_escaped_once(tmp_path: Path) -> None:
    """A `{% set %}` block is escaped Markup; the helpers take it as the text it shows."""
    path = hostile_plan(tmp_path)
    body = (
        "{% set t %}{{ parts[2].node.children[4].title }} & <b>{% endset %}\n"
        "{{ docx.body(t) }}\n"
        "{{ docx.body(parts[2].node.children[0].title) }}\n"
    )
    folder = user_folder(tmp_path, "plan.xml.j2", body)
    data = render(path, template=folder)
    texts = [p.text for p in open_docx(data).paragraphs]
    assert texts == [f"{HOSTILE_TITLES[4]} & <b>", HOSTILE_TITLES[0]]
    assert field_codes(xml_parts(data)["word/document.xml"]) == []


def test_user_templates_get_the_same_blocks_as_built_in_ones(plan: Path, tmp_path: Path) -> None:
    """A copy of the built-in template, run in the sandbox, gives the same document."""
    text = (BUILTIN / "plan.xml.j2").read_text(encoding="utf-8")
    folder = user_folder(tmp_path, "plan.xml.j2", text)
    assert render(plan, template=folder) == render(plan)


# ---------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ docx.title(title_lines) }}\n\n{{ nope }}\n", "plan.xml.j2:3: 'nope' is undefined"),
        ("{{ docx.body(''.__class__.__mro__) }}\n", "plan.xml.j2:1: not allowed in a template"),
        ("{{ docx._p }}\n", "plan.xml.j2:1:"),
        ("{{ title }}\n{% if %}\n", "plan.xml.j2:2: template syntax error"),
        ("{{ docx.title(title_lines) }}\n{{ docx.heading() }}\n", "plan.xml.j2:2: TypeError"),
        (
            "{{ docx.title(title_lines) }}\n<w:p><w:r><w:t>unclosed</w:r></w:p>\n",
            "not well-formed XML (mismatched tag, line 2 of its output: <w:p><w:r><w:t>unclosed",
        ),
        (  # lines are joined in document.xml: `<w:p` + `w:rsidR=…` would become one name
            '{{ docx.title(title_lines) }}\n<w:p\nw:rsidR="00AB"><w:r><w:t>x</w:t></w:r></w:p>\n',
            "not well-formed XML",
        ),
        (
            "{{ docx.title(title_lines) }}\n<my:p>x</my:p>\n",
            "not well-formed XML (unbound prefix, line 2 of its output: <my:p>x</my:p>)",
        ),
    ],
    ids=[
        "unknown-variable",
        "python-internals",
        "private-helper",
        "syntax",
        "helper-misuse",
        "malformed-xml",
        "attribute-on-next-line",
        "unknown-prefix",
    ],
)
def test_user_docx_template_errors_name_file_and_line(
    plan: Path, tmp_path: Path, body: str, expected: str
) -> None:
    out = plan.with_suffix(".docx")
    out.write_bytes(b"old output")
    folder = user_folder(tmp_path, "plan.xml.j2", body)
    result = run_cli("render", plan, "-f", "docx", "--template", folder)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert out.read_bytes() == b"old output"


def test_other_template_files_are_still_refused_for_docx(plan: Path, tmp_path: Path) -> None:
    mine = tmp_path / "plan.html.j2"
    mine.write_text("<p>{{ title }}</p>", encoding="utf-8")
    result = run_cli("render", plan, "-f", "docx", "--template", mine)
    assert result.exit_code == 2
    assert "plan.xml.j2/summary.xml.j2 body template" in result.stderr


def test_document_xml_is_well_formed_with_a_user_template(plan: Path, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    folder = user_folder(tmp_path, "plan.xml.j2", RENAMING)
    root = ElementTree.fromstring(xml_parts(render(plan, template=folder))["word/document.xml"])
    body = root.find(f"{W}body")
    assert body is not None and body[-1].tag == f"{W}sectPr"
