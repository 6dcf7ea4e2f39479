"""Helpers for the report tests: a corpus with broken files, HTML parsing, PNG pixels."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, run_cli

AS_OF = "2026-09-30"
BROKEN = {
    "broken-yaml.yaml": "organisation: [某某工会\nyear: 2026\n",
    "broken-schema.yaml": "organisation: 某某工会\nyear: soon\ntasks: []\n",
    "broken-empty.yaml": "",
    "broken-binary.yaml": "\x00\x01PK\x03\x04",
}


def make_corpus(folder: Path, files: int = 12, tasks: int = 16, seed: int = 7) -> list[Path]:
    """Plans from `benchmarks/make_corpus.py` under `folder`, plus the `BROKEN` files."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            "--files",
            str(files),
            "--tasks",
            str(tasks),
            "--seed",
            str(seed),
            "--out",
            str(folder),
        ],
        check=True,
        capture_output=True,
    )
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.rglob("*.yaml"))


def report_json(*args: str | Path) -> dict:
    """`planforge report ARGS --format json` as data (asserting it succeeded)."""
    result = run_cli("report", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class Page(HTMLParser):
    """What the tests look at in a report page: table rows, links, SVG text, resources."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []  # the cells' text of #plans' body rows
        self.row_classes: list[str] = []
        self.links: list[str] = []
        self.svg_texts: list[str] = []
        self.svgs = 0
        self.resources: list[str] = []  # src= and stylesheet links: must stay empty
        self.headings: list[str] = []
        self._in_plans = self._in_body = self._in_cell = self._in_text = False
        self._heading = self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id") == "plans":
            self._in_plans = True
        elif self._in_plans and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
            self.row_classes.append(a.get("class") or "")
        elif self._in_body and tag == "td":
            self._in_cell = True
            self.rows[-1].append("")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag == "svg":
            self.svgs += 1
        elif tag == "text":
            self._in_text = True
            self.svg_texts.append("")
        elif tag in ("h2", "h3"):
            self._heading = True
            self.headings.append("")
        elif tag == "title":
            self._in_title = True
        if "src" in a or (tag == "link" and a.get("rel") == "stylesheet"):
            self.resources.append(f"{tag} {a}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_plans = self._in_body = False
        elif tag == "td":
            self._in_cell = False
        elif tag == "text":
            self._in_text = False
        elif tag in ("h2", "h3"):
            self._heading = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:  # tooltips are not what is drawn
            return
        if self._in_cell:
            self.rows[-1][-1] += data
        if self._in_text:
            self.svg_texts[-1] += data
        if self._heading:
            self.headings[-1] += data
