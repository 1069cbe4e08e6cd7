"""The embedded store: the store contract, plus what only SQLite + networkx do (search, the
cached traversal graph, schema checks, refusing what is not a store)."""
from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import networkx as nx
import pytest

from store_contract import *  # noqa: F401,F403  (collects the contract suite for every store kind)
from store_contract import mention_batch, plan_batch

from policygraph.graph import embedded
from policygraph.graph.embedded import APPLICATION_ID, STORE_FILE, EmbeddedStore
from policygraph.graph.errors import SchemaMismatch, StoreError
from policygraph.graph.export import export_dict
from policygraph.graph.model import SCHEMA_VERSION, Label, node_id


@pytest.fixture
def es(tmp_path: Path):
    st = EmbeddedStore(tmp_path / "store")
    yield st
    st.close()


def _ids(hits) -> list[str]:
    return [h[0] for h in hits]


# ---------------------------------------------------------------------------- the file

def test_store_file_is_wal_with_full_sync_and_schema_version(es: EmbeddedStore) -> None:
    con = es._con
    assert (es.directory / STORE_FILE).is_file()
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_store_directory_is_created(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "a" / "b" / "c") as st:
        assert st.counts()["documents"] == 0
    assert (tmp_path / "a" / "b" / "c" / STORE_FILE).is_file()


def _stamp_version(directory: Path, version: int) -> None:
    con = sqlite3.connect(directory / STORE_FILE)
    con.execute(f"PRAGMA user_version={version:d}")
    con.commit()
    con.close()


@pytest.mark.parametrize("delta, advice", [(+1, "upgrade PolicyGraph"), (-1, "re-ingest the documents into a fresh")])
def test_store_of_another_schema_version_says_what_to_do(tmp_path: Path, delta: int, advice: str) -> None:
    EmbeddedStore(tmp_path / "s").close()
    _stamp_version(tmp_path / "s", SCHEMA_VERSION + delta)
    with pytest.raises(SchemaMismatch) as info:
        EmbeddedStore(tmp_path / "s")
    msg = str(info.value)
    assert advice in msg and str(tmp_path / "s" / STORE_FILE) in msg
    assert f"store schema {SCHEMA_VERSION + delta}" in msg


def test_a_store_whose_tables_drifted_within_a_version_is_refused(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "s").close()
    con = sqlite3.connect(tmp_path / "s" / STORE_FILE)
    con.execute("ALTER TABLE documents ADD COLUMN reviewer TEXT")
    con.commit()
    con.close()
    with pytest.raises(SchemaMismatch, match="re-ingest the documents into a fresh"):
        EmbeddedStore(tmp_path / "s")


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / STORE_FILE).write_bytes(b"this is a text file, not SQLite " * 100)
    with pytest.raises(StoreError, match="not a PolicyGraph store") as info:
        EmbeddedStore(tmp_path / "s")
    assert str(tmp_path / "s" / STORE_FILE) in str(info.value)


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    con = sqlite3.connect(tmp_path / "s" / STORE_FILE)
    con.execute("CREATE TABLE customers(id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a PolicyGraph store"):
        EmbeddedStore(tmp_path / "s")
    con = sqlite3.connect(tmp_path / "s" / STORE_FILE)
    assert con.execute("SELECT name FROM sqlite_schema").fetchall() == [("customers",)]
    con.close()


def test_a_file_where_the_directory_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s").write_text("x")
    with pytest.raises(StoreError, match="not a store directory|is not a directory") as info:
        EmbeddedStore(tmp_path / "s")
    assert str(tmp_path / "s") in str(info.value)
    with pytest.raises(StoreError, match="cannot create the store directory"):
        EmbeddedStore(tmp_path / "s" / "below")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_a_directory_that_is_not_writable_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable") as info:
            EmbeddedStore(d)
        assert str(d) in str(info.value)
    finally:
        d.chmod(0o700)


def test_a_directory_reported_not_writable_is_refused(tmp_path: Path, monkeypatch) -> None:
    # the same check as above, for machines where the tests run as root
    monkeypatch.setattr(embedded.os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match="not writable") as info:
        EmbeddedStore(tmp_path / "ro")
    assert str(tmp_path / "ro") in str(info.value)


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    st = EmbeddedStore(tmp_path / "s")
    st.close()
    st.close()
    with pytest.raises(StoreError, match="closed"):
        st.counts()


def test_a_failed_write_leaves_the_store_as_it_was(es: EmbeddedStore, monkeypatch) -> None:
    es.write(plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局"]))
    before = export_dict(es)

    def boom(stage: str) -> None:
        if stage == "before_commit":
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(embedded, "_WRITE_HOOK", boom)
    with pytest.raises(RuntimeError):
        es.write(plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市林业局"]))
    with pytest.raises(RuntimeError):
        es.write(plan_batch("b.txt", "石峰区两型建设实施方案", ["株洲市林业局"]))
    assert export_dict(es) == before
    assert [d.source_file for d in es.documents()] == ["a.txt"]
    assert es.search("林业局") == []


def test_a_reader_sees_the_store_before_or_after_a_document_never_half(es: EmbeddedStore, monkeypatch) -> None:
    es.write(plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局"]))
    before = export_dict(es)
    inside, release = threading.Event(), threading.Event()

    def pause(stage: str) -> None:
        if stage == "before_commit":
            inside.set()
            release.wait(30)

    monkeypatch.setattr(embedded, "_WRITE_HOOK", pause)
    writer = threading.Thread(target=es.write, args=(plan_batch("b.txt", "石峰区两型建设实施方案", ["株洲市林业局"]),))
    writer.start()
    try:
        assert inside.wait(30)
        with EmbeddedStore(es.directory) as reader:  # another connection, as the API would hold
            assert export_dict(reader) == before
            g = reader.graph()
            assert node_id(Label.AGENCY, "株洲市林业局") not in g
            release.set()
            writer.join(30)
            assert reader.graph() is not g
            assert node_id(Label.AGENCY, "株洲市林业局") in reader.graph()
            assert [d.source_file for d in reader.documents()] == ["a.txt", "b.txt"]
    finally:
        release.set()
        writer.join(30)


def test_two_processes_writing_at_once_both_land(tmp_path: Path) -> None:
    directory = tmp_path / "s"
    EmbeddedStore(directory).close()
    script = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
              "from store_contract import bulk_batch\n"
              "from policygraph.graph.embedded import EmbeddedStore\n"
              "with EmbeddedStore(sys.argv[1]) as st:\n"
              "    for i in range(5):\n"
              "        st.write(bulk_batch(f'{sys.argv[2]}_{i}.txt', 200))\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(directory), name], stderr=subprocess.PIPE, text=True)
             for name in ("p", "q")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with EmbeddedStore(directory) as st:
        assert len(st.documents()) == 10
        assert st.counts()["Task"] == 10 * 200
        assert st._con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("where, index", [
    ({"source": "plan:0"}, "edges_by_source"),
    ({"target": "agency:0"}, "edges_by_target"),
    ({"type": "MENTIONS"}, "edges_by_type"),
    ({"source": "plan:0", "type": "COVERS"}, "edges_by_source"),
])
def test_edge_filters_use_an_index(es: EmbeddedStore, where: dict, index: str) -> None:
    es.write(plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局"], district="石峰区"))
    es._con.execute("ANALYZE")
    sql, params = embedded._edge_query(where.get("source"), where.get("target"), where.get("type"))
    plan = " | ".join(r[3] for r in es._con.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert f"USING INDEX {index}" in plan, plan


# ---------------------------------------------------------------------------- traversal graph

def test_graph_is_cached_until_the_store_changes(es: EmbeddedStore) -> None:
    a = plan_batch("a.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局"], target=("森林覆盖率", 62))
    es.write(a)
    g = es.graph()
    assert es.graph() is g
    assert g.number_of_nodes() == len(a.nodes) and g.number_of_edges() == len(a.edges)
    edge = next(e for e in a.edges if e.type.value == "SETS_TARGET")
    attrs = g.edges[edge.source, edge.target, edge.id]
    assert attrs["type"] == "SETS_TARGET" and attrs["value"] == 62 and attrs["comparator"] == ">="
    assert g.nodes[edge.target] == {"label": "Indicator", "name": "森林覆盖率"}
    with pytest.raises(nx.NetworkXError):  # shared by every caller, so frozen
        g.remove_node(edge.target)

    es.write(mention_batch("b.txt", "关于推进两型建设的通知", ["株洲市财政局"]))
    g2 = es.graph()
    assert g2 is not g and g2.number_of_nodes() == len(a.nodes) + 2
    es.delete_document("b.txt")
    assert es.graph().number_of_nodes() == len(a.nodes)


def test_graph_sees_writes_made_through_another_connection(es: EmbeddedStore) -> None:
    es.write(mention_batch("a.txt", "关于做好节能工作的通知", ["株洲市财政局"]))
    g = es.graph()
    with EmbeddedStore(es.directory) as other:
        other.write(mention_batch("b.txt", "关于推进两型建设的通知", ["株洲市林业局"]))
    g2 = es.graph()
    assert g2 is not g
    assert node_id(Label.AGENCY, "株洲市林业局") in g2


# ---------------------------------------------------------------------------- search

@pytest.fixture
def searchable(es: EmbeddedStore) -> EmbeddedStore:
    es.write(mention_batch("t.txt", "關於加強生態環境保護的實施意見", ["株洲市生態環境局", "株洲市發展和改革委員會"]))
    es.write(plan_batch("s.txt", "石峰区两型建设实施方案", ["株洲市林业局"], target=("森林覆盖率", 62)))
    return es


@pytest.mark.parametrize("query, expected", [
    ("生态环境局", node_id(Label.AGENCY, "株洲市生態環境局")),        # Simplified finds Traditional
    ("生態環境局", node_id(Label.AGENCY, "株洲市生態環境局")),        # Traditional as written
    ("發展和改革", node_id(Label.AGENCY, "株洲市發展和改革委員會")),
    ("森林覆蓋率", node_id(Label.INDICATOR, "森林覆盖率")),           # Traditional finds Simplified
    ("两型建设", node_id(Label.PLAN, "石峰区两型建设实施方案")),
    ("兩型建設", node_id(Label.PLAN, "石峰区两型建设实施方案")),
    ("林业", node_id(Label.AGENCY, "株洲市林业局")),                 # two characters: LIKE fallback
    ("林", node_id(Label.INDICATOR, "森林覆盖率")),                   # one character
])
def test_search_finds_traditional_and_simplified_alike(searchable: EmbeddedStore, query: str, expected: str) -> None:
    assert expected in _ids(searchable.search(query))


def test_search_ranks_a_name_hit_first_and_snippets_keep_original_characters(searchable: EmbeddedStore) -> None:
    hits = searchable.search("生态环境局")
    assert hits[0][0] == node_id(Label.AGENCY, "株洲市生態環境局")
    assert "生態環境局" in hits[0][1]
    assert all(isinstance(score, float) for _, _, score in hits)
    assert [h[2] for h in hits] == sorted((h[2] for h in hits), reverse=True)


def test_search_finds_task_texts_and_evidence_quotes(searchable: EmbeddedStore) -> None:
    task = node_id(Label.TASK, "s.txt", "一.(一)")
    assert task in _ids(searchable.search("推进生态环境保护"))
    # the target sentence is only in an evidence quote: both ends of the edge are found
    hits = _ids(searchable.search("达到62%以上"))
    assert node_id(Label.PLAN, "石峰区两型建设实施方案") in hits
    assert node_id(Label.INDICATOR, "森林覆盖率") in hits


def test_search_forgets_a_deleted_document(searchable: EmbeddedStore) -> None:
    searchable.delete_document("t.txt")
    assert searchable.search("生态环境局") == []
    assert searchable.search("森林覆盖率")


@pytest.mark.parametrize("query", ["", "   ", "不存在的单位名称", "局局局局"])
def test_search_without_match_is_empty(searchable: EmbeddedStore, query: str) -> None:
    assert searchable.search(query) == []


def test_search_limit(searchable: EmbeddedStore) -> None:
    assert len(searchable.search("株洲市", limit=2)) == 2
    assert searchable.search("株洲市", limit=0) == []


@pytest.mark.parametrize("name", [
    "x'); DROP TABLE edges; --",
    '"phrase" OR NEAR(',
    'NEAR("a" "b", 2) AND c*',
    "100%_完成",
    "a\\b%",
])
def test_hostile_search_text_is_plain_text(es: EmbeddedStore, name: str) -> None:
    es.write(mention_batch("h.txt", "关于做好节能工作的通知", [name]))
    es.write(mention_batch("o.txt", "关于推进两型建设的通知", ["株洲市财政局", "a_b%c"]))
    agency = node_id(Label.AGENCY, name)
    for query in (name, name[:2], name[-3:]):
        assert agency in _ids(es.search(query)), query
    assert es.search("%") == [] or all("%" in h[1] for h in es.search("%"))
    assert es.search("_") == [] or all("_" in h[1] for h in es.search("_"))
    assert es.counts()["MENTIONS"] == 3
    tables = {r[0] for r in es._con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert {"edges", "nodes", "evidence", "documents"} <= tables


# ---------------------------------------------------------------------------- any text

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from policygraph.graph.model import Agency, Edge, EdgeType, Evidence, GraphBatch, Plan  # noqa: E402
from policygraph.graph.embedded import fold  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=60).filter(lambda t: t.strip()))
def test_any_text_round_trips_through_a_name_and_a_quote(es: EmbeddedStore, text: str) -> None:
    plan = Plan(id=node_id(Label.PLAN, "通知"), name="通知", source_file="h.txt")
    agency = Agency(id="agency:0123456789abcdef", name=text, aliases=(text + "x",))
    edge = Edge.make(plan.id, agency.id, EdgeType.MENTIONS, Evidence("h.txt", 3, 3 + len(text), text))
    es.write(GraphBatch("h.txt", (plan, agency), (edge,)))
    assert es.node(agency.id) == agency
    [got] = list(es.edges(target=agency.id))
    assert got.evidence == (Evidence("h.txt", 3, 3 + len(text), text),)
    assert es.evidence_for(edge.id) == [Evidence("h.txt", 3, 3 + len(text), text)]
    if fold(text.strip()):
        assert agency.id in _ids(es.search(text))


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=_HAN, min_size=1, max_size=30), data=st.data())
def test_any_part_of_a_chinese_name_finds_it(es: EmbeddedStore, text: str, data) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    plan = Plan(id=node_id(Label.PLAN, "通知"), name="通知", source_file="h.txt")
    agency = Agency(id="agency:0123456789abcdef", name=text)
    edge = Edge.make(plan.id, agency.id, EdgeType.MENTIONS, Evidence("h.txt", 3, 3 + len(text), text))
    es.write(GraphBatch("h.txt", (plan, agency), (edge,)))
    assert agency.id in _ids(es.search(text[i:j]))


# ---------------------------------------------------------------------------- merge rule under churn

_FILES = ["a.txt", "b.txt", "c.txt", "d.txt"]
_AGENCIES = {"株洲市生态环境局": ["株洲市生态环境局", "株洲市生態環境局", "株洲市 生态环境局"],
             "株洲市林业局": ["株洲市林业局", "株洲市林業局"],
             "石峰区人民政府": ["石峰区人民政府", "石峰區人民政府"]}


@st.composite
def _documents(draw, file: str):
    """A 通知 named `file`: its own plan, perhaps a citation of another file's plan, some agencies."""
    title = f"{file}方案"
    text = "x" * 50
    plan = Plan(id=node_id(Label.PLAN, title), name=title, source_file=file,
                level=draw(st.sampled_from([None, "city", "district"])))
    nodes, edges = [plan], []
    cited = draw(st.sampled_from([None] + [f for f in _FILES if f != file]))
    if cited:
        other = Plan(id=node_id(Label.PLAN, f"{cited}方案"), name=draw(st.sampled_from([f"{cited}方案", f"{cited} 方案"])),
                     date=draw(st.sampled_from([None, "2018"])))
        nodes.append(other)
        edges.append(Edge.make(plan.id, other.id, EdgeType.REFERENCES, Evidence.of(file, text, 1, 3)))
    if draw(st.booleans()):  # a fact about two other plans that several documents may state
        newer = Plan(id=node_id(Label.PLAN, "新方案"), name="新方案", date=draw(st.sampled_from([None, "2020"])))
        older = Plan(id=node_id(Label.PLAN, "旧方案"), name=draw(st.sampled_from(["旧方案", "舊方案"])))
        nodes += [newer, older]
        year = draw(st.sampled_from([None, 2018, 2019]))
        edges.append(Edge.make(newer.id, older.id, EdgeType.SUPERSEDES, Evidence.of(file, text, 3, 6), year=year))
    for k, canonical in enumerate(draw(st.lists(st.sampled_from(sorted(_AGENCIES)), unique=True))):
        agency = Agency(id=node_id(Label.AGENCY, canonical), name=draw(st.sampled_from(_AGENCIES[canonical])),
                        aliases=tuple(draw(st.lists(st.sampled_from(["市环保局", "环保局", "林业局"]), unique=True))),
                        level=draw(st.sampled_from([None, "city"])),
                        jurisdiction=draw(st.sampled_from([None, "株洲市"])))
        nodes.append(agency)
        start = draw(st.integers(0, 40))
        edges.append(Edge.make(plan.id, agency.id, EdgeType.MENTIONS, Evidence.of(file, text, start, start + 2)))
        edges.append(Edge.make(plan.id, agency.id, EdgeType.ISSUED_BY, Evidence.of(file, text, 5, 9)))
    return GraphBatch(file, tuple(nodes), tuple(edges))


def _expected(batches: dict[str, GraphBatch]) -> dict:
    """The export the merge rule defines, computed with Node.merged from the live documents."""
    contribs: dict[str, list] = {}
    edges: dict[str, list] = {}
    for file, batch in sorted(batches.items()):
        for n in batch.nodes:
            contribs.setdefault(n.id, []).append((getattr(n, "source_file", None) != file, file, n))
        for e in batch.edges:
            edges.setdefault(e.id, []).append(e)
    nodes = []
    for node_id_, rows in contribs.items():
        rows.sort(key=lambda r: (r[0], r[1]))
        merged = rows[0][2]
        for _, _, n in rows[1:]:
            merged = merged.merged(n)
        nodes.append(merged.to_dict())
    out_edges = []
    for edge_id, es in edges.items():
        merged, props = es[0], {}
        for e in es:  # in document order: the first value of each property wins
            merged = merged.with_evidence(e.evidence)
            for k, v in e.props:
                props.setdefault(k, v)
        d = dataclasses.replace(merged, props=tuple(sorted(props.items()))).to_dict()
        d["evidence"] = sorted(d["evidence"], key=lambda ev: (ev["file"], ev["start"], ev["end"]))
        out_edges.append(d)
    return {"nodes": sorted(nodes, key=lambda n: n["id"]), "edges": sorted(out_edges, key=lambda e: e["id"])}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_merged_view_after_any_writes_and_deletes_follows_the_merge_rule(data) -> None:
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["write", "write", "delete"]), st.sampled_from(_FILES)),
                             min_size=1, max_size=10))
    live: dict[str, GraphBatch] = {}
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "s") as store:
        for op, file in ops:
            if op == "write":
                live[file] = data.draw(_documents(file))
                store.write(live[file])
            else:
                assert store.delete_document(file) is (live.pop(file, None) is not None)
        got = export_dict(store)
        assert got["nodes"] == _expected(live)["nodes"]
        assert sorted(got["edges"], key=lambda e: e["id"]) == _expected(live)["edges"]
        assert [d.source_file for d in store.documents()] == sorted(live)


# ---------------------------------------------------------------------------- the corpus

@pytest.mark.corpus
def test_corpus_export_is_the_same_whatever_the_order_and_however_often(corpus_dir: Path, tmp_path: Path) -> None:
    from policygraph.ingest.pipeline import find_documents, ingest_file

    batches = [ingest_file(path, name) for path, name in find_documents([corpus_dir])]
    with EmbeddedStore(tmp_path / "forward") as forward, EmbeddedStore(tmp_path / "backward") as backward:
        for b in batches:
            forward.write(b)
        for b in reversed(batches):
            backward.write(b)
        backward.write(batches[0])  # again, replacing itself
        want = export_dict(forward)
        assert export_dict(backward) == want
        assert forward.counts() == backward.counts()
        for b in batches:  # each document's facts come back (merged with the others')
            for n in b.nodes:
                assert forward.node(n.id) is not None
        for b in batches[1:]:
            backward.delete_document(b.source_file)
        with EmbeddedStore(tmp_path / "only_first") as only:
            only.write(batches[0])
            assert export_dict(backward) == export_dict(only)
