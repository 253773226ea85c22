"""The page as text: self-contained, the JSON island round-trips, labels are escaped."""

from __future__ import annotations

import json
import re

import pytest

from citygraph.visuals.model import build_model
from citygraph.visuals.page import json_island, model_data, render_page

from .test_model import SEOUL, XSS, tiny_graph

ISLAND = re.compile(r'<script type="application/json" id="citygraph-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def odd_page() -> str:
    return render_page(build_model(tiny_graph(XSS + "</script><script>alert(2)</script>"), SEOUL))


def test_no_request_leaves_the_page(odd_page: str) -> None:
    attributes = re.findall(r"""\b(?:src|href|action|srcset)\s*=\s*["']?([^"'\s>]+)""", odd_page)
    assert not [a for a in attributes if re.match(r"(?i)(https?:)?//", a)], attributes
    assert not re.search(r"(?i)@import|url\(\s*['\"]?(https?:)?//", odd_page)
    assert "<link" not in odd_page and "<script src" not in odd_page
    assert "default-src 'none'" in odd_page  # the CSP refuses any fetch
    assert odd_page.startswith("<!doctype html>") and '<meta charset="utf-8">' in odd_page


def test_json_island_round_trips(odd_page: str) -> None:
    model = build_model(tiny_graph(XSS + "</script><script>alert(2)</script>"), SEOUL)
    islands = ISLAND.findall(odd_page)
    assert len(islands) == 1
    assert json.loads(islands[0]) == json.loads(json.dumps(model_data(model)))
    assert json.loads(json_island(["\u2028<&>\u2029"])) == ["\u2028<&>\u2029"]
    assert "\u2028" not in json_island(["\u2028"])


def test_labels_cannot_break_out(odd_page: str) -> None:
    island = ISLAND.findall(odd_page)[0]
    assert "<" not in island and ">" not in island and "&" not in island.replace("\\u0026", "")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in island
    assert "<img" not in odd_page
    assert odd_page.count("</script>") == 6  # the island, vis-network, our four


def test_title_lang_and_theme() -> None:
    page = render_page(build_model(tiny_graph(), SEOUL, lang="en", theme="dark",
                                   layout="force"))
    assert '<html lang="en">' in page and 'class="theme-dark"' in page
    assert "<title>Seoul&#39;s global network</title>" in page
    korean = render_page(build_model(tiny_graph(), SEOUL))
    assert "<title>서울의 글로벌 네트워크</title>" in korean
    for needle in ('id="legend"', 'id="year"', 'id="search"', 'id="play"', 'id="present"'):
        assert needle in korean
