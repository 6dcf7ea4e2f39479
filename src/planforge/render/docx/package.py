"""Zip the parts of a DOCX package: deterministic (fixed dates) and without a theme part.

No theme part is written at all, so nothing can refer to theme fonts.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from planforge.render.docx.fields import footer_xml, settings_xml
from planforge.render.docx.styles import styles_xml
from planforge.render.docx.writer import document_xml, section_xml
from planforge.render.docx.xmltext import escape

if TYPE_CHECKING:
    from planforge.render.docx.profiles import Layout

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_OFFICE = "application/vnd.openxmlformats-officedocument"
_PKG = "application/vnd.openxmlformats-package"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

FOOTERS = {"default": ("rIdFooterOdd", "footer1.xml"), "even": ("rIdFooterEven", "footer2.xml")}


def content_types(extra: dict[str, str]) -> str:
    overrides = {
        "/word/document.xml": f"{_WML}.document.main+xml",
        "/word/styles.xml": f"{_WML}.styles+xml",
        "/word/settings.xml": f"{_WML}.settings+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": f"{_OFFICE}.extended-properties+xml",
        **extra,
    }
    items = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
    return (
        f'{_XML}<Types xmlns="{_CT}">'
        f'<Default Extension="rels" ContentType="{_PKG}.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def relationships(rels: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels
    )
    return f'{_XML}<Relationships xmlns="{_PKG_REL}">{items}</Relationships>'


def core_xml(props: dict[str, str]) -> str:
    """Document properties: title, author (the organisation), subject, created."""
    created = escape(props.get("created", ""))
    stamp = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
        if created
        else ""
    )
    return (
        f"{_XML}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.get('title', ''))}</dc:title>"
        f"<dc:subject>{escape(props.get('subject', ''))}</dc:subject>"
        f"<dc:creator>{escape(props.get('author', ''))}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(props.get('author', ''))}</cp:lastModifiedBy>"
        f"<dc:language>{escape(props.get('language', ''))}</dc:language>"
        f"{stamp}</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f"{_XML}<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>planforge</Application></Properties>"
    )


def zip_parts(parts: dict[str, str | bytes]) -> bytes:
    """A zip with fixed timestamps, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def build_docx(
    body: str,
    profile: Layout,
    props: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> bytes:
    """A complete DOCX: the body, styles and footers of `profile`, and the properties.

    `headers` maps a header kind ("default", "even") to the XML of its header part.
    """
    headers = headers or {}
    header_parts = {kind: (f"rIdHeader{i}", f"header{i}.xml") for i, kind in enumerate(headers, 1)}
    aligns = {
        "default": profile.page_number.odd_align.value,
        "even": profile.page_number.even_align.value,
    }
    doc_rels = [
        ("rIdStyles", f"{_REL}/styles", "styles.xml"),
        ("rIdSettings", f"{_REL}/settings", "settings.xml"),
        *[(rid, f"{_REL}/footer", name) for rid, name in FOOTERS.values()],
        *[(rid, f"{_REL}/header", name) for rid, name in header_parts.values()],
    ]
    section = section_xml(
        profile,
        {kind: rid for kind, (rid, _name) in FOOTERS.items()},
        {kind: rid for kind, (rid, _name) in header_parts.items()},
    )
    types = {f"/word/{name}": f"{_WML}.footer+xml" for _rid, name in FOOTERS.values()}
    types.update({f"/word/{name}": f"{_WML}.header+xml" for _rid, name in header_parts.values()})
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": content_types(types),
        "_rels/.rels": relationships(
            [
                ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
                ("rId2", f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
                ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
            ]
        ),
        "word/document.xml": document_xml(body, section),
        "word/_rels/document.xml.rels": relationships(doc_rels),
        "word/styles.xml": styles_xml(profile),
        "word/settings.xml": settings_xml(profile),
        **{
            f"word/{name}": footer_xml(profile, aligns[kind])
            for kind, (_rid, name) in FOOTERS.items()
        },
        **{f"word/{name}": headers[kind] for kind, (_rid, name) in header_parts.items()},
        "docProps/core.xml": core_xml(props),
        "docProps/app.xml": app_xml(),
    }
    return zip_parts(parts)
