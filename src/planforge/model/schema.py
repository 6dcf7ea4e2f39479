"""The JSON Schema of the plan source format, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from planforge import __version__
from planforge.model.plan import Plan

SCHEMA_ID = "https://planforge.invalid/schema/plan-1.json"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "planforge plan",
        "description": f"A planforge work-plan source (planforge {__version__}).",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return schema


def schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
