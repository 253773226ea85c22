"""``/api/search``: Korean and English names, prefixes, aliases and typos."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings

WELLINGTON = "https://w3id.org/citygraph/id/place/gn2179537"
KYIV = "https://w3id.org/citygraph/id/place/gn703448"


@pytest.fixture(scope="module")
def client(built_home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))) as c:
        yield c


@pytest.mark.parametrize(("query", "iri"), [
    ("웰링", WELLINGTON),  # Korean prefix
    ("welington", WELLINGTON),  # one letter missing
    ("Wellington", WELLINGTON),
    ("wellingotn", WELLINGTON),  # two letters swapped
    ("웰링톤", WELLINGTON),  # a vowel off inside a syllable (jamo)
    ("웰리", WELLINGTON),  # the last syllable half typed
    ("키이우", KYIV),
    ("kyiv", KYIV),
    ("Kiev", KYIV),  # an alias (skos:altLabel)
    ("KYIV ", KYIV),
    ("wellington", WELLINGTON),
])
def test_names_find_the_city_first(client: TestClient, query: str, iri: str) -> None:
    r = client.get("/api/search", params={"q": query})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and results[0]["iri"] == iri, [h["label_en"] for h in results]


def test_a_result_has_every_field_and_its_page(client: TestClient) -> None:
    top = client.get("/api/search", params={"q": "웰링"}).json()["results"][0]
    assert top == {
        "id": "wellington", "iri": WELLINGTON, "type": "City", "label_en": "Wellington",
        "label_ko": "웰링턴", "score": top["score"], "matched": "웰링턴",
        "url": "/id/place/gn2179537",
    }
    assert 0.9 < top["score"] < 1.0
    page = client.get(top["url"], headers={"accept": "text/turtle"})
    assert page.status_code == 200
    assert "Wellington" in page.text


def test_exact_beats_prefix_beats_typo(client: TestClient) -> None:
    exact = client.get("/api/search", params={"q": "wellington"}).json()["results"][0]
    prefix = client.get("/api/search", params={"q": "wellin"}).json()["results"][0]
    typo = client.get("/api/search", params={"q": "welington"}).json()["results"][0]
    assert exact["score"] == 1.0
    assert exact["score"] > prefix["score"] > typo["score"] > 0


@pytest.mark.parametrize(("query", "kind", "label"), [
    ("오세훈", "Person", "Oh Se-hoon"),
    ("lee kuan yew world city prize", "Prize", "Lee Kuan Yew World City Prize"),
    ("metaverse", "Policy", "Metaverse Seoul"),
    ("bogota", "City", "Bogotá"),  # accents folded
    ("sao paulo", "City", "São Paulo"),
    ("seoul digital", "Organization", "Seoul Digital Foundation"),
])
def test_every_kind_of_entity_is_searched(client: TestClient, query: str, kind: str,
                                          label: str) -> None:
    top = client.get("/api/search", params={"q": query}).json()["results"][0]
    assert (top["type"], top["label_en"]) == (kind, label)


def test_results_are_ranked_limited_and_filtered(client: TestClient) -> None:
    results = client.get("/api/search", params={"q": "seoul", "limit": 5}).json()["results"]
    assert len(results) == 5
    assert results[0]["id"] == "seoul"
    scores = [h["score"] for h in results]
    assert scores == sorted(scores, reverse=True)
    countries = client.get("/api/search", params=[("q", "singapore"), ("type", "Country")])
    assert [h["type"] for h in countries.json()["results"]] == ["Country"]


def test_nothing_found_is_an_empty_list(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "qqqqzzzzxxxx"})
    assert r.status_code == 200
    assert r.json() == {"query": "qqqqzzzzxxxx", "count": 0, "results": []}
    assert client.get("/api/search", params={"q": "!!!"}).json()["count"] == 0


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x", "limit": 0},
                                    {"q": "x", "limit": 101}, {"q": "x", "type": "Planet"}])
def test_bad_parameters_are_422(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/search", params=params).status_code == 422


def test_the_index_is_built_once_per_app(client: TestClient) -> None:
    client.get("/api/search", params={"q": "seoul"})
    cache = client.app.state.runtime.cache  # type: ignore[attr-defined]
    first = cache.timings["search"]
    for query in ("tokyo", "도쿄", "tokio"):
        client.get("/api/search", params={"q": query})
    assert cache.timings["search"] == first
