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


@pytest.mark.e2e
def test_clicking_a_city_opens_its_page(site: str, chromium) -> None:
    page, watch = open_page(chromium, f"{site}/visual?lang=en")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert page.evaluate("window.citygraph.visibleEdges()") > 30
    at = page.evaluate("id => { const n = window.citygraph.network; "
                       "return n.canvasToDOM(n.getPositions([id])[id]); }", WELLINGTON)
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert page.url == f"{site}/cities/wellington"
    assert "Wellington" in page.locator("h1").inner_text()
    watch.assert_clean()


def test_the_visual_as_json(client: TestClient) -> None:
    data = client.get("/visual.json", params={"lang": "en"}).json()
    assert data == client.get("/visual", params={"lang": "en"},
                              headers={"accept": "application/json"}).json()
    wellington = next(n for n in data["nodes"] if n["key"] == "wellington")
    assert wellington["url"] == "/cities/wellington" and wellington["facts"]
    kinds = {e["category"] for e in data["edges"] if "gn2179537" in e["target"] + e["source"]}
    assert kinds == {"friendship", "sister", "forum"}
