"""Neo4j store figures: write rows/s, batched UNWIND against a per-row MERGE baseline on the same
data in the same run, and query latency (p50/p95) of the named queries on both stores side by side.

    .venv/bin/python bench/neo4j_load.py                        # starts a test server (tests/neo4j_server)
    .venv/bin/python bench/neo4j_load.py --uri bolt://localhost:7687 --copies 8 --rounds 50

The data is ../shared/corpus and examples/ read once; `--copies N` repeats every document N times
under other names and ids (a bigger graph of the same shape). Rows are nodes + relationships
written. Both write paths run the store's own transaction work (one execute_write per
document, same reads and merge); the baseline only sends each row as its own MERGE statement.
The database is emptied before each write run: it must be a scratch database.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test server launcher (tests/neo4j_server)

from policygraph import queries as q  # noqa: E402
from policygraph.graph.embedded import EmbeddedStore  # noqa: E402
from policygraph.graph.export import export_dict  # noqa: E402
from policygraph.graph.model import Edge, Evidence, GraphBatch  # noqa: E402
from policygraph.graph.neo4j_store import Neo4jStore, _Write  # noqa: E402  (the transaction work)


_SENT = [0.0]  # seconds spent in the write statements of the current load


class _Batched(_Write):
    """The store's own transaction work, timing its batched write statements."""

    def send(self, tx: Any, query: str, rows: list[dict]) -> None:
        t0 = time.perf_counter()
        super().send(tx, query, rows)
        _SENT[0] += time.perf_counter() - t0


class _PerRowWrite(_Write):
    """The same transaction work, each row sent as its own MERGE statement (the baseline)."""

    def send(self, tx: Any, query: str, rows: list[dict]) -> None:
        t0 = time.perf_counter()
        for row in rows:
            tx.run(query, rows=[row]).consume()
        _SENT[0] += time.perf_counter() - t0


def _batches(copies: int) -> list[GraphBatch]:
    from policygraph.ingest.pipeline import find_documents, ingest_file

    base = []
    for root in (ROOT.parent / "shared" / "corpus", ROOT / "examples"):
        if root.is_dir():
            for path, name in find_documents([root]):
                try:
                    base.append(ingest_file(path, name))
                except Exception as exc:  # noqa: BLE001 - a bench reports and goes on
                    print(f"skipped {name}: {exc}", file=sys.stderr)
    out = list(base)
    for k in range(1, copies):
        out += [_copy(b, k) for b in base]
    return out


def _copy(batch: GraphBatch, k: int) -> GraphBatch:
    """The batch as if read from another file: every id and file name suffixed with `k`."""
    rename = lambda i: f"{i}-{k}"  # noqa: E731
    file = lambda f: f"copy{k}/{f}"  # noqa: E731
    nodes = []
    for n in batch.nodes:
        changes: dict[str, Any] = {"id": rename(n.id)}
        for attr in ("source_file", "plan_id"):
            if getattr(n, attr, None):
                changes[attr] = file(n.source_file) if attr == "source_file" else rename(n.plan_id)
        nodes.append(dataclasses.replace(n, **changes))
    edges = [Edge(rename(e.source), rename(e.target), e.type,
                  tuple(Evidence(file(v.file), v.start, v.end, v.quote) for v in e.evidence), e.props)
             for e in batch.edges]
    return dataclasses.replace(batch, source_file=file(batch.source_file), nodes=tuple(nodes), edges=tuple(edges))


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def _load(store: Neo4jStore, batches: list[GraphBatch], writer: type[_Write], repeat: int) -> tuple[float, float]:
    """Best of `repeat` loads into an emptied database: (whole transactions, write statements) seconds."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        store.clear()
        store.writer = writer
        _SENT[0] = 0.0
        started = time.perf_counter()
        for b in batches:
            store.write(b)
        best = min(best, (time.perf_counter() - started, _SENT[0]))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", help="a scratch Neo4j (default: start the test server)")
    parser.add_argument("--copies", type=int, default=4, help="times each document is written")
    parser.add_argument("--rounds", type=int, default=30, help="calls per query after warm-up")
    parser.add_argument("--repeat", type=int, default=2, help="loads per write path (best is kept)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    server = None
    uri = args.uri
    if uri is None:
        from neo4j_server.server import start

        server = start()
        uri = server.uri
    try:
        batches = _batches(args.copies)
        rows = sum(len(b.nodes) + len(b.edges) for b in batches)
        print(f"{len(batches)} documents, {rows} rows (nodes + relationships) per load\n")
        neo = Neo4jStore.from_uri(uri, user="", password="") if server else Neo4jStore.from_uri(uri)
        per_row, per_row_sent = _load(neo, batches, _PerRowWrite, args.repeat)
        per_row_export = export_dict(neo)
        batched, batched_sent = _load(neo, batches, _Batched, args.repeat)
        assert export_dict(neo) == per_row_export, "the two write paths disagree"
        _SENT[0] = 0.0
        again = time.perf_counter()
        for b in batches:
            neo.write(b)
        reingest, reingest_sent = time.perf_counter() - again, _SENT[0]
        print("rows/s over whole document transactions (reads, merge, writes, commit) and over the")
        print("write statements alone (what batching changes); best of", args.repeat, "loads")
        print(f"{'write path':36} {'txn s':>7} {'rows/s':>8} {'stmt s':>7} {'rows/s':>8}")
        for name, total, sent in (("per-row MERGE (baseline)", per_row, per_row_sent),
                                  ("batched UNWIND … MERGE", batched, batched_sent),
                                  ("batched, re-ingest (all replaced)", reingest, reingest_sent)):
            print(f"{name:36} {total:7.2f} {rows / total:8.0f} {sent:7.2f} {rows / sent:8.0f}")
        print(f"batched / per-row: x{per_row / batched:.1f} whole transactions, "
              f"x{per_row_sent / batched_sent:.1f} write statements\n")

        with tempfile.TemporaryDirectory() as tmp:
            emb = EmbeddedStore(Path(tmp) / "store")
            for b in batches:
                emb.write(b)
            _latency(emb, neo, args.rounds, random.Random(args.seed))
            emb.close()
        neo.close()
    finally:
        if server is not None:
            server.stop()
    return 0


def _latency(emb: EmbeddedStore, neo: Neo4jStore, rounds: int, rng: random.Random) -> None:
    def ids(label: str, k: int = 12) -> list[str]:
        every = sorted(n.id for n in emb.nodes(label))
        return rng.sample(every, min(k, len(every)))

    plans, tasks, agencies = ids("Plan"), ids("Task"), ids("Agency")
    districts, indicators = ids("District"), ids("Indicator")
    every = plans + tasks + agencies + districts + indicators
    words = ["生态", "森林覆盖率", "環境保護", "株洲", "责任单位", "绿色发展", "2020"]
    calls = [
        ("lineage depth 8", lambda s: q.lineage(s, rng.choice(plans), "both", 8)),
        ("plan_outline", lambda s: q.plan_outline(s, rng.choice(plans))),
        ("plan_targets", lambda s: q.plan_targets(s, rng.choice(plans))),
        ("task_owners", lambda s: q.task_owners(s, rng.choice(tasks))),
        ("agency_tasks", lambda s: q.agency_tasks(s, rng.choice(agencies))),
        ("indicator_history", lambda s: q.indicator_history(s, rng.choice(indicators))),
        ("indicator_history + district", lambda s: q.indicator_history(s, rng.choice(indicators), rng.choice(districts))),
        ("district_plans", lambda s: q.district_plans(s, rng.choice(districts))),
        ("search", lambda s: q.search(s, rng.choice(words))),
        ("neighbourhood depth 2", lambda s: q.neighbourhood(s, rng.choice(every), depth=2)),
        ("path", lambda s: q.path(s, rng.choice(every), rng.choice(every))),
        ("node_detail", lambda s: q.node_detail(s, rng.choice(every))),
        ("overview", lambda s: q.overview(s)),
    ]
    print(f"{'query':30} {'embedded p50':>12} {'p95 ms':>8} {'neo4j p50':>10} {'p95 ms':>8}")
    for name, call in calls:
        cells = []
        for store in (emb, neo):
            for _ in range(3):
                call(store)
            times = []
            for _ in range(rounds):
                t0 = time.perf_counter()
                call(store)
                times.append(1000 * (time.perf_counter() - t0))
            cells.append((statistics.median(times), _percentile(times, 0.95)))
        (e50, e95), (n50, n95) = cells
        print(f"{name:30} {e50:12.2f} {e95:8.2f} {n50:10.2f} {n95:8.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
