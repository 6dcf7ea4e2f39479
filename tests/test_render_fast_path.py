"""`planforge render` is read without typer when its command line is plain; the two
readers must agree on every command line the fast one accepts, and everything else must
reach typer's help and usage errors unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from planforge import cli

ACCEPTED = [
    ["plan.yaml"],
    ["plan.yaml", "--format", "md"],
    ["--format=html", "plan.yaml"],
    ["-f", "md", "plan.yaml"],
    ["-fhtml", "plan.yaml"],
    ["plan.yaml", "-f=md"],
    ["plan.yaml", "-o", "-", "-f", "md"],
    ["plan.yaml", "-oout.docx"],
    ["plan.yaml", "--output=out dir/计划.docx"],
    ["plan.yaml", "--output", "out.html", "--format", "html"],
    ["plan.yaml", "--summary"],
    ["--summary", "plan.yaml", "--summary"],
    ["plan.yaml", "-f", "md", "-f", "html"],
    ["plan.yaml", "--template", "tpl", "--profile", "plain"],
    ["计划 2026.yaml", "--profile=gbt9704-windows", "--no-cache"],
    ["plan.yaml", "--format", "pdf", "-o", "out.pdf", "--template=letterhead.docx"],
]

REFUSED = [
    [],
    ["--help"],
    ["plan.yaml", "--help"],
    ["plan.yaml", "-h"],
    ["plan.yaml", "--bogus"],
    ["plan.yaml", "-f"],
    ["plan.yaml", "--format="],
    ["a.yaml", "b.yaml"],
    ["plan.yaml", "--", "x"],
    ["plan.yaml", "-o", "--summary"],
    ["plan.yaml", "--summary=yes"],
    ["-"],
    [""],
]


def _captured(monkeypatch, run) -> list:
    seen: list = []
    monkeypatch.setattr("planforge.render.run.run_render", lambda opts: seen.append(opts) or 0)
    run()
    return seen


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_fast_reader_agrees_with_typer(monkeypatch, args):
    from typer.testing import CliRunner

    assert cli.parse_render_args(args) is not None
    fast = _captured(monkeypatch, lambda: cli.main(["render", *args]))
    slow = _captured(
        monkeypatch,
        lambda: CliRunner().invoke(cli.build_app(), ["render", *args], catch_exceptions=False),
    )
    assert len(fast) == len(slow) == 1
    assert fast[0] == slow[0]


@pytest.mark.parametrize("args", REFUSED, ids=lambda a: " ".join(a) or "(none)")
def test_anything_unusual_is_left_to_typer(args):
    assert cli.parse_render_args(args) is None


def test_the_fast_reader_knows_exactly_the_declared_options():
    import typer.main

    command = typer.main.get_command(cli.build_app()).commands["render"]
    flags, valued = set(), set()
    for param in command.params:
        names = set(param.opts) | set(param.secondary_opts)
        if param.param_type_name != "option" or "--help" in names:
            continue
        (flags if param.is_flag else valued).update(names)
    assert flags == set(cli.RENDER_FLAGS)
    assert valued == set(cli.RENDER_VALUE_OPTIONS)


def test_help_and_usage_errors_still_come_from_typer():
    helped = run_cli("render", "--help")
    assert helped.exit_code == 0
    assert "--no-cache" in helped.stdout and "--summary" in helped.stdout
    unknown = run_cli("render", "plan.yaml", "--bogus")
    assert unknown.exit_code == 2
    assert "No such option: --bogus" in unknown.output
    missing = run_cli("render", "plan.yaml", "-f")
    assert missing.exit_code == 2
    assert "requires an argument" in missing.output


def test_errors_on_the_fast_path_go_through_the_one_error_boundary(tmp_path):
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


_MODULES = (
    "import sys\nfrom planforge.cli import main\nmain(sys.argv[1:])\n"
    "print(sorted(m for m in ('typer', 'pydantic', 'ruamel.yaml') if m in sys.modules))\n"
)


def test_a_render_loads_no_typer_and_a_repeated_one_no_pydantic_or_yaml(tmp_path):
    source = EXAMPLES / "school-2026.zh.yaml"
    env = {"PLANFORGE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "", "PYTHONIOENCODING": "utf-8"}
    loaded = []
    for fmt in ("md", "md", "docx", "docx", "html"):
        out = tmp_path / f"out.{fmt}"
        args = [sys.executable, "-c", _MODULES, "render", str(source), "-f", fmt, "-o", str(out)]
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
        loaded.append(done.stdout.strip())
    # the first render parses and validates the plan, the first DOCX its layout profile;
    # later renders of the same bytes need neither
    parsed = "['pydantic', 'ruamel.yaml']"
    assert loaded == [parsed, "[]", parsed, "[]", "[]"]


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
