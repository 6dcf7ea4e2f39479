"""Time and peak memory of planforge on hostile inputs (resource bombs).

Each bomb is written to a temporary folder and given to the command named; the table shows
the exit code, wall time and peak resident memory of that process. Targets: each bomb is
refused or handled within 2 s and 200 MB. The tests (tests/robustness/test_bombs.py,
test_import_bombs.py) assert what happens and bound memory; time is measured only here.

    python benchmarks/limits.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HEAD = "organisation: 测试工会\nyear: 2026\n"


def billion_laughs(path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def deep_flow(path: Path) -> None:
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")


def deep_block(path: Path) -> None:
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(2000)), encoding="utf-8")


def file_100mb(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD + "ideology:\n")
        line = "  - " + "中" * 1000 + "\n"
        for _ in range(100 * 1024 * 1024 // len(line.encode())):
            out.write(line)


def line_10mb(path: Path) -> None:
    path.write_text(HEAD + "ideology: " + "中" * 3_500_000 + "\n", encoding="utf-8")


def many_tasks(path: Path) -> None:
    tasks = "".join(f"  - id: t{i}\n    title: 任务{i}\n" for i in range(100_000))
    path.write_text(HEAD + "tasks:\n" + tasks, encoding="utf-8")


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, prolog: str, body_chunks: list[bytes], repeat: int = 1) -> None:
    """A minimal valid .docx: its document.xml is the prolog, then the body chunks."""
    head = f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="{W}"><w:body>'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            for _ in range(repeat):
                for chunk in body_chunks:
                    part.write(chunk)
            part.write(b"</w:body></w:document>")


def docx_zip_bomb(path: Path) -> None:
    para = "<w:p><w:r><w:t>" + "工会工作计划" * 20 + "</w:t></w:r></w:p>"
    block = (para * (1048576 // len(para.encode()))).encode()
    write_docx(path, "", [block], repeat=1024)  # 1 GB unpacked, about 1 MB packed


def docx_external_entity(path: Path) -> None:
    prolog = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    write_docx(path, prolog, [b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"])


def docx_entity_expansion(path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    prolog = f'<!DOCTYPE d [<!ENTITY l0 "lol">{laughs}]>'
    write_docx(path, prolog, [b"<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"])


def docx_many_titles(path: Path) -> None:
    para = "<w:p><w:r><w:t>某某工会2026年工作计划</w:t></w:r></w:p>".encode()
    write_docx(path, "", [para], repeat=30_000)


def docx_many_paragraphs(path: Path) -> None:
    """A real-sized long plan: 3,000 numbered tasks, each a paragraph."""
    paras = ["某某工会2026年工作计划", "一、主要任务"]
    paras += [f"{i}. 组织第{i}次职工活动，由工会办公室负责。" for i in range(1, 3001)]
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paras).encode()
    write_docx(path, "", [body])


def text_many_titles(path: Path) -> None:
    path.write_text("\n".join(["某某工会2026年工作计划"] * 3000), encoding="utf-8")


def flow_million(path: Path) -> None:
    path.write_text(HEAD + "ideology: [" + "1," * 3_000_000 + "1]\n", encoding="utf-8")


BOMBS: list[tuple[str, str, Callable[[Path], None], list[str]]] = [
    ("billion laughs", "x.yaml", billion_laughs, ["check"]),
    ("deep flow nesting", "x.yaml", deep_flow, ["check"]),
    ("deep block nesting", "x.yaml", deep_block, ["check"]),
    ("100 MB file", "x.yaml", file_100mb, ["check"]),
    ("10 MB line", "x.yaml", line_10mb, ["check"]),
    ("100,000 tasks", "x.yaml", many_tasks, ["check"]),
    ("3 million-item list", "x.yaml", flow_million, ["check"]),
    ("billion laughs", "x.yaml", billion_laughs, ["render", "--format", "docx"]),
    ("deep block nesting", "x.yaml", deep_block, ["render", "--format", "md"]),
    ("100 MB file", "x.yaml", file_100mb, ["render", "--format", "docx"]),
    ("10 MB line", "x.yaml", line_10mb, ["render", "--format", "html"]),
    ("10 MB line", "x.yaml", line_10mb, ["render", "--format", "docx"]),
    ("100,000 tasks", "x.yaml", many_tasks, ["render", "--format", "md"]),
    ("DOCX zip bomb (1 GB)", "x.docx", docx_zip_bomb, ["import"]),
    ("DOCX external entity", "x.docx", docx_external_entity, ["import"]),
    ("DOCX entity expansion", "x.docx", docx_entity_expansion, ["import"]),
    ("DOCX 30,000 titles", "x.docx", docx_many_titles, ["import"]),
    ("DOCX 3,000 paragraphs", "x.docx", docx_many_paragraphs, ["import"]),
    ("3,000 titles", "x.txt", text_many_titles, ["import"]),
    ("100 MB file", "x.txt", file_100mb, ["import"]),
]


def measure(cmd: list[str]) -> tuple[int, float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return code, elapsed, usage.ru_maxrss / 1024  # KB → MB on Linux


def make_in_child(name: str, path: Path) -> None:
    """Write a bomb from a separate process, so this one stays small: a child's peak memory
    counts the memory it was forked from."""
    subprocess.run([sys.executable, __file__, "--make", name, str(path)], check=True)


def main() -> int:
    if sys.argv[1:2] == ["--make"]:
        makers = {name: make for name, _, make, _ in BOMBS}
        makers[sys.argv[2]](Path(sys.argv[3]))
        return 0
    print(f"{'bomb':<24}{'command':<22}{'exit':>5}{'seconds':>9}{'peak MB':>9}  verdict")
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, filename, _make, command in BOMBS:
            path = Path(tmp) / filename
            make_in_child(name, path)
            out = Path(tmp) / "out"
            out.mkdir(exist_ok=True)
            extra = ["-o", str(out / "x.out")] if command[0] in ("render", "import") else []
            if command[0] == "import":
                extra = ["-o", str(out / "imported.yaml"), "--force"]
            cmd = [sys.executable, "-m", "planforge", *command, str(path), *extra]
            code, seconds, peak = measure(cmd)
            ok = seconds <= 2.0 and peak <= 200 and code in (0, 1, 2)
            missed += not ok
            verdict = "ok" if ok else "MISSED"
            print(
                f"{name:<24}{' '.join(command):<22}{code:>5}{seconds:>9.2f}{peak:>9.0f}  {verdict}"
            )
            path.unlink()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
