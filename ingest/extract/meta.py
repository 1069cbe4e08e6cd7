"""Plan metadata (placeholder: the first non-empty line is the title)."""
from __future__ import annotations

from policygraph.graph.model import Label, Plan, node_id

from ..document import BatchBuilder, ParsedDoc, PlanSpan


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    text = doc.text
    title = next((line.strip() for line in text.splitlines() if line.strip()), doc.file)[:80]
    plan = Plan(id=node_id(Label.PLAN, title), name=title, source_file=doc.file)
    out.node(plan)
    doc.plans = [PlanSpan(plan, 0, len(text), {})]
