"""Rules on the wording of a plan: placeholders, stale years, web residue, empty slogans."""

from __future__ import annotations

import re
from collections.abc import Iterator

from planforge.check.rules.base import Option, Pattern, RuleContext, TextValue, rule
from planforge.errors import Problem, Severity
from planforge.vocab import residue as residue_words
from planforge.vocab import review as review_words
from planforge.zh import HAN, count_han

_PLACEHOLDER = Pattern(
    r"(?<![A-Za-z])[xX]{2,}(?![A-Za-z])|[Ｘｘ]{2,}|[×✕]{2,}|某某|○○|＊＊|\*{3,}"
    # a blank to fill in (____), and a word a site blanked out in Chinese text (群众_的)
    rf"|_{{2,}}|＿+|(?<=[{HAN}])_(?=[{HAN}，。、；：])"
)


@rule("placeholder", Severity.ERROR, "placeholder text left in (xx, XX, ××, 某某, ____)")
def placeholder(ctx: RuleContext) -> Iterator[Problem]:
    """Template placeholders are still in the text: `xx`, `XX`, `××`, `某某`, `xxxx年`,
    blanks to fill in (`____`), and words blanked out in Chinese text (`基层_的作用`), as
    some sites print the plans they copy. (`**` is not one: `**组织**` is emphasis.)

    A plan copied from a template, from last year or from a web page often keeps them.
    Replace each with the real name, number, date or word.
    """
    for text, m, base in ctx.search(_PLACEHOLDER, ctx.texts):
        yield ctx.in_text(
            text,
            m.start() - base,
            m.end() - base,
            f"placeholder '{m.group()}' left in the text",
            hint="replace it with the real name, number or date",
        )


_RANGE_AFTER = r"(?!年?\s*[-—–～~至到]\s*(?:19|20)[0-9]{2})"
_ZH_YEAR = Pattern(
    r"(?<![0-9\-—–～~至到])((?:19|20)[0-9]{2})"
    r"(?=\s*年(?!代)|[-./][0-9]{1,2}[-./][0-9]{1,2})" + _RANGE_AFTER
)
_EN_YEAR = Pattern(r"(?<![0-9])((?:19|20)[0-9]{2})\b(?!\s*[-–—]\s*(?:19|20)[0-9]{2})")
_EN_YEAR_BEFORE = Pattern(
    r"\b(?:in|by|during|for|end|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+$"
)


_PAST_BEFORE_ZH = Pattern(review_words.PAST_BEFORE_ZH)
_PAST_JUST_BEFORE_ZH = Pattern(review_words.PAST_JUST_BEFORE_ZH)
_PAST_AFTER_ZH = Pattern(review_words.PAST_AFTER_ZH)
_PAST_BEFORE_EN = Pattern(review_words.PAST_BEFORE_EN, re.I)


def _retrospective(text: TextValue) -> bool:
    """Fields that look back by nature: results, reasons, the year-end summary."""
    return text.loc[0] == "summary" or "result" in text.loc or "reason" in text.loc


def _about_the_past(zh: bool, value: str, start: int, end: int) -> bool:
    """Whether the words around `value[start:end]` (a year) speak of it as the past."""
    breaks = review_words.CLAUSE_BREAK if zh else ".;!?\n"
    left = max((value.rfind(b, 0, start) for b in breaks), default=-1) + 1
    before = value[left:start]
    if not zh:
        return bool(_PAST_BEFORE_EN.search(before))
    return bool(
        _PAST_BEFORE_ZH.search(before)
        or _PAST_JUST_BEFORE_ZH.search(before)
        or _PAST_AFTER_ZH.match(value, end)
    )


def _copied_year(zh: bool, text: TextValue, start: int, end: int) -> bool:
    """A past year named where the plan speaks of its own year: a Chinese plan's text
    outside results and the summary, an English plan's title and goals."""
    if _retrospective(text):
        return False
    if not zh and not (text.loc[0] == "goals" or text.loc == ("title",)):
        return False
    return not _about_the_past(zh, text.value, start, end)


@rule(
    "year-mismatch",
    Severity.WARNING,
    "a year in the text contradicts the plan's year",
    options=(
        Option("years-before", 1, "years before the plan's year the text may name", minimum=0),
        Option("years-after", 1, "years after the plan's year the text may name", minimum=0),
        Option(
            "past-wording",
            True,
            "name an earlier year only in words about the past (总结, 审议…年度工作报告, "
            "…年度先进); false allows `years-before` anywhere",
        ),
    ),
)
def year_mismatch(ctx: RuleContext) -> Iterator[Problem]:
    """The text names a year other than the plan's where it speaks of the plan's own
    year: a 2027 plan titled 2026年工作计划, whose ideology follows 上级工会2026年工作要点
    or whose goals are 2026年's. The copy-from-last-year error reviewers catch most.

    A year before the plan's year (up to `years-before`) is fine where the words speak of
    it as the past: 总结2026年工作, 审议2026年度工作报告, 2026年度先进评选表彰, 截至2026年底,
    较2026年增长, 2026年12月召开的全委会; and anywhere in results, reasons and the year-end
    summary. In an English plan only the title and goals are held to this. Years further
    back, and beyond `years-after`, are findings wherever they stand; spans such as
    `2021—2025年` are ignored. Deadlines are `deadline-outside-year`'s.
    """
    year = ctx.plan.year
    before = ctx.option("years-before")
    allowed = range(year - before, year + ctx.option("years-after") + 1)
    strict = ctx.option("past-wording")
    zh = ctx.plan.zh
    pattern = _ZH_YEAR if zh else _EN_YEAR
    for text, m, base in ctx.search(pattern, ctx.texts):
        found = int(m.group(1))
        start, end = m.start(1) - base, m.end(1) - base
        copied = strict and found < year and _copied_year(zh, text, start, end)
        if found in allowed and not copied:
            continue
        if not (zh or _EN_YEAR_BEFORE.search(text.value, 0, start) or copied):
            continue
        if copied and found in allowed:
            message = f"year {found} in a {year} plan, not in words about the past"
            hint = (
                f"copied from last year's plan? write {year}; a reference to {found} says so "
                f"(总结{found}年工作, 审议{found}年度工作报告)"
                if zh
                else f"copied from last year's plan? write {year}"
            )
        else:
            message = f"year {found} in a {year} plan"
            hint = f"was this copied from an older plan? use {year}"
        yield ctx.in_text(text, start, end, message, hint=hint)


_RESIDUE = Pattern(residue_words.IN_TEXT, re.I)


@rule("web-residue", Severity.WARNING, "text copied from a web page with its menus")
def web_residue(ctx: RuleContext) -> Iterator[Problem]:
    """Words of a web page's frame were copied with the text: `来源:`, `您的当前位置`,
    `首页 >`, `浏览次数`, `责任编辑`, `打印本页`, `版权所有`, a site's notice (`申明敬告:`,
    `下载文档前`, `如文档侵犯您的权益`), "You are here"…

    Delete the residue; keep only the plan's own words.
    """
    for text, m, base in ctx.search(_RESIDUE, ctx.texts):
        yield ctx.in_text(
            text,
            m.start() - base,
            m.end() - base,
            f"web-page residue '{m.group().strip()}'",
            hint="delete what was copied from the web page's frame",
        )


# Stock phrases (套话) that fit any plan of any year.
_ZH_STOCK = (  # noqa: SIM905 - a list of words reads better as a line of words
    "再上新台阶 新台阶 新局面 新水平 新成效 新突破 新气象 新篇章 高度重视 进一步 切实 加强 推进 "
    "不断 全面 扎实 深入 着力 努力 积极 大力 持续 有效 提升 提高 促进 推动 强化 完善 落实 开创 "
    "营造 良好氛围 氛围 水平 能力 质量 建设 发展 和谐 稳定 凝聚力 向心力 战斗力 创新 显著 明显 "
    "做好 抓好 确保 力争 更加 充分 发挥 作用 开展 取得 实效 成效 全力 打造 服务 保障 增强 意识"
).split()
_ZH_CORE = set(_ZH_STOCK[:24])
_ZH_FILLER = Pattern(
    r"工会|工作|职工|教职工|会员|各项|全体|广大|我们|的|和|与|及|等|为|在|了|是|把|将|以|使|"
    r"并|各|好|新|上|中|之|其|一|步|大"
)
_ZH_CONCRETE = Pattern(
    r"[0-9０-９]|[《“「]|[一二两三四五六七八九十百千万]+(?:次|场|个|项|名|人|期|批|家|户|元|所|支|届|天)|"
    r"月|季度|年底|年初|年末|半年|元旦|春节|节日|方案|制度|台账|名单|报告|竞赛|培训|大会|会议|手册|"
    r"清单|平台|项目|合同|调查|测评|慰问|比赛|讲座|评选"
)
_EN_STOCK = Pattern(
    r"\b(?:further(?:more)?|strengthen\w*|enhance\w*|comprehensive(?:ly)?|continu\w*|"
    r"effective(?:ly)?|vigorous(?:ly)?|promot\w*|improv\w*|new (?:level|heights|situation)|"
    r"steadily|actively|ensur\w*|deepen\w*|all-round|constantly|fully|better|quality|"
    r"level|development|build\w*|advanc\w*|boost\w*|solid(?:ly)?|high-quality|spirit)\b",
    re.I,
)
_EN_FILLER = Pattern(
    r"\b(?:the|of|and|to|our|union|trade|work|members?|a|an|in|for|all|its|with|on|at|"
    r"as|be|will|we|by|so|that|this|up|more|new)\b",
    re.I,
)
_EN_CONCRETE = Pattern(
    r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|quarter|Q[1-4]|meeting|report|survey|contest|course|agreement|visit|election|"
    r"congress|budget|audit|fund|workshop|festival|register|ledger)\b|\"|“",
    re.I,
)


def _zh_slogan(text: str, min_stock: int, max_other: float) -> bool:
    stock = [p for p in _ZH_CORE if p in text]
    if len(stock) < min_stock or _ZH_CONCRETE.search(text):
        return False
    rest = text
    for phrase in _ZH_STOCK:
        rest = rest.replace(phrase, "")
    rest = _ZH_FILLER.sub("", rest)
    return count_han(rest) * 100 <= count_han(text) * max_other


def _en_slogan(text: str, min_stock: int, max_other: float) -> bool:
    if len(_EN_STOCK.findall(text)) < min_stock or _EN_CONCRETE.search(text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z\-]*", _EN_FILLER.sub(" ", _EN_STOCK.sub(" ", text)))
    total = len(re.findall(r"[A-Za-z][A-Za-z\-]*", text))
    return len(words) * 100 <= total * max_other


def _slogan_fields(ctx: RuleContext) -> Iterator[TextValue]:
    for text in ctx.texts:
        loc = text.loc
        if text.kind != "prose":
            continue
        if loc[0] == "goals" or loc[0] == "tasks" or loc[:2] == ("summary", "achievements"):
            yield text


@rule(
    "empty-slogan",
    Severity.WARNING,
    "a paragraph of stock phrases with nothing concrete",
    options=(
        Option(
            "min-stock-phrases",
            2,
            "distinct stock phrases (进一步, 切实…) a paragraph must hold to be a slogan",
            minimum=1,
        ),
        Option(
            "max-other-percent",
            30,
            "the share of its words, in percent, that a slogan may spend on anything but "
            "stock phrases and filler",
            minimum=0,
        ),
    ),
)
def empty_slogan(ctx: RuleContext) -> Iterator[Problem]:
    """A goal, task text or achievement is made only of stock phrases (进一步, 切实, 加强,
    推进, 全面, 再上新台阶, "further strengthen", "comprehensively improve"…) with no
    figure, date, name or deliverable: it would fit any plan of any year. At least
    `min-stock-phrases` stock phrases, and no more than `max-other-percent` of the
    characters (words, in English) left once stock phrases and filler are taken out.

    Say what will be done, by when, and how it is measured: "3月底前召开第五届教代会
    第二次会议，提案办结率100%".
    """
    check = _zh_slogan if ctx.plan.zh else _en_slogan
    min_stock, max_other = ctx.option("min-stock-phrases"), ctx.option("max-other-percent")
    for text in _slogan_fields(ctx):
        if check(text.value, min_stock, max_other):
            yield ctx.in_text(
                text,
                0,
                len(text.value),
                "empty slogan: only stock phrases, no figure, date or deliverable",
                hint="say what will be done, by when, and how it is measured",
            )
