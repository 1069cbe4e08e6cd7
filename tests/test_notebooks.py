"""The analyst notebooks (notebooks/*.ipynb) run top to bottom on a fresh store and show what
they promise: a lineage table with rows, a drawn bar chart, indicator tables with quotes.

Each notebook is executed with nbclient on the `python3` kernel of this interpreter; when the
environment has no such kernel (a fresh venv), the test installs ipykernel's kernelspec into it
(`python -m ipykernel install --sys-prefix`). The store is a temporary folder handed over in
$POLICYGRAPH_NOTEBOOK_STORE. Key cells carry a tag (cell metadata) naming what they show.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to read the notebooks (test extra)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to run the notebooks (test extra)")
pytest.importorskip("ipykernel", reason="ipykernel is needed to run the notebooks (test extra)")
pytest.importorskip("matplotlib", reason="matplotlib draws the notebooks' charts (test extra)")
pytest.importorskip("pandas", reason="pandas holds the notebooks' tables")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL = "python3"
PLAIN_PYTHON = {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}


@pytest.fixture(scope="session")
def kernel() -> str:
    """The python3 kernel, running this interpreter (jupyter_client runs a spec whose argv
    starts with plain `python` on sys.executable)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv0 = KernelSpecManager().get_kernel_spec(KERNEL).argv[0]
    except NoSuchKernel:
        argv0 = None
    if argv0 is None or (argv0 not in PLAIN_PYTHON and Path(argv0).resolve() != Path(sys.executable).resolve()):
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix"], check=True,
                       capture_output=True, text=True)
    return KERNEL


def run(name: str, kernel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str):
    """Execute notebooks/<name> on a fresh store; a failing cell fails the test with its traceback."""
    monkeypatch.setenv("POLICYGRAPH_NOTEBOOK_STORE", str(tmp_path / "store"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name=kernel,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a code cell did not run"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return nb


def outputs(nb, tag: str) -> list:
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert cells, f"no cell tagged {tag!r}"
    return [o for c in cells for o in c.outputs]


def text(outs) -> str:
    return "\n".join(o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
                     for o in outs)


def html_of(outs) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in outs)


def pngs(outs) -> list[str]:
    return [o.data["image/png"] for o in outs if "image/png" in o.get("data", {})]


def test_committed_notebooks_have_no_outputs():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.nbformat == 4
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: clear the outputs"


def test_notebooks_use_public_functions_only():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert not re.search(r"\b(?:queries|store|graphview|pipeline|web_app)\._\w", source), path.name
        assert not re.search(r"import\s+_\w|from\s+\S+\s+import\s+[^\n]*\b_\w", source), path.name
        assert not re.search(r"sqlite3|\bSELECT\b|execute\(", source), f"{path.name}: no raw SQL"


def test_trace_lineage_walks_down_to_the_districts(kernel, tmp_path, monkeypatch):
    nb = run("01_trace_lineage.ipynb", kernel, tmp_path, monkeypatch)
    steps = html_of(outputs(nb, "lineage-steps"))
    assert "<table" in steps and "为贯彻落实" in steps  # each lower plan with the sentence citing the higher
    rows = re.search(r"lineage table: (\d+) rows", text(outputs(nb, "lineage-table")))
    assert rows and int(rows.group(1)) > 0
    assert "lower quote" in html_of(outputs(nb, "lineage-table"))
    graph = html.unescape(html_of(outputs(nb, "lineage-graph")))
    assert "<iframe" in graph and "new vis.Network" in graph and '"center": "plan:' in graph
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", graph), "the graph must not load anything"


def test_who_owns_what_shows_roles_reorganisation_and_partners(kernel, tmp_path, monkeypatch):
    nb = run("02_who_owns_what.ipynb", kernel, tmp_path, monkeypatch)
    counts = re.search(r"(\d+) tasks: (\d+) as lead, (\d+) as support", text(outputs(nb, "agency-tasks")))
    assert counts and int(counts.group(1)) > 0
    links = re.search(r"(\d+) reorganisation links", text(outputs(nb, "renames")))
    assert links and int(links.group(1)) > 0
    assert re.search(r"[1-9]\d* partner agencies", text(outputs(nb, "partners")))
    chart = outputs(nb, "partners-chart")
    assert pngs(chart) and re.search(r"bar chart: [1-9]\d* bars", text(chart))


def test_charts_draw_without_a_cjk_font_on_the_examples_alone(kernel, tmp_path, monkeypatch):
    nb = run("02_who_owns_what.ipynb", kernel, tmp_path, monkeypatch,
             POLICYGRAPH_NOTEBOOK_NO_CJK="1", POLICYGRAPH_NOTEBOOK_CORPUS="0")
    assert "No corpus" in "".join(o.get("data", {}).get("text/markdown", "") for o in outputs(nb, "ingest"))
    assert pngs(outputs(nb, "partners-chart"))


def test_targets_over_time_tables_have_quoted_rows(kernel, tmp_path, monkeypatch):
    nb = run("03_targets_over_time.ipynb", kernel, tmp_path, monkeypatch)
    found = re.findall(r"^(\S+) \(indicator:\w+.*indicator table: (\d+) rows, (\d+) with quotes",
                       text(outputs(nb, "indicator-table")), flags=re.M)
    assert [name for name, _, _ in found] == ["森林覆盖率", "单位GDP能耗"]
    for name, rows, quoted in found:
        assert int(rows) >= 2 and quoted == rows, name
    assert len(pngs(outputs(nb, "indicator-chart"))) == 2
