"""styles.xml from a layout profile: fonts are set once here, on the styles.

Every font is written with explicit ascii, hAnsi, eastAsia and cs names and no theme
attributes, so Word and WPS never fall back to a theme face (ＭＳ 明朝, 等线, Calibri).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planforge.render.docx.xmltext import quoteattr

if TYPE_CHECKING:
    from planforge.model.profile import Heading
    from planforge.render.docx.profiles import Layout

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Style ids the body refers to; a letterhead's styles with these ids are replaced.
STYLE_IDS = (
    "Normal",
    "Title",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "TableText",
    "Signature",
    "Footer",
    "Header",
    "TableGrid",
)

_THEME_ATTR = re.compile(r'\s+w:(?:ascii|hAnsi|eastAsia|cs)Theme="[^"]*"')


def twips_mm(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def twips_pt(pt: float) -> int:
    return round(pt * 20)


def fonts(east_asia: str, latin: str) -> str:
    """`w:rFonts` with all four names given, so no theme or fallback face applies."""
    lat = quoteattr(latin)
    return f"<w:rFonts w:ascii={lat} w:hAnsi={lat} w:eastAsia={quoteattr(east_asia)} w:cs={lat}/>"


def size(pt: float) -> str:
    half = round(pt * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def bold(on: bool) -> str:
    return "<w:b/><w:bCs/>" if on else '<w:b w:val="0"/><w:bCs w:val="0"/>'


def line_spacing(rule: str, line: float, after_pt: float = 0, before_pt: float = 0) -> str:
    if rule == "exact":
        value, kind = twips_pt(line), "exact"
    else:
        value, kind = round(line * 240), "auto"
    return (
        f'<w:spacing w:before="{twips_pt(before_pt)}" w:after="{twips_pt(after_pt)}" '
        f'w:line="{value}" w:lineRule="{kind}"/>'
    )


def first_line(chars: float, char_pt: float) -> str:
    return (
        f'<w:ind w:firstLineChars="{round(chars * 100)}" '
        f'w:firstLine="{twips_pt(chars * char_pt)}"/>'
    )


def strip_theme_fonts(xml: str) -> str:
    """Remove theme-font attributes (w:asciiTheme, w:eastAsiaTheme, …) from an XML part."""
    return _THEME_ATTR.sub("", xml)


def _style(
    kind: str,
    style_id: str,
    name: str,
    body: str,
    *,
    based_on: str | None = None,
    default: bool = False,
    extra: str = "",
) -> str:
    attrs = f'w:type="{kind}"' + (' w:default="1"' if default else "")
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style {attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f"{extra}<w:qFormat/>{body}</w:style>"
    )


def _heading(level: int, h: Heading, p: Layout) -> str:
    keep = "<w:keepNext/>" if level <= 2 else ""
    spacing = line_spacing(p.body.line_rule.value, p.body.line.value, 0, h.space_before_pt.value)
    ppr = (
        f"<w:pPr>{keep}{spacing}"
        f"{first_line(h.first_line_indent_chars.value, h.size_pt.value)}"
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
    )
    rpr = (
        f"<w:rPr>{fonts(h.font.value, h.latin_font.value)}{bold(h.bold.value)}"
        f"{size(h.size_pt.value)}</w:rPr>"
    )
    return _style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        ppr + rpr,
        based_on="Normal",
        extra='<w:next w:val="Normal"/>',
    )


def styles_xml(p: Layout) -> str:
    """The whole styles part for profile `p`."""
    b, t, tab, num = p.body, p.title, p.table, p.page_number
    # Latin text (digits, dates, English words) is English even in a Chinese document, as
    # Word writes it: marked Chinese, LibreOffice breaks numbers between any two digits.
    latin_lang = "en-US" if p.lang.startswith("zh") else p.lang
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"{fonts(b.font.value, b.latin_font.value)}{size(b.size_pt.value)}"
        f'<w:lang w:val="{latin_lang}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    normal = _style(
        "paragraph",
        "Normal",
        "Normal",
        "<w:pPr>"
        + ('<w:snapToGrid w:val="0"/>' if b.line_grid.value else "")
        + line_spacing(b.line_rule.value, b.line.value, b.space_after_pt.value)
        + first_line(b.first_line_indent_chars.value, b.size_pt.value)
        + f'<w:jc w:val="{b.align.value}"/></w:pPr>'
        + f"<w:rPr>{fonts(b.font.value, b.latin_font.value)}"
        + f'<w:spacing w:val="{twips_pt(b.char_spacing_pt.value)}"/>{size(b.size_pt.value)}'
        + "</w:rPr>",
        default=True,
    )
    title = _style(
        "paragraph",
        "Title",
        "Title",
        f"<w:pPr><w:keepNext/>{line_spacing(t.line_rule.value, t.line.value)}"
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>'
        '<w:outlineLvl w:val="9"/></w:pPr>'
        f"<w:rPr>{fonts(t.font.value, t.latin_font.value)}{bold(t.bold.value)}"
        f'<w:spacing w:val="0"/>{size(t.size_pt.value)}</w:rPr>',
        based_on="Normal",
        extra='<w:next w:val="Normal"/>',
    )
    headings = "".join(
        _heading(i, h, p)
        for i, h in enumerate(
            (p.headings.level1, p.headings.level2, p.headings.level3, p.headings.level4), 1
        )
    )
    table_text = _style(
        "paragraph",
        "TableText",
        "Table Text",
        f"<w:pPr>{line_spacing('multiple', tab.line_multiple.value)}"
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f'<w:rPr>{fonts(tab.font.value, tab.latin_font.value)}<w:spacing w:val="0"/>'
        f"{size(tab.size_pt.value)}</w:rPr>",
        based_on="Normal",
    )
    signature = _style(
        "paragraph",
        "Signature",
        "Signature",
        '<w:pPr><w:keepNext/><w:ind w:firstLineChars="0" w:firstLine="0"/>'
        '<w:jc w:val="right"/></w:pPr>',
        based_on="Normal",
    )
    footer = _style(
        "paragraph",
        "Footer",
        "footer",
        f'<w:pPr><w:snapToGrid w:val="0"/>{line_spacing("multiple", 1.0)}'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>'
        f'<w:rPr>{fonts(num.font.value, num.latin_font.value)}<w:spacing w:val="0"/>'
        f"{size(num.size_pt.value)}</w:rPr>",
        based_on="Normal",
    )
    header = _style(
        "paragraph",
        "Header",
        "header",
        f'<w:pPr><w:snapToGrid w:val="0"/>{line_spacing("multiple", 1.0)}'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f'<w:rPr><w:spacing w:val="0"/>{size(num.size_pt.value)}</w:rPr>',
        based_on="Normal",
    )
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = _style(
        "table",
        "TableGrid",
        "Table Grid",
        f"<w:tblPr><w:tblBorders>{border}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>",
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">{defaults}{normal}{title}{headings}{table_text}'
        f"{signature}{footer}{header}{grid}</w:styles>"
    )
