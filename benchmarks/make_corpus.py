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

ZH_PLACES = [
    "南湖区",
    "江城市",
    "滨海新区",
    "青山县",
    "东城区",
    "临江市",
    "北塘区",
    "西山镇",
    "高新区",
    "长宁县",
    "金川市",
    "白云区",
]
ZH_SCHOOLS = [
    "实验中学",
    "第一中学",
    "第三中学",
    "实验小学",
    "外国语学校",
    "职业技术学校",
    "师范学校",
    "育才小学",
    "中心幼儿园",
    "第二高级中学",
]
ZH_FIRMS = ["华宇", "恒通", "金石", "远航", "振兴", "东方", "新达", "长城", "宏远", "中联"]
ZH_TRADES = ["机械", "电力", "物流", "纺织", "化工", "建材", "食品", "电子", "汽车零部件", "港务"]
ZH_FORMS = ["有限公司", "股份有限公司", "集团有限公司"]
ZH_FEDERATIONS = ["总工会", "教育工会", "机关工会联合会", "产业园区工会联合会", "卫生健康工会"]

ZH_OWNERS = {
    "school": [
        "工会办公室",
        "女工委",
        "文体委员会",
        "生活福利委员会",
        "宣传委员会",
        "提案工作委员会",
        "经费审查委员会",
        "教导处",
        "德育处",
        "总务处",
        "各工会小组",
    ],
    "enterprise": [
        "工会办公室",
        "女工委",
        "文体协会",
        "生产保障部",
        "人力资源部",
        "安全环保部",
        "劳动保护监督检查委员会",
        "经费审查委员会",
        "技术中心",
        "各分工会",
    ],
    "federation": [
        "办公室",
        "组织部",
        "基层工作部",
        "法律工作部",
        "保障工作部",
        "女职工部",
        "宣传教育部",
        "经费审查委员会",
        "财务部",
    ],
}
ZH_CHAIRS = [
    "工会主席 王慧敏",
    "工会主席 陈建国",
    "工会主席 李卫东",
    "工会主席 张丽华",
    "工会主席 刘志强",
    "常务副主席 赵敏",
]

# Sections: (title, [leaf task titles]); {n} is replaced by a number.
ZH_SECTIONS = {
    "school": [
        (
            "推进民主管理，保障教职工民主权利",
            [
                "召开教代会全体会议",
                "征集和督办教代会提案",
                "公开绩效工资考核发放情况",
                "公开职称评审推荐过程",
                "组织教代会代表巡视校园",
            ],
        ),
        (
            "加强师德建设，服务教师成长",
            [
                "举办师德报告会",
                "签订师德承诺书",
                "评选“最美教师”",
                "举办青年教师教学基本功比赛",
                "落实“青蓝工程”师徒结对",
                "举办班主任工作经验交流会",
            ],
        ),
        (
            "关心教职工生活，办好暖心实事",
            [
                "元旦、春节走访慰问",
                "高温季节送清凉",
                "开展金秋助学",
                "组织教职工健康体检",
                "动态管理困难教职工档案",
                "举办教师心理健康讲座",
            ],
        ),
        (
            "建设教工之家，丰富文体生活",
            [
                "组织兴趣小组活动",
                "举办迎新春教职工联欢会",
                "组织春季健步走",
                "举办教职工趣味运动会",
                "开展教工书屋读书分享会",
            ],
        ),
        (
            "做好女教职工工作",
            ["组织“三八”妇女节活动", "组织女教职工“两癌”筛查", "建设“爱心妈咪小屋”"],
        ),
        (
            "加强工会自身建设",
            [
                "更新会员信息，按时收缴会费",
                "编制工会经费预算",
                "组织工会委员和小组长培训",
                "经费审查委员会审查经费收支",
                "开展年终自查和工作总结",
            ],
        ),
    ],
    "enterprise": [
        (
            "坚持职代会制度，推进厂务公开",
            [
                "召开职工代表大会",
                "督办职代会提案",
                "组织职工代表巡视生产现场",
                "公开绩效考核和福利发放情况",
            ],
        ),
        (
            "签订和履行集体合同",
            [
                "续签综合集体合同",
                "开展工资专项集体协商",
                "续签女职工权益保护专项集体合同",
                "开展集体合同履约检查",
            ],
        ),
        (
            "组织职工建功立业",
            [
                "开展“提质增效”劳动竞赛",
                "举办焊工技能比武",
                "举办数控车工技能比武",
                "举办维修电工技能比武",
                "征集合理化建议",
                "新建劳模创新工作室",
            ],
        ),
        (
            "抓好安全生产群众监督",
            [
                "班组群众安全监督员按月检查",
                "开展“安全生产月”活动",
                "检查高温岗位防暑措施",
                "培训班组安全员",
            ],
        ),
        (
            "做好帮扶和女职工工作",
            [
                "春节送温暖",
                "动态管理困难职工档案",
                "开展金秋助学",
                "组织女职工专项体检",
                "举办“三八”节女职工技能展示",
            ],
        ),
        (
            "加强工会自身建设",
            [
                "做好会员发展和会费收缴",
                "举办职工篮球赛",
                "组织分工会干部培训",
                "经费审查委员会审查年度经费收支",
            ],
        ),
    ],
    "federation": [
        (
            "扩大工会组织覆盖",
            [
                "推进新就业形态劳动者集中入会",
                "督促到期基层工会按时换届",
                "在物流园区设立入会服务点",
                "召开工会会员代表大会",
            ],
        ),
        (
            "建设职工之家",
            [
                "摸底申报职工之家建设名单",
                "验收新建职工之家",
                "新建职工书屋",
                "推荐申报市级模范职工之家",
            ],
        ),
        (
            "维护职工合法权益",
            [
                "指导非公企业开展工资集体协商",
                "提供法律援助和劳动争议调解",
                "开展劳动法律监督检查",
                "举办劳动法律知识讲座",
            ],
        ),
        (
            "服务困难职工",
            ["元旦、春节送温暖", "核实困难职工档案", "开展金秋助学", "为户外劳动者送清凉"],
        ),
        (
            "加强工会自身建设",
            ["举办基层工会主席培训班", "审计所属工会经费收支", "年底考核基层工会工作"],
        ),
    ],
}
ZH_HOW = [
    "按照上级工会的统一部署",
    "在充分征求职工意见的基础上",
    "结合本单位生产经营实际",
    "由各工会小组分头组织",
    "会同相关职能部门",
    "在工会委员会例会研究后",
]
ZH_WHAT = [
    "制订实施方案并明确责任人",
    "建立工作台账，逐月登记进展",
    "做到对象、标准、金额三公开",
    "分批次组织实施，确保覆盖全体会员",
    "形成书面报告报送上级工会",
    "会后及时公示结果",
]
ZH_MEASURE = [
    "参加人数不少于{n}人",
    "覆盖率达到{p}%",
    "完成率达到100%",
    "满意率不低于{p}%",
    "资金投入{n}万元",
    "形成案例材料{n}份",
]
ZH_GOALS = [
    ("会员入会率保持在{p}%以上，新入职职工当年入会。", "≥{p}%"),
    ("召开职（教）代会全体会议不少于1次，提案办结率100%。", "100%"),
    ("困难职工帮扶覆盖率100%，年内解困脱困不少于{n}户。", "{n}户"),
    ("全年组织文体活动不少于{n}次，职工参与面达到{p}%以上。", "≥{p}%"),
    ("技能比武覆盖{n}个工种，新增高级工、技师{m}人。", "{m}人"),
    ("群众安全监督员配备率100%，隐患整改闭环率100%。", "100%"),
    ("新建职工之家{n}家、职工书屋{m}家。", "{n}家"),
    ("女职工专项体检参检率达到{p}%以上。", "≥{p}%"),
]
ZH_IDEOLOGY = [
    "以习近平新时代中国特色社会主义思想为指导，贯彻落实《中华人民共和国工会法》和上级工会{y}年工作要点，围绕本单位{y}年中心工作，履行维护职工合法权益、竭诚服务职工的基本职责。",
    "本年度以民主管理为基础，以{focus}为重点，把关心职工生活、帮助困难职工的各项措施落实到每个月的具体工作中。",
]
ZH_FOCUS = {
    "school": "师德建设和教工之家创建",
    "enterprise": "劳动竞赛和安全生产群众监督",
    "federation": "基层工会规范化建设和新就业形态劳动者入会",
}
ZH_SAFEGUARDS = [
    ("加强组织领导", "工会委员会每月召开一次例会，研究部署当月工作，每季度向党组织汇报一次。"),
    ("保障工作经费", "按预算安排活动支出，专款专用，单笔5000元以上支出经工会委员会集体研究。"),
    ("加强督促检查", "每半年对照本计划检查一次完成情况，结果在职工大会上通报。"),
    ("做好宣传报道", "通过宣传栏、微信公众号及时报道工会活动，每季度编印一期工作简报。"),
]
ZH_RESULTS = [
    "已按计划完成，{n}人参加，参与面{p}%。",
    "共组织{n}场次，收集意见建议{m}条，均已答复。",
    "投入资金{m}万元，受益职工{n}人。",
    "完成率100%，职工满意率{p}%。",
]
ZH_FIGURES = ["参加人数", "覆盖人数", "场次", "资金（万元）", "意见建议", "满意率"]
ZH_EVIDENCE = ["签到表", "活动照片", "会议纪要", "发放签收表", "工作台账", "公示记录"]
ZH_REASONS = [
    "受生产任务调整影响，经工会委员会研究顺延到下一年度。",
    "上级工会已统一组织同类活动，本级不再单独举办。",
]
ZH_DEADLINES = [
    "{m}月",
    "{m}月底前",
    "{y}-{m:02d}",
    "{y}-{m:02d}-{d:02d}",
    "{m}月{d}日",
    "第{qz}季度",
    "Q{q}",
    "上半年",
    "下半年",
    "{m1}月-{m2}月",
    "{y}-{m1:02d}..{y}-{m2:02d}",
    "每月",
    "每季度",
    "全年",
]

EN_ORGS = [
    "Northgate Hospital Staff Union",
    "Riverside College Branch",
    "Harbourside Transit Workers' Union",
    "Eastfield Council Staff Association",
    "Millbrook Postal Workers' Branch",
    "Westport Dockers' Union",
]
EN_OWNERS = [
    "Branch Secretary",
    "Branch Chair",
    "Treasurer",
    "Membership Officer",
    "Health and Safety Officer",
    "Education Officer",
    "Communications Officer",
    "Welfare Officer",
    "Negotiating Committee",
    "Workplace representatives",
]
EN_SECTIONS = [
    (
        "Organising and union democracy",
        [
            "Hold the annual general meeting",
            "Hold members' meetings at each workplace",
            "Recruit new starters at induction",
            "Run a recruitment drive",
            "Publish the branch newsletter",
        ],
    ),
    (
        "Pay and conditions",
        [
            "Survey members on pay priorities",
            "Submit the annual pay claim",
            "Ballot members on the offer",
            "Negotiate a workload agreement",
            "Represent members in grievances",
        ],
    ),
    (
        "Health and safety",
        [
            "Carry out joint workplace inspections",
            "Review the lone-working policy",
            "Introduce assault reporting",
            "Run a stress survey",
        ],
    ),
    (
        "Training and finance",
        [
            "Train new workplace representatives",
            "Set the branch budget",
            "Run the hardship fund",
            "Have the accounts audited",
        ],
    ),
]
EN_HOW = [
    "with the agreement of the branch executive",
    "together with workplace representatives",
    "after consulting members at workplace meetings",
    "using the national union's toolkit",
]
EN_GOALS = [
    ("Raise membership density to {p}% of the workforce.", "{p}%"),
    ("Settle the pay claim at or above inflation.", "≥ CPI"),
    ("Have an accredited representative in each of {n} workplaces.", "{n} reps"),
    ("Close {p}% of safety findings within 30 days.", "{p}%"),
]
EN_RESULTS = [
    "Completed; {n} members took part.",
    "{n} cases handled, {m} resolved.",
    "Done on time; {p}% of members responded.",
]
EN_FIGURES = ["Members taking part", "Cases", "Responses", "Meetings held"]
EN_DEADLINES = [
    "March",
    "end of June",
    "{y}-{m:02d}",
    "{y}-{m:02d}-{d:02d}",
    "Q{q}",
    "H1",
    "H2",
    "{y}-{m1:02d}..{y}-{m2:02d}",
    "monthly",
    "quarterly",
    "weekly",
    "year-round",
]

RUBRICS = {
    "school": ["five-ones-school", "model-home"],
    "enterprise": ["five-ones-enterprise", "home-scoring"],
    "federation": ["model-home"],
    "en": ["en-union-basics"],
}
RUBRIC_ITEMS = {
    "five-ones-school": ["congress", "contest", "culture", "care", "showcase"],
    "five-ones-enterprise": ["congress", "contest", "culture", "care", "showcase"],
    "model-home": [
        "org-congress",
        "org-dues",
        "org-audit",
        "org-women",
        "rights-congress",
        "rights-openness",
        "work-plan",
        "work-ledger",
        "effect-warmth",
        "effect-aid",
    ],
    "home-scoring": [
        "congress",
        "contract",
        "openness",
        "safety",
        "warmth",
        "aid",
        "women",
        "funds-audit",
    ],
    "en-union-basics": [
        "agm",
        "organising",
        "bargaining",
        "health-safety",
        "training",
        "welfare",
        "communication",
        "finance-audit",
    ],
}
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
