"""The Neo4j store: the same graph, with the same re-ingest rules, on a Neo4j 5 server.

Picked by a URI (`--store neo4j://host:7687`, bolt://, neo4j+s://; user and password from
NEO4J_USER / NEO4J_PASSWORD, no auth when unset; NEO4J_DATABASE names a database other than
the server's default). Talks Bolt through the official `neo4j` driver. Layout
(docs/decisions/0010-neo4j.md):

    (:PGNode:<Label> {id, name, aliases, <the label's properties>,
                      _src: [file, …], _contrib: [json, …],   what each document said of it
                      _search, _jkey})                        folded text for search; jurisdiction key
    -[:<EdgeType> {id, <the type's properties>,
                   ev_file, ev_start, ev_end, ev_quote, ev_source_file: […],   evidence, parallel lists
                   _src, _contrib, _search}]->
    (:PGDocument {source_file, sha256, …, node_ids, edge_ids, edge_types})   what a document gave
    (:PGMeta {key: "store", schema_version, writes})                        one per database

A document's write is ONE transaction (`execute_write`, which may rerun it) that first locks
the PGMeta node, so writers are serialised, then reads what the touched nodes and edges hold,
recomputes their merged view exactly as the embedded store does (`Node.merged` in
owner-then-name order; edge properties first value in document-name order; an edge lives while
some document states it), and writes it back in batches: `UNWIND $rows AS row MERGE
(n:PGNode:<Label> {id: row.id}) SET n += row.props` on the model's deterministic ids; a
relationship the transaction has just read as absent is CREATEd, one present is SET by its id
(a rerun reads again, so it is safe). Labels and relationship types in query text come only
from `Label` / `EdgeType`; every value is a `$parameter`.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from .embedded import fold, snippet
from .errors import SchemaMismatch, StoreError, StoreUnavailable
from .model import (
    EDGE_PROPS,
    SCHEMA_VERSION,
    Edge,
    EdgeType,
    Evidence,
    GraphBatch,
    Label,
    Node,
    label_of,
    match_key,
    node_from_record,
)
from .store import DocumentRecord, WriteReport

__all__ = ["Neo4jStore", "SearchHit", "auth_from_env", "NODE_LABEL", "NODE_MAP", "REL_MAP", "schema_statements", "node_props",
           "edge_props", "node_of", "edge_of"]

# The driver logs a failed connection as a warning; with no handler configured Python would
# print it to stderr beside our one-line error. An application's logging setup still sees it.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

NODE_LABEL = "PGNode"        # every graph node carries it beside its model label (id lookups)
_FIELD_WEIGHT = {"name": 3.0, "alias": 2.0, "text": 1.0, "quote": 0.8}  # as the embedded store
_INTERNAL_EDGE_KEYS = ("id", "_src", "_contrib", "_search", "ev_file", "ev_start", "ev_end", "ev_quote",
                       "ev_source_file")

SearchHit = tuple[str, str, float]  # (node_id, snippet, score); higher score is better

# Map projections that leave the bookkeeping properties on the server.
NODE_MAP = "{.*, _src: null, _contrib: null, _search: null, _jkey: null}"
REL_MAP = "{.*, _src: null, _contrib: null, _search: null}"

_LABELS = "|".join(label.value for label in Label)
_TYPES = "|".join(t.value for t in EdgeType)


def schema_statements() -> list[str]:
    """Constraints and indexes, idempotent (IF NOT EXISTS); names are fixed."""
    out = [
        f"CREATE CONSTRAINT pg_node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT pg_document_file IF NOT EXISTS FOR (d:PGDocument) REQUIRE d.source_file IS UNIQUE",
        "CREATE CONSTRAINT pg_meta_key IF NOT EXISTS FOR (m:PGMeta) REQUIRE m.key IS UNIQUE",
    ]
    for label in Label:
        out.append(f"CREATE CONSTRAINT pg_{label.value.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE")
    for t in EdgeType:
        out.append(f"CREATE CONSTRAINT pg_rel_{t.value.lower()}_id IF NOT EXISTS "
                   f"FOR ()-[r:{t.value}]-() REQUIRE r.id IS UNIQUE")
    out += [
        "CREATE INDEX pg_task_plan IF NOT EXISTS FOR (t:Task) ON (t.plan_id)",
        "CREATE INDEX pg_plan_jurisdiction IF NOT EXISTS FOR (p:Plan) ON (p._jkey)",
        "CREATE INDEX pg_rel_role IF NOT EXISTS FOR ()-[r:RESPONSIBLE_FOR]-() ON (r.role)",
        # TEXT indexes answer CONTAINS for the texts Lucene's tokens cannot (digits inside a number)
        f"CREATE TEXT INDEX pg_node_search IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n._search)",
        *(f"CREATE TEXT INDEX pg_rel_{t.value.lower()}_search IF NOT EXISTS FOR ()-[r:{t.value}]-() ON (r._search)"
          for t in EdgeType),
        f"CREATE FULLTEXT INDEX pg_node_text IF NOT EXISTS FOR (n:{_LABELS}) ON EACH [n._search]"
        " OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
        f"CREATE FULLTEXT INDEX pg_quote_text IF NOT EXISTS FOR ()-[r:{_TYPES}]-() ON EACH [r._search]"
        " OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    ]
    return out


_SCHEMA_NAME = re.compile(r"CREATE (?:\w+ )?(?:CONSTRAINT|INDEX) (\w+)")


# ---------------------------------------------------------------------------- values

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def node_props(node: Node) -> dict[str, Any]:
    """The node's properties as stored (None removes a property; an empty alias list is absent)."""
    props = {"name": node.name, "aliases": list(node.aliases) or None}
    props.update(node.properties())
    return props


def edge_props(edge: Edge) -> dict[str, Any]:
    """Every property the edge's type may have (absent ones as None, which removes them)."""
    own = dict(edge.props)
    return {k: own.get(k) for k in sorted(EDGE_PROPS.get(edge.type, ()))}


def node_of(props: dict[str, Any]) -> Node:
    record = {k: v for k, v in props.items() if not k.startswith("_")}
    record["aliases"] = tuple(record.get("aliases") or ())
    return node_from_record(label_of(record["id"]), record)


def _evidence_of(props: dict[str, Any]) -> list[tuple[str, int, int, str, str]]:
    """(file, start, end, quote, source_file) rows of a relationship's evidence lists."""
    cols = [props.get(k) or [] for k in ("ev_file", "ev_start", "ev_end", "ev_quote", "ev_source_file")]
    return list(zip(*cols))


def edge_of(type_: str, source: str, target: str, props: dict[str, Any]) -> Edge:
    """Rebuild an Edge from a relationship's type, end ids and property map."""
    et = EdgeType(type_)
    rows = sorted(_evidence_of(props), key=lambda r: (r[0], r[1], r[2], r[4]))
    evidence = tuple(Evidence(f, s, e, q) for f, s, e, q, _ in rows)
    own = tuple(sorted((k, v) for k, v in props.items() if k in EDGE_PROPS.get(et, ()) and v is not None))
    return Edge(source, target, et, evidence, own)


def _sort_key(source_file: str, props: dict[str, Any]) -> tuple[int, str]:
    """Merge order of a node's contributions, as in the embedded store: the document the node
    belongs to first, then by document name."""
    return (0 if props.get("source_file") == source_file else 1, source_file)


def _merged_node(contribs: dict[str, str]) -> Node:
    """The stored view of a node from its contributions {source_file: json of to_dict()}."""
    nodes = []
    for source_file, raw in contribs.items():
        record = json.loads(raw)
        nodes.append((_sort_key(source_file, record), node_from_record(record["label"], record)))
    nodes.sort(key=lambda t: t[0])
    merged = nodes[0][1]
    for _, other in nodes[1:]:
        merged = merged.merged(other)
    return merged


def _merged_edge_props(contribs: dict[str, str]) -> dict[str, Any]:
    """Edge properties over contributions in document-name order: first value of each key wins."""
    out: dict[str, Any] = {}
    for source_file in sorted(contribs):
        for k, v in json.loads(contribs[source_file]).items():
            if out.get(k) is None and v is not None:
                out[k] = v
    return out


def _search_text(node: Node) -> str:
    """What the node full-text index holds: folded name, aliases and a task's text, one a line."""
    parts = [node.name, *node.aliases]
    text = getattr(node, "text", None)
    if text:
        parts.append(text)
    return "\n".join(fold(p) for p in parts if p)


def _lucene_phrase(folded: str) -> str:
    """A Lucene query matching `folded` as one phrase (its syntax characters escaped)."""
    return '"' + folded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indexed(char: str) -> bool:
    """A character Lucene's standard tokenizer indexes on its own (Han ideographs, kana, hangul),
    so a phrase query finds it wherever it stands."""
    return "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\U00020000" <= char <= "\U0003ffff"


def _chunks(items: Sequence[Any], size: int = 2000) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# ---------------------------------------------------------------------------- the write

class _Write:
    """One document's write inside a transaction: read touched contributions, merge, write back."""

    def __init__(self, doc: str, batch: GraphBatch | None) -> None:
        self.doc = doc
        self.batch = batch

    def send(self, tx: Any, query: str, rows: list[dict]) -> None:
        """Run one batched write (`UNWIND $rows AS row …`); bench/neo4j_load.py overrides it to
        send the rows one statement each, the baseline the batching is measured against."""
        tx.run(query, rows=rows).consume()

    def __call__(self, tx: Any) -> bool:
        doc, batch = self.doc, self.batch
        tx.run("MERGE (m:PGMeta {key: 'store'}) SET m.writes = coalesce(m.writes, 0) + 1").consume()
        record = tx.run("MATCH (d:PGDocument {source_file: $doc}) RETURN d.node_ids AS nodes,"
                        " d.edge_ids AS edges, d.edge_types AS types", doc=doc).single()
        replaced = record is not None
        if batch is None and not replaced:
            return False
        old_nodes = list(record["nodes"] or []) if record else []
        old_edges = dict(zip(record["edges"] or [], record["types"] or [])) if record else {}
        new_nodes = {n.id: n for n in batch.nodes} if batch else {}
        new_edges = {e.id: e for e in batch.edges} if batch else {}
        edge_types = dict(old_edges)
        edge_types.update({i: e.type.value for i, e in new_edges.items()})

        # ---- edges: read what every document said of the touched ones, recompute, write
        by_type: dict[str, list[str]] = defaultdict(list)
        for edge_id, type_ in edge_types.items():
            by_type[type_].append(edge_id)
        edge_rows: dict[str, list[dict]] = defaultdict(list)
        edge_gone: dict[str, list[str]] = defaultdict(list)
        for type_, ids in sorted(by_type.items()):
            et = EdgeType(type_)
            current = {}
            for chunk in _chunks(sorted(ids)):
                for r in tx.run(f"UNWIND $ids AS id MATCH ()-[r:{et.value} {{id: id}}]->() "
                                "RETURN r.id AS id, r._src AS src, r._contrib AS contrib, r.ev_file AS ev_file,"
                                " r.ev_start AS ev_start, r.ev_end AS ev_end, r.ev_quote AS ev_quote,"
                                " r.ev_source_file AS ev_source_file", ids=list(chunk)):
                    current[r["id"]] = r.data()
            for edge_id in sorted(ids):
                had = current.get(edge_id) or {}
                contribs = {f: c for f, c in zip(had.get("src") or [], had.get("contrib") or []) if f != doc}
                evidence = [row for row in _evidence_of(had) if row[4] != doc]
                edge = new_edges.get(edge_id)
                if edge is not None:
                    contribs[doc] = _dumps(dict(edge.props))
                    evidence += [(ev.file, ev.start, ev.end, ev.quote, doc) for ev in edge.evidence]
                if not contribs:
                    if had:
                        edge_gone[type_].append(edge_id)
                    continue
                evidence = sorted(set(evidence), key=lambda r: (r[0], r[1], r[2], r[4], r[3]))
                merged = _merged_edge_props(contribs)
                props = {k: merged.get(k) for k in sorted(EDGE_PROPS.get(et, ()))}
                files = sorted(contribs)
                props.update(
                    _src=files, _contrib=[contribs[f] for f in files],
                    ev_file=[r[0] for r in evidence], ev_start=[r[1] for r in evidence],
                    ev_end=[r[2] for r in evidence], ev_quote=[r[3] for r in evidence],
                    ev_source_file=[r[4] for r in evidence],
                    _search="\n".join(dict.fromkeys(fold(r[3]) for r in evidence)))
                exists = edge_id in current
                if edge is None or exists:  # the relationship is there: set it by its id
                    edge_rows[type_].append({"id": edge_id, "source": None, "target": None, "props": props})
                else:
                    edge_rows[type_].append({"id": edge_id, "source": edge.source, "target": edge.target,
                                             "props": {"id": edge_id, **props}})

        # ---- nodes
        touched = sorted(set(old_nodes) | set(new_nodes))
        current_nodes: dict[str, dict] = {}
        for chunk in _chunks(touched):
            for r in tx.run(f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}})"
                            " RETURN n.id AS id, n._src AS src, n._contrib AS contrib", ids=list(chunk)):
                current_nodes[r["id"]] = r.data()
        node_rows: dict[Label, list[dict]] = defaultdict(list)
        node_gone: list[str] = []
        for node_id in touched:
            had = current_nodes.get(node_id) or {}
            contribs = {f: c for f, c in zip(had.get("src") or [], had.get("contrib") or []) if f != doc}
            node = new_nodes.get(node_id)
            if node is not None:
                contribs[doc] = _dumps(node.to_dict())
            if not contribs:
                if had:
                    node_gone.append(node_id)
                continue
            merged = node if len(contribs) == 1 and node is not None else _merged_node(contribs)
            files = sorted(contribs)
            props = node_props(merged)
            props.update(_src=files, _contrib=[contribs[f] for f in files], _search=_search_text(merged),
                         _jkey=match_key(getattr(merged, "jurisdiction", None)) or None)
            node_rows[merged.label].append({"id": node_id, "props": props})

        for type_, ids in sorted(edge_gone.items()):
            for chunk in _chunks(ids):
                tx.run(f"UNWIND $ids AS id MATCH ()-[r:{EdgeType(type_).value} {{id: id}}]->() DELETE r",
                       ids=list(chunk)).consume()
        for chunk in _chunks(node_gone):
            tx.run(f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) DETACH DELETE n", ids=list(chunk)).consume()
        for label, rows in sorted(node_rows.items(), key=lambda kv: kv[0].value):
            for chunk in _chunks(rows):
                self.send(tx, f"UNWIND $rows AS row MERGE (n:{NODE_LABEL}:{label.value} {{id: row.id}})"
                          " SET n += row.props", list(chunk))
        for type_, rows in sorted(edge_rows.items()):
            et = EdgeType(type_)
            fresh = [r for r in rows if r["source"] is not None]
            kept = [{"id": r["id"], "props": r["props"]} for r in rows if r["source"] is None]
            # New relationships are CREATEd: this transaction has just read that none with the id
            # exists (a rerun of the work reads again), the uniqueness constraint on r.id guards
            # it, and MERGE (a)-[r]->(b) would scan the endpoints' relationships (slow on hubs).
            for chunk in _chunks(fresh):
                self.send(tx, f"UNWIND $rows AS row MATCH (a:{NODE_LABEL} {{id: row.source}})"
                          f" MATCH (b:{NODE_LABEL} {{id: row.target}}) CREATE (a)-[r:{et.value}]->(b)"
                          " SET r = row.props", list(chunk))
            for chunk in _chunks(kept):
                self.send(tx, f"UNWIND $rows AS row MATCH ()-[r:{et.value} {{id: row.id}}]->()"
                          " SET r += row.props", list(chunk))

        if batch is None:
            tx.run("MATCH (d:PGDocument {source_file: $doc}) DELETE d", doc=doc).consume()
        else:
            ids = sorted(new_edges)
            tx.run("MERGE (d:PGDocument {source_file: $doc}) SET d += $props", doc=doc, props={
                "sha256": batch.sha256, "encoding": batch.encoding, "format": batch.format,
                "chars": batch.chars, "warnings": list(batch.warnings) or None,
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "node_ids": sorted(new_nodes) or None, "edge_ids": ids or None,
                "edge_types": [new_edges[i].type.value for i in ids] or None}).consume()
        return replaced


# ---------------------------------------------------------------------------- the store

def auth_from_env(user: str | None = None, password: str | None = None) -> tuple[str, str] | None:
    """(user, password) for the driver: the arguments, else NEO4J_USER / NEO4J_PASSWORD; the
    user defaults to neo4j; no password (unset or empty) means no auth."""
    user = user if user is not None else os.environ.get("NEO4J_USER")
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    return (user or "neo4j", password) if password else None


def _unavailable(uri: str, exc: BaseException) -> StoreUnavailable:
    """One line saying why the server cannot be reached and what to do."""
    text = " ".join(str(exc).split())
    found = re.search(r"\(reason (?:\[Errno -?\d+\] )?([^)]*)\)", text)
    reason = (found.group(1) if found else text.split(" (resolved")[0]) or type(exc).__name__
    return StoreUnavailable(f"{uri}: cannot reach Neo4j ({reason.strip()}); start the server "
                            "(docker compose up neo4j) or check --store")


class Neo4jStore:
    """A GraphStore on a Neo4j 5 database, reached through the official driver."""

    kind = "neo4j"
    writer: type[_Write] = _Write  # the transaction work of one document's write

    def __init__(self, driver: Any, uri: str, database: str | None = None) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database
        self._lock = threading.RLock()
        self._closed = False

    @classmethod
    def from_uri(cls, uri: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, prepare: bool = True) -> "Neo4jStore":
        """Connect to `uri` (auth from NEO4J_USER / NEO4J_PASSWORD unless given), check it answers,
        and create constraints and indexes (idempotent). StoreUnavailable when it cannot be reached."""
        import neo4j
        from neo4j.exceptions import AuthError, DriverError, Neo4jError

        auth = auth_from_env(user, password)
        database = database or os.environ.get("NEO4J_DATABASE") or None
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10,
                                                max_transaction_retry_time=15, notifications_min_severity="OFF")
        except (ValueError, DriverError) as exc:
            raise StoreError(f"{uri}: not a usable Neo4j URI ({exc}); use neo4j://host:7687 or bolt://host:7687") from exc
        try:
            if database:
                driver.verify_connectivity(database=database)
            else:
                driver.verify_connectivity()
        except AuthError as exc:
            driver.close()
            raise StoreUnavailable(f"{uri}: Neo4j refused the credentials ({exc.message}); "
                                   "set NEO4J_USER and NEO4J_PASSWORD") from exc
        except (DriverError, Neo4jError, OSError) as exc:
            driver.close()
            raise _unavailable(uri, exc) from exc
        except ValueError as exc:  # the driver resolves the address only now (e.g. bolt://:::)
            driver.close()
            raise StoreError(f"{uri}: not a usable Neo4j URI ({exc}); use neo4j://host:7687 or bolt://host:7687") from exc
        store = cls(driver, uri, database)
        if prepare:
            try:
                store.prepare()
            except BaseException:
                driver.close()
                raise
        return store

    # ------------------------------------------------------------------ plumbing

    def _run(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[Any]:
        """Records of one auto-retried query (read unless `write`)."""
        import neo4j
        from neo4j.exceptions import DriverError, Neo4jError

        if self._closed:
            raise StoreError(f"{self.uri}: the store is closed")
        try:
            result = self.driver.execute_query(
                query, parameters_=params or {}, database_=self.database,
                routing_=neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ)
        except Neo4jError as exc:
            raise StoreError(f"{self.uri}: query failed ({exc.code}: {exc.message})") from exc
        except (DriverError, OSError) as exc:
            raise _unavailable(self.uri, exc) from exc
        return result.records

    def _stream(self, query: str, params: dict[str, Any] | None = None) -> Iterator[Any]:
        """Records of a read query as they arrive (whole-graph reads: nodes(), edges())."""
        import neo4j
        from neo4j.exceptions import DriverError, Neo4jError

        if self._closed:
            raise StoreError(f"{self.uri}: the store is closed")
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                yield from session.run(query, params or {})
        except Neo4jError as exc:
            raise StoreError(f"{self.uri}: query failed ({exc.code}: {exc.message})") from exc
        except (DriverError, OSError) as exc:
            raise _unavailable(self.uri, exc) from exc

    def read(self, query: str, **params: Any) -> list[Any]:
        """Records of a read-only query (used by queries/neo4j.py)."""
        return self._run(query, params)

    def _execute_write(self, work: Any) -> Any:
        from neo4j.exceptions import DriverError, Neo4jError

        if self._closed:
            raise StoreError(f"{self.uri}: the store is closed")
        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work)
        except Neo4jError as exc:
            raise StoreError(f"{self.uri}: write failed and was rolled back ({exc.code}: {exc.message})") from exc
        except (DriverError, OSError) as exc:
            raise _unavailable(self.uri, exc) from exc

    def prepare(self) -> None:
        """Constraints, indexes and the schema mark; refuses a database of another schema version."""
        from neo4j.exceptions import ClientError

        present = {r["name"] for r in self._run("SHOW CONSTRAINTS YIELD name RETURN name")}
        present |= {r["name"] for r in self._run("SHOW INDEXES YIELD name RETURN name")}
        for statement in schema_statements():
            if _SCHEMA_NAME.match(statement).group(1) in present:
                continue
            try:
                self._run(statement, write=True)
            except StoreError as exc:
                if not isinstance(exc.__cause__, ClientError) or "EquivalentSchemaRule" not in str(exc):
                    raise
        self._run("CALL db.awaitIndexes(300)", write=True)
        rows = self._run("MERGE (m:PGMeta {key: 'store'}) ON CREATE SET m.schema_version = $v"
                         " RETURN m.schema_version AS v", {"v": SCHEMA_VERSION}, write=True)
        version = rows[0]["v"]
        if version != SCHEMA_VERSION:
            newer = version > SCHEMA_VERSION
            raise SchemaMismatch(
                f"{self.uri}: written by {'a newer' if newer else 'an older'} PolicyGraph (store schema "
                f"{version}, this one reads {SCHEMA_VERSION}); "
                + ("upgrade PolicyGraph" if newer else "re-ingest the documents into an empty database"))

    # ------------------------------------------------------------------ writing

    def write(self, batch: GraphBatch) -> WriteReport:
        """Store one document's facts in one transaction, replacing what it contributed before."""
        replaced = self._execute_write(self.writer(batch.source_file, batch))
        counts: dict[str, int] = {}
        for n in batch.nodes:
            counts[n.label.value] = counts.get(n.label.value, 0) + 1
        for e in batch.edges:
            counts[e.type.value] = counts.get(e.type.value, 0) + 1
        return WriteReport(source_file=batch.source_file, nodes=len(batch.nodes), edges=len(batch.edges),
                           evidence=sum(len(e.evidence) for e in batch.edges), replaced=replaced, counts=counts)

    def delete_document(self, source_file: str) -> bool:
        """Forget one document; facts that other documents also state stay (with their evidence)."""
        return bool(self._execute_write(self.writer(source_file, None)))

    def clear(self) -> None:
        """Delete every PolicyGraph node, relationship and document record (schema stays)."""
        for label in (NODE_LABEL, "PGDocument", "PGMeta"):
            self._clear_label(label)
        self._run("MERGE (m:PGMeta {key: 'store'}) SET m.schema_version = $v", {"v": SCHEMA_VERSION}, write=True)

    def _clear_label(self, label: str) -> None:
        while True:
            rows = self._run(f"MATCH (n:{label}) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n", write=True)
            if not rows or rows[0]["n"] == 0:
                return

    # ------------------------------------------------------------------ reading

    def node(self, node_id: str) -> Node | None:
        rows = self._run(f"MATCH (n:{NODE_LABEL} {{id: $id}}) RETURN n {NODE_MAP} AS p", {"id": node_id})
        return node_of(rows[0]["p"]) if rows else None

    def nodes(self, label: Label | str | None = None) -> Iterator[Node]:
        name = NODE_LABEL if label is None else Label(label).value
        for r in self._stream(f"MATCH (n:{name}) WHERE n:{NODE_LABEL} RETURN n {NODE_MAP} AS p ORDER BY n.id"):
            yield node_of(r["p"])

    def edges(self, *, source: str | None = None, target: str | None = None,
              type: EdgeType | str | None = None) -> Iterator[Edge]:
        rel = f"r:{EdgeType(type).value}" if type is not None else "r"
        a = f"(a:{NODE_LABEL} {{id: $source}})" if source is not None else f"(a:{NODE_LABEL})"
        b = f"(b:{NODE_LABEL} {{id: $target}})" if target is not None else f"(b:{NODE_LABEL})"
        for r in self._stream(f"MATCH {a}-[{rel}]->{b} RETURN type(r) AS type, a.id AS source, b.id AS target,"
                              f" r {REL_MAP} AS p ORDER BY r.id", {"source": source, "target": target}):
            yield edge_of(r["type"], r["source"], r["target"], r["p"])

    def edge(self, edge_id: str) -> Edge | None:
        """One edge by id, with all its evidence (one index seek per relationship type)."""
        union = " UNION ALL ".join(
            f"MATCH (a)-[r:{t.value} {{id: $id}}]->(b) RETURN type(r) AS type, a.id AS source,"
            f" b.id AS target, r {REL_MAP} AS p" for t in EdgeType)
        rows = self._run(union, {"id": edge_id})
        return edge_of(rows[0]["type"], rows[0]["source"], rows[0]["target"], rows[0]["p"]) if rows else None

    def evidence_for(self, edge_id: str) -> list[Evidence]:
        """Every place an edge was read, sorted by file and offset (each place once)."""
        edge = self.edge(edge_id)
        if edge is None:
            return []
        return sorted(set(edge.evidence), key=lambda e: (e.file, e.start, e.end))

    def documents(self) -> list[DocumentRecord]:
        rows = self._run("MATCH (d:PGDocument) RETURN d.source_file AS f, d.sha256 AS sha, d.encoding AS enc,"
                         " d.format AS fmt, d.chars AS chars, d.ingested_at AS at ORDER BY d.source_file")
        return [DocumentRecord(r["f"], r["sha"], r["enc"], r["fmt"], r["chars"] or 0, r["at"]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Nodes per label, edges per type (zeros included), and documents."""
        parts = [f"MATCH (n:{label.value}) WITH count(n) AS c RETURN '{label.value}' AS k, c" for label in Label]
        parts += [f"MATCH ()-[r:{t.value}]->() WITH count(r) AS c RETURN '{t.value}' AS k, c" for t in EdgeType]
        parts.append("MATCH (d:PGDocument) WITH count(d) AS c RETURN 'documents' AS k, c")
        return {r["k"]: r["c"] for r in self._run(" UNION ALL ".join(parts))}

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Nodes whose name, alias, task text or evidence quote contains `text` (Traditional and
        Simplified alike): (node_id, snippet, score), best first. The full-text indexes give the
        candidates (a Lucene phrase query over the folded text); when the text holds letters or
        digits, which Lucene keeps whole inside longer tokens ("2020" in "4302020"), the TEXT
        indexes add what CONTAINS finds. Each candidate is kept only when the folded field really
        contains the folded text, as in the embedded store. Scores are Lucene's (CONTAINS-only
        hits: the share of the field matched), weighted like the embedded store's, so the order
        of hits can differ from it; the set of nodes found is the same."""
        query = fold((text or "").strip())
        if not query.strip() or limit <= 0:
            return []
        phrase = _lucene_phrase(query)
        n = limit * 4
        node_rows, quote_rows = [], []
        lucene = any(_indexed(c) for c in query)
        if lucene:
            node_rows = self._run(
                "CALL db.index.fulltext.queryNodes('pg_node_text', $q, {limit: $n}) YIELD node, score"
                " RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.text AS text, score",
                {"q": phrase, "n": n})
            quote_rows = self._run(
                "CALL db.index.fulltext.queryRelationships('pg_quote_text', $q, {limit: $n})"
                " YIELD relationship AS r, score"
                " RETURN startNode(r).id AS source, endNode(r).id AS target, r.ev_quote AS quotes, score",
                {"q": phrase, "n": n})
        if not lucene or any(c.isalnum() and not _indexed(c) for c in query):
            node_rows += self._run(
                f"MATCH (node:{NODE_LABEL}) WHERE node._search CONTAINS $q RETURN node.id AS id, node.name AS name,"
                " node.aliases AS aliases, node.text AS text, null AS score LIMIT $n", {"q": query, "n": n})
            quote_rows += self._run(" UNION ALL ".join(
                f"MATCH (a)-[r:{t.value}]->(b) WHERE r._search CONTAINS $q RETURN a.id AS source, b.id AS target,"
                " r.ev_quote AS quotes, null AS score" for t in EdgeType), {"q": query})
        best: dict[str, SearchHit] = {}

        def offer(node_id: str, field: str, raw: str, score: float | None) -> bool:
            norm = fold(raw)
            if query not in norm:
                return False
            value = (float(score) if score is not None else len(query) / max(len(norm), 1)) * _FIELD_WEIGHT[field]
            if node_id not in best or value > best[node_id][2]:
                best[node_id] = (node_id, snippet(raw, norm, query), value)
            return True

        for r in node_rows:
            offer(r["id"], "name", r["name"], r["score"])
            for alias in r["aliases"] or ():
                offer(r["id"], "alias", alias, r["score"])
            if r["text"]:
                offer(r["id"], "text", r["text"], r["score"])
        for r in quote_rows:
            for quote in dict.fromkeys(r["quotes"] or ()):
                if offer(r["source"], "quote", quote, r["score"]):
                    offer(r["target"], "quote", quote, r["score"])
        return sorted(best.values(), key=lambda h: (-h[2], h[0]))[:limit]

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self.driver.close()

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r})"
