"""Bundled data tables read row by row, each row with where it sits in its file, so that a fact
taken from a table can cite the row as evidence.

Our sourced tables (`ingest/data/*.csv`: agency renames and abbreviations, district changes)
are small CSV files with a header line. `read_rows(path)` gives each data row's values by
column name and its character offsets in the file's text (the row without its line break);
`row_evidence(row, "agency_renames.csv")` is then the Evidence for that row, filed as
"policygraph:data/agency_renames.csv" — a name any reader of the graph can open in the package.

    rows = read_rows(DATA / "agency_renames.csv")
    rows[0].values["old"]          → "环境保护部"
    text[rows[0].start:rows[0].end] == rows[0].text
"""
from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from policygraph.graph.errors import IngestError
from policygraph.graph.model import Evidence

__all__ = ["DataRow", "EVIDENCE_PREFIX", "evidence_file", "read_rows", "row_evidence"]

EVIDENCE_PREFIX = "policygraph:data/"   # the evidence `file` of a row is this + the table's name


@dataclass(frozen=True, slots=True)
class DataRow:
    """One data row of a table: values by column name, and [start, end) of the row in the file."""

    values: Mapping[str, str]
    start: int
    end: int
    text: str   # the row as written, == file text[start:end]


def read_rows(path: Path) -> list[DataRow]:
    """The data rows of the CSV file at `path` (first non-blank line = header; blank lines
    skipped), offsets into the file's decoded text. A row with more cells than the header
    is an error naming the file and line."""
    text = Path(path).read_text(encoding="utf-8")
    out: list[DataRow] = []
    pos = 0
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(keepends=True), 1):
        row_text = line.rstrip("\r\n")
        start, end = pos, pos + len(row_text)
        pos += len(line)
        if not row_text.strip():
            continue
        cells = next(csv.reader([row_text]))
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise IngestError(str(path), f"{len(cells)} cells but the header has {len(header)}", line=lineno)
        values = dict(zip(header, cells))
        values.update((k, "") for k in header[len(cells):])
        out.append(DataRow(MappingProxyType(values), start, end, row_text))
    return out


def evidence_file(name: str) -> str:
    """The evidence `file` for rows of the bundled table `name` (e.g. "agency_renames.csv")."""
    return EVIDENCE_PREFIX + Path(name).name


def row_evidence(row: DataRow, name: str) -> Evidence:
    """Evidence quoting `row` of the bundled table `name` (a file name, or its path)."""
    return Evidence(evidence_file(name), row.start, row.end, row.text)
