"""Ingest pipeline: file → SourceText → Normalised → outline → extractors → GraphBatch.

Opens no store. The extractors are plain functions `(ParsedDoc, BatchBuilder) -> None`, run in
the order of `EXTRACTORS`: metadata first (it finds the plans every other fact hangs on).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from policygraph.graph.model import GraphBatch

from .document import BatchBuilder, ParsedDoc, SourceText
from .extract import agencies, links, meta, places, responsibility, targets, tasks
from .normalize import normalise
from .outline import parse_outline
from .readers import SUPPORTED_SUFFIXES, read_document

__all__ = ["EXTRACTORS", "parse", "extract", "ingest_file", "find_documents"]

Extractor = Callable[[ParsedDoc, BatchBuilder], None]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("plan_meta", meta.extract),
    ("tasks", tasks.extract),
    ("responsibility", responsibility.extract),
    ("targets", targets.extract),
    ("references", links.extract),
    ("places", places.extract),
    ("agencies", agencies.extract),
)


def parse(source: SourceText) -> ParsedDoc:
    """Normalise and outline a read document."""
    norm = normalise(source.text)
    doc = ParsedDoc(source=source, norm=norm)
    doc.sections = parse_outline(doc)
    return doc


def extract(doc: ParsedDoc) -> BatchBuilder:
    """Run every extractor over a parsed document.

    A step that fails on an unexpected input (a bug of ours, not of the document) must not lose
    the document: what that step added is undone, the others still run, and the failure is a
    warning of the batch naming the step (the batch names the file). POLICYGRAPH_STRICT=1 (the test suite sets
    it) raises instead, so a failure is never hidden from us."""
    out = BatchBuilder(doc)
    strict = os.environ.get("POLICYGRAPH_STRICT") == "1"
    for name, step in EXTRACTORS:
        state = out.checkpoint()
        try:
            step(doc, out)
        except Exception as err:   # noqa: BLE001 - any bug in one step; reported, never silent
            if strict:
                raise
            out.restore(state)
            out.notes.append(f"the {name} step failed ({type(err).__name__}: {err}); "
                             f"its facts are left out, the others are kept — please report this document")
    return out


def ingest_file(path: Path, name: str | None = None) -> GraphBatch:
    """Read, parse and extract one file; `name` is what evidence calls it (default: file name)."""
    source = read_document(Path(path), name or Path(path).name)
    return extract(parse(source)).build()


def find_documents(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(path, evidence name) for each file given, or each supported file under each folder given,
    sorted. A folder's files are named relative to that folder; a file by its own name."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith("."):
                    yield f, f.relative_to(p).as_posix()
        else:
            yield p, p.name
