from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from citygraph.graph.network.analysis import (
    SCORES,
    Hop,
    NoConnection,
    UnknownPlace,
    _josa,
    betweenness,
    communities,
    degree,
    ego,
    eigenvector,
    example_network,
    explain_path,
    recommend,
    resolve,
    simple,
    top,
)
from citygraph.graph.network.project import city_network, full_graph
from citygraph.graph.store.base import SelectResult, Term
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ingest.errors import InvalidParameter, NotFound

TEST_DATA = Path(__file__).resolve().parents[2] / "data"
ID = "https://w3id.org/citygraph/id/"
SEOUL_GN = ID + "place/gn1835848"


def place(key: str) -> str:
    return f"{ID}place/{key}"


@pytest.fixture(scope="module")
def tiny() -> OxigraphStore:
    store = ox.Store()
    store.load(path=str(TEST_DATA / "network.trig"), format=ox.RdfFormat.TRIG)
    return OxigraphStore(store)


@pytest.fixture(scope="module")
def network(tiny: OxigraphStore) -> Any:
    return city_network(tiny)


@pytest.fixture(scope="module")
def bundled(bundled_store: OxigraphStore) -> Any:
    return city_network(bundled_store)


def select(store: OxigraphStore, sparql: str, **bindings: Term) -> list[dict[str, Term]]:
    result = store.query("PREFIX cg: <https://w3id.org/citygraph/ontology#>\n" + sparql,
                         bindings=bindings or None, max_rows=100_000)
    assert isinstance(result, SelectResult) and not result.truncated
    return result.rows


# -- helpers -----------------------------------------------------------------------


def test_simple_collapses_parallel_ties_into_a_weight(network: Any) -> None:
    h = simple(network)
    assert type(h) is nx.Graph
    assert h[place("seoul")][place("wellington")]["weight"] == 4
    assert h[place("seoul")][place("taipei")]["weight"] == 1
    assert h.number_of_nodes() == network.number_of_nodes()
    assert h.nodes[place("seoul")]["label"] == "Seoul"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (place("seoul"), place("seoul")),
        ("seoul", place("seoul")),
        ("Seoul", place("seoul")),
        ("  SEOUL ", place("seoul")),
        ("서울", place("seoul")),
        ("New Zealand", ID + "country/NZ"),
    ],
)
def test_resolve_takes_an_iri_key_or_label(network: Any, name: str, expected: str) -> None:
    assert resolve(network, name) == expected


def test_resolve_refuses_unknown_and_ambiguous_names() -> None:
    g = nx.MultiGraph()
    g.add_node("a", label="Springfield")
    g.add_node("b", label="Springfield")
    with pytest.raises(InvalidParameter, match="'Springfield' names 2 places"):
        resolve(g, "Springfield")
    with pytest.raises(UnknownPlace, match="'Shelbyville' is not a place in this graph"):
        resolve(g, "Shelbyville")


@pytest.mark.parametrize(
    ("word", "particles", "expected"),
    [
        ("서울", ("과", "와"), "서울과"),
        ("타이베이", ("과", "와"), "타이베이와"),
        ("웰링턴", ("은", "는"), "웰링턴은"),
        ("비엔나", ("은", "는"), "비엔나는"),
        ("테스트 상", ("을", "를"), "테스트 상을"),
        ("NYC", ("과", "와"), "NYC과(와)"),
        ("", ("은", "는"), "은(는)"),
    ],
)
def test_korean_particles_follow_the_final_sound(word: str, particles: tuple[str, str],
                                                 expected: str) -> None:
    assert _josa(word, *particles) == expected


# -- centralities ------------------------------------------------------------------


@pytest.mark.parametrize("measure", [degree, betweenness, eigenvector])
def test_centralities_score_every_node_and_put_the_hub_first(network: Any, measure: Any) -> None:
    scores = measure(network)
    assert set(scores) == set(network)
    assert all(isinstance(v, float) for v in scores.values())
    assert top(scores, 1)[0][0] == place("seoul")


@pytest.mark.parametrize("measure", [degree, betweenness, eigenvector])
def test_centralities_work_on_the_full_graph(tiny: OxigraphStore, measure: Any) -> None:
    g = full_graph(tiny)
    scores = measure(g)
    assert set(scores) == set(g)


def test_degree_counts_neighbours_not_parallel_ties(network: Any) -> None:
    # Wellington: Seoul (4 ties), Dublin, Odense, Vienna (forum) of 7 other nodes
    assert degree(network)[place("wellington")] == pytest.approx(4 / 7)


def test_eigenvector_survives_disconnected_graphs() -> None:
    g = nx.MultiGraph()
    g.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("a", "b")])  # a triangle
    g.add_edges_from([("x", "y")])  # an island
    g.add_node("alone")
    scores = eigenvector(g)
    assert scores["alone"] == 0.0
    assert scores["a"] == scores["b"] > scores["c"] > scores["x"] == scores["y"] > 0
    # the strongest component gets networkx's own scores
    main = nx.eigenvector_centrality(simple(g).subgraph("abc"), weight="weight", tol=1e-06)
    assert scores["c"] == pytest.approx(main["c"])


def test_eigenvector_of_a_connected_graph_is_networkx_s(network: Any) -> None:
    h = simple(network)
    expected = nx.eigenvector_centrality(h, weight="weight", max_iter=1000, tol=1e-06)
    assert eigenvector(network) == pytest.approx(expected)


def test_eigenvector_that_does_not_converge_scores_zero_with_a_warning() -> None:
    g = nx.path_graph(6, create_using=nx.MultiGraph)
    with pytest.warns(RuntimeWarning, match="did not converge in 1 iterations"):
        scores = eigenvector(g, max_iter=1)
    assert set(scores.values()) == {0.0}


def test_eigenvector_of_an_empty_graph_is_empty() -> None:
    assert eigenvector(nx.MultiGraph()) == {}


def test_top_sorts_by_score_then_iri_and_cuts() -> None:
    assert top({"b": 1.0, "a": 1.0, "c": 3.0, "d": 0.0}, 3) == [("c", 3.0), ("a", 1.0), ("b", 1.0)]
    assert top({}, 5) == []


def test_analysis_does_not_change_the_graph(network: Any) -> None:
    before = network.copy()
    for measure in (degree, betweenness, eigenvector, communities):
        measure(network)
    recommend(network, "seoul")
    explain_path(network, "vienna", "taipei")
    ego(network, "seoul", 2)
    assert nx.utils.graphs_equal(network, before)


# -- ego, paths, communities --------------------------------------------------------


def test_ego_keeps_parallel_edges(network: Any) -> None:
    h = ego(network, "wellington")
    assert set(h) == {place(k) for k in ("wellington", "seoul", "dublin", "odense", "vienna")}
    assert h.is_multigraph()
    assert h.number_of_edges(place("seoul"), place("wellington")) == 4
    assert ego(network, "wellington", hops=2).number_of_nodes() == network.number_of_nodes()
    assert ego(network, "wellington", hops=0).number_of_nodes() == 1


def test_ego_names_a_missing_centre(network: Any) -> None:
    with pytest.raises(UnknownPlace, match="'Atlantis' is not a place"):
        ego(network, "Atlantis")


def test_explain_path_tells_each_hop_in_english_and_korean(network: Any) -> None:
    hops = explain_path(network, "Vienna", "Taipei")
    assert hops == [
        Hop(place("vienna"), place("seoul"), "forum", "forum", 2023,
            "Vienna and Seoul both took part in Test Forum 2023.",
            "비엔나와 서울은 모두 테스트 포럼 2023에 참가했습니다.", ID + "event/forum",
            "/id/event/forum"),
        Hop(place("seoul"), place("taipei"), "agreement", "sister", 1968,
            "Seoul and Taipei have been sister cities since 1968.",
            "서울과 타이베이는 1968년부터 자매도시입니다.",
            ID + "agreement/seoul--taipei/sister", "/id/agreement/seoul--taipei/sister"),
    ]


@pytest.mark.parametrize(
    ("kinds", "source", "target", "en", "ko"),
    [
        (None, "seoul", "wellington",
         "Seoul and Wellington have been sister-level (chinseon) cities since 2023.",
         "서울과 웰링턴은 2023년부터 친선도시입니다."),
        (None, "seoul", "hokkaido", "Seoul and Hokkaido are friendship partners.",
         "서울과 홋카이도는 우호도시입니다."),
        (None, "seoul", "odense", "Seoul and Odense signed a memorandum of understanding in 2014.",
         "서울과 오덴세는 2014년 양해각서(MOU)를 체결했습니다."),
        (None, "seoul", "New Zealand", "Seoul and New Zealand signed a joint declaration in 2005.",
         "서울과 뉴질랜드는 2005년 공동선언을 체결했습니다."),
        ({"friendship"}, "wellington", "seoul",
         "Wellington and Seoul have been friendship cities since 2016.",
         "웰링턴과 서울은 2016년부터 우호도시입니다."),
        ({"prize"}, "seoul", "vienna", "Seoul (2018) and Vienna (2020) both won the Test Prize.",
         "서울(2018년)과 비엔나(2020년)는 모두 테스트 상을 받았습니다."),
        ({"meeting"}, "seoul", "wellington",
         "Seoul and Wellington met at Seoul-Wellington meeting.",
         "서울과 웰링턴은 서울-웰링턴 회담에서 만났습니다."),
    ],
)
def test_sentences_per_relation(tiny: OxigraphStore, kinds: set[str] | None, source: str,
                                target: str, en: str, ko: str) -> None:
    [hop] = explain_path(city_network(tiny, kinds=kinds), source, target)
    assert (hop.en, hop.ko) == (en, ko)


def test_disagreeing_sources_are_told_not_hidden() -> None:
    g = nx.MultiGraph()
    g.add_node("sf", label="San Francisco", label_ko="샌프란시스코", type="City")
    g.add_node("seoul", label="Seoul", label_ko="서울", type="City")
    g.add_edge("seoul", "sf", relation="agreement", kind="sister", year=1975,
               dates=["1975", "1976"])
    [hop] = explain_path(g, "seoul", "sf")
    assert hop.en == "Seoul and San Francisco have been sister cities since 1975 " \
                     "(sources also give 1976)."
    assert hop.ko == "서울과 샌프란시스코는 1975년부터 자매도시입니다(출처에 따라 1976년)."


def test_explain_path_errors_name_the_places(network: Any) -> None:
    with pytest.raises(UnknownPlace, match="'Atlantis' is not a place in this graph"):
        explain_path(network, "Seoul", "Atlantis")
    g = network.copy()
    g.add_node(place("atlantis"), label="Atlantis", label_ko="아틀란티스", type="City")
    with pytest.raises(NoConnection, match="no connection between Seoul and Atlantis"):
        explain_path(g, "Seoul", "Atlantis")
    assert issubclass(NoConnection, NotFound)
    assert explain_path(network, "seoul", "Seoul") == []


def test_communities_are_deterministic_and_cover_the_graph(network: Any) -> None:
    found = communities(network)
    assert found == communities(network)
    assert set().union(*found) == set(network)
    assert sum(len(c) for c in found) == network.number_of_nodes()
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert {place("dublin"), place("taipei")} in found
    g = network.copy()
    g.add_node("alone")
    assert {"alone"} in communities(g)
    assert {"alone"} not in communities(g, min_size=2)


# -- recommendations ----------------------------------------------------


def test_recommend_suggests_forum_and_prize_cities_without_agreements(network: Any) -> None:
    recs = recommend(network, "seoul")
    assert [(r.place.label, r.score) for r in recs] == [("Dublin", 5.2), ("Vienna", 5.2)]
    dublin, vienna = recs
    assert dublin.reasons == ("took part with Seoul in Test Forum 2023",
                              "partner of Taipei, like Seoul",
                              "in Europe, like 1 of Seoul’s 5 partners")
    assert dublin.reasons_ko == ("서울과 함께 테스트 포럼 2023에 참가",
                                 "서울처럼 타이베이의 협력 도시",
                                 "서울의 협력 도시 5곳 중 1곳처럼 유럽에 위치")
    assert vienna.reasons[1] == "won the Test Prize (2020), like Seoul (2018)"
    assert vienna.reasons_ko[1] == "서울(2018년)처럼 테스트 상 수상(2020년)"
    assert (vienna.place.label_ko, vienna.place.iri) == ("비엔나", place("vienna"))
    assert SCORES["forum"] + SCORES["prize"] + SCORES["continent"] / 5 == vienna.score
    assert recommend(network, "seoul", n=1) == [dublin]


def test_recommend_follows_the_network_it_is_given(tiny: OxigraphStore) -> None:
    # in 2015 there was no forum yet and Wellington was no partner
    recs = recommend(city_network(tiny, as_of=2015), "seoul")
    assert recs[0].place.label == "Dublin" and recs[0].score == pytest.approx(2 + 1 / 3, abs=1e-3)
    assert "Wellington" in [r.place.label for r in recs]


def test_recommend_never_suggests_a_partner_or_a_country(network: Any) -> None:
    for focus in network:
        partners = {v for _, v, d in network.edges(focus, data=True)
                    if d["relation"] == "agreement"}
        for rec in recommend(network, focus, n=100):
            assert rec.place.iri not in partners | {focus}
            assert network.nodes[rec.place.iri]["type"] != "Country"
            assert rec.score > 0 and rec.reasons and len(rec.reasons) == len(rec.reasons_ko)


# -- on the bundled graph ------------------------------------------------------------------


def test_bundled_recommendations_are_forum_cities_without_an_agreement(
        bundled_store: OxigraphStore, bundled: Any) -> None:
    recs = recommend(bundled, "seoul")
    labels = [r.place.label for r in recs]
    assert {"Suzhou", "Vienna", "Singapore"} <= set(labels)
    for rec in recs:
        rows = select(bundled_store, "SELECT ?a ?seoul ?other WHERE { ?a cg:party ?seoul, ?other }",
                      seoul=Term("uri", SEOUL_GN), other=Term("uri", rec.place.iri))
        assert rows == [], f"{rec.place.label} already has an agreement with Seoul"
        assert rec.reasons and all(rec.reasons) and all(rec.reasons_ko)
    suzhou = recs[labels.index("Suzhou")]
    assert "took part with Seoul in World Cities Summit Mayors Forum 2023" in suzhou.reasons
    assert "won the Lee Kuan Yew World City Prize (2014), like Seoul (2018)" in suzhou.reasons


def test_bundled_path_from_seoul_to_a_forum_city(bundled: Any) -> None:
    [hop] = explain_path(bundled, "seoul", "Suzhou")
    assert hop.en == "Seoul and Suzhou both took part in World Cities Summit Mayors Forum 2023."
    assert hop.ko == "서울특별시와 쑤저우는 모두 2023 세계도시정상회의 시장포럼에 참가했습니다."
    hops = explain_path(bundled, "San Francisco", "Singapore")
    assert [h.relation for h in hops] == ["agreement", "forum"]
    assert hops[0].en == ("San Francisco and Seoul have been sister cities since 1975 "
                          "(sources also give 1976).")
    for h in hops:
        names = (bundled.nodes[h.source]["label"], bundled.nodes[h.target]["label"])
        assert all(name in h.en for name in names) and h.ko
    assert hops[0].target == hops[1].source == SEOUL_GN


def test_bundled_centralities_put_seoul_first(bundled: Any) -> None:
    for measure in (degree, betweenness, eigenvector):
        assert top(measure(bundled), 1)[0][0] == SEOUL_GN
    assert any(SEOUL_GN in c and len(c) > 10 for c in communities(bundled))


def test_example_network_is_what_the_docstrings_use() -> None:
    g = example_network()
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 5
