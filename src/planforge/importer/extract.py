"""What a careful reader picks out of plan text: title, organisation and year, dates,
owners and deadlines. Every function works on one string and says what it found."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from planforge.model.deadline import DeadlineError, parse_deadline
from planforge.vocab import owners as owner_words
from planforge.zh import HAN, english_month

ZH_DIGITS = "〇零一二三四五六七八九"
_ZH_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "o": 0,
    "十": 10,
    "两": 2,
    "壹": 1,
    "贰": 2,
    "叁": 3,
}
# A few traditional forms, so that keywords are found in traditional text too.
_TRADITIONAL = str.maketrans(
    "計劃劃總結導標會與團務點報單經員職組織責負門辦體動學開發項進設規個節這為來時"
    "內實現濟際關於對將們區環傳統應該層幹領創參選舉議護權齊衛費勞聯盟協廠",
    "计划划总结导标会与团务点报单经员职组织责负门办体动学开发项进设规个节这为来时"
    "内实现济际关于对将们区环传统应该层干领创参选举议护权齐卫费劳联盟协厂",
)
_WIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Full-width ASCII forms made half-width and traditional keywords simplified,
    character for character (positions do not move), for recognising patterns."""
    return text.translate(_WIDTH).translate(_TRADITIONAL)


def zh_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 〇 → 0; None for anything else."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        t = _ZH_VALUE.get(tens, -1) if tens else 1
        u = _ZH_VALUE.get(units, -1) if units else 0
        return t * 10 + u if t >= 0 and u >= 0 and len(text) <= 3 else None
    if len(text) == 1:
        return _ZH_VALUE.get(text)
    return None


def _digit_string(text: str) -> str | None:
    digits = [_ZH_VALUE.get(ch) for ch in text]
    if any(d is None or d > 9 for d in digits):
        return None
    return "".join(str(d) for d in digits)


# ---------------------------------------------------------------------------- years

_ZH_YEAR = re.compile(r"((?:19|20|21)\d{2})\s*年")
_ZH_YEAR_WORDS = re.compile(r"([〇零○O一二三四五六七八九]{4})\s*年")
_EN_YEAR = re.compile(r"(?<![\d.-])((?:19|20|21)\d{2})(?![\d.-])")


# a number naming a union's branch or a place, not a year: Local 2010, Lodge 1927, No. 2001
_NUMBERED = re.compile(
    r"\b(?:local|lodge|branch|chapter|unit|district|division|room|suite|no\.?|number)\s*#?\s*$|#\s*$",
    re.I,
)
# a year written in a Chinese title without 年, right before its text (2016中学工会工作计划,
# 幼儿园工会2023工作计划); not a count (2000人) nor part of a longer number
_ZH_BARE_YEAR = re.compile(
    rf"(?<![\d.\-/])((?:19|20|21)\d{{2}})(?=[{HAN}])(?![人元万个名次件项号届])"
)


def years_in(text: str, zh: bool) -> list[int]:
    """Every plan-like year named in `text`, in order; in English not a number naming a
    union's local or branch (`Local 2010`)."""
    t = norm(text)
    found: list[tuple[int, int]] = []
    pattern = _ZH_YEAR if zh else _EN_YEAR
    for m in pattern.finditer(t):
        if not zh and _NUMBERED.search(t[: m.start()]):
            continue
        found.append((m.start(), int(m[1])))
    for m in _ZH_YEAR_WORDS.finditer(t):
        digits = _digit_string(m[1])
        if digits:
            found.append((m.start(), int(digits)))
    return [y for _, y in sorted(found) if 1949 <= y <= 2200]


def title_years(title: str, zh: bool) -> list[int]:
    """The years a title names: in Chinese also a year written without 年 right before
    the title's text (`2016中学工会工作计划`)."""
    found = years_in(title, zh)
    if zh and not found:
        found = [y for m in _ZH_BARE_YEAR.finditer(norm(title)) if 1949 <= (y := int(m[1])) <= 2200]
    return found


# ---------------------------------------------------------------------------- titles

TITLE_WORDS = re.compile(
    r"(工作)?(计划|要点|安排|打算|思路|总结|方案)|work\s*plan|plan\b|work\s*points|programme",
    re.I,
)
SUMMARY_TITLE = re.compile(r"总结|summary|annual report", re.I)
_PART = re.compile(
    r"\s*[(（\[【]?\s*(?:篇|第)\s*([0-9一二三四五六七八九十]+)\s*(?:篇)?\s*[)）\]】]?\s*$"
    # Union Work Plan 2022 Article 1, … Model Essay 3, … Part 2
    r"|\s+(?:model\s+|sample\s+)?(?:article|essay|part|sample|example|chapter)\s*(\d{1,2})\s*$",
    re.I,
)
# 【篇一】学校工会工作计划, 篇二：…, 第三篇 …, Article 2: …, or the marker alone on its line
_LEADING_PART = re.compile(
    r"^\s*(?:[【\[(（]\s*(?:篇|第)\s*([0-9一二三四五六七八九十]+)\s*篇?\s*[】\])）]"
    r"|(?:篇|第)([0-9一二三四五六七八九十]+)篇?\s*(?:[:：、.]|\s)"
    r"|(?:article|essay|part)\s+(\d{1,2})\s*[:.]\s*)\s*",
    re.I,
)


def plan_part(text: str) -> int | None:
    """The n of a title such as `…工作计划 篇2`, `…（第2篇）`, `【篇二】…工作计划` or
    `Union Work Plan Article 2`, or of the marker alone (`【篇二】`), else None."""
    t = norm(text).strip()
    m = _LEADING_PART.match(t)
    if m and (not t[m.end() :] or TITLE_WORDS.search(t[m.end() :])):
        return zh_number(next(g for g in m.groups() if g))
    m = _PART.search(t)
    if not m or not TITLE_WORDS.search(t[: m.start()]):
        return None
    return zh_number(next(g for g in m.groups() if g))


def strip_part(text: str) -> str:
    """The title without its part marker."""
    if not plan_part(text):
        return text
    t = norm(text)
    if (m := _LEADING_PART.match(t)) is not None:
        return text[m.end() :].strip()
    m = _PART.search(t)
    return text[: m.start()].rstrip() if m else text


def looks_like_title(text: str) -> bool:
    t = norm(text).strip()
    return (
        0 < len(t) <= 80
        and bool(TITLE_WORDS.search(t))
        and not re.search(r"[。；;!！?？]$|[.]$", t)
    )


def organisation_in_title(title: str, zh: bool) -> str | None:
    """The issuing organisation named in a title, or None."""
    t = strip_part(title).strip()
    if zh:
        t = re.sub(r"^关于(?:印发|下发|制定)?|的通知$|[《》]", "", norm(t).strip())
        t = re.sub(r"[〇零○O一二三四五六七八九]{4}\s*年度?|(?:19|20|21)\d{2}\s*年度?", "", t)
        # a year without 年 (2016中学工会), a school year (2020-2021学年度) and its term, a
        # template's XX年
        t = re.sub(
            r"(?<!\d)(?:19|20)\d{2}\s*[-—~至到]?\s*(?:19|20)\d{2}\s*学?年度?"
            rf"|{_ZH_BARE_YEAR.pattern}(?:学年度?)?"
            r"|(?:19|20)?[Xx×]{2}\s*年度?"
            r"|(?:第[一二]|[上下]|春季|秋季)学期",
            "",
            t,
        )
        t = re.sub(r"(年度|年)?(工作)?(计划|要点|安排|打算|思路|总结|方案).*$", "", t)
        # 滨江街道总工会重点工作, 某社区工会工?作: the organisation ends at its union word
        union = re.search(r"^.*?(?:工会|委员会|联合会)(?=(?:重点|主要|年度)?工\??作?$|工\?作)", t)
        if union:
            t = union.group()
        t = t.strip(' -—:：《》"“”')
        return t or None
    bracket = re.search(r"\[([^\]]+)\]|【([^】]+)】", t)
    tag = (bracket[1] or bracket[2]).strip() if bracket else ""
    t = re.sub(r"\[[^\]]*\]|【[^】]*】", "", t)
    t = re.sub(
        r"\b(?:in|for)\s+(?:the\s+)?(?:year\s+)?(?:19|20|21)\d{2}\b|\b(?:19|20|21)\d{2}\b",
        lambda m: m.group() if _NUMBERED.search(t[: m.start()]) else "",  # Local 2010 stays
        t,
        flags=re.I,
    )
    t = re.sub(
        r"\b(?:annual\s+|strategic\s+)?(?:work\s+|action\s+)?(?:plan|points|summary|report)\b",
        "",
        t,
        flags=re.I,
    )
    t = re.sub(r"\s+", " ", t).strip(" -—:,")
    if tag:
        t = f"{tag} {t}".strip() if t else tag
    return (t[:1].upper() + t[1:]) if t else None


# ---------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str  # as written
    day_guessed: bool = False


_NUM_DATE = re.compile(
    r"((?:19|20|21)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(?:(\d{1,2})\s*[日号]?)?"
)
_ZH_WORD_DATE = re.compile(
    r"([〇零○O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?"
)
_MONTHS = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_EN_DATE = re.compile(
    rf"\b{_MONTHS}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20|21)\d{{2}})\b"
    rf"|\b(\d{{1,2}})\s+{_MONTHS}\s+((?:19|20|21)\d{{2}})\b",
    re.I,
)
_SPELLED = {
    "zero": "0",
    "o": "0",
    "oo": "00",
    "ooo": "000",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_EN_MONTH_DAY = re.compile(rf"\b{_MONTHS}\s+(\d{{1,2}})\b", re.I)


def find_date(text: str) -> FoundDate | None:
    """The first full date written in `text`, in any form people use."""
    t = norm(text)
    candidates: list[tuple[int, FoundDate]] = []
    for m in _NUM_DATE.finditer(t):
        found = _make(int(m[1]), int(m[2]), m[3], m.group())
        if found:
            candidates.append((m.start(), found))
    for m in _ZH_WORD_DATE.finditer(t):
        year = _digit_string(m[1])
        month = zh_number(m[2])
        day = str(zh_number(m[3])) if m[3] else None
        if year and month:
            found = _make(int(year), month, day, text[m.start() : m.end()])
            if found:
                candidates.append((m.start(), found))
    for m in _EN_DATE.finditer(t):
        if m[1]:
            found = _make(int(m[3]), english_month(m[1]) or 0, m[2], m.group())
        else:
            found = _make(int(m[6]), english_month(m[5]) or 0, m[4], m.group())
        if found:
            candidates.append((m.start(), found))
    if not candidates:
        found = _spelled_date(t)
        return found
    return min(candidates, key=lambda c: c[0])[1]


def _make(year: int, month: int, day: str | None, text: str) -> FoundDate | None:
    try:
        return FoundDate(dt.date(year, month, int(day) if day else 1), text.strip(), not day)
    except ValueError:
        return None


def _spelled_date(text: str) -> FoundDate | None:
    """A date whose year is spelled out digit by digit ("two oo five … March 1")."""
    md = _EN_MONTH_DAY.search(text)
    if not md:
        return None
    words = re.findall(r"[a-z]+", text[: md.start()].lower())
    digits = ""
    for word in words:
        if word in _SPELLED:
            digits += _SPELLED[word]
        elif len(digits) < 4:
            digits = ""
    if len(digits) != 4:
        return None
    start = text.lower().find(next(w for w in words if w in _SPELLED))
    return _make(int(digits), english_month(md[1]) or 0, md[2], text[start : md.end()])


# ---------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class FoundDeadline:
    value: str  # as planforge writes it
    text: str  # as the plan wrote it


_ZH_DEADLINES = re.compile(
    r"(?P<range>(?<![\d.])(\d{1,2})月?\s*[-~至到]\s*(\d{1,2})月份?)"
    r"|(?P<date>(?<![\d.])(\d{1,2})月(\d{1,2})[日号](?:前|之前)?)"
    r"|(?P<month>(?<![\d.])(\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?"
    r"(?:上旬|中旬|下旬|底|末|初)?(?:前|之前)?)"
    r"|(?P<quarter>第(?P<q>[一二三四])季度)|(?P<half>[上下]半年)"
    r"|(?P<every>每月|每季度|每周|全年|常年)"
)
_EN_DEADLINES = re.compile(
    rf"\b(?:by\s+)?(?:the\s+)?end\s+of\s+{_MONTHS}"
    rf"|\b(?:by|before|in|during)\s+{_MONTHS}(?!\s+\d)"
    r"|\b(?:in\s+)?the\s+(first|second|third|fourth)\s+quarter\b"
    r"|\b(monthly|every month|quarterly|every quarter|weekly|every week|year-round"
    r"|throughout the year)\b",
    re.I,
)
_ANY_MONTH = re.compile(rf"\b{_MONTHS}\b")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def find_deadlines(text: str, zh: bool) -> list[FoundDeadline]:
    """Every deadline-like phrase in `text` (distinct, in order)."""
    t = norm(text)
    out: list[FoundDeadline] = []
    pattern = _ZH_DEADLINES if zh else _EN_DEADLINES
    for m in pattern.finditer(t):
        found = _zh_deadline(m) if zh else _en_deadline(m)
        if found and all(f.value != found for f in out):
            out.append(FoundDeadline(found, text[m.start() : m.end()].rstrip(".")))
    return out


def _zh_deadline(m: re.Match[str]) -> str | None:
    text = m.group()
    if m["month"]:
        prefix = text[: text.index("月")]
        number = zh_number(prefix)
        if number is None or not 1 <= number <= 12:
            return None
        return f"{number}{text[text.index('月') :]}"
    if m["quarter"]:
        return f"第{m['q']}季度"
    return text.replace(" ", "")


def _en_deadline(m: re.Match[str]) -> str | None:
    text = re.sub(r"\s+", " ", m.group().strip())
    low = text.lower()
    for word, q in _ORDINAL.items():
        if f"{word} quarter" in low:
            return f"Q{q}"
    if "end of" in low:
        month = low.rsplit(" ", 1)[-1]
        return f"by the end of {month.rstrip('.').capitalize()}"
    if low.split(" ", 1)[0] in ("by", "before", "in", "during"):
        return text.split(" ", 1)[1].rstrip(".").capitalize()
    return low


def unambiguous_deadline(text: str, zh: bool, year: int) -> tuple[FoundDeadline | None, str]:
    """The one deadline in `text` planforge can parse, and a note for the reviewer."""
    found = find_deadlines(text, zh)
    if not found:
        return None, ""
    if not zh:  # "in May, July and October": months listed after one preposition
        months = {m.group(1).lower()[:3] for m in _ANY_MONTH.finditer(norm(text))}
        if len(months) > 1 and len(found) == 1:
            found = [*found, FoundDeadline("", "and other months")]
    if len(found) > 1:
        shown = ", ".join(f'"{f.text}"' for f in found[:4])
        return None, f"several dates mentioned ({shown}); deadline left empty"
    try:
        parse_deadline(found[0].value, year)
    except DeadlineError:
        return None, f'deadline "{found[0].text}" kept in the text only'
    return found[0], f'deadline guessed from "{found[0].text}"'


# ---------------------------------------------------------------------------- owners

_ZH_OWNER_LABEL = re.compile(
    rf"(?:{owner_words.alternation(owner_words.OWNER_LABELS_ZH)})"
    r"\s*[:：]\s*([^，。；;,\s)）]+(?:[、，,/][^，。；;,\s)）]+)*)"
)
_ZH_OWNER_BY = re.compile(
    rf"由([^，。；;,:：由]{{2,20}}?)(?:{owner_words.alternation(owner_words.OWNER_VERBS_ZH)})"
)
_EN_OWNER = re.compile(
    rf"\b(?i:{owner_words.alternation(owner_words.OWNER_LABELS_EN)})\s*[:：]?\s+"
    r"(?:the\s+)?([A-Z][\w'&-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w'&-]*)*)"
)
_SPLIT_OWNERS = re.compile(r"[、，,/]|和|及|与|\s+and\s+")


def find_owners(text: str, zh: bool) -> list[str] | None:
    """The owners named by exactly one owner phrase in `text`; None when not unambiguous."""
    t = norm(text)
    if zh:
        matches = [text[m.start(1) : m.end(1)] for m in _ZH_OWNER_LABEL.finditer(t)]
        matches += [text[m.start(1) : m.end(1)] for m in _ZH_OWNER_BY.finditer(t)]
    else:
        matches = [text[m.start(1) : m.end(1)] for m in _EN_OWNER.finditer(t)]
    if len(set(matches)) != 1:
        return None
    names = [n.strip() for n in _SPLIT_OWNERS.split(matches[0]) if n.strip()]
    return names or None
