"""Blocks → the structure of a plan: title, heading tree, parts, schedule, signature.

Heading levels are decided by the document: a numbering style takes the level at which
it first appears (some plans start at （一）), a heading style or bold line likewise.
Several plans in one file are split at their titles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from planforge.importer import ledger as ledgers
from planforge.importer.blocks import Block
from planforge.importer.extract import (
    TITLE_WORDS,
    find_date,
    looks_like_title,
    norm,
    plan_part,
    strip_part,
    zh_number,
)
from planforge.vocab import owners as owner_words
from planforge.vocab import residue as residue_words
from planforge.zh import HAN, has_han

_ZH_NUM = "一二三四五六七八九十"
_ORDINALS = [
    *("first", "second", "third", "fourth", "fifth", "sixth"),
    *("seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"),
]
_CARDINALS = [
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
]
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}

# What a number and a comma (1,) run into when they are no item marker: a thousands group
# (1,200名: exactly three digits), a year (January 1, 2025), or a second number making a
# series with the first (3, 4月份 / 1, 2日 / 1, 2 and 3). 2,30岁 is item 2.
_NOT_AFTER_COMMA = r"(?!\s*\d{3})(?!\s*\d{1,2}\s*(?:[月日号,、和或至到~-]|and\b|or\b))"

# Numbering spellings, matched on the normalised text (half-width brackets and digits).
NUMBERING: list[tuple[str, re.Pattern[str]]] = [
    ("zh-dun", re.compile(rf"^([{_ZH_NUM}]{{1,3}})\s*、\s*")),
    # a comma typed for 、: 一, 二, (not 一,二年级, a series); kept only in a sequence
    ("zh-dun", re.compile(rf"^([{_ZH_NUM}]{{1,3}})\s*,(?!\s*[{_ZH_NUM}])\s*(?=\S)")),
    ("zh-paren", re.compile(rf"^\(\s*([{_ZH_NUM}]{{1,3}})\s*\)\s*[、.]?\s*")),
    (
        "zh-di",
        re.compile(
            # not 第一、二、三季度, a list of ordinals
            rf"^第([{_ZH_NUM}]{{1,3}})(?:部分|项|条|章)?\s*[、,:.]\s*(?![{_ZH_NUM}][、,])"
            rf"|^第([{_ZH_NUM}]{{1,3}})(?:部分|项|条|章)\s*"
        ),
    ),
    ("decimal", re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=\S)")),
    # "1.2025年…" is numbering fused with a year; "3.8妇女节" is a date
    ("num-dot", re.compile(r"^(\d{1,2})\s*\.(?!\d)\s*|^(\d{1,2})\.(?=(?:19|20)\d\d年)")),
    ("num-dun", re.compile(r"^(\d{1,2})\s*、\s*")),
    # 1, 2, as items, also before a number (2,30岁以上…); kept only in a sequence
    ("num-dun", re.compile(rf"^(\d{{1,2}}),{_NOT_AFTER_COMMA}\s*(?=\S)")),
    ("num-paren", re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*")),
    ("num-half", re.compile(r"^(\d{1,2})\)\s*")),
    # (two) (three): （二）（三） as a translation spells them, beside (1) written as digits
    ("word-paren", re.compile(r"^\((" + "|".join(_CARDINALS) + r")\)\s*(?=\S)", re.I)),
    ("circled", re.compile(r"^([①-⑳])\s*")),
    ("step", re.compile(r"^Step\s+(\d{1,2})\b\s*[.:)]?\s*(?=\S)")),
    ("ordinal", re.compile(r"^(" + "|".join(_ORDINALS) + r")(?:ly)?\s*[,:]\s*", re.I)),
    ("roman", re.compile(r"^(X{0,1}(?:IX|IV|V?I{0,3}))[.)]\s+(?=\S)")),
    ("letter", re.compile(r"^\(([a-z])\)\s*|^([a-z])[.)]\s+(?=\S)")),
    # A. B. under I. II. in an outline (I, V and X are read as roman numerals above)
    ("capital", re.compile(r"^([A-Z])[.)]\s+(?=[A-Z0-9])")),
]

# an English month, written out or cut short (Jan, Sept., Aug.)
_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
# A month label opening a line: 一月份：, 七、八月份, 第一季度：, and in English a month or a
# span of two (June:, August-September:, Jan–Mar, July and August) alone on its line or
# before a colon; `June and July meetings: …` and `May we …` are text.
_MONTH_LABEL = re.compile(
    rf"^((?:[{_ZH_NUM}]{{1,3}}|\d{{1,2}})(?:\s*(?:[、,和至到~]|[-—–―]+)\s*(?:[{_ZH_NUM}]{{1,3}}|\d{{1,2}}))*)"
    r"\s*月份?\s*(?:[:]\s*|$|\s+)"
    r"|^第([一二三四])季度\s*(?:[:]\s*|$)"
    rf"|^({_EN_MONTH})(?:\s*(?:[-–—/&]|\bto\b|\band\b|\bthrough\b)\s*({_EN_MONTH}))?"
    r"\s*(?:[:]\s*|$)",
    re.I,
)
_FUSED_EN = re.compile(r"(?<=[.!?;])\s+(\d{1,2})\.\s+(?=[A-Z])")
_FUSED_ZH = re.compile(
    rf"(?<=[。；！？])\s*(?:([{_ZH_NUM}]{{1,3}})、|\(([{_ZH_NUM}]{{1,3}})\)"
    rf"|(\d{{1,2}})[、.](?!\d))(?=[{HAN}])"
)
_SENTENCE_ZH = re.compile(r"(?<=[。！？!?])")
# a "?" written for a character an encoding lost: between Han characters, or doubled
_LOST_CHAR = re.compile(rf"\?(?=[{HAN}?])|(?<=\?)\?")
_SENTENCE_EN = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def _number(style: str, raw: str) -> int | None:
    if style == "decimal":
        return int(raw.rstrip(". ").split(".")[-1])
    if style.startswith("zh"):
        return zh_number(raw)
    if style == "circled":
        return ord(raw) - ord("①") + 1
    if style == "ordinal":
        return _ORDINALS.index(raw.lower()) + 1
    if style == "word-paren":
        return _CARDINALS.index(raw.lower()) + 1
    if style == "roman":
        return _ROMAN.get(raw)
    if style in ("letter", "capital"):
        return ord(raw.lower()) - ord("a") + 1
    return int(raw) if raw.isdigit() else None


@dataclass(frozen=True)
class Numbering:
    style: str
    number: int | None
    label: str  # as written
    body: str


@functools.lru_cache(maxsize=4096)  # each pass over a document asks again of every block
def numbering(text: str) -> Numbering | None:
    """The numbering a paragraph starts with, or None (`3.8妇女节` and `七、八月份` are not)."""
    t = norm(text)
    if month_label(text) is not None:
        return None
    for style, pattern in NUMBERING:
        m = pattern.match(t)
        if not m or m.end() == 0:
            continue
        raw = next((g for g in m.groups() if g), "") if m.groups() else m.group()
        if not raw:
            continue
        number = _number(style, raw)
        if number is None:
            continue
        if style == "decimal":
            style = f"decimal-{m.group().strip().rstrip('.').count('.') + 1}"
        return Numbering(style, number, text[: m.end()].strip(), text[m.end() :].strip())
    return None


def month_label(text: str) -> tuple[list[int], str, str] | None:
    """`一月份：…`, `七、八月份：…`, `3月`, `第一季度：…`, `March: …` → (months, label, rest)."""
    from planforge.zh import english_month

    t = norm(text)
    m = _MONTH_LABEL.match(t)
    if not m:
        return None
    if m[1]:
        parts = re.split(r"\s*[、,和]\s*", m[1])
        if len({p[:1].isdigit() for p in parts}) > 1:
            return None  # 一、1—2月: a numbered heading naming a period, not a month list
        months: list[int] = []
        for part in parts:
            bounds = re.split(r"\s*(?:[至到~]|[-—–―]+)\s*", part)
            numbers = [zh_number(b) for b in bounds]
            if any(n is None or not 1 <= n <= 12 for n in numbers):
                return None
            lo, hi = numbers[0], numbers[-1]
            assert lo is not None and hi is not None
            months += _span(lo, hi)
    elif m[2]:
        q = zh_number(m[2]) or 1
        months = [3 * q - 2]
    else:
        first = english_month(m[3]) or 1
        last = english_month(m[4]) if m[4] else None
        if last is None:
            months = [first]
        elif re.search(r"\band\b|&", m[0], re.I):
            months = [first, last]  # July and August: the two named
        else:  # August-September, Nov–Feb: the span, over the year's end if it goes so
            months = _span(first, last)
    return months, text[: m.end()].strip(), text[m.end() :].strip()


def _span(first: int, last: int) -> list[int]:
    """The months from first to last, over the year's end if it goes so (十一至二月)."""
    return [(first - 1 + k) % 12 + 1 for k in range((last - first) % 12 + 1)]


# ---------------------------------------------------------------------------- the draft


@dataclass
class Section:
    """A heading or numbered item of the plan, with the paragraphs that follow it."""

    label: str
    title: str
    text: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    line: int | None = None
    meta: dict[str, str] = field(default_factory=dict)  # owners/deadline stated apart
    period: str | None = None  # the deadline a month heading gives its items (3月)


@dataclass
class Row:
    """A row of the month schedule."""

    months: list[int]
    label: str
    work: list[str]
    owners: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """A plan as found in a document, before it becomes a source."""

    title: str | None = None
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    schedule: list[Row] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attachments: list[str] | None = None  # after 附件：
    ledger: ledgers.Ledger = field(default_factory=ledgers.Ledger)  # a summary's 附表
    text: str = ""  # all the plan's text, for evidence such as years
    dropped: list[str] = field(default_factory=list)  # lines left out (a title's repeats)

    def is_empty(self) -> bool:
        """A title with nothing of its own (a site's title repeated down the page)."""
        return not (self.sections or self.schedule or self.preamble)


# ---------------------------------------------------------------------------- splitting


def split_plans(blocks: list[Block]) -> tuple[list[list[Block]], list[Block]]:
    """One list of blocks per plan, split at titles `…篇2`, `【篇二】…`, `… Article 2` or at a
    repeated title; and the page's own heading above the first plan (工会工作计划（精选6篇）),
    left out when it has no content of its own."""
    starts = [i for i, b in enumerate(blocks) if not b.is_row and plan_part(b.text)]
    repeats = False
    if len(starts) < 2:
        first = next((b for b in blocks[:5] if looks_like_title(b.text)), None)
        if first is not None:
            key = norm(first.text).strip()
            starts = [i for i, b in enumerate(blocks) if norm(b.text).strip() == key]
            if len(starts) >= 2:
                starts, repeats = _repeats_with_content(blocks, starts), True
    if len(starts) < 2:
        if repeats and starts and starts[0]:  # the page's title over its abstract, then the plan
            return [blocks[starts[0] :]], blocks[: starts[0]]
        return [blocks], []
    lead = blocks[: starts[0]]
    if not repeats and any(b.is_row or numbering(b.text) or len(norm(b.text)) > 60 for b in lead):
        starts[0] = 0  # text before the first title has content: it stays with that plan
    plans = [blocks[a:b] for a, b in zip(starts, [*starts[1:], len(blocks)], strict=False)]
    return plans, lead if starts[0] else []


_PART_STYLES = ("zh-dun", "zh-di", "roman")  # numbering of a plan's parts: 一、 第一、 I.
# the numbering of parts and sections (一、 （一） First, I.), not of a list's items
_PART_NUMBERING = (*_PART_STYLES, "zh-paren", "ordinal")
_RESTART_AFTER = 3  # parts: a count that has gone this far and starts again is a new plan


def split_restarts(blocks: list[Block]) -> list[tuple[list[Block], str | None]]:
    """One plan's blocks split where its parts' numbering starts again at 一、 after its
    last part (三、 or later; or any part when the line just above names a plan of its own,
    …工会…活动方案) and runs on 二、 三、 from there: a second plan, with the title line just
    above it if there is one, else with none. Each piece comes with the note
    that says why it was split off (None for the first)."""
    style: str | None = None
    last, label = 0, ""
    cuts: list[tuple[int, str]] = []
    for i, block in enumerate(blocks):
        found = None if block.is_row else numbering(block.text)
        if found is None or found.number is None:
            continue
        if style is None:
            if found.style not in _PART_STYLES:
                return [(blocks, None)]
            style = found.style
        if found.style != style:
            continue
        start = (cuts[-1][0] if cuts else 0) + 1
        above = blocks[i - 1] if i - 1 >= start else None
        titled = above is not None and not above.is_row and numbering(above.text) is None
        titled = titled and above is not None and looks_like_title(above.text)
        # under a plan's own title (…工会…活动方案), a restart after any part is a new plan
        far = last >= _RESTART_AFTER or (
            last >= 1 and titled and above is not None and _names_a_plan(above.text)
        )
        if found.number == 1 and far and _counts_on(blocks[i:], style):
            note = (
                f'a second plan, under "{_clip(above.text)}": its parts\' numbering starts '
                f'again at "{found.label}" after "{label}"'
                if titled and above is not None
                else f"a second plan with no title of its own: the parts' numbering starts "
                f'again at "{found.label}" after "{label}"'
            )
            cuts.append((i - 1 if titled else i, note))
        last, label = found.number, found.label
    bounds = [0, *(c for c, _ in cuts), len(blocks)]
    notes: list[str | None] = [None, *(n for _, n in cuts)]
    return [(blocks[a:b], note) for a, b, note in zip(bounds, bounds[1:], notes, strict=False)]


# a plan's title, not a part's heading (具体活动安排): it ends in its kind and names an
# issuer or a year, or is long (中学工会迎春踏青活动方案, 2025年工作要点, Branch Work Plan 2025)
_PLAN_KIND_END = re.compile(
    r"(?:计划|要点|安排|打算|方案|总结|规划)\s*$|\b(?:work\s+)?(?:plan|programme)\b[\s\d]*$", re.I
)
_ISSUER_OR_YEAR = re.compile(
    r"\d{4}|年度|工会|委员会|联合会|协会|union|branch|committee|council|federation", re.I
)
_PLAN_TITLE_LONG = 12  # characters: a longer title names what it plans, a heading rarely does


def _names_a_plan(text: str) -> bool:
    """Whether `text` is a plan's own title (the line above a second plan's 一、)."""
    t = norm(text).strip()
    kind = _PLAN_KIND_END.search(t)
    return kind is not None and (
        _ISSUER_OR_YEAR.search(t) is not None or len(t[: kind.start()]) >= _PLAN_TITLE_LONG
    )


def _counts_on(blocks: list[Block], style: str) -> bool:
    """Whether the parts numbered in `style` count 1, 2, 3… to the end of `blocks`."""
    numbers = [
        found.number
        for b in blocks
        if not b.is_row and (found := numbering(b.text)) is not None and found.style == style
    ]
    return numbers == list(range(1, len(numbers) + 1))


def _structured(blocks: list[Block]) -> bool:
    """Whether a title's blocks hold structure of their own: a numbered line, a heading,
    a table row or a month label below the title line."""
    return any(
        b.is_row or b.heading or numbering(b.text) or month_label(b.text) for b in blocks[1:]
    )


_LEAD_MOST = 4  # paragraphs: a page's abstract or blurb under its title, not a plan's text
_LEAD_LONG = 300  # characters in one of them


def _repeats_with_content(blocks: list[Block], starts: list[int]) -> list[int]:
    """The repeats of the page's title that start a plan: those with structure of their own
    (and bare repeats, dropped later as such). A title over an abstract or blurb and no
    structure (摘要：本文介绍了…, then the title again over the plan) is the page's heading:
    before the first plan it is left out (when short), after one it stays in that plan."""
    ends = [*starts[1:], len(blocks)]
    plans = [a for a, b in zip(starts, ends, strict=True) if _structured(blocks[a:b])]
    if not plans:
        return starts  # nothing structured: each repeat as before (bare ones are dropped)
    head = blocks[: plans[0]]
    short = len(head) <= _LEAD_MOST + 2 and all(len(norm(b.text)) <= _LEAD_LONG for b in head)
    kept = [a for a, b in zip(starts, ends, strict=True) if a in plans or b - a == 1]
    kept = [a for a in kept if a >= plans[0]] if short else [starts[0], *kept[1:]]
    return sorted(set(kept))


# ---------------------------------------------------------------------------- structure


_Key = tuple[str | int, ...]  # a numbering style and the heading level it is written at


@dataclass
class _Item:
    key: _Key
    number: int | None
    label: str
    body: str
    line: int | None
    hint: int | None = None  # heading-style level, for ordering styled headings


@dataclass
class _Level:
    keys: set[tuple[str | int, ...]]
    last: int | None
    hint: int | None
    # the item the text starts at (4、 before 四、), the part it was in cut off
    orphan: bool = False


def build(blocks: list[Block]) -> Draft:
    """The draft plan found in the blocks of one plan."""
    draft = Draft(text="\n".join(b.text for b in blocks))
    blocks, appendix = ledgers.split_appendix(_run_on(list(blocks), draft.notes))
    _take_title(blocks, draft)
    _take_signature(blocks, draft)
    tree = _Tree(draft)
    header_owner_col: int | None = None
    ledger: dict[str, int] | None = None
    table: dict[str, int] | None = None
    blocks = _inline_items(_run_in(_unflatten(blocks)), draft.notes)
    blocks = _unfuse_months(_month_cells(_unfuse(_unfuse_subsections(blocks)))) + appendix
    labels, beside = _labels(blocks)
    lone = _lone_commas(blocks, draft.notes)
    schedule_heads = _schedule_heads(blocks)
    headed = _heading_numbers(blocks)
    for i, block in enumerate(blocks):
        if ledgers.is_caption(blocks, i):
            continue  # 表1　年度计划完成情况一览表
        if block.is_row and ledgers.kind(named := ledgers.columns(block.cells or [])):
            ledger = named  # 序号 | 工作任务 | 完成情况 | 完成时间 | 主要成效: a ledger
            tree.drop_caption()
            continue
        if block.is_row and ledger is not None:
            cells = block.cells or []
            task = cells[ledger["task"]] if ledger.get("task", len(cells)) < len(cells) else ""
            if not (task and _in_tree(draft, task)):  # not a task already reported above
                draft.ledger.row(ledger, block)
            continue
        if block.is_row and (columns := task_columns(block.cells or [])) is not None:
            table = columns  # Objective | Activity | Responsible | Timeline
            tree.drop_caption()
            tree.open_table()
            continue
        if block.is_row and table is not None:
            tree.table_row(table, block.cells or [])
            continue
        if block.is_row:
            row, header_owner_col, header = _table_row(block, header_owner_col)
            tree.month = None
            if row is not None:
                draft.schedule.append(row)
                continue
            if header:
                continue
            block = Block(block.text, block.line)
        if (found := month_label(block.text)) is not None and not block.heading:
            tree.open_month(*found)
            continue
        if not block.is_row:
            table = ledger = None
        if tree.attachment(block.text):
            continue
        if i in schedule_heads:
            tree.schedule_heading(block)
            continue
        if i in labels:
            tree.label(block, labels[i], beside)
            continue
        item = None if i in lone else _item(block)
        if item is None:
            tree.paragraph(block.text)
            continue
        if i in headed:
            item = replace(item, key=(*item.key, "heading"))
        if tree.subheading(item):
            continue
        tree.item(item)
    for section in tree.named_periods:
        if not section.children:  # 1、3月：召开职代会: one dated item, not a period's group
            section.period = None
    for section in _all_sections(draft.sections):
        if not section.title:
            section.title = section.label or "(untitled)"
    return draft


@dataclass
class _Month:
    """A month label waiting for what follows: paragraphs make it a schedule row, numbered
    items make it a section whose items are due that month."""

    row: Row
    section: Section | None = None
    level: int = 0
    run: list[_Month] = field(default_factory=list)  # the month labels just before, same level


class _Tree:
    """The heading tree being built, paragraph by paragraph."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.stack: list[_Level] = []
        self.path: list[Section] = []
        self.pending_title: Section | None = None
        self.month: _Month | None = None
        self.table_base = 0
        self.objective: Section | None = None
        self.mid_list = False  # the text starts at an item (4、), its part cut off
        self.named_periods: list[Section] = []  # 1. 第一季度：迎新与动员

    def open_table(self) -> None:
        self.table_base = len(self.path)
        self.objective = None

    def table_row(self, columns: dict[str, int], cells: list[str]) -> None:
        """A row of a task table: its task, under its objective, with owners and deadline."""

        def cell(name: str) -> str:
            i = columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        del self.path[self.table_base :]
        siblings = self.path[-1].children if self.path else self.draft.sections
        objective = cell("objective")
        if objective and (self.objective is None or self.objective.title != objective):
            self.objective = Section("", objective)
            siblings.append(self.objective)
        if self.objective is not None:
            siblings = self.objective.children
        title, text = split_title(cell("task") or " ".join(c for c in cells if c))
        section = Section("", title, [text] if text else [])
        if owners := cell("owner"):
            section.meta["owners"] = owners
        if deadline := cell("deadline"):
            section.meta["deadline"] = deadline
        siblings.append(section)

    def drop_caption(self) -> None:
        """The empty heading just above a table is its caption (未完成事项), not a task."""
        if not self.path:
            return
        last = self.path[-1]
        if last.text or last.children or last.meta:
            return
        siblings = self.path[-2].children if len(self.path) > 1 else self.draft.sections
        if siblings and siblings[-1] is last:
            siblings.pop()
            self.path.pop()
            self.stack[len(self.path) + 1 :] = []

    def attachment(self, text: str) -> bool:
        """附件：, then the attachments' titles, one a line (numbered or not), to the end."""
        if (m := _ATTACHMENTS.match(norm(text))) is not None:
            self.draft.attachments = []
            rest = text[m.end() :].strip()
            if rest:
                found = numbering(rest)
                self.draft.attachments.append(found.body if found else rest)
            return True
        if self.draft.attachments is None:
            return False
        found = numbering(text)
        self.draft.attachments.append(found.body if found else text)
        return True

    def paragraph(self, text: str) -> None:
        path = self.path
        if path:
            text, meta = split_meta(text)
            path[-1].meta.update(meta)
            if not text:
                return
        if self.pending_title is not None:
            self.pending_title.title = text
            self.pending_title = None
        elif self.month is not None and self.month.section is None:
            self.month.row.work.append(text)
        elif path:
            path[-1].text.append(text)
        else:
            self.draft.preamble.append(text)

    def label(self, block: Block, role: str, beside: _Key | None = None) -> None:
        """A label line (主要目标：, Objectives:): a part over the list below it (beside
        the numbered parts, whose key `beside` is, when the plan numbers them), a label
        left out above a list in a plan whose parts are numbered, or a paragraph."""
        if role in ("part", "beside"):
            title = re.sub(r"\s*[:：]\s*$", "", block.text)
            self.item(_Item(("label",), None, "", title, block.line))
            if role == "beside" and beside is not None:
                self.stack[len(self.path) - 1].keys.add(beside)  # I. comes beside it
            self.draft.notes.append(
                f'"{_clip(block.text)}" taken as a part: it heads a list of its own above '
                "the numbered parts"
                if role == "beside"
                else f'"{block.text}" taken as a part: the plan is divided by labels'
            )
        elif role == "run-in":
            m = _LABEL_RUN_IN.match(norm(block.text))
            assert m is not None
            self.item(_Item(("label",), None, "", block.text[: m.end(1)], block.line))
            self.paragraph(block.text[m.end() :].strip())
            self.draft.notes.append(
                f'"{block.text[: m.end(1)]}" taken as a part with its text: it stands beside '
                "the plan's other labels"
            )
        elif role == "drop":
            self.draft.notes.append(
                f'the label "{block.text}" above a numbered list left out: the plan\'s parts '
                "are numbered, the label is not one of them"
            )
        else:
            self.paragraph(block.text)

    def schedule_heading(self, block: Block) -> None:
        """A heading over month groups after the numbered parts (具体活动安排): a part
        beside them, holding the months, not text of the last part."""
        level = next(
            (
                i
                for i in range(len(self.stack) - 1, -1, -1)
                if any(_heading_like(k) for k in self.stack[i].keys)
            ),
            None,
        )
        if level is None:
            self.paragraph(block.text)
            return
        title = re.sub(r"\s*[:：]\s*$", "", block.text)
        self.stack[level].keys.add(("label",))
        self.item(_Item(("label",), None, "", title, block.line))
        self.draft.notes.append(
            f'"{title}" taken as a part: it heads month groups of its own after the numbered parts'
        )

    def open_month(self, months: list[int], label: str, rest: str) -> None:
        holder = self.path[-1] if self.path else None
        if rest and holder is not None and _introduces_months(holder):
            # 2、工作安排：1-2月：…。3月：… — the item's months are its tasks, due then
            title, text = split_title(rest)
            period = period_of(months, label)
            holder.children.append(Section("", title, [text] if text else [], period=period))
            self.month = None
            return
        row = Row(months, label, [rest] if rest else [])
        self.draft.schedule.append(row)
        before = self.month
        self.month = _Month(row, level=self._month_level())
        if before is not None and before.level == self.month.level:
            self.month.run = [*before.run, before]
            if before.section is not None:
                self._materialise_month()  # a month group beside the ones holding items

    def _month_level(self) -> int:
        """Months are siblings under the heading that holds them (二、工作安排), or at the
        top when no heading holds them."""
        for i in range(len(self.stack) - 1, -1, -1):
            if ("month",) in self.stack[i].keys:
                return i
        for i in range(len(self.stack) - 1, -1, -1):
            if any(_heading_like(k) for k in self.stack[i].keys):
                return i + 1
        return 0

    def _materialise_month(self) -> None:
        """The month label becomes a section of the tree: its items are due that month.
        The month labels just before it at its level, with only text, are month groups
        too (1~2月：… before 3月：1. 2.): one level, some of whose groups hold no items."""
        month = self.month
        assert month is not None
        for earlier in month.run:
            if earlier.section is None:
                self._materialise(earlier)
        self._materialise(month)

    def _materialise(self, month: _Month) -> None:
        row = month.row
        if row in self.draft.schedule:
            self.draft.schedule.remove(row)
        title = re.sub(r"\s*[:：]\s*$", "", row.label) or row.label
        section = Section("", title, list(row.work), period=period_of(row.months, row.label))
        level = min(month.level, len(self.path), len(self.stack))
        del self.stack[level:]
        self.stack.append(_Level({("month",)}, None, None))
        del self.path[level:]
        (self.path[-1].children if self.path else self.draft.sections).append(section)
        self.path.append(section)
        month.section = section

    def item(self, item: _Item) -> None:
        month = self.month
        if month is not None:
            if any(item.key in lv.keys for lv in self.stack[: month.level]):
                self.month = None  # the next part's heading: the months are over
            elif month.section is None:
                self._materialise_month()
        before = [(set(lv.keys), lv.last) for lv in self.stack]
        level = _place(item, self.stack)
        if self.draft.sections:
            self._note_skip(item, before[level] if level < len(before) else None)
        if level > len(self.path):
            level = len(self.path)
        title, text = self._heading(item)
        section = Section(item.label, title, [text] if text else [], line=item.line)
        if (found := month_label(item.body)) is not None and not found[2]:
            section.period = period_of(found[0], found[1])  # 一、1—2月: a period heading
        elif found is not None and _HEADING_BODY.match(norm(found[2]).strip()):
            # 1. 第一季度：迎新与动员: a period group, if items of its own follow
            section.period = period_of(found[0], found[1])
            self.named_periods.append(section)
        del self.path[level:]
        (self.path[-1].children if self.path else self.draft.sections).append(section)
        self.path.append(section)
        self.pending_title = section if not title else None
        if (
            len(self.draft.sections) == 1
            and not section.children
            and (item.number or 0) > 1
            and level == 0
            and not self.draft.preamble
        ):
            self.draft.notes.append(f'the text starts mid-list, at "{item.label}"')
            self.stack[0].orphan = self.mid_list = True

    def subheading(self, item: _Item) -> bool:
        """An unnumbered heading under a numbered part (`Second, the work objectives`,
        then `Enhance three consciousness` over 1. 2. 3.), where the plan's headings are not
        a level of their own yet: neither a part (numbering stands above it) nor an item
        (it has no marker), it is text of the part, and the list below stays the part's."""
        if item.number is not None or item.key[0] not in ("h", "bold"):
            return False
        if any(item.key in lv.keys for lv in self.stack):
            return False
        level = next(
            (
                i
                for i in range(min(len(self.stack), len(self.path)) - 1, -1, -1)
                if any(str(k[0]) in _PART_NUMBERING for k in self.stack[i].keys)
            ),
            None,
        )
        if level is None:
            return False
        del self.path[level + 1 :]
        del self.stack[level + 1 :]
        self.month = None
        self.paragraph(item.body)
        self.draft.notes.append(
            f'the heading "{_clip(item.body)}" under the numbered part "{self.path[-1].label}" '
            "kept as its text: it has no number of its own"
        )
        return True

    def _note_skip(
        self, item: _Item, level: tuple[set[tuple[str | int, ...]], int | None] | None
    ) -> None:
        """A number that does not follow the one before it at its level ((2) first under
        6., (5) after (2)) is kept where it is written, and said so."""
        if item.number is None or item.number == 1:
            return
        keys, last = level if level is not None else (set(), None)
        if last is not None and item.number == last + 1:
            return
        if item.key not in keys and self.mid_list:
            return  # 四、 beside the item the text starts at: the parts before are cut off
        after = last if item.key in keys and last is not None else "none"
        self.draft.notes.append(
            f'numbering skips to "{item.label}" (after {after}); kept where it stands'
        )

    def _heading(self, item: _Item) -> tuple[str, str]:
        """An item's title and its run-in text; a part's heading fused with its first
        sentence (一、指导思想以…为指导，…) is the heading word, the rest its text."""
        m = _FUSED_PART.match(norm(item.body)) if item.key[0] in ("zh-dun", "zh-di") else None
        if m is not None and m.end() >= 4:  # 指导思想, not 目标 (目标明确，…)
            head, rest = item.body[: m.end()], item.body[m.end() :].strip()
            # a clause follows (以党的二十大精神为指导，…), not a predicate (工作重点突出，…)
            if re.match(r"[^,.;:!?，。；：！？]{6,}", norm(rest)):
                self.draft.notes.append(f'the heading "{head}" split from the text run into it')
                return head, rest
        return split_title(item.body)


_HEADING_LINE = re.compile(rf"^[{HAN}A-Za-z0-9 ]{{2,12}}:?$")


def _schedule_heads(blocks: list[Block]) -> set[int]:
    """The heading lines (具体活动安排, 活动安排：) over month groups that hold numbered items,
    after the plan's numbered parts: the months' own part, not the last part's text. Over
    plain month rows (1月：春节联欢) such a line stays text: the rows are the schedule."""
    heads: set[int] = set()
    parts = False
    for i, block in enumerate(blocks):
        found = None if block.is_row else numbering(block.text)
        if block.heading or (found is not None and found.style in _PART_STYLES):
            parts = True
            continue
        t = norm(block.text).strip()
        if (
            parts
            and found is None
            and not block.is_row
            and _HEADING_LINE.match(t)
            and not _LEAD_IN.search(t)
            and month_label(block.text) is None
            and i + 1 < len(blocks)
            and month_label(blocks[i + 1].text) is not None
            and _months_hold_items(blocks[i + 1 :])
        ):
            heads.add(i)
    return heads


def _months_hold_items(blocks: list[Block]) -> bool:
    """Whether a month label is directly followed by a numbered item before the next part."""
    for block, after in pairwise(blocks):
        found = numbering(block.text)
        if block.heading or (found is not None and found.style in _PART_STYLES):
            return False
        if month_label(block.text) is not None and numbering(after.text) is not None:
            return True
    return False


def _introduces_months(section: Section) -> bool:
    """An item that is a label over the months below it (2、工作安排：), with nothing of its
    own yet but the months already taken."""
    return (
        norm(section.title).rstrip().endswith(":")
        and not section.text
        and all(child.period for child in section.children)
    )


_ATTACHMENTS = re.compile(r"^\s*(?:附件|attachments?)\s*(?::\s*|$)", re.I)


def _heading_like(key: tuple[str | int, ...]) -> bool:
    """A level that holds parts of a plan: 一、, 第一部分, a heading style, a bold line or a
    label (全年主要工作安排：)."""
    if key[0] in ("h", "bold", "zh-dun", "zh-di", "label"):
        return True
    return len(key) == 2 and key[0] != "list" and key[1] != 0


def period_of(months: list[int], label: str) -> str:
    """The deadline a month label gives its items: 3月, 7月-8月, 第一季度."""
    q = re.search(r"第([一二三四])季度", norm(label))
    if q:
        return f"第{q[1]}季度"
    if len(months) == 1:
        return f"{months[0]}月"
    return f"{months[0]}月-{months[-1]}月"  # as written: 11月-2月 goes over the year's end


_LONG_NUMBER = re.compile(r"^(1[0-2]1)\s*([、.])(?!\d)\s*")


def _long_number(text: str) -> Numbering | None:
    """`121、…`: December's first item fused with its month (too long for a number)."""
    m = _LONG_NUMBER.match(norm(text))
    if not m:
        return None
    style = "num-dun" if m[2] == "、" else "num-dot"
    return Numbering(style, int(m[1]), text[: m.end()].strip(), text[m.end() :].strip())


# a month or period label opening a cell of a schedule run into one paragraph:
# 1-2月：…。3月：…。第三季度：…
_MONTH_CELL = re.compile(
    rf"(?:^|(?<=[:。;]))\s*(?:(?:\d{{1,2}}|[{_ZH_NUM}]{{1,3}})"
    rf"(?:\s*(?:[-—–―~至到])\s*(?:\d{{1,2}}|[{_ZH_NUM}]{{1,3}}))?\s*月份?|第[一二三四]季度)\s*:"
)


def _month_cells(blocks: list[Block]) -> list[Block]:
    """A month schedule run into one paragraph (2、工作安排：1-2月：…。3月：…。4-6月：…)
    split at its labels, each label and its work a paragraph of its own (read as the
    schedule's rows); the text before the first label stays where it was."""
    return _split_blocks(blocks, _month_cell_cuts)


def _month_cell_cuts(t: str) -> list[int]:
    cuts = [m.start() for m in _MONTH_CELL.finditer(t)]
    return cuts if len(cuts) >= 2 else []


def _unfuse_months(blocks: list[Block]) -> list[Block]:
    """A month cell fused with its first item's number ("11、" for January's first item,
    "121、" for December's) split into the month and the item, where the number does not
    continue the count and the month comes after the last one seen."""
    out: list[Block] = []
    last: int | None = None
    last_month = 0
    for block in blocks:
        found = None if block.is_row else numbering(block.text) or _long_number(block.text)
        if found is None or found.style not in ("num-dun", "num-dot") or found.number is None:
            if not block.is_row and (label := month_label(block.text)) is not None:
                last_month, last = max(label[0]), None
            out.append(block)
            continue
        n = found.number
        digits = str(n)
        if n >= 11 and digits.endswith("1") and n != (last or 0) + 1:
            month = int(digits[:-1])
            if last_month < month <= 12:
                mark = found.label[len(digits) :]
                out.append(Block(f"{month}月", line=block.line))
                out.append(Block(f"1{mark}{found.body}", line=block.line))
                last, last_month = 1, month
                continue
        last = n
        out.append(block)
    return out


def _all_sections(sections: list[Section]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        out.append(s)
        out.extend(_all_sections(s.children))
    return out


_LABELLED = re.compile(r"^[^:：]{1,8}[:：]|https?://|www\.|\.(?:com|cn|net|org)\b", re.I)


def _same_title(title: str, block: Block) -> bool:
    """Whether `block` repeats `title`, give or take a year and a site's tag."""
    from planforge.importer.residue import clean_title

    if block.is_row or not looks_like_title(block.text):
        return False

    def core(text: str) -> str:  # 局工会年度工作计划篇1 repeats 局工会年度工作计划精选6篇
        return re.sub(r"(19|20)\d\d\s*年?度?|\s", "", norm(strip_part(clean_title(text)[0])))

    return core(title) == core(block.text)


def _names_more(title: str, block: Block) -> bool:
    """Whether `block` is a fuller title of the same document: it holds every character of
    `title` in order and more (中学工会迎春踏青活动方案 under 工会活动方案, a site's
    category heading), and ends in the same plan word."""
    if block.is_row or numbering(block.text) is not None or not looks_like_title(block.text):
        return False
    short, full = norm(title).strip(), norm(block.text).strip()
    kind = TITLE_WORDS.search(short)
    if kind is None or len(full) <= len(short) or not full.endswith(short[-2:]):
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _repeats_heading(block: Block, titles: list[Block]) -> bool:
    """Whether a line above the title repeats it or the heading over it, a stop aside."""
    t = norm(block.text).strip().rstrip(".。")
    return not block.is_row and any(t == norm(b.text).strip() for b in titles)


def _take_title(blocks: list[Block], draft: Draft) -> None:
    from planforge.importer.residue import clean_title

    while (
        blocks
        and not blocks[0].is_row
        and plan_part(blocks[0].text)
        and not strip_part(blocks[0].text)
    ):
        del blocks[0]  # 【篇二】 alone on its line, the plan's title below it
    if (n := _broken_title(blocks)) > 1:
        draft.notes.append(
            "title broken over lines joined: " + " | ".join(f'"{b.text}"' for b in blocks[:n])
        )
        blocks[:n] = [replace(blocks[0], text="".join(b.text.strip() for b in blocks[:n]))]
    for i, block in enumerate(blocks[:3]):
        if block.is_row:
            break
        if month_label(block.text) is not None:
            break  # June: …, April-May: …: the plan's text has begun (a page cut above it)
        if _LABELLED.search(norm(block.text)):  # 来源：…, 地址：…, a site's address
            continue
        if looks_like_title(block.text) or (i == 0 and block.heading == 1):
            # the same title repeated by the page (a site heading, then the article's):
            # the one naming a year is the plan's
            start = i
            while i + 1 < len(blocks) and _same_title(block.text, blocks[i + 1]):
                if not re.search(r"(19|20)\d\d", norm(block.text)) or re.search(
                    r"(19|20)\d\d", norm(blocks[i + 1].text)
                ):
                    draft.notes.append(f'title line "{block.text}" repeated; the next one taken')
                    draft.dropped.append(block.text)
                    block = blocks[i + 1]
                else:
                    draft.dropped.append(blocks[i + 1].text)
                    del blocks[i + 1]
                    continue
                i += 1
            while i + 1 < len(blocks) and _names_more(block.text, blocks[i + 1]):
                # the site's heading (工会活动方案) over the document's own title
                draft.notes.append(
                    f'title line "{block.text}" over the fuller "{blocks[i + 1].text}"; '
                    "the fuller one taken"
                )
                draft.dropped.append(block.text)
                i += 1
                block = blocks[i]
            title, removed = clean_title(block.text)
            draft.title = title
            if removed:
                draft.notes.append(
                    "dropped from the title as the site's: " + ", ".join(f'"{r}"' for r in removed)
                )
            above = blocks[:start]  # lines above the title: never lost, they open the plan
            repeats = [b for b in above if _repeats_heading(b, blocks[start : i + 1])]
            if repeats:  # 工会活动方案. over 工会活动方案: the page's title, a stop added
                draft.dropped += [b.text for b in repeats]
                above = [b for b in above if b not in repeats]
            del blocks[: i + 1]
            _title_run_in(blocks, [block.text.strip(), title], draft)
            blocks[:0] = above
            if above:
                shown = _clip(above[0].text)
                draft.notes.append(f'{len(above)} line(s) above the title kept: "{shown}"')
            return
        if numbering(block.text) is not None:
            break
    first = blocks[0] if len(blocks) > 1 else None
    if first is not None and _bare_title(first):
        # 滨江街道总工会2025年重点工作: a title that names no plan word
        draft.title = clean_title(first.text)[0]
        draft.notes.append(f'title taken from the first line (no plan word): "{first.text}"')
        del blocks[0]
        return
    draft.notes.append("no title found")


# what goes on after a title that is the subject of a sentence (…工作要点如下：, …计划是…)
_TITLE_AS_SUBJECT = re.compile(r"^[的是如为要将已由在了和及与,:;。.、]")


def _title_run_in(blocks: list[Block], titles: list[str], draft: Draft) -> None:
    """The title repeated at the start of the text below it (a byline such as 时间：…
    between), run into its first sentence (a document viewer's text of the file:
    医院工会工作计划2022年工会是…) or into the first numbered heading (a template's
    `…计划模板1. 概述`): split off. `titles` are the title line as written and as kept."""
    at = next((k for k, b in enumerate(blocks[:2]) if not _LABELLED.search(norm(b.text))), None)
    if at is None or blocks[at].is_row:
        return
    text = blocks[at].text
    title = next(
        (
            t
            for t in sorted(titles, key=len, reverse=True)
            if len(norm(t)) >= 4 and norm(text).startswith(norm(t))
        ),
        None,
    )
    if title is None:
        return
    rest = text[len(title) :].lstrip()
    heading = (found := numbering(rest)) is not None and found.number == 1 and bool(found.body)
    if not heading and (at or len(rest) < 10 or _TITLE_AS_SUBJECT.match(norm(rest))):
        return
    draft.dropped.append(text[: len(title)])
    draft.notes.append(f'the title repeated at the start of the text left out: "{_clip(text)}"')
    blocks[at] = replace(blocks[at], text=rest)


_TITLE_PIECE = 16  # characters: a piece of a title a cover page sets on a line of its own


def _broken_title(blocks: list[Block]) -> int:
    """How many first lines are one Chinese title broken over them (2023 / 工会工作 / 要点, as
    a cover page sets it): short pieces with no stop, none a title before the last, the
    last a title: a plan word alone (要点), or the whole repeated on the next line; 0 when
    there is none."""
    for n in range(2, 5):
        pieces = blocks[:n]
        if len(pieces) < n or any(
            b.is_row
            or len(t := norm(b.text).strip()) > _TITLE_PIECE
            or re.search(r"[A-Za-z。，,；;:!！?？.、]", t)
            or numbering(b.text) is not None
            for b in pieces
        ):
            return 0
        if any(looks_like_title(b.text) for b in pieces[:-1]):
            return 0
        if looks_like_title(pieces[-1].text):
            whole = Block("".join(b.text.strip() for b in pieces))
            bare = TITLE_WORDS.fullmatch(norm(pieces[-1].text).strip()) is not None
            repeated = n < len(blocks) and _same_title(whole.text, blocks[n])
            return n if bare or repeated else 0
    return 0


def _bare_title(block: Block) -> bool:
    """A first line that can only be a title: short, not a sentence, not numbered, not
    labelled (来源：…), and not a month or a part heading of its own."""
    t = norm(block.text).strip()
    return (
        not block.is_row
        and 2 <= len(t) <= (40 if has_han(t) else 80)
        and not re.search(r"[。；;:!！?？,，]$|[.]$", t)
        and numbering(block.text) is None
        and month_label(block.text) is None
        and not _LABELLED.search(t)
        and not _PART_HEADING.match(t)
    )


# the headings of a plan's parts as Chinese plans word them (指导思想, 工作目标, 主要任务 …)
_PART_WORDS = (
    r"指导思想|指导方针|总体(?:要求|思路|目标)|工作思路|(?:工作|主要|年度)?目标(?:任务)?"
    r"|主要任务|重点工作|主要工作|工作重点|工作任务|(?:工作|保障|具体|主要)?措施|(?:组织|工作)?保障"
    r"|(?:月份|工作|活动|具体)安排"
)
# the heading of a plan's part, which a text that starts without its title opens with
_PART_HEADING = re.compile(
    rf"^({_PART_WORDS}|guiding|main tasks|objectives?|goals?|aims?)\s*$",
    re.I,
)
# a part's heading run into its first sentence on a page with no line breaks
# (一、指导思想以党的二十大精神为指导…): the heading word, then Han text with no stop
_FUSED_PART = re.compile(rf"^(?:{_PART_WORDS})(?=[{HAN}])")


_SIGNATURE_END = re.compile(r"(工会|委员会|联合会|办公室|union|committee|council)\s*$", re.I)


def _take_signature(blocks: list[Block], draft: Draft) -> None:
    taken: list[str] = []
    has_date = False
    while blocks and len(taken) < 3:
        block = blocks[-1]
        t = norm(block.text).strip()
        dated = find_date(t) is not None
        short = len(t) <= (90 if dated else 60)
        if block.is_row or not short or numbering(block.text) is not None:
            break
        sentence = re.search(r"[。；;!?！？:：]$|[.]$", t)
        # the line above the date is the signer whatever its last word (…, Branch 12)
        named = _SIGNATURE_END.search(t) or (has_date and not taken[:-1])
        if not dated and (sentence or not named):
            break
        taken.insert(0, block.text)
        has_date = has_date or dated
        blocks.pop()
    if taken and not has_date and len(taken) == 1 and not blocks:
        blocks.append(Block(taken.pop()))
    draft.signature = taken


_TIME_COLUMN = re.compile(
    r"^(月份|时间|日期|完成时限|时间安排|month|date|timeline|deadline|when)$", re.I
)
_TIME_CELL = re.compile(
    r"月|季度|全年|年底|年初|上半年|下半年|每[周月季学]|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|year-round|monthly",
    re.I,
)


def _header_cell(text: str) -> bool:
    c = re.sub(r"\s+", "", norm(text)).strip(":")
    return bool(
        _HEADER_WORDS.match(c)
        or _TIME_COLUMN.match(c)
        or (len(c) <= 8 and _OWNER_COLUMN.search(c))
        or any(rx.match(c) for rx in _TASK_COLUMN_RES.values())
    )


def _unflatten(blocks: list[Block]) -> list[Block]:
    """A table flattened to one cell per line (月份 / 工作内容 / 责任部门, then 1月 / … / …,
    as a page's text copy gives it) made rows again: a run of two to five column names
    with a time column, then groups of as many lines whose time cell names a time."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        width = 0
        while (
            i + width < len(blocks)
            and width < 5
            and not blocks[i + width].is_row
            and _header_cell(blocks[i + width].text)
        ):
            width += 1
        header = [b.text for b in blocks[i : i + width]]
        time = next((k for k, h in enumerate(header) if _TIME_COLUMN.match(norm(h).strip())), None)
        rows: list[Block] = []
        j = i + width
        while width >= 2 and time is not None and j + width <= len(blocks):
            group = blocks[j : j + width]
            if any(b.is_row for b in group) or not _TIME_CELL.search(norm(group[time].text)):
                break
            rows.append(
                Block(" ".join(b.text for b in group), group[0].line, cells=[b.text for b in group])
            )
            j += width
        if len(rows) >= 2:
            out.append(Block(" ".join(header), blocks[i].line, cells=header))
            out.extend(rows)
            i = j
            continue
        out.append(blocks[i])
        i += 1
    return out


# an item numbered inside running text, after a colon or a sentence's end
_RUN_IN_ITEM = [
    re.compile(rf"(?<=[:。;!?])\s*([{_ZH_NUM}]{{1,3}})、"),
    re.compile(r"(?<=[:。;!?])\s*(\d{1,2})、"),
    re.compile(r"(?<=[:.;])\s+(\d{1,2})\s?\.\s+(?=[A-Z])"),
]


_RUN_IN_STYLES = ("zh-dun", "num-dun", "num-dot")  # the styles of _RUN_IN_ITEM, in order


def _run_in(blocks: list[Block]) -> list[Block]:
    """A list run into a paragraph after its colon (安排如下：一、…。二、…; "will: 1 . … 2 . …")
    split into its items: numbers 1, 2, 3… in one style, the first just after a colon; also
    a first item alone after the colon when the next line goes on at 2 (具体事项：1、… then
    2、… on a line of its own)."""
    blocks = _split_blocks(blocks, _run_in_cuts)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        cut = None if block.is_row or after is None else _first_run_in(block, after)
        if cut is None:
            out.append(block)
            continue
        out += [Block(block.text[:cut].strip(), block.line), Block(block.text[cut:], block.line)]
    return out


def _first_run_in(block: Block, after: Block) -> int | None:
    """Where item 1 starts after the colon of `block` when `after` is item 2 of its style."""
    t = norm(block.text)
    following = None if after.is_row else numbering(after.text)
    for pattern, style in zip(_RUN_IN_ITEM, _RUN_IN_STYLES, strict=True):
        m = pattern.search(t)
        if (
            m is not None
            and zh_number(m[1]) == 1
            and t[: m.start()].rstrip().endswith(":")
            and following is not None
            and (following.style, following.number) == (style, 2)
        ):
            return m.start() + len(m.group()) - len(m.group().lstrip())
    return None


def _split_blocks(blocks: list[Block], cuts_of: Callable[[str], list[int]]) -> list[Block]:
    """Each paragraph cut where `cuts_of` finds, on its normalised text, that a new one
    starts; table rows stay whole."""
    out: list[Block] = []
    for block in blocks:
        cuts = [] if block.is_row else cuts_of(norm(block.text))
        if not cuts:
            out.append(block)
            continue
        for a, b in pairwise([0, *cuts, len(block.text)]):
            if part := block.text[a:b].strip():
                out.append(Block(part, block.line))
    return out


def _run_in_cuts(t: str) -> list[int]:
    for pattern in _RUN_IN_ITEM:
        found = [(zh_number(m[1]), m) for m in pattern.finditer(t)]
        if len(found) < 2 or found[0][0] != 1 or t[: found[0][1].start()].rstrip()[-1:] != ":":
            continue
        cuts = []
        for expected, (n, m) in enumerate(found, 1):
            if n != expected:
                break
            cuts.append(m.start() + len(m.group()) - len(m.group().lstrip()))
        if len(cuts) >= 2:
            return cuts
    return []


# a numbering marker inside a long paragraph with no line breaks (a page dumped from a
# document): 一、 at a sentence's end, a space or where a heading would stand; （一）; 1、 or
# 1. before a Han character. Not 第一、二季度, 一、二年级, 1、2月 (a series of numbers, not a
# marker), nor 2.5万元 (a decimal).
_RUN_ON_MARK = re.compile(
    rf"(?<![第{_ZH_NUM}\d.])(?:([{_ZH_NUM}]{{1,2}})、|\(([{_ZH_NUM}]{{1,2}})\)"
    rf"|(\d{{1,2}})(?:、|\s?\.\s?(?=[{HAN}])))(?![{_ZH_NUM}\d])"
)
# a bullet run into the text where a line break was lost: a dash after a space or a
# stop, before a Han character (建设 -继续推进…。 -积极…); not 2023-2024 or 9:00-18:30
_RUN_ON_BULLET = re.compile(rf"(?:(?<=[\s。；;!?！？])|^)[-－–•·●]\s?(?=[{HAN}])")
_RUN_ON_LONG = 150  # characters: shorter paragraphs are left to the other passes
_SENTENCE_END = "。；;:：!?！？ "
# a plan's title just before its first part (…工作计划一、, …要点1一、, with a site's word
# after it: …工作计划精编一、), not 统一、
_RUN_ON_TITLE_END = re.compile(rf"(?:计划|要点|安排|打算)(?:{residue_words.TITLE_TAIL})?\d{{0,2}}$")


def _run_on(blocks: list[Block], notes: list[str]) -> list[Block]:
    """Split a long paragraph with no line breaks (一、…1、…2、…二、… run together) at its
    numbering markers: each level counts 1, 2, 3… and restarts under the level above; a
    marker numbered past 1 follows a sentence's end; a level with one marker only is text,
    unless it stands over kept items (一、… 1. 2. 3.) or is a first item just after its
    part's heading (二、具体工作：（一）…). The split is named in `notes`."""
    out = _split_blocks(blocks, _run_on_cuts)
    if len(out) > len(blocks):
        out = [_bullet_item(b) for b in out]
        notes.append(
            f"a text with no line breaks split at its numbering into {len(out)} paragraphs"
        )
    return out


def _bullet_item(block: Block) -> Block:
    """A paragraph cut from a run-on text at a bullet, as a bulleted item (its dash gone)."""
    m = None if block.is_row else _RUN_ON_BULLET.match(block.text)
    return replace(block, text=block.text[m.end() :], list_level=1) if m else block


@dataclass
class _Mark:
    """A numbering marker found in a run-on paragraph."""

    start: int
    end: int
    number: int
    level: int
    parent: int | None  # the index of the marker of a level above it, if any


def _run_on_cuts(t: str) -> list[int]:
    if len(t) < _RUN_ON_LONG:
        return []
    last = [0, 0, 0]  # the last number taken at each level: 一、 （一） 1、
    open_runs: list[list[int]] = [[], [], []]  # the markers of each level under one parent
    runs: list[list[int]] = []
    marks: list[_Mark] = []
    for m in _RUN_ON_MARK.finditer(t):
        level = next(i for i, g in enumerate(m.groups()) if g)
        n = zh_number(m[level + 1]) or 0
        before = t[: m.start()].rstrip(" ")[-1:]
        after_end = m.start() == 0 or before in _SENTENCE_END or t[m.start() - 1] == " "
        first = n == 1 and (level > 0 or _RUN_ON_TITLE_END.search(t[: m.start()]) is not None)
        # （三） continuing （二） is a marker even run into a heading with no stop before it
        bracketed = level == 1 and (n or 0) > 1
        if n != last[level] + 1 or not (after_end or first or bracketed):
            continue
        last[level] = n
        for lower in range(level + 1, 3):
            last[lower] = 0
            if open_runs[lower]:
                runs.append(open_runs[lower])
                open_runs[lower] = []
        parent = next((i for i in range(len(marks) - 1, -1, -1) if marks[i].level < level), None)
        open_runs[level].append(len(marks))
        marks.append(_Mark(m.start(), m.end(), n, level, parent))
    runs += [run for run in open_runs if run]
    kept = {i for run in runs if len(run) > 1 for i in run}
    for i in sorted(kept, reverse=True):
        # 一、 alone over its 1. 2. 3.: a part whose items are kept is a part
        parent = marks[i].parent
        while parent is not None and parent not in kept:
            kept.add(parent)
            parent = marks[parent].parent
    lone = [i for i, mark in enumerate(marks) if not kept and _lone_part(t, mark)][:1]
    kept.update(lone)
    for i, mark in enumerate(marks):
        if i not in kept and _first_under_heading(t, mark, marks, kept):
            kept.add(i)
    cuts = sorted({marks[i].start for i in kept} | set(_run_on_label_cuts(t)))
    if len(cuts) < 2 and not lone:
        return []
    # bullets under the numbered items, two or more of them
    bullets = [m.start() for m in _RUN_ON_BULLET.finditer(t) if m.start() > cuts[0]]
    return sorted({*cuts, *bullets}) if len(bullets) >= 2 else cuts


def _lone_part(t: str, mark: _Mark) -> bool:
    """The one part an excerpt shows (its text cut off before 二、): 一、 just after a
    sentence's end, opening a heading (a short stretch to its stop, no comma) or a part's
    heading word run into its text (一、指导思想以…); or 一、 just after a lead-in that
    announces the parts (…总结如下:一、…), whatever follows it."""
    if mark.level != 0 or mark.number != 1:
        return False
    if _LEAD_IN.search(t[: mark.start].rstrip()[-6:]):
        return True
    if t[: mark.start].rstrip()[-1:] not in list("。;!?"):
        return False
    rest = t[mark.end :]
    stop = re.search(r"[。;!?,]", rest)
    heading = stop is not None and stop[0] != "," and stop.start() <= _RUN_ON_HEADING
    return heading or _FUSED_PART.match(rest) is not None


# a label where a line break was lost: a space before, 主要目标: then a space
_RUN_ON_LABEL = re.compile(rf"(?:^|(?<=\s))[{HAN}]{{2,8}}:\s+")


def _run_on_label_cuts(t: str) -> list[int]:
    """Two or more labels on a page with no line breaks (… 主要目标: …。 工作思路: 1、…),
    each cut out as a line of its own; not a lead-in (安排如下: )."""
    labels = [m for m in _RUN_ON_LABEL.finditer(t) if not _LEAD_IN.search(m.group().strip())]
    if len(labels) < 2:
        return []
    return [cut for m in labels for cut in (m.start(), m.end())]


_RUN_ON_HEADING = 50  # characters: a part's heading, not a paragraph


def _first_under_heading(t: str, mark: _Mark, marks: list[_Mark], kept: set[int]) -> bool:
    """A lone first item just after its part's heading, set off by a colon or a space
    where a line break was (二、工作要点 （一）加强…): the heading between has no
    sentence's end and is short."""
    if mark.number != 1 or mark.parent is None or mark.parent not in kept:
        return False
    heading = t[marks[mark.parent].end : mark.start]
    return (
        heading[-1:] in (" ", ":")
        and 0 < len(heading.strip()) <= _RUN_ON_HEADING
        and not re.search(r"[。;!?]", heading)
    )


# the next item's marker in the style a line opens with, after a sentence's end or a space
# (not 1、2月 or 一、二年级, a series; 2、二月份… is item 2 on a month)
_NOT_SERIES = rf"(?![\d{_ZH_NUM}])"
_NEXT_MARK = {
    "num-dun": r"(\d{1,2})\s*、(?!\d)",
    "num-dot": rf"(\d{{1,2}})\.(?=[{HAN}])",
    "num-paren": rf"\(\s*(\d{{1,2}})\s*\){_NOT_SERIES}",
    "zh-dun": rf"([{_ZH_NUM}]{{1,3}})、{_NOT_SERIES}",
    "zh-paren": rf"\(\s*([{_ZH_NUM}]{{1,3}})\s*\){_NOT_SERIES}",
}


def _inline_items(blocks: list[Block], notes: list[str]) -> list[Block]:
    """A line holding several items of one numbering (1、开展… 2、组织…；3、…) split into
    them: each next number, in the style the line opens with, after a sentence's end, a
    comma or a space (1、一月份举办…，2、二月份…). 1、2月 and 第1、2季度 inside an item are
    not markers (no space or stop before, a number after).
    Each split line is named in `notes`."""
    out: list[Block] = []
    for block in blocks:
        found = None if block.is_row else numbering(block.text)
        pattern = _NEXT_MARK.get(found.style) if found else None
        cuts = _next_items(norm(block.text), pattern, found.number) if found and pattern else []
        if not cuts:
            out.append(block)
            continue
        for a, b in pairwise([0, *cuts, len(block.text)]):
            out.append(Block(block.text[a:b].strip().rstrip(";；,，").strip(), block.line))
        notes.append(
            f'one line holding {len(cuts) + 1} numbered items split: "{_clip(block.text)}"'
        )
    return out


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _next_items(t: str, pattern: str, first: int | None) -> list[int]:
    """Where items first+1, first+2 … start in `t`, each after a stop, a comma or a space."""
    marker = re.compile(rf"(?:(?<=[。;!?,])|(?<=\s))(?<![第\d])\s*{pattern}")
    cuts: list[int] = []
    start, number = 0, first or 0
    for m in marker.finditer(t):
        if m.start() >= start and zh_number(m[1]) == number + 1:
            cuts.append(m.start() + len(m.group()) - len(m.group().lstrip()))
            start, number = m.end(), number + 1
    return cuts if first else []


def _unfuse(blocks: list[Block]) -> list[Block]:
    """Split paragraphs where a numbered item was fused into the previous sentence, when
    its number continues a numbering already seen."""
    out: list[Block] = []
    seen: set[int] = set()
    for block in blocks:
        if block.is_row:
            out.append(block)
            continue
        found = numbering(block.text)
        if found and found.number:
            seen.add(found.number)
        rest = block.text
        while True:
            m = _fused(rest, seen)
            if m is None:
                break
            out.append(Block(rest[:m].rstrip(), line=block.line))
            rest = rest[m:].lstrip()
            number = numbering(rest)
            if number and number.number:
                seen.add(number.number)
        out.append(
            Block(rest, block.line, block.heading, block.bold, block.list_level)
            if rest != block.text
            else block
        )
    return out


# a heading's first subsection run into it where a line break was lost: `3. 工作内容3.1 …`
_FUSED_SUBSECTION = re.compile(r"^(\d{1,2})\.\s*[^.。;；!?！？:：]{2,20}?(?=\1\.1\s+\S)")


def _unfuse_subsections(blocks: list[Block]) -> list[Block]:
    """Split a numbered heading from its first decimal subsection run into it (`3. 工作
    内容3.1 提升职工福利` → `3. 工作内容` | `3.1 提升职工福利`): the subsection's number
    opens with the heading's own, and the heading between is short with no stop."""
    out: list[Block] = []
    for block in blocks:
        m = None if block.is_row else _FUSED_SUBSECTION.match(norm(block.text))
        if m is None:
            out.append(block)
            continue
        out.append(replace(block, text=block.text[: m.end()].rstrip()))
        out.append(replace(block, text=block.text[m.end() :].strip()))
    return out


def _fused(text: str, seen: set[int]) -> int | None:
    t = norm(text)
    for pattern in (_FUSED_EN, _FUSED_ZH):
        for m in pattern.finditer(t):
            raw = next(g for g in m.groups() if g)
            n = zh_number(raw)
            if n and n > 1 and n - 1 in seen and n not in seen:
                return m.start() + (len(m.group()) - len(m.group().lstrip()))
    return None


# a label on a line of its own: 主要目标：, 具体措施：, Objectives:, Recruitment:
_BARE_LABEL = re.compile(
    rf"^(?:[{HAN}A-Za-z0-9]{{2,8}}|[A-Z][A-Za-z'&/-]*(?: [A-Za-z'&/-]+){{0,3}})\s*:$"
)
# a sentence leading into a list (安排如下：, 主要有：, We will:), not a label
_LEAD_IN = re.compile(r"(如下|以下|下列|包括|是|为|有|will|are|is|include)\s*:$", re.I)
# a bold label with its text after the colon: a labelled paragraph, not a heading
_RUN_IN_LABEL = re.compile(rf"^[{HAN}A-Za-z ]{{2,12}}:\s*\S")


# a label with its statement, ending with a colon over a list: `Goal: To emerge … Campaign:`
_STATED_LABEL = re.compile(
    rf"^(?:[{HAN}]{{2,8}}|[A-Z][A-Za-z'&/-]*(?: [A-Za-z'&/-]+){{0,3}})\s*:\s*\S.*:$"
)


def _labels(blocks: list[Block]) -> tuple[dict[int, str], _Key | None]:
    """What each label line is. When a label stands over a numbered list and nothing else
    in the plan is numbered at the top (no 一、, no heading, no numbering of another
    style), the labels are the plan's parts: "part". In a plan that numbers its parts, a
    label over a list of its own above the first numbered part (`Goal:` over bullets, then
    I. II.) is a part beside them: "beside"; one over a list under a numbered part is
    "drop" (left out, noted), one over a paragraph "text". With the roles, the key of the
    numbered parts the "beside" labels stand beside."""
    found = [
        i
        for i, b in enumerate(blocks)
        if not b.is_row
        and not b.heading
        and _BARE_LABEL.match(t := norm(b.text).strip())
        and not _LEAD_IN.search(t)
        and not _bullet_in_line(blocks, i)
    ]
    nxt = {i: blocks[i + 1] if i + 1 < len(blocks) else None for i in found}
    lists = {i: n for i, b in nxt.items() if b is not None and (n := numbering(b.text)) is not None}
    styles = {n.style for n in lists.values()}
    other = any(
        not b.is_row
        and i not in nxt
        and (b.heading or ((n := numbering(b.text)) is not None and n.style not in styles))
        for i, b in enumerate(blocks)
    )
    if other:
        roles = {i: "drop" if i in lists else "text" for i in found}
        beside, key = _beside(blocks, found)
        roles.update(dict.fromkeys(beside, "beside"))
        return roles, key
    run_in = _run_in_labels(blocks, found)
    # the labels are the plan's parts: each one, over a list or a paragraph (Recruitment:)
    parts = bool(lists or run_in)
    roles = {i: "part" if parts else "text" for i in found}
    roles.update(dict.fromkeys(run_in, "run-in"))
    return roles, None


def _bullet_in_line(blocks: list[Block], i: int) -> bool:
    """A bullet reading like a label (`- Webinars:`) with the next bullet at its own level,
    nothing under it: one of the list's items, its text not written yet, not a label."""
    b = blocks[i]
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        b.list_level is not None
        and after is not None
        and after.list_level is not None
        and after.list_level <= b.list_level
    )


# a label and its statement on one line: 指导思想：以…为指导，…
_LABEL_RUN_IN = re.compile(rf"^([{HAN}]{{2,8}})\s*:\s*(?=\S)")


def _run_in_labels(blocks: list[Block], bare: list[int]) -> list[int]:
    """The labels with their statement on the same line (指导思想：以…为指导，…) standing
    beside the plan's bare labels (全年主要工作安排：) before anything is numbered: sibling
    parts, each holding its statement (no numbering above them, two labels or more). Not a
    month (一月份：…), an owner or a deadline (负责人：…), nor labels in the plan's lists."""
    heads = [i for i in bare if month_label(blocks[i].text) is None]
    if not heads:
        return []
    first = next(
        (i for i, b in enumerate(blocks) if not b.is_row and numbering(b.text) is not None),
        len(blocks),
    )
    return [
        i
        for i, b in enumerate(blocks[: min(first, max(heads))])
        if not b.is_row
        and b.heading is None
        and b.list_level is None
        and _LABEL_RUN_IN.match(norm(b.text))
        and month_label(b.text) is None
        and task_meta(b.text) is None
        and not _LEAD_IN.search(norm(b.text))
    ]


def _beside(blocks: list[Block], bare: list[int]) -> tuple[list[int], _Key | None]:
    """The labels (bare, or stating their point: `Goal: … Campaign:`) over a list of their
    own (bullets, or numbering of another style than the plan's parts) that stand above
    the plan's first numbered part or heading: parts beside the numbered ones; and the
    key of those parts."""
    labels = sorted(
        {
            *bare,
            *(
                i
                for i, b in enumerate(blocks)
                if not b.is_row
                and not b.heading
                and _STATED_LABEL.match(t := norm(b.text).strip())
                and not _LEAD_IN.search(t)
            ),
        }
    )
    listed: dict[int, str] = {}  # a label over a list: the list's style
    for i in labels:
        b = blocks[i + 1] if i + 1 < len(blocks) else None
        if b is not None and not b.is_row and not b.heading:
            if b.list_level is not None:
                listed[i] = "list"
            elif (n := numbering(b.text)) is not None and n.number == 1:
                listed[i] = n.style
    # the plan's first numbered part or heading, in a style none of the labels' lists has
    first = next(
        (
            i
            for i, b in enumerate(blocks)
            if not b.is_row
            and (b.heading or ((n := numbering(b.text)) and n.style not in listed.values()))
        ),
        None,
    )
    if first is None:
        return [], None
    item = _item(blocks[first])
    return [i for i in listed if i < first], item.key if item else None


def _lone_commas(blocks: list[Block], notes: list[str]) -> set[int]:
    """The paragraphs opening with a number and a comma (一, 1,) that are no numbering:
    numbering is a sequence, so a number with no neighbour (n - 1 or n + 1 in the same
    style) is text (`1, 2 and 3`, a wrapped date). The others are noted as read."""
    found = {
        i: n
        for i, b in enumerate(blocks)
        if not b.is_row and (n := numbering(b.text)) is not None and n.number is not None
    }
    numbers = {(n.style, n.number) for n in found.values()}
    commas = {
        i: (n.style, n.number)
        for i, n in found.items()
        if n.number is not None and n.style.endswith("-dun") and norm(n.label).endswith(",")
    }
    lone = {i for i, (style, n) in commas.items() if not {(style, n - 1), (style, n + 1)} & numbers}
    if len(commas) > len(lone):
        notes.append(
            f"{len(commas) - len(lone)} numbers followed by a comma (一, 1,) read as numbering"
        )
    return lone


def _item(block: Block) -> _Item | None:
    found = numbering(block.text)
    if found is not None:
        # a numbered heading and a numbered paragraph are different levels
        key = (found.style, block.heading or 0)
        return _Item(key, found.number, found.label, found.body, block.line, block.heading)
    if block.heading is not None:
        return _Item(("h", block.heading), None, "", block.text, block.line, block.heading)
    if block.list_level is not None:
        return _Item(("list", block.list_level), None, "", block.text, block.line)
    if block.bold and len(norm(block.text)) <= 60 and not _RUN_IN_LABEL.match(norm(block.text)):
        return _Item(("bold",), None, "", block.text, block.line)
    return None


# a numbered line that is a heading: a few words, no stop or comma (1. 概述, 2. 工作目标)
_HEADING_BODY = re.compile(r"^[^.。,，;；:：!?！？]{2,15}$")


def _heading_numbers(blocks: list[Block]) -> set[int]:
    """The numbered headings of a page that numbers two levels the same way: `1. 概述`,
    `2. 工作目标` (short lines with no stop) over items `1.提升职工福利。…` that start
    again at 1 under them. When a style's first item is such a heading, its headings
    count 1, 2, 3 … among themselves, and an item of the style that is no heading
    starts again at 1 after one of them, the headings are the level above the items
    (in a plan numbering both alike, the count, not the marker, tells them apart)."""
    by_style: dict[str, list[tuple[int, int, bool]]] = {}
    for i, b in enumerate(blocks):
        if b.is_row or b.heading is not None or b.list_level is not None:
            continue
        found = numbering(b.text)
        if found is None or found.number is None or found.style in _PART_STYLES:
            continue
        shaped = _HEADING_BODY.match(norm(found.body).strip()) is not None
        by_style.setdefault(found.style, []).append((i, found.number, shaped))
    out: set[int] = set()
    for items in by_style.values():
        if not items[0][2]:
            continue
        heads: list[int] = []
        last_item: int | None = None
        restarts = False
        for i, n, shaped in items:
            if shaped and n == len(heads) + 1:
                heads.append(i)
            elif shaped and (last_item is None or n != last_item + 1):
                break  # a heading out of count: not two levels
            else:
                restarts = restarts or n == 1
                last_item = n
        else:
            if len(heads) >= 2 and restarts:
                out.update(heads)
    return out


def _place(item: _Item, stack: list[_Level]) -> int:
    """The level of `item`, and the stack updated: a numbering style keeps the level at
    which it first appeared; a number continuing an open level's count joins it."""
    level = next((i for i in range(len(stack) - 1, -1, -1) if item.key in stack[i].keys), None)
    if (
        level is None
        and stack
        and (stack[0].orphan or _RANK.get(str(item.key[0])) == 0)
        and _outranks(item.key, stack[0].keys)
    ):
        # 四、 after the orphan 4、 the text starts at, 一、 after a list 1. 2. above the
        # parts: a part beside them, not inside them (一、 > （一） > 1. > （1）)
        level = 0
        stack[0] = _Level({item.key}, None, item.hint)
    if level is None and item.number is not None and item.number > 1:
        # 6. after 5、 continues the count; (2) after 一、 does not (一、 nests above (2))
        level = next(
            (
                i
                for i in range(len(stack) - 1, -1, -1)
                if stack[i].last == item.number - 1
                and not _ranked_apart(item.key, stack[i].keys)
                and not _shaped_apart(item.key, stack[i].keys)
            ),
            None,
        )
        if level is not None:
            stack[level].keys.add(item.key)
    if level is None and item.key[0] == "h" and item.hint is not None:
        level = next(
            (i for i, lv in enumerate(stack) if lv.hint is not None and lv.hint >= item.hint), None
        )
        if level is not None:
            stack[level] = _Level({item.key}, None, item.hint)
    if level is None and item.key[0] == "h":
        # a heading after a bullet list: the list was the part's, the heading is a new part
        level = next((i for i, lv in enumerate(stack) if ("list", 1) in lv.keys), None)
        if level is not None:
            stack[level] = _Level({item.key}, None, item.hint)
    if level is None and stack and ("list", 1) in stack[-1].keys and item.number == 1:
        # Step 1 after a bullet list and its paragraph: a new list beside it, not inside
        level = len(stack) - 1
        stack[level] = _Level({item.key}, None, None)
    if level is None:
        level = len(stack)
        stack.append(_Level({item.key}, None, item.hint if item.key[0] == "h" else None))
    del stack[level + 1 :]
    stack[level].last = item.number
    return level


# the order numbering styles nest in by convention: 一、 over （一） over 1、 over （1） over ①
_RANK = {
    "h": 0,
    "zh-di": 0,
    "zh-dun": 0,
    "zh-paren": 1,
    "num-dun": 2,
    "num-dot": 2,
    "num-paren": 3,
    "num-half": 3,
    "circled": 4,
}


def _outranks(key: tuple[str | int, ...], keys: set[tuple[str | int, ...]]) -> bool:
    """Whether a numbering style nests above all of `keys` by convention (一、 above 1、)."""
    rank = _RANK.get(str(key[0]))
    ranks = [_RANK.get(str(k[0])) for k in keys]
    return rank is not None and all(r is not None and rank < r for r in ranks)


def _shaped_apart(key: tuple[str | int, ...], keys: set[tuple[str | int, ...]]) -> bool:
    """Whether `keys` hold the same numbering as `key` written as the other level
    (numbered headings beside numbered items, see `_heading_numbers`)."""
    return any(k[:2] == key[:2] and k != key for k in keys)


def _ranked_apart(key: tuple[str | int, ...], keys: set[tuple[str | int, ...]]) -> bool:
    """Whether a numbering style nests above or below one of `keys` by convention."""
    rank = _RANK.get(str(key[0]))
    ranks = {_RANK.get(str(k[0])) for k in keys} - {None}
    return rank is not None and bool(ranks - {rank})


def split_title(body: str) -> tuple[str, str]:
    """A heading's title and its run-in text: the first sentence, then the rest."""
    body = body.strip()
    t = norm(body)
    m = _SENTENCE_ZH.search(t) if has_han(t) else _SENTENCE_EN.search(t)
    while m is not None and has_han(t) and _LOST_CHAR.match(body, m.end() - 1):
        m = _SENTENCE_ZH.search(t, m.end() + 1)  # 工会?作: a lost character, not a question
    if m is None or m.end() >= len(t):
        return body, ""
    return body[: m.end()].strip(), body[m.end() :].strip()


def _table_row(block: Block, owner_col: int | None) -> tuple[Row | None, int | None, bool]:
    """A schedule row, the owner column (from a header row), and whether it is a header."""
    cells = block.cells or []
    found = month_label(cells[0]) if cells and cells[0] else None
    if found is None and cells and _YEAR_ROUND.match(norm(cells[0]).strip()):
        found = ([], cells[0], "")
    if found is None:
        header = [norm(c) for c in cells]
        col = next(
            (i for i, c in enumerate(header) if len(c) <= 16 and _OWNER_COLUMN.search(c)),
            None,
        )
        if col is not None:
            return None, col, True
        return None, owner_col, _is_header(block)
    months, label, rest = found
    work = [c for i, c in enumerate(cells[1:], 1) if c and i != owner_col]
    if rest:
        work.insert(0, rest)
    owners = []
    if owner_col is not None and owner_col < len(cells) and cells[owner_col]:
        owners = [o for o in re.split(r"\s*[、，,/；;]\s*", cells[owner_col]) if o]
    return Row(months, label, work, owners), owner_col, False


_OWNER_COLUMN = re.compile(owner_words.alternation(owner_words.OWNER_COLUMN), re.I)
_YEAR_ROUND = re.compile(r"^(全年|全年度|常年|year-round|all year|throughout the year)$", re.I)
_HEADER_WORDS = re.compile(r"^(月份|时间|日期|工作内容|内容|事项|month|date|work|task)$", re.I)


_TASK_COLUMNS = {
    "task": r"工作任务|工作内容|具体任务|任务|活动|工作事项|事项|措施|工作|"
    r"activit(?:y|ies)|tasks?|actions?|strateg(?:y|ies)",
    "owner": owner_words.alternation(owner_words.OWNER_COLUMN) + r"|who",
    "deadline": r"完成时限|完成时间|时限|时间安排|时间|日期"
    r"|timeline|time ?frame|deadline|due|when|date",
    "objective": r"目标|工作目标|objectives?|goals?|outcomes?",
}
_TASK_COLUMN_RES = {k: re.compile(rf"^(?:{v})$", re.I) for k, v in _TASK_COLUMNS.items()}


def task_columns(cells: list[str]) -> dict[str, int] | None:
    """The columns of a task table's header (Objective | Activity | Responsible | Timeline,
    工作任务 | 责任部门 | 完成时限), or None: a task column and an owner or deadline column,
    every cell a column name, and no month column (that is a schedule)."""
    columns: dict[str, int] = {}
    for i, raw in enumerate(cells):
        c = re.sub(r"[\s/、]+", "", norm(raw)).strip(":")
        if not c:
            continue
        if re.match(r"^(月份|months?)$", c, re.I):
            return None
        if re.match(r"^(序号|编号|no\.?|#)$", c, re.I):
            continue  # 序号: the row's number
        name = next((k for k, rx in _TASK_COLUMN_RES.items() if rx.match(c)), None)
        if name is None:
            name = "owner" if _OWNER_COLUMN.search(c) and len(c) <= 16 else None
        if name is None or name in columns:
            return None
        columns[name] = i
    if "task" in columns and ("owner" in columns or "deadline" in columns):
        return columns
    return None


def _in_tree(draft: Draft, title: str) -> bool:
    return any(s.title == title for s in _all_sections(draft.sections))


def _is_header(block: Block) -> bool:
    cells = [norm(c).strip() for c in block.cells or [] if c.strip()]
    return bool(cells) and all(_HEADER_WORDS.match(c) for c in cells)


_META_LABELS = {
    "owners": owner_words.alternation(owner_words.OWNER_LABELS_ZH + owner_words.OWNER_LABELS_EN),
    "deadline": owner_words.alternation(owner_words.DEADLINE_LABELS),
}
_META_PART = re.compile(
    rf"^\s*(?:(?P<owners>{_META_LABELS['owners']})|(?P<deadline>{_META_LABELS['deadline']}))"
    r"\s*:\s*(?P<value>.+?)\s*$",
    re.I,
)


def task_meta(text: str) -> dict[str, str] | None:
    """`（责任部门：工会办公室；完成时限：3月）` or `(Responsible: X; Deadline: June)` → the
    owners and deadline it states; None for any other paragraph."""
    t = norm(text).strip()
    if not (t.startswith("(") and t.endswith(")")):
        return None
    meta: dict[str, str] = {}
    start = 1
    for part in re.split(r"[;；]", t[1:-1]):
        m = _META_PART.match(part)
        if not m:
            return None
        key = "owners" if m["owners"] else "deadline"
        offset = start + m.start("value")
        value = text[offset : offset + len(m["value"])].strip()
        # 责任部门：…；责任人：… — two owner parts, both the task's owners, as written
        meta[key] = f"{meta[key]}、{value}" if key == "owners" and key in meta else value
        start += len(part) + 1
    return meta or None


_TRAILING_BRACKET = re.compile(r"\([^()]*\)\s*$")
_OUTCOME = re.compile(
    rf"^\s*(?P<label>{owner_words.alternation(owner_words.OUTCOME_LABELS)})\s*:\s*(?P<value>.+?)\s*$",
    re.I,
)


def split_meta(text: str) -> tuple[str, dict[str, str]]:
    """A paragraph of a task without what it states apart: the owner/deadline bracket at
    its end, or a whole line of outcome (完成情况：已完成（2026年3月13日）, 主要数据：…,
    佐证材料：…, 原因：…). planforge's own documents write them so; a plan written by hand
    often does too."""
    t = norm(text)
    m = _TRAILING_BRACKET.search(t)
    if m and (meta := task_meta(text[m.start() :])) is not None:
        return text[: m.start()].rstrip(), meta
    o = _OUTCOME.match(t)
    if o:
        key = owner_words.OUTCOME_KEYS[o["label"].lower()]
        value = text[o.start("value") : o.end("value")]
        return "", {key: value}
    return text, {}
