"""The font plan of a layout profile: which of its official faces this machine has, and
which free face stands in for each missing one when LibreOffice makes the PDF.

The DOCX always names the official faces (方正小标宋简体, 仿宋_GB2312, …): Word and WPS on
an office machine have them. A machine without them (a Linux server, a CI runner) would
otherwise draw every role in one fallback face, and the outline's hierarchy would vanish.
So each role keeps a face of its own class (song for the title, hei for level 1, kai for
level 2, fangsong for the body), in the Simplified-Chinese variant: the replacement table
names "Noto Serif CJK SC", never the family without a region, which fontconfig may answer
with the Japanese variant.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planforge.render.docx.profiles import Layout

# The class of each official face: what kind of face may stand in for it.
FACE_CLASSES: dict[str, str] = {
    "方正小标宋简体": "song",
    "方正小标宋_GBK": "song",
    "小标宋": "song",
    "Times New Roman": "latin-serif",
    "Arial": "latin-sans",
    "华文中宋": "song",
    "宋体": "song",
    "SimSun": "song",
    "黑体": "hei",
    "SimHei": "hei",
    "方正黑体_GBK": "hei",
    "楷体_GB2312": "kai",
    "楷体": "kai",
    "KaiTi": "kai",
    "方正楷体_GBK": "kai",
    "仿宋_GB2312": "fangsong",
    "仿宋": "fangsong",
    "FangSong": "fangsong",
    "方正仿宋_GBK": "fangsong",
}

# Free faces with Simplified-Chinese coverage, best first, and the package that gives them.
CANDIDATES: dict[str, tuple[tuple[str, str], ...]] = {
    "song": (
        ("Noto Serif CJK SC", "fonts-noto-cjk"),
        ("Source Han Serif SC", "fonts-adobe-source-han-serif (upstream)"),
        ("AR PL UMing CN", "fonts-arphic-uming"),
    ),
    "hei": (
        ("Noto Sans CJK SC", "fonts-noto-cjk"),
        ("Source Han Sans SC", "fonts-adobe-source-han-sans (upstream)"),
        ("WenQuanYi Zen Hei", "fonts-wqy-zenhei"),
    ),
    "kai": (
        ("AR PL UKai CN", "fonts-arphic-ukai"),
        ("AR PL KaitiM GB", "fonts-arphic-gkai00mp"),
    ),
    "fangsong": (
        ("FangSong", "the FangSong face of Windows"),
        ("Zhuque Fangsong (technical preview)", "Zhuque Fangsong, SIL OFL (upstream)"),
    ),
    # metric-compatible with Times New Roman and Arial: lines break where Word breaks them
    "latin-serif": (("Liberation Serif", "fonts-liberation2"), ("DejaVu Serif", "fonts-dejavu")),
    "latin-sans": (("Liberation Sans", "fonts-liberation2"), ("DejaVu Sans", "fonts-dejavu")),
}
# The 小标宋 faces are heavy by design; a regular serif standing in for one is set bold.
HEAVY_FACES = frozenset({"方正小标宋简体", "方正小标宋_GBK", "小标宋"})
# When a class has no face of its own installed, the nearest class that may stand in.
NEAREST_CLASS = {"fangsong": "song", "kai": "song", "song": "hei", "hei": "song"}

PACKAGES = ("fonts-noto-cjk", "fonts-arphic-ukai", "fonts-arphic-gkai00mp", "fonts-liberation2")
"""The Debian/Ubuntu packages that give the closest result (apt-get install …)."""


@dataclass(frozen=True)
class RoleFont:
    """One role of the layout (title, level-1 heading, body…) and the face it gets."""

    role: str
    face: str  # the official face the DOCX names
    installed: bool
    stand_in: str | None  # the installed free face used instead, when the face is missing

    @property
    def shown(self) -> str | None:
        """The face a PDF made here shows (None: whatever fontconfig picks)."""
        return self.face if self.installed else self.stand_in


def roles(profile: Layout) -> list[tuple[str, str]]:
    """(role, official face) for every role of the profile with a face of its own."""
    p: Any = profile
    out = [("title", p.title.font.value)]
    for level in (1, 2, 3, 4):
        out.append((f"heading {level}", getattr(p.headings, f"level{level}").font.value))
    out += [
        ("body", p.body.font.value),
        ("table", p.table.font.value),
        ("page number", p.page_number.font.value),
        ("Latin text", p.body.latin_font.value),
    ]
    return out


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Every font family fontconfig knows on this machine (empty without fc-list)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        done = subprocess.run(
            [fc_list, "--format", "%{family}\\n"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    names: set[str] = set()
    for line in done.stdout.splitlines():
        names.update(name.strip() for name in line.split(",") if name.strip())
    return frozenset(names)


def stand_in(face: str, families: frozenset[str]) -> str | None:
    """The installed free face closest to `face`: its own class first, then the nearest."""
    face_class = FACE_CLASSES.get(face)
    tried: set[str] = set()
    while face_class is not None and face_class not in tried:
        tried.add(face_class)
        for family, _package in CANDIDATES[face_class]:
            if family in families:
                return family
        face_class = NEAREST_CLASS.get(face_class)
    return None


def font_plan(profile: Layout, families: frozenset[str] | None = None) -> list[RoleFont]:
    """Each role's official face, whether it is installed, and its stand-in if not."""
    families = installed_families() if families is None else families
    plan = []
    for role, face in roles(profile):
        installed = face in families
        plan.append(
            RoleFont(role, face, installed, None if installed else stand_in(face, families))
        )
    return plan


def heavy_title(plan: list[RoleFont]) -> bool:
    """Whether the title's face is a missing 小标宋 whose stand-in must be set bold."""
    return any(r.role == "title" and not r.installed and r.face in HEAVY_FACES for r in plan)


def with_bold_title(docx: bytes) -> bytes:
    """The DOCX with its Title style bold: for the PDF only, never for the DOCX written."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                data = re.sub(
                    r'<w:style [^>]*w:styleId="Title">.*?</w:style>',
                    lambda m: _bold(m.group()),
                    data.decode("utf-8"),
                    count=1,
                    flags=re.S,
                ).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _bold(style: str) -> str:
    from planforge.render.docx.styles import bold

    if bold(False) in style:
        return style.replace(bold(False), bold(True))
    return style if bold(True) in style else style.replace("<w:rPr>", "<w:rPr>" + bold(True), 1)


def replacements(plan: list[RoleFont]) -> dict[str, str]:
    """Official face → stand-in, for the faces this machine lacks."""
    return {r.face: r.stand_in for r in plan if not r.installed and r.stand_in}


def missing_note(plan: list[RoleFont]) -> str | None:
    """A warning naming the missing faces and their stand-ins; None when all are there."""
    missing = {r.face: r.stand_in for r in plan if not r.installed}
    if not missing:
        return None
    shown = "; ".join(f"{face} → {sub or 'no stand-in'}" for face, sub in missing.items())
    return (
        f"note: this machine lacks {len(missing)} of the layout's fonts; the PDF uses "
        f"stand-ins ({shown}). Word or WPS with the official fonts shows the DOCX as "
        f"intended; `planforge fonts` says what to install."
    )


def registry_xml(pairs: dict[str, str]) -> str:
    """LibreOffice's registrymodifications.xcu with a replacement table: each pair always
    replaced, on screen and in print (the PDF)."""
    from planforge.render.docx.xmltext import escape

    def prop(name: str, value: str) -> str:
        return f'<prop oor:name="{name}" oor:op="fuse"><value>{escape(value)}</value></prop>'

    nodes = "".join(
        f'<node oor:name="_{i}" oor:op="replace">{prop("Always", "true")}'
        f"{prop('OnScreenOnly', 'false')}{prop('ReplaceFont', face)}"
        f"{prop('SubstituteFont', sub)}</node>"
        for i, (face, sub) in enumerate(sorted(pairs.items()))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        f"{prop('Replacement', 'true')}</item>\n"
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f"{nodes}</item>\n"
        "</oor:items>\n"
    )


def plan_text(name: str, plan: list[RoleFont]) -> str:
    """`planforge fonts`: the plan as a table, then what to install for what is missing."""
    width = max(len(r.role) for r in plan)
    lines = [f"layout profile {name}:"]
    for r in plan:
        state = "installed" if r.installed else f"missing → {r.stand_in or 'no stand-in found'}"
        lines.append(f"  {r.role:<{width}}  {r.face}  ({state})")
    missing = [r for r in plan if not r.installed]
    if not missing:
        lines.append("every face is installed: PDFs made here look as the DOCX does in Word.")
        return "\n".join(lines) + "\n"
    lines.append(
        "the DOCX keeps the official names; PDFs made here use the stand-ins above, a "
        "different face per kind where this machine has one."
    )
    lines.append(f"closest free faces (Debian/Ubuntu): sudo apt-get install {' '.join(PACKAGES)}")
    lines.append("the official faces come with the office suites that ship them (WPS, Windows).")
    return "\n".join(lines) + "\n"
