"""The built-in rules, one module per family; `RULES` maps each stable id to its rule.

Families: content (owners, deadlines, goals, schedule, results), wording (placeholders,
years, web residue, slogans), punctuation (GB/T 15834/15835, with fixes), numbering
(the 一、（一）1.（1） ladder) and rubrics (coverage of the rubrics a plan names).
"""

from __future__ import annotations

from planforge.check.rules import content, numbering, punctuation, rubrics, wording
from planforge.check.rules.base import REGISTRY, Rule, RuleContext, TextValue

RULES: dict[str, Rule] = {r.id: r for r in REGISTRY}

INPUT_RULES: dict[str, tuple[str, str]] = {
    "load-error": (
        "a file that cannot be read or parsed as YAML",
        "The file cannot be read (missing, unreadable, not UTF-8) or is not valid YAML "
        "(syntax error, duplicate key, several documents). Nothing else is checked in "
        "it, and `planforge check` exits with 2.",
    ),
    "schema": (
        "a file that is not a valid plan",
        "The YAML does not follow the plan format (`planforge schema` prints it): an "
        "unknown key, a missing field, a value of the wrong type, a duplicate id, a goal "
        "reference that does not resolve or a deadline planforge cannot read. Nothing "
        "else is checked in it, and `planforge check` exits with 2.",
    ),
}
"""Findings about files that cannot be checked at all; always errors, never turned off."""

FAMILIES = (content, wording, punctuation, numbering, rubrics)

__all__ = ["INPUT_RULES", "RULES", "Rule", "RuleContext", "TextValue", "rules_markdown"]


def rules_markdown() -> str:
    """docs/rules.md: one section per rule, from the rules' own documentation."""
    out = [
        "# Rules of `planforge check`",
        "",
        "Every finding names the rule that made it. Rule ids are stable; change a rule's",
        "severity or turn it off in the configuration (`rules: {rule-id: off}`), or on one",
        "line with a comment `# planforge: disable=rule-id`. `planforge rules` lists them;",
        "`planforge rules ID` prints one rule's documentation. Rules marked *fixable* are",
        "corrected in the source by `planforge check --fix`.",
        "",
        "| Rule | Default | Fixable | Checks |",
        "| --- | --- | --- | --- |",
    ]
    for rule_id, (summary, _doc) in INPUT_RULES.items():
        out.append(f"| [`{rule_id}`](#{rule_id}) | error |  | {summary} |")
    for r in RULES.values():
        fixable = "yes" if r.fixable else ""
        out.append(f"| [`{r.id}`](#{r.id}) | {r.severity.value} | {fixable} | {r.summary} |")
    for rule_id, (_summary, doc) in INPUT_RULES.items():
        out += [
            "",
            f"## {rule_id}",
            "",
            "*Default severity: error; cannot be turned off.*",
            "",
            doc,
        ]
    for r in RULES.values():
        out += [
            "",
            f"## {r.id}",
            "",
            f"*Default severity: {r.severity.value}"
            f"{'; fixable' if r.fixable else ''}; family: {r.family}.*",
            "",
            r.doc,
        ]
    return "\n".join(out) + "\n"
