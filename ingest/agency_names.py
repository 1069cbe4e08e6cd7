"""Agency names → canonical Agency nodes, resolved against the document's jurisdiction.

(placeholder API: returns the name as written; replaced by the agencies work)
"""
from __future__ import annotations

from collections.abc import Mapping

from policygraph.graph.model import Agency, Label, node_id

__all__ = ["canonical_agency"]


def canonical_agency(mention: str, jurisdictions: Mapping[str, str] | None = None) -> Agency:
    """The Agency a mention names (市环保局 in a 株洲 document → 株洲市环境保护局, alias 市环保局)."""
    name = mention.strip()
    return Agency(id=node_id(Label.AGENCY, name), name=name)
