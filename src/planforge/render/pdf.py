"""PDF from DOCX through LibreOffice (`soffice --headless --convert-to pdf`).

Each conversion runs in its own temporary folder with its own LibreOffice profile
(-env:UserInstallation), so it neither touches the user's LibreOffice settings nor
collides with a LibreOffice window that is already open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from planforge.errors import OutputError, UsageError

INSTALL_HINT = (
    "install LibreOffice and CJK fonts, e.g. `sudo apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk` (Debian/Ubuntu), `brew install --cask libreoffice` (macOS), or from "
    "https://www.libreoffice.org; or render --format docx and export to PDF from Word or WPS"
)
TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """The LibreOffice program: $PLANFORGE_SOFFICE, then soffice or libreoffice on PATH."""
    configured = os.environ.get("PLANFORGE_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, replacements: dict[str, str] | None = None) -> bytes:
    """Convert a DOCX to PDF with LibreOffice; `UsageError` saying how to install it if absent.

    `replacements` (official face → installed stand-in) go into the conversion's own
    LibreOffice profile as its font replacement table, never into the user's.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UsageError(
            "--format pdf needs LibreOffice (soffice), which was not found", hint=INSTALL_HINT
        )
    with tempfile.TemporaryDirectory(prefix="planforge-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx_bytes)
        if replacements:
            from planforge.render.fonts import registry_xml

            user = folder / "profile" / "user"
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(
                registry_xml(replacements), encoding="utf-8"
            )
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice did not finish the PDF within {TIMEOUT_SECONDS} s"
            ) from None
        except OSError as exc:
            raise UsageError(
                f"cannot run LibreOffice ({soffice}): {exc.strerror or exc}", hint=INSTALL_HINT
            ) from None
        result = folder / "document.pdf"
        if not result.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise OutputError(
                "LibreOffice could not convert the document to PDF"
                + (f": {detail[-1]}" if detail else "")
            )
        return result.read_bytes()
