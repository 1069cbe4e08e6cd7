"""Bulk exports of a store: CSVs for `neo4j-admin database import full`, and GraphML.

    policygraph export --format neo4j-admin -o bulk/     then   sh bulk/import.sh [database]
    policygraph export --format graphml -o graph.graphml  (Gephi, networkx.read_graphml)

The CSVs rebuild the layout of the Neo4j store (graph/neo4j_store.py), so the imported
database opens as a store (`--store neo4j://…` then creates the constraints and indexes):

    nodes_<Label>[_k].csv   id:ID(PGNode), :LABEL (PGNode;<Label>), name, aliases:string[], …
    rels_<TYPE>[_k].csv     :START_ID(PGNode), :END_ID(PGNode), :TYPE, id, <props>,
                            ev_file:string[], ev_start:long[], ev_end:long[], ev_quote:string[], …
    documents.csv, meta.csv the PGDocument records and the PGMeta mark (schema version)
    import.sh               the neo4j-admin command with these files and options

Arrays use `;` between elements (`--array-delimiter`) unless some element holds a `;`, then
U+001F. A column has one type, so rows whose property types differ (SETS_TARGET values that are
sometimes numbers, sometimes text) go to separate files with their own headers. Empty unquoted
fields are absent properties; strings are always quoted, so an empty string stays one.

What a bulk import cannot keep is which document said what: every fact is recorded as said by
one source, `(bulk import)`. Re-ingesting a document later adds to those facts; deleting a
document does not take them away (docs/neo4j.md).
"""
from __future__ import annotations

import json
import shlex
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .embedded import fold
from .errors import StoreError
from .model import EDGE_PROPS, SCHEMA_VERSION, Edge, Label, match_key
from .neo4j_store import NODE_LABEL, node_props
from .store import GraphStore

__all__ = ["BULK_SOURCE", "write_neo4j_admin", "import_arguments", "write_graphml", "graphml_graph"]

BULK_SOURCE = "(bulk import)"
_ID_SPACE = "PGNode"
_FALLBACK_DELIMITER = "\x1f"


# ---------------------------------------------------------------------------- CSV cells

def _kind(value: Any) -> str | None:
    """The neo4j-admin column type of a value (None: no value)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, (list, tuple)):
        kinds = {_kind(v) for v in value} - {None}
        if not kinds:
            return None
        if len(kinds) > 1 or "string[]" in kinds:
            raise StoreError(f"cannot write an array of mixed types {value!r} for neo4j-admin")
        return kinds.pop() + "[]"
    return "string"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return str(value)


def _cell(value: Any, delimiter: str) -> str:
    """One CSV field: nothing for no value; strings and arrays quoted (quotes doubled)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return _quoted(delimiter.join(_scalar(v) for v in value)) if value else ""
    if isinstance(value, str):
        return _quoted(value)
    return _scalar(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _groups(rows: Sequence[dict[str, Any]]) -> list[tuple[dict[str, str], list[dict[str, Any]]]]:
    """Rows split into groups whose columns each hold one type: (column types, rows)."""
    groups: list[tuple[dict[str, str], list[dict[str, Any]]]] = []
    for row in rows:
        kinds = {k: _kind(v) for k, v in row.items()}
        for types, members in groups:
            if all(types.get(k) in (None, t) for k, t in kinds.items() if t is not None):
                types.update({k: t for k, t in kinds.items() if t is not None})
                members.append(row)
                break
        else:
            groups.append(({k: t for k, t in kinds.items() if t is not None}, [row]))
    return groups


def _write_csv(path: Path, fixed: Sequence[tuple[str, str]], types: dict[str, str],
               rows: Iterable[dict[str, Any]], delimiter: str) -> None:
    """`fixed`: (header, row key) columns first (ids, labels, types); then one per property."""
    keys = [k for k in sorted(types) if k not in {key for _, key in fixed}]
    with open(path, "w", encoding="utf-8", newline="") as fp:
        fp.write(",".join([h for h, _ in fixed] + [_header(k, types[k]) for k in keys]) + "\n")
        for row in rows:
            cells = [_cell(row.get(key), delimiter) for _, key in fixed] + [_cell(row.get(k), delimiter) for k in keys]
            fp.write(",".join(cells) + "\n")


# ---------------------------------------------------------------------------- neo4j-admin

def _node_row(node) -> dict[str, Any]:
    props = node_props(node)
    props.update(id=node.id, labels=[NODE_LABEL, node.label.value], _src=[BULK_SOURCE],
                 _contrib=[json.dumps(node.to_dict(), ensure_ascii=False, sort_keys=True)],
                 _search="\n".join(fold(p) for p in [node.name, *node.aliases, getattr(node, "text", None) or ""] if p),
                 _jkey=match_key(getattr(node, "jurisdiction", None)) or None)
    return props


def _edge_row(edge: Edge) -> dict[str, Any]:
    own = dict(edge.props)
    row: dict[str, Any] = {k: own.get(k) for k in sorted(EDGE_PROPS.get(edge.type, ()))}
    evidence = sorted(set(edge.evidence), key=lambda e: (e.file, e.start, e.end, e.quote))
    row.update(start=edge.source, end=edge.target, type=edge.type.value, id=edge.id,
               _src=[BULK_SOURCE], _contrib=[json.dumps(own, ensure_ascii=False, sort_keys=True)],
               ev_file=[e.file for e in evidence], ev_start=[e.start for e in evidence],
               ev_end=[e.end for e in evidence], ev_quote=[e.quote for e in evidence],
               ev_source_file=[BULK_SOURCE] * len(evidence),
               _search="\n".join(dict.fromkeys(fold(e.quote) for e in evidence)))
    return row


def _delimiter(rows: Iterable[dict[str, Any]]) -> str:
    for row in rows:
        for value in row.values():
            if isinstance(value, list) and any(isinstance(v, str) and (";" in v) for v in value):
                return _FALLBACK_DELIMITER
    return ";"


def write_neo4j_admin(store: GraphStore, directory: Path | str) -> list[Path]:
    """Write the store's graph as neo4j-admin import CSVs and import.sh into `directory`
    (created; must be empty or hold an earlier export). Returns the files written."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    stale = [p for p in out.iterdir() if not (p.suffix == ".csv" or p.name == "import.sh")]
    if stale:
        raise StoreError(f"{out}: not empty ({stale[0].name} …); give -o a new or empty folder")
    for p in out.glob("*.csv"):
        p.unlink()
    by_label: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for node in store.nodes():
        by_label[node.label].append(_node_row(node))
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in store.edges():
        by_type[edge.type.value].append(_edge_row(edge))
    documents = [{"source_file": d.source_file, "sha256": d.sha256, "encoding": d.encoding, "format": d.format,
                  "chars": d.chars, "ingested_at": d.ingested_at, "labels": ["PGDocument"]}
                 for d in store.documents()]
    meta = [{"key": "store", "schema_version": SCHEMA_VERSION, "labels": ["PGMeta"]}]
    delimiter = _delimiter(r for rows in (*by_label.values(), *by_type.values()) for r in rows)

    node_files: list[Path] = []
    rel_files: list[Path] = []
    for label in sorted(by_label, key=lambda lb: lb.value):
        for k, (types, rows) in enumerate(_groups(by_label[label])):
            path = out / (f"nodes_{label.value}.csv" if k == 0 else f"nodes_{label.value}_{k}.csv")
            _write_csv(path, [(f"id:ID({_ID_SPACE})", "id"), (":LABEL", "labels")], types, rows, delimiter)
            node_files.append(path)
    for name, rows in (("documents.csv", documents), ("meta.csv", meta)):
        (types, members), = _groups(rows)
        path = out / name
        _write_csv(path, [(":LABEL", "labels")], types, members, delimiter)
        node_files.append(path)
    for type_ in sorted(by_type):
        for k, (types, rows) in enumerate(_groups(by_type[type_])):
            path = out / (f"rels_{type_}.csv" if k == 0 else f"rels_{type_}_{k}.csv")
            _write_csv(path, [(f":START_ID({_ID_SPACE})", "start"), (f":END_ID({_ID_SPACE})", "end"),
                              (":TYPE", "type")], types, rows, delimiter)
            rel_files.append(path)
    script = out / "import.sh"
    script.write_text(_import_script(node_files, rel_files, delimiter), encoding="utf-8")
    script.chmod(0o755)
    return node_files + rel_files + [script]


def import_arguments(node_files: Sequence[Path], rel_files: Sequence[Path], delimiter: str = ";") -> list[str]:
    """The options of `neo4j-admin database import full` for these files (names relative)."""
    array = "U+001F" if delimiter == _FALLBACK_DELIMITER else delimiter
    return (["--multiline-fields=true", f"--array-delimiter={array}", "--id-type=string"]
            + [f"--nodes={p.name}" for p in node_files] + [f"--relationships={p.name}" for p in rel_files])


def _import_script(node_files: Sequence[Path], rel_files: Sequence[Path], delimiter: str) -> str:
    args = " \\\n    ".join(shlex.quote(a) for a in import_arguments(node_files, rel_files, delimiter))
    return f"""#!/bin/sh
# Load this PolicyGraph export into a Neo4j database with neo4j-admin (Neo4j stopped).
#   sh import.sh [database [more neo4j-admin options]]     default database: neo4j
#   sh import.sh neo4j --overwrite-destination=true        replace an existing (empty) database
# NEO4J_ADMIN names the tool (default: neo4j-admin on PATH). Then start Neo4j and open it as a
# store: policygraph stats --store neo4j://localhost:7687 (the first open creates the
# constraints and indexes). Written by `policygraph export --format neo4j-admin`; docs/neo4j.md.
set -e
cd "$(dirname "$0")"
DB="${{1:-neo4j}}"
[ $# -gt 0 ] && shift
# The database comes first: the file options take every word after them.
exec ${{NEO4J_ADMIN:-neo4j-admin}} database import full "$DB" "$@" \\
    {args}
"""


# ---------------------------------------------------------------------------- GraphML

def _graphml_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def graphml_graph(store: GraphStore):
    """The store as a networkx MultiDiGraph with GraphML-safe attributes: node label, name,
    aliases (JSON list) and properties; edge key = edge id, type, properties, evidence (JSON
    list of {file, start, end, quote}) and evidence_count. Absent properties are left out."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for node in store.nodes():
        attrs = {k: _graphml_value(v) for k, v in node.to_dict().items() if k != "id" and v not in (None, [], ())}
        g.add_node(node.id, **attrs)
    for edge in store.edges():
        attrs = {k: _graphml_value(v) for k, v in edge.props}
        evidence = sorted(edge.evidence, key=lambda e: (e.file, e.start, e.end))
        g.add_edge(edge.source, edge.target, key=edge.id, type=edge.type.value,
                   evidence=json.dumps([e.to_dict() for e in evidence], ensure_ascii=False),
                   evidence_count=len(evidence), **attrs)
    return g


def write_graphml(store: GraphStore, path: Path | str) -> Path:
    """Write the store as GraphML (for Gephi and networkx)."""
    import networkx as nx

    nx.write_graphml(graphml_graph(store), str(path), encoding="utf-8", named_key_ids=True)
    return Path(path)
