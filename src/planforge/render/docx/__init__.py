"""DOCX in official-document layout (GB/T 9704-2012) or a plain report layout.

`render_docx(ctx, profile_ref, template)` turns a render context into DOCX bytes. The body
follows the context's order (see writer.py); every layout figure comes from a layout
profile (planforge/render/profiles/*.yaml or a user's file). A `.docx` template is a
letterhead filled with docxtpl (see letterhead.py and docs/letterhead.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planforge.errors import UsageError

LETTERHEAD_NAME = "letterhead.docx"
BODY_TEMPLATE_SUFFIX = ".xml.j2"


def render_docx(ctx: dict[str, Any], profile_ref: str | None, template: Path | None) -> bytes:
    """The document in `ctx` as DOCX bytes, laid out by the profile `profile_ref`.

    `template` may be a letterhead `.docx`, a body template (`plan.xml.j2` or
    `summary.xml.j2`) or a folder holding either (`letterhead.docx`, `docx/*.xml.j2`);
    templates of other formats in the folder leave the DOCX as it is.
    """
    from planforge.render.docx.package import build_docx
    from planforge.render.docx.profiles import load_profile
    from planforge.render.docx.writer import body_xml

    profile = load_profile(profile_ref, ctx["lang"])
    letterhead = _letterhead(template)
    body_template = None if template is None or template.suffix.lower() == ".docx" else template
    body = body_xml(ctx, profile, body_template)
    if letterhead is not None:
        from planforge.render.docx.letterhead import fill_letterhead

        return fill_letterhead(letterhead, ctx, body, profile)
    return build_docx(body, profile, document_properties(ctx))


def document_properties(ctx: dict[str, Any]) -> dict[str, str]:
    """Title, author and created date from the plan, for docProps/core.xml."""
    year_end = ctx["document"] == "summary"
    date = ctx["signature"].get("date") or f"{ctx['year']}-{'12-31' if year_end else '01-01'}"
    return {
        "title": ctx["title"],
        "author": ctx["organisation"],
        "subject": ctx["document_name"],
        "language": "zh-CN" if ctx["zh"] else "en",
        "created": f"{date}T00:00:00Z",
    }


def _letterhead(template: Path | None) -> Path | None:
    if template is None:
        return None
    if template.is_dir():
        found = template / LETTERHEAD_NAME
        return found if found.is_file() else None
    if template.suffix.lower() == ".docx":
        if not template.is_file():
            raise UsageError(f"--template {template}: no such file")
        return template
    if template.name.lower().endswith(BODY_TEMPLATE_SUFFIX):
        return None
    raise UsageError(
        f"--template {template}: a DOCX template is a .docx letterhead or a "
        f"plan{BODY_TEMPLATE_SUFFIX}/summary{BODY_TEMPLATE_SUFFIX} body template",
        hint="see docs/letterhead.md and docs/templates.md; "
        "Markdown and HTML templates apply to --format md/html",
    )
