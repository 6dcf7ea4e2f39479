"""What document-sharing sites put around a plan (issue 16): a viewer's chunk markers and
file card, a site's own numbered notice, an editor's blurb, a title set over several
lines or repeated around an abstract. Each on a short text written for the test, with a
near miss that must not fire."""

from __future__ import annotations

from import_helpers import comments, levels, run_import, source, titles
from planforge.load import parse


def _one(text: str) -> tuple[dict, str, list[str]]:
    result = run_import(text)
    assert len(result.texts) == 1, f"expected one plan, found {len(result.texts)}"
    return parse(result.texts[0]).data, result.texts[0], result.dropped


# ---------------------------------------------------------------------------- viewer chunks

# A plan shown by a viewer in chunks: each line opens 1、 2、 3、 and goes on with the text
# the line above broke off mid-sentence; the plan's own parts are 一、 and 1. inside them.
_CHUNKS = (
    "2025年街道工会工作要点.docx\n"
    "上传人：li****8 文档编号：10203040 上传时间：2025-01-06 格式：DOCX 页数：6\n"
    "资源描述：\n"
    "《2025年街道工会工作要点.docx》由会员分享，可在线阅读，更多相关《2025年街道工会工作要点"
    ".docx(6页珍藏版)》请在文库上搜索。\n"
    "1、2025年街道工会工作要点2025年，街道工会工作的总体要求是：以服务职工为中心，围绕街道发展"
    "大局，团结动员辖区广大职工在建设美丽街道中建功立业，推动工会工作再上台阶。一、加强职工思想"
    "引领1.开展理论宣讲进企业活动。组织宣讲团深入辖区企业和楼宇开展宣讲，全年不少于十场，把党的"
    "声音传到生产一线，传到每一位\n"
    "2、职工身边。2.打造职工文化阵地。新建职工书屋两家，举办职工读书分享会和摄影展，丰富职工精神"
    "文化生活，提升职工文明素养。支持企业工会建设职工之家，为一线职工提供休息、阅读和健身的场所，"
    "推动职工之家建设向新就业形态劳动者延伸，全年建成户外劳动者服务站点三个，在辖区企业中营造积"
    "极向上、团结友爱、比学赶超的良好\n"
    "3、氛围。3.办好第五届职工运动会。\n"
)


def test_a_viewers_chunk_markers_are_no_structure_and_their_chunks_one_text():
    data, text, dropped = _one(_CHUNKS)
    assert data["title"] == "2025年街道工会工作要点"
    assert levels(data) == [1, 3]
    assert titles(data) == ["加强职工思想引领"]
    assert titles(data, 1)[1] == "打造职工文化阵地。"
    # the chunks are joined where the viewer cut them: no text lost, none run together
    assert "传到每一位职工身边。" in str(data) and "良好氛围。" in str(data)
    assert data["ideology"][0].startswith("2025年，街道工会工作的总体要求是")
    note = comments(text)[0]
    for furniture in ("上传人", "资源描述", "由会员分享", "chunk markers"):
        assert furniture in note
    assert any("上传人" in d for d in dropped)


def test_numbered_paragraphs_that_end_their_sentences_are_items_not_chunks():
    body = (
        "组织开展职工技能比武，覆盖辖区重点企业，全年培养技术能手二十名，推荐优秀选手参加市级比赛。"
        * 3
    )
    data = parse(
        source(f"2025年街道工会工作计划\n一、建功立业\n1、{body}\n2、{body}\n3、办好职工运动会。\n")
    ).data
    assert levels(data) == [1, 3]
    # long items a writer left without their stop, nothing of the text's own parts inside
    loose = (body * 2).rstrip("。") + "，年底前完成"
    data = parse(source(f"2025年街道工会工作计划\n1、{loose}\n2、{loose}\n3、办好运动会\n")).data
    assert levels(data) == [3]


# ---------------------------------------------------------------------------- notices


_NOTICE = (
    "温馨提示：\n"
    "1. 本站文档均由用户上传，如有侵权请联系网站删除。\n"
    "2. 下载前请先预览，确认内容后再下载。\n"
    "网站客服：400-000-0000\n"
    "2025\n社区工会工作\n要点\n"
    "2025年社区工会工作要点\n"
    "2025年社区工会工作要点\n"
    "社区工会将围绕中心、服务大局，团结带领职工群众建功立业。\n"
    "一、加强组织建设\n"
    "（一）推进新就业形态劳动者入会。\n"
)


def test_a_sites_numbered_notice_is_furniture_and_a_title_over_three_lines_one_title():
    data, text, dropped = _one(_NOTICE)
    assert data["title"] == "2025年社区工会工作要点"
    assert levels(data) == [1, 1]
    assert data["ideology"] == ["社区工会将围绕中心、服务大局，团结带领职工群众建功立业。"]
    assert "温馨提示：" in dropped and "网站客服：400-000-0000" in dropped
    assert any("title broken over lines joined" in c for c in comments(text))


def test_a_plans_own_notice_keeps_its_items():
    data = parse(
        source(
            "2025年职工登山活动方案\n一、活动安排\n1、4月12日上午8时在公司门口集合。\n"
            "二、注意事项\n温馨提示：\n1、注意防寒保暖，穿运动鞋。\n2、结伴而行，不单独行动。\n"
        )
    ).data
    assert "注意防寒保暖，穿运动鞋。" in str(data)
    assert levels(data) == [2, 3]


# A site's notice with no heading: a list whose items number themselves again (1. 1、),
# each speaking of the site's files, above the page's heading and the plan.
_HEADLESS = (
    "职工之家建设方案\n"
    "全部下载\n"
    "  1. 1、本站文档由会员上传，下载前请先预览，确认完整后再下载。\n"
    "  2. 2、付费文档一经下载不予退款，如有疑问请联系客服。\n"
    "职工之家建设方案\n"
    "2025-03-01\n"
    "机关工会职工之家建设方案\n"
    "一、建设目标\n建成一个功能齐全的职工之家。\n"
    "二、建设内容\n1、设阅览室。\n2、设健身房。\n"
)


def test_a_sites_notice_with_no_heading_is_furniture_above_the_plan():
    data, _, dropped = _one(_HEADLESS)
    assert levels(data) == [2, 2]
    assert "下载" not in str(data) and "全部下载" in dropped
    assert any(d.startswith("1. 1、本站文档") for d in dropped)
    # single markers: every item must speak of the site
    single = _HEADLESS.replace("1. 1、", "1. ").replace("2. 2、", "2. ")
    assert levels(_one(single)[0]) == [2, 2]


def test_a_plans_own_first_list_or_a_later_list_about_the_website_is_kept():
    # the plan's first list: one item only speaks of the site
    own = "机关工会2025年工作要点\n1、建好工会网站，及时发布动态。\n2、组织职工读书活动。\n"
    assert levels(_one(own)[0]) == [2]
    # after the plan has begun, a list about its own website stays
    later = (
        "机关工会2025年工作要点\n一、宣传工作\n"
        "1、更新工会网站栏目，上传活动照片。\n2、网站文档每月归档一次。\n"
    )
    assert levels(_one(later)[0]) == [1, 2]


def test_a_sites_declaration_above_a_repeated_title_is_dropped_and_makes_no_plan():
    text = (
        "社区工会2025年工作计划\n"
        "申明敬告：本站不保证用户上传的文档完整，下载后不予退换。\n"
        "社区工会2025年工作计划\n"
        "一、组织建设\n1、发展新会员。\n2、建好职工小家。\n"
    )
    result = run_import(text)
    assert len(result.texts) == 1
    assert levels(parse(result.texts[0]).data) == [1, 2]
    assert any(d.startswith("申明敬告") for d in result.dropped)


# ---------------------------------------------------------------------------- blurbs


def test_a_site_editors_blurb_above_the_title_is_dropped_and_listed():
    text = (
        "下面是小编为大家整理的社区工会工作计划5篇，仅供参考，希望对大家有所帮助。\n"
        "社区工会2025年工作计划\n一、加强组织建设\n1、发展新会员。\n"
    )
    data, written, dropped = _one(text)
    assert data["title"] == "社区工会2025年工作计划"
    assert "小编" not in str(data)
    assert dropped[0].startswith("下面是小编")
    assert "下面是小编" in comments(written)[0]


def test_text_above_the_title_that_is_no_blurb_is_kept():
    text = "内部资料 注意保存\n社区工会2025年工作计划\n一、加强组织建设\n1、发展新会员。\n"
    data, written, _ = _one(text)
    assert data["title"] == "社区工会2025年工作计划"
    assert data["ideology"] == ["内部资料 注意保存"]
    assert any("above the title kept" in c for c in comments(written))
    # a preamble that offers help to members is the plan's own, not a blurb
    own = "社区工会2025年工作计划\n新的一年，工会将为大家带来更多服务，希望对大家有所帮助。\n一、服务\n1、送温暖。\n"
    assert "希望对大家有所帮助" in str(parse(source(own)).data)


def test_a_run_on_page_reads_bracketed_parts_run_into_a_heading_and_spaced_dots():
    page = (
        "2025年医院工会工作计划一、指导思想以服务职工为中心，团结动员全院职工立足岗位建功立业，"
        "推动医院高质量发展。二、重点任务(一)加强民主管理，开好职工代表大会，落实院务公开制度。"
        "(二)维护职工权益，切实提高工会维权能力(三)丰富文体活动，努力提高工会服务能力。三、宣传工作"
        "1 .办好职工讲堂，每季度一期。2 .用好工会公众号，及时发布工会动态。"
    )
    data = parse(source(page)).data
    assert titles(data) == ["重点任务", "宣传工作"]
    assert levels(data) == [2, 5]
    assert titles(data, 1)[1:3] == [
        "维护职工权益，切实提高工会维权能力",
        "丰富文体活动，努力提高工会服务能力。",
    ]


# ---------------------------------------------------------------------------- titles and plans


def test_a_title_repeated_around_the_sites_abstract_makes_one_plan():
    text = (
        "幼儿园工会2025年工作计划\n"
        "摘要：本文介绍了幼儿园工会2025年工作计划的主要内容，包括组织建设和文体活动等方面。\n"
        "幼儿园工会2025年工作计划\n"
        "为发挥工会作用，促进幼儿园发展，特制定本计划。\n"
        "一、组织建设\n1、完善工会小组。\n2、发展新会员。\n二、文体活动\n1、举办迎新春联欢。\n"
    )
    result = run_import(text)
    assert len(result.texts) == 1
    data = parse(result.texts[0]).data
    assert levels(data) == [2, 3]
    assert data["ideology"] == ["为发挥工会作用，促进幼儿园发展，特制定本计划。"]
    assert any(d.startswith("摘要：") for d in result.dropped)
    assert any("摘要：本文介绍了" in c for c in comments(result.texts[0]))


def test_a_sites_category_heading_over_the_documents_fuller_title_gives_the_fuller_one():
    text = (
        "工会工作计划.\n工会工作计划\n城南小学工会2025年工作计划\n一、组织建设\n1、发展新会员。\n"
    )
    data, written, dropped = _one(text)
    assert data["title"] == "城南小学工会2025年工作计划"
    assert "ideology" not in data  # the heading and its repeat with a stop are left out
    assert dropped.count("工会工作计划") == 1 and "工会工作计划." in dropped
    assert any("the fuller one taken" in c for c in comments(written))
    # a title over a line that only shares its plan word is no heading: the first is taken
    other = "城南小学工会2025年工作计划\n职工之家建设方案\n一、组织建设\n1、发展新会员。\n"
    assert _one(other)[0]["title"] == "城南小学工会2025年工作计划"
    # a site's tag with its count in Chinese numerals leaves the title
    tagged = "机关工会2025年工作计划【三篇】\n一、组织建设\n1、发展新会员。\n"
    assert _one(tagged)[0]["title"] == "机关工会2025年工作计划"


def test_a_repeated_title_over_structure_of_its_own_is_a_second_plan():
    text = (
        "工会工作计划\n一、组织建设\n1、发展新会员。\n"
        "工会工作计划\n一、文体活动\n1、举办运动会。\n2、举办读书会。\n"
    )
    assert len(run_import(text).texts) == 2


def test_numbering_that_starts_again_after_the_last_part_is_a_second_plan():
    text = (
        "街道总工会2025年工作计划\n"
        "一、加强组织建设，扩大工会覆盖。\n二、开展劳动竞赛。\n三、做好困难职工帮扶。\n"
        "四、加强工会自身建设。\n"
        "一、关心干警生活，及时解决实际困难。\n二、了解干警思想状况，做好谈心谈话。\n"
    )
    result = run_import(text)
    assert len(result.texts) == 2
    first, second = (parse(t).data for t in result.texts)
    assert levels(first) == [4] and levels(second) == [2]
    assert "title" not in second
    assert any("starts again" in c for c in comments(result.texts[1]))
    assert not any("starts again" in c for c in comments(result.texts[0]))


def test_numbering_that_starts_again_under_a_title_line_gives_that_plan_its_title():
    text = (
        "区工会2025年工作计划\n一、组织建设\n二、劳动竞赛\n三、帮扶救助\n"
        "区机关工会2025年工作计划\n一、学习教育\n二、文体活动\n"
    )
    assert _plan_titles(text) == ["区工会2025年工作计划", "区机关工会2025年工作计划"]


def _plan_titles(text: str) -> list[str]:
    return [parse(t).data["title"] for t in run_import(text).texts]


def test_numbering_that_starts_again_under_a_plans_own_title_is_a_second_plan_early():
    text = (
        "街道工会春季健步走活动方案\n一、活动目的\n增强职工体质。\n二、注意事项\n"
        "1、穿运动鞋。\n2、结伴而行。\n"
        "街道总工会2025年职工读书活动方案\n一、活动宗旨\n倡导全民阅读。\n二、活动安排\n"
    )
    assert _plan_titles(text) == ["街道工会春季健步走活动方案", "街道总工会2025年职工读书活动方案"]
    result = run_import(text)
    assert levels(parse(result.texts[0]).data) == [2, 2]
    assert any("starts again" in c for c in comments(result.texts[1]))
    # a heading over a list of the second part is no plan's title: one plan
    inner = "工会工作计划\n一、指导思想\n二、主要任务\n具体活动安排\n一、建家\n二、帮扶\n"
    assert len(run_import(inner).texts) == 1


def test_numbering_that_starts_again_early_or_goes_back_to_the_old_count_is_one_plan():
    # 一、 again after 二、 only: a list inside the second part, not a new plan
    early = "工会工作计划\n一、指导思想\n二、主要任务\n一、建家\n二、帮扶\n"
    assert len(run_import(early).texts) == 1
    # the inner list restarts, then the parts go on past it (三、 after 二、 … 三、)
    back = "工会工作计划\n一、指导思想\n二、目标\n三、主要任务\n一、建家\n二、帮扶\n三、保障\n三、保障措施\n"
    assert len(run_import(back).texts) == 1
