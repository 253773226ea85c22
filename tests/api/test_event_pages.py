"""``/events`` and ``/events/{id}``: the forums and prizes list, the 2023 forum's page."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from citygraph.api.pages import event_page
from citygraph.api.pages.site import source_href
from citygraph.graph import read
from citygraph.graph.read.lookup import entity_iri
from citygraph.graph.store.embedded import OxigraphStore

FORUM = "wcsmf-12"
ZONES = {"BIO·AI": 9, "BeautyTech Experience": 3, "Robot Enterprise": 3,
         "Smart City Innovation": 9, "Urban Issues Solution": 3}
DAYS = {"2023-09-24": "Sunday 24 September 2023", "2023-09-25": "Monday 25 September 2023",
        "2023-09-26": "Tuesday 26 September 2023"}


@dataclass
class Section:
    """What one ``<section aria-labelledby=...>`` holds: its text, links, list items."""

    text: str = ""
    links: list[str] = field(default_factory=list)
    items: int = 0


class _Sections(HTMLParser):
    """Every section of a page by the id it is labelled by; nested sections count twice."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, Section] = defaultdict(Section)
        self.stack: list[str | None] = []
        self.styles: list[str] = []

    def _open(self) -> list[Section]:
        return [self.sections[s] for s in self.stack if s]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "style" in found or tag in ("script", "style"):
            self.styles.append(tag)
        if tag in ("section", "article"):
            self.stack.append(found.get("aria-labelledby"))
        for section in self._open():
            section.text += " "  # words of two elements never run together
            if tag == "a" and found.get("href"):
                section.links.append(found["href"] or "")
            if tag == "li":
                section.items += 1

    def handle_endtag(self, tag: str) -> None:
        for section in self._open():
            section.text += " "
        if tag in ("section", "article") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for section in self._open():
            section.text += data


def sections(html: str) -> _Sections:
    parser = _Sections()
    parser.feed(html)
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def focus(bundled_store: OxigraphStore) -> str:
    return entity_iri(bundled_store, "seoul")




def page(client: TestClient, url: str, lang: str = "en") -> str:
    r = client.get(url, params={"lang": lang})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    return r.text


@pytest.fixture(scope="module")
def forum(client: TestClient) -> _Sections:
    return sections(page(client, f"/events/{FORUM}"))


@pytest.fixture(scope="module")
def forum_json(client: TestClient) -> dict[str, Any]:
    r = client.get(f"/events/{FORUM}.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    data: dict[str, Any] = r.json()
    return data


# -- the 2023 forum ------------------------------------------------------------------------


def test_forum_lists_27_exhibitors_in_5_themes(forum: _Sections) -> None:
    zones = {k: v for k, v in forum.sections.items() if k.startswith("zone-")}
    found = {}
    for zone in zones.values():
        title = next(n for n in ZONES if squash(zone.text).startswith(n))
        found[title] = zone.items
        assert f"{title} {zone.items}" in squash(zone.text)  # the heading states the count
    assert found == ZONES
    assert sum(found.values()) == 27
    exhibitors = squash(forum.sections["exhibitors"].text)
    assert "Exhibitors in all: 27 · sources state 27" in exhibitors
    assert "HD Hyundai Robotics" in exhibitors and "SK Telecom" in exhibitors
    assert "/sources/wcsmf-2023-seoul.ko" in forum.sections["exhibitors"].links


def test_forum_programme_runs_24_to_26_september_2023(forum: _Sections) -> None:
    about = squash(forum.sections["about"].text)
    assert "Dates 24–26 September 2023" in about and "Edition 12th" in about
    assert "Dongdaemun Design Plaza" in about
    for day, label in DAYS.items():
        assert squash(forum.sections[f"day-{day}"].text).startswith(label)
    assert "Pre-event" in forum.sections["day-2023-09-24"].text
    assert "Mayors Forum I " in squash(forum.sections["day-2023-09-25"].text) + " "
    assert "Mayors Forum II" in forum.sections["day-2023-09-26"].text
    assert "Mayors Forum II" not in forum.sections["day-2023-09-25"].text
    # a site visit's stops are listed under it, on its day
    assert "/events/wcsmf-12-site-visit-1-songhyeon" in forum.sections["day-2023-09-25"].links
    assert "Session 1: How can Mayors" in forum.sections["day-undated"].text
    assert [k for k in forum.sections if k.startswith("day-")] == [
        *(f"day-{d}" for d in DAYS), "day-undated"]


def test_forum_sections_hosts_and_participants(forum: _Sections) -> None:
    about = squash(forum.sections["about"].text)
    assert "Host Seoul" in about and "Organisers Centre for Liveable Cities" in about
    assert "Liveable and Sustainable Cities" in about
    people = forum.sections["participants"]
    for city in ("wellington", "kyiv", "dublin", "odense", "bilbao", "vienna"):
        assert f"/cities/{city}" in people.links
    text = squash(people.text)
    assert "Presenter (12)" in text and "Tory Whanau" in text and "Person" in text
    assert "Mayors Forum I" in text  # Oh Se-hoon spoke at the first session
    sessions = squash(forum.sections["sessions"].text)
    assert "Mayors Forum I" in sessions and "Session 4:" in sessions
    side = squash(forum.sections["side-events"].text)
    assert "Site visit (2)" in side and "Seoul Sewerage Science Museum" in side
    numbers = squash(forum.sections["numbers"].text)
    assert "50 cities" in numbers and "200+ participants" in numbers
    assert numbers.count("sources differ") == 2  # 2 and 3 agreements, side by side


def test_forum_agreements_keep_every_reading_with_its_source(
        forum: _Sections, forum_json: dict[str, Any]) -> None:
    signed = forum.sections["agreements"]
    assert "/cities/wellington" in signed.links and "/cities/kyiv" in signed.links
    by_id = {a["id"]: a for a in forum_json["agreements"]}
    upgrade = by_id["gn1835848--gn2179537/chinseon"]
    assert upgrade["upgrades"] == ["gn1835848--gn2179537/friendship"]
    assert {r["date"] for r in upgrade["readings"]} == {"2023-09", "2023-09-26"}
    assert "gn1835848--gn703448/friendship" in by_id
    for agreement in by_id.values():
        for reading in agreement["readings"]:
            href = source_href(read.Evidence(**reading))
            assert href in signed.links, href
    text = squash(signed.text)
    assert "26 September 2023" in text and "더팩트" in text
    assert text.count("The sources give different dates") == 2  # Wellington and Kyiv


def test_the_forum_page_leads_with_its_outcome(client: TestClient) -> None:
    # before: the agreements were the last of nine sections, the upgrade a raw id, and
    # the two cities in the data's order (Kyiv – Seoul, Seoul – Wellington)
    html = page(client, f"/events/{FORUM}", lang="ko")
    heads = re.findall(r'<h2 id="([^"]+)"', html)
    assert heads[0] == "agreements" and heads.index("programme") < heads.index("participants")
    outcome = html.split('id="agreements"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'<p class="outcome-title">(.*?)</p>', outcome, re.DOTALL)
    assert len(titles) == 3
    for t in titles:  # the focus city first, then the partner
        cities = re.findall(r'href="/cities/([^"]+)"', t)
        assert cities[0] == "seoul" and len(cities) == 2, cities
    assert "wellington" in titles[0]  # sister-level first
    assert "<code>" not in outcome
    assert ('href="/cities/wellington#agreement-gn1835848--gn2179537-friendship">'
            '2016-07 / 2016-08 우호도시 협약</a>에서 격상') in outcome


def test_a_participant_with_a_named_role_is_listed_once(forum: _Sections) -> None:
    # before: Wellington and Dublin were listed as presenters and again as participants
    text = forum.sections["participants"].text
    for city in ("Wellington", "Dublin"):
        assert text.count(city) == 1, city


def test_every_fact_links_a_source(forum: _Sections) -> None:
    for key in ("about", "numbers", "participants", "agreements", "sources"):
        assert any(link.startswith("/sources/") for link in forum.sections[key].links), key


def test_forum_json_is_the_view(client: TestClient, bundled_store: OxigraphStore, focus: str,
                                forum_json: dict[str, Any]) -> None:
    expected = jsonable_encoder(read.event_detail(bundled_store, focus, FORUM))
    assert forum_json == expected
    r = client.get(f"/events/{FORUM}", headers={"accept": "application/json"})
    assert r.json() == expected


def test_forum_page_in_korean(client: TestClient) -> None:
    html = page(client, f"/events/{FORUM}", lang="ko")
    found = sections(html)
    assert "<h1>2023 세계도시정상회의 시장포럼</h1>" in html
    assert "2023년 9월 24일–26일" in found.sections["about"].text
    assert squash(found.sections["day-2023-09-25"].text).startswith("2023년 9월 25일 (월)")
    assert "키이우" in found.sections["agreements"].text
    assert "바이오·AI" in found.sections["exhibitors"].text
    assert "Exhibitors by theme" not in html and "Programme by day" not in html
    assert "주제별 전시 참가" in html and "일자별 일정" in html


def test_pages_are_plain_html_with_our_own_css(client: TestClient) -> None:
    for url in ("/events", f"/events/{FORUM}"):
        found = sections(page(client, url))
        assert found.styles == []  # no inline style or script (the CSP forbids them)
    css = client.get("/static/events.css")
    assert css.status_code == 200 and "http" not in css.text


@pytest.mark.parametrize("url", ["/events/atlantis", "/events/atlantis.json"])
def test_unknown_event_is_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    if url.endswith(".json"):
        assert r.json()["error"] == "not_found" and "atlantis" in r.json()["message"]
    else:
        assert r.headers["content-type"].startswith("text/html")
        assert "atlantis" in r.text and 'class="error-message"' in r.text


def test_unknown_event_asked_as_json_is_404_json(client: TestClient) -> None:
    r = client.get("/events/atlantis", headers={"accept": "application/json"})
    assert r.status_code == 404 and r.json()["error"] == "not_found"


# -- /events -------------------------------------------------------------------------------


def test_events_lists_the_forum_editions(client: TestClient) -> None:
    found = sections(page(client, "/events"))
    forums = found.sections["forums"]
    editions = [f"/events/wcsmf-{n}" for n in (1, *range(4, 15))]
    assert [link for link in forums.links if link.startswith("/events/")] == editions
    text = squash(forums.text)
    assert "24–26 September 2023" in text and "31 July – 3 August 2022" in text
    assert "/cities/seoul" in forums.links and "/cities/vienna" in forums.links
    assert "/sources/wcsmf-2023-seoul.ko" in forums.links


def test_events_lists_the_prize_laureates(client: TestClient, bundled_store: OxigraphStore,
                                          focus: str) -> None:
    found = sections(page(client, "/events"))
    prize = found.sections["prize-lky-prize"]
    laureates = ["bilbao", "new-york-city", "suzhou", "medellin", "seoul", "vienna",
                 "mexico-city"]
    assert [link for link in prize.links if link.startswith("/cities/")] == [
        f"/cities/{c}" for c in laureates]
    text = squash(prize.text)
    assert text.startswith("Lee Kuan Yew World City Prize 리관유 세계도시상")
    assert "2018 Seoul" in text and "2024 Mexico City" in text
    assert sum(link.startswith("/sources/") for link in prize.links) == 8  # Seoul has two


def test_events_json_is_the_views(client: TestClient, bundled_store: OxigraphStore,
                                  focus: str) -> None:
    data = client.get("/events.json").json()
    forums = read.list_events(bundled_store, kind="forum", limit=1000).items
    assert [f["event"] for f in data["forums"]] == jsonable_encoder(
        [f for f in forums if f.part_of is None])
    assert data["other_events"] == []
    assert data == jsonable_encoder(event_page.events_overview(bundled_store))
    # each award is the one the laureate's city page lists
    (prize,) = data["prizes"]
    assert len(prize["awards"]) == 7
    for award in prize["awards"]:
        city = read.city_detail(bundled_store, focus, award["laureate"]["id"])
        assert award in jsonable_encoder(city.prizes)
    r = client.get("/events", headers={"accept": "application/json"})
    assert r.json() == data


def test_a_part_of_the_forum_has_its_own_page(client: TestClient) -> None:
    found = sections(page(client, "/events/wcsmf-12-site-visit-1"))
    about = squash(found.sections["about"].text)
    assert "Part of World Cities Summit Mayors Forum 2023" in about
    assert "25 September 2023" in about
    assert "/events/wcsmf-12" in found.sections["about"].links
