"""Property-based tests of every operation in the app's OpenAPI schema (schemathesis).

Each operation gets a bounded number of generated requests (the schema's
examples, then ``EXAMPLES`` generated ones); none may answer a server error
(5xx), and an exception in a handler fails too.  Operations are read from
``/openapi.json`` when the test runs, so routes added later are covered.  (A
501 counts as a server error: the bundled graph lives in the embedded store,
which can dump itself.)

Schemathesis' coverage phase (boundary and missing values for every
parameter, some 100-150 requests per operation) is off to keep the run near
half a minute; ``CITYGRAPH_SCHEMATHESIS_COVERAGE=1`` turns it on.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from citygraph.api.app import create_app
from citygraph.api.settings import Settings

EXAMPLES = 10  # generated per operation: keeps the run under a minute


@pytest.fixture(scope="module")
def app(built_home: Path) -> Iterator[FastAPI]:
    yield create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> Any:
    coverage = os.environ.get("CITYGRAPH_SCHEMATHESIS_COVERAGE", "") not in ("", "0")
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": coverage}}})
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


@pytest.fixture(autouse=True)
def _node_id(request: pytest.FixtureRequest) -> None:
    """Give the test item the ``_nodeid`` attribute schemathesis 4.32's lazy schemas
    read (and rewrite, to name the operation); pytest 9 no longer has it."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case: Any) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])


def test_every_documented_operation_is_generated(app: FastAPI, api_schema: Any) -> None:
    documented = {(method.upper(), path) for path, item in app.openapi()["paths"].items()
                  for method in item}
    generated = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert generated == documented
    assert {"/api/search", "/id/{path}", "/downloads/{name}"} <= {p for _, p in documented}
