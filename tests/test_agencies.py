"""Agency names: recognising them, resolving them with their jurisdiction, renames, MENTIONS."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from policygraph.graph.model import Agency, EdgeType, Label, Plan, node_id
from policygraph.ingest.agency_names import (RENAMES_EVIDENCE_FILE, RENAMES_FILE, canonical_agency,
                                             find_mentions, renames, successors)
from policygraph.ingest.document import BatchBuilder, ParsedDoc, PlanSpan, SourceText
from policygraph.ingest.extract import agencies
from policygraph.ingest.normalize import normalise

HUNAN = {"province": "湖南省"}
XIANGTAN = {"province": "湖南省", "city": "湘潭市"}
YUETANG = {"province": "湖南省", "city": "湘潭市", "district": "岳塘区"}
PLAN = Plan(id=node_id(Label.PLAN, "湘潭市某某实施方案"), name="湘潭市某某实施方案", source_file="t.txt")


def run(text: str, jurisdictions: dict | None = None) -> BatchBuilder:
    src = SourceText(file="t.txt", path=Path("t.txt"), text=text, encoding="utf-8", format="txt", sha256="0")
    doc = ParsedDoc(source=src, norm=normalise(text))
    doc.plans = [PlanSpan(PLAN, 0, len(text), dict(XIANGTAN if jurisdictions is None else jurisdictions))]
    out = BatchBuilder(doc)
    out.node(PLAN)
    agencies.extract(doc, out)
    return out


def mentioned(out: BatchBuilder) -> list[str]:
    """The as-written names the plan MENTIONS (their evidence quotes)."""
    return sorted(e.evidence[0].quote for e in out.edges() if e.type is EdgeType.MENTIONS)


def names(text: str) -> list[str]:
    return [m.name for m in find_mentions(normalise(text).text)]


# ---------------------------------------------------------------------------- canonical names

@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("市环保局", XIANGTAN, "湘潭市环境保护局"),
    ("市發改委", XIANGTAN, "湘潭市发展和改革委员会"),
    ("省财政厅", HUNAN, "湖南省财政厅"),
    ("省政府法制办", HUNAN, "湖南省人民政府法制办公室"),
    ("区两型办", YUETANG, "湘潭市岳塘区两型社会建设办公室"),
    ("岳塘区政府", XIANGTAN, "湘潭市岳塘区人民政府"),
    ("市委", XIANGTAN, "中共湘潭市委员会"),
    ("中共湘潭市委", {}, "中共湘潭市委员会"),
    ("市委组织部", XIANGTAN, "中共湘潭市委员会组织部"),
    ("市交警支队", XIANGTAN, "湘潭市公安局交通警察支队"),
    ("市卫计委", XIANGTAN, "湘潭市卫生和计划生育委员会"),
    ("国务院扶贫办", XIANGTAN, "国务院扶贫开发领导小组办公室"),
    ("党中央", XIANGTAN, "中国共产党中央委员会"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_name_resolves_with_its_jurisdiction(written, jurisdictions, canonical):
    agency = canonical_agency(written, jurisdictions)
    assert agency.name == canonical
    assert agency.id == node_id(Label.AGENCY, canonical)


@pytest.mark.parametrize("written", ["市环保局", "市環保局", "省政府法制办", "中共湘潭市委", "“2+3”城市群五市人民政府"])
def test_the_name_as_written_is_always_an_alias(written):
    agency = canonical_agency(written, XIANGTAN)
    assert written in agency.aliases or written == agency.name


def test_one_agency_named_three_ways_in_two_documents_is_one_node():
    ids = {canonical_agency(w, XIANGTAN).id for w in ("市环保局", "湘潭市环保局", "湘潭市环境保护局")}
    assert len(ids) == 1


def test_same_short_name_in_two_cities_is_two_agencies():
    a = canonical_agency("市环保局", XIANGTAN)
    b = canonical_agency("市环保局", {"province": "湖南省", "city": "长沙市"})
    assert a.id != b.id and b.name == "长沙市环境保护局"


def test_collective_agencies_are_marked():
    assert canonical_agency("各县市区人民政府", XIANGTAN).collective
    assert canonical_agency("有关各市人民政府", HUNAN).collective
    assert not canonical_agency("市人民政府", XIANGTAN).collective


# ---------------------------------------------------------------------------- renames

def test_rename_table_gives_supersedes_with_the_table_row_as_evidence():
    out = run("加强协调,市环保局要抓好落实。")
    (edge,) = [e for e in out.edges() if e.type is EdgeType.SUPERSEDES]
    assert out.get(edge.source).name == "湘潭市生态环境局"
    assert out.get(edge.target).name == "湘潭市环境保护局"
    ev = edge.evidence[0]
    assert ev.file == RENAMES_EVIDENCE_FILE
    table = RENAMES_FILE.read_text(encoding="utf-8")
    assert table[ev.start:ev.end] == ev.quote and ev.quote.startswith("环境保护局,生态环境局,")


def test_renames_follow_a_chain():
    chain = [(new.name, old.name) for new, old, _ in successors(canonical_agency("市卫生局", XIANGTAN))]
    assert chain == [("湘潭市卫生和计划生育委员会", "湘潭市卫生局"),
                     ("湘潭市卫生健康委员会", "湘潭市卫生和计划生育委员会")]


@pytest.mark.parametrize("written, jurisdictions, successor", [
    ("省国土资源厅", HUNAN, "湖南省自然资源厅"),
    ("市国土资源局", XIANGTAN, "湘潭市自然资源和规划局"),
    ("市安监局", XIANGTAN, "湘潭市应急管理局"),
    ("省安监局", HUNAN, "湖南省应急管理厅"),
    ("市工商局", XIANGTAN, "湘潭市市场监督管理局"),
    ("市农委", XIANGTAN, "湘潭市农业农村局"),
])
def test_rename_depends_on_level(written, jurisdictions, successor):
    (new, _, row), *_ = successors(canonical_agency(written, jurisdictions))
    assert new.name == successor and row.source


def test_every_rename_row_has_a_source_and_a_year():
    rows = renames()
    assert len(rows) >= 20 and all(r.source and 1990 < r.year < 2030 for r in rows)


def test_rename_stated_by_the_document_uses_its_sentence():
    text = "根据机构改革方案,原市水务局更名为市水利局。"
    out = run(text)
    stated = [e for e in out.edges() if e.type is EdgeType.SUPERSEDES and e.evidence[0].file == "t.txt"]
    (edge,) = stated
    assert out.get(edge.source).name == "湘潭市水利局" and out.get(edge.target).name == "湘潭市水务局"
    assert "更名为" in edge.evidence[0].quote


# ---------------------------------------------------------------------------- recognising

@pytest.mark.parametrize("text, expected", [
    ("坚决维护党中央权威,落实国务院部署。", ["党中央", "国务院"]),
    ("在省委、省政府的坚强领导下", ["省委", "省政府"]),
    ("市委市政府印发通知", ["市委", "市政府"]),
    ("报市人民代表大会常务委员会批准", ["市人民代表大会常务委员会"]),
    ("根据《中共湘潭市委关于制定规划的建议》", ["中共湘潭市委"]),
    ("提升市疾控中心检测能力", ["市疾控中心"]),
    ("成立湘潭市推进生态文明建设领导小组,统筹推进", ["湘潭市推进生态文明建设领导小组"]),
    ("发挥党委农村工作领导小组作用", ["党委农村工作领导小组"]),
    ("财政部、生态环境部联合印发", ["财政部", "生态环境部"]),
    ("市政府经济金融办和市委组织部", ["市政府经济金融办", "市委组织部"]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_agencies_named_in_prose(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "优化全市产业布局,形成发展新格局",
    "建设社区卫生服务中心和县级疾控中心",
    "发挥市场作用,推进区域协调",
    "建立八市规划局局长联席会议",
    "完善绩效考核办法",
    "完善财政部门预算管理",
    "省市县三级政府",
], ids=lambda v: v[:6])
def test_words_that_only_look_like_agencies(text):
    assert names(text) == []


def test_debris_and_generic_words_are_not_agencies():
    text = ("首页 > 政务公开 > 市委 > 正文\n"
            "各部门、有关单位要加强协作。\n"
            "主管:中共湘潭市委宣传部 | 版权所有\n"
            "来源:湘潭市人民政府网  责任编辑:李四\n")
    assert mentioned(run(text)) == []


def test_addressee_line_of_a_notice_is_not_counted():
    text = "各县市区人民政府,市直各单位:\n现将方案印发给你们。\n湘潭市人民政府\n"
    assert mentioned(run(text)) == ["湘潭市人民政府"]


def test_mentions_carry_the_name_as_written_and_traditional_resolves():
    out = run("市環保局、市住建局要加強監管。")
    assert mentioned(out) == ["市住建局", "市環保局"]
    env = next(a for a in out.nodes_of(Agency) if a.name == "湘潭市环境保护局")
    assert "市環保局" in env.aliases and "市环保局" in env.aliases


# ---------------------------------------------------------------------------- corpus

def _score(corpus_dir: Path) -> dict:
    from policygraph.ingest.pipeline import find_documents, ingest_file

    nodes, edges = {}, []
    for path, name in find_documents([corpus_dir]):
        batch = ingest_file(path, name)
        for n in batch.nodes:
            d = n.to_dict()
            if d["id"] in nodes:
                nodes[d["id"]]["aliases"] = list(dict.fromkeys(nodes[d["id"]]["aliases"] + d["aliases"]))
            else:
                nodes[d["id"]] = d
        edges += [e.to_dict() for e in batch.edges]
    scorer_dir = corpus_dir.parent / "eval"
    sys.path.insert(0, str(scorer_dir))
    try:
        import score
    finally:
        sys.path.remove(str(scorer_dir))
    ex = score.Export({"nodes": list(nodes.values()), "edges": edges})
    total = {c: score.Prf() for c in ("agencies", "responsibility")}
    for gold_path in sorted((scorer_dir / "gold").glob("*.json")):
        result = score.score_file(json.loads(gold_path.read_text(encoding="utf-8")), ex)
        for c in total:
            total[c] += result[c]
    return {c: v.f1 for c, v in total.items()}


def test_corpus_agencies_and_responsibility_reach_the_bar(corpus_dir):
    pytest.importorskip("opencc")
    if not (corpus_dir.parent / "eval" / "score.py").exists():
        pytest.skip("scorer not found beside the corpus")
    f1 = _score(corpus_dir)
    assert f1["agencies"] >= 0.95 and f1["responsibility"] >= 0.95, f1


def test_expansion_does_not_repeat_what_is_written():
    assert canonical_agency("市公安局交警支队", XIANGTAN).name == "湘潭市公安局交通警察支队"
    assert canonical_agency("市交警支队", XIANGTAN).name == "湘潭市公安局交通警察支队"


def test_a_place_after_a_bureau_is_not_a_title():
    assert names("国家统计局长沙调查队要加强统计监测。") == ["国家统计局长沙调查队"]


@pytest.mark.parametrize("written", ["中共湘潭市委员会", "中共湘潭市委", "市委", "湘潭市委"])
def test_party_committee_full_and_short_forms_are_one_node(written):
    assert canonical_agency(written, XIANGTAN).name == "中共湘潭市委员会"


def test_city_and_district_written_in_full_resolve_to_the_district():
    agency = canonical_agency("湘潭市岳塘区人民政府", XIANGTAN)
    assert (agency.name, agency.level, agency.jurisdiction) == ("湘潭市岳塘区人民政府", "district", "岳塘区")


def test_rename_stated_as_a_new_body_replacing_an_old_one():
    out = run("组建市农业农村局,不再保留市农业委员会。")
    stated = [e for e in out.edges() if e.type is EdgeType.SUPERSEDES and "t.txt" in {v.file for v in e.evidence}]
    assert [(out.get(e.source).name, out.get(e.target).name) for e in stated] == [("湘潭市农业农村局", "湘潭市农业委员会")]


def test_a_sentence_ending_in_a_colon_is_not_an_address_line():
    assert mentioned(run("经研究,市政府决定如下:\n一、加强领导。\n")) == ["市政府"]


def test_a_bureau_whose_name_starts_like_a_word_is_still_read():
    assert names("县城管局牵头,县供销社配合。推进县城建设。") == ["县城管局", "县供销社"]


def test_collective_governments_in_prose_are_agencies_but_units_of_a_level_are_not():
    out = run("各县(区)人民政府要将目标纳入年度计划。市直部门要加强配合。")
    assert mentioned(out) == ["各县(区)人民政府"]
    assert next(iter(out.nodes_of(Agency))).collective


def test_other_name_in_brackets_is_an_alias_not_an_agency():
    out = run("由市水利局(市水务局)负责。")
    assert mentioned(out) == ["市水利局"]
    (agency,) = out.nodes_of(Agency)
    assert "市水务局" in agency.aliases


# ---------------------------------------------------------------------------- renames the document states

SHAOGUAN = {"province": "广东省", "city": "韶关市"}


def stated(out: BatchBuilder) -> list[tuple[str, str, str]]:
    """(newer, older, rule) of the SUPERSEDES edges whose evidence is the document."""
    return sorted((out.get(e.source).name, out.get(e.target).name, out.rules[e.key][0])
                  for e in out.edges() if e.type is EdgeType.SUPERSEDES and e.evidence[0].file == "t.txt")


def table_successors_of(out: BatchBuilder, older: str) -> list[str]:
    return [out.get(e.source).name for e in out.edges() if e.type is EdgeType.SUPERSEDES
            and e.evidence[0].file == RENAMES_EVIDENCE_FILE and out.get(e.target).name == older]


@pytest.mark.parametrize("text, expected", [
    ("根据机构改革方案，原韶关市环境保护局更名为韶关市生态环境局。",
     [("韶关市生态环境局", "韶关市环境保护局", "agency_rename_stated")]),
    ("将市水务局更名为市水利局，加挂市河长制办公室牌子。",
     [("韶关市水利局", "韶关市水务局", "agency_rename_stated")]),
    ("市城市管理局改为市城市管理和综合执法局。",
     [("韶关市城市管理和综合执法局", "韶关市城市管理局", "agency_rename_stated")]),
    ("组建市退役军人事务局，不再保留市物价局、市粮食局。",
     [("韶关市退役军人事务局", "韶关市物价局", "agency_rename_stated_not_kept"),
      ("韶关市退役军人事务局", "韶关市粮食局", "agency_rename_stated_not_kept")]),
    ("撤销市安全生产监督管理局，组建市应急管理局。",
     [("韶关市应急管理局", "韶关市安全生产监督管理局", "agency_rename_stated_abolished")]),
    ("原市国土资源局的职责整合划入新组建的市自然资源局。",
     [("韶关市自然资源局", "韶关市国土资源局", "agency_rename_stated_duties")]),
    ("将原市农业局、原市畜牧兽医局的职责整合，组建市农业农村局。",
     [("韶关市农业农村局", "韶关市农业局", "agency_rename_stated_duties"),
      ("韶关市农业农村局", "韶关市畜牧兽医局", "agency_rename_stated_duties")]),
    ("将市环境保护局的职责，市发展和改革局的应对气候变化和减排职责，市水务局的编制水功能区划职责整合，组建市生态环境局。",
     [("韶关市生态环境局", "韶关市环境保护局", "agency_rename_stated_duties")]),
    ("由市生态环境局（原市环保局）负责。",
     [("韶关市生态环境局", "韶关市环境保护局", "agency_rename_stated_formerly")]),
], ids=["原X更名为Y", "将X更名为Y", "X改为Y", "组建Y不再保留X、Z", "撤销X组建Y", "X的职责整合划入新组建的Y",
        "将X、Z的职责整合组建Y", "将X的职责,Z的某项职责整合组建Y", "Y(原X)"])
def test_rename_the_document_states_supersedes_with_its_sentence(text, expected):
    out = run(text, SHAOGUAN)
    assert stated(out) == expected
    for e in out.edges():
        if e.type is EdgeType.SUPERSEDES and e.evidence[0].file == "t.txt":
            assert e.evidence[0].quote == text.rstrip("。").split("。")[0]


def test_transfer_of_some_duties_is_no_rename():
    out = run("将市发展和改革局的应对气候变化和减排职责划入市生态环境局。", SHAOGUAN)
    assert stated(out) == []
    assert "韶关市发展和改革局" in [n.name for n in out.nodes_of(Agency)]


def test_task_handed_from_one_agency_to_another_is_no_rename():
    assert stated(run("第三项任务的牵头单位由市发展和改革局改为市工业和信息化局。", SHAOGUAN)) == []


def test_stated_successor_replaces_the_table_successor_in_that_document():
    # the table's city-level successor of 国土资源局 is 自然资源和规划局; this city says 自然资源局
    text = "原市国土资源局的职责整合划入新组建的市自然资源局。原由市国土资源局负责的工作移交。"
    out = run(text, SHAOGUAN)
    assert stated(out) == [("韶关市自然资源局", "韶关市国土资源局", "agency_rename_stated_duties")]
    assert table_successors_of(out, "韶关市国土资源局") == []
    # without the statement the table speaks
    assert table_successors_of(run("市国土资源局负责。", SHAOGUAN), "韶关市国土资源局") == ["韶关市自然资源和规划局"]


def test_rename_sentence_ending_a_notice_paragraph_in_a_colon_is_read():
    text = ("各县(市、区)人民政府，市直各单位：\n"
            "按照机构改革要求，原市卫生和计划生育局更名为市卫生健康局，现就有关事项通知如下：\n"
            "一、原由市卫生和计划生育局牵头的任务，改由市卫生健康局牵头。\n")
    out = run(text, SHAOGUAN)
    assert stated(out) == [("韶关市卫生健康局", "韶关市卫生和计划生育局", "agency_rename_stated")]
    assert "各县(市、区)人民政府" not in mentioned(out)


# ---------------------------------------------------------------------------- abbreviations since 2018

LISHUI = {"province": "浙江省", "city": "丽水市"}
JINYUN = {"province": "浙江省", "city": "丽水市", "county": "缙云县"}


@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("市工信委", LISHUI, "丽水市工业和信息化委员会"),
    ("市工信局", LISHUI, "丽水市工业和信息化局"),
    ("省工信厅", LISHUI, "浙江省工业和信息化厅"),
    ("省经信厅", LISHUI, "浙江省经济和信息化厅"),
    ("县科工局", JINYUN, "丽水市缙云县科学技术和工业信息化局"),
    ("市科技局", LISHUI, "丽水市科学技术局"),
    ("市委网信办", LISHUI, "中共丽水市委员会网络安全和信息化委员会办公室"),
    ("市医保局", LISHUI, "丽水市医疗保障局"),
    ("县退役军人局", JINYUN, "丽水市缙云县退役军人事务局"),
    ("县审批局", JINYUN, "丽水市缙云县行政审批局"),
    ("市应急局", LISHUI, "丽水市应急管理局"),
    ("市市监局", LISHUI, "丽水市市场监督管理局"),
    ("县卫健局", JINYUN, "丽水市缙云县卫生健康局"),
    ("市文旅局", LISHUI, "丽水市文化和旅游局"),
    ("市资规局", LISHUI, "丽水市自然资源和规划局"),
    ("县教体局", JINYUN, "丽水市缙云县教育和体育局"),
    ("市人防办", LISHUI, "丽水市人民防空办公室"),
    ("市政数局", LISHUI, "丽水市政务服务数据管理局"),
    ("市数据局", LISHUI, "丽水市数据局"),
    ("市营商环境局", LISHUI, "丽水市营商环境局"),
    ("市安全生产监督管理局", LISHUI, "丽水市安全生产监督管理局"),
    ("市林草局", LISHUI, "丽水市林业和草原局"),
    ("市机关事务局", LISHUI, "丽水市机关事务管理局"),
    ("市总工会", LISHUI, "丽水市总工会"),
    ("市侨联", LISHUI, "丽水市归国华侨联合会"),
    ("市检察院", LISHUI, "丽水市人民检察院"),
    ("市公积金中心", LISHUI, "丽水市住房公积金管理中心"),
    ("市防指", LISHUI, "丽水市防汛抗旱指挥部"),
    ("市委办", LISHUI, "中共丽水市委员会办公室"),
    ("市政府办", LISHUI, "丽水市人民政府办公室"),
    ("市府办", LISHUI, "丽水市人民政府办公室"),
    ("团市委", LISHUI, "共青团丽水市委员会"),
    ("团县委", JINYUN, "共青团丽水市缙云县委员会"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_post_reform_abbreviation_is_found_and_expanded(written, jurisdictions, canonical):
    (mention,) = find_mentions(normalise(f"由{written}负责。").text)
    assert mention.name == written
    agency = canonical_agency(written, jurisdictions)
    assert agency.name == canonical and written in agency.aliases


def test_every_abbreviation_row_has_a_source():
    from policygraph.ingest.agency_names import ABBREVIATIONS_FILE
    from policygraph.ingest.datatables import read_rows
    rows = read_rows(ABBREVIATIONS_FILE)
    assert len(rows) > 100 and all(r.values["source"] and r.values["full"] for r in rows)
    shorts = [(r.values["short"], r.values["level"]) for r in rows]
    assert len(shorts) == len(set(shorts)), "an abbreviation is listed twice for one level"


def test_industry_commission_is_superseded_by_the_bureau():
    (newer, older, row) = successors(canonical_agency("市工信委", LISHUI))[0]
    assert (newer.name, older.name, row.year) == ("丽水市工业和信息化局", "丽水市工业和信息化委员会", 2018)


def test_youth_league_committee_is_not_the_party_committee():
    assert names("团市委、市委宣传部负责。") == ["团市委", "市委宣传部"]


@pytest.mark.parametrize("text, expected", [
    ("市住建局要会同市财政局制定办法", ["市住建局", "市财政局"]),
    ("县住建局要会同县财政局制定办法", ["县住建局", "县财政局"]),
    ("省住建厅协同省财政厅推进", ["省住建厅", "省财政厅"]),
], ids=["city", "county-not-huitong", "province"])
def test_the_verb_huitong_before_a_level_prefix_is_no_part_of_the_name(text, expected):
    assert [m.name for m in find_mentions(text)] == expected


def test_the_county_named_huitong_is_still_a_place():
    assert [m.name for m in find_mentions("会同县人民政府负责")] == ["会同县人民政府"]


# ---------------------------------------------------------------------------- not agencies

@pytest.mark.parametrize("text, kept", [
    ("依据《关于印发某方案的通知》(县政办发〔2021〕7号),由县农业农村局负责。", ["县农业农村局"]),
    ("转发州政发[2019]12号文件,州财政局牵头。", ["州财政局"]),
    ("参照市政办函(2023)4号执行。", []),
])
def test_document_number_prefix_is_not_an_agency(text, kept):
    assert mentioned(run(text)) == kept


def test_bare_zone_board_is_not_an_agency_but_a_named_zones_board_is():
    got = mentioned(run("区管委负责统筹,宾川工业园区管委会负责落实。"))
    assert got == ["宾川工业园区管委会"]


# ---------------------------------------------------------------------------- banners, leagues, autonomy

ALXA = {"province": "内蒙古自治区", "city": "阿拉善盟"}
ALXA_LEFT = {"province": "内蒙古自治区", "city": "阿拉善盟", "county": "阿拉善左旗"}
DARHAN = {"province": "内蒙古自治区", "city": "包头市", "county": "达尔罕茂明安联合旗"}
OROQEN = {"province": "内蒙古自治区", "city": "呼伦贝尔市", "county": "鄂伦春自治旗"}
EBIAN = {"province": "四川省", "city": "乐山市", "county": "峨边彝族自治县"}
TIANTAI = {"province": "浙江省", "city": "台州市", "county": "天台县"}
YANBIAN = {"province": "吉林省", "city": "延边朝鲜族自治州"}
NINGXIA = {"province": "宁夏回族自治区"}
XINJIANG = {"province": "新疆维吾尔自治区"}
XIZANG = {"province": "西藏自治区"}
NEIMENGGU = {"province": "内蒙古自治区"}
QINGHAI = {"province": "青海省"}
XINING = {"province": "青海省", "city": "西宁市"}


@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("旗农牧局", ALXA_LEFT, "阿拉善盟阿拉善左旗农牧局"),
    ("旗卫生健康委", ALXA_LEFT, "阿拉善盟阿拉善左旗卫生健康委员会"),
    ("旗财政局", ALXA_LEFT, "阿拉善盟阿拉善左旗财政局"),
    ("旗城市管理综合执法局", ALXA_LEFT, "阿拉善盟阿拉善左旗城市管理综合执法局"),
    ("旗乡村振兴局", ALXA_LEFT, "阿拉善盟阿拉善左旗乡村振兴局"),
    ("旗林业和草原局", ALXA_LEFT, "阿拉善盟阿拉善左旗林业和草原局"),
    ("旗融媒体中心", ALXA_LEFT, "阿拉善盟阿拉善左旗融媒体中心"),
    ("旗妇联", ALXA_LEFT, "阿拉善盟阿拉善左旗妇女联合会"),
    ("团旗委", ALXA_LEFT, "共青团阿拉善盟阿拉善左旗委员会"),
    ("旗委督查室", ALXA_LEFT, "中共阿拉善盟阿拉善左旗委员会督查室"),
    ("旗政府督查室", ALXA_LEFT, "阿拉善盟阿拉善左旗人民政府督查室"),
    ("旗人民政府", ALXA_LEFT, "阿拉善盟阿拉善左旗人民政府"),
    ("旗自然资源局", DARHAN, "包头市达尔罕茂明安联合旗自然资源局"),
    ("旗交通运输局", OROQEN, "呼伦贝尔市鄂伦春自治旗交通运输局"),
    ("盟行政公署", ALXA, "阿拉善盟行政公署"),
    ("盟行署", ALXA, "阿拉善盟行政公署"),
    ("盟生态环境局", ALXA, "阿拉善盟生态环境局"),
    ("盟委", ALXA, "中共阿拉善盟委员会"),
    ("盟委办公室", ALXA, "中共阿拉善盟委员会办公室"),
    ("盟行署督查室", ALXA, "阿拉善盟行政公署督查室"),
    ("盟行署办公室", ALXA, "阿拉善盟行政公署办公室"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_banner_and_league_agencies_resolve_like_county_ones(written, jurisdictions, canonical):
    (mention,) = find_mentions(normalise(f"由{written}负责。").text)
    assert mention.name == written
    agency = canonical_agency(written, jurisdictions)
    assert agency.name == canonical and written in agency.aliases


def test_a_banner_documents_owner_list_is_read_whole():
    out = run("（三）推进草原修复。（牵头单位：旗林业和草原局；配合单位：旗财政局、团旗委、旗融媒体中心、"
              "各苏木乡镇）\n旗人民政府督促落实。", OROQEN)
    assert mentioned(out) == sorted(["旗林业和草原局", "旗财政局", "团旗委", "旗融媒体中心", "各苏木乡镇",
                                     "旗人民政府"])
    assert not any("旗旗" in a.name for a in out.nodes_of(Agency))


@pytest.mark.parametrize("text", [
    "高举旗帜,打造旗舰店", "五星红旗飘扬", "集团旗下企业", "旗级领导干部", "发展加盟商,结成联盟", "民盟盟员大会",
], ids=lambda v: v[:4])
def test_banner_and_league_chars_in_ordinary_words_are_no_prefix(text):
    assert names(text) == []


@pytest.mark.parametrize("written", [
    "各苏木乡镇", "各苏木(乡镇)人民政府", "各苏木（乡镇）人民政府", "相关苏木乡镇", "各苏木镇", "各苏木镇人民政府",
    "各旗县(市、区)人民政府",
    "各开发区管委会", "各园区管委会",
])
def test_collectives_of_townships_banners_and_zones_are_one_agency_as_written(written):
    out = run(f"{written}负责组织实施。", ALXA_LEFT)
    assert mentioned(out) == [written]
    (agency,) = out.nodes_of(Agency)
    assert agency.collective and written in agency.aliases


def test_prefecture_collectives_of_a_region_are_one_agency_and_hide_no_city_government():
    out = run("各地州市人民政府、各州、市、县(市)人民政府负责落实。", XINJIANG)
    assert mentioned(out) == ["各地州市人民政府", "各州、市、县(市)人民政府"]
    assert all(a.collective for a in out.nodes_of(Agency))


def test_zone_collectives_leave_no_bare_board():
    out = run("各开发区管委会、各园区管委会要落实责任。", XINING)
    assert mentioned(out) == ["各园区管委会", "各开发区管委会"]
    assert not any(a.name.endswith("区管委") for a in out.nodes_of(Agency))


# ------------------------------------------------------------ a division written is not prefixed again

@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("旗住房和城乡建设局", ALXA_LEFT, "阿拉善盟阿拉善左旗住房和城乡建设局"),
    ("阿拉善左旗住房和城乡建设局", ALXA_LEFT, "阿拉善盟阿拉善左旗住房和城乡建设局"),
    ("台县水污染防治工作领导小组", TIANTAI, "台州市天台县水污染防治工作领导小组"),
    ("天台县水污染防治工作领导小组", TIANTAI, "台州市天台县水污染防治工作领导小组"),
    ("峨边县住建局", EBIAN, "乐山市峨边彝族自治县住房和城乡建设局"),
    ("鄂伦春旗人民政府", OROQEN, "呼伦贝尔市鄂伦春自治旗人民政府"),
    ("县住建局", EBIAN, "乐山市峨边彝族自治县住房和城乡建设局"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_division_already_written_is_not_prefixed_again(written, jurisdictions, canonical):
    agency = canonical_agency(written, jurisdictions)
    assert agency.name == canonical and written in agency.aliases


WUTAI = {"province": "山西省", "city": "忻州市", "county": "五台县"}


def test_a_county_whose_name_opens_with_a_numeral_is_read_whole():
    # the normalised text writes 五台县 as 5台县 (五台 = "five units"); the name is still the county's
    out = run("由五台县水污染防治工作领导小组负责,五台县人民政府督促。新增3台垃圾转运车。", WUTAI)
    assert mentioned(out) == ["五台县人民政府", "五台县水污染防治工作领导小组"]
    assert sorted(a.name for a in out.nodes_of(Agency)) == ["忻州市五台县人民政府", "忻州市五台县水污染防治工作领导小组"]


def test_a_named_body_cut_by_a_line_break_inside_its_county_keeps_the_county():
    out = run("由天\n台县水污染防治工作领导小组负责统筹。", TIANTAI)
    assert [a.name for a in out.nodes_of(Agency)] == ["台州市天台县水污染防治工作领导小组"]


# ---------------------------------------------------------------------------- 自治区 as a level

@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("自治区生态环境厅", NINGXIA, "宁夏回族自治区生态环境厅"),
    ("自治区发展改革委", XINJIANG, "新疆维吾尔自治区发展和改革委员会"),
    ("自治区人民政府", XIZANG, "西藏自治区人民政府"),
    ("自治区政府办公厅", NEIMENGGU, "内蒙古自治区人民政府办公厅"),
    ("自治区党委", NEIMENGGU, "中共内蒙古自治区委员会"),
    ("自治區生態環境廳", XINJIANG, "新疆维吾尔自治区生态环境厅"),
    ("自治州人民政府", YANBIAN, "延边朝鲜族自治州人民政府"),
    ("自治县交通运输局", EBIAN, "乐山市峨边彝族自治县交通运输局"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_autonomous_region_prefix_resolves_to_the_region(written, jurisdictions, canonical):
    (mention,) = find_mentions(normalise(f"由{written}负责。").text)
    assert mention.name == normalise(written).text
    agency = canonical_agency(written, jurisdictions)
    assert agency.name == canonical and written in agency.aliases


def test_autonomous_region_agencies_are_never_district_nodes():
    out = run("自治区生态环境厅、自治区发展改革委牵头,自治区人民政府督查。", NINGXIA)
    got = sorted(a.name for a in out.nodes_of(Agency))
    assert got == ["宁夏回族自治区人民政府", "宁夏回族自治区发展和改革委员会", "宁夏回族自治区生态环境厅"]


@pytest.mark.parametrize("written, canonical", [
    ("区党委", "中共宁夏回族自治区委员会"),
    ("区政府", "宁夏回族自治区人民政府"),
])
def test_a_bare_qu_in_a_regions_own_paper_is_the_region(written, canonical):
    assert canonical_agency(written, NINGXIA).name == canonical


def test_autonomous_region_prefix_outside_a_region_stays_unqualified():
    agency = canonical_agency("自治区生态环境厅", QINGHAI)
    assert agency.name == "自治区生态环境厅"


# ---------------------------------------------------------------------------- more abbreviations

@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("省经济和信息化委", QINGHAI, "青海省经济和信息化委员会"),
    ("省经信委", QINGHAI, "青海省经济和信息化委员会"),
    ("省民委", QINGHAI, "青海省民族事务委员会"),
    ("省卫生计生委", QINGHAI, "青海省卫生和计划生育委员会"),
    ("市人力社保局", XINING, "西宁市人力资源和社会保障局"),
    ("省外办", QINGHAI, "青海省外事办公室"),
    ("省旅发委", QINGHAI, "青海省旅游发展委员会"),
    ("省食品药品监管局", QINGHAI, "青海省食品药品监督管理局"),
    ("市广电局", XINING, "西宁市广播电视局"),
    ("省国土厅", QINGHAI, "青海省国土资源厅"),
    ("省交通厅", QINGHAI, "青海省交通运输厅"),
    ("省市场监督管理局", QINGHAI, "青海省市场监督管理局"),
    ("省质监局", QINGHAI, "青海省质量技术监督局"),
    ("市发展改革局", XINING, "西宁市发展和改革局"),
    ("市河长办", XINING, "西宁市河长制办公室"),
    ("市林长办", XINING, "西宁市林长制办公室"),
    ("市爱卫办", XINING, "西宁市爱国卫生运动委员会办公室"),
    ("市委文明办", XINING, "中共西宁市委员会精神文明建设委员会办公室"),
    ("市老龄办", XINING, "西宁市老龄工作委员会办公室"),
    ("市投促局", XINING, "西宁市投资促进局"),
    ("省委统战部", QINGHAI, "中共青海省委员会统一战线工作部"),
    ("市委政研室", XINING, "中共西宁市委员会政策研究室"),
    ("市防汛办", XINING, "西宁市防汛抗旱指挥部办公室"),
    ("市委综治办", XINING, "中共西宁市委员会社会治安综合治理委员会办公室"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_more_short_forms_of_commissions_departments_and_bureaus(written, jurisdictions, canonical):
    (mention,) = find_mentions(normalise(f"由{written}负责。").text)
    assert mention.name == written
    agency = canonical_agency(written, jurisdictions)
    assert agency.name == canonical and written in agency.aliases


# ---------------------------------------------------------------------------- state-owned utilities

@pytest.mark.parametrize("text, expected", [
    ("（牵头单位：省能源局；配合单位：国网青海省电力公司、国网西宁供电公司）",
     ["国网青海省电力公司", "国网西宁供电公司", "省能源局"]),
    ("（市发展改革委牵头，国网青海省电力有限公司、市邮政分公司配合）",
     ["国网青海省电力有限公司", "市发展改革委", "市邮政分公司"]),
    ("国网西宁供电公司负责实施农村电网改造。", ["国网西宁供电公司"]),
], ids=["labelled", "bracket", "subject"])
def test_utility_companies_owning_work_are_agencies_as_written(text, expected):
    out = run(text, XINING)
    assert mentioned(out) == sorted(expected)
    names_ = {a.name for a in out.nodes_of(Agency)}
    assert {"国网青海省电力公司", "国网西宁供电公司", "国网青海省电力有限公司"} & set(expected) <= names_


@pytest.mark.parametrize("text", [
    "鼓励企业与国网西宁供电公司签订购电协议。",
    "引进西宁某某房地产开发有限公司投资建设。",
], ids=["mentioned-only", "ordinary-company"])
def test_companies_only_mentioned_are_not_agencies(text):
    assert mentioned(run(text, XINING)) == []


def test_utility_in_an_unlabelled_role_bracket_supports_the_task():
    from policygraph.graph.model import Role
    from policygraph.ingest.extract.responsibility import find_assignments
    text = normalise("建设电商服务中心。（县商务局牵头，县邮政分公司、各乡镇人民政府配合）").text
    got = {(text[a.start:a.end], a.role) for a in find_assignments(text)}
    assert ("县邮政分公司", Role.SUPPORT) in got and ("县商务局", Role.LEAD) in got


def test_web_furniture_naming_a_league_office_is_not_an_agency():
    text = "主办：阿拉善盟行政公署办公室 | 版权所有\n来源：旗融媒体中心\n"
    assert mentioned(run(text, ALXA_LEFT)) == []


def test_a_banner_paper_without_a_known_jurisdiction_guesses_the_banner():
    text = "达尔罕茂明安联合旗草原生态保护实施方案\n旗林业和草原局负责,旗财政局配合。\n"
    src = SourceText(file="b.txt", path=Path("b.txt"), text=text, encoding="utf-8", format="txt", sha256="1")
    doc = ParsedDoc(source=src, norm=normalise(text))
    doc.plans = []
    out = BatchBuilder(doc)
    agencies.extract(doc, out)
    assert sorted(a.name for a in out.nodes_of(Agency)) == ["包头市达尔罕茂明安联合旗林业和草原局",
                                                            "包头市达尔罕茂明安联合旗财政局"]


def test_a_places_unit_of_a_national_system_is_one_name():
    out = run("周边村庄优先实施。(配合单位:省林业局、神农架国家公园管理局)\n神农架国家公园管理局负责巡护。",
              {"province": "湖北省"})
    assert mentioned(out) == ["省林业局", "神农架国家公园管理局"]
    assert not any(a.name == "国家公园管理局" for a in out.nodes_of(Agency))


# ---------------------------------------------------------------------------- round 3b: collectives, 和, short forms

HANDAN = {"province": "河北省", "city": "邯郸市"}
SHEXIAN = {"province": "河北省", "city": "邯郸市", "county": "涉县"}
HEBEI = {"province": "河北省"}
URUMQI = {"province": "新疆维吾尔自治区", "city": "乌鲁木齐市"}
NANNING = {"province": "广西壮族自治区", "city": "南宁市"}


@pytest.mark.parametrize("text, written", [
    ("各镇街要按照方案抓好落实。", "各镇街"),
    ("县水利局牵头,各相关镇街配合。", "各相关镇街"),
    ("各街道办事处负责组织实施。", "各街道办事处"),
    ("县发改局牵头,县直有关部门配合。", "县直有关部门"),
    ("省直有关部门按职责分工负责。", "省直有关部门"),
    ("县农业农村局牵头,各有关部门配合。", "各有关部门"),
    ("各开发区管委会负责本区域整治。", "各开发区管委会"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 8 else "")
def test_collectives_owning_work_are_agencies_named_as_written(text, written):
    out = run(text, SHEXIAN)
    assert written in mentioned(out)
    (agency,) = [a for a in out.nodes_of(Agency) if a.collective]
    # never prefixed with the jurisdiction (not 邯郸市涉县直有关部门)
    assert agency.name == written and not agency.name.startswith(("邯郸", "涉县", "河北"))


def test_collectives_of_two_counties_are_two_nodes_with_the_same_name():
    a = canonical_agency("县直有关部门", SHEXIAN)
    b = canonical_agency("县直有关部门", {"province": "河北省", "city": "邯郸市", "county": "磁县"})
    assert a.name == b.name == "县直有关部门" and a.id != b.id


@pytest.mark.parametrize("text", [
    "将整治成效纳入各有关部门年度考核。",
    "市直部门要加强配合。",
])
def test_collective_words_in_passing_are_no_agencies(text):
    assert mentioned(run(text, HANDAN)) == []


def test_a_bracket_closing_a_collective_is_kept():
    assert canonical_agency("各镇（街道）", SHEXIAN).name == "各镇(街道)"


@pytest.mark.parametrize("text, expected", [
    ("石家庄市人民政府和雄安新区管委会负责。", ["石家庄市人民政府", "雄安新区管委会"]),
    ("县委宣传部和县文化广电旅游局配合。", ["县委宣传部", "县文化广电旅游局"]),
    ("深入贯彻中央经济工作会议和中央财经委员会精神。", ["中央财经委员会"]),
    ("县住房和城乡建设局、省发展和改革委员会负责。", ["县住房和城乡建设局", "省发展和改革委员会"]),
], ids=["government-and-board", "party-and-bureau", "meeting-and-commission", "he-inside-names"])
def test_two_names_joined_by_he_are_two_agencies(text, expected):
    assert names(text) == expected


def test_a_zones_board_is_named_but_a_bare_parks_board_is_not():
    assert mentioned(run("由园区管委会和工业园区管委会统筹,高邑经济开发区管委会负责。", HEBEI)) == ["高邑经济开发区管委会"]


@pytest.mark.parametrize("text, jurisdictions, canonical, short", [
    ("邯郸市政府负责。", HEBEI, "邯郸市人民政府", "邯郸市政府"),
    ("邯郸市政府负责。邯郸市人民政府督查。", HEBEI, "邯郸市人民政府", "邯郸市政府"),
    ("县政府负责。", SHEXIAN, "邯郸市涉县人民政府", "县政府"),
])
def test_a_government_written_short_carries_that_form(text, jurisdictions, canonical, short):
    (agency,) = run(text, jurisdictions).nodes_of(Agency)
    assert agency.name == canonical and short in agency.aliases


def test_places_sharing_a_trailing_government_are_each_one():
    out = run("保定、沧州、衡水市政府落实。唐山、秦皇岛市人民政府配合。", HEBEI)
    # each member's evidence is its own place as written
    assert mentioned(out) == ["保定", "唐山", "沧州", "秦皇岛市人民政府", "衡水市政府"]
    got = {a.name: a.aliases for a in out.nodes_of(Agency)}
    assert set(got) == {"保定市人民政府", "沧州市人民政府", "衡水市人民政府", "唐山市人民政府", "秦皇岛市人民政府"}
    assert "保定市政府" in got["保定市人民政府"] and "沧州市政府" in got["沧州市人民政府"]


def test_words_listed_before_a_government_share_nothing():
    # only a place whose full name is the short form + the level character shares the tail
    assert mentioned(run("规划、建设、衡水市政府负责。", HEBEI)) == ["衡水市政府"]


@pytest.mark.parametrize("text, jurisdictions, canonical", [
    ("县大气污染防治工作领导组负责统筹。", SHEXIAN, "邯郸市涉县大气污染防治工作领导组"),
    ("成立县秸秆禁烧工作领导组,", SHEXIAN, "邯郸市涉县秸秆禁烧工作领导组"),
    ("县秸秆禁烧工作领导组办公室负责调度。", SHEXIAN, "邯郸市涉县秸秆禁烧工作领导组办公室"),
    ("县环境监控中心负责监测。", SHEXIAN, "邯郸市涉县环境监控中心"),
    ("市应急指挥中心负责调度。", HANDAN, "邯郸市应急指挥中心"),
], ids=["lingdaozu", "lingdaozu-after-verb", "lingdaozu-office", "monitoring-centre", "command-centre"])
def test_leading_groups_written_lingdaozu_and_service_centres_are_agencies(text, jurisdictions, canonical):
    assert [a.name for a in run(text, jurisdictions).nodes_of(Agency)] == [canonical]


@pytest.mark.parametrize("text", ["建设区域物流中心。", "打造县商贸中心。", "领导组长由县长担任。"])
def test_hubs_and_persons_are_no_centres_or_groups(text):
    assert mentioned(run(text, SHEXIAN)) == []


def test_a_district_branch_belongs_to_its_bureau_or_is_skipped():
    out = run("由市自然资源和规划局峰峰矿区分局负责。峰峰矿区分局配合。", HANDAN)
    assert mentioned(out) == ["市自然资源和规划局峰峰矿区分局"]
    (agency,) = out.nodes_of(Agency)
    assert agency.name == "邯郸市自然资源和规划局峰峰矿区分局"


@pytest.mark.parametrize("written, jurisdictions, canonical", [
    ("自治区生态环境厅", URUMQI, "新疆维吾尔自治区生态环境厅"),
    ("区生态环境厅", URUMQI, "新疆维吾尔自治区生态环境厅"),
    ("区住房城乡建设厅", NANNING, "广西壮族自治区住房和城乡建设厅"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_department_of_a_region_in_a_city_paper_is_the_regions(written, jurisdictions, canonical):
    out = run(f"{written}负责指导。", jurisdictions)
    (agency,) = out.nodes_of(Agency)
    assert agency.name == canonical and written in agency.aliases


@pytest.mark.parametrize("text, written", [
    ("各乡镇负责组织实施。", "各乡镇"),
    ("配合单位:县财政局,各街道（镇）", "各街道（镇）"),
    ("县水利局牵头,各镇、街道配合。", "各镇、街道"),
    ("各乡镇、县直有关部门按职责分工负责。", "各乡镇"),
    ("各市(地)政府负责落实。", "各市(地)政府"),
    ("各区县(自治县)政府负责落实。", "各区县(自治县)政府"),
    ("各地市政府落实。", "各地市政府"),
    ("省生态环境厅牵头,各市县负责落实。", "各市县"),
    ("县财政局、各县(市、区)配合。", "各县(市、区)"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 10 else "")
def test_bare_towns_and_other_provinces_collectives_are_one_agency(text, written):
    out = run(text, SHEXIAN)
    assert written in mentioned(out)
    assert next(a for a in out.nodes_of(Agency) if written in (a.name, *a.aliases)).collective


def test_bare_towns_exhorted_are_no_owners():
    assert mentioned(run("各乡镇要高度重视,各镇、街道要加强配合。", SHEXIAN)) == []


@pytest.mark.parametrize("text", ["各市场主体负责落实主体责任。", "各县区域内企业负责整改。", "各市县要加强协调。"])
def test_words_opening_like_bare_governments_are_no_owners(text):
    assert mentioned(run(text, HEBEI)) == []


@pytest.mark.parametrize("written, canonical", [
    ("区住房城乡建委", "綦江区住房和城乡建设委员会"),
    ("区经济信息委", "綦江区经济和信息化委员会"),
    ("区环境监测站", "綦江区环境监测站"),
], ids=lambda v: v)
def test_chongqing_style_short_forms_expand(written, canonical):
    jur = {"province": "重庆市", "city": "重庆市", "district": "綦江区"}
    agency = canonical_agency(written, jur)
    assert agency.name.endswith(canonical) and written in agency.aliases
    assert [m.name for m in find_mentions(f"由{written}负责。")] == [written]
