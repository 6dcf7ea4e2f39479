"""Finishing touches for HTML output: stable, compact text for diffs and golden files."""

from __future__ import annotations


def tidy_html(text: str) -> str:
    """Drop the blank lines that template blocks leave; end with one newline.

    The templates produce no `<pre>` or `<textarea>`, where blank lines would matter.
    """
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"
