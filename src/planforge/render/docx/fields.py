"""Page numbers as real PAGE fields in odd and even footers, and the settings that enable them.

python-docx has no API for fields, so the footer is written as WordprocessingML:
"— N —" with the number a PAGE field, odd pages at the right and even pages at the left,
each indented one character from the edge of the type area (GB/T 9704-2012 §7.5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planforge.render.docx.styles import W_NS, twips_pt
from planforge.render.docx.xmltext import escape

if TYPE_CHECKING:
    from planforge.render.docx.profiles import Layout

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_EAST_ASIAN_PUNCT = frozenset("“”‘’—–…·－")


def text_run(text: str, *, hint: bool, props: str = "") -> str:
    """A run; `hint` marks quotes, dashes and ellipses to be drawn in the East-Asian font."""
    fonts = '<w:rFonts w:hint="eastAsia"/>' if hint and needs_hint(text) else ""
    rpr = f"<w:rPr>{fonts}{props}</w:rPr>" if fonts or props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


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
