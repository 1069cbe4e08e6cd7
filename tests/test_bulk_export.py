"""Bulk exports: neo4j-admin CSVs (headers, arrays, types, ends that exist; and, where the Neo4j
test tools are provisioned, a real `neo4j-admin database import` whose database opens as a
store with the same export) and GraphML read back by networkx."""
from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph.bulk_export import BULK_SOURCE, write_graphml, write_neo4j_admin
from policygraph.graph.embedded import EmbeddedStore
from policygraph.graph.export import export_dict
from policygraph.graph.model import Edge, EdgeType, Evidence, GraphBatch, Indicator, Label, Plan, node_id
from store_contract import _all_types_batch, mention_batch, plan_batch


@pytest.fixture()
def store(tmp_path: Path):
    st = EmbeddedStore(tmp_path / "store")
    st.write(_all_types_batch())
    st.write(plan_batch("a.txt", "甲区生态环境保护实施方案", ["甲区环保局", "甲区林业局"], district="甲区",
                        target=("森林覆盖率", 62.5)))
    st.write(mention_batch("b.txt", "乙区关于做好生态保护工作的通知", ["甲区环保局", '乙区"数据";局']))
    yield st
    st.close()


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fp:
        rows = list(csv.reader(fp))
    return rows[0], rows[1:]


def _array_delimiter(folder: Path) -> str:
    script = (folder / "import.sh").read_text(encoding="utf-8")
    value = script.split("--array-delimiter=", 1)[1].split()[0].strip("'\\")
    return chr(int(value[2:], 16)) if value.startswith("U+") else value


def test_neo4j_admin_files_have_the_headers_import_reads(store, tmp_path: Path) -> None:
    out = tmp_path / "bulk"
    write_neo4j_admin(store, out)
    names = sorted(p.name for p in out.iterdir())
    assert "import.sh" in names and "documents.csv" in names and "meta.csv" in names
    assert {f"nodes_{label.value}.csv" for label in Label} <= set(names)
    header, _ = _read(out / "nodes_Plan.csv")
    assert header[:2] == ["id:ID(PGNode)", ":LABEL"]
    assert "aliases:string[]" in header and "period_start:long" in header
    header, _ = _read(out / "nodes_Agency.csv")
    assert "collective:boolean" in header
    header, _ = _read(out / "rels_SETS_TARGET.csv")
    assert header[:3] == [":START_ID(PGNode)", ":END_ID(PGNode)", ":TYPE"]
    for column in ("id", "ev_file:string[]", "ev_start:long[]", "ev_end:long[]", "ev_quote:string[]",
                   "ev_source_file:string[]", "value:double", "year:long"):
        assert column in header


def test_every_relationship_joins_exported_nodes_and_keeps_its_evidence(store, tmp_path: Path) -> None:
    out = tmp_path / "bulk"
    write_neo4j_admin(store, out)
    sep = _array_delimiter(out)
    ids, labels = set(), {}
    for path in out.glob("nodes_*.csv"):
        header, rows = _read(path)
        for row in rows:
            ids.add(row[0])
            labels[row[0]] = row[1].split(sep)
    assert len(ids) == sum(1 for _ in store.nodes())
    assert all(ls[0] == "PGNode" and ls[1] in {lb.value for lb in Label} for ls in labels.values())
    edges = {e.id: e for e in store.edges()}
    seen = 0
    for path in out.glob("rels_*.csv"):
        header, rows = _read(path)
        col = {h.split(":")[0] if not h.startswith(":") else h: i for i, h in enumerate(header)}
        for row in rows:
            assert row[0] in ids and row[1] in ids
            edge = edges[row[col["id"]]]
            assert row[2] == edge.type.value
            quotes = row[col["ev_quote"]].split(sep)
            starts = [int(s) for s in row[col["ev_start"]].split(sep)]
            assert sorted(zip(starts, quotes)) == sorted((e.start, e.quote) for e in edge.evidence)
            assert set(row[col["ev_source_file"]].split(sep)) == {BULK_SOURCE}
            seen += 1
    assert seen == len(edges)


def test_text_with_the_array_delimiter_switches_to_unit_separator(store, tmp_path: Path) -> None:
    out = tmp_path / "bulk"
    write_neo4j_admin(store, out)  # the store holds an agency named 乙区"数据";局
    assert "--array-delimiter=U+001F" in (out / "import.sh").read_text(encoding="utf-8")
    header, rows = _read(out / "nodes_Agency.csv")
    names = [r[header.index("name")] for r in rows]
    assert '乙区"数据";局' in names


def test_values_of_different_types_go_to_separate_files(tmp_path: Path) -> None:
    file = "t.txt"
    text = "到2020年水质达到Ⅱ类,森林覆盖率达到60%,湿地保护率达到70.5%。"
    plan = Plan(id=node_id(Label.PLAN, "水质方案"), name="水质方案", source_file=file)
    inds = [Indicator(id=node_id(Label.INDICATOR, n), name=n) for n in ("水质", "森林覆盖率", "湿地保护率")]
    edges = tuple(Edge.make(plan.id, ind.id, EdgeType.SETS_TARGET, Evidence.of(file, text, 0, 8), value=v, year=2020)
                  for ind, v in zip(inds, ("Ⅱ类", 60, 70.5)))
    st = EmbeddedStore(tmp_path / "store")
    st.write(GraphBatch(file, (plan, *inds), edges))
    write_neo4j_admin(st, tmp_path / "bulk")
    st.close()
    headers = sorted(_read(p)[0][-2] for p in (tmp_path / "bulk").glob("rels_SETS_TARGET*.csv"))
    assert headers == ["value", "value:double", "value:long"]


def test_export_refuses_a_folder_holding_other_files(store, tmp_path: Path) -> None:
    (tmp_path / "bulk").mkdir()
    (tmp_path / "bulk" / "notes.txt").write_text("mine", encoding="utf-8")
    from policygraph.graph.errors import StoreError

    with pytest.raises(StoreError, match="not empty"):
        write_neo4j_admin(store, tmp_path / "bulk")


def test_graphml_reads_back_with_the_same_nodes_and_edges(store, tmp_path: Path) -> None:
    path = write_graphml(store, tmp_path / "g.graphml")
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == sum(1 for _ in store.nodes())
    assert g.number_of_edges() == sum(1 for _ in store.edges())
    forest = node_id(Label.INDICATOR, "森林覆盖率")
    assert g.nodes[forest]["label"] == "Indicator" and g.nodes[forest]["unit"] == "%"
    [(_, _, data)] = [e for e in g.in_edges(forest, data=True) if e[2]["type"] == "SETS_TARGET"][:1]
    assert json.loads(data["evidence"])[0]["quote"]


def test_cli_export_formats(store, tmp_path: Path) -> None:
    runner = CliRunner()
    spec = str(store.directory)
    result = runner.invoke(app, ["export", "--store", spec, "--format", "neo4j-admin", "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "import.sh").exists()
    result = runner.invoke(app, ["export", "--store", spec, "--format", "graphml", "-o", str(tmp_path / "g.xml")])
    assert result.exit_code == 0 and nx.read_graphml(tmp_path / "g.xml").number_of_nodes() > 5
    result = runner.invoke(app, ["export", "--store", spec, "--format", "graphml"])
    assert result.exit_code == 1 and "needs -o" in result.output
    result = runner.invoke(app, ["export", "--store", spec, "--format", "csv", "-o", str(tmp_path / "x")])
    assert result.exit_code == 1 and "neo4j-admin" in result.output


# ---------------------------------------------------------------------------- the real tool

def _tools() -> tuple[Path, Path]:
    from neo4j_server.server import ServerUnavailable, provision

    try:
        return provision()
    except ServerUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Neo4j tools could not be provisioned in CI: {exc}")
        pytest.skip(f"no Neo4j tools: {exc}")


@pytest.mark.neo4j
def test_real_neo4j_admin_imports_the_export_and_the_store_reads_it_back(store, tmp_path: Path) -> None:
    lib, classes = _tools()
    out = tmp_path / "bulk"
    write_neo4j_admin(store, out)
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    admin = tmp_path / "neo4j-admin"
    admin.write_text(f'#!/bin/sh\nexec java -Xmx512m -cp "{lib}/*" org.neo4j.cli.AdminTool "$@"\n', encoding="utf-8")
    admin.chmod(0o755)
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"), NEO4J_ADMIN=str(admin))
    proc = subprocess.run(["sh", str(out / "import.sh")], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "IMPORT DONE" in proc.stdout

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["java", "-Xmx512m", "-cp", f"{classes}:{lib}/*", "Launcher", str(home), str(port)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("READY"), line
        from policygraph import queries as q
        from policygraph.graph.neo4j_store import Neo4jStore

        neo = Neo4jStore.from_uri(f"bolt://127.0.0.1:{port}", user="", password="")
        try:
            assert export_dict(neo) == export_dict(store)
            assert neo.counts() == store.counts()
            hits = q.search(neo, "森林覆蓋率").hits  # indexes built on first open
            assert node_id(Label.INDICATOR, "森林覆盖率") in {h.node.id for h in hits}
        finally:
            neo.close()
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
