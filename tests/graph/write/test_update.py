"""SPARQL Update on the embedded store: copy, update, switch; refusals leave it as it was."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citygraph.graph.home import current_store, current_version, store_version
from citygraph.graph.store.base import (
    AskResult,
    QueryError,
    QueryRefused,
    QueryTimeout,
    SelectResult,
)
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import check_update
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.opening import open_current
from citygraph.graph.store.pool import QueryPool
from citygraph.graph.store.remote import SparqlStore
from citygraph.graph.write.update import Updater, UpdateUnsupported
from citygraph.ingest.errors import CitygraphError

SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"
PARTNERS = "https://w3id.org/citygraph/id/source/partners"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
INSERT = f'INSERT DATA {{ GRAPH <{PARTNERS}> {{ <{SEOUL}> <{COMMENT}> "checked" }} }}'
ADDED = f'ASK {{ <{SEOUL}> <{COMMENT}> "checked" }}'
LABELS = f"SELECT ?l WHERE {{ <{SEOUL}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"


@pytest.fixture
def home(built_home: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(built_home, copy, symlinks=True)
    return copy


@pytest.fixture
def guarded(home: Path) -> Iterator[GuardedStore]:
    store = GuardedStore.over(open_current(home), timeout=2.0, workers=2)
    yield store
    store.close()


def ask(store: GuardedStore, sparql: str) -> bool:
    result = store.query(sparql)
    assert isinstance(result, AskResult)
    return result.boolean


def test_an_update_makes_a_new_store_and_the_guarded_store_moves_to_it(
        home: Path, guarded: GuardedStore) -> None:
    old_path, old_version = current_store(home), guarded.version
    assert old_version is not None and old_version == current_version(home)
    old_pool = guarded.runner
    report = Updater(guarded, timeout=5.0).update(INSERT)
    assert report.quads == guarded.quad_count() == open_current(home).quad_count()
    assert report.version == current_version(home) == guarded.version != old_version
    assert current_store(home) != old_path and old_path.exists()
    assert isinstance(guarded.runner, QueryPool) and guarded.runner is not old_pool
    assert ask(guarded, ADDED)
    assert (current_store(home).parent / f"{current_store(home).name}.json").exists()
    # the store the app opened first is untouched
    assert OxigraphStore.open(old_path).query(ADDED) == AskResult(False)


def test_updates_follow_each_other_and_old_stores_are_pruned(home: Path,
                                                             guarded: GuardedStore) -> None:
    updater = Updater(guarded, timeout=5.0)
    versions = {guarded.version}
    for n in range(4):
        updater.update(f'INSERT DATA {{ GRAPH <{PARTNERS}> {{ <{SEOUL}> <{COMMENT}> "{n}" }} }}')
        versions.add(guarded.version)
    assert len(versions) == 5
    result = guarded.query(f"SELECT ?c WHERE {{ <{SEOUL}> <{COMMENT}> ?c }}")
    assert isinstance(result, SelectResult)
    assert sorted(r["c"].value for r in result.rows) == ["0", "1", "2", "3"]
    stores = [p for p in (home / "stores").iterdir() if store_version(p)]
    # the current one, and those a reader still holds: the fixture's first, the one before
    assert len(stores) <= 3


def test_queries_running_while_the_store_is_switched_are_answered(home: Path) -> None:
    # as many readers as workers; a generous limit, as spawning the new workers competes
    # with the readers for the CPU of a small machine
    guarded = GuardedStore.over(open_current(home), timeout=10.0, workers=2)
    errors: list[Exception] = []
    answered = [0]
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                result = guarded.query(LABELS)
                assert isinstance(result, SelectResult) and result.rows
                answered[0] += 1
            except Exception as err:  # collected: the test fails on any
                errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    updater = Updater(guarded, timeout=5.0)
    for n in range(3):
        updater.update(f'INSERT DATA {{ GRAPH <{PARTNERS}> {{ <{SEOUL}> <{COMMENT}> "{n}" }} }}')
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join(20)
    guarded.close()
    assert errors == []
    assert answered[0] > 10
    assert open_current(home).query(f'ASK {{ <{SEOUL}> <{COMMENT}> "2" }}') == AskResult(True)


@pytest.mark.parametrize(
    ("update", "error", "words"),
    [
        ("LOAD <http://127.0.0.1:9/data.ttl>", QueryRefused, "LOAD"),
        ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
         QueryRefused, "SERVICE"),
        ("INSERT DATA { <http://a> <http://b> }", QueryError, "line 1, column 37"),
        ("SELECT * WHERE { ?s ?p ?o }", QueryError, "a SELECT query, not an update"),
        ("INSERT DATA { <http://a> <http://b> <http://c> } ; SELEKT", QueryError,
         "not valid SPARQL at line 1"),
        ("INSERT { GRAPH <http://ex.org/g> { ?a ?b ?c } } WHERE { GRAPH ?v { ?a ?b ?c } "
         "GRAPH ?w { ?d ?e ?f } GRAPH ?x { ?g ?h ?i } GRAPH ?y { ?j ?k ?l } "
         "GRAPH ?z { ?m ?n ?o } }", QueryTimeout, "timed out"),
    ],
)
def test_a_refused_or_failed_update_changes_nothing(home: Path, guarded: GuardedStore,
                                                    update: str, error: type[Exception],
                                                    words: str) -> None:
    before, version = current_store(home), guarded.version
    listing = sorted((home / "stores").iterdir())
    started = time.monotonic()
    with pytest.raises(error, match=words):
        Updater(guarded, timeout=1.0).update(update)
    assert time.monotonic() - started < 1.0 + 10  # the worker's start-up, then the limit
    assert current_store(home) == before and guarded.version == version
    assert sorted((home / "stores").iterdir()) == listing


def test_a_store_in_memory_is_updated_in_place() -> None:
    store = OxigraphStore.in_memory()
    guarded = GuardedStore.over(store)
    report = Updater(guarded).update(INSERT)
    assert report.version is None and report.quads == 1 and report.graphs == 1
    assert ask(guarded, ADDED)


def test_a_remote_store_is_not_updated_here() -> None:
    guarded = GuardedStore.over(SparqlStore("http://127.0.0.1:9/sparql"))
    with pytest.raises(UpdateUnsupported, match="embedded store only"):
        Updater(guarded).update(INSERT)


def test_a_store_outside_a_home_folder_is_not_updated(tmp_path: Path) -> None:
    path = tmp_path / "loose"
    writable = OxigraphStore.open(path, read_only=False)
    writable.load_nquads(f'<{SEOUL}> <{COMMENT}> "x" <{PARTNERS}> .\n'.encode())
    writable.flush()
    del writable
    guarded = GuardedStore.over(OxigraphStore.open(path), timeout=2.0, workers=1)
    try:
        assert guarded.version is None
        with pytest.raises(UpdateUnsupported, match="not in a citygraph home"):
            Updater(guarded).update(INSERT)
    finally:
        guarded.close()


def test_check_update_accepts_what_oxigraph_runs() -> None:
    check_update(INSERT)
    check_update(f"DELETE WHERE {{ GRAPH ?g {{ <{SEOUL}> <{COMMENT}> ?c }} }} ; CLEAR SILENT "
                 "GRAPH <http://ex.org/g>")


def test_store_version_reads_the_folder_name(home: Path) -> None:
    assert store_version(current_store(home)) == current_version(home)
    assert current_version(home.parent / "nowhere") is None


FOREVER = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"""


def test_a_query_waiting_for_a_worker_moves_to_the_new_store(home: Path) -> None:
    guarded = GuardedStore.over(open_current(home), timeout=6.0, workers=1)
    outcome: dict[str, object] = {}

    def run(name: str, sparql: str) -> None:
        started = time.monotonic()
        try:
            outcome[name] = guarded.query(sparql)
        except CitygraphError as err:
            outcome[name] = err
        outcome[f"{name} seconds"] = time.monotonic() - started

    long = threading.Thread(target=run, args=("long", FOREVER))
    long.start()
    time.sleep(0.3)  # the only worker is busy: the next query waits for it
    waiting = threading.Thread(target=run, args=("waiting", LABELS))
    waiting.start()
    time.sleep(0.3)
    guarded.swap(open_current(home))  # the same graph, a new pool
    waiting.join(10)
    long.join(10)
    guarded.close()
    assert isinstance(outcome["waiting"], SelectResult)
    assert isinstance(outcome["long"], QueryTimeout)
    # answered by the new pool, not after the long query gave its worker back
    assert float(outcome["waiting seconds"]) < float(outcome["long seconds"])  # type: ignore[arg-type]
