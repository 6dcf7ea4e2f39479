"""Web residue: the words a site puts around a plan copied from it (location bar, byline,
counters, share and print links, footer), as regular-expression fragments without groups.

The importer drops a line that opens with one of them (`LINE`); the `web-residue` rule
flags them anywhere in a plan's text (`IN_TEXT`). Both read the same three lists, so a
word the importer drops is one the rule flags. Collected from the pages of the importer's
seeds (tests/fixtures/import) and common Chinese CMS templates (DedeCMS, PHPCMS, 帝国CMS):
their 来源/作者/发布时间 byline, 您的当前位置 bar, 打印本页/关闭窗口 links and 版权所有/ICP备
footer. Each fragment starts with a literal character (the rule scans only from those).
"""

from __future__ import annotations

from planforge.zh import CJK

# A label of the byline or location bar, followed by a colon: 来源：新华网, Source: BBC.
LABELS = (
    r"来源",
    r"发布(?:时间|日期)",
    r"作者",
    r"浏览(?:次数|量)?",
    r"点击(?:数|量|率)",
    r"当前位置",
    r"您的位置",
    r"本文(?:地址|链接)",
    r"分享到",
    r"字号",
    r"source",
    r"posted(?: on| by)?",
    r"author",
    r"views",
)

# Words of the frame wherever they stand: 您的当前位置, 首页 > 通知公告, 【打印本页】.
MARKERS = (
    r"您的?当前位置",
    r"首页\s*[>›»＞/]",
    r"浏览(?:次数|量)",
    r"责任编辑",
    r"上一篇",
    r"下一篇",
    r"打印本页",
    r"关闭窗口",
    r"返回顶部",
    r"返回首页",
    r"版权所有",
    r"ICP备",
    r"扫一扫",
    # a document-sharing site's viewer around a plan uploaded as a file
    r"已阅读\s*\d+\s*页",
    r"还剩\s*\d+\s*页未读",
    r"本文档由用户提供并上传",
    r"版权说明\s*[:：]\s*本文档",
    r"分享到\s*(?:微信|微博|QQ|朋友圈)",
    r"字体\s*[:：]?\s*[【\[]?\s*大\s*中\s*小",
    r"©",
    r"copyright\s*(?:©|\(c\)|\d{4})",
    r"all rights reserved",
    r"you are here",
    r"posted (?:on|by)\b",
    r"home\s*[>›»/]",
    r"share this",
    r"print this page",
    r"back to top",
)

# Headings of the frame, residue when they are the whole line: 相关文章, 阅读全文.
HEADINGS = (
    r"(?:相关|推荐|热门|精彩|最新)(?:推荐|文章|阅读|资讯|专题)",
    r"(?:显示|展开|阅读|查看)全文",
    r"点击(?:查看|下载)[^。！？]{0,20}",
    r".{0,20}首页正文",
    r"(?:recommended|popular|related|latest|hot)\s+(?:articles?|posts?|reading)",
    r"read more",
    r"(?:继续)?(?:免费)?阅读全文|继续(?:免费)?阅读",
    r"(?:免费)?下载(?:本|此)?文档",
    r"文档(?:简介|介绍|预览)",
)

_LABELS = "|".join(LABELS)
_MARKERS = "|".join(MARKERS)
_HEADINGS = "|".join(HEADINGS)
_TRAIL = r"\s*[:：]?\s*[»>›]*"

# Where a label may start: at the start of a line or text value, after punctuation
# (【来源：…】, …，来源：…), or after a space that ends another field of the byline
# (2024-01-02 来源：…, 区教育局 发布时间：…); not inside a phrase (经费来源：, funding source:).
_LABEL_START = rf"(?:(?<![^\0\n])|(?<=[^\w\s])|(?<=[\d{CJK}]\s))"

# A whole line of residue (match from its start, case-insensitive): a label, a marker
# opening the line (after brackets), or a heading alone.
LINE = (
    rf"^.*?{_LABEL_START}(?:{_LABELS})\s*[:：].*"
    rf"|^[\s【\[(（]*(?:{_MARKERS}).*"
    rf"|^\s*(?:{_HEADINGS}){_TRAIL}$"
)


def _first_chars() -> str:
    """The characters a residue can start with, both cases (a scan skips all others)."""
    chars = set()
    for fragment in (*LABELS, *MARKERS):
        if fragment[0] in "\\([.":
            raise ValueError(f"residue fragment {fragment!r} must start with a literal")
        chars.update({fragment[0].lower(), fragment[0].upper()})
    return "".join(sorted(chars))


# Residue inside a plan's text (search, case-insensitive): a label with its colon where a
# label may start; a marker anywhere; a heading that is a whole text value. Text values are
# searched joined by NUL, so a whole value sits between NULs (or newlines).
IN_TEXT = (
    rf"(?=[{_first_chars()}])(?:{_LABEL_START}(?:{_LABELS})\s*[:：]|{_MARKERS})"
    rf"|(?<![^\0\n])[ \t\u3000]*(?:{_HEADINGS}){_TRAIL}(?![^\0\n])"
)


# What a site adds to a plan's title: （精选14篇）, 【通用5篇】, (范文), "Sample Essay 1000 Words
# Selected". The importer strips them from a title and says so; they never name the issuer.
TITLE_TAGS = (
    r"[(（\[【]\s*(?:精选|通用|热门|优秀|最新|实用)?\s*\d+\s*篇\s*[)）\]】]",
    r"[(（\[【]\s*(?:精选|通用|热门|优秀|最新|实用|范文|合集|汇编|大全)[^)）\]】]{0,8}[)）\]】]",
    r"(?:范文|模板|大全|精选)(?:\s*\d+\s*篇)?\s*$",
    r"\b(?:sample\s+essays?|model\s+essays?|fan\s*wen)\b",
    r"\b\d+\s+words\b",
    r"\b(?:selected|collection|template)s?\s*$",
)
