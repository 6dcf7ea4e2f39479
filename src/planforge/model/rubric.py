"""The rubric file format: a standard a plan is checked against (五个一, 模范职工之家, …).

A rubric is data that users copy, edit and extend (`extends:`), never code. Checklist
rubrics list requirements a task must cover; scoring rubrics (量化考核表) add points,
mandatory items (必备条件/一票否决), bonus and deduction items, and grade bands.

Every rubric says where it stands (a national standard, a province's or city's scoring
table, or common local practice) and which document it follows; every item says where in
that document it comes from, and which shared concepts (congress, contract, …) it asks for.
The concepts and their documented vocabulary are data: `rubrics/shared/concepts.yaml`.
"""

from __future__ import annotations

import json
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from planforge.model.plan import (
    Kind,
    Language,
    Names,
    Paragraphs,
    Strict,
    Text,
    _to_list,
    _to_mapping,
    _to_text,
)

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


DocumentKey = Annotated[
    str,
    BeforeValidator(_to_text, json_schema_input_type=str),
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$", max_length=64),
]
"""The key of a document in a rubric's `documents:`, named by an item's `source.document`."""


class Standing(str, Enum):
    """What kind of text a rubric follows."""

    NATIONAL = "national"  # 全国总工会 or a national law/regulation
    PROVINCIAL = "provincial"  # a province's federation (省总工会) scoring table or standard
    MUNICIPAL = "municipal"  # a city's federation (市总工会) table
    LOCAL_PRACTICE = "local-practice"  # compiled from common local variants; no one text


class SourceDocument(Strict):
    """A published text a rubric follows: title, issuing body, year, number, where it was read."""

    document: Text = Field(description="The document's title.")
    issuer: Text | None = Field(None, description="The issuing body, e.g. 福建省总工会.")
    year: int | None = Field(None, ge=1949, le=2100, description="The year it was issued.")
    number: Text | None = Field(None, description="Its document number (文号), if known.")
    url: Text | None = Field(None, description="Where the text was read.")
    note: Text | None = Field(None, description="What the copy read holds or lacks.")


def _source_document(value: Any) -> Any:
    """A plain string (the older form of `source:`) names the document."""
    return {"document": value} if isinstance(value, str) else value


DocumentRef = Annotated[
    SourceDocument, BeforeValidator(_source_document, json_schema_input_type=str | dict)
]


class ItemSource(Strict):
    """Where an item comes from: an article or item number in one of the rubric's documents.

    `ref` alone refers to the rubric's `source`; `document` names another of its `documents`.
    An item no text was found for says `local_practice: true` instead.
    """

    ref: Text | None = Field(None, description="Article or item number, e.g. 第七条 or 二、1.")
    document: DocumentKey | None = Field(
        None, description="A key of the rubric's `documents:`; default: the rubric's `source`."
    )
    local_practice: bool = Field(False, description="No published text found: local practice.")
    note: Text | None = None

    @model_validator(mode="after")
    def _ref_or_local(self) -> ItemSource:
        if self.ref is None and not self.local_practice:
            raise ValueError("a source needs `ref` (article or item number) or local_practice")
        return self


ItemSourceRef = Annotated[
    ItemSource, BeforeValidator(_to_mapping("ref"), json_schema_input_type=str | dict)
]


# ---------------------------------------------------------------------------- concepts


class ConceptTerms(Strict):
    """Words that name a concept in a document, and the kinds of organisation they belong to.

    A task whose title or text holds one of the words covers the concept, for a plan of one
    of `kinds` (all kinds when empty): 教代会 counts in a school, 职代会 in an enterprise.
    """

    words: Names
    kinds: list[Kind] = Field(default=[], description="Kinds it is used by; empty: all.")
    source: Text = Field(description="The text that uses these words.")


class Concept(Strict):
    """A thing several rubrics ask for (congress, contract, …), with its documented words."""

    label: Text
    terms: list[ConceptTerms] = Field(min_length=1)
    kinds: list[Kind] = Field(
        default=[], description="Kinds of organisation it applies to by its source; empty: all."
    )
    kinds_source: Text | None = None
    near_misses: Names = Field(
        default=[],
        description="Longer words that hold one of the words but mean something else "
        "(会员代表大会 holds 代表大会): text inside them never counts.",
    )

    @property
    def words(self) -> list[str]:
        return [w for t in self.terms for w in t.words]

    def applies_to(self, kind: Kind | None) -> bool:
        """Whether the concept's source asks it of `kind` (an unknown kind: yes)."""
        return kind is None or kind is Kind.OTHER or not self.kinds or kind in self.kinds

    def words_for(self, kind: Kind | None) -> list[str]:
        """The words that count for a plan of `kind` (an unknown kind: all of them)."""
        return [
            w
            for t in self.terms
            if kind is None or kind is Kind.OTHER or not t.kinds or kind in t.kinds
            for w in t.words
        ]


class ConceptFile(Strict):
    concepts: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9\-]*$")], Concept]


def concepts_path() -> Path:
    from planforge.resources import data_dir

    return data_dir("rubrics") / "shared" / "concepts.yaml"


@lru_cache(maxsize=1)
def concepts() -> dict[str, Concept]:
    """The shared concepts, by name (read once from package data)."""
    from planforge.load import load

    return ConceptFile.model_validate(load(concepts_path()).data).concepts


def _known_concept(name: str) -> str:
    known = concepts()
    if name not in known:
        import difflib

        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"unknown concept '{name}'{hint} (concepts: {', '.join(known)})")
    return name


ConceptName = Annotated[str, AfterValidator(_known_concept)]
ConceptNames = Annotated[
    list[ConceptName], BeforeValidator(_to_list, json_schema_input_type=str | list[str])
]


class Match(str, Enum):
    """How an item that asks for several concepts is covered: by all of them, or any one."""

    ALL = "all"
    ANY = "any"


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
    source: ItemSourceRef | None = Field(
        None, description="Where in the rubric's documents the item comes from."
    )
    concepts: ConceptNames = Field(
        default=[], description="Shared concepts the item asks for (rubrics/shared/concepts.yaml)."
    )
    match: Match | None = Field(
        None,
        description="all or any of the item's concepts cover it; default: the rubric's `match`.",
    )
    kinds: list[Kind] = Field(
        default=[],
        description="Kinds of organisation the item applies to by its source; "
        "default: those its concepts apply to.",
    )
    occasional: bool = Field(
        False,
        description="Required only in the year it falls due (换届 every 3–5 years): "
        "uncovered, it is neither an error nor counted as missing.",
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
    standing: Standing | None = Field(
        None, description="national, provincial, municipal or local-practice."
    )
    source: DocumentRef | None = Field(None, description="The document the rubric follows.")
    documents: dict[DocumentKey, SourceDocument] = Field(
        default={}, description="Further documents items cite by key (`source.document`)."
    )
    description: Paragraphs = Field(default=[])
    extends: Text | None = Field(None, description="A built-in rubric id or a file path.")
    kind: RubricKind | None = None
    match: Match | None = Field(
        None, description="An item with several concepts needs all (default) or any of them."
    )
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
            for item in self.items:
                key = item.source.document if item.source else None
                if key is not None and key not in self.documents:
                    raise ValueError(
                        f"item '{item.id}': source.document '{key}' is not in `documents:`"
                    )
        return self


class Rubric(Strict):
    """A resolved rubric: `extends:` applied, every field known."""

    id: RubricId
    title: Text
    language: Language
    version: Text
    standing: Standing | None = None
    source: SourceDocument
    documents: dict[DocumentKey, SourceDocument] = Field(default={})
    description: Paragraphs = Field(default=[])
    kind: RubricKind = RubricKind.CHECKLIST
    match: Match = Match.ALL
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

    def document_of(self, item: RubricItem) -> SourceDocument | None:
        """The document an item's source refers to; None for local practice or no source."""
        if item.source is None or item.source.local_practice:
            return None
        if item.source.document is not None:
            return self.documents.get(item.source.document)
        return self.source

    def match_of(self, item: RubricItem) -> Match:
        return item.match or self.match

    def band_for(self, score: float) -> Band | None:
        reached = [b for b in self.bands if score >= b.min]
        return max(reached, key=lambda b: b.min) if reached else None


# ---------------------------------------------------------------------------- defaults


class DefaultRubrics(Strict):
    """The built-in rubrics a plan is held to when it names none, and why."""

    rubrics: list[RubricId]
    source: Text = Field(description="Why these: the texts that hold this kind of union to them.")


class DefaultsFile(Strict):
    languages: dict[Language, DefaultRubrics] = Field(
        default={}, description="By the plan's language first (the words are per language)."
    )
    kinds: dict[Kind, DefaultRubrics] = Field(default={}, description="Then by its `kind`.")


def defaults_path() -> Path:
    from planforge.resources import data_dir

    return data_dir("rubrics") / "shared" / "defaults.yaml"


@lru_cache(maxsize=1)
def default_table() -> DefaultsFile:
    """The table of default rubrics (read once from package data)."""
    from planforge.load import load

    return DefaultsFile.model_validate(load(defaults_path()).data)


def rubric_schema() -> dict[str, Any]:
    """The JSON Schema of a rubric file (draft 2020-12), for editors and CI."""
    schema = RubricFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planforge rubric"
    return schema


def rubric_schema_json() -> str:
    return json.dumps(rubric_schema(), ensure_ascii=False, indent=2) + "\n"
