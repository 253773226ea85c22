"""The evasion suite: no query or update, however written, makes the server fetch a URL.

Every case names a listener on 127.0.0.1 as its SERVICE endpoint, its LOAD
source or its FROM graph, and runs where the endpoint runs it: queries on a
guarded store whose workers are real processes on the built graph, updates
through the :class:`~citygraph.graph.write.update.Updater` on a copy of the
home.  Each is refused or fails, and the listener receives nothing in the
whole suite.  A control shows that the engine itself does fetch.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.update import Updater
from citygraph.ingest.errors import CitygraphError

from ...listening import Listener

P = "PREFIX : <{url}/> "
QUERIES = {
    "plain": "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}/sparql> { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}/sparql> { ?s ?p ?o } }",
    "mixed case": "SeLeCt * WhErE { sErViCe <{url}/sparql> { ?s ?p ?o } }",
    "no spaces": "SELECT*{SERVICE<{url}/sparql>{?s ?p ?o}}",
    "comment between": "SELECT * { SERVICE # note\n <{url}/sparql> { ?s ?p ?o } }",
    "comment in the word's place": "SELECT * { SERVICE#\n<{url}/sparql>{?s ?p ?o} }",
    "prefixed name": P + "SELECT * { SERVICE:sparql { ?s ?p ?o } }",
    "prefixed name, silent": P + "SELECT * { SERVICE SILENT:sparql { ?s ?p ?o } }",
    "escape": "SELECT * { \\u0053ERVICE <{url}/sparql> { ?s ?p ?o } }",
    "escape inside": "SELECT * { SERV\\u0049CE <{url}/sparql> { ?s ?p ?o } }",
    "long escape": "SELECT * { \\U00000053ERVICE <{url}/sparql> { ?s ?p ?o } }",
    "variable endpoint": "SELECT * { VALUES ?e { <{url}/sparql> } SERVICE ?e { ?s ?p ?o } }",
    "bound endpoint": "SELECT * { BIND(<{url}/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "in a subquery": "SELECT * { { SELECT ?s { SERVICE <{url}/sparql> { ?s ?p ?o } } } }",
    "in OPTIONAL": "SELECT * { ?a ?b ?c OPTIONAL { SERVICE <{url}/sparql> { ?s ?p ?o } } }",
    "in EXISTS": "SELECT * { ?a ?b ?c FILTER EXISTS { SERVICE <{url}/sparql> { ?s ?p ?o } } }",
    "in NOT EXISTS": "ASK { FILTER NOT EXISTS { SERVICE <{url}/sparql> { ?s ?p ?o } } }",
    "in MINUS": "SELECT * { ?a ?b ?c MINUS { SERVICE <{url}/sparql> { ?a ?b ?c } } }",
    "in UNION": "SELECT * { { ?a ?b ?c } UNION { SERVICE <{url}/sparql> { ?a ?b ?c } } }",
    "in GRAPH": "SELECT * { GRAPH ?g { SERVICE <{url}/sparql> { ?s ?p ?o } } }",
    "nested": "SELECT * { SERVICE <{url}/a> { SERVICE <{url}/b> { ?s ?p ?o } } }",
    "in CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "in ASK": "ASK { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "in DESCRIBE": "DESCRIBE ?s WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "after a less-than read as an IRI":
        P + "SELECT * { ?a ?b ?c FILTER(?a<?b).SERVICE:sparql#>\n{ ?s ?p ?o } }",
    "after an escaped quote":
        'SELECT * { BIND("a\\u0022" AS ?x) SERVICE <{url}/sparql> { } BIND("b" AS ?y) }',
    "RDF-star around it": "SELECT * { SERVICE <{url}/sparql> { << ?s ?p ?o >> ?q ?r } }",
    "FROM": "SELECT * FROM <{url}/g.ttl> WHERE { ?s ?p ?o }",
    "FROM NAMED": "SELECT * FROM NAMED <{url}/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "FROM prefixed": P + "SELECT * FROM:g WHERE { ?s ?p ?o }",
    "LOAD sent as a query": "LOAD <{url}/data.ttl>",
    "LOAD after a query": "SELECT * { ?s ?p ?o } ; LOAD <{url}/data.ttl>",
}
UPDATES = {
    "LOAD": "LOAD <{url}/data.ttl>",
    "LOAD SILENT into a graph": "LOAD SILENT <{url}/data.ttl> INTO GRAPH <http://ex.org/g>",
    "lower case": "load <{url}/data.ttl>",
    "prefixed name": P + "LOAD:data",
    "prefixed name, silent": P + "LOAD SILENT:data",
    "escape": "\\u004COAD <{url}/data.ttl>",
    "second operation": "CLEAR SILENT GRAPH <http://ex.org/g> ; LOAD <{url}/data.ttl>",
    "SERVICE in WHERE": "INSERT { GRAPH <http://ex.org/g> { ?s ?p ?o } } WHERE { "
                        "SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "SERVICE prefixed": P + "INSERT { GRAPH <http://ex.org/g> { ?s ?p ?o } } WHERE { "
                            "SERVICE:sparql { ?s ?p ?o } }",
    "SERVICE in DELETE WHERE": "DELETE { ?s ?p ?o } WHERE { SERVICE <{url}/s> { ?s ?p ?o } }",
    "USING": "DELETE { ?s ?p ?o } USING <{url}/g.ttl> WHERE { ?s ?p ?o }",
    "USING NAMED": "DELETE { ?s ?p ?o } USING NAMED <{url}/g.ttl> WHERE { ?s ?p ?o }",
    "USING prefixed": P + "DELETE { ?s ?p ?o } USING:g WHERE { ?s ?p ?o }",
    "nested braces": "INSERT { GRAPH <http://ex.org/g> { ?s ?p ?o } } WHERE { "
                     + "{ " * 80 + "SERVICE <{url}/s> { ?s ?p ?o }" + " }" * 80 + " }",
}


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with Listener() as listening:
        yield listening


@pytest.fixture(scope="module")
def pooled(built_home: Path) -> Iterator[GuardedStore]:
    guarded = GuardedStore.over(open_current(built_home), timeout=5.0, workers=1, max_workers=2)
    yield guarded
    guarded.close()


@pytest.fixture(scope="module")
def updater(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Updater]:
    home = tmp_path_factory.mktemp("evasion") / "home"
    shutil.copytree(built_home, home, symlinks=True)
    guarded = GuardedStore.over(open_current(home), timeout=5.0, workers=1, max_workers=1)
    yield Updater(guarded, timeout=5.0)
    guarded.close()


def test_the_engine_itself_would_fetch(listener: Listener) -> None:
    """The control: without the guards, Oxigraph calls the listener for SERVICE."""
    before = len(listener.seen)
    with contextlib.suppress(Exception):
        list(OxigraphStore.in_memory().store.query(  # type: ignore[arg-type]
            QUERIES["prefixed name"].replace("{url}", listener.url)))
    time.sleep(0.3)
    assert len(listener.seen) > before
    listener.seen.clear()


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_no_query_fetches(pooled: GuardedStore, listener: Listener, query: str) -> None:
    with pytest.raises(CitygraphError):
        pooled.query(query.replace("{url}", listener.url))


@pytest.mark.parametrize("update", UPDATES.values(), ids=UPDATES.keys())
def test_no_update_fetches(updater: Updater, listener: Listener, update: str) -> None:
    with pytest.raises(CitygraphError):
        updater.update(update.replace("{url}", listener.url))


def test_an_rdf_star_update_runs_in_the_worker(updater: Updater) -> None:
    """rdflib could not parse RDF-star, so the old guard ran Oxigraph in the server to find out."""
    report = updater.update("INSERT DATA { GRAPH <http://ex.org/g> { "
                            "<< <http://ex.org/a> <http://ex.org/b> <http://ex.org/c> >> "
                            "<http://ex.org/said> <http://ex.org/d> } }")
    assert report.quads > 0


def test_the_listener_received_nothing(listener: Listener) -> None:
    """Runs last in this module: the whole suite, queries and updates, fetched nothing."""
    time.sleep(0.5)
    assert listener.seen == []
