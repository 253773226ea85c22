"""The page in headless chromium, opened from file://: it draws, filters, switches, escapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from citygraph.graph.network.project import city_network
from citygraph.visuals.model import build_model
from citygraph.visuals.page import render_page

from ..browser import open_page
from .test_model import ID, SEOUL, XSS, tiny_graph

COLOURS = """() => {
  const canvas = document.querySelector("#network canvas");
  const ctx = canvas.getContext("2d");
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < pixels.length; i += 16) {
    seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  }
  return seen.size;
}"""


def opened(chromium: Any, tmp_path: Path, graph: Any, focus: str = SEOUL,
           **options: Any) -> tuple[Any, Any]:
    path = tmp_path / "visual.html"
    path.write_text(render_page(build_model(graph, focus, city_url="/cities/{key}", **options)),
                    encoding="utf-8")
    page, watch = open_page(chromium, path.as_uri())
    assert page.evaluate("window.citygraph.ready.then(() => true)")
    assert page.evaluate("document.body.dataset.ready") == "true"
    return page, watch


def test_bundled_geo_page_draws_korean(chromium: Any, tmp_path: Path, bundled_store: Any) -> None:
    page, watch = opened(chromium, tmp_path, city_network(bundled_store), ID + "gn1835848")
    assert page.locator("#network canvas").count() == 1
    assert page.evaluate("window.citygraph.visibleNodes()") > 40
    assert page.evaluate("document.fonts.check('16px sans-serif', '서울')")
    assert page.evaluate(COLOURS) > 50  # map, lines, dots and labels: not blank
    assert page.locator("#title").text_content() == "서울특별시의 글로벌 네트워크"
    legend = page.locator("#legend").text_content() or ""
    for label in ("자매도시", "우호도시", "양해각서", "공동 참여 포럼", "아시아", "유럽"):
        assert label in legend
    assert "양자 회담" not in legend  # no bilateral meeting in the data: no empty entry
    assert page.locator("#legend input[id^='kind-']").count() == 6
    watch.assert_clean()


def test_kinds_and_year_lower_the_visible_ties(chromium: Any, tmp_path: Path) -> None:
    page, watch = opened(chromium, tmp_path, tiny_graph())
    count = "window.citygraph.visibleEdges()"
    assert page.evaluate(count) == 7  # at the latest year the undated Berlin tie counts
    page.locator("#kind-sister").uncheck()
    assert page.evaluate(count) == 5
    page.locator("#year").fill("2000")  # only Paris (1991); Berlin (no year) is hidden now
    assert page.evaluate(count) == 1
    assert page.evaluate("window.citygraph.visibleNodes()") == 2
    page.locator("#undated").check()  # unless asked for
    assert page.evaluate(count) == 2
    page.evaluate("window.citygraph.setUndated(null)")
    page.evaluate("window.citygraph.setKinds(['other'])")
    assert page.evaluate(count) == 0
    page.evaluate("window.citygraph.setYear(1988)")
    assert page.evaluate(count) == 0
    page.evaluate("window.citygraph.setKinds(['sister', 'mou', 'other'])")
    page.evaluate("window.citygraph.setYear(2023)")
    assert page.evaluate(count) == 4 and page.locator("#kind-mou").is_checked()
    page.locator("#play").click()
    assert page.locator("#year-label").text_content() == "1988"
    page.locator("#play").click()
    watch.assert_clean()


def test_a_markup_label_stays_text(chromium: Any, tmp_path: Path) -> None:
    page, watch = opened(chromium, tmp_path, tiny_graph(XSS), lang="en")
    page.locator("#search").fill("<IMG src")  # case-folded
    assert page.locator("#search-result").text_content() == XSS
    assert page.evaluate("window.citygraph.network.getSelectedNodes()") == [ID + "lima"]
    tip = page.evaluate(f"window.citygraph.tooltip('{ID}lima').textContent")
    assert tip.startswith(XSS) and "Lee Kuan Yew Prize" in tip
    assert XSS in (page.locator("#labels").text_content() or "")  # the label, as text
    assert page.evaluate(f"window.citygraph.label('{ID}lima')") == XSS
    assert page.locator("img").count() == 0
    page.locator("#search").fill("웰링")  # Korean, by prefix
    assert page.locator("#search-result").text_content() == "Wellington"
    page.locator("#search").fill("welington")  # one letter off, as the site's search
    assert page.locator("#search-result").text_content() == "Wellington"
    watch.assert_clean()  # no dialog: alert(1) never ran


def test_language_switch_and_presentation(chromium: Any, tmp_path: Path) -> None:
    page, watch = opened(chromium, tmp_path, tiny_graph())
    label = f"window.citygraph.label('{ID}tokyo')"
    assert page.evaluate(label) == "도쿄"
    page.locator("#lang-en").click()
    assert page.evaluate(label) == "Tokyo"
    assert page.locator("#title").text_content() == "Seoul's global network"
    assert "Sister city" in (page.locator("#legend").text_content() or "")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("#present").click()  # no fullscreen in headless: must not fail
    assert page.evaluate("document.body.classList.contains('presenting')")
    page.evaluate("window.citygraph.setLang('ko')")
    assert page.evaluate(label) == "도쿄"
    # a click on a city pins its card and does not navigate from file:// (no link there)
    point = page.evaluate(f"""() => {{
      const n = window.citygraph.network, id = '{ID}tokyo';
      const p = n.canvasToDOM(n.getPositions([id])[id]);
      const r = document.getElementById("network").getBoundingClientRect();
      return {{x: p.x + r.left, y: p.y + r.top}}; }}""")
    url = page.url
    page.mouse.click(point["x"], point["y"])
    page.wait_for_timeout(100)
    assert page.url == url
    assert page.locator("#tip.pinned").is_visible() and page.locator("#tip a").count() == 0
    watch.assert_clean()


def test_force_layout_in_dark_stands_still(chromium: Any, tmp_path: Path) -> None:
    page, watch = opened(chromium, tmp_path, tiny_graph(), layout="force", theme="dark")
    assert page.evaluate("document.body.classList.contains('theme-dark')")
    assert page.evaluate("window.citygraph.visibleNodes()") == 7
    positions = "JSON.stringify(window.citygraph.network.getPositions())"
    before = page.evaluate(positions)
    page.wait_for_timeout(300)
    assert page.evaluate(positions) == before  # physics is off after stabilisation
    assert page.evaluate(COLOURS) > 20
    page.locator("#theme").click()
    assert page.evaluate("document.body.classList.contains('theme-light')")
    watch.assert_clean()


def test_the_legend_folds_and_the_map_takes_its_room(chromium: Any, tmp_path: Path,
                                                     bundled_store: Any) -> None:
    page, watch = opened(chromium, tmp_path, city_network(bundled_store), ID + "gn1835848",
                         lang="en")
    height = page.locator("#network").bounding_box()["height"]
    toggle = page.locator("#legend-toggle")
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert page.locator("#legend-toggle").get_attribute("aria-expanded") == "false"
    assert not page.locator("#legend input[id^='kind-']").first.is_visible()
    assert page.locator("#network").bounding_box()["height"] > height
    page.locator("#legend-toggle").click()
    assert page.locator("#legend input[id^='kind-']").first.is_visible()
    watch.assert_clean()


def test_a_kind_ticked_by_keyboard_keeps_the_focus(chromium: Any, tmp_path: Path) -> None:
    page, watch = opened(chromium, tmp_path, tiny_graph(), lang="en")
    before = page.evaluate("window.citygraph.visibleEdges()")
    page.locator("#kind-sister").focus()
    page.keyboard.press("Space")
    assert page.evaluate("window.citygraph.visibleEdges()") < before
    assert page.evaluate("document.activeElement.id") == "kind-sister"
    page.keyboard.press("Space")
    assert page.evaluate("window.citygraph.visibleEdges()") == before
    watch.assert_clean()


def test_framed_the_legend_starts_folded(chromium: Any, tmp_path: Path) -> None:
    path = tmp_path / "visual.html"
    path.write_text(render_page(build_model(tiny_graph(), SEOUL)), encoding="utf-8")
    page, watch = open_page(chromium, path.as_uri() + "?embed=1")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert page.locator("#legend-toggle").get_attribute("aria-expanded") == "false"
    watch.assert_clean()
