"""The read model is the API's model: every field of a read type is in the answer and the schema.

The routes of ``/api/...`` (and ``/downloads``) return the frozen dataclasses
of ``citygraph.graph`` as they are.  These tests walk each answer beside its
type: a field a dataclass gains must show up in the JSON and in the OpenAPI
document, and every sample in ``citygraph.api.samples`` must fit its type.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from citygraph.api.app import create_app
from citygraph.api.openapi import api_routes
from citygraph.api.samples import SAMPLES
from citygraph.api.settings import Settings

#: one request per route that answers a read type, with ids of the bundled data (and a slice
#: of the world's twin-town list, for listed ties) chosen so that every nested type appears in
#: some answer
REQUESTS = [
    ("/api/cities", {"limit": 200}),
    ("/api/cities/{id}", {"id": "wellington"}),
    ("/api/cities/{id}", {"id": "seoul"}),
    ("/api/agreements", {"limit": 200}),
    ("/api/events", {"limit": 200}),
    ("/api/events/{id}", {"id": "wcsmf-12"}),
    ("/api/people", {"limit": 200}),
    ("/api/organizations", {"limit": 200}),
    ("/api/policies", {"limit": 200}),
    ("/api/sources", {"limit": 200}),
    ("/api/sources/{id}", {"id": "wcsmf-2023-seoul.ko"}),
    ("/api/timeline", {}),
    ("/api/stats", {}),
    ("/api/search", {"q": "웰링"}),
    ("/api/network/ego", {"city": "seoul"}),
    ("/api/network/path", {"from": "seoul", "to": "suzhou"}),
    ("/api/network/centrality", {}),
    ("/api/recommendations", {}),
    ("/downloads", {}),
]


@pytest.fixture(scope="module")
def client(world_home: Path) -> Iterator[TestClient]:
    app = create_app(Settings.from_env({"CITYGRAPH_HOME": str(world_home)}))
    with TestClient(app) as c:
        yield c


def answer_type(client: TestClient, path: str) -> Any:
    for route in api_routes(client.app.routes):  # type: ignore[attr-defined]
        if route.path == path and "GET" in route.methods:
            return route.response_model
    raise AssertionError(f"no GET route {path}")


def is_dataclass_type(tp: Any) -> bool:
    return dataclasses.is_dataclass(typing.get_origin(tp) or tp)


def field_types(tp: Any) -> dict[str, Any]:
    """The fields of a dataclass type, with a generic's parameters put in."""
    origin = typing.get_origin(tp) or tp
    hints = typing.get_type_hints(origin)
    params = getattr(origin, "__parameters__", ())
    binding = dict(zip(params, typing.get_args(tp), strict=False))

    def bind(t: Any) -> Any:
        if isinstance(t, typing.TypeVar):
            return binding.get(t, Any)
        args = typing.get_args(t)
        if not args:
            return t
        new = tuple(bind(a) for a in args)
        torigin = typing.get_origin(t)
        if torigin in (types.UnionType, typing.Union):
            return typing.Union[new]  # noqa: UP007 (built from a tuple)
        return torigin[new] if torigin in (tuple, list, dict) else t

    return {f.name: bind(hints[f.name]) for f in dataclasses.fields(origin)}


def walk(value: Any, tp: Any, where: str, seen: set[type]) -> None:
    """Check ``value`` (JSON) against ``tp``: each dataclass has exactly its fields."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        assert len(options) == 1, f"{where}: cannot walk {tp}"
        walk(value, options[0], where, seen)
    elif is_dataclass_type(tp):
        fields = field_types(tp)
        assert isinstance(value, dict), f"{where}: {value!r} is not an object"
        assert set(value) == set(fields), (
            f"{where}: the answer has {sorted(value)}, the type {tp} has {sorted(fields)}")
        seen.add(typing.get_origin(tp) or tp)
        for name, ftype in fields.items():
            walk(value[name], ftype, f"{where}.{name}", seen)
    elif origin in (tuple, list):
        for i, item in enumerate(value):
            walk(item, typing.get_args(tp)[0], f"{where}[{i}]", seen)
    elif origin is dict:
        for key, item in value.items():
            walk(item, typing.get_args(tp)[1], f"{where}[{key!r}]", seen)


def reachable(tp: Any, found: set[type]) -> set[type]:
    """Every dataclass type ``tp`` is made of (itself included)."""
    origin = typing.get_origin(tp)
    if is_dataclass_type(tp):
        cls = origin or tp
        if cls not in found:
            found.add(cls)
            for ftype in field_types(tp).values():
                reachable(ftype, found)
    elif origin is not None:
        for arg in typing.get_args(tp):
            reachable(arg, found)
    return found


def test_every_field_of_every_read_type_is_in_the_answers(client: TestClient) -> None:
    seen: set[type] = set()
    expected: set[type] = set()
    for path, params in REQUESTS:
        tp = answer_type(client, path)
        assert is_dataclass_type(tp), f"{path} answers {tp}, not a read type"
        expected |= reachable(tp, set())
        url = path.format(**params) if "{" in path else path
        query = {k: v for k, v in params.items() if f"{{{k}}}" not in path}
        r = client.get(url, params=query, headers={"Accept": "application/json"})
        assert r.status_code == 200, (url, r.text)
        walk(r.json(), tp, url, seen)
    assert expected - seen == set(), "read types no answer showed (choose other ids)"


def test_every_field_of_every_read_type_is_in_the_openapi_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, _ in REQUESTS:
        tp = answer_type(client, path)
        for cls in reachable(tp, set()):
            fields = {f.name for f in dataclasses.fields(cls)}
            matching = [s for name, s in schemas.items()
                        if name == cls.__name__ or name.startswith(f"{cls.__name__}_")]
            assert matching, f"{cls.__name__} has no schema in the OpenAPI document"
            for schema in matching:
                assert set(schema["properties"]) == fields, (cls.__name__, schema["properties"])


def test_documented_fields_carry_their_descriptions(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    evidence = spec["components"]["schemas"]["Evidence"]["properties"]
    assert "source document" in evidence["source"]["description"]


@pytest.mark.parametrize("answer", list(SAMPLES), ids=str)
def test_every_sample_fits_its_type(answer: Any) -> None:
    TypeAdapter(answer).validate_python(SAMPLES[answer], strict=False)
    seen: set[type] = set()
    walk(SAMPLES[answer], answer, "sample", seen)


def test_every_route_shows_a_sample(client: TestClient) -> None:
    for path, _ in REQUESTS:
        assert answer_type(client, path) in SAMPLES, path
