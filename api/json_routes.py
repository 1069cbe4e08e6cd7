"""JSON endpoints under /api: one per named query, plus nodes, edges and graph-view data.

Each endpoint parses its parameters (bounds from `queries.LIMITS`, so /docs shows them), calls
one named query and returns its result value as is; errors go to the app's one handler.
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from policygraph import queries
from policygraph.graph.store import GraphStore
from policygraph.queries.models import (
    AgencyTasks,
    DistrictPlans,
    EdgeDetail,
    IndicatorHistory,
    Lineage,
    Neighbourhood,
    NodeDetail,
    Overview,
    PathResult,
    PlanOutline,
    SearchResults,
    TaskOwners,
)

from .app import get_store
from .graphview import GraphData, lineage_graph, neighbourhood_graph

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["queries"])

Store = Annotated[GraphStore, Depends(get_store)]
L = queries.LIMITS
Limit = Annotated[int, Query(ge=1, le=L["page"], description=f"page size, at most {L['page']}")]
Offset = Annotated[int, Query(ge=0, description="how many results to skip")]


@router.get("/overview", response_model=Overview, summary="What is in the store")
def overview(store: Store) -> Overview:
    return queries.overview(store)


@router.get("/search", response_model=SearchResults, summary="Find nodes by name, task text or quote")
def search(store: Store,
           q: Annotated[str, Query(min_length=1, max_length=L["search_text"],
                                   description="text to find; Traditional and Simplified find each other")],
           limit: Limit = 20, offset: Offset = 0) -> SearchResults:
    return queries.search(store, q, limit=limit, offset=offset)


@router.get("/nodes/{node_id}", response_model=NodeDetail, summary="A node: properties, edges, evidence")
def node(store: Store, node_id: str, limit: Limit = 100, offset: Offset = 0) -> NodeDetail:
    return queries.node_detail(store, node_id, limit=limit, offset=offset)


@router.get("/edges/{edge_id}", response_model=EdgeDetail, summary="An edge, its two ends and its evidence")
def edge(store: Store, edge_id: str) -> EdgeDetail:
    return queries.edge_detail(store, edge_id)


@router.get("/plans/{plan_id}/lineage", response_model=Lineage,
            summary="Plans this plan carries out (up) and plans carrying it out (down)")
def lineage(store: Store, plan_id: str,
            direction: Literal["up", "down", "both"] = "both",
            depth: Annotated[int, Query(ge=1, le=L["lineage_depth"])] = 3) -> Lineage:
    return queries.lineage(store, plan_id, direction=direction, depth=depth)


@router.get("/plans/{plan_id}/outline", response_model=PlanOutline, summary="The plan's task tree with owners")
def plan_outline(store: Store, plan_id: str, limit: Limit = 500, offset: Offset = 0) -> PlanOutline:
    return queries.plan_outline(store, plan_id, limit=limit, offset=offset)


@router.get("/agencies/{agency_id}/tasks", response_model=AgencyTasks,
            summary="Tasks of an agency and of its predecessors and successors")
def agency_tasks(store: Store, agency_id: str, role: Literal["lead", "support", "any"] = "any",
                 limit: Limit = 100, offset: Offset = 0) -> AgencyTasks:
    return queries.agency_tasks(store, agency_id, role=role, limit=limit, offset=offset)


@router.get("/tasks/{task_id}/owners", response_model=TaskOwners, summary="Agencies responsible for a task")
def task_owners(store: Store, task_id: str) -> TaskOwners:
    return queries.task_owners(store, task_id)


@router.get("/indicators/{indicator_id}/history", response_model=IndicatorHistory,
            summary="Every target set for an indicator, by year and level")
def indicator_history(store: Store, indicator_id: str,
                      district: Annotated[str | None, Query(description="only plans covering this district id "
                                                            "or a district under it")] = None,
                      limit: Limit = 500, offset: Offset = 0) -> IndicatorHistory:
    return queries.indicator_history(store, indicator_id, district=district, limit=limit, offset=offset)


@router.get("/districts/{district_id}/plans", response_model=DistrictPlans,
            summary="Plans covering a district or the districts under it")
def district_plans(store: Store, district_id: str, limit: Limit = 100, offset: Offset = 0) -> DistrictPlans:
    return queries.district_plans(store, district_id, limit=limit, offset=offset)


@router.get("/nodes/{node_id}/neighbourhood", response_model=Neighbourhood,
            summary="Nodes within a few hops of a node")
def neighbourhood(store: Store, node_id: str,
                  depth: Annotated[int, Query(ge=1, le=L["neighbourhood_depth"])] = 1,
                  types: Annotated[str | None, Query(description="comma-separated edge types, e.g. "
                                                     "IMPLEMENTS,PART_OF")] = None,
                  limit: Annotated[int, Query(ge=1, le=L["neighbourhood_nodes"])] = 100) -> Neighbourhood:
    return queries.neighbourhood(store, node_id, depth=depth, types=[types] if types else None, limit=limit)


@router.get("/path", response_model=PathResult, summary="A shortest chain of edges between two nodes")
def path(store: Store, a: Annotated[str, Query(description="first node id")],
         b: Annotated[str, Query(description="second node id")],
         max_length: Annotated[int, Query(ge=1, le=L["path_length"])] = 6) -> PathResult:
    return queries.path(store, a, b, max_length=max_length)


@router.get("/graph/neighbourhood/{node_id}", response_model=GraphData, tags=["graph views"],
            summary="Neighbourhood as nodes and edges ready for the graph canvas")
def neighbourhood_view(store: Store, node_id: str,
                       depth: Annotated[int, Query(ge=1, le=L["neighbourhood_depth"])] = 1,
                       types: Annotated[str | None, Query()] = None,
                       limit: Annotated[int, Query(ge=1, le=L["neighbourhood_nodes"])] = 60) -> GraphData:
    return neighbourhood_graph(queries.neighbourhood(store, node_id, depth=depth,
                                                     types=[types] if types else None, limit=limit))


@router.get("/graph/lineage/{plan_id}", response_model=GraphData, tags=["graph views"],
            summary="Lineage tree of a plan ready for the graph canvas")
def lineage_view(store: Store, plan_id: str,
                 depth: Annotated[int, Query(ge=1, le=L["lineage_depth"])] = 3) -> GraphData:
    return lineage_graph(queries.lineage(store, plan_id, direction="both", depth=depth))
