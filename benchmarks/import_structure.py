"""How well `planforge import` recovers the structure of real published plans (issue #16).

    python benchmarks/import_structure.py [FOLDER]      (default /work/realset)

FOLDER holds pages as published (`NN.txt`, kept outside the repository: third-party text)
and, for each, `NN.expect.json`, the structure a careful reader sees in it:

    {"kind": "plan" | "summary", "lang": "zh" | "en",
     "plans": [{"title": "...", "levels": [parts, items, sub-items], "months": rows}, ...]}

`levels[0]` counts the plan's top-level parts, `levels[1]` all items under them, `levels[2]`
the items under those (a longer list for deeper plans); `months` counts the month or period
rows of its schedule (一月份：…, 1月：…, 七、八月份). The folder's README says how they were
annotated. Each page is imported through `import_bytes`, the function behind
`planforge import`, and compared with its expectation.

How the importer's output maps to the expected structure. The importer first reads a page
into a heading tree (one `Draft` per plan: its `sections` and their `children`), then writes
each top-level section as a named part of the source or as a top-level task: 指导思想 → the
`ideology`, 工作目标 → `goals` (its items the goals), 保障措施 → `safeguards` (its items
their entries), a 总结's 基本情况/存在问题/… → the `summary` block, 主要工作 → its items become
the top-level `tasks`, any other part → a top-level task whose items are its `tasks`, and so
down. The counts are therefore taken from that tree, level by level: the number of sections
at each depth, as `planforge import` reports ("3 + 10 headings"). One thing the assembly adds
is left out: a 主要任务 part's opening paragraph, which is kept as a task of its own, is not
an item of the document. Months are the schedule rows found (a month label followed by its
work) plus the month headings that hold numbered items (一月份： then 1、2、), which become
sections due that month.

Also measured, per file:
- kind and language: the source's `language`, and whether it was read as a summary (总结);
- text kept: the share of the page's body that reaches the sources written. Both sides are
  reduced to their letters, digits and Han characters (whitespace, punctuation and list
  markers such as 一、 （二） 3. (a) First, are not text), and compared as multisets: a
  character of the page counts as kept while the sources' values hold as many of it. What
  the importer drops as page furniture (menus, bylines, viewer page markers; its "dropped as
  web residue" list) is taken out of the page first, so dropping it is not a loss. Keys,
  ids and comments of the sources do not count as text; a part heading the source holds as
  a key (指导思想 → `ideology:`) and a month label held as a number (三月份 → `month: 3`)
  count as kept;
- empty plans: a source with no tasks, goals, schedule, safeguards or summary (must be 0);
- refused (the page read as not a plan) and crashes (any other exception).

A file is ok when its plan count, each plan's levels and months, its kind and its language
are as expected and nothing is empty, refused or crashed. It prints a line per file and the
totals; it is a measurement, so it always exits 0.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_FOLDER = Path("/work/realset")


@dataclass
class PlanShape:
    levels: list[int]
    months: int
    title: str = ""


@dataclass
class Expected:
    kind: str
    lang: str
    plans: list[PlanShape]


@dataclass
class Got:
    kind: str = "-"
    lang: str = "-"
    plans: list[PlanShape] = field(default_factory=list)
    kept: float | None = None  # percent of the page's text in the sources written
    empty: int = 0
    refused: str | None = None
    crash: str | None = None


@dataclass
class Verdict:
    name: str
    expected: Expected
    got: Got
    reasons: list[str]

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def plans_right(self) -> bool:
        return len(self.expected.plans) == len(self.got.plans)

    @property
    def structure_right(self) -> bool:
        """Plan count, and every plan's levels and months, as expected."""
        return self.plans_right and all(
            _same_levels(e.levels, g.levels) and e.months == g.months
            for e, g in zip(self.expected.plans, self.got.plans, strict=True)
        )


def read_expected(path: Path) -> Expected:
    data = json.loads(path.read_text(encoding="utf-8"))
    plans = [
        PlanShape([int(n) for n in p["levels"]], int(p["months"]), str(p.get("title", "")))
        for p in data["plans"]
    ]
    return Expected(str(data["kind"]), str(data["lang"]), plans)


# ---------------------------------------------------------------------------- importing


def measure(raw: bytes, name: str) -> Got:
    """What the importer makes of one page."""
    from planforge.errors import PlanforgeError
    from planforge.importer.assemble import Options, _part_of
    from planforge.importer.run import import_bytes
    from planforge.importer.structure import _all_sections

    got = Got()
    try:
        result = import_bytes(raw, name, Options())
    except PlanforgeError as exc:
        got.refused = _one_line(str(exc))
        return got
    except Exception as exc:  # a bug in the importer: what this measurement is for
        got.crash = _one_line(f"{type(exc).__name__}: {exc}")
        return got
    if result.not_a_plan:  # `planforge import` writes nothing without --force
        got.refused = _one_line(f"not a plan: {result.not_a_plan}")
        return got
    first = result.plans[0]
    labels: list[str] = []  # headings the source holds as structure, not as text
    got.kind = "summary" if first.summary else "plan"
    got.lang = str(first.data.get("language", "-"))
    for plan in result.plans:
        sections = plan.draft.sections if plan.draft else []
        schedule = plan.draft.schedule if plan.draft else []
        months = len(schedule) + sum(1 for s in _all_sections(sections) if s.period)
        got.plans.append(PlanShape(_levels(sections), months))
        got.empty += _is_empty(plan.data)
        labels += [row.label for row in schedule]
        labels += [s.title for s in sections if _part_of(s)]
    source = raw.decode("utf-8", "replace")
    got.kept = text_kept(source, result.dropped, result.texts, labels)
    return got


def _levels(sections: list[Any]) -> list[int]:
    """Sections at each depth; the copy of a part's opening paragraph that the assembly
    puts first among its items (the same text object under the part's own title) is not
    an item of the document."""
    counts: list[int] = []

    def visit(level: list[Any], depth: int) -> None:
        for s in level:
            if len(counts) <= depth:
                counts.append(0)
            counts[depth] += 1
            children = s.children
            if children and children[0].text is s.text and children[0].title == s.title:
                children = children[1:]
            visit(children, depth + 1)

    visit(sections, 0)
    return counts


_CONTENT = ("tasks", "goals", "schedule", "safeguards", "summary")


def _is_empty(data: dict[str, Any]) -> bool:
    return not any(data.get(key) for key in _CONTENT)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 90 else text[:89] + "…"


# ---------------------------------------------------------------------------- text kept

# List markers are structure, not text: 一、 （二） 3、 4. 5, ① (a) a. IV. First, Step 2
_MARKERS = re.compile(
    r"[一二三四五六七八九十]{1,3}[、,，]"
    r"|[(（]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[a-zA-Z])\s*[)）]"
    r"|(?<![\d.])\d{1,2}\s*[、.．,，](?!\d)"
    r"|[①-⑳]"
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:ly)?\s*,"
    r"|\b[IVX]{1,4}\.\s|\b[a-z][.)]\s|\bstep\s+\d{1,2}\b",
    re.I,
)
_TEXT = re.compile(r"[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_TEXT_KEYS = {"id", "language"}


def letters(text: str) -> Counter[str]:
    """The letters, digits and Han characters of `text` (list markers removed), counted."""
    return Counter(c.lower() for c in _TEXT.findall(_MARKERS.sub(" ", text)))


def text_kept(
    source: str, dropped: list[str], texts: list[str], labels: list[str] | None = None
) -> float:
    """Percent of the page's text (less the furniture the importer dropped) found in the
    values of the sources written; `labels` are headings the sources hold as structure
    (指导思想 as `ideology:`, 三月份 as `month: 3`), counted as kept."""
    from ruamel.yaml import YAML

    body = letters(source)
    for furniture in dropped:
        body -= letters(furniture)
    written = letters(" ".join(labels or []))
    yaml = YAML(typ="safe")
    for text in texts:
        written += letters(" ".join(_values(yaml.load(text))))
    total = sum(body.values())
    if not total:
        return 100.0
    return 100.0 * sum(min(n, written[c]) for c, n in body.items()) / total


def _values(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, item in node.items() if k not in _NOT_TEXT_KEYS for v in _values(item)]
    if isinstance(node, list):
        return [v for item in node for v in _values(item)]
    return [] if node is None else [str(node)]


# ---------------------------------------------------------------------------- comparing


def _same_levels(a: list[int], b: list[int]) -> bool:
    width = max(len(a), len(b))
    return a + [0] * (width - len(a)) == b + [0] * (width - len(b))


def compare(name: str, expected: Expected, got: Got) -> Verdict:
    """The reasons a file is not as expected (none: it is ok)."""
    reasons: list[str] = []
    if got.crash:
        reasons.append(f"crash: {got.crash}")
    if got.refused:
        reasons.append(f"refused: {got.refused}")
    if len(expected.plans) != len(got.plans):
        reasons.append(f"plans {len(expected.plans)}≠{len(got.plans)}")
    multi = len(expected.plans) > 1
    for i, (e, g) in enumerate(zip(expected.plans, got.plans, strict=False), 1):
        where = f" (plan {i})" if multi else ""
        if not _same_levels(e.levels, g.levels):
            reasons.append(f"levels {_shape(e.levels)}≠{_shape(g.levels)}{where}")
        if e.months != g.months:
            reasons.append(f"months {e.months}≠{g.months}{where}")
    if not (got.crash or got.refused):
        if expected.kind != got.kind:
            reasons.append(f"kind {expected.kind}≠{got.kind}")
        if expected.lang != got.lang:
            reasons.append(f"lang {expected.lang}≠{got.lang}")
    if got.empty:
        reasons.append(f"{got.empty} empty plan(s)")
    return Verdict(name, expected, got, reasons)


def _shape(levels: list[int]) -> str:
    """`[2, 6]` → `2-6-0`: three levels shown, a deeper one when there is one."""
    levels = [*levels, 0, 0, 0][: max(3, len(levels))]
    while len(levels) > 3 and levels[-1] == 0:
        levels = levels[:-1]
    return "-".join(str(n) for n in levels)


def score_folder(folder: Path) -> list[Verdict]:
    """Every page of `folder` that has an expectation, imported and compared."""
    verdicts = []
    for expect in sorted(folder.glob("*.expect.json")):
        name = expect.name.removesuffix(".expect.json")
        page = folder / f"{name}.txt"
        if not page.is_file():
            continue
        got = measure(page.read_bytes(), page.name)
        verdicts.append(compare(name, read_expected(expect), got))
    return verdicts


# ---------------------------------------------------------------------------- report


def report(verdicts: list[Verdict]) -> str:
    head = ("file", "kind", "plans", "levels exp/got", "months", "kept", "verdict")
    rows = [head]
    for v in verdicts:
        e, g = v.expected, v.got
        rows.append(
            (
                v.name,
                f"{e.kind[:3]}/{g.kind[:3]}",
                f"{len(e.plans)}/{len(g.plans)}",
                f"{'|'.join(_shape(p.levels) for p in e.plans)} / "
                f"{'|'.join(_shape(p.levels) for p in g.plans) or '-'}",
                f"{'|'.join(str(p.months) for p in e.plans)}/"
                f"{'|'.join(str(p.months) for p in g.plans) or '-'}",
                "-" if g.kept is None else f"{g.kept:.0f}%",
                "ok" if v.ok else "FAIL " + "; ".join(v.reasons),
            )
        )
    widths = [max(len(r[c]) for r in rows) for c in range(len(head) - 1)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows
    ]
    n = len(verdicts) or 1
    kept = [v.got.kept for v in verdicts if v.got.kept is not None]

    def share(count: int) -> str:
        return f"{count}/{len(verdicts)} ({100 * count / n:.0f}%)"

    lines += [
        "",
        f"files: {len(verdicts)}",
        f"plan count right: {share(sum(v.plans_right for v in verdicts))}",
        f"plans + levels + months right: {share(sum(v.structure_right for v in verdicts))}",
        f"kind right: {share(sum(v.expected.kind == v.got.kind for v in verdicts))}",
        f"all right (ok): {share(sum(v.ok for v in verdicts))}",
        "text kept: "
        + (f"mean {sum(kept) / len(kept):.1f}%, min {min(kept):.1f}%" if kept else "-"),
        f"empty plans: {sum(v.got.empty for v in verdicts)}",
        f"refused: {sum(1 for v in verdicts if v.got.refused)}",
        f"crashes: {sum(1 for v in verdicts if v.got.crash)}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    if not folder.is_dir():
        sys.stderr.write(f"{folder}: no such folder\n")
        return 0
    sys.stdout.write(report(score_folder(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
