"""Pages and graph views in a real Chromium, against `policygraph serve` on a free local port.

Skipped unless POLICYGRAPH_BROWSER=1 (CI sets it and installs Debian's chromium). Every request
the browser makes to another host is blocked and recorded: the views must work offline.
Screenshots go to test-output/ (git-ignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from test_api import XSS, XSS_PLAN
from test_queries import C_T12, CITY, COVER, PROVINCE, sample_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("POLICYGRAPH_BROWSER") != "1",
                       reason="browser tests need POLICYGRAPH_BROWSER=1 and Chromium at $CHROMIUM or /usr/bin/chromium"),
]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-output"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    st = sample_store(tmp_path_factory.mktemp("browser-store"), extra_plans=(XSS_PLAN,))
    st.close()
    store_dir = st.directory
    port = _free_port()
    exe = shutil.which("policygraph", path=str(Path(sys.executable).parent)) or "policygraph"
    log = open(tmp_path_factory.mktemp("log") / "serve.log", "w+")
    proc = subprocess.Popen([exe, "serve", "--store", str(store_dir), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/api/overview", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.seek(0)
                pytest.fail(f"policygraph serve did not start:\n{log.read()}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.outside = []      # requests to other hosts, blocked
    pg.dialogs = []      # alert/confirm/prompt opened by the page
    pg.errors = []       # uncaught script errors

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def _wait_drawn(pg) -> int:
    pg.wait_for_function("document.getElementById('graph').dataset.drawnNodes !== '0'", timeout=15000)
    return int(pg.get_attribute("#graph", "data-drawn-nodes"))


def _node_position(pg, node_id: str) -> tuple[float, float]:
    box = pg.locator("#graph canvas").bounding_box()
    pos = pg.evaluate("""(id) => {
        const n = window.policygraphNetwork;
        return n.canvasToDOM(n.getPositions([id])[id]);
    }""", node_id)
    return box["x"] + pos["x"], box["y"] + pos["y"]


def test_graph_view_draws_the_expected_nodes(page, server):
    import json

    expected = json.loads(urllib.request.urlopen(f"{server}/api/graph/neighbourhood/{CITY.id}?depth=2").read())
    page.goto(f"{server}/graph/{CITY.id}?depth=2")
    assert _wait_drawn(page) == len(expected["nodes"])
    ids = page.evaluate("window.policygraphNetwork.body.data.nodes.getIds()")
    assert set(ids) == {n["id"] for n in expected["nodes"]}
    page.wait_for_timeout(800)
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "graph-neighbourhood.png"), full_page=True)
    assert page.outside == [] and page.errors == []


def test_capped_graph_view_shows_a_more_node(page, server):
    page.goto(f"{server}/graph/{CITY.id}?depth=2&limit=3")
    assert _wait_drawn(page) == 4
    labels = page.evaluate("window.policygraphNetwork.body.data.nodes.get().map(n => n.label)")
    assert any(label.endswith(" more") for label in labels)


def test_click_on_a_node_opens_its_page(page, server):
    page.goto(f"{server}/graph/lineage/{CITY.id}")
    _wait_drawn(page)
    page.wait_for_timeout(300)
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "graph-lineage.png"), full_page=True)
    x, y = _node_position(page, PROVINCE.id)
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert page.url.endswith(f"/plans/{PROVINCE.id}")
    assert page.locator("h1").inner_text() == PROVINCE.name


def test_hover_shows_the_evidence_quote_as_text(page, server):
    page.goto(f"{server}/graph/{C_T12.id}")
    _wait_drawn(page)
    page.wait_for_timeout(500)
    # hover over the middle of the edge from the lead agency to the task
    x1, y1 = _node_position(page, C_T12.id)
    edge_owner = page.evaluate("window.policygraphNetwork.body.data.edges.get()"
                               ".find(e => e.label.startsWith('RESPONSIBLE_FOR (lead)')).from")
    ax, ay = _node_position(page, edge_owner)
    page.mouse.move((x1 + ax) / 2, (y1 + ay) / 2)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert "责任单位:市生态环境局" in tip.inner_text()
    # text, not markup: innerText turns line breaks into <br>, nothing else becomes an element
    assert tip.evaluate("el => [...el.querySelectorAll('*')].filter(e => e.tagName !== 'BR').length") == 0


def test_script_in_a_document_title_renders_as_text(page, server):
    page.goto(f"{server}/plans/{XSS_PLAN.id}")
    assert page.locator("h1").inner_text() == XSS
    page.goto(f"{server}/graph/{XSS_PLAN.id}")
    _wait_drawn(page)
    x, y = _node_position(page, XSS_PLAN.id)
    page.mouse.move(x, y)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
    assert XSS in page.locator("div.vis-tooltip").inner_text()
    page.goto(f"{server}/search?q=" + XSS)
    page.goto(f"{server}/")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.outside == []


def test_plan_and_indicator_pages_render_offline(page, server):
    OUT.mkdir(exist_ok=True)
    page.goto(f"{server}/plans/{CITY.id}")
    assert page.locator("#outline li").count() == 3
    page.screenshot(path=str(OUT / "plan.png"), full_page=True)
    page.goto(f"{server}/indicators/{COVER.id}")
    assert page.locator("figure.chart svg circle").count() == 4
    page.screenshot(path=str(OUT / "indicator.png"), full_page=True)
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.outside == [] and page.errors == []
