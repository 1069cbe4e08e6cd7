"""The web application through TestClient: every JSON endpoint, the error mapping (404, 422,
503), the pages (evidence shown, document text escaped), offline docs and assets."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policygraph import queries
from policygraph.api.app import create_app, get_store
from policygraph.graph.errors import StoreUnavailable
from policygraph.graph.model import Plan, node_id
from test_queries import (
    A_T1,
    C_T1,
    C_T11,
    C_T12,
    CITY,
    CITY_D,
    COVER,
    DISTRICT_A,
    ECO,
    EPB,
    FOREST,
    PROVINCE,
    ZHANGGONG,
    sample_store,
)

ROOT = Path(__file__).resolve().parent.parent
XSS = "<script>alert(1)</script>"
XSS_PLAN = Plan(node_id("Plan", "xss"), XSS, level="city", source_file="xss.txt")
MISSING = {"plan": "plan:0000000000000000", "task": "task:0000000000000000",
           "agency": "agency:0000000000000000", "district": "district:0000000000000000",
           "indicator": "indicator:0000000000000000"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = sample_store(tmp_path_factory.mktemp("api-store"), extra_plans=(XSS_PLAN,))
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store):
    app = create_app("/nonexistent/never-opened")
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as c:
        yield c


# ---------------------------------------------------------------------------- JSON endpoints

def test_overview_counts_and_plans(client):
    body = client.get("/api/overview").json()
    assert body["counts"]["Plan"] == 5
    assert CITY.id in {p["id"] for p in body["plans"]}


def test_lineage_endpoint(client):
    body = client.get(f"/api/plans/{DISTRICT_A.id}/lineage", params={"direction": "up"}).json()
    assert [s["plan"]["id"] for s in body["up"]] == [CITY.id, PROVINCE.id]
    ev = body["up"][0]["edge"]["evidence"][0]
    assert set(ev) == {"file", "start", "end", "quote"} and ev["file"] == "d1.txt"


def test_outline_endpoint_pages(client):
    body = client.get(f"/api/plans/{CITY.id}/outline", params={"limit": 2, "offset": 1}).json()
    assert body["total"] == 3
    assert [i["task"]["id"] for i in body["items"]] == [C_T11.id, C_T12.id]
    assert body["items"][1]["owners"][0]["role"] == "lead"


def test_agency_tasks_endpoint_filters_role(client):
    body = client.get(f"/api/agencies/{FOREST.id}/tasks", params={"role": "support"}).json()
    assert [t["task"]["id"] for t in body["tasks"]] == [C_T12.id]


def test_agency_tasks_endpoint_follows_renames(client):
    body = client.get(f"/api/agencies/{ECO.id}/tasks").json()
    assert {t["held_by"]["id"] for t in body["tasks"]} == {ECO.id, EPB.id}
    assert body["renames"][0]["older"]["id"] == EPB.id


def test_task_owners_endpoint(client):
    body = client.get(f"/api/tasks/{C_T12.id}/owners").json()
    assert [(o["agency"]["id"], o["role"]) for o in body["owners"]] == [(ECO.id, "lead"), (FOREST.id, "support")]


def test_indicator_history_endpoint_with_district(client):
    everything = client.get(f"/api/indicators/{COVER.id}/history").json()
    assert len(everything["targets"]) == 4
    only = client.get(f"/api/indicators/{COVER.id}/history", params={"district": ZHANGGONG.id}).json()
    assert [t["value"] for t in only["targets"]] == [70]


def test_district_plans_endpoint(client):
    body = client.get(f"/api/districts/{CITY_D.id}/plans").json()
    assert body["total"] >= 4
    assert {b["district"]["id"] for b in body["below"]} >= {ZHANGGONG.id}


def test_search_endpoint(client):
    body = client.get("/api/search", params={"q": "藍天保衛戰"}).json()
    assert body["hits"][0]["node"]["id"] == C_T12.id


def test_node_endpoint_has_properties_edges_and_evidence(client):
    body = client.get(f"/api/nodes/{C_T12.id}").json()
    assert body["properties"]["number"] == "一.(二)"
    assert body["total"] == 3 and all(e["evidence"] for e in body["edges"])


def test_node_endpoint_pages_edges(client):
    body = client.get(f"/api/nodes/{CITY.id}", params={"limit": 2}).json()
    assert len(body["edges"]) == 2 and body["total"] > 2


def test_edge_endpoint(client):
    edge_id = client.get(f"/api/tasks/{C_T11.id}/owners").json()["owners"][0]["edge"]["id"]
    body = client.get(f"/api/edges/{edge_id}").json()
    assert body["source"]["id"] == FOREST.id and body["edge"]["evidence"][0]["file"] == "c.txt"


def test_neighbourhood_endpoint_with_types(client):
    body = client.get(f"/api/nodes/{CITY.id}/neighbourhood", params={"depth": 2, "types": "IMPLEMENTS"}).json()
    assert {n["node"]["label"] for n in body["nodes"]} == {"Plan"}


def test_path_endpoint(client):
    body = client.get("/api/path", params={"a": EPB.id, "b": ECO.id}).json()
    assert [n["id"] for n in body["nodes"]] == [EPB.id, ECO.id]
    assert body["edges"][0]["type"] == "SUPERSEDES"


def test_graph_view_data_caps_with_a_more_node(client):
    body = client.get(f"/api/graph/neighbourhood/{CITY.id}", params={"depth": 2, "limit": 3}).json()
    assert body["more"] > 0
    more = [n for n in body["nodes"] if n["group"] == "More"]
    assert len(more) == 1 and more[0]["text"] == f"{body['more']} more"
    assert len(body["nodes"]) == 4


def test_lineage_view_data_levels(client):
    body = client.get(f"/api/graph/lineage/{CITY.id}").json()
    levels = {n["id"]: n["level"] for n in body["nodes"]}
    assert levels == {CITY.id: 0, PROVINCE.id: -1, DISTRICT_A.id: 1, node_id("Plan", "南康区生态文明建设实施方案"): 1}


# ---------------------------------------------------------------------------- errors

@pytest.mark.parametrize("url", [
    f"/api/plans/{MISSING['plan']}/lineage",
    f"/api/plans/{MISSING['plan']}/outline",
    f"/api/agencies/{MISSING['agency']}/tasks",
    f"/api/tasks/{MISSING['task']}/owners",
    f"/api/indicators/{MISSING['indicator']}/history",
    f"/api/indicators/{COVER.id}/history?district={MISSING['district']}",
    f"/api/districts/{MISSING['district']}/plans",
    f"/api/nodes/{MISSING['plan']}",
    f"/api/nodes/{MISSING['plan']}/neighbourhood",
    "/api/edges/edge:00000000000000000000",
    f"/api/path?a={MISSING['plan']}&b={CITY.id}",
    f"/api/graph/neighbourhood/{MISSING['task']}",
    f"/api/graph/lineage/{MISSING['plan']}",
])
def test_unknown_ids_are_404_with_a_message(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert r.json()["error"] == "not_found" and "0000000000000000" in r.json()["message"]


@pytest.mark.parametrize("url, words", [
    (f"/api/plans/{CITY.id}/lineage?depth=99", "depth"),
    (f"/api/plans/{CITY.id}/lineage?depth=two", "depth"),
    (f"/api/plans/{CITY.id}/lineage?direction=sideways", "direction"),
    (f"/api/plans/{C_T1.id}/lineage", "is a Task id; this query needs a Plan id"),
    (f"/api/agencies/{ECO.id}/tasks?role=boss", "role"),
    (f"/api/plans/{CITY.id}/outline?limit=100000", "limit"),
    (f"/api/plans/{CITY.id}/outline?offset=-1", "offset"),
    ("/api/search?q=", "q"),
    ("/api/search", "q"),
    (f"/api/nodes/{CITY.id}/neighbourhood?types=FRIENDS", "unknown edge type 'FRIENDS'"),
    (f"/api/nodes/{CITY.id}/neighbourhood?depth=9", "depth"),
    ("/api/path?a=x", "b"),
    ("/api/edges/nonsense", "edge id looks like"),
])
def test_bad_parameters_are_422_naming_the_parameter(client, url, words):
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "bad_request" and words in body["message"]


def test_unknown_route_is_404_json_under_api(client):
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and "nothing at /api/nothing-here" in r.json()["message"]


def test_store_unavailable_is_503(store):
    app = create_app("/nonexistent")

    def down():
        raise StoreUnavailable("neo4j://db:7687 cannot be reached; start it with docker compose up")

    app.dependency_overrides[get_store] = down
    with TestClient(app) as c:
        r = c.get("/api/overview")
        page = c.get("/")
    assert r.status_code == 503 and "docker compose up" in r.json()["message"]
    assert page.status_code == 503 and "docker compose up" in page.text


def test_pages_show_errors_as_pages(client):
    r = client.get(f"/plans/{MISSING['plan']}")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no Plan with id" in r.text


def test_create_app_opens_the_store_it_is_given(tmp_path):
    st = sample_store(tmp_path)
    st.close()
    with TestClient(create_app(st.directory)) as c:
        assert c.get("/api/overview").json()["counts"]["Plan"] == 4


def test_create_app_over_a_missing_store_says_so_and_creates_nothing(tmp_path):
    with TestClient(create_app(tmp_path / "typo")) as c:
        r = c.get("/api/overview")
    assert r.status_code >= 500 and "no PolicyGraph store here" in r.json()["message"]
    assert not (tmp_path / "typo").exists()


# ---------------------------------------------------------------------------- pages

PAGES = [
    "/",
    "/search?q=森林",
    f"/plans/{CITY.id}",
    f"/agencies/{ECO.id}",
    f"/districts/{CITY_D.id}",
    f"/indicators/{COVER.id}",
    f"/indicators/{COVER.id}?district={ZHANGGONG.id}",
    f"/tasks/{C_T12.id}",
    f"/graph/{CITY.id}",
    f"/graph/{CITY.id}?depth=2&limit=3",
    f"/graph/lineage/{CITY.id}",
    f"/plans/{XSS_PLAN.id}",
    f"/graph/{XSS_PLAN.id}",
    "/docs",
    "/redoc",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action") and value:
                self.refs.append(value)


_EXTERNAL = re.compile(r"(?:https?:)?//(?!(?:127\.0\.0\.1|localhost|testserver)[:/])[\w.-]+", re.I)


@pytest.mark.parametrize("url", PAGES)
def test_no_page_references_another_host(client, url):
    html = client.get(url).text
    assert not _EXTERNAL.search(html.replace("</", "<")), _EXTERNAL.search(html.replace("</", "<"))
    parser = _Refs()
    parser.feed(html)
    for ref in parser.refs:
        if ref.startswith("/static/"):
            assert client.get(ref).status_code == 200, ref


def test_plan_page_shows_outline_owners_lineage_and_targets_with_evidence(client):
    html = client.get(f"/plans/{CITY.id}").text
    assert "打好蓝天保卫战" in html and "赣州市生态环境局" in html
    assert "江西省生态文明建设实施方案" in html and "章贡区生态文明建设实施方案" in html  # up and down
    assert "到2020年森林覆盖率达到65%" in html and "c.txt 120–136" in html
    assert "≥ 65 %" in html


def test_plan_page_pages_through_a_long_outline(client, monkeypatch):
    monkeypatch.setitem(queries.LIMITS, "page", 2)
    first = client.get(f"/plans/{CITY.id}").text.split('id="outline"')[1]
    total = int(re.search(r"Outline \((\d+) tasks\)", first)[1])
    assert total > 2 and f"Showing 1–2 of {total}." in first
    assert 'href="?outline_offset=2#outline">next' in first and "previous" not in first
    second = client.get(f"/plans/{CITY.id}?outline_offset=2").text.split('id="outline"')[1]
    assert f"Showing 3–{min(4, total)} of {total}." in second
    assert 'href="?outline_offset=0#outline">previous' in second
    beyond = client.get(f"/plans/{CITY.id}?outline_offset=99").text.split('id="outline"')[1]
    assert "No tasks at this offset" in beyond
    assert client.get(f"/plans/{CITY.id}?outline_offset=-1").status_code == 422


def test_agency_page_groups_lead_and_support_and_shows_the_rename(client):
    html = client.get(f"/agencies/{FOREST.id}").text
    lead, support = html.split('id="lead"')[1].split('id="support"')
    assert C_T11.name in lead and C_T12.name in support
    rename = client.get(f"/agencies/{ECO.id}").text.split('id="renames"')[1]
    assert "赣州市环境保护局" in rename and "市环保局更名为市生态环境局" in rename


def test_indicator_page_draws_an_svg_chart_per_level(client):
    html = client.get(f"/indicators/{COVER.id}").text
    assert html.count("<circle") == 4
    for level in ("province", "city", "district"):
        assert f">{level}</text>" in html


def test_document_text_is_escaped_everywhere(client):
    for url in (f"/plans/{XSS_PLAN.id}", "/", f"/graph/{XSS_PLAN.id}", "/search?q=" + XSS):
        html = client.get(url).text
        assert XSS not in html, url
    graph = client.get(f"/graph/{XSS_PLAN.id}").text
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in graph  # |tojson inside the script tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/plans/{XSS_PLAN.id}").text


def test_node_page_redirects_to_the_label_page(client):
    r = client.get(f"/nodes/{A_T1.id}", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == f"/tasks/{A_T1.id}"


def test_edge_page_lists_every_place(client):
    edge_id = client.get(f"/api/tasks/{C_T11.id}/owners").json()["owners"][0]["edge"]["id"]
    html = client.get(f"/edges/{edge_id}").text
    assert "责任单位:市林业局" in html and "<td>44</td>" in html


def test_docs_use_local_assets(client):
    html = client.get("/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in html
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/docs/redoc.standalone.js").status_code == 200


def test_openapi_lists_every_json_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/plans/{plan_id}/lineage", "/api/plans/{plan_id}/outline", "/api/agencies/{agency_id}/tasks",
              "/api/tasks/{task_id}/owners", "/api/indicators/{indicator_id}/history",
              "/api/districts/{district_id}/plans", "/api/search", "/api/nodes/{node_id}/neighbourhood",
              "/api/path", "/api/nodes/{node_id}", "/api/edges/{edge_id}", "/api/overview"):
        assert p in paths


# ---------------------------------------------------------------------------- docs

def test_every_named_query_is_documented():
    text = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## `?(\w+)", text, flags=re.M))
    assert set(queries.NAMED_QUERIES) <= headings, set(queries.NAMED_QUERIES) - headings
