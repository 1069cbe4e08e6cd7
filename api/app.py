"""The web application: `create_app(store_spec)` wires JSON endpoints, HTML pages, offline docs
and static assets to one store.

    policygraph serve --store ./policygraph-data        # or: uvicorn --factory policygraph.api.app:create_app

The store comes from the dependency `get_store` (tests swap it with `app.dependency_overrides`).
One handler maps the error tree of graph/errors.py to status codes: NotFound 404, QueryError
and bad parameters 422, StoreUnavailable 503, other PolicyGraphError 500 — as JSON under /api,
as a page elsewhere. Nothing is fetched from another host: Swagger UI and ReDoc come from the
fastapi-offline package, vis-network from the pyvis package, both served under /static.
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from policygraph.graph.errors import NotFound, PolicyGraphError, QueryError, StoreUnavailable
from policygraph.graph.store import GraphStore, open_store

from .graphview import VIS_DIR
from .templating import templates

__all__ = ["create_app", "get_store", "status_for", "HERE"]

HERE = Path(__file__).resolve().parent
DOCS_ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"


def get_store(request: Request) -> GraphStore:
    """The application's store, opened on first use from the spec given to `create_app`."""
    state = request.app.state
    if state.store is None:
        with state.store_lock:
            if state.store is None:
                state.store = open_store(state.store_spec, create=False)  # a typo must not make an empty store
    return state.store


def status_for(exc: PolicyGraphError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, QueryError):
        return 422
    if isinstance(exc, StoreUnavailable):
        return 503
    return 500


_KIND = {404: "not_found", 422: "bad_request", 503: "store_unavailable", 500: "server_error"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_response(request: Request, status: int, message: str, detail: Any = None):
    if _wants_json(request):
        body: dict[str, Any] = {"error": _KIND.get(status, "error"), "message": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    parts, detail = [], []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        got = err.get("input")
        text = f"{name}: {err.get('msg', 'invalid')}"
        if got is not None and not isinstance(got, (dict, list)):
            text += f" (got {got!r})"
        parts.append(text)
        detail.append({"parameter": name, "message": err.get("msg"), "input": got if isinstance(got, (str, int, float)) else None})
    return "; ".join(parts), detail


def create_app(store_spec: str | Path | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """The FastAPI application over the store at `store_spec` (a directory or neo4j:// URI;
    default $POLICYGRAPH_STORE, else ./policygraph-data), or over an open `store`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        opened = app.state.store
        if opened is not None and store is None:
            opened.close()

    app = FastAPI(
        title="PolicyGraph",
        summary="Chinese government policy documents as a knowledge graph, with the sentence behind every fact.",
        version="0.1.0",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    app.state.store_spec = str(store_spec) if store_spec else None
    app.state.store = store
    app.state.store_lock = threading.Lock()

    app.mount("/static/vis", StaticFiles(directory=VIS_DIR), name="vis")
    app.mount("/static/docs", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(PolicyGraphError)
    async def _policygraph_error(request: Request, exc: PolicyGraphError):
        return _error_response(request, status_for(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def _bad_parameters(request: Request, exc: RequestValidationError):
        message, detail = _validation_message(exc)
        return _error_response(request, 422, message, detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = str(exc.detail) if exc.status_code != 404 or exc.detail != "Not Found" else \
            f"nothing at {request.url.path}; start from / or /docs"
        return _error_response(request, exc.status_code, message)

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="PolicyGraph API",
                                   swagger_js_url="/static/docs/swagger-ui-bundle.js",
                                   swagger_css_url="/static/docs/swagger-ui.css",
                                   swagger_favicon_url="/static/docs/favicon.png")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title="PolicyGraph API",
                              redoc_js_url="/static/docs/redoc.standalone.js",
                              redoc_favicon_url="/static/docs/favicon.png", with_google_fonts=False)

    from .json_routes import router as json_router
    from .pages import router as page_router

    app.include_router(json_router)
    app.include_router(page_router)
    return app
