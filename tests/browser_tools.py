"""The external programs the HTML tests open pages with: Chromium and the Nu HTML checker,
each found or explained (so that a test can skip with the reason), and a PNG reader for
Chromium's screenshots."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


def vnu_jar() -> tuple[Path | None, str]:
    """The Nu HTML checker's jar, or why it is not there."""
    from npm_tools import npm_package

    if shutil.which("java") is None:
        return None, "java is not installed (the Nu HTML checker runs on it)"
    folder, reason = npm_package("vnu-jar")
    if folder is None:
        return None, reason
    jar = folder / "build" / "dist" / "vnu.jar"
    return (jar, "") if jar.is_file() else (None, f"{jar} is missing")


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the inflated scanlines (filter bytes included) of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)
