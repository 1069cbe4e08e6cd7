"""Tasks extractor: one Task per outline item, PART_OF edges, task lists and split items."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from policygraph.graph.model import EdgeType, Label, Plan, Task, node_id
from policygraph.ingest.document import BatchBuilder, ParsedDoc, PlanSpan, SourceText
from policygraph.ingest.extract import tasks
from policygraph.ingest.normalize import normalise
from policygraph.ingest.outline import parse_outline

PLAN = Plan(id=node_id(Label.PLAN, "某区生态环境保护实施方案"), name="某区生态环境保护实施方案")


def run(text: str, plans: list[PlanSpan] | None = None) -> BatchBuilder:
    src = SourceText(file="t.txt", path=Path("t.txt"), text=text, encoding="utf-8", format="txt", sha256="0")
    doc = ParsedDoc(source=src, norm=normalise(text))
    doc.sections = parse_outline(doc)
    doc.plans = [PlanSpan(PLAN, 0, len(text))] if plans is None else plans
    out = BatchBuilder(doc)
    out.node(PLAN)
    tasks.extract(doc, out)
    return out


def task_list(out: BatchBuilder) -> list[Task]:
    return sorted(out.nodes_of(Task), key=lambda t: t.start)


def parent_of(out: BatchBuilder, task: Task) -> str:
    (edge,) = [e for e in out.edges() if e.type is EdgeType.PART_OF and e.source == task.id]
    return edge.target


_SCHEME = """为推进生态环境保护,制定本方案。
一、主要任务
(一)打好污染防治攻坚战
1.打好蓝天保卫战。推进燃煤锅炉改造,加强扬尘治理。
2.打好碧水攻坚战。推进污水处理厂提标改造。
(二)推动绿色发展
二、保障措施
加强组织领导。
"""


def test_one_task_per_outline_item_with_path_and_title():
    ts = task_list(run(_SCHEME))
    assert [(t.number, t.name) for t in ts] == [
        ("一", "主要任务"), ("一.(一)", "打好污染防治攻坚战"), ("一.(一).1", "打好蓝天保卫战"),
        ("一.(一).2", "打好碧水攻坚战"), ("一.(二)", "推动绿色发展"), ("二", "保障措施"),
    ]
    assert all(t.plan_id == PLAN.id and t.source_file == "t.txt" for t in ts)


def test_task_is_part_of_its_parent_task_or_of_the_plan_at_the_top():
    out = run(_SCHEME)
    ts = {t.number: t for t in task_list(out)}
    assert parent_of(out, ts["一"]) == PLAN.id
    assert parent_of(out, ts["一.(一).1"]) == ts["一.(一)"].id
    assert parent_of(out, ts["二"]) == PLAN.id


def test_part_of_evidence_is_the_heading():
    out = run(_SCHEME)
    t = {t.number: t for t in task_list(out)}["一.(一).1"]
    (edge,) = [e for e in out.edges() if e.source == t.id]
    assert edge.evidence[0].quote == "1.打好蓝天保卫战"
    assert "outline:arabic" in out.rules[edge.key]


def test_task_text_is_its_own_span_up_to_its_first_sub_item():
    ts = {t.number: t for t in task_list(run(_SCHEME))}
    assert ts["一.(一).1"].text == "1.打好蓝天保卫战。推进燃煤锅炉改造,加强扬尘治理。"
    assert ts["一.(一)"].text == "(一)打好污染防治攻坚战"
    assert ts["二"].text == "二、保障措施\n加强组织领导。"
    assert _SCHEME[ts["二"].start:ts["二"].end] == ts["二"].text


def test_task_ids_are_deterministic():
    a = [t.id for t in task_list(run(_SCHEME))]
    b = [t.id for t in task_list(run(_SCHEME))]
    assert a == b and len(set(a)) == len(a)


_TASK_LIST = """一、重点任务
(一)加强生态环境保护
1.打好蓝天保卫战。推进燃煤锅炉改造(责任单位:市生态环境局、市住建局等)。
2.打好碧水攻坚战。推进污水处理厂提标改造(责任单位:市水利局)。
(二)推动绿色发展
1.构建绿色产业体系。发展节能环保产业(市发改委牵头,市工信局配合)。
二、保障措施
(一)加强组织领导。成立领导小组。
"""


def test_in_a_task_assignment_list_only_items_with_responsibility_are_tasks():
    out = run(_TASK_LIST)
    ts = task_list(out)
    assert [(t.number, t.name) for t in ts] == [
        ("一.(一).1", "打好蓝天保卫战"), ("一.(一).2", "打好碧水攻坚战"), ("一.(二).1", "构建绿色产业体系"),
    ]
    assert all(parent_of(out, t) == PLAN.id for t in ts)


def test_two_responsibility_items_do_not_make_a_task_list():
    text = _TASK_LIST.replace("(市发改委牵头,市工信局配合)", "")
    assert len(task_list(run(text))) == 8  # every outline item


_SPLIT = """43、在农村开展太阳能、沼气综合利用试点(责任单位:省农办;共同实施单位:省环保厅)。

44、推进湘江流域管理,编制湘江流域管理规划(责任单位:省水利厅;共同实施单位:省环保厅、有关各市人民政府)。出台湘江流域管理条例(责任单位:省政府法制办;共同实施单位:省水利厅)。

45、探索建立金融控股公司(责任单位:省财政厅)。启动商业银行建设试点(责任单位:湖南银监局)。推进联合产权交易所建设试点(责任单位:省国资委)。
"""


def test_item_with_several_responsibility_brackets_is_split():
    ts = task_list(run(_SPLIT))
    assert [(t.number, t.name) for t in ts] == [
        ("43", "在农村开展太阳能、沼气综合利用试点"),
        ("44a", "推进湘江流域管理,编制湘江流域管理规划"), ("44b", "出台湘江流域管理条例"),
        ("45a", "探索建立金融控股公司"), ("45b", "启动商业银行建设试点"), ("45c", "推进联合产权交易所建设试点"),
    ]
    by = {t.number: t for t in ts}
    assert by["44b"].text == "出台湘江流域管理条例(责任单位:省政府法制办;共同实施单位:省水利厅)。"
    assert by["44a"].text.endswith("有关各市人民政府)。")
    assert by["44a"].end == by["44b"].start


def test_task_span_stops_at_the_end_of_its_plan():
    text = "1、开展试点工作(责任单位:省农办)。\n\n湖南省某某办\n\n关于印发工作要点的函\n"
    cut = text.index("湖南省")
    other = Plan(id=node_id(Label.PLAN, "工作要点"), name="工作要点")
    out = run(text, plans=[PlanSpan(PLAN, 0, cut), PlanSpan(other, cut, len(text))])
    (t,) = task_list(out)
    assert t.text == "1、开展试点工作(责任单位:省农办)。"


def test_without_a_plan_tasks_are_still_nodes():
    out = run(_SCHEME, plans=[])
    assert len(task_list(out)) == 6


def _scorer():
    from conftest import SHARED

    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_corpus_tasks_score(corpus_dir):
    from conftest import GOLD

    from policygraph.ingest.extract import meta
    from policygraph.ingest.pipeline import find_documents, parse
    from policygraph.ingest.readers import read_document

    nodes, edges = {}, []
    for path, name in find_documents([corpus_dir]):
        doc = parse(read_document(path, name))
        out = BatchBuilder(doc)
        meta.extract(doc, out)
        tasks.extract(doc, out)
        batch = out.build()
        nodes.update({n.id: n.to_dict() for n in batch.nodes})
        edges += [e.to_dict() for e in batch.edges]
    score = _scorer()
    ex = score.Export({"nodes": list(nodes.values()), "edges": edges})
    total = score.Prf()
    for g in sorted(GOLD.glob("*.json")):
        total += score.score_file(json.loads(g.read_text(encoding="utf-8")), ex)["tasks"]
    assert total.f1 >= 0.95, total.row()


def test_responsibility_lines_also_make_a_task_assignment_list():
    text = """一、重点任务
1.推进燃煤锅炉改造。
责任单位:市生态环境局
2.推进污水处理厂提标改造。
责任单位:市水利局
3.发展节能环保产业。
牵头单位:市发改委
二、保障措施
(一)加强组织领导。
"""
    assert [t.number for t in task_list(run(text))] == ["一.1", "一.2", "一.3"]


@pytest.mark.parametrize(
    "heading, name",
    [
        ("第二节 “ 十四五 ” 规划目标", "“十四五”规划目标"),
        ("第一节 二 〇 三五年远景目标", "二〇三五年远景目标"),
        ("第一节 优化提升 “ 3+5+2 ” 产业体系", "优化提升“3+5+2”产业体系"),
    ],
)
def test_task_names_drop_the_spaces_pdf_text_puts_between_characters(heading, name):
    (t,) = task_list(run(heading + "\n"))
    assert t.name == name


_BRACKET_LIST = """一、重点任务
1.推进老旧小区改造。年内改造小区30个。{o}责任单位:县住建局、县财政局{c}
2.完善社区养老设施。新建日间照料中心5处。{o}牵头单位:县民政局;配合单位:各乡镇人民政府{c}
3.加强农贸市场管理。{o}县市场监管局牵头,县商务局配合{c}
二、保障措施
(一)加强统筹协调。建立联席会议制度。
"""


@pytest.mark.parametrize("o, c", [("(", ")"), ("（", "）"), ("〔", "〕"), ("【", "】"), ("［", "］"), ("[", "]")])
def test_responsibility_brackets_of_every_style_make_a_task_list(o, c):
    ts = task_list(run(_BRACKET_LIST.format(o=o, c=c)))
    assert [(t.number, t.name) for t in ts] == [
        ("一.1", "推进老旧小区改造"), ("一.2", "完善社区养老设施"), ("一.3", "加强农贸市场管理"),
    ]


def test_traditional_task_list_with_tortoise_shell_brackets():
    text = """一、重點工作
1.推進河道清淤。完成清淤20公里。〔責任單位：縣水利局〕
2.強化揚塵管控。〔責任單位：縣住建局、縣城管局〕
3.推廣新能源公交。〔責任單位：縣交通運輸局，縣發改局配合〕
二、工作保障
(一)加強督查。
"""
    ts = task_list(run(text))
    assert [t.number for t in ts] == ["一.1", "一.2", "一.3"]
    assert ts[0].name == "推進河道清淤"


@pytest.mark.parametrize("note", [
    "。责任单位：区发改局、区财政局",          # after the last sentence, same line
    "。\n责任单位：区发改局、区财政局",        # on the next line
    "。\n牵头单位：区发改局\n配合单位：区财政局",  # lead and support lines
])
def test_responsibility_labels_after_the_item_make_a_task_list(note):
    items = ["1.开展燃气管道排查", "2.推进雨污分流改造", "3.建设口袋公园"]
    text = "一、重点任务\n" + "".join(f"{i}{note}\n" for i in items) + "二、保障措施\n(一)加强领导。\n"
    ts = task_list(run(text))
    assert [(t.number, t.name) for t in ts] == [
        ("一.1", "开展燃气管道排查"), ("一.2", "推进雨污分流改造"), ("一.3", "建设口袋公园"),
    ]


def test_lead_and_support_label_lines_are_one_note_not_a_split_item():
    text = """1.推进智慧停车建设。新增泊位800个。
牵头单位：市城管局
配合单位：市公安局、市住建局
2.整治占道经营。
牵头单位：市城管局
3.规范共享单车停放。
牵头单位：市交通运输局
"""
    assert [t.number for t in task_list(run(text))] == ["1", "2", "3"]


def test_two_labelled_sentences_split_an_item():
    text = ("1、推进小流域治理。责任单位：县水利局。出台河道采砂管理办法。责任单位：县司法局。\n"
            "2、开展河湖清四乱。责任单位：县水利局\n3、建设生态缓冲带。责任单位：县生态环境分局\n")
    ts = task_list(run(text))
    assert [(t.number, t.name) for t in ts] == [
        ("1a", "推进小流域治理"), ("1b", "出台河道采砂管理办法"),
        ("2", "开展河湖清四乱"), ("3", "建设生态缓冲带"),
    ]


_PROSE_OWNER = """一、重点任务
(一)完善托育服务
1.建设普惠托育机构。新增托位600个。(责任单位:市卫生健康委、市发展改革委)
2.发展社区托育点。(责任单位:市卫生健康委,各区人民政府)
3.完善育儿补贴政策。研究提高补贴标准。市医保局负责生育保险待遇落实。
4.加强托育从业人员培训。(责任单位:市人力资源社会保障局)
二、保障措施
(一)强化经费保障。市财政局要将托育服务经费列入年度预算。
(二)加强宣传引导。营造生育友好的社会氛围。
"""


def test_in_a_task_list_an_item_owned_in_prose_is_a_task_too():
    out = run(_PROSE_OWNER)
    assert [(t.number, t.name) for t in task_list(out)] == [
        ("一.(一).1", "建设普惠托育机构"), ("一.(一).2", "发展社区托育点"), ("一.(一).3", "完善育儿补贴政策"),
        ("一.(一).4", "加强托育从业人员培训"), ("二.(一)", "强化经费保障"),
    ]


def test_prose_owners_alone_do_not_make_a_task_list():
    text = """一、重点任务
(一)建设普惠托育机构。市卫生健康委负责托育机构备案管理。
(二)发展社区托育点。市民政局要会同各区推进社区嵌入式托育。
(三)完善育儿补贴政策。由市医保局牵头研究提高补贴标准。
二、保障措施
(一)加强宣传引导。
"""
    assert len(task_list(run(text))) == 6  # every outline item


def test_lead_and_support_brackets_side_by_side_are_one_note():
    text = """1.推进老旧管网改造(牵头单位:县住建局)(配合单位:县财政局)。
2.建设应急水源(牵头单位:县水利局)。
3.完善供水价格机制。(牵头单位:县发改局)
(配合单位:县财政局)
"""
    assert [(t.number, t.name) for t in task_list(run(text))] == [
        ("1", "推进老旧管网改造"), ("2", "建设应急水源"), ("3", "完善供水价格机制"),
    ]


@pytest.mark.parametrize("label", ["责任主体", "责任处室"])
def test_other_owner_labels_make_a_task_list(label):
    text = "".join(f"{i}.开展第{i}项整治。\n{label}:县农业农村局\n" for i in (1, 2, 3)) + "(一)加强督导。\n"
    assert [t.number for t in task_list(run(text))] == ["1", "2", "3"]


def test_a_label_cut_by_a_pdf_line_wrap_is_still_a_note():
    text = """一、重点任务
1.推进污水处理厂扩建。新增处理能力5万吨/日。责任单
位:县住建局
2.建设再生水利用工程。责任单位:县水利局
3.开展入河排污口整治。责任单位:县生态环境分局
二、保障措施
"""
    assert [t.number for t in task_list(run(text))] == ["一.1", "一.2", "一.3"]


def test_numbered_projects_inside_a_box_are_not_tasks_but_the_box_is():
    prose = "坚持集中式与分布式并举,推动水电、光伏和生物质能协调发展,提高可再生能源消费比重。"
    text = (f"第三章 壮大清洁能源产业\n第一节 发展可再生能源\n{prose}\n"
            "专栏 3 清洁能源重点项目\n1.抽水蓄能工程:平江县抽水蓄能电站、汨罗市储能项目。\n"
            "2.生物质发电工程:华容县、湘阴县生物质热电联产项目。\n"
            f"第二节 优化能源结构\n{prose}\n")
    names = [t.number for t in task_list(run(text))]
    assert names == ["第三章", "第三章.第一节", "专栏3", "第三章.第二节"]


def test_a_box_item_with_its_own_owner_stays_a_task():
    text = ("一、重点任务\n专栏 1 重点工程\n1.建设污水管网50公里。(责任单位:县住建局)\n"
            "2.建设垃圾中转站3座。(责任单位:县城管局)\n3.新建公厕20座。(责任单位:县城管局)\n")
    numbers = [t.number for t in task_list(run(text))]
    assert {"专栏1.1", "专栏1.2", "专栏1.3"} <= set(numbers)


@pytest.mark.parametrize("owner", [
    "县农业农村局牵头，县卫健局、县财政局配合，各乡镇负责组织实施。",
    "由县农业农村局负责。",
    "县农业农村局负责。",
    "县农业农村局牵头，县财政局配合。",
], ids=["lead-support-towns", "by-X-responsible", "X-responsible", "lead-support"])
def test_owner_sentences_closing_items_make_a_task_list(owner):
    text = ("一、重点任务\n"
            f"（一）推进农村厕所革命。完成农户改厕3000户。{owner}\n"
            "（二）治理农村生活污水。推进集镇污水处理设施建设。由县生态环境局负责。\n"
            "（三）治理农村生活垃圾。健全收运处置体系。县住建局牵头，各乡镇配合。\n"
            "二、保障措施\n（一）加强组织领导。成立工作专班。\n")
    assert [t.number for t in task_list(run(text))] == ["一.(一)", "一.(二)", "一.(三)"]


def test_a_sentence_where_the_owner_also_acts_is_no_owner_note():
    text = ("一、重点任务\n（一）推进农村厕所革命。县农业农村局负责制定改厕标准。\n"
            "（二）治理农村生活污水。由县生态环境局牵头推进设施建设。\n"
            "（三）治理农村生活垃圾。县住建局要健全收运处置体系。\n"
            "二、保障措施\n（一）加强组织领导。\n")
    assert len(task_list(run(text))) == 6  # prose owners alone: every outline item stays a task


@pytest.mark.parametrize("owner", [
    "县农业农村局牵头，县卫健局参与，各乡镇人民政府落实。",
    "此项工作由县农业农村局会同县卫健局、县财政局组织实施。",
    "该项任务由县农业农村局会同县卫健局负责。",
    "此项工作由县农业农村局负责，县卫健局配合。",
], ids=["towns-carry-out", "this-work-led-together", "this-task-led-together", "this-work-lead-support"])
def test_owner_sentences_in_the_new_forms_make_a_task_list(owner):
    text = ("一、重点任务\n"
            f"（一）推进农村厕所革命。完成农户改厕3000户。{owner}\n"
            "（二）治理农村生活污水。推进集镇污水处理设施建设。由县生态环境局负责。\n"
            "（三）治理农村生活垃圾。健全收运处置体系。县住建局牵头，各乡镇落实。\n"
            "二、保障措施\n（一）加强组织领导。成立工作专班。\n")
    assert [t.number for t in task_list(run(text))] == ["一.(一)", "一.(二)", "一.(三)"]


def test_a_line_of_units_cooperating_by_duty_after_the_last_sub_item_stays_with_it():
    text = ("一、重点任务\n1.推进厕所改造。完成改厕任务。\n县农业农村局牵头，县卫健局配合。\n"
            "2.整治农村生活污水。分类推进治理。\n（1）推进集镇污水处理设施建设。\n（2）推进农户污水分散处理。\n"
            "县住建局、县水利局按照职责分工配合。\n"
            "3.治理农村垃圾。健全收运体系。\n县城管局负责。\n")
    by_number = {t.number: t for t in task_list(run(text))}    # a support line opens no item's note
    assert sorted(by_number) == ["一.1", "一.2.(2)", "一.3"]
    assert by_number["一.2.(2)"].text.endswith("按照职责分工配合。")
