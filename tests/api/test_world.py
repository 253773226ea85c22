"""The bundled graph with a slice of the world's twin-town list: Seoul's listed ties."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings, bundled_sources
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.build import build
from citygraph.graph.write.lists import remembered

from ..conftest import TEST_DATA
from .conftest import EN, main

SLICE = TEST_DATA / "lists" / "twin-towns"
KOREA_PAGE = "https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_South_Korea"


def test_a_build_with_a_list_says_what_it_does(tmp_path: Path) -> None:
    steps: list[str] = []
    build(bundled_sources(), tmp_path, lists=[SLICE], step=steps.append)
    assert "Reading 1 list(s) of twinnings" in steps
    assert any(s.startswith("Validating") and s.endswith("quads with SHACL") for s in steps)


@pytest.fixture(scope="module")
def world(world_home: Path) -> Iterator[TestClient]:
    app = create_app(Settings.from_env({}, home=world_home), store=open_current(world_home))
    with TestClient(app) as c:
        yield c


def test_seoul_shows_its_listed_ties_with_the_list_as_source(world) -> None:
    seoul = world.get("/api/cities/seoul").json()
    own = {t["partner"]["id"]: t for t in seoul["listed"] if t["place"]["id"] == "seoul"}
    taipei = own["taipei"]
    assert taipei["agreements"], "Seoul-Taipei is also a curated agreement: one partnership"
    [ev] = taipei["evidence"]
    assert (ev["source"], ev["file"], ev["dataset"]) == (
        KOREA_PAGE, "twin-towns/pairs.csv.gz", "twin-towns")
    assert ev["line"] > 1
    districts = {t["place"]["id"] for t in seoul["listed"] if t["place"]["id"] != "seoul"}
    assert "seoul-gangnam" in districts
    assert all(t["place"]["type"] == "District" for t in seoul["listed"]
               if t["place"]["id"] != "seoul")


def test_the_curated_agreement_keeps_its_kind_and_date(world) -> None:
    seoul = world.get("/api/cities/taipei").json()
    [sister] = [a for a in seoul["agreements"] if a["kind"]["code"] == "sister"]
    assert "1968" in {r["date"] for r in sister["readings"]}


def test_the_city_page_lists_them(world) -> None:
    html = main(world.get("/cities/seoul", headers=EN).text)
    assert "Ties a public list states" in html
    assert f'href="{KOREA_PAGE}"' in html
    assert "Gangnam (Seoul)" in html


def test_a_district_has_its_own_page(world) -> None:
    gangnam = world.get("/api/cities/seoul-gangnam").json()
    assert gangnam["location"]["located_in"]["id"] == "seoul"
    assert gangnam["listed"]


def test_the_home_remembers_the_list_for_later_builds(world_home: Path) -> None:
    assert remembered(world_home) == [SLICE]


def test_the_bundled_graph_has_no_listed_ties(client) -> None:
    assert client.get("/api/cities/seoul").json()["listed"] == []


def test_the_diff_page_lists_what_each_side_lacks(world) -> None:
    html = main(world.get("/diff", headers=EN).text)
    assert "Only in the list: to check and curate" in html
    data = world.get("/diff.json").json()
    assert "taipei" in {t["partner"]["id"] for t in data["both"]}
    assert "wellington" in {t["partner"]["id"] for t in data["only_curated"]}
    assert all(not t["kinds"] and t["list_rows"] for t in data["only_listed"])
    assert {t["place"]["id"] for t in data["districts"]} >= {"seoul-gangnam"}
    csv_text = world.get("/diff.csv").content.decode("utf-8-sig")
    header, *rows = csv_text.splitlines()
    assert header.startswith("status,place,place_id,partner")
    assert any(r.startswith("both,Seoul,seoul,Taipei,taipei,TW,sister,1968,") for r in rows)


def test_the_diff_command(world_home: Path) -> None:
    from typer.testing import CliRunner

    from citygraph.api.cli import app

    env = {"CITYGRAPH_HOME": str(world_home)}
    result = CliRunner().invoke(app, ["diff", "--focus", "seoul", "--format", "csv"], env=env)
    assert result.exit_code == 0, result.output
    assert "only curated,Seoul,seoul,Wellington,wellington,NZ" in result.output
    table = CliRunner().invoke(app, ["diff"], env=env)
    assert "Only in the list: to check and curate" in table.output
    bad = CliRunner().invoke(app, ["diff", "--format", "xml"], env=env)
    assert bad.exit_code == 2


def test_staff_figures_and_lists_are_the_curated_graph_s(world, client) -> None:
    assert world.get("/api/stats").json()["figures"] == client.get("/api/stats").json()["figures"]
    assert world.get("/api/cities").json()["total"] == client.get("/api/cities").json()["total"]


def test_world_analytics_page_through_the_network(world) -> None:
    first = world.get("/api/world/degree", params={"limit": 5}).json()
    second = world.get("/api/world/degree", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 100
    values = [r["value"] for r in first["items"] + second["items"]]
    assert values == sorted(values, reverse=True)
    assert not {r["iri"] for r in first["items"]} & {r["iri"] for r in second["items"]}
    for measure in ("eigenvector", "betweenness"):
        page = world.get(f"/api/world/{measure}", params={"limit": 3}).json()
        assert len(page["items"]) == 3 and page["items"][0]["value"] > 0
    communities = world.get("/api/world/communities").json()
    assert sum(c["size"] for c in communities["items"]) <= first["total"]
    cells = world.get("/api/world/countries", params={"limit": 500}).json()["items"]
    assert all(c["a"] <= c["b"] for c in cells)
    shared = world.get("/api/world/shared-partners",
                       params={"city": "seoul", "limit": 1000}).json()["items"]
    second = world.get("/api/world/second-degree", params={"limit": 1000}).json()["items"]
    assert second and {r["iri"] for r in second} <= {r["iri"] for r in shared}
    assert world.get("/api/world/second-degree", params={"city": "atlantis"}).status_code == 404
    assert world.get("/api/world/degree", params={"limit": 0}).status_code == 422


def test_the_world_example_queries(world_home: Path) -> None:
    from citygraph.api.examples import EXAMPLES_BY_KEY
    from citygraph.graph.network.world import country_matrix, world_network
    from citygraph.graph.store.base import SelectResult

    store = open_current(world_home)
    seoul = "https://w3id.org/citygraph/id/place/gn1835848"

    def rows(key: str) -> list[dict[str, str]]:
        result = store.query(EXAMPLES_BY_KEY[key].sparql(seoul))
        assert isinstance(result, SelectResult)
        return [{k: v.value for k, v in r.items()} for r in result.rows]

    listed = {r["partner"]: r for r in rows("partnerships-listed")}
    assert listed["Taipei"]["listed"] == "yes" and int(listed["Taipei"]["agreements"]) >= 1
    assert listed["Wellington"]["listed"] == "no"
    pairs = {(r["country_a"], r["country_b"]): int(r["ties"]) for r in rows("country-pairs")}
    matrix = {(c.a, c.b): c.ties for c in country_matrix(world_network(store))}
    assert pairs and all(matrix[k] == n for k, n in pairs.items())
    assert rows("most-partnered")[0]["place"] == "Seoul"


def test_the_world_scope_is_served(world) -> None:
    r = world.get("/visual/world", params={"lang": "ko"})
    assert r.status_code == 200 and "세계 자매결연 네트워크" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
