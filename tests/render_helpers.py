"""Helpers for the Markdown/HTML render tests: contexts, rendering, golden files, hostile plans."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, FIXTURES, ROOT, example_files

GOLDEN = ROOT / "tests" / "golden"
SMALL = FIXTURES / "small.zh.yaml"
SCHOOL = EXAMPLES / "school-2026.zh.yaml"
UNION = EXAMPLES / "union-2026.en.yaml"
UPDATE = os.environ.get("PLANFORGE_UPDATE_GOLDEN") == "1"

XSS = "<script>alert(1)</script>"


def context(path: Path, summary: bool = False) -> dict[str, Any]:
    from planforge.render.run import document_context

    return document_context(path, summary)


def render(path: Path, fmt: str, summary: bool = False) -> str:
    from planforge.render.run import render_text

    return render_text(context(path, summary), fmt)


def all_sources() -> list[Path]:
    """The small fixture and every example that exists."""
    return [SMALL, *example_files()]


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; PLANFORGE_UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; rerun with PLANFORGE_UPDATE_GOLDEN=1 if intended"


def walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Task nodes depth first, in document order."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        out.append(node)
        out += walk(node["children"])
    return out


HOSTILE_PLAN = f"""\
schema_version: 1
organisation: "{XSS}工会"
year: 2026
language: zh
title: "*强调*与[链接](http://example.com)的计划"
ideology:
  - "# 不是标题 & 也不是 &amp; 实体"
  - "2026. 不是列表"
  - "- 不是列表项 <img src=x onerror=alert(2)>"
goals:
  - id: g1
    text: "`代码`和 | 竖线 | 与 _下划线_"
tasks:
  - id: s1
    title: "{XSS}"
    owners: "<b>办公室</b>"
    tasks:
      - id: t1
        title: "**加粗** {XSS}"
        text: "> 不是引用 \\\\ 反斜杠"
        deadline: 3月
        status: dropped
        reason: "{XSS}原因"
      - id: t2
        title: "正常任务"
        deadline: 5月
        status: done
        result: "<iframe src=x></iframe>成效"
        figures:
          "<i>数</i>": 3
        evidence: "[证据](javascript:alert(3))"
safeguards:
  - title: "{XSS}"
    text: "保障"
schedule:
  - month: 3
    work: "{XSS} | 分隔"
    owners: "<u>人</u>"
signature:
  organisation: "{XSS}署名"
  date: 2026-01-05
summary:
  overview: "{XSS}概况"
"""


def hostile_plan(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_PLAN, encoding="utf-8")
    return path
