"""`planforge import`: read a document, find the plan(s) in it, write planforge sources."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from planforge.errors import InputError, OutputError, UsageError
from planforge.importer.assemble import Imported, Options, assemble
from planforge.importer.blocks import Block, refuse_too_many
from planforge.importer.emit import check_source, emit
from planforge.importer.residue import drop_residue
from planforge.importer.structure import build, split_plans
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
    force: bool = False


@dataclass
class Result:
    """The sources made from one input: their text, and what was found on the way."""

    texts: list[str]
    plans: list[Imported]
    encoding: str | None
    dropped: list[str]


def read_blocks(raw: bytes, name: str) -> tuple[list[Block], str | None]:
    """The blocks of a document and the text encoding it was read in (None for .docx)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx" or raw.startswith(b"PK\x03\x04"):
        from planforge.importer.docx import read_docx

        return read_docx(raw, name), None
    if suffix == ".doc" or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error(
            name,
            "old binary Word (.doc) files cannot be read",
            hint="open it in Word or LibreOffice and save it as .docx",
        )
    text, encoding = decode_document(raw, name)
    kind = _TEXT_KINDS.get(suffix) or _sniff(text)
    if kind == "txt" and suffix in ("", ".txt") and _sniff(text) == "html":
        kind = "html"
    if kind == "md":
        from planforge.importer.md import read_md

        return read_md(text), encoding
    if kind == "html":
        from planforge.importer.html import read_html

        return read_html(text), encoding
    from planforge.importer.txt import read_txt

    return read_txt(text), encoding


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
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
    parts = split_plans(kept)
    if len(parts) > MAX_PLANS:
        raise file_error(
            name,
            f"{len(parts):,} plans found in one document; planforge imports at most {MAX_PLANS}",
            hint="is every line a title? split the document, or check that it is a plan",
        )
    plans = [assemble(build(part), options) for part in parts]
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
    return Result(texts, plans, encoding, dropped)


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
    for target, text, plan in zip(targets, result.texts, result.plans, strict=True):
        if target is None:
            sys.stdout.write(text)
        else:
            write_atomic(target, text)
        _report(name, target, plan, result.encoding)
    return 0


def _report(name: str, target: Path | None, plan: Imported, encoding: str | None) -> None:
    draft = plan.draft
    levels = draft.levels() if draft else []
    shape = " + ".join(str(n) for n in levels) or "no"
    read = f" (read as {encoding})" if encoding else ""
    where = str(target) if target else "standard output"
    sys.stderr.write(
        f"imported {name}{read} → {where}: {shape} headings, {plan.guesses} guesses to "
        "review (marked '# imported:')\n"
    )


__all__ = ["ImportOptions", "InputError", "Result", "import_bytes", "run_import"]
