"""The rules, one module per family; `RULES` maps each stable id to its `Rule`.

Families: input (a file that cannot be read or is not a plan), content (owners,
deadlines, goals, schedule, results), wording (placeholders, years, web residue,
slogans), punctuation (GB/T 15834/15835, with fixes), numbering (the 一、（一）1.（1）
ladder), rubrics (coverage of the rubrics a plan names) and review (what a federation
reviewer marks: empty shells, the wrong congress, low goals, dues, seasons, business
targets, bare sections).
"""

from __future__ import annotations

from planforge.check.rules import content, numbering, punctuation, review, rubrics, wording
from planforge.check.rules.base import REGISTRY, Option, Rule, RuleContext, TextValue
from planforge.errors import Severity

INPUT_RULES: tuple[Rule, ...] = (
    Rule(
        "load-error",
        Severity.ERROR,
        "a file that cannot be read or parsed as YAML",
        "The file cannot be read (missing, unreadable, not UTF-8) or is not valid YAML "
        "(syntax error, duplicate key, several documents). Nothing else is checked in "
        "it, and `planforge check` exits with 2.",
        family="input",
    ),
    Rule(
        "schema",
        Severity.ERROR,
        "a file that is not a valid plan",
        "The YAML does not follow the plan format (`planforge schema` prints it): an "
        "unknown key, a missing field, a value of the wrong type, a duplicate id, a goal "
        "reference that does not resolve or a deadline planforge cannot read. Nothing "
        "else is checked in it, and `planforge check` exits with 2.",
        family="input",
    ),
)
"""Findings about files that cannot be checked at all; always errors, never turned off."""

LINT_RULES: tuple[Rule, ...] = tuple(REGISTRY)
"""The rules the engine runs on a valid plan, in the order they are documented."""

RULES: dict[str, Rule] = {r.id: r for r in (*INPUT_RULES, *LINT_RULES)}

FAMILIES = (content, wording, punctuation, numbering, rubrics, review)

__all__ = [
    "INPUT_RULES",
    "LINT_RULES",
    "RULES",
    "Option",
    "Rule",
    "RuleContext",
    "TextValue",
    "rule_text",
    "rules_markdown",
]


def rules_markdown() -> str:
    """docs/rules.md: one section per rule, from the rules' own documentation."""
    out = [
        "# Rules of `planforge check`",
        "",
        "Every finding names the rule that made it. Rule ids are stable; change a rule's",
        "severity or turn it off in the configuration (`rules: {rule-id: off}`), or on one",
        "line with a comment `# planforge: disable=rule-id`. Rules with options take them",
        "in the same place: `rules: {empty-month: {level: warning, min-dated-tasks: 4}}`",
        "(a mapping without `level` changes only the options). `planforge rules` lists the",
        "rules; `planforge rules ID` prints one rule's documentation. Rules marked *fixable*",
        "are corrected in the source by `planforge check --fix`.",
        "",
        "| Rule | Default | Fixable | Checks |",
        "| --- | --- | --- | --- |",
    ]
    for r in RULES.values():
        fixable = "yes" if r.fixable else ""
        out.append(f"| [`{r.id}`](#{r.id}) | {r.severity.value} | {fixable} | {r.summary} |")
    for r in RULES.values():
        out += ["", f"## {r.id}", "", f"*{_status(r)}.*", "", r.doc]
        if r.options:
            out += ["", "| Option | Type | Default | Meaning |", "| --- | --- | --- | --- |"]
            out += [f"| `{o.name}` | {o.type_name} | `{o.shown()}` | {o.doc} |" for o in r.options]
    return "\n".join(out) + "\n"


def _status(r: Rule) -> str:
    if not r.configurable:
        return f"Default severity: {r.severity.value}; cannot be turned off"
    fixable = "; fixable" if r.fixable else ""
    return f"Default severity: {r.severity.value}{fixable}; family: {r.family}"


def rule_text(r: Rule) -> str:
    """`planforge rules ID`: the rule's headline, documentation and options."""
    fix = ", fixable with --fix" if r.fixable else ""
    fixed = "" if r.configurable else "; cannot be turned off"
    out = [f"{r.id} ({r.severity.value}{fix}{fixed}): {r.summary}", "", r.doc]
    if r.options:
        out += ["", "Options (rules: {" + r.id + ": {option: value}}):"]
        width = max(len(o.name) for o in r.options)
        for o in r.options:
            out.append(f"  {o.name:<{width}}  {o.type_name}, default {o.shown()}: {o.doc}")
    return "\n".join(out) + "\n"
