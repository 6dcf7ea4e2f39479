"""Helpers for the robustness suites: Word documents built byte by byte, hashes, the CLI."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def plain_docx(lines: list[str]) -> bytes:
    """A real .docx (made by python-docx) with one paragraph per line."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_part(data: bytes, part: str, chunks: Iterator[bytes]) -> bytes:
    """`data` with the zip entry `part` replaced by the bytes of `chunks`, streamed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            if info.filename == part:
                with dst.open(part, "w", force_zip64=True) as handle:
                    for chunk in chunks:
                        handle.write(chunk)
            else:
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def paragraphs_xml(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def docx_zip_bomb(unpacked_mb: int) -> bytes:
    """A valid .docx whose document.xml unpacks to `unpacked_mb` MB (about 1/1000 packed)."""
    head, tail = document_xml("SPLIT").split(b"SPLIT")
    para = paragraphs_xml(["工会工作计划" * 20]).encode()
    block = para * (1048576 // len(para) + 1)

    def chunks() -> Iterator[bytes]:
        yield head
        for _ in range(unpacked_mb):
            yield block
        yield tail

    return replace_part(plain_docx(["x"]), "word/document.xml", chunks())


def docx_with_dtd(prolog: str, body: str) -> bytes:
    return replace_part(plain_docx(["x"]), "word/document.xml", iter([document_xml(body, prolog)]))


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root`, by relative path."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
