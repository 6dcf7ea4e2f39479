"""`planforge check` keeps each file's result in the cache: an unchanged file gives the same
report without being linted again, and anything the result depends on (the bytes, the
path, the configuration, a rubric file read, looked for or extended) makes it stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cache_helpers import entries
from conftest import EXAMPLES, FIXTURES, run_cli
from planforge import cache
from planforge.check import cached
from planforge.check.run import FileJob

RUBRIC = """\
id: own
title: 自定义评分表
language: zh
version: "1"
source:
  document: 本校自定
items:
  - id: congress
    text: 召开教代会
    concepts: [congress]
"""
SECOND = "  - id: culture\n    text: 开展文体活动\n    concepts: [culture]\n"


def count_lints(monkeypatch) -> list[str]:
    import planforge.check.run as run

    linted: list[str] = []
    real = run.lint_source

    def counting(text, job):
        linted.append(job.path)
        return real(text, job)

    monkeypatch.setattr(run, "lint_source", counting)
    return linted


def check(*args: str | Path) -> tuple[int, str]:
    result = run_cli("check", *args)
    return result.exit_code, result.stdout


def plan(tmp_path: Path, extra: str = "") -> Path:
    source = tmp_path / "plan.yaml"
    source.write_text((FIXTURES / "small.zh.yaml").read_text("utf-8") + extra, "utf-8")
    return source


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_a_cached_result_reports_exactly_what_linting_does(store, fmt):
    paths = [EXAMPLES, FIXTURES / "weak"]
    fresh = check(*paths, "--format", fmt, "--show", "all", "--no-cache")
    assert entries(store) == []
    first = check(*paths, "--format", fmt, "--show", "all")
    again = check(*paths, "--format", fmt, "--show", "all")
    assert fresh == first == again
    assert len(entries(store)) == len(list(EXAMPLES.glob("*.yaml"))) + 4


def test_an_unchanged_file_is_not_linted_again_and_a_changed_byte_is(store, tmp_path, monkeypatch):
    source = plan(tmp_path)
    linted = count_lints(monkeypatch)
    first = check(source)
    assert check(source) == first
    assert linted == [str(source)]
    source.write_text(source.read_text("utf-8") + "# 注释\n", "utf-8")
    check(source)
    assert linted == [str(source)] * 2


def test_a_hit_imports_neither_the_parser_nor_the_validator_nor_the_rules(store):
    # Both runs in fresh processes, each fingerprinting planforge as a user's run does.
    code = (
        "import sys\nfrom planforge.cli import main\n"
        f"try:\n    main(['check', {str(EXAMPLES / 'school-2026.zh.yaml')!r}])\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'ruamel.yaml', 'planforge.model.plan',"
        " 'planforge.check.rules', 'planforge.check.engine') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {**os.environ, "PLANFORGE_CACHE_DIR": str(store)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "HEAVY []" not in first.stdout, first.stdout + first.stderr
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "HEAVY []" in again.stdout, again.stdout + again.stderr


def test_the_same_bytes_at_another_path_name_that_path(store, tmp_path):
    first = plan(tmp_path, "ideology_extra: 1\n")
    other = tmp_path / "other.yaml"
    other.write_bytes(first.read_bytes())
    assert f"{first}:" in check(first)[1]
    out = check(other)[1]
    assert f"{other}:" in out
    assert f"{first}:" not in out


def test_a_rubric_file_edited_created_or_extended_makes_the_result_stale(store, tmp_path):
    source = plan(tmp_path)
    text = source.read_text("utf-8").replace("rubrics: []", "rubrics: [./own.yaml]")
    source.write_text(text, "utf-8")
    code, out = check(source)
    assert code == 1 and "own.yaml" in out  # the rubric file is not there yet
    rubric = tmp_path / "own.yaml"
    rubric.write_text(RUBRIC, "utf-8")
    code, out = check(source)
    assert code == 0 and "own: 1/1 items covered" in out, out
    rubric.write_text(RUBRIC + SECOND, "utf-8")
    assert "own: 1/2 items covered" in check(source)[1]
    base = tmp_path / "base.yaml"
    base.write_text(RUBRIC.replace("id: own", "id: base"), "utf-8")
    rubric.write_text("id: own\ntitle: 继承\nextends: ./base.yaml\nitems: []\n", "utf-8")
    assert "own: 1/1 items covered" in check(source)[1]
    base.write_text(RUBRIC.replace("id: own", "id: base") + SECOND, "utf-8")
    assert "own: 1/2 items covered" in check(source)[1]


def test_the_configuration_is_part_of_the_key(store, tmp_path, monkeypatch):
    source = plan(tmp_path, "ideology_extra: 1\n")
    monkeypatch.chdir(tmp_path)
    code, out = check(source)
    assert code == 2 and "schema" in out
    (tmp_path / ".planforge.yaml").write_text("rules:\n  task-no-goal: off\n", "utf-8")
    before = check(source, "--show", "all")[1]
    (tmp_path / ".planforge.yaml").write_text("rules:\n  task-no-goal: error\n", "utf-8")
    assert check(source, "--show", "all")[1] == before  # no task lacks a goal
    (tmp_path / ".planforge.yaml").write_text("ignore: ['plan.yaml']\n", "utf-8")
    assert check(source) == (0, "")


def test_fixes_apply_from_a_cached_result(store, tmp_path):
    source = plan(tmp_path)
    text = source.read_text("utf-8").replace(
        "全年工会工作按计划推进。", "全年工会工作,按计划推进。"
    )
    source.write_text(text, "utf-8")
    assert "punctuation" in check(source)[1]
    assert "punctuation" in check(source)[1]  # from the cache, fix included
    result = run_cli("check", source, "--fix")
    assert "fixed 1 finding" in result.stderr
    assert "全年工会工作，按计划推进。" in source.read_text("utf-8")


def test_a_problem_comes_back_as_it_was_stored(store):
    from planforge.check.run import lint_file

    job = FileJob(str(FIXTURES / "weak" / "school-weak.zh.yaml"), (), ())
    linted = lint_file(job)
    key = cached.material(job, Path(job.path).read_bytes())
    back = cached.lookup(key)
    assert back is not None
    assert back.report.path == linted.report.path
    assert back.report.problems == linted.report.problems
    for a, b in zip(back.report.problems, linted.report.problems, strict=True):
        assert (a.source_line, a.fix, a.severity) == (b.source_line, b.fix, b.severity)
    assert back.report.coverage == json.loads(json.dumps(linted.report.coverage))
    assert (back.report.summaries, back.report.group_sizes, back.suppressed) == (
        linted.report.summaries,
        linted.report.group_sizes,
        linted.suppressed,
    )


def test_every_part_of_a_job_changes_the_key():
    base = FileJob("a.yaml", (("own.yaml", "/x"),), (("lang", "zh"),), (), ())
    variants = [
        FileJob("b.yaml", base.rubrics, base.settings),
        FileJob("a.yaml", (("own.yaml", "/y"),), base.settings),
        FileJob("a.yaml", base.rubrics, (("lang", "en"),)),
        FileJob("a.yaml", base.rubrics, base.settings, (("task-no-goal", (("level", "off"),)),)),
        FileJob("a.yaml", base.rubrics, base.settings, (), (("寒假", ((1, 15), (2, 20))),)),
    ]
    keys = {cached.material(job, b"x") for job in [base, *variants]}
    assert len(keys) == 1 + len(variants)
    assert cached.material(base, b"x") != cached.material(base, b"y")


def test_a_crafted_entry_of_the_wrong_shape_is_a_miss(store, tmp_path):
    import hashlib
    import zlib

    source = plan(tmp_path)
    first = check(source)
    (entry,) = entries(store)
    head = len(cache.FORMAT) + cache.DIGEST_SIZE
    data = json.loads(zlib.decompress(entry.read_bytes()[head:]))
    for crafted in ({**data, "problems": [{"message": 1}]}, {**data, "path": None}, []):
        payload = zlib.compress(json.dumps(crafted).encode())
        digest = hashlib.blake2b(payload, digest_size=cache.DIGEST_SIZE).digest()
        entry.write_bytes(cache.FORMAT + digest + payload)
        assert check(source) == first


def test_only_the_files_not_in_the_cache_go_to_the_workers(store, tmp_path, monkeypatch):
    import planforge.check.run as run

    sent: list[list[str]] = []
    real = run.map_jobs

    def recording(func, jobs, workers):
        sent.append([job.path for job in jobs])
        return real(func, jobs, workers)

    monkeypatch.setattr(run, "map_jobs", recording)
    first, second = plan(tmp_path), tmp_path / "second.yaml"
    second.write_bytes(first.read_bytes())
    check(tmp_path)
    second.write_text(second.read_text("utf-8") + "# 改过\n", "utf-8")
    check(tmp_path)
    check(tmp_path)
    assert sent == [[str(first), str(second)], [str(second)], []]


def test_coverage_is_kept_only_for_the_output_that_prints_it(store):
    from planforge.check.run import FileJob, lint_all

    jobs = [FileJob(str(EXAMPLES / "school-2026.zh.yaml"), (), ())]
    for _ in range(2):  # linted, then from the cache
        assert lint_all(jobs, None, keep_coverage=True)[0].report.coverage
        assert lint_all(jobs, None, keep_coverage=False)[0].report.coverage == []
