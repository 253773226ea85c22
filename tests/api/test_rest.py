"""The REST API (``/api/...``) on the bundled graph, and on one with an ingested document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings, bundled_sources
from citygraph.graph.write.build import build
from citygraph.graph.write.documents import write
from citygraph.ingest.documents import keep
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import read

from ..conftest import TEST_DATA

QUITO = TEST_DATA / "documents" / "seoul-quito.en.txt"
FRIENDSHIP = "gn1835848--gn2179537/friendship"
CHINSEON = "gn1835848--gn2179537/chinseon"
RELEASE = "wcsmf-2023-seoul.ko"
PATHS = ["/api/cities", "/api/cities/{id}", "/api/agreements", "/api/events",
         "/api/events/{id}", "/api/people", "/api/organizations", "/api/policies",
         "/api/sources", "/api/sources/{id}", "/api/timeline", "/api/stats"]


@pytest.fixture(scope="module")
def client(built_home: Path) -> Iterator[TestClient]:
    app = create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))
    with TestClient(app) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


# -- cities ------------------------------------------------------------------------------


def test_wellington_shows_the_2016_friendship_and_its_2023_upgrade(client: TestClient) -> None:
    page = get(client, "/api/cities/wellington")
    assert (page["iri"], page["name_en"], page["name_ko"]) == (
        "https://w3id.org/citygraph/id/place/gn2179537", "Wellington", "웰링턴")
    assert page["location"]["country_code"] == "NZ"
    assert page["location"]["continent"]["code"] == "OC"
    assert {"scheme": "geonames", "id": "2179537",
            "url": "https://sws.geonames.org/2179537/"} in page["identifiers"]
    agreements = by_id(page["agreements"])
    assert set(agreements) == {FRIENDSHIP, CHINSEON}
    friendship, chinseon = agreements[FRIENDSHIP], agreements[CHINSEON]
    assert [a["id"] for a in page["agreements"]] == [FRIENDSHIP, CHINSEON]  # by year
    assert friendship["kind"]["code"] == "friendship" and friendship["with_focus"]
    assert friendship["year"] == 2016 and friendship["dates"] == ["2016-07", "2016-08"]
    # each source's reading keeps its own date, document, locator and data row
    readings = {(r["date"], r["source"]) for r in friendship["readings"]}
    assert readings == {("2016-07", "https://mediahub.seoul.go.kr/archives/1126198"),
                        ("2016-08", "http://news.tf.co.kr/read/life/2046241.htm")}
    assert all(r["file"] == "partners/agreements.csv" and r["line"] for r in
               friendship["readings"])
    assert friendship["upgraded_by"] == [CHINSEON]
    assert chinseon["kind"]["code"] == "chinseon" and chinseon["kind"]["broader"] == ["sister"]
    assert chinseon["year"] == 2023 and chinseon["upgrades"] == [FRIENDSHIP]
    assert [e["id"] for e in chinseon["signed_at"]] == ["wcsmf-12"]
    assert {s["id"] for s in chinseon["sources"]} >= {RELEASE}
    assert any(s["locators"] == ["본문: 양자회담 및 결연"] for s in chinseon["sources"])
    assert {p["id"] for p in chinseon["parties"]} == {"seoul", "wellington"}
    assert [(o["person"]["id"], o["role"]["code"]) for o in page["people"]] == [
        ("tory-whanau", "mayor")]
    roles = {(p["event"]["id"], p["participant"]["id"], p["role"]["code"])
             for p in page["events"]}
    assert ("wcsmf-12", "wellington", "presenter") in roles
    assert ("wcsmf-12", "tory-whanau", "presenter") in roles  # the mayor, for the city
    # the IRI's last segment names the same page
    assert get(client, "/api/cities/gn2179537") == page


def test_city_list_filters_and_facets_agree(client: TestClient) -> None:
    everything = get(client, "/api/cities", limit=200)
    total = everything["total"]
    assert total == len(everything["items"]) > 50
    facets = everything["facets"]
    assert sum(facets["country"].values()) == total
    assert sum(facets["continent"].values()) == total
    # a facet's count is the total the list gives with that filter
    for continent, n in facets["continent"].items():
        page = get(client, "/api/cities", continent=continent, limit=1)
        assert page["total"] == n
        assert page["facets"]["continent"] == {continent: n}
    for country in ("NZ", "CN", "US"):
        assert get(client, "/api/cities", country=country.lower())["total"] == \
            facets["country"][country]
    for kind in ("sister", "chinseon", "friendship", "mou"):
        assert get(client, "/api/cities", kind=kind, limit=1)["total"] == facets["kind"][kind]
    # chinseon counts as sister
    sister = by_id(get(client, "/api/cities", kind="sister", limit=200)["items"])
    assert "wellington" in sister and "chinseon" in sister["wellington"]["kinds"]
    assert "sister" not in sister["wellington"]["kinds"]
    wellington = by_id(everything["items"])["wellington"]
    assert (wellington["agreements"], wellington["kinds"]) == (2, ["chinseon", "friendship"])
    assert (wellington["country"], wellington["continent"]) == ("NZ", "OC")


@pytest.mark.parametrize(
    ("params", "has_wellington"),
    [
        ({"since": 2023, "until": 2023}, True),
        ({"until": 2015}, False),
        ({"kind": "chinseon", "until": 2016}, False),  # the chinseon tie is from 2023
        ({"kind": "friendship", "since": 2016, "until": 2016}, True),
        ({"kind": "mou"}, False),
        ({"q": "WELLING"}, True),
        ({"q": "웰링"}, True),
        ({"q": "Quito"}, False),
        ({"continent": "EU"}, False),
    ],
)
def test_city_filters(client: TestClient, params: dict[str, Any], has_wellington: bool) -> None:
    page = get(client, "/api/cities", limit=200, **params)
    assert ("wellington" in by_id(page["items"])) is has_wellington
    assert page["total"] == len(page["items"])


def test_q_matches_korean_aliases(client: TestClient) -> None:
    assert [c["id"] for c in get(client, "/api/cities", q="서울시")["items"]] == ["seoul"]


def test_pages_cover_the_list_once(client: TestClient) -> None:
    everything = get(client, "/api/cities", limit=200)["items"]
    names = [c["name_en"] for c in everything]
    assert names == sorted(names, key=str.casefold)
    pages = [get(client, "/api/cities", limit=7, offset=offset) for offset in range(0, 70, 7)]
    assert all(p["total"] == len(everything) and p["limit"] == 7 for p in pages)
    assert [c for p in pages for c in p["items"]] == everything
    assert get(client, "/api/cities", offset=1000)["items"] == []


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/api/cities/atlantis", "/api/cities/wcsmf-12", "/api/cities/%00", "/api/events/nowhere",
     "/api/events/wellington", "/api/sources/nowhere", "/api/sources/url-000000000000",
     "/api/agreements?party=atlantis"],
)
def test_unknown_ids_are_404_json(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert r.json()["error"] == "not_found" and r.json()["message"]


@pytest.mark.parametrize(
    ("url", "params", "named"),
    [
        ("/api/cities", {"limit": -1}, "limit"),
        ("/api/cities", {"limit": 0}, "limit"),
        ("/api/cities", {"limit": 201}, "limit"),
        ("/api/cities", {"offset": -1}, "offset"),
        ("/api/cities", {"since": "abc"}, "since"),
        ("/api/cities", {"until": 10**12}, "until"),
        ("/api/cities", {"country": "NZL"}, "country"),
        ("/api/cities", {"continent": "XX"}, "continent"),
        ("/api/cities", {"kind": "sisters"}, "kind"),
        ("/api/cities", {"q": "x" * 5000}, "q"),
        ("/api/agreements", {"since": "1.5"}, "since"),
        ("/api/events", {"kind": "party"}, "kind"),
        ("/api/organizations", {"kind": "club"}, "kind"),
        ("/api/policies", {"theme": "x"}, "theme"),
        ("/api/sources", {"limit": "many"}, "limit"),
        ("/api/cities/" + "x" * 400, {}, "id"),
    ],
)
def test_invalid_parameters_are_422_json(client: TestClient, url: str, params: dict[str, Any],
                                         named: str) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_parameter"
    assert body["message"].startswith(f"{named}:")
    assert len(body["message"]) < 300  # long input is not echoed whole


def test_odd_but_valid_input_is_answered(client: TestClient) -> None:
    assert get(client, "/api/cities", q="\x00")["total"] == 0
    assert get(client, "/api/cities", q="")["total"] > 50
    assert get(client, "/api/cities", q="%' } ?s ?p ?o")["total"] == 0
    assert get(client, "/api/sources", q="\x00 <>")["total"] == 0
    get(client, "/api/cities/x%3E%20%7D%20DROP%20ALL", 404)
    get(client, "/api/cities/%E2%80%8B", 404)
    get(client, "/api/events/I%C2%B9L%C3%91%3A%F2%98%A4%88%27%C2%80%C3%8F", 404)
    get(client, "/api/cities/%EF%B7%90", 404)  # a non-character


def test_an_empty_year_range_is_an_empty_list(client: TestClient) -> None:
    for url in ("/api/cities", "/api/agreements", "/api/events"):
        page = get(client, url, since=2020, until=2010)
        assert (page["total"], page["items"]) == (0, [])


# -- agreements, events, people, organisations, policies ---------------------------------------


def test_agreements_filters(client: TestClient) -> None:
    wellington = get(client, "/api/agreements", party="wellington")
    assert [a["id"] for a in wellington["items"]] == [FRIENDSHIP, CHINSEON]
    everything = get(client, "/api/agreements", limit=200)
    assert everything["total"] == len(everything["items"])
    sister = get(client, "/api/agreements", kind="sister", limit=200)["items"]
    assert {a["kind"]["code"] for a in sister} == {"sister", "chinseon"}
    assert len(sister) == sum(a["kind"]["code"] in ("sister", "chinseon")
                              for a in everything["items"])
    in_2023 = get(client, "/api/agreements", since=2023, until=2023, limit=200)["items"]
    assert CHINSEON in {a["id"] for a in in_2023}
    assert all(any(d.startswith("2023") for d in a["dates"]) for a in in_2023)
    years = [a["year"] for a in everything["items"] if a["year"] is not None]
    assert years == sorted(years)
    # San Francisco: two sources, two years, one agreement
    sf = get(client, "/api/agreements", party="san-francisco")["items"]
    assert [(a["kind"]["code"], a["dates"]) for a in sf] == [("sister", ["1975", "1976"])]
    assert get(client, "/api/agreements", party="gn2179537")["total"] == 2


def test_forum_lists_its_sessions_exhibitors_by_zone_and_side_events(client: TestClient) -> None:
    forum = get(client, "/api/events/wcsmf-12")
    assert forum["kind"]["code"] == "forum" and forum["edition"] == 12
    assert (forum["start"], forum["end"]) == ("2023-09-24", "2023-09-26")
    sessions = {s["id"]: s for s in forum["sessions"]}
    themed = [s for s in sessions if s.startswith("wcsmf-12-session-")]
    assert sorted(themed) == [f"wcsmf-12-session-{n}" for n in (1, 2, 3, 4)]
    assert all(s["kind"] == "forum_session" and s["part_of"] == "wcsmf-12"
               for s in forum["sessions"])
    zones = {z["zone"]["name_en"]: z for z in forum["exhibitors"]}
    assert {name: z["count"] for name, z in zones.items()} == {
        "BIO·AI": 9, "BeautyTech Experience": 3, "Robot Enterprise": 3,
        "Smart City Innovation": 9, "Urban Issues Solution": 3,
    }
    assert sum(len(z["exhibitors"]) for z in forum["exhibitors"]) == 27
    assert {z["part_of"] for z in forum["exhibitors"]} == {"wcsmf-12-lifestyle-exhibition"}
    side = {e["id"]: e for e in forum["side_events"]}
    assert {"wcsmf-12-site-visit-1", "wcsmf-12-lky-roundtable",
            "wcsmf-12-lifestyle-exhibition", "wcsmf-12-zone-robot"} <= set(side)
    assert not set(side) & set(sessions)
    assert side["wcsmf-12-site-visit-1-songhyeon"]["part_of"] == "wcsmf-12-site-visit-1"
    roles = {(p["participant"]["id"], p["role"]["code"]) for p in forum["participants"]}
    assert {("smg", "host"), ("clc", "organizer"), ("wellington", "presenter"),
            ("oh-se-hoon", "speaker")} <= roles
    assert "exhibitor" not in {r for _, r in roles}
    counts = {c["measure"]["code"]: c["value"] for c in forum["stated_counts"]
              if c["measure"]["code"] != "agreements"}
    assert counts["exhibitors"] == 27 and counts["cities"] == 50
    signed = {a["id"]: a["kind"]["code"] for a in forum["agreements"]}
    assert signed[CHINSEON] == "chinseon"
    assert "friendship" in signed.values()  # Kyiv


def test_event_list(client: TestClient) -> None:
    forums = get(client, "/api/events", kind="forum", limit=200)["items"]
    assert [f["edition"] for f in forums] == sorted(f["edition"] for f in forums)
    parts = get(client, "/api/events", part_of="wcsmf-12", limit=200)["items"]
    assert {p["part_of"] for p in parts} == {"wcsmf-12"}
    assert len(parts) == len(get(client, "/api/events/wcsmf-12")["sessions"]) + sum(
        e["part_of"] == "wcsmf-12" for e in get(client, "/api/events/wcsmf-12")["side_events"])
    assert all(e["start"].startswith("2023")
               for e in get(client, "/api/events", since=2023, until=2023, limit=200)["items"])


def test_people_organisations_policies(client: TestClient) -> None:
    people = by_id(get(client, "/api/people", limit=200)["items"])
    assert [(o["role"]["code"], o["organization"]["id"]) for o in
            people["tory-whanau"]["offices"]] == [("mayor", "wellington")]
    orgs = get(client, "/api/organizations", kind="government", country="kr", limit=200)
    assert "smg" in by_id(orgs["items"])
    assert all(o["kind"] == "government" and o["country"] == "KR" for o in orgs["items"])
    policies = get(client, "/api/policies", owner="seoul", limit=200)
    assert policies["total"] == 8
    assert get(client, "/api/policies", theme="companionship")["total"] >= 1
    assert get(client, "/api/policies", owner="wellington")["total"] == 0


# -- sources, timeline, stats --------------------------------------------------------------------


def test_a_curated_source_lists_its_facts_and_rows(client: TestClient) -> None:
    listed = by_id(get(client, "/api/sources", limit=200)["items"])
    assert listed[RELEASE]["title"].startswith("'세계도시정상회의 시장포럼' 개막")
    source = get(client, f"/api/sources/{RELEASE}")
    assert source["fact_count"] == len(source["facts"]) == listed[RELEASE]["fact_count"]
    assert not source["ingested"]
    facts = by_id(source["facts"])
    evidence = facts[CHINSEON]["evidence"]
    assert [(e["file"], e["line"], e["locator"], e["date"]) for e in evidence] == [
        ("wcsmf-2023-seoul/agreements.csv", 2, "본문: 양자회담 및 결연", "2023-09")]
    rows = {(r["file"], r["line"]): r for r in source["rows"]}
    assert facts[CHINSEON]["iri"] in rows[("wcsmf-2023-seoul/agreements.csv", 2)]["facts"]
    assert {r["dataset"] for r in source["rows"]} >= {"wcsmf-2023-seoul", "prize"}
    # a URL source has an id too, and the same page under it
    url_id = by_id(get(client, "/api/cities/wellington")["agreements"])[FRIENDSHIP][
        "readings"][0]["source_id"]
    assert url_id.startswith("url-")
    assert get(client, f"/api/sources/{url_id}")["iri"] == \
        "https://mediahub.seoul.go.kr/archives/1126198"
    assert get(client, "/api/sources", dataset="partners", limit=1)["total"] > 10


def test_timeline_counts_each_focus_agreement_once(client: TestClient) -> None:
    timeline = get(client, "/api/timeline")
    assert timeline["focus"]["id"] == "seoul"
    total = timeline["total"]
    assert total == sum(r["count"] for r in timeline["rows"])
    assert total == sum(timeline["by_year"].values()) == sum(timeline["by_kind"].values())
    assert total == sum(timeline["by_continent"].values())
    assert total == get(client, "/api/agreements", party="seoul")["total"]
    assert timeline["by_kind"]["chinseon"] == 3
    assert {"year": 2023, "kind": "chinseon", "group": "sister", "continent": "OC",
            "count": 1} in timeline["rows"]
    assert timeline["by_group"]["sister"] == 26


def test_stats(client: TestClient, built_home: Path) -> None:
    stats = get(client, "/api/stats")
    assert stats["classes"]["City"] > 50 and stats["classes"]["Agreement"] > 60
    sister = stats["figures"]["groups"][0]
    assert (sister["code"], sister["count"]) == ("sister", 26)
    assert {"code": "chinseon", "label_en": "sister-level city (chinseon)", "label_ko": "친선도시",
            "count": 3} in sister["kinds"]
    graphs = {g["key"]: g["triples"] for g in stats["graphs"]}
    assert {"reference", "partners", "forums", "prize", "wcsmf-2023-seoul"} <= set(graphs)
    assert stats["quads"] >= sum(graphs.values()) - graphs.get(
        "https://w3id.org/citygraph/ontology", 0)
    assert stats["version"] and stats["version"] in (built_home / "current").resolve().name


def test_answers_are_deterministic(client: TestClient) -> None:
    for url in ("/api/cities?limit=200", "/api/events/wcsmf-12", "/api/cities/seoul",
                f"/api/sources/{RELEASE}"):
        assert client.get(url).content == client.get(url).content


# -- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_documents_every_path_with_examples(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in PATHS:
        operation = spec["paths"][path]["get"]
        assert operation["summary"] and operation["description"] and operation["tags"]
        ok = operation["responses"]["200"]["content"]["application/json"]
        assert ok["schema"]["$ref"].startswith("#/components/schemas/")
        assert ok["example"], path
        error = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert error["$ref"] == "#/components/schemas/ErrorResponse"
        if "{id}" in path:
            assert "404" in operation["responses"]
    cities = {p["name"]: p for p in spec["paths"]["/api/cities"]["get"]["parameters"]}
    assert {"country", "continent", "kind", "since", "until", "q", "limit", "offset"} <= set(
        cities)
    assert cities["limit"]["schema"]["maximum"] == 200
    assert cities["country"]["schema"]["anyOf"][0]["pattern"]
    assert all(p["schema"].get("examples") for p in cities.values())


# -- an ingested document: spans quoted from its kept text -----------------------------------


@pytest.fixture(scope="module")
def ingested_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    home = tmp_path_factory.mktemp("ingested-home")
    source = read(QUITO)
    found = keep(extract(source, focus="seoul"), 0.6)
    build(bundled_sources(), home, documents=[found])
    write(home, [(found, source.raw)])
    with TestClient(create_app(Settings.from_env({"CITYGRAPH_HOME": str(home)}))) as c:
        yield c


def test_an_ingested_source_quotes_its_spans(ingested_client: TestClient) -> None:
    text = QUITO.read_text(encoding="utf-8")
    listed = get(ingested_client, "/api/sources", dataset="document/seoul-quito.en")
    document = by_id(listed["items"])["seoul-quito.en"]
    assert document["ingested"] and document["text_available"]
    source = get(ingested_client, "/api/sources/seoul-quito.en")
    assert source["title"] == "Seoul and Quito Sign Sister City Agreement"
    assert source["rows"] == []
    spans = [e for f in source["facts"] for e in f["evidence"]
             if e["dataset"] == "document/seoul-quito.en" and e["start"] is not None]
    assert spans
    assert all(e["quote"] == text[e["start"]:e["end"]] for e in spans)
    agreement = next(f for f in source["facts"] if f["type"] == "Agreement")
    assert agreement["id"] == "gn1835848--gn3652462/sister"
    assert any("sister city" in (e["quote"] or "").casefold() for e in agreement["evidence"])
    quito = get(ingested_client, "/api/cities/quito")
    assert [a["kind"]["code"] for a in quito["agreements"]] == ["sister"]
    assert quito["meetings"] and quito["meetings"][0]["event"]["kind"] == "bilateral_meeting"


def test_rest_answers_are_kept_per_graph_version(built_home: Path) -> None:
    app = create_app(Settings.from_env({"CITYGRAPH_HOME": str(built_home)}))
    with TestClient(app) as client:
        first = client.get("/api/cities/wellington")
        again = client.get("/api/cities/wellington")
        assert first.status_code == again.status_code == 200
        assert first.content == again.content
        cache = next(m for m in _middlewares(app) if type(m).__name__ == "ResponseCache")
        assert any(key[1] == "/api/cities/wellington" for key in cache.kept)
        app.state.runtime.store.version = "another-version"  # a new build: nothing is served stale
        assert client.get("/api/cities/wellington").status_code == 200
        # the old version's answers are dropped, the new one's kept
        assert [key[0] for key in cache.kept if key[1] == "/api/cities/wellington"] == [
            "another-version"]


def _middlewares(app: object) -> list[object]:
    found = []
    layer = getattr(app, "middleware_stack", None)
    while layer is not None:
        found.append(layer)
        layer = getattr(layer, "app", None)
    return found
