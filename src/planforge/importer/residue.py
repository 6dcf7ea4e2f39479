"""Web residue: what a site adds around a plan (menus, breadcrumbs, sources, posting
dates, "related articles", stray codes, pinyin annotations, characters inserted against
copying). It is dropped, and every dropped piece is reported."""

from __future__ import annotations

import re
from dataclasses import replace

from planforge.importer.blocks import Block
from planforge.vocab import residue as residue_words
from planforge.zh import HAN, has_han

_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[{HAN}])[(（]([a-zü{_TONE}]*[{_TONE}][a-zü{_TONE}]*)[)）]")
# A code of letters and digits glued to Chinese text, or alone after a sentence.
_STRAY_CODE = re.compile(
    rf"(?<=[{HAN}。，；、])[A-Za-z]{{1,3}}\d{{3,}}(?=[{HAN}。，；、]|$)"
    r"|(?<=[.!?。！？])\s+[A-Z]{1,3}\d{3,}\s*$"
)

# A site's address or "本文来自…" slipped into the text to mark copies.
_SITE_MARK = re.compile(
    r"(?:https?://)?(?:www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|cc)(?:/\S*)?"
    r"|[(（]?(?:本文|文章)来[自源][于:：]?[^，。,)）\s]{1,20}[)）]?"
)
_RESIDUE_LINE = re.compile(residue_words.LINE, re.I)
_POSTED = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s.*)?$")
# Furniture known by its shape: a time or date alone behind a label (时间: 11:11:35), an
# image's file name, a document viewer's page marker (第2页 / 共5页, - 3 -, Page 2 of 5, 2/5).
_SHAPES = re.compile(
    r"^(?:时间|日期|发布|更新|date|time|updated)?\s*[:：]?\s*"
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*)?\d{1,2}:\d{2}(?::\d{2})?$"
    r"|^[\w\-.()（）\u4e00-\u9fff]{1,60}\.(?:jpe?g|png|gif|webp|bmp|svg)$"
    r"|^(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|[-—]\s*\d+\s*[-—]"
    r"|page\s+\d+(?:\s+of\s+\d+)?"
    # a viewer's page chunk alone on its line: 2/5, 2 of 5, ·2·
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}\s+of\s+\d{1,3}|[·•]\s*\d{1,3}\s*[·•]"
    # a viewer's page header: the file's name and the page (…工作计划_第2页)
    r"|[^。！？!?]{0,60}_\s*第\s*\d+\s*页)$",
    re.I,
)
_TITLE_TAGS = re.compile("|".join(residue_words.TITLE_TAGS), re.I)
_CRUMB = re.compile(r"^[^。.！!？?]{1,40}(?:\s*[>›»]\s*[^。.！!？?]{1,40})+$")


def is_menu(text: str) -> bool:
    """A row of short link labels separated by spaces, such as a site menu."""
    if "|" in text:
        words = [w.strip() for w in text.split("|")]
        return len(words) >= 3 and all(0 < len(w) <= 16 for w in words)
    words = text.split()
    return (
        len(words) >= 4
        and all(len(w) <= 6 and has_han(w) for w in words)
        and not re.search(r"[。，,.；;：:!！?？]", text)
    )


def residue_line(text: str) -> bool:
    return bool(
        _RESIDUE_LINE.match(text)
        or _CRUMB.match(text)
        or is_menu(text)
        or (_POSTED.match(text) and len(text) < 60)
        or bool(_SHAPES.match(text.strip()))
    )


def clean_title(title: str) -> tuple[str, list[str]]:
    """A title without what a site added to it (（精选14篇）, Sample Essay … Selected)."""
    removed = [m.group().strip() for m in _TITLE_TAGS.finditer(title)]
    cleaned = re.sub(r"\s{2,}", " ", _TITLE_TAGS.sub(" ", title)).strip(" -—_|:：")
    return (cleaned, removed) if cleaned else (title, [])


def clean_text(text: str) -> tuple[str, list[str]]:
    """`text` without invisible characters, pinyin annotations and stray codes; and what
    was removed."""
    removed: list[str] = []
    if _INVISIBLE.search(text):
        removed.append("invisible characters")
        text = _INVISIBLE.sub("", text)
    for m in _PINYIN.finditer(text):
        removed.append(f"pinyin ({m[1]})")
    text = _PINYIN.sub("", text)
    for m in _SITE_MARK.finditer(text):
        removed.append(m.group())
    text = _SITE_MARK.sub("", text)
    for m in _STRAY_CODE.finditer(text):
        removed.append(m.group().strip())
    text = _STRAY_CODE.sub("", text).rstrip()
    return text, removed


def drop_residue(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks that belong to the plan, and the residue dropped, in order."""
    kept: list[Block] = []
    dropped: list[str] = []
    for block in blocks:
        if not block.is_row and residue_line(block.text):
            dropped.append(block.text)
            continue
        text, removed = clean_text(block.text)
        dropped.extend(removed)
        if text:
            cells = block.cells
            if cells is not None:
                cells = [clean_text(c)[0] for c in cells]
            kept.append(replace(block, text=text, cells=cells))
    return kept, dropped
