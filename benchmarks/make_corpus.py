"""Generate realistic, valid plan sources for benchmarks and tests, from a seed.

    python benchmarks/make_corpus.py --tasks 300 --out big.yaml
    python benchmarks/make_corpus.py --files 2000 --tasks 48 --out corpus/

About one plan in ten is English; the rest are Chinese plans of school, enterprise and
federation unions. Text is assembled from phrase pools, so lengths and shapes resemble
real plans: nested sections, owners, every deadline form, goals, rubric references and,
for part of the tasks, the results recorded during the year. The same seed always gives
the same files. Only the standard library is used, so generation is fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from planforge.zh import chinese_numeral

DEFAULT_SEED = 20260105
DEFAULT_YEAR = 2026
ENGLISH_SHARE = 0.1
SCHEMA_LINE = "# yaml-language-server: $schema=https://planforge.invalid/schema/plan-1.json"

# ---------------------------------------------------------------------------- phrase pools

# The wording the plans are assembled from: data, in corpus_phrases.json.
PHRASES = json.loads(Path(__file__).with_name("corpus_phrases.json").read_text(encoding="utf-8"))
ZH_PLACES = PHRASES["ZH_PLACES"]
ZH_SCHOOLS = PHRASES["ZH_SCHOOLS"]
ZH_FIRMS = PHRASES["ZH_FIRMS"]
ZH_TRADES = PHRASES["ZH_TRADES"]
ZH_FORMS = PHRASES["ZH_FORMS"]
ZH_FEDERATIONS = PHRASES["ZH_FEDERATIONS"]
ZH_OWNERS = PHRASES["ZH_OWNERS"]
ZH_CHAIRS = PHRASES["ZH_CHAIRS"]
ZH_SECTIONS = PHRASES["ZH_SECTIONS"]
ZH_HOW = PHRASES["ZH_HOW"]
ZH_WHAT = PHRASES["ZH_WHAT"]
ZH_MEASURE = PHRASES["ZH_MEASURE"]
ZH_GOALS = PHRASES["ZH_GOALS"]
ZH_IDEOLOGY = PHRASES["ZH_IDEOLOGY"]
ZH_FOCUS = PHRASES["ZH_FOCUS"]
ZH_SAFEGUARDS = PHRASES["ZH_SAFEGUARDS"]
ZH_RESULTS = PHRASES["ZH_RESULTS"]
ZH_FIGURES = PHRASES["ZH_FIGURES"]
ZH_EVIDENCE = PHRASES["ZH_EVIDENCE"]
ZH_REASONS = PHRASES["ZH_REASONS"]
ZH_DEADLINES = PHRASES["ZH_DEADLINES"]
EN_ORGS = PHRASES["EN_ORGS"]
EN_OWNERS = PHRASES["EN_OWNERS"]
EN_SECTIONS = PHRASES["EN_SECTIONS"]
EN_HOW = PHRASES["EN_HOW"]
EN_GOALS = PHRASES["EN_GOALS"]
EN_RESULTS = PHRASES["EN_RESULTS"]
EN_FIGURES = PHRASES["EN_FIGURES"]
EN_DEADLINES = PHRASES["EN_DEADLINES"]
RUBRICS = PHRASES["RUBRICS"]
RUBRIC_ITEMS = PHRASES["RUBRIC_ITEMS"]

ZH_CN = "一二三四"

# ---------------------------------------------------------------------------- YAML text

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


@functools.lru_cache(maxsize=1 << 16)
def scalar(value: object) -> str:
    """A YAML scalar: plain when that reads back as the same text, else double-quoted."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if (
        _PLAIN.match(text)
        and ": " not in text
        and not text.endswith(":")
        and not _looks_typed(text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


_TYPED = re.compile(
    r"^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+)"
    r"|\.inf|\.nan|0x[0-9a-f]+|0o[0-7]+|\d+:\d+(:\d+)?)$"
)


def _looks_typed(text: str) -> bool:
    """Would YAML read this plain text as a boolean, null or number?"""
    return bool(_TYPED.match(text.lower()))


def flow_list(items: list[str]) -> str:
    """A one-line list; items with flow indicators are quoted."""
    if len(items) == 1:
        return scalar(items[0])
    quoted = [
        json.dumps(i, ensure_ascii=False) if re.search(r"[,\[\]{}]", i) else scalar(i)
        for i in items
    ]
    return "[" + ", ".join(quoted) + "]"


# ---------------------------------------------------------------------------- generation


@dataclass
class Spec:
    """One plan to generate."""

    kind: str  # school | enterprise | federation
    english: bool
    tasks: int
    year: int
    rng: random.Random
    goal_ids: list[str] = field(default_factory=list)


class PlanWriter:
    """Builds the YAML text of one plan line by line."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.rng = spec.rng
        self.lines: list[str] = []
        self.counter = 0
        self.titles: dict[str, int] = {}  # title → times used, to keep task titles distinct

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            n=r.randint(12, 260),
            m=r.randint(2, 40),
            p=r.randint(85, 99),
            y=self.spec.year,
            focus=ZH_FOCUS[self.spec.kind],
        )

    def emit(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def build(self) -> str:
        s = self.spec
        org = self.organisation()
        rubric_key = "en" if s.english else s.kind
        issued = dt.date(s.year, self.rng.choice([1, 1, 2]), self.rng.randint(5, 28))
        self.emit(0, SCHEMA_LINE)
        self.emit(0, "# generated by benchmarks/make_corpus.py")
        self.emit(0, "schema_version: 1")
        self.emit(0, f"organisation: {scalar(org)}")
        self.emit(0, f"year: {s.year}")
        self.emit(0, f"language: {'en' if s.english else 'zh'}")
        self.emit(0, f"kind: {s.kind}")
        title = f"{org} Work Plan {s.year}" if s.english else f"{org}{s.year}年工作计划"
        self.emit(0, f"title: {scalar(title)}")
        self.emit(0, f"issued: {issued.isoformat()}")
        self.emit(0, f"rubrics: {flow_list(RUBRICS[rubric_key])}")
        self.ideology()
        self.goals()
        self.emit(0, "")
        self.emit(0, "tasks:")
        self.sections(RUBRICS[rubric_key])
        self.safeguards()
        self.emit(0, "signature:")
        self.emit(2, f"organisation: {scalar(org)}")
        self.emit(2, f"date: {issued.isoformat()}")
        return "\n".join(self.lines) + "\n"

    def organisation(self) -> str:
        r, s = self.rng, self.spec
        if s.english:
            return r.choice(EN_ORGS) + f", Branch {r.randint(1, 40)}"
        if s.kind == "school":
            return r.choice(ZH_PLACES) + r.choice(ZH_SCHOOLS) + "工会"
        if s.kind == "enterprise":
            return r.choice(ZH_FIRMS) + r.choice(ZH_TRADES) + r.choice(ZH_FORMS) + "工会"
        return r.choice(ZH_PLACES) + r.choice(ZH_FEDERATIONS)

    def ideology(self) -> None:
        self.emit(0, "ideology:")
        if self.spec.english:
            paragraphs = [
                f"This plan carries out the motions passed at the annual general meeting and "
                f"the union's bargaining priorities for {self.spec.year}.",
                "The branch concentrates on pay, safe workplaces and organising new members.",
            ]
        else:
            paragraphs = [self.fill(p) for p in ZH_IDEOLOGY]
        for paragraph in paragraphs:
            self.emit(2, f"- {scalar(paragraph)}")

    def goals(self) -> None:
        pool = EN_GOALS if self.spec.english else ZH_GOALS
        chosen = self.rng.sample(pool, k=min(len(pool), self.rng.randint(4, 6)))
        self.emit(0, "goals:")
        for i, (text, measure) in enumerate(chosen, 1):
            values = {
                "n": self.rng.randint(3, 30),
                "m": self.rng.randint(5, 60),
                "p": self.rng.randint(85, 99),
            }
            gid = f"g{i}"
            self.spec.goal_ids.append(gid)
            self.emit(2, f"- id: {gid}")
            self.emit(4, f"text: {scalar(text.format(**values))}")
            self.emit(4, f"measure: {scalar(measure.format(**values))}")

    def sections(self, rubrics: list[str]) -> None:
        s = self.spec
        pool = EN_SECTIONS if s.english else ZH_SECTIONS[s.kind]
        count = min(len(pool), max(3, min(6, s.tasks // 4)))
        sections = self.rng.sample(pool, k=count)
        shares = _split(s.tasks, count, self.rng)
        sections = sections[: len(shares)]  # fewer tasks than sections
        for number, ((title, leaves), share) in enumerate(zip(sections, shares, strict=True), 1):
            sid = f"s{number}"
            self.emit(2, f"- id: {sid}")
            self.emit(4, f"title: {scalar(title)}")
            self.emit(4, f"owners: {scalar(self.owner())}")
            self.emit(4, "tasks:")
            self.subsections(sid, leaves, share, rubrics)

    def subsections(self, sid: str, leaves: list[str], share: int, rubrics: list[str]) -> None:
        """Up to 6 leaves sit directly under a section; more are grouped one level down."""
        if share <= 6:
            for i in range(share):
                self.leaf(6, f"{sid}-{i + 1}", leaves, rubrics)
            return
        groups = _split(share, (share + 5) // 6, self.rng)
        for g, size in enumerate(groups, 1):
            gid = f"{sid}-{g}"
            self.emit(6, f"- id: {gid}")
            name = self.rng.choice(leaves)
            name = name if self.spec.english else name + "专项工作"
            self.emit(8, f"title: {scalar(self.distinct(name))}")
            self.emit(8, "tasks:")
            deep = size >= 4 and self.rng.random() < 0.3
            for i in range(size - (2 if deep else 0)):
                self.leaf(10, f"{gid}-{i + 1}", leaves, rubrics)
            if deep:  # a fourth level: one task broken into two steps
                self.emit(10, f"- id: {gid}-steps")
                self.emit(12, f"title: {scalar(self.distinct(self.rng.choice(leaves)))}")
                self.emit(12, "tasks:")
                for step in (1, 2):
                    self.leaf(14, f"{gid}-steps-{step}", leaves, rubrics)

    def distinct(self, title: str) -> str:
        """The title, qualified by a batch number when the plan already has it, as people
        write a repeated activity: 培训班组安全员（第二期）, Train representatives (round 2)."""
        seen = self.titles.get(title, 0)
        self.titles[title] = seen + 1
        if not seen:
            return title
        if self.spec.english:
            return f"{title} (round {seen + 1})"
        return f"{title}（第{chinese_numeral(seen + 1)}期）"

    def owner(self) -> str:
        if self.spec.english:
            return self.rng.choice(EN_OWNERS)
        return self.rng.choice(ZH_OWNERS[self.spec.kind])

    def leaf(self, indent: int, tid: str, titles: list[str], rubrics: list[str]) -> None:
        r, s = self.rng, self.spec
        self.counter += 1
        self.emit(indent, f"- id: {tid}")
        pad = indent + 2
        self.emit(pad, f"title: {scalar(self.distinct(r.choice(titles)))}")
        self.emit(pad, f"text: {scalar(self.task_text())}")
        owners = (
            [self.owner()]
            if r.random() < 0.6
            else r.sample(EN_OWNERS if s.english else ZH_OWNERS[s.kind] + ZH_CHAIRS, k=2)
        )
        self.emit(pad, f"owners: {flow_list(owners)}")
        deadline, end = self.deadline()
        self.emit(pad, f"deadline: {scalar(deadline)}")
        if s.goal_ids and r.random() < 0.7:
            self.emit(pad, f"goals: {flow_list(r.sample(s.goal_ids, k=r.choice([1, 1, 2])))}")
        if r.random() < 0.5:
            rubric = r.choice(rubrics)
            self.emit(pad, f"rubric: {rubric}.{r.choice(RUBRIC_ITEMS[rubric])}")
        self.progress(pad, end)

    def task_text(self) -> str:
        r = self.rng
        if self.spec.english:
            return f"{r.choice(EN_HOW).capitalize()}, with progress reported to the executive."
        sentence = f"{r.choice(ZH_HOW)}，{r.choice(ZH_WHAT)}，{self.fill(r.choice(ZH_MEASURE))}。"
        if r.random() < 0.4:
            sentence += f"{r.choice(ZH_HOW)}，{r.choice(ZH_WHAT)}。"
        return sentence

    def deadline(self) -> tuple[str, dt.date]:
        """A deadline in one of the accepted forms, and the date it ends on."""
        r, y = self.rng, self.spec.year
        m1 = r.randint(1, 11)
        values = {
            "y": y,
            "m": r.randint(1, 12),
            "d": r.randint(1, 28),
            "q": r.randint(1, 4),
            "m1": m1,
            "m2": r.randint(m1 + 1, 12),
        }
        values["qz"] = ZH_CN[values["q"] - 1]
        form = r.choice(EN_DEADLINES if self.spec.english else ZH_DEADLINES)
        text = form.format(**values)
        month = {"March": 3, "end of June": 6, "H1": 6, "上半年": 6}.get(text)
        if month is None:
            if "{q" in form:
                month = values["q"] * 3
            elif "m2" in form:
                month = values["m2"]
            elif "{m" in form:
                month = values["m"]
            else:
                month = 12
        return text, dt.date(y, month, 28)

    def progress(self, pad: int, end: dt.date) -> None:
        r, s = self.rng, self.spec
        roll = r.random()
        if roll < 0.38:
            done_on = end - dt.timedelta(days=r.randint(0, 25))
            self.emit(pad, "status: done")
            self.emit(pad, f"done_on: {done_on.isoformat()}")
            self.emit(
                pad,
                f"result: {scalar(self.fill(r.choice(EN_RESULTS if s.english else ZH_RESULTS)))}",
            )
            self.emit(pad, "figures:")
            for key in r.sample(EN_FIGURES if s.english else ZH_FIGURES, k=r.randint(1, 2)):
                self.emit(pad + 2, f"{scalar(key)}: {r.randint(3, 400)}")
            evidence = r.sample(ZH_EVIDENCE, k=2) if not s.english else ["Minutes"]
            self.emit(pad, f"evidence: {flow_list(evidence)}")
        elif roll < 0.53:
            self.emit(pad, "status: in_progress")
        elif roll < 0.55:
            self.emit(pad, "status: dropped")
            reason = "Overtaken by a national campaign." if s.english else r.choice(ZH_REASONS)
            self.emit(pad, f"reason: {scalar(reason)}")

    def safeguards(self) -> None:
        self.emit(0, "")
        self.emit(0, "safeguards:")
        if self.spec.english:
            self.emit(2, "- title: Accountability")
            self.emit(4, "text: The branch executive reviews this plan at its monthly meeting.")
            return
        for title, text in self.rng.sample(ZH_SAFEGUARDS, k=3):
            self.emit(2, f"- title: {title}")
            self.emit(4, f"text: {text}")


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` positive shares of similar size."""
    parts = max(1, min(parts, total))
    shares = [total // parts] * parts
    for i in rng.sample(range(parts), k=total % parts):
        shares[i] += 1
    return shares


def make_plan(seed: int, tasks: int, *, index: int = 0, year: int = DEFAULT_YEAR) -> str:
    """The YAML text of one generated plan with `tasks` leaf tasks."""
    rng = random.Random(seed * 1_000_003 + index)
    english = rng.random() < ENGLISH_SHARE
    kind = rng.choice(["school", "school", "enterprise", "enterprise", "federation"])
    spec = Spec(kind=kind, english=english, tasks=max(1, tasks), year=year, rng=rng)
    return PlanWriter(spec).build()


def write_corpus(out: Path, files: int, tasks: int, seed: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    width = max(4, len(str(files)))
    for i in range(files):
        text = make_plan(seed, tasks, index=i)
        lang = "en" if "\nlanguage: en\n" in text else "zh"
        path = out / f"plan-{i + 1:0{width}d}.{lang}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def corpus_in_subprocess(out: Path, files: int, tasks: int) -> list[Path]:
    """`write_corpus` with the default seed, run in a separate process: a benchmark that
    measures its children's peak memory must stay small itself, since a forked child's
    peak counts the memory it was forked from."""
    import subprocess

    subprocess.run(
        [sys.executable, __file__, "--files", str(files), "--tasks", str(tasks), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(out.rglob("*.yaml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, required=True, help="the plan file to write, or the folder with --files"
    )
    parser.add_argument("--tasks", type=int, default=48, help="leaf tasks per plan (48)")
    parser.add_argument("--files", type=int, default=None, help="write this many plans to --out")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    if args.tasks < 1 or (args.files is not None and args.files < 1):
        parser.error("--tasks and --files must be positive")
    if args.files is None:
        args.out.write_text(make_plan(args.seed, args.tasks), encoding="utf-8")
        print(f"wrote {args.out} ({args.tasks} tasks)")
    else:
        written = write_corpus(args.out, args.files, args.tasks, args.seed)
        print(f"wrote {len(written)} plans to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
