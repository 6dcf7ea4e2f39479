"""`planforge rubrics` and `planforge rules`: what a plan can be checked against, as text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planforge.errors import UsageError

if TYPE_CHECKING:
    from planforge.model.rubric import RubricItem, SourceDocument


def rubrics_text() -> str:
    """The built-in rubrics, one per line: id, kind, item count, title."""
    from planforge.check.rubric import builtin_ids, load_rubric

    lines = []
    for rubric_id in builtin_ids():
        rubric = load_rubric(rubric_id)
        lines.append(
            f"{rubric.id:<22} {rubric.kind.value:<9} {rubric.language.value:<3} "
            f"{len(rubric.items):>3} items  {rubric.title}"
        )
    lines.append("")
    lines.append("Show one with `planforge rubrics show ID`; name rubrics in a plan's `rubrics:`")
    lines.append("or with `planforge check --rubric ID|FILE`.")
    return "\n".join(lines) + "\n"


def rubric_text(ref: str, base: Path | None = None) -> str:
    """One rubric (built-in id or file): its header, items by section, points, bands."""
    from planforge.check.rubric import load_rubric
    from planforge.model.rubric import ItemKind

    rubric = load_rubric(ref, base)
    out = [
        f"{rubric.id}: {rubric.title}",
        f"  version {rubric.version}, {rubric.kind.value}, language {rubric.language.value}",
        f"  standing: {rubric.standing.value if rubric.standing else 'not stated'}",
        f"  source: {_document_text(rubric.source)}",
    ]
    out += [f"  [{key}] {_document_text(doc)}" for key, doc in rubric.documents.items()]
    out += [f"  {para}" for para in rubric.description]
    section: str | None = None
    for item in rubric.items:
        if item.section != section:
            section = item.section
            out += ["", f"[{section}]" if section else "[—]"]
        marks = []
        if item.points is not None:
            sign = (
                "-"
                if item.kind is ItemKind.DEDUCTION
                else "+"
                if (item.kind is ItemKind.BONUS)
                else ""
            )
            marks.append(f"{sign}{item.points:g} pts")
        if item.mandatory:
            marks.append("mandatory")
        if item.kind is not ItemKind.REGULAR:
            marks.append(item.kind.value)
        tail = f"  ({', '.join(marks)})" if marks else ""
        out.append(f"  {rubric.id}.{item.id}{tail}")
        out.append(f"      {item.text}")
        if item.evidence:
            out.append(f"      evidence: {item.evidence}")
        out.append(f"      source: {_item_source_text(item)}")
        if item.concepts:
            match = f" ({rubric.match_of(item).value} of them)" if len(item.concepts) > 1 else ""
            out.append(f"      concepts: {', '.join(item.concepts)}{match}")
        kinds = [k.value for k in item.kinds] or _concept_kinds(item)
        if kinds:
            out.append(f"      asked of: {', '.join(kinds)}")
        if item.occasional:
            out.append("      occasional: required only in the year it falls due")
    if rubric.bands:
        out += [
            "",
            "bands: "
            + ", ".join(f"{b.name} ≥{b.min:g}" for b in sorted(rubric.bands, key=lambda b: -b.min))
            + f" (of {rubric.base_points:g} base points)",
        ]
    return "\n".join(out) + "\n"


def _concept_kinds(item: RubricItem) -> list[str]:
    """The kinds of organisation an item's concepts are asked of (empty: all kinds)."""
    from planforge.model.rubric import concepts

    known = concepts()
    if any(not known[c].kinds for c in item.concepts):
        return []
    return sorted({k.value for c in item.concepts for k in known[c].kinds})


def _document_text(doc: SourceDocument) -> str:
    """A document as one line: title, issuer, year, number, address."""
    parts = [f"《{doc.document}》" if not doc.document.isascii() else doc.document]
    parts += [str(v) for v in (doc.issuer, doc.year, doc.number) if v is not None]
    line = ", ".join(parts)
    return f"{line} <{doc.url}>" if doc.url else line


def _item_source_text(item: RubricItem) -> str:
    """Where an item comes from: its article or item number, or local practice."""
    src = item.source
    if src is None:
        return "not stated"
    if src.local_practice:
        where = "local practice (no published text found)"
    else:
        where = f"{src.ref}" + (f" in [{src.document}]" if src.document else "")
    return f"{where}; {src.note}" if src.note else where


def rules_text() -> str:
    """Every rule: id, default severity, whether `--fix` corrects it, summary."""
    from planforge.check.rules import RULES

    lines = [f"{'RULE':<24} {'DEFAULT':<8} {'FIX':<4} SUMMARY"]
    for rule in RULES.values():
        fix = "yes" if rule.fixable else ""
        lines.append(f"{rule.id:<24} {rule.severity.value:<8} {fix:<4} {rule.summary}")
    lines += [
        "",
        "`planforge rules ID` prints a rule's documentation and options (also in docs/rules.md).",
    ]
    return "\n".join(lines) + "\n"


def rule_text(rule_id: str) -> str:
    """One rule's documentation and options."""
    from planforge.check.rules import RULES, rule_text
    from planforge.validate import suggestion

    rule = RULES.get(rule_id)
    if rule is None:
        hint = suggestion(rule_id, list(RULES)) or "`planforge rules` lists them"
        raise UsageError(f"unknown rule '{rule_id}'", hint=hint)
    return rule_text(rule)
