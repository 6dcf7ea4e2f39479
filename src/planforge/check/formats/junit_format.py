"""JUnit XML for CI dashboards: one test case per file, one failure per finding."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from planforge.check.formats import FormatOptions, Report, location_of


def render(report: Report, options: FormatOptions) -> str:
    failures = sum(1 for f in report.files if f.problems and not f.error)
    errors = sum(1 for f in report.files if f.error)
    root = ET.Element("testsuites", name="planforge")
    suite = ET.SubElement(
        root,
        "testsuite",
        name="planforge check",
        tests=str(len(report.files)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
    )
    for file in report.files:
        case = ET.SubElement(
            suite, "testcase", classname="planforge.check", name=file.path, file=file.path
        )
        for problem in file.problems:
            path, line, col = location_of(problem, file.path)
            tag = "error" if problem.rule in ("load-error", "schema") else "failure"
            item = ET.SubElement(
                case,
                tag,
                type=problem.rule or "problem",
                message=f"{problem.severity.value}: {problem.message}",
            )
            item.text = (
                f"{path}:{line}:{col}: {problem.severity.value} "
                f"{problem.rule or 'problem'} {problem.message}"
            )
        if file.summaries:
            ET.SubElement(case, "system-out").text = "\n".join(file.summaries)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
