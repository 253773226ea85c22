"""``/agreements``: facet filtering and counting, and the page with its CSV and JSON twins."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient

from citygraph.api.pages import agreements_page as ap
from citygraph.api.pages.site import row_anchor
from citygraph.graph import read
from citygraph.graph.store.embedded import OxigraphStore

SEOUL = "https://w3id.org/citygraph/id/place/gn1835848"
LABELS = {"sister": ("sister city", "자매도시"), "chinseon": ("sister-level city", "친선도시")}
KIND = {code: read.Kind(code, f"kind/{code}", *LABELS.get(code, (code, code)),
                        ("sister",) if code == "chinseon" else ())
        for code in ap.KIND_CODES}


def row(id_: str, kind: str, dates: tuple[str, ...], country: str | None,
        continent: str | None) -> ap.AgreementRow:
    years = ap.years_of(dates)
    return ap.AgreementRow(id_, f"a/{id_}", KIND[kind], (read.Ref(id_, f"p/{id_}"),), country,
                           continent, years[0] if years else None, dates, ())


ROWS = [
    row("taipei", "sister", ("1968",), "TW", "AS"),
    row("sf", "sister", ("1975", "1976"), "US", "NA"),
    row("bogota", "chinseon", ("1982",), "CO", "SA"),
    row("athens", "friendship", ("1994",), "GR", "EU"),
    row("wellington", "chinseon", ("2023-09", "2023-09-26"), "NZ", "OC"),
    row("milan", "friendship", ("2007",), "IT", "EU"),
    row("nowhere", "mou", (), None, None),
]


def ids(rows: list[ap.AgreementRow]) -> list[str]:
    return [r.id for r in rows]


# -- the pure functions --------------------------------------------------------------------


def test_sister_takes_chinseon_and_years_match_any_reading() -> None:
    assert ids(ap.filter_rows(ROWS, ap.Filters(kind="sister"))) == [
        "taipei", "sf", "bogota", "wellington"]
    assert ids(ap.filter_rows(ROWS, ap.Filters(kind="chinseon"))) == ["bogota", "wellington"]
    # San Francisco's readings say 1975 and 1976: either year finds it
    assert ids(ap.filter_rows(ROWS, ap.Filters(since=1976, until=1976))) == ["sf"]
    assert ids(ap.filter_rows(ROWS, ap.Filters(until=1975))) == ["taipei", "sf"]
    # an undated agreement is left out by any year filter
    assert "nowhere" not in ids(ap.filter_rows(ROWS, ap.Filters(since=1)))
    assert ids(ap.filter_rows(ROWS, ap.Filters(continent="unknown"))) == ["nowhere"]
    assert ids(ap.filter_rows(ROWS, ap.Filters(kind="friendship", continent="EU",
                                               country="GR"))) == ["athens"]
    assert ap.filter_rows(ROWS, ap.Filters(since=2000, until=1990)) == []


def test_each_facet_counts_what_the_other_filters_keep() -> None:
    filters = ap.Filters(kind="sister", continent="SA")
    facets = ap.count_facets(ROWS, filters)
    shown = ap.filter_rows(ROWS, filters)
    assert ids(shown) == ["bogota"]
    # choosing a value of one facet shows exactly the rows its count says
    assert facets.kind["sister"] == len(shown) == facets.continent["SA"]
    assert facets.kind == {"sister": 1, "chinseon": 1, "friendship": 0, "mou": 0,
                           "cooperation": 0, "declaration": 0, "exchange": 0, "other": 0}
    # the continent facet ignores the continent filter but keeps the kind
    assert facets.continent == {"AS": 1, "NA": 1, "OC": 1, "SA": 1}
    assert facets.any == {"kind": 1, "years": 1, "continent": 4, "country": 1}
    for code, count in facets.continent.items():
        assert len(ap.filter_rows(ROWS, ap.Filters(kind="sister", continent=code))) == count
    unfiltered = ap.count_facets(ROWS, ap.Filters())
    assert unfiltered.decade == {1960: 1, 1970: 1, 1980: 1, 1990: 1, 2000: 1, 2020: 1}
    assert unfiltered.country["unknown"] == 1 and unfiltered.kind["sister"] == 4
    assert sum(unfiltered.continent.values()) == len(ROWS)


@pytest.mark.parametrize(("params", "param"), [
    ({"since": "abc"}, "since"), ({"until": "19999"}, "until"), ({"since": "-5"}, "since"),
    ({"kind": "twin"}, "kind"), ({"continent": "Atlantis"}, "continent"),
    ({"country": "NZL"}, "country"), ({"kind": "<script>"}, "kind"),
])
def test_invalid_filters_name_their_parameter(params: dict[str, str], param: str) -> None:
    with pytest.raises(ap.InvalidFilter) as err:
        ap.parse_filters(params)
    assert err.value.param == param
    assert str(err.value).startswith(f"{param}: ")


def test_empty_values_mean_any_and_codes_are_normalised() -> None:
    assert ap.parse_filters({"kind": "", "since": " ", "country": ""}) == ap.Filters()
    assert ap.parse_filters({"continent": "eu", "country": "gr"}) == ap.Filters(
        continent="EU", country="GR")
    assert ap.Filters(kind="mou", until=2000).query() == {"kind": "mou", "until": "2000"}


def test_csv_has_one_line_per_row_with_both_names() -> None:
    rows = [ap.AgreementRow("x", "a/x", KIND["sister"],
                            (read.Ref("sf", "p/sf", None, "San Francisco", "샌프란시스코"),),
                            "US", "NA", 1975, ("1975", "1976"), ())]
    table = list(csv.reader(io.StringIO(ap.to_csv(rows))))
    assert table[0] == list(ap.CSV_COLUMNS)
    assert table[1][:9] == ["x", "sf", "San Francisco", "샌프란시스코", "sister", "sister city",
                            "자매도시", "1975", "1975; 1976"]


def test_the_bundled_data_agrees_with_the_view_filters(bundled_store: OxigraphStore) -> None:
    agreements = read.list_agreements(bundled_store, SEOUL, limit=10_000).items
    places = {c.iri: ap.Place(c.country, c.continent)
              for c in read.list_cities(bundled_store, SEOUL, limit=10_000).items}
    rows = ap.to_rows(agreements, places, SEOUL)
    for kind in ("sister", "chinseon", "friendship"):
        expected = read.list_agreements(bundled_store, SEOUL, kind=kind, limit=10_000)
        assert ids(ap.filter_rows(rows, ap.Filters(kind=kind))) == [a.id for a in expected.items]
    expected = read.list_agreements(bundled_store, SEOUL, since=1990, until=1999, limit=10_000)
    assert ids(ap.filter_rows(rows, ap.Filters(since=1990, until=1999))) == [
        a.id for a in expected.items]
    wellington = [r for r in rows if r.partners[0].id == "wellington"]
    assert {(r.kind.code, r.country, r.continent) for r in wellington} == {
        ("friendship", "NZ", "OC"), ("chinseon", "NZ", "OC")}


# -- the page and its twins ------------------------------------------------------------------




def page_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="agreement" id="agreement-\d+" data-id="([^"]+)"', html)


def csv_rows(client: TestClient, query: str) -> list[dict[str, str]]:
    r = client.get(f"/agreements.csv{query}")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == "attachment; filename=agreements.csv"
    assert r.content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the Korean right
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("query", ["", "?kind=sister", "?kind=chinseon&continent=OC",
                                   "?since=1990&until=1999", "?continent=EU&country=FR",
                                   "?kind=friendship&since=2016&lang=ko", "?country=ZZ"])
def test_page_json_and_csv_have_the_same_rows(client: TestClient, query: str) -> None:
    html = client.get(f"/agreements{query}").text
    shown = page_rows(html)
    data = client.get(f"/agreements.json{query}").json()
    assert [r["id"] for r in data["rows"]] == shown
    assert data["shown"] == len(shown)
    assert [r["id"] for r in csv_rows(client, query)] == shown
    # the page's own links to its twins carry the filters (not the language)
    filters = "&amp;".join(p for p in query.lstrip("?").split("&") if p and "lang" not in p)
    suffix = f"?{filters}" if filters else ""
    assert f'href="/agreements.csv{suffix}"' in html
    assert f'href="/agreements.json{suffix}"' in html


def test_sister_shows_chinseon_and_the_two_san_francisco_readings(client: TestClient) -> None:
    data = client.get("/agreements.json", params={"kind": "sister"}).json()
    kinds = {r["kind"]["code"] for r in data["rows"]}
    assert kinds == {"sister", "chinseon"}
    sf = next(r for r in data["rows"] if r["partners"][0]["id"] == "san-francisco")
    assert sf["dates"] == ["1975", "1976"]
    assert {e["date"] for e in sf["readings"]} == {"1975", "1976"}
    assert len({e["source_id"] for e in sf["readings"]}) == 2
    html = client.get("/agreements", params={"kind": "sister", "lang": "en"}).text
    for e in sf["readings"]:
        assert f'href="/sources/{e["source_id"]}#{row_anchor(e["file"], e["line"])}"' in html
    assert 'href="/cities/san-francisco"' in html and "1975, 1976" in html
    assert data["facets"]["kind"]["sister"] == data["shown"] == len(data["rows"])


def test_facet_counts_on_the_page_match_the_rows_they_give(client: TestClient) -> None:
    html = client.get("/agreements", params={"kind": "sister", "lang": "en"}).text
    for code in ("AS", "EU", "OC"):
        # each choice is a link that keeps the other filters; its count is what it shows
        m = re.search(rf'<a href="(/agreements\?kind=sister&amp;continent={code})">[^<]*</a> '
                      r'<span class="count">(\d+)</span>', html)
        assert m, code
        chosen = client.get(unescape(m.group(1))).text
        assert len(page_rows(chosen)) == int(m.group(2)), code
        assert f'href="/agreements?kind=sister&amp;continent={code}" aria-current="true"' in chosen
    # Wellington's chinseon (Oceania) is among the sister cities
    oc = client.get("/agreements.json", params={"kind": "sister", "continent": "OC"}).json()
    assert "gn1835848--gn2179537/chinseon" in [r["id"] for r in oc["rows"]]


def test_the_page_speaks_korean(client: TestClient) -> None:
    html = client.get("/agreements", params={"lang": "ko", "continent": "OC"}).text
    assert '<html lang="ko">' in html
    assert ">웰링턴</a>" in html and "친선도시" in html and "오세아니아" in html
    assert "뉴질랜드" in html
    assert "Showing" not in html and "Any kind" not in html


@pytest.mark.parametrize(("query", "param"), [("since=abc", "since"), ("kind=twin", "kind"),
                                              ("continent=XX", "continent"),
                                              ("country=%3Cb%3E", "country")])
def test_invalid_filters_are_a_422_naming_the_parameter(client: TestClient, query: str,
                                                        param: str) -> None:
    r = client.get(f"/agreements.json?{query}")
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_parameter"
    assert r.json()["message"].startswith(f"{param}: ")
    page = client.get(f"/agreements?{query}")
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert f"{param}: " in unescape(page.text)
    assert "<b>" not in page.text
    assert client.get(f"/agreements.csv?{query}").status_code == 422


def test_json_is_the_page_data(client: TestClient) -> None:
    data: dict[str, Any] = client.get("/agreements.json").json()
    assert set(data) == {"filters", "total", "shown", "facets", "rows"}
    assert data["total"] == data["shown"] == len(data["rows"]) >= 60
    assert set(data["facets"]) == {"kind", "group", "decade", "continent", "country", "any"}
    assert all(r["partners"] for r in data["rows"])
