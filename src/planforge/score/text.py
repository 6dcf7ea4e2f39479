"""The sheet as Markdown (`-o sheet.md`) and as a text table for a terminal (no `-o`)."""

from __future__ import annotations

from planforge.score.sheet import Sheet, headers, table_rows

NUMERIC = {"points", "score"}
STRONG = {"part", "subtotal", "total", "mandatory", "band"}


def sheet_markdown(sheets: list[Sheet]) -> str:
    """Every sheet: a heading, the unit and basis, the table, the notes and signature lines."""
    from planforge.render.markdown import escape_markdown, tidy_markdown

    def cell(text: str, strong: bool) -> str:
        shown = "<br>".join(escape_markdown(line) for line in text.split("\n") if line.strip())
        return f"**{shown}**" if strong and shown else shown

    out: list[str] = []
    for sheet in sheets:
        w = sheet.words
        head = headers(sheet)
        align = ["---:" if i in _numeric_columns(sheet) else "---" for i in range(len(head))]
        out += [f"# {escape_markdown(sheet.title)}", ""]
        out += [escape_markdown(sheet.unit_line), ""]
        out += ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
        for row in table_rows(sheet):
            cells = [cell(c, row.kind in STRONG) for c in row.cells]
            out.append("| " + " | ".join(cells) + " |")
        out += ["", f"**{w['notes']}**", ""]
        out += [f"{i}. {escape_markdown(note)}" for i, note in enumerate(sheet.notes, 1)]
        out += ["", escape_markdown(sheet.sign_line), ""]
    return tidy_markdown("\n".join(out))


def _numeric_columns(sheet: Sheet) -> set[int]:
    return {2, 3} if sheet.scoring else set()


def print_sheets(sheets: list[Sheet]) -> None:
    """Tables for a terminal, written in one piece (a reader leaving early, as `| head`
    does, reaches the CLI's error boundary rather than rich's exit)."""
    import shutil
    import sys

    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120
    sys.stdout.write(sheets_text(sheets, max(width, 100)))


def sheets_text(sheets: list[Sheet], width: int = 120) -> str:
    """The sheets as text tables: rich lays out wide (CJK) characters and wraps long cells."""
    import io

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from planforge.errors import visible_controls

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, highlight=False, color_system=None)

    def text(value: str) -> str:  # user text: neither markup nor escape sequences
        return escape(visible_controls(value))

    for sheet in sheets:
        table = Table(title=text(sheet.title), box=box.SQUARE, show_lines=True, expand=True)
        ratios = [1, 6, 1, 1, 6, 4] if sheet.scoring else [1, 6, 2, 6, 4]
        for i, (name, ratio) in enumerate(zip(headers(sheet), ratios, strict=True)):
            right = i in _numeric_columns(sheet)
            table.add_column(
                name, ratio=ratio, justify="right" if right else "left", overflow="fold"
            )
        for row in table_rows(sheet):
            style = "bold" if row.kind in STRONG else None
            table.add_row(*(text(c) for c in row.cells), style=style)
        console.print(text(sheet.unit_line), soft_wrap=True)
        console.print(table)
        for i, note in enumerate(sheet.notes, 1):
            console.print(f"{i}. {text(note)}", soft_wrap=True)
        console.print(text(sheet.sign_line), soft_wrap=True)
        console.print()
    return buffer.getvalue()
