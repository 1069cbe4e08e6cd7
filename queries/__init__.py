"""Named queries analysts ask, answered alike by every store.

Each query is a plain function `query(store, ...) -> <result value of queries.models>`. This
module checks the arguments (bad ones → `QueryError` with a message saying what is allowed),
checks that ids exist and have the right label (`NotFound` otherwise), then hands the checked
arguments to the definition for the store's kind:

    store.kind == "embedded"  →  queries/embedded.py   (networkx over the SQLite store)
    store.kind == "neo4j"     →  queries/neo4j.py      (Cypher; same functions, same results)

A store kind adds its definitions as a module with the functions named in `NAMED_QUERIES`
(minus `overview`, answered here from the store Protocol); the shared tests compare answers.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from policygraph.graph.errors import NotFound, QueryError
from policygraph.graph.model import EdgeType, Label, Node, label_of
from policygraph.graph.store import GraphStore

from .models import (
    STORE_QUERIES,
    AgencyTasks,
    DistrictPlans,
    DocumentOut,
    EdgeDetail,
    IndicatorHistory,
    Lineage,
    Neighbourhood,
    NodeDetail,
    Overview,
    PathResult,
    PlanOutline,
    PlanTargets,
    SearchResults,
    TaskOwners,
    plan_ref,
)

__all__ = [
    "NAMED_QUERIES",
    "LIMITS",
    "lineage",
    "plan_outline",
    "agency_tasks",
    "task_owners",
    "indicator_history",
    "plan_targets",
    "district_plans",
    "search",
    "neighbourhood",
    "path",
    "node_detail",
    "edge_detail",
    "overview",
]

NAMED_QUERIES = STORE_QUERIES + ("overview",)

# Hard limits: a request beyond them is refused (QueryError), not silently clipped, except
# the neighbourhood node cap, which is reported as `more`.
LIMITS = {
    "lineage_depth": 8,
    "neighbourhood_depth": 3,
    "neighbourhood_nodes": 300,
    "path_length": 12,
    "page": 500,             # limit of any paged answer
    "search_text": 200,      # characters of a search text
}

_IMPLEMENTATIONS = {
    "embedded": "policygraph.queries.embedded",
    "neo4j": "policygraph.queries.neo4j",
}


def _impl(store: GraphStore) -> ModuleType:
    kind = getattr(store, "kind", None)
    name = _IMPLEMENTATIONS.get(kind)  # type: ignore[arg-type]
    if name is None:
        raise QueryError(f"no query definitions for a store of kind {kind!r}; "
                         f"known kinds: {', '.join(_IMPLEMENTATIONS)}")
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        raise QueryError(f"the {kind} store has no query definitions yet ({name} is missing)") from exc


# ---------------------------------------------------------------------------- argument checks

def _node(store: GraphStore, node_id: str, *labels: Label) -> Node:
    if not isinstance(node_id, str) or not node_id.strip():
        raise QueryError("a node id is required, e.g. plan:0123456789abcdef (search finds ids)")
    node_id = node_id.strip()
    want = labels[0].value if len(labels) == 1 else "node"
    try:
        prefix_label = label_of(node_id)
    except Exception:
        prefix_label = None
    if labels and prefix_label is not None and prefix_label not in labels:
        raise QueryError(f"{node_id!r} is a {prefix_label.value} id; this query needs a "
                         f"{' or '.join(lb.value for lb in labels)} id")
    node = store.node(node_id)
    if node is None:
        raise NotFound(want, node_id)
    return node


def _choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise QueryError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def _int(name: str, value: Any, low: int, high: int) -> int:
    message = f"{name} must be a whole number from {low} to {high}; got {value!r}"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise QueryError(message)
    try:
        number = int(value)
    except ValueError:
        raise QueryError(message) from None
    if not (low <= number <= high):
        raise QueryError(message)
    return number


def _page(limit: Any, offset: Any) -> tuple[int, int]:
    return _int("limit", limit, 1, LIMITS["page"]), _int("offset", offset, 0, 10**9)


def _types(types: Iterable[str | EdgeType] | None) -> frozenset[EdgeType] | None:
    if types is None:
        return None
    out = set()
    for t in types:
        for part in str(t.value if isinstance(t, EdgeType) else t).split(","):
            part = part.strip().upper()
            if not part:
                continue
            try:
                out.add(EdgeType(part))
            except ValueError:
                raise QueryError(f"unknown edge type {part!r}; use any of "
                                 f"{', '.join(e.value for e in EdgeType)}") from None
    return frozenset(out) or None


# ---------------------------------------------------------------------------- the queries

def lineage(store: GraphStore, plan: str, direction: str = "both", depth: int = 3) -> Lineage:
    """Plans the plan carries out (up) and plans carrying it out (down), over IMPLEMENTS."""
    direction = _choice("direction", direction, ("up", "down", "both"))
    depth = _int("depth", depth, 1, LIMITS["lineage_depth"])
    node = _node(store, plan, Label.PLAN)
    return _impl(store).lineage(store, node, direction, depth)


def plan_outline(store: GraphStore, plan: str, limit: int = 500, offset: int = 0) -> PlanOutline:
    """The plan's task tree in document order, each task with its owners."""
    limit, offset = _page(limit, offset)
    node = _node(store, plan, Label.PLAN)
    return _impl(store).plan_outline(store, node, limit, offset)


def agency_tasks(store: GraphStore, agency: str, role: str = "any", limit: int = 100,
                 offset: int = 0) -> AgencyTasks:
    """Tasks the agency — or a predecessor or successor of it (SUPERSEDES) — is responsible for."""
    role = _choice("role", role, ("lead", "support", "any"))
    limit, offset = _page(limit, offset)
    node = _node(store, agency, Label.AGENCY)
    return _impl(store).agency_tasks(store, node, role, limit, offset)


def task_owners(store: GraphStore, task: str) -> TaskOwners:
    """The agencies responsible for a task, lead first."""
    node = _node(store, task, Label.TASK)
    return _impl(store).task_owners(store, node)


def indicator_history(store: GraphStore, indicator: str, district: str | None = None, limit: int = 500,
                      offset: int = 0) -> IndicatorHistory:
    """Every target set for the indicator, by year and level; optionally only for plans
    covering or governing `district` or a district under it."""
    limit, offset = _page(limit, offset)
    node = _node(store, indicator, Label.INDICATOR)
    where = _node(store, district, Label.DISTRICT) if district else None
    return _impl(store).indicator_history(store, node, where, limit, offset)


def plan_targets(store: GraphStore, plan: str) -> PlanTargets:
    """Every target the plan sets, itself or through one of its tasks, by year."""
    node = _node(store, plan, Label.PLAN)
    return _impl(store).plan_targets(store, node)


def district_plans(store: GraphStore, district: str, limit: int = 100, offset: int = 0) -> DistrictPlans:
    """Plans covering the district or a district under it (PART_OF), and those districts."""
    limit, offset = _page(limit, offset)
    node = _node(store, district, Label.DISTRICT)
    return _impl(store).district_plans(store, node, limit, offset)


def search(store: GraphStore, text: str, limit: int = 20, offset: int = 0) -> SearchResults:
    """Nodes whose name, aliases, task text or evidence quotes match `text` (Traditional and
    Simplified find each other)."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("search text is empty; type a name, a phrase of a task or a quote")
    text = text.strip()
    if len(text) > LIMITS["search_text"]:
        raise QueryError(f"search text is {len(text)} characters; at most {LIMITS['search_text']}")
    limit, offset = _page(limit, offset)
    return _impl(store).search(store, text, limit, offset)


def neighbourhood(store: GraphStore, node: str, depth: int = 1, types: Iterable[str] | None = None,
                  limit: int = 100) -> Neighbourhood:
    """Nodes within `depth` hops (either direction, only `types` of edge if given), at most
    `limit` of them; the rest are counted in `more`."""
    depth = _int("depth", depth, 1, LIMITS["neighbourhood_depth"])
    limit = _int("limit", limit, 1, LIMITS["neighbourhood_nodes"])
    wanted = _types(types)
    center = _node(store, node)
    return _impl(store).neighbourhood(store, center, depth, wanted, limit)


def path(store: GraphStore, a: str, b: str, max_length: int = 6) -> PathResult:
    """A shortest chain of edges (either direction) from `a` to `b`, at most `max_length` long."""
    max_length = _int("max_length", max_length, 1, LIMITS["path_length"])
    source = _node(store, a)
    target = _node(store, b)
    return _impl(store).path(store, source, target, max_length)


def node_detail(store: GraphStore, node: str, limit: int = 100, offset: int = 0) -> NodeDetail:
    """A node's properties and the edges touching it, with evidence."""
    limit, offset = _page(limit, offset)
    found = _node(store, node)
    return _impl(store).node_detail(store, found, limit, offset)


def edge_detail(store: GraphStore, edge: str) -> EdgeDetail:
    """One edge with both ends and all its evidence."""
    if not isinstance(edge, str) or not edge.startswith("edge:"):
        raise QueryError(f"an edge id looks like edge:0123456789abcdef0123; got {edge!r}")
    return _impl(store).edge_detail(store, edge.strip())


def overview(store: GraphStore) -> Overview:
    """Counts per label and edge type, the documents, and the plans that are documents."""
    docs = tuple(DocumentOut(d.source_file, d.format, d.encoding, d.chars, d.ingested_at)
                 for d in sorted(store.documents(), key=lambda d: d.source_file))
    plans = sorted((n for n in store.nodes(Label.PLAN) if getattr(n, "source_file", None)),
                   key=lambda p: (p.source_file or "", p.name))
    return Overview(dict(store.counts()), docs, tuple(plan_ref(p) for p in plans))
