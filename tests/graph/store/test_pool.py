"""The query pool bounds every query, and the others keep answering.

Real worker processes on the built graph: a parse bomb, deep nesting, a
query that needs gigabytes, a CONSTRUCT past the row cap, slow queries that
occupy workers, one client flooding the pool, and a query that crashes the
engine.  (How fast they answer is measured by ``make benchmark``.)
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from citygraph.graph.store.base import (
    Answer,
    AskResult,
    GraphResult,
    QueryError,
    QueryTimeout,
    QueryTooMuchMemory,
    SelectResult,
)
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.opening import open_current
from citygraph.graph.store.pool import QueryBusy, QueryPool
from citygraph.graph.store.worker import Job
from citygraph.ingest.errors import StoreUnavailable

CITY = "https://w3id.org/citygraph/ontology#City"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@pytest.fixture(scope="module")
def pooled(built_home: Path) -> Iterator[GuardedStore]:
    guarded = GuardedStore.over(open_current(built_home), timeout=3.0, workers=2, max_workers=8,
                                row_cap=100, memory=192)
    yield guarded
    guarded.close()


def simple(n: int) -> str:
    """A cheap query whose text differs for each ``n``, so no cache answers it."""
    return f"SELECT ?c WHERE {{ ?c a <{CITY}> }} LIMIT {n + 1}"


def test_a_parse_bomb_answers_within_the_limit_and_others_do_not_wait(
        pooled: GuardedStore) -> None:
    """16 KB of ``||`` (rdflib's parser took 11.5 s on it, holding a global lock)."""
    bomb = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 1_900) + ") } LIMIT 1"
    finished: list[str] = []

    def run_bomb() -> None:
        with contextlib.suppress(QueryTimeout):
            pooled.query(bomb)
        finished.append("bomb")

    thread = threading.Thread(target=run_bomb)
    thread.start()
    result = pooled.query("ASK { ?s ?p ?o } # a fresh ASK")
    finished.append("ask")
    thread.join(10)
    assert isinstance(result, AskResult) and result.boolean
    assert finished[0] == "ask"


@pytest.mark.parametrize(("name", "sparql"), [
    ("35 nested braces", "SELECT * WHERE " + "{ " * 35 + "?s ?p ?o" + " }" * 35 + " LIMIT 1"),
    ("26 parentheses in a FILTER",
     "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 26 + "?o" + ")" * 26 + ") } LIMIT 1"),
    ("90 triple patterns", "SELECT * WHERE { " + " . ".join(
        f"?s <http://ex.org/p{i}> ?o{i}" for i in range(90)) + " } LIMIT 1"),
    ("40 nested OPTIONALs", "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 40
     + "}" * 40 + " } LIMIT 1"),
])
def test_what_a_researcher_may_write_is_answered(pooled: GuardedStore, name: str,
                                                 sparql: str) -> None:
    assert isinstance(pooled.query(sparql), SelectResult), name


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE " + "{ " * 65 + "?s ?p ?o" + " }" * 65,
    "SELECT * WHERE { FILTER(" + "(" * 70 + "1" + ")" * 70 + ") }",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 2_500) + ") }",
])
def test_too_deep_or_too_long_is_400_with_the_limit(pooled: GuardedStore, sparql: str) -> None:
    with pytest.raises(QueryError, match="this endpoint takes at most"):
        pooled.query(sparql)


def test_a_query_that_needs_too_much_memory_is_stopped_and_others_go_on(
        pooled: GuardedStore) -> None:
    with pytest.raises(QueryTooMuchMemory, match="more than the 192 MB"):
        pooled.query(HUNGRY)
    assert isinstance(pooled.query("ASK { ?s ?p ?o } # after the memory bomb"), AskResult)


def test_the_row_cap_cuts_construct_and_describe(pooled: GuardedStore) -> None:
    result = pooled.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, GraphResult) and result.count == 100 and result.truncated
    assert result.ntriples.count("\n") == 100
    checked = pooled.check("CONSTRUCT WHERE { ?s ?p ?o } # written by the worker")
    answer = pooled.answer(checked, "text/turtle")
    assert isinstance(answer, Answer) and answer.rows == 100 and answer.truncated
    described = pooled.query(f"DESCRIBE ?c WHERE {{ ?c a <{CITY}> }}")
    assert isinstance(described, GraphResult) and described.truncated


def test_simple_queries_keep_answering_while_four_slow_ones_run(pooled: GuardedStore) -> None:
    errors: list[Exception] = []

    def slow(n: int) -> None:
        try:
            pooled.query(f"{SLOW} # slow {n}")
        except QueryTimeout:
            pass
        except Exception as err:
            errors.append(err)

    threads = [threading.Thread(target=slow, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    answered = [pooled.query(simple(n)) for n in range(30)]
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert all(isinstance(r, SelectResult) and r.rows for r in answered)


def test_one_client_cannot_take_every_worker(built_home: Path) -> None:
    pool = QueryPool(open_current(built_home).path, workers=1, timeout=2.0,  # type: ignore[arg-type]
                     max_workers=3, per_client=1)
    try:
        outcome: list[object] = []
        first = threading.Thread(target=lambda: outcome.append(
            _try(lambda: pool.query(Job(SLOW), client="flood"))))
        first.start()
        threading.Event().wait(0.3)
        with pytest.raises(QueryBusy, match="You already run 1 queries at once"):
            pool.query(Job(SLOW + " # again"), client="flood")
        assert isinstance(pool.query(Job("ASK { }"), client="another"), AskResult)
        first.join(10)
        assert isinstance(outcome[0], QueryTimeout)
    finally:
        pool.close()


def _try(call: object) -> object:
    try:
        return call()  # type: ignore[operator]
    except Exception as err:
        return err


def test_a_query_that_crashes_the_engine_loses_one_worker_only(built_home: Path) -> None:
    """Past the guard's limits Oxigraph overflows its stack; the pool replaces the worker."""
    pool = QueryPool(open_current(built_home).path, workers=1,  # type: ignore[arg-type]
                     timeout=10.0, max_workers=2)
    try:
        crash = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 30_000) + ") } LIMIT 1"
        with pytest.raises(StoreUnavailable, match="stopped its worker process"):
            pool.query(Job(crash))
        assert isinstance(pool.query(Job("ASK { ?s ?p ?o }")), AskResult)
    finally:
        pool.close()
