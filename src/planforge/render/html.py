"""Finishing touches for HTML output: stable, compact text for diffs and golden files."""

from __future__ import annotations

from planforge.render.controls import visible_controls


def tidy_html(text: str) -> str:
    """Drop the blank lines that template blocks leave; end with one newline.

    The templates produce no `<pre>` or `<textarea>`, where blank lines would matter.
    Control characters from the plan's text are made visible first (HTML reads them as
    errors, and some of them would split a line here).
    """
    lines = [line.rstrip() for line in visible_controls(text).splitlines()]
    return "\n".join(line for line in lines if line) + "\n"
