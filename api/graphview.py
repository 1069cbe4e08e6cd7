"""Graph views: a neighbourhood or a lineage answer turned into nodes and edges for the
vis-network canvas (the library pyvis ships; served from /static/vis, nothing from a CDN).

Colour and shape per label, edge labels from type and properties, hover text with the
evidence quote (vis-network shows a string title as text, never as HTML), each node's page
as `url`, and one "N more" node when the neighbourhood was capped.
"""
from __future__ import annotations

import dataclasses
import html
import json
from dataclasses import dataclass
from pathlib import Path

import pyvis

from policygraph.queries.models import EdgeOut, Lineage, Neighbourhood, NodeRef

from .templating import node_url, target_text

__all__ = ["VisNode", "VisEdge", "GraphData", "STYLE", "VIS_DIR", "GRAPH_JS", "neighbourhood_graph",
           "lineage_graph", "standalone_html"]

# vis-network as pyvis ships it (served under /static/vis), and the UI's drawing script
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
GRAPH_JS = Path(__file__).resolve().parent / "static" / "graph.js"

# label → (shape, background colour)
STYLE = {
    "Plan": ("box", "#4e79a7"),
    "Task": ("ellipse", "#f28e2b"),
    "Agency": ("diamond", "#e15759"),
    "District": ("triangle", "#59a14f"),
    "Indicator": ("star", "#b07aa1"),
    "More": ("dot", "#9c9c9c"),
}
_MAX_LABEL = 18
_MAX_QUOTES = 3


@dataclass(frozen=True, slots=True)
class VisNode:
    id: str
    text: str            # short label drawn on the canvas
    title: str           # hover text (plain text)
    group: str           # the node's label, or "More"
    shape: str
    color: str
    url: str
    level: int | None = None


@dataclass(frozen=True, slots=True)
class VisEdge:
    id: str
    source: str
    target: str
    text: str            # drawn along the edge
    title: str           # hover text: evidence quotes with file and offsets
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class GraphData:
    center: str
    nodes: tuple[VisNode, ...]
    edges: tuple[VisEdge, ...]
    more: int


def _short(text: str) -> str:
    return text if len(text) <= _MAX_LABEL else text[:_MAX_LABEL - 1] + "…"


def _node(ref: NodeRef | object, level: int | None = None) -> VisNode:
    label = getattr(ref, "label")
    name = getattr(ref, "name")
    shape, colour = STYLE.get(label, STYLE["More"])
    return VisNode(getattr(ref, "id"), _short(name), f"{label}: {name}", label, shape, colour,
                   node_url(ref), level)


def edge_text(edge: EdgeOut) -> str:
    p = edge.props
    if edge.type == "RESPONSIBLE_FOR":
        return f"{edge.type} ({p.get('role')})"
    if edge.type == "SETS_TARGET":
        bits = [target_text(p.get("comparator"), p.get("value"), p.get("unit"))]
        if p.get("year"):
            bits.append(str(p["year"]))
        return f"{edge.type} " + " ".join(b for b in bits if b)
    return edge.type


def evidence_text(edge: EdgeOut) -> str:
    lines = [edge_text(edge)]
    for ev in edge.evidence[:_MAX_QUOTES]:
        lines.append(f"“{ev.quote}” — {ev.file} {ev.start}–{ev.end}")
    if len(edge.evidence) > _MAX_QUOTES:
        lines.append(f"… and {len(edge.evidence) - _MAX_QUOTES} more places")
    return "\n".join(lines)


def _edge(edge: EdgeOut) -> VisEdge:
    return VisEdge(edge.id, edge.source, edge.target, edge_text(edge), evidence_text(edge))


def neighbourhood_graph(answer: Neighbourhood) -> GraphData:
    nodes = [_node(n.node) for n in answer.nodes]
    edges = [_edge(e) for e in answer.edges]
    if answer.more:
        more_id = f"more:{answer.center.id}"
        shape, colour = STYLE["More"]
        nodes.append(VisNode(more_id, f"{answer.more} more",
                             f"{answer.more} more nodes within {answer.depth} hops are not drawn; "
                             "click to see every edge of the node", "More", shape, colour,
                             node_url(answer.center)))
        edges.append(VisEdge(f"edge-more:{answer.center.id}", answer.center.id, more_id, "", "not drawn",
                             dashed=True))
    return GraphData(answer.center.id, tuple(nodes), tuple(edges), answer.more)


def lineage_graph(answer: Lineage) -> GraphData:
    nodes = {answer.root.id: _node(answer.root, 0)}
    edges = []
    for step in answer.up:
        nodes.setdefault(step.plan.id, _node(step.plan, -step.depth))
        edges.append(_edge(step.edge))
    for step in answer.down:
        nodes.setdefault(step.plan.id, _node(step.plan, step.depth))
        edges.append(_edge(step.edge))
    return GraphData(answer.root.id, tuple(nodes.values()), tuple(edges), 0)


def standalone_html(data: GraphData, kind: str = "lineage", height: int = 520, *, clickable: bool = False) -> str:
    """A self-contained page drawing `data` as the UI does, with every script and stylesheet
    inline (no URL is fetched): for notebooks and exported reports. `clickable` keeps the
    UI's click-to-open-page behaviour, which needs the server's pages."""
    payload = json.dumps(dataclasses.asdict(data), ensure_ascii=False).replace("</", "<\\/")
    off = "" if clickable else (
        '<script>document.addEventListener("DOMContentLoaded", function () {'
        ' if (window.policygraphNetwork) { window.policygraphNetwork.off("click"); } });</script>')
    return f"""<!doctype html><html><head><meta charset="utf-8">
<style>{(VIS_DIR / "vis-network.css").read_text(encoding="utf-8")}</style>
<style>body{{margin:0;font-family:sans-serif}} #graph{{width:100%;height:{int(height) - 10}px}}</style>
<script>{(VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")}</script>
</head><body>
<div id="graph" data-kind="{html.escape(kind, quote=True)}" data-drawn-nodes="0"></div>
<script id="graph-data" type="application/json">{payload}</script>
<script>{GRAPH_JS.read_text(encoding="utf-8")}</script>
{off}
</body></html>"""
