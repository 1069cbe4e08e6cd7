"""The values that flow through ingest: read text, its normalised form, its outline, the plans
found in it, and the builder that extractors add nodes and edges to.

Offsets: every `start`/`end` here indexes `SourceText.text` (the decoded text the reader
produced) unless a name says `norm_`; `Normalised.original_span` maps back.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.graph.model import Edge, EdgeType, Evidence, GraphBatch, Node

__all__ = ["SourceText", "Normalised", "Section", "PlanSpan", "ParsedDoc", "BatchBuilder", "widen"]

SENTENCE_STOPS = "。；;！？!?\n"


def widen(text: str, start: int, end: int, stops: str = SENTENCE_STOPS) -> tuple[int, int]:
    """[start, end) grown on both sides up to (not including) the nearest character of `stops`."""
    s = start
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = end
    while e < len(text) and text[e] not in stops:
        e += 1
    return s, e


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's decoded text, as a reader produced it."""

    file: str          # name used in evidence: the path relative to the ingest root
    path: Path
    text: str
    encoding: str      # e.g. utf-8, utf-8-sig, gb18030, big5, utf-16; "pdf-text", "docx"
    format: str        # txt / md / html / pdf / docx
    sha256: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Normalised:
    """Text for matching (Simplified, half-width, Arabic numerals), with a map to the original.

    `offsets[i]` is the index in the original text where normalised character i came from;
    `offsets[len(text)]` is len(original). Several normalised characters may map into one
    original run (二〇三五 → 2035) and vice versa."""

    text: str
    original: str
    offsets: array  # array('l') of len(text) + 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end)."""
        if not (0 <= start <= end <= len(self.text)):
            raise IndexError(f"normalised span {start}..{end} outside 0..{len(self.text)}")
        o_start = self.offsets[start]
        if end == start:
            return o_start, o_start
        # the original end is just past the original char that normalised char end-1 came from
        last = self.offsets[end - 1]
        nxt = self.offsets[end] if end < len(self.offsets) else len(self.original)
        o_end = max(nxt, last + 1)
        return o_start, o_end

    def normalised_index(self, original_index: int) -> int:
        """First normalised index whose original offset is >= original_index."""
        i = bisect_right(self.offsets, original_index - 1)
        return min(i, len(self.text))


@dataclass(frozen=True, slots=True)
class Section:
    """One outline item: a numbered heading or list item and the text it governs.

    `kind` names the numbering style (pian 第X篇, zhang 第X章, jie 第X节, cn 一、, paren_cn (一),
    arabic 1., paren_arabic (1), circled ①, box 专栏N, list 43、); `depth` is its nesting level
    in this document; `path` joins the numbers of its ancestors and itself (二.(一).1)."""

    kind: str
    number: str                 # as written, normalised: 一 / (一) / 1 / 第一章 / 专栏1 / 43
    path: str                   # 二.(一).1
    title: str                  # heading text (original characters), without the number
    start: int                  # offset of the number in the original text
    title_end: int              # end of the heading text (original)
    end: int                    # end of everything the section governs (original)
    depth: int
    parent: int | None = None   # index into ParsedDoc.sections
    title_start: int = -1       # where the title begins (original); -1 → just after the number

    def body(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class PlanSpan:
    """A plan (document) found in the file, the text range it covers and where it governs.

    `jurisdictions` maps a level to the district that the issuer governs there, from the top:
    {"province": "湖南省", "city": "株洲市", "district": "石峰区"}; agencies written 市X局 /
    省X厅 / 区X局 resolve against it."""

    plan: Node                  # a Plan
    start: int
    end: int
    jurisdictions: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ParsedDoc:
    """A read, normalised and outlined document, and the plans found in it."""

    source: SourceText
    norm: Normalised
    sections: list[Section] = field(default_factory=list)
    plans: list[PlanSpan] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def file(self) -> str:
        return self.source.file

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for original text[start:end], trimmed of surrounding whitespace."""
        text = self.source.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence.of(self.source.file, text, start, end)

    def norm_evidence(self, norm_start: int, norm_end: int) -> Evidence:
        """Evidence for a span found in the normalised text."""
        return self.evidence(*self.norm.original_span(norm_start, norm_end))

    def plan_at(self, offset: int) -> PlanSpan | None:
        """The plan whose range holds original `offset` (the first plan when none does)."""
        for span in self.plans:
            if span.start <= offset < span.end:
                return span
        return self.plans[0] if self.plans else None

    def section_at(self, offset: int) -> Section | None:
        """The deepest section whose range holds original `offset`."""
        best = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.depth >= best.depth):
                best = s
        return best

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the sentence (cut at 。；;！？ and newlines) around [start, end)."""
        return widen(self.source.text, start, end)


class BatchBuilder:
    """Collects nodes and edges from the extractors; merges repeats (aliases, evidence)."""

    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self._nodes: dict[str, Node] = {}
        self._edges: dict[tuple, Edge] = {}
        self.rules: dict[tuple, list[str]] = {}  # edge key -> names of the rules that produced it
        self.categories: dict[tuple, str] = {}   # edge key -> scoring category the extractor named
        self.notes: list[str] = []               # warnings raised while extracting (kept in the batch)

    def node(self, node: Node) -> Node:
        """Add a node (merging with an earlier one of the same id); returns the stored node."""
        prev = self._nodes.get(node.id)
        merged = node if prev is None else prev.merged(node)
        self._nodes[node.id] = merged
        return merged

    def get(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def nodes_of(self, cls: type[Node]) -> list[Node]:
        return [n for n in self._nodes.values() if isinstance(n, cls)]

    def edge(self, edge: Edge, *, rule: str = "", category: str = "") -> Edge:
        """Add an edge; one with the same key gains the new evidence."""
        for end in (edge.source, edge.target):
            if end not in self._nodes:
                raise KeyError(f"edge {edge.type} to a node not added yet: {end}")
        key = edge.key
        prev = self._edges.get(key)
        merged = edge if prev is None else prev.with_evidence(edge.evidence)
        self._edges[key] = merged
        if category:
            self.categories.setdefault(key, category)
        if rule:
            fired = self.rules.setdefault(key, [])
            if rule not in fired:
                fired.append(rule)
        return merged

    def link(self, source: Node, target: Node, type_: EdgeType, evidence: Evidence | Iterable[Evidence],
             *, rule: str = "", category: str = "", **props) -> Edge:
        """Add both nodes and the edge between them."""
        s = self.node(source)
        t = self.node(target)
        return self.edge(Edge.make(s.id, t.id, type_, evidence, **props), rule=rule, category=category)

    def edges(self) -> list[Edge]:
        return list(self._edges.values())

    def checkpoint(self) -> tuple:
        """The builder's state, to restore when a step fails half-way (values are immutable;
        only the per-edge rule lists are copied)."""
        return (dict(self._nodes), dict(self._edges), {k: list(v) for k, v in self.rules.items()},
                dict(self.categories), list(self.notes))

    def restore(self, state: tuple) -> None:
        """Go back to a `checkpoint()`: whatever was added since is gone."""
        nodes, edges, rules, categories, notes = state
        self._nodes, self._edges, self.rules, self.categories = dict(nodes), dict(edges), rules, categories
        self.notes = list(notes)

    def build(self) -> GraphBatch:
        src = self.doc.source
        return GraphBatch(
            source_file=src.file,
            nodes=tuple(self._nodes.values()),
            edges=tuple(self._edges.values()),
            encoding=src.encoding,
            format=src.format,
            sha256=src.sha256,
            chars=len(src.text),
            warnings=(*src.warnings, *self.notes),
        )
