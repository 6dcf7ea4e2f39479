"""Words a reviewer reads a plan by: shared by the `review` rules and the year rule.

Each list is a regular-expression alternation (compiled lazily by the rules) or plain
data; each says where it comes from. Where no published text lists the words, they are
the wording of plans and reviewers' marks (local practice).
"""

from __future__ import annotations

# ---------------------------------------------------------------- a year about the past
# A year before the plan's year is a copy-from-last-year error unless the words around it
# are about that year as the past: its report, its summary, its awards, its accounts.

PAST_BEFORE_ZH = (
    r"总结|回顾|审议|听取|表彰|评选|评比|评先|推选|决算|述职|审计|盘点|结转|获评|荣获|巩固|"
    r"延续|上年|去年|上一年|相比|对比|比较|同比"
)
"""Verbs and words before the year, in the same clause, that make it a past reference:
总结2026年工作, 审议2026年度工作报告, 表彰2026年度先进."""

PAST_JUST_BEFORE_ZH = r"(?:自|从|截至|截止|较|比|与|同)\s*$"
"""Words right before the year that make it a starting point or a comparison: 自2026年,
截至2026年底, 较2026年."""

PAST_AFTER_ZH = (
    r"\s*年?度?\s*[“「\"《]?(?:以来|底|末|初以来|的基础上|"
    r"[^，。；;,]{0,8}?(?:工作报告|报告|总结|决算|先进|优秀|最美|十佳|模范|标兵|考核|述职|"
    r"收支|账目|审计|成绩|成果|获评|基础上|完成情况|执行情况|评议|测评|评价)|"
    r"[^，。；;,]{0,12}?(?:召开|印发|下发|颁布|出台|发布|通过|举办|成立|当选)的)"
)
"""Words after the year that make it a past reference: 2026年度工作报告, 2026年度“最美教师”,
2026年以来, 2026年12月召开的全委会."""

PAST_BEFORE_EN = (
    r"\b(?:since|from|than|compared|review\w*|report\w*|accounts?|results?|achieved|"
    r"last|previous|adopted|passed|held)\b"
)
"""English words before the year, in the same sentence, that make it a past reference."""

CLAUSE_BREAK = "，。；;！？!?\n"
"""Marks that end the clause a year is read in."""

# ---------------------------------------------------------------- congress by kind
CONGRESS_SCHOOL = r"教代会|教职工代表大会|教职代会"
"""The congress of a school: 学校教职工代表大会规定（教育部令第32号, 2011）第二条."""
CONGRESS_ENTERPRISE = r"(?<![教])职代会|(?<![教])职工代表大会"
"""The congress of an enterprise or institution: 企业民主管理规定（中共中央纪委、中央组织部等,
总工发〔2012〕12号）第二章 职工代表大会; 教职工代表大会 is the school's, not this."""

# ---------------------------------------------------------------- the union's money
DUES_WORDS = r"工会经费|工会会费|会费|工会账户|工会资金"
"""What names the union's own money (not the employer's budget)."""
FORBIDDEN_SPENDING = (
    r"年终奖|奖金|津贴|补贴|购物卡|超市卡|商场卡|代金券|充值卡|消费卡|礼品卡|提货卡|现金|红包|礼金|请客送礼|"
    r"高消费|旅游费"
)
"""What dues may not pay for: 全总 工会经费“八不准” (不准滥发奖金、津贴、补贴; 不准购买购物卡、
代金券; 不准请客送礼; 不准用于高消费), 基层工会经费收支管理办法 (全总, 2017): festival gifts in
kind, not cash or 购物卡."""
NEGATION = r"不得|严禁|禁止|不准|不能|不可|杜绝|不许|防止|避免|不(?:用|以|发|再|搞|予|列)"
"""Words that turn a clause about forbidden spending into a promise not to do it (not
不断, 不仅: a plain 不 is too common to count)."""
ALLOWED_SPENDING: dict[str, str] = {
    "奖金": r"竞赛|比赛|比武|表彰|评选|评先|先进|合理化建议|技术创新|优胜|获奖",
    "现金": r"困难|帮扶|救助|慰问金|助学|住院|生病|患病|去世|丧|结婚|生育",
    "补贴": r"困难|帮扶|救助|助学|住院|生病|患病|医疗互助",
    "津贴": r"困难|帮扶|救助",
}
"""Where a word of `FORBIDDEN_SPENDING` names what the rules allow, by the words of its
clause: rewards of 劳动竞赛 and 合理化建议 (基层工会经费收支管理办法: 职工素质提升、劳动和技能
竞赛的奖励), 慰问金 for illness, bereavement, marriage and birth, 帮扶 and 助学."""

# ---------------------------------------------------------------- business targets
BUSINESS_TARGETS = (
    r"产值|利润|销售额|销售收入|营业收入|营收|营业额|产量|税收|利税|毛利|回款|市场占有率|"
    r"订单|出货量|GDP"
)
"""The employer's business figures: the union's goals are its members' (工会法 第六条: 维护
职工合法权益、竭诚服务职工群众是工会的基本职责); a union supports them through 劳动竞赛."""
UNION_MEANS = r"劳动竞赛|技能竞赛|技能比武|建功立业|合理化建议|技术革新|创新工作室|岗位练兵|劳模"
"""The union's own means of supporting production: a goal or task that names one of these
is the union's (劳动竞赛 带动 产值) and not the employer's target."""

# ---------------------------------------------------------------- goals with a rate
METRICS: tuple[tuple[str, str], ...] = (
    ("履约满意率", r"履约[^，。；\d]{0,4}满意[率度]"),
    ("劳动合同签订率", r"劳动合同[^，。；\d]{0,4}签订率"),
    ("集体合同签订率", r"集体合同[^，。；\d]{0,4}签订率"),
    ("入会率", r"入会率"),
    ("建会率", r"建会率"),
    ("满意率", r"满意[率度]"),
    ("提案办结率", r"提案[^，。；\d]{0,4}(?:办结|落实)率"),
    ("整改率", r"整改[^，。；\d]{0,4}率"),
)
"""Rates a rubric item and a goal may both state, most specific first: name → pattern.
A goal's rate is compared with the rubric item's rate of the same name."""
