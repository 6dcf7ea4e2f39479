"""Build the example letterhead `templates/letterhead/letterhead.docx`.

Run `python -m planforge.render.docx.letterhead_build [OUT]` to rebuild it. The letterhead
is an ordinary DOCX with Jinja tags that docxtpl fills: the red issuing-organ mark
(发文机关标志) `{{ organisation }}`, the red separator rule, a header with a thin rule,
and the paragraph `{{ body }}` where the plan goes. Users open it in Word or WPS, replace
the mark with their own (or a logo picture) and keep the `{{ body }}` paragraph.
"""

from __future__ import annotations

import sys
from pathlib import Path

from planforge.render.docx.fields import R_NS
from planforge.render.docx.package import build_docx
from planforge.render.docx.profiles import load_profile
from planforge.render.docx.styles import W_NS, fonts, size

RED = "C00000"


def letterhead_body() -> str:
    """The letterhead's own paragraphs: the red mark, the red rule, the body placeholder."""
    mark = (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr>{fonts("方正小标宋简体", "Times New Roman")}<w:color w:val="{RED}"/>'
        f'<w:spacing w:val="20"/>{size(36)}</w:rPr>'
        '<w:t xml:space="preserve">{{ organisation }}</w:t></w:r></w:p>'
    )
    rule = (
        '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" '
        f'w:color="{RED}"/></w:pBdr><w:spacing w:before="0" w:after="240" w:line="240" '
        'w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:p>'
    )
    placeholder = "<w:p><w:r><w:t>{{ body }}</w:t></w:r></w:p>"
    return mark + rule + placeholder


def header_xml() -> str:
    """A header with the organisation and the year over a thin rule."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/>'
        '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'
        '</w:pPr><w:r><w:t xml:space="preserve">{{ organisation }} · {{ year }}</w:t></w:r>'
        "</w:p></w:hdr>"
    )


def build_letterhead() -> bytes:
    profile = load_profile("gbt9704")
    props = {"title": "Letterhead", "author": "planforge", "created": "2026-01-01T00:00:00Z"}
    headers = {"default": header_xml(), "even": header_xml()}
    return build_docx(letterhead_body(), profile, props, headers)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("templates/letterhead/letterhead.docx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_letterhead())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
