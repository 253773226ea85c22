"""The city page (``/cities/{id}``): names, map, identifiers, its ties in date order, sources."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from citygraph.api.pages.city_page import (
    city_timeline,
    conflicting,
    land_path,
    mini_map,
    shown_date,
)
from citygraph.graph import read
from citygraph.graph.store.embedded import OxigraphStore

from .conftest import EN, main

SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"




def ties(html: str) -> list[str]:
    """The entries of the ties list, in page order."""
    block = html.split('<ol class="ties">', 1)[1].split("</ol>\n", 1)[0]
    return block.split('<li class="tie ')[1:]


# -- Wellington ----------------------------------------------------------------------------------


def test_wellington_names_country_identifiers_and_map(client: TestClient) -> None:
    page = main(client.get("/cities/wellington", headers=EN).text)
    assert re.search(r"<h1>Wellington <span class=\"other-name\" lang=\"ko\">웰링턴</span></h1>",
                     page)
    assert '<dd lang="ko">웰링턴</dd>' in page and '<dd lang="en">Wellington</dd>' in page
    assert "New Zealand" in page and "Oceania" in page
    assert '<a href="https://sws.geonames.org/2179537/" rel="external">2179537</a>' in page
    # the mini map: Wellington's dot and Seoul's, at (lon, -lat)
    assert '<circle cx="174.78" cy="41.29" r="4.5" class="city-dot"/>' in page
    assert '<circle cx="126.98" cy="-37.57" r="3" class="focus-dot"/>' in page
    assert '<path d="M' in page


def test_wellington_timeline_friendship_2016_then_the_2023_upgrade(client: TestClient) -> None:
    entries = ties(client.get("/cities/wellington", headers=EN).text)
    assert [e.split('"', 1)[0] for e in entries] == [
        "tie-agreement fact", "tie-event fact", "tie-upgrade fact"]
    friendship, forum, upgrade = entries
    assert "2016-07 / 2016-08" in friendship and "Friendship city agreement" in friendship
    assert "Sources disagree on the date:" in friendship
    # each reading links to the row of the data file that states it
    assert 'href="/sources/url-5643faa57a17#row-partners-agreements-csv-31"' in friendship
    assert 'href="/sources/url-cd4f69c70838#row-partners-agreements-csv-32"' in friendship
    assert 'href="#agreement-gn1835848--gn2179537-chinseon"' in friendship
    assert 'href="/events/wcsmf-12"' in forum and "Seoul was there too." in forum
    assert '<time datetime="2023-09-26">2023-09-26</time>' in upgrade
    assert "Upgrade" in upgrade and "Sister-level city (chinseon) agreement" in upgrade
    assert 'href="#agreement-gn1835848--gn2179537-friendship">2016 friendship city' in upgrade
    assert "Signed at" in upgrade and 'href="/events/wcsmf-12"' in upgrade
    assert 'href="/sources/wcsmf-2023-seoul.ko#row-wcsmf-2023-seoul-agreements-csv-2"' in upgrade
    assert "Sources disagree" not in upgrade  # 2023-09 and 2023-09-26 agree


def test_wellington_in_korean(client: TestClient) -> None:
    page = main(client.get("/cities/wellington", params={"lang": "ko"}).text)
    client.cookies.clear()  # ?lang= set the language cookie
    assert page.count("<h1>웰링턴") == 1
    assert "서울특별시와의 관계" in page and "서울특별시와의 모든 기록" in page
    assert "우호도시 협약" in page and "친선도시 협약" in page and "격상" in page
    assert "뉴질랜드" in page and "오세아니아" in page
    assert "토리 화나우" in page and "시장" in page
    assert "Friendship" not in page and "Ties with" not in page


def test_the_page_leads_with_the_relationship(client: TestClient) -> None:
    # before: names, coordinates and ids came first and the tie was below the fold
    page = main(client.get("/cities/wellington", params={"lang": "ko"}).text)
    client.cookies.clear()
    rel = page.split('id="rel-h"', 1)[1].split("</section>", 1)[0]
    assert page.index('id="rel-h"') < page.index('id="ties-h"') < page.index('id="facts-h"')
    assert "친선도시" in rel and "2023-09-26" in rel and "부터" in rel
    assert "2016-07 / 2016-08 우호도시</a>에서 격상" in rel
    assert "서울시, 뉴질랜드 웰링턴과 &#39;친선도시 격상&#39; 협약 · 더팩트 · 2023-09-26" in rel
    # the data rows stay behind a disclosure
    assert "partners/agreements.csv" not in rel.split("<details", 1)[0]


def test_readings_keep_rows_and_rules_in_a_disclosure(client: TestClient) -> None:
    page = main(client.get("/cities/san-francisco", params={"lang": "ko"}).text)
    client.cookies.clear()
    for visible in re.split(r"<details.*?</details>", page, flags=re.DOTALL):
        assert "agreements.csv" not in visible and "행 " not in visible
    assert "<summary>자세히</summary>" in page
    # notes in the page's language
    assert "미주 한국일보는 1975년으로 적음" in page and "Korea Times US dates" not in page


def test_people_in_office_link_and_cite(client: TestClient) -> None:
    page = main(client.get("/cities/wellington", headers=EN).text)
    people = page.split('id="people-h"', 1)[1].split("</table>", 1)[0]
    assert '<a href="/id/person/tory-whanau">Tory Whanau</a>' in people
    assert "mayor" in people and 'href="/sources/wcsmf-2023-seoul.ko"' in people


def test_san_francisco_shows_both_dates_with_their_sources(client: TestClient) -> None:
    (entry,) = ties(client.get("/cities/san-francisco", headers=EN).text)
    assert "1975 / 1976" in entry and "Sources disagree on the date:" in entry
    r1975 = entry.split("1975</span>", 1)[1].split("</li>", 1)[0]
    r1976 = entry.split("1976</span>", 1)[1].split("</li>", 1)[0]
    row = "#row-partners-agreements-csv-"
    assert f'href="/sources/url-03bf8fa3b744{row}6">미주 한국일보 (The Korea Times US)' in r1975
    assert (f'href="/sources/url-5ccfb24ac2c9{row}5">San Francisco–Seoul Sister City Committee'
            in r1976)


def test_the_iri_segment_opens_the_same_page(client: TestClient) -> None:
    by_key = client.get("/cities/wellington.json").json()
    assert client.get("/cities/gn2179537.json").json() == by_key


def test_the_json_twin_has_the_city_and_its_timeline(client: TestClient) -> None:
    data = client.get("/cities/wellington.json").json()
    assert data["city"]["id"] == "wellington" and data["focus"]["id"] == "seoul"
    assert data["is_focus"] is False
    assert [(e["kind"], e["date"]) for e in data["timeline"]] == [
        ("agreement", "2016-07 / 2016-08"), ("event", "2023-09-24"),
        ("upgrade", "2023-09-26")]
    assert data["timeline"][0]["disputed"] is True
    assert data["timeline"][1]["shared"] is True


def test_the_focus_citys_own_page_lists_its_partners(client: TestClient) -> None:
    page = main(client.get("/cities/seoul", headers=EN).text)
    assert "Agreements, events and prizes" in page and "the focus city" in page
    assert 'class="focus-dot"' not in page
    entries = ties(page)
    assert len(entries) >= 64
    assert any('href="/cities/wellington"' in e for e in entries)
    assert "Oh Se-hoon" in page and page.count("/id/policy/") >= 8


def test_a_prize_is_dated_and_cited(client: TestClient) -> None:
    entries = ties(client.get("/cities/bilbao", headers=EN).text)
    prize = next(e for e in entries if e.startswith("tie-prize"))
    assert "2010" in prize and "Lee Kuan Yew World City Prize" in prize
    assert 'href="/sources/url-511b87ab59c6"' in prize


def test_unknown_city(client: TestClient) -> None:
    assert client.get("/cities/atlantis", headers=EN).status_code == 404
    assert client.get("/cities/atlantis.json").json()["error"] == "not_found"


# -- helpers -----------------------------------------------------------------------------------


def test_dates_agree_when_one_is_more_precise() -> None:
    assert conflicting(["1975", "1976"])
    assert not conflicting(["2023", "2023-09", "2023-09-26"])
    assert shown_date(("2023", "2023-09")) == "2023-09"
    assert shown_date(("1976", "1975", "1975")) == "1975 / 1976"


def test_timeline_orders_by_date_and_puts_undated_last(bundled_store: OxigraphStore) -> None:
    seoul = read.city_detail(bundled_store, SEOUL, "seoul")
    entries = city_timeline(seoul, SEOUL)
    dated = [e.sort for e in entries if e.date]
    assert dated == sorted(dated)
    assert all(e.date for e in entries[:len(dated)])
    assert not any(e.date for e in entries[len(dated):])
    assert len({e.anchor for e in entries}) == len(entries)


def test_mini_map_and_land() -> None:
    where = mini_map(None, None, 37.5, 127.0)
    assert where.city is None and where.focus == (127.0, -37.5)
    path = land_path()
    assert path.startswith("M") and len(path) < 40_000
