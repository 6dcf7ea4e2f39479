"""The mechanical rules of Chinese official writing (GB/T 15834 punctuation, GB/T 15835
numbers). Each finding carries a fix that `planforge check --fix` applies to the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planforge.check.rules.base import Pattern, RuleContext, rule
from planforge.errors import Problem, Severity
from planforge.zh import has_han

_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_CHAR = Pattern(rf"[{_CJK_CLASS}]")
_CJK_OR_FULL = Pattern(rf"[{_CJK_CLASS}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]")

# Spans never touched: URLs, e-mail addresses, times, codes (ISO 9001:2015), paths,
# decimal numbers and numbered-list markers such as `1.`.
_PROTECTED = Pattern(
    r"[A-Za-z][A-Za-z0-9+.\-]*://\S+|www\.[^\s\u3000-\u303f\uff00-\uffef]+|"
    r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|"
    r"\d{1,2}:\d{2}(?::\d{2})?|"
    r"[A-Za-z]+(?:/[A-Za-z]+)?[ \-]?\d+(?:[.:\-/]\d+)+|"
    r"(?:[A-Za-z]:)?[\\/](?:[\w.\-]+[\\/])+[\w.\-]*|"
    r"\d+\.\d+|(?<![\d.])\d+\.(?=[^\d])|(?m:^[ \u3000]*[一二三四五六七八九十]{1,3}[.,])",
    re.ASCII,
)

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", ".": "。"}
_PUNCT = Pattern(r"[,:;?!.]")
_PAREN = Pattern(r"\(([^()]*)\)")
_HALF_ANY = Pattern(r"[,:;?!.()]")


def _mask(text: str) -> str:
    """`text` with protected spans blanked out (same length, so offsets hold)."""
    return _PROTECTED.sub(lambda m: "\0" * len(m.group()), text)


def _is_cjk(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _CJK_CHAR.match(text[i]) is not None


@rule(
    "halfwidth-punctuation",
    Severity.WARNING,
    "half-width punctuation in Chinese text (, : ; ? ! . ( ))",
    fixable=True,
)
def halfwidth_punctuation(ctx: RuleContext) -> Iterator[Problem]:
    """Chinese text uses full-width punctuation (GB/T 15834): `，。：；？！（）`.

    A half-width `,` `:` `;` `?` `!` or `.` next to a Chinese character, or half-width
    parentheses around or next to Chinese text (`(一)` as a heading number), is flagged.
    URLs, e-mail addresses, times (`14:30`), codes (`ISO 9001:2015`), paths, decimals
    and `1.` list numbers are left alone. `--fix` converts the mark (and drops the
    space typed after it).
    """
    for text in ctx.chinese_texts:
        value = text.value
        if not _HALF_ANY.search(value):
            continue
        masked = _mask(value)
        for m in _PUNCT.finditer(masked):
            i = m.start()
            ch = value[i]
            after = i + 1
            while after < len(value) and value[after] == " ":
                after += 1
            if not (_is_cjk(value, i - 1) or (ch != "." and _is_cjk(value, after))):
                continue
            if ch == "." and "." in value[max(i - 1, 0) : i] + value[i + 1 : i + 2]:
                continue  # an ellipsis written with dots: the ellipsis rule fixes it
            if ch == "." and after < len(value) and not _CJK_OR_FULL.match(value[after]):
                continue  # `.` inside a Latin word or before a digit
            end = after if after < len(value) else i + 1
            yield ctx.in_text(
                text,
                i,
                end,
                f"half-width '{ch}' in Chinese text",
                fix=_FULL[ch],
                hint=f"use '{_FULL[ch]}'",
            )
        for m in _PAREN.finditer(masked):
            inner = m.group(1)
            if not (
                _CJK_CHAR.search(inner)
                or _is_cjk(value, m.start() - 1)
                or _is_cjk(value, m.end())
                or (m.start() == 0 and inner.strip())
            ):
                continue
            for i, full in ((m.start(), "（"), (m.end() - 1, "）")):
                yield ctx.in_text(
                    text,
                    i,
                    i + 1,
                    f"half-width '{value[i]}' in Chinese text",
                    fix=full,
                    hint=f"use '{full}'",
                )


_ELLIPSIS = Pattern(r"\.{3,}|。{3,}|…{3,}|(?<!…)…(?!…)")


@rule("ellipsis", Severity.WARNING, "ellipsis written other than ……", fixable=True)
def ellipsis(ctx: RuleContext) -> Iterator[Problem]:
    """The Chinese ellipsis is `……` (two U+2026), not `...`, `。。。` or a single `…`."""
    for text in ctx.chinese_texts:
        if "..." not in text.value and "…" not in text.value and "。。。" not in text.value:
            continue
        for m in _ELLIPSIS.finditer(_mask_ellipsis(text.value)):
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                f"ellipsis '{m.group()}' in Chinese text",
                fix="……",
                hint="use '……'",
            )


def _mask_ellipsis(text: str) -> str:
    return re.sub(r"[A-Za-z][A-Za-z0-9+.\-]*://\S+", lambda m: "\0" * len(m.group()), text)


_DASH = Pattern(r"(?<!-)-{2,}(?!-)|—{3,}|(?<![—\d])—(?![—\d])|－{2,}")


@rule("dash", Severity.WARNING, "dash written other than ——", fixable=True)
def dash(ctx: RuleContext) -> Iterator[Problem]:
    """The Chinese dash (破折号) is `——` (two U+2014), not `--` or a single `—`.

    A single `—` between digits is a range (`3—5月`) and is left alone.
    """
    for text in ctx.chinese_texts:
        if "--" not in text.value and "—" not in text.value and "－－" not in text.value:
            continue
        for m in _DASH.finditer(_mask(text.value)):
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                f"dash '{m.group()}' in Chinese text",
                fix="——",
                hint="use '——'",
            )


# Spaces between a non-ASCII character and a Latin letter or digit; the rule keeps those
# whose non-ASCII side is Chinese (a class of all Chinese characters costs more to
# compile than the whole scan).
_SPACE = Pattern(r"(?<=[^\x00-\x7f]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%]) +(?=[^\x00-\x7f])")


@rule(
    "space-cjk-latin",
    Severity.WARNING,
    "a space between Chinese and Latin letters or digits",
    fixable=True,
)
def space_cjk_latin(ctx: RuleContext) -> Iterator[Problem]:
    """Official documents put no space between Chinese characters and Latin letters or
    digits (`2026年`, `召开第5次会议`), unlike technical writing.
    """
    for text, m, base in ctx.search(_SPACE, ctx.chinese_texts):
        start, end = m.start() - base, m.end() - base
        before = text.value[start - 1]
        if has_han(before if before > "\x7f" else text.value[end]):
            yield ctx.in_text(
                text,
                start,
                end,
                "space between Chinese and Latin or digits",
                fix="",
                hint="delete the space",
            )


_FULLWIDTH_DIGITS = Pattern(r"[０-９]+")
_TO_HALF = str.maketrans("０１２３４５６７８９", "0123456789")


@rule("fullwidth-digits", Severity.WARNING, "full-width digits (２０２６)", fixable=True)
def fullwidth_digits(ctx: RuleContext) -> Iterator[Problem]:
    """Arabic digits are half-width (GB/T 15835): `2026`, not `２０２６`."""
    for text in ctx.texts:
        for m in _FULLWIDTH_DIGITS.finditer(text.value):
            half = m.group().translate(_TO_HALF)
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                f"full-width digits '{m.group()}'",
                fix=half,
                hint=f"use '{half}'",
            )


_SHORT_YEAR = Pattern(r"(?<![\d'’])([0-9]{2})(?=年[0-9]{1,2}月)")


@rule("short-year", Severity.WARNING, "an abbreviated year (25年3月)", fixable=True)
def short_year(ctx: RuleContext) -> Iterator[Problem]:
    """Years are written in full (GB/T 15835): `2025年3月`, not `25年3月`.

    The fix chooses the century that puts the year nearest to the plan's year.
    """
    century = ctx.plan.year // 100 * 100
    for text in ctx.chinese_texts:
        for m in _SHORT_YEAR.finditer(text.value):
            short = int(m.group(1))
            full = min(
                (century - 100 + short, century + short, century + 100 + short),
                key=lambda y: abs(y - ctx.plan.year),
            )
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                f"abbreviated year '{m.group()}年'",
                fix=str(full),
                hint=f"write '{full}年'",
            )


_HAO = Pattern(r"(?<=月)([0-9]{1,2})号")


@rule("date-hao", Severity.WARNING, "a date written with 号 instead of 日", fixable=True)
def date_hao(ctx: RuleContext) -> Iterator[Problem]:
    """Dates in official writing use 日, not the spoken 号: `3月5日`, not `3月5号`."""
    for text in ctx.chinese_texts:
        for m in _HAO.finditer(text.value):
            yield ctx.in_text(
                text, m.end() - 1, m.end(), f"'{m.group()}' in a date", fix="日", hint="use 日"
            )


_PADDED = Pattern(r"(?<=[0-9]{4}年)0(?=[1-9]月)|(?<=月)0(?=[1-9][日号])")


@rule("date-zero-padding", Severity.INFO, "a zero-padded month or day (01月05日)", fixable=True)
def date_zero_padding(ctx: RuleContext) -> Iterator[Problem]:
    """Dates are written without leading zeros: `2025年1月5日`, not `2025年01月05日`."""
    for text in ctx.chinese_texts:
        for m in _PADDED.finditer(text.value):
            yield ctx.in_text(
                text,
                m.start(),
                m.end(),
                "leading zero in a date",
                fix="",
                hint="write 1月5日, not 01月05日",
            )


_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "〔": "〕"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIR_MARKS = Pattern("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "]")


@rule("unbalanced-pairs", Severity.WARNING, "an opening mark without its closing mark")
def unbalanced_pairs(ctx: RuleContext) -> Iterator[Problem]:
    """Paired marks are balanced within a text: every `“` has its `”`, every `（` its
    `）`, every `《` its `》` (also `‘’`, `【】`, `〔〕`).
    """
    for text in ctx.chinese_texts:
        stack: list[tuple[str, int]] = []
        for m in _PAIR_MARKS.finditer(text.value):
            i, ch = m.start(), m.group()
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[ch]:
                    stack.pop()
                else:
                    yield ctx.in_text(
                        text,
                        i,
                        i + 1,
                        f"'{ch}' closes nothing",
                        hint=f"add the opening '{_CLOSERS[ch]}' or delete it",
                    )
                    stack.clear()
                    break
        for ch, i in stack:
            yield ctx.in_text(
                text, i, i + 1, f"'{ch}' is never closed", hint=f"add the closing '{_PAIRS[ch]}'"
            )
