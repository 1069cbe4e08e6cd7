"""Latency of the API endpoints on the ingested corpus: p50 and p95 per endpoint (goal p95 < 50 ms).

    .venv/bin/python bench/queries.py                    # ../shared/corpus into a temp store
    .venv/bin/python bench/queries.py CORPUS_DIR --rounds 50

Ingests every document with `ingest_file` + the store's `write`, then calls each endpoint
through FastAPI's TestClient (the whole HTTP stack in-process, no network) over a sample of
ids of the right label; warms up first, so the figures are for a served store, not a cold one.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ingest(corpus: Path, store_dir: Path):
    from policygraph.graph.embedded import EmbeddedStore
    from policygraph.ingest.pipeline import find_documents, ingest_file

    store = EmbeddedStore(store_dir)
    started = time.perf_counter()
    files = list(find_documents([corpus]))
    for path, name in files:
        store.write(ingest_file(path, name))
    print(f"ingested {len(files)} documents in {time.perf_counter() - started:.2f}s")
    return store


def _sample(store, label: str, k: int, rng: random.Random, where: Callable = lambda n: True) -> list[str]:
    ids = sorted(n.id for n in store.nodes(label) if where(n))
    return rng.sample(ids, min(k, len(ids)))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=30, help="calls per endpoint after warm-up")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1

    from fastapi.testclient import TestClient

    from policygraph.api.app import create_app

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = _ingest(args.corpus, Path(tmp) / "store")
        counts = store.counts()
        print("store: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
        plans = _sample(store, "Plan", 8, rng, lambda n: bool(n.source_file)) or _sample(store, "Plan", 8, rng)
        tasks = _sample(store, "Task", 12, rng)
        agencies = _sample(store, "Agency", 12, rng)
        districts = _sample(store, "District", 12, rng)
        indicators = _sample(store, "Indicator", 12, rng)
        words = ["生态", "森林覆盖率", "環境保護", "株洲", "责任单位", "绿色发展"]
        every = plans + tasks + agencies + districts + indicators

        def pick(ids: list[str]) -> Callable[[], str]:
            return lambda: rng.choice(ids)

        endpoints: list[tuple[str, Callable[[], str]]] = [
            ("/api/overview", lambda: "/api/overview"),
            ("/api/search?q=", lambda: f"/api/search?q={rng.choice(words)}"),
            ("/api/nodes/{id}", lambda: f"/api/nodes/{rng.choice(every)}"),
            ("/api/plans/{id}/lineage", lambda: f"/api/plans/{rng.choice(plans)}/lineage?depth=8"),
            ("/api/plans/{id}/outline", lambda: f"/api/plans/{rng.choice(plans)}/outline"),
            ("/api/tasks/{id}/owners", lambda: f"/api/tasks/{rng.choice(tasks)}/owners"),
            ("/api/agencies/{id}/tasks", lambda: f"/api/agencies/{rng.choice(agencies)}/tasks"),
            ("/api/indicators/{id}/history", lambda: f"/api/indicators/{rng.choice(indicators)}/history"),
            ("/api/districts/{id}/plans", lambda: f"/api/districts/{rng.choice(districts)}/plans"),
            ("/api/nodes/{id}/neighbourhood d=2", lambda: f"/api/nodes/{rng.choice(every)}/neighbourhood?depth=2"),
            ("/api/path", lambda: f"/api/path?a={rng.choice(every)}&b={rng.choice(every)}"),
            ("/api/graph/neighbourhood/{id}", lambda: f"/api/graph/neighbourhood/{rng.choice(every)}?depth=2"),
            ("page /plans/{id}", lambda: f"/plans/{rng.choice(plans)}"),
            ("page /agencies/{id}", lambda: f"/agencies/{rng.choice(agencies)}"),
            ("page /indicators/{id}", lambda: f"/indicators/{rng.choice(indicators)}"),
            ("page /graph/{id}", lambda: f"/graph/{rng.choice(every)}?depth=2"),
        ]
        with TestClient(create_app(store=store)) as client:
            started = time.perf_counter()
            client.get("/api/overview")
            client.get(f"/api/plans/{plans[0]}/lineage")  # builds the query index
            print(f"first query (graph + index build): {1000 * (time.perf_counter() - started):.1f} ms\n")
            print(f"{'endpoint':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  status")
            worst = 0.0
            for name, make in endpoints:
                for _ in range(3):
                    client.get(make())
                times, statuses = [], set()
                for _ in range(args.rounds):
                    url = make()
                    t0 = time.perf_counter()
                    r = client.get(url)
                    times.append(1000 * (time.perf_counter() - t0))
                    statuses.add(r.status_code)
                p95 = _percentile(times, 0.95)
                worst = max(worst, p95)
                print(f"{name:40} {statistics.median(times):8.2f} {p95:8.2f} {max(times):8.2f}  "
                      f"{','.join(map(str, sorted(statuses)))}")
        store.close()
    print(f"\nworst p95 {worst:.1f} ms (goal < 50 ms): {'met' if worst < 50 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
