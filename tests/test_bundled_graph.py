"""Acceptance checks on the graph built from the bundled data."""

import csv
import re
from collections import defaultdict

import pytest

from citygraph.api.examples import EXAMPLES
from citygraph.api.settings import bundled_sources
from citygraph.graph.read.lookup import entity_iri
from citygraph.graph.store.base import AskResult, SelectResult
from citygraph.graph.store.embedded import OxigraphStore

from .conftest import TEST_DATA

EX = {e.key: e for e in EXAMPLES}
PRESS_RELEASE = "https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko"


def focus(store: OxigraphStore, key: str = "seoul") -> str:
    return entity_iri(store, key)


def select(store: OxigraphStore, sparql: str) -> list[dict[str, str]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return [{k: v.value for k, v in row.items()} for row in result.rows]


def test_sister_level_cities_match_the_research_table(bundled_store: OxigraphStore) -> None:
    expected: dict[str, set[str | None]] = defaultdict(set)
    with (TEST_DATA / "reference" / "seoul_partners.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rel = row["relation_type"]
            if re.search(r"sister|자매|친선도시", rel, re.IGNORECASE):
                years = re.findall(r"\b(19\d\d|20\d\d)\b", row["year_signed"])
                expected[row["city_en"]].update(years or [None])
    actual: dict[str, set[str | None]] = defaultdict(set)
    for row in select(bundled_store, EX["sister-cities"].sparql(focus(bundled_store))):
        actual[row["name"]].add(row["signed"][:4] if "signed" in row else None)
    assert dict(actual) == dict(expected)
    assert actual["San Francisco"] == {"1975", "1976"}  # both readings, each with its source


def test_agreements_signed_at_the_2023_forum(bundled_store: OxigraphStore) -> None:
    rows = select(bundled_store, EX["forum-agreements"].sparql(focus(bundled_store)))
    per_release = {(r["partner"], r["kind"]) for r in rows if r["source"] == PRESS_RELEASE}
    assert per_release == {("Wellington", "chinseon"), ("Kyiv", "friendship")}
    # etnews counts Dublin too: that reading is kept, with its own source
    dublin = {r["source"] for r in rows if r["partner"] == "Dublin"}
    assert dublin == {"https://etnews.com/20231003000074"}


def test_forum_exhibitors_are_27_in_5_themes(bundled_store: OxigraphStore) -> None:
    rows = select(bundled_store, EX["forum-exhibitors"].sparql(focus(bundled_store)))
    assert len(rows) == 5
    assert sum(int(r["exhibitors"]) for r in rows) == 27


@pytest.mark.parametrize("cls", ["Agreement", "PrizeAward", "Office", "Participation",
                                 "StatedCount", "Policy", "City", "Event"])
def test_every_fact_carries_a_source(bundled_store: OxigraphStore, cls: str) -> None:
    sparql = f"""
    PREFIX cg: <https://w3id.org/citygraph/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    ASK {{ ?x a cg:{cls} FILTER NOT EXISTS {{ ?x cg:evidence/dcterms:source ?doc }} }}"""
    result = bundled_store.query(sparql)
    assert isinstance(result, AskResult) and result.boolean is False
    count = bundled_store.query(f"PREFIX cg: <https://w3id.org/citygraph/ontology#> "
                                f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a cg:{cls} }}")
    assert isinstance(count, SelectResult) and int(count.rows[0]["n"].value) > 0


def test_forum_people_hold_their_offices(bundled_store: OxigraphStore) -> None:
    rows = select(bundled_store, """
    PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?person ?role ?city WHERE {
      ?o org:member/rdfs:label ?person ; org:role/skos:notation ?role ;
         org:organization/rdfs:label ?city .
      FILTER(LANG(?person) = "en" && LANG(?city) = "en")
    }""")
    got = {(r["person"], r["role"], r["city"]) for r in rows}
    assert {("Tory Whanau", "mayor", "Wellington"), ("Ji Jing", "vice_mayor", "Suzhou"),
            ("Chiang Wan-an", "mayor", "Taipei")} <= got


def test_no_personal_contact_data_in_bundled_files() -> None:
    phone = re.compile(r"\b0\d{1,2}-\d{3,4}-\d{4}\b")
    for path in bundled_sources().rglob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert not phone.search(text), path
        assert "@" not in re.sub(r"https?://\S+", "", text), path


def test_another_focus_city_gets_its_own_answers(bundled_store: OxigraphStore) -> None:
    rows = select(bundled_store, EX["sister-cities"].sparql(focus(bundled_store, "wellington")))
    assert {r["name"] for r in rows} == {"Seoul"}
    assert {r["kind"] for r in rows} == {"chinseon"}
