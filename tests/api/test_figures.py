"""One definition per figure: every page, answer and the README show the same numbers.

The figures come from :func:`citygraph.graph.read.figures`; the visual's legend
counts from :func:`citygraph.visuals.model.build_model`.  Before the figures had
one definition this failed: the home page said 23 sister cities (친선도시 apart),
the agreements page and the visual 26, the timeline's legend 22 (dated ones only),
and the visual's "other agreement" 10 against the home page's 3.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from citygraph.graph.network.groups import GROUPS

from .conftest import KO, main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_page_and_answer_counts_the_groups_alike(client: TestClient) -> None:
    home = client.get("/index.json").json()["figures"]
    groups = {g["code"]: g["count"] for g in home["groups"]}
    assert list(groups) == list(GROUPS)
    assert groups["sister"] == 26 and sum(groups.values()) == home["agreements"]["count"] == 64

    stats = client.get("/api/stats").json()["figures"]
    assert stats == home

    agreements = client.get("/agreements.json").json()
    assert {g: c[""] for g, c in agreements["facets"]["group"].items()} == groups
    assert agreements["total"] == home["agreements"]["count"]
    for group, count in groups.items():
        assert client.get("/agreements.json", params={"group": group}).json()["shown"] == count

    timeline = client.get("/timeline.json").json()
    assert timeline["by_group"] == groups
    assert timeline["total"] == home["agreements"]["count"]
    assert client.get("/api/timeline").json()["by_group"] == groups

    visual = client.get("/visual.json").json()
    legend = {c["code"]: c["count"] for c in visual["categories"]}
    assert {g: legend[g] for g in GROUPS} == groups
    names = {c["code"]: c["label_ko"] for c in visual["categories"]}
    assert {g: names[g] for g in GROUPS} == {g["code"]: g["label_ko"] for g in home["groups"]}


def test_places_and_partners_agree_with_the_cities_api(client: TestClient) -> None:
    home = client.get("/index.json").json()["figures"]
    cities = client.get("/api/cities", params={"limit": 200}).json()
    assert cities["total"] == home["places"]["count"] == 58
    focus = home["focus"]["iri"]
    partners = [c for c in cities["items"] if c["agreements"] and c["iri"] != focus]
    assert len(partners) == home["partners"]["count"] == 54
    assert sum(p["count"] for p in home["by_continent"]) == home["partners"]["count"]


def test_pages_state_what_each_figure_counts(client: TestClient) -> None:
    home = main(client.get("/", headers=KO).text)
    assert "자매도시와 친선도시 협약, 출처가 여럿이어도 한 번씩" in home
    assert re.search(r'group=sister">자매도시</a>.*?<td class="num">26</td>', home, re.DOTALL)
    assert "그래프의 도시·지역 58곳 중" in home
    for path in ("/agreements", "/timeline"):
        page = main(client.get(path, headers=KO).text)
        assert "자매도시 26" in page and "자매도시와 친선도시 협약" in page, path


def test_the_readme_gives_the_same_figures(client: TestClient) -> None:
    home = client.get("/index.json").json()["figures"]
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- figures -->", 2)[1]
    found = dict(re.findall(r"^\| `(\w+)` \| (\d+) \|", table, re.MULTILINE))
    expected = {g["code"]: g["count"] for g in home["groups"]}
    expected |= {k: home[k]["count"] for k in ("agreements", "partners", "places", "countries",
                                                 "continents", "undated")}
    assert {k: int(v) for k, v in found.items()} == expected
