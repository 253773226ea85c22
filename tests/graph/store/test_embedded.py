import pytest

from citygraph.graph.store.base import QueryError, QueryRefused, SelectResult, Term, check_query
from citygraph.graph.store.embedded import OxigraphStore

DATA = b"".join(
    f'<http://ex.org/c{i}> <http://ex.org/name> "city {i}"@en <http://ex.org/g{i % 2}> .\n'.encode()
    for i in range(5)
)


@pytest.fixture
def store() -> OxigraphStore:
    s = OxigraphStore.in_memory()
    s.load_nquads(DATA)
    return s


def test_default_graph_is_the_union_of_named_graphs(store: OxigraphStore) -> None:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    assert result.rows[0]["n"].value == "5"


def test_values_travel_as_bindings_not_text(store: OxigraphStore) -> None:
    hostile = Term("literal", 'city 3" } UNION { ?s ?p ?o', lang="en")
    result = store.query("SELECT ?s ?name WHERE { ?s <http://ex.org/name> ?name }",
                         bindings={"name": hostile})
    assert isinstance(result, SelectResult) and result.rows == []
    result = store.query("SELECT ?s ?name WHERE { ?s <http://ex.org/name> ?name }",
                         bindings={"name": Term("literal", "city 3", lang="en")})
    assert isinstance(result, SelectResult)
    assert [r["s"].value for r in result.rows] == ["http://ex.org/c3"]


def test_row_cap_truncates_and_says_so(store: OxigraphStore) -> None:
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 3 and result.truncated
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=5)
    assert isinstance(result, SelectResult) and not result.truncated


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(store: OxigraphStore, query: str) -> None:
    with pytest.raises(QueryRefused, match="not allowed"):
        store.query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x>" }',
        "SELECT ?service WHERE { ?service ?p ?o }",
        "PREFIX load: <http://ex.org/> SELECT * WHERE { ?s load:service ?o }",
        "SELECT * WHERE { <http://ex.org/SERVICE> ?p ?o } # SERVICE in a comment",
    ],
)
def test_the_words_elsewhere_are_fine(query: str) -> None:
    check_query(query)


def test_syntax_error_is_a_query_error(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="not valid SPARQL"):
        store.query("SELECT WHERE {")


def test_updates_do_not_run_through_query(store: OxigraphStore) -> None:
    with pytest.raises(QueryError):
        store.query("INSERT DATA { <http://a> <http://b> <http://c> }")
    assert store.quad_count() == 5
