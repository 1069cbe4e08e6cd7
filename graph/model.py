"""The graph model: node and edge types of DESIGN.md as frozen values.

Every module may import this one. Nodes are Plan, Task, Agency, District and Indicator;
edges are typed by `EdgeType` and cannot be built without `Evidence` (file, offsets, quote).
Ids are deterministic from normalised content (`node_id`), so the same document ingested
twice yields the same ids, and Neo4j can MERGE on them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, ClassVar

from .errors import ModelError

__all__ = [
    "Label",
    "EdgeType",
    "Role",
    "Comparator",
    "Evidence",
    "Node",
    "Plan",
    "Task",
    "Agency",
    "District",
    "Indicator",
    "Edge",
    "GraphBatch",
    "NODE_TYPES",
    "EDGE_ENDPOINTS",
    "match_key",
    "node_id",
    "node_from_record",
]

SCHEMA_VERSION = 1


class Label(str, Enum):
    PLAN = "Plan"
    TASK = "Task"
    AGENCY = "Agency"
    DISTRICT = "District"
    INDICATOR = "Indicator"

    def __str__(self) -> str:
        return self.value


class EdgeType(str, Enum):
    PART_OF = "PART_OF"
    IMPLEMENTS = "IMPLEMENTS"
    REFERENCES = "REFERENCES"
    SUPERSEDES = "SUPERSEDES"
    ISSUED_BY = "ISSUED_BY"
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
    SETS_TARGET = "SETS_TARGET"
    MENTIONS = "MENTIONS"
    COVERS = "COVERS"

    def __str__(self) -> str:
        return self.value


class Role(str, Enum):
    LEAD = "lead"
    SUPPORT = "support"


class Comparator(str, Enum):
    GE = ">="
    LE = "<="
    EQ = "="
    APPROX = "~"
    DECREASE_BY = "decrease_by"
    INCREASE_BY = "increase_by"


L = Label
# Which labels each edge type may join (source labels, target labels).
EDGE_ENDPOINTS: dict[EdgeType, tuple[frozenset[Label], frozenset[Label]]] = {
    EdgeType.PART_OF: (frozenset({L.TASK, L.DISTRICT}), frozenset({L.TASK, L.PLAN, L.DISTRICT})),
    EdgeType.IMPLEMENTS: (frozenset({L.PLAN}), frozenset({L.PLAN})),
    EdgeType.REFERENCES: (frozenset({L.PLAN}), frozenset({L.PLAN})),
    EdgeType.SUPERSEDES: (frozenset({L.PLAN, L.AGENCY, L.DISTRICT}), frozenset({L.PLAN, L.AGENCY, L.DISTRICT})),
    EdgeType.ISSUED_BY: (frozenset({L.PLAN}), frozenset({L.AGENCY})),
    EdgeType.RESPONSIBLE_FOR: (frozenset({L.AGENCY}), frozenset({L.TASK})),
    EdgeType.SETS_TARGET: (frozenset({L.PLAN, L.TASK}), frozenset({L.INDICATOR})),
    EdgeType.MENTIONS: (frozenset({L.PLAN, L.TASK}), frozenset({L.AGENCY, L.DISTRICT, L.INDICATOR})),
    EdgeType.COVERS: (frozenset({L.PLAN, L.TASK}), frozenset({L.DISTRICT})),
}

# Properties that make two edges of the same type between the same nodes different facts.
EDGE_IDENTITY: dict[EdgeType, tuple[str, ...]] = {
    EdgeType.RESPONSIBLE_FOR: ("role",),
    EdgeType.SETS_TARGET: ("value", "unit", "comparator", "year", "baseline_year"),
}
EDGE_PROPS: dict[EdgeType, frozenset[str]] = {
    EdgeType.RESPONSIBLE_FOR: frozenset({"role"}),
    EdgeType.SETS_TARGET: frozenset({"value", "unit", "comparator", "year", "baseline_year", "indicator_text"}),
    EdgeType.SUPERSEDES: frozenset({"year"}),
}


# ---------------------------------------------------------------------------- keys and ids

_PUNCT = re.compile(r"[\s\"'“”‘’《》〈〉<>「」『』·•、,，。:：;；!！?？\-—_()（）\[\]【】〔〕]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # the C++ OpenCC binding; see docs/decisions/0002-text-normalisation.md

    return opencc.OpenCC("t2s").convert


def match_key(text: str | None) -> str:
    """Text reduced for matching and ids: NFKC, Simplified, no spaces or punctuation, lower-case."""
    if not text:
        return ""
    return _match_key_of(str(text))


# Cached because ids are made again for every mention of the same name.
@lru_cache(maxsize=16384)
def _match_key_of(text: str) -> str:
    text = unicodedata.normalize("NFKC", _t2s()(text))
    return _PUNCT.sub("", text).lower()


def node_id(label: Label | str, *parts: str | None) -> str:
    """Deterministic id: `<label>:<16 hex>` from the match keys of `parts`."""
    if label.__class__ is not Label:
        label = Label(label)
    return _node_id(label, parts)


# Cached because the same agencies, places and plans are named again and again.
@lru_cache(maxsize=65536)
def _node_id(label: Label, parts: tuple[str | None, ...]) -> str:
    key = "\x1f".join(match_key(p) for p in parts)
    if not key.strip("\x1f"):
        raise ModelError(f"cannot make a {label} id from empty parts {parts!r}")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"{label.value.lower()}:{digest}"


_LABEL_OF_PREFIX = {label.value.lower(): label for label in Label}


def label_of(node_id_: str) -> Label:
    """The label an id was made for (ids carry it as their prefix)."""
    label = _LABEL_OF_PREFIX.get(node_id_.split(":", 1)[0])
    if label is not None:
        return label
    raise ModelError(f"id {node_id_!r} has no known label prefix")


# ---------------------------------------------------------------------------- evidence

@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: `file` (name relative to the ingest root), character offsets into
    the decoded text the reader produced, and the quote, which equals text[start:end]."""

    file: str
    start: int
    end: int
    quote: str

    def __post_init__(self) -> None:
        if not self.file:
            raise ModelError("evidence needs a file")
        if not (0 <= self.start < self.end):
            raise ModelError(f"evidence offsets must satisfy 0 <= start < end, got {self.start}..{self.end}")
        if len(self.quote) != self.end - self.start:
            raise ModelError(
                f"evidence quote has {len(self.quote)} characters but spans {self.end - self.start}"
                f" ({self.file}:{self.start}-{self.end})"
            )

    @classmethod
    def of(cls, file: str, text: str, start: int, end: int) -> "Evidence":
        """Evidence for text[start:end] of a document named `file`."""
        return cls(file, start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "start": self.start, "end": self.end, "quote": self.quote}


# ---------------------------------------------------------------------------- nodes

@lru_cache(maxsize=None)
def _property_names(cls: type) -> tuple[str, ...]:
    """The label-specific fields of a node class, in order (looked up once per class)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("id", "name", "aliases"))


@dataclass(frozen=True, slots=True)
class Node:
    """A node: `id`, `name` and `aliases`; subclasses add the properties of their label."""

    label: ClassVar[Label]
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise ModelError(f"a {self.label} needs a name (id {self.id!r})")
        if label_of(self.id) is not self.label:
            raise ModelError(f"id {self.id!r} is not a {self.label} id")
        if not isinstance(self.aliases, tuple):
            object.__setattr__(self, "aliases", tuple(self.aliases))

    def properties(self) -> dict[str, Any]:
        """The label-specific properties (everything but id, name, aliases)."""
        return {name: getattr(self, name) for name in _property_names(type(self))}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label.value, "name": self.name,
                               "aliases": list(self.aliases)}
        out.update(self.properties())
        return out

    def merged(self, other: "Node") -> "Node":
        """This node with `other`'s aliases added and its empty properties filled from `other`."""
        if other.id != self.id:
            raise ModelError(f"cannot merge {self.id} with {other.id}")
        aliases = tuple(dict.fromkeys(a for a in self.aliases + (other.name,) + other.aliases
                                      if a and a != self.name))
        fill = {k: v for k, v in other.properties().items()
                if getattr(self, k) in (None, "", ()) and v not in (None, "", ())}
        if aliases == self.aliases and not fill:
            return self                   # nothing new: the same value, without re-validating it
        return dataclasses.replace(self, aliases=aliases, **fill)


@dataclass(frozen=True, slots=True)
class Plan(Node):
    label: ClassVar[Label] = Label.PLAN
    doc_number: str | None = None
    date: str | None = None          # ISO, as precise as known: 2018-06-29, 2021-07, 2014
    level: str | None = None         # national / province / city / county / district
    jurisdiction: str | None = None  # the district the issuer governs, e.g. 株洲市
    period_start: int | None = None
    period_end: int | None = None
    kind: str | None = None          # 纲要 / 规划 / 实施方案 / 行动计划 / 工作要点 / 通知 …
    source_file: str | None = None   # set when the plan is a document of the corpus


@dataclass(frozen=True, slots=True)
class Task(Node):
    label: ClassVar[Label] = Label.TASK
    number: str = ""                 # outline path, e.g. 二.(一).1
    text: str = ""                   # the item's own text (heading and body, original characters)
    plan_id: str | None = None
    source_file: str | None = None
    start: int | None = None         # offsets of the item in the source file's text
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Agency(Node):
    label: ClassVar[Label] = Label.AGENCY
    level: str | None = None
    jurisdiction: str | None = None
    collective: bool = False         # 各县市区人民政府: a set of agencies named as one


@dataclass(frozen=True, slots=True)
class District(Node):
    label: ClassVar[Label] = Label.DISTRICT
    level: str | None = None         # province / city / county / district / town / zone
    parent: str | None = None        # parent's name
    code: str | None = None          # administrative division code where known


@dataclass(frozen=True, slots=True)
class Indicator(Node):
    label: ClassVar[Label] = Label.INDICATOR
    unit: str | None = None


NODE_TYPES: dict[Label, type[Node]] = {cls.label: cls for cls in (Plan, Task, Agency, District, Indicator)}


def node_from_record(label: Label | str, record: Mapping[str, Any]) -> Node:
    """Rebuild a node from `to_dict()` output (unknown keys are ignored)."""
    cls = NODE_TYPES[Label(label)]
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: v for k, v in record.items() if k in names}
    kwargs["aliases"] = tuple(kwargs.get("aliases") or ())
    return cls(**kwargs)


# ---------------------------------------------------------------------------- edges

# keys of an edge's own record: a property must never shadow them in `to_dict()`
_EDGE_FIELDS = frozenset({"id", "source", "target", "type", "evidence"})
_ROLE_VALUES = frozenset(r.value for r in Role)
_COMPARATOR_VALUES = (None, *(c.value for c in Comparator))
_ALLOWED_PROPS = {t: EDGE_PROPS.get(t, frozenset()) - _EDGE_FIELDS for t in EdgeType}


def _freeze(props: Mapping[str, Any] | Iterable[tuple[str, Any]] | None) -> tuple[tuple[str, Any], ...]:
    items = dict(props or {})
    return tuple(sorted((k, v) for k, v in items.items() if v is not None))


@dataclass(frozen=True, slots=True)
class Edge:
    """A typed edge with its properties and at least one piece of evidence."""

    source: str
    target: str
    type: EdgeType
    evidence: tuple[Evidence, ...]
    props: tuple[tuple[str, Any], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.type.__class__ is not EdgeType:       # (EdgeType(member) is the member)
            object.__setattr__(self, "type", EdgeType(self.type))
        if not isinstance(self.props, tuple):
            object.__setattr__(self, "props", _freeze(self.props))
        evidence = tuple(dict.fromkeys(self.evidence or ()))
        if not evidence:
            raise ModelError(f"{self.type} {self.source} -> {self.target}: an edge needs evidence")
        if not all(isinstance(e, Evidence) for e in evidence):
            raise ModelError(f"{self.type}: evidence must be Evidence values")
        object.__setattr__(self, "evidence", evidence)
        sources, targets = EDGE_ENDPOINTS[self.type]
        if label_of(self.source) not in sources or label_of(self.target) not in targets:
            raise ModelError(f"{self.type} cannot join {self.source} -> {self.target}")
        extra = {k for k, _ in self.props} - _ALLOWED_PROPS[self.type]
        if extra:
            raise ModelError(f"{self.type} has no properties {sorted(extra)}")
        p = dict(self.props)
        if self.type is EdgeType.RESPONSIBLE_FOR and p.get("role") not in _ROLE_VALUES:
            raise ModelError(f"RESPONSIBLE_FOR needs role lead or support, got {p.get('role')!r}")
        if self.type is EdgeType.SETS_TARGET and p.get("comparator") not in _COMPARATOR_VALUES:
            raise ModelError(f"SETS_TARGET comparator {p.get('comparator')!r} is not one of {[c.value for c in Comparator]}")

    @classmethod
    def make(cls, source: str, target: str, type: EdgeType | str, evidence: Evidence | Iterable[Evidence],
             **props: Any) -> "Edge":
        ev = (evidence,) if isinstance(evidence, Evidence) else tuple(evidence)
        return cls(source, target, type if type.__class__ is EdgeType else EdgeType(type), ev, _freeze(props))

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.props)

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.props).get(key, default)

    @property
    def key(self) -> tuple:
        """What makes this edge one fact: endpoints, type and identity properties."""
        p = dict(self.props)
        return (self.source, self.type.value, self.target,
                tuple(p.get(k) for k in EDGE_IDENTITY.get(self.type, ())))

    @property
    def id(self) -> str:
        raw = json.dumps(self.key, ensure_ascii=False, default=str)
        return "edge:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]

    def with_evidence(self, more: Iterable[Evidence]) -> "Edge":
        evidence = tuple(dict.fromkeys(self.evidence + tuple(more)))
        if evidence == self.evidence:
            return self                   # nothing new: the same value, without re-validating it
        return dataclasses.replace(self, evidence=evidence)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "source": self.source, "target": self.target,
                               "type": self.type.value}
        out.update(self.props)
        out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


# ---------------------------------------------------------------------------- batch

@dataclass(frozen=True, slots=True)
class GraphBatch:
    """What one document yields: its nodes and edges, keyed by the document's file name."""

    source_file: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    encoding: str | None = None
    format: str | None = None
    sha256: str | None = None
    chars: int = 0
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        ids = {n.id for n in self.nodes}
        if len(ids) != len(self.nodes):
            raise ModelError(f"{self.source_file}: batch has duplicate node ids")
        for e in self.edges:
            missing = {e.source, e.target} - ids
            if missing:
                raise ModelError(f"{self.source_file}: edge {e.type} refers to nodes not in the batch: {sorted(missing)}")

    def count(self, label: Label) -> int:
        return sum(1 for n in self.nodes if n.label is label)

    def count_edges(self, type_: EdgeType) -> int:
        return sum(1 for e in self.edges if e.type is type_)
