"""What a person sees, in chromium: the card, presentation mode, the slide, the timeline.

Each check reads the page as drawn: computed styles, boxes on the screen, the
lines vis-network draws (not only the text the script builds).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from citygraph.graph.network.project import city_network
from citygraph.graph.read.search import build_index
from citygraph.visuals.model import build_model
from citygraph.visuals.page import render_page

from ..browser import open_page
from .test_model import ID, SEOUL, tiny_graph

FOCUS = ID + "gn1835848"
WELLINGTON = ID + "gn2179537"
AT = """id => { const n = window.citygraph.network;
  const p = n.canvasToDOM(n.getPositions([id])[id]);
  const r = document.getElementById("network").getBoundingClientRect();
  return {x: p.x + r.left, y: p.y + r.top}; }"""
SEEN = """sel => { const e = document.querySelector(sel); if (!e) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const events = e.style.pointerEvents;  // a hover card lets the mouse through: look anyway
  e.style.pointerEvents = "auto";
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  e.style.pointerEvents = events;
  return {visibility: s.visibility, display: s.display, opacity: Number(s.opacity),
          left: r.left, top: r.top, right: r.right, bottom: r.bottom,
          width: window.innerWidth, height: window.innerHeight,
          onTop: Boolean(hit && e.contains(hit))}; }"""
LABELS = """() => Array.from(document.querySelectorAll("#labels .label")).filter(
  e => !e.hidden).map(e => { const r = e.getBoundingClientRect(); return {
  text: e.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
  size: parseFloat(getComputedStyle(e).fontSize)}; })"""
CONTROLS = """() => Array.from(document.querySelectorAll(
  "button, input, select, output, textarea, #controls")).filter(e => {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== "hidden"; }).map(e => e.id || e.tagName)"""


def write(tmp_path: Path, model: Any, name: str = "visual.html") -> str:
    path = tmp_path / name
    path.write_text(render_page(model), encoding="utf-8")
    return path.as_uri()


def ready(page: Any) -> None:
    page.wait_for_function("document.body.dataset.ready === 'true'")
    page.wait_for_timeout(150)  # a refit after the first frame settles


@pytest.fixture(scope="module")
def network(bundled_store: Any) -> Any:
    return city_network(bundled_store)


def assert_seen(page: Any, selector: str) -> dict[str, Any]:
    box = page.evaluate(SEEN, selector)
    assert box is not None, selector
    assert box["visibility"] == "visible" and box["display"] != "none" and box["opacity"] > 0.9
    assert 0 <= box["left"] < box["right"] <= box["width"], box
    assert 0 <= box["top"] < box["bottom"] <= box["height"], box
    assert box["onTop"], f"{selector} is covered"
    return box


def overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 and \
                    a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5:
                found.append((a["text"], b["text"]))
    return found


@pytest.mark.parametrize(("layout", "lang", "theme"), [("geo", "ko", "light"),
                                                      ("force", "en", "dark")])
def test_the_card_is_seen_on_hover_with_ties_dates_and_sources(
        chromium: Any, tmp_path: Path, network: Any, layout: str, lang: str, theme: str) -> None:
    model = build_model(network, FOCUS, layout=layout, lang=lang, theme=theme)
    page, watch = open_page(chromium, write(tmp_path, model))
    ready(page)
    at = page.evaluate(AT, WELLINGTON)
    page.mouse.move(at["x"], at["y"])
    page.wait_for_selector("#tip:not([hidden])")
    assert_seen(page, "#tip")
    text = page.locator("#tip").inner_text()
    assert ("웰링턴" if lang == "ko" else "Wellington") in text
    assert ("관계 3건" if lang == "ko" else "3 ties") in text  # parallel ties counted
    assert "2016-07" in text and "2023-09" in text  # the friendship, then the upgrade
    assert "news.tf.co.kr" in text  # a source of the friendship
    page.mouse.move(5, 5)
    page.wait_for_selector("#tip", state="hidden")
    page.mouse.click(at["x"], at["y"])  # a click pins the card
    page.mouse.move(5, 5)
    assert_seen(page, "#tip")
    page.keyboard.press("Escape")
    assert page.locator("#tip").is_hidden()
    watch.assert_clean()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_presentation_hides_the_controls_and_no_labels_overlap(
        chromium: Any, tmp_path: Path, network: Any, width: int, height: int) -> None:
    page, watch = open_page(chromium, write(tmp_path, build_model(network, FOCUS)),
                            width=width, height=height)
    ready(page)
    assert page.evaluate(CONTROLS)  # the controls are there before
    page.evaluate("window.citygraph.present(true)")
    page.wait_for_timeout(300)
    assert page.evaluate(CONTROLS) == []
    labels = page.evaluate(LABELS)
    assert len(labels) >= 25, [b["text"] for b in labels]
    assert overlaps(labels) == []
    area = page.locator("#network").bounding_box()
    for b in labels:  # inside the map's cell, not under the title or the legend
        assert area["x"] - 1 <= b["x0"] and b["x1"] <= area["x"] + area["width"] + 1, b
        assert area["y"] - 1 <= b["y0"] and b["y1"] <= area["y"] + area["height"] + 1, b
        assert b["size"] >= 0.025 * height, b
    assert labels[0]["text"] == "서울특별시"  # the most important first
    for selector in ("#title", "#subtitle", "#legend", "#footer"):
        assert_seen(page, selector)
    assert page.locator("#legend input").count() == 0
    page.keyboard.press("c")  # a key shows the controls
    assert "present" in page.evaluate(CONTROLS)
    page.keyboard.press("c")
    assert page.evaluate(CONTROLS) == []
    watch.assert_clean()


@pytest.mark.parametrize(("lang", "theme"), [("ko", "light"), ("en", "dark")])
def test_the_slide_has_a_title_a_footer_and_labels_for_the_room(
        chromium: Any, tmp_path: Path, network: Any, lang: str, theme: str) -> None:
    model = build_model(network, FOCUS, lang=lang, theme=theme)
    page, watch = open_page(chromium, write(tmp_path, model) + "?export=1",
                            width=1920, height=1080)
    ready(page)
    assert page.evaluate(CONTROLS) == []
    title = assert_seen(page, "#title")
    assert page.locator("#title").inner_text().startswith("서울특별시" if lang == "ko" else "Seoul")
    assert title["bottom"] - title["top"] >= 45
    subtitle = page.locator("#subtitle").inner_text()
    assert ("2023년 기준" if lang == "ko" else "As of 2023") in subtitle
    assert_seen(page, "#footer")
    footer = page.locator("#footer").inner_text()
    assert ("출처 54건" if lang == "ko" else "Sources 54 documents") in footer
    assert "mediahub.seoul.go.kr" in footer and "2024" in footer and "Natural Earth" in footer
    labels = page.evaluate(LABELS)
    assert len(labels) >= 25 and overlaps(labels) == []
    assert min(b["y1"] - b["y0"] for b in labels) >= 27
    assert min(b["size"] for b in labels) >= 27
    legend = page.locator("#legend").inner_text()
    assert "(0)" not in legend and ("양자 회담" not in legend) and "Bilateral" not in legend
    assert page.locator("#legend input").count() == 0
    # projector contrast: the land stands out from the sea in both themes
    palette = page.evaluate("window.citygraph.palette()")
    assert contrast(palette["land"], palette["sea"]) >= 1.45
    watch.assert_clean()


def test_the_4k_slide_is_composed_for_its_size(chromium: Any, tmp_path: Path,
                                               network: Any) -> None:
    page, watch = open_page(chromium, write(tmp_path, build_model(network, FOCUS)) + "?export=1",
                            width=3840, height=2160)
    ready(page)
    labels = page.evaluate(LABELS)
    assert len(labels) >= 25 and overlaps(labels) == []
    assert min(b["size"] for b in labels) >= 54  # 2.5 % of the height, as at 1080
    title = page.evaluate(SEEN, "#title")
    assert title["bottom"] - title["top"] >= 90
    watch.assert_clean()


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


DRAWN_UNDATED = """() => window.citygraph.drawnEdges().filter(
  id => window.citygraph.edge(id).year === null).length"""
DRAWN_LATER = """y => window.citygraph.drawnEdges().filter(
  id => (window.citygraph.edge(id).year || 0) > y).length"""


def test_at_1990_no_undated_tie_is_drawn_unless_asked(chromium: Any, tmp_path: Path,
                                                       network: Any) -> None:
    page, watch = open_page(chromium, write(tmp_path, build_model(network, FOCUS, lang="en")))
    ready(page)
    assert page.locator("#year").input_value() == "2023"  # the latest agreement, not the prize
    assert page.locator("#year-min").inner_text() == "1968"
    assert page.locator("#year-max").inner_text() == "2024"
    assert page.locator("#year-ticks option").count() == 6  # 1970 ... 2020
    assert page.evaluate(DRAWN_UNDATED) == 11  # today they exist: drawn, faint
    sisters = page.locator("#legend [data-category=sister] .count").inner_text()
    page.locator("#year").fill("1990")
    assert page.evaluate(DRAWN_UNDATED) == 0
    assert page.evaluate(DRAWN_LATER, 1990) == 0
    assert not page.locator("#undated").is_checked()
    assert "As of 1990" in page.locator("#subtitle").inner_text()
    assert "11 undated not shown" in page.locator("#subtitle").inner_text()
    assert int(page.locator("#legend [data-category=sister] .count").inner_text()) < int(sisters)
    page.locator("#undated").check()  # the switch brings them back
    assert page.evaluate(DRAWN_UNDATED) == 11
    page.locator("#play").click()  # the growth replayed, the year shown large
    assert page.locator("#year-big").is_visible()
    assert page.locator("#year-big").inner_text() == "1968"
    assert page.evaluate(DRAWN_UNDATED) == 0  # a year was set: undated off unless asked
    page.locator("#play").click()
    watch.assert_clean()


def test_parallel_ties_are_drawn_apart(chromium: Any, tmp_path: Path, network: Any) -> None:
    page, watch = open_page(chromium, write(tmp_path, build_model(network, FOCUS)))
    ready(page)
    lanes = page.evaluate("""id => window.citygraph.drawnEdges().filter(e => {
        const t = window.citygraph.edge(e); return t.source === id || t.target === id; })
      .map(e => window.citygraph.lane(e))""", WELLINGTON)
    assert len(lanes) == 3
    assert sum(1 for lane in lanes if not lane) == 1  # one straight, two curved apart
    curved = [lane for lane in lanes if lane]
    assert {lane["type"] for lane in curved} == {"curvedCW", "curvedCCW"}
    watch.assert_clean()


def test_no_city_sits_outside_the_map(chromium: Any, tmp_path: Path, network: Any) -> None:
    page, watch = open_page(chromium, write(tmp_path, build_model(network, FOCUS)))
    ready(page)
    area = page.locator("#network").bounding_box()
    ids = page.evaluate("Array.from(window.citygraph.network.body.nodeIndices)")
    for node in ids:
        at = page.evaluate(AT, node)
        assert area["x"] <= at["x"] <= area["x"] + area["width"], node
        assert area["y"] <= at["y"] <= area["y"] + area["height"], node
    watch.assert_clean()


QUERIES = ["welington", "wellingtn", "웰링톤", "웰리", "wel", "taipie", "sao paulo", "bueno aires",
           "mosow", "도쿄", "londn", "베를린", "hokaido"]


def test_the_pages_search_forgives_as_the_sites_does(chromium: Any, tmp_path: Path,
                                                     network: Any, bundled_store: Any) -> None:
    model = build_model(network, FOCUS, lang="en")
    page, watch = open_page(chromium, write(tmp_path, model))
    ready(page)
    index = build_index(bundled_store)
    places = {n.id for n in model.nodes}
    for query in QUERIES:
        site = [hit.iri for hit in index.search(query, 50, types=("City", "Region"))
                if hit.iri in places]
        found = page.evaluate("q => window.citygraph.search(q)", query)
        assert site, query
        assert found == site[0], (query, found, site[:3])
    watch.assert_clean()


def test_a_tiny_network_in_presentation_labels_every_city(chromium: Any, tmp_path: Path) -> None:
    page, watch = open_page(chromium, write(tmp_path, build_model(tiny_graph(), SEOUL)),
                            width=1920, height=1080)
    ready(page)
    page.evaluate("window.citygraph.present(true)")
    page.wait_for_timeout(300)
    texts = {b["text"] for b in page.evaluate(LABELS)}
    assert {"서울", "도쿄", "웰링턴", "파리", "베를린", "로마", "Lima"} <= texts
    # Lima has no coordinates: it stands in the labelled strip, its tie counted, not drawn
    assert page.evaluate("window.citygraph.visibleEdges()") == 7
    drawn = page.evaluate("window.citygraph.drawnEdges().map(id => window.citygraph.edge(id))")
    assert len(drawn) == 6 and all(ID + "lima" not in (e["source"], e["target"]) for e in drawn)
    watch.assert_clean()
