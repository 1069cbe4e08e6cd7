"""The page templates: one Jinja environment with autoescape always on, and the few helpers
templates call (where a node's page is, how a target reads).

Document text reaches pages only through autoescaped `{{ }}`; data for scripts goes through
`|tojson` (which escapes <, > and &). No template uses `|safe`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi.templating import Jinja2Templates

__all__ = ["templates", "node_url", "LABEL_PATHS", "target_text"]

HERE = Path(__file__).resolve().parent

LABEL_PATHS = {"Plan": "plans", "Task": "tasks", "Agency": "agencies", "District": "districts",
               "Indicator": "indicators"}

_COMPARATOR_TEXT = {">=": "≥", "<=": "≤", "=": "=", "~": "≈", "decrease_by": "down by", "increase_by": "up by"}


def node_url(ref: Any) -> str:
    """The page of a node (a NodeRef/PlanRef/TaskRef, or a dict with id and label)."""
    node_id = ref["id"] if isinstance(ref, dict) else ref.id
    label = ref["label"] if isinstance(ref, dict) else ref.label
    return f"/{LABEL_PATHS.get(label, 'nodes')}/{quote(node_id, safe=':')}"


def edge_url(edge: Any) -> str:
    edge_id = edge["id"] if isinstance(edge, dict) else edge.id
    return f"/edges/{quote(edge_id, safe=':')}"


def target_text(comparator: str | None, value: Any, unit: str | None) -> str:
    """≥ 65 %, down by 15 %, = 3 …"""
    if value is None:
        return ""
    word = _COMPARATOR_TEXT.get(comparator or "", comparator or "")
    return " ".join(str(x) for x in (word, value, unit or "") if x != "").strip()


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(node_url=node_url, edge_url=edge_url, target_text=target_text)
templates = Jinja2Templates(env=_env)
