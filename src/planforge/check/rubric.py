"""Rubrics: load them (built-in ids or files, with `extends:`) and measure a plan's coverage.

Coverage is by meaning. Rubric items ask for shared concepts (congress, contract, …; see
`rubrics/shared/concepts.yaml`); a concept is covered by a task (leaf or section) that
names it, names any rubric's item asking for it, or says one of the concept's words in its
title or text (教代会 in a school, 职代会 in an enterprise). One such task counts for every
item of every rubric that asks for the concept. A task that names the item itself
(`rubric: [model-home.rights-congress]`) wins over all of that; a task can refuse a match
(`not_rubric: [model-home.rights-congress]` or `not_rubric: [congress]`). An item that asks
for several concepts needs all of them, or any one, as the rubric's `match` says.

Items apply to the kinds of organisation their concepts (or their own `kinds`) apply to: a
school is not asked for a 集体合同. The plan's kind is its `kind:`, else what the union's
name tells (…中学工会 is a school), as for `planforge new`. A task whose words match an
item's `keywords` only hints at coverage; it never counts.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planforge.errors import InputError, Problem
from planforge.load import Document, load
from planforge.model.plan import Kind, Plan, Status, Task
from planforge.model.rubric import (
    Band,
    ItemKind,
    Match,
    Rubric,
    RubricFile,
    RubricItem,
    concepts,
    default_table,
)
from planforge.resources import data_dir

MAX_EXTENDS_DEPTH = 10


def builtin_dir() -> Path:
    return data_dir("rubrics")


def builtin_ids() -> list[str]:
    """Ids of the rubrics shipped with planforge, sorted."""
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


@lru_cache(maxsize=1)
def _builtin_set() -> frozenset[str]:
    return frozenset(builtin_ids())


def is_file_ref(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def load_rubric(ref: str, base: Path | None = None) -> Rubric:
    """The rubric `ref` names: a built-in id, or a file path relative to `base`.

    `extends:` chains are followed (the extended rubric's items come first; an item with
    the same id replaces the inherited one, `remove:` drops inherited items).
    """
    path = _resolve(ref, base)
    return _load_path(str(path.resolve()) if path is not None else ref, ())


_RECORDERS: list[list[str]] = []


@contextlib.contextmanager
def recording() -> Iterator[list[str]]:
    """The rubric files read or looked for inside the block, as absolute paths: what a
    check result depends on besides the plan (built-in rubrics are part of planforge)."""
    files: list[str] = []
    _RECORDERS.append(files)
    try:
        yield files
    finally:
        _RECORDERS.pop()


def note_files(paths: Iterable[str]) -> None:
    """Count `paths` as read by every `recording` block in force."""
    for files in _RECORDERS:
        files.extend(paths)


def _resolve(ref: str, base: Path | None) -> Path | None:
    """The file of `ref`, or None for a built-in id; `InputError` when neither exists."""
    if is_file_ref(ref):
        path = Path(ref).expanduser()
        if not path.is_absolute() and base is not None:
            path = base / path
        note_files([os.path.abspath(path)])
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


# ---------------------------------------------------------------------------- kinds, defaults


def plan_kind(plan: Plan) -> Kind | None:
    """The plan's kind of organisation: its `kind:`, else what the union's name tells."""
    if plan.kind is not None:
        return plan.kind
    from planforge.starter import kind_from_org

    guess = kind_from_org(plan.organisation)
    return Kind(guess) if guess else None


def default_rubrics(plan: Plan) -> list[str]:
    """The built-in rubrics for a plan that names none: by its language, then its `kind:`
    (`rubrics/shared/defaults.yaml`); none without `kind:`."""
    if plan.kind is None:
        return []
    table = default_table()
    entry = table.languages.get(plan.language) or table.kinds.get(plan.kind)
    return list(entry.rubrics) if entry else []


def rubric_refs(plan: Plan) -> list[str]:
    """The rubrics a plan is held to: its `rubrics:`, or the defaults when it has no such
    key (`rubrics: []` holds it to none)."""
    if "rubrics" in plan.model_fields_set:
        return list(plan.rubrics)
    return default_rubrics(plan)


def uses_defaults(plan: Plan) -> bool:
    return "rubrics" not in plan.model_fields_set and bool(default_rubrics(plan))


def _all_kinds(kind: Kind | None) -> bool:
    return kind is None or kind is Kind.OTHER


def item_concepts(item: RubricItem, kind: Kind | None) -> list[str]:
    """The concepts of `item` asked of a plan of `kind` (an item's own `kinds` first)."""
    known = concepts()
    if item.kinds:
        return list(item.concepts) if _all_kinds(kind) or kind in item.kinds else []
    return [c for c in item.concepts if known[c].applies_to(kind)]


def applies(item: RubricItem, kind: Kind | None) -> bool:
    """Whether the item's source asks it of a plan of `kind`."""
    if item.kinds:
        return _all_kinds(kind) or kind in item.kinds
    return not item.concepts or bool(item_concepts(item, kind))


def counting_words(item: RubricItem, kind: Kind | None) -> list[str]:
    """The words that would cover the item's concepts in a plan of `kind`."""
    known = concepts()
    out: list[str] = []
    for name in item_concepts(item, kind):
        out += [w for w in known[name].words_for(kind) if w not in out]
    return out


# ---------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """Why a task counts for an item: it names the item (`tag`), names the concept or
    another rubric's item asking for it (`concept`), or says the concept's words (`words`)."""

    task: str
    title: str
    via: str  # tag | concept | words
    concept: str | None = None
    words: tuple[str, ...] = ()
    tag: str | None = None

    def text(self) -> str:
        """`t-congress: 召开第六届教代会第三次会议 (教代会)`."""
        how = "、".join(self.words) if self.words else f"rubric: {self.tag}"
        return f"{self.task}: {self.title} ({how})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "title": self.title,
            "via": self.via,
            "concept": self.concept,
            "words": list(self.words),
            "tag": self.tag,
        }


@dataclass(frozen=True)
class Vocabulary:
    """Every word of every concept (and every near miss) as one pattern, longest first,
    with the concepts each word counts for in a plan of one kind (none: a near miss, or a
    word of another kind, which only keeps the shorter words inside it from counting)."""

    pattern: re.Pattern[str]
    counts: dict[str, frozenset[str]]


@lru_cache(maxsize=8)
def vocabulary(kind: Kind | None) -> Vocabulary:
    """The vocabulary of a plan of `kind`, compiled once per kind."""
    counts: dict[str, set[str]] = {}
    for name, concept in concepts().items():
        for word in [*concept.words, *concept.near_misses]:
            counts.setdefault(word, set())
        if concept.applies_to(kind):
            for word in concept.words_for(kind):
                counts[word].add(name)
    pattern = re.compile(_trie_pattern(list(counts)))
    return Vocabulary(pattern, {w: frozenset(n) for w, n in counts.items()})


def _trie_pattern(words: list[str]) -> str:
    """One pattern matching the longest of `words` at each place, as a trie (the regex
    engine tries each branch on its first character only: ~2× faster than a flat list)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        if "" in node:  # a word ends here: try the longer ones first
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


def find_concepts(text: str, vocab: Vocabulary) -> dict[str, list[str]]:
    """The concepts `text` names, each with its words. The longest word at a place wins,
    so a word inside a longer one does not count (会员代表大会 is not 代表大会, 教职工代表大会
    not 职工代表大会, 工会费用 not 会费)."""
    out: dict[str, list[str]] = {}
    for match in vocab.pattern.finditer(text):
        word = match.group()
        for name in vocab.counts[word]:
            seen = out.setdefault(name, [])
            if word not in seen:
                seen.append(word)
    return out


@dataclass
class PlanIndex:
    """What a plan's tasks say, once for all its rubrics: tags, concepts, refusals."""

    kind: Kind | None
    tags: dict[str, list[Evidence]] = field(default_factory=dict)  # "rubric.item" → tasks
    by_concept: dict[str, list[Evidence]] = field(default_factory=dict)
    refused: dict[str, set[str]] = field(default_factory=dict)  # "rubric.item" → task ids


def index_plan(plan: Plan, rubrics: list[Rubric] | None = None) -> PlanIndex:
    """Tags, concept words and refusals of every task of `plan`. Tags of other rubrics'
    items are looked up in `rubrics`, then in the built-in rubrics."""
    kind = plan_kind(plan)
    index = PlanIndex(kind)
    vocab = vocabulary(kind)
    known = {r.id: r for r in rubrics or []}
    names = concepts()
    for _path, task in plan.walk():
        refused_concepts = {r for r in task.not_rubric if r in names}
        for ref in task.not_rubric:
            if ref not in names:
                index.refused.setdefault(ref, set()).add(task.id)
        tagged: set[str] = set()
        for ref in task.rubric:
            if ref in names:
                found = [ref]
            else:
                index.tags.setdefault(ref, []).append(Evidence(task.id, task.title, "tag", tag=ref))
                found = _tag_concepts(ref, known)
            for name in found:
                if name not in refused_concepts and name not in tagged:
                    tagged.add(name)
                    evidence = Evidence(task.id, task.title, "concept", concept=name, tag=ref)
                    index.by_concept.setdefault(name, []).append(evidence)
        if task.status is Status.DROPPED:
            continue
        text = " ".join([task.title, *task.text])
        for name, words in find_concepts(text, vocab).items():
            if name in refused_concepts or name in tagged:
                continue
            evidence = Evidence(task.id, task.title, "words", concept=name, words=tuple(words))
            index.by_concept.setdefault(name, []).append(evidence)
    return index


def _tag_concepts(ref: str, known: dict[str, Rubric]) -> list[str]:
    """The concepts of the item `ref` names (`rubric.item`), if that rubric is at hand."""
    rubric_id, _, item_id = ref.rpartition(".")
    rubric = known.get(rubric_id)
    if rubric is None and rubric_id in _builtin_set():
        rubric = _builtin_cached(rubric_id)
        known[rubric_id] = rubric
    item = rubric.item(item_id) if rubric is not None else None
    return list(item.concepts) if item is not None else []


# ---------------------------------------------------------------------------- coverage


@dataclass
class ItemCoverage:
    """How one rubric item stands: covered by tasks, only hinted at, or uncovered."""

    item: RubricItem
    tasks: list[str] = field(default_factory=list)  # ids of covering tasks
    hinted_by: list[str] = field(default_factory=list)  # ids of tasks matching keywords
    evidence: list[Evidence] = field(default_factory=list)  # why each task counts
    missing: list[str] = field(default_factory=list)  # concepts still wanted (match: all)
    words: list[str] = field(default_factory=list)  # words that would cover it (uncovered)

    @property
    def status(self) -> str:
        if self.tasks:
            return "covered"
        return "hinted" if self.hinted_by else "uncovered"

    def evidence_text(self, most: int = 3) -> str:
        """`covered by congress: 召开第六届教代会第三次会议 (教代会)`, the first `most` tasks."""
        seen: list[Evidence] = []
        for e in self.evidence:
            if all(e.task != s.task for s in seen):
                seen.append(e)
        shown = "; ".join(e.text() for e in seen[:most])
        more = f" and {len(seen) - most} more" if len(seen) > most else ""
        return f"covered by {shown}{more}" if shown else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.item.id,
            "status": self.status,
            "tasks": self.tasks,
            "hinted_by": self.hinted_by,
            "evidence": [e.as_dict() for e in self.evidence],
            "missing_concepts": self.missing,
            "words": self.words,
        }


@dataclass
class Coverage:
    """A plan measured against one rubric."""

    rubric: Rubric
    items: list[ItemCoverage]
    not_applicable: list[RubricItem] = field(default_factory=list)
    """Items the source does not ask of the plan's kind of organisation (left out)."""
    kind: Kind | None = None

    def _with(self, status: str) -> list[ItemCoverage]:
        return [c for c in self.items if c.status == status]

    @property
    def required(self) -> list[ItemCoverage]:
        """The items a plan is expected to cover (deductions are things to avoid; an
        occasional item, 换届, only when the plan covers it)."""
        return [
            c
            for c in self.items
            if c.item.kind is not ItemKind.DEDUCTION
            and (not c.item.occasional or c.status == "covered")
        ]

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
        if self.not_applicable and self.kind is not None:
            line += f", {len(self.not_applicable)} not asked of a {self.kind.value}"
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
            "kind": self.kind.value if self.kind else None,
            "items": [c.as_dict() for c in self.items],
            "not_applicable": [i.id for i in self.not_applicable],
            "covered": len(self.covered),
            "required": len(self.required),
            "attainable": self.attainable,
            "base_points": self.rubric.base_points if self.rubric.scoring else None,
            "missing_mandatory": [i.id for i in self.missing_mandatory],
            "best_band": band.name if band else None,
        }


def _points(value: float) -> str:
    return f"{value:g}"


def coverages(plan: Plan, doc: Document | None, rubrics: list[Rubric]) -> list[Coverage]:
    """`coverage` of `plan` against each rubric, reading the plan's tasks once."""
    index = index_plan(plan, rubrics)
    return [coverage(plan, doc, r, index) for r in rubrics]


def coverage(
    plan: Plan, doc: Document | None, rubric: Rubric, index: PlanIndex | None = None
) -> Coverage:
    """Which tasks of `plan` cover each item of `rubric`, and which only hint at it.

    `doc` is accepted for symmetry with the rules; coverage needs only the model. `index`
    is the plan read once (`index_plan`), shared by all its rubrics.
    """
    if index is None:
        index = index_plan(plan, [rubric])
    kind = index.kind
    items: list[ItemCoverage] = []
    skipped: list[RubricItem] = []
    tasks: list[Task] | None = None
    for item in rubric.items:
        if not applies(item, kind):
            skipped.append(item)
            continue
        if item.kind is ItemKind.DEDUCTION:  # a thing to avoid: only a task naming it says so
            direct = index.tags.get(f"{rubric.id}.{item.id}", [])
            items.append(ItemCoverage(item, _ids(direct), [], list(direct)))
            continue
        entry = _item_coverage(rubric, item, index)
        if entry.status != "covered" and item.keywords:
            tasks = tasks if tasks is not None else [t for _p, t in plan.walk()]
            refused = index.refused.get(f"{rubric.id}.{item.id}", set())
            words = [k.lower() for k in item.keywords]
            for task in tasks:
                fresh = task.id not in refused and task.id not in entry.hinted_by
                if fresh and _mentions(task, words):
                    entry.hinted_by.append(task.id)
        items.append(entry)
    return Coverage(rubric, items, skipped, kind)


def _item_coverage(rubric: Rubric, item: RubricItem, index: PlanIndex) -> ItemCoverage:
    ref = f"{rubric.id}.{item.id}"
    direct = index.tags.get(ref, [])
    if direct:  # the plan says which task covers the item: that wins
        return ItemCoverage(item, _ids(direct), [], list(direct))
    refused = index.refused.get(ref, set())
    wanted = item_concepts(item, index.kind)
    found = {
        name: [e for e in index.by_concept.get(name, []) if e.task not in refused]
        for name in wanted
    }
    missing = [name for name in wanted if not found[name]]
    evidence = [e for name in wanted for e in found[name]]
    if rubric.match_of(item) is Match.ANY:
        covered = len(missing) < len(wanted)
        missing = missing if not covered else []
    else:
        covered = bool(wanted) and not missing
    if covered:
        return ItemCoverage(item, _ids(evidence), [], evidence)
    words = counting_words(item, index.kind)
    return ItemCoverage(item, [], _ids(evidence), evidence, missing, words)


def _ids(evidence: list[Evidence]) -> list[str]:
    out: list[str] = []
    for e in evidence:
        if e.task not in out:
            out.append(e.task)
    return out


def _mentions(task: Task, words: list[str]) -> bool:
    text = " ".join([task.title, *task.text]).lower()
    return any(w in text for w in words)
