"""The whole pipeline on ../shared/corpus and examples/: every edge's evidence slices the text it
names, and ingesting twice gives the identical export."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from policygraph.graph.embedded import EmbeddedStore
from policygraph.graph.export import export_dict
from policygraph.ingest.pipeline import find_documents, ingest_file
from policygraph.ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def _ingest(folder: Path, store_dir: Path) -> dict:
    store = EmbeddedStore(store_dir)
    for path, name in find_documents([folder]):
        store.write(ingest_file(path, name))
    data = export_dict(store)
    store.close()
    return data


def _bundled_text(evidence_file: str) -> str:
    """Text of a bundled data table named in evidence as `package:relative/path`."""
    package, _, rel = evidence_file.partition(":")
    if package == "policygraph":
        base = ROOT / "ingest"
    else:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations, f"no package {package}"
        base = Path(next(iter(spec.submodule_search_locations)))
    return (base / rel).read_text(encoding="utf-8")


def _check_evidence(data: dict, folder: Path) -> int:
    texts: dict[str, str] = {}
    checked = 0
    for edge in data["edges"]:
        assert edge["evidence"], f"edge without evidence: {edge['id']}"
        for ev in edge["evidence"]:
            name = ev["file"]
            if name not in texts:
                if (folder / name).is_file():
                    texts[name] = read_document(folder / name, name).text
                else:
                    texts[name] = _bundled_text(name)
            text = texts[name]
            assert 0 <= ev["start"] < ev["end"] <= len(text), f"{name}: offsets {ev['start']}-{ev['end']} outside the text"
            assert text[ev["start"]:ev["end"]] == ev["quote"], f"{name}:{ev['start']}-{ev['end']} does not slice to its quote"
            checked += 1
    return checked


@pytest.fixture(scope="module")
def corpus_exports(corpus_dir: Path, tmp_path_factory) -> tuple[dict, dict]:
    first = _ingest(corpus_dir, tmp_path_factory.mktemp("corpus-a"))
    store_b = tmp_path_factory.mktemp("corpus-b")
    _ingest(corpus_dir, store_b)
    second = _ingest(corpus_dir, store_b)  # the same documents again, into the same store
    return first, second


def test_every_corpus_edge_has_evidence_that_slices_its_text(corpus_exports, corpus_dir: Path):
    data, _ = corpus_exports
    assert _check_evidence(data, corpus_dir) > 1000


def test_ingesting_the_corpus_twice_gives_the_identical_export(corpus_exports):
    first, second = corpus_exports
    assert json.dumps(first, ensure_ascii=False, sort_keys=True) == json.dumps(second, ensure_ascii=False, sort_keys=True)


def test_examples_give_a_three_level_lineage_with_valid_evidence(examples_dir: Path, tmp_path: Path):
    data = _ingest(examples_dir, tmp_path / "store")
    _check_evidence(data, examples_dir)
    plans = {n["id"]: n for n in data["nodes"] if n["label"] == "Plan" and n.get("source_file")}
    levels = {plans[e["source"]]["level"] + ">" + plans[e["target"]]["level"]
              for e in data["edges"] if e["type"] == "IMPLEMENTS" and e["source"] in plans and e["target"] in plans}
    assert {"city>province", "district>city"} <= levels
