"""Outline: heading styles, nesting, skipped levels, boxes, lists, page breaks, web debris."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.ingest.document import ParsedDoc, SourceText
from policygraph.ingest.normalize import normalise
from policygraph.ingest.outline import parse_outline


def outline(text: str) -> list:
    src = SourceText(file="t.txt", path=Path("t.txt"), text=text, encoding="utf-8", format="txt", sha256="0")
    doc = ParsedDoc(source=src, norm=normalise(text))
    return parse_outline(doc)


def paths(text: str) -> list[tuple[str, str]]:
    return [(s.path, s.title) for s in outline(text)]


@pytest.mark.parametrize(
    "line, kind, number, title",
    [
        ("第一篇 发展基础篇", "pian", "第一篇", "发展基础篇"),
        ("第十二章 着力提升城市整体价值", "zhang", "第十二章", "着力提升城市整体价值"),
        ("第三节 推进县域城镇建设", "jie", "第三节", "推进县域城镇建设"),
        ("专栏 3 重点工程清单", "box", "专栏3", "重点工程清单"),
        ("【专栏2】重大项目", "box", "专栏2", "重大项目"),
        ("第一部分 总体要求", "part", "第一部分", "总体要求"),
        ("一、指导思想和主要目标", "cn", "一", "指导思想和主要目标"),
        ("十一、保障措施", "cn", "十一", "保障措施"),
        ("(一)指导思想:深入贯彻落实党的精神。", "paren_cn", "(一)", "指导思想"),
        ("（二）主要目标：到2025年，全市森林覆盖率达到62%。", "paren_cn", "(二)", "主要目标"),
        ("1.打好蓝天保卫战。坚持源头治理,推进燃煤锅炉改造。", "arabic", "1", "打好蓝天保卫战"),
        ("1、优化产业布局", "arabic", "1", "优化产业布局"),
        ("1．完善配套设施。加快建设。", "arabic", "1", "完善配套设施"),
        ("(1)退出重化工业,推进老工业区搬迁改造。具体措施如下", "paren_arabic", "(1)", "退出重化工业,推进老工业区搬迁改造"),
        ("①加快推进污水管网建设;", "circled", "①", "加快推进污水管网建设"),
        ("（一）加強組織領導。成立領導小組。", "paren_cn", "(一)", "加強組織領導"),
    ],
)
def test_each_heading_style_is_read_with_its_title(line, kind, number, title):
    (s,) = outline(line + "\n")
    assert (s.kind, s.number, s.title) == (kind, number, title)


@pytest.mark.parametrize("bracket", ["(责任单位:市农业农村局;配合单位:各区政府)", "（牵头单位：市农业农村局）",
                                     "(市农业农村局牵头,各区政府配合)", "(各区人民政府负责)"])
def test_title_stops_before_a_responsibility_bracket(bracket):
    (s,) = outline(f"3.开展农村环境整治试点{bracket}\n")
    assert s.title == "开展农村环境整治试点"


_SCHEME = """为贯彻落实上级部署,结合我区实际,制定本方案。
一、总体要求
(一)指导思想
深入贯彻落实新发展理念,推动高质量发展。
(二)主要目标
到2025年,全区空气质量优良率达到90%。
二、重点任务
(一)推进产业转型
1.优化产业布局
(1)南提。改造提升老工业区。
(2)北拓。加快新区建设。
2.强化创新驱动。支持企业建设研发中心。
(二)改善生态环境
1.加强水系治理。推进河道清淤。
三、保障措施
1.强化组织领导。成立工作领导小组。
2.强化监督考核。将任务纳入年度考核。
"""


def test_nesting_follows_the_usual_order_and_builds_paths():
    assert paths(_SCHEME) == [
        ("一", "总体要求"), ("一.(一)", "指导思想"), ("一.(二)", "主要目标"),
        ("二", "重点任务"), ("二.(一)", "推进产业转型"), ("二.(一).1", "优化产业布局"),
        ("二.(一).1.(1)", "南提"), ("二.(一).1.(2)", "北拓"), ("二.(一).2", "强化创新驱动"),
        ("二.(二)", "改善生态环境"), ("二.(二).1", "加强水系治理"),
        ("三", "保障措施"), ("三.1", "强化组织领导"), ("三.2", "强化监督考核"),
    ]


def test_skipped_level_nests_under_the_nearest_open_heading():
    secs = outline(_SCHEME)
    by_path = {s.path: s for s in secs}
    top = secs.index(by_path["三"])
    assert by_path["三.1"].parent == top
    assert by_path["三.1"].depth == 1
    assert by_path["二.(一).1"].depth == 2


def test_extents_run_to_the_next_item_at_the_same_or_a_higher_level():
    secs = outline(_SCHEME)
    by_path = {s.path: s for s in secs}
    assert _SCHEME[by_path["二.(一).1"].start:by_path["二.(一).1"].end].endswith("加快新区建设。")
    assert by_path["二"].end == by_path["三"].start - 1  # the newline before 三、 is trimmed
    assert _SCHEME[by_path["三.2"].start:by_path["三.2"].end] == "2.强化监督考核。将任务纳入年度考核。"


def test_a_kind_that_comes_back_after_another_is_its_parent():
    # this document puts arabic items above (一)-items: 1. … (一) (二) 2. … (一)
    text = "1.总体要求\n(一)指导思想\n(二)基本原则\n2.主要任务\n(一)产业转型\n"
    assert [p for p, _ in paths(text)] == ["1", "1.(一)", "1.(二)", "2", "2.(一)"]


def test_chapters_sections_and_boxes():
    text = """第一篇 发展基础
第一章 发展成就
第一节 经济实力
全市地区生产总值突破三千亿元,综合实力迈上新台阶,产业结构持续优化,创新能力显著增强,城乡面貌焕然一新,人民生活水平不断提高。
专栏 1 主要荣誉
全国文明城市
第二节 发展经验
坚持创新驱动。
第二章 发展环境
"""
    secs = outline(text)
    assert [(s.kind, s.path) for s in secs] == [
        ("pian", "第一篇"), ("zhang", "第一篇.第一章"), ("jie", "第一篇.第一章.第一节"),
        ("box", "专栏1"), ("jie", "第一篇.第一章.第二节"), ("zhang", "第一篇.第二章"),
    ]
    box = secs[3]
    assert box.title == "主要荣誉" and secs[box.parent].kind == "jie"
    assert text[box.start:box.end] == "专栏 1 主要荣誉\n全国文明城市"


def test_box_ends_where_prose_resumes():
    prose = "这是被分页打断后续接的正文段落," * 8 + "完。"
    text = f"第一节 发展成就\n专栏 2 标志性大事\n{prose}\n第二节 发展经验\n"
    box = [s for s in outline(text) if s.kind == "box"][0]
    assert text[box.start:box.end] == "专栏 2 标志性大事"


def test_box_holds_its_own_items_but_never_the_outline_around_it():
    prose = "围绕先进制造业发展目标,推进产业基础高级化和产业链现代化,打造具有国际竞争力的产业集群," * 2 + "完。"
    text = (f"一、发展目标\n专栏 1 主要指标\n(一)指导思想\n坚持创新驱动。\n"
            f"(二)重点产业\n专栏 2 重点工程\n1.轨道交通产业集群\n2.航空动力产业\n{prose}\n(三)保障措施\n")
    assert [(s.path, s.depth) for s in outline(text)] == [
        ("一", 0), ("专栏1", 1), ("一.(一)", 1), ("一.(二)", 1), ("专栏2", 2),
        ("专栏2.1", 3), ("专栏2.2", 3), ("一.(三)", 1),
    ]


def test_numbered_list_that_starts_mid_document_is_a_list():
    text = ("正文 第四章 实施篇(二)\n\n43、在农村开展沼气综合利用试点(责任单位:省农办)。\n\n"
            "44、出台落后产能淘汰办法(责任单位:省财政厅)。\n\n"
            "湖南省某某办\n\n关于印发工作要点的函\n\n一、完善规划政策体系\n\n(一)抓紧编制相关规划。完成规划编制。\n")
    secs = outline(text)
    assert [(s.kind, s.path, s.depth) for s in secs] == [
        ("list", "43", 0), ("list", "44", 0), ("cn", "一", 0), ("paren_cn", "一.(一)", 1),
    ]


def test_heading_number_alone_on_its_line_takes_the_next_line_as_title():
    secs = outline("第三章\n指导思想和发展原则\n坚持党的全面领导。\n")
    assert [(s.number, s.title) for s in secs] == [("第三章", "指导思想和发展原则")]


def test_title_is_rejoined_across_a_page_break():
    long_line = "1.加快推进城乡环境基础设施建设和农村人居环境综合整治,全面提升城乡面貌和居民生活品质的水"
    text = "(一)改善人居环境\n" + long_line + "\f平。具体包括:完善污水管网。\n2.强化监督。落实责任。\n"
    secs = outline(text)
    item = [s for s in secs if s.number == "1"][0]
    assert item.title == long_line[2:] + "\f平"  # the original characters, break included


def test_paragraph_cut_by_a_page_break_is_a_cut_however_long_the_other_lines_are():
    long_para = "全面贯彻新发展理念,加快构建新发展格局,推动高质量发展取得新成效。" * 6
    text = (f"(一)推进城乡融合\n{long_para}\n{long_para}\n推进基本公共服务和社会保障城乡统\f\n"
            "一、制度并轨、普惠共享。加快推动教育医疗资源共享。\n(二)深化农村改革\n")
    assert [s.number for s in outline(text)] == ["(一)", "(二)"]


def test_cut_paragraph_starting_with_a_number_is_not_a_heading():
    para = "全面推进城乡要素平等交换、双向流动,加快形成城乡统一开放的要素市场和公共服务体系,推动城乡融合发展走深走实,推进基本公共服务城乡统"
    text = f"(一)推进城乡融合\n{para}\n一、制度并轨、普惠共享。加快推动教育医疗资源共享。\n(二)深化农村改革\n"
    assert [s.number for s in outline(text)] == ["(一)", "(二)"]


@pytest.mark.parametrize("line", ["一、二季度完成项目招标。", "一、二、三产业协调发展。", "三、四级医院建设"])
def test_enumerated_numbers_at_a_line_start_are_not_headings(line):
    assert outline(line + "\n") == []


def test_table_of_contents_is_not_outlined_twice():
    toc = "目录\n第一章 总则 1\n第二章 主要任务 5\n第三章 保障措施 9\n"
    bare_toc = "目录\n第一章 总则\n第二章 主要任务\n第三章 保障措施\n"
    body = "第一章 总则\n本规划依据国家有关规定编制。\n第二章 主要任务\n推进产业转型。\n第三章 保障措施\n加强组织领导。\n"
    for text in (toc + body, bare_toc + body):
        secs = outline(text)
        assert [s.number for s in secs] == ["第一章", "第二章", "第三章"]
        assert text[secs[0].start:secs[0].end] == "第一章 总则\n本规划依据国家有关规定编制。"


def test_enumeration_cut_after_its_comma_is_not_a_heading():
    text = "(一)优化产业结构\n到2017年,全市第一、\n\n二、三产业比重调整到5:55:40。\n(二)推进转型\n"
    assert [s.number for s in outline(text)] == ["(一)", "(二)"]


def _wrap(text: str, width: int = 20) -> str:
    """Hard-wrap each paragraph at `width` characters, as PDF text layers do."""
    return "\n".join(p[i:i + width] for p in text.split("\n") for i in range(0, len(p), width)) + "\n"


_WRAPPED = _wrap(
    "一、总体要求\n"
    "(一)指导思想。深入贯彻落实新发展理念,坚持生态优先、绿色发展,推动经济社会发展全面绿色转型,"
    "建设人与自然和谐共生的现代化城市,全面提升城乡环境质量和居民生活品质。\n"
    "二、重点任务\n"
    "(一)推进城乡融合。加快形成城乡统一开放的要素市场,全面推进基本公共服务的城乡统"  # 40 chars: wrap after 统
    "一、制度并轨、普惠共享,提升公共服务水平。\n"
    "(二)强化组织领导。落实责任。"
)


def test_page_number_line_between_the_halves_of_a_cut_paragraph_is_skipped():
    lines = _WRAPPED.split("\n")
    cut = lines.index(next(ln for ln in lines if ln.startswith("一、制度并轨")))
    text = "\n".join(lines[:cut] + ["— 3 —", ""] + lines[cut:])
    assert [s.path for s in outline(text)] == ["一", "一.(一)", "二", "二.(一)", "二.(二)"]


def test_hard_wrapped_pdf_lines_do_not_make_false_headings():
    assert "\n一、制度并轨" in _WRAPPED
    assert [s.path for s in outline(_WRAPPED)] == ["一", "一.(一)", "二", "二.(一)", "二.(二)"]


def test_web_debris_does_not_become_sections_and_footer_closes_the_last_item():
    text = """首页 > 新闻 > 时政 > 正文
分享到: 微信 微博
一、总体要求
(一)加强组织领导。成立领导小组。
(二)完善工作机制。建立协调机制。
责任编辑:张三
版权所有 某某新闻网
相关新闻
1. 我市召开环境保护工作会议
2. 市政府常务会议研究部署重点工作
  • 微笑
  • 流汗
"""
    secs = outline(text)
    assert [s.path for s in secs] == ["一", "一.(一)", "一.(二)"]
    last = secs[-1]
    assert text[last.start:last.end] == "(二)完善工作机制。建立协调机制。"


def test_traditional_text_is_outlined_alike():
    trad = "一、總體要求\n(一)指導思想\n二、行動任務\n1.打好藍天保衛戰。全面落實。\n"
    assert [(s.path, s.title) for s in outline(trad)] == [
        ("一", "總體要求"), ("一.(一)", "指導思想"), ("二", "行動任務"), ("二.1", "打好藍天保衛戰"),
    ]


_PIECES = st.sampled_from([
    "一、总体要求\n", "二、主要任务\n", "(一)指导思想\n", "(二)推进转型。加快发展。\n", "1.优化布局。推进。\n",
    "2.强化创新\n", "(1)南提。改造。\n", "①加快建设;\n", "第一章 发展基础\n", "第一节 成就\n", "专栏 1 荣誉\n",
    "43、开展试点(责任单位:省农办)。\n", "正文段落,没有编号,推进发展", "。\n", "\n", "\f", "首页 > 新闻\n",
    "责任编辑:某某\n", "  • 微笑\n", "（三）完善機制：建立。\n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_sections_are_well_formed_spans_of_the_original(text):
    secs = outline(text)
    for k, s in enumerate(secs):
        assert 0 <= s.start <= s.title_start <= s.title_end <= s.end <= len(text)
        assert s.title == text[s.title_start:s.title_end]
        if s.parent is not None:
            assert s.parent < k and secs[s.parent].depth < s.depth
            assert secs[s.parent].start <= s.start
        else:
            assert s.depth == 0


@pytest.mark.parametrize("text, bracket", [
    ("实施超低排放改造。(责任单位:市环保局;配合单位:各县(市、区)人民政府)",
     "(责任单位:市环保局;配合单位:各县(市、区)人民政府)"),
    ("整治河道。(各县(市、区)人民政府负责)", "(各县(市、区)人民政府负责)"),
])
def test_responsibility_bracket_holds_a_nested_county_list(text, bracket):
    from policygraph.ingest.outline import RESPONSIBILITY_BRACKET

    assert [m.group(0) for m in RESPONSIBILITY_BRACKET.finditer(text)] == [bracket]


@pytest.mark.parametrize("text, bracket", [
    ("整治黑臭水体。〔责任单位:区水务局,各街道办事处配合〕", "〔责任单位:区水务局,各街道办事处配合〕"),
    ("建设智慧工地。【牵头单位:区住建局;配合单位:区城管局】", "【牵头单位:区住建局;配合单位:区城管局】"),
    ("推广清洁取暖[责任单位:县发改局、县住建局]。", "[责任单位:县发改局、县住建局]"),
    ("新建污水管网。〔市水利局(市水务局)牵头,市住建局配合〕", "〔市水利局(市水务局)牵头,市住建局配合〕"),
])
def test_responsibility_bracket_in_every_bracket_style(text, bracket):
    from policygraph.ingest.outline import RESPONSIBILITY_BRACKET

    assert [m.group(0) for m in RESPONSIBILITY_BRACKET.finditer(text)] == [bracket]


@pytest.mark.parametrize("text", ["【专栏3】重点工程", "PM2.5浓度[注1]", "〔2024〕5号", "(一)加强领导",
                                  "【责任编辑:王敏】", "(负责同志要靠前指挥)"])
def test_brackets_without_owners_are_not_responsibility(text):
    from policygraph.ingest.outline import RESPONSIBILITY_BRACKET

    assert not RESPONSIBILITY_BRACKET.search(text)


def test_inline_title_stops_at_a_responsibility_bracket_of_any_style():
    secs = outline("1.推进河湖长制落实〔责任单位:县水利局〕\n2.开展清河行动【县水利局牵头】\n")
    assert [s.title for s in secs] == ["推进河湖长制落实", "开展清河行动"]


_REGULATION = """某县农村饮用水水源保护办法

第一章　总则

第一条　为了保护农村饮用水水源，保障群众饮水安全，结合本县实际，制定本办法。

第二条　本办法适用于本县行政区域内农村集中式饮用水水源的保护。

第二章　保护措施

第三条　在饮用水水源保护区内，禁止下列行为：

（一）设置排污口；

（二）堆放垃圾和其他废弃物。

第四条　县水利局负责农村供水工程的运行监管。

第三章　附则

第五条　本办法自公布之日起施行。
"""


def test_articles_of_a_regulation_are_items_under_their_chapter():
    assert paths(_REGULATION) == [
        ("第一章", "总则"),
        ("第一章.第一条", "为了保护农村饮用水水源，保障群众饮水安全，结合本县实际，制定本办法"),
        ("第一章.第二条", "本办法适用于本县行政区域内农村集中式饮用水水源的保护"),
        ("第二章", "保护措施"),
        ("第二章.第三条", "在饮用水水源保护区内，禁止下列行为"),
        ("第二章.第三条.(一)", "设置排污口"),
        ("第二章.第三条.(二)", "堆放垃圾和其他废弃物"),
        ("第二章.第四条", "县水利局负责农村供水工程的运行监管"),
        ("第三章", "附则"),
        ("第三章.第五条", "本办法自公布之日起施行"),
    ]


@pytest.mark.parametrize("line", ["第三条规定的情形,由县水利局责令改正。", "第十二条第二款所列项目"])
def test_a_line_citing_an_article_is_not_an_article(line):
    assert [s.kind for s in outline("一、适用范围\n" + line + "\n")] == ["cn"]


@pytest.mark.parametrize("text", [
    "(一)推进产业升级。一是淘汰落后产能,二是培育新兴产业,三是发展现代服务业。\n",
    "(一)推进产业升级。主要做好三项工作:1.淘汰落后产能;2.培育新兴产业;3.发展现代服务业。\n",
])
def test_enumerations_inside_a_paragraph_are_not_items(text):
    assert paths(text) == [("(一)", "推进产业升级")]


def test_decimal_numbering_of_a_technical_plan_nests_by_depth():
    text = """第一章 总则
1.1 规划范围
本规划范围为县域全域,总面积1200平方公里。
1.2 规划期限
第二章 空间格局
2.1 优化城镇布局
2.1.1 中心城区
2.1.2 重点镇
2.2 保护耕地
"""
    assert paths(text) == [
        ("第一章", "总则"), ("第一章.1.1", "规划范围"), ("第一章.1.2", "规划期限"),
        ("第二章", "空间格局"), ("第二章.2.1", "优化城镇布局"), ("第二章.2.1.1", "中心城区"),
        ("第二章.2.1.2", "重点镇"), ("第二章.2.2", "保护耕地"),
    ]


@pytest.mark.parametrize("line", ["2.5万亩耕地完成整治。", "1.5倍于全省平均水平。", "3.2公里绿道建成。", "12.5%的村庄完成改造。"])
def test_a_decimal_quantity_at_a_line_start_is_not_an_item(line):
    assert [s.kind for s in outline("一、主要成效\n" + line + "\n")] == ["cn"]


def test_half_bracket_numbers_are_items_of_their_own_level():
    text = """(一)推进工业污染治理
1)淘汰燃煤锅炉。全年淘汰50台。
2)整治工业炉窑。
(二)强化移动源管控
"""
    assert paths(text) == [
        ("(一)", "推进工业污染治理"), ("(一).1)", "淘汰燃煤锅炉"), ("(一).2)", "整治工业炉窑"),
        ("(二)", "强化移动源管控"),
    ]


def test_a_list_number_alone_on_its_line_takes_the_next_line_as_its_text():
    # PDF text layers often put a list number in a text box of its own
    text = """二、
重点任务
(一)
推进清洁能源替代。推广空气源热泵500台。
(二)
加强散煤治理。
"""
    assert paths(text) == [("二", "重点任务"), ("二.(一)", "推进清洁能源替代"), ("二.(二)", "加强散煤治理")]


def test_body_words_that_web_footers_also_use_do_not_end_the_outline():
    text = """一、主要任务
(一)全面推行政府法律顾问制度
(二)用好政务公众号矩阵。
(三)保护中华老字号品牌
(四)开通12345热线,公布联系电话。
二、保障措施
"""
    assert [p for p, _ in paths(text)] == ["一", "一.(一)", "一.(二)", "一.(三)", "一.(四)", "二"]


@pytest.mark.parametrize("line", ["法律顾问:某某律师事务所", "微信公众号", "字号:大 中 小", "联系电话:0531-12345678"])
def test_footer_forms_are_still_furniture(line):
    from policygraph.ingest.outline import is_furniture

    assert is_furniture(line)


def test_short_bullet_points_in_the_body_are_not_share_buttons():
    text = """一、重点工程
(一)智慧城市工程
● 城市大脑
● 智慧交通
(二)推广“扫一扫”溯源查询。
二、保障措施
"""
    secs = outline(text)
    assert [s.path for s in secs] == ["一", "一.(一)", "一.(二)", "二"]
    assert "智慧交通" in text[secs[1].start:secs[1].end]


def test_an_article_with_a_caption_takes_the_caption_as_title():
    text = "第一条【立法目的】为了规范物业管理活动,制定本条例。\n第二条 【适用范围】本市行政区域内的物业管理活动适用本条例。\n"
    assert paths(text) == [("第一条", "立法目的"), ("第二条", "适用范围")]
