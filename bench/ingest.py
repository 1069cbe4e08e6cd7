"""Ingest throughput of the embedded store: prints figures, asserts nothing.

    .venv/bin/python bench/ingest.py                  # corpus ../shared/corpus, 1×, 4×, 16×
    .venv/bin/python bench/ingest.py CORPUS --factors 1 4 16 64 --repeat 3

Part 1 copies the corpus N times under new names into a temporary folder and ingests it into a
fresh store (read + extract + write, as `policygraph ingest` does), printing docs/s, MB/s and
time per document, split into extraction and store write (wall and CPU time), and the write CPU
time of the first and last quarter of the documents (does a write get slower as the store grows?
CPU time, because wall time swings with whatever else the machine runs).
Part 2 writes synthetic batches of growing size (n tasks, each PART_OF its plan with evidence)
and prints the write time per batch and per node, for a new document and for replacing it, with
synchronous=FULL (the store's setting) and NORMAL.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from policygraph.graph.embedded import STORE_FILE, EmbeddedStore
from policygraph.graph.model import Edge, EdgeType, Evidence, GraphBatch, Label, Plan, Task, node_id
from policygraph.ingest.pipeline import find_documents, ingest_file

ROOT = Path(__file__).resolve().parent.parent


def replicate(corpus: Path, factor: int, into: Path) -> list[Path]:
    """`factor` renamed copies of every corpus file in `into`."""
    files = [p for p, _ in find_documents([corpus])]
    for k in range(factor):
        for p in files:
            shutil.copyfile(p, into / f"copy{k:03d}_{p.name}")
    return sorted(into.iterdir())


def ingest_run(corpus: Path, factor: int, work: Path) -> dict[str, float]:
    src = work / f"corpus_x{factor}"
    src.mkdir()
    files = replicate(corpus, factor, src)
    size = sum(p.stat().st_size for p in files)
    extract_s, write_s, write_cpu = [], [], []
    with EmbeddedStore(work / f"store_x{factor}") as store:
        t_all = time.perf_counter()
        for path, name in find_documents([src]):
            t0 = time.perf_counter()
            batch = ingest_file(path, name)
            t1, c1 = time.perf_counter(), time.process_time()
            store.write(batch)
            t2, c2 = time.perf_counter(), time.process_time()
            extract_s.append(t1 - t0)
            write_s.append(t2 - t1)
            write_cpu.append(c2 - c1)
        total = time.perf_counter() - t_all
        counts = store.counts()
    n = len(files)
    q = max(1, n // 4)
    return {
        "docs": n, "mb": size / 1e6, "total_s": total, "docs_per_s": n / total, "mb_per_s": size / 1e6 / total,
        "ms_per_doc": 1000 * total / n, "extract_ms": 1000 * statistics.mean(extract_s),
        "write_ms": 1000 * statistics.mean(write_s), "write_cpu_ms": 1000 * statistics.mean(write_cpu),
        "write_first_q_ms": 1000 * statistics.mean(write_cpu[:q]),
        "write_last_q_ms": 1000 * statistics.mean(write_cpu[-q:]),
        "nodes": sum(counts[label.value] for label in Label), "edges": sum(counts[t.value] for t in EdgeType),
        "store_mb": sum(f.stat().st_size for f in (work / f"store_x{factor}").iterdir()) / 1e6,
    }


def synthetic_batch(file: str, n: int) -> GraphBatch:
    """A document of `n` numbered tasks, each PART_OF the plan, with its line as evidence."""
    title = f"示范区第{file}号工作实施方案"
    lines = [title] + [f"{i + 1}.推进第{i + 1}项重点工作,由有关部门负责,确保按期完成。" for i in range(n)]
    text = "\n".join(lines)
    plan = Plan(id=node_id(Label.PLAN, title), name=title, source_file=file)
    nodes, edges, at = [plan], [], len(title) + 1
    for i, line in enumerate(lines[1:]):
        task = Task(id=node_id(Label.TASK, file, str(i + 1)), name=line[:12], number=str(i + 1), text=line,
                    plan_id=plan.id, source_file=file, start=at, end=at + len(line))
        nodes.append(task)
        edges.append(Edge.make(task.id, plan.id, EdgeType.PART_OF, Evidence.of(file, text, at, at + len(line))))
        at += len(line) + 1
    return GraphBatch(file, tuple(nodes), tuple(edges), chars=len(text))


def batch_run(sizes: list[int], repeat: int, work: Path, synchronous: str) -> list[dict[str, float]]:
    rows = []
    for n in sizes:
        new_ms, replace_ms, new_cpu = [], [], []
        for r in range(repeat):
            batch = synthetic_batch(f"syn_{n}_{r}.txt", n)
            with EmbeddedStore(work / f"batch_{synchronous}_{n}_{r}") as store:
                store._con.execute(f"PRAGMA synchronous={synchronous}")  # bench only: compare settings
                store.write(synthetic_batch("warmup.txt", 5))
                t0, c0 = time.perf_counter(), time.process_time()
                store.write(batch)
                t1, c1 = time.perf_counter(), time.process_time()
                store.write(batch)
                t2 = time.perf_counter()
            new_ms.append(1000 * (t1 - t0))
            new_cpu.append(1000 * (c1 - c0))
            replace_ms.append(1000 * (t2 - t1))
        rows.append({"nodes": n + 1, "new_ms": statistics.median(new_ms), "replace_ms": statistics.median(replace_ms),
                     "new_cpu_ms": statistics.median(new_cpu),
                     "us_per_node": 1000 * statistics.median(new_cpu) / (n + 1)})
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    ap.add_argument("--repeat", type=int, default=3, help="runs per batch size (median printed)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus}")

    with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp:
        work = Path(tmp)
        # warm-up: imports, OpenCC dictionaries, regex compilation
        warm = work / "warm"
        warm.mkdir()
        first = next(p for p, _ in find_documents([args.corpus]))
        with EmbeddedStore(warm / "store") as st:
            st.write(ingest_file(first))

        print(f"# ingest of {args.corpus} replicated (read + extract + write, store file {STORE_FILE})")
        print(f"{'copies':>6} {'docs':>5} {'MB':>6} {'total s':>8} {'docs/s':>7} {'MB/s':>6} {'ms/doc':>7}"
              f" {'extract':>8} {'write':>7} {'cpu':>7} {'cpu 1st q':>10} {'cpu last q':>11} {'nodes':>7} {'edges':>7}"
              f" {'store MB':>8}")
        for f in args.factors:
            r = ingest_run(args.corpus, f, work)
            print(f"{f:>5}× {r['docs']:>5} {r['mb']:>6.2f} {r['total_s']:>8.2f} {r['docs_per_s']:>7.1f}"
                  f" {r['mb_per_s']:>6.3f} {r['ms_per_doc']:>7.1f} {r['extract_ms']:>6.1f}ms {r['write_ms']:>5.1f}ms"
                  f" {r['write_cpu_ms']:>5.1f}ms {r['write_first_q_ms']:>8.1f}ms {r['write_last_q_ms']:>9.1f}ms"
                  f" {r['nodes']:>7} {r['edges']:>7}"
                  f" {r['store_mb']:>8.2f}")

        for sync in ("FULL", "NORMAL"):
            print(f"\n# write time vs batch size (synthetic, synchronous={sync}, median of {args.repeat})")
            print(f"{'nodes':>7} {'new doc ms':>11} {'cpu ms':>8} {'replace ms':>11} {'cpu µs/node':>12}")
            for r in batch_run(args.sizes, args.repeat, work, sync):
                print(f"{r['nodes']:>7} {r['new_ms']:>11.1f} {r['new_cpu_ms']:>8.1f} {r['replace_ms']:>11.1f}"
                      f" {r['us_per_node']:>12.1f}")


if __name__ == "__main__":
    main()
