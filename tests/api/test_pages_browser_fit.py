"""Pages people can trust, in a real chromium: they fit the screen, lead with what matters,
and work with the network cut off.

Before these pages were reworked, the sources page was 1,263 px wide on a 390 px
phone and the agreements and events tables pushed their pages sideways; the city
page's first screen held names, coordinates and ids; ``/docs`` was blank offline.
"""

from __future__ import annotations

from typing import Any

import pytest

from ..browser import open_page

PAGES = (
    "/", "/search?q=%EC%9B%B0%EB%A7%81", "/cities/wellington", "/cities/seoul",
    "/cities/san-francisco", "/agreements", "/agreements?group=sister&continent=EU",
    "/events", "/events/wcsmf-12", "/timeline", "/sources", "/sources/wcsmf-2023-seoul.ko",
    "/sources/url-5ccfb24ac2c9", "/query", "/visual", "/downloads", "/id/place/gn2179537",
    "/ontology", "/docs", "/cities/atlantis",
)
SCREENS = ((1366, 768), (390, 844))


@pytest.mark.e2e
@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_page_is_wider_than_the_screen(site: str, chromium: Any, width: int, height: int,
                                          lang: str) -> None:
    wide = []
    for path in PAGES:
        sep = "&" if "?" in path else "?"
        page, _ = open_page(chromium, f"{site}{path}{sep}lang={lang}", width=width,
                            height=height)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if scroll > inner:
            wide.append((path, scroll))
        page.context.close()
    assert not wide, f"wider than {width} px: {wide}"


@pytest.mark.e2e
def test_wellingtons_first_screen_names_the_tie(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/cities/wellington?lang=ko", width=1366,
                            height=768)
    tie = page.locator(".rel").first
    box = tie.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 768, box
    text = tie.inner_text()
    assert "친선도시" in text and "2023-09-26부터" in text
    assert "2016-07 / 2016-08 우호도시에서 격상" in text
    assert "서울시, 뉴질랜드 웰링턴과 '친선도시 격상' 협약 · 더팩트 · 2023-09-26" in text
    # names and identifiers come after the ties
    assert page.locator("#facts-h").bounding_box()["y"] > 768  # type: ignore[index]
    watch.assert_clean()


@pytest.mark.e2e
def test_the_api_docs_render_with_the_network_cut_off(site: str, chromium: Any) -> None:
    # open_page blocks (and records) every request that is not to 127.0.0.1
    page, watch = open_page(chromium, f"{site}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("citygraph")
    assert page.locator(".opblock").count() > 20
    watch.assert_clean()
