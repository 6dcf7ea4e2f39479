"""Output formats of `planforge check`: JSON, SARIF 2.1.0, GitHub commands, JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from check_helpers import plan_with, task, use_fake_engine
from conftest import run_cli
from planforge.check.formats import FileReport, FormatOptions, Report, render
from planforge.check.formats.github_format import escape_data, escape_property
from planforge.errors import Location, Problem, Severity


@pytest.fixture
def two_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A folder with a plan with two findings, a clean plan and an unloadable file."""
    use_fake_engine(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text(plan_with(task("t3", "XX活动,会议")), "utf-8")
    (tmp_path / "plans" / "b.yaml").write_text(plan_with(), "utf-8")
    (tmp_path / "plans" / "c.yaml").write_text("organisation: 工会\nyear: soon\n", "utf-8")
    return tmp_path


def test_json_has_rule_severity_path_line_column(two_files: Path) -> None:
    result = run_cli("check", "plans", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["tool"]["name"] == "planforge"
    got = [(f["path"], f["line"], f["column"], f["severity"], f["rule"]) for f in data["findings"]]
    assert got == [
        ("plans/a.yaml", 19, 12, "warning", "fake-placeholder"),
        ("plans/a.yaml", 19, 16, "error", "fake-comma"),
        ("plans/c.yaml", 2, 7, "error", "schema"),
    ]
    first = data["findings"][0]
    assert (first["end_line"], first["end_column"]) == (19, 14)
    assert data["findings"][1]["fixable"] is True
    assert len({f["fingerprint"] for f in data["findings"]}) == 3
    assert [(f["path"], f["error"], f["findings"]) for f in data["files"]] == [
        ("plans/a.yaml", False, 2),
        ("plans/b.yaml", False, 0),
        ("plans/c.yaml", True, 1),
    ]
    assert data["summary"]["files"] == 3
    assert (data["summary"]["error"], data["summary"]["warning"]) == (2, 1)


# ---------------------------------------------------------------------------- SARIF

# The object model of SARIF 2.1.0 (sarif-om) names each property of each object; this map
# says which object model class a nested property holds, for the properties planforge writes.
_NESTED = {
    "runs": "Run",
    "tool": "Tool",
    "driver": "ToolComponent",
    "rules": "ReportingDescriptor",
    "shortDescription": "MultiformatMessageString",
    "fullDescription": "MultiformatMessageString",
    "help": "MultiformatMessageString",
    "defaultConfiguration": "ReportingConfiguration",
    "results": "Result",
    "message": "Message",
    "locations": "Location",
    "physicalLocation": "PhysicalLocation",
    "artifactLocation": "ArtifactLocation",
    "region": "Region",
    "snippet": "ArtifactContent",
}
_STRING_MAPS = {"partialFingerprints", "fingerprints"}
_ENUMS = {
    "level": {"none", "note", "warning", "error"},
    "columnKind": {"utf16CodeUnits", "unicodeCodePoints"},
}


def check_against_object_model(data: dict[str, Any], class_name: str, where: str) -> list[str]:
    """Every property known to the SARIF object model, every required one present."""
    import attr
    import sarif_om

    cls = getattr(sarif_om, class_name)
    fields = {f.metadata["schema_property_name"]: f for f in attr.fields(cls)}
    errors = [
        f"{where}: unknown property '{key}' in {class_name}" for key in data if key not in fields
    ]
    errors += [
        f"{where}: {class_name} needs '{name}'"
        for name, f in fields.items()
        if f.default is attr.NOTHING and name not in data
    ]
    for key, value in data.items():
        if key in _ENUMS and value not in _ENUMS[key]:
            errors.append(f"{where}.{key}: {value!r} is not one of {sorted(_ENUMS[key])}")
        if key in _STRING_MAPS and not all(isinstance(v, str) for v in value.values()):
            errors.append(f"{where}.{key}: values must be strings")
        if key in ("startLine", "startColumn", "endLine", "endColumn", "ruleIndex") and (
            not isinstance(value, int) or value < (0 if key == "ruleIndex" else 1)
        ):
            errors.append(f"{where}.{key}: {value!r} is not a valid number")
        nested = _NESTED.get(key)
        if nested is None:
            continue
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                errors.append(f"{where}.{key}[{i}]: expected an object")
                continue
            errors += check_against_object_model(item, nested, f"{where}.{key}[{i}]")
    return errors


def test_sarif_is_valid_sarif_2_1_0(two_files: Path) -> None:
    pytest.importorskip("sarif_om", reason="sarif-om (the SARIF 2.1.0 object model) is absent")
    result = run_cli("check", "plans", "--format", "sarif")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    body = {k: v for k, v in log.items() if k != "$schema"}
    assert check_against_object_model(body, "SarifLog", "log") == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"fake-comma", "fake-placeholder", "schema", "load-error"} <= set(ids)
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("fake-placeholder", "warning"),
        ("fake-comma", "error"),
        ("schema", "error"),
    ]
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        assert r["partialFingerprints"]["planforgeFinding/v1"]
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (19, 16)
    uri = results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "plans/a.yaml"


def test_the_object_model_check_catches_mistakes() -> None:
    pytest.importorskip("sarif_om", reason="sarif-om (the SARIF 2.1.0 object model) is absent")
    bad = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {}},
                "results": [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}, "line": 3}],
            }
        ],
    }
    errors = check_against_object_model(bad, "SarifLog", "log")
    assert any("ToolComponent needs 'name'" in e for e in errors)
    assert any("'fatal' is not one of" in e for e in errors)
    assert any("unknown property 'line'" in e for e in errors)


# ---------------------------------------------------------------------------- GitHub


def test_github_commands(two_files: Path) -> None:
    result = run_cli("check", "plans", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::warning file=plans/a.yaml,line=19,col=12,endLine=19,endColumn=14,"
        "title=fake-placeholder::placeholder 'XX' left in the text"
    )
    assert lines[2].startswith("::error file=plans/c.yaml,line=2,col=7,")
    assert "title=schema::'year'%3A" not in lines[2]  # the message keeps its colon
    assert "::'year': expected a whole number, got 'soon'%0Athe plan's year" in lines[2]


@pytest.mark.parametrize(
    ("message", "escaped"),
    [
        ("50% done", "50%25 done"),
        ("two\nlines\r\n", "two%0Alines%0D%0A"),
        ("a: b, c", "a: b, c"),
        ("%0A literally", "%250A literally"),
    ],
)
def test_github_message_escaping(message: str, escaped: str) -> None:
    assert escape_data(message) == escaped


def test_github_property_escaping() -> None:
    assert escape_property("dir,1/a:b.yaml") == "dir%2C1/a%3Ab.yaml"
    assert escape_property("50%\n") == "50%25%0A"
    problem = Problem(
        "bad, very: bad\nindeed", Location("x,y:z.yaml", 3, 4), Severity.INFO, "some-rule"
    )
    text = render(Report([FileReport("x,y:z.yaml", [problem])]), "github", FormatOptions())
    assert (
        text
        == "::notice file=x%2Cy%3Az.yaml,line=3,col=4,title=some-rule::bad, very: bad%0Aindeed\n"
    )


# ---------------------------------------------------------------------------- JUnit


def test_junit_is_xml_with_a_testcase_per_file(two_files: Path) -> None:
    result = run_cli("check", "plans", "--format", "junit")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["plans/a.yaml", "plans/b.yaml", "plans/c.yaml"]
    assert [f.get("type") for f in cases[0].findall("failure")] == [
        "fake-placeholder",
        "fake-comma",
    ]
    assert cases[1].findall("failure") == []
    errors = cases[2].findall("error")
    assert [e.get("type") for e in errors] == ["schema"]
    assert errors[0].text is not None and errors[0].text.startswith(
        "plans/c.yaml:2:7: error schema"
    )


def test_text_format_totals_and_summary_lines() -> None:
    problem = Problem("m", Location("p.yaml", 2, 3), Severity.WARNING, "r")
    report = Report(
        [FileReport("p.yaml", [problem], summaries=["five-ones-school: 5 of 5"])],
        suppressed=1,
        baselined=2,
    )
    text = render(report, "text", FormatOptions())
    assert text.splitlines() == [
        "p.yaml:2:3: warning r m",
        "p.yaml: five-ones-school: 5 of 5",
        "1 finding (1 warning) in 1 of 1 file; 1 suppressed, 2 in the baseline",
    ]
    coloured = render(report, "text", FormatOptions(color=True))
    assert "\x1b[1;33mwarning\x1b[0m" in coloured
