"""Random damage to the example plans (hypothesis): deleted lines, swapped types, truncated
files, injected control characters, mixed encodings. Each gives a clean error or a clean
result through the real entry point, never a traceback; a plan that still loads renders."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import example_files, run_cli
from robustness_helpers import count_case

EXAMPLES = {p.name: p.read_bytes() for p in example_files()}
REPLACEMENTS = [
    "[]",
    "{}",
    "~",
    "null",
    "true",
    "0",
    "-1",
    "3.5",
    "1e400",
    ".nan",
    "2026-02-30",
    "[a, [b, {c: d}]]",
    "{x: 1}",
    "'",
    '"',
    "&a",
    "*a",
    "!!binary aGk=",
    "!custom x",
    "|",
    ">-",
    "- item",
    "? key",
    "<<: *a",
    "@",
    "`",
    "%YAML 1.1",
    "---",
    "...",
    "\t",
]
CONTROL = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ud7ff"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def delete_lines(draw: Any, data: bytes) -> bytes:
    lines = _lines(data)
    start = draw(st.integers(0, len(lines) - 1))
    count = draw(st.integers(1, 5))
    return b"\n".join(lines[:start] + lines[start + count :])


@st.composite
def swap_type(draw: Any, data: bytes) -> bytes:
    """Replace the value after a key (or a list item) with a value of another kind."""
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    line = lines[i].decode("utf-8", "replace")
    new = draw(st.sampled_from(REPLACEMENTS))
    if ": " in line:
        head = line.split(": ", 1)[0]
        line = f"{head}: {new}"
    elif line.lstrip().startswith("- "):
        line = line[: line.index("- ") + 2] + new
    else:
        line = new
    lines[i] = line.encode("utf-8")
    return b"\n".join(lines)


@st.composite
def truncate(draw: Any, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]  # may cut a UTF-8 character in half


@st.composite
def inject_control(draw: Any, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.sampled_from(CONTROL)).encode("utf-8", "surrogatepass") + data[at:]


@st.composite
def mix_encodings(draw: Any, data: bytes) -> bytes:
    """Re-encode a stretch of the file as GBK, UTF-16, Big5 or Latin-1, or add a BOM."""
    text = data.decode("utf-8", "replace")
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 200)))
    encoding = draw(st.sampled_from(["gbk", "utf-16-le", "big5", "latin-1", "bom", "utf-16"]))
    if encoding == "bom":
        return b"\xef\xbb\xbf" + data if draw(st.booleans()) else b"\xff\xfe" + data
    middle = text[start:end].encode(encoding, "replace")
    return text[:start].encode() + middle + text[end:].encode()


@st.composite
def flip_bytes(draw: Any, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if out:
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


MUTATIONS = [delete_lines, swap_type, truncate, inject_control, mix_encodings, flip_bytes]


@st.composite
def mutated(draw: Any) -> tuple[str, bytes, list[str]]:
    name = draw(st.sampled_from(sorted(EXAMPLES)))
    data = EXAMPLES[name]
    applied = []
    for _ in range(draw(st.integers(1, 3))):
        mutation = draw(st.sampled_from(MUTATIONS))
        data = draw(mutation(data))
        applied.append(mutation.__name__)
    return name, data, applied


COUNTS = {"runs": 0, "clean": 0, "findings": 0, "errors": 0}


def _render_if_valid(path: Any) -> None:
    from planforge.errors import PlanforgeError
    from planforge.render.docx import render_docx
    from planforge.render.run import document_context, render_text

    try:
        ctx = document_context(path, False)
    except PlanforgeError:
        return
    for fmt in ("md", "html"):
        assert render_text(ctx, fmt)
    assert render_docx(ctx, None, None)[:2] == b"PK"


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=mutated())
def test_a_damaged_example_gives_a_clean_error_or_a_clean_result(case, tmp_path):
    name, data, applied = case
    path = tmp_path / name
    path.write_bytes(data)
    result = run_cli("check", path)
    count_case("damaged examples")
    COUNTS["runs"] += 1
    COUNTS[{0: "clean", 1: "findings", 2: "errors"}[result.exit_code]] += 1
    assert result.exit_code in (0, 1, 2), applied
    assert "internal error" not in result.output, (applied, result.output)
    assert "Traceback" not in result.output
    assert result.output.strip(), "every outcome says something"
    if result.exit_code == 2:
        assert f"{name}:" in result.output  # the error names the file (and where)
    _render_if_valid(path)
    fmt = run_cli("fmt", "--check", path)
    assert fmt.exit_code in (0, 1, 2) and "internal error" not in fmt.output, fmt.output


def test_mutations_reached_every_outcome():
    """Runs after the property test (file order): damage was varied enough to produce
    clean results, findings and errors alike."""
    if COUNTS["runs"] == 0:
        import pytest

        pytest.skip("the property test did not run in this session")
    print(f"mutations: {COUNTS}")
    assert COUNTS["errors"] > 0
    assert COUNTS["clean"] + COUNTS["findings"] > 0
