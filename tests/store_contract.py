"""The store contract: what every GraphStore (embedded now, Neo4j later) must do alike.

`store` is a fixture parametrised over `STORE_KINDS`; a store kind that cannot run here (no
Neo4j server) should skip with its reason inside `make_store`. Test modules collect the
contract with `from store_contract import *` (tests/test_embedded_store.py does). The batch
builders below are small hand-written documents in the genre, shared with the crash test.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from policygraph.graph.export import export_dict
from policygraph.graph.model import (
    Agency,
    District,
    Edge,
    EdgeType,
    Evidence,
    GraphBatch,
    Indicator,
    Label,
    Node,
    Plan,
    Task,
    node_id,
)
from policygraph.graph.store import GraphStore

__all__ = [
    "STORE_KINDS",
    "make_store",
    "neo4j_test_uri",
    "store",
    "reopen",
    "plan_batch",
    "mention_batch",
    "bulk_batch",
    "RENAMES_FILE",
    "test_every_node_type_and_edge_props_round_trip",
    "test_writing_the_same_batch_twice_changes_nothing",
    "test_reingest_without_a_mention_keeps_what_other_documents_said",
    "test_delete_document_forgets_only_that_document",
    "test_delete_unknown_document_is_false",
    "test_node_view_does_not_depend_on_ingest_order",
    "test_edge_properties_do_not_depend_on_ingest_order",
    "test_bundled_data_evidence_belongs_to_the_document_that_used_it",
    "test_edges_filter_by_source_target_and_type",
    "test_counts_name_every_label_and_edge_type",
    "test_documents_record_what_was_read",
    "test_unknown_node_is_none",
    "test_hostile_names_are_stored_as_plain_text",
    "test_store_survives_reopening",
]

STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
RENAMES_FILE = "policygraph:data/agency_renames.csv"

_NEO4J: dict[str, object] = {}  # the one test server of this process (see neo4j_test_uri)


def neo4j_test_uri() -> str:
    """Bolt URI of the real Neo4j server the tests share: $POLICYGRAPH_NEO4J_TEST_URI, else one
    started once per process from tests/neo4j_server (stopped at exit). Its URI is put in
    $POLICYGRAPH_NEO4J_TEST_URI, so the `neo4j_uri` fixture of conftest.py reuses it. In CI a
    server that cannot start fails the test; elsewhere the test skips with the reason."""
    import atexit
    import os

    given = os.environ.get("POLICYGRAPH_NEO4J_TEST_URI")
    if given:
        return given
    if "error" in _NEO4J:
        _neo4j_missing(str(_NEO4J["error"]))
    from neo4j_server.server import ServerUnavailable, start

    try:
        server = start()
    except ServerUnavailable as exc:
        _NEO4J["error"] = exc
        _neo4j_missing(str(exc))
    _NEO4J["server"] = server
    atexit.register(server.stop)
    os.environ["POLICYGRAPH_NEO4J_TEST_URI"] = server.uri
    return server.uri


def _neo4j_missing(reason: str) -> None:
    import os

    if os.environ.get("CI"):
        pytest.fail(f"Neo4j test server could not start in CI: {reason}")
    pytest.skip(f"no Neo4j server: {reason}")


def make_store(kind: str, where: Path) -> GraphStore:
    """A fresh, empty store of `kind` (for a server store: skip here when none can start).
    Neo4j Community has one user database, so a fresh Neo4j store is the shared one emptied."""
    if kind == "embedded":
        from policygraph.graph.embedded import EmbeddedStore

        return EmbeddedStore(where / "store")
    if kind == "neo4j":
        from policygraph.graph.neo4j_store import Neo4jStore

        st = Neo4jStore.from_uri(neo4j_test_uri(), user="", password="")
        st.clear()
        return st
    raise AssertionError(f"unknown store kind {kind!r}")


def reopen(store: GraphStore, where: Path) -> GraphStore:
    """The same store, opened again (a new connection)."""
    store.close()
    if store.kind == "embedded":
        from policygraph.graph.embedded import EmbeddedStore

        return EmbeddedStore(where / "store")
    if store.kind == "neo4j":
        from policygraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_uri(store.uri, user="", password="")
    raise AssertionError(f"cannot reopen a {store.kind} store")


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    st = make_store(request.param, tmp_path)
    yield st
    st.close()


# ---------------------------------------------------------------------------- batches

def _ev(file: str, text: str, part: str, nth: int = 0) -> Evidence:
    at = -1
    for _ in range(nth + 1):
        at = text.index(part, at + 1)
    return Evidence.of(file, text, at, at + len(part))


def plan_batch(file: str, title: str, agencies: Sequence[str] = (), *, district: str | None = None,
               target: tuple[str, float | int] | None = None) -> GraphBatch:
    """A short 实施方案 named `file`: its plan, one task, the agencies responsible for it (first
    one leads), a district it covers and a target it sets, each edge with its sentence."""
    lines = [f"{title}", "一、主要任务", "(一)推进生态环境保护。"]
    if agencies:
        lines.append(f"(责任单位:{'、'.join(agencies)})")
    if district:
        lines.append(f"在{district}开展试点。")
    if target:
        lines.append(f"到2020年,{target[0]}达到{target[1]}%以上。")
    text = "\n".join(lines)
    plan = Plan(id=node_id(Label.PLAN, title), name=title, source_file=file, level="city",
                kind="实施方案", date="2018-06", period_start=2018, period_end=2020)
    tstart = text.index("(一)")
    tend = text.index("\n", tstart)
    task = Task(id=node_id(Label.TASK, file, "一.(一)"), name="推进生态环境保护", number="一.(一)",
                text=text[tstart:tend], plan_id=plan.id, source_file=file, start=tstart, end=tend)
    nodes: list[Node] = [plan, task]
    edges = [Edge.make(task.id, plan.id, EdgeType.PART_OF, _ev(file, text, text[tstart:tend]))]
    for i, name in enumerate(agencies):
        ag = Agency(id=node_id(Label.AGENCY, name), name=name, level="city")
        nodes.append(ag)
        edges.append(Edge.make(ag.id, task.id, EdgeType.RESPONSIBLE_FOR, _ev(file, text, name),
                               role="lead" if i == 0 else "support"))
    if district:
        d = District(id=node_id(Label.DISTRICT, district), name=district, level="district")
        nodes.append(d)
        edges.append(Edge.make(plan.id, d.id, EdgeType.COVERS, _ev(file, text, district)))
    if target:
        ind = Indicator(id=node_id(Label.INDICATOR, target[0]), name=target[0], unit="%")
        nodes.append(ind)
        sentence = text[text.index("到2020年"):]
        edges.append(Edge.make(plan.id, ind.id, EdgeType.SETS_TARGET, _ev(file, text, sentence),
                               value=target[1], unit="%", comparator=">=", year=2020,
                               indicator_text=target[0]))
    return GraphBatch(file, tuple(nodes), tuple(edges), encoding="utf-8", format="txt",
                      sha256=f"sha-{file}", chars=len(text))


def mention_batch(file: str, title: str, mentioned: Sequence[str]) -> GraphBatch:
    """A one-paragraph 通知 whose plan MENTIONS each agency in `mentioned`."""
    text = f"{title}\n请{'、'.join(mentioned)}按照要求抓好落实。" if mentioned else f"{title}\n请各单位抓好落实。"
    plan = Plan(id=node_id(Label.PLAN, title), name=title, source_file=file, kind="通知")
    nodes: list[Node] = [plan]
    edges = []
    for name in mentioned:
        ag = Agency(id=node_id(Label.AGENCY, name), name=name)
        nodes.append(ag)
        edges.append(Edge.make(plan.id, ag.id, EdgeType.MENTIONS, _ev(file, text, name)))
    return GraphBatch(file, tuple(nodes), tuple(edges), encoding="utf-8", format="txt", chars=len(text))


def bulk_batch(file: str, n: int) -> GraphBatch:
    """A document with `n` tasks, each PART_OF its plan (for crash and size tests)."""
    lines = [f"示范区第{file}号工作方案"]
    for i in range(n):
        lines.append(f"{i + 1}.推进第{i + 1}项重点工作,确保按期完成。")
    text = "\n".join(lines)
    plan = Plan(id=node_id(Label.PLAN, lines[0]), name=lines[0], source_file=file)
    nodes: list[Node] = [plan]
    edges = []
    at = len(lines[0]) + 1
    for i, line in enumerate(lines[1:]):
        task = Task(id=node_id(Label.TASK, file, str(i + 1)), name=line[:-1], number=str(i + 1),
                    text=line, plan_id=plan.id, source_file=file, start=at, end=at + len(line))
        nodes.append(task)
        edges.append(Edge.make(task.id, plan.id, EdgeType.PART_OF, Evidence.of(file, text, at, at + len(line))))
        at += len(line) + 1
    return GraphBatch(file, tuple(nodes), tuple(edges), encoding="utf-8", format="txt", chars=len(text))


def _all_types_batch() -> GraphBatch:
    file = "all_types.txt"
    text = ("湖南省长株潭两型社会建设实施方案(湘政发〔2010〕3号)。株洲县更名为渌口区。"
            "原市环保局职责划入株洲市生态环境局。到2020年森林覆盖率达到62.5%。")
    plan = Plan(id=node_id(Label.PLAN, "湘政发〔2010〕3号"), name="湖南省长株潭两型社会建设实施方案",
                aliases=("两型方案",), doc_number="湘政发〔2010〕3号", date="2010-03-01", level="province",
                jurisdiction="湖南省", period_start=2010, period_end=2020, kind="实施方案", source_file=file)
    old = Plan(id=node_id(Label.PLAN, "湘政发〔2008〕1号"), name="旧方案", doc_number="湘政发〔2008〕1号")
    task = Task(id=node_id(Label.TASK, file, "一"), name="生态建设", aliases=("生态工程",), number="一",
                text="到2020年森林覆盖率达到62.5%。", plan_id=plan.id, source_file=file, start=10, end=20)
    sub = Task(id=node_id(Label.TASK, file, "一.1"), name="植树造林", number="一.1", text="植树造林",
               plan_id=plan.id, source_file=file)
    gov = Agency(id=node_id(Label.AGENCY, "湖南省人民政府"), name="湖南省人民政府", level="province",
                 jurisdiction="湖南省")
    old_ag = Agency(id=node_id(Label.AGENCY, "株洲市环境保护局"), name="株洲市环境保护局", aliases=("市环保局",))
    new_ag = Agency(id=node_id(Label.AGENCY, "株洲市生态环境局"), name="株洲市生态环境局", level="city",
                    jurisdiction="株洲市")
    many = Agency(id=node_id(Label.AGENCY, "各县市区人民政府"), name="各县市区人民政府", collective=True)
    county = District(id=node_id(Label.DISTRICT, "株洲县"), name="株洲县", level="county", parent="株洲市",
                      code="430221")
    lukou = District(id=node_id(Label.DISTRICT, "渌口区"), name="渌口区", level="district", parent="株洲市",
                     code="430212")
    city = District(id=node_id(Label.DISTRICT, "株洲市"), name="株洲市", level="city", parent="湖南省")
    forest = Indicator(id=node_id(Label.INDICATOR, "森林覆盖率"), name="森林覆盖率", aliases=("森林覆蓋率",),
                       unit="%")
    e = lambda part: _ev(file, text, part)  # noqa: E731
    data_row = Evidence(RENAMES_FILE, 120, 133, "市环保局,株洲市生态环境局")
    edges = (
        Edge.make(task.id, plan.id, "PART_OF", e("湖南省")),
        Edge.make(sub.id, task.id, "PART_OF", e("长株潭")),
        Edge.make(lukou.id, city.id, "PART_OF", e("渌口区")),
        Edge.make(plan.id, old.id, "IMPLEMENTS", e("两型社会")),
        Edge.make(plan.id, old.id, "REFERENCES", e("实施方案")),
        Edge.make(lukou.id, county.id, "SUPERSEDES", e("更名为"), year=2018),
        Edge.make(new_ag.id, old_ag.id, "SUPERSEDES", [e("职责划入"), data_row], year=2019),
        Edge.make(plan.id, gov.id, "ISSUED_BY", e("湘政发〔2010〕3号")),
        Edge.make(new_ag.id, task.id, "RESPONSIBLE_FOR", e("株洲市生态环境局"), role="lead"),
        Edge.make(many.id, task.id, "RESPONSIBLE_FOR", e("株洲县"), role="support"),
        Edge.make(plan.id, forest.id, "SETS_TARGET", e("森林覆盖率达到62.5%"), value=62.5, unit="%",
                  comparator=">=", year=2020, baseline_year=2015, indicator_text="森林覆盖率"),
        Edge.make(task.id, forest.id, "SETS_TARGET", e("62.5%"), value=62.5, unit="%", comparator="~"),
        Edge.make(task.id, old_ag.id, "MENTIONS", e("市环保局")),
        Edge.make(plan.id, lukou.id, "COVERS", e("渌口区")),
    )
    nodes = (plan, old, task, sub, gov, old_ag, new_ag, many, county, lukou, city, forest)
    return GraphBatch(file, nodes, edges, encoding="gb18030", format="txt", sha256="abc", chars=len(text))


def _edge_dicts(store: GraphStore, **where) -> list[dict]:
    return sorted((e.to_dict() for e in store.edges(**where)), key=lambda d: d["id"])


# ---------------------------------------------------------------------------- the contract

def test_every_node_type_and_edge_props_round_trip(store: GraphStore) -> None:
    batch = _all_types_batch()
    report = store.write(batch)
    assert (report.nodes, report.edges, report.replaced) == (len(batch.nodes), len(batch.edges), False)
    assert {n.label for n in batch.nodes} == set(Label)
    assert {e.type for e in batch.edges} == set(EdgeType)
    for n in batch.nodes:
        assert store.node(n.id) == n
    stored = {e.id: e for e in store.edges()}
    assert set(stored) == {e.id for e in batch.edges}
    for e in batch.edges:
        got = stored[e.id]
        assert got.properties == e.properties
        assert sorted(got.evidence, key=lambda v: (v.file, v.start)) == sorted(e.evidence, key=lambda v: (v.file, v.start))
    target = next(e for e in store.edges(type=EdgeType.SETS_TARGET) if e.get("comparator") == ">=")
    assert isinstance(target.get("value"), float) and isinstance(target.get("year"), int)
    assert store.node(node_id(Label.AGENCY, "各县市区人民政府")).collective is True


def test_writing_the_same_batch_twice_changes_nothing(store: GraphStore) -> None:
    a = plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局", "株洲市林业局"], district="石峰区",
                   target=("森林覆盖率", 62))
    store.write(a)
    first = export_dict(store)
    counts = store.counts()
    report = store.write(a)
    assert report.replaced is True
    assert export_dict(store) == first
    assert store.counts() == counts


def test_reingest_without_a_mention_keeps_what_other_documents_said(store: GraphStore) -> None:
    x = node_id(Label.AGENCY, "株洲市发展和改革委员会")
    store.write(mention_batch("a.txt", "关于做好节能工作的通知", ["株洲市发展和改革委员会", "株洲市财政局"]))
    store.write(mention_batch("b.txt", "关于推进两型建设的通知", ["株洲市发展和改革委员会"]))
    [edge_b] = [e for e in store.edges(target=x) if e.evidence[0].file == "b.txt"]
    assert len(list(store.edges(target=x))) == 2

    store.write(mention_batch("a.txt", "关于做好节能工作的通知", ["株洲市财政局"]))
    assert store.node(x) is not None
    assert [e.to_dict() for e in store.edges(target=x)] == [edge_b.to_dict()]
    assert {ev.file for e in store.edges() for ev in e.evidence if x in (e.source, e.target)} == {"b.txt"}

    assert store.delete_document("b.txt") is True
    assert store.node(x) is None
    assert list(store.edges(target=x)) == []
    assert store.node(node_id(Label.AGENCY, "株洲市财政局")) is not None


def test_delete_document_forgets_only_that_document(store: GraphStore) -> None:
    a = plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局"], target=("森林覆盖率", 62))
    b = plan_batch("b.txt", "石峰区两型建设实施方案", ["株洲市生态环境局"], target=("森林覆盖率", 60))
    store.write(b)
    only_b = export_dict(store)
    store.write(a)
    assert store.counts()["documents"] == 2
    assert store.delete_document("a.txt") is True
    assert export_dict(store) == only_b
    assert [d.source_file for d in store.documents()] == ["b.txt"]


def test_delete_unknown_document_is_false(store: GraphStore) -> None:
    store.write(mention_batch("a.txt", "关于做好节能工作的通知", ["株洲市财政局"]))
    before = export_dict(store)
    assert store.delete_document("nope.txt") is False
    assert export_dict(store) == before


def test_node_view_does_not_depend_on_ingest_order(store: GraphStore, tmp_path: Path) -> None:
    # the same agency written Traditional in one document and Simplified in the other
    a = mention_batch("a.txt", "关于做好节能工作的通知", ["株洲市生態環境局"])
    b = mention_batch("b.txt", "关于推进两型建设的通知", ["株洲市生态环境局"])
    store.write(a)
    store.write(b)
    ab = export_dict(store)
    other = make_store(store.kind, tmp_path / "other")
    try:
        other.write(b)
        other.write(a)
        assert export_dict(other) == ab
    finally:
        other.close()
    agency = store.node(node_id(Label.AGENCY, "株洲市生态环境局"))
    assert {agency.name, *agency.aliases} == {"株洲市生態環境局", "株洲市生态环境局"}


def test_edge_properties_do_not_depend_on_ingest_order(store: GraphStore, tmp_path: Path) -> None:
    # two documents state the same rename with different years: the first document (by name) wins
    def rename(file: str, year: int | None) -> GraphBatch:
        text = "株洲县更名为渌口区。"
        old = District(id=node_id(Label.DISTRICT, "株洲县"), name="株洲县")
        new = District(id=node_id(Label.DISTRICT, "渌口区"), name="渌口区")
        props = (("year", year),) if year else ()
        return GraphBatch(file, (old, new), (Edge(new.id, old.id, EdgeType.SUPERSEDES,
                                                  (Evidence.of(file, text, 3, 6),), props),))

    batches = [rename("a.txt", None), rename("b.txt", 2018), rename("c.txt", 2019)]
    for b in (batches[2], batches[1], batches[0]):
        store.write(b)
    [edge] = list(store.edges(type=EdgeType.SUPERSEDES))
    assert edge.get("year") == 2018
    other = make_store(store.kind, tmp_path / "other")
    try:
        for b in batches:
            other.write(b)
        assert export_dict(other) == export_dict(store)
        other.delete_document("b.txt")
        [edge] = list(other.edges(type=EdgeType.SUPERSEDES))
        assert edge.get("year") == 2019
    finally:
        other.close()


def test_bundled_data_evidence_belongs_to_the_document_that_used_it(store: GraphStore) -> None:
    batch = _all_types_batch()
    store.write(batch)
    rename = next(e for e in batch.edges if any(v.file == RENAMES_FILE for v in e.evidence))
    text = "市环保局更名为株洲市生态环境局。"
    other = GraphBatch("other.txt", tuple(store.node(i) for i in (rename.source, rename.target)),
                       (Edge.make(rename.source, rename.target, "SUPERSEDES",
                                  [Evidence.of("other.txt", text, 0, 4),
                                   next(v for v in rename.evidence if v.file == RENAMES_FILE)]),))
    store.write(other)
    store.delete_document(batch.source_file)
    [kept] = list(store.edges(source=rename.source, type=EdgeType.SUPERSEDES))
    assert sorted(v.file for v in kept.evidence) == ["other.txt", RENAMES_FILE]
    store.delete_document("other.txt")
    assert list(store.edges(source=rename.source)) == []


def test_edges_filter_by_source_target_and_type(store: GraphStore) -> None:
    batch = _all_types_batch()
    store.write(batch)
    plan = next(n for n in batch.nodes if isinstance(n, Plan) and n.source_file)
    for where in ({"source": plan.id}, {"target": plan.id}, {"type": EdgeType.SETS_TARGET},
                  {"type": "RESPONSIBLE_FOR"}, {"source": plan.id, "type": EdgeType.COVERS}):
        want = sorted(e.id for e in batch.edges
                      if all(str(getattr(e, k)) == str(v) for k, v in where.items()))
        assert want and sorted(e.id for e in store.edges(**where)) == want, where


def test_counts_name_every_label_and_edge_type(store: GraphStore) -> None:
    assert store.counts() == {**{l.value: 0 for l in Label}, **{t.value: 0 for t in EdgeType}, "documents": 0}
    batch = _all_types_batch()
    store.write(batch)
    counts = store.counts()
    for label in Label:
        assert counts[label.value] == batch.count(label)
    for t in EdgeType:
        assert counts[t.value] == batch.count_edges(t)
    assert counts["documents"] == 1


def test_documents_record_what_was_read(store: GraphStore) -> None:
    store.write(_all_types_batch())
    [doc] = store.documents()
    assert (doc.source_file, doc.sha256, doc.encoding, doc.format) == ("all_types.txt", "abc", "gb18030", "txt")
    assert doc.chars > 0 and doc.ingested_at[:2] == "20"


def test_unknown_node_is_none(store: GraphStore) -> None:
    assert store.node(node_id(Label.AGENCY, "没有这个单位")) is None


@pytest.mark.parametrize("name", [
    "x'); DROP TABLE edges; --",
    '"phrase" OR NEAR(',
    "Robert'); DELETE FROM nodes WHERE ('1'='1",
    "100% _完成_ \\ 任务",
    "{}[]$param `cmd`",
])
def test_hostile_names_are_stored_as_plain_text(store: GraphStore, name: str) -> None:
    batch = mention_batch("a.txt", name, [name + "局"])
    store.write(batch)
    store.write(plan_batch("b.txt", "石峰区两型建设实施方案", ["株洲市生态环境局"]))
    for n in batch.nodes:
        assert store.node(n.id).name == n.name
    [edge] = list(store.edges(source=batch.nodes[0].id))
    assert edge.evidence[0].quote == name + "局"
    assert store.counts()["documents"] == 2


def test_store_survives_reopening(store: GraphStore, tmp_path: Path) -> None:
    store.write(_all_types_batch())
    before = export_dict(store)
    again = reopen(store, tmp_path)
    try:
        assert export_dict(again) == before
    finally:
        again.close()
