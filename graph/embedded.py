"""The embedded store: one SQLite file is the durable record; networkx is built from it to traverse.

    <dir>/policygraph.sqlite        WAL, synchronous=FULL, one transaction per document

What each document contributed is kept apart, so a document can be replaced or forgotten
without touching what other documents said (docs/decisions/0001-embedded-store.md):

    documents     (source_file, sha256, encoding, format, chars, warnings, ingested_at)
    node_contrib  (node_id, source_file, label, name, aliases, props, sort_key)   one row per node per document
    nodes         (id, label, name, aliases, props)      the merged view (`Node.merged`)
    edge_contrib  (edge_id, source_file, props)          one row per edge per document
    edges         (id, source, target, type, props)      exists while some document states it
    evidence      (id, edge_id, source_file, file, start_offset, end_offset, quote, norm)
    node_text     (id, node_id, field, text, norm)       names, aliases, task texts for search
    node_fts, quote_fts                                  FTS5 trigram indexes over the `norm` columns

`norm` columns hold the text folded for search (OpenCC t2s, NFKC, lower-case), so Traditional
and Simplified queries find each other. Table names are fixed; every value is a `?` parameter.
The schema version lives in `PRAGMA user_version`, the store's mark in `PRAGMA application_id`.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import SchemaMismatch, StoreError
from .model import (
    SCHEMA_VERSION,
    Edge,
    EdgeType,
    Evidence,
    GraphBatch,
    Label,
    Node,
    node_from_record,
)
from .store import DocumentRecord, WriteReport

__all__ = ["EmbeddedStore", "SearchHit", "STORE_FILE", "APPLICATION_ID", "fold", "snippet"]

STORE_FILE = "policygraph.sqlite"
APPLICATION_ID = 0x50475248  # "PGRH": marks an SQLite file as a PolicyGraph store
_CHUNK = 500                 # ids per `IN (?, …)` list
_MIN_FTS = 3                 # the trigram tokenizer needs 3 characters; shorter queries use LIKE

# Test-only: called as _WRITE_HOOK(stage) inside write()'s transaction (tests/test_crash_safety.py).
_WRITE_HOOK: Callable[[str], None] | None = None

SearchHit = tuple[str, str, float]  # (node_id, snippet, score); higher score is better

_SCHEMA = """
CREATE TABLE documents (
    source_file TEXT PRIMARY KEY,
    sha256      TEXT,
    encoding    TEXT,
    format      TEXT,
    chars       INTEGER NOT NULL DEFAULT 0,
    warnings    TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL
);
CREATE TABLE node_contrib (
    node_id     TEXT NOT NULL,
    source_file TEXT NOT NULL REFERENCES documents(source_file) DEFERRABLE INITIALLY DEFERRED,
    label       TEXT NOT NULL,
    name        TEXT NOT NULL,
    aliases     TEXT NOT NULL,
    props       TEXT NOT NULL,
    sort_key    TEXT NOT NULL,      -- merge order: "0\x1f<file>" for the node's own document, else "1\x1f<file>"
    PRIMARY KEY (node_id, source_file)
) WITHOUT ROWID;
CREATE INDEX node_contrib_by_document ON node_contrib(source_file);
CREATE INDEX node_contrib_by_order ON node_contrib(node_id, sort_key);
CREATE TABLE nodes (
    id      TEXT PRIMARY KEY,
    label   TEXT NOT NULL,
    name    TEXT NOT NULL,
    aliases TEXT NOT NULL,
    props   TEXT NOT NULL
);
CREATE INDEX nodes_by_label ON nodes(label);
CREATE TABLE edge_contrib (
    edge_id     TEXT NOT NULL,
    source_file TEXT NOT NULL REFERENCES documents(source_file) DEFERRABLE INITIALLY DEFERRED,
    props       TEXT NOT NULL,
    PRIMARY KEY (edge_id, source_file)
) WITHOUT ROWID;
CREATE INDEX edge_contrib_by_document ON edge_contrib(source_file);
CREATE TABLE edges (
    id     TEXT PRIMARY KEY,
    source TEXT NOT NULL REFERENCES nodes(id) DEFERRABLE INITIALLY DEFERRED,
    target TEXT NOT NULL REFERENCES nodes(id) DEFERRABLE INITIALLY DEFERRED,
    type   TEXT NOT NULL,
    props  TEXT NOT NULL
);
CREATE INDEX edges_by_source ON edges(source, type);
CREATE INDEX edges_by_target ON edges(target, type);
CREATE INDEX edges_by_type ON edges(type);
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    edge_id      TEXT NOT NULL,
    source_file  TEXT NOT NULL REFERENCES documents(source_file) DEFERRABLE INITIALLY DEFERRED,
    file         TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    quote        TEXT NOT NULL,
    norm         TEXT NOT NULL,
    UNIQUE (edge_id, source_file, file, start_offset, end_offset)
);
CREATE INDEX evidence_by_document ON evidence(source_file);
CREATE TABLE node_text (
    id      INTEGER PRIMARY KEY,
    node_id TEXT NOT NULL,
    field   TEXT NOT NULL,
    text    TEXT NOT NULL,
    norm    TEXT NOT NULL
);
CREATE INDEX node_text_by_node ON node_text(node_id);
CREATE VIRTUAL TABLE node_fts USING fts5(norm, content='node_text', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE quote_fts USING fts5(norm, content='evidence', content_rowid='id', tokenize='trigram');
CREATE TRIGGER node_text_ai AFTER INSERT ON node_text BEGIN
    INSERT INTO node_fts(rowid, norm) VALUES (new.id, new.norm);
END;
CREATE TRIGGER node_text_ad AFTER DELETE ON node_text BEGIN
    INSERT INTO node_fts(node_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
END;
CREATE TRIGGER evidence_ai AFTER INSERT ON evidence BEGIN
    INSERT INTO quote_fts(rowid, norm) VALUES (new.id, new.norm);
END;
CREATE TRIGGER evidence_ad AFTER DELETE ON evidence BEGIN
    INSERT INTO quote_fts(quote_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
END;
"""

# How much a hit in each kind of text counts (names beat aliases beat task texts beat quotes).
_FIELD_WEIGHT = {"name": 3.0, "alias": 2.0, "text": 1.0, "quote": 0.8}


# ---------------------------------------------------------------------------- text folding

@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def fold(text: str) -> str:
    """Text as the search index holds it: Simplified, NFKC, lower-case; characters are kept
    (but NUL, which ends strings inside SQLite's FTS5 and length(), becomes a space)."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", _t2s()(text.replace("\x00", " "))).lower()


def _fts_phrase(folded: str) -> str:
    """An FTS5 query that matches `folded` as one literal phrase (never FTS5 syntax)."""
    return '"' + folded.replace('"', '""') + '"'


def _like_pattern(folded: str) -> str:
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def snippet(text: str, norm: str, folded_query: str, width: int = 40) -> str:
    """A window of `text` around the first match, in original characters when folding kept lengths
    (both stores cut search snippets with this one function)."""
    at = norm.find(folded_query)
    source = text if len(text) == len(norm) else norm
    if at < 0:
        return source[: 2 * width] + ("…" if len(source) > 2 * width else "")
    lo = max(0, at - width)
    hi = min(len(source), at + len(folded_query) + width)
    return ("…" if lo else "") + source[lo:hi] + ("…" if hi < len(source) else "")


# ---------------------------------------------------------------------------- (de)serialising

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _node_row(node: Node) -> tuple[str, str, str, str]:
    return node.label.value, node.name, _dumps(list(node.aliases)), _dumps(node.properties())


def _node_of(node_id: str, label: str, name: str, aliases: str, props: str) -> Node:
    record = json.loads(props)
    record.update(id=node_id, name=name, aliases=json.loads(aliases))
    return node_from_record(label, record)


_EMPTY = (None, "", ())


def _sort_key(source_file: str, props: dict[str, Any]) -> str:
    """Merge order of a node's contributions: the document the node belongs to (a Plan or Task
    whose source_file is that document) first, then by document name, so the merged view does
    not depend on the order documents came in."""
    return ("0" if props.get("source_file") == source_file else "1") + "\x1f" + source_file


def _fold_into(name: str, aliases: list[str], props: dict[str, Any], other_name: str,
               other_aliases: Sequence[str], other_props: dict[str, Any]) -> list[str]:
    """One `Node.merged` step on parsed rows: fills `props` in place, returns the new aliases."""
    for k, v in other_props.items():
        if props.get(k) in _EMPTY and v not in _EMPTY:
            props[k] = v
    return list(dict.fromkeys(a for a in [*aliases, other_name, *other_aliases] if a and a != name))


def _merge_rows(contribs: Sequence[tuple[str, str, str, str, str]]) -> tuple[str, str, str, str]:
    """The stored view of a node (label, name, aliases, props) from its contributions
    (source_file, label, name, aliases, props): `Node.merged` applied in `_sort_key` order.
    Works on the JSON rows, without building a Node per contribution."""
    parsed = []
    for source_file, label, name, aliases, props in contribs:
        p = json.loads(props)
        parsed.append((_sort_key(source_file, p), label, name, json.loads(aliases), p))
    parsed.sort(key=lambda t: t[0])
    _, label, name, aliases, merged = parsed[0]
    for _, _, other_name, other_aliases, other_props in parsed[1:]:
        aliases = _fold_into(name, aliases, merged, other_name, other_aliases, other_props)
    return label, name, _dumps(aliases), _dumps(merged)


def _fold_row(current: tuple[str, str, str, str], other: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    """A merged row with one more contribution that comes last in merge order."""
    label, name, aliases, props = current
    merged = json.loads(props)
    new_aliases = _fold_into(name, json.loads(aliases), merged, other[1], json.loads(other[2]), json.loads(other[3]))
    return label, name, _dumps(new_aliases), _dumps(merged)


def _merge_props(contribs: Iterable[str]) -> dict[str, Any]:
    """Edge properties over contributions (in document order): first value of each key wins."""
    out: dict[str, Any] = {}
    for raw in contribs:
        for k, v in json.loads(raw).items():
            if out.get(k) is None and v is not None:
                out[k] = v
    return out


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script (trigger bodies hold `;` too)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""


def _columns(con: sqlite3.Connection) -> dict[str, list[str]]:
    """Column names of every ordinary table, by table."""
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"
                                        " AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%fts%'")]
    return {t: [r[1] for r in con.execute("SELECT * FROM pragma_table_info(?)", (t,))] for t in sorted(tables)}


@lru_cache(maxsize=1)
def _expected_columns() -> dict[str, list[str]]:
    con = sqlite3.connect(":memory:")
    try:
        for statement in _statements(_SCHEMA):
            con.execute(statement)
        return _columns(con)
    finally:
        con.close()


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


# ---------------------------------------------------------------------------- the store

class EmbeddedStore:
    """A GraphStore on one SQLite file in `directory` (created if missing, unless `create=False`:
    then a directory without a store is a StoreError, so reading commands do not leave empty
    stores behind a mistyped --store)."""

    kind = "embedded"

    def __init__(self, directory: Path | str, *, create: bool = True) -> None:
        self.directory = Path(directory)
        self._may_create = create
        self.file = self.directory / STORE_FILE
        self._lock = threading.RLock()
        self._changes = 0
        self._graph: nx.MultiDiGraph | None = None
        self._graph_stamp: tuple[int, int] | None = None
        self._con = self._connect()

    # ------------------------------------------------------------------ opening

    def _connect(self) -> sqlite3.Connection:
        d = self.directory
        if not self._may_create and not self.file.exists():
            if d.exists() and not d.is_dir():
                raise StoreError(f"{d}: is a file, not a store directory; give --store a directory")
            raise StoreError(f"{d}: no PolicyGraph store here; ingest documents first "
                             f"(policygraph ingest DOCS --store {d}) or check --store")
        try:
            d.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise StoreError(f"{d}: is a file, not a store directory; give --store a directory") from None
        except OSError as exc:
            raise StoreError(f"{d}: cannot create the store directory ({exc.strerror or exc}); "
                             "choose a writable place with --store") from exc
        if not d.is_dir():
            raise StoreError(f"{d}: is not a directory; give --store a directory")
        if not os.access(d, os.W_OK | os.X_OK):
            raise StoreError(f"{d}: the store directory is not writable; fix its permissions "
                             "or choose another with --store")
        if self.file.exists() and not self.file.is_file():
            raise StoreError(f"{self.file}: is not a file; move it away or choose another --store")
        try:
            con = sqlite3.connect(self.file, isolation_level=None, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.file}: cannot open ({exc})") from exc
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            con.close()
            raise StoreError(f"{self.file}: not a PolicyGraph store ({exc}); move the file away "
                             "or choose another --store directory") from exc
        try:
            if app_id == 0 and tables == 0:
                self._create(con)
            elif app_id != APPLICATION_ID:
                raise StoreError(f"{self.file}: an SQLite database that is not a PolicyGraph store; "
                                 "move it away or choose another --store directory")
            elif version != SCHEMA_VERSION:
                raise SchemaMismatch(self._mismatch(version))
            elif _columns(con) != _expected_columns():
                raise SchemaMismatch(f"{self.file}: its tables differ from schema {SCHEMA_VERSION} (written by a "
                                     "development version of PolicyGraph?); re-ingest the documents into a fresh "
                                     "--store directory")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            con.close()
            raise StoreError(f"{self.file}: cannot prepare the store ({exc})") from exc
        except StoreError:
            con.close()
            raise
        return con

    def _mismatch(self, version: int) -> str:
        if version > SCHEMA_VERSION:
            return (f"{self.file}: written by a newer PolicyGraph (store schema {version}, this one "
                    f"reads {SCHEMA_VERSION}); upgrade PolicyGraph, or ingest into a fresh --store directory")
        return (f"{self.file}: written by an older PolicyGraph (store schema {version}, this one "
                f"reads {SCHEMA_VERSION}); re-ingest the documents into a fresh --store directory "
                "(the old one can then be deleted)")

    @staticmethod
    def _create(con: sqlite3.Connection) -> None:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("BEGIN IMMEDIATE")
        try:
            # the file may have been created meanwhile by another process: check again inside the lock
            if con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0:
                for statement in _statements(_SCHEMA):
                    con.execute(statement)
                con.execute(f"PRAGMA application_id={APPLICATION_ID:d}")
                con.execute(f"PRAGMA user_version={SCHEMA_VERSION:d}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        con = self._live()
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            hint = "; is another ingest writing to this store?" if "locked" in str(exc) else ""
            raise StoreError(f"{self.file}: cannot start a write ({exc}){hint}") from exc
        try:
            yield con
            con.execute("COMMIT")
        except BaseException as exc:
            try:
                con.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.file}: write failed and was rolled back ({exc})") from exc
            raise
        finally:
            self._changes += 1

    def _live(self) -> sqlite3.Connection:
        if self._con is None:
            raise StoreError(f"{self.file}: the store is closed")
        return self._con

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._live().execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.file}: read failed ({exc})") from exc

    # ------------------------------------------------------------------ writing

    def write(self, batch: GraphBatch) -> WriteReport:
        """Store one document's facts in one transaction, replacing what it contributed before."""
        doc = batch.source_file
        new_nodes = {n.id: _node_row(n) for n in batch.nodes}
        node_rows = [(i, doc, *row, _sort_key(doc, n.properties())) for n, (i, row) in
                     zip(batch.nodes, new_nodes.items())]
        edges = [(e.id, e) for e in batch.edges]
        new_edges = {i: _dumps(e.properties) for i, e in edges}
        evidence_rows = [(i, doc, ev.file, ev.start, ev.end, ev.quote, fold(ev.quote))
                         for i, e in edges for ev in e.evidence]
        endpoints = {i: (e.source, e.target, e.type.value) for i, e in edges}
        document_row = (doc, batch.sha256, batch.encoding, batch.format, batch.chars,
                        _dumps(list(batch.warnings)), datetime.now(timezone.utc).isoformat(timespec="seconds"))
        with self._lock, self._transaction() as con:
            replaced = con.execute("SELECT 1 FROM documents WHERE source_file = ?", (doc,)).fetchone() is not None
            old_nodes = {r[0]: tuple(r[1:]) for r in con.execute(
                "SELECT node_id, label, name, aliases, props FROM node_contrib WHERE source_file = ?", (doc,))}
            old_edges = dict(con.execute("SELECT edge_id, props FROM edge_contrib WHERE source_file = ?", (doc,)))
            self._forget(con, doc)
            con.execute(
                "INSERT INTO documents(source_file, sha256, encoding, format, chars, warnings, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_file) DO UPDATE SET sha256=excluded.sha256,"
                " encoding=excluded.encoding, format=excluded.format, chars=excluded.chars,"
                " warnings=excluded.warnings, ingested_at=excluded.ingested_at", document_row)
            con.executemany("INSERT INTO node_contrib(node_id, source_file, label, name, aliases, props, sort_key)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)", node_rows)
            if _WRITE_HOOK is not None:
                _WRITE_HOOK("node_contrib")
            con.executemany("INSERT INTO edge_contrib(edge_id, source_file, props) VALUES (?, ?, ?)",
                            [(i, doc, props) for i, props in new_edges.items()])
            con.executemany("INSERT OR IGNORE INTO evidence(edge_id, source_file, file, start_offset, end_offset,"
                            " quote, norm) VALUES (?, ?, ?, ?, ?, ?, ?)", evidence_rows)
            self._update_nodes(con, doc, {r[0]: r[-1] for r in node_rows}, old_nodes, new_nodes)
            self._update_edges(con, doc, old_edges, new_edges, endpoints)
            if _WRITE_HOOK is not None:
                _WRITE_HOOK("before_commit")
        counts: dict[str, int] = {}
        for n in batch.nodes:
            counts[n.label.value] = counts.get(n.label.value, 0) + 1
        for e in batch.edges:
            counts[e.type.value] = counts.get(e.type.value, 0) + 1
        return WriteReport(source_file=doc, nodes=len(batch.nodes), edges=len(batch.edges),
                           evidence=len(evidence_rows), replaced=replaced, counts=counts)

    def delete_document(self, source_file: str) -> bool:
        """Forget one document; facts that other documents also state stay (with their evidence)."""
        with self._lock, self._transaction() as con:
            if con.execute("SELECT 1 FROM documents WHERE source_file = ?", (source_file,)).fetchone() is None:
                return False
            old_nodes, old_edges = self._forget(con, source_file)
            con.execute("DELETE FROM documents WHERE source_file = ?", (source_file,))
            self._refresh_nodes(con, sorted(old_nodes))
            self._refresh_edges(con, sorted(old_edges), {})
        return True

    @staticmethod
    def _forget(con: sqlite3.Connection, doc: str) -> tuple[set[str], set[str]]:
        """Delete a document's contributions; returns the node and edge ids they touched."""
        nodes = {r[0] for r in con.execute("SELECT node_id FROM node_contrib WHERE source_file = ?", (doc,))}
        edges = {r[0] for r in con.execute("SELECT edge_id FROM edge_contrib WHERE source_file = ?", (doc,))}
        con.execute("DELETE FROM evidence WHERE source_file = ?", (doc,))
        con.execute("DELETE FROM edge_contrib WHERE source_file = ?", (doc,))
        con.execute("DELETE FROM node_contrib WHERE source_file = ?", (doc,))
        return nodes, edges

    def _update_nodes(self, con: sqlite3.Connection, doc: str, keys: dict[str, str],
                      old: dict[str, tuple], new: dict[str, tuple]) -> None:
        """Bring merged node rows up to date after a document's contributions changed from `old` to
        `new`. Unchanged contributions change nothing; a new contribution that comes last in merge
        order is folded into the stored row (O(1), the usual case when documents are ingested in
        name order); everything else is merged again from all contributions."""
        full = [i for i, row in old.items() if new.get(i) != row]
        fresh = [i for i in new if i not in old]
        for chunk in _chunks(fresh):
            marks = _marks(len(chunk))
            current = {r[0]: tuple(r[1:]) for r in con.execute(
                f"SELECT id, label, name, aliases, props FROM nodes WHERE id IN ({marks})", chunk)}
            last = dict(con.execute(
                f"SELECT node_id, max(sort_key) FROM node_contrib WHERE node_id IN ({marks})"
                " AND source_file != ? GROUP BY node_id", (*chunk, doc)))
            changes = []
            for i in chunk:
                if i not in current and i not in last:
                    changes.append((i, new[i]))
                elif i in current and i in last and keys[i] > last[i]:
                    row = _fold_row(current[i], new[i])
                    if row != current[i]:
                        changes.append((i, row))
                else:
                    full.append(i)
            self._store_node_rows(con, changes)
        self._refresh_nodes(con, sorted(full))

    @staticmethod
    def _store_node_rows(con: sqlite3.Connection, changes: Sequence[tuple[str, tuple]]) -> None:
        """Upsert merged node rows and their search texts."""
        for sub in _chunks([i for i, _ in changes]):
            con.execute(f"DELETE FROM node_text WHERE node_id IN ({_marks(len(sub))})", sub)
        con.executemany("INSERT INTO nodes(id, label, name, aliases, props) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT(id) DO UPDATE SET label=excluded.label, name=excluded.name,"
                        " aliases=excluded.aliases, props=excluded.props", [(i, *row) for i, row in changes])
        con.executemany("INSERT INTO node_text(node_id, field, text, norm) VALUES (?, ?, ?, ?)",
                        [(i, field, text, fold(text)) for i, row in changes for field, text in _search_texts(*row[1:])])

    def _refresh_nodes(self, con: sqlite3.Connection, ids: Sequence[str]) -> None:
        """Merge the rows of `ids` again from all their contributions (deleting those with none)."""
        for chunk in _chunks(ids):
            marks = _marks(len(chunk))
            contribs = con.execute(
                f"SELECT node_id, source_file, label, name, aliases, props FROM node_contrib"
                f" WHERE node_id IN ({marks}) ORDER BY node_id", chunk).fetchall()
            current = {r[0]: tuple(r[1:]) for r in con.execute(
                f"SELECT id, label, name, aliases, props FROM nodes WHERE id IN ({marks})", chunk)}
            alive, changes = set(), []
            for node_id, rows in groupby(contribs, key=lambda r: r[0]):
                alive.add(node_id)
                rows = [tuple(r[1:]) for r in rows]
                row = _merge_rows(rows)
                if current.get(node_id) != row:
                    changes.append((node_id, row))
            self._store_node_rows(con, changes)
            gone = [i for i in chunk if i not in alive and i in current]
            for sub in _chunks(gone):
                con.execute(f"DELETE FROM node_text WHERE node_id IN ({_marks(len(sub))})", sub)
                con.execute(f"DELETE FROM nodes WHERE id IN ({_marks(len(sub))})", sub)

    def _update_edges(self, con: sqlite3.Connection, doc: str, old: dict[str, str], new: dict[str, str],
                      endpoints: dict[str, tuple[str, str, str]]) -> None:
        """Edge rows after a document's contributions changed from `old` to `new` (as `_update_nodes`;
        edge properties merge in document-name order)."""
        full = [i for i, props in old.items() if new.get(i) != props]
        fresh = [i for i in new if i not in old]
        for chunk in _chunks(fresh):
            marks = _marks(len(chunk))
            current = dict(con.execute(f"SELECT id, props FROM edges WHERE id IN ({marks})", chunk))
            last = dict(con.execute(
                f"SELECT edge_id, max(source_file) FROM edge_contrib WHERE edge_id IN ({marks})"
                " AND source_file != ? GROUP BY edge_id", (*chunk, doc)))
            inserts, updates = [], []
            for i in chunk:
                if i not in current and i not in last:
                    inserts.append((i, *endpoints[i], new[i]))
                elif i in current and i in last and doc > last[i]:
                    props = _dumps(_merge_props([current[i], new[i]]))
                    if props != current[i]:
                        updates.append((props, i))
                else:
                    full.append(i)
            con.executemany("INSERT INTO edges(id, source, target, type, props) VALUES (?, ?, ?, ?, ?)", inserts)
            con.executemany("UPDATE edges SET props = ? WHERE id = ?", updates)
        self._refresh_edges(con, sorted(full), endpoints)

    @staticmethod
    def _refresh_edges(con: sqlite3.Connection, ids: Sequence[str],
                       endpoints: dict[str, tuple[str, str, str]]) -> None:
        """Recompute edge rows of `ids`: merged props, or deleted when no document states them."""
        for chunk in _chunks(ids):
            marks = _marks(len(chunk))
            contribs = con.execute(
                f"SELECT edge_id, props FROM edge_contrib WHERE edge_id IN ({marks})"
                " ORDER BY edge_id, source_file", chunk).fetchall()
            alive, upserts, updates = set(), [], []
            for edge_id, rows in groupby(contribs, key=lambda r: r[0]):
                alive.add(edge_id)
                rows = [r[1] for r in rows]
                props = rows[0] if len(rows) == 1 else _dumps(_merge_props(rows))
                if edge_id in endpoints:
                    upserts.append((edge_id, *endpoints[edge_id], props))
                else:
                    updates.append((props, edge_id))
            con.executemany("INSERT INTO edges(id, source, target, type, props) VALUES (?, ?, ?, ?, ?)"
                            " ON CONFLICT(id) DO UPDATE SET props=excluded.props", upserts)
            con.executemany("UPDATE edges SET props = ? WHERE id = ?", updates)
            gone = [i for i in chunk if i not in alive]
            if gone:
                con.execute(f"DELETE FROM edges WHERE id IN ({_marks(len(gone))})", gone)

    # ------------------------------------------------------------------ reading

    def node(self, node_id: str) -> Node | None:
        rows = self._read("SELECT id, label, name, aliases, props FROM nodes WHERE id = ?", (node_id,))
        return _node_of(*rows[0]) if rows else None

    def nodes(self, label: Label | str | None = None) -> Iterator[Node]:
        if label is None:
            rows = self._read("SELECT id, label, name, aliases, props FROM nodes ORDER BY id")
        else:
            rows = self._read("SELECT id, label, name, aliases, props FROM nodes WHERE label = ? ORDER BY id",
                              (Label(label).value,))
        for row in rows:
            yield _node_of(*row)

    def edges(self, *, source: str | None = None, target: str | None = None,
              type: EdgeType | str | None = None) -> Iterator[Edge]:
        rows = self._read(*_edge_query(source, target, type))
        for _, group in groupby(rows, key=lambda r: r[0]):
            group = list(group)
            _, src, tgt, typ, props = group[0][:5]
            evidence = tuple(Evidence(r[5], r[6], r[7], r[8]) for r in group)
            yield Edge(src, tgt, EdgeType(typ), evidence, tuple(sorted(json.loads(props).items())))

    def edge(self, edge_id: str) -> Edge | None:
        """One edge by id, with all its evidence."""
        rows = self._read("SELECT source FROM edges WHERE id = ?", (edge_id,))
        if not rows:
            return None
        return next((e for e in self.edges(source=rows[0][0]) if e.id == edge_id), None)

    def evidence_for(self, edge_id: str) -> list[Evidence]:
        """Every place an edge was read, sorted by file and offset (each place once)."""
        rows = self._read("SELECT DISTINCT file, start_offset, end_offset, quote FROM evidence WHERE edge_id = ?"
                          " ORDER BY file, start_offset, end_offset", (edge_id,))
        return [Evidence(*r) for r in rows]

    def documents(self) -> list[DocumentRecord]:
        rows = self._read("SELECT source_file, sha256, encoding, format, chars, ingested_at FROM documents"
                          " ORDER BY source_file")
        return [DocumentRecord(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Nodes per label, edges per type (zeros included), and documents."""
        out = {label.value: 0 for label in Label}
        out.update({t.value: 0 for t in EdgeType})
        for label, n in self._read("SELECT label, count(*) FROM nodes GROUP BY label"):
            out[label] = n
        for type_, n in self._read("SELECT type, count(*) FROM edges GROUP BY type"):
            out[type_] = n
        out["documents"] = self._read("SELECT count(*) FROM documents")[0][0]
        return out

    # ------------------------------------------------------------------ traversal graph

    def _stamp(self) -> tuple[int, int]:
        """Changes by this connection, and PRAGMA data_version (changes by any other connection)."""
        return self._changes, self._read("PRAGMA data_version")[0][0]

    def graph(self) -> nx.MultiDiGraph:
        """The graph for traversals (node attrs label, name; edge key = edge id, attrs type + props),
        rebuilt only when the store has changed since the last call. Frozen: it is shared by every
        caller, so mutating it raises networkx.NetworkXError (copy it with `nx.MultiDiGraph(g)`)."""
        with self._lock:
            stamp = self._stamp()
            if self._graph is not None and self._graph_stamp == stamp:
                return self._graph
            g = nx.MultiDiGraph()
            g.add_nodes_from((i, {"label": label, "name": name})
                             for i, label, name in self._read("SELECT id, label, name FROM nodes ORDER BY id"))
            for edge_id, src, tgt, typ, props in self._read(
                    "SELECT id, source, target, type, props FROM edges ORDER BY id"):
                g.add_edge(src, tgt, key=edge_id, type=typ, **json.loads(props))
            self._graph, self._graph_stamp = nx.freeze(g), stamp
            return g

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Nodes whose name, alias, task text or evidence quote contains `text` (Traditional and
        Simplified alike): (node_id, snippet, score) rows, best first. A quote's hit names both
        ends of its edge."""
        query = fold((text or "").strip())
        if not query or limit <= 0:
            return []
        if len(query) >= _MIN_FTS:
            phrase = _fts_phrase(query)
            node_rows = self._read(
                "SELECT t.node_id, t.field, t.text, t.norm, -bm25(node_fts) FROM node_fts"
                " JOIN node_text t ON t.id = node_fts.rowid WHERE node_fts MATCH ?"
                " ORDER BY bm25(node_fts) LIMIT ?", (phrase, limit * 4))
            quote_rows = self._read(
                "SELECT e.source, e.target, v.quote, v.norm, -bm25(quote_fts) FROM quote_fts"
                " JOIN evidence v ON v.id = quote_fts.rowid JOIN edges e ON e.id = v.edge_id"
                " WHERE quote_fts MATCH ? ORDER BY bm25(quote_fts) LIMIT ?", (phrase, limit * 4))
        else:
            pattern = _like_pattern(query)
            node_rows = self._read(
                "SELECT node_id, field, text, norm, 1.0 * ? / max(length(norm), 1) FROM node_text"
                " WHERE norm LIKE ? ESCAPE '\\' ORDER BY length(norm) LIMIT ?", (len(query), pattern, limit * 4))
            quote_rows = self._read(
                "SELECT e.source, e.target, v.quote, v.norm, 1.0 * ? / max(length(v.norm), 1) FROM evidence v"
                " JOIN edges e ON e.id = v.edge_id WHERE v.norm LIKE ? ESCAPE '\\'"
                " ORDER BY length(v.norm) LIMIT ?", (len(query), pattern, limit * 4))
        best: dict[str, SearchHit] = {}

        def offer(node_id: str, field: str, raw: str, norm: str, score: float) -> None:
            score = float(score) * _FIELD_WEIGHT[field]
            if node_id not in best or score > best[node_id][2]:
                best[node_id] = (node_id, snippet(raw, norm, query), score)

        for node_id, field, raw, norm, score in node_rows:
            offer(node_id, field, raw, norm, score)
        for src, tgt, raw, norm, score in quote_rows:
            offer(src, "quote", raw, norm, score)
            offer(tgt, "quote", raw, norm, score)
        return sorted(best.values(), key=lambda h: (-h[2], h[0]))[:limit]

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                try:
                    self._con.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass
                self._con.close()
                self._con = None

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.directory)!r})"


def _edge_query(source: str | None, target: str | None, type: EdgeType | str | None) -> tuple[str, list[str]]:
    """SQL and parameters for edges with their evidence; each filter is served by an index
    (edges_by_source, edges_by_target, edges_by_type)."""
    where, params = [], []
    if source is not None:
        where.append("e.source = ?")
        params.append(source)
    if target is not None:
        where.append("e.target = ?")
        params.append(target)
    if type is not None:
        where.append("e.type = ?")
        params.append(EdgeType(type).value)
    sql = ("SELECT e.id, e.source, e.target, e.type, e.props, v.file, v.start_offset, v.end_offset, v.quote"
           " FROM edges e JOIN evidence v ON v.edge_id = e.id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY e.id, v.file, v.start_offset, v.end_offset, v.source_file")
    return sql, params


def _search_texts(name: str, aliases: str, props: str) -> list[tuple[str, str]]:
    """(field, text) rows a stored node is found by: its name, each alias, a task's text."""
    rows = [("name", name)]
    rows += [("alias", a) for a in json.loads(aliases) if a]
    text = json.loads(props).get("text")
    if text:
        rows.append(("text", text))
    return rows
