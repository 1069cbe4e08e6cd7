"""Plan links: IMPLEMENTS / REFERENCES / SUPERSEDES from the verbs that cite a plan."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from policygraph.graph.model import EdgeType
from policygraph.ingest.document import BatchBuilder, SourceText
from policygraph.ingest.extract import links, meta
from policygraph.ingest.pipeline import parse


def run(text: str, name: str = "fixture.txt"):
    src = SourceText(name, Path(name), text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
    doc = parse(src)
    out = BatchBuilder(doc)
    meta.extract(doc, out)
    links.extract(doc, out)
    return doc, out


def cited(out: BatchBuilder, type_: EdgeType) -> dict[str, object]:
    """Target plan name → target node, for edges of one type."""
    return {out.get(e.target).name: out.get(e.target) for e in out.edges() if e.type is type_}


HEAD = "雨湖区生态保护实施方案\n"


def test_citation_with_document_number_is_implemented_and_keeps_the_number():
    doc, out = run(HEAD + "为贯彻落实《湘潭市生态保护纲要》(潭发〔2015〕3号)、《湘潭市生态保护实施方案(2015—2017)》"
                          "(潭政办函〔2015〕9号)，特制定本实施方案。\n一、目标\n")
    got = cited(out, EdgeType.IMPLEMENTS)
    assert got["湘潭市生态保护纲要"].doc_number == "潭发〔2015〕3号"
    assert got["湘潭市生态保护实施方案(2015—2017)"].doc_number == "潭政办函〔2015〕9号"
    # the cited node is the node of the document that carries the title
    assert got["湘潭市生态保护纲要"].id == meta.plan_id("湘潭市生态保护纲要", None)
    for e in out.edges():
        assert all(doc.text[ev.start:ev.end] == ev.quote for ev in e.evidence)


@pytest.mark.parametrize("sentence, type_", [
    ("根据《湘潭市国土空间规划》编制。", EdgeType.IMPLEMENTS),
    ("严格执行《湖南省饮用水水源保护条例》。", EdgeType.IMPLEMENTS),
    ("强化《区域规划》的实施。", EdgeType.IMPLEMENTS),
    ("研究出台《湘潭市生态补偿办法(试行)》。", EdgeType.REFERENCES),
    ("编制《湘潭市低碳发展规划》。", EdgeType.REFERENCES),
])
def test_the_verb_before_a_book_title_decides_the_link(sentence, type_):
    _, out = run(HEAD + sentence + "\n")
    edges = [e for e in out.edges() if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES)]
    assert [e.type for e in edges] == [type_]


def test_bare_document_number_is_a_plan_with_that_number():
    _, out = run(HEAD + "根据湘发〔2009〕25号文件精神，今年要完成各项任务。\n")
    (plan,) = cited(out, EdgeType.IMPLEMENTS).values()
    assert plan.doc_number == "湘发〔2009〕25号"
    assert plan.id == meta.plan_id(None, "湘发〔2009〕25号")


@pytest.mark.parametrize("body, items", [
    ("党的十八大和十八届三中全会精神", ["党的十八大精神", "十八届三中全会精神"]),
    ("市委十一届五次、六次全会精神", ["市委十一届五次全会精神", "市委十一届六次全会精神"]),
    ("省委“四化两型”、“三量齐升”的决策部署", ["省委“四化两型”决策部署", "省委“三量齐升”决策部署"]),
    ("习近平总书记考察湖南重要指示精神和在全省座谈会、全国大会上的重要讲话精神以及省委十一届五次全会精神",
     ["习近平总书记考察湖南重要指示精神", "习近平总书记在全省座谈会上的重要讲话精神",
      "习近平总书记在全国大会上的重要讲话精神", "省委十一届五次全会精神"]),
    ("党的路线方针和决策部署", []),
    # a shared 届 with a list of sessions, as every province writes it
    ("党的二十大和二十届一中、二中、三中全会精神",
     ["党的二十大精神", "二十届一中全会精神", "二十届二中全会精神", "二十届三中全会精神"]),
    ("党的十八届四中和五中全会精神", ["党的十八届四中全会精神", "党的十八届五中全会精神"]),
    ("省第十二次党代会和省委十二届二次、三次全会精神",
     ["省第十二次党代会精神", "省委十二届二次全会精神", "省委十二届三次全会精神"]),
    ("习近平生态文明思想和全省生态环境保护大会精神", ["全省生态环境保护大会精神"]),   # a thought is not cited
    ("党的二十大及二十届二中、三中全会精神", ["党的二十大精神", "二十届二中全会精神", "二十届三中全会精神"]),
    ("中央和省委农村工作会议精神", ["中央农村工作会议精神", "省委农村工作会议精神"]),
    ("省委十二届五次、六次全会和市委十届七次全会精神",
     ["省委十二届五次全会精神", "省委十二届六次全会精神", "市委十届七次全会精神"]),
    # a named meeting's 部署
    ("中央经济工作会议和全省生态环境保护大会部署", ["中央经济工作会议部署", "全省生态环境保护大会部署"]),
])
def test_coordinated_spirit_citations_split_into_items(body, items):
    assert links.expand_spirit(body) == items


def test_spirit_is_read_in_the_opening_not_deep_in_the_body():
    text = (HEAD + "为认真贯彻落实市委十一届五次全会精神，特制定本方案。\n一、指导思想\n深入贯彻落实党的十九大精神。\n"
            "二、主要任务\n深入贯彻党的二十大精神。\n")
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {"市委十一届五次全会精神", "党的十九大精神"}


def test_spirit_is_read_where_the_plan_states_its_guiding_thought():
    text = ("湘潭市水生态环境保护“十四五”规划\n第一章 规划背景\n第一节 工作成效\n“十三五”期间水质持续改善。\n"
            "第二章 总体要求\n第一节 指导思想\n全面贯彻党的二十大和二十届二中全会精神，深入落实全国生态环境保护大会部署。\n"
            "第三章 主要任务\n深入贯彻省第十二次党代会精神。\n")
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {"党的二十大精神", "二十届二中全会精神", "全国生态环境保护大会部署"}


def test_named_plans_after_a_verb_and_a_shared_stem():
    text = HEAD + "全面落实国家、湖南省农村人居环境整治三年行动方案(2018—2020年)，对接省“五个100”计划。\n"
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {
        "农村人居环境整治三年行动方案(2018—2020年)", "湖南省农村人居环境整治三年行动方案(2018—2020年)",
        "“五个100”计划"}


def test_plans_being_drafted_are_references():
    text = HEAD + "启动城市群循环经济规划、城市群国土规划编制工作，完成“十二五”规划编制。\n"
    _, out = run(text)
    assert set(cited(out, EdgeType.REFERENCES)) == {"城市群循环经济规划", "城市群国土规划", "“十二五”规划"}
    assert not cited(out, EdgeType.IMPLEMENTS)


@pytest.mark.parametrize("sentence", [
    "制定支持两型建设的相关政策。",
    "落实企业技术改造奖补政策。",
    "大力实施“创新引领七大计划”。",
    "特制定以下行动计划。",
    "研究制定重大规划、重大政策。",
    "各乡镇要制定具体实施方案。",
    "按照本规划确定的目标推进。",
])
def test_generic_policies_and_own_programmes_are_not_plans(sentence):
    _, out = run(HEAD + sentence + "\n")
    assert not [e for e in out.edges() if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES)]


def test_later_plan_of_a_series_supersedes_the_earlier():
    text = HEAD + ("全面完成湘江保护与治理第二个“三年行动计划”(2016—2018年)各项任务，"
                   "尽早谋划实施湘江保护与治理第三个“三年行动计划”(2019—2021年)。\n")
    _, out = run(text)
    (edge,) = [e for e in out.edges() if e.type is EdgeType.SUPERSEDES]
    assert "第三个" in out.get(edge.source).name and "第二个" in out.get(edge.target).name
    assert len(cited(out, EdgeType.IMPLEMENTS)) == 2


def test_fourteenth_outline_supersedes_the_thirteenth_of_its_place():
    text = ("湘潭市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n"
            "第一章 发展基础\n“十三五”时期，全市较好完成了“十三五”规划确定的各项目标任务。\n")
    doc, out = run(text)
    (edge,) = [e for e in out.edges() if e.type is EdgeType.SUPERSEDES]
    assert edge.source == doc.plans[0].plan.id
    assert meta.title_key(out.get(edge.target).name) == meta.title_key("湘潭市国民经济和社会发展第十三个五年规划纲要")
    assert not [e for e in out.edges() if e.type is EdgeType.REFERENCES]


def test_repealed_plan_is_superseded_not_referenced():
    text = HEAD + "本方案自印发之日起施行，原《雨湖区生态保护办法》(雨政发〔2012〕4号)同时废止。\n"
    doc, out = run(text)
    (edge,) = [e for e in out.edges() if e.type is EdgeType.SUPERSEDES]
    assert edge.source == doc.plans[0].plan.id
    assert out.get(edge.target).doc_number == "雨政发〔2012〕4号"
    assert not cited(out, EdgeType.REFERENCES)


def test_the_document_naming_itself_is_not_a_citation():
    text = ("关于印发《湘潭市河湖保护三年行动计划(2019—2021年)》的通知\n潭政办发〔2019〕12号\n"
            "现将《湘潭市河湖保护三年行动计划(2019—2021年)》印发给你们，请认真贯彻执行。\n"
            "湘潭市人民政府办公室\n2019年3月5日\n")
    _, out = run(text)
    assert not [e for e in out.edges() if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES, EdgeType.SUPERSEDES)]


def test_two_plans_in_one_file_cite_from_their_own_ranges():
    chapter = "第三章 实施篇\n\n" + "".join(
        f"{i}、出台落后产能淘汰办法，推进试点(责任单位：省经信委；共同实施单位：省财政厅)。\n\n" for i in range(1, 9))
    letter = ("湖南省两型办\n\n关于印发《试验区2011年工作要点》的函\n\n湘两型函〔2011〕5号\n\n"
              "试验区2011年工作要点\n\n根据湘发〔2009〕25号文件精神，推进改革。\n")
    doc, out = run(chapter + letter)
    first, second = (sp.plan.id for sp in doc.plans)
    by_target = {out.get(e.target).name: e.source for e in out.edges()
                 if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES)}
    assert by_target["落后产能淘汰办法"] == first
    assert by_target["湘发〔2009〕25号文件"] == second


def test_own_number_in_a_metadata_table_is_not_a_citation():
    text = ("索引号：\t00000000/2022-00031\n文　　号：\t佛府办〔2022〕11号\t发布日期：\t2022-08-09\n"
            "佛山市人民政府办公室关于印发佛山市噪声污染防治行动方案的通知\n佛府办〔2022〕11号\n"
            "佛山市噪声污染防治行动方案\n为贯彻落实《广东省噪声污染防治行动方案》(粤府办〔2021〕9号)，制定本方案。\n")
    _, out = run(text)
    targets = [out.get(e.target) for e in out.edges()
               if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES, EdgeType.SUPERSEDES)]
    assert [t.doc_number for t in targets] == ["粤府办〔2021〕9号"]


def _sup_and_refs(text):
    doc, out = run(text)
    own = doc.plans[0].plan.id
    sup = {out.get(e.target).name for e in out.edges() if e.type is EdgeType.SUPERSEDES and e.source == own}
    refs = {out.get(e.target).name for e in out.edges() if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES)}
    return sup, refs


@pytest.mark.parametrize("title, sentence, older", [
    # a previous-period plan of our place and subject that the text says was completed
    ("嘉兴市水资源保护“十四五”规划", "“十三五”时期，《嘉兴市水资源保护和利用“十三五”规划》确定的主要目标任务全面完成。",
     "嘉兴市水资源保护和利用“十三五”规划"),
    ("嘉兴市水资源保护“十四五”规划", "过去五年，全面完成《嘉兴市水资源保护利用“十三五”规划》确定的各项任务。",
     "嘉兴市水资源保护利用“十三五”规划"),
    # our own title with the previous period: no completion word needed
    ("湖州市海绵城市建设三年行动计划(2022—2024年)", "《湖州市海绵城市建设三年行动计划(2019—2021年)》实施以来，成效明显。",
     "湖州市海绵城市建设三年行动计划(2019—2021年)"),
    ("宁波市2024年大气污染防治工作要点", "《宁波市2023年大气污染防治工作要点》确定的任务全部完成。",
     "宁波市2023年大气污染防治工作要点"),
])
def test_predecessor_plan_is_superseded_not_referenced(title, sentence, older):
    sup, refs = _sup_and_refs(f"{title}\n一、工作基础\n{sentence}\n二、主要任务\n加强监测。\n")
    assert sup == {older}
    assert older not in refs


@pytest.mark.parametrize("sentence", [
    "《浙江省水资源保护“十三五”规划》确定的主要目标任务全面完成。",     # the province's plan, not ours
    "《嘉兴市交通运输发展“十三五”规划》确定的主要目标任务全面完成。",   # another subject
    "《嘉兴市水资源保护“十二五”规划》确定的主要目标任务全面完成。",     # not the period just before
])
def test_other_completed_plans_are_not_predecessors(sentence):
    sup, refs = _sup_and_refs(f"嘉兴市水资源保护“十四五”规划\n一、发展基础\n{sentence}\n")
    assert not sup and len(refs) == 1


def test_bare_five_year_plan_of_the_current_period_is_a_mention():
    text = "宁波市2024年大气污染防治工作要点\n2024年是实施“十四五”规划的关键一年，要持续改善空气质量。\n"
    _, out = run(text)
    assert set(cited(out, EdgeType.REFERENCES)) == {"“十四五”规划"}
    assert not cited(out, EdgeType.IMPLEMENTS)


@pytest.mark.parametrize("sentence, expected", [
    ("严格落实排污权有偿使用和交易管理办法。", {"排污权有偿使用和交易管理办法"}),   # 和 inside one named plan
    ("组织编制湿地保护规划和年度计划。", {"湿地保护规划"}),                     # 和 before a generic kind
])
def test_and_inside_a_plan_name_versus_before_a_generic_kind(sentence, expected):
    _, out = run(HEAD + sentence + "\n")
    assert set(cited(out, EdgeType.IMPLEMENTS)) | set(cited(out, EdgeType.REFERENCES)) == expected


def test_predecessor_of_a_plan_whose_period_sits_inside_its_title():
    text = ("恩施州“十四五”生态环境保护规划\n第一章 发展基础\n《恩施州“十三五”环境保护规划》确定的目标任务圆满完成。\n"
            "第二章 主要任务\n加强监测。\n")
    sup, refs = _sup_and_refs(text)
    assert sup == {"恩施州“十三五”环境保护规划"} and not refs


def test_a_cited_document_keeps_its_citation_when_given_a_short_name():
    text = HEAD + "为贯彻落实《湖南省湿地保护条例实施办法》（以下简称《办法》），制定本方案。\n"
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {"湖南省湿地保护条例实施办法"}


def test_a_list_of_related_notices_is_not_cited():
    text = HEAD + "为贯彻落实《湖南省湿地保护条例》，制定本方案。\n相关链接：\n关于印发《湘潭市海绵城市建设实施方案》的通知\n"
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) | set(cited(out, EdgeType.REFERENCES)) == {"湖南省湿地保护条例"}


@pytest.mark.parametrize("sentence, older", [
    ("“十三五”规划确定的主要目标任务全面完成。", "佛山市水务发展“十三五”规划"),   # said to be completed
    ("“十三五”规划实施以来，水务设施不断完善。", None),                          # a bare mention only
])
def test_special_plan_supersedes_its_previous_period_when_said_completed(sentence, older):
    sup, _ = _sup_and_refs(f"佛山市水务发展“十四五”规划\n第一章 发展基础\n{sentence}\n第二章 主要任务\n加强监测。\n")
    assert sup == ({older} if older else set())


def test_spirit_in_a_plan_divided_into_parts():
    text = ("湘潭市养老服务体系建设规划\n第一部分 规划背景\n养老服务持续发展。\n第二部分 总体要求\n"
            "（一）指导思想。全面贯彻党的二十大精神。\n第三部分 重点任务\n深入贯彻省第十二次党代会精神。\n")
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {"党的二十大精神"}


def test_measures_are_plans_with_book_marks_but_not_after_a_bare_verb():
    text = HEAD + "为贯彻落实《湖南省促进民营经济发展若干措施》，落实保障措施，制定本方案。\n"
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) | set(cited(out, EdgeType.REFERENCES)) == {"湖南省促进民营经济发展若干措施"}


@pytest.mark.parametrize("sentence, name", [
    ("全面落实大气污染防治行动计划确定的各项任务。", "大气污染防治行动计划"),
    ("认真执行湖南省湘江保护条例有关规定。", "湖南省湘江保护条例"),
    ("落实好清洁能源替代行动方案提出的目标。", "清洁能源替代行动方案"),
    ("全面落实乡村振兴战略规划（2018—2022年）部署。", "乡村振兴战略规划(2018—2022年)"),
])
def test_named_plan_followed_by_what_it_set(sentence, name):
    _, out = run(HEAD + sentence + "\n")
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {name}


@pytest.mark.parametrize("title, sentence, older", [
    # consolidating the results of the plan of the years just before ours
    ("青海省农村饮水安全巩固提升实施方案(2023—2026年)",
     "为巩固《青海省农村饮水安全三年攻坚行动方案(2020—2022年)》成果，制定本方案。",
     "青海省农村饮水安全三年攻坚行动方案(2020—2022年)"),
    # the previous five-year plan of our place, renamed (大气污染防治 → 大气环境保护), said to be done
    ("西宁市“十四五”大气环境保护规划", "《西宁市“十三五”大气污染防治规划》确定的目标任务全面完成。",
     "西宁市“十三五”大气污染防治规划"),
    ("西宁市“十四五”大气环境保护规划", "圆满完成《西宁市“十三五”大气污染防治规划》。",
     "西宁市“十三五”大气污染防治规划"),
    # an annual plan built on last year's, 行动计划 and 工作方案 being one family
    ("海东市2025年扬尘污染治理工作方案", "在《海东市2024年扬尘污染治理行动计划》基础上，制定本方案。",
     "海东市2024年扬尘污染治理行动计划"),
])
def test_plan_carried_on_from_the_period_before_is_superseded(title, sentence, older):
    sup, refs = _sup_and_refs(f"{title}\n一、工作基础\n{sentence}\n二、主要任务\n加强监测。\n")
    assert sup == {older}
    assert older not in refs


@pytest.mark.parametrize("sentence", [
    "为巩固《青海省交通运输三年攻坚行动方案(2020—2022年)》成果，加强协同。",   # no shared domain
    "为巩固《甘肃省农村饮水安全三年攻坚行动方案(2020—2022年)》成果，加强协同。",   # another province
    "为巩固《青海省农村饮水安全三年攻坚行动方案(2017—2019年)》成果，加强协同。",   # not the years just before
    "对照《青海省农村饮水安全三年攻坚行动方案(2020—2022年)》，加强协同。",       # a mention only
])
def test_other_plans_near_a_carrying_on_word_are_not_predecessors(sentence):
    sup, refs = _sup_and_refs(f"青海省农村供水保障实施方案(2023—2026年)\n一、工作基础\n{sentence}\n")
    assert not sup and len(refs) == 1


@pytest.mark.parametrize("sentence, name", [
    ("修订《海南省海岸带管理办法》。", "海南省海岸带管理办法"),
    ("完成排水防涝专项规划修编。", "排水防涝专项规划"),
    ("修编三亚市绿地系统规划。", "三亚市绿地系统规划"),
    ("制定海口市防汛防台风应急预案。", "海口市防汛防台风应急预案"),
    ("编制农村生活污水处理技术指南。", "农村生活污水处理技术指南"),
    ("研究制定海绵城市建设技术导则。", "海绵城市建设技术导则"),
    # the name starts at the word after the verb: 县域 / 市级 are part of it
    ("科学编制县域商业体系规划。", "县域商业体系规划"),
    ("组织编制市级湿地保护规划。", "市级湿地保护规划"),
])
def test_a_plan_being_drafted_or_revised_is_referenced(sentence, name):
    _, out = run(HEAD + sentence + "\n")
    assert set(cited(out, EdgeType.REFERENCES)) == {name}
    assert not cited(out, EdgeType.IMPLEMENTS)


@pytest.mark.parametrize("sentence", [
    "制定重点行业应急预案。",                 # generic kind of plan, the document's own to draft
    "编制全域研学旅行指南。",                 # a guide without a place or technical standing
    "制定“绿色”建材的标准。",                 # a standard described, not named
    "提升为二级公路及以上标准。",
    "完成排水防涝专项规划。",                 # 完成 a plain plan name without 修编: the work, not the plan
])
def test_unnamed_rules_and_guides_are_not_plans(sentence):
    _, out = run(HEAD + sentence + "\n")
    assert not [e for e in out.edges() if e.type in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES)]


@pytest.mark.parametrize("body, items", [
    # the spirit of a document is the document, with its year
    ("2023年中央一号文件精神和省委农村工作会议部署", ["2023年中央一号文件", "省委农村工作会议部署"]),
    ("中央一号文件精神", ["中央一号文件"]),
    # a decision named by its subject keeps the 关于 clause
    ("党的二十大关于推进健康中国建设的决策部署", ["党的二十大关于推进健康中国建设的决策部署"]),
    ("省委关于加快建设海洋强省的决策部署", ["省委关于加快建设海洋强省的决策部署"]),
    ("党的二十大精神和全省海洋工作会议部署", ["党的二十大精神", "全省海洋工作会议部署"]),
])
def test_documents_and_named_decisions_in_spirit_lists(body, items):
    assert links.expand_spirit(body) == items


def test_year_document_and_meeting_deployment_are_implemented():
    text = ("琼中县乡村振兴实施方案\n一、指导思想\n认真落实2023年中央一号文件精神和省委农村工作会议部署，"
            "为深入贯彻党的二十大关于全面推进乡村振兴的决策部署，制定本方案。\n二、任务\n加强。\n")
    _, out = run(text)
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {
        "2023年中央一号文件", "省委农村工作会议部署", "党的二十大关于全面推进乡村振兴的决策部署"}


@pytest.mark.parametrize("sentence, name", [
    ("修订完善大理市洱海流域保护管理办法。", "大理市洱海流域保护管理办法"),
    ("制定并实施农村饮用水源保护技术规范。", "农村饮用水源保护技术规范"),
    ("编制完成大理市“十四五”水资源保护规划。", "大理市“十四五”水资源保护规划"),   # drafted, not carried out
    ("完成《大理市综合交通规划》修编。", "大理市综合交通规划"),
])
def test_drafting_and_revising_verbs_make_a_mention(sentence, name):
    _, out = run(HEAD + sentence + "\n")
    assert set(cited(out, EdgeType.REFERENCES)) == {name}
    assert not cited(out, EdgeType.IMPLEMENTS)


@pytest.mark.parametrize("body, items", [
    ("中央一号文件和省委一号文件精神", ["中央一号文件", "省委一号文件"]),
    ("党中央、国务院关于加强生态文明建设的决策部署", ["党中央、国务院关于加强生态文明建设的决策部署"]),
])
def test_document_lists_and_joint_decisions_in_spirit(body, items):
    assert links.expand_spirit(body) == items


@pytest.mark.parametrize("cited_period, superseded", [("2019—2021年", True), ("2021—2023年", False)])
def test_a_plan_without_a_period_is_dated_by_its_issue_year(cited_period, superseded):
    older = f"贵州省农村生活垃圾治理三年攻坚行动方案({cited_period})"
    text = (f"贵州省农村生活垃圾治理实施方案\n为巩固《{older}》成果，制定本方案。\n一、任务\n加强。\n"
            "贵州省人民政府办公厅\n2022年3月1日\n")
    sup, refs = _sup_and_refs(text)
    assert (older in sup) is superseded and (older in refs) is not superseded


# ---------------------------------------------------------------------------- round 3: hard wraps, destinations

@pytest.mark.parametrize("body", [
    # a PDF line ending inside the sentence, the next item starting with 和
    "依据《河北省大气污染防治条例》(冀政发〔2018〕12号)\n和《保定市生态环境保护规划(2021—2025年)》，结合本区实际，制定本方案。\n",
    # the break after the conjunction, inside a long line
    "为深入贯彻《河北省大气污染防治条例》和保定市有关工作部署，按照《河北省打赢蓝天保卫战三年行动方案》和\n"
    "《保定市生态环境保护规划(2021—2025年)》，制定本方案。\n",
    # a page break inside the sentence (the PDF reader joins pages with a form feed)
    "依据《河北省大气污染防治条例》(冀政发〔2018〕12号)\n\f\n和《保定市生态环境保护规划(2021—2025年)》，制定本方案。\n",
    # a list of titles wrapped after its 、
    "根据《河北省大气污染防治条例》、\n《保定市生态环境保护规划(2021—2025年)》等文件要求，制定本方案。\n",
])
def test_a_line_break_inside_a_citing_sentence_keeps_the_governing_verb(body):
    doc, out = run("满城区大气污染防治实施方案\n" + body)
    assert "保定市生态环境保护规划(2021—2025年)" in cited(out, EdgeType.IMPLEMENTS)
    assert "保定市生态环境保护规划(2021—2025年)" not in cited(out, EdgeType.REFERENCES)
    for e in out.edges():
        assert all(doc.text[ev.start:ev.end] == ev.quote for ev in e.evidence)


@pytest.mark.parametrize("body", [
    "严格执行环评制度。\n《保定市生态环境保护规划(2021—2025年)》由市生态环境局牵头编制。\n",
    "三、贯彻落实\n《保定市生态环境保护规划(2021—2025年)》由市生态环境局牵头编制。\n",
    # a blank line is a paragraph break
    "依据《河北省大气污染防治条例》\n\n《保定市生态环境保护规划(2021—2025年)》由市生态环境局牵头编制。\n",
])
def test_a_line_after_a_sentence_end_or_a_heading_is_a_clause_of_its_own(body):
    _, out = run("满城区大气污染防治实施方案\n" + body)
    assert "保定市生态环境保护规划(2021—2025年)" in cited(out, EdgeType.REFERENCES)
    assert "保定市生态环境保护规划(2021—2025年)" not in cited(out, EdgeType.IMPLEMENTS)


@pytest.mark.parametrize("sentence", [
    "要把规划目标任务分解落实到年度计划，确保按期完成。",
    "各部门要将重点任务贯彻到本部门年度工作计划中。",
    "将治理措施逐项落实到年度实施计划和具体项目。",
    "把各项要求落实于年度工作方案。",
])
def test_carrying_tasks_down_into_yearly_plans_cites_no_plan(sentence):
    _, out = run("满城区大气污染防治实施方案\n" + sentence + "\n")
    assert not cited(out, EdgeType.IMPLEMENTS) and not cited(out, EdgeType.REFERENCES)


def test_words_inside_another_cited_title_are_no_cue():
    _, out = run("满城区大气污染防治实施方案\n根据《关于编制国土空间规划的通知》和《保定市生态环境保护规划(2021—2025年)》，"
                 "制定本方案。\n")
    assert "保定市生态环境保护规划(2021—2025年)" in cited(out, EdgeType.IMPLEMENTS)


def test_two_cue_words_before_a_title_cite_the_whole_title_once():
    _, out = run("满城区2022年生态环境保护工作要点\n衔接落实《保定市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，"
                 "推动全区生态环境质量持续改善。\n")
    assert set(cited(out, EdgeType.IMPLEMENTS)) == {"保定市国民经济和社会发展第十四个五年规划和2035年远景目标纲要"}


@pytest.mark.parametrize("sentence, items", [
    ("按照省委十一届八次全会、市委七届五次全会部署，制定本方案。", {"省委十一届八次全会部署", "市委七届五次全会部署"}),
    ("全面落实党的二十大精神和习近平总书记对江西提出的系列重要指示要求，制定本方案。",
     {"党的二十大精神", "习近平总书记对江西提出的系列重要指示要求"}),
])
def test_meetings_deployments_and_instructions_carried_out_are_cited_each(sentence, items):
    _, out = run("满城区2022年生态环境保护工作要点\n" + sentence + "\n")
    assert items <= set(cited(out, EdgeType.IMPLEMENTS))


def test_a_higher_plan_our_title_is_named_after_is_cited_when_its_number_differs():
    text = ("满城区推动大规模设备更新行动方案\n满政发〔2024〕3号\n"
            "为贯彻《国务院关于印发推动大规模设备更新行动方案的通知》（国发〔2024〕7号），制定本方案。\n")
    _, out = run(text)
    (plan,) = cited(out, EdgeType.IMPLEMENTS).values()
    assert plan.doc_number == "国发〔2024〕7号" and "推动大规模设备更新行动方案" in plan.name


def test_a_speech_and_a_document_sharing_one_spirit_are_cited_each():
    _, out = run("满城区2022年生态环境保护工作要点\n认真落实习近平总书记“3·10”重要讲话和中央8号文件精神，制定本要点。\n")
    names = set(cited(out, EdgeType.IMPLEMENTS))
    assert "习近平总书记“3·10”重要讲话精神" in names and any(n.startswith("中央8号文件") for n in names)
