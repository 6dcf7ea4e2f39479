"""Whether an owner of a task is a person (责任人) rather than a department (责任部门).

A plan names people by post and name (`工会主席 周慧敏`), by post (`分管副校长`) or by name
(`周慧敏`). A post ends with a title word; a name is two or three Han characters that start
with a common surname (the 100 most common in 公安部户政管理研究中心《二〇二〇年全国姓名报告》,
with the compound surnames of 《百家姓》 that are still in use) and do not end with the
character of an organisation (部, 科, 室, 办, 会, 委…). Local practice, not a standard:
used only to choose the label of the owners in a rendered plan.
"""

from __future__ import annotations

import re

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田于肖潘袁董叶杜丁蒋"
    "程余吕魏蔡苏任卢沈姜姚钟崔陆谭汪石傅贾范金方韦夏廖侯白孟邹秦尹江熊薛邱阎段雷龙黎史陶"
    "贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "令狐", "慕容", "司徒")
TITLES = (
    "主席",
    "书记",
    "主任",
    "校长",
    "院长",
    "经理",
    "部长",
    "科长",
    "处长",
    "局长",
    "厂长",
    "所长",
    "站长",
    "组长",
    "队长",
    "干事",
    "委员",
    "会计",
    "出纳",
    "老师",
)
ORGANISATION_ENDINGS = set("部科室办处会委组队站所院局厅校团社司中心")
# two-character department words that begin with a surname character
DEPARTMENT_WORDS = ("安保", "宣传", "文体", "后勤", "史志", "金融", "文化", "武装", "江南")

_HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def is_person(owner: str) -> bool:
    """`工会主席 周慧敏`, `分管副校长`, `周慧敏`: a person; `工会办公室`, `财务科`: not."""
    text = owner.strip()
    if not text:
        return False
    if " " in text or "\u3000" in text:  # 工会主席 周慧敏: a post, then a name
        return any(_name(part) or _post(part) for part in text.split())
    return _post(text) or _name(text)


def _post(text: str) -> bool:
    return text.endswith(TITLES)


def _name(text: str) -> bool:
    if not _HAN.match(text) or len(text) > 4 or text[-1] in ORGANISATION_ENDINGS:
        return False
    if text.startswith(DEPARTMENT_WORDS):
        return False
    if text.startswith(COMPOUND_SURNAMES):
        return len(text) in (3, 4)
    return text[0] in SURNAMES and len(text) in (2, 3)
