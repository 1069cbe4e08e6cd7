"""Outline (placeholder: no sections; replaced by the outline work)."""
from __future__ import annotations

from .document import ParsedDoc, Section


def parse_outline(doc: ParsedDoc) -> list[Section]:
    return []
