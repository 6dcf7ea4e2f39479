"""Read an input file: refuse folders, unreadable and oversized files, then decode it.

The first step of loading (bytes → text): a plan source must be UTF-8 (a BOM is allowed),
and a file in another encoding gets a message naming it and the command that converts
it; a document to import may also be UTF-16/32 with a BOM or GB18030/GBK. Every failure
is an `InputError` naming the file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from planforge.errors import InputError, Location, Problem
from planforge.zh import count_han

# The size limit of any file planforge reads; documented in the README.
MAX_FILE_BYTES = 20 * 1024 * 1024


def file_error(
    name: str,
    message: str,
    *,
    hint: str | None = None,
    line: int | None = None,
    col: int | None = None,
    source_line: str | None = None,
) -> InputError:
    """An `InputError` about a whole file (or one place in it), as a located problem."""
    problem = Problem(message, Location(name, line, col), hint=hint, source_line=source_line)
    return InputError(f"{name}: {message}", [problem])


def content_error(name: str, message: str, *, hint: str | None = None) -> InputError:
    """An `InputError` about a source's content as a whole, located at its start (1:1),
    where `check` and every other command show it alike."""
    return file_error(name, message, hint=hint, line=1, col=1)


def limit(env_name: str, default: int) -> int:
    """A configurable limit: the environment variable when set to a number, else `default`."""
    import os

    raw = os.environ.get(env_name, "")
    return int(raw) if raw.isdigit() else default


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


# Documents a plan may be written in, which `planforge import` turns into a plan source.
DOCUMENTS = {
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".wps": "a WPS document",
    ".rtf": "a rich-text document",
    ".txt": "a text file",
    ".md": "a Markdown file",
    ".markdown": "a Markdown file",
    ".html": "an HTML page",
    ".htm": "an HTML page",
    ".pdf": "a PDF",
}


def read_source(path: Path) -> str:
    """Read a source file as UTF-8 (a BOM is allowed) or say clearly why not; a document
    (Word, text, HTML, Markdown) is refused with the command that imports it."""
    return decode_source(read_bounded(path, "plan file"), str(path))


def refuse_document(path: Path) -> None:
    """Raise for a file whose name says it is a document, not a YAML plan source."""
    what = DOCUMENTS.get(path.suffix.lower())
    if what is None:
        return
    import shlex

    raise content_error(
        str(path),
        f"this is {what}, not a YAML plan source",
        hint=f"turn it into one with `planforge import {shlex.quote(str(path))}`, then "
        "check, render or edit the .yaml it writes",
    )


def max_file_bytes() -> int:
    """The size limit for any file planforge reads (PLANFORGE_MAX_FILE_MB)."""
    return limit("PLANFORGE_MAX_FILE_MB", MAX_FILE_BYTES // 1048576) * 1048576


def read_bounded(path: Path, noun: str) -> bytes:
    """The bytes of `path`, refusing folders and files over the size limit before reading.

    Every failure is an `InputError` naming the file; `noun` says what was expected.
    """
    name = str(path)
    if path.is_dir():
        raise file_error(name, f"is a directory, not a {noun}")
    try:
        size = path.stat().st_size
        max_bytes = max_file_bytes()
        if size > max_bytes:
            raise file_error(
                name,
                f"file is {size / 1048576:.0f} MB; files are limited to {max_bytes // 1048576} MB",
                hint="set PLANFORGE_MAX_FILE_MB to raise the limit",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise file_error(name, "no such file") from None
    except PermissionError:
        raise file_error(name, "permission denied, cannot read the file") from None
    except OSError as exc:
        raise file_error(name, f"cannot read the file: {exc.strerror or exc}") from None


def decode_source(raw: bytes, name: str) -> str:
    refuse_document(Path(name))
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            raise content_error(
                name,
                f"the file is encoded in {enc}; planforge reads UTF-8",
                hint=f"convert it: iconv -f {enc} -t UTF-8 '{name}' > converted.yaml",
            )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    refuse_binary(raw, name, "a YAML plan source")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _encoding_error(raw, name, exc) from None
    if not text.strip():
        raise content_error(name, "the file is empty; expected a plan (a YAML mapping)")
    return text


def refuse_binary(raw: bytes, name: str, expected: str) -> None:
    """Raise when `raw` holds NUL bytes: a binary file, not `expected`; located at the
    first NUL (its column counted in characters)."""
    at = raw.find(b"\x00", 0, 8192)
    if at >= 0:
        start = raw.rfind(b"\n", 0, at) + 1
        col = len(raw[start:at].decode("utf-8", "replace")) + 1
        line = raw.count(b"\n", 0, at) + 1
        raise file_error(name, f"this is a binary file, not {expected}", line=line, col=col)


def decode_document(raw: bytes, name: str) -> tuple[str, str]:
    """Text and encoding of a document to import: UTF-8 (BOM allowed), UTF-16/32 with a
    BOM, or GB18030/GBK (common for Chinese Windows files), detected in that order."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc), enc
    encoding = "UTF-8"
    if raw.startswith(codecs.BOM_UTF8):
        raw, encoding = raw[len(codecs.BOM_UTF8) :], "UTF-8 with BOM"
    refuse_binary(raw, name, "a text document")
    try:
        return raw.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("gb18030"), "GB18030/GBK"
        except UnicodeDecodeError:
            raise _encoding_error(raw, name, exc) from None


def _encoding_error(raw: bytes, name: str, exc: UnicodeDecodeError) -> InputError:
    line = raw.count(b"\n", 0, exc.start) + 1
    col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    for enc, label in (
        ("gb18030", "GBK/GB18030 (common for Chinese Windows files)"),
        ("big5", "Big5"),
        ("shift_jis", "Shift-JIS"),
    ):
        try:
            decoded = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc != "gb18030" and not _mostly_cjk(decoded):
            continue
        return file_error(
            name,
            f"the file is not UTF-8; it looks like {label}",
            line=line,
            col=col,
            hint=(
                f"convert it to UTF-8: iconv -f {enc.upper()} -t UTF-8 '{name}' > converted.yaml "
                "(or save it as 'UTF-8' in your editor)"
            ),
        )
    return file_error(
        name,
        f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
        line=line,
        col=col,
        hint="save the file as UTF-8 in your editor",
    )


def _mostly_cjk(text: str) -> bool:
    cjk = count_han(text)
    return cjk > len(text) // 10
