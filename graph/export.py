"""Export a store's graph as JSON in the format `../shared/eval/score.py` reads.

    {"nodes": [{id, label, name, aliases, ...properties}], "edges": [{source, target, type,
     ...properties, evidence: [{file, start, end, quote}]}]}

Nodes are sorted by id and edges by where they were first read (file, offsets), then id, so two
exports of the same graph are byte-identical and edges come in reading order.
"""
from __future__ import annotations

import json
from typing import IO, Any

from .store import GraphStore

__all__ = ["export_dict", "write_json"]


def export_dict(store: GraphStore) -> dict[str, Any]:
    nodes = sorted((n.to_dict() for n in store.nodes()), key=lambda n: n["id"])
    edges = []
    for e in store.edges():
        d = e.to_dict()
        d["evidence"] = sorted(d["evidence"], key=lambda ev: (ev["file"], ev["start"], ev["end"]))
        edges.append(d)
    edges.sort(key=lambda e: (_first_read(e), e["id"]))
    return {"nodes": nodes, "edges": edges}


def _first_read(edge: dict[str, Any]) -> tuple[str, int, int]:
    ev = edge["evidence"][0]
    return ev["file"], ev["start"], ev["end"]


def write_json(store: GraphStore, fp: IO[str]) -> None:
    json.dump(export_dict(store), fp, ensure_ascii=False, indent=1)
    fp.write("\n")
