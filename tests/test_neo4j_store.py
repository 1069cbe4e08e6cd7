"""The Neo4j store on a real server: what the contract does not say (tests/store_contract.py runs
the contract on it too): schema, layout of evidence, parameters only, retry-safe writes, schema
version, URIs and auth from the environment, and one clear line when the server is away."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph.errors import SchemaMismatch, StoreError, StoreUnavailable
from policygraph.graph.export import export_dict
from policygraph.graph.model import EdgeType, Label, node_id
from policygraph.graph.neo4j_store import Neo4jStore, _Write, auth_from_env
from policygraph.graph.store import open_store
from store_contract import _all_types_batch, make_store, mention_batch, neo4j_test_uri, plan_batch

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def neo(tmp_path: Path):
    st = make_store("neo4j", tmp_path)
    yield st
    st.close()


# ---------------------------------------------------------------------------- unreachable (no server needed)

def test_unreachable_server_is_one_line_and_exit_1() -> None:
    # COLUMNS: rich wraps long lines at 80 columns when stderr is not a terminal
    proc = subprocess.run([sys.executable, "-m", "policygraph.cli", "stats", "--store", "bolt://127.0.0.1:1"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "200"})
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "bolt://127.0.0.1:1" in lines[0] and "cannot reach Neo4j" in lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout


def test_unreachable_server_raises_store_unavailable() -> None:
    with pytest.raises(StoreUnavailable, match="cannot reach Neo4j"):
        open_store("neo4j://127.0.0.1:1")


def test_a_bad_uri_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        open_store("bolt://")


def test_an_address_that_cannot_be_resolved_is_a_store_error_not_a_traceback() -> None:
    with pytest.raises(StoreError, match="not a usable Neo4j URI"):
        open_store("bolt://:::")  # the driver accepts it and fails only when resolving the address


# ---------------------------------------------------------------------------- on the server

@pytest.mark.parametrize("env, expected", [
    ({}, None),
    ({"NEO4J_USER": "reader"}, None),                                   # no password: no auth
    ({"NEO4J_PASSWORD": "s3cret-pass"}, ("neo4j", "s3cret-pass")),      # user defaults to neo4j
    ({"NEO4J_USER": "reader", "NEO4J_PASSWORD": "pw"}, ("reader", "pw")),
    ({"NEO4J_USER": "reader", "NEO4J_PASSWORD": ""}, None),
])
def test_auth_comes_from_the_environment(monkeypatch, env, expected) -> None:
    for key in ("NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert auth_from_env() == expected


@pytest.mark.neo4j
def test_open_store_picks_neo4j_by_uri(monkeypatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    st = open_store(neo4j_test_uri())
    try:
        assert st.kind == "neo4j" and isinstance(st, Neo4jStore)
    finally:
        st.close()


@pytest.mark.neo4j
def test_constraints_per_label_and_indexes_exist(neo: Neo4jStore) -> None:
    constraints = {r["name"]: r for r in neo.read("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type")}
    for label in Label:
        c = constraints[f"pg_{label.value.lower()}_id"]
        assert c["labelsOrTypes"] == [label.value] and c["properties"] == ["id"] and "UNIQUE" in c["type"]
    for t in EdgeType:
        assert constraints[f"pg_rel_{t.value.lower()}_id"]["labelsOrTypes"] == [t.value]
    indexes = {r["name"]: r["type"] for r in neo.read("SHOW INDEXES YIELD name, type")}
    assert indexes["pg_node_text"] == "FULLTEXT" and indexes["pg_quote_text"] == "FULLTEXT"
    assert indexes["pg_task_plan"] == "RANGE" and indexes["pg_node_search"] == "TEXT"


@pytest.mark.neo4j
def test_evidence_lives_on_the_relationship_as_parallel_lists(neo: Neo4jStore) -> None:
    batch = _all_types_batch()
    neo.write(batch)
    [row] = neo.read("MATCH (:Agency)-[r:SUPERSEDES]->(:Agency) RETURN r.ev_file AS f, r.ev_start AS s,"
                     " r.ev_end AS e, r.ev_quote AS q, r.ev_source_file AS src, r.year AS year")
    assert len(row["f"]) == len(row["s"]) == len(row["e"]) == len(row["q"]) == len(row["src"]) == 2
    assert "policygraph:data/agency_renames.csv" in row["f"]
    assert set(row["src"]) == {batch.source_file}
    assert row["year"] == 2019


@pytest.mark.neo4j
def test_only_model_labels_and_types_reach_the_database(neo: Neo4jStore) -> None:
    neo.write(_all_types_batch())
    neo.write(plan_batch("x.txt", "恶意`) DETACH DELETE n //方案", ["Robert'); MATCH (n) DETACH DELETE n;--局"]))
    labels = {r["l"] for r in neo.read("CALL db.labels() YIELD label RETURN label AS l")}
    types = {r["t"] for r in neo.read("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t")}
    assert labels <= {lb.value for lb in Label} | {"PGNode", "PGDocument", "PGMeta"}
    assert types <= {t.value for t in EdgeType}
    assert neo.node(node_id(Label.PLAN, "恶意`) DETACH DELETE n //方案")).name == "恶意`) DETACH DELETE n //方案"
    assert neo.counts()["documents"] == 2


@pytest.mark.neo4j
def test_write_is_safe_when_the_driver_reruns_it(neo: Neo4jStore) -> None:
    """execute_write may run the work again after a transient error: running it twice in one
    transaction leaves what running it once leaves."""
    once = make_store("embedded", Path(__import__("tempfile").mkdtemp()))
    batches = [_all_types_batch(), plan_batch("a.txt", "甲区实施方案", ["甲区环保局"], district="甲区")]
    for b in batches:
        once.write(b)

    def twice(work):
        def run(tx):
            work(tx)
            return work(tx)
        return run

    for b in batches:
        with neo.driver.session() as session:
            session.execute_write(twice(_Write(b.source_file, b)))
    assert export_dict(neo) == export_dict(once)
    once.close()


@pytest.mark.neo4j
def test_reingest_changes_nothing_and_leaves_no_duplicate_relationships(neo: Neo4jStore) -> None:
    batch = _all_types_batch()
    first = neo.write(batch)
    before = export_dict(neo)
    again = neo.write(batch)
    assert (first.replaced, again.replaced) == (False, True)
    assert export_dict(neo) == before
    [row] = neo.read("MATCH ()-[r]->() WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN count(*) AS dup")
    assert row["dup"] == 0


@pytest.mark.neo4j
def test_a_database_of_another_schema_version_is_refused(neo: Neo4jStore) -> None:
    neo.read("RETURN 1")
    neo._run("MATCH (m:PGMeta {key: 'store'}) SET m.schema_version = 99", write=True)
    try:
        with pytest.raises(SchemaMismatch, match="newer PolicyGraph"):
            Neo4jStore.from_uri(neo.uri, user="", password="")
    finally:
        neo.clear()


@pytest.mark.neo4j
def test_cli_ingests_examples_into_neo4j_and_reports_stats(neo: Neo4jStore) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--store", neo.uri, "-q"],
                           env={"NEO4J_USER": "", "NEO4J_PASSWORD": ""})
    assert result.exit_code == 0, result.output
    counts = neo.counts()
    assert counts["documents"] == len(list((ROOT / "examples").iterdir()))
    assert counts["Plan"] > 0 and counts["RESPONSIBLE_FOR"] > 0
    result = runner.invoke(app, ["stats", "--store", neo.uri], env={"NEO4J_USER": "", "NEO4J_PASSWORD": ""})
    assert result.exit_code == 0 and "documents" in result.output


@pytest.mark.neo4j
def test_search_folds_traditional_and_finds_digits_inside_numbers(neo: Neo4jStore) -> None:
    neo.write(_all_types_batch())
    forest = node_id(Label.INDICATOR, "森林覆盖率")
    assert forest in {h[0] for h in neo.search("森林覆蓋率")}
    # "2.5" sits inside Lucene's token "62.5": the TEXT index finds it, as SQLite's trigrams do
    assert {forest, node_id(Label.TASK, "all_types.txt", "一")} <= {h[0] for h in neo.search("2.5")}
    assert neo.search("") == [] and neo.search("   ") == []
    assert neo.search('"森林') == [] and neo.search("森林 OR 局") == []  # Lucene syntax is only text


@pytest.mark.neo4j
def test_a_writer_waits_for_the_open_write_of_another_and_loses_nothing(neo: Neo4jStore) -> None:
    """Writers are serialised by the PGMeta lock: a write that starts while another document's
    transaction is open reads that document's facts once it commits, instead of overwriting a
    shared node with a view that lacks them."""
    import threading
    import time

    first = plan_batch("a.txt", "甲区生态环境保护实施方案", ["市生态环境局"])   # the agency with level city
    second = mention_batch("b.txt", "乙区关于做好生态保护工作的通知", ["市生态环境局"])  # the same, no level
    other = Neo4jStore.from_uri(neo.uri, user="", password="")
    try:
        with neo.driver.session() as session:
            tx = session.begin_transaction()
            _Write(first.source_file, first)(tx)
            writer = threading.Thread(target=other.write, args=(second,))
            writer.start()
            time.sleep(1.0)
            assert writer.is_alive()  # waiting for the open transaction
            tx.commit()
        writer.join(60)
    finally:
        other.close()
    agency = neo.node(node_id(Label.AGENCY, "市生态环境局"))
    assert agency.level == "city"
    [row] = neo.read("MATCH (n:Agency {id: $id}) RETURN n._src AS src", id=agency.id)
    assert row["src"] == ["a.txt", "b.txt"]


@pytest.mark.neo4j
def test_concurrent_writers_of_overlapping_documents_lose_nothing(neo: Neo4jStore) -> None:
    """Documents sharing agencies, written from several threads and connections at once, all
    commit (no deadlock surfaces) and leave what writing them one after another leaves. (The
    interleaving that loses updates without the lock is forced by the test above.)"""
    from concurrent.futures import ThreadPoolExecutor

    batches = [plan_batch(f"d{i}.txt", f"第{i}号实施方案", ["市生态环境局", f"第{i}区林业局", "市发展改革委"],
                          district="甲区", target=("森林覆盖率", 60 + i)) for i in range(8)]
    once = make_store("embedded", Path(__import__("tempfile").mkdtemp()))
    for b in batches:
        once.write(b)
    others = [Neo4jStore.from_uri(neo.uri, user="", password="") for _ in range(4)]
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda ib: others[ib[0] % 4].write(ib[1]), enumerate(batches)))
        assert export_dict(neo) == export_dict(once)
    finally:
        for st in others:
            st.close()
        once.close()
