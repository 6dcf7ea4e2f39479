"""`planforge serve`, declared once here; the web stack is imported only when it runs."""

from __future__ import annotations

from pathlib import Path

import typer


def serve(
    target: Path = typer.Argument(
        Path("."), metavar="[PLAN|FOLDER]", help="A plan file, or a folder of plans (default: .)."
    ),
    port: int = typer.Option(8765, "--port", help="The port (0: any free port)."),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="The address to listen on. Another than 127.0.0.1 prints an access token that "
        "every request must carry.",
    ),
    open_: bool = typer.Option(False, "--open", help="Open the page in the web browser."),
) -> int:
    """Edit plans in the browser: a form beside the official page, findings at the fields."""
    from planforge.serve.run import ServeOptions, run_serve

    return run_serve(ServeOptions(target=target, port=port, host=host, open_browser=open_))
