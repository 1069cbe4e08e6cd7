"""Plan metadata: titles, 文号, issuers, dates, levels, periods, documents in one file, plan ids."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from policygraph.graph.model import EdgeType
from policygraph.ingest.document import BatchBuilder, SourceText
from policygraph.ingest.extract import meta
from policygraph.ingest.pipeline import parse


def run(text: str, name: str = "fixture.txt"):
    src = SourceText(name, Path(name), text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
    doc = parse(src)
    out = BatchBuilder(doc)
    meta.extract(doc, out)
    return doc, out


def issuers(out: BatchBuilder, plan_id: str) -> list:
    return [out.get(e.target) for e in out.edges() if e.type is EdgeType.ISSUED_BY and e.source == plan_id]


def issued_by(out: BatchBuilder, plan_id: str, written: str) -> bool:
    """An issuer is named as written, or has that as an alias of its canonical name."""
    return any(written in {a.name, *a.aliases} for a in issuers(out, plan_id))


NOTICE = """首页 > 政务公开 > 文件
湘潭市人民政府办公室
关于印发《湘潭市河湖保护三年行动计划(2019—2021年)》的通知
潭政办发〔2019〕12号
各县市区人民政府，市直各单位：
现将《湘潭市河湖保护三年行动计划(2019—2021年)》印发给你们，请结合实际认真贯彻执行。
湘潭市人民政府办公室
2019年3月5日
湘潭市河湖保护三年行动计划(2019—2021年)
为贯彻落实《湖南省河湖保护实施方案》(湘政办发〔2018〕7号)精神，制定本行动计划。
一、总体要求
(一)指导思想。坚持生态优先。
"""


def test_notice_header_gives_inner_title_own_number_date_and_issuer():
    doc, out = run(NOTICE)
    (span,) = doc.plans
    plan = span.plan
    assert plan.name == "湘潭市河湖保护三年行动计划(2019—2021年)"
    assert plan.doc_number == "潭政办发〔2019〕12号"      # not the cited 湘政办发〔2018〕7号
    assert plan.date == "2019-03-05"
    assert (plan.period_start, plan.period_end) == (2019, 2021)
    assert plan.kind == "行动计划"
    assert plan.level == "city"
    assert len(issuers(out, plan.id)) == 1 and issued_by(out, plan.id, "湘潭市人民政府办公室")
    for e in out.edges():
        for ev in e.evidence:
            assert doc.text[ev.start:ev.end] == ev.quote


def test_notice_body_names_the_plan_when_the_header_is_missing_and_number_has_a_signer():
    text = ("潭政发〔2020〕4号　　签发人：张三\n各县市区人民政府：\n现将《湘潭市湿地保护规划(2020—2030年)》印发给你们，请认真执行。\n"
            "湘潭市人民政府\n2020年2月3日\n")
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert plan.name == "湘潭市湿地保护规划(2020—2030年)"
    assert plan.doc_number == "潭政发〔2020〕4号"
    assert plan.date == "2020-02-03"


def test_cited_number_in_a_sentence_is_not_the_documents_own():
    text = "湘潭市节水行动实施方案\n为贯彻落实《湖南省节水行动方案》(湘发〔2018〕3号)，制定本方案。\n一、目标\n到2020年，用水总量得到控制。\n"
    doc, _ = run(text)
    assert doc.plans[0].plan.doc_number is None
    assert doc.plans[0].plan.name == "湘潭市节水行动实施方案"


def test_news_headline_names_the_plan_and_both_issuers():
    text = "湘潭网\n\n首页 > 新闻 > 时政 > 正文\n\n市委市政府发布湘潭市生态文明建设实施纲要\n\n为加快生态文明建设，特制定本纲要。\n一、总体目标\n到2020年，森林覆盖率达到45%。\n"
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert plan.name == "湘潭市生态文明建设实施纲要"
    assert len(issuers(out, plan.id)) == 2
    assert issued_by(out, plan.id, "中共湘潭市委") and issued_by(out, plan.id, "湘潭市人民政府")
    assert plan.level == "city"
    assert plan.period_end == 2020


def test_joint_signature_block_gives_every_issuer():
    text = ("印发《关于推进绿色发展的三年行动计划(2018—2020年)》的通知\n各县市区党委和人民政府：\n"
            "现将《关于推进绿色发展的三年行动计划(2018—2020年)》印发给你们，请认真贯彻执行。\n"
            "中共湘潭市委\n湘潭市人民政府\n2018年6月29日\n")
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert plan.name == "关于推进绿色发展的三年行动计划(2018—2020年)"
    assert len(issuers(out, plan.id)) == 2
    assert issued_by(out, plan.id, "中共湘潭市委") and issued_by(out, plan.id, "湘潭市人民政府")
    assert plan.date == "2018-06-29"


@pytest.mark.parametrize("signature", ["中共湘潭市委　湘潭市人民政府", "中共湘潭市委湘潭市人民政府"])
def test_organs_side_by_side_on_one_signature_line(signature):
    text = f"湘潭市绿色发展行动计划\n为推进绿色发展，制定本计划。\n一、目标\n{signature}\n2018年6月29日\n"
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert len(issuers(out, plan.id)) == 2
    assert issued_by(out, plan.id, "中共湘潭市委") and issued_by(out, plan.id, "湘潭市人民政府")
    assert plan.date == "2018-06-29"


def test_pdf_cover_date_with_spaces_and_outline_issuer():
    text = ("湘潭市国民经济和社会发展\n第十四个五年规划和二 〇 三五年\n远景目标纲要\n二 〇 二一年七月\n"
            "“十四五”时期是开启新征程的第一个五年。本纲要主要阐明全市战略意图，是政府履职的重要依据。\n"
            "第一篇 发展基础\n")
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert meta.title_key(plan.name) == meta.title_key("湘潭市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
    assert plan.date == "2021-07"
    assert (plan.period_start, plan.period_end) == (2021, 2025)
    assert len(issuers(out, plan.id)) == 1 and issued_by(out, plan.id, "湘潭市人民政府")


def test_two_documents_in_one_file_are_two_plans_with_their_own_ranges():
    chapter = "正文 第三章 实施篇(一)(2 / 3)\n\n" + "".join(
        f"{i}、推进试点工作，完善配套制度建设(责任单位：省发改委；共同实施单位：省财政厅)。\n\n" for i in range(1, 9))
    letter = ("湖南省两型办\n\n关于印发《试验区2011年工作要点》的函\n\n湘两型函〔2011〕5号\n\n"
              "2011年4月2日各市人民政府，省直有关单位：\n\n现印发《试验区2011年工作要点》，请抓紧实施。\n\n"
              "试验区2011年工作要点\n\n一、完善规划体系\n")
    doc, out = run(chapter + letter)
    assert len(doc.plans) == 2
    first, second = doc.plans
    assert first.plan.name.startswith("第三章")
    assert first.plan.level == "province"
    assert first.end == second.start == len(chapter)
    assert second.plan.name == "试验区2011年工作要点"
    assert second.plan.doc_number == "湘两型函〔2011〕5号"
    assert second.plan.date == "2011-04-02"
    assert len(issuers(out, second.plan.id)) == 1 and issued_by(out, second.plan.id, "湖南省两型办")
    assert (second.plan.period_start, second.plan.period_end) == (2011, 2011)


def test_scheme_without_heading_takes_its_aim_and_district():
    text = ("为贯彻落实《湘潭市节能减排实施方案》，全力打好全区节能减排攻坚战，特制定本实施方案。\n"
            "一、主要目标\n到2017年，全区单位GDP能耗下降10%。雨湖区各街道要建立台账，区发改局牵头。\n"
            "二、主要任务\n雨湖区全面推进节能改造，区住建局、区环保局配合。雨湖区建立考核制度。\n")
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert plan.name == "雨湖区节能减排攻坚战实施方案"
    assert plan.level == "district"
    assert plan.jurisdiction == "雨湖区"


@pytest.mark.parametrize("written, iso", [
    ("2018年6月29日", "2018-06-29"),
    ("二〇一四年三月五日", "2014-03-05"),
    ("二〇二一年七月", "2021-07"),
    ("2010年12月", "2010-12"),
])
def test_signature_dates(written, iso):
    assert meta.parse_date(written)[0] == iso


@pytest.mark.parametrize("written, normal", [
    ("株政办函[2014]24号", "株政办函〔2014〕24号"),
    ("株发（2014）7号", "株发〔2014〕7号"),
    ("湘两型函 〔2010〕 17 号", "湘两型函〔2010〕17号"),
])
def test_document_numbers_normalise_brackets(written, normal):
    assert meta.normalise_docnum(written) == normal


@pytest.mark.parametrize("title, period", [
    ("三年行动计划(2018—2020年)", (2018, 2020)),
    ("国民经济和社会发展第十四个五年规划纲要", (2021, 2025)),
    ("“十三五”规划", (2016, 2020)),
    ("领导协调委员会2010年工作要点", (2010, 2010)),
])
def test_periods_from_titles(title, period):
    assert meta.plan_period(title) == period


@pytest.mark.parametrize("title, kind", [
    ("两型建设实施纲要", "实施纲要"), ("攻坚战实施方案", "实施方案"), ("三年行动计划(2018—2020年)", "行动计划"),
    ("2010年工作要点", "工作要点"), ("关于加快发展的意见", "意见"),
])
def test_kind_is_the_last_kind_word(title, kind):
    assert meta.plan_kind(title) == kind


def test_plan_ids_meet_across_notice_title_citation_and_script():
    a = meta.plan_id("关于印发《株洲市两型建设实施纲要》的通知", None)
    b = meta.plan_id("株洲市两型建设实施纲要", "株发〔2014〕7号")
    c = meta.plan_id("株洲市兩型建設實施綱要", None)
    assert a == b == c
    assert meta.plan_id("实施方案(2014—2017)", None) == meta.plan_id("实施方案（2014-2017年）", None)
    assert meta.plan_id("湘发〔2009〕25号文件", "湘发〔2009〕25号") == meta.plan_id(None, "湘发[2009]25号")
    assert meta.plan_id("第二个三年行动计划(2016—2018年)") != meta.plan_id("第三个三年行动计划(2019—2021年)")


def test_generic_titles_are_keyed_with_the_citing_place():
    assert meta.plan_id("总体方案", None, "湖南省") != meta.plan_id("总体方案", None, "广东省")
    assert meta.plan_id("“十二五”规划", None, "株洲市") == meta.plan_id("十二五规划", None, "株洲市")
    assert meta.plan_id("党的十八大精神", None, "株洲市") == meta.plan_id("党的十八大精神", None, "湖南省")
    assert meta.plan_id("株洲市两型建设实施纲要", None, "石峰区") == meta.plan_id("株洲市两型建设实施纲要")


def test_state_council_is_national():
    text = "国务院关于印发《大气污染防治行动计划》的通知\n国发〔2013〕37号\n各省、自治区、直辖市人民政府：\n现将《大气污染防治行动计划》印发给你们。\n国务院\n2013年9月10日\n"
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert plan.name == "大气污染防治行动计划"
    assert plan.level == "national"
    assert plan.doc_number == "国发〔2013〕37号"
    assert issued_by(out, plan.id, "国务院")


def test_corpus_documents_get_a_titled_plan(corpus_files):
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        doc, _ = run(text, path.name)
        assert doc.plans and all(sp.plan.name != path.name for sp in doc.plans)


@pytest.mark.parametrize("organ, level, place", [
    ("广州市黄埔区人民政府办公室", "district", "黄埔区"),      # a 区 of a sub-provincial city
    ("重庆市沙坪坝区人民政府", "district", "沙坪坝区"),        # a 区 of a municipality
    ("河北省保定市涿州市人民政府", "county", "涿州市"),        # a county-level city under its province and city
    ("湖南省湘潭市人民政府", "city", "湘潭市"),
    ("湘潭县人民政府办公室", "county", "湘潭县"),
])
def test_level_is_the_issuers_own_division(organ, level, place):
    text = (f"{organ}\n关于印发《河道保洁工作方案》的通知\n各有关单位：\n现将《河道保洁工作方案》印发给你们。\n"
            f"{organ}\n2022年5月6日\n")
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert (plan.level, plan.jurisdiction) == (level, place)


def test_web_page_metadata_table_gives_the_documents_own_number():
    text = ("当前位置：首页 > 政府文件\n索引号：\t00000000/2022-00031\t主题分类：\t环境保护\n"
            "发文机关：\t佛山市人民政府办公室\t成文日期：\t2022-08-02\n文　　号：\t佛府办〔2022〕11号\t发布日期：\t2022-08-09\n"
            "佛山市人民政府办公室关于印发佛山市噪声污染防治行动方案的通知\n各区人民政府：\n"
            "《佛山市噪声污染防治行动方案》已经市人民政府同意，现印发给你们。\n佛山市人民政府办公室\n2022年8月2日\n")
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert plan.doc_number == "佛府办〔2022〕11号"
    assert plan.date == "2022-08-02"


@pytest.mark.parametrize("title, period", [
    ("宁波市2024年大气污染防治工作要点", (2024, 2024)),   # the year before the subject
    ("金牛区打赢碧水保卫战2020年工作方案", (2020, 2020)),
    ("到2030年碳达峰工作方案", (None, None)),            # a target year, not the plan's
])
def test_annual_plans_take_their_year_wherever_the_title_writes_it(title, period):
    assert meta.plan_period(title) == period


@pytest.mark.parametrize("title, period", [
    ("恩施州“十四五”生态环境保护规划", (2021, 2025)),            # the subject between 十四五 and 规划
    ("“十四五”国家老龄事业发展和养老服务体系规划", (2021, 2025)),
    ("湖南省“十五”计划", (2001, 2005)),
])
def test_five_year_period_wherever_the_title_writes_it(title, period):
    assert meta.plan_period(title) == period


def test_web_page_without_signature_takes_the_drafting_date_from_its_table():
    text = ("索 引 号：\tQZ00102-2022-00045\t发布机构：\t泉州市人民政府办公室\n"
            "发文字号：\t泉政办〔2022〕33号\t成文日期：\t2022-06-15\n"
            "泉州市人民政府办公室关于印发泉州市城市更新行动实施方案的通知\n各县（市、区）人民政府：\n"
            "经市政府同意，现将《泉州市城市更新行动实施方案》印发给你们，请认真组织实施。\n"
            "泉州市城市更新行动实施方案\n一、总体要求\n到2025年，完成老旧小区改造500个。\n")
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert (plan.doc_number, plan.date) == ("泉政办〔2022〕33号", "2022-06-15")


def test_joint_organ_lines_above_a_header_without_book_marks_are_the_issuers():
    text = ("中共安吉县委办公室\n安吉县人民政府办公室\n关于印发安吉县美丽乡村建设提升行动计划的通知\n安委办发〔2021〕12号\n"
            "各乡镇党委、政府：\n现将《安吉县美丽乡村建设提升行动计划》印发给你们。\n2021年4月6日\n")
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert issued_by(out, plan.id, "中共安吉县委办公室") and issued_by(out, plan.id, "安吉县人民政府办公室")
    assert plan.level == "county"


def test_a_cited_document_with_a_short_name_is_not_the_title():
    text = ("汝城县全面推进乡村振兴实施方案\n为深入贯彻落实《中共中央 国务院关于全面推进乡村振兴加快农业农村现代化的意见》"
            "（以下简称《意见》），结合我县实际，制定本方案。\n一、总体要求\n")
    doc, _ = run(text)
    assert doc.plans[0].plan.name == "汝城县全面推进乡村振兴实施方案"


def test_cover_title_in_book_marks_over_two_lines():
    text = "《佛山市“十四五”水务发展\n规划》\n\n佛山市人民政府\n二〇二二年一月\n\n第一章 发展基础\n水务设施持续完善。\n"
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert plan.name == "佛山市“十四五”水务发展规划"
    assert (plan.period_start, plan.period_end, plan.date) == (2021, 2025, "2022-01")


def test_web_page_navigation_menu_is_not_the_heading():
    menu = "\n".join(["首页", "政务公开", "政务服务", "互动交流", "机构设置", "政策文件", "规划计划", "统计数据"] * 5)
    text = (menu + "\n佛山市人民政府办公室关于印发佛山市节水型社会建设行动方案的通知\n佛府办〔2022〕7号\n各区人民政府：\n"
            "《佛山市节水型社会建设行动方案》已经市人民政府同意，现印发给你们。\n佛山市人民政府办公室\n2022年3月2日\n")
    doc, _ = run(text)
    plan = doc.plans[0].plan
    assert (plan.name, plan.doc_number) == ("佛山市节水型社会建设行动方案", "佛府办〔2022〕7号")


def test_related_notices_at_the_foot_of_a_page_are_not_a_second_document():
    body = "".join(f"（{i}）推进重点行业节水改造，完成重点用水单位水平衡测试{i * 10}家，推广高效节水器具。\n" for i in range(1, 12))
    text = ("佛山市节水型社会建设行动方案\n一、重点任务\n" + body +
            "相关链接：\n关于印发《佛山市海绵城市建设实施方案》的通知\n关于印发《佛山市“十四五”水务规划》的通知\n扫一扫在手机打开\n")
    doc, _ = run(text)
    assert [sp.plan.name for sp in doc.plans] == ["佛山市节水型社会建设行动方案"]


def test_title_ending_in_measures_without_book_marks():
    text = ("台州市人民政府办公室关于印发台州市促进民营经济高质量发展若干措施的通知\n台政办发〔2023〕8号\n各县（市、区）人民政府：\n"
            "《台州市促进民营经济高质量发展若干措施》已经市政府同意，现印发给你们。\n台州市人民政府办公室\n2023年2月1日\n")
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert (plan.name, plan.kind) == ("台州市促进民营经济高质量发展若干措施", "若干措施")
    assert len(issuers(out, plan.id)) == 1 and issued_by(out, plan.id, "台州市人民政府办公室")   # not a headline


def test_county_level_city_named_only_in_the_text_is_a_county():
    text = ("农村生活污水治理实施方案\n为改善宜兴市农村人居环境，制定本方案。\n一、目标\n到2025年，全市农村生活污水治理率达到95%，"
            "宜兴市各镇全覆盖。\n二、任务\n市住建局牵头，宜兴市各镇负责。全市统筹推进。\n")
    doc, _ = run(text)
    assert (doc.plans[0].plan.level, doc.plans[0].plan.jurisdiction) == ("county", "宜兴市")


def test_signature_date_wins_over_a_page_date_under_the_headline():
    text = ("丽水市生态环境局关于印发《丽水市噪声污染防治工作方案》的通知\n2023年5月20日\n丽环发〔2023〕12号\n各县（市、区）分局：\n"
            "现将《丽水市噪声污染防治工作方案》印发给你们，请认真贯彻执行。\n丽水市生态环境局\n2023年5月16日\n")
    doc, _ = run(text)
    assert doc.plans[0].plan.date == "2023-05-16"


@pytest.mark.parametrize("opening", [
    "丽水市人民政府办公室文件\n",
    "索引号：\t001-2023-0042\t发布机构：\t丽水市人民政府办公室\n",
])
def test_issuer_without_a_signature_from_the_red_head_or_the_page_table(opening):
    text = (opening + "关于印发丽水市噪声污染防治工作方案的通知\n丽政办发〔2023〕12号\n各县（市、区）人民政府：\n"
            "现将《丽水市噪声污染防治工作方案》印发给你们，请认真贯彻执行。\n")
    doc, out = run(text)
    assert issued_by(out, doc.plans[0].plan.id, "丽水市人民政府办公室")


def test_a_leading_group_signs_a_work_plan():
    text = ("武汉市2024年河湖长制工作要点\n一、重点任务\n（一）强化河湖管护。全面完成河湖划界。\n"
            "武汉市全面推行河湖长制工作领导小组\n2024年3月1日\n")
    doc, out = run(text)
    plan = doc.plans[0].plan
    assert (plan.date, plan.period_start) == ("2024-03-01", 2024)
    assert issued_by(out, plan.id, "武汉市全面推行河湖长制工作领导小组")


@pytest.mark.parametrize("title, period", [
    ("海东市2024年扬尘污染治理行动计划", (2024, 2024)),
    ("海东市2025年扬尘污染治理实施方案", (2025, 2025)),
    ("青海省2030年前碳达峰行动方案", (None, None)),   # a target year, not the plan's
])
def test_annual_plan_period_from_a_year_before_its_subject(title, period):
    assert meta.plan_period(title) == period


def test_a_notice_cited_in_book_marks_is_not_the_documents_own_header():
    text = ("标　　题：安徽省人民政府办公厅关于推进建筑垃圾资源化利用的实施意见\n\n"
            "安徽省人民政府办公厅关于推进建筑垃圾资源化利用的实施意见\n\n皖政办〔2021〕9号\n\n"
            "各市人民政府，省政府各部门：\n"
            "为贯彻落实《国务院办公厅关于印发“无废城市”建设试点工作方案的通知》精神，现提出如下实施意见。\n"
            "一、总体要求\n")
    doc, _ = run(text)
    (span,) = doc.plans
    assert span.plan.name == "安徽省人民政府办公厅关于推进建筑垃圾资源化利用的实施意见"
