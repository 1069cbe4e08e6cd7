"""Held-out extraction scores: five sets of fictional documents from other provinces and years
than ../shared/corpus (tests/heldout*/README.md), each ingested into an embedded store and
scored with ../shared/eval/score.py against its gold/ folder.

The floors below are the micro F1 reached when the set was written. They only go up: raise a
floor when the extractor improves; never special-case these documents to do so."""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

# set -> category -> minimum micro F1 (never above 1.0, only ever raised)
FLOORS = {
    "heldout": {
        "plan_meta": 1.0,
        "references": 1.0,
        "implements": 1.0,
        "supersedes": 1.0,
        # h01 lists every outline item as a task beside an annexed 分工表; three later blind
        # annotators take the table's rows as the tasks, which the extractor now follows
        # (docs/evaluation.md, "Known conflicts"): the floor was lowered once, from 1.0
        "tasks": 0.94,
        "responsibility": 1.0,
        "indicators": 0.98,
        "agencies": 0.97,
        "districts": 1.0,
    },
    # supersedes: agency renames stated in a document count against it (docs/evaluation.md)
    "heldout2": {
        "plan_meta": 1.0,
        "references": 0.98,
        "implements": 1.0,
        "supersedes": 0.57,
        "tasks": 0.99,
        "responsibility": 0.99,
        "indicators": 0.97,
        "agencies": 1.0,
        "districts": 0.99,
    },
    # sets 3 and 4 were blind once (their READMEs give the first-run figures); these floors are
    # what the fixes of session 2 reached
    "heldout3": {
        "plan_meta": 1.0,
        "references": 0.96,
        "implements": 0.98,
        "supersedes": 1.0,
        "tasks": 1.0,
        "responsibility": 0.99,
        "indicators": 0.96,
        "agencies": 0.98,
        "districts": 0.94,
    },
    "heldout4": {
        "plan_meta": 1.0,
        "references": 0.98,
        "implements": 0.97,
        "supersedes": 1.0,
        "tasks": 0.99,
        "responsibility": 0.97,
        "indicators": 0.95,
        "agencies": 0.96,
        "districts": 0.96,
    },
    # set 5 was scored once at the end of session 2 and not tuned on (tests/heldout5/README.md)
    "heldout5": {
        "plan_meta": 1.0,
        "references": 0.91,
        "implements": 1.0,
        "supersedes": 1.0,
        "tasks": 0.95,
        "responsibility": 0.95,
        "indicators": 0.92,
        "agencies": 0.9,
        "districts": 0.9,
    },
}

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POLICYGRAPH_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "eval" / "score.py"


def _load_scorer():
    if not SCORER.is_file():
        pytest.skip(f"scorer not found at {SCORER} (set POLICYGRAPH_SHARED to the shared/ folder)")
    spec = importlib.util.spec_from_file_location("policygraph_heldout_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _export(tmp_path: Path, docs: Path) -> dict:
    from policygraph.graph.embedded import EmbeddedStore
    from policygraph.graph.export import export_dict
    from policygraph.ingest.pipeline import find_documents, ingest_file

    with EmbeddedStore(tmp_path / "store") as store:
        for path, name in find_documents([docs]):
            store.write(ingest_file(path, name))
        return export_dict(store)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_documents_reach_the_floors(tmp_path, name):
    heldout = ROOT / "tests" / name
    floors = FLOORS[name]
    score = _load_scorer()
    data = _export(tmp_path, heldout / "docs")
    (tmp_path / "graph.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ex = score.Export(data)

    golds = sorted((heldout / "gold").glob("*.json"))
    assert golds and len(golds) == len(list((heldout / "docs").iterdir()))
    total = {c: score.Prf() for c in score.CATEGORIES}
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert (heldout / "docs" / gold["file"]).is_file(), gold["file"]
        for cat, prf in score.score_file(gold, ex).items():
            total[cat] += prf

    print(f"\n{name} micro totals (precision / recall / F1, tp fp fn):")
    for cat in score.CATEGORIES:
        r = total[cat].row()
        print(f"  {cat:<15} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
              f"   ({r['tp']} {r['fp']} {r['fn']})")

    assert set(floors) == set(score.CATEGORIES)
    below = {c: round(total[c].f1, 4) for c in score.CATEGORIES if total[c].f1 < floors[c]}
    assert not below, f"{name} micro F1 below the floor: {below} (floors {floors})"
