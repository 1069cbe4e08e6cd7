"""The store contract: a few methods every store (embedded SQLite, Neo4j) answers alike.

`open_store(spec)` picks the store from a directory path or a neo4j:// / bolt:// URI.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from .model import Edge, EdgeType, GraphBatch, Label, Node

__all__ = ["GraphStore", "WriteReport", "DocumentRecord", "open_store", "default_store_spec"]


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What one `write` did."""

    source_file: str
    nodes: int
    edges: int
    evidence: int
    replaced: bool  # the document had been ingested before and its old facts were replaced
    counts: dict[str, int] = field(default_factory=dict)  # per label / edge type


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document the store holds facts from."""

    source_file: str
    sha256: str | None
    encoding: str | None
    format: str | None
    chars: int
    ingested_at: str


@runtime_checkable
class GraphStore(Protocol):
    """What queries, the CLI and the API may ask of a store."""

    kind: str  # "embedded" or "neo4j"

    def write(self, batch: GraphBatch) -> WriteReport:
        """Store one document's facts atomically, replacing what that document gave before."""
        ...

    def delete_document(self, source_file: str) -> bool:
        """Forget one document's facts (kept: what other documents also state)."""
        ...

    def node(self, node_id: str) -> Node | None: ...

    def nodes(self, label: Label | None = None) -> Iterator[Node]: ...

    def edges(self, *, source: str | None = None, target: str | None = None,
              type: EdgeType | None = None) -> Iterator[Edge]: ...

    def documents(self) -> list[DocumentRecord]: ...

    def search(self, text: str, limit: int = 50) -> list[tuple[str, str, float]]:
        """Nodes whose name, aliases, task text or evidence quotes hold `text` (folded: Traditional
        and Simplified alike): (node_id, snippet, score), best first."""
        ...

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and edges per type."""
        ...

    def close(self) -> None: ...


def default_store_spec() -> str:
    """`$POLICYGRAPH_STORE`, else ./policygraph-data."""
    return os.environ.get("POLICYGRAPH_STORE") or "policygraph-data"


def is_neo4j_uri(spec: str) -> bool:
    return spec.split("://", 1)[0].lower() in {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"} \
        and "://" in spec


def open_store(spec: str | Path | None = None, *, create: bool = True) -> GraphStore:
    """Open the store named by `spec`: a neo4j:// or bolt:// URI, else a directory.

    `create=False` (for commands that only read) refuses a directory that holds no store yet.
    """
    spec = str(spec or default_store_spec())
    if is_neo4j_uri(spec):
        from .neo4j_store import Neo4jStore

        return Neo4jStore.from_uri(spec)
    from .embedded import EmbeddedStore

    return EmbeddedStore(Path(spec), create=create)
