"""The named queries over the embedded store: Python and networkx over an in-memory index.

The index (nodes by id, edges by id, edges by source and by target) is built once from the
store's `nodes()`/`edges()` and kept as long as the store's cached networkx graph is the same
object, so it is rebuilt after a write. Arguments arrive checked by `queries/__init__.py`.
"""
from __future__ import annotations

import weakref
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from policygraph.graph.errors import NotFound
from policygraph.graph.model import Edge, EdgeType, Label, Node, Plan, Task, match_key

from .models import (
    STORE_QUERIES,
    AgencyTask,
    AgencyTasks,
    DistrictBelow,
    DistrictPlan,
    DistrictPlans,
    EdgeDetail,
    IndicatorHistory,
    Lineage,
    LineageStep,
    Neighbourhood,
    NeighbourNode,
    NodeDetail,
    OutlineItem,
    Owner,
    PathResult,
    PlanOutline,
    PlanTargets,
    Rename,
    SearchHit,
    SearchResults,
    TargetRow,
    TaskOwners,
    edge_out,
    node_ref,
    plan_ref,
    task_ref,
)

__all__ = list(STORE_QUERIES)

LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4, "town": 5, "zone": 6}
_DISTRICT_RANK = {"province": 0, "city": 1, "county": 2, "district": 2, "zone": 3, "town": 4}
LABEL_RANK = {Label.PLAN: 0, Label.AGENCY: 1, Label.DISTRICT: 2, Label.INDICATOR: 3, Label.TASK: 4}
_ANY_TYPE = frozenset(EdgeType)
_E = EdgeType


# ---------------------------------------------------------------------------- the index

@dataclass(frozen=True, slots=True)
class _Index:
    nodes: dict[str, Node]
    edges: dict[str, Edge]
    out: dict[str, list[Edge]]
    inn: dict[str, list[Edge]]
    graph: nx.MultiDiGraph

    def outs(self, node_id: str, *types: EdgeType) -> list[Edge]:
        return [e for e in self.out.get(node_id, ()) if not types or e.type in types]

    def ins(self, node_id: str, *types: EdgeType) -> list[Edge]:
        return [e for e in self.inn.get(node_id, ()) if not types or e.type in types]


_CACHE: "weakref.WeakKeyDictionary[Any, _Index]" = weakref.WeakKeyDictionary()


def _build(store: Any, graph: nx.MultiDiGraph | None) -> _Index:
    nodes = {n.id: n for n in store.nodes()}
    edges: dict[str, Edge] = {}
    out: dict[str, list[Edge]] = defaultdict(list)
    inn: dict[str, list[Edge]] = defaultdict(list)
    for e in store.edges():
        edges[e.id] = e
        out[e.source].append(e)
        inn[e.target].append(e)
    if graph is None:
        graph = nx.MultiDiGraph()
        for n in nodes.values():
            graph.add_node(n.id, label=n.label.value, name=n.name)
        for e in edges.values():
            graph.add_edge(e.source, e.target, key=e.id, type=e.type.value, **dict(e.props))
    return _Index(nodes, edges, dict(out), dict(inn), graph)


def _index(store: Any) -> _Index:
    """The index for the store's current graph (rebuilt when the store's graph object changes)."""
    graph_of = getattr(store, "graph", None)
    if graph_of is None:
        return _build(store, None)
    graph = graph_of()
    found = _CACHE.get(graph)
    if found is None:
        found = _build(store, graph)
        _CACHE[graph] = found
    return found


# ---------------------------------------------------------------------------- helpers

def _plan_sort(plan: Plan | None) -> tuple:
    if plan is None:
        return (99, "", "")
    return (LEVEL_RANK.get(plan.level or "", 50), plan.date or "", plan.name)


def _task_sort(task: Task) -> tuple:
    return (task.source_file or "", task.start if task.start is not None else 10**12,
            task.number, task.name)


def _plan_of_task(ix: _Index, task: Task) -> Plan | None:
    if task.plan_id and isinstance(ix.nodes.get(task.plan_id), Plan):
        return ix.nodes[task.plan_id]  # type: ignore[return-value]
    seen = {task.id}
    current = task.id
    while True:
        ups = ix.outs(current, _E.PART_OF)
        if not ups:
            return None
        current = ups[0].target
        node = ix.nodes.get(current)
        if isinstance(node, Plan):
            return node
        if current in seen or node is None:
            return None
        seen.add(current)


def _plan_of(ix: _Index, node_id: str) -> Plan | None:
    node = ix.nodes.get(node_id)
    if isinstance(node, Plan):
        return node
    if isinstance(node, Task):
        return _plan_of_task(ix, node)
    return None


def _owners(ix: _Index, task_id: str) -> tuple[Owner, ...]:
    owners = []
    for e in ix.ins(task_id, _E.RESPONSIBLE_FOR):
        agency = ix.nodes.get(e.source)
        if agency is not None:
            owners.append(Owner(node_ref(agency), str(e.get("role")), edge_out(e)))
    owners.sort(key=lambda o: (o.role != "lead", o.agency.name))
    return tuple(owners)


def _page(items: list, limit: int, offset: int) -> tuple:
    return tuple(items[offset:offset + limit])


# ---------------------------------------------------------------------------- lineage

def lineage(store: Any, plan: Node, direction: str, depth: int) -> Lineage:
    ix = _index(store)

    def walk(up: bool) -> tuple[LineageStep, ...]:
        steps: list[LineageStep] = []
        seen = {plan.id}
        frontier = [plan.id]
        for level in range(1, depth + 1):
            nxt = []
            for current in frontier:
                hops = ix.outs(current, _E.IMPLEMENTS) if up else ix.ins(current, _E.IMPLEMENTS)
                for e in sorted(hops, key=lambda e: e.id):
                    other = e.target if up else e.source
                    if other in seen or not isinstance(ix.nodes.get(other), Plan):
                        continue
                    seen.add(other)
                    nxt.append(other)
                    steps.append(LineageStep(plan_ref(ix.nodes[other]), "up" if up else "down",  # type: ignore[arg-type]
                                             level, current, edge_out(e)))
            frontier = nxt
            if not frontier:
                break
        steps.sort(key=lambda s: (s.depth, LEVEL_RANK.get(s.plan.level or "", 50), s.plan.name))
        return tuple(steps)

    up = walk(True) if direction in ("up", "both") else ()
    down = walk(False) if direction in ("down", "both") else ()
    return Lineage(plan_ref(plan), up, down)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- outline

def plan_outline(store: Any, plan: Node, limit: int, offset: int) -> PlanOutline:
    ix = _index(store)
    items: list[OutlineItem] = []
    seen = {plan.id}

    def children(parent_id: str) -> list[tuple[Task, Edge]]:
        kids = []
        for e in ix.ins(parent_id, _E.PART_OF):
            node = ix.nodes.get(e.source)
            if isinstance(node, Task) and node.id not in seen:
                seen.add(node.id)
                kids.append((node, e))
        kids.sort(key=lambda pair: _task_sort(pair[0]))
        return kids

    def visit(parent_id: str, parent: str | None, depth: int) -> None:
        for task, e in children(parent_id):
            items.append(OutlineItem(task_ref(task), parent, depth, _owners(ix, task.id), edge_out(e)))
            visit(task.id, task.id, depth + 1)

    visit(plan.id, None, 1)
    # tasks that name the plan but hang under nothing reachable (a broken PART_OF chain)
    loose = sorted((n for n in ix.nodes.values()
                    if isinstance(n, Task) and n.plan_id == plan.id and n.id not in seen), key=_task_sort)
    for task in loose:
        seen.add(task.id)
        items.append(OutlineItem(task_ref(task), None, 1, _owners(ix, task.id), None))
    return PlanOutline(plan_ref(plan), len(items), _page(items, limit, offset))  # type: ignore[arg-type]


def task_owners(store: Any, task: Node) -> TaskOwners:
    ix = _index(store)
    plan = _plan_of_task(ix, task)  # type: ignore[arg-type]
    return TaskOwners(task_ref(task), plan_ref(plan) if plan else None, _owners(ix, task.id))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- agencies

def _supersedes_chain(ix: _Index, start: str, label: Label) -> tuple[list[str], list[Rename]]:
    """Nodes linked to `start` by SUPERSEDES either way (transitively), and the renames."""
    chain = [start]
    seen = {start}
    renames: dict[str, Rename] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for e in ix.outs(current, _E.SUPERSEDES) + ix.ins(current, _E.SUPERSEDES):
            newer, older = ix.nodes.get(e.source), ix.nodes.get(e.target)
            if newer is None or older is None or newer.label is not label or older.label is not label:
                continue
            renames.setdefault(e.id, Rename(node_ref(newer), node_ref(older), edge_out(e)))
            other = older.id if newer.id == current else newer.id
            if other not in seen:
                seen.add(other)
                chain.append(other)
                queue.append(other)
    ordered = sorted(renames.values(), key=lambda r: (r.edge.props.get("year") or 0, r.newer.name))
    return chain, ordered


def agency_tasks(store: Any, agency: Node, role: str, limit: int, offset: int) -> AgencyTasks:
    ix = _index(store)
    chain, renames = _supersedes_chain(ix, agency.id, Label.AGENCY)
    rows: list[tuple[tuple, AgencyTask]] = []
    for holder_id in chain:
        holder = ix.nodes[holder_id]
        for e in ix.outs(holder_id, _E.RESPONSIBLE_FOR):
            if role != "any" and e.get("role") != role:
                continue
            task = ix.nodes.get(e.target)
            if not isinstance(task, Task):
                continue
            plan = _plan_of_task(ix, task)
            row = AgencyTask(task_ref(task), plan_ref(plan) if plan else None, str(e.get("role")),
                             node_ref(holder), edge_out(e))
            rows.append(((_plan_sort(plan), plan.id if plan else "", _task_sort(task), row.role), row))
    rows.sort(key=lambda pair: pair[0])
    tasks = [row for _, row in rows]
    return AgencyTasks(node_ref(agency), tuple(renames), len(tasks), _page(tasks, limit, offset))


# ---------------------------------------------------------------------------- districts

def _districts_below(ix: _Index, district: Node) -> list[DistrictBelow]:
    below: list[DistrictBelow] = []
    seen = {district.id}
    frontier = [district.id]
    depth = 0
    while frontier:
        depth += 1
        nxt = []
        for current in frontier:
            links = [(e, e.source, "part_of") for e in ix.ins(current, _E.PART_OF)]
            links += [(e, e.target, "supersedes") for e in ix.outs(current, _E.SUPERSEDES)]
            links += [(e, e.source, "superseded_by") for e in ix.ins(current, _E.SUPERSEDES)]
            for e, other, relation in sorted(links, key=lambda x: x[0].id):
                node = ix.nodes.get(other)
                if other in seen or node is None or node.label is not Label.DISTRICT:
                    continue
                seen.add(other)
                nxt.append(other)
                below.append(DistrictBelow(node_ref(node), current, depth, relation, edge_out(e)))
        frontier = nxt
    below.sort(key=lambda b: (b.depth, _DISTRICT_RANK.get(getattr(ix.nodes[b.district.id], "level", None) or "", 50),
                              b.district.name))
    return below


def _plans_for_districts(ix: _Index, district_ids: list[str], relations: Iterable[str]) -> list[DistrictPlan]:
    """(plan, district, relation) rows for the districts, grouped, edges attached."""
    relations = set(relations)
    grouped: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for d in district_ids:
        for e in ix.ins(d, _E.COVERS, _E.MENTIONS):
            relation = "covers" if e.type is _E.COVERS else "mentions"
            if relation not in relations:
                continue
            plan = _plan_of(ix, e.source)
            if plan is not None:
                grouped[(plan.id, d, relation)].append(e)
    rows = [DistrictPlan(plan_ref(ix.nodes[p]), node_ref(ix.nodes[d]), rel,  # type: ignore[arg-type]
                         tuple(edge_out(e) for e in sorted(es, key=lambda e: e.id)))
            for (p, d, rel), es in grouped.items()]
    if "jurisdiction" in relations:
        keys: dict[str, str] = {}
        for d in district_ids:
            node = ix.nodes[d]
            for name in (node.name, *node.aliases):
                keys.setdefault(match_key(name), d)
        had = {(p, d) for (p, d, _rel) in grouped}
        for node in ix.nodes.values():
            if isinstance(node, Plan) and node.jurisdiction:
                d = keys.get(match_key(node.jurisdiction))
                if d is not None and (node.id, d) not in had:
                    rows.append(DistrictPlan(plan_ref(node), node_ref(ix.nodes[d]), "jurisdiction", ()))
    order = {"covers": 0, "jurisdiction": 1, "mentions": 2}
    by_id = {d: i for i, d in enumerate(district_ids)}
    rows.sort(key=lambda r: (by_id[r.district.id], order[r.relation], LEVEL_RANK.get(r.plan.level or "", 50),
                             r.plan.date or "", r.plan.name))
    return rows


def district_plans(store: Any, district: Node, limit: int, offset: int) -> DistrictPlans:
    ix = _index(store)
    below = _districts_below(ix, district)
    ids = [district.id] + [b.district.id for b in below]
    rows = _plans_for_districts(ix, ids, ("covers", "jurisdiction", "mentions"))
    return DistrictPlans(node_ref(district), tuple(below), len(rows), _page(rows, limit, offset))


# ---------------------------------------------------------------------------- indicators

def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _target_row(ix: _Index, e: Edge, indicator: Node) -> TargetRow:
    source = ix.nodes.get(e.source)
    plan = _plan_of(ix, e.source)
    task = source if isinstance(source, Task) else None
    quote = min(e.evidence, key=lambda ev: (ev.file, ev.start)).quote
    return TargetRow(
        plan_ref(plan) if plan else None, task_ref(task) if task else None,
        plan.level if plan else None, e.get("year"), e.get("baseline_year"), _number(e.get("value")),
        e.get("comparator"), e.get("unit") or getattr(indicator, "unit", None), quote, edge_out(e))


def _target_sort(r: TargetRow) -> tuple:
    return (r.year if isinstance(r.year, int) else 10**6, LEVEL_RANK.get(r.level or "", 50),
            r.plan.name if r.plan else "", r.edge.id)


def indicator_history(store: Any, indicator: Node, district: Node | None, limit: int,
                      offset: int) -> IndicatorHistory:
    ix = _index(store)
    allowed: set[str] | None = None
    if district is not None:
        ids = [district.id] + [b.district.id for b in _districts_below(ix, district)]
        allowed = {r.plan.id for r in _plans_for_districts(ix, ids, ("covers", "jurisdiction"))}
    rows: list[TargetRow] = []
    for e in ix.ins(indicator.id, _E.SETS_TARGET):
        row = _target_row(ix, e, indicator)
        if allowed is not None and (row.plan is None or row.plan.id not in allowed):
            continue
        rows.append(row)
    rows.sort(key=_target_sort)
    return IndicatorHistory(node_ref(indicator), getattr(indicator, "unit", None),
                            node_ref(district) if district else None, len(rows), _page(rows, limit, offset))


def plan_targets(store: Any, plan: Node) -> PlanTargets:
    ix = _index(store)
    rows: list[TargetRow] = []
    indicators = {}
    for e in ix.edges.values():
        if e.type is _E.SETS_TARGET and e.target in ix.nodes:
            owner = _plan_of(ix, e.source)
            if owner is not None and owner.id == plan.id:
                indicator = ix.nodes[e.target]
                rows.append(_target_row(ix, e, indicator))
                indicators[e.id] = node_ref(indicator)
    rows.sort(key=_target_sort)
    return PlanTargets(plan_ref(plan), tuple(rows), indicators)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- search

def search(store: Any, text: str, limit: int, offset: int) -> SearchResults:
    ix = _index(store)
    rows = store.search(text, limit=limit + offset)
    hits = []
    for node_id, snippet, score in rows:
        node = ix.nodes.get(node_id)
        if node is not None:
            hits.append(SearchHit(node_ref(node), snippet or "", float(score)))
    return SearchResults(text, _page(hits, limit, offset))


# ---------------------------------------------------------------------------- graph views

def _other(e: Edge, node_id: str) -> str:
    return e.target if e.source == node_id else e.source


def neighbourhood(store: Any, center: Node, depth: int, types: frozenset[EdgeType] | None,
                  limit: int) -> Neighbourhood:
    ix = _index(store)
    wanted = types or _ANY_TYPE
    reached: dict[str, int] = {center.id: 0}
    frontier = [center.id]
    for level in range(1, depth + 1):
        nxt = []
        for current in frontier:
            for e in ix.out.get(current, []) + ix.inn.get(current, []):
                other = _other(e, current)
                if e.type in wanted and other not in reached and other in ix.nodes:
                    reached[other] = level
                    nxt.append(other)
        frontier = nxt

    def rank(node_id: str) -> tuple:
        n = ix.nodes[node_id]
        return (reached[node_id], LABEL_RANK.get(n.label, 9), n.name, n.id)

    others = sorted((n for n in reached if n != center.id), key=rank)
    kept = [center.id] + others[:limit - 1] if limit > 1 else [center.id]
    keep = set(kept)
    edges: dict[str, Edge] = {}
    for node_id in kept:
        for e in ix.out.get(node_id, ()):
            if e.type in wanted and e.target in keep:
                edges[e.id] = e
    nodes = tuple(NeighbourNode(node_ref(ix.nodes[n]), reached[n]) for n in kept)
    ordered = tuple(edge_out(e) for e in sorted(edges.values(), key=lambda e: (e.type.value, e.id)))
    return Neighbourhood(node_ref(center), depth, nodes, ordered, len(reached) - len(kept))


def path(store: Any, source: Node, target: Node, max_length: int) -> PathResult:
    ix = _index(store)
    if source.id == target.id:
        return PathResult(node_ref(source), node_ref(target), (node_ref(source),), ())
    undirected = ix.graph.to_undirected(as_view=True)
    try:
        hops = nx.bidirectional_shortest_path(undirected, source.id, target.id)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        hops = []
    if not hops or len(hops) - 1 > max_length:
        return PathResult(node_ref(source), node_ref(target), (), ())
    edges = []
    for a, b in zip(hops, hops[1:]):
        between = [e for e in ix.out.get(a, ()) if e.target == b] + [e for e in ix.out.get(b, ()) if e.target == a]
        edges.append(edge_out(min(between, key=lambda e: (e.type.value, e.id))))
    return PathResult(node_ref(source), node_ref(target), tuple(node_ref(ix.nodes[n]) for n in hops), tuple(edges))


def node_detail(store: Any, node: Node, limit: int, offset: int) -> NodeDetail:
    ix = _index(store)
    touching = {e.id: e for e in ix.out.get(node.id, []) + ix.inn.get(node.id, [])}

    def rank(e: Edge) -> tuple:
        other = ix.nodes.get(_other(e, node.id))
        return (e.source != node.id, e.type.value, LABEL_RANK.get(other.label, 9) if other else 9,
                other.name if other else "", e.id)

    ordered = sorted(touching.values(), key=rank)
    page = ordered[offset:offset + limit]
    neighbours = {}
    for e in page:
        other = ix.nodes.get(_other(e, node.id))
        if other is not None:
            neighbours[other.id] = node_ref(other)
    props = {k: v for k, v in node.properties().items()}
    return NodeDetail(node_ref(node), props, tuple(node.aliases), len(ordered),
                      tuple(edge_out(e) for e in page), neighbours)


def edge_detail(store: Any, edge_id: str) -> EdgeDetail:
    ix = _index(store)
    edge = ix.edges.get(edge_id)
    if edge is None:
        raise NotFound("edge", edge_id)
    return EdgeDetail(edge_out(edge), node_ref(ix.nodes[edge.source]), node_ref(ix.nodes[edge.target]))
