"""`planforge import`: read a document, find the plan(s) in it, write planforge sources."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.errors import InputError, OutputError, UsageError, display_width
from planforge.importer.assemble import Imported, Options, assemble
from planforge.importer.blocks import Block, refuse_too_many
from planforge.importer.emit import check_source, emit
from planforge.importer.residue import drop_residue
from planforge.importer.structure import Draft, build, split_plans, split_restarts
from planforge.read import decode_document, file_error, max_file_bytes, read_bounded

MAX_PLANS = 100  # one document holding more is not a collection of plans but a list of lines

_TEXT_KINDS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".text": "txt",
    "": "txt",
}


@dataclass(kw_only=True)
class ImportOptions:
    source: str  # a path, or "-" for standard input
    output: Path | None = None
    out_dir: Path | None = None
    lang: str | None = None
    org: str | None = None
    year: int | None = None
    force: bool = False  # overwrite existing files, and import what does not read as a plan
    report: bool = False  # print what was recognised per plan


@dataclass
class Result:
    """The sources made from one input: their text, and what was found on the way."""

    texts: list[str]
    plans: list[Imported]
    encoding: str | None
    dropped: list[str]  # what was left out: residue, and the page's heading above the plans
    not_a_plan: str | None = None  # why the document does not read as a plan


def without_joiners(blocks: list[Block]) -> list[Block]:
    """Word joiners (U+2060) taken out: they keep ranges and names on one line in a DOCX
    (planforge's own among them) and are layout, not text."""
    for block in blocks:
        block.text = block.text.replace("\u2060", "")
        if block.cells is not None:
            block.cells = [cell.replace("\u2060", "") for cell in block.cells]
    return blocks


def read_blocks(raw: bytes, name: str) -> tuple[list[Block], str | None]:
    """The blocks of a document and the text encoding it was read in (None for .docx)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx" or raw.startswith(b"PK\x03\x04"):
        from planforge.importer.docx import read_docx

        return without_joiners(read_docx(raw, name)), None
    if suffix == ".doc" or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error(
            name,
            "old binary Word (.doc) files cannot be read",
            hint="open it in Word or LibreOffice and save it as .docx",
        )
    text, encoding = decode_document(raw, name)
    kind = _TEXT_KINDS.get(suffix) or _sniff(text)
    if kind == "txt" and suffix in ("", ".txt"):
        kind = _sniff(text)  # a page saved as text may hold HTML or Markdown
    if kind == "md":
        from planforge.importer.md import read_md

        return read_md(text), encoding
    if kind == "html":
        from planforge.importer.html import read_html

        return read_html(text), encoding
    from planforge.importer.txt import read_txt

    return read_txt(text), encoding


# a line of Markdown markup: an ATX heading (#### 一、…) or a bold line (**1. 完善…**)
_MD_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+\S|\*\*[^*].*\*\*\s*$)", re.M)


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    # Markdown saved as text (a page copied from an AI writer): two marked lines
    if len(_MD_LINE.findall(text[:20000])) >= 2:
        return "md"
    return "txt"


def import_bytes(raw: bytes, name: str, options: Options) -> Result:
    """Every plan found in a document, as validated source text."""
    if not raw.strip():
        raise file_error(name, "the file is empty; there is no plan to import")
    blocks, encoding = read_blocks(raw, name)
    refuse_too_many(len(blocks), name)
    kept, dropped = drop_residue(blocks)
    if not kept:
        raise file_error(name, "no text found in the document; there is no plan to import")
    parts, lead = split_plans(kept)
    if len(parts) > MAX_PLANS:
        raise file_error(
            name,
            f"{len(parts):,} plans found in one document; planforge imports at most {MAX_PLANS}",
            hint="is every line a title? split the document, or check that it is a plan",
        )
    drafts = []
    for part in parts:
        for blocks_of_one, why in split_restarts(part):
            drafts.append(build(blocks_of_one))
            if why:
                drafts[-1].notes.append(why)
    empty = [d for d in drafts if d.is_empty()]
    drafts = [d for d in drafts if not d.is_empty()] or drafts[:1]
    if empty and len(drafts) >= 1:
        drafts[0].notes.append(
            f"{len(empty)} repeat(s) of a title with no content of their own dropped"
        )
    if lead:
        heading = " | ".join(_short(b.text) for b in lead)
        drafts[0].notes.append(f"the page's heading above the plans left out: {heading}")
    plans = [assemble(d, options) for d in drafts]
    top = []
    if encoding and not encoding.startswith("UTF-8"):
        top.append(f"read as {encoding}")
    if dropped:
        top.append("dropped as web residue: " + " | ".join(_short(d) for d in dropped))
    texts = []
    for i, plan in enumerate(plans, 1):
        text = emit(plan, top)
        check_source(text, f"{name} (plan {i})" if len(plans) > 1 else name)
        texts.append(text)
    # the page's heading and its repeats left out are dropped too (noted on the first plan)
    left_out = dropped + [b.text for b in lead] + [d.text for d in empty]
    left_out += [line for d in drafts for line in d.dropped]
    return Result(texts, plans, encoding, left_out, not_a_plan(drafts))


_PLAN_WORDS = re.compile(r"计划|要点|安排|工作|总结|方案|plan|programme|schedule|summary", re.I)
_OTHER_KIND = re.compile(
    r"(通知|通报|决定|纪要|公告|公示|函|请示|批复|notice|minutes|memo|announcement)\s*$", re.I
)
_PLAN_TITLE = re.compile(r"计划|要点|安排|方案|总结|打算|plan|programme|summary", re.I)


def not_a_plan(drafts: list[Draft]) -> str | None:
    """Why a document is not a plan, or None: no numbered items, headings or months and no
    plan words; or a title naming another kind of document (…的通知) and no plan."""
    from planforge.importer.extract import norm

    draft = drafts[0]
    structured = any(d.sections or d.schedule for d in drafts)
    if not structured and not _PLAN_WORDS.search(draft.text):
        return (
            "no numbered items, headings or month schedule, and no plan words "
            "(计划, 要点, 安排, 工作)"
        )
    title = norm(draft.title or draft.text.strip().split("\n", 1)[0]).strip()
    if _OTHER_KIND.search(title) and not _PLAN_TITLE.search(title):
        kind = _OTHER_KIND.search(title)
        return f'the title names a {kind[1] if kind else "notice"}, not a plan: "{title}"'
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _read_input(source: str) -> tuple[bytes, str]:
    if source == "-":  # a pipe has no size to look at: read one byte past the limit at most
        max_bytes = max_file_bytes()
        raw = sys.stdin.buffer.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise file_error(
                "<stdin>",
                f"the input is too large; the limit is {max_bytes // 1048576} MB",
                hint="set PLANFORGE_MAX_FILE_MB to raise the limit",
            )
        return raw, "<stdin>"
    return read_bounded(Path(source), "document"), source


def _targets(opts: ImportOptions, count: int) -> list[Path | None]:
    """Where each source goes; None is standard output."""
    if opts.output is not None and opts.out_dir is not None:
        raise UsageError("give either -o/--output or --out-dir, not both")
    stem = "plan" if opts.source == "-" else Path(opts.source).stem
    if opts.out_dir is not None:
        if count == 1:
            return [opts.out_dir / f"{stem}.yaml"]
        return [opts.out_dir / f"{stem}-{i}.yaml" for i in range(1, count + 1)]
    if count > 1:
        raise UsageError(
            f"{opts.source}: {count} plans found in one file",
            hint="use --out-dir DIR to write one source per plan",
        )
    if opts.output is not None:
        return [None if str(opts.output) == "-" else opts.output]
    if opts.source == "-":
        return [None]
    return [Path(opts.source).with_suffix(".yaml")]


def run_import(opts: ImportOptions) -> int:
    from planforge.io import write_atomic

    if opts.lang not in (None, "zh", "en"):
        raise UsageError(f"--lang must be zh or en, not '{opts.lang}'")
    if opts.year is not None and not 1949 <= opts.year <= 2200:
        raise UsageError(f"--year must be a year between 1949 and 2200, not {opts.year}")
    raw, name = _read_input(opts.source)
    result = import_bytes(raw, name, Options(opts.lang, opts.org, opts.year))
    if result.not_a_plan and not opts.force:
        sys.stderr.write(
            f"{name}: not imported: this does not read as a work plan ({result.not_a_plan}); "
            "nothing written. Use --force to import it anyway.\n"
        )
        return 1
    if opts.report:
        sys.stderr.write(report_table(name, result))
    targets = _targets(opts, len(result.texts))
    source_path = None if opts.source == "-" else Path(opts.source).resolve()
    for target in targets:
        if target is None:
            continue
        if source_path is not None and target.resolve() == source_path:
            raise OutputError(f"refusing to write over the input {opts.source}")
        if target.exists() and not opts.force:
            raise OutputError(
                f"{target} exists; not overwriting it", hint="use --force to replace it"
            )
    if opts.out_dir is not None:
        try:
            opts.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {opts.out_dir}: {exc.strerror or exc}") from None
    for target, text in zip(targets, result.texts, strict=True):
        if target is None:
            sys.stdout.write(text)
        else:
            write_atomic(target, text)
        _report(name, target, text, result.encoding)
    return 0


def report_table(name: str, result: Result) -> str:
    """What was recognised per plan, for the reviewer to see at a glance."""
    head = ("plan", "title", "levels", "months", "owners", "deadlines", "notes")
    rows = [head]
    for i, text in enumerate(result.texts, 1):
        data = emitted(text)
        leaves = _leaves(data.get("tasks", []))
        months = {m for e in data.get("schedule", []) for m in [e["month"]]}
        months |= {m for t in leaves if t.get("deadline") for m in _months(t["deadline"], data)}
        rows.append(
            (
                str(i),
                _short(str(data.get("title", "")))[:24],
                " + ".join(str(n) for n in _levels(data.get("tasks", []))) or "0",
                str(len(months)),
                f"{sum(1 for t in leaves if t.get('owners'))}/{len(leaves)}",
                f"{sum(1 for t in leaves if t.get('deadline'))}/{len(leaves)}",
                str(marked(text)),
            )
        )
    widths = [max(display_width(r[c]) for r in rows) for c in range(len(head))]
    lines = [
        "  ".join(
            cell + " " * (w - display_width(cell)) for cell, w in zip(row, widths, strict=True)
        )
        for row in rows
    ]
    return f"{name}:\n" + "\n".join(lines) + "\n"


def emitted(text: str) -> dict[str, Any]:
    """The data of a written source, as `planforge check` reads it: what the report counts."""
    from planforge.load import parse

    data = parse(text).data
    return data if isinstance(data, dict) else {}


def marked(text: str) -> int:
    """The lines of a written source that carry an `# imported:` note."""
    return len(re.findall(r"^.*# imported: ", text, re.M))


def _leaves(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for t in tasks:
        out.extend(_leaves(t["tasks"]) if t.get("tasks") else [t])
    return out


def _levels(
    tasks: list[dict[str, Any]], depth: int = 0, counts: list[int] | None = None
) -> list[int]:
    counts = [] if counts is None else counts
    for t in tasks:
        if len(counts) <= depth:
            counts.append(0)
        counts[depth] += 1
        _levels(t.get("tasks", []), depth + 1, counts)
    return counts


def _months(deadline: str, data: dict[str, Any]) -> list[int]:
    from planforge.model.deadline import DeadlineError, parse_deadline

    try:
        parsed = parse_deadline(str(deadline), data["year"])
    except DeadlineError:
        return []
    return [] if parsed.recurring else parsed.months()


def _report(name: str, target: Path | None, text: str, encoding: str | None) -> None:
    levels = _levels(emitted(text).get("tasks", []))
    shape = " + ".join(str(n) for n in levels) or "no"
    read = f" (read as {encoding})" if encoding else ""
    where = str(target) if target else "standard output"
    sys.stderr.write(
        f"imported {name}{read} → {where}: {shape} tasks by level, "
        f"{marked(text)} lines to review (marked '# imported:')\n"
    )


__all__ = ["ImportOptions", "InputError", "Result", "import_bytes", "run_import"]
