"""The command line: each command declared once next to its stage and loaded by name only
when it runs; options reach the stages as keyword-built objects; whatever goes wrong ends
at the one error boundary, and output that cannot be written is an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from planforge import cli
from planforge.render.run import RenderOptions


def test_every_command_resolves_and_is_listed_in_order():
    listed = run_cli("--help")
    assert listed.exit_code == 0
    lines = listed.stdout.split("Commands:", 1)[1].strip().splitlines()
    assert [line.split()[0] for line in lines] == list(cli.COMMANDS)
    for name in cli.COMMANDS:
        func = cli.command_function(name)
        assert callable(func) and func.__doc__, name
        helped = run_cli(name, "--help")
        assert helped.exit_code == 0, (name, helped.output)
        assert f"Usage: planforge {name}" in helped.stdout
        assert func.__doc__.split()[0] in helped.stdout


def test_an_unknown_command_is_a_usage_error():
    result = run_cli("chek", "plan.yaml")
    assert result.exit_code == 2
    assert "No such command 'chek'" in result.output


_LOADED = (
    "import sys\nfrom planforge.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "names = ('typer', 'pydantic', 'ruamel.yaml', 'jinja2', 'planforge.check',"
    " 'planforge.render', 'planforge.importer', 'planforge.report', 'planforge.lifecycle')\n"
    "loaded = sorted(m for m in sys.modules if m in names or m.endswith('.commands'))\n"
    "print(' '.join(loaded), file=sys.stderr)\n"
)


def _modules_loaded(tmp_path: Path, *args: str) -> set[str]:
    env = {"PLANFORGE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, env=env
    )
    lines = done.stderr.strip().splitlines()
    return set(lines[-1].split()) if lines else set()


def test_a_command_loads_its_own_declaration_and_stage_only(tmp_path):
    source = str(EXAMPLES / "school-2026.zh.yaml")
    checked = _modules_loaded(tmp_path, "check", source)
    assert {m for m in checked if m.endswith(".commands")} == {"planforge.check.commands"}
    assert not checked & {"planforge.render", "planforge.importer", "planforge.report", "jinja2"}
    rendered = _modules_loaded(tmp_path, "render", source, "-f", "md", "-o", "-")
    assert {m for m in rendered if m.endswith(".commands")} == {"planforge.render.commands"}
    assert "planforge.check" not in rendered


RENDER_LINES = [
    (["plan.yaml"], {}),
    (["plan.yaml", "--format", "md"], {"format": "md"}),
    (["-fhtml", "plan.yaml", "--summary"], {"format": "html", "summary": True}),
    (["plan.yaml", "-o", "-", "-f", "md"], {"format": "md", "output": Path("-")}),
    (["plan.yaml", "--output=out dir/计划.docx"], {"output": Path("out dir/计划.docx")}),
    (
        ["计划 2026.yaml", "--profile=gbt9704-windows", "--no-cache", "--template", "tpl"],
        {
            "source": Path("计划 2026.yaml"),
            "profile": "gbt9704-windows",
            "cache": False,
            "template": Path("tpl"),
        },
    ),
]


@pytest.mark.parametrize(("args", "fields"), RENDER_LINES, ids=lambda a: str(a))
def test_render_options_are_built_by_keyword_from_the_one_declaration(monkeypatch, args, fields):
    seen: list[RenderOptions] = []
    monkeypatch.setattr("planforge.render.run.run_render", lambda opts: seen.append(opts) or 0)
    assert run_cli("render", *args).exit_code == 0
    expected = {"source": Path("plan.yaml"), "format": "docx", **fields}
    assert seen == [RenderOptions(**expected)]


def test_option_objects_cannot_be_built_by_position():
    from planforge.check.run import CheckOptions

    with pytest.raises(TypeError):
        CheckOptions([Path("a.yaml")], ["model-home"])  # type: ignore[misc]


def test_help_and_usage_errors_still_come_from_typer():
    helped = run_cli("render", "--help")
    assert helped.exit_code == 0
    assert "--no-cache" in helped.stdout and "--summary" in helped.stdout
    unknown = run_cli("render", "plan.yaml", "--bogus")
    assert unknown.exit_code == 2
    assert "No such option" in unknown.output and "--bogus" in unknown.output
    missing = run_cli("render", "plan.yaml", "-f")
    assert missing.exit_code == 2
    assert "requires an argument" in missing.output


def test_errors_go_through_the_one_error_boundary(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\norganisation: 工会\nyear: 二〇二六\n", encoding="utf-8")
    result = run_cli("render", bad, "--format", "md", "-o", tmp_path / "out.md")
    assert result.exit_code == 2
    assert f"{bad}:3:7:" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.md").exists()
    wrong = run_cli("render", EXAMPLES / "union-2026.en.yaml", "--format", "odt")
    assert wrong.exit_code == 2
    assert "--format odt: expected one of docx, md, html, pdf" in wrong.stderr


def test_a_repeated_render_loads_no_pydantic_or_yaml(tmp_path):
    source = str(EXAMPLES / "school-2026.zh.yaml")
    loaded = []
    for fmt in ("md", "md", "docx", "docx", "html"):
        out = str(tmp_path / f"out.{fmt}")
        modules = _modules_loaded(tmp_path, "render", source, "-f", fmt, "-o", out)
        loaded.append(sorted(modules & {"pydantic", "ruamel.yaml"}))
    # the first render parses and validates the plan, the first DOCX its layout profile;
    # later renders of the same bytes need neither
    parsed = ["pydantic", "ruamel.yaml"]
    assert loaded == [parsed, [], parsed, [], []]


def _console(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The console script (cli.run) as a process, with buffered standard streams."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    code = "from planforge.cli import run\nrun()\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=False, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize(
    "args",
    [["--version"], ["render", str(EXAMPLES / "union-2026.en.yaml"), "-f", "md", "-o", "-"]],
    ids=["version", "render"],
)
def test_output_that_cannot_be_written_is_an_error(tmp_path, args, unbuffered):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    code = "from planforge.cli import run\nrun()\n"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == 2
    assert "No space left on device" in done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_a_reader_that_went_away_ends_quietly_like_a_pipe_writer(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _console(
            "render",
            str(EXAMPLES / "school-2026.zh.yaml"),
            "-f",
            "md",
            "-o",
            "-",
            stdout=write_end,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, b"")


@pytest.mark.parametrize("fd", [1, 2], ids=["stdout", "stderr"])
def test_a_standard_stream_closed_at_start_is_no_reason_to_fail(fd):
    """`planforge --version >&-` (or `2>&-`): Python starts with that stream as None."""
    script = f"import os, sys; os.close({fd}); os.execv(sys.executable, sys.argv[1:])"
    code = "from planforge.cli import run\nrun()\n"
    done = subprocess.run(
        [sys.executable, "-c", script, sys.executable, "-c", code, "--version"],
        capture_output=True,
    )
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr + done.stdout
