"""Shared fixtures: where ../shared is, and a skip when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POLICYGRAPH_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold"
EXAMPLES = ROOT / "examples"

# an extractor that fails raises in the tests (in use it is a warning and the step is skipped)
os.environ.setdefault("POLICYGRAPH_STRICT", "1")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus, or a skip saying why (the documents are not ours to copy in)."""
    if not CORPUS.is_dir() or not any(CORPUS.iterdir()):
        pytest.skip(f"corpus not found at {CORPUS} (set POLICYGRAPH_SHARED to the shared/ folder)")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in corpus_dir.iterdir() if p.is_file())


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """Bolt URI of a real Neo4j server (the one server the whole run shares; see
    store_contract.neo4j_test_uri): fails in CI when it cannot start, skips elsewhere."""
    from store_contract import neo4j_test_uri

    return neo4j_test_uri()
