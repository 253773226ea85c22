"""``/api/network/...`` and ``/api/recommendations``: ego networks, explained paths,
centralities and suggested partners, from the network projected once per app."""

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings
from citygraph.graph.network.project import EXAMPLE_TRIG
from citygraph.graph.store.embedded import OxigraphStore

SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"
WELLINGTON = "https://w3id.org/citygraph/id/place/gn2179537"
SINGAPORE = "https://w3id.org/citygraph/id/place/gn1880252"


@pytest.fixture(scope="module")
def client(built_home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))) as c:
        yield c


@pytest.mark.parametrize("city", ["wellington", "웰링턴", "Wellington", WELLINGTON,
                                  "/id/place/gn2179537"])
def test_ego_by_key_label_or_iri(client: TestClient, city: str) -> None:
    r = client.get("/api/network/ego", params={"city": city})
    assert r.status_code == 200
    body = r.json()
    assert body["center"]["iri"] == WELLINGTON
    assert body["nodes"][0]["iri"] == WELLINGTON
    iris = {n["iri"] for n in body["nodes"]}
    assert SEOUL in iris
    assert all(e["source"] in iris and e["target"] in iris for e in body["edges"])
    kinds = {e["kind"] for e in body["edges"] if e["relation"] == "agreement"}
    assert {"chinseon", "friendship"} <= kinds


def test_ego_grows_with_hops(client: TestClient) -> None:
    sizes = [len(client.get("/api/network/ego", params={"city": "wellington", "hops": h})
                 .json()["nodes"]) for h in (1, 2, 3)]
    assert sizes[0] < sizes[1] <= sizes[2]
    assert client.get("/api/network/ego", params={"city": "wellington", "hops": 4}
                      ).status_code == 422
    assert client.get("/api/network/ego", params={"city": "wellington", "hops": 0}
                      ).status_code == 422


def test_path_to_a_forum_city_is_explained(client: TestClient) -> None:
    r = client.get("/api/network/path", params={"from": "seoul", "to": "싱가포르"})
    assert r.status_code == 200
    body = r.json()
    assert (body["source"]["iri"], body["target"]["iri"], body["length"]) == (
        SEOUL, SINGAPORE, 1)
    [hop] = body["hops"]
    assert hop["relation"] == "forum"
    assert hop["en"] == ("Seoul and Singapore both took part in World Cities Summit Mayors "
                         "Forum 2023.")
    assert hop["ko"].startswith("서울특별시와 싱가포르는 모두")
    assert hop["ko"].endswith("참가했습니다.")
    assert hop["via_url"].startswith("/id/event/")


def test_path_over_two_hops(client: TestClient) -> None:
    body = client.get("/api/network/path", params={"from": "honolulu", "to": "wellington"}
                      ).json()
    assert body["length"] == 2
    assert [(h["source"], h["target"]) for h in body["hops"]][1] == (SEOUL, WELLINGTON)
    assert [h["en"] for h in body["hops"]] == [
        "Honolulu and Seoul have been sister cities since 1973.",
        "Seoul and Wellington have been sister-level (chinseon) cities since 2023.",
    ]
    assert body["hops"][1]["ko"] == "서울특별시와 웰링턴은 2023년부터 친선도시입니다."


def test_path_to_the_same_city_is_empty(client: TestClient) -> None:
    body = client.get("/api/network/path", params={"from": "seoul", "to": "서울특별시"}).json()
    assert (body["length"], body["hops"]) == (0, [])


@pytest.mark.parametrize(("params", "code"), [
    ({"from": "seoul", "to": "Atlantis"}, "unknown_city"),
    ({"from": "Atlantis", "to": "seoul"}, "unknown_city"),
])
def test_unknown_city_is_a_404_with_a_message(client: TestClient, params: dict[str, str],
                                              code: str) -> None:
    r = client.get("/api/network/path", params=params)
    assert r.status_code == 404
    assert r.json()["error"] == code
    assert "'Atlantis' is not a place" in r.json()["message"]


def test_a_near_name_is_suggested(client: TestClient) -> None:
    r = client.get("/api/network/ego", params={"city": "welington"})
    assert r.status_code == 404
    assert "did you mean Wellington (wellington)?" in r.json()["message"]


@pytest.mark.parametrize("measure", ["degree", "betweenness", "eigenvector"])
def test_centrality_top_is_seoul(client: TestClient, measure: str) -> None:
    r = client.get("/api/network/centrality", params={"measure": measure, "limit": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["measure"] == measure and body["count"] > 50
    assert [x["rank"] for x in body["results"]] == [1, 2, 3, 4, 5]
    assert body["results"][0]["place"]["id"] == "seoul"
    scores = [x["score"] for x in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_unknown_measure_is_422(client: TestClient) -> None:
    assert client.get("/api/network/centrality", params={"measure": "pagerank"}
                      ).status_code == 422


def test_recommendations_default_to_the_focus_city(client: TestClient) -> None:
    r = client.get("/api/recommendations", params={"limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["city"]["iri"] == SEOUL
    assert len(body["results"]) == 3
    partners = {e["target"] if e["source"] == SEOUL else e["source"]
                for e in client.get("/api/network/ego", params={"city": "seoul"}).json()["edges"]
                if e["relation"] == "agreement"}
    for rec in body["results"]:
        assert rec["place"]["iri"] not in partners | {SEOUL}
        assert rec["score"] > 0
        assert rec["reasons"] and len(rec["reasons"]) == len(rec["reasons_ko"])
    top = body["results"][0]
    assert "took part with Seoul in World Cities Summit Mayors Forum 2023" in top["reasons"]


def test_recommendations_for_another_city(client: TestClient) -> None:
    body = client.get("/api/recommendations", params={"city": "웰링턴"}).json()
    assert body["city"]["id"] == "wellington"
    assert all(r["reasons_ko"] for r in body["results"])
    assert client.get("/api/recommendations", params={"city": "Atlantis"}).status_code == 404


def test_the_network_is_projected_once_per_app(client: TestClient) -> None:
    client.get("/api/network/ego", params={"city": "seoul"})
    cache = client.app.state.runtime.cache  # type: ignore[attr-defined]
    version = client.app.state.runtime.store.version  # type: ignore[attr-defined]
    assert version
    projected = cache.get("network", version, lambda: pytest.fail("projected again"))
    client.get("/api/network/path", params={"from": "seoul", "to": "kyiv"})
    assert cache.get("network", version, lambda: None) is projected


@pytest.fixture(scope="module")
def island_client() -> Iterator[TestClient]:
    """The two-city example graph, Seoul keyed, and a city with no ties at all."""
    extra = """
<https://w3id.org/citygraph/id/place/seoul> <http://purl.org/dc/terms/identifier> "seoul" .
<https://w3id.org/citygraph/id/place/atlantis> a <https://w3id.org/citygraph/ontology#City> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "Atlantis"@en .
"""
    store = OxigraphStore.in_memory()
    quads = ox.parse(EXAMPLE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    store.load_nquads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    store.load_nquads(ox.serialize(
        [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode("https://example.org/g"))
         for t in ox.parse(extra.encode(), format=ox.RdfFormat.TURTLE)],
        format=ox.RdfFormat.N_QUADS) or b"")
    settings = Settings.from_env({"CITYGRAPH_HOME": "/nonexistent"})
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def test_no_connection_is_a_404_with_a_message(island_client: TestClient) -> None:
    r = island_client.get("/api/network/path", params={"from": "seoul", "to": "atlantis"})
    assert r.status_code == 404
    assert r.json() == {"error": "no_connection",
                        "message": "No connection between Seoul and Atlantis in the graph."}
    ok = island_client.get("/api/network/path", params={"from": "seoul", "to": "taipei"})
    assert ok.json()["hops"][0]["en"] == "Seoul and Taipei have been sister cities since 1968."
