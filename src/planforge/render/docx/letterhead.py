"""Fill a user's letterhead DOCX with docxtpl and put the plan's body where `{{ body }}` is.

docxtpl renders the letterhead's Jinja tags (also when Word has split them across runs)
in a sandboxed, autoescaping environment; the paragraph holding `{{ body }}` is then
replaced by the plan's paragraphs and tables. The letterhead keeps its page setup,
headers, footers and pictures; planforge's styles replace the letterhead's styles of the
same names, and theme fonts are removed so no part falls back to a theme face.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planforge.errors import TemplateError
from planforge.render.docx.package import core_xml, zip_parts
from planforge.render.docx.styles import STYLE_IDS, strip_theme_fonts, styles_xml

if TYPE_CHECKING:
    from planforge.render.docx.profiles import Layout

BODY_MARKER = "PLANFORGE-BODY-7f3a9c"
_STYLE = re.compile(r"<w:style\b[^>]*>.*?</w:style>", re.S)
_STYLE_NAMES = {
    "normal",
    "title",
    "heading 1",
    "heading 2",
    "heading 3",
    "heading 4",
    "table text",
    "signature",
    "footer",
    "header",
    "table grid",
}
_DOC_DEFAULTS = re.compile(r"<w:docDefaults>.*?</w:docDefaults>", re.S)
_THEME_FONT = re.compile(r'<a:(latin|ea|cs) typeface="[^"]*"')
# Faces that only a theme brings in; listing them makes Word and WPS warn or fall back.
_THEME_FACE_ENTRY = re.compile(r'<w:font w:name="(?:Calibri|Cambria|等线)[^"]*">.*?</w:font>', re.S)
_THEME_SCRIPT_FONT = re.compile(r'<a:font script="[^"]*" typeface="[^"]*"/>')


def fill_letterhead(path: Path, ctx: dict[str, Any], body: str, profile: Layout) -> bytes:
    """The letterhead at `path` with its tags filled from `ctx` and `body` in its place."""
    rendered = _render(path, ctx)
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        parts: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    document = _text(parts["word/document.xml"])
    parts["word/document.xml"] = _insert_body(document, body, path)
    parts["word/styles.xml"] = merge_styles(_text(parts.get("word/styles.xml", b"")), profile)
    from planforge.render.docx import document_properties

    parts["docProps/core.xml"] = core_xml(document_properties(ctx))
    for name, data in list(parts.items()):
        if not name.endswith(".xml"):
            continue
        text = data if isinstance(data, str) else data.decode("utf-8")
        if name.startswith("word/theme/"):
            text = _explicit_theme_fonts(text, profile)
        elif name == "word/fontTable.xml":
            text = _THEME_FACE_ENTRY.sub("", text)
        parts[name] = strip_theme_fonts(text)
    return zip_parts(parts)


def _text(data: str | bytes) -> str:
    return data if isinstance(data, str) else data.decode("utf-8")


def _render(path: Path, ctx: dict[str, Any]) -> bytes:
    import jinja2
    import jinja2.sandbox
    from docxtpl import DocxTemplate

    from planforge.render.controls import finalize
    from planforge.render.jinja import template_error

    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=True, finalize=finalize
    )
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # python-docx raises several types for a file that is no DOCX
        raise TemplateError(f"{path}: not a DOCX letterhead ({exc})") from None
    try:
        template.render({**ctx, "body": BODY_MARKER}, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
    except Exception as exc:
        error = template_error(exc, str(path))
        if error is None:
            raise
        raise error from None
    return out.getvalue()


def _insert_body(document: str, body: str, path: Path) -> str:
    at = document.find(BODY_MARKER)
    if at < 0:
        raise TemplateError(
            f"{path}: the letterhead has no {{{{ body }}}} paragraph for the plan's text"
        )
    start = max(document.rfind("<w:p>", 0, at), document.rfind("<w:p ", 0, at))
    end = document.find("</w:p>", at) + len("</w:p>")
    return document[:start] + body + document[end:]


def merge_styles(letterhead_styles: str, profile: Layout) -> str:
    """The letterhead's styles with planforge's document defaults and body styles."""
    ours = styles_xml(profile)
    if "<w:styles" not in letterhead_styles:
        return ours
    defaults = _DOC_DEFAULTS.search(ours)
    own_styles = "".join(_STYLE.findall(ours))

    def keep(match: re.Match[str]) -> str:
        block = match.group(0)
        sid = re.search(r'w:styleId="([^"]*)"', block)
        name = re.search(r'<w:name w:val="([^"]*)"', block)
        replaced = (sid and sid.group(1) in STYLE_IDS) or (
            name and name.group(1).lower() in _STYLE_NAMES
        )
        return "" if replaced else block

    merged = _STYLE.sub(keep, _DOC_DEFAULTS.sub("", letterhead_styles))
    head_end = merged.index(">", merged.index("<w:styles")) + 1
    merged = merged[:head_end] + (defaults.group(0) if defaults else "") + merged[head_end:]
    close = merged.rindex("</w:styles>")
    return merged[:close] + own_styles + merged[close:]


def _explicit_theme_fonts(theme: str, profile: Layout) -> str:
    """Name the profile's fonts in a theme, so a leftover reference finds no 等线 or Calibri."""
    latin, east_asia = profile.body.latin_font.value, profile.body.font.value
    names = {"latin": latin, "ea": east_asia, "cs": latin}
    theme = _THEME_SCRIPT_FONT.sub("", theme)
    return _THEME_FONT.sub(lambda m: f'<a:{m.group(1)} typeface="{names[m.group(1)]}"', theme)
