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


# Text a hostile or careless author could put in a plan, each kind the renderers must keep
# literal: quotes, Jinja, HTML, Markdown, Word field codes and XML, and control characters
# (written as YAML escapes; the loader refuses them raw).
HOSTILE_TEXTS = [
    "引号\"双\"与'单'",
    "{{ 7 * 7 }} and {% if true %}yes{% endif %}",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '{ PAGE } { INCLUDETEXT "c:\\\\secret.txt" } { DDEAUTO c:\\\\windows\\\\cmd.exe }',
    '<w:fldSimple w:instr=" PAGE "/><w:instrText>PAGE</w:instrText>',
    "]]><!-- &amp; &lt; &#x41;",
    "*粗体* _斜体_ [链接](javascript:alert(1)) # 标题 | 表格 |",
    "bell\x07 escape\x1b[2J nul-ish\x01 unit\x1f del\x7f c1\x85\x9f",
]
CONTROL_CHARS = "\x01\x07\x1b\x1f\x7f\x85\x9f"


def hostile_plan_yaml(language: str = "zh") -> str:
    """A valid plan whose every text field is one of `HOSTILE_TEXTS`, as YAML."""

    texts = HOSTILE_TEXTS
    tasks = [
        {
            "id": f"s{i}",
            "title": f"板块{text}",
            "owners": [text],
            "tasks": [
                {
                    "id": f"t{i}",
                    "title": text,
                    "text": [text],
                    "owners": f"办公室{text}",
                    "deadline": "3月",
                    "status": "done",
                    "done_on": "2026-03-01",
                    "result": text,
                    "figures": {text[:20]: 3},
                    "evidence": [text],
                }
            ],
        }
        for i, text in enumerate(texts)
    ]
    data = {
        "organisation": f"工会{texts[3]}",
        "year": 2026,
        "language": language,
        "title": f"计划{texts[1]}{texts[8]}",
        "ideology": texts,
        "goals": [{"id": "g1", "text": texts[4], "measure": texts[5]}],
        "tasks": tasks,
        "safeguards": [{"title": texts[2], "text": texts}],
        "summary": {"overview": texts, "problems": texts[:3]},
    }
    return yaml_text(data)


def yaml_text(data: object) -> str:
    """`data` as YAML source: JSON (which is YAML) with every control character escaped."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=1)
    return "".join(f"\\u{ord(c):04x}" if 0x7F <= ord(c) <= 0x9F else c for c in text)


# How many cases each robustness suite ran in this session, for the closing note.
CASES_RUN: dict[str, int] = {}


def count_case(suite: str, n: int = 1) -> None:
    CASES_RUN[suite] = CASES_RUN.get(suite, 0) + n
