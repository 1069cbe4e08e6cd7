"""The errors PolicyGraph raises, as one tree, so callers catch what they mean.

    PolicyGraphError
    ├── ModelError          a node or edge that breaks the model (e.g. an edge without evidence)
    ├── IngestError         a document could not be turned into a GraphBatch
    │   ├── UnreadableFile  empty, binary, undecodable, broken PDF, no text layer, too big
    │   └── OutlineError    the outline of a readable document makes no sense
    ├── StoreError          the store cannot be opened, read or written
    │   ├── SchemaMismatch  the store was written by another schema version
    │   └── StoreUnavailable a server store (Neo4j) cannot be reached
    └── QueryError          a named query was asked something it cannot answer
        └── NotFound        an id that is not in the store

Messages say which file (and line where it helps) and what to do about it.
"""
from __future__ import annotations

__all__ = [
    "PolicyGraphError",
    "ModelError",
    "IngestError",
    "UnreadableFile",
    "OutlineError",
    "StoreError",
    "SchemaMismatch",
    "StoreUnavailable",
    "QueryError",
    "NotFound",
]


class PolicyGraphError(Exception):
    """Base of every error PolicyGraph raises on purpose."""


class ModelError(PolicyGraphError, ValueError):
    """A node or edge that the graph model does not allow."""


class IngestError(PolicyGraphError):
    """A document could not be ingested. `file` names it, `line` points into it when known."""

    def __init__(self, file: str, reason: str, *, line: int | None = None) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")


class UnreadableFile(IngestError):
    """The file's bytes could not be turned into text."""


class OutlineError(IngestError):
    """The text was read but its structure could not be parsed."""


class StoreError(PolicyGraphError):
    """The store cannot be opened, read or written."""


class SchemaMismatch(StoreError):
    """The store on disk was written by a different schema version."""


class StoreUnavailable(StoreError):
    """A server-backed store cannot be reached."""


class QueryError(PolicyGraphError):
    """A named query got arguments it cannot answer."""


class NotFound(QueryError, LookupError):
    """An id that is not in the store."""

    def __init__(self, kind: str, ident: str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident!r} in the store")
