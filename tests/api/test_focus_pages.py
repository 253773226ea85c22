"""Another city's office: with CITYGRAPH_FOCUS=wellington the pages are about Wellington."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.settings import Settings
from citygraph.graph.store.embedded import OxigraphStore


@pytest.fixture(scope="module")
def wellington(built_home: Path, bundled_store: OxigraphStore) -> Iterator[TestClient]:
    settings = Settings.from_env({}, home=built_home, focus="wellington")
    with TestClient(create_app(settings, store=bundled_store)) as c:
        yield c


def test_the_pages_follow_the_focus_city(wellington: TestClient) -> None:
    assert "<h1>City partnerships of Wellington</h1>" in wellington.get("/?lang=en").text
    assert "Relationship with Wellington" in wellington.get("/cities/seoul?lang=en").text
    agreements = wellington.get("/agreements.json").json()
    # Wellington's own agreements: the 2016 friendship with Seoul and its 2023 upgrade
    assert [(r["kind"]["code"], [p["id"] for p in r["partners"]]) for r in agreements["rows"]] == [
        ("friendship", ["seoul"]), ("chinseon", ["seoul"])]
    assert "<title>Wellington&#39;s global network</title>" in wellington.get(
        "/visual?lang=en").text
