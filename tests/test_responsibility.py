"""Responsibility extractor: labelled lists, role clauses and agency subjects → RESPONSIBLE_FOR."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.graph.model import Agency, EdgeType, Label, Plan, Task, node_id
from policygraph.ingest.document import BatchBuilder, ParsedDoc, PlanSpan, SourceText
from policygraph.ingest.extract import responsibility
from policygraph.ingest.normalize import normalise

XIANGTAN = {"province": "湖南省", "city": "湘潭市"}
PLAN = Plan(id=node_id(Label.PLAN, "湘潭市某某行动方案"), name="湘潭市某某行动方案", source_file="t.txt")


def run(text: str, jurisdictions: dict | None = None, tasks: list[tuple] | None = None) -> BatchBuilder:
    """Extract from `text`; one Task per non-empty line unless `tasks` gives (start, end[, title])."""
    src = SourceText(file="t.txt", path=Path("t.txt"), text=text, encoding="utf-8", format="txt", sha256="0")
    doc = ParsedDoc(source=src, norm=normalise(text))
    doc.plans = [PlanSpan(PLAN, 0, len(text), dict(XIANGTAN if jurisdictions is None else jurisdictions))]
    out = BatchBuilder(doc)
    out.node(PLAN)
    if tasks is None:
        tasks, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                tasks.append((pos, pos + len(line)))
            pos += len(line) + 1
    for k, (s, e, *title) in enumerate(tasks):
        out.node(Task(id=node_id(Label.TASK, "t.txt", str(k)), name=title[0] if title else f"任务{k}", number=str(k + 1),
                      text=text[s:e], plan_id=PLAN.id, source_file="t.txt", start=s, end=e))
    responsibility.extract(doc, out)
    return out


def owners(out: BatchBuilder) -> list[tuple[str, str, str]]:
    """(agency as written, role, task number) for each RESPONSIBLE_FOR edge."""
    rows = []
    for e in out.edges():
        if e.type is EdgeType.RESPONSIBLE_FOR:
            agency, task = out.get(e.source), out.get(e.target)
            rows.append((agency.aliases[0] if agency.aliases else agency.name, e.get("role"), task.number))
    return sorted(rows)


def edges_of(out: BatchBuilder):
    return [e for e in out.edges() if e.type is EdgeType.RESPONSIBLE_FOR]


# ---------------------------------------------------------------------------- labelled lists

@pytest.mark.parametrize("line", [
    "1.推进燃煤锅炉改造。(责任单位:市生态环境局、市工信局)",
    "1.推进燃煤锅炉改造。（责任单位：市生态环境局、市工信局）",
    "1.推进燃煤锅炉改造。〔责任单位：市生态环境局、市工信局〕",
    "1.推进燃煤锅炉改造。【责任单位：市生态环境局、市工信局】",
], ids=["ascii", "fullwidth", "tortoise", "lenticular"])
def test_each_bracket_style_gives_lead_owners(line):
    assert owners(run(line)) == [("市工信局", "lead", "1"), ("市生态环境局", "lead", "1")]


def test_bracket_evidence_is_the_whole_bracket_quoted_from_the_original():
    text = "1.推进燃煤锅炉改造。（责任单位：市生态环境局、市工信局）"
    (edge, _) = edges_of(run(text))
    ev = edge.evidence[0]
    assert ev.quote == "（责任单位：市生态环境局、市工信局）" == text[ev.start:ev.end]


def test_label_after_a_colon_at_the_end_of_a_paragraph():
    text = "2.完善污水管网,提高收集率。责任单位：市住建局、市城管局"
    out = run(text)
    assert owners(out) == [("市住建局", "lead", "1"), ("市城管局", "lead", "1")]
    assert edges_of(out)[0].evidence[0].quote == "责任单位：市住建局、市城管局"


def test_label_ending_its_line_takes_the_list_on_the_next_line():
    text = "2.完善污水管网,提高收集率。责任单位：\n市住建局、市城管局"
    out = run(text, tasks=[(0, len(text))])
    assert owners(out) == [("市住建局", "lead", "1"), ("市城管局", "lead", "1")]


@pytest.mark.parametrize("line, expected", [
    ("3.建设湿地公园（牵头单位：市林业局；配合单位：市水利局、市财政局）",
     [("市林业局", "lead", "1"), ("市水利局", "support", "1"), ("市财政局", "support", "1")]),
    ("3.建设湿地公园(责任单位:省林业厅;共同实施单位:省水利厅)",
     [("省林业厅", "lead", "1"), ("省水利厅", "support", "1")]),
    ("3.建设湿地公园(主要责任单位:市林业局;参与单位:市水利局;协同单位:市财政局)",
     [("市林业局", "lead", "1"), ("市水利局", "support", "1"), ("市财政局", "support", "1")]),
], ids=["lead+support", "jointly-implementing", "main+participating+cooperating"])
def test_cooperating_units_get_support_role(line, expected):
    assert owners(run(line)) == sorted(expected)


@pytest.mark.parametrize("tail", ["等", "等部门", "等有关单位"])
def test_trailing_etc_is_dropped(tail):
    out = run(f"5.开展执法检查(责任单位:市公安局、市城管局{tail})")
    assert owners(out) == [("市公安局", "lead", "1"), ("市城管局", "lead", "1")]


def test_generic_words_are_not_owners_but_collective_governments_are():
    out = run("6.统筹推进(责任单位:市发改委、相关部门;共同实施单位:各县市区人民政府、“2+3”城市群五市人民政府、市直相关部门)")
    assert owners(out) == sorted([("市发改委", "lead", "1"), ("市直相关部门", "support", "1"),
                                  ("各县市区人民政府", "support", "1"), ("“2+3”城市群五市人民政府", "support", "1")])
    collectives = {(a.aliases[0] if a.aliases else a.name): a.collective for a in out.nodes_of(Agency)}
    assert collectives == {"市发改委": False, "市直相关部门": True, "各县市区人民政府": True,
                           "“2+3”城市群五市人民政府": True}


def test_table_columns_named_for_roles():
    text = "序号\t任务\t牵头单位\t配合单位\n1\t推进价格改革\t市发改委\t市财政局、市市场监管局\n"
    out = run(text, tasks=[(text.index("1\t"), len(text))])
    assert owners(out) == [("市发改委", "lead", "1"), ("市市场监管局", "support", "1"), ("市财政局", "support", "1")]


# ---------------------------------------------------------------------------- role clauses

def test_inline_role_bracket_gives_lead_and_support_with_the_bracket_as_evidence():
    text = "7.完善价格机制(市发改委牵头,市财政局配合)。"
    out = run(text)
    assert owners(out) == [("市发改委", "lead", "1"), ("市财政局", "support", "1")]
    assert {e.evidence[0].quote for e in edges_of(out)} == {"(市发改委牵头,市财政局配合)"}


@pytest.mark.parametrize("sentence, expected", [
    ("8.加强督查。由市政府督查室负责。", [("市政府督查室", "lead", "1")]),
    ("8.加强督查。市发改委牵头,市财政局、市审计局等配合。",
     [("市发改委", "lead", "1"), ("市审计局", "support", "1"), ("市财政局", "support", "1")]),
    ("8.加强督查。各县市区人民政府按职责分工负责。", [("各县市区人民政府", "lead", "1")]),
    ("8.加强督查。市委组织部、市人社局负责。", [("市人社局", "lead", "1"), ("市委组织部", "lead", "1")]),
], ids=["由X负责", "X牵头Y配合", "按职责分工负责", "list负责"])
def test_clause_starting_with_agencies_and_a_role_verb(sentence, expected):
    assert owners(run(sentence)) == sorted(expected)


def test_agency_told_to_act_is_lead():
    out = run("9.强化协调。市两型办要充分发挥统筹作用,各部门各司其职。")
    assert owners(out) == [("市两型办", "lead", "1")]


@pytest.mark.parametrize("sentence", [
    "9.市发改委负责人介绍了情况。",
    "9.市委、市政府高度重视生态建设。",
    "9.积极争取省财政厅支持。",
    "9.建立市检验中心和市云影像中心。",
], ids=["负责人", "no-role-verb", "object-not-subject", "facility"])
def test_agencies_that_are_not_owners(sentence):
    assert owners(run(sentence)) == []


# ---------------------------------------------------------------------------- tasks, text forms

def test_the_deepest_task_holding_the_clause_gets_the_edge():
    text = "(一)治理大气\n1.控制扬尘。(责任单位:市住建局)\n2.控制尾气。(责任单位:市公安局交警支队)"
    whole = (0, len(text))
    first = (text.index("1."), text.index("2."))
    second = (text.index("2."), len(text))
    assert owners(run(text, tasks=[whole, first, second])) == [("市住建局", "lead", "2"),
                                                                ("市公安局交警支队", "lead", "3")]


def test_no_task_no_edge():
    assert owners(run("(责任单位:市住建局)", tasks=[])) == []


def test_traditional_text_is_read_simplified_and_quoted_as_written():
    text = "10.推進流域治理(責任單位:省水利廳;共同實施單位:省環保廳、有關各市人民政府)。"
    out = run(text)
    assert owners(out) == [("有關各市人民政府", "support", "1"), ("省水利廳", "lead", "1"),
                           ("省環保廳", "support", "1")]
    ev = edges_of(out)[0].evidence[0]
    assert ev.quote.startswith("(責任單位") and ev.quote == text[ev.start:ev.end]
    names = {a.name for a in out.nodes_of(Agency)}
    assert "湖南省水利厅" in names and "湖南省环境保护厅" in names


def test_agencies_resolve_against_the_plan_jurisdiction():
    out = run("11.建设绿道(责任单位:区住建局、区城管局)", {"province": "湖南省", "city": "湘潭市", "district": "岳塘区"})
    assert {a.name for a in out.nodes_of(Agency)} == {"湘潭市岳塘区住房和城乡建设局", "湘潭市岳塘区城市管理局"}


def test_debris_lines_are_not_read():
    assert owners(run("责任编辑:张三 (责任单位:市委宣传部) 版权所有")) == []


def test_every_evidence_quote_slices_the_original():
    text = ("1.推进燃煤锅炉改造。（责任单位：市生态環境局、市工信局等）\n"
            "2.完善机制(市发改委牵头,市财政局配合)。\n3.由市审计局负责。\n")
    out = run(text)
    assert edges_of(out)
    for e in out.edges():
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.quote


def test_collective_name_with_a_bracket_inside_a_list_stays_one_item():
    out = run("12.淘汰落后产能。（牵头单位：市经信局；配合单位：市发改委，各区、县（市）政府）")
    assert owners(out) == [("各区、县（市）政府", "support", "1"), ("市发改委", "support", "1"),
                           ("市经信局", "lead", "1")]
    assert canonical_collective(out, "各区、县（市）政府")


def canonical_collective(out: BatchBuilder, written: str) -> bool:
    return next(a.collective for a in out.nodes_of(Agency) if written in a.aliases)


def test_agency_then_colon_then_duty_is_lead():
    assert owners(run("13.强化资金保障。市审计局:负责资金使用审计。")) == [("市审计局", "lead", "1")]


def test_role_bracket_with_a_list_is_evidence_as_a_whole():
    text = "14.推广新能源汽车(市经信局、市财政局按职责分工负责)"
    out = run(text)
    assert owners(out) == [("市经信局", "lead", "1"), ("市财政局", "lead", "1")]
    assert {e.evidence[0].quote for e in edges_of(out)} == {"(市经信局、市财政局按职责分工负责)"}


def test_labelled_bracket_cut_by_a_line_break_is_read_whole():
    text = "15.推进管网建设(责任单位:市住建局、\n市城管局)。"
    out = run(text, tasks=[(0, len(text))])
    assert owners(out) == [("市住建局", "lead", "1"), ("市城管局", "lead", "1")]


def test_sentence_opening_with_an_agency_doing_something_is_lead():
    out = run("16.加强文化研究。区宣传部门做好组织。区两型办突出研究两型标准。")
    assert owners(out) == [("区两型办", "lead", "1")]


def test_agencies_acting_together_are_each_lead():
    out = run("17.加强统计监测,市统计局、国家统计局湘潭调查队要定期发布数据。")
    assert owners(out) == [("国家统计局湘潭调查队", "lead", "1"), ("市统计局", "lead", "1")]


@pytest.mark.parametrize("sentence", [
    "18.深化改革。\n省委十一届五次全会作出部署。",
    "18.深化改革。市政府工作报告提出目标。",
    "18.坚持与以总书记为核心的\n党中央保持高度一致。",
], ids=["session", "report", "pdf-line-cut"])
def test_sentence_openings_that_are_no_action(sentence):
    assert owners(run(sentence, tasks=[(0, len(sentence))])) == []


def test_units_sharing_the_work_of_a_lead_support_it():
    out = run("19.完善价格形成机制(国家发展改革委牵头,财政部、自然资源部等按职责分工负责)")
    assert owners(out) == [("国家发展改革委", "lead", "1"), ("自然资源部", "support", "1"), ("财政部", "support", "1")]


def test_other_fields_of_the_bracket_are_not_owners():
    out = run("20.完成改造(责任单位:市住建局;完成时限:2020年底)")
    assert owners(out) == [("市住建局", "lead", "1")]

_FRAGMENTS = ["（", "）", "(", ")", "责任单位", "責任單位", "：", ":", "牵头单位:", "配合单位：", "、", "，", ";",
              "市发改委", "市環保局", "省财政厅", "各县市区人民政府", "等", "牵头", "负责", "配合", "要",
              "。", "\n", "1.", "（一）", "推进改革", "由", "“3+5”城市群八市人民政府", "  ", "〔", "〕"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=40))
def test_any_mix_of_fragments_gives_evidence_that_slices_the_original(parts):
    text = "".join(parts)
    out = run(text, tasks=[(0, len(text))])
    for e in out.edges():
        assert e.get("role") in (None, "lead", "support")
        for ev in e.evidence:
            if ev.file == "t.txt":
                assert text[ev.start:ev.end] == ev.quote


def test_generic_units_in_a_role_clause_are_skipped_not_fatal():
    text = "21.編制許可事項清單。(市政府辦公室、市審批改革工作領導小組辦公室牽頭,市級各有關部門及各縣市區政府按職責分工負責)"
    assert owners(run(text)) == sorted([("市審批改革工作領導小組辦公室", "lead", "1"), ("市政府辦公室", "lead", "1"),
                                        ("各縣市區政府", "support", "1")])


@pytest.mark.parametrize("line, expected", [
    ("22.实施超低排放改造。(责任单位:市环保局;配合单位:各县(市、区)人民政府)",
     [("各县(市、区)人民政府", "support", "1"), ("市环保局", "lead", "1")]),
    ("22.整治河道。(各县(市、区)人民政府负责)", [("各县(市、区)人民政府", "lead", "1")]),
    ("22.整治河道。(市水利局牵头,各县(市、区)人民政府配合)",
     [("各县(市、区)人民政府", "support", "1"), ("市水利局", "lead", "1")]),
], ids=["label", "role", "lead+role"])
def test_county_lists_with_a_bracket_inside(line, expected):
    assert owners(run(line)) == sorted(expected)


def test_an_item_that_names_its_own_role_keeps_it():
    out = run("23.推广新能源汽车。〔责任单位:市交通运输局、市公安局,市生态环境局配合〕")
    assert owners(out) == [("市交通运输局", "lead", "1"), ("市公安局", "lead", "1"), ("市生态环境局", "support", "1")]


def test_another_name_in_brackets_is_not_a_second_owner():
    out = run("24.提质增效。〔责任单位:市水利局(市水务局)、市住建局〕")
    assert owners(out) == [("市住建局", "lead", "1"), ("市水利局", "lead", "1")]


def test_places_sharing_the_government_written_after_the_last_of_them():
    out = run("25.确保湖泊安全度夏。〔责任单位:市水利局,雨湖区、岳塘区、湘乡市人民政府〕")
    names = sorted(out.get(e.source).name for e in edges_of(out))
    assert names == ["湘潭市岳塘区人民政府", "湘潭市水利局", "湘潭市湘乡市人民政府", "湘潭市雨湖区人民政府"]


def test_towns_and_streets_in_a_list_are_owners():
    out = run("26.禁止秸秆焚烧。配合单位:区环保局、唐家镇、河西街道等各镇(街道)")
    assert owners(out) == sorted([("区环保局", "support", "1"), ("唐家镇", "support", "1"),
                                  ("河西街道", "support", "1"), ("各镇(街道)", "support", "1")])


def test_units_carrying_out_their_share_are_leads():
    out = run("27.加强组织领导。市发展改革局、市自然资源局等按职责分工落实规划任务。")
    assert owners(out) == [("市发展改革局", "lead", "1"), ("市自然资源局", "lead", "1")]


def test_annex_table_rows_go_to_the_task_they_name():
    text = ("一、重点任务\n1.推进管网改造。加快老旧管网更新。\n2.推行智慧监管。建设监管平台。\n附件\n"
            "序号　重点任务　牵头单位　配合单位\n"
            "1　推进管网改造　省住建厅　省发展改革委、省财政厅\n"
            "2　推行智慧监管　省住建厅　省大数据局\n")
    first = (text.index("1.推进"), text.index("2.推行"), "推进管网改造")
    second = (text.index("2.推行"), text.index("附件"), "推行智慧监管")
    out = run(text, tasks=[first, second])
    assert owners(out) == sorted([("省发展改革委", "support", "1"), ("省大数据局", "support", "2"),
                                  ("省住建厅", "lead", "1"), ("省住建厅", "lead", "2"), ("省财政厅", "support", "1")])


def test_agencies_a_lead_works_with_support_it():
    out = run("28.加强组织领导。省住建厅要会同省生态环境厅、省财政厅加强统筹协调。")
    assert owners(out) == [("省住建厅", "lead", "1"), ("省生态环境厅", "support", "1"), ("省财政厅", "support", "1")]


# ---------------------------------------------------------------------------- 排在第一位的为牵头单位

@pytest.mark.parametrize("note", [
    "注：各项任务责任单位中排在第一位的为牵头单位，其他为配合单位。",
    "（列第一位的为牵头单位）",
    "备注：责任单位排在首位的为牵头单位。",
    "第一个单位为牵头单位。",
])
def test_note_makes_the_first_listed_unit_lead_and_the_rest_support(note):
    text = ("1.推进燃煤锅炉改造。（责任单位：市生态环境局、市工信局、市市场监管局）\n"
            "2.加强扬尘管控。责任单位：市住建局、市城管局。\n" + note + "\n")
    assert owners(run(text)) == [("市住建局", "lead", "2"), ("市城管局", "support", "2"), ("市工信局", "support", "1"),
                                 ("市市场监管局", "support", "1"), ("市生态环境局", "lead", "1")]


def test_without_the_note_every_responsible_unit_leads():
    out = run("1.推进燃煤锅炉改造。（责任单位：市生态环境局、市工信局）\n")
    assert owners(out) == [("市工信局", "lead", "1"), ("市生态环境局", "lead", "1")]


def test_note_leaves_lists_that_name_their_roles():
    text = ("1.推进燃煤锅炉改造。（牵头单位：市生态环境局、市工信局；配合单位：市财政局、市统计局）\n"
            "2.加强扬尘管控。（责任单位：市住建局（牵头）、市城管局、市交通运输局）\n"
            "注：排在第一位的为牵头单位。\n")
    assert owners(run(text)) == [("市交通运输局", "support", "2"), ("市住建局", "lead", "2"), ("市城管局", "support", "2"),
                                 ("市工信局", "lead", "1"), ("市生态环境局", "lead", "1"), ("市统计局", "support", "1"),
                                 ("市财政局", "support", "1")]


# ---------------------------------------------------------------------------- second round

@pytest.mark.parametrize("line, expected", [
    ("7.治理黑臭水体。责任单位：县水利局牵头，县农业农村局、各乡（镇）配合。",
     [("县水利局", "lead", "1"), ("县农业农村局", "support", "1"), ("各乡（镇）", "support", "1")]),
    ("7.治理黑臭水体。（责任单位：区城管局、区住建局牵头；区财政局、各街道办事处配合）",
     [("区城管局", "lead", "1"), ("区住建局", "lead", "1"), ("区财政局", "support", "1"),
      ("各街道办事处", "support", "1")]),
], ids=["colon", "bracket"])
def test_role_word_closing_a_segment_of_a_labelled_list_sets_the_role_of_the_segment(line, expected):
    assert owners(run(line)) == sorted(expected)


@pytest.mark.parametrize("label", ["协助单位", "协办单位", "配合部门", "参与部门"])
def test_assisting_labels_give_support(label):
    out = run(f"8.建设污水管网（牵头单位：县住建局；{label}：县财政局）")
    assert owners(out) == [("县住建局", "lead", "1"), ("县财政局", "support", "1")]


def test_assisting_label_on_its_own_line_under_a_lead_label_is_read():
    out = run("8.建设污水管网。\n牵头单位：县住建局\n协办单位：县财政局", tasks=[(0, 33)])
    assert owners(out) == [("县住建局", "lead", "1"), ("县财政局", "support", "1")]


def test_a_web_footer_naming_its_sponsors_is_still_debris():
    out = run("8.建设污水管网（牵头单位：县住建局）\n主办：县人民政府办公室　协办单位：县大数据中心")
    assert owners(out) == [("县住建局", "lead", "1")]


@pytest.mark.parametrize("text", [
    "9.整治农村垃圾。牵头单位：县城管局；协助单位：县财政局，东岭镇、西岭镇、南岭镇人民政府",
    "9.整治农村垃圾。（牵头单位：县城管局；配合单位：县财政局，东岭镇、西岭镇、南岭镇人民政府）",
    "9.整治農村垃圾。（牽頭單位：縣城管局；協助單位：縣財政局，東嶺鎮、西嶺鎮、南嶺鎮人民政府）",
], ids=["colon", "bracket", "traditional"])
def test_towns_sharing_the_government_written_after_the_last_of_them(text):
    out = run(text, {"province": "湖南省", "city": "湘潭市", "county": "湘潭县"})
    found = sorted((out.get(e.source).name, e.get("role")) for e in edges_of(out))
    roles = dict(found)
    towns = [n for n in roles if n.endswith("岭镇人民政府")]
    assert len(towns) == 3 and all(roles[n] == "support" for n in towns)
    assert not any(n.endswith("岭镇") for n in roles)


def test_districts_sharing_the_government_need_not_be_in_the_gazetteer():
    out = run("9.整治农村垃圾。（配合单位：东城区、北湖区、南城区人民政府）")
    names = sorted(out.get(e.source).name for e in edges_of(out))
    assert sorted(n[-7:] for n in names) == sorted(["东城区人民政府", "北湖区人民政府", "南城区人民政府"])


def test_a_place_after_a_comma_does_not_share_a_government_across_another_unit():
    out = run("9.整治农村垃圾。（配合单位：东岭镇，县财政局、南岭镇人民政府）")
    assert ("东岭镇", "support", "1") in owners(out)


def test_units_that_are_responsible_beside_a_lead_are_leads_too():
    out = run("10.治理扬尘污染（市住建局牵头，各县（市、区）人民政府负责）")
    assert owners(out) == [("各县（市、区）人民政府", "lead", "1"), ("市住建局", "lead", "1")]


@pytest.mark.parametrize("sentence", [
    "11.强化资金保障。县财政每年安排专项资金不少于300万元。",
    "11.强化资金保障。区财政统筹安排专项资金。",
    "11.强化调度。市节能办将定期调度各项工作进展。",
    "11.强化领导。市乡村振兴工作领导小组统筹推进全市工作。",
    "11.强化调度。市交通运输局每季度调度项目进展。",
], ids=["treasury-yearly", "treasury-arranges", "office-will", "group-coordinates", "bureau-monthly"])
def test_an_agency_opening_a_sentence_about_oversight_or_funding_owns_nothing(sentence):
    assert owners(run(sentence)) == []


@pytest.mark.parametrize("sentence, expected", [
    ("12.强化资金保障。县财政局要将所需经费纳入年度预算。", [("县财政局", "lead", "1")]),
    ("12.强化资金保障。县财政设立专项奖补资金。", [("县财政", "lead", "1")]),
    ("12.强化协调。县住建局要会同县财政局制定补助办法。", [("县住建局", "lead", "1"), ("县财政局", "support", "1")]),
    ("12.强化协调。县住建局按职责分工负责补助发放。", [("县住建局", "lead", "1")]),
], ids=["told-to", "treasury-sets-up", "works-with", "by-duty"])
def test_explicit_assignment_in_prose_still_names_owners(sentence, expected):
    assert owners(run(sentence)) == sorted(expected)


# ---------------------------------------------------------------------------- owner lines after sub-items

def pipeline(text: str) -> BatchBuilder:
    """The whole pipeline (outline, metadata, tasks, responsibility) over one text file."""
    from policygraph.ingest import pipeline as pl
    src = SourceText(file="t.txt", path=Path("t.txt"), text=text, encoding="utf-8", format="txt", sha256="0")
    return pl.extract(pl.parse(src))


SUB_ITEMS = """平江县农村人居环境整治工作方案

一、重点任务
1.推进厕所改造。完成农户改厕任务。
牵头单位：县农业农村局
配合单位：县卫健局
2.整治农村生活污水。分类推进治理。
（1）推进集镇污水处理设施建设。
（2）推进农户污水分散处理。
（3）加强设施运行维护。
牵头单位：县生态环境局
配合单位：县住建局、县水利局
3.治理农村垃圾。健全收运体系。
牵头单位：县城管局
配合单位：各乡镇人民政府
"""


def test_owner_lines_after_the_last_sub_item_belong_to_the_item():
    out = pipeline(SUB_ITEMS)
    numbers = sorted(t.number for t in out.nodes_of(Task))
    assert numbers == ["一.1", "一.2", "一.3"]
    owned = sorted((out.get(e.source).name[-5:], e.get("role"), out.get(e.target).number) for e in edges_of(out))
    assert ("生态环境局", "lead", "一.2") in owned and ("江县水利局", "support", "一.2") in owned
    for e in edges_of(out):
        ev = e.evidence[0]
        assert ev.quote == SUB_ITEMS[ev.start:ev.end]


def test_sub_items_with_their_own_owner_lines_keep_them():
    text = SUB_ITEMS.replace("（1）推进集镇污水处理设施建设。", "（1）推进集镇污水处理设施建设。\n牵头单位：县住建局")
    out = pipeline(text)
    owned = {(out.get(e.source).name[-5:], out.get(e.target).number) for e in edges_of(out)}
    assert ("城乡建设局", "一.2.(1)") in owned and ("生态环境局", "一.2.(3)") in owned


@pytest.mark.parametrize("text, expected", [
    ("13.修复河湖生态。（县水利局牵头，县林业局、各乡（镇）配合）",
     [("县水利局", "lead", "1"), ("县林业局", "support", "1"), ("各乡（镇）", "support", "1")]),
    ("13.修复河湖生态。（市水利局牵头，东湖区、北塘区、南岸区人民政府配合）",
     [("市水利局", "lead", "1"), ("东湖区人民政府", "support", "1"), ("北塘区人民政府", "support", "1"),
      ("南岸区人民政府", "support", "1")]),
    ("13.修復河湖生態。（市水利局牽頭，東湖區、北塘區、南岸區人民政府配合）",       # the last as written
     [("市水利局", "lead", "1"), ("东湖区人民政府", "support", "1"), ("北塘区人民政府", "support", "1"),
      ("南岸區人民政府", "support", "1")]),
    ("13.修复河湖生态。由市水利局牵头，东湖区、北塘区人民政府负责。",
     [("市水利局", "lead", "1"), ("东湖区人民政府", "lead", "1"), ("北塘区人民政府", "lead", "1")]),
], ids=["towns-collective", "districts", "traditional", "responsible-districts"])
def test_role_clauses_with_towns_and_places_sharing_a_government(text, expected):
    assert owners(run(text)) == sorted(expected)


def test_units_sharing_the_work_by_duty_in_a_labelled_list_support_its_lead():
    out = run("14.治理农业面源污染。责任单位：县农业农村局牵头；县生态环境局、东岭镇、西岭镇人民政府按职责分工负责")
    assert owners(out) == sorted([("县农业农村局", "lead", "1"), ("县生态环境局", "support", "1"),
                                  ("东岭镇人民政府", "support", "1"), ("西岭镇人民政府", "support", "1")])


@pytest.mark.parametrize("text, expected", [
    ("15.整治背街小巷。（配合单位：甲街道、乙街道、丙镇人民政府）",
     [("甲街道", "support", "1"), ("乙街道", "support", "1"), ("丙镇人民政府", "support", "1")]),
    ("15.整治背街小巷。（配合单位：甲街道、乙街道办事处）",
     [("甲街道办事处", "support", "1"), ("乙街道办事处", "support", "1")]),
], ids=["streets-have-no-government", "streets-share-an-office"])
def test_streets_share_an_office_not_a_government(text, expected):
    assert owners(run(text)) == sorted(expected)


@pytest.mark.parametrize("change", [
    ("牵头单位：县生态环境局\n配合单位：县住建局、县水利局", "（牵头单位：县生态环境局；\n配合单位：县住建局、县水利局）"),
    ("牵头单位：县生态环境局\n配合单位：县住建局、县水利局", "牽頭單位：縣生態環境局\n協助單位：縣住建局、縣水利局"),
], ids=["bracket-over-two-lines", "traditional-assisting"])
def test_owner_lines_after_sub_items_in_other_forms(change):
    text = SUB_ITEMS.replace(*change)
    out = pipeline(text)
    assert sorted(t.number for t in out.nodes_of(Task)) == ["一.1", "一.2", "一.3"]
    owned = {(out.get(e.source).name[-5:], e.get("role"), out.get(e.target).number) for e in edges_of(out)}
    assert ("生态环境局", "lead", "一.2") in owned and ("江县水利局", "support", "一.2") in owned


# ---------------------------------------------------------------------------- third round

@pytest.mark.parametrize("line, expected", [
    ("16.推进河长制落实（责任单位：县水利局（牵头）、县自然资源局、县农业农村局）",
     [("县水利局", "lead", "1"), ("县自然资源局", "lead", "1"), ("县农业农村局", "lead", "1")]),
    ("16.推进河长制落实。责任单位：县水利局（牵头）、县自然资源局、县农业农村局",
     [("县水利局", "lead", "1"), ("县自然资源局", "lead", "1"), ("县农业农村局", "lead", "1")]),
    ("16.推进河长制落实（责任单位：县水利局（牵头）、县自然资源局；配合单位：县财政局、县审计局）",
     [("县水利局", "lead", "1"), ("县自然资源局", "lead", "1"), ("县财政局", "support", "1"),
      ("县审计局", "support", "1")]),
    ("16.推进河长制落实（责任单位：县水利局（牵头）、县自然资源局，县财政局配合）",
     [("县水利局", "lead", "1"), ("县自然资源局", "lead", "1"), ("县财政局", "support", "1")]),
], ids=["bracket", "colon", "support-label", "support-verb"])
def test_every_unit_after_the_responsible_label_leads_even_beside_one_marked_convener(line, expected):
    assert owners(run(line)) == sorted(expected)


@pytest.mark.parametrize("sentence, expected", [
    ("17.健全调度机制。县发改局要牵头建立重点项目调度机制，会同县财政局、县统计局等部门分解落实年度任务。",
     [("县发改局", "lead", "1"), ("县财政局", "support", "1"), ("县统计局", "support", "1")]),
    ("17.健全调度机制。由县农业农村局牵头，会同县水利局、县林业局制定实施细则。",
     [("县农业农村局", "lead", "1"), ("县水利局", "support", "1"), ("县林业局", "support", "1")]),
    ("17.健全调度机制。县农业农村局牵头，会同县水利局和县林业局制定实施细则。",
     [("县农业农村局", "lead", "1"), ("县水利局", "support", "1"), ("县林业局", "support", "1")]),
    ("17.健全调度机制。县民政局负责制定补助办法，并会同县财政局做好资金拨付。",
     [("县民政局", "lead", "1"), ("县财政局", "support", "1")]),
], ids=["told-to-lead-then-with", "by-X-lead-then-with", "X-lead-then-with-Y-and-Z", "responsible-then-also-with"])
def test_a_lead_that_works_with_others_later_in_its_sentence_makes_them_support(sentence, expected):
    assert owners(run(sentence)) == sorted(expected)


@pytest.mark.parametrize("sentence, expected", [
    ("18.推进厕所革命。完成农户改厕3000户。县农业农村局牵头，县卫健局、县财政局配合，各乡镇负责组织实施。",
     [("县农业农村局", "lead", "1"), ("县卫健局", "support", "1"), ("县财政局", "support", "1"),
      ("各乡镇", "lead", "1")]),
    ("18.推进厕所革命。完成农户改厕3000户。由县卫健局负责。", [("县卫健局", "lead", "1")]),
    ("18.推进厕所革命。完成农户改厕3000户。县卫健局负责。", [("县卫健局", "lead", "1")]),
    ("18.推进厕所革命。完成农户改厕3000户。县林业和草原局负责。", [("县林业和草原局", "lead", "1")]),
    ("18.推进厕所革命。完成农户改厕3000户。县文化广电旅游体育局牵头，县退役军人事务局、县医疗保障局配合。",
     [("县文化广电旅游体育局", "lead", "1"), ("县退役军人事务局", "support", "1"), ("县医疗保障局", "support", "1")]),
    ("18.推進廁所革命。完成農戶改廁3000戶。縣農業農村局牽頭，縣衛健局配合，各鄉鎮負責組織實施。",
     [("縣農業農村局", "lead", "1"), ("縣衛健局", "support", "1"), ("各鄉鎮", "lead", "1")]),
    ("18.推进厕所革命。完成农户改厕3000户。县农牧局牵头，县财政局配合，各苏木乡镇负责组织实施。",
     [("县农牧局", "lead", "1"), ("县财政局", "support", "1"), ("各苏木乡镇", "lead", "1")]),
], ids=["lead-support-towns", "by-X-responsible", "X-responsible", "long-name", "long-names-lead-support", "traditional",
        "sumu-towns"])
def test_owner_sentence_after_the_item_without_brackets(sentence, expected):
    assert owners(run(sentence)) == sorted(expected)


_INLINE_OWNERS = """黔西县农村人居环境整治提升实施方案

一、重点任务
（一）推进农村厕所革命。完成农户改厕3000户。县农业农村局牵头，县卫健局、县财政局配合，各乡镇负责组织实施。
（二）治理农村生活污水。推进集镇污水处理设施建设。由县生态环境局负责。
（三）治理农村生活垃圾。健全收运处置体系。县住建局负责。
（四）提升村容村貌。开展村庄清洁行动。县自然资源局牵头，县交通运输局配合。
二、保障措施
（一）加强组织领导。成立工作专班。
（二）强化资金保障。多渠道筹措资金。
"""


def test_inline_owner_sentences_give_owners_of_their_items_in_the_whole_pipeline():
    out = pipeline(_INLINE_OWNERS)
    owned = sorted((out.get(e.source).name.removeprefix("黔西县"), e.get("role"), out.get(e.target).number)
                   for e in edges_of(out))
    assert owned == sorted([
        ("农业农村局", "lead", "一.(一)"), ("卫生健康局", "support", "一.(一)"), ("财政局", "support", "一.(一)"),
        ("各乡镇", "lead", "一.(一)"), ("生态环境局", "lead", "一.(二)"), ("住房和城乡建设局", "lead", "一.(三)"),
        ("自然资源局", "lead", "一.(四)"), ("交通运输局", "support", "一.(四)")])
    assert sorted(t.number for t in out.nodes_of(Task)) == sorted(["一.(一)", "一.(二)", "一.(三)", "一.(四)"])


# an annexed 分工表 flattened from a web page: a cell that wraps continues on the next line
_WRAPPED_TABLE = """衢州市柯城区大气污染防治攻坚实施方案

一、重点任务
1.淘汰燃煤小锅炉。全面淘汰每小时10蒸吨以下燃煤锅炉。
2.强化重污染天气应急应对。修订应急预案，完善应急减排清单。
3.治理道路扬尘。推行机械化清扫。
二、保障措施
（一）加强组织领导。各部门要高度重视。
（二）强化资金保障。加大资金投入。
附件
重点任务分工表
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t淘汰燃煤小锅炉\t区经信局\t区生态环境分局、区市场监管局、
区财政局、各乡镇人民政府\t2021年12月底前
2\t强化重污染天气应急应对。修订应急预案，
完善应急减排清单\t区生态环境分局\t区气象局、区交通运输局\t2021年6月底前
3\t治理道路扬尘\t区住建局\t区城管局\t长期坚持
"""


def test_a_wrapped_cell_of_an_annex_table_continues_its_row():
    out = pipeline(_WRAPPED_TABLE)
    owned = sorted((out.get(e.source).name.removeprefix("衢州市柯城区"), e.get("role"), out.get(e.target).number)
                   for e in edges_of(out))
    assert owned == sorted([
        ("经济和信息化局", "lead", "一.1"), ("生态环境分局", "support", "一.1"), ("市场监督管理局", "support", "一.1"),
        ("财政局", "support", "一.1"), ("各乡镇人民政府", "support", "一.1"),
        ("生态环境分局", "lead", "一.2"), ("气象局", "support", "一.2"), ("交通运输局", "support", "一.2"),
        ("住房和城乡建设局", "lead", "一.3"), ("城市管理局", "support", "一.3")])
    for e in edges_of(out):
        ev = e.evidence[0]
        assert ev.quote == _WRAPPED_TABLE[ev.start:ev.end]
    (row,) = {e.evidence[0].quote for e in edges_of(out) if out.get(e.target).number == "一.1"}
    assert row.startswith("1\t") and row.endswith("2021年12月底前")


def test_a_line_after_a_complete_row_is_not_part_of_the_table():
    text = ("序号\t重点任务\t牵头单位\t配合单位\n1\t治理道路扬尘\t区住建局\t区城管局\n"
            "二、保障措施\n区财政局要加大投入。\n")
    out = run(text, tasks=[(0, text.index("二、")), (text.index("二、"), len(text))])
    assert owners(out) == [("区住建局", "lead", "1"), ("区城管局", "support", "1"), ("区财政局", "lead", "2")]


@pytest.mark.parametrize("line, expected", [
    ("19.加强执法检查（牵头：县市场监管局；参与：县公安局、县卫健局）",
     [("县市场监管局", "lead", "1"), ("县公安局", "support", "1"), ("县卫健局", "support", "1")]),
    ("19.加强执法检查（负责：县市场监管局；配合：县公安局）",
     [("县市场监管局", "lead", "1"), ("县公安局", "support", "1")]),
    ("19.加强执法检查〔牵头：县市场监管局，协助：县公安局〕",
     [("县市场监管局", "lead", "1"), ("县公安局", "support", "1")]),
], ids=["lead-participate", "responsible-cooperate", "tortoise-assist"])
def test_a_bracket_may_name_roles_by_the_bare_role_word(line, expected):
    assert owners(run(line)) == sorted(expected)


def test_a_bare_role_word_bracket_in_traditional_text_is_quoted_as_written():
    text = "19.加強執法檢查（牽頭：縣市場監管局；參與：縣公安局）"
    out = run(text)
    assert owners(out) == [("縣公安局", "support", "1"), ("縣市場監管局", "lead", "1")]
    assert {e.evidence[0].quote for e in edges_of(out)} == {"（牽頭：縣市場監管局；參與：縣公安局）"}


def test_an_annex_row_that_names_no_item_of_the_text_is_not_given_to_the_item_before_the_annex():
    text = _WRAPPED_TABLE.replace("3\t治理道路扬尘\t", "3\t开展秸秆禁烧巡查\t")
    out = pipeline(text)
    owned = {(out.get(e.source).name[6:], out.get(e.target).number) for e in edges_of(out)}
    assert not any(number.startswith("二") for _, number in owned)
    assert ("住房和城乡建设局", "附件.3") in owned and ("经济和信息化局", "一.1") in owned


def test_a_table_row_that_cannot_be_placed_after_an_annex_heading_is_dropped():
    text = ("一、重点任务\n1.淘汰燃煤小锅炉。全面淘汰。\n2.治理道路扬尘。推行机械化清扫。\n附件\n"
            "序号\t重点任务\t牵头单位\t配合单位\n1\t开展秸秆禁烧巡查\t区住建局\t区城管局\n")
    first = (text.index("1.淘汰"), text.index("2.治理"), "淘汰燃煤小锅炉")
    second = (text.index("2.治理"), len(text), "治理道路扬尘")     # its span runs over the annex
    assert owners(run(text, tasks=[first, second])) == []


@pytest.mark.parametrize("sentence", [
    "20.加强宣传引导。县生态环境保护委员会办公室将定期调度工作进展。",
    "20.加强宣传引导。县生态环境保护委员会办公室组织开展考核评估。",
], ids=["office-will", "office-acts"])
def test_the_office_of_a_body_is_not_the_body(sentence):
    assert ("县生态环境保护委员会", "lead", "1") not in owners(run(sentence))


@pytest.mark.parametrize("sentence, expected", [
    ("21.推进厕所革命。完成改厕2000户。旗农牧局牵头，旗财政局配合，各苏木乡镇负责组织实施。",
     [("旗农牧局", "lead", "1"), ("旗财政局", "support", "1"), ("各苏木乡镇", "lead", "1")]),
    ("21.健全调度机制。旗农牧局要牵头建立工作机制，会同旗财政局、旗住建局分解任务。",
     [("旗农牧局", "lead", "1"), ("旗财政局", "support", "1"), ("旗住建局", "support", "1")]),
], ids=["banner-owner-sentence", "banner-partner-later"])
def test_banner_agencies_in_owner_sentences_and_later_partners(sentence, expected):
    jurisdiction = {"province": "内蒙古自治区", "city": "兴安盟", "county": "科尔沁右翼前旗"}
    assert owners(run(sentence, jurisdiction)) == sorted(expected)


def test_an_owner_sentence_on_its_own_line_after_the_last_sub_item_belongs_to_the_item():
    text = SUB_ITEMS.replace("牵头单位：县生态环境局\n配合单位：县住建局、县水利局", "县生态环境局牵头，县住建局、县水利局配合。")
    out = pipeline(text)
    assert sorted(t.number for t in out.nodes_of(Task)) == ["一.1", "一.2", "一.3"]
    owned = {(out.get(e.source).name[-5:], e.get("role"), out.get(e.target).number) for e in edges_of(out)}
    assert ("生态环境局", "lead", "一.2") in owned and ("江县水利局", "support", "一.2") in owned


def test_a_support_only_line_after_the_last_sub_item_stays_with_it():
    text = SUB_ITEMS.replace("牵头单位：县生态环境局\n配合单位：县住建局、县水利局", "县住建局、县水利局配合。")
    out = pipeline(text)
    owned = {(out.get(e.source).name[-5:], out.get(e.target).number) for e in edges_of(out)}
    assert ("江县水利局", "一.2") not in owned


# ---------------------------------------------------------------------------- round 3b owner forms

@pytest.mark.parametrize("line, expected", [
    ("22.整治畜禽养殖污染。（县农业农村局牵头，县财政局、县水利局参与，各乡镇人民政府落实）",
     [("县农业农村局", "lead", "1"), ("县财政局", "support", "1"), ("县水利局", "support", "1"),
      ("各乡镇人民政府", "lead", "1")]),
    ("22.整治畜禽养殖污染。（县农业农村局牵头，县财政局、县水利局按职责分工负责，各乡镇人民政府落实）",
     [("县农业农村局", "lead", "1"), ("县财政局", "support", "1"), ("县水利局", "support", "1"),
      ("各乡镇人民政府", "lead", "1")]),
    ("22.整治畜禽养殖污染。完成粪污处理设施配建。县农业农村局牵头，县财政局配合，各乡镇落实。",
     [("县农业农村局", "lead", "1"), ("县财政局", "support", "1"), ("各乡镇", "lead", "1")]),
    ("22.整治畜禽养殖污染。（牵头单位：县农业农村局；配合单位：县财政局；各乡镇人民政府落实）",
     [("县农业农村局", "lead", "1"), ("县财政局", "support", "1"), ("各乡镇人民政府", "lead", "1")]),
    ("22.整治畜禽养殖污染。（县农业农村局牵头，县财政局积极配合，各乡镇人民政府要抓好落实）",
     [("县农业农村局", "lead", "1"), ("县财政局", "support", "1"), ("各乡镇人民政府", "lead", "1")]),
], ids=["bracket-participate", "bracket-by-duty", "owner-sentence", "labelled-list", "modal-see-to"])
def test_units_that_carry_out_an_item_lead_it_beside_a_convener(line, expected):
    assert owners(run(line)) == sorted(expected)


@pytest.mark.parametrize("line, expected", [
    ("8.推进秸秆综合利用。（省农业农村厅牵头，四平、辽源、白山市政府落实）",
     [("省农业农村厅", "lead", "1"), ("四平市政府", "lead", "1"), ("辽源市政府", "lead", "1"),
      ("白山市政府", "lead", "1")]),
    ("8.推进秸秆综合利用。（责任单位：四平、辽源、白山市人民政府）",
     [("四平市人民政府", "lead", "1"), ("辽源市人民政府", "lead", "1"), ("白山市人民政府", "lead", "1")]),
    ("8.推进秸秆综合利用。省农业农村厅牵头，四平、白山市政府、省财政厅配合。",
     [("省农业农村厅", "lead", "1"), ("四平市政府", "support", "1"), ("白山市政府", "support", "1"),
      ("省财政厅", "support", "1")]),
], ids=["role-bracket", "labelled-list", "support-sentence"])
def test_short_city_names_share_the_level_and_government_written_after_the_last(line, expected):
    out = run(line, {"province": "吉林省"})
    assert owners(out) == sorted(expected)
    names = {a.name for a in out.nodes_of(Agency)}
    assert {"四平市人民政府", "白山市人民政府"} <= names and not any(n.startswith(("四平政府", "四平、")) for n in names)


@pytest.mark.parametrize("sentence, expected", [
    ("9.整治城区餐饮油烟。推广高效油烟净化设施。此项工作由区商务局会同区市场监管局、区城管局组织实施。",
     [("区商务局", "lead", "1"), ("区市场监管局", "support", "1"), ("区城管局", "support", "1")]),
    ("9.整治城区餐饮油烟。推广高效油烟净化设施。该项任务由区城管局会同区商务局负责。",
     [("区城管局", "lead", "1"), ("区商务局", "support", "1")]),
    ("9.整治城区餐饮油烟。推广高效油烟净化设施。由区城管局联合区市场监管局推进。",
     [("区城管局", "lead", "1"), ("区市场监管局", "support", "1")]),
], ids=["this-work-organise", "this-task-responsible", "jointly-advance"])
def test_a_lead_named_with_its_partners_after_the_item_owns_it(sentence, expected):
    out = run(sentence, {"province": "江西省", "city": "九江市", "district": "濂溪区"})
    assert owners(out) == sorted(expected)
    (quote,) = {e.evidence[0].quote for e in edges_of(out)}
    assert quote.startswith(("此项工作由", "该项任务由", "由")) and quote.endswith(("组织实施", "负责", "推进"))


@pytest.mark.parametrize("sentence, expected", [
    ("9.整治城区餐饮油烟。推广高效油烟净化设施。此项工作由区城管局负责，区商务局配合。",
     [("区城管局", "lead", "1"), ("区商务局", "support", "1")]),
    ("9.整治城区餐饮油烟。推广高效油烟净化设施。以上工作由区城管局牵头，区商务局、区市场监管局配合。",
     [("区城管局", "lead", "1"), ("区商务局", "support", "1"), ("区市场监管局", "support", "1")]),
    ("9.整治城区餐饮油烟。推广高效油烟净化设施。此项工作由区城管局会同有关部门组织实施。",
     [("区城管局", "lead", "1")]),
], ids=["this-work-responsible", "above-work-lead", "with-generic-partners"])
def test_this_work_by_x_names_the_owner_of_the_item(sentence, expected):
    assert owners(run(sentence, {"province": "江西省", "city": "九江市", "district": "濂溪区"})) == sorted(expected)


@pytest.mark.parametrize("line, expected", [
    ("5.推进矿山修复。（责任单位：县自然资源局和县林业局）",
     [("县自然资源局", "lead", "1"), ("县林业局", "lead", "1")]),
    ("5.推进矿山修复。（牵头单位：县自然资源局和县林业局；配合单位：县财政局及县水利局）",
     [("县自然资源局", "lead", "1"), ("县林业局", "lead", "1"), ("县财政局", "support", "1"), ("县水利局", "support", "1")]),
    ("5.推进矿山修复。县自然资源局和县林业局要加强协作。",
     [("县自然资源局", "lead", "1"), ("县林业局", "lead", "1")]),
    ("5.推进矿山修复。县自然资源局会同县林业局和县水利局制定方案。",
     [("县自然资源局", "lead", "1"), ("县林业局", "support", "1"), ("县水利局", "support", "1")]),
], ids=["labelled", "two-labels-he-ji", "subjects", "partners-hui-tong"])
def test_units_joined_by_he_are_two_units_never_a_county_named_he(line, expected):
    out = run(line, {"province": "山西省", "city": "晋中市", "county": "榆社县"})
    assert owners(out) == sorted(expected)
    names = {a.name for a in out.nodes_of(Agency)}
    assert not any("和县" in n or "会同县" in n or "及县" in n for n in names)


@pytest.mark.parametrize("text", [
    "4.加强组织保障。县文旅局负责规划实施的统筹协调，县发改局、县财政局、县自然资源局等部门按照职责分工配合，形成工作合力。",
    "4.加强组织保障。县文旅局负责规划实施的统筹协调，县发改局、县财政局、县自然资源局等部门按职责分工协同配合。",
    "4.加强组织保障。（责任单位：县文旅局牵头，县发改局、县财政局、县自然资源局按职责分工配合）",
    "4.加强组织保障。县文旅局负责统筹协调，县发改局、县财政局、县自然资源局等部门要按照职责分工配合。",
    "4.加强组织保障。县文旅局负责统筹协调，县发改局、县财政局、县自然资源局等部门密切配合。",
], ids=["according-to-duty", "by-duty-jointly", "labelled-list", "modal", "closely"])
def test_units_that_cooperate_by_their_duties_support_the_lead(text):
    assert owners(run(text)) == sorted([("县文旅局", "lead", "1"), ("县发改局", "support", "1"),
                                        ("县财政局", "support", "1"), ("县自然资源局", "support", "1")])


_WRAPPED_PARAGRAPH = """大同市云冈区文化旅游发展规划实施方案

一、主要任务
（一）保护历史文化遗存。完成文物保护单位“四有”工作，建立不可移动文物巡查
制度，落实文物安全责任，实现动态监管，加强考古研究和价值阐释，推进石窟寺保
护利用，开展传统村落集中连片保护，挖掘红色文化资源，建设一批文化遗产展示利
用设施。
（二）推动文旅融合发展。培育研学旅行、康养旅游等新业态，建设一批文旅融合示
范项目，完善游客服务中心、旅游厕所和停车场等配套设施，提升智慧旅游服务水平
。
（三）加强组织保障。区文旅局负责规划实施的统筹协调，定期调度重点任务进展，
及时研究解决实施中遇到的问题，区发展改革局、区财政局、区自然资源局、区住建
局、区农业农村局等部门按照职责分工配合，形成推进规划实施的工作合力。
"""


def test_cooperating_units_of_a_hard_wrapped_paragraph_support_its_item():
    out = pipeline(_WRAPPED_PARAGRAPH)           # the wrap cuts 区住建⏎局 inside the list
    owned = sorted((out.get(e.source).name.removeprefix("大同市云冈区"), e.get("role"), out.get(e.target).number)
                   for e in edges_of(out))
    assert owned == sorted([("文化和旅游局", "lead", "一.(三)"), ("发展和改革局", "support", "一.(三)"),
                            ("财政局", "support", "一.(三)"), ("自然资源局", "support", "一.(三)"),
                            ("住房和城乡建设局", "support", "一.(三)"), ("农业农村局", "support", "一.(三)")])
    for e in edges_of(out):
        ev = e.evidence[0]
        assert ev.quote == _WRAPPED_PARAGRAPH[ev.start:ev.end]


_OWNER_FORMS = """襄垣县农村人居环境整治实施方案

一、重点任务
（一）推进农村厕所革命。完成农户改厕3000户。县农业农村局牵头，县卫健局参与，各乡镇人民政府落实。
（二）治理农村生活污水。推进集镇污水处理设施建设。此项工作由县生态环境分局会同县住建局和县水利局组织实施。
（三）治理农村生活垃圾。健全收运处置体系。县住建局和县城管局负责。
二、保障措施
（一）加强组织领导。成立工作专班。
（二）强化资金保障。多渠道筹措资金。
"""


def test_new_owner_forms_after_items_make_a_task_list_with_their_owners():
    out = pipeline(_OWNER_FORMS)
    assert sorted(t.number for t in out.nodes_of(Task)) == sorted(["一.(一)", "一.(二)", "一.(三)"])
    owned = sorted((out.get(e.source).name.removeprefix("长治市襄垣县"), e.get("role"), out.get(e.target).number)
                   for e in edges_of(out))
    assert owned == sorted([
        ("农业农村局", "lead", "一.(一)"), ("卫生健康局", "support", "一.(一)"), ("各乡镇人民政府", "lead", "一.(一)"),
        ("生态环境分局", "lead", "一.(二)"), ("住房和城乡建设局", "support", "一.(二)"), ("水利局", "support", "一.(二)"),
        ("住房和城乡建设局", "lead", "一.(三)"), ("城市管理局", "lead", "一.(三)")])
