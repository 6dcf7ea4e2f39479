"""Page numbers as real PAGE fields in odd and even footers, and the settings that enable them.

python-docx has no API for fields, so the footer is written as WordprocessingML:
"— N —" with the number a PAGE field, odd pages at the right and even pages at the left,
each indented one character from the edge of the type area (GB/T 9704-2012 §7.5).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planforge.render.docx.styles import W_NS, twips_pt
from planforge.render.docx.xmltext import escape

if TYPE_CHECKING:
    from planforge.render.docx.profiles import Layout

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_EAST_ASIAN_PUNCT = frozenset("“”‘’—–…·－")
_PUNCT_SPLIT = re.compile("([“”‘’—–…·－]+)")
WORD_JOINER = "\u2060"
_JOINED = re.compile("((?:[^\u2060]\u2060)+[^\u2060])")
_KEPT = '<w:lang w:eastAsia="en-US"/>'


def text_run(text: str, *, hint: bool, props: str = "", face: str | None = None) -> str:
    """A run; `hint` marks quotes, dashes and ellipses to be drawn in the East-Asian font.

    With `face` (the paragraph's East-Asian font), those marks get runs of their own that
    name it for Latin text too: LibreOffice gives a quote after a digit ("“5·12”") the
    script of the digit and ignores the hint, drawing a narrow Latin quote; Word follows
    the hint. Either way the mark is drawn full-width in the paragraph's Chinese face.

    Text joined by word joiners (U+2060: a range such as 3月—6月, a name in a table cell)
    gets a run of its own whose East-Asian language is not Chinese: LibreOffice's Chinese
    and Japanese line breaking ignores word joiners, its other languages' keep them (tried
    in LibreOffice 7.4: zh-CN, zh-TW and ja-JP break inside, en-US does not). The run's
    glyphs, fonts and the document's language are unchanged.
    """
    if hint and WORD_JOINER in text:
        return "".join(
            _run(part, _KEPT + props)
            if WORD_JOINER in part
            else text_run(part, hint=hint, props=props, face=face)
            for part in _JOINED.split(text)
            if part
        )
    if not (hint and needs_hint(text)):
        return _run(text, props)
    if face is None:
        return _run(text, '<w:rFonts w:hint="eastAsia"/>' + props)
    marks = f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:hint="eastAsia"/>'
    return "".join(
        _run(part, (marks if part[0] in _EAST_ASIAN_PUNCT else "") + props)
        for part in _PUNCT_SPLIT.split(text)
        if part
    )


def _run(text: str, rpr: str) -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def needs_hint(text: str) -> bool:
    return any(ch in _EAST_ASIAN_PUNCT for ch in text)


def page_field() -> str:
    """The PAGE field as begin / instruction / separate / cached result / end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def footer_xml(p: Layout, align: str) -> str:
    """One footer part holding the page number aligned to `align`."""
    indent = twips_pt(p.page_number.side_indent_chars.value * p.body.size_pt.value)
    side = {"right": f' w:right="{indent}"', "left": f' w:left="{indent}"'}.get(align, "")
    before, _, after = p.page_number.text.value.partition("{page}")
    hint = p.lang == "zh-CN"
    runs = (text_run(before, hint=hint) if before else "") + page_field()
    runs += text_run(after, hint=hint) if after else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:firstLineChars="0" w:firstLine="0"{side}/><w:jc w:val="{align}"/></w:pPr>'
        f"{runs}</w:p></w:ftr>"
    )


def settings_xml(p: Layout) -> str:
    """Different odd and even footers; CJK punctuation compression like Word's own files."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/>'
        f'<w:defaultTabStop w:val="{twips_pt(p.body.size_pt.value * 2)}"/>'
        "<w:evenAndOddHeaders/>"
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    )
