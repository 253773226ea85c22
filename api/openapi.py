"""The OpenAPI document: field descriptions from the read model's attribute docstrings.

The routes answer citygraph's frozen dataclasses, which document their
fields the way Python documents attributes: a string right under the field.
:func:`install` lets FastAPI write the document as usual, then, once, puts
each field's docstring into its schema's ``description`` (the dataclasses
stay free of any web framework; nothing is read until ``/openapi.json`` is
first asked for).

Examples
--------
>>> from citygraph.graph.read import Evidence
>>> attribute_docs(Evidence)["source"]
'IRI of the source document.'
>>> sorted(c.__name__ for c in dataclass_types(Evidence))
['Evidence']
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import itertools
import textwrap
import typing
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

__all__ = ["api_routes", "attribute_docs", "dataclass_types", "install"]


@functools.cache
def attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under the fields of a class, by field name."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):  # no source (a class made at run time)
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def dataclass_types(tp: Any, found: set[type] | None = None) -> set[type]:
    """Every dataclass a type is made of, through fields, tuples, unions and generics."""
    found = set() if found is None else found
    origin = typing.get_origin(tp)
    cls = origin or tp
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        if cls in found:
            return found
        found.add(cls)
        for hint in typing.get_type_hints(cls).values():
            dataclass_types(hint, found)
    for arg in typing.get_args(tp):
        dataclass_types(arg, found)
    return found


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """The app's API routes, including those of included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from api_routes(route.original_router.routes)


def _describe(spec: dict[str, Any], classes: set[type]) -> None:
    schemas = spec.get("components", {}).get("schemas", {})
    by_name = {cls.__name__: cls for cls in classes}
    for name, schema in schemas.items():
        cls = by_name.get(name.split("_", 1)[0] if name not in by_name else name)
        if cls is None:
            continue
        docs = attribute_docs(cls)
        for field, prop in schema.get("properties", {}).items():
            if field in docs and "description" not in prop:
                prop["description"] = docs[field]


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` describe every field of the dataclasses its routes answer."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = generate()
            classes: set[type] = set()
            for route in api_routes(app.routes):
                if route.response_model is not None:
                    dataclass_types(route.response_model, classes)
            _describe(spec, classes)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
