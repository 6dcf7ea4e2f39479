"""Random damage to the example plans (hypothesis): deleted lines, swapped types, truncated
files, injected control characters, mixed encodings. Each gives a clean error or a clean
result through the real entry point, never a traceback; a plan that still loads renders."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples, run_cli
from robustness.mutations import DrawPicker, located_errors, mutate
from robustness_helpers import count_case


@st.composite
def mutated(draw: Any) -> tuple[str, bytes, list[str]]:
    return mutate(DrawPicker(draw))


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


# Two tests of 100 damaged files each, rather than one doing both: each stays well within
# a test's time on a busy machine, and each draws its own 100 files.
DAMAGED = settings(
    max_examples=examples(100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@DAMAGED
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
    fmt = run_cli("fmt", "--check", path)
    assert fmt.exit_code in (0, 1, 2) and "internal error" not in fmt.output, fmt.output
    # one reader: fmt fails where check does, with the same located errors
    assert (fmt.exit_code == 2) == (result.exit_code == 2), (applied, fmt.output)
    if result.exit_code == 2:  # (with exit 1, check's findings may have error severity)
        assert located_errors(fmt.output, path) == located_errors(result.output, path), applied


@DAMAGED
@given(case=mutated())
def test_a_damaged_example_that_still_loads_renders(case, tmp_path):
    name, data, _applied = case
    path = tmp_path / name
    path.write_bytes(data)
    count_case("damaged examples rendered")
    _render_if_valid(path)


def test_mutations_reached_every_outcome():
    """Runs after the property test (file order): damage was varied enough to produce
    clean results, findings and errors alike."""
    if COUNTS["runs"] == 0:
        import pytest

        pytest.skip("the property test did not run in this session")
    print(f"mutations: {COUNTS}")
    assert COUNTS["errors"] > 0
    assert COUNTS["clean"] + COUNTS["findings"] > 0
