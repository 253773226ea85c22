from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

from citygraph.graph.network.project import (
    FULL_QUERY,
    NETWORK_QUERY,
    Store,
    city_network,
    full_graph,
)
from citygraph.graph.read.checks import (
    AGREEMENTS_QUERY,
    LABELS_QUERY,
    READINGS_QUERY,
    UPGRADES_QUERY,
)
from citygraph.graph.store.base import DEFAULT_ROW_CAP, XSD_STRING, Result, SelectResult, Term
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ingest.errors import InvalidParameter, TooLarge
from citygraph.ontology.vocab import CG

TEST_DATA = Path(__file__).resolve().parents[2] / "data"
ID = "https://w3id.org/citygraph/id/"
SEOUL_GN = ID + "place/gn1835848"
PREFIXES = """
PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def place(key: str) -> str:
    return f"{ID}place/{key}"


@pytest.fixture(scope="module")
def tiny() -> OxigraphStore:
    store = ox.Store()
    store.load(path=str(TEST_DATA / "network.trig"), format=ox.RdfFormat.TRIG)
    return OxigraphStore(store)


@dataclass
class Counting:
    """A store wrapper that counts queries and can impose a row cap."""

    inner: Store
    cap: int | None = None
    calls: list[str] = field(default_factory=list)

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int = DEFAULT_ROW_CAP) -> Result:
        self.calls.append(sparql)
        cap = max_rows if self.cap is None else min(self.cap, max_rows)
        return self.inner.query(sparql, bindings=bindings, max_rows=cap)


class RdflibStore:
    """Another SPARQL 1.1 engine (rdflib) behind the same ``query`` method."""

    def __init__(self, path: Path) -> None:
        self.ds = rdflib.Dataset(default_union=True)
        self.ds.parse(path, format="trig")

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              max_rows: int = DEFAULT_ROW_CAP) -> Result:
        assert bindings is None
        answer = self.ds.query(sparql)
        names = [str(v) for v in answer.vars or []]
        rows: list[dict[str, Term]] = []
        for solution in answer:
            row: dict[str, Term] = {}
            for name in names:
                value = solution[name]  # type: ignore[index]
                if isinstance(value, rdflib.URIRef):
                    row[name] = Term("uri", str(value))
                elif isinstance(value, rdflib.BNode):
                    row[name] = Term("bnode", str(value))
                elif isinstance(value, rdflib.Literal):
                    datatype = str(value.datatype) if value.datatype else None
                    row[name] = Term("literal", str(value), value.language,
                                     datatype or (None if value.language else XSD_STRING))
            rows.append(row)
        return SelectResult(names, rows[:max_rows], len(rows) > max_rows)


def edges(g: Any, u: str, v: str) -> list[dict[str, Any]]:
    return sorted((dict(d) for d in g.get_edge_data(u, v, default={}).values()),
                  key=lambda d: (d["relation"], str(d.get("kind"))))


def summary(g: Any) -> set[tuple[str, str, str, str, int | None]]:
    return {(*sorted((u, v)), k, d["relation"], d["year"])  # type: ignore[misc]
            for u, v, k, d in g.edges(keys=True, data=True)}


# -- city_network on the tiny network --------------------------------------------


def test_nodes_are_places_and_countries_that_are_parties(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    assert set(g) == {place(k) for k in ("seoul", "taipei", "odense", "dublin", "vienna",
                                         "wellington", "hokkaido")} | {ID + "country/NZ"}
    seoul = g.nodes[place("seoul")]
    assert seoul == {
        "iri": place("seoul"), "key": "seoul", "label": "Seoul", "label_ko": "서울",
        "type": "City", "country": ID + "country/KR", "country_label": "South Korea",
        "country_label_ko": "대한민국",
        "continent": "AS", "continent_label": "AS", "continent_label_ko": "AS",
        "lat": 37.566, "lon": 126.9784,
    }
    assert g.nodes[place("odense")]["continent_label_ko"] == "유럽"
    assert g.nodes[place("hokkaido")]["type"] == "Region"
    assert g.nodes[ID + "country/NZ"]["type"] == "Country"
    assert g.nodes[ID + "country/NZ"]["continent"] == "OC"


def test_agreement_edges_carry_kind_dates_sources_and_upgrades(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    chinseon, friendship = (d for d in edges(g, place("seoul"), place("wellington"))
                            if d["relation"] == "agreement")
    assert chinseon["kind"] == "chinseon" and chinseon["broader"] == ("sister",)
    assert chinseon["kind_label_ko"] == "친선도시"
    assert chinseon["dates"] == ["2023-09", "2023-09-26"] and chinseon["date"] == "2023-09"
    assert chinseon["year"] == 2023
    assert chinseon["upgrades"] == ID + "agreement/seoul--wellington/friendship"
    assert chinseon["sources"] == ["https://example.org/news", "https://example.org/release"]
    assert friendship["kind"] == "friendship"
    assert friendship["superseded_by"] == ID + "agreement/seoul--wellington/chinseon"
    assert friendship["readings"] == [("2016-07", "https://example.org/b"),
                                      ("2016-08", "https://example.org/c")]


def test_parallel_relations_stay_parallel_edges(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    keys = set(g[place("seoul")][place("wellington")])
    assert keys == {ID + "agreement/seoul--wellington/friendship",
                    ID + "agreement/seoul--wellington/chinseon",
                    ID + "event/forum", ID + "event/meeting"}
    assert sorted(d["relation"] for d in edges(g, place("seoul"), place("wellington"))) == [
        "agreement", "agreement", "forum", "meeting"]


def test_a_fact_stated_in_two_named_graphs_is_one_edge(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    [sister] = edges(g, place("seoul"), place("taipei"))
    assert (sister["kind"], sister["date"], sister["year"]) == ("sister", "1968", 1968)


def test_organisations_are_not_nodes_and_bring_no_edges(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    assert ID + "org/undp" not in g
    assert ID + "agreement/seoul--undp/mou" not in {k for *_, k in g.edges(keys=True)}


def test_forum_ties_roll_parts_of_an_event_up_to_the_event(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    [forum] = [d for d in edges(g, place("seoul"), place("vienna")) if d["relation"] == "forum"]
    assert forum["event"] == ID + "event/forum"
    assert forum["event_label"] == "Test Forum 2023"
    assert forum["event_label_ko"] == "테스트 포럼 2023"
    assert (forum["year"], forum["date"], forum["event_kind"]) == (2023, "2023-09-24", "forum")
    assert forum["shared_events"] == []  # Vienna was at the breakfast, Seoul at the forum
    [both] = [d for d in edges(g, place("seoul"), place("dublin")) if d["relation"] == "forum"]
    assert both["shared_events"] == [ID + "event/forum"]
    members = {n for u, v, d in g.edges(data=True) if d["relation"] == "forum" for n in (u, v)}
    assert members == {place(k) for k in ("seoul", "dublin", "odense", "vienna", "wellington")}


def test_meeting_and_prize_ties(tiny: OxigraphStore) -> None:
    g = city_network(tiny)
    [meeting] = [d for u, v, d in g.edges(data=True) if d["relation"] == "meeting"]
    assert meeting["event"] == ID + "event/meeting" and meeting["year"] == 2023
    [prize] = [d for u, v, d in g.edges(data=True) if d["relation"] == "prize"]
    assert prize["prize_label"] == "Test Prize" and prize["prize_label_ko"] == "테스트 상"
    assert prize["award_years"] == {place("seoul"): 2018, place("vienna"): 2020}
    assert prize["year"] == 2020


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (None, 19),
        (2015, 4),  # Taipei 1968, NZ 2005, Odense 2014, Dublin-Taipei 2000
        (1968, 1),
        (1900, 0),
        (2020, 6),  # + the Wellington friendship (2016) and the prize (2020)
        (3000, 18),  # Hokkaido has no date: dropped under as_of
    ],
)
def test_as_of_keeps_ties_with_a_known_year_up_to_it(tiny: OxigraphStore, as_of: int | None,
                                                     expected: int) -> None:
    g = city_network(tiny, as_of=as_of)
    assert g.number_of_edges() == expected
    assert all(as_of is None or (d["year"] is not None and d["year"] <= as_of)
               for *_, d in g.edges(data=True))
    assert g.number_of_nodes() == 8  # filters never drop nodes


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ({"sister"}, {("agreement", "sister"), ("agreement", "chinseon")}),
        ({"chinseon"}, {("agreement", "chinseon")}),
        ({"friendship", "prize"}, {("agreement", "friendship"), ("prize", None)}),
        ({"forum"}, {("forum", None)}),
        ({"meeting", "mou"}, {("meeting", None), ("agreement", "mou")}),
        ({"agreement"}, {("agreement", k) for k in
                         ("sister", "chinseon", "friendship", "mou", "declaration")}),
    ],
)
def test_kinds_filter_by_relation_or_agreement_kind(tiny: OxigraphStore, kinds: set[str],
                                                    expected: set[tuple[str, str | None]]) -> None:
    g = city_network(tiny, kinds=kinds)
    assert {(d["relation"], d.get("kind")) for *_, d in g.edges(data=True)} == expected


def test_an_unknown_kind_is_refused_with_the_known_ones(tiny: OxigraphStore) -> None:
    with pytest.raises(InvalidParameter, match=r"unknown kind 'sisterr'; use one of: agreement"):
        city_network(tiny, kinds={"sisterr"})


def test_one_query_per_view(tiny: OxigraphStore) -> None:
    counting = Counting(tiny)
    city_network(counting, as_of=2020, kinds={"sister", "forum"})
    assert counting.calls == [NETWORK_QUERY]
    full_graph(counting)
    assert counting.calls == [NETWORK_QUERY, FULL_QUERY]


def test_a_cut_answer_is_an_error_not_a_smaller_graph(tiny: OxigraphStore) -> None:
    with pytest.raises(TooLarge, match="cut the projection at 10 rows"):
        city_network(Counting(tiny, cap=10))
    with pytest.raises(TooLarge):
        full_graph(Counting(tiny, cap=10))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own
def test_queries_are_standard_sparql_another_engine_gives_the_same_graphs(
        tiny: OxigraphStore) -> None:
    other = RdflibStore(TEST_DATA / "network.trig")
    a, b = city_network(tiny), city_network(other)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert summary(a) == summary(b)
    assert summary(city_network(tiny, as_of=2015)) == summary(city_network(other, as_of=2015))
    fa, fb = full_graph(tiny), full_graph(other)
    assert dict(fa.nodes(data=True)) == dict(fb.nodes(data=True))
    assert set(fa.edges(keys=True)) == set(fb.edges(keys=True))


@pytest.mark.parametrize("query", [NETWORK_QUERY, FULL_QUERY, LABELS_QUERY, AGREEMENTS_QUERY,
                                   UPGRADES_QUERY, READINGS_QUERY])
def test_queries_name_only_declared_terms(query: str) -> None:
    for name in set(re.findall(r"\bcg:(\w+)", query)):
        getattr(CG, name)  # raises for a term the ontology does not declare
    rdflib.plugins.sparql.prepareQuery(query)  # and rdflib parses them: SPARQL 1.1


# -- full_graph on the tiny network ------------------------------------------------


def test_full_graph_keeps_every_predicate_between_typed_resources(tiny: OxigraphStore) -> None:
    g = full_graph(tiny)
    chinseon = ID + "agreement/seoul--wellington/chinseon"
    out = {(v, k): d["predicate"] for _, v, k, d in g.out_edges(chinseon, keys=True, data=True)}
    cg = "https://w3id.org/citygraph/ontology#"
    assert out == {
        (place("seoul"), "party"): cg + "party",
        (place("wellington"), "party"): cg + "party",
        (ID + "agreement/seoul--wellington/friendship", "upgrades"): cg + "upgrades",
        (ID + "event/forum", "signedAt"): cg + "signedAt",
    }
    node = g.nodes[chinseon]
    assert node["type"] == "Agreement" and node["evidence"] == 2
    assert node["dateSigned"] == ["2023-09", "2023-09-26"] and node["yearSigned"] == 2023
    assert node["agreementKind"] == "https://w3id.org/citygraph/kind/agreement/chinseon"


def test_full_graph_leaves_evidence_out_and_counts_it(tiny: OxigraphStore) -> None:
    g = full_graph(tiny)
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "Evidence"]
    assert not [n for n in g if "/evidence/" in n]
    assert g.nodes[ID + "agreement/seoul--taipei/sister"]["evidence"] == 1
    assert g.nodes[place("seoul")]["evidence"] == 0


def test_full_graph_labels_literals_and_no_duplicates(tiny: OxigraphStore) -> None:
    g = full_graph(tiny)
    seoul = g.nodes[place("seoul")]
    assert (seoul["label"], seoul["label_ko"], seoul["type"]) == ("Seoul", "서울", "City")
    assert (seoul["lat"], seoul["long"], seoul["identifier"]) == (37.566, 126.9784, "seoul")
    sister = ID + "agreement/seoul--taipei/sister"
    assert g.number_of_edges(sister, place("taipei")) == 1  # stated in two graphs
    assert g.nodes[ID + "award/test/2020/vienna"]["awardYear"] == 2020
    assert g.nodes[ID + "event/forum"]["label_ko"] == "테스트 포럼 2023"
    # SKOS concepts are no nodes (no cg: type): kinds stay attributes
    assert "https://w3id.org/citygraph/kind/agreement/sister" not in g


# -- the bundled graph --------------------------------------------------------------


def select(store: OxigraphStore, sparql: str, **bindings: Term) -> list[dict[str, Term]]:
    result = store.query(PREFIXES + sparql, bindings=bindings or None, max_rows=100_000)
    assert isinstance(result, SelectResult) and not result.truncated
    return result.rows


def by_label(g: Any, label: str) -> str:
    [node] = [n for n, d in g.nodes(data=True) if d["label"] == label]
    return str(node)


def test_bundled_seoul_and_taipei_are_sister_cities_since_1968(
        bundled_store: OxigraphStore) -> None:
    g = city_network(bundled_store)
    taipei = by_label(g, "Taipei")
    rows = select(bundled_store, """
        SELECT DISTINCT ?seoul ?taipei ?date WHERE {
          ?a cg:party ?seoul, ?taipei ; cg:agreementKind ?k ; cg:dateSigned ?date .
        }""", seoul=Term("uri", SEOUL_GN), taipei=Term("uri", taipei))
    assert [r["date"].value for r in rows] == ["1968"]
    [sister] = [d for d in g[SEOUL_GN][taipei].values() if d["relation"] == "agreement"]
    assert (sister["kind"], sister["date"], sister["year"]) == ("sister", "1968", 1968)
    assert len(sister["sources"]) == 2


def test_bundled_san_francisco_is_one_edge_with_both_readings(
        bundled_store: OxigraphStore) -> None:
    g = city_network(bundled_store)
    sf = by_label(g, "San Francisco")
    [sister] = g[SEOUL_GN][sf].values()
    assert sister["dates"] == ["1975", "1976"]
    assert (sister["date"], sister["year"]) == ("1975", 1975)
    assert {r[0] for r in sister["readings"]} == {"1975", "1976"}
    assert len(sister["sources"]) == 2


def test_bundled_as_of_1990_excludes_later_ties(bundled_store: OxigraphStore) -> None:
    g = city_network(bundled_store, as_of=1990)
    assert all(d["year"] <= 1990 for *_, d in g.edges(data=True))
    assert g.has_edge(SEOUL_GN, by_label(g, "Taipei"))
    assert not g.has_edge(SEOUL_GN, by_label(g, "Wellington"))
    [row] = select(bundled_store, """
        SELECT (COUNT(*) AS ?n) WHERE {
          { SELECT ?a (MIN(?y) AS ?year) WHERE { ?a a cg:Agreement ; cg:yearSigned ?y }
            GROUP BY ?a }
          FILTER(?year <= 1990)
        }""")
    assert g.number_of_edges() == int(row["n"].value)


def test_bundled_sister_kinds_include_chinseon(bundled_store: OxigraphStore) -> None:
    g = city_network(bundled_store, kinds={"sister"})
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert kinds == {"sister", "chinseon"}
    [row] = select(bundled_store, """
        SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?a a cg:Agreement ;
             cg:agreementKind/skos:broader* <https://w3id.org/citygraph/kind/agreement/sister> .
        }""")
    assert g.number_of_edges() == int(row["n"].value)


def test_bundled_full_graph_has_every_typed_resource(bundled_store: OxigraphStore) -> None:
    g = full_graph(bundled_store)
    [row] = select(bundled_store, """
        SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
          ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(cg:)))
          FILTER NOT EXISTS { ?s a cg:Evidence }
        }""")
    assert g.number_of_nodes() == int(row["n"].value)
    assert g.nodes[SEOUL_GN]["type"] == "City" and g.nodes[SEOUL_GN]["evidence"] > 0
    parties = [u for u, _, k in g.in_edges(SEOUL_GN, keys=True) if k == "party"]
    agreements = [u for u in parties if g.nodes[u]["type"] == "Agreement"]
    ties = [u for u in parties if g.nodes[u]["type"] == "Partnership"]
    assert len(agreements) == 64  # every agreement in the bundled data involves Seoul
    assert len(ties) == 54  # one partnership per partner, whatever its agreements
