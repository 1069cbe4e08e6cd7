"""The named queries over the Neo4j store: Cypher finds the part of the graph a question needs.

Each definition asks the server, in Cypher with `$parameters` over the id constraints and
indexes, for the small subgraph its question touches (IMPLEMENTS hops level by level for a
lineage, the PART_OF tree of a plan and its owners, an agency's SUPERSEDES chain and its
RESPONSIBLE_FOR edges, the districts below a district, SETS_TARGET edges into an indicator, a
shortest path, a neighbourhood ball) and then shapes the answer with the embedded definitions
run over that subgraph, so both stores sort, page and break ties alike and return the same
result values. Search uses the Neo4j full-text indexes (`Neo4jStore.search`); path uses
Cypher `shortestPath` (any one shortest path: the embedded store may pick another of the same
length; docs/decisions/0010-neo4j.md).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from policygraph.graph.errors import ModelError, NotFound
from policygraph.graph.model import Edge, EdgeType, Label, Node, Plan, Task, label_of, match_key
from policygraph.graph.neo4j_store import NODE_LABEL, NODE_MAP, REL_MAP, edge_of, node_of

from . import embedded as shape
from .models import (
    STORE_QUERIES,
    AgencyTasks,
    DistrictPlans,
    EdgeDetail,
    IndicatorHistory,
    Lineage,
    Neighbourhood,
    NeighbourNode,
    NodeDetail,
    PathResult,
    PlanOutline,
    PlanTargets,
    SearchHit,
    SearchResults,
    TaskOwners,
    edge_out,
    node_ref,
)

__all__ = list(STORE_QUERIES)

_E = EdgeType
# What a query returns for a relationship `r` and for a node `n` (bookkeeping stays on the server).
_REL = f"type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, r {REL_MAP} AS p"
_NODE = f"n {NODE_MAP} AS node"


class _Subgraph:
    """Nodes and edges read from the server, offered through the store methods the embedded
    definitions use (nodes and edges in id order, as the stores give them)."""

    kind = "neo4j-subgraph"

    def __init__(self) -> None:
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, Edge] = {}

    def add(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> "_Subgraph":
        for n in nodes:
            self._nodes[n.id] = n
        for e in edges:
            self._edges[e.id] = e
        return self

    def has(self, node_id: str) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def nodes(self, label: Label | None = None) -> list[Node]:
        return [self._nodes[i] for i in sorted(self._nodes) if label is None or self._nodes[i].label is label]

    def edges(self, **_: Any) -> list[Edge]:
        return [self._edges[i] for i in sorted(self._edges)]


# ---------------------------------------------------------------------------- reading helpers

def _edges(rows: Iterable[Any]) -> list[Edge]:
    return [edge_of(r["type"], r["source"], r["target"], r["p"]) for r in rows]


def _nodes(store: Any, ids: Iterable[str]) -> list[Node]:
    ids = sorted(set(ids))
    if not ids:
        return []
    rows = store.read(f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) RETURN {_NODE}", ids=ids)
    return [node_of(r["node"]) for r in rows]


def _hop(store: Any, ids: Iterable[str], type_: EdgeType, direction: str, *,
         own: Label | None = None, other: Label | None = None) -> tuple[list[Edge], list[Node]]:
    """Edges of `type_` out of (`direction` "out") or into ("in") the nodes `ids`, with their
    other ends; `own` / `other` restrict the labels of the two ends."""
    ids = sorted(set(ids))
    if not ids:
        return [], []
    a = f"a:{own.value}" if own else f"a:{NODE_LABEL}"
    n = f"n:{other.value}" if other else f"n:{NODE_LABEL}"
    pattern = f"({a} {{id: id}})-[r:{type_.value}]->({n})" if direction == "out" \
        else f"({a} {{id: id}})<-[r:{type_.value}]-({n})"
    rows = store.read(f"UNWIND $ids AS id MATCH {pattern} RETURN {_REL}, {_NODE}", ids=ids)
    return _edges(rows), [node_of(r["node"]) for r in rows]


def _add_hop(sub: _Subgraph, store: Any, ids: Iterable[str], type_: EdgeType, direction: str,
             **labels: Label | None) -> list[Node]:
    edges, nodes = _hop(store, ids, type_, direction, **labels)
    sub.add(nodes, edges)
    return nodes


def _add_plans(sub: _Subgraph, store: Any, tasks: Iterable[Node]) -> None:
    """What finding the plan of each task needs: its plan_id node, and when that is not a plan,
    every PART_OF edge above the task (the embedded walk takes the first by id at each step)."""
    tasks = [t for t in tasks if isinstance(t, Task)]
    sub.add(_nodes(store, {t.plan_id for t in tasks if t.plan_id and not sub.has(t.plan_id)}))
    walk = sorted({t.id for t in tasks if not isinstance(sub.node(t.plan_id or ""), Plan)})
    if walk:
        rows = store.read(
            f"UNWIND $ids AS id MATCH (t:Task {{id: id}})-[:PART_OF*0..]->(x)-[r:PART_OF]->(n) "
            f"RETURN DISTINCT {_REL}, {_NODE}, x {NODE_MAP} AS x", ids=walk)
        sub.add([node_of(r["node"]) for r in rows] + [node_of(r["x"]) for r in rows], _edges(rows))


def _closure(store: Any, start: str, step: str) -> tuple[list[Edge], list[Node]]:
    """Breadth-first closure from `start`: `step` is a Cypher pattern from `(a … {id: id})` to
    `(n)` over `r`; returns every edge and node met."""
    seen = {start}
    frontier = [start]
    edges: dict[str, Edge] = {}
    nodes: dict[str, Node] = {}
    while frontier:
        rows = store.read(f"UNWIND $ids AS id MATCH {step} RETURN {_REL}, {_NODE}", ids=frontier)
        nxt = []
        for e, r in zip(_edges(rows), rows):
            edges[e.id] = e
            n = node_of(r["node"])
            nodes[n.id] = n
            if n.id not in seen:
                seen.add(n.id)
                nxt.append(n.id)
        frontier = sorted(nxt)
    return list(edges.values()), list(nodes.values())


_BELOW = ("(a:District {id: id})-[r:PART_OF|SUPERSEDES]-(n:District)"
          " WHERE type(r) = 'SUPERSEDES' OR endNode(r) = a")


def _add_district_plans(sub: _Subgraph, store: Any, district: Node, relations: tuple[str, ...]) -> None:
    """The districts below `district` (PART_OF in, SUPERSEDES either way) and what covers,
    mentions or governs them: the embedded `_plans_for_districts` reads no more."""
    edges, nodes = _closure(store, district.id, _BELOW)
    sub.add([district, *nodes], edges)
    ids = sorted({district.id, *(n.id for n in nodes)})
    sources: list[Node] = []
    for type_ in (_E.COVERS, _E.MENTIONS):
        sources += _add_hop(sub, store, ids, type_, "in")
    _add_plans(sub, store, sources)
    if "jurisdiction" in relations:
        keys = sorted({match_key(name) for n in [district, *nodes] for name in (n.name, *n.aliases)} - {""})
        rows = store.read("MATCH (n:Plan) WHERE n._jkey IN $keys RETURN " + _NODE, keys=keys)
        sub.add(node_of(r["node"]) for r in rows)


# ---------------------------------------------------------------------------- lineage, outline

def lineage(store: Any, plan: Node, direction: str, depth: int) -> Lineage:
    sub = _Subgraph().add([plan])
    for way in ("up", "down"):
        if direction not in (way, "both"):
            continue
        seen, frontier = {plan.id}, [plan.id]
        for _ in range(depth):
            nodes = _add_hop(sub, store, frontier, _E.IMPLEMENTS, "out" if way == "up" else "in",
                             own=Label.PLAN, other=Label.PLAN)
            frontier = sorted({n.id for n in nodes} - seen)
            seen.update(frontier)
            if not frontier:
                break
    return shape.lineage(sub, plan, direction, depth)


def _plan_tasks(store: Any, plan: Node) -> list[Node]:
    """Tasks under the plan (PART_OF, transitively) and tasks naming it as their plan."""
    rows = store.read(
        "MATCH (p:Plan {id: $id}) OPTIONAL MATCH (p)<-[:PART_OF*]-(t:Task) WITH collect(DISTINCT t) AS below "
        "OPTIONAL MATCH (l:Task {plan_id: $id}) WITH below, collect(l) AS loose UNWIND below + loose AS n "
        "WITH DISTINCT n RETURN " + _NODE, id=plan.id)
    return [node_of(r["node"]) for r in rows]


def plan_outline(store: Any, plan: Node, limit: int, offset: int) -> PlanOutline:
    tasks = _plan_tasks(store, plan)
    sub = _Subgraph().add([plan, *tasks])
    ids = [plan.id, *(t.id for t in tasks)]
    _add_hop(sub, store, ids, _E.PART_OF, "in", other=Label.TASK)
    _add_hop(sub, store, [t.id for t in tasks], _E.RESPONSIBLE_FOR, "in", own=Label.TASK)
    return shape.plan_outline(sub, plan, limit, offset)


def task_owners(store: Any, task: Node) -> TaskOwners:
    sub = _Subgraph().add([task])
    _add_plans(sub, store, [task])
    _add_hop(sub, store, [task.id], _E.RESPONSIBLE_FOR, "in", own=Label.TASK)
    return shape.task_owners(sub, task)


# ---------------------------------------------------------------------------- agencies, districts

def agency_tasks(store: Any, agency: Node, role: str, limit: int, offset: int) -> AgencyTasks:
    edges, nodes = _closure(store, agency.id, "(a:Agency {id: id})-[r:SUPERSEDES]-(n:Agency)")
    sub = _Subgraph().add([agency, *nodes], edges)
    chain = sorted({agency.id, *(n.id for n in nodes)})
    held, tasks = _hop(store, chain, _E.RESPONSIBLE_FOR, "out", own=Label.AGENCY)
    sub.add(tasks, [e for e in held if role == "any" or e.get("role") == role])
    _add_plans(sub, store, tasks)
    return shape.agency_tasks(sub, agency, role, limit, offset)


def district_plans(store: Any, district: Node, limit: int, offset: int) -> DistrictPlans:
    sub = _Subgraph()
    _add_district_plans(sub, store, district, ("covers", "jurisdiction", "mentions"))
    return shape.district_plans(sub, district, limit, offset)


# ---------------------------------------------------------------------------- indicators

def indicator_history(store: Any, indicator: Node, district: Node | None, limit: int,
                      offset: int) -> IndicatorHistory:
    sub = _Subgraph().add([indicator])
    sources = _add_hop(sub, store, [indicator.id], _E.SETS_TARGET, "in", own=Label.INDICATOR)
    _add_plans(sub, store, sources)
    if district is not None:
        _add_district_plans(sub, store, district, ("covers", "jurisdiction"))
    return shape.indicator_history(sub, indicator, district, limit, offset)


def plan_targets(store: Any, plan: Node) -> PlanTargets:
    tasks = _plan_tasks(store, plan)
    sub = _Subgraph().add([plan, *tasks])
    _add_hop(sub, store, [plan.id, *(t.id for t in tasks)], _E.SETS_TARGET, "out", other=Label.INDICATOR)
    _add_plans(sub, store, tasks)
    return shape.plan_targets(sub, plan)


# ---------------------------------------------------------------------------- search

def search(store: Any, text: str, limit: int, offset: int) -> SearchResults:
    rows = store.search(text, limit=limit + offset)
    found = {n.id: n for n in _nodes(store, [r[0] for r in rows])}
    hits = [SearchHit(node_ref(found[i]), snippet or "", float(score))
            for i, snippet, score in rows if i in found]
    return SearchResults(text, tuple(hits[offset:offset + limit]))


# ---------------------------------------------------------------------------- graph views

def neighbourhood(store: Any, center: Node, depth: int, types: frozenset[EdgeType] | None,
                  limit: int) -> Neighbourhood:
    wanted = sorted(t.value for t in (types or EdgeType))
    reached: dict[str, int] = {center.id: 0}
    names: dict[str, str] = {center.id: center.name}
    frontier = [center.id]
    for level in range(1, depth + 1):
        if not frontier:
            break
        rows = store.read(f"UNWIND $ids AS id MATCH (a:{NODE_LABEL} {{id: id}})-[r]-(n:{NODE_LABEL})"
                          " WHERE type(r) IN $types RETURN DISTINCT n.id AS id, n.name AS name",
                          ids=frontier, types=wanted)
        nxt = []
        for r in rows:
            if r["id"] not in reached:
                reached[r["id"]] = level
                names[r["id"]] = r["name"]
                nxt.append(r["id"])
        frontier = sorted(nxt)

    def rank(node_id: str) -> tuple:
        return (reached[node_id], shape.LABEL_RANK.get(_label(node_id), 9), names[node_id], node_id)

    others = sorted((n for n in reached if n != center.id), key=rank)
    kept = [center.id] + others[:limit - 1] if limit > 1 else [center.id]
    rows = store.read(f"UNWIND $ids AS id MATCH (a:{NODE_LABEL} {{id: id}})-[r]->(b:{NODE_LABEL})"
                      f" WHERE type(r) IN $types AND b.id IN $ids RETURN {_REL}", ids=kept, types=wanted)
    edges = sorted({e.id: e for e in _edges(rows)}.values(), key=lambda e: (e.type.value, e.id))
    found = {n.id: n for n in _nodes(store, kept)}
    found[center.id] = center
    nodes = tuple(NeighbourNode(node_ref(found[n]), reached[n]) for n in kept)
    return Neighbourhood(node_ref(center), depth, nodes, tuple(edge_out(e) for e in edges),
                         len(reached) - len(kept))


def _label(node_id: str) -> Label | None:
    try:
        return label_of(node_id)
    except ModelError:
        return None


# shortestPath needs a literal upper bound: one query text per allowed length (1..12).
_SHORTEST = {n: f"MATCH (s:{NODE_LABEL} {{id: $a}}), (t:{NODE_LABEL} {{id: $b}}) "
                f"MATCH p = shortestPath((s)-[*..{n}]-(t)) RETURN [x IN nodes(p) | x.id] AS ids"
             for n in range(1, 13)}


def path(store: Any, source: Node, target: Node, max_length: int) -> PathResult:
    if source.id == target.id:
        return PathResult(node_ref(source), node_ref(target), (node_ref(source),), ())
    rows = store.read(_SHORTEST[min(max_length, max(_SHORTEST))], a=source.id, b=target.id)
    hops = list(rows[0]["ids"]) if rows else []
    if not hops or len(hops) - 1 > max_length:
        return PathResult(node_ref(source), node_ref(target), (), ())
    pairs = [[a, b] for a, b in zip(hops, hops[1:])]
    rows = store.read(f"UNWIND $pairs AS pr MATCH (a:{NODE_LABEL} {{id: pr[0]}})-[r]-(b:{NODE_LABEL} {{id: pr[1]}})"
                      f" RETURN pr[0] AS x, pr[1] AS y, {_REL}", pairs=pairs)
    between: dict[tuple[str, str], list[Edge]] = {}
    for r, e in zip(rows, _edges(rows)):
        between.setdefault((r["x"], r["y"]), []).append(e)
    edges = [min(between[(a, b)], key=lambda e: (e.type.value, e.id)) for a, b in pairs]
    found = {n.id: n for n in _nodes(store, hops)}
    return PathResult(node_ref(source), node_ref(target), tuple(node_ref(found[n]) for n in hops),
                      tuple(edge_out(e) for e in edges))


def node_detail(store: Any, node: Node, limit: int, offset: int) -> NodeDetail:
    rows = store.read(f"MATCH (a:{NODE_LABEL} {{id: $id}})-[r]-(n:{NODE_LABEL}) RETURN {_REL}, {_NODE}", id=node.id)
    sub = _Subgraph().add([node_of(r["node"]) for r in rows], _edges(rows)).add([node])
    return shape.node_detail(sub, node, limit, offset)


def edge_detail(store: Any, edge_id: str) -> EdgeDetail:
    edge = store.edge(edge_id)
    if edge is None:
        raise NotFound("edge", edge_id)
    sub = _Subgraph().add(_nodes(store, [edge.source, edge.target]), [edge])
    return shape.edge_detail(sub, edge_id)
