"""Rubrics: load them (built-in ids or files, with `extends:`) and measure a plan's coverage.

An item is covered by the tasks that name it (`rubric: [five-ones-school.congress]`); a
task whose words match an item's keywords only hints at coverage, it never counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planforge.errors import InputError, Problem
from planforge.load import Document, load
from planforge.model.plan import Plan, Task
from planforge.model.rubric import Band, ItemKind, Rubric, RubricFile, RubricItem
from planforge.resources import data_dir

MAX_EXTENDS_DEPTH = 10


def builtin_dir() -> Path:
    return data_dir("rubrics")


def builtin_ids() -> list[str]:
    """Ids of the rubrics shipped with planforge, sorted."""
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def is_file_ref(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def load_rubric(ref: str, base: Path | None = None) -> Rubric:
    """The rubric `ref` names: a built-in id, or a file path relative to `base`.

    `extends:` chains are followed (the extended rubric's items come first; an item with
    the same id replaces the inherited one, `remove:` drops inherited items).
    """
    path = _resolve(ref, base)
    return _load_path(str(path.resolve()) if path is not None else ref, ())


def _resolve(ref: str, base: Path | None) -> Path | None:
    """The file of `ref`, or None for a built-in id; `InputError` when neither exists."""
    if is_file_ref(ref):
        path = Path(ref).expanduser()
        if not path.is_absolute() and base is not None:
            path = base / path
        if not path.is_file():
            raise InputError(f"rubric file '{ref}' not found", hint=f"looked for {path}")
        return path
    if (builtin_dir() / f"{ref}.yaml").is_file():
        return None
    from planforge.validate import suggestion

    hint = suggestion(ref, builtin_ids()) or "built-in rubrics: " + ", ".join(builtin_ids())
    raise InputError(f"unknown rubric '{ref}'", hint=hint)


def _load_path(key: str, chain: tuple[str, ...]) -> Rubric:
    if key in chain:
        raise InputError(f"rubric '{key}' extends itself: {' → '.join((*chain, key))}")
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise InputError(f"rubric '{key}': `extends:` chain longer than {MAX_EXTENDS_DEPTH}")
    if not is_file_ref(key) and not Path(key).is_absolute():
        return _builtin(key, chain)
    return _from_file(Path(key), chain)


@lru_cache(maxsize=64)
def _builtin_cached(rubric_id: str) -> Rubric:
    return _from_file(builtin_dir() / f"{rubric_id}.yaml", ())


def _builtin(rubric_id: str, chain: tuple[str, ...]) -> Rubric:
    if not chain:
        return _builtin_cached(rubric_id).model_copy(deep=True)
    return _from_file(builtin_dir() / f"{rubric_id}.yaml", chain)


def _from_file(path: Path, chain: tuple[str, ...]) -> Rubric:
    doc = load(path)
    spec = _validate_file(doc)
    key = str(path)
    if spec.extends is None:
        data = spec.model_dump(exclude={"extends", "remove"}, exclude_none=True)
        return Rubric.model_validate({**data, "origin": key})
    parent_path = _resolve(spec.extends, path.parent)
    parent_key = str(parent_path.resolve()) if parent_path is not None else spec.extends
    parent = _load_path(parent_key, (*chain, key))
    return _merge(parent, spec, key, doc)


def _validate_file(doc: Document) -> RubricFile:
    if not isinstance(doc.data, dict):
        raise InputError(
            f"{doc.path}: not a rubric",
            [doc.problem("expected a rubric (a YAML mapping with id, title, items)")],
        )
    try:
        return RubricFile.model_validate(doc.data)
    except ValidationError as exc:
        problems = _schema_problems(doc, exc)
        raise InputError(f"{doc.path}: the rubric is not valid", problems) from None


def _schema_problems(doc: Document, exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = _data_loc(doc.data, error["loc"])
        what = ".".join(str(p) for p in error["loc"]) or "rubric"
        message = error["msg"].replace("Value error, ", "")
        key = error["type"] == "extra_forbidden"
        problems.append(doc.problem(f"{what}: {message}", loc, key=key, rule="schema"))
    return problems


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    out: list[Any] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        else:
            continue
        out.append(part)
    return tuple(out)


def _merge(parent: Rubric, spec: RubricFile, key: str, doc: Document) -> Rubric:
    items = {i.id: i for i in parent.items}
    for j, item_id in enumerate(spec.remove):
        if item_id not in items:
            raise InputError(
                f"{doc.path}: cannot remove '{item_id}'",
                [
                    doc.problem(
                        f"'{parent.id}' has no item '{item_id}' to remove",
                        ("remove", j),
                        rule="schema",
                    )
                ],
            )
        del items[item_id]
    for item in spec.items:
        items[item.id] = item  # replaces in place, or appends
    fields = spec.model_dump(exclude={"extends", "remove", "items"}, exclude_none=True)
    if not spec.description:
        fields.pop("description", None)
    if not spec.bands:
        fields.pop("bands", None)
    if spec.source is not None:
        fields["source"] = spec.source  # the model, not its dump: model_copy does not validate
    fields["documents"] = {**parent.documents, **spec.documents}
    return parent.model_copy(update={**fields, "items": list(items.values()), "origin": key})


# ---------------------------------------------------------------------------- coverage


@dataclass
class ItemCoverage:
    """How one rubric item stands: covered by tasks, only hinted at, or uncovered."""

    item: RubricItem
    tasks: list[str] = field(default_factory=list)  # ids of covering tasks
    hinted_by: list[str] = field(default_factory=list)  # ids of tasks matching keywords

    @property
    def status(self) -> str:
        if self.tasks:
            return "covered"
        return "hinted" if self.hinted_by else "uncovered"


@dataclass
class Coverage:
    """A plan measured against one rubric."""

    rubric: Rubric
    items: list[ItemCoverage]

    def _with(self, status: str) -> list[ItemCoverage]:
        return [c for c in self.items if c.status == status]

    @property
    def required(self) -> list[ItemCoverage]:
        """The items a plan is expected to cover (deductions are things to avoid)."""
        return [c for c in self.items if c.item.kind is not ItemKind.DEDUCTION]

    @property
    def covered(self) -> list[ItemCoverage]:
        return [c for c in self.required if c.status == "covered"]

    @property
    def uncovered(self) -> list[ItemCoverage]:
        return [c for c in self.required if c.status != "covered"]

    @property
    def attainable(self) -> float | None:
        """The best score the plan can reach if every covered item earns its points."""
        if not self.rubric.scoring:
            return None
        return sum(
            c.item.points or 0 for c in self.covered if c.item.kind is not ItemKind.DEDUCTION
        )

    @property
    def missing_mandatory(self) -> list[RubricItem]:
        return [c.item for c in self.uncovered if c.item.mandatory]

    @property
    def best_band(self) -> Band | None:
        """The highest band within reach; none while a mandatory item is missing."""
        score = self.attainable
        if score is None or self.missing_mandatory:
            return None
        return self.rubric.band_for(score)

    def summary(self) -> str:
        """One line for reports: items covered, and for scoring rubrics score and band."""
        rid = self.rubric.id
        line = f"{rid}: {len(self.covered)}/{len(self.required)} items covered"
        hinted = sum(1 for c in self.required if c.status == "hinted")
        if hinted:
            line += f", {hinted} only hinted"
        if self.rubric.scoring:
            score = self.attainable or 0
            line += f"; attainable {_points(score)}/{_points(self.rubric.base_points)}"
            if self.missing_mandatory:
                ids = ", ".join(i.id for i in self.missing_mandatory)
                line += f"; mandatory missing: {ids}; no grade"
            else:
                band = self.best_band
                line += f"; best band: {band.name if band else 'none'}"
        return line

    def as_dict(self) -> dict[str, Any]:
        """Plain data for machine-readable output formats."""
        band = self.best_band
        return {
            "rubric": self.rubric.id,
            "title": self.rubric.title,
            "items": [
                {"id": c.item.id, "status": c.status, "tasks": c.tasks, "hinted_by": c.hinted_by}
                for c in self.items
            ],
            "covered": len(self.covered),
            "required": len(self.required),
            "attainable": self.attainable,
            "base_points": self.rubric.base_points if self.rubric.scoring else None,
            "missing_mandatory": [i.id for i in self.missing_mandatory],
            "best_band": band.name if band else None,
        }


def _points(value: float) -> str:
    return f"{value:g}"


def coverage(plan: Plan, doc: Document | None, rubric: Rubric) -> Coverage:
    """Which tasks of `plan` cover each item of `rubric`, and which only hint at it.

    References are inherited: a section that names an item covers it through its tasks.
    `doc` is accepted for symmetry with the rules; coverage needs only the model.
    """
    prefix = rubric.id + "."
    covering: dict[str, list[str]] = {}
    hinting: dict[str, list[str]] = {}
    tasks = list(plan.walk())
    for _path, task in tasks:
        for ref in task.rubric:
            if ref.startswith(prefix):
                covering.setdefault(ref[len(prefix) :], []).append(task.id)
    for item in rubric.items:
        if item.id in covering or not item.keywords:
            continue
        words = [k.lower() for k in item.keywords]
        for _path, task in tasks:
            if _mentions(task, words):
                hinting.setdefault(item.id, []).append(task.id)
    return Coverage(
        rubric,
        [ItemCoverage(i, covering.get(i.id, []), hinting.get(i.id, [])) for i in rubric.items],
    )


def _mentions(task: Task, words: list[str]) -> bool:
    text = " ".join([task.title, *task.text]).lower()
    return any(w in text for w in words)
