"""The one-way flow of STYLE.md §1, checked by walking imports with ast:
files → ingest → GraphBatch → store → queries → api."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"graph": "policygraph.graph", "ingest": "policygraph.ingest",
            "queries": "policygraph.queries", "api": "policygraph.api"}


def _imports(path: Path, package: str) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [package] + list(rel.parts[1:])
    if parts[-1] == "__init__":
        parts = parts[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level] if path.name != "__init__.py" else parts[: len(parts) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names.add(mod)
            names.update(f"{mod}.{a.name}" for a in node.names)
    return names


def _modules(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        yield path, _imports(path, PACKAGES[folder])


# (folder, forbidden import prefixes, why)
RULES = [
    ("graph", ("policygraph.ingest", "policygraph.queries", "policygraph.api", "fastapi", "starlette"),
     "graph/ is the bottom layer: the model and the stores"),
    ("ingest", ("policygraph.graph.embedded", "policygraph.graph.neo4j_store", "policygraph.graph.store",
                "policygraph.queries", "policygraph.api", "sqlite3", "neo4j", "fastapi"),
     "ingest/ opens no store and knows nothing of queries or HTTP"),
    ("queries", ("policygraph.ingest", "policygraph.api", "fastapi", "starlette", "policygraph.graph.embedded",
                 "policygraph.graph.neo4j_store"),
     "queries/ sees only the store Protocol; a store kind's own definitions may read that store's "
     "record mapping (see ALLOWED)"),
    ("api", ("policygraph.ingest", "sqlite3", "policygraph.graph.embedded", "policygraph.graph.neo4j_store"),
     "api/ calls queries/, never ingest or a store's internals"),
]


# A store kind's query definitions speak that store's language (Cypher needs the Neo4j mapping).
ALLOWED = {"queries/neo4j.py": ("policygraph.graph.neo4j_store",),
           "queries/embedded.py": ("policygraph.graph.embedded",)}


@pytest.mark.parametrize("folder, forbidden, why", RULES, ids=[r[0] for r in RULES])
def test_layers_import_only_downwards(folder, forbidden, why):
    offenders = []
    for path, names in _modules(folder):
        allowed = ALLOWED.get(path.relative_to(ROOT).as_posix(), ())
        bad = sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden)
                     and not any(n == a or n.startswith(a + ".") for a in allowed))
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {bad}")
    assert not offenders, f"{why}:\n" + "\n".join(offenders)


def test_no_bare_top_level_modules_named_graph_or_api_are_installed():
    import importlib.util

    for bare in ("graph", "api", "ingest", "queries"):
        spec = importlib.util.find_spec(bare)
        assert spec is None or "site-packages" not in str(spec.origin or ""), f"a bare `{bare}` module is installed"
