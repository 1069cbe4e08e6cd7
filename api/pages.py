"""HTML pages over the named queries: home, search, one page per label, edge evidence and
the graph views. Server-rendered, usable without JavaScript except the graph canvas; every
fact shows its evidence (file, offsets, quote) and links to the edge's page.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from policygraph import queries
from policygraph.graph.errors import NotFound, QueryError
from policygraph.graph.model import label_of
from policygraph.graph.store import GraphStore

from .app import get_store
from .charts import target_chart
from .graphview import STYLE, lineage_graph, neighbourhood_graph
from .templating import node_url, templates

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Store = Annotated[GraphStore, Depends(get_store)]
L = queries.LIMITS


def _page(request: Request, name: str, **context):
    return templates.TemplateResponse(request, name, context)


@router.get("/")
def home(request: Request, store: Store):
    return _page(request, "home.html", overview=queries.overview(store), q="")


@router.get("/search")
def search(request: Request, store: Store, q: str = "",
           offset: Annotated[int, Query(ge=0)] = 0):
    results = queries.search(store, q, limit=50, offset=offset) if q.strip() else None
    return _page(request, "search.html", q=q, results=results, offset=offset)


@router.get("/nodes/{node_id}")
def node(request: Request, store: Store, node_id: str):
    try:
        label = label_of(node_id)
    except Exception:
        raise QueryError(f"{node_id!r} is not a node id; ids look like plan:0123456789abcdef") from None
    if store.node(node_id) is None:
        raise NotFound(label.value, node_id)
    return RedirectResponse(node_url({"id": node_id, "label": label.value}), status_code=307)


@router.get("/plans/{plan_id}")
def plan(request: Request, store: Store, plan_id: str,
         outline_offset: Annotated[int, Query(ge=0)] = 0):
    lineage = queries.lineage(store, plan_id, direction="both", depth=L["lineage_depth"])
    detail = queries.node_detail(store, plan_id, limit=L["page"])
    issuers = [e for e in detail.edges if e.type == "ISSUED_BY"]
    references = [e for e in detail.edges if e.type in ("REFERENCES", "SUPERSEDES")]
    return _page(request, "plan.html", plan=lineage.root, detail=detail, lineage=lineage,
                 outline=queries.plan_outline(store, plan_id, limit=L["page"], offset=outline_offset),
                 outline_offset=outline_offset, outline_limit=L["page"],
                 targets=queries.plan_targets(store, plan_id), issuers=issuers, references=references)


@router.get("/agencies/{agency_id}")
def agency(request: Request, store: Store, agency_id: str):
    answer = queries.agency_tasks(store, agency_id, role="any", limit=L["page"])
    groups: OrderedDict[tuple[str, str], dict] = OrderedDict()
    for row in answer.tasks:
        key = (row.plan.id if row.plan else "", row.role)
        groups.setdefault(key, {"plan": row.plan, "role": row.role, "rows": []})["rows"].append(row)
    lead = [g for g in groups.values() if g["role"] == "lead"]
    support = [g for g in groups.values() if g["role"] == "support"]
    detail = queries.node_detail(store, agency_id, limit=L["page"])
    issued = [e for e in detail.edges if e.type == "ISSUED_BY"]
    return _page(request, "agency.html", answer=answer, lead=lead, support=support, detail=detail,
                 issued=issued)


@router.get("/districts/{district_id}")
def district(request: Request, store: Store, district_id: str,
             offset: Annotated[int, Query(ge=0)] = 0):
    limit = 100
    answer = queries.district_plans(store, district_id, limit=limit, offset=offset)
    detail = queries.node_detail(store, district_id, limit=1)
    names = {b.district.id: b.district for b in answer.below}
    return _page(request, "district.html", answer=answer, detail=detail, names=names, offset=offset,
                 limit=limit)


@router.get("/indicators/{indicator_id}")
def indicator(request: Request, store: Store, indicator_id: str, district: str | None = None):
    answer = queries.indicator_history(store, indicator_id, district=district or None)
    return _page(request, "indicator.html", answer=answer, chart=target_chart(answer.targets))


@router.get("/tasks/{task_id}")
def task(request: Request, store: Store, task_id: str):
    owners = queries.task_owners(store, task_id)
    detail = queries.node_detail(store, task_id, limit=L["page"])
    other = [e for e in detail.edges if e.type not in ("RESPONSIBLE_FOR",)]
    return _page(request, "task.html", owners=owners, detail=detail, other=other)


@router.get("/edges/{edge_id}")
def edge(request: Request, store: Store, edge_id: str):
    return _page(request, "edge.html", detail=queries.edge_detail(store, edge_id))


@router.get("/graph/lineage/{plan_id}")
def lineage_view(request: Request, store: Store, plan_id: str,
                 depth: Annotated[int, Query(ge=1, le=L["lineage_depth"])] = 3):
    answer = queries.lineage(store, plan_id, direction="both", depth=depth)
    return _page(request, "graph.html", title=f"Lineage of {answer.root.name}", root=answer.root,
                 data=asdict(lineage_graph(answer)), kind="lineage", style=STYLE, depth=depth)


@router.get("/graph/{node_id}")
def neighbourhood_view(request: Request, store: Store, node_id: str,
                       depth: Annotated[int, Query(ge=1, le=L["neighbourhood_depth"])] = 1,
                       limit: Annotated[int, Query(ge=1, le=L["neighbourhood_nodes"])] = 60):
    answer = queries.neighbourhood(store, node_id, depth=depth, limit=limit)
    return _page(request, "graph.html", title=f"Around {answer.center.name}", root=answer.center,
                 data=asdict(neighbourhood_graph(answer)), kind="neighbourhood", style=STYLE, depth=depth)

