"""Crash safety: a process killed (SIGKILL) inside a document's transaction leaves the store
exactly as it was before that document — checked with a real child process, not a mock.

The child pauses inside `write()` through the test-only `embedded._WRITE_HOOK` and says so on
its stdout; only then does the parent kill it, so the kill always lands mid-transaction. The
child's page cache is tiny, so SQLite has already spilled uncommitted pages into the WAL file
when it dies; recovery must ignore them.
"""
from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from store_contract import bulk_batch, plan_batch

from policygraph.graph.embedded import STORE_FILE, EmbeddedStore
from policygraph.graph.export import export_dict
from policygraph.graph.model import Label, node_id

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

TESTS = Path(__file__).resolve().parent

CHILD = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from store_contract import bulk_batch, plan_batch
    from policygraph.graph import embedded

    directory, second, stage = sys.argv[1:4]
    store = embedded.EmbeddedStore(directory)
    store.write(plan_batch("doc1.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局", "株洲市林业局"],
                           district="石峰区", target=("森林覆盖率", 62)))
    store._con.execute("PRAGMA cache_size=8")   # spill uncommitted pages to the WAL early
    wal = os.path.join(directory, "{store_file}-wal")
    print("committed", os.path.getsize(wal), flush=True)

    def pause(now):
        if now == stage:
            print("inside", os.path.getsize(wal), flush=True)
            time.sleep(600)

    embedded._WRITE_HOOK = pause
    if second == "new":
        store.write(bulk_batch("doc2.txt", 3000))
    else:  # replace doc1 with a different version of itself
        store.write(plan_batch("doc1.txt", "株洲市绿色发展三年行动方案", ["株洲市财政局"]))
    print("finished", flush=True)   # never reached: the parent kills us first
""")


def _lines(proc: subprocess.Popen) -> queue.Queue:
    """The child's stdout lines, read by a thread (select() on a buffered pipe can miss lines
    that are already in Python's buffer)."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        try:
            for line in proc.stdout:
                lines.put(line.strip())
        except ValueError:  # closed by the test after the kill
            pass
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _next(proc: subprocess.Popen, lines: queue.Queue, timeout: float = 60) -> str:
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        proc.kill()
        raise AssertionError(f"child said nothing in {timeout}s") from None
    if line is None:
        raise AssertionError(f"child ended early: {proc.wait()} {proc.stderr.read()}")
    return line


def _doc1_only(tmp_path: Path) -> dict:
    with EmbeddedStore(tmp_path / "reference") as ref:
        ref.write(plan_batch("doc1.txt", "株洲市绿色发展三年行动方案", ["株洲市生态环境局", "株洲市林业局"],
                             district="石峰区", target=("森林覆盖率", 62)))
        return export_dict(ref)


@pytest.mark.parametrize("second, stage", [
    ("new", "node_contrib"),       # killed after the document's node rows went in
    ("new", "before_commit"),      # killed with every row written, just before COMMIT
    ("replace", "before_commit"),  # killed while replacing doc1 by another version of it
])
def test_kill_inside_a_document_transaction_leaves_the_store_as_before(tmp_path: Path, second: str,
                                                                       stage: str) -> None:
    directory = tmp_path / "store"
    script = CHILD.format(tests=str(TESTS), store_file=STORE_FILE)
    proc = subprocess.Popen([sys.executable, "-c", script, str(directory), second, stage],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = _lines(proc)
        committed = _next(proc, lines).split()
        assert committed[0] == "committed"
        inside = _next(proc, lines).split()
        assert inside[0] == "inside"
        if second == "new":
            # uncommitted pages of doc2 are already in the WAL file when the kill lands
            assert int(inside[1]) > int(committed[1])
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()

    con = sqlite3.connect(directory / STORE_FILE)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        for fts in ("node_fts", "quote_fts"):
            con.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    finally:
        con.close()

    with EmbeddedStore(directory) as store:
        assert [d.source_file for d in store.documents()] == ["doc1.txt"]
        assert export_dict(store) == _doc1_only(tmp_path)
        assert store.node(node_id(Label.TASK, "doc2.txt", "1")) is None
        assert store.node(node_id(Label.AGENCY, "株洲市财政局")) is None
        assert store.search("重点工作") == [] and store.search("财政局") == []
        # and the store still takes writes
        store.write(bulk_batch("doc2.txt", 10))
        assert store.counts()["documents"] == 2
