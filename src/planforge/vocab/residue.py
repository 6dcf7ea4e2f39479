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
    # a document-sharing site's card of the uploaded file: 上传人：… 文档编号：… 客服：…
    r"上传(?:人|者|时间|日期)",
    r"文档编号",
    r"网站客服",
    r"在线客服",
    # a site's declaration above a document it hosts: 申明敬告：本站不保证…
    r"申明敬告",
    r"免责(?:声明|申明)",
    r"版权(?:声明|申明)",
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
    r"由(?:会员|用户|网友)(?:分享|上传)\s*[,，]?\s*可在线阅读",
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
    # a page's link for keyboard and screen-reader users, above its menu
    r"skip to (?:the )?(?:main )?content",
    r"skip navigation",
    r"跳(?:转)?(?:到|至)(?:主要)?(?:内容|正文)",
    r"(?:继续)?(?:免费)?阅读全文|继续(?:免费)?阅读",
    r"(?:免费)?下载(?:本|此)?文档",
    r"(?:文档|资源)(?:简介|介绍|描述|预览)",
    # the card of a file a sharing site shows, one field a line: 2021-04-14 发布 | 37.5 KB | 11页
    r"[-–·•]?\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*发布\s*\|?",
    r"[-–·•]?\s*\d+(?:\.\d+)?\s*(?:KB|MB|GB)\s*\|?",
    r"[-–·•]?\s*(?:共\s*)?\d+\s*页\s*\|?",
)

# A site's own numbered notice above a document it hosts (温馨提示：1. 部分包含数学公式…
# 2. 本文档由用户上传… 3. 下载前请…; or, with no heading, 1. 1、下载文档前请自行甄别… as a
# viewer's list whose items number themselves again): items that speak of the site, its
# files, downloads, copyright, previews, reading, members, points or browsers. The importer
# drops such a list above the plan's first numbered line (with a heading, most items must
# speak of the site; with none, all of them, or most when the markers are doubled); a plan's
# own 温馨提示 (about safety, a venue) keeps its items.
NOTICE_HEADINGS = (
    r"温馨提示",
    r"友情提示",
    r"特别提示",
    r"下载(?:提示|须知|说明)",
    r"(?:免责|版权|特别)声明",
)
NOTICE_WORDS = (
    r"下载",
    r"文档",
    r"版权",
    r"侵权",
    r"侵犯[^。]{0,6}权益",
    r"本站",
    r"本?网站",
    r"本平台",
    r"客服",
    r"上传",
    r"预览",
    r"付费",
    r"退款",
    r"转载",
    r"浏览器",
    r"在线阅读",
    r"阅读器",
    r"VIP",
    r"(?:下载|所需|消耗|扣除)\s*\d*\s*积分",
    r"会员(?:下载|免费|专享|特权|权益)",
    r"copyright",
    r"download",
    r"browser",
)
# The phrases of such a notice that a plan never says of itself; the `web-residue` rule
# flags them in a plan's text (a notice copied with it), as it flags MARKERS.
NOTICE_PHRASES = (
    r"下载文档前",
    r"本站不(?:保证|提供|承担|负责|予受理)",
    r"如(?:文档|本文|内容|作品)?侵犯(?:了)?(?:您|你)的",
    r"仅部分预览",
    r"不可在线预览",
    r"人工客服",
)

_LABELS = "|".join(LABELS)
_MARKERS = "|".join((*MARKERS, *NOTICE_PHRASES))
_HEADINGS = "|".join(HEADINGS)
_TRAIL = r"\s*[:：]?\s*[»>›]*"

# Where a label may start: at the start of a line or text value, after punctuation
# (【来源：…】, …，来源：…), or after a space that ends another field of the byline
# (2024-01-02 来源：…, 区教育局 发布时间：…); not inside a phrase (经费来源：, funding source:).
_LABEL_START = rf"(?:(?<![^\0\n])|(?<=[^\w\s])|(?<=[\d{CJK}]\s))"

# A whole line of residue (match from its start, case-insensitive): a label, a marker
# opening the line (after brackets, or after the 《name》 of the file a viewer shows), or a
# heading alone.
LINE = (
    rf"^.*?{_LABEL_START}(?:{_LABELS})\s*[:：].*"
    rf"|^[\s【\[(（]*(?:《[^》]{{1,80}}》\s*)?(?:{_MARKERS}).*"
    rf"|^\s*(?:{_HEADINGS}){_TRAIL}$"
)


def _first_chars() -> str:
    """The characters a residue can start with, both cases (a scan skips all others)."""
    chars = set()
    for fragment in (*LABELS, *MARKERS, *NOTICE_PHRASES):
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


# What a site adds to a plan's title: （精选14篇）, 【通用5篇】, 【三篇】, (范文), "Sample Essay
# 1000 Words Selected". The importer strips them from a title and says so; they never name
# the issuer.
# The words a site appends to a title it offers (…工作计划精编, …范文): the title ends before
# them, and a run-on text's first part may follow them (…工作计划精编一、…).
TITLE_TAIL = r"范文|模板|大全|精选|精编"
TITLE_TAGS = (
    r"[(（\[【]\s*(?:精选|通用|热门|优秀|最新|实用)?\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*篇\s*[)）\]】]",
    r"[(（\[【]\s*(?:精选|通用|热门|优秀|最新|实用|范文|合集|汇编|大全)[^)）\]】]{0,8}[)）\]】]",
    rf"(?:{TITLE_TAIL})(?:\s*\d+\s*篇)?\s*$",
    r"\b(?:sample\s+essays?|model\s+essays?|fan\s*wen)\b",
    r"\b\d+\s+words\b",
    r"\b(?:selected|collection|template)s?\s*$",
    r"\.(?:docx?|wps|pdf|pptx?|txt)\s*$",  # a viewer shows the uploaded file's name
)


# A site editor's blurb above the plans it collects (下面是小编为大家整理的…9篇，仅供参考；
# 欢迎来到…网；希望对你有所帮助). The importer drops such a paragraph, and lists it, when it
# stands above the page's first numbered line and names the site's editor (小编), or above
# its first title with one of the other phrases (a plan's own opening may wish its readers
# well).
BLURB_EDITOR = r"小编"
BLURBS = (
    r"仅供(?:参考|借鉴)",
    r"欢迎(?:来到|访问|光临)[^。！!]{0,20}(?:网|站)",
    r"(?:整理|收集|搜集|汇总)(?:了|的)?[^。！!？?]{0,30}\d+篇",
    r"希望(?:能|可以|会)?(?:对|帮助到?|帮到)(?:你|您|大家)",
    r"希望(?:你|您|大家)(?:喜欢|满意)",
    r"(?:你|您|大家)(?:有所)?帮助[。！!]?$",
)
