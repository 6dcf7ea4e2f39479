"""Web residue: what a site adds around a plan (menus, breadcrumbs, sources, posting
dates, "related articles", stray codes, pinyin annotations, characters inserted against
copying). It is dropped, and every dropped piece is reported."""

from __future__ import annotations

import re
from dataclasses import replace

from planforge.importer.blocks import Block, join_lines
from planforge.importer.extract import looks_like_title
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
# A viewer's page marker left inside the text it broke (…的沟通与合作 第1 页共 3页 …): a page
# number together with the page count, which a plan's own words never give.
# The same marker written with the field codes of a word processor that were not updated
# (第PAGE10页共NUMPAGES10页).
_PAGE_IN_TEXT = re.compile(
    r"\s*第\s*(?:PAGE\s*)?\d{1,3}\s*页\s*[/，,]?\s*共\s*(?:NUMPAGES\s*)?\d{1,3}\s*页\s*"
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
    """`text` without invisible characters, pinyin annotations, a viewer's page markers and
    stray codes; and what was removed."""
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
    for m in _PAGE_IN_TEXT.finditer(text):
        removed.append(m.group().strip())
    text = _PAGE_IN_TEXT.sub(" ", text).strip()
    for m in _STRAY_CODE.finditer(text):
        removed.append(m.group().strip())
    text = _STRAY_CODE.sub("", text).rstrip()
    return text, removed


def drop_residue(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks that belong to the plan, and the residue dropped, in order: furniture
    lines, a site's notice, a viewer's chunk markers (the chunks joined), a viewer's
    preview of the text below it and a site editor's blurb above the plans."""
    kept: list[Block] = []
    dropped: list[str] = []
    notice = _notice(blocks)
    for i, block in enumerate(blocks):
        if block.furniture:  # marked by its reader: a page number inside a paragraph
            dropped.append(f"the page number {block.text}")
            continue
        if i in notice or (not block.is_row and residue_line(block.text)):
            dropped.append(block.text)
            continue
        text, removed = clean_text(block.text)
        dropped.extend(removed)
        if text:
            cells = block.cells
            if cells is not None:
                cells = [clean_text(c)[0] for c in cells]
            kept.append(replace(block, text=text, cells=cells))
    kept, joined = join_chunks(kept)
    if joined:
        dropped.append(joined)
    kept, previews = _drop_previews(kept)
    dropped += previews
    kept, blurbs = _drop_blurbs(kept)
    return kept, dropped + blurbs


_NOTICE_HEAD = re.compile(rf"^\s*(?:{'|'.join(residue_words.NOTICE_HEADINGS)})\s*[:：]?\s*$")
_NOTICE_WORD = re.compile(
    "|".join((*residue_words.NOTICE_WORDS, *residue_words.NOTICE_PHRASES)), re.I
)
_LIST_MARK = re.compile(r"^\s*[(（]?\d{1,2}\s*[、.．)）]")
# a list item's number, written twice when a page's list numbers items that number
# themselves (1. 1、下载文档前…)
_COUNTED = re.compile(r"^\s*[(（]?(\d{1,2})\s*[、.．)）]\s*(?:(\d{1,2})\s*[、.．)）])?")
_NOTICE_BUTTON = 12  # characters: a site's button over its notice (合集下载), not a title


def _notice(blocks: list[Block]) -> set[int]:
    """The lines of a site's own numbered notice about its files and downloads: under a
    notice heading (温馨提示： then 1. … 4.) when most items speak of the site; with no
    heading, a list counting 1, 2, 3… above the page's first numbered line (the plan has
    not begun) when every item speaks of the site, or most do and each number is written
    twice (1. 1、下载文档前… 2. 2、…, a viewer's list over items that number themselves).
    A short line just above a headless notice that speaks of the site (合集下载) goes too."""
    out: set[int] = set()
    begun = False  # a numbered line seen: the plan's own lists from here on
    i = 0
    while i < len(blocks):
        block = blocks[i]
        headed = not block.is_row and _NOTICE_HEAD.match(block.text) is not None
        start = i + 1 if headed else i
        end, doubled = _counted_run(blocks, start)
        items = blocks[start:end]
        about_site = sum(1 for b in items if _NOTICE_WORD.search(b.text))
        if headed:
            found = bool(items) and 2 * about_site > len(items)
        else:
            found = (
                not begun
                and len(items) >= 2
                and (about_site == len(items) or (doubled and 2 * about_site > len(items)))
            )
        if found:
            out.update(range(i, end))
            above = blocks[i - 1] if i and not headed else None
            if (
                above is not None
                and not above.is_row
                and len(above.text.strip()) <= _NOTICE_BUTTON
                and _NOTICE_WORD.search(above.text)
            ):
                out.add(i - 1)
            i = end
            continue
        begun = begun or (
            not block.is_row and bool(_LIST_MARK.match(block.text) or _ZH_MARK.match(block.text))
        )
        i += 1
    return out


def _counted_run(blocks: list[Block], start: int) -> tuple[int, bool]:
    """Where the list counting 1, 2, 3… from `start` ends, and whether each of its numbers
    is written twice (1. 1、)."""
    end, doubled = start, True
    while end < len(blocks) and not blocks[end].is_row:
        m = _COUNTED.match(blocks[end].text)
        if m is None or int(m[1]) != end - start + 1:
            break
        doubled = doubled and m[2] is not None and m[2] == m[1]
        end += 1
    return end, doubled and end > start


# A document viewer's chunk marker: the text of an uploaded file shown in chunks of a few
# hundred characters, each line opening 1、 2、 3、 whatever the text's own numbering.
_CHUNK_MARK = re.compile(r"^(\d{1,3})\s*[、.．]\s*")
# a part of the text's own numbering inside a chunk: 一、 or （一） after a sentence's end
_OWN_PART = re.compile(
    r"[。；;！？!?:：\s][一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）]"
)
_CHUNK_LONG = 150  # characters: a chunk is a page's worth of text, an item rarely is
_SENTENCE_ENDS = tuple('。！？!?；;:：…."”’」』)）】]》')


def join_chunks(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """A document viewer's chunks (1、… 2、… 3、…, lines counting from 1 that split one
    text, each long and most ending mid-sentence, the next going on with it, the text's
    own parts 一、 （一） inside them) joined into the one text they split, without their
    markers; and what was dropped, or None."""
    out: list[Block] = []
    runs: list[int] = []
    i = 0
    while i < len(blocks):
        run = _chunk_run(blocks, i)
        if run < 2:
            out.append(blocks[i])
            i += 1
            continue
        texts = [_CHUNK_MARK.sub("", b.text, count=1).strip() for b in blocks[i : i + run]]
        out.append(replace(blocks[i], text=join_lines("\n".join(texts))))
        runs.append(run)
        i += run
    if not runs:
        return blocks, None
    markers = " | ".join(f"1、…{n}、" for n in runs)
    return out, f"a document viewer's chunk markers {markers} (its chunks joined as one text)"


def _chunk_run(blocks: list[Block], start: int) -> int:
    """How many lines from `start` are a viewer's chunks (0 when they are not)."""
    bodies: list[str] = []
    for block in blocks[start:]:
        m = None if block.is_row else _CHUNK_MARK.match(block.text)
        if m is None or int(m[1]) != len(bodies) + 1:
            break
        bodies.append(block.text[m.end() :].strip())
    while len(bodies) >= 2:
        inner = bodies[:-1]  # the last chunk may be cut short by the page
        cut = sum(1 for b in inner if not b.endswith(_SENTENCE_ENDS))
        long = all(len(b) >= _CHUNK_LONG for b in inner)
        # the text's own parts inside: the chunk markers are not its numbering
        if long and cut and 2 * cut >= len(inner) and any(_OWN_PART.search(b) for b in bodies):
            return len(bodies)
        bodies.pop()
    return 0


_PREVIEW_SHORTEST = 30  # characters: a preview is a few lines' worth, a title is shorter
_SPACES = re.compile(r"\s+")
_CLAUSE = re.compile(r"[，。,;；:：]")  # a preview runs into sentences; a title has none


def _drop_previews(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The paragraphs that repeat the opening of the paragraph just below them, cut short
    (a viewer's abstract or preview over the full text: …1. 加强组织建设- 继续推进…- 加强),
    dropped and listed: the same characters, spaces aside, into its sentences (not a title)."""
    kept: list[Block] = []
    dropped: list[str] = []
    for i, block in enumerate(blocks):
        below = blocks[i + 1] if i + 1 < len(blocks) else None
        opening = _SPACES.sub("", block.text)
        if (
            below is not None
            and not block.is_row
            and not below.is_row
            and len(opening) >= _PREVIEW_SHORTEST
            and _CLAUSE.search(block.text) is not None
            and (rest := _SPACES.sub("", below.text)) != opening
            and rest.startswith(opening)
        ):
            dropped.append(block.text)
            continue
        kept.append(block)
    return kept, dropped


_BLURB_EDITOR = re.compile(residue_words.BLURB_EDITOR)
_BLURB = re.compile("|".join(residue_words.BLURBS))
_BLURB_LONG = 300  # characters: a blurb is a few sentences
_ZH_MARK = re.compile(r"^\s*[(（]?[一二三四五六七八九十]{1,3}\s*[、)）]")


def _drop_blurbs(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The paragraphs of a site editor's blurb (下面是小编为大家整理的…) dropped, and listed:
    above the page's first numbered line when they name the editor, above its first title
    with another of a blurb's phrases."""
    kept: list[Block] = []
    dropped: list[str] = []
    numbered = titled = False
    for block in blocks:
        text = block.text
        numbered = numbered or block.is_row or bool(_LIST_MARK.match(text) or _ZH_MARK.match(text))
        if (
            not numbered
            and len(text) <= _BLURB_LONG
            and not looks_like_title(text)  # 工会工作计划（精选3篇）: the page's title
            and (_BLURB_EDITOR.search(text) or (not titled and _BLURB.search(text)))
        ):
            dropped.append(text)
            continue
        titled = titled or looks_like_title(text)
        kept.append(block)
    return kept, dropped
