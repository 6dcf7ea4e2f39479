"""The rubric file format: a standard a plan is checked against (五个一, 模范职工之家, …).

A rubric is data that users copy, edit and extend (`extends:`), never code. Checklist
rubrics list requirements a task must cover; scoring rubrics (量化考核表) add points,
mandatory items (必备条件/一票否决), bonus and deduction items, and grade bands.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from planforge.model.plan import Language, Names, Paragraphs, Strict, Text, _to_text

ItemId = Annotated[
    str,
    BeforeValidator(_to_text, json_schema_input_type=str | int),
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$", max_length=64),
]
"""An item id: letters, digits, '_' and '-' (no '.', which joins rubric and item ids)."""

RubricId = Annotated[
    str,
    BeforeValidator(_to_text, json_schema_input_type=str),
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$", max_length=64),
]


class RubricKind(str, Enum):
    CHECKLIST = "checklist"
    SCORING = "scoring"


class ItemKind(str, Enum):
    REGULAR = "regular"
    BONUS = "bonus"
    DEDUCTION = "deduction"


class RubricItem(Strict):
    """One requirement. Tasks cover it by naming it: `rubric: [<rubric-id>.<item-id>]`."""

    id: ItemId
    section: Text | None = Field(None, description="The part of the rubric, e.g. 组织健全.")
    text: Text = Field(description="The requirement as the standard words it.")
    points: float | None = Field(None, ge=0, description="Points (scoring rubrics).")
    mandatory: bool = Field(False, description="必备条件/一票否决: no grade without it.")
    kind: ItemKind = Field(ItemKind.REGULAR, description="regular, bonus (加分) or deduction.")
    evidence: Text | None = Field(None, description="The evidence an inspector asks for.")
    keywords: Names = Field(
        default=[],
        description="Words suggesting a task might cover the item (a hint, never coverage).",
    )


class Band(Strict):
    """A grade band of a scoring rubric: the grade reached at `min` points or more."""

    name: Text
    min: float = Field(ge=0)


class RubricFile(Strict):
    """A rubric as written in a file; with `extends:` only `id` is required."""

    id: RubricId
    title: Text | None = None
    language: Language | None = None
    version: Text | None = None
    source: Text | None = Field(None, description="Who published the standard.")
    description: Paragraphs = Field(default=[])
    extends: Text | None = Field(None, description="A built-in rubric id or a file path.")
    kind: RubricKind | None = None
    remove: list[ItemId] = Field(default=[], description="Items of the extended rubric to drop.")
    items: list[RubricItem] = Field(default=[])
    bands: list[Band] = Field(default=[])

    @model_validator(mode="after")
    def _complete_unless_extending(self) -> RubricFile:
        if self.extends is None:
            missing = [
                f for f in ("title", "language", "version", "source") if getattr(self, f) is None
            ]
            if missing:
                raise ValueError(
                    "a rubric that does not extend another needs " + ", ".join(missing)
                )
            if not self.items:
                raise ValueError("a rubric needs at least one item")
        return self


class Rubric(Strict):
    """A resolved rubric: `extends:` applied, every field known."""

    id: RubricId
    title: Text
    language: Language
    version: Text
    source: Text
    description: Paragraphs = Field(default=[])
    kind: RubricKind = RubricKind.CHECKLIST
    items: list[RubricItem]
    bands: list[Band] = Field(default=[])
    origin: str = Field("", exclude=True, description="Where it was loaded from.")

    @property
    def scoring(self) -> bool:
        return self.kind is RubricKind.SCORING

    def item(self, item_id: str) -> RubricItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def base_points(self) -> float:
        return sum(i.points or 0 for i in self.items if i.kind is ItemKind.REGULAR)

    def band_for(self, score: float) -> Band | None:
        reached = [b for b in self.bands if score >= b.min]
        return max(reached, key=lambda b: b.min) if reached else None


def rubric_schema() -> dict[str, Any]:
    """The JSON Schema of a rubric file (draft 2020-12), for editors and CI."""
    schema = RubricFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planforge rubric"
    return schema


def rubric_schema_json() -> str:
    return json.dumps(rubric_schema(), ensure_ascii=False, indent=2) + "\n"
