"""``/visual``: the network page served by the API, with the CLI's options."""


import pytest
from fastapi.testclient import TestClient

from ..browser import open_page


def test_page_is_self_contained(client: TestClient) -> None:
    r = client.get("/visual", params={"lang": "en", "layout": "force"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp
    assert "Seoul" in r.text and "/cities/{key}" not in r.text
    assert "/cities/" in r.text  # each city links to its page


def test_options_change_the_page(client: TestClient) -> None:
    everything = client.get("/visual").text
    sisters = client.get("/visual", params={"kinds": "sister"}).text
    early = client.get("/visual", params={"as_of": 1990}).text
    assert len(sisters) < len(everything) and len(early) < len(everything)


@pytest.mark.parametrize(("params", "status", "needle"), [
    ({"layout": "round"}, 422, "layout"),
    ({"kinds": "cousin"}, 422, "cousin"),
    ({"as_of": "soon"}, 422, "as_of"),
    ({"focus": "atlantis"}, 404, "atlantis"),
])
def test_bad_parameters_answer_json_or_the_error_page(
        client: TestClient, params: dict[str, str], status: int, needle: str) -> None:
    r = client.get("/visual.json", params=params)
    assert r.status_code == status
    assert needle in r.json()["message"]
    page = client.get("/visual", params=params, headers={"Accept": "text/html"})
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert needle in page.text


def test_another_city_at_the_centre(client: TestClient) -> None:
    r = client.get("/visual", params={"focus": "wellington", "lang": "en"})
    assert r.status_code == 200 and "Wellington" in r.text


WELLINGTON = "https://w3id.org/citygraph/id/place/gn2179537"


CITY_AT = """id => { const n = window.citygraph.network;
  const p = n.canvasToDOM(n.getPositions([id])[id]);
  const r = document.getElementById("network").getBoundingClientRect();
  return {x: p.x + r.left, y: p.y + r.top}; }"""


@pytest.mark.e2e
def test_clicking_a_city_opens_its_card_and_its_page(site: str, chromium) -> None:
    page, watch = open_page(chromium, f"{site}/visual?lang=en")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert page.evaluate("window.citygraph.visibleEdges()") > 30
    at = page.evaluate(CITY_AT, WELLINGTON)
    page.mouse.click(at["x"], at["y"])
    card = page.locator("#tip.pinned")
    assert card.is_visible() and "Wellington" in card.inner_text()
    with page.expect_navigation():
        card.get_by_role("link", name="Open the city's page").click()
    assert page.url == f"{site}/cities/wellington"
    assert "Wellington" in page.locator("h1").inner_text()
    watch.assert_clean()


@pytest.mark.e2e
def test_a_click_in_the_home_pages_network_opens_the_city_in_the_whole_window(
        site: str, chromium) -> None:
    page, watch = open_page(chromium, f"{site}/?lang=en", width=1366, height=900)
    frame_element = page.locator("iframe.network-frame")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_function("document.body.dataset.ready === 'true'")
    at = frame.evaluate(CITY_AT, WELLINGTON)
    box = frame_element.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    assert page.url == f"{site}/cities/wellington"  # the top window, not the frame
    assert page.locator("iframe.network-frame").count() == 0
    assert "Wellington" in page.locator("h1").inner_text()
    watch.assert_clean()


@pytest.mark.e2e
def test_the_visual_links_home_in_the_sites_language(site: str, chromium) -> None:
    page, watch = open_page(chromium, f"{site}/?lang=en")  # sets the site's cookie
    page.goto(f"{site}/visual")  # as the navigation's "Network" link does
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert page.url.endswith("/visual?lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#title").inner_text() == "Seoul's global network"
    home = page.locator("#home-link")
    assert home.is_visible() and home.inner_text() == "← Home"
    page.locator("#lang-ko").click()  # the page's switch carries to the site
    assert home.inner_text() == "← 홈"
    with page.expect_navigation():
        home.click()
    assert page.url == f"{site}/"
    assert page.evaluate("document.documentElement.lang") == "ko"
    watch.assert_clean()


@pytest.mark.parametrize(("cookie", "accept", "lang"), [
    ("en", "ko-KR,ko;q=0.9", "en"), (None, "ko-KR,ko;q=0.9", "ko"), (None, "", "en"),
    ("ko", "en-US", "ko"),
])
def test_without_lang_the_visual_follows_the_cookie_then_the_browser(
        client: TestClient, cookie: str | None, accept: str, lang: str) -> None:
    client.cookies.clear()
    if cookie:
        client.cookies.set("citygraph_lang", cookie)
    r = client.get("/visual", params={"layout": "force"}, headers={"Accept-Language": accept},
                   follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == f"/visual?layout=force&lang={lang}"
    page = client.get(r.headers["location"])
    assert f'<html lang="{lang}">' in page.text
    assert 'id="home-link" href="/"' in page.text
    assert page.cookies.get("citygraph_lang") == lang
    client.cookies.clear()


def test_the_visual_as_json(client: TestClient) -> None:
    data = client.get("/visual.json", params={"lang": "en"}).json()
    assert data == client.get("/visual", params={"lang": "en"},
                              headers={"accept": "application/json"}).json()
    wellington = next(n for n in data["nodes"] if n["key"] == "wellington")
    assert wellington["url"] == "/cities/wellington" and wellington["facts"]
    kinds = {e["category"] for e in data["edges"] if "gn2179537" in e["target"] + e["source"]}
    assert kinds == {"friendship", "sister", "forum"}
