"""The query guards: parsing, refusals, time limit, row cap; no request leaves."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citygraph.graph.store.base import (
    QueryError,
    QueryRefused,
    QueryTimeout,
    SelectResult,
)
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import inspect
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.opening import open_current

from ...listening import Listener

FOREVER = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"""


def test_inspect_names_the_query_form() -> None:
    assert inspect("ASK { ?s ?p ?o }") == "ask"
    assert inspect("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "construct"
    assert inspect("PREFIX ex: <http://ex.org/> BASE <http://b/> DESCRIBE ex:a") == "describe"


def test_syntax_errors_come_from_the_engine_with_line_and_column() -> None:
    assert inspect("SELECT * WHERE {\n  ?s ?p }") == "select"  # the guard does not parse
    with pytest.raises(QueryError, match=r"at line 2, column \d+: expected"):
        GuardedStore.over(OxigraphStore.in_memory()).query("SELECT * WHERE {\n  ?s ?p }")


@pytest.mark.parametrize("sparql", [
    "LOAD <http://example.org/data.ttl>",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "CLEAR ALL",
])
def test_updates_are_refused(sparql: str) -> None:
    with pytest.raises(QueryRefused, match="read-only"):
        inspect(sparql)


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SELECT ?s WHERE { SERVICE SILENT <http://x> { ?s ?p ?o } } } }",
])
def test_service_is_refused_unless_enabled(sparql: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        inspect(sparql)
    assert inspect(sparql, allow_service=True) == "select"


def test_service_in_a_string_or_comment_is_fine() -> None:
    inspect('SELECT * WHERE { ?s ?p "SERVICE <http://x>" } # SERVICE <http://y>')


def test_from_and_from_named_are_refused_unless_enabled() -> None:
    for clause in ("FROM <http://example.org/g>", "FROM NAMED <http://example.org/g>"):
        with pytest.raises(QueryRefused, match="FROM"):
            inspect(f"SELECT * {clause} WHERE {{ ?s ?p ?o }}")
        inspect(f"SELECT * {clause} WHERE {{ ?s ?p ?o }}", allow_datasets=True)


@pytest.fixture()
def listener() -> Iterator[Listener]:
    with Listener() as listening:
        yield listening


def test_unguarded_pyoxigraph_would_call_the_listener(listener: Listener) -> None:
    """The control: without the guard, SERVICE reaches the network."""
    port, seen = listener.port, listener.seen
    store = OxigraphStore.in_memory()
    with contextlib.suppress(Exception):  # the listener answers nothing useful
        list(store.store.query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> "
                               "{ ?s ?p ?o } }"))
    time.sleep(0.3)
    assert seen, "pyoxigraph did not try to fetch: the next test proves nothing"


def test_guarded_store_makes_no_request(built_home: Path, listener: Listener) -> None:
    port, seen = listener.port, listener.seen
    guarded = GuardedStore.over(OxigraphStore.in_memory())
    url = f"http://127.0.0.1:{port}"
    for sparql in (f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
                   f"LOAD <{url}/data.ttl>",
                   f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",  # noqa: S608
                   f"SELECT * FROM NAMED <{url}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):  # noqa: S608
        with pytest.raises(QueryRefused):
            guarded.query(sparql)
    time.sleep(0.3)
    assert seen == []


@pytest.fixture(scope="module")
def pooled(built_home: Path) -> Iterator[GuardedStore]:
    guarded = GuardedStore.over(open_current(built_home), timeout=2.0, workers=2, row_cap=5)
    yield guarded
    guarded.close()


def test_a_query_that_runs_forever_times_out_while_others_are_answered(
        pooled: GuardedStore) -> None:
    outcome: dict[str, object] = {}

    def forever() -> None:
        started = time.monotonic()
        try:
            pooled.query(FOREVER)
        except QueryTimeout as err:
            outcome["error"] = err
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=forever)
    thread.start()
    time.sleep(0.3)
    answered = []
    while thread.is_alive() and len(answered) < 5:
        result = pooled.query("SELECT ?s WHERE { ?s a <https://w3id.org/citygraph/ontology#City> }")
        assert isinstance(result, SelectResult)
        answered.append(time.monotonic())
    thread.join(10)
    assert isinstance(outcome.get("error"), QueryTimeout)
    assert "longer than the limit of 2 s" in str(outcome["error"])
    assert float(outcome["seconds"]) <= 3.0  # type: ignore[arg-type]
    assert answered, "no other query was answered while the long one ran"
    # the killed worker was replaced: the pool still answers
    again = pooled.query("ASK { ?s ?p ?o }")
    assert again.boolean  # type: ignore[union-attr]


def test_the_row_cap_truncates(pooled: GuardedStore) -> None:
    result = pooled.query("SELECT ?s WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 5 and result.truncated


def test_errors_from_workers_are_sentences(pooled: GuardedStore) -> None:
    with pytest.raises(QueryError, match="not valid SPARQL"):
        pooled.query("SELECT ?s WHERE { ?s ?p }")


PARTNERS = "https://w3id.org/citygraph/id/source/partners"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_check_names_the_form_and_keeps_the_dataset(pooled: GuardedStore) -> None:
    assert pooled.check("ASK { ?s ?p ?o }").form == "ask"
    assert pooled.check("DESCRIBE <http://ex.org/a>").form == "describe"
    checked = pooled.check(COUNT, named_graphs=[PARTNERS])
    assert (checked.form, checked.default_graph, checked.named_graphs) == ("select", (),
                                                                          (PARTNERS,))


def test_dataset_parameters_reach_the_workers(pooled: GuardedStore,
                                              bundled_store: OxigraphStore) -> None:
    def count(store: GuardedStore | OxigraphStore, **dataset: list[str]) -> int:
        result = store.query(COUNT, **dataset)  # type: ignore[arg-type]
        assert isinstance(result, SelectResult)
        return int(result.rows[0]["n"].value)

    partners = count(bundled_store, default_graph=[PARTNERS])
    assert 0 < partners < count(bundled_store)
    assert count(pooled, default_graph=[PARTNERS]) == partners
    assert count(pooled, named_graphs=[PARTNERS]) == 0  # the default graph is then empty
    named = pooled.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                         named_graphs=[PARTNERS])
    assert isinstance(named, SelectResult)
    assert [r["g"].value for r in named.rows] == [PARTNERS]


@pytest.mark.parametrize("dataset", [{"default_graph": ["http://127.0.0.1:9/g"]},
                                     {"named_graphs": ["file:///etc/passwd"]}])
def test_a_graph_the_store_does_not_hold_is_empty(pooled: GuardedStore,
                                                  dataset: dict[str, list[str]]) -> None:
    """As the SPARQL 1.1 Protocol's tests expect; nothing is fetched or read."""
    result = pooled.query(COUNT, **dataset)  # type: ignore[arg-type]
    assert isinstance(result, SelectResult) and result.rows[0]["n"].value == "0"


def test_answers_are_kept_per_graph_version(pooled: GuardedStore) -> None:
    sparql = "SELECT ?s WHERE { ?s a <https://w3id.org/citygraph/ontology#Country> } LIMIT 3"
    first = pooled.query(sparql)
    assert pooled.query(sparql) is first  # kept: the store is read-only within a version
    version = pooled.version
    try:
        pooled.version = "another-version"
        again = pooled.query(sparql)
        assert again is not first and again == first
    finally:
        pooled.version = version
