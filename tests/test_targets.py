"""Targets: quantified goals → SETS_TARGET edges to Indicator nodes (ingest/extract/targets.py)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from policygraph.graph.model import EdgeType, Indicator, Label, Plan, Task, node_id
from policygraph.ingest.document import BatchBuilder, PlanSpan, SourceText
from policygraph.ingest.extract.targets import extract, find_targets, load_indicators, resolve_indicator
from policygraph.ingest.pipeline import parse

from conftest import GOLD

TITLE = "某市生态文明建设实施方案(2021—2025年)"


def parsed(text: str, *, title: str = TITLE, period: tuple[int | None, int | None] = (2021, 2025),
           date: str | None = "2021-06-30"):
    src = SourceText("fixture.txt", Path("fixture.txt"), text, "utf-8", "txt", "0" * 64)
    doc = parse(src)
    plan = Plan(id=node_id(Label.PLAN, title), name=title, period_start=period[0], period_end=period[1],
                date=date, source_file="fixture.txt")
    doc.plans = [PlanSpan(plan, 0, len(text), {})]
    return doc


def targets(text: str, **kw) -> list[tuple]:
    return [(t.name, t.value, t.unit, t.comparator, t.year, t.baseline_year) for t in find_targets(parsed(text, **kw))]


def one(text: str, **kw) -> tuple:
    found = targets(text, **kw)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------- comparators and units

@pytest.mark.parametrize("sentence, expected", [
    ("到2025年，全县森林覆盖率稳定在65%以上。", ("森林覆盖率", 65, "%", ">=", 2025, None)),
    ("城镇调查失业率控制在5%以内。", ("城镇调查失业率", 5, "%", "<=", 2025, None)),
    ("城市生活污水集中处理率达到96%。", ("城市生活污水集中处理率", 96, "%", "=", 2025, None)),
    ("人均地区生产总值达到10万元左右。", ("人均地区生产总值", 10, "万元", "~", 2025, None)),
    ("规模以上工业增加值年均增长8%。", ("规模以上工业增加值", 8, "%", "increase_by", 2025, None)),
    ("细颗粒物平均浓度不超过35微克/立方米。", ("细颗粒物平均浓度", 35, "微克/立方米", "<=", 2025, None)),
    ("研发经费投入强度突破2.5%。", ("研发经费投入强度", 2.5, "%", ">=", 2025, None)),
    ("粮食总产量不低于60万吨。", ("粮食总产量", 60, "万吨", ">=", 2025, None)),
    ("高速公路通车里程达到300公里。", ("高速公路通车里程", 300, "公里", "=", 2025, None)),
    ("城市建成区面积达到85平方公里。", ("城市建成区面积", 85, "平方公里", "=", 2025, None)),
    ("中心城区常住人口达到60万人。", ("中心城区常住人口", 60, "万人", "=", 2025, None)),
    ("服务业增加值比重提高3个百分点。", ("服务业增加值比重", 3, "个百分点", "increase_by", 2025, None)),
    ("全市万元GDP能耗下降到0.6吨标准煤左右。", ("万元GDP能耗", 0.6, "吨标准煤", "~", 2025, None)),
    ("主要污染物排放总量累计减少10%。", ("主要污染物排放总量", 10, "%", "decrease_by", 2025, None)),
    ("力争社会消费品零售总额超过800亿元。", ("社会消费品零售总额", 800, "亿元", ">=", 2025, None)),
    ("生活污水处理厂进水化学需氧量浓度原则上不低于260毫克/升。",
     ("生活污水处理厂进水化学需氧量浓度", 260, "毫克/升", ">=", 2025, None)),
    ("出水总磷浓度不超过0.3mg/L。", ("出水总磷浓度", 0.3, "mg/L", "<=", 2025, None)),
    ("镇级污水处理能力达到1.5万吨/日。", ("镇级污水处理能力", 1.5, "万吨/日", "=", 2025, None)),
])
def test_comparator_and_unit_are_read_from_verb_and_qualifier(sentence, expected):
    assert one(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("力争新增上市公司5家。", ("上市公司", 5, "家", "=", 2025, None)),
    ("培育国家级专精特新企业20家以上。", ("国家级专精特新企业", 20, "家", ">=", 2025, None)),
    ("建成3个省级现代农业产业园。", ("省级现代农业产业园", 3, "个", "=", 2025, None)),
    ("引进50名具有国际视野的领军人才。", ("领军人才", 50, "名", "=", 2025, None)),
    ("创建3至5个省级乡村旅游示范点。", ("省级乡村旅游示范点", 3, "个", ">=", 2025, None)),
])
def test_counts_name_the_things_they_count(sentence, expected):
    name, *rest = one(sentence)
    assert expected[0] in name and tuple(rest) == expected[1:]


@pytest.mark.parametrize("sentence, expected", [
    ("新增再生水利用能力8万吨/日。", ("新增再生水利用能力", 8, "万吨/日", "=")),
    ("全县餐厨垃圾处理能力达到300吨/日。", ("餐厨垃圾处理能力", 300, "吨/日", "=")),
    ("轻度及以上污染天数比2022年减少5天。", ("轻度及以上污染天数", 5, "天", "decrease_by")),
    ("工程建设项目审批时间压缩至60个工作日以内。", ("工程建设项目审批时间", 60, "个工作日", "<=")),
    ("不动产登记办理时限缩短到3天以内。", ("不动产登记办理时限", 3, "天", "<=")),
    ("全年开展“四不两直”安全检查不少于500家次。", ("“四不两直”安全检查", 500, "家次", ">=")),
    ("细颗粒物年均浓度下降至30μg/m³。", ("细颗粒物年均浓度", 30, "μg/m3", "<=")),
])
def test_units_per_time_and_counts_of_visits(sentence, expected):
    assert one(sentence)[:4] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("清淤疏浚农村河道35公里。", ("清淤疏浚农村河道", 35, "公里")),
    ("修复退化湿地800亩。", ("修复退化湿地", 800, "亩")),
    ("整治提升背街小巷60条。", ("整治提升背街小巷", 60, "条")),
])
def test_work_quantity_after_a_work_verb_is_a_target(sentence, expected):
    assert one(sentence)[:3] == expected


def test_zhongdian_before_a_noun_stays_in_the_name():
    assert one("年内完成重点行业清洁生产审核40家。")[0] == "重点行业清洁生产审核"


@pytest.mark.parametrize("sentence, expected", [
    ("每月开展一次河道保洁专项检查（各镇街负责）。", ("河道保洁专项检查次数(每月)", 1, "次", "=")),
    ("每半年至少召开两次联席会议。", ("联席会议次数(每半年)", 2, "次", ">=")),
    ("每年组织1次以上应急演练。", ("应急演练次数(每年)", 1, "次", ">=")),
])
def test_required_frequency_is_a_count_per_period(sentence, expected):
    assert one(sentence)[:4] == expected


def test_fullwidth_digits_and_percent_sign_read_like_ascii():
    assert one("森林覆盖率达到６２％以上。")[1:4] == (62, "%", ">=")


def test_pdf_spacing_inside_a_quantity_does_not_matter():
    assert one("城镇调查失业率控制在 5.5 % 以内 。")[1:4] == (5.5, "%", "<=")


def test_range_with_units_on_both_ends_is_its_lower_bound():
    assert one("地区生产总值年均增长6%～7%。")[1:4] == (6, "%", "increase_by")


def test_from_to_reads_the_end_value_only():
    assert one("常住人口城镇化率由2020年的58%提高到2025年的65%。") == ("常住人口城镇化率", 65, "%", "=", 2025, None)


@pytest.mark.parametrize("sentence, expected", [
    ("湘江干流水质稳定保持Ⅱ类水质标准。", ("湘江干流水质", "Ⅱ类", "水质类别", "=")),
    ("大中型水库水质保持Ⅲ类标准及更优。", ("大中型水库水质", "Ⅲ类", "水质类别", "<=")),
    ("三次产业结构调整到5:50:45。", ("三次产业结构", "5:50:45", "ratio", "=")),
    ("林下经济产值与林业总产值之比达到2.4\u22361。", ("林下经济产值与林业总产值之比", "2.4:1", "ratio", "=")),
])
def test_values_that_are_not_numbers_keep_their_written_form(sentence, expected):
    assert one(sentence)[:4] == expected


def test_water_class_inside_parentheses_qualifies_the_share():
    assert one("重点流域水质优良(达到或优于Ⅲ类)比例达到70%以上。")[1:4] == (70, "%", ">=")


# ---------------------------------------------------------------------------- lists and sub-targets

def test_fenbie_list_gives_one_target_per_name_with_baseline():
    found = targets("到2020年，单位GDP能耗、单位GDP二氧化碳排放分别比2015年下降15%、18%。", period=(2018, 2020))
    assert found == [("单位GDP能耗", 15, "%", "decrease_by", 2020, 2015),
                     ("单位GDP二氧化碳排放", 18, "%", "decrease_by", 2020, 2015)]


def test_value_list_shares_the_last_unit_and_qualifier():
    found = targets("PM2.5、PM10年均浓度分别降至33、60微克/立方米以下。")
    assert [(n, v, u, c) for n, v, u, c, *_ in found] == [
        ("PM2.5年均浓度", 33, "微克/立方米", "<="), ("PM10年均浓度", 60, "微克/立方米", "<=")]


def test_one_value_for_several_names_gives_each_the_value():
    found = targets("二氧化硫、氮氧化物排放量较2020年分别削减8%左右。")
    assert [(n, v, c, b) for n, v, _, c, _, b in found] == [
        ("二氧化硫排放量", 8, "decrease_by", 2020), ("氮氧化物排放量", 8, "decrease_by", 2020)]


@pytest.mark.parametrize("sentence, expected", [
    ("市控、县控断面水质达标率分别达到85%、80%。", [("市控断面水质达标率", 85), ("县控断面水质达标率", 80)]),
    ("国家级、省级龙头企业分别达到6家、25家。", [("国家级龙头企业", 6), ("省级龙头企业", 25)]),
    ("城镇、农村居民人均可支配收入分别年均增长6%、7.5%。", [("城镇居民人均可支配收入", 6),
                                                        ("农村居民人均可支配收入", 7.5)]),
    ("中心城区、县城生活污水处理率分别达到98%、95%。", [("中心城区生活污水处理率", 98), ("县城生活污水处理率", 95)]),
])
def test_coordinated_modifiers_share_the_head_of_the_last_name(sentence, expected):
    assert [(n, v) for n, v, *_ in targets(sentence)] == expected


@pytest.mark.parametrize("sentence, period, expected", [
    ("2023年、2024年、2025年分别新建农村公路60公里、50公里、40公里。", (2023, 2025),
     [(60, 2023), (50, 2024), (40, 2025)]),
    ("2022—2024年分别创建美丽宜居村庄15个、20个、25个。", (2022, 2024), [(15, 2022), (20, 2023), (25, 2024)]),
    ("到2023年底、2025年底，农村生活污水治理率分别达到45%、60%。", (2022, 2025), [(45, 2023), (60, 2025)]),
])
def test_fenbie_over_a_list_of_years_pairs_each_value_with_its_year(sentence, period, expected):
    found = targets(sentence, period=period, date=f"{period[0]}-04-01")
    assert [(v, y) for _, v, _, _, y, _ in found] == expected
    assert not any(n.startswith(("分别", "20")) for n, *_ in found)


@pytest.mark.parametrize("sentence", ["年内全县生活垃圾分类覆盖率达到70%左右。", "今年新增城市绿道25公里。",
                                      "本年度完成老旧小区改造40个。"])
def test_this_year_means_the_year_of_the_document_not_the_plan_end(sentence):
    found = targets("到2027年，城市绿化覆盖率达到45%。" + sentence, title="某县城乡环境提升三年行动方案(2025—2027年)",
                    period=(2025, 2027), date="2025-02-14")
    assert [y for *_, y, _ in found] == [2027, 2025]


def test_this_year_in_an_annual_work_plan_is_the_plans_year():
    found = targets("年内完成入河排污口整治120个。", title="某市2023年水污染防治工作要点", period=(None, None),
                    date="2022-12-28")
    assert [(v, y) for _, v, _, _, y, _ in found] == [(120, 2023)]


def test_qizhong_sub_target_takes_the_head_of_the_previous_indicator():
    found = targets("县以上城镇污水处理率达到90%以上，其中设区城市达到95%以上。")
    assert [(n, v, c) for n, v, _, c, *_ in found] == [
        ("县以上城镇污水处理率", 90, ">="), ("设区城市污水处理率", 95, ">=")]


@pytest.mark.parametrize("sentence, expected", [
    ("县城生活污水处理率达到95%以上，其中中心城区达到98%以上。", "中心城区生活污水处理率"),
    ("县以上城镇生活垃圾无害化处理率达到100%，其中建制镇达到90%。", "建制镇生活垃圾无害化处理率"),
])
def test_qizhong_replaces_a_two_character_scope_whole(sentence, expected):
    assert targets(sentence)[1][0] == expected


@pytest.mark.parametrize("sentence", ["全镇农村卫生厕所普及率达到95%。", "我县农村卫生厕所普及率达到95%。"])
def test_the_issuers_own_area_is_not_part_of_the_name(sentence):
    assert one(sentence)[0] == "农村卫生厕所普及率"


def test_clause_without_subject_inherits_the_previous_one():
    found = targets("全市进出口总额突破60亿美元，年均增长12%以上。")
    assert [(n, v, u, c) for n, v, u, c, *_ in found] == [
        ("进出口总额", 60, "亿美元", ">="), ("进出口总额", 12, "%", "increase_by")]


# ---------------------------------------------------------------------------- years

def test_year_stated_once_applies_to_the_rest_of_the_paragraph():
    text = "到2023年，全市森林覆盖率达到63%。农村自来水普及率达到88%。\n城镇污水处理率达到95%。"
    assert [y for *_, y, _ in targets(text)] == [2023, 2023, 2025]


def test_year_from_colon_intro_carries_to_the_items_below():
    text = "(二)主要目标\n到2023年，实现以下目标：\n1.森林覆盖率达到63%。\n2.城镇污水处理率达到95%。\n"
    assert [y for *_, y, _ in targets(text)] == [2023, 2023]


def test_shisiwu_period_end_means_2025():
    found = one("“十四五”期末，常住人口城镇化率达到70%。", title="某市新型城镇化实施意见",
                period=(None, None), date="2021-05")
    assert found[4] == 2025


def test_shisanwu_means_2020_in_a_plan_written_before_2020():
    found = one("“十三五”期间，新增城镇就业5万人。", title="某县就业促进工作意见", period=(None, None), date="2016-04")
    assert found[4] == 2020


def test_default_year_is_the_plans_period_end():
    assert one("森林覆盖率达到62%。", period=(2018, 2020))[4] == 2020


def test_default_year_without_period_is_the_year_the_goals_name():
    text = "一、主要目标\n到2017年，城市生活垃圾无害化处理率达到100%。\n二、重点任务\n新建公交停靠站30座以上。"
    found = targets(text, title="某市两型建设实施纲要", period=(None, None), date="2014-03")
    assert [y for *_, y, _ in found] == [2017, 2017]


def test_year_in_the_title_of_an_annual_work_plan():
    found = one("县以上城镇污水处理率达到65%以上。", title="某某试验区2010年工作要点", period=(None, None), date="2010-05")
    assert found[4] == 2010


def test_baseline_year_from_zai_jichushang():
    found = one("到2017年，农村生活污水处理率在2012年的基础上提高10%左右。", period=(2014, 2017))
    assert found[3:] == ("increase_by", 2017, 2012)


def test_bi_shangnian_is_a_baseline_of_the_year_before():
    found = one("全市地区生产总值比上年增长7.5%左右。", title="某市2019年工作要点", period=(None, None), date="2019-02")
    assert found == ("地区生产总值", 7.5, "%", "increase_by", 2019, 2018)


# ---------------------------------------------------------------------------- not targets

def test_achievements_in_a_review_section_are_not_targets():
    text = ("第一章 “十三五”发展成就\n"
            "森林覆盖率达到61%，高新技术企业数量达到700家。\n"
            "第二章 发展目标\n"
            "到2025年，森林覆盖率稳定在62%以上。\n")
    assert targets(text) == [("森林覆盖率", 62, "%", ">=", 2025, None)]


def test_numbers_under_a_problems_heading_are_not_targets():
    text = ("一、存在的问题\n农村生活污水治理率仅为38%，低于全省平均水平。\n"
            "二、工作目标\n农村生活污水治理率达到55%以上。\n")
    assert targets(text) == [("农村生活污水治理率", 55, "%", ">=", 2025, None)]


def test_outline_title_with_a_long_range_year_defaults_to_the_five_year_end():
    title = "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert one("城镇调查失业率控制在5.5%以内。", title=title, period=(None, None), date=None)[4] == 2025


def test_work_verb_governs_the_following_clauses_of_its_list():
    assert [(n, v) for n, v, *_ in targets("完成人工造林3万亩，退化林修复2万亩，森林抚育8万亩。")] == [
        ("人工造林", 3), ("退化林修复", 2), ("森林抚育", 8)]


def test_tab_row_without_a_header_or_attribute_is_not_a_target():
    assert targets("1\t滨江路改造工程\t3.5\t1.2\n2\t体育馆建设工程\t8\t2.6\n") == []


def test_past_year_statement_outside_review_is_not_a_target():
    text = "全市地区生产总值2020年达到3105亿元，年均增长7.1%。力争到2025年，人均地区生产总值达到12万元。"
    assert targets(text) == [("人均地区生产总值", 12, "万元", "=", 2025, None)]


def test_already_done_is_not_a_target():
    assert targets("全市已建成污水处理厂12座。") == []


@pytest.mark.parametrize("sentence", [
    "围绕“3+5+2”产业体系，推进产业链建设。",
    "推进2×100万千瓦煤电项目建设。",
    "加强PM2.5和臭氧协同控制。",
    "专栏8 千亿产业集群培育计划",
    "落实“人才30条”政策。",
    "倡导每周停开1天、每天少开1公里。",
    "城区新建面积在2万平方米以上的公共建筑按绿色建筑标准建设。",
    "闲置满1年的，按土地成交价款的20%缴纳土地闲置费。",
    "密切跟踪服务10家市外转移企业。",
])
def test_numbers_that_are_not_goals_are_skipped(sentence):
    assert targets(sentence) == []


@pytest.mark.parametrize("sentence", ["过去一年，全县地区生产总值增长7.8%。", "五年来，城镇新增就业累计达到6万人。",
                                      "近年来，全区森林覆盖率提高到58%。"])
def test_looking_back_phrases_mark_achievements(sentence):
    assert targets(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("已建成村级污水处理站正常运行率保持在85%以上。", ("已建成村级污水处理站正常运行率", 85, "%", ">=", 2025, None)),
    ("到2025年，已投运充电设施利用率不低于30%。", ("已投运充电设施利用率", 30, "%", ">=", 2025, None)),
])
def test_already_built_modifying_the_subject_is_not_an_achievement(sentence, expected):
    assert one(sentence) == expected


@pytest.mark.parametrize("sentence", ["全镇已建成垃圾中转站6座。", "已建成2个省级森林乡村，绿化覆盖率达到41%。"])
def test_already_built_with_a_count_is_still_an_achievement(sentence):
    assert targets(sentence) == []

def test_year_colon_lines_of_a_yearly_annex_give_each_line_its_year():
    text = ("附件\n分年度目标任务\n"
            "2023年：全县畜禽粪污综合利用率达到80%以上。\n"
            "2024年：\n1.全县畜禽粪污综合利用率达到83%以上。\n(2)秸秆综合利用率达到92%。\n"
            "2025年：全县畜禽粪污综合利用率达到85%以上。\n")
    assert [(n, v, y) for n, v, _, _, y, _ in targets(text)] == [
        ("畜禽粪污综合利用率", 80, 2023), ("畜禽粪污综合利用率", 83, 2024), ("秸秆综合利用率", 92, 2024),
        ("畜禽粪污综合利用率", 85, 2025)]

def test_article_number_is_not_part_of_the_name():
    assert one("第五条 新建民用建筑中绿色建筑面积占比达到100%。")[0] == "新建民用建筑中绿色建筑面积占比"


def test_money_per_item_in_a_subsidy_sentence_is_not_a_target():
    text = "对新建的社区食堂，按照建设投资的40%给予补助，单个项目最高不超过50万元。全区建成社区食堂30个。"
    assert [(n, v) for n, v, *_ in targets(text)] == [("社区食堂", 30)]


def test_compression_by_a_share_is_a_decrease():
    assert one("企业开办时间压缩60%以上。")[1:4] == (60, "%", "decrease_by")


def test_count_that_is_the_subject_of_a_goal_is_not_a_target():
    assert targets("全区12个乡镇(街道)污水处理设施实现全覆盖。") == []


def test_web_page_debris_gives_no_targets():
    text = ("首页 > 政务公开 > 正文\n发布时间:2019-03-12 浏览次数:1523次 字号:大 中 小\n"
            "阅读 2341 次 分享到:微信\n电话:0731-28214858 湘ICP备12009507号\n")
    assert targets(text) == []


# ---------------------------------------------------------------------------- Traditional text, tables

def test_traditional_characters_read_through_normalisation():
    found = targets("到2020年，全市森林覆蓋率穩定在62%以上，城區汙水處理率達到98%。", period=(2018, 2020))
    assert [(n, v, c) for n, v, _, c, *_ in found] == [("森林覆盖率", 62, ">="), ("城区污水处理率", 98, "=")]


def test_traditional_work_plan_with_jinnian_uses_the_plan_year():
    text = ("某市2019年環境保護工作要點\n今年全市環境保護工作的主要目標是：細顆粒物（PM2.5）年均濃度下降到45微克/立方米，"
            "空氣質量優良天數比例達到80%。\n全市城市汙水處理率達到95%以上，其中中心城區達到97%以上。\n")
    found = targets(text, title="某市2019年環境保護工作要點", period=(None, None), date="2019-03-12")
    assert [(n, v, c, y) for n, v, _, c, y, _ in found] == [
        ("细颗粒物(PM2.5)年均浓度", 45, "<=", 2019), ("空气质量优良天数比例", 80, "=", 2019),
        ("城市污水处理率", 95, ">=", 2019), ("中心城区污水处理率", 97, ">=", 2019)]


def test_main_indicator_table_rows_read_the_latest_year_column():
    text = ("类别\t序号\t指标\t单位\t2020年\t2025年\t属性\n"
            "经济发展\t1\t地区生产总值增长\t%\t3.8\t6.5左右\t预期性\n"
            "\t2\t森林覆盖率\t%\t62\t≥62\t约束性\n"
            "绿色生态\t3\t单位地区生产总值能源消耗降低\t%\t—\t[14]\t约束性\n")
    assert targets(text) == [("地区生产总值", 6.5, "%", "increase_by", 2025, None),
                             ("森林覆盖率", 62, "%", ">=", 2025, None),
                             ("单位地区生产总值能源消耗", 14, "%", "decrease_by", 2025, None)]


@pytest.mark.parametrize("table, expected", [
    # text rows: cells separated by single spaces, unit in brackets, comparator on the target
    ("专栏3 “十四五”水生态保护主要指标\n序号 指标 2020年 2025年 属性\n"
     "1 地表水达到或好于Ⅲ类水体比例（%） 85 ≥90 约束性\n2 城市黑臭水体比例（%） 3 ＜1 约束性\n"
     "3 再生水利用率（%） 18 25 预期性\n",
     [("地表水达到或好于III类水体比例", 90, "%", ">=", 2025, None), ("城市黑臭水体比例", 1, "%", "<=", 2025, None),
      ("再生水利用率", 25, "%", "=", 2025, None)]),
    # 基期值(2020年) | 目标值(2025年), with a unit column
    ("表2 主要指标\n指标 单位 基期值（2020年） 目标值（2025年） 属性\n森林覆盖率 % 45.1 ≥46 约束性\n"
     "农村自来水普及率 % 88 95以上 预期性\n",
     [("森林覆盖率", 46, "%", ">=", 2025, None), ("农村自来水普及率", 95, "%", ">=", 2025, None)]),
    # no year in the header: the plan's horizon; a 类别 cell before the name is not the name
    ("绿色发展主要指标\n类别 指标 单位 现状值 目标值 属性\n生态环境 细颗粒物年均浓度 微克/立方米 33 ≤30 约束性\n"
     "耕地保有量 万亩 120 ≥120 约束性\n",
     [("细颗粒物年均浓度", 30, "微克/立方米", "<=", 2025, None), ("耕地保有量", 120, "万亩", ">=", 2025, None)]),
    # cells run together: the comparator separates the base value from the target
    ("某县主要指标\n受污染耕地安全利用率（%）92≥94约束性\n城市生活垃圾资源化利用率（%）55≥60预期性\n",
     [("受污染耕地安全利用率", 94, "%", ">=", 2025, None), ("城市生活垃圾资源化利用率", 60, "%", ">=", 2025, None)]),
])
def test_flattened_indicator_table_rows_read_the_target_column(table, expected):
    assert targets(table + "第三章 主要任务\n推进节水型社会建设。\n") == expected


def test_pdf_table_with_one_cell_per_line_is_read_row_by_row_with_evidence_over_the_row():
    text = ("专栏2 主要指标\n序号\n指标\n单位\n2020年\n2025年\n属性\n1\n湿地保护率\n%\n50.1\n≥55\n约束性\n"
            "2\n农村生活污水治理率\n%\n30\n50\n预期性\n第三章 重点任务\n推进节水型社会建设。\n")
    assert targets(text) == [("湿地保护率", 55, "%", ">=", 2025, None), ("农村生活污水治理率", 50, "%", "=", 2025, None)]
    doc = parsed(text)
    out = BatchBuilder(doc)
    extract(doc, out)
    quotes = [e.evidence[0].quote for e in out.edges()]
    assert all(text[e.evidence[0].start:e.evidence[0].end] == e.evidence[0].quote for e in out.edges())
    assert quotes[0].startswith("1\n湿地保护率") and quotes[0].endswith("约束性")


def test_table_with_one_column_per_plan_year_gives_a_target_per_year():
    text = "指标 2024年 2025年 2026年\n卫生厕所普及率（%） 90 93 95\n"
    assert targets(text, period=(2024, 2026), date="2024-03-01") == [
        ("卫生厕所普及率", v, "%", "=", y, None) for v, y in ((90, 2024), (93, 2025), (95, 2026))]


def test_prose_after_a_table_is_not_read_as_a_row():
    text = "序号 指标 2020年 2025年 属性\n1 森林覆盖率（%） 60 ≥62 约束性\n到2025年，城市污水处理率达到97%。\n"
    assert targets(text) == [("城市污水处理率", 97, "%", "=", 2025, None), ("森林覆盖率", 62, "%", ">=", 2025, None)]


# ---------------------------------------------------------------------------- the graph

def test_aliases_resolve_to_one_indicator_node_that_keeps_the_written_names():
    text = "全市万元GDP能耗下降到0.6吨标准煤左右。单位地区生产总值能耗比2020年下降13%。"
    doc = parsed(text)
    out = BatchBuilder(doc)
    extract(doc, out)
    edges = [e for e in out.edges() if e.type is EdgeType.SETS_TARGET]
    assert len(edges) == 2 and len({e.target for e in edges}) == 1
    node = out.get(edges[0].target)
    assert isinstance(node, Indicator) and node.name == "单位GDP能耗"
    assert {"万元GDP能耗", "单位地区生产总值能耗"} <= set(node.aliases)
    assert {e.get("indicator_text") for e in edges} == {"万元GDP能耗", "单位地区生产总值能耗"}


def test_unknown_indicator_is_kept_under_its_written_name():
    doc = parsed("到2025年，海绵城市达标面积占比达到50%以上。")
    out = BatchBuilder(doc)
    extract(doc, out)
    (node,) = out.nodes_of(Indicator)
    assert node.name == "海绵城市达标面积占比" and resolve_indicator(node.name) is None


def test_evidence_is_the_clause_and_slices_to_its_quote():
    text = "  到2025年，全县森林覆盖率稳定在65%以上，城镇污水处理率达到95%。"
    doc = parsed(text)
    out = BatchBuilder(doc)
    extract(doc, out)
    for e in out.edges():
        (ev,) = e.evidence
        assert text[ev.start:ev.end] == ev.quote and str(e.get("value")) in ev.quote
    assert [out.rules[e.key] for e in out.edges()] == [["targets.level"], ["targets.level"]]


def test_target_inside_a_task_attaches_to_the_deepest_task():
    text = "二、重点任务\n1.打好蓝天保卫战。到2025年，PM2.5平均浓度降至35微克/立方米以下。\n"
    doc = parsed(text)
    out = BatchBuilder(doc)
    plan = doc.plans[0].plan
    out.node(plan)
    outer = Task(id=node_id(Label.TASK, "fixture", "二"), name="重点任务", number="二",
                 source_file="fixture.txt", start=0, end=len(text))
    inner = Task(id=node_id(Label.TASK, "fixture", "二.1"), name="打好蓝天保卫战", number="二.1",
                 source_file="fixture.txt", start=text.index("1."), end=len(text))
    out.node(outer)
    out.node(inner)
    extract(doc, out)
    (edge,) = [e for e in out.edges() if e.type is EdgeType.SETS_TARGET]
    assert edge.source == inner.id and edge.get("comparator") == "<="


def test_target_outside_any_task_attaches_to_the_plan():
    doc = parsed("到2025年，森林覆盖率达到63%。")
    out = BatchBuilder(doc)
    extract(doc, out)
    (edge,) = out.edges()
    assert edge.source == doc.plans[0].plan.id


def test_alias_table_has_sources_and_no_alias_names_two_indicators():
    table = load_indicators()
    assert all(entry.source for entry in table.values())
    assert resolve_indicator("能源消耗强度").canonical == resolve_indicator("万元GDP能耗").canonical == "单位GDP能耗"
    assert resolve_indicator("研究与试验发展(R&D)经费投入强度").canonical == "R&D经费投入强度"


# ---------------------------------------------------------------------------- the corpus

def _load_scorer():
    path = GOLD.parent / "score.py"
    if not path.is_file():
        pytest.skip(f"scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("policygraph_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_indicator_targets_on_the_corpus_reach_the_bar(corpus_dir):
    from policygraph.ingest.pipeline import ingest_file

    score = _load_scorer()
    nodes, edges = {}, []
    for path in sorted(p for p in corpus_dir.iterdir() if p.is_file()):
        batch = ingest_file(path, path.name)
        targets_ = [e for e in batch.edges if e.type is EdgeType.SETS_TARGET]
        ends = {x for e in targets_ for x in (e.source, e.target)}
        for n in batch.nodes:
            if n.id in ends:
                nodes.setdefault(n.id, n.to_dict())
        edges += [e.to_dict() for e in targets_]
    ex = score.Export({"nodes": list(nodes.values()), "edges": edges})
    total = score.Prf()
    for gold_path in sorted(GOLD.glob("*.json")):
        total += score.score_file(json.loads(gold_path.read_text(encoding="utf-8")), ex)["indicators"]
    assert total.f1 >= 0.90, total.row()


# ---------------------------------------------------------------------------- round 3: genre gaps

@pytest.mark.parametrize("text", [
    # a PDF line wrap right after 分别比, spaces around the numbers and inside the year
    "到2025年，单位工业增加值用水量和单位地区生产总值建设用地面积分别比\n2 0 2 0 年降低 16% 、 12% ，农田灌溉水有效利用系数提高到0.6。",
    "到2025年，单位工业增加值用水量和单位地区生产总值建设用地面积分别比2020\n年降低 16% 、 12% ，农田灌溉水有效利用系数提高到0.6。",
    "到2025年，单位工业增加值用水量和单位地区生产总值建设用地面积分别\n比2020 年降低 16%、\n12% ，农田灌溉水有效利用系数提高到0.6。",
])
def test_fenbie_sentence_wrapped_by_a_pdf_line_break_gives_one_target_per_name(text):
    found = [t for t in targets(text) if t[3] == "decrease_by"]
    assert [(v, c, y, b) for _, v, _, c, y, b in found] == [(16, "decrease_by", 2025, 2020),
                                                            (12, "decrease_by", 2025, 2020)]
    assert found[0][0].startswith("单位工业增加值用水量") and "建设用地面积" in found[1][0]


def test_evidence_of_a_target_read_across_a_line_wrap_spans_both_lines():
    text = "到2025年，全县单位地区生产总值能耗和用水量分别比\n2020年下降13%、15%。"
    doc = parsed(text)
    out = BatchBuilder(doc)
    extract(doc, out)
    edges = out.edges()
    assert len(edges) == 2
    for e in edges:
        (ev,) = e.evidence
        assert text[ev.start:ev.end] == ev.quote and "\n" in ev.quote and str(e.get("value")) in ev.quote


@pytest.mark.parametrize("text", [
    "1. 全县城市生活垃圾回收利用率达到35%\n2. 已建成乡镇污水处理厂12座\n",
    "全县城市生活垃圾回收利用率达到35%\n（二）已建成乡镇污水处理厂12座\n",
    "全县城市生活垃圾回收利用率达到35%（责任单位：县城管局）\n已建成乡镇污水处理厂12座\n",
])
def test_a_line_ended_by_an_item_heading_or_bracket_is_not_joined_to_the_next(text):
    # joined, the two lines would be one sentence that states an achievement (已建成…), and lose the goal
    assert [(n, v) for n, v, *_ in targets(text)] == [("城市生活垃圾回收利用率", 35)]


@pytest.mark.parametrize("sentence", [
    "全县燃煤消费占能源消费总量比重下降到48%以下。",
    "全县燃煤消费占能源消费总量比重降到48%以下。",
    "全县燃煤消费占能源消费总量比重降至 48 % 以下。",
    "全县燃煤消费占能源消费总量比重降低到48%以下。",
    "全县燃煤消费占能源消费总量比重下降为48%以下。",
    "全县燃煤消费占能源消费总量比重下降\n到48%以下。",
    "全县燃煤消费占能源消费总量比重降低到48%以\n下，天然气消费比重提高到12%。",
])
def test_falling_to_a_level_below_x_is_a_level_not_a_decrease(sentence):
    name, value, unit, comp, year, base = targets(sentence)[0]
    assert (name, value, unit, comp, year, base) == ("燃煤消费占能源消费总量比重", 48, "%", "<=", 2025, None)


@pytest.mark.parametrize("sentence, expected", [
    ("燃煤发电机组平均供电煤耗降至298克标准煤/千瓦时以下。", ("燃煤发电机组平均供电煤耗", 298, "克标准煤/千瓦时", "<=")),
    ("吨水泥熟料综合能耗降低到105千克标准煤/吨。", ("吨水泥熟料综合能耗", 105, "千克标准煤/吨", "<=")),
    ("万元工业增加值用水量下降到 22 立方米/万元 以下。", ("万元工业增加值用水量", 22, "立方米/万元", "<=")),
    ("电解铝液交流电耗控制在13000千瓦时/吨以内。", ("电解铝液交流电耗", 13000, "千瓦时/吨", "<=")),
    ("小麦单产稳定在450公斤/亩以上。", ("小麦单产", 450, "公斤/亩", ">=")),
    ("吨钢综合能耗下降到540千克标准煤/吨钢以下。", ("吨钢综合能耗", 540, "千克标准煤/吨钢", "<=")),
])
def test_compound_units_per_output_are_kept_whole(sentence, expected):
    assert one(sentence)[:4] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the quantity named before, in the same sentence
    ("到2025年，全省煤炭消费总量比2020年减少2500万吨，其中沿海三市（青岛市、烟台市、威海市）比2020年合计减少900万吨。",
     ("沿海三市煤炭消费总量", 900, "万吨", "decrease_by", 2025, 2020)),
    # the quantity written after the bracket
    ("到2025年，皖北四市（宿州市、淮北市、亳州市、阜阳市）能源消费总量比2020年合计减少300万吨标准煤。",
     ("皖北四市能源消费总量", 300, "万吨标准煤", "decrease_by", 2025, 2020)),
    # the quantity named by an earlier sentence of the paragraph
    ("严格控制能源消费总量。到2025年，长吉两市（长春市、吉林市）比2020年合计削减300万吨标准煤。",
     ("长吉两市能源消费总量", 300, "万吨标准煤", "decrease_by", 2025, 2020)),
    # the quantity named only by the section heading
    ("（三）严格控制煤炭消费总量\n到2025年，川南四市（自贡市、泸州市、内江市、宜宾市）比2020年累计减少450万吨。",
     ("川南四市煤炭消费总量", 450, "万吨", "decrease_by", 2025, 2020)),
    # a level, the quantity after the bracket, 平均 before the verb
    ("到2025年，桂西三市（百色市、河池市、崇左市）森林覆盖率平均达到70%以上。",
     ("桂西三市森林覆盖率", 70, "%", ">=", 2025, None)),
])
def test_subject_with_a_bracketed_member_list_is_named_from_before_the_bracket(sentence, expected):
    found = targets(sentence)
    assert expected in found, found
    assert not any(")" in n or "比20" in n or "合计" in n or "累计" in n for n, *_ in found)


def test_bracketed_list_paired_by_fenbie_gives_each_member_the_shared_quantity():
    found = targets("重点污染物（总磷、氨氮）排放总量分别比2020年下降9%、7%。")
    assert [(n, v) for n, v, *_ in found] == [("总磷排放总量", 9), ("氨氮排放总量", 7)]


@pytest.mark.parametrize("sentence, expected", [
    ("黄河干流出境断面水质稳定达到Ⅲ类。", ("黄河干流出境断面水质", "Ⅲ类", "水质类别", "=")),
    ("城市集中式饮用水水源地水质保持Ⅱ类标准。", ("城市集中式饮用水水源地水质", "Ⅱ类", "水质类别", "=")),
])
def test_water_quality_class_goals_stay_targets(sentence, expected):
    assert one(sentence)[:4] == expected


HARD_WRAPPED = ("（一）发展目标。到2025年，全市单位地区生产总值能耗和二氧化碳排放分别比2020年下降14.5%、19%，"
                "非化石能源消费比重提高到22%以上，煤炭消费比重下降到45%以下，城市生活污水集中收集率达到75%，"
                "农村生活污水治理率达到45%，建成区绿化覆盖率稳定在42%以上。\n"
                "（二）重点任务。淘汰燃煤小锅炉120台，新增公共充电桩3000个以上，完成既有建筑节能改造50万平方米，"
                "新建城市绿道80公里。\n")


def _hard_wrap(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("width", [19, 26, 33])
def test_hard_wrapped_text_reads_like_the_unwrapped_text(width):
    # every line cut at one width, mid-word: the full lines are joined back
    assert targets(_hard_wrap(HARD_WRAPPED, width)) == targets(HARD_WRAPPED)


def test_a_sentence_cut_by_a_page_break_reads_as_one():
    text = "到2025年，全市森林覆盖率稳定在48%以上，城市人均公园绿\f\n地面积达到15平方米。"
    assert [(n, v) for n, v, *_ in targets(text)] == [("森林覆盖率", 48), ("城市人均公园绿地面积", 15)]


def test_jianchengqu_is_a_place_in_the_name_not_the_verb_jiancheng():
    assert one("全县建成区绿化覆盖率稳定在41%以上。")[:2] == ("建成区绿化覆盖率", 41)


@pytest.mark.parametrize("written, canonical, unit", [
    ("燃煤发电机组平均供电煤耗", "火电机组平均供电煤耗", "克标准煤/千瓦时"),
    ("煤炭占能源消费总量比重", "煤炭消费比重", "%"),
    ("规模以上单位工业增加值能耗", "单位工业增加值能耗", "吨标准煤/万元"),
    ("单位工业增加值用水量", "万元工业增加值用水量", "立方米/万元"),
])
def test_energy_and_water_efficiency_names_resolve_to_one_indicator(written, canonical, unit):
    entry = resolve_indicator(written)
    assert entry is not None and (entry.canonical, entry.unit) == (canonical, unit)


@pytest.mark.parametrize("sentence, expected", [
    ("全区单位地区生产总值能耗和二氧化碳排放分别比2020年下降13%、17%。",
     [("单位地区生产总值能耗", 13), ("单位地区生产总值二氧化碳排放", 17)]),
    ("万元GDP能耗、用水量分别比2020年下降12%、15%。", [("万元GDP能耗", 12), ("万元GDP用水量", 15)]),
    ("单位GDP能耗和主要污染物排放总量分别比2020年下降12%、10%。",
     [("单位GDP能耗", 12), ("主要污染物排放总量", 10)]),
])
def test_per_gdp_modifier_is_shared_by_the_intensities_listed_after_it(sentence, expected):
    assert [(n, v) for n, v, *_ in targets(sentence)] == expected


def test_pollutants_listed_before_a_shared_quantity_each_take_it():
    found = targets("到2025年，全县挥发性有机物、化学需氧量、氨氮重点工程减排量分别达到300吨、850吨、60吨。")
    assert [(n, v) for n, v, *_ in found] == [("挥发性有机物重点工程减排量", 300), ("化学需氧量重点工程减排量", 850),
                                              ("氨氮重点工程减排量", 60)]


@pytest.mark.parametrize("sentence, expected", [
    ("到2025年，全盟（市）草原综合植被盖度达到45%。", ("草原综合植被盖度", 45)),
    ("到2025年，全旗森林覆盖率达到18%以上。", ("森林覆盖率", 18)),
    ("到2025年，全县（市、区）农村卫生厕所普及率达到90%。", ("农村卫生厕所普及率", 90)),
])
def test_league_and_banner_scopes_are_not_part_of_the_name(sentence, expected):
    assert one(sentence)[:2] == expected


def test_litres_are_a_unit():
    assert one("城镇居民人均日生活用水量控制在150升以内。")[:4] == ("城镇居民人均日生活用水量", 150, "升", "<=")


# ---------------------------------------------------------------------------- round 3b genre gaps

CHANGE_TABLE = """表2 某县“十二五”节能减排主要指标
序号　指标　单位　2010年　2015年　变化　属性
1　二氧化硫排放总量　万吨　3.15　2.90　-7.9%　约束性
2　森林覆盖率　%　40.5　42　+1.5个百分点　预期性
"""


@pytest.mark.parametrize("table", [CHANGE_TABLE, CHANGE_TABLE.replace("　", "\t")])
def test_change_column_of_an_indicator_table_gives_a_change_beside_the_target_year_level(table):
    found = targets(table, title="某县“十二五”节能减排规划", period=(2011, 2015), date="2011-05-01")
    assert sorted(found, key=str) == sorted([
        ("二氧化硫排放总量", 2.9, "万吨", "=", 2015, None),
        ("二氧化硫排放总量", 7.9, "%", "decrease_by", 2015, 2010),
        ("森林覆盖率", 42, "%", "=", 2015, None),
        ("森林覆盖率", 1.5, "个百分点", "increase_by", 2015, 2010),
    ], key=str)


def test_change_column_named_against_the_base_year_reads_bracketed_cumulative_changes():
    table = ("序号 指标 单位 2010年基数 2015年目标 比2010年增减 属性\n"
             "1 单位工业增加值用水量 立方米/万元 48 40 [-16.7%] 约束性\n")
    found = targets(table, title="某县“十二五”节水规划", period=(2011, 2015), date="2011-05-01")
    assert sorted(found, key=str) == sorted([
        ("单位工业增加值用水量", 40, "立方米/万元", "=", 2015, None),
        ("单位工业增加值用水量", 16.7, "%", "decrease_by", 2015, 2010),
    ], key=str)


@pytest.mark.parametrize("sentence, expected", [
    ("年内抽查渣土运输车辆不少于1500辆次。", ("抽查渣土运输车辆", 1500, "辆次", ">=")),
    ("開展聯合執法檢查不少於80場次。", ("联合执法检查", 80, "场次", ">=")),
    ("新增集中供暖面积32万㎡。", ("新增集中供暖面积", 32, "万㎡", "=")),
    ("新增集中供暖面积32万平米。", ("新增集中供暖面积", 32, "万平米", "=")),
    ("新增燃气管网覆盖面积12万m²。", ("新增燃气管网覆盖面积", 12, "万m2", "=")),
    ("熱電機組供電煤耗降至288克標煤/千瓦時以下。", ("热电机组供电煤耗", 288, "克标煤/千瓦时", "<=")),
])
def test_trip_counts_area_symbols_and_coal_per_kilowatt_hour_are_units(sentence, expected):
    found = targets(sentence, title="某县2024年冬季清洁取暖工作方案", period=(2024, 2024), date="2024-09-01")
    assert len(found) == 1 and found[0][:4] == expected, found


@pytest.mark.parametrize("text, expected", [
    # a 远景目标 heading: the goals below it are for the long-range year, to the next heading
    ("三、远景目标\n展望二〇三五年，绿色生产生活方式广泛形成。\n湿地保护率达到60%，城市人均公园绿地面积达到16平方米。\n"
     "四、“十四五”目标\n湿地保护率达到55%。",
     [("湿地保护率", 60, 2035), ("城市人均公园绿地面积", 16, 2035), ("湿地保护率", 55, 2025)]),
    # a 远景目标： paragraph opening with the year
    ("远景目标：到2035年，城乡人居环境根本改善。\n农村生活污水治理率达到80%。",
     [("农村生活污水治理率", 80, 2035)]),
    # a 到2035年 paragraph: the paragraph after it too, until a 到2025年 one
    ("到2035年，水生态环境根本好转。\n重点河湖生态流量保障率达到95%。\n到2025年，县级以上饮用水水源地水质达标率达到100%。\n"
     "农村黑臭水体治理率达到50%以上。",
     [("重点河湖生态流量保障率", 95, 2035), ("县级以上饮用水水源地水质达标率", 100, 2025),
      ("农村黑臭水体治理率", 50, 2025)]),
])
def test_goals_under_a_long_range_heading_or_paragraph_take_its_year(text, expected):
    found = targets(text, title="某市生态环境保护“十四五”规划")
    assert [(n, v, y) for n, v, _, _, y, _ in found] == expected


@pytest.mark.parametrize("sentence", [
    "项目初步估算总投资12.5亿元。",
    "工程匡算投资约4.6亿元。",
    "严禁销售硫分大于1%、灰分大于20%的劣质煤炭。",
    "禁止新建每小时35蒸吨以下的燃煤锅炉。",
    "不得销售含硫量高于0.5%的散装燃煤。",
    "实施老旧小区供水管网改造工程，总投资2.4亿元。",
    "预计总投资5亿元。",
])
def test_cost_estimates_and_prohibition_thresholds_are_not_targets(sentence):
    assert targets(sentence) == []


@pytest.mark.parametrize("sentence", ["培育年处理能力5万吨以上的再生资源回收龙头企业8家。",
                                      "培育年处理能力5万吨以上再生资源回收龙头企业8家。"])
def test_a_quantity_qualifying_what_is_counted_is_not_a_target_the_count_is(sentence):
    assert targets(sentence) == [("再生资源回收龙头企业", 8, "家", "=", 2025, None)]


def test_written_name_stays_an_alias_of_the_canonical_indicator_and_mixed_units_pair_after_fenbie():
    text = "到2025年，全市環境空氣質量優良天數比例、細顆粒物（PM2.5）年均濃度分別達到86%、32微克/立方米。"
    doc = parsed(text)
    out = BatchBuilder(doc)
    extract(doc, out)
    got = {}
    for e in out.edges():
        if e.type is EdgeType.SETS_TARGET:
            node = out.get(e.target)
            got[node.name] = (e.get("value"), e.get("unit"), set(node.aliases))
    assert got["空气质量优良天数比率"][:2] == (86, "%")
    assert {"环境空气质量优良天数比例", "環境空氣質量優良天數比例"} <= got["空气质量优良天数比率"][2]
    assert got["PM2.5浓度"][:2] == (32, "微克/立方米")
    assert "細顆粒物（PM2.5）年均濃度" in got["PM2.5浓度"][2]


def test_change_written_in_words_under_a_target_year_over_base_year_header_is_a_change():
    table = ("序号 指标 单位 2010年 2015年 2015年比2010年增减(%) 属性\n"
             "1 氮氧化物排放总量 万吨 2.40 2.16 下降10 约束性\n")
    found = targets(table, title="某县“十二五”节能减排规划", period=(2011, 2015), date="2011-05-01")
    assert sorted(found, key=str) == sorted([
        ("氮氧化物排放总量", 2.16, "万吨", "=", 2015, None),
        ("氮氧化物排放总量", 10, "%", "decrease_by", 2015, 2010),
    ], key=str)


def test_a_target_cell_written_as_a_fall_is_a_decrease():
    table = "指标\t单位\t2020年\t2025年\t属性\n单位地区生产总值二氧化碳排放\t%\t—\t下降18%\t约束性\n"
    assert targets(table) == [("单位地区生产总值二氧化碳排放", 18, "%", "decrease_by", 2025, None)]


def test_a_category_row_inside_an_indicator_table_keeps_its_header():
    table = ("序号 指标 单位 2010年 2015年 变化 属性\n一、污染减排\n"
             "1 化学需氧量排放总量 万吨 5.10 4.70 -7.8% 约束性\n")
    found = targets(table, title="某县“十二五”环境保护规划", period=(2011, 2015), date="2011-05-01")
    assert sorted(found, key=str) == sorted([("化学需氧量排放总量", 4.7, "万吨", "=", 2015, None),
                                             ("化学需氧量排放总量", 7.8, "%", "decrease_by", 2015, 2010)], key=str)


def test_a_signed_rightmost_cell_of_a_row_without_header_is_a_change_after_the_level():
    found = targets("3 氨氮排放总量 万吨 0.61 0.55 -9.8% 约束性\n", title="某县“十二五”环境保护规划",
                    period=(2011, 2015), date="2011-05-01")
    assert sorted(found, key=str) == sorted([("氨氮排放总量", 0.55, "万吨", "=", 2015, None),
                                             ("氨氮排放总量", 9.8, "%", "decrease_by", 2015, None)], key=str)
