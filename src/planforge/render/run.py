"""`planforge render`: load a plan, build its context, render one format, write it atomically.

The steps are the pipeline's: load → context → format (a Jinja template; for DOCX the
template places the layout helpers' blocks) → write. Without `-o` the output goes next to
the source: `plan.docx`, or `plan.summary.docx` for the year-end summary. A failed render
leaves the old output as it was.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.errors import UsageError

FORMATS = ("docx", "md", "html", "pdf")
TEXT_FORMATS = {"md": "md/{document}.md.j2", "html": "html/{document}.html.j2"}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML"}
SOURCE_SUFFIXES = (".yaml", ".yml")
OUTPUT_KIND_FORMATS = ("docx", "md", "html")  # kept whole in the cache; a PDF is not
STDOUT = Path("-")


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    source: Path
    format: str
    summary: bool = False
    output: Path | None = None
    template: Path | None = None
    profile: str | None = None
    cache: bool = True


def default_output(source: Path, fmt: str, summary: bool) -> Path:
    """`plan.yaml` → `plan.docx`, or `plan.summary.docx` for the summary."""
    name = source.name
    for suffix in SOURCE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return source.with_name(f"{name}{'.summary' if summary else ''}.{fmt}")


def document_context(source: Path, summary: bool, template: Path | None = None) -> dict[str, Any]:
    """Load and validate the plan, then build the plan's or the summary's context.

    The context is plain data, kept in planforge's cache under the source's exact bytes,
    the configuration file in force and, for the summary, the sentence patterns on the
    template path: rendering an unchanged source again skips parsing and validation.
    """
    from planforge.read import read_bounded

    raw = read_bounded(source, "plan file")
    return _context(raw, source, summary, template, context_material(raw, summary, template))


def context_material(raw: bytes, summary: bool, template: Path | None) -> bytes:
    """What a context is made from: the source's bytes, the configuration file in force
    (its school calendar dates deadlines such as 寒假) and, for the summary, the sentence
    patterns it is worded with."""
    from planforge.cache import file_stamp
    from planforge.config import config_path

    config = config_path()
    material = raw + b"\0config\0"
    if config is not None:
        material += os.fsencode(config) + b"\0" + file_stamp(config).encode()
    return material + _patterns_bytes(template) if summary else material


def _context(
    raw: bytes, source: Path, summary: bool, template: Path | None, material: bytes
) -> dict[str, Any]:
    from planforge import cache
    from planforge.read import decode_source
    from planforge.render.context_shape import PLAN_KIND, SUMMARY_KIND

    kind = SUMMARY_KIND if summary else PLAN_KIND
    hit = cache.get(kind, material)
    if hit is not None:
        return hit
    from planforge.load import parse
    from planforge.render.context import plan_context, summary_context
    from planforge.validate import validate

    doc = parse(decode_source(raw, str(source)), str(source))
    if summary:
        from planforge.render.summary import empty_summary_problem

        problem = empty_summary_problem(doc)
        if problem is not None:
            from planforge.errors import InputError

            raise InputError(f"{source}: the summary has nothing in it", [problem])
    plan = validate(doc)
    if summary:
        from planforge.render.summary import load_patterns

        ctx = summary_context(plan, load_patterns(plan.language.value, template))
    else:
        ctx = plan_context(plan)
    cache.put(kind, material, ctx)
    return ctx


def _patterns_bytes(template: Path | None) -> bytes:
    """The sentence patterns a summary would be worded with, as part of its cache key
    (the built-in ones are part of planforge's fingerprint)."""
    if template is None:
        return b""
    from planforge.render.jinja import SUMMARY_PATTERNS, template_file

    out = b""
    for lang in ("zh", "en"):
        with contextlib.suppress(OSError):
            out += b"\0" + template_file(SUMMARY_PATTERNS.format(lang=lang), template).read_bytes()
    return out


def render_text(ctx: dict[str, Any], fmt: str, template: Path | None = None) -> str:
    """Markdown or HTML of a context, through the built-in (or the user's) templates."""
    from planforge.render.jinja import environment, render_template

    if template is not None and template.suffix.lower() == ".docx":
        raise UsageError(
            f"--template {template}: a DOCX letterhead applies to --format docx or pdf only"
        )
    if template is not None and template.is_file():
        _refuse_unused_template(template, fmt, ctx["document"])
    env = environment(template)
    text = render_template(env, TEXT_FORMATS[fmt].format(document=ctx["document"]), ctx)
    if fmt == "md":
        from planforge.render.markdown import tidy_markdown

        return tidy_markdown(text)
    from planforge.render.html import tidy_html

    return tidy_html(text)


def _refuse_unused_template(template: Path, fmt: str, document: str) -> None:
    """A single template file that this render would never read is a mistake to report."""
    name = template.name
    if not name.endswith(f".{fmt}.j2"):
        raise UsageError(
            f"--template {template}: {FORMAT_NAMES[fmt]} templates are named like "
            f"{document}.{fmt}.j2",
            hint="see docs/templates.md for the templates each format uses",
        )


def _note_unused_template(opts: RenderOptions, fmt: str) -> None:
    """Say so when a single --template file is for the other document: the same options
    may render both the plan and the summary, so it is a note, not an error."""
    template = opts.template
    if template is None or not template.is_file():
        return
    document, other = ("summary", "plan") if opts.summary else ("plan", "summary")
    suffix = ".xml.j2" if fmt in ("docx", "pdf") else f".{fmt}.j2"
    if template.name == f"{other}{suffix}":
        sys.stderr.write(
            f"note: --template {template} renders the {other}; "
            f"the {document} uses the built-in {document}{suffix}\n"
        )


def render_docx_bytes(ctx: dict[str, Any], profile: str | None, template: Path | None) -> bytes:
    from planforge.render.docx import render_docx

    return render_docx(ctx, profile, template)


def render_pdf_bytes(ctx: dict[str, Any], profile: str | None, template: Path | None) -> bytes:
    """The DOCX converted by LibreOffice, with the profile's missing faces replaced by the
    closest installed ones (and a note saying so); a clear error if LibreOffice is absent."""
    from planforge.render import fonts
    from planforge.render.docx.profiles import load_profile
    from planforge.render.pdf import docx_to_pdf

    docx = render_docx_bytes(ctx, profile, template)
    plan = fonts.font_plan(load_profile(profile, ctx.get("lang", "zh")))
    note = fonts.missing_note(plan)
    if note:
        sys.stderr.write(note + "\n")
    if fonts.heavy_title(plan):
        docx = fonts.with_bold_title(docx)
    return docx_to_pdf(docx, fonts.replacements(plan))


def render_document(
    ctx: dict[str, Any], fmt: str, template: Path | None = None, profile: str | None = None
) -> bytes | str:
    """The finished document in `fmt`: text for md/html, bytes for docx/pdf."""
    if fmt in TEXT_FORMATS:
        if profile is not None:
            raise UsageError("--profile applies to --format docx or pdf only")
        return render_text(ctx, fmt, template)
    if fmt == "docx":
        return render_docx_bytes(ctx, profile, template)
    return render_pdf_bytes(ctx, profile, template)


def document_data(opts: RenderOptions, fmt: str) -> bytes | str:
    """The finished document; from the cache when the same source was rendered in the
    same format with the built-in templates and profiles and the same configuration
    (a repeated render imports neither the parser, nor pydantic, nor Jinja, nor the
    DOCX writer). A PDF, a user's --template or a profile file is rendered afresh."""
    from planforge.read import read_bounded

    raw = read_bounded(opts.source, "plan file")
    material = context_material(raw, opts.summary, opts.template)
    cached = fmt in OUTPUT_KIND_FORMATS and opts.template is None and _builtin(opts.profile)
    document = b"summary" if opts.summary else b"plan"
    key = b"\0".join((document, fmt.encode(), (opts.profile or "").encode(), material))
    if cached:
        from planforge import cache
        from planforge.render.output_shape import OUTPUT_KIND

        hit = cache.get(OUTPUT_KIND, key)
        if hit is not None:
            return hit
    ctx = _context(raw, opts.source, opts.summary, opts.template, material)
    data = render_document(ctx, fmt, opts.template, opts.profile)
    if cached:
        cache.put(OUTPUT_KIND, key, data)
    return data


def _builtin(profile: str | None) -> bool:
    """No --profile, or the name of a built-in one (part of planforge's fingerprint)."""
    from planforge.render.docx.profiles import is_builtin

    return profile is None or is_builtin(profile)


def run_render(opts: RenderOptions) -> int:
    """Render one source to one output; the message names the file written."""
    fmt = opts.format.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"--format {opts.format}: expected one of {', '.join(FORMATS)}")
    if not opts.source.name:
        raise UsageError(f"SOURCE '{opts.source}': expected a plan file")
    if opts.profile is not None and not opts.profile.strip():
        raise UsageError("--profile: expected a profile name or file, got nothing")
    to_stdout = opts.output == STDOUT
    if to_stdout and fmt not in TEXT_FORMATS:
        raise UsageError(f"-o -: {fmt} is binary; write it to a file")
    output = opts.output or default_output(opts.source, fmt, opts.summary)
    if not to_stdout:
        from planforge.io import refuse_source_as_output

        refuse_source_as_output(output, [opts.source])
    _note_unused_template(opts, fmt)
    from planforge import cache

    with cache.disabled() if not opts.cache else contextlib.nullcontext():
        data = document_data(opts, fmt)
    if to_stdout:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return 0
    from planforge.io import write_atomic

    write_atomic(output, data)
    sys.stderr.write(f"wrote {output}\n")
    return 0
