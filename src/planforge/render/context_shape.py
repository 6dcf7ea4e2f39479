"""The shape of a render context as planforge's cache stores it (see render/context.py).

A cached context is checked against these shapes before it is used, so a damaged or
crafted entry is a miss rather than a template error. A context that does not fit is not
stored: a key added to the context must be added here too (tests/test_render_cache.py
checks every example's contexts against these shapes).

A task section's node appears twice in a context, in `sections` and in its part; the
entry stores it once, the part giving its index in `sections`, which halves what is read
and checked on a hit.
"""

from __future__ import annotations

from typing import Any

from planforge.cache import BOOL, INT, STR, AnyOf, Kind, Leaf, ListOf, OneOf, Record, Shape

TEXT = ListOf(STR)

NODE = Record(
    {
        "id": STR,
        "level": INT,
        "number": STR,
        "outline": STR,
        "title": STR,
        "text": TEXT,
        "owners": TEXT,
        "owners_text": STR,
        "deadline": STR,
        "deadline_text": STR,
        "is_section": BOOL,
        "status": STR,
        "status_label": STR,
        "done": BOOL,
        "done_on_text": STR,
        "result": TEXT,
        "figures": ListOf(Record({"name": STR, "value": STR})),
        "evidence": TEXT,
        "reason": STR,
        "has_outcome": BOOL,
        "goals": TEXT,
        "meta_text": STR,
        "status_text": STR,
        "figures_text": STR,
        "evidence_text": STR,
    }
)
NODE.fields["children"] = ListOf(NODE)

# The labels every language gives (render/context.py's LABELS; templates read them by name).
LABEL_KEYS = (
    "ideology", "goals", "tasks", "safeguards", "schedule", "month", "work", "owners",
    "owner", "person", "deadline", "attachments", "overview", "results", "lessons", "problems",
    "next_year", "undone", "task", "status", "reason", "result", "figures", "evidence",
    "year_round", "measure", "done_on", "plan_document", "summary_document",
)  # fmt: skip
PUNCT_KEYS = ("sep", "semi", "list_sep", "gap", "stop", "open", "close")
SUMMARY_KEYS = ("overview", "achievements", "lessons", "problems", "next_year")
PLAIN_PARTS = (
    "ideology", "goals", "safeguards", "schedule", "overview", "lessons", "problems", "next_year",
)  # fmt: skip
# Templates pick a part's layout by its key: a task section carries its node, the
# others only their heading (the summary's words are the context's own keys).
_HEADING = {"number": STR, "outline": STR, "heading": STR}
PART = AnyOf(
    Record({"key": OneOf("section"), **_HEADING, "node": INT}),  # its index in sections
    Record({"key": OneOf("results"), **_HEADING}),
    Record({"key": OneOf(*PLAIN_PARTS), **_HEADING}),
)

COMMON: dict[str, Shape] = {
    "lang": OneOf("zh", "en"),
    "zh": BOOL,
    "html_lang": STR,
    "title": STR,
    "title_lines": TEXT,
    "organisation": STR,
    "year": INT,
    "kind": STR,
    "labels": Record(dict.fromkeys(LABEL_KEYS, STR)),
    "punct": Record(dict.fromkeys(PUNCT_KEYS, STR)),
    "document_name": STR,
    "ideology": TEXT,
    "goals": ListOf(
        Record({"id": STR, "number": INT, "text": STR, "measure": STR, "measure_text": STR})
    ),
    "safeguards": ListOf(Record({"number": STR, "n": INT, "title": STR, "text": TEXT})),
    "schedule": ListOf(Record({"month": INT, "month_label": STR, "work": STR, "owners_text": STR})),
    "attachments": ListOf(Record({"number": INT, "title": STR})),
    "summary": Record(dict.fromkeys(SUMMARY_KEYS, TEXT)),
    "signature": Record({"organisation": STR, "date_text": STR, "date": STR}),
    "parts": ListOf(PART),
    "sections": ListOf(NODE),
}

PLAN_CONTEXT = Record({**COMMON, "document": OneOf("plan")})
SUMMARY_CONTEXT = Record(
    {
        **COMMON,
        "document": OneOf("summary"),
        "undone": ListOf(
            Record(
                {
                    "id": STR,
                    "title": STR,
                    "status_label": STR,
                    "reason": STR,
                    "deadline_text": STR,
                    "postponed_to": STR,
                }
            )
        ),
        "stats": Record({"total": INT, "done": INT, "text": STR}),
        "opening": TEXT,
        "results": ListOf(Record({"number": STR, "title": STR, "paragraphs": TEXT})),
        "results_lead": TEXT,
        "lessons": TEXT,
        "problems": TEXT,
        "next_year": TEXT,
        "appendix": Record(
            {
                "heading": STR,
                "tables": ListOf(
                    Record(
                        {
                            "key": OneOf("all", "undone", "goals"),
                            "title": STR,
                            "headers": TEXT,
                            "rows": ListOf(TEXT),
                            "columns": ListOf(Leaf(int, float)),
                        }
                    )
                ),
            }
        ),
        "as_of": STR,
        "as_of_text": STR,
    }
)


def stored(ctx: dict[str, Any]) -> dict[str, Any]:
    """The context as the entry holds it: each section's node once. A part that does not
    share its node or sections with the context keeps them, and then fits no shape."""
    sections = ctx["sections"]
    parts = []
    for part in ctx["parts"]:
        if part["key"] == "section":
            found = [i for i, node in enumerate(sections) if node is part["node"]]
            part = {**part, "node": found[0]} if found else part
        parts.append(part)
    return {**ctx, "parts": parts}


def rebuilt(data: dict[str, Any]) -> dict[str, Any] | None:
    """The context of a checked entry; None when a part's index is out of range."""
    sections = data["sections"]
    for part in data["parts"]:
        if part["key"] == "section":
            if not 0 <= part["node"] < len(sections):
                return None
            part["node"] = sections[part["node"]]
    return data


PLAN_KIND = Kind("plan-context", PLAN_CONTEXT, stored, rebuilt)
SUMMARY_KIND = Kind("summary-context", SUMMARY_CONTEXT, stored, rebuilt)
