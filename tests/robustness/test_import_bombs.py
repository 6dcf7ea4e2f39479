"""Hostile Word documents for `planforge import`: zip bombs, DTDs and entities, too many plans.

Each is refused from what the zip directory and the XML declare, before python-docx reads
anything, within bounded memory, with a message that says why (benchmarks/limits.py
measures the time each takes).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

from conftest import run_cli
from import_helpers import run_import
from planforge.errors import InputError
from robustness_helpers import (
    docx_with_dtd,
    docx_zip_bomb,
    paragraphs_xml,
    plain_docx,
)


def refused_with_peak(action: Callable[[], Any]) -> tuple[InputError, int]:
    """The `InputError` that `action` raises and the peak memory (bytes) it allocated."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as info:
            action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return info.value, peak


def test_a_docx_zip_bomb_is_refused_from_the_zip_directory():
    bomb = docx_zip_bomb(120)  # 120 MB of XML in about 1 MB
    assert len(bomb) < 2 * 1048576
    error, peak = refused_with_peak(lambda: run_import(bomb, "bomb.docx"))
    assert "zip bomb" in error.problems[0].message
    assert "PLANFORGE_MAX_DOCX_MB" in (error.problems[0].hint or "")
    assert peak < 20 * 1048576  # nothing was unpacked


def test_the_unpacked_size_limit_is_configurable(monkeypatch):
    bomb = docx_zip_bomb(3)
    monkeypatch.setenv("PLANFORGE_MAX_DOCX_MB", "2")
    with pytest.raises(InputError, match=r"unpacks to \d MB \(a zip bomb\?\); the limit is 2 MB"):
        run_import(bomb, "bomb.docx")


def test_xml_over_the_text_limit_is_refused(monkeypatch):
    monkeypatch.setenv("PLANFORGE_MAX_FILE_MB", "1")
    with pytest.raises(InputError, match=r"text \(XML\) unpacks to 3 MB; the limit is 1 MB"):
        run_import(docx_zip_bomb(2), "big.docx")


def test_an_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-明文", encoding="utf-8")
    data = docx_with_dtd(
        f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>',
        paragraphs_xml(["某某工会2026年工作计划", "一、学习", "&x;"]),
    )
    path = tmp_path / "xxe.docx"
    path.write_bytes(data)
    out = tmp_path / "xxe.yaml"
    result = run_cli("import", path, "-o", out)
    assert result.exit_code == 2
    assert "declares a DTD or entities" in result.output
    assert "TOP-SECRET" not in result.output
    assert not out.exists()


def test_an_entity_expansion_bomb_in_docx_xml_is_refused():
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    data = docx_with_dtd(
        f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}]>', paragraphs_xml(["&l9;"])
    )
    error, peak = refused_with_peak(lambda: run_import(data, "laughs.docx"))
    assert "DTD" in error.problems[0].message
    assert peak < 20 * 1048576  # nothing was expanded (expanded, &l9; is 3 GB of "lol")


def test_python_docx_itself_does_not_resolve_entities(tmp_path):
    """Defence in depth: were the DTD check gone, the XML parser still reads no file."""
    import io

    import docx

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    data = docx_with_dtd(
        f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>',
        paragraphs_xml(["before &x; after"]),
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "TOP-SECRET" not in text


def test_a_truncated_docx_is_a_clean_error():
    data = plain_docx(["某某工会2026年工作计划", "一、学习"])
    for cut in (10, len(data) // 2, len(data) - 30):
        with pytest.raises(InputError, match="cannot read the Word document"):
            run_import(data[:cut], "cut.docx")


def test_a_document_of_thousands_of_titles_is_refused_before_assembling():
    lines = ["某某工会2026年工作计划"] * 3000
    error, peak = refused_with_peak(lambda: run_import("\n".join(lines), "titles.txt"))
    assert "3,000 plans found in one document" in error.problems[0].message
    assert peak < 50 * 1048576  # refused before 3,000 plans were assembled


def test_thousands_of_paragraphs_in_a_docx_are_all_read():
    lines = ["某某工会2026年工作计划", "一、主要任务"]
    lines += [f"{i}. 组织第{i}次职工活动，由工会办公室负责。" for i in range(1, 3001)]
    result = run_import(plain_docx(lines), "long.docx")
    assert len(result.texts) == 1
    assert "组织第3000次职工活动" in result.texts[0]


@pytest.mark.parametrize("name", ["many.docx", "many.txt"])
def test_the_paragraph_limit_is_configurable(monkeypatch, name):
    lines = ["某某工会2026年工作计划", "一、主要任务"] + [f"{i}. 走访职工。" for i in range(1, 60)]
    raw = plain_docx(lines) if name.endswith(".docx") else "\n".join(lines).encode()
    assert len(run_import(raw, name).texts) == 1
    monkeypatch.setenv("PLANFORGE_MAX_PARAGRAPHS", "50")
    with pytest.raises(InputError, match="61 paragraphs; planforge imports at most 50"):
        run_import(raw, name)


def test_standard_input_is_read_no_further_than_the_limit(monkeypatch):
    import io
    import sys

    from planforge.errors import InputError as Refused
    from planforge.importer.run import _read_input

    class Endless(io.RawIOBase):
        """A pipe that never ends, like `yes | planforge import -`."""

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"y" * len(buffer)
            return len(buffer)

    monkeypatch.setenv("PLANFORGE_MAX_FILE_MB", "1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    with pytest.raises(Refused, match="the input is too large; the limit is 1 MB"):
        _read_input("-")
