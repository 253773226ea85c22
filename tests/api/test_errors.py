"""Every route answers every error the same way: one status and one body per error class.

The app's one dependency (its runtime) is made to raise each class of
:data:`citygraph.api.errors.ERRORS` in turn, and every route is asked: a
program gets JSON ``{"error": code, "message": ...}`` with the class's
status, a browser the error page with the same status.  Invalid parameters
answer 422 ``invalid_parameter`` in the same shape everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.errors import ERRORS
from citygraph.api.openapi import api_routes
from citygraph.api.settings import Settings
from citygraph.api.state import runtime

#: values for the routes' path parameters and required query parameters
PATH_VALUES = {"id": "wellington", "id_": "wcsmf-2023-seoul.ko", "name": "citygraph.nq",
               "path": "place/gn2179537", "doc": "seoul-lisbon.ko"}
QUERY = {"/api/search": {"q": "x"}, "/api/network/ego": {"city": "seoul"},
         "/api/network/path": {"from": "seoul", "to": "suzhou"}}
#: routes that read nothing of the graph, so cannot meet its errors
STATIC = {"/favicon.ico", "/context.jsonld", "/docs", "/swagger-ui/{name}"}
#: paths whose errors are JSON even for a browser: programs' endpoints, JSON and CSV addresses
PROGRAMS = ("/api/", "/sparql")
DATA_SUFFIXES = (".json", ".csv")


@pytest.fixture(scope="module")
def client(built_home: Path) -> Iterator[TestClient]:
    made = create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))
    with TestClient(made, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def app(client: TestClient) -> FastAPI:
    made: FastAPI = client.app  # type: ignore[assignment]
    return made


def requests(app: FastAPI) -> list[tuple[str, str, dict[str, str]]]:
    found = []
    for route in api_routes(app.routes):
        if route.path in STATIC:
            continue
        url = route.path.replace("{path:path}", "{path}").format(**PATH_VALUES)
        for method in sorted(route.methods - {"HEAD"}):  # HEAD: test_head_answers_as_get
            found.append((method, url, QUERY.get(route.path, {})))
    return found


def test_every_route_but_the_static_ones_reads_the_runtime(app: FastAPI) -> None:
    readers = {r.path for r in api_routes(app.routes)
               if any(d.call is runtime for d in walk(r.dependant))}
    assert {r.path for r in api_routes(app.routes)} - readers == STATIC


def walk(dependant: Any) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub
        yield from walk(sub)


@pytest.mark.parametrize(("error", "expected"), list(ERRORS.items()),
                         ids=[cls.__name__ for cls in ERRORS])
def test_each_error_class_answers_one_status_and_body_everywhere(
        app: FastAPI, client: TestClient, error: type[Exception],
        expected: tuple[int, str]) -> None:
    status, code = expected

    def fail() -> None:
        raise error("the message")

    app.dependency_overrides[runtime] = fail
    try:
        for method, url, params in requests(app):
            json = client.request(method, url, params=params,
                                  headers={"Accept": "application/json"})
            assert json.status_code == status, (method, url, json.text)
            assert json.json() == {"error": code, "message": "the message"}, (method, url)
            page = client.request(method, url, params=params, headers={"Accept": "text/html"})
            assert page.status_code == status, (method, url)
            if url.startswith(PROGRAMS) or url.endswith(DATA_SUFFIXES):
                assert page.json()["error"] == code, (method, url)
            else:
                assert page.headers["content-type"].startswith("text/html"), (method, url)
                assert 'class="error-message"' in page.text and "the message" in page.text
            if status == 401:
                assert json.headers["www-authenticate"].startswith("Bearer")
    finally:
        app.dependency_overrides.clear()


@pytest.mark.parametrize(("url", "params", "bad"), [
    ("/api/cities", {"limit": "-1"}, "limit"),
    ("/api/cities", {"continent": "XX"}, "continent"),
    ("/api/search", {}, "q"),
    ("/api/network/centrality", {"measure": "fame"}, "measure"),
    ("/api/network/ego", {"city": "seoul", "hops": "9"}, "hops"),
    ("/visual.json", {"layout": "round"}, "layout"),
    ("/visual.json", {"as_of": "soon"}, "as_of"),
    ("/agreements.json", {"since": "abc"}, "since"),
])
def test_invalid_parameters_answer_422_in_the_same_shape(
        client: TestClient, url: str, params: dict[str, str], bad: str) -> None:
    r = client.get(url, params=params, headers={"Accept": "application/json"})
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"error", "message"} and body["error"] == "invalid_parameter"
    assert bad in body["message"]


def test_a_small_row_cap_is_too_large_everywhere_not_a_server_error(built_home: Path) -> None:
    app = create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home),
                                        "CITYGRAPH_ROW_CAP": "200"}))
    with TestClient(app) as client:
        for url in ("/visual.json", "/api/cities", "/api/network/centrality", "/api/timeline",
                    "/cities/wellington.json"):
            r = client.get(url)
            assert r.status_code == 503, (url, r.status_code, r.text[:200])
            assert r.json()["error"] == "too_large", url
        page = client.get("/visual", headers={"Accept": "text/html"})
        assert page.status_code == 503 and 'class="error-message"' in page.text
