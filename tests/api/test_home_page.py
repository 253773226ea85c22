"""The home page (``/``, ``/index.json``) and search (``/search``, ``/search.json``)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from citygraph.api.pages.home_page import city_first, decades
from citygraph.graph.read.search import Hit

from .conftest import EN, KO, main

# -- home --------------------------------------------------------------------------------------


def test_home_shows_search_figures_recent_agreements_and_the_network(client: TestClient) -> None:
    r = client.get("/", headers=EN)
    assert r.status_code == 200
    page = main(r.text)
    assert "<h1>City partnerships of Seoul</h1>" in page
    assert re.search(r'<form class="big-search" role="search" action="/search"', page)
    assert '<label for="home-q">' in page
    # key figures from the bundled graph: 64 agreements of Seoul
    assert "<strong>64</strong> agreements of Seoul" in page
    assert '<a href="/agreements?group=sister">sister city</a>' in page
    assert "sister-city and 친선도시 (sister-level) agreements" in page  # what 26 counts
    # the latest agreements come first: Wellington's 2023 upgrade before Bilbao's 2018 tie
    recent = page.split('id="recent-h"', 1)[1].split("</ol>", 1)[0]
    assert recent.index('href="/cities/wellington"') < recent.index('href="/cities/bilbao"')
    assert "/sources/" in recent
    assert '<iframe class="network-frame" src="/visual?embed=1&amp;lang=en" title="' in page
    assert 'href="/visual"' in page


def test_home_in_korean(client: TestClient) -> None:
    page = main(client.get("/", headers=KO).text)
    assert "<h1>서울특별시의 도시 교류</h1>" in page
    assert "<strong>64</strong> 서울특별시의 협약" in page
    assert "자매도시" in page and "웰링턴" in page
    assert "sister city" not in page


def test_home_json_twin(client: TestClient) -> None:
    data = client.get("/index.json").json()
    assert data["focus"]["id"] == "seoul"
    figures = data["figures"]
    assert figures["agreements"]["count"] == 64
    assert [figures[k]["count"] for k in ("partners", "countries", "continents", "places")] == [
        54, 36, 6, 58]
    assert sum(g["count"] for g in figures["groups"]) == 64
    assert {c["code"] for c in figures["by_continent"]} >= {"AS", "EU", "OC"}
    years = [a["year"] for a in data["recent"]]
    assert years == sorted(years, reverse=True) and years[0] == 2023
    assert client.get("/", headers={"accept": "application/json"}).json() == data


def test_old_query_links_redirect_to_the_query_page(client: TestClient) -> None:
    r = client.get("/?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == "/query?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D"


def test_favicon_is_no_content(client: TestClient) -> None:
    assert client.get("/favicon.ico").status_code == 204


def test_decades_sum_the_years() -> None:
    found = decades({"1975": 1, "1976": 2, "2016": 1, "unknown": 4})
    assert [(d.decade, d.count) for d in found] == [(1970, 3), (2010, 1)]


# -- search ------------------------------------------------------------------------------------


def test_search_finds_wellington_by_the_start_of_its_korean_name(client: TestClient) -> None:
    page = main(client.get("/search", params={"q": "웰링"}, headers=EN).text)
    results = page.split('<ol class="results">', 1)[1]
    first = results.split("</li>", 1)[0]
    assert '<a class="result-name" href="/cities/wellington">Wellington</a>' in first
    assert "웰링턴" in first and "New Zealand" in first and ">City<" in first


def test_search_shows_korean_names_first_in_korean(client: TestClient) -> None:
    page = main(client.get("/search", params={"q": "wellington"}, headers=KO).text)
    assert '<a class="result-name" href="/cities/wellington">웰링턴</a>' in page
    assert "뉴질랜드" in page and ">도시<" in page


def test_search_links_each_kind_to_its_page(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "seoul"}).json()
    by_type = {r["type"]: r["href"] for r in reversed(data["results"])}
    assert data["results"][0]["href"] == "/cities/seoul"
    assert by_type["Organization"].startswith("/id/org/")
    assert by_type["Policy"].startswith("/id/policy/")
    assert by_type["Event"].startswith("/events/")


def test_a_city_named_exactly_comes_first() -> None:
    def hit(key: str, type_: str, en: str, score: float) -> Hit:
        return Hit(f"https://w3id.org/citygraph/id/x/{key}", key, type_, en, en, score, en, None)

    person = hit("sf-person", "Person", "San Francisco", 0.99)
    city = hit("san-francisco", "City", "San Francisco", 0.95)
    other = hit("santiago", "City", "Santiago", 0.97)
    assert city_first([person, other, city], "san francisco") == [city, person, other]
    # one city among the hits goes first; two without an exact name keep their order
    assert city_first([person, city], "san fr") == [city, person]
    assert city_first([person, other, city], "san") == [person, other, city]


def test_empty_search_asks_for_a_name(client: TestClient) -> None:
    for params in ({}, {"q": "  "}):
        r = client.get("/search", params=params, headers=EN)
        assert r.status_code == 200
        assert "Type a name to search for" in r.text
        assert '<ol class="results">' not in r.text
    assert client.get("/search.json").json() == {"query": "", "count": 0, "results": []}


def test_nothing_found_says_so(client: TestClient) -> None:
    page = main(client.get("/search", params={"q": "zzqqxx"}, headers=EN).text)
    assert "Nothing is named like" in page


def test_a_too_long_search_is_refused_with_the_reason(client: TestClient) -> None:
    long = "a" * 201
    r = client.get("/search", params={"q": long}, headers=EN)
    assert r.status_code == 422
    assert "The search text is too long: 201 characters, at most 200." in r.text
    j = client.get("/search.json", params={"q": long})
    assert j.status_code == 422
    assert j.json()["error"] == "query_too_long"
    assert "201 characters" in j.json()["message"]
    assert client.get("/search", params={"q": "a" * 200}).status_code == 200


def test_search_names_each_result_class_as_the_ontology_does(client: TestClient) -> None:
    ko = main(client.get("/search", params={"q": "seoul"}, headers=KO).text)
    en = main(client.get("/search", params={"q": "seoul"}, headers=EN).text)
    assert '<span class="tag">도시</span>' in ko and '<span class="tag">City</span>' in en
    assert '<span class="tag">행사</span>' in ko and '<span class="tag">Event</span>' in en
