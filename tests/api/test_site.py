"""The pages' shared machinery (``api/pages/site.py``): JSON twins, language, names, errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from citygraph.api.pages.site import (
    LANG_COOKIE,
    pick_name,
    source_href,
    source_label,
    strip_json,
)
from citygraph.graph.read import Evidence, Kind, Ref

PAGE = "/cities/wellington"



def h1(html: str) -> str:
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


# -- HTML or JSON ------------------------------------------------------------------------------


def test_a_json_path_answers_the_pages_data(client: TestClient) -> None:
    r = client.get(f"{PAGE}.json")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["city"]["name_ko"] == "웰링턴"


def test_accept_json_answers_json_and_accept_html_the_page(client: TestClient) -> None:
    as_json = client.get(PAGE, headers={"accept": "application/json"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == client.get(f"{PAGE}.json").json()
    assert "Accept" in as_json.headers["vary"]
    as_html = client.get(PAGE, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert as_html.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in as_html.headers
    # the page names its JSON twin
    assert f'<link rel="alternate" type="application/json" href="{PAGE}.json">' in as_html.text


def test_the_home_pages_twin_is_index_json(client: TestClient) -> None:
    html = client.get("/", headers={"accept-language": "en"}).text
    assert 'href="/index.json"' in html
    assert client.get("/index.json").json()["figures"]["agreements"]["count"] > 0


# -- language ----------------------------------------------------------------------------------


def test_lang_parameter_wins_and_is_kept_in_a_cookie(client: TestClient) -> None:
    client.cookies.clear()
    r = client.get(PAGE, params={"lang": "ko"}, headers={"accept-language": "en"})
    assert '<html lang="ko">' in r.text
    assert h1(r.text).startswith("웰링턴")
    assert f"{LANG_COOKIE}=ko" in r.headers["set-cookie"]
    # the cookie keeps the language on the next page, without ?lang=
    again = client.get("/search", headers={"accept-language": "en"})
    assert '<html lang="ko">' in again.text
    client.cookies.clear()


def test_without_cookie_accept_language_decides_then_english(client: TestClient) -> None:
    client.cookies.clear()
    korean = client.get(PAGE, headers={"accept-language": "ko-KR,ko;q=0.9,en;q=0.5"})
    assert '<html lang="ko">' in korean.text
    assert "set-cookie" not in korean.headers
    english = client.get(PAGE, headers={"accept-language": "fr-FR"})
    assert '<html lang="en">' in english.text
    assert h1(english.text).startswith("Wellington")


def test_the_cookie_beats_accept_language_and_lang_beats_the_cookie(client: TestClient) -> None:
    client.cookies.clear()
    client.cookies.set(LANG_COOKIE, "ko")
    assert '<html lang="ko">' in client.get(PAGE, headers={"accept-language": "en"}).text
    r = client.get(PAGE, params={"lang": "en"})
    assert '<html lang="en">' in r.text
    assert f"{LANG_COOKIE}=en" in r.headers["set-cookie"]
    client.cookies.clear()


def test_the_language_switch_links_keep_the_query(client: TestClient) -> None:
    html = client.get("/search", params={"q": "seoul"}, headers={"accept-language": "en"}).text
    assert 'href="/search?q=seoul&amp;lang=ko"' in html


# -- names and sources -------------------------------------------------------------------------


def test_pick_name_prefers_the_pages_language_then_the_other() -> None:
    seoul = Ref("seoul", "x", "City", "Seoul", "서울특별시")
    assert pick_name(seoul, "ko") == "서울특별시"
    assert pick_name(seoul, "en") == "Seoul"
    assert pick_name(Ref("kyiv", "x", None, "Kyiv", None), "ko") == "Kyiv"
    assert pick_name(Ref("only-ko", "x", None, None, "서울"), "en") == "서울"
    assert pick_name(Kind("sister", "x", "sister city", "자매도시"), "ko") == "자매도시"
    assert pick_name({"name_en": "", "name_ko": None, "id": "x1"}, "en") == "x1"


def test_source_href_points_at_the_span_or_the_row_or_the_document() -> None:
    span = Evidence("https://w3id.org/citygraph/id/source/doc.en", "doc.en", start=10, end=42)
    row = Evidence("https://example.org/a", "url-1", file="partners/agreements.csv", line=31)
    bare = Evidence("https://example.org/b", "url-2")
    assert source_href(span) == "/sources/doc.en#span-10-42"
    assert source_href(row) == "/sources/url-1#row-partners-agreements-csv-31"
    assert source_href(bare) == "/sources/url-2"


def test_source_label_is_a_documents_key_or_a_sites_host() -> None:
    assert source_label("https://www.sfseoul.com/about") == "sfseoul.com"
    assert source_label("https://w3id.org/citygraph/id/source/doc.en") == "doc.en"


def test_strip_json() -> None:
    assert strip_json("wellington.json") == ("wellington", True)
    assert strip_json("wcsmf-2023-seoul.ko") == ("wcsmf-2023-seoul.ko", False)


# -- errors ------------------------------------------------------------------------------------


def test_an_unknown_city_is_a_404_page_in_html(client: TestClient) -> None:
    r = client.get("/cities/atlantis", headers={"accept-language": "en"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert h1(r.text) == "Not available"
    assert "no city or region has the id &#39;atlantis&#39;" in r.text
    assert 'href="/"' in r.text


def test_an_unknown_city_is_a_json_error_for_json(client: TestClient) -> None:
    for r in (client.get("/cities/atlantis.json"),
              client.get("/cities/atlantis", headers={"accept": "application/json"})):
        assert r.status_code == 404
        assert r.json() == {"error": "not_found",
                            "message": "no city or region has the id 'atlantis'"}


def test_error_pages_explain_in_the_pages_language(client: TestClient) -> None:
    ko = client.get("/cities/atlantis", params={"lang": "ko"})
    assert ko.status_code == 404
    assert "이 주소에는 페이지나 항목이 없습니다." in ko.text and "atlantis" in ko.text
    en = client.get("/agreements", params={"since": "soon", "lang": "en"})
    assert en.status_code == 422 and "A value in the address is not valid." in en.text
