"""Text from users stays text: escaped in HTML and Markdown, literal in DOCX (no fields, no
markup, valid XML even with control characters), and user templates are sandboxed."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest

from conftest import run_cli
from robustness_helpers import CONTROL_CHARS, HOSTILE_TEXTS, count_case, hostile_plan_yaml


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(hostile_plan_yaml(), encoding="utf-8")
    return path


def render(path, fmt, *extra):
    out = path.with_name(f"{path.stem}.{fmt}")
    result = run_cli("render", path, "-f", fmt, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return out


def visible(text: str) -> str:
    """What a control character becomes in a document: its control picture, or U+FFFD for
    a C1 control (which has none)."""
    return "".join(
        chr(0x2400 + ord(c))
        if ord(c) < 0x20
        else "␡"
        if c == "\x7f"
        else "\ufffd"
        if 0x80 <= ord(c) < 0xA0
        else c
        for c in text
    )


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("summary", [False, True])
def test_every_string_is_escaped_in_html(hostile, summary):
    out = render(hostile, "html", *(["--summary"] if summary else []))
    html = out.read_text(encoding="utf-8")
    parsed = Collect()
    parsed.feed(html)
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a.startswith("on")]
    text = "".join(parsed.text)
    assert "<script>alert('x')</script>" in text
    assert "{{ 7 * 7 }}" in text and "49" not in text
    assert not set(CONTROL_CHARS) & set(html)
    assert visible("bell\x07 escape\x1b[2J") in text


def test_markdown_keeps_text_literal_and_lines_whole(hostile):
    from markdown_it import MarkdownIt

    md = render(hostile, "md").read_text(encoding="utf-8")
    assert not set(CONTROL_CHARS) & set(md)
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [t for t in tokens if t.type == "inline"]
    html_tokens = [c for t in inline for c in t.children or [] if c.type.startswith("html")]
    assert not [t for t in tokens if t.type.startswith("html")] and not html_tokens
    links = [c for t in inline for c in t.children or [] if c.type == "link_open"]
    assert not links
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert any(visible("bell\x07 escape\x1b") + "\\[2J nul-ish" in h for h in headings)


def docx_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        }


@pytest.mark.parametrize("summary", [False, True])
def test_docx_holds_field_codes_and_markup_as_literal_text(hostile, summary):
    import docx
    from lxml import etree

    out = render(hostile, "docx", *(["--summary"] if summary else []))
    parts = docx_parts(out)
    for name, xml in parts.items():
        etree.fromstring(xml.encode("utf-8"))  # well-formed: Word would open it
        assert not set(CONTROL_CHARS) & set(xml), name
    body = parts["word/document.xml"]
    assert "<w:fldSimple" not in body and "<w:instrText" not in body
    assert "<w:fldChar" not in body
    for name, xml in parts.items():  # the only fields are the footers' PAGE fields
        instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
        assert all(i.strip() == "PAGE" for i in instructions), name
        if instructions:
            assert name.startswith("word/footer"), name
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    if not summary:
        assert "{ PAGE } { INCLUDETEXT" in text
        assert '<w:fldSimple w:instr=" PAGE "/>' in text
        assert "{{ 7 * 7 }}" in text
        assert visible("bell\x07 escape\x1b[2J nul-ish\x01") in text


def test_docx_core_properties_are_valid_xml_with_control_characters(hostile):
    out = render(hostile, "docx")
    core = docx_parts(out)["docProps/core.xml"]
    assert visible("\x07") in core


def test_a_letterhead_gets_user_text_as_literal_text(hostile, tmp_path):
    from planforge.render.docx.letterhead_build import build_letterhead

    letterhead = tmp_path / "letterhead.docx"
    letterhead.write_bytes(build_letterhead())
    source = tmp_path / "plan.yaml"
    source.write_text(
        hostile_plan_yaml().replace('"organisation": "工会', '"organisation": "工会\\u0007{{ 1 }}'),
        encoding="utf-8",
    )
    out = render(source, "docx", "--template", letterhead)
    parts = docx_parts(out)
    joined = "".join(parts.values())
    assert visible("工会\x07{{ 1 }}") in joined
    assert "\x07" not in joined


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ics"])
def test_exports_take_control_characters(hostile, tmp_path, fmt):
    out = tmp_path / f"ledger.{fmt}"
    result = run_cli("export", hostile, "-f", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(out)
        values = [str(c.value) for row in book.active.iter_rows() for c in row if c.value]
        assert any(visible("bell\x07") in v for v in values)
    else:
        text = out.read_bytes().decode("utf-8-sig")
        assert not set(CONTROL_CHARS) & set(text)
        assert visible("bell\x07") in text.replace("\r\n ", "")  # ICS folds long lines


def test_report_xlsx_takes_control_characters(hostile, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(hostile.read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("report.xlsx", "report.html", "report.json"):
        result = run_cli("report", folder, "-o", tmp_path / name, "--as-of", "2026-06-01")
        assert result.exit_code == 0, result.output


SANDBOX_ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ title.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].system('id') }}",
    "{{ self._TemplateReference__context }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ '{0.__class__.__base__.__subclasses__}'.format('') }}",
    "{% set x = [].pop %}{{ x() }}",
    "{{ range(10 ** 9) | list | length }}",
    "{{ config.items() }}",
    "{{ request.application }}",
]


@pytest.mark.parametrize("template", SANDBOX_ESCAPES)
def test_a_user_template_cannot_reach_python_internals(tmp_path, template):
    from conftest import EXAMPLES

    folder = tmp_path / "templates" / "md"
    folder.mkdir(parents=True)
    (folder / "plan.md.j2").write_text(template + "\n", encoding="utf-8")
    out = tmp_path / "plan.md"
    result = run_cli(
        "render",
        EXAMPLES / "school-2026.zh.yaml",
        "-f",
        "md",
        "-o",
        out,
        "--template",
        tmp_path / "templates",
    )
    count_case("sandbox escapes")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert "uid=" not in result.output and "<class" not in result.output
    assert not out.exists()


def test_user_text_is_not_evaluated_as_a_template(hostile):
    md = render(hostile, "md").read_text(encoding="utf-8")
    assert "{{ 7 \\* 7 }} and {% if true %}yes{% endif %}" in md  # \\* is a literal *
    html = render(hostile, "html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }} and {% if true %}yes{% endif %}" in html


def test_hostile_texts_cover_every_kind():
    assert len(HOSTILE_TEXTS) >= 8
    assert any(set(CONTROL_CHARS) <= set(t) for t in HOSTILE_TEXTS)


ESCAPES = "evil\x1b]0;pwned\x07\x1b[2J title"


@pytest.fixture
def escaping(tmp_path):
    from robustness_helpers import yaml_text

    path = tmp_path / "esc.yaml"
    plan = {
        "organisation": "工会",
        "year": 2026,
        "tasks": [{"id": "a", "title": ESCAPES, "owners": ESCAPES, "deadline": "1月"}],
    }
    path.write_text(yaml_text(plan), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--as-of", "2026-06-01"],
        ["status", "--as-of", "2026-06-01", "--format", "md"],
        ["diff", "OTHER"],
        ["check", "--rubric", "five-ones-school"],
    ],
)
def test_no_escape_sequence_from_a_plan_reaches_the_terminal(escaping, command):
    other = escaping.with_name("other.yaml")
    other.write_text(escaping.read_text(encoding="utf-8").replace("evil", "good"), encoding="utf-8")
    args = [other if a == "OTHER" else a for a in command]
    result = run_cli(args[0], escaping, *args[1:])
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    if command[0] != "check":
        assert visible("\x1b]0;pwned\x07") in result.output


def test_the_status_table_for_a_terminal_shows_no_markup_or_escapes(escaping):
    import datetime as dt
    import io

    from rich.console import Console

    from planforge.lifecycle.status import print_rich, progress
    from planforge.validate import load_plan

    plan = load_plan(escaping)
    buffer = io.StringIO()
    print_rich(progress(plan, dt.date(2026, 6, 1), None), Console(file=buffer, width=200))
    out = buffer.getvalue()
    assert "\x1b" not in out and "\x07" not in out
    assert "pwned" in out


def test_a_raw_control_character_is_shown_visibly_in_the_error(tmp_path):
    path = tmp_path / "raw.yaml"
    path.write_bytes("organisation: 工会\x1b[2J\nyear: 2026\n".encode())
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert "U+001B" in result.output
    assert "\x1b" not in result.output
    assert "工会␛[2J" in result.output


@pytest.mark.parametrize("char", ["\x85", "\x9f"])
def test_a_raw_c1_control_character_is_refused_at_its_place(tmp_path, char):
    path = tmp_path / "raw.yaml"
    path.write_bytes(f"organisation: 工会\nyear: 2026\ntitle: 计划{char}\n".encode())
    result = run_cli("render", path, "-f", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 2
    assert f"{path}:3:10: error: control character U+{ord(char):04X}" in result.stderr
    assert char not in result.output
    assert "position" not in result.output
