"""Helpers for the DOCX tests: render a plan to DOCX and read it back with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, FIXTURES

SMALL = FIXTURES / "small.zh.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMU_PER_MM = 36000


def context(path: Path, summary: bool = False) -> dict[str, Any]:
    from planforge.render.context import plan_context, summary_context
    from planforge.validate import load_plan

    plan = load_plan(path)
    return summary_context(plan) if summary else plan_context(plan)


def render(
    path: Path, summary: bool = False, profile: str | None = None, template: Path | None = None
) -> bytes:
    from planforge.render.docx import render_docx

    return render_docx(context(path, summary), profile, template)


def open_docx(data: bytes) -> Any:
    """The document as python-docx reads it, with the word joiners (U+2060) that keep
    ranges and names on one line taken out: they are layout, not text (tests that look
    at them read the XML)."""
    import docx

    return docx.Document(io.BytesIO(without_joiners(data)))


def without_joiners(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename.endswith(".xml"):
                part = part.replace("\u2060".encode(), b"")
            target.writestr(item, part)
    return out.getvalue()


def xml_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            n: archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.endswith((".xml", ".rels"))
        }


def style_fonts(document: Any, style_name: str) -> dict[str, str]:
    """The w:rFonts attributes of a style, without the namespace."""
    rpr = document.styles[style_name].element.find(f"{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    return {k.replace(W, ""): v for k, v in fonts.attrib.items()}


def style_size_pt(document: Any, style_name: str) -> float:
    return document.styles[style_name].font.size.pt


def example_paths() -> list[Path]:
    return [*sorted(EXAMPLES.glob("*.yaml")), SMALL]


def task_labels(ctx: dict[str, Any]) -> list[str]:
    """Number and title of every task in document order, as the DOCX prints them."""
    sep = "" if ctx["zh"] else " "
    labels: list[str] = []

    def visit(node: dict[str, Any]) -> None:
        number = node["number"] if ctx["zh"] else _en_number(node["outline"])
        labels.append(f"{number}{sep}{node['title']}")
        for child in node["children"]:
            visit(child)

    for node in ctx["sections"]:
        visit(node)
    return labels


def _en_number(outline: str) -> str:
    return outline if "." in outline else f"{outline}."
