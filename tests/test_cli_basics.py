"""The CLI's front door: version, help, `python -m`, schema, and fast start-up imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, example_files, run_cli
from planforge import __version__


def test_version_in_process():
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"planforge {__version__}"


def test_python_dash_m_version_and_help():
    out = subprocess.run(
        [sys.executable, "-m", "planforge", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"planforge {__version__}"
    out = subprocess.run(
        [sys.executable, "-m", "planforge", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    for command in ("new", "check", "schema", "render"):
        assert command in out.stdout


def test_version_does_not_import_heavy_libraries():
    code = (
        "import sys; from planforge.cli import main; main(['--version']);"
        "heavy = [m for m in ('docx', 'jinja2', 'pydantic', 'planforge.model', 'typer', 'rich')"
        " if m in sys.modules]; print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout


def test_help_does_not_import_models_or_renderers():
    code = (
        "import sys\nfrom planforge.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'jinja2', 'pydantic', 'planforge.model.plan', 'openpyxl',"
        " 'icalendar', 'docxtpl', 'typer.rich_utils') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_schema_prints_draft_2020_12_with_no_extra_keys():
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Task"]["additionalProperties"] is False


def test_schema_to_file(tmp_path):
    out = tmp_path / "plan.schema.json"
    result = run_cli("schema", "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out}\n"
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "planforge plan"


def _as_json(value):
    """YAML data as JSON sees it: dates become ISO strings."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.mark.parametrize(
    "path", [*example_files(), FIXTURES / "small.zh.yaml"], ids=lambda p: p.name
)
def test_schema_validates_examples(path):
    jsonschema = pytest.importorskip("jsonschema")
    from planforge.load import load
    from planforge.model.schema import plan_schema

    validator = jsonschema.Draft202012Validator(plan_schema())
    errors = sorted(validator.iter_errors(_as_json(load(path).data)), key=str)
    assert not errors, [e.message for e in errors[:5]]


def test_schema_rejects_typo_key():
    jsonschema = pytest.importorskip("jsonschema")
    from planforge.model.schema import plan_schema

    validator = jsonschema.Draft202012Validator(plan_schema())
    assert not validator.is_valid({"organisation": "x", "year": 2026, "yaer": 1})


def test_unknown_command_is_a_usage_error():
    result = run_cli("frobnicate")
    assert result.exit_code == 2
