"""Bundled data tables: each row's values and its exact place in the file, for evidence."""
from __future__ import annotations

import pytest

from policygraph.graph.errors import IngestError
from policygraph.ingest import agency_names, gazetteer
from policygraph.ingest.datatables import evidence_file, read_rows, row_evidence


def test_rows_carry_values_and_offsets_of_the_row_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('old,new,source\n\n卫生局,卫生健康委员会,"方案，2018"\r\n农业局,农业农村局,x\n', encoding="utf-8")
    rows = read_rows(path)
    text = path.read_text(encoding="utf-8")
    assert [r.values["old"] for r in rows] == ["卫生局", "农业局"]
    assert rows[0].values["source"] == "方案，2018"          # a quoted cell with a comma
    for r in rows:
        assert text[r.start:r.end] == r.text and not r.text.endswith(("\r", "\n"))


def test_short_row_fills_missing_cells_and_long_row_is_an_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,c\n1,2\n", encoding="utf-8")
    assert dict(read_rows(path)[0].values) == {"a": "1", "b": "2", "c": ""}
    path.write_text("a,b\n1,2,3\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"t\.csv:2"):
        read_rows(path)


def test_row_evidence_names_the_bundled_table(tmp_path):
    path = tmp_path / "abc.csv"
    path.write_text("k,v\nx,y\n", encoding="utf-8")
    ev = row_evidence(read_rows(path)[0], path)
    assert (ev.file, ev.start, ev.end, ev.quote) == ("policygraph:data/abc.csv", 4, 7, "x,y")
    assert evidence_file("agency_renames.csv") == agency_names.RENAMES_EVIDENCE_FILE


@pytest.mark.parametrize("path, rows_of", [
    (agency_names.RENAMES_FILE, lambda: [(r.start, r.end, r.row_text) for r in agency_names.renames()]),
    (gazetteer.CHANGES_FILE, lambda: [(c.start, c.end, c.row_text) for c in gazetteer.changes()]),
])
def test_both_table_users_quote_rows_exactly(path, rows_of):
    text = path.read_text(encoding="utf-8")
    rows = rows_of()
    assert rows
    for start, end, quote in rows:
        assert text[start:end] == quote
