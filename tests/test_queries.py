"""Named queries on a small graph built here: a province scheme, a city plan carrying it out,
two district schemes carrying out the city plan, agencies leading and supporting tasks, an
agency renamed in a 机构改革 (SUPERSEDES), and forest-cover targets across years and levels.

`sample_store(dir)` is reused by tests/test_api.py and tests/test_browser.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from store_contract import STORE_KINDS

from policygraph import queries
from policygraph.graph.errors import NotFound, QueryError
from policygraph.graph.model import (
    Agency,
    District,
    Edge,
    Evidence,
    GraphBatch,
    Indicator,
    Plan,
    Task,
    node_id,
)

# ---------------------------------------------------------------------------- the sample graph

PROVINCE = Plan(node_id("Plan", "江西省生态文明建设实施方案"), "江西省生态文明建设实施方案",
                doc_number="赣府发〔2016〕3号", date="2016-02", level="province", jurisdiction="江西省",
                kind="实施方案", source_file="p.txt")
CITY = Plan(node_id("Plan", "赣州市生态文明建设三年行动计划"), "赣州市生态文明建设三年行动计划",
            doc_number="赣市府发〔2018〕9号", date="2018-05", level="city", jurisdiction="赣州市",
            period_start=2018, period_end=2020, kind="行动计划", source_file="c.txt")
DISTRICT_A = Plan(node_id("Plan", "章贡区生态文明建设实施方案"), "章贡区生态文明建设实施方案",
                  date="2018-09", level="district", jurisdiction="章贡区", kind="实施方案", source_file="d1.txt")
DISTRICT_B = Plan(node_id("Plan", "南康区生态文明建设实施方案"), "南康区生态文明建设实施方案",
                  date="2018-10", level="district", jurisdiction="南康区", kind="实施方案", source_file="d2.txt")

CITY_D = District(node_id("District", "赣州市"), "赣州市", level="city", parent="江西省")
ZHANGGONG = District(node_id("District", "章贡区"), "章贡区", level="district", parent="赣州市")
NANKANG = District(node_id("District", "南康区"), "南康区", level="district", parent="赣州市")
NANKANG_OLD = District(node_id("District", "南康市"), "南康市", level="county", parent="赣州市")

ECO = Agency(node_id("Agency", "赣州市生态环境局"), "赣州市生态环境局", aliases=("市生态环境局",), level="city")
EPB = Agency(node_id("Agency", "赣州市环境保护局"), "赣州市环境保护局", aliases=("市环保局",), level="city")
FOREST = Agency(node_id("Agency", "赣州市林业局"), "赣州市林业局", aliases=("市林业局",), level="city")
PROV_FOREST = Agency(node_id("Agency", "江西省林业厅"), "江西省林业厅", level="province")

COVER = Indicator(node_id("Indicator", "森林覆盖率"), "森林覆盖率", aliases=("森林覆蓋率",), unit="%")


def _task(plan: Plan, number: str, name: str, text: str, start: int) -> Task:
    return Task(node_id("Task", plan.id, number), name, number=number, text=text, plan_id=plan.id,
                source_file=plan.source_file, start=start, end=start + len(text))


P_T1 = _task(PROVINCE, "一", "推进国土绿化", "一、推进国土绿化", 10)
C_T1 = _task(CITY, "一", "加强生态保护", "一、加强生态保护", 10)
C_T11 = _task(CITY, "一.(一)", "实施森林质量提升工程", "(一)实施森林质量提升工程。(责任单位:市林业局)", 30)
C_T12 = _task(CITY, "一.(二)", "打好蓝天保卫战", "(二)打好蓝天保卫战。(责任单位:市生态环境局,配合单位:市林业局)", 60)
A_T1 = _task(DISTRICT_A, "1", "开展污染源普查", "1.开展污染源普查(责任单位:市环保局)", 10)


def ev(file: str, quote: str, start: int = 0) -> Evidence:
    return Evidence(file, start, start + len(quote), quote)


def _batch(file: str, nodes: list, edges: list) -> GraphBatch:
    unique = {n.id: n for n in nodes}
    return GraphBatch(file, tuple(unique.values()), tuple(edges), encoding="utf-8", format="txt", chars=500)


def sample_batches(extra_plans: tuple[Plan, ...] = ()) -> list[GraphBatch]:
    p, c, a, b = "p.txt", "c.txt", "d1.txt", "d2.txt"
    batches = [
        _batch(p, [PROVINCE, P_T1, PROV_FOREST, COVER], [
            Edge.make(P_T1.id, PROVINCE.id, "PART_OF", ev(p, P_T1.text, 10)),
            Edge.make(PROV_FOREST.id, P_T1.id, "RESPONSIBLE_FOR", ev(p, "省林业厅牵头", 40), role="lead"),
            Edge.make(PROVINCE.id, COVER.id, "SETS_TARGET", ev(p, "森林覆盖率稳定在63%", 100),
                      value=63, unit="%", comparator=">=", year=2020),
        ]),
        _batch(c, [CITY, PROVINCE, C_T1, C_T11, C_T12, ECO, EPB, FOREST, COVER, CITY_D], [
            Edge.make(CITY.id, PROVINCE.id, "IMPLEMENTS", ev(c, "为贯彻落实《江西省生态文明建设实施方案》", 0)),
            Edge.make(C_T1.id, CITY.id, "PART_OF", ev(c, C_T1.text, 10)),
            Edge.make(C_T11.id, C_T1.id, "PART_OF", ev(c, C_T11.text, 30)),
            Edge.make(C_T12.id, C_T1.id, "PART_OF", ev(c, C_T12.text, 60)),
            Edge.make(FOREST.id, C_T11.id, "RESPONSIBLE_FOR", ev(c, "责任单位:市林业局", 44), role="lead"),
            Edge.make(ECO.id, C_T12.id, "RESPONSIBLE_FOR", ev(c, "责任单位:市生态环境局", 71), role="lead"),
            Edge.make(FOREST.id, C_T12.id, "RESPONSIBLE_FOR", ev(c, "配合单位:市林业局", 83), role="support"),
            Edge.make(ECO.id, EPB.id, "SUPERSEDES", ev(c, "市环保局更名为市生态环境局", 200), year=2019),
            Edge.make(CITY.id, COVER.id, "SETS_TARGET", ev(c, "到2020年森林覆盖率达到65%", 120),
                      value=65, unit="%", comparator=">=", year=2020),
            Edge.make(C_T11.id, COVER.id, "SETS_TARGET", ev(c, "2025年森林覆盖率达到66%", 150),
                      value=66, unit="%", comparator=">=", year=2025),
            Edge.make(CITY.id, CITY_D.id, "COVERS", ev(c, "赣州市", 3)),
        ]),
        _batch(a, [DISTRICT_A, CITY, A_T1, EPB, ZHANGGONG, CITY_D, NANKANG, COVER], [
            Edge.make(DISTRICT_A.id, CITY.id, "IMPLEMENTS", ev(a, "根据《赣州市生态文明建设三年行动计划》", 0)),
            Edge.make(A_T1.id, DISTRICT_A.id, "PART_OF", ev(a, A_T1.text, 10)),
            Edge.make(EPB.id, A_T1.id, "RESPONSIBLE_FOR", ev(a, "责任单位:市环保局", 17), role="lead"),
            Edge.make(ZHANGGONG.id, CITY_D.id, "PART_OF", ev(a, "赣州市章贡区", 40)),
            Edge.make(DISTRICT_A.id, ZHANGGONG.id, "COVERS", ev(a, "章贡区", 2)),
            Edge.make(DISTRICT_A.id, NANKANG.id, "MENTIONS", ev(a, "南康区", 300)),
            Edge.make(DISTRICT_A.id, COVER.id, "SETS_TARGET", ev(a, "森林覆盖率达到70%", 90),
                      value=70, unit="%", comparator=">=", year=2020),
        ]),
        _batch(b, [DISTRICT_B, CITY, NANKANG, NANKANG_OLD, CITY_D], [
            Edge.make(DISTRICT_B.id, CITY.id, "IMPLEMENTS", ev(b, "落实《赣州市生态文明建设三年行动计划》", 0)),
            Edge.make(NANKANG.id, CITY_D.id, "PART_OF", ev(b, "赣州市南康区", 40)),
            Edge.make(NANKANG.id, NANKANG_OLD.id, "SUPERSEDES", ev(b, "撤销县级南康市,设立南康区", 60)),
        ]),
    ]
    for i, plan in enumerate(extra_plans):
        batches.append(_batch(plan.source_file or f"x{i}.txt", [plan], []))
    return batches


def sample_store(directory: Path, extra_plans: tuple[Plan, ...] = (), kind: str = "embedded"):
    """A store of `kind` (see tests/store_contract.py) holding the sample graph."""
    from store_contract import make_store

    store = make_store(kind, directory)
    for batch in sample_batches(extra_plans):
        store.write(batch)
    return store


# Every store kind of the contract answers the same questions the same way: when a kind is
# added to STORE_KINDS (Neo4j), these tests run against it too.
@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request, tmp_path_factory):
    st = sample_store(tmp_path_factory.mktemp("store"), kind=request.param)
    yield st
    st.close()


# ---------------------------------------------------------------------------- lineage

def test_lineage_up_from_a_district_scheme_reaches_the_province(store):
    result = queries.lineage(store, DISTRICT_A.id, direction="up", depth=3)
    assert [(s.plan.id, s.depth) for s in result.up] == [(CITY.id, 1), (PROVINCE.id, 2)]
    assert result.down == ()
    assert result.up[1].parent == CITY.id
    assert result.up[0].edge.evidence[0].quote == "根据《赣州市生态文明建设三年行动计划》"


def test_lineage_down_from_the_province_lists_city_then_districts(store):
    result = queries.lineage(store, PROVINCE.id, direction="down", depth=2)
    assert result.down[0].plan.id == CITY.id and result.down[0].depth == 1
    assert {s.plan.id for s in result.down if s.depth == 2} == {DISTRICT_A.id, DISTRICT_B.id}


def test_lineage_depth_cuts_the_walk(store):
    result = queries.lineage(store, PROVINCE.id, direction="down", depth=1)
    assert [s.plan.id for s in result.down] == [CITY.id]


def test_lineage_both_from_the_city_plan(store):
    result = queries.lineage(store, CITY.id)
    assert [s.plan.id for s in result.up] == [PROVINCE.id]
    assert {s.plan.id for s in result.down} == {DISTRICT_A.id, DISTRICT_B.id}


# ---------------------------------------------------------------------------- outline, owners

def test_plan_outline_is_a_tree_in_document_order_with_owners(store):
    outline = queries.plan_outline(store, CITY.id)
    assert outline.total == 3
    assert [(i.task.number, i.depth, i.parent) for i in outline.items] == [
        ("一", 1, None), ("一.(一)", 2, C_T1.id), ("一.(二)", 2, C_T1.id)]
    owners = outline.items[2].owners
    assert [(o.agency.name, o.role) for o in owners] == [("赣州市生态环境局", "lead"), ("赣州市林业局", "support")]
    assert owners[1].edge.evidence[0].quote == "配合单位:市林业局"


def test_plan_outline_pages(store):
    page = queries.plan_outline(store, CITY.id, limit=1, offset=1)
    assert page.total == 3 and [i.task.id for i in page.items] == [C_T11.id]


def test_task_owners_lead_first_with_plan(store):
    result = queries.task_owners(store, C_T12.id)
    assert result.plan is not None and result.plan.id == CITY.id
    assert [o.role for o in result.owners] == ["lead", "support"]


# ---------------------------------------------------------------------------- agencies

def test_agency_tasks_include_the_predecessor_name(store):
    result = queries.agency_tasks(store, ECO.id)
    assert {(t.task.id, t.held_by.id) for t in result.tasks} == {(C_T12.id, ECO.id), (A_T1.id, EPB.id)}
    assert [(r.newer.id, r.older.id) for r in result.renames] == [(ECO.id, EPB.id)]
    assert result.renames[0].edge.evidence[0].quote == "市环保局更名为市生态环境局"


def test_agency_tasks_from_the_old_name_find_the_successor_tasks(store):
    result = queries.agency_tasks(store, EPB.id)
    assert {t.task.id for t in result.tasks} == {C_T12.id, A_T1.id}


@pytest.mark.parametrize("role, expected", [
    ("lead", {C_T11.id}),
    ("support", {C_T12.id}),
    ("any", {C_T11.id, C_T12.id}),
])
def test_agency_tasks_filter_by_role(store, role, expected):
    result = queries.agency_tasks(store, FOREST.id, role=role)
    assert {t.task.id for t in result.tasks} == expected
    assert all(t.plan is not None and t.plan.id == CITY.id for t in result.tasks)


# ---------------------------------------------------------------------------- indicators

def test_indicator_history_lists_every_target_by_year_and_level(store):
    result = queries.indicator_history(store, COVER.id)
    rows = [(r.year, r.level, r.value, r.comparator, r.unit) for r in result.targets]
    assert rows == [(2020, "province", 63, ">=", "%"), (2020, "city", 65, ">=", "%"),
                    (2020, "district", 70, ">=", "%"), (2025, "city", 66, ">=", "%")]
    task_row = result.targets[-1]
    assert task_row.task is not None and task_row.task.id == C_T11.id and task_row.plan.id == CITY.id
    assert task_row.quote == "2025年森林覆盖率达到66%"


def test_indicator_history_for_a_district_keeps_plans_covering_it(store):
    result = queries.indicator_history(store, COVER.id, district=ZHANGGONG.id)
    assert [r.value for r in result.targets] == [70]


def test_indicator_history_for_the_city_includes_districts_below(store):
    result = queries.indicator_history(store, COVER.id, district=CITY_D.id)
    assert sorted(r.value for r in result.targets) == [65, 66, 70]


# ---------------------------------------------------------------------------- districts

def test_district_plans_include_the_districts_below(store):
    result = queries.district_plans(store, CITY_D.id)
    assert {b.district.id for b in result.below} == {ZHANGGONG.id, NANKANG.id, NANKANG_OLD.id}
    relation = {(p.plan.id, p.district.id): p.relation for p in result.plans}
    assert relation[(CITY.id, CITY_D.id)] == "covers"
    assert relation[(DISTRICT_A.id, ZHANGGONG.id)] == "covers"
    assert relation[(DISTRICT_B.id, NANKANG.id)] == "jurisdiction"
    assert relation[(DISTRICT_A.id, NANKANG.id)] == "mentions"


def test_district_plans_of_a_renamed_district_reach_the_old_name(store):
    result = queries.district_plans(store, NANKANG.id)
    old = [b for b in result.below if b.district.id == NANKANG_OLD.id]
    assert old and old[0].relation == "supersedes"
    assert old[0].edge.evidence[0].quote == "撤销县级南康市,设立南康区"


# ---------------------------------------------------------------------------- search, graph

def test_search_finds_a_task_by_its_text(store):
    hits = queries.search(store, "蓝天保卫战").hits
    assert hits and hits[0].node.id == C_T12.id


def test_search_traditional_finds_simplified(store):
    ids = {h.node.id for h in queries.search(store, "森林質量提升").hits}
    assert C_T11.id in ids


def test_neighbourhood_of_a_task_reaches_owners_and_plan(store):
    result = queries.neighbourhood(store, C_T12.id, depth=1)
    assert {n.node.id for n in result.nodes} == {C_T12.id, C_T1.id, ECO.id, FOREST.id}
    assert result.more == 0
    assert all(e.evidence for e in result.edges)


def test_neighbourhood_cap_counts_what_is_left_out(store):
    full = queries.neighbourhood(store, CITY.id, depth=2)
    capped = queries.neighbourhood(store, CITY.id, depth=2, limit=3)
    assert len(capped.nodes) == 3
    assert capped.more == len(full.nodes) - 3


def test_neighbourhood_filters_edge_types(store):
    result = queries.neighbourhood(store, CITY.id, depth=3, types=["IMPLEMENTS"])
    assert {n.node.label for n in result.nodes} == {"Plan"}
    assert {e.type for e in result.edges} == {"IMPLEMENTS"}


def test_path_from_an_agency_to_the_province_plan(store):
    result = queries.path(store, FOREST.id, PROVINCE.id)
    assert result.nodes[0].id == FOREST.id and result.nodes[-1].id == PROVINCE.id
    # 林业局 leads the forest task, which sets the forest-cover target the province also sets
    assert [n.id for n in result.nodes] == [FOREST.id, C_T11.id, COVER.id, PROVINCE.id]
    assert [e.type for e in result.edges] == ["RESPONSIBLE_FOR", "SETS_TARGET", "SETS_TARGET"]
    assert all(e.evidence for e in result.edges)


def test_path_too_long_is_empty(store):
    assert queries.path(store, FOREST.id, PROVINCE.id, max_length=2).nodes == ()


def test_node_detail_lists_edges_with_neighbours(store):
    detail = queries.node_detail(store, C_T12.id)
    assert detail.total == 3
    assert set(detail.neighbours) == {C_T1.id, ECO.id, FOREST.id}
    assert detail.properties["number"] == "一.(二)"


def test_overview_lists_the_documents_and_their_plans(store):
    ov = queries.overview(store)
    assert [d.source_file for d in ov.documents] == ["c.txt", "d1.txt", "d2.txt", "p.txt"]
    assert {p.id for p in ov.plans} == {PROVINCE.id, CITY.id, DISTRICT_A.id, DISTRICT_B.id}
    assert ov.counts["Plan"] == 4


# ---------------------------------------------------------------------------- errors

@pytest.mark.parametrize("call", [
    lambda st: queries.lineage(st, "plan:0000000000000000"),
    lambda st: queries.task_owners(st, "task:0000000000000000"),
    lambda st: queries.node_detail(st, "agency:0000000000000000"),
    lambda st: queries.indicator_history(st, COVER.id, district="district:0000000000000000"),
], ids=["lineage", "task_owners", "node_detail", "indicator_district"])
def test_unknown_ids_are_not_found(store, call):
    with pytest.raises(NotFound):
        call(store)


@pytest.mark.parametrize("call, words", [
    (lambda st: queries.lineage(st, CITY.id, direction="sideways"), "direction must be one of up, down, both"),
    (lambda st: queries.lineage(st, CITY.id, depth=0), "depth must be a whole number from 1"),
    (lambda st: queries.lineage(st, CITY.id, depth=99), "depth must be a whole number from 1"),
    (lambda st: queries.lineage(st, C_T1.id), "is a Task id; this query needs a Plan id"),
    (lambda st: queries.agency_tasks(st, ECO.id, role="boss"), "role must be one of lead, support, any"),
    (lambda st: queries.search(st, "   "), "search text is empty"),
    (lambda st: queries.neighbourhood(st, CITY.id, types=["FRIENDS"]), "unknown edge type 'FRIENDS'"),
    (lambda st: queries.plan_outline(st, CITY.id, limit=100000), "limit must be a whole number from 1 to 500"),
], ids=["direction", "depth0", "depth99", "label", "role", "empty_search", "edge_type", "limit"])
def test_bad_arguments_raise_query_error_saying_what_is_allowed(store, call, words):
    with pytest.raises(QueryError) as info:
        call(store)
    assert not isinstance(info.value, NotFound)
    assert words in str(info.value)


def test_store_of_unknown_kind_is_refused():
    class Odd:
        kind = "paper"

        def node(self, node_id):
            return CITY

    with pytest.raises(QueryError, match="no query definitions for a store of kind 'paper'"):
        queries.lineage(Odd(), CITY.id)


def test_edge_detail_names_both_ends_and_the_evidence(store):
    edge_id = queries.task_owners(store, C_T11.id).owners[0].edge.id
    detail = queries.edge_detail(store, edge_id)
    assert (detail.source.id, detail.target.id) == (FOREST.id, C_T11.id)
    assert detail.edge.evidence[0].quote == "责任单位:市林业局"
    with pytest.raises(NotFound):
        queries.edge_detail(store, "edge:00000000000000000000")


def test_plan_targets_include_those_set_by_its_tasks(store):
    result = queries.plan_targets(store, CITY.id)
    assert [(r.year, r.value, r.task.id if r.task else None) for r in result.targets] == [
        (2020, 65, None), (2025, 66, C_T11.id)]
    assert {i.name for i in result.indicators.values()} == {"森林覆盖率"}


def test_indicator_history_pages_and_counts(store):
    page = queries.indicator_history(store, COVER.id, limit=2, offset=2)
    assert page.total == 4 and [r.value for r in page.targets] == [70, 66]


def test_queries_import_no_web_or_ingest_code():
    import ast

    root = Path(__file__).resolve().parent.parent / "queries"
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(("fastapi", "starlette", "policygraph.api", "policygraph.ingest")), \
                    f"{path.name} imports {name}"
