"""places extractor (placeholder: extracts nothing yet)."""
from __future__ import annotations

from ..document import BatchBuilder, ParsedDoc


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    return None
