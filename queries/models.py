"""The answers of the named queries: one frozen result value per query, plain data.

Every store (embedded, Neo4j) builds these same values, so a caller — the API, a notebook,
the CLI — cannot tell which store answered. Every fact an answer states carries the edge it
came from (`EdgeOut`: id, type, ends, properties and evidence: file, offsets, quote).
Nothing here knows about HTTP; FastAPI serialises these dataclasses as they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policygraph.graph.model import Edge, Evidence, Node, Plan, Task

# The queries each store kind defines (queries/embedded.py, queries/neo4j.py); queries/__init__.py
# checks arguments and dispatches to them. `overview` is answered from the store Protocol alone.
STORE_QUERIES = ("lineage", "plan_outline", "agency_tasks", "task_owners", "indicator_history",
                 "plan_targets", "district_plans", "search", "neighbourhood", "path", "node_detail",
                 "edge_detail")

__all__ = [
    "STORE_QUERIES",
    "NodeRef",
    "PlanRef",
    "TaskRef",
    "EdgeOut",
    "LineageStep",
    "Lineage",
    "Owner",
    "OutlineItem",
    "PlanOutline",
    "Rename",
    "AgencyTask",
    "AgencyTasks",
    "TaskOwners",
    "TargetRow",
    "IndicatorHistory",
    "PlanTargets",
    "DistrictBelow",
    "DistrictPlan",
    "DistrictPlans",
    "SearchHit",
    "SearchResults",
    "NeighbourNode",
    "Neighbourhood",
    "PathResult",
    "NodeDetail",
    "EdgeDetail",
    "DocumentOut",
    "Overview",
    "node_ref",
    "plan_ref",
    "task_ref",
    "edge_out",
]


# ---------------------------------------------------------------------------- references

@dataclass(frozen=True, slots=True)
class NodeRef:
    """Enough of a node to name it and link to it."""

    id: str
    label: str
    name: str


@dataclass(frozen=True, slots=True)
class PlanRef:
    """A plan with the metadata a list of plans shows."""

    id: str
    name: str
    level: str | None = None
    doc_number: str | None = None
    date: str | None = None
    kind: str | None = None
    jurisdiction: str | None = None
    source_file: str | None = None
    label: str = "Plan"


@dataclass(frozen=True, slots=True)
class TaskRef:
    """A task with its outline number and text."""

    id: str
    name: str
    number: str = ""
    text: str = ""
    plan_id: str | None = None
    label: str = "Task"


@dataclass(frozen=True, slots=True)
class EdgeOut:
    """An edge an answer used, with every place it was read."""

    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()


def node_ref(node: Node) -> NodeRef:
    return NodeRef(node.id, node.label.value, node.name)


def plan_ref(plan: Plan) -> PlanRef:
    return PlanRef(plan.id, plan.name, plan.level, plan.doc_number, plan.date, plan.kind,
                   plan.jurisdiction, plan.source_file)


def task_ref(task: Task) -> TaskRef:
    return TaskRef(task.id, task.name, task.number, task.text, task.plan_id)


def edge_out(edge: Edge) -> EdgeOut:
    evidence = tuple(sorted(edge.evidence, key=lambda e: (e.file, e.start, e.end)))
    return EdgeOut(edge.id, edge.type.value, edge.source, edge.target, dict(edge.props), evidence)


# ---------------------------------------------------------------------------- lineage

@dataclass(frozen=True, slots=True)
class LineageStep:
    """A plan reached from the root: `direction` up (the root carries it out, directly or not)
    or down (it carries out the root); `depth` counts IMPLEMENTS hops; `parent` is the plan one
    hop nearer the root and `edge` the IMPLEMENTS edge between them."""

    plan: PlanRef
    direction: str
    depth: int
    parent: str
    edge: EdgeOut


@dataclass(frozen=True, slots=True)
class Lineage:
    root: PlanRef
    up: tuple[LineageStep, ...]
    down: tuple[LineageStep, ...]


# ---------------------------------------------------------------------------- outline, owners

@dataclass(frozen=True, slots=True)
class Owner:
    """An agency responsible for a task, its role (lead/support) and the edge that says so."""

    agency: NodeRef
    role: str
    edge: EdgeOut


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """One task of a plan's outline, in document order; `parent` is the enclosing task's id
    (None at the top), `depth` 1 at the top; `edge` is its PART_OF edge."""

    task: TaskRef
    parent: str | None
    depth: int
    owners: tuple[Owner, ...]
    edge: EdgeOut | None


@dataclass(frozen=True, slots=True)
class PlanOutline:
    plan: PlanRef
    total: int                     # tasks in the whole outline; `items` is one page of them
    items: tuple[OutlineItem, ...]


@dataclass(frozen=True, slots=True)
class TaskOwners:
    task: TaskRef
    plan: PlanRef | None
    owners: tuple[Owner, ...]


# ---------------------------------------------------------------------------- agencies

@dataclass(frozen=True, slots=True)
class Rename:
    """`newer` SUPERSEDES `older` (a 机构改革 rename or merger)."""

    newer: NodeRef
    older: NodeRef
    edge: EdgeOut


@dataclass(frozen=True, slots=True)
class AgencyTask:
    """A task the agency (or `held_by`, a predecessor or successor of it) is responsible for."""

    task: TaskRef
    plan: PlanRef | None
    role: str
    held_by: NodeRef
    edge: EdgeOut


@dataclass(frozen=True, slots=True)
class AgencyTasks:
    agency: NodeRef
    renames: tuple[Rename, ...]      # the SUPERSEDES chain through the agency, both ways
    total: int
    tasks: tuple[AgencyTask, ...]


# ---------------------------------------------------------------------------- indicators

@dataclass(frozen=True, slots=True)
class TargetRow:
    """One target set for the indicator: by `plan` (directly, or through `task`)."""

    plan: PlanRef | None
    task: TaskRef | None
    level: str | None
    year: int | None
    baseline_year: int | None
    value: float | int | str | None
    comparator: str | None
    unit: str | None
    quote: str
    edge: EdgeOut


@dataclass(frozen=True, slots=True)
class IndicatorHistory:
    indicator: NodeRef
    unit: str | None
    district: NodeRef | None       # the filter, when one was given
    total: int                     # targets in all; `targets` is one page of them
    targets: tuple[TargetRow, ...]


@dataclass(frozen=True, slots=True)
class PlanTargets:
    """Every target the plan sets, itself or through its tasks."""

    plan: PlanRef
    targets: tuple[TargetRow, ...]
    indicators: dict[str, NodeRef]   # the indicator of each row, by edge id


# ---------------------------------------------------------------------------- districts

@dataclass(frozen=True, slots=True)
class DistrictBelow:
    """A district under the asked one (PART_OF, transitively) or linked by SUPERSEDES."""

    district: NodeRef
    parent: str
    depth: int
    relation: str                  # part_of / supersedes / superseded_by
    edge: EdgeOut


@dataclass(frozen=True, slots=True)
class DistrictPlan:
    """A plan that covers (COVERS), mentions (MENTIONS) or governs (its jurisdiction) `district`.
    `edges` are the COVERS/MENTIONS edges read; a jurisdiction match has none."""

    plan: PlanRef
    district: NodeRef
    relation: str                  # covers / mentions / jurisdiction
    edges: tuple[EdgeOut, ...]


@dataclass(frozen=True, slots=True)
class DistrictPlans:
    district: NodeRef
    below: tuple[DistrictBelow, ...]
    total: int
    plans: tuple[DistrictPlan, ...]


# ---------------------------------------------------------------------------- search, graph

@dataclass(frozen=True, slots=True)
class SearchHit:
    node: NodeRef
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchResults:
    text: str
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True, slots=True)
class NeighbourNode:
    node: NodeRef
    depth: int


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """Nodes within `depth` hops of `center` (either direction), capped; `more` counts the
    nodes that were within reach but left out by the cap."""

    center: NodeRef
    depth: int
    nodes: tuple[NeighbourNode, ...]
    edges: tuple[EdgeOut, ...]
    more: int


@dataclass(frozen=True, slots=True)
class PathResult:
    """A shortest path between two nodes, edges taken in either direction; empty when none."""

    source: NodeRef
    target: NodeRef
    nodes: tuple[NodeRef, ...]
    edges: tuple[EdgeOut, ...]


@dataclass(frozen=True, slots=True)
class NodeDetail:
    """A node's properties and a page of the edges touching it (`total` of them in all)."""

    node: NodeRef
    properties: dict[str, Any]
    aliases: tuple[str, ...]
    total: int
    edges: tuple[EdgeOut, ...]
    neighbours: dict[str, NodeRef]  # the other end of each listed edge, by id


@dataclass(frozen=True, slots=True)
class EdgeDetail:
    """One edge, both its ends and every place it was read."""

    edge: EdgeOut
    source: NodeRef
    target: NodeRef


@dataclass(frozen=True, slots=True)
class DocumentOut:
    source_file: str
    format: str | None
    encoding: str | None
    chars: int
    ingested_at: str


@dataclass(frozen=True, slots=True)
class Overview:
    """What is in the store: counts, documents and the plans that are documents of it."""

    counts: dict[str, int]
    documents: tuple[DocumentOut, ...]
    plans: tuple[PlanRef, ...]
