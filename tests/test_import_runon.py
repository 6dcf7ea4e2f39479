"""A page with no line breaks (一、…1、…2、…二、… run together in one paragraph), as a
document dumped to text gives it: split at its numbering markers. Texts written for the
tests, each with a near miss."""

from __future__ import annotations

from pathlib import Path

from import_helpers import comments, levels, run_import, source, titles
from planforge.load import parse

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "runon_zh.txt"


def test_a_plan_run_into_one_paragraph_gives_its_parts_and_items():
    data = parse(source(FIXTURE.read_text(encoding="utf-8"))).data
    assert data["title"] == "滨江小学工会2025年工作计划"
    # 二、工作目标 gives the goals, one per （一）, its items kept in the goal's text
    assert [g["text"].split()[0] for g in data["goals"]] == ["建好职工之家", "关心职工生活"]
    # near misses: 第一、二季度 and 一、二年级 are a series of numbers inside an item
    assert "组织第一、二季度的健康体检，覆盖一、二年级全体教师。" in data["goals"][1]["text"]
    measures = data["tasks"][-1]
    assert measures["title"] == "主要措施"
    # near miss: 1、2月份 after 研究 is a series, not item 1
    assert [t["title"] for t in measures["tasks"]] == [
        "每月召开一次工会委员会议，研究1、2月份的慰问安排。",
        "年底向教代会报告工会经费收支情况。",
    ]


def test_a_long_paragraph_with_numbers_in_its_sentences_is_not_split():
    # near miss: 1、2月 and 第一、二季度 in an ordinary paragraph, long but no list
    text = "某校工会2025年工作计划\n" + (
        "今年工会在1、2月走访困难职工，第一、二季度组织一、二年级教师参加健康讲座，"
        "三、四月份开展读书活动，全年围绕学校中心工作，团结动员全体教职工，"
        "努力把工会建设成为职工信赖的职工之家，为学校发展贡献力量。" * 2
    )
    data = parse(source(text + "\n")).data
    # no markers taken: the paragraph is read a sentence at a time (no structure found),
    # each sentence whole, 1、2月 and 第一、二季度 inside it
    sentences = [t["title"] for t in data["tasks"]]
    assert all(s.endswith("。") for s in sentences)
    assert data["ideology"][0].startswith("今年工会在1、2月走访困难职工，第一、二季度")


def test_dotted_items_after_a_sentences_end_are_split_and_decimals_stay_text():
    text = (
        "某校工会2025年工作计划\n"
        "一、主要任务1.加强组织建设。全年发展新会员15名，会员经费预算2.5万元，按规定使用。"
        "2.加强民主管理。每学期召开一次教代会，落实校务公开，听取教职工的意见和建议。3.关心教职工生活。慰问金标准1.5万元。"
        "二、保障措施1.加强领导。工会委员分工负责，每季度检查一次落实情况。2.加强经费管理。严格执行经费制度。\n"
    )
    data = parse(source(text)).data
    assert [t["title"] for t in data["tasks"]] == [
        "加强组织建设。",
        "加强民主管理。",
        "关心教职工生活。",
    ]
    # near misses: 2.5万元 and 1.5万元 are amounts inside an item, not items 2 and 1
    assert data["tasks"][0]["text"] == "全年发展新会员15名，会员经费预算2.5万元，按规定使用。"
    assert data["tasks"][2]["text"] == "慰问金标准1.5万元。"
    assert [s["title"] for s in data["safeguards"]] == ["加强领导。", "加强经费管理。"]


def test_a_part_heading_run_into_its_first_sentence_is_split_from_it():
    text = (
        "某校工会2025年工作计划一、指导思想以党的二十大精神为指导，坚持全心全意依靠教职工办学，"
        "围绕学校中心工作开展工会工作。二、工作目标全年发展新会员15名，建成合格职工之家。"
        "三、主要任务1、加强组织建设，规范会员管理。2、加强民主管理，每学期召开一次教代会。"
        "四、工作重点突出，成效明显，每项工作都落实到人。\n"
    )
    out = source(text)
    data = parse(out).data
    assert data["ideology"] == [
        "以党的二十大精神为指导，坚持全心全意依靠教职工办学，围绕学校中心工作开展工会工作。"
    ]
    assert [g["text"] for g in data["goals"]] == ["全年发展新会员15名，建成合格职工之家。"]
    assert [t["title"] for t in data["tasks"][:2]] == [
        "加强组织建设，规范会员管理。",
        "加强民主管理，每学期召开一次教代会。",
    ]
    # near miss: 工作重点突出 is a sentence about the work, not the heading 工作重点
    assert data["tasks"][2]["title"] == "工作重点突出，成效明显，每项工作都落实到人。"
    assert 'the heading "指导思想" split from the text run into it' in out


def test_a_lone_first_item_just_after_its_parts_heading_is_an_item():
    # a page with no line breaks: 二、 has one （一） after its label's colon, and （一）
    # one 1、 after its heading, where a space stands for the lost line break
    text = (
        "城南中学工会2025年工作计划 一、指导思想: 坚持以职工为中心，围绕学校教育教学工作，"
        "团结教职工，建设温暖的职工之家。 二、工作要点: (一)加强师德建设,增强教职工的责任感 "
        "1、组织教职工学习师德规范，每学期开展一次读书交流活动，评选师德标兵三名。"
        "三、其他工作 全年做好上级部署的(一)类重点任务，按时报送材料，年底接受考核。\n"
    )
    out = source(text)
    data = parse(out).data
    part = data["tasks"][0]
    assert "a text with no line breaks split at its numbering into" in out
    assert part["title"] == "工作要点:"
    assert [t["title"] for t in part["tasks"]] == ["加强师德建设,增强教职工的责任感"]
    assert [t["title"] for t in part["tasks"][0]["tasks"]] == [
        "组织教职工学习师德规范，每学期开展一次读书交流活动，评选师德标兵三名。"
    ]
    # near miss: （一）类 inside 三、's first sentence is no item of it
    assert (
        data["tasks"][1]["title"]
        == "其他工作 全年做好上级部署的(一)类重点任务，按时报送材料，年底接受考核。"
    )


def test_a_lone_part_over_its_run_on_items_is_a_part():
    # 一、 is the only part the excerpt shows; its items are written `1 .`
    text = (
        "河西区总工会2025年工作要点\n"
        "2025年全区工会工作的总体要求是：坚持以职工为中心，围绕全区发展大局，"
        "团结动员广大职工建功立业。一、加强职工思想引领"
        "1 .开展主题宣讲。组织宣讲团走进企业车间，全年宣讲二十场。"
        "2 .建设职工书屋。新建职工书屋五家，开展读书活动，引导职工多读书、读好书。"
        "3 .丰富职工文化。举办职工运动会和职工文艺汇演。\n"
    )
    data = parse(source(text)).data
    assert [t["title"] for t in data["tasks"]] == ["加强职工思想引领"]
    assert [t["title"] for t in data["tasks"][0]["tasks"]] == [
        "开展主题宣讲。",
        "建设职工书屋。",
        "丰富职工文化。",
    ]


def test_labels_on_a_page_with_no_line_breaks_are_its_parts():
    text = (
        "江北小学2025学年第一学期工会工作计划 工作目标: 围绕学校中心工作，团结教职工，"
        "建设教职工信赖的职工之家，全年发展新会员十名。 主要措施: 1、加强民主管理。"
        "每学期召开一次教代会，落实校务公开。 2、关心教职工生活。做好生病住院教职工的慰问，"
        "具体安排如下: 住院即慰问，费用由工会经费列支。 3、丰富文体活动。组织教职工运动会。\n"
    )
    out = source(text)
    data = parse(out).data
    assert [g["text"] for g in data["goals"]] == [
        "围绕学校中心工作，团结教职工，建设教职工信赖的职工之家，全年发展新会员十名。"
    ]
    assert [t["title"] for t in data["tasks"]] == ["主要措施"]
    assert [t["title"] for t in data["tasks"][0]["tasks"]] == [
        "加强民主管理。",
        "关心教职工生活。",
        "丰富文体活动。",
    ]
    # near miss: 安排如下: leads into its sentence, it is no label
    assert "具体安排如下: 住院即慰问" in data["tasks"][0]["tasks"][1]["text"]
    assert '"主要措施:" taken as a part: the plan is divided by labels' in comments(out)


def test_one_label_on_a_page_with_no_line_breaks_is_text():
    text = (
        "江北小学2025学年第一学期工会工作计划 今年工会围绕学校中心工作，团结教职工，"
        "建设教职工信赖的职工之家。 具体要求: 各工会小组每月开展一次活动，活动情况及时报送工会，"
        "年底由工会委员会统一考核，考核结果与评先评优挂钩，请各小组认真落实，"
        "确保各项工作按时完成，切实把工会工作做细做实，让每一位教职工都感受到职工之家的温暖。\n"
    )
    data = parse(source(text)).data
    # near miss: a single label is no division of the plan
    assert "具体要求: 各工会小组每月开展一次活动" in " ".join(
        [*data.get("ideology", []), *(t["title"] for t in data.get("tasks", []))]
    )


def test_the_one_part_an_excerpt_shows_after_a_sentence_is_a_part():
    # a summary cut off after its first part: 一、 after the opening's last sentence
    text = (
        "城南中学工会2024年工作总结\n"
        "一年来，我校工会在学校党支部和上级工会的领导下，团结全体教职工，认真履行各项职能，"
        "加强民主管理，维护教职工合法权益，开展了丰富多彩的文体活动，较好地完成了全年各项任务。"
        "一、推进学校民主管理。今年三月，学校召开了教职工代表大会，审议通过了学校发展规划，"
        "代表们提出的十二件提案全部得到答复，教职工参与学校管理的热情明显提高。\n"
    )
    data = parse(source(text)).data
    assert data["summary"]["overview"] == [
        "一年来，我校工会在学校党支部和上级工会的领导下，团结全体教职工，认真履行各项职能，"
        "加强民主管理，维护教职工合法权益，开展了丰富多彩的文体活动，较好地完成了全年各项任务。"
    ]
    assert [t["title"] for t in data["tasks"]] == ["推进学校民主管理。"]
    # near miss: 一、 opening a sentence with a comma before its stop is no heading
    prose = text.replace("一、推进学校民主管理。", "一、推进学校民主管理，")
    data = parse(source(prose)).data
    assert "tasks" not in data


def test_the_one_part_after_a_lead_in_that_announces_it_is_a_part():
    # an untitled excerpt with no line breaks: 现将…归纳如下：一、 and the heading runs into
    # its text with no stop; the text reports done work, so it is read as a summary
    text = (
        "城东街道工会联合会在街道党工委的领导下，围绕中心、服务大局，做了大量工作，"
        "组织了三次职工技能比武，走访了困难职工四十户，现将一年来的工作归纳如下："
        "一、健全组织、完善制度为提高工会的凝聚力，街道召开了职工代表大会，选举产生了新一届"
        "工会委员会，建立了经费审查委员会和女职工委员会，各委员会认真履行职责，"
        "定期召开会议研究工作，做到了重要事项集体讨论决定，工会工作逐步走上了规范化的轨道，\n"
    )
    result = run_import(text)
    assert len(result.plans) == 1 and result.plans[0].summary
    draft = result.plans[0].draft
    assert draft is not None and [s.title[:4] for s in draft.sections] == ["健全组织"]
    # near miss: 一、 after a colon that announces nothing is text (一、二年级)
    plain = text.replace("归纳如下：一、健全组织", "包括：一、二年级的教师")
    draft = run_import(plain).plans[0].draft
    assert draft is not None and draft.sections == []


# A viewer's page: its abstract repeats the opening of the text and breaks off, then the
# whole text with no line breaks: items `1. ` with a space after the dot, `-` bullets
# under them run in after a space, a page marker inside.
_VIEWER = (
    "2025年街道工会工作计划\n"
    "2025年街道工会工作计划一、建家行动1. 建强组织- 推进楼宇工会建设,扩大覆盖。- 发展\n"
    "2025年街道工会工作计划 一、建家行动 1. 建强组织 -推进楼宇工会建设,扩大覆盖。 "
    "-发展新就业形态劳动者入会,做到应入尽入。 2. 服务职工 -开展困难职工帮扶,做到 "
    "精准施策。 -办好职工书屋,每季度组织一次读书分享,丰富职工的精神文化生活。 "
    "-开展职工健康体检,组织职工疗休养。 3. 维护权益 第1 页共 2页\n"
)


def test_a_viewers_preview_goes_and_its_run_on_text_splits_at_spaced_dots_and_dashes():
    result = run_import(_VIEWER)
    assert len(result.texts) == 1
    data = parse(result.texts[0]).data
    assert levels(data) == [1, 3, 5]
    assert titles(data, 1) == ["建强组织", "服务职工", "维护权益"]
    assert titles(data, 2)[0] == "推进楼宇工会建设,扩大覆盖。"
    assert any(
        d.startswith("2025年街道工会工作计划一、建家行动1. 建强组织-") for d in result.dropped
    )
    assert "第1 页" not in str(data)


def test_a_paragraph_that_only_starts_like_the_next_one_stays_and_dashes_stay_text():
    # an opening sentence the next paragraph goes on from is no preview when it differs
    text = (
        "2025年街道工会工作计划\n"
        "街道工会将围绕中心服务大局,团结带领辖区职工建功立业,推动工作上台阶。\n"
        "街道工会将围绕中心服务大局,团结带领辖区职工建功立业,推动工作上新台阶,为此制定本计划。\n"
        "一、组织建设\n"
    )
    data = parse(source(text)).data
    assert len(data["ideology"]) == 2
    # a dash between years or times in a run-on text is not a bullet
    page = (
        "2025年街道工会工作计划 一、建家行动 1. 建强组织 推进2024-2025年度楼宇工会建设,"
        "扩大覆盖,工作时间为9:00-17:00。 2. 服务职工 开展困难职工帮扶,做到精准施策,"
        "办好职工书屋,每季度组织一次读书分享,丰富职工的精神文化生活,开展职工健康体检,"
        "组织职工疗休养,全年服务职工不少于两千人次。"
    )
    assert levels(parse(source(page)).data) == [1, 2]


def test_a_viewers_chunks_with_field_code_page_markers_and_a_tagged_title_run_in():
    # a viewer's text of an uploaded file: chunks 1、 2、, the page marker left as the word
    # processor's field codes, the title with the site's 精编 run into 一、 with no stop
    text = (
        "1、第PAGE3页共NUMPAGES3页社区卫生院2025年工会工作计划精编一、加强学习,提高职工素质"
        "1、组织职工学习工会法和劳动合同法,提高依法维权的能力。2、开展读书月活动,每季度组织"
        "一次读书分享,评选读书之星,建设书香单位,营造全院职工多读书、读好书的良好氛围。二、做好服务,增强工会凝聚力1、春节前走访困难职工,送去"
        "单位的温暖。2、组织职工健康体检,建立职工健康档\n"
        "2、案。3、开展职工疗休养活动,每年分批组织一线职工参加疗休养,让职工劳逸结合。三、丰富"
        "文体活动1、举办职工运动会。2、组织职工参加上级工会的文艺汇演,展示职工风采,丰富职工的"
        "业余文化生活,增强职工的归属感和荣誉感,推动单位文化建设。\n"
    )
    data = parse(source(text)).data
    assert (data["title"], levels(data)) == ("社区卫生院2025年工会工作计划", [3, 7])
    assert any("NUMPAGES" in d for d in run_import(text).dropped)
    assert "PAGE" not in str(data)  # no piece of the field codes left in the text
