"""Explain one document: per scoring category, what was extracted, the quote and the rule.

Analysts use it to check a document; developers use it to debug a rule. Runs the pipeline
without a store.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policygraph.graph.model import Edge, EdgeType, Label, Node, Plan, Task

from .pipeline import extract, parse
from .readers import read_document

__all__ = ["Finding", "CATEGORIES", "explain_file"]

CATEGORIES = ("plan_meta", "references", "tasks", "responsibility", "indicators", "agencies", "districts", "other")


@dataclass(frozen=True, slots=True)
class Finding:
    category: str
    what: str          # one line: the fact
    quote: str         # the evidence quote ("" for node-only facts)
    where: str         # file:start-end
    rule: str          # the rule(s) that fired, or "" when the extractor did not name one


def _category(edge: Edge, nodes: dict[str, Node]) -> str:
    t = edge.type
    labels = {nodes[edge.source].label, nodes[edge.target].label}
    if t in (EdgeType.IMPLEMENTS, EdgeType.REFERENCES) or (t is EdgeType.SUPERSEDES and labels == {Label.PLAN}):
        return "references"
    if t is EdgeType.ISSUED_BY:
        return "plan_meta"
    if t is EdgeType.RESPONSIBLE_FOR:
        return "responsibility"
    if t is EdgeType.SETS_TARGET:
        return "indicators"
    if t is EdgeType.PART_OF and labels <= {Label.TASK, Label.PLAN}:
        return "tasks"
    if Label.AGENCY in labels:
        return "agencies"
    if Label.DISTRICT in labels:
        return "districts"
    return "other"


def _describe(edge: Edge, nodes: dict[str, Node]) -> str:
    s, t = nodes[edge.source], nodes[edge.target]
    props = ", ".join(f"{k}={v}" for k, v in edge.props if k != "indicator_text")
    return f"{s.label}:{s.name} —{edge.type.value}→ {t.label}:{t.name}" + (f" ({props})" if props else "")


def explain_file(path: Path, name: str | None = None) -> list[Finding]:
    """Findings for one file, grouped by category in the order of CATEGORIES."""
    source = read_document(Path(path), name or Path(path).name)
    doc = parse(source)
    out = extract(doc)
    batch = out.build()
    nodes = {n.id: n for n in batch.nodes}
    findings: list[Finding] = []
    for n in batch.nodes:
        if isinstance(n, Plan) and n.source_file:
            fields = ", ".join(f"{k}={v}" for k, v in n.properties().items() if v not in (None, "") and k != "source_file")
            findings.append(Finding("plan_meta", f"Plan: {n.name} ({fields})", "", n.source_file, "metadata"))
        elif isinstance(n, Task):
            where = f"{n.source_file}:{n.start}-{n.end}" if n.start is not None else ""
            findings.append(Finding("tasks", f"Task {n.number}: {n.name}", "", where, "outline"))
    for e in batch.edges:
        ev = e.evidence[0]
        category = out.categories.get(e.key) or _category(e, nodes)
        findings.append(Finding(category if category in CATEGORIES else "other", _describe(e, nodes), ev.quote,
                                f"{ev.file}:{ev.start}-{ev.end}", ", ".join(out.rules.get(e.key, []))))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    findings.sort(key=lambda f: order[f.category])
    return findings
